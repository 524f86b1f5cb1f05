"""Compile a request :class:`~flowsmith.planner.frame.Frame` into a workflow, recursively.

* every step becomes one node (a branch one IF, one Switch or a chain of IFs; a loop a Loop
  node whose ``loop`` output runs its steps and whose ``done`` output continues);
* a case's steps hang off the branch output of its condition, so an action the request
  made conditional sits behind that condition; a case without steps, and a branch without
  an ``otherwise`` case, pass their items on, so a step after a branch joins every path
  that reaches it;
* a service the catalog has becomes its app node (``resource``, ``operation`` and the
  operation's required fields, placeholders named in the assumptions); one it lacks an
  HTTP Request named for it.

Returns the workflow and the assumptions (in the request's language). Pure.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.planner.frame import (
    Approval,
    Branch,
    Condition,
    CoreStep,
    Frame,
    Loop,
    Respond,
    ServiceStep,
    Step,
    Think,
    Transform,
    Trigger,
    Wait,
    walk,
)
from flowsmith.planner.nodes import Ids, make, schedule_name, schedule_params
from flowsmith.planner.schedule import Schedule
from flowsmith.planner.services import ServiceIndex, field_value, index_of
from flowsmith.planner.text import Lang, pick, slug

__all__ = ["compile_frame", "frame_title"]

ALL_JSON = "{{ JSON.stringify($json) }}"
_OPS = {
    "eq": "equals",
    "ne": "not_equals",
    "gt": "greater_than",
    "gte": "greater_than",
    "lt": "less_than",
    "lte": "less_than",
    "contains": "contains",
    "is_empty": "is_empty",
    "not_empty": "is_not_empty",
    "is_true": "is_true",
    "is_false": "is_false",
    "category": "equals",
}
_SWITCHABLE = frozenset(_OPS) - {"gte", "lte"}
End = tuple[str, str]  # (node id, output)


@dataclass
class _State:
    catalog: Catalog
    index: ServiceIndex
    lang: Lang
    title: str
    ids: Ids = field(default_factory=Ids)
    nodes: list[Node] = field(default_factory=list)
    conns: list[Connection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    text: str = ALL_JSON  # the expression of the text the current item carries
    request: str = ""  # the user's words (for values a trigger needs: a repository, a board)
    last: Node | None = None

    def add(self, node: Node, feeds: list[End]) -> Node:
        self.nodes.append(node)
        for src, out in feeds:
            self.conns.append(Connection(from_node=src, from_output=out, to_node=node.id))
        self.last = node
        return node

    def note(self, en: str, zh: str) -> None:
        text = pick(self.lang, en, zh)
        if text not in self.notes:
            self.notes.append(text)


def compile_frame(
    frame: Frame, title: str | None = None, catalog: Catalog | None = None
) -> tuple[Workflow, list[str]]:
    """The workflow ``frame`` describes and the assumptions made while filling it in."""
    catalog = catalog or load_catalog()
    lang = frame.lang
    st = _State(
        catalog=catalog,
        index=index_of(catalog),
        lang=lang,
        title=title or frame_title(frame, catalog),
    )
    st.request = " ".join(
        s.phrase for s in walk(frame.steps) if isinstance(getattr(s, "phrase", None), str)
    )
    trig = _trigger(st, frame.trigger, responds=_responds(frame.steps))
    _steps(st, frame.steps, [(trig.id, "main")])
    wf = Workflow(name=st.title, nodes=st.nodes, connections=st.conns)
    return wf, st.notes


def _responds(steps: tuple[Step, ...]) -> bool:
    from flowsmith.planner.frame import walk

    return any(isinstance(s, Respond) for s in walk(steps))


# --- trigger ------------------------------------------------------------------------------------


def _trigger(st: _State, t: Trigger, responds: bool) -> Node:
    lang = st.lang
    if t.kind == "schedule":
        sched = (
            Schedule.model_validate(t.params) if t.params else Schedule(kind="interval", minutes=60)
        )
        if t.params.get("assumed"):
            st.note(
                "Checks for new items every hour (no schedule was named)",
                "每小时检查一次新数据（未指定频率）",
            )
        return st.add(
            make(
                st.ids,
                "schedule",
                schedule_name(sched, lang),
                "schedule_trigger",
                schedule_params(sched),
            ),
            [],
        )
    if t.kind == "app_event" and t.app and st.catalog.get(f"{t.app}_trigger") is not None:
        app = st.index.apps[t.app]
        assert app.triggers is not None
        event = t.event if t.event in app.triggers.events else next(iter(app.triggers.events))
        ev = app.triggers.events[event]
        st.text = ALL_JSON
        name = f"{app.display_name}: {ev.description.rstrip('.')}"
        if lang == "zh" and ev.names.zh:
            name = f"{app.display_name}：{ev.names.zh[0]}"
        params: dict[str, Any] = {"event": event}
        placeheld: list[str] = []
        for fname in app.triggers.required:
            field_ = app.triggers.fields.get(fname)
            frag = field_.schema_fragment() if field_ is not None else {"type": "string"}
            value, guessed = field_value(
                fname, frag, t.phrase + " " + st.request, ALL_JSON, st.title
            )
            params[fname] = t.params.get(fname, value)
            if guessed and fname not in t.params:
                placeheld.append(fname)
        if placeheld:
            st.note(
                f"{app.display_name} trigger: set " + ", ".join(placeheld) + " (placeholders)",
                f"{app.display_name} 触发器：请设置 " + "、".join(placeheld) + "（占位符）",
            )
        return st.add(make(st.ids, f"{t.app}_{event}", name, f"{t.app}_trigger", params), [])
    if t.kind == "app_event":
        params = {"app": t.app or "app", "event": t.event or "event"}
        return st.add(
            make(
                st.ids,
                f"{t.app}_event",
                pick(lang, "App event", "应用事件"),
                "app_event_trigger",
                params,
            ),
            [],
        )
    if t.kind == "webhook":
        params = {
            "path": slug(st.title, "incoming").replace("_", "-"),
            "method": "POST",
        }
        if responds:
            params["response_mode"] = "response_node"
        st.text = "{{ JSON.stringify($json.body) }}"
        return st.add(
            make(
                st.ids,
                "webhook",
                pick(lang, "Incoming webhook", "收到 Webhook 请求"),
                "webhook_trigger",
                params,
            ),
            [],
        )
    if t.kind == "email":
        st.text = "{{ $json.text }}"
        return st.add(
            make(
                st.ids,
                "email_received",
                pick(lang, "Email received", "收到邮件"),
                "email_trigger",
                {"mailbox": "INBOX", "filter": "UNSEEN"},
            ),
            [],
        )
    if t.kind == "form":
        fields = [
            {"label": "Name", "type": "text", "required": True},
            {"label": "Email", "type": "email", "required": True},
            {"label": "Message", "type": "textarea", "required": True},
        ]
        st.note(
            "The form asks for name, email and message; edit its fields as needed",
            "表单默认包含姓名、邮箱和留言字段，可按需修改",
        )
        return st.add(
            make(
                st.ids,
                "form",
                pick(lang, "Form submitted", "表单提交"),
                "form_trigger",
                {"title": st.title, "fields": fields},
            ),
            [],
        )
    if t.kind == "rss":
        url = t.params.get("url") or "https://example.com/feed.xml"
        if "url" not in t.params:
            st.note(
                "Feed URL is a placeholder: set your feed", "订阅源地址为占位符，请替换为你的订阅源"
            )
        st.text = "{{ $json.content }}"
        return st.add(
            make(
                st.ids,
                "rss_feed",
                pick(lang, "New feed item", "订阅源新内容"),
                "rss_trigger",
                {"url": url, "poll_minutes": 15},
            ),
            [],
        )
    if t.kind == "chat":
        st.text = "{{ $json.chatInput }}"
        return st.add(
            make(
                st.ids,
                "chat",
                pick(lang, "Chat message", "聊天消息"),
                "chat_trigger",
                {"public": False},
            ),
            [],
        )
    if t.kind == "error":
        st.text = "{{ $json.execution.error.message }}"
        return st.add(
            make(
                st.ids,
                "on_error",
                pick(lang, "When a workflow fails", "工作流失败时"),
                "error_trigger",
                {},
            ),
            [],
        )
    st.note("Starts manually (no trigger was named)", "手动触发（未指定触发方式）")
    return st.add(
        make(st.ids, "manual", pick(lang, "Run manually", "手动运行"), "manual_trigger", {}), []
    )


# --- steps ----------------------------------------------------------------------------------------


def _steps(st: _State, steps: tuple[Step, ...], feeds: list[End]) -> list[End]:
    """Chain ``steps`` from ``feeds``; the ends the next step joins.

    A write (a message, a new record) does not change the item the request talks about:
    the steps after it read the same item, so consecutive writes fan out from one feed
    ("send the lead to Slack and add it to HubSpot": HubSpot gets the lead, not Slack's
    reply). A step list that ends on writes ends where its data ended."""
    for step in steps:
        before_text = st.text
        ends = _step(st, step, feeds)
        if _writes(st, step):
            st.text = before_text
            continue
        feeds = ends
    return feeds


def _writes(st: _State, step: Step) -> bool:
    if isinstance(step, ServiceStep):
        return (
            not _reads(step.operation or "get")
            if step.app in st.index.apps
            else ((step.operation or "get") not in ("get", "getAll", "read", "list", "search"))
        )
    if isinstance(step, CoreStep):
        if step.subtype == "http_request":
            method: str = step.params.get("method", "GET")
            return method != "GET"
        spec = st.catalog.get(step.subtype)
        return (
            spec is not None
            and spec.family is NodeFamily.EXTERNAL_ACTION
            and not any(w in step.subtype for w in ("read", "query", "get"))
        )
    return isinstance(step, Respond)


def _step(st: _State, step: Step, feeds: list[End]) -> list[End]:
    if isinstance(step, ServiceStep):
        return _one(st, _service(st, step), feeds)
    if isinstance(step, CoreStep):
        return _one(st, _core(st, step), feeds)
    if isinstance(step, Transform):
        return _one(st, _transform(st, step), feeds)
    if isinstance(step, Think):
        return _one(st, _think(st, step), feeds)
    if isinstance(step, Wait):
        amount, unit = _duration(step.seconds)
        node = make(
            st.ids,
            "wait",
            pick(st.lang, f"Wait {amount} {unit}", f"等待 {amount} {unit}"),
            "wait",
            {"mode": "interval", "amount": amount, "unit": unit},
        )
        return _one(st, node, feeds)
    if isinstance(step, Respond):
        node = make(
            st.ids,
            "respond",
            pick(st.lang, "Respond to webhook", "响应 Webhook"),
            "webhook_response",
            {"respond_with": "json", "body": {"ok": True}, "status_code": 200},
        )
        return _one(st, node, feeds)
    if isinstance(step, Branch):
        return _branch(st, step, feeds)
    if isinstance(step, Loop):
        node = st.add(
            make(
                st.ids,
                "loop",
                pick(st.lang, "For each item", "逐个处理"),
                "loop",
                {"batch_size": 1},
            ),
            feeds,
        )
        ends = _steps(st, step.steps, [(node.id, "loop")])
        for src, out in ends:
            if src != node.id:
                st.conns.append(Connection(from_node=src, from_output=out, to_node=node.id))
        return [(node.id, "done")]
    if isinstance(step, Approval):
        return _approval(st, step, feeds)
    return feeds


def _one(st: _State, node: Node, feeds: list[End]) -> list[End]:
    st.add(node, feeds)
    return [(node.id, "main")]


def _duration(seconds: float) -> tuple[int, str]:
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds >= size and seconds % size == 0:
            return int(seconds // size), unit
    return max(1, int(seconds)), "seconds"


def _label(st: _State, phrase: str) -> str:
    return (phrase.strip()[:1].upper() + phrase.strip()[1:80]) if phrase.strip() else st.title


def _service(st: _State, step: ServiceStep) -> Node:
    if step.app is not None and step.app in st.index.apps and step.resource and step.operation:
        app = st.index.apps[step.app]
        op = app.operation(step.resource, step.operation)
        if op is not None:
            label = st.title
            params, placeheld = st.index.fill(
                step.app, step.resource, step.operation, step.phrase, st.text, label
            )
            params.update({k: v for k, v in step.params.items() if k in op.fields})
            if placeheld:
                st.note(
                    f"{app.display_name} {step.operation}: set "
                    + ", ".join(placeheld)
                    + " (placeholders)",
                    f"{app.display_name} {step.operation}：请设置 "
                    + "、".join(placeheld)
                    + "（占位符）",
                )
            res_name = (
                app.resources[step.resource].names.zh
                if st.lang == "zh"
                else app.resources[step.resource].names.en
            )
            what = res_name[0] if res_name else step.resource
            name = f"{app.display_name}: {step.operation} {what}"
            node = make(
                st.ids,
                f"{slug(step.operation)}_{step.app}",
                name,
                step.app,
                {"resource": step.resource, "operation": step.operation, **params},
            )
            if _reads(step.operation):
                st.text = ALL_JSON
            return node
    service = step.service or "service"
    op_key = step.operation or "get"
    method = (
        "GET"
        if op_key in ("get", "getAll", "read", "list", "search")
        else ("DELETE" if op_key == "delete" else "PATCH" if op_key == "update" else "POST")
    )
    url = f"https://api.example.com/{slug(service, 'service').replace('_', '-')}"
    st.note(
        f"The catalog has no {service} node: an HTTP Request ({method}) to a placeholder URL "
        "stands in; set its real API address and credentials",
        f"节点目录中没有 {service}：用 HTTP 请求（{method}）代替，请填入它真实的 API 地址和凭据",
    )
    http: dict[str, Any] = {"url": url, "method": method}
    if method != "GET":
        http["body"] = {"data": st.text}
    node = make(
        st.ids, f"{slug(op_key)}_{slug(service)}", f"{service}: {op_key}", "http_request", http
    )
    return node


def _reads(operation: str) -> bool:
    k = operation.lower()
    return k.startswith("get") or k in ("read", "list", "search", "download", "query", "history")


def _core(st: _State, step: CoreStep) -> Node:
    spec = st.catalog.get(step.subtype) or st.catalog.get("http_request")
    assert spec is not None
    lang = st.lang
    params: dict[str, Any] = dict(step.params)
    if spec.subtype == "http_request":
        url = params.get("url") or "https://api.example.com/data"
        method = params.get("method", "GET")
        st.text = ALL_JSON
        name = pick(lang, f"HTTP {method} {url}"[:100], f"HTTP {method} 请求 {url}"[:100])
        return make(
            st.ids,
            "http_request",
            name,
            "http_request",
            {
                "url": url,
                "method": method,
                **({"body": {"data": ALL_JSON}} if method != "GET" else {}),
            },
        )
    if spec.subtype == "send_email":
        if "to" not in params:
            params["to"] = "you@example.com"
            st.note(
                "Email goes to you@example.com: set your address",
                "邮件发送到 you@example.com，请改为你的邮箱",
            )
        params.setdefault("subject", st.title)
        params.setdefault("body", st.text)
        return make(
            st.ids, "send_email", pick(lang, "Send email", "发送邮件"), "send_email", params
        )
    props = spec.parameters.get("properties", {})
    placeheld: list[str] = []
    for name in spec.required_parameters:
        if name in params:
            continue
        value, guessed = field_value(name, props.get(name, {}), step.phrase, st.text, st.title)
        params[name] = value
        if guessed:
            placeheld.append(name)
    if placeheld:
        st.note(
            f"{spec.display_name}: set " + ", ".join(placeheld) + " (placeholders)",
            f"{spec.display_name}：请设置 " + "、".join(placeheld) + "（占位符）",
        )
    return make(st.ids, spec.subtype, spec.display_name, spec.subtype, params)


def _transform(st: _State, step: Transform) -> Node:
    lang, p = st.lang, step.params
    if step.kind == "limit":
        n = int(p.get("max_items", 10))
        return make(
            st.ids,
            "limit",
            pick(lang, f"Keep the first {n}", f"保留前 {n} 条"),
            "limit",
            {"max_items": n, "keep": "first"},
        )
    if step.kind == "aggregate":
        op = p.get("operation", "sum")
        fld = p.get("field", "amount")
        st.text = f"{{{{ $json.{op}_{fld} }}}}"
        if "field" not in p or fld == "amount":
            st.note(
                f"The {op} is over the field “{fld}”: rename it to your column",
                f"{op} 针对字段 “{fld}”，请改为你的列名",
            )
        return make(
            st.ids,
            "aggregate",
            pick(lang, f"{op.title()} of {fld}", f"{fld} 的 {op}"),
            "aggregate",
            {"operations": [{"field": fld, "operation": op, "output_field": f"{op}_{fld}"}]},
        )
    if step.kind == "dedupe":
        return make(
            st.ids,
            "remove_duplicates",
            pick(lang, "Remove duplicates", "去重"),
            "remove_duplicates",
            {},
        )
    if step.kind == "sort":
        fld = p.get("field", "date")
        return make(
            st.ids,
            "sort",
            pick(lang, f"Sort by {fld}", f"按 {fld} 排序"),
            "sort",
            {"fields": [{"field": fld, "order": "desc"}]},
        )
    if step.kind == "split":
        return make(
            st.ids,
            "split_out",
            pick(lang, "Split out items", "拆分条目"),
            "split_out",
            {"field": p.get("field", "items")},
        )
    if step.kind == "filter":
        cond = p.get("condition")
        rules = (
            [_rule(cond)[0]]
            if isinstance(cond, Condition)
            else [{"left": "{{ $json.value }}", "operator": "is_not_empty"}]
        )
        return make(
            st.ids,
            "filter",
            pick(lang, "Filter", "筛选"),
            "filter",
            {"conditions": rules, "combine": "and"},
        )
    if step.kind == "template":
        return make(
            st.ids,
            "text_template",
            pick(lang, "Format text", "格式化文本"),
            "text_template",
            {"template": p.get("template", st.text)},
        )
    if step.kind == "code":
        return make(
            st.ids,
            "code",
            pick(lang, "Code", "代码"),
            "code",
            {"language": "javascript", "code": "return $input.all();"},
        )
    return make(
        st.ids,
        "set_fields",
        pick(lang, "Set fields", "设置字段"),
        "set_fields",
        {"fields": p.get("fields") or {"text": st.text}},
    )


def _think(st: _State, step: Think) -> Node:
    lang, p, text = st.lang, step.params, st.text
    if step.kind == "classify":
        cats = p.get("categories") or ["urgent", "normal"]
        if not p.get("categories"):
            st.note(
                "Categories: urgent, normal (none were named)", "分类：urgent、normal（未指定类别）"
            )
        st.text = text
        return make(
            st.ids,
            "classify",
            pick(lang, "Classify", "分类"),
            "text_classifier",
            {"input_text": text, "categories": [{"name": c} for c in cats]},
        )
    if step.kind == "summarise":
        st.text = "{{ $json.summary }}"
        return make(
            st.ids, "summarize", pick(lang, "Summarise", "总结"), "summarizer", {"input_text": text}
        )
    if step.kind == "extract":
        fields = p.get("fields") or ["value"]
        if not p.get("fields"):
            st.note(
                "Extracts a field “value”: name the fields you need",
                "提取字段 “value”：请改为你需要的字段",
            )
        return make(
            st.ids,
            "extract",
            pick(lang, "Extract fields", "提取字段"),
            "information_extractor",
            {"input_text": text, "attributes": [{"name": f, "type": "string"} for f in fields]},
        )
    if step.kind == "sentiment":
        return make(
            st.ids,
            "sentiment",
            pick(lang, "Sentiment", "情感分析"),
            "sentiment_analysis",
            {"input_text": text},
        )
    if step.kind == "translate":
        language = p.get("language", "english")
        st.text = "{{ $json.text }}"
        return make(
            st.ids,
            "translate",
            pick(lang, f"Translate to {language}", f"翻译成{language}"),
            "llm_chat",
            {"prompt": f"Translate to {language}: {text}"},
        )
    st.text = "{{ $json.text }}"
    prompt = p.get("prompt") or step.phrase or "Answer"
    return make(
        st.ids,
        "llm",
        pick(lang, "Ask the AI", "AI 处理"),
        "llm_chat",
        {"prompt": f"{prompt}\n\n{text}"},
    )


# --- branches -------------------------------------------------------------------------------------


def _ref(name: str) -> str:
    """An expression for item field ``name`` ("price" -> {{ $json.price }}, "预算" -> bracket)."""
    name = name.strip() or "value"
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return f"{{{{ $json.{name} }}}}"
    return "{{ $json[" + json.dumps(name, ensure_ascii=False) + "] }}"


def _rule(cond: Condition) -> tuple[dict[str, Any], bool]:
    """An IF rule for ``cond`` and whether its outputs are swapped (not_contains)."""
    left = _ref(cond.field)
    if cond.op == "not_contains":
        return {"left": left, "operator": "contains", "right": str(cond.value or "")}, True
    op = _OPS.get(cond.op, "equals")
    rule: dict[str, Any] = {"left": left, "operator": op}
    if op in ("equals", "not_equals", "greater_than", "less_than", "contains"):
        value = cond.value if cond.value is not None else ""
        if cond.op == "gte" and isinstance(value, (int, float)):
            value = value - 1 if isinstance(value, int) else value
        if cond.op == "lte" and isinstance(value, (int, float)):
            value = value + 1 if isinstance(value, int) else value
        rule["right"] = value
    return rule, False


def _if_params(st: _State, cond: Condition) -> tuple[dict[str, Any], bool]:
    if cond.op == "failed":
        if st.last is not None and st.last.subtype not in ("if", "switch"):
            st.last.on_error = "continue"
        rules = [
            {"left": "{{ $json.error }}", "operator": "is_not_empty"},
            {"left": "{{ $json.statusCode }}", "operator": "greater_than", "right": 399},
        ]
        return {"conditions": rules, "combine": "or"}, False
    rule, swapped = _rule(cond)
    return {"conditions": [rule], "combine": "and"}, swapped


def _cond_label(st: _State, cond: Condition) -> str:
    words = {"eq": "=", "ne": "≠", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}
    if cond.op in words:
        return f"{cond.field} {words[cond.op]} {cond.value}"
    if cond.op == "failed":
        return pick(st.lang, "Failed or down?", "失败或宕机？")
    if cond.op in ("contains", "not_contains"):
        neg = "not " if cond.op == "not_contains" else ""
        return pick(
            st.lang,
            f"{cond.field} {neg}contains “{cond.value}”",
            f"{cond.field}{'不' if neg else ''}包含“{cond.value}”",
        )
    if cond.op == "category":
        return pick(st.lang, f"Category is {cond.value}", f"类别为 {cond.value}")
    return f"{cond.field} {cond.op.replace('_', ' ')}"


def _branch(st: _State, branch: Branch, feeds: list[End]) -> list[End]:
    conds = [c for c in branch.cases if c.condition is not None]
    other = next((c for c in branch.cases if c.condition is None), None)
    if not conds:
        return _steps(st, other.steps if other else (), feeds)
    if len(conds) >= 2 and _switchable(conds):
        return _switch(st, conds, other, feeds)
    ends: list[End] = []
    for i, case in enumerate(conds):
        assert case.condition is not None
        params, swapped = _if_params(st, case.condition)
        base = f"is_{case.condition.value}" if case.condition.op == "category" else "if"
        node = st.add(make(st.ids, base, _cond_label(st, case.condition), "if", params), feeds)
        yes, no = ("false", "true") if swapped else ("true", "false")
        saved = st.text
        ends += _steps(st, case.steps, [(node.id, yes)])
        st.text = saved
        feeds = [(node.id, no)]
        if i == len(conds) - 1:
            ends += _steps(st, other.steps, feeds) if other else feeds
    return ends


def _switchable(cases: list[Any]) -> bool:
    fields = {c.condition.field for c in cases}
    return (
        len(fields) == 1 and len(cases) <= 4 and all(c.condition.op in _SWITCHABLE for c in cases)
    )


def _switch(st: _State, cases: list[Any], other: Any, feeds: list[End]) -> list[End]:
    fld = cases[0].condition.field
    rules = []
    for c in cases:
        rule, _ = _rule(c.condition)
        r: dict[str, Any] = {"operator": rule["operator"]}
        if "right" in rule:
            r["value"] = rule["right"]
        rules.append(r)
    name = pick(st.lang, f"Route by {fld}", f"按 {fld} 分流")
    node = st.add(
        make(st.ids, "route", name, "switch", {"field": _ref(fld), "rules": rules}),
        feeds,
    )
    ends: list[End] = []
    saved = st.text
    for i, case in enumerate(cases):
        ends += _steps(st, case.steps, [(node.id, f"output_{i}")])
        st.text = saved
    ends += _steps(st, other.steps, [(node.id, "fallback")]) if other else [(node.id, "fallback")]
    return ends


def _approval(st: _State, step: Approval, feeds: list[End]) -> list[End]:
    lang = st.lang
    if step.channel == "slack":
        node = make(
            st.ids,
            "approval",
            pick(lang, "Ask for approval in Slack", "Slack 审批"),
            "approval_slack",
            {"channel": "#approvals", "message": st.text},
        )
        st.note("Approval is asked in #approvals", "审批发送到 #approvals 频道")
    else:
        node = make(
            st.ids,
            "approval",
            pick(lang, "Ask for approval", "请求审批"),
            "approval_email",
            {
                "to": "manager@example.com",
                "subject": pick(lang, "Approval needed", "需要审批"),
                "message": st.text,
            },
        )
        st.note("Approval goes to manager@example.com", "审批邮件发送到 manager@example.com")
    st.add(node, feeds)
    ends = _steps(st, step.approved, [(node.id, "approved")])
    if step.rejected:
        ends += _steps(st, step.rejected, [(node.id, "rejected")])
    return ends


# --- titles ---------------------------------------------------------------------------------------


def frame_title(frame: Frame, catalog: Catalog | None = None) -> str:
    """A short title: what starts it and the services it uses."""
    from flowsmith.planner.frame import walk

    catalog = catalog or load_catalog()
    idx = index_of(catalog)
    names: list[str] = []
    t = frame.trigger
    if t.kind == "app_event" and t.app in idx.apps:
        names.append(idx.apps[t.app].display_name)
    for step in walk(frame.steps):
        name = None
        if isinstance(step, ServiceStep):
            name = idx.apps[step.app].display_name if step.app in idx.apps else step.service
        elif isinstance(step, CoreStep):
            spec = catalog.get(step.subtype)
            name = (
                pick(frame.lang, "Email", "邮件")
                if step.subtype == "send_email"
                else (
                    _host(step.params.get("url"))
                    if step.subtype == "http_request"
                    else spec.display_name
                    if spec
                    else None
                )
            )
        if name and name not in names:
            names.append(name)
    if not names:
        return pick(frame.lang, "Automation", "自动化流程")
    return " → ".join(names[:4])


def _host(url: object) -> str:
    """ "https://status.example.com/x" -> "status.example.com" (titles name what is called)."""
    m = re.match(r"https?://([^/:?#]+)", str(url or ""))
    return m.group(1) if m else "HTTP"
