"""Catalog-wide operation sweep: does the offline planner pick the right service, resource
and operation for every operation every catalog app offers?

    .venv/bin/python bench/eval_planner/ops_sweep.py              # both halves, summary
    .venv/bin/python bench/eval_planner/ops_sweep.py --half tune --worst 20 --failures
    .venv/bin/python bench/eval_planner/ops_sweep.py --json out.json

For every app and every (resource, operation) it offers, three request sentences are written
from fixed templates whose words come only from the catalog (the app's display name and
Chinese name, the resource's and the operation's own names, else their keys split into
words) and from the small fixed verb tables below, never from planner code:

* ``en_schedule``: "Every morning, <op verb> <resource words> in <App>"  (schedule trigger)
* ``en_webhook``: "When a webhook is called, <op verb> a <resource> in <App>"  (webhook)
* ``zh_schedule``: "每天早上在<App中文名><操作中文><资源中文>"  (schedule trigger)

Each sentence goes through ``decide`` and ``build`` (pure functions, no server). A sentence
is right when the built workflow has a node of the app with that resource and operation
*and* the expected trigger. The templates and tables were fixed (committed) before the
sweep was first run; there is no randomness (``TEMPLATE_SEED`` only documents that).

Apps are split into two halves by a fixed hash of the app key (``half_of``): fixes were
tuned on ``tune`` only; ``heldout`` is reported separately.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.catalog.apps import App
from flowsmith.planner.offline import build, decide

TEMPLATE_SEED = 0  # the templates are deterministic; kept to say so in reports
TEMPLATES = ("en_schedule", "en_webhook", "zh_schedule")
TRIGGER_OF = {
    "en_schedule": "schedule_trigger",
    "en_webhook": "webhook_trigger",
    "zh_schedule": "schedule_trigger",
}

# the operation keys nearly every app shares, said the plain way (a fixed sweep table)
_EN_VERB = {
    "create": "create",
    "get": "get",
    "getAll": "get all",
    "update": "update",
    "delete": "delete",
}
_ZH_VERB = {
    "create": "创建",
    "get": "获取",
    "getAll": "获取所有",
    "update": "更新",
    "delete": "删除",
}
# the first word of any other operation key, in Chinese (a fixed sweep table)
_ZH_WORD = {
    "add": "添加",
    "analyze": "分析",
    "append": "追加",
    "archive": "归档",
    "broadcast": "广播",
    "cancel": "取消",
    "change": "修改",
    "classify": "分类",
    "clear": "清空",
    "close": "关闭",
    "comment": "评论",
    "complete": "完成",
    "copy": "复制",
    "create": "创建",
    "delete": "删除",
    "detect": "检测",
    "dispatch": "触发",
    "download": "下载",
    "edit": "编辑",
    "email": "发邮件",
    "execute": "执行",
    "generate": "生成",
    "get": "获取",
    "history": "获取历史",
    "infer": "推理",
    "insert": "插入",
    "invite": "邀请",
    "like": "点赞",
    "list": "列出",
    "lock": "锁定",
    "lookup": "查找",
    "merge": "合并",
    "message": "发消息",
    "move": "移动",
    "pop": "弹出",
    "post": "发布",
    "process": "处理",
    "publish": "发布",
    "push": "推送",
    "query": "查询",
    "quiet": "静默",
    "remove": "移除",
    "rename": "重命名",
    "reply": "回复",
    "reschedule": "改期",
    "reset": "重置",
    "restart": "重启",
    "retweet": "转推",
    "role": "角色",
    "safe": "安全",
    "search": "搜索",
    "select": "查询",
    "send": "发送",
    "set": "设置",
    "share": "分享",
    "ship": "发货",
    "transcribe": "转写",
    "translate": "翻译",
    "trigger": "触发",
    "update": "更新",
    "upload": "上传",
    "upsert": "创建或更新",
}


@dataclass(frozen=True)
class Case:
    app: str
    resource: str
    operation: str
    template: str
    sentence: str
    trigger: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    kind: str  # the decision's kind
    node: bool  # a node of the app with the resource and operation
    trigger_ok: bool
    got: list[str]  # "app.resource.operation" of every app node built

    @property
    def right(self) -> bool:
        return self.node and self.trigger_ok


def half_of(app_key: str) -> str:
    """``tune`` or ``heldout``: a fixed hash of the app key, never of anything tuned."""
    return "tune" if hashlib.sha256(app_key.encode()).digest()[0] % 2 == 0 else "heldout"


def key_words(key: str) -> list[str]:
    """``getByEmail`` -> ``["get", "by", "email"]``; ``pull_request`` -> two words."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).replace("_", " ")
    return [w.lower() for w in spaced.split()]


