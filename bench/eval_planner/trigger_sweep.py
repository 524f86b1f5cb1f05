"""Catalog-wide trigger sweep: when a request starts on an app's event, does the offline
planner start the workflow on that app's trigger (and that event, and that kind of change)?

    .venv/bin/python bench/eval_planner/trigger_sweep.py                 # table by template
    .venv/bin/python bench/eval_planner/trigger_sweep.py --apps --failures
    .venv/bin/python bench/eval_planner/trigger_sweep.py --json out.json

A *unit* is one thing an app's trigger fires on: an event without kinds, or one kind of a
change event (Trello ``changed`` / ``card_created``). Its words come only from the catalog:

* the noun: an English name "new <noun>" of the unit (``new order`` -> ``order``) and a
  Chinese name "新<名词>" (``新订单`` -> ``订单``);
* the verb: an English name said as someone's act ("places an order", "stars my repo": a
  first word ending in -s followed by a/an/the/my/on/to) and a Chinese name "有人<动词>";
* the app: its display name (a parenthesis dropped) and its first Chinese name written in
  Chinese characters only (else the display name).

Each template below is filled with those words and ends with a Slack or email step; a
template whose word the unit lacks is skipped for it. A sentence is right when the built
workflow has a trigger node of the app (``<app>_trigger`` or ``app_event_trigger`` with the
app) on the unit's event (any event of the app with the same noun counts, since the words
cannot tell them apart) and, for a kind, a filter keeping the kind's ``match`` values.

The templates are fixed; there is no randomness. Apps split into two halves by a fixed hash
of the app key (``half_of``), reported separately.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.catalog.apps import App, Names
from flowsmith.planner.offline import build, decide

# English templates: {app}, {noun}, {nouns} (plural), {a} (article), {verb} (someone's act)
EN: dict[str, str] = {
    "en_comes_in": "When a new {noun} comes in on {app}, post it to Slack",
    "en_for_every": "For every new {app} {noun}, post a message to Slack",
    "en_arrow": "new {app} {noun} -> post it to Slack",
    "en_someone": "Each time someone {verb} on {app}, post it to Slack",
    "en_as_soon": "As soon as there is a new {noun} in {app}, email me the details",
    "en_whenever": "Whenever {app} gets a new {noun}, send a Slack message to #ops",
    "en_on_new": "On every new {noun} in {app}, notify #ops on Slack",
    "en_implied": "{app} {noun} over $200: email me",
    "en_details": "Email me the {app} {noun} details if it's over $200",
    "en_post_new": "Post new {app} {nouns} to Slack",
    "en_each_after": "Send me an email for each new {noun} in {app}",
    "en_subject": "New {app} {nouns} should go to the #ops Slack channel",
    "en_we_get": "When we get a new {noun} on {app}, email me",
    "en_state": "When a {thing} is {done} in {app}, post it to Slack",
}
# Chinese templates: {app}, {noun}, {verb}
ZH: dict[str, str] = {
    "zh_every": "每当{app}有新{noun}，就发到Slack",
    "zh_came": "{app}来了新{noun}就发到Slack",
    "zh_once": "{app}一有新{noun}就发邮件给我",
    "zh_received": "收到{app}的新{noun}后，发一条Slack消息",
    "zh_someone": "{app}上有人{verb}时，发Slack通知我",
    "zh_appears": "只要{app}出现新的{noun}，就通知Slack",
    "zh_each": "对每个新的{app}{noun}，发一条Slack消息",
    "zh_implied": "{app}{noun}超过200元的，发邮件给我",
    "zh_object": "把{app}的新{noun}发到Slack",
    "zh_notify": "{app}新{noun}通知到Slack",
    "zh_have": "有新的{app}{noun}时发Slack消息",
    "zh_state": "{app}{change}时，发Slack通知我",
}
TEMPLATES: tuple[str, ...] = (*EN, *ZH)
# the unit's word a template needs (its key after the language), else the noun
_WORD = {"someone": "verb", "state": "state"}

_VERB_NAME = re.compile(r"^([a-z]+(?<!ss)(?<!us)s)\s+(?:a|an|the|my|our|on|to)\b")


@dataclass(frozen=True)
class Unit:
    app: str
    event: str
    kind: str | None
    match: dict[str, Any]
    noun: str | None
    zh_noun: str | None
    verb: str | None
    zh_verb: str | None
    state: tuple[str, str] | None  # "order placed" -> ("order", "placed")
    zh_state: str | None  # a Chinese name of the change that is no "新…" ("订单取消")


@dataclass(frozen=True)
class Case:
    unit: Unit
    template: str
    sentence: str
    events: tuple[str, ...]  # the events that count as right


@dataclass
class Outcome:
    case: Case
    right: bool
    got: list[str] = field(default_factory=list)  # "subtype:event" of each trigger node


def half_of(app_key: str) -> str:
    """``tune`` or ``heldout``: a fixed hash of the app key, never of anything tuned."""
    return "tune" if hashlib.sha256(app_key.encode()).digest()[0] % 2 == 0 else "heldout"


def plural(noun: str) -> str:
    words = noun.split()
    last = words[-1]
    if re.search(r"(s|x|ch|sh)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return " ".join([*words[:-1], last])


def _noun(names: Names) -> str | None:
    return next((n[4:] for n in names.en if n.startswith("new ") and len(n) > 4), None)


def _zh_noun(names: Names) -> str | None:
    return next((n[1:] for n in names.zh if n.startswith("新") and len(n) > 1), None)


def _verb(names: Names) -> str | None:
    return next((n for n in names.en if _VERB_NAME.match(n)), None)


def _zh_verb(names: Names) -> str | None:
    return next((n[2:] for n in names.zh if n.startswith("有人") and len(n) > 2), None)


def _state(names: Names) -> tuple[str, str] | None:
    for n in names.en:
        m = re.fullmatch(r"([a-z]+(?: [a-z]+)?) ([a-z]+ed)", n)
        if m and not m.group(1).startswith("new"):
            return m.group(1), m.group(2)
    return None


def _zh_state(names: Names) -> str | None:
    return next((n for n in names.zh if len(n) >= 4 and not n.startswith(("新", "有人"))), None)


def _unit(app: App, event: str, kind: str | None, names: Names, match: dict[str, Any]) -> Unit:
    return Unit(
        app.app,
        event,
        kind,
        match,
        _noun(names),
        _zh_noun(names),
        _verb(names),
        _zh_verb(names),
        _state(names),
        _zh_state(names),
    )


def units_of(app: App) -> list[Unit]:
    if app.triggers is None:
        return []
    out: list[Unit] = []
    for ekey, ev in app.triggers.events.items():
        if not ev.kinds:
            out.append(_unit(app, ekey, None, ev.names, {}))
        for kkey, kind in ev.kinds.items():
            out.append(_unit(app, ekey, kkey, kind.names, dict(kind.match)))
    return out


def app_words(app: App) -> tuple[str, str]:
    en = re.sub(r"\s*\(.*?\)", "", app.display_name).strip()
    zh = next((n for n in app.names.zh if re.fullmatch(r"[\u4e00-\u9fff]+", n)), en)
    return en, zh


def _same_noun(units: list[Unit], unit: Unit, attr: str) -> tuple[str, ...]:
    said = getattr(unit, attr)
    return tuple(sorted({u.event for u in units if getattr(u, attr) == said}))


def cases_of(app: App) -> list[Case]:
    units = units_of(app)
    en_app, zh_app = app_words(app)
    out: list[Case] = []
    for u in units:
        for tkey, tpl in (*EN.items(), *ZH.items()):
            zh = tkey.startswith("zh_")
            attr = ("zh_" if zh else "") + _WORD.get(tkey.split("_", 1)[1], "noun")
            said = getattr(u, attr)
            if not said:
                continue
            noun = said if attr.endswith("noun") else ""
            thing, done = said if attr == "state" else ("", "")
            sentence = tpl.format(
                app=zh_app if zh else en_app,
                noun=noun,
                nouns=plural(noun) if noun else "",
                verb=said,
                thing=thing,
                done=done,
                change=said,
            )
            events = (u.event,) if u.kind else _same_noun(units, u, attr)
            out.append(Case(u, tkey, sentence, events))
    return out


def all_cases(half: str | None = None, apps: list[str] | None = None) -> list[Case]:
    out: list[Case] = []
    for app in sorted(load_catalog().apps, key=lambda a: a.app):
        if (half is None or half_of(app.app) == half) and (not apps or app.app in apps):
            out.extend(cases_of(app))
    return out


def _filters_kind(nodes: list[Any], match: dict[str, Any]) -> bool:
    for n in nodes:
        if n.subtype != "filter":
            continue
        conds = n.parameters.get("conditions") or []
        pairs = {(str(c.get("left", "")), str(c.get("right", ""))) for c in conds}
        if all(
            any(path in left and str(v) == right for left, right in pairs)
            for path, v in match.items()
        ):
            return True
    return False


def run_case(case: Case) -> Outcome:
    decision = decide(case.sentence, [], None)
    if decision.kind != "generate" or decision.request is None:
        return Outcome(case, False, [f"<{decision.kind}>"])
    wf = build(decision.request, None)
    trigs = [n for n in wf.nodes if n.type == "TRIGGER" or n.subtype.endswith("_trigger")]
    got = [
        f"{n.subtype}:{n.parameters.get('app', '')}:{n.parameters.get('event', '')}" for n in trigs
    ]
    app = case.unit.app
    on_event = any(
        (n.subtype == f"{app}_trigger" or n.parameters.get("app") == app)
        and n.parameters.get("event") in case.events
        for n in trigs
    )
    kind_ok = case.unit.kind is None or _filters_kind(wf.nodes, case.unit.match)
    return Outcome(case, on_event and kind_ok, got)


def table(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    by: dict[str, list[bool]] = defaultdict(list)
    for o in outcomes:
        by[o.case.template].append(o.right)
    return {t: (sum(by[t]), len(by[t])) for t in TEMPLATES if by[t]}


def per_app(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    by: dict[str, list[bool]] = defaultdict(list)
    for o in outcomes:
        by[o.case.unit.app].append(o.right)
    return {a: (sum(v), len(v)) for a, v in sorted(by.items())}


def _print_table(name: str, rows: dict[str, tuple[int, int]]) -> None:
    right = sum(r for r, _ in rows.values())
    total = sum(n for _, n in rows.values())
    print(f"{name}: {right}/{total} right ({right / max(total, 1):.1%})")
    for key, (r, n) in rows.items():
        print(f"  {key:<14} {r:>4}/{n:<4} {r / n:6.1%}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--half", choices=["tune", "heldout", "both"], default="both")
    p.add_argument("--app", action="append", help="only these apps")
    p.add_argument("--template", action="append", help="only these templates")
    p.add_argument("--apps", action="store_true", help="print the per-app table too")
    p.add_argument("--failures", action="store_true", help="print every wrong sentence")
    p.add_argument("--json", help="write every outcome here")
    args = p.parse_args(argv)
    every: list[Outcome] = []
    halves = ["tune", "heldout"] if args.half == "both" else [args.half]
    for half in halves:
        cases = [
            c for c in all_cases(half, args.app) if not args.template or c.template in args.template
        ]
        outcomes = [run_case(c) for c in cases]
        every += outcomes
        _print_table(half, table(outcomes))
    if len(halves) == 2:
        _print_table("overall", table(every))
    if args.apps:
        _print_table("per app", per_app(every))
    if args.failures:
        for o in every:
            if not o.right:
                u = o.case.unit
                want = f"{u.app}:{'/'.join(o.case.events)}" + (f"#{u.kind}" if u.kind else "")
                print(f"  [{o.case.template}] {o.case.sentence!r} want {want} got {o.got}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(
                [{**asdict(o.case), "right": o.right, "got": o.got} for o in every],
                f,
                ensure_ascii=False,
                indent=1,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
