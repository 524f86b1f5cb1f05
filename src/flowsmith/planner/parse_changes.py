"""Comparisons with the previous run: "when the price drops", "if the count changed since
the last check", "价格下降时", "如果和上次不一样".

A workflow run sees only its own data, so such a condition needs the value the last run saw:
a Code step keeps it in the workflow's static data (``$getWorkflowStaticData('global')``,
which n8n keeps between the production runs of an active workflow) and sets
``previous_<field>`` on each item; the IF then compares ``field`` with that.

Invariants: a change is read only when no threshold is said ("drops below 100" is a plain
comparison, read elsewhere); the condition's value is the expression of ``previous_<field>``
(:func:`previous_ref`) and every branch testing one is preceded by exactly one remembering
step for that field; on the first run the previous value is the current one (no change).
A start polled for new items (``Trigger.params["new_only"]``) keeps, after its read, only
the items no earlier run passed on. Pure.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import (
    Branch,
    Case,
    CompareOp,
    Condition,
    Loop,
    ServiceStep,
    Step,
    Transform,
)
from flowsmith.planner.parse_context import Context

__all__ = [
    "change_condition",
    "only_new_code",
    "previous_ref",
    "remember_code",
    "with_memory",
    "with_only_new",
]

_DOWN = (
    r"drops?|dropped|falls?|fell|goes down|went down|decreases?|decreased|declines?|dips?|"
    r"(?:is|gets|got) (?:lower|smaller|less)|shrinks?"
)
_UP = (
    r"rises?|rose|goes up|went up|increases?|increased|climbs?|jumps?|"
    r"(?:is|gets|got) (?:higher|bigger|larger|more)|grows?"
)
_CHANGE = r"changes?|changed|has changed|is different|differs|is not the same|moves?|moved"
_SINCE = (
    r"(?:\s+(?:since|from|compared (?:to|with)|than|vs\.?)\s+(?:the\s+)?"
    r"(?:last|previous|prior|yesterday|before|earlier)(?:\s+(?:check|run|time|one|value|reading|"
    r"hour|day|week))?)?"
)
_EN = re.compile(
    r"^(?:if|when|whenever|once)?\s*(?:the|its|our|my)?\s*(?P<f>[a-z][\w ]{0,30}?)\s+"
    r"(?P<v>" + _DOWN + "|" + _UP + "|" + _CHANGE + r")" + _SINCE + r"\s*[.!]?$",
    re.IGNORECASE,
)
_ZH_DOWN = r"下降|下跌|降低|降了|跌了|减少|变少|少了|走低|回落|比上次少|比上次低|少于上次|低于上次"
_ZH_UP = r"上涨|上升|增加|变多|多了|涨了|升高|比上次多|比上次高|多于上次|高于上次"
_ZH_CHANGE = r"变化|变了|改变|有变动|变动|不一样|不同|有更新"
_ZH = re.compile(
    r"^(?:如果|若|当|一旦|要是|假如|万一)?\s*(?P<f>[\u4e00-\u9fffA-Za-z]{0,6}?)\s*(?:和|与|跟)?"
    r"(?:上次|之前|上一次|前一次|前一天|昨天|上一天|上回)?(?:的)?"
    r"(?:相比|比)?\s*(?P<v>" + _ZH_DOWN + "|" + _ZH_UP + "|" + _ZH_CHANGE + r")"
    # "（被人改过）": an aside on why it changed
    r"(?:了)?(?:的话|的时候|时)?\s*(?:[（(][^）)]{1,20}[）)])?\s*$"
)
# a change with a threshold or a target is a plain comparison ("drops below 100", "降到100")
_THRESHOLD = re.compile(r"\d|\b(?:below|under|above|over|to|by)\b|到|至|超过|低于\d", re.I)


def change_condition(text: str, phrase: str, ctx: Context | None) -> Condition | None:
    """A comparison of a field with its value in the previous run, or None."""
    t = text.strip(" ,，。.")
    zh = bool(re.search(r"[\u4e00-\u9fff]", t))
    m = (_ZH if zh else _EN).match(t)
    if m is None or _THRESHOLD.search(m.group("v") + t[m.end("v") :]):
        return None
    if not zh and _THRESHOLD.search(t):
        return None
    said = re.sub(r"^(?:the|its|our|my)\s+", "", m.group("f").strip(), flags=re.I)
    field = _field(said, zh, ctx)
    if field is None:
        return None
    op = _op(m.group("v"), zh)
    return Condition(field, op, previous_ref(field), phrase.strip(" ,，:："))


def _field(said: str, zh: bool, ctx: Context | None) -> str | None:
    if zh:
        said = re.sub(r"^(?:的|它的|其)", "", said)
        named = lx.FIELD_ZH_NAMES.get(said, said) if said else None
    else:
        named = said.replace(" ", "_").lower() if said and not lx.PRONOUN.match(said) else None
    if named:
        return named
    fallback = (ctx.last_field or ctx.subject) if ctx is not None else None
    return fallback or "value"


def _op(verb: str, zh: bool) -> CompareOp:
    down, up = (_ZH_DOWN, _ZH_UP) if zh else (_DOWN, _UP)
    if re.fullmatch(down, verb, re.IGNORECASE):
        return "lt"
    if re.fullmatch(up, verb, re.IGNORECASE):
        return "gt"
    return "ne"


def previous_ref(field: str) -> str:
    """The expression of the value ``field`` had in the previous run."""
    key = f"previous_{field}"
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{{{{ $json.{key} }}}}"
    return "{{ $json[" + json.dumps(key, ensure_ascii=False) + "] }}"


def remember_code(field: str) -> str:
    """JavaScript that sets ``previous_<field>`` on each item and keeps the current value."""
    key, prev = (
        json.dumps(field, ensure_ascii=False),
        json.dumps(f"previous_{field}", ensure_ascii=False),
    )
    return (
        "// The value the last run saw (n8n keeps static data between production runs)\n"
        "const memory = $getWorkflowStaticData('global');\n"
        "const items = $input.all();\n"
        "for (const item of items) {\n"
        f"  item.json[{prev}] = memory[{key}] ?? item.json[{key}];\n"
        f"  memory[{key}] = item.json[{key}];\n"
        "}\n"
        "return items;"
    )


def _compares_previous(branch: Branch) -> list[str]:
    return [
        c.condition.field
        for c in branch.cases
        if c.condition is not None and c.condition.value == previous_ref(c.condition.field)
    ]


def with_memory(steps: list[Step]) -> list[Step]:
    """``steps`` with a remembering step before each branch comparing with the last run."""
    out: list[Step] = []
    for step in steps:
        if isinstance(step, Branch):
            for field in dict.fromkeys(_compares_previous(step)):
                out.append(Transform(kind="code", params={"remember": field}, phrase=step.phrase))
            cases = tuple(Case(c.condition, tuple(with_memory(list(c.steps)))) for c in step.cases)
            out.append(replace(step, cases=cases))
        elif isinstance(step, Loop):
            out.append(replace(step, steps=tuple(with_memory(list(step.steps)))))
        else:
            out.append(step)
    return out


def only_new_code() -> str:
    """JavaScript that passes on only the items no earlier run passed on (by ``id``, else the
    whole item), remembering the last 1000 it saw."""
    return (
        "// Only the items the last runs did not see (n8n keeps static data between "
        "production runs)\n"
        "const memory = $getWorkflowStaticData('global');\n"
        "const seen = new Set(memory.seen ?? []);\n"
        "const key = (item) => String(item.json.id ?? JSON.stringify(item.json));\n"
        "const fresh = $input.all().filter((item) => !seen.has(key(item)));\n"
        "memory.seen = [...seen, ...fresh.map(key)].slice(-1000);\n"
        "return fresh;"
    )


# operations that read items (a write first is no read of what is new)
_READS = re.compile(r"get|list|search|read|select|find|query|executequery", re.IGNORECASE)


def with_only_new(steps: list[Step]) -> list[Step]:
    """A polled "new item" start: after the read of the items, a step keeping only those no
    earlier run saw (none when the steps read nothing first)."""
    first = steps[0] if steps else None
    if not isinstance(first, ServiceStep) or not _READS.match(first.operation or ""):
        return steps
    keep = Transform(kind="code", params={"only_new": True})
    return [first, keep, *steps[1:]]