def plural(phrase: str) -> str:
    words = phrase.split()
    last = words[-1]
    if re.search(r"(s|x|ch|sh)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return " ".join([*words[:-1], last])


def en_verb(okey: str, names: list[str]) -> str:
    return names[0] if names else _EN_VERB.get(okey, " ".join(key_words(okey)))


def zh_verb(okey: str, names: list[str]) -> str:
    if names:
        return names[0]
    if okey in _ZH_VERB:
        return _ZH_VERB[okey]
    words = key_words(okey)
    head = _ZH_WORD.get(words[0], words[0])
    return head + "".join(w for w in words[1:] if w not in ("by", "all"))


def _spaced(sentence: str) -> str:
    return re.sub(r"\s+", " ", sentence)


def cases_of(app: App) -> Iterator[Case]:
    zh_app = app.names.zh[0] if app.names.zh else app.display_name
    for rkey, res in app.resources.items():
        noun = res.names.en[0] if res.names.en else " ".join(key_words(rkey))
        zh_noun = res.names.zh[0] if res.names.zh else " ".join(key_words(rkey))
        for okey, op in res.operations.items():
            verb = en_verb(okey, op.names.en)
            many = okey == "getAll"
            obj = plural(noun) if many else noun
            article = "" if many else ("an " if noun[:1] in "aeiou" else "a ")
            if re.search(rf"\b{re.escape(noun)}\b", verb):  # "draft" a draft: said once
                obj, article = "", ""
            zverb = zh_verb(okey, op.names.zh)
            zobj = "" if zh_noun in zverb else zh_noun
            sentences = {
                "en_schedule": _spaced(f"Every morning, {verb} {obj} in {app.display_name}"),
                "en_webhook": _spaced(
                    f"When a webhook is called, {verb} {article}{obj} in {app.display_name}"
                ),
                "zh_schedule": f"每天早上在{zh_app}{zverb}{zobj}",
            }
            for template in TEMPLATES:
                yield Case(app.app, rkey, okey, template, sentences[template], TRIGGER_OF[template])


def all_cases(half: str | None = None) -> list[Case]:
    out: list[Case] = []
    for app in sorted(load_catalog().apps, key=lambda a: a.app):
        if half is None or half_of(app.app) == half:
            out.extend(cases_of(app))
    return out


def sample(step: int = 3) -> list[Case]:
    """Every ``step``-th operation of the catalog (both halves, catalog order), with all its
    templates: the fixed sample the regression test runs."""
    ops = list(dict.fromkeys((c.app, c.resource, c.operation) for c in all_cases()))
    keep = set(ops[::step])
    return [c for c in all_cases() if (c.app, c.resource, c.operation) in keep]


def run_case(case: Case) -> Outcome:
    decision = decide(case.sentence, [], None)
    if decision.kind != "generate" or decision.request is None:
        return Outcome(case, decision.kind, False, False, [])
    wf = build(decision.request, None)
    got = [
        f"{n.subtype}.{n.parameters.get('resource')}.{n.parameters.get('operation')}"
        for n in wf.nodes
        if "resource" in n.parameters or "operation" in n.parameters
    ]
    want = f"{case.app}.{case.resource}.{case.operation}"
    trigger_ok = any(n.subtype == case.trigger for n in wf.nodes)
    return Outcome(case, decision.kind, want in got, trigger_ok, got)


def score(outcomes: list[Outcome]) -> dict[str, Any]:
    by_app: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_app[o.case.app].append(o)

    def share(items: list[Outcome], attr: str) -> float:
        return sum(bool(getattr(o, attr)) for o in items) / len(items) if items else 0.0

    per_app = {a: round(share(os_, "right"), 3) for a, os_ in sorted(by_app.items())}
    per_template = {
        t: round(share([o for o in outcomes if o.case.template == t], "right"), 3)
        for t in TEMPLATES
    }
    return {
        "sentences": len(outcomes),
        "right": sum(o.right for o in outcomes),
        "share_right": round(share(outcomes, "right"), 3),
        "share_node": round(share(outcomes, "node"), 3),
        "share_trigger": round(share(outcomes, "trigger_ok"), 3),
        "apps": len(by_app),
        "apps_all_right": sum(1 for v in per_app.values() if v == 1.0),
        "per_template": per_template,
        "per_app": per_app,
    }


def _report(name: str, s: dict[str, Any], worst: int) -> None:
    print(
        f"{name}: {s['right']}/{s['sentences']} right ({s['share_right']:.1%}); "
        f"node {s['share_node']:.1%}, trigger {s['share_trigger']:.1%}; "
        f"{s['apps_all_right']}/{s['apps']} apps all right"
    )
    print("  per template: " + ", ".join(f"{t} {v:.1%}" for t, v in s["per_template"].items()))
    ranked = sorted(s["per_app"].items(), key=lambda kv: (kv[1], kv[0]))[:worst]
    print("  worst apps: " + ", ".join(f"{a} {v:.0%}" for a, v in ranked))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--half", choices=["tune", "heldout", "both"], default="both")
    p.add_argument("--worst", type=int, default=10)
    p.add_argument("--failures", action="store_true", help="print every wrong sentence")
    p.add_argument("--app", action="append", help="only these apps")
    p.add_argument("--json", help="write every outcome and the scores here")
    args = p.parse_args(argv)
    halves = ["tune", "heldout"] if args.half == "both" else [args.half]
    results: dict[str, Any] = {"template_seed": TEMPLATE_SEED}
    every: list[Outcome] = []
    for half in halves:
        cases = [c for c in all_cases(half) if not args.app or c.app in args.app]
        outcomes = [run_case(c) for c in cases]
        every += outcomes
        s = score(outcomes)
        results[half] = s
        _report(half, s, args.worst)
        if args.failures:
            for o in outcomes:
                if not o.right:
                    flag = "" if o.trigger_ok else " [trigger]"
                    print(
                        f"    {o.case.app}.{o.case.resource}.{o.case.operation} "
                        f"{o.case.sentence!r} -> {o.kind} {o.got}{flag}"
                    )
    if len(halves) == 2:
        _report("overall", score(every), args.worst)
    if args.json:
        results["outcomes"] = [
            {
                **asdict(o.case),
                "kind": o.kind,
                "node": o.node,
                "trigger": o.trigger_ok,
                "got": o.got,
            }
            for o in every
        ]
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
