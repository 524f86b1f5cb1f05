"""The state a frame compilation threads, and the helpers every part of it uses.

Invariants: :meth:`CompileState.add` is the only way a node enters the workflow, and it connects
the node from every ``feeds`` end given, so no node is left unconnected by accident; node
ids come from one :class:`~flowsmith.planner.nodes.Ids` per compilation; assumptions are
recorded once each, in the request's language. :func:`if_rule` turns an inclusive integer
bound (``gte``/``lte``) into the strict one the IF compares with. Pure: no I/O, no clock.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from flowsmith.core.catalog import Catalog
from flowsmith.core.models import Connection, Node
from flowsmith.planner.frame import (
    Condition,
)
from flowsmith.planner.nodes import Ids
from flowsmith.planner.schedule import MONTH_DAYS_LEFT
from flowsmith.planner.services import ServiceIndex
from flowsmith.planner.text import Lang, pick
from flowsmith.text import text as say

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
SWITCHABLE = frozenset(_OPS) - {"gte", "lte"}
End = tuple[str, str]  # (node id, output)


@dataclass
class CompileState:
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

    def note(self, key: str, /, **fields: object) -> None:
        """Add the assumption ``key`` (a ``planner.*`` text), in the workflow's language."""
        self.note_pair(say(key, "en", **fields), say(key, "zh", **fields))

    def note_pair(self, en: str, zh: str) -> None:
        """Add an assumption whose parts differ by language (a list joined by each
        language's own comma); every other assumption is a catalog key (:meth:`note`)."""
        text = pick(self.lang, en, zh)
        if text not in self.notes:
            self.notes.append(text)


def add_one(st: CompileState, node: Node, feeds: list[End]) -> list[End]:
    st.add(node, feeds)
    return [(node.id, "main")]


def duration(seconds: float) -> tuple[int, str]:
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds >= size and seconds % size == 0:
            return int(seconds // size), unit
    return max(1, int(seconds)), "seconds"


def _label(st: CompileState, phrase: str) -> str:
    return (phrase.strip()[:1].upper() + phrase.strip()[1:80]) if phrase.strip() else st.title


# --- conditions as IF rules ----------------------------------------------------------------------


# a span of time as a field: "days_left" (until the due date), "days_since_created_at"
_SPAN = re.compile(r"(?P<u>minute|hour|day|week)s_(?:left|since_(?P<since>[a-z_]+))")


def field_ref(name: str) -> str:
    """An expression for item field ``name`` ("price" -> {{ $json.price }}, a dotted path
    "action.type" -> {{ $json.action.type }}, "预算" -> bracket, "attachments_joined" -> the
    list's items joined into one text)."""
    name = name.strip() or "value"
    if re.fullmatch(r"\$now\.(?:hour|minute|weekday|day|month|year)", name):
        return "{{ " + name + " }}"  # the run's own time (a window on the actions)
    if name == MONTH_DAYS_LEFT:  # 0 on the month's last day (Luxon's daysInMonth)
        return "{{ $now.daysInMonth - $now.day }}"
    day = re.fullmatch(r"weekday_of_(.+)", name)
    if day:  # "选周末的": the ISO weekday (1 = Monday) of the item's own date
        date = field_ref(day.group(1)).removeprefix("{{ ").removesuffix(" }}")
        return "{{ DateTime.fromISO(" + date + ").weekday }}"
    joined = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)_joined", name)
    if joined:  # a list field ("attachments": file names) compared as one text
        return "{{ ($json." + joined.group(1) + " || []).join(', ') }}"
    span = _SPAN.fullmatch(name)
    if span:  # "due within 3 days", "注册超过30天": the time between a date and the run
        unit = span.group("u") + "s"
        if span.group("since"):
            date = "DateTime.fromISO($json." + span.group("since") + ")"
            return "{{ $now.diff(" + date + ", '" + unit + "')." + unit + " }}"
        return "{{ DateTime.fromISO($json.due_date).diff($now, '" + unit + "')." + unit + " }}"
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*", name):
        return f"{{{{ $json.{name} }}}}"
    return "{{ $json[" + json.dumps(name, ensure_ascii=False) + "] }}"


def fields_read(name: str) -> list[str]:
    """The item fields :func:`field_ref` of ``name`` reads: the name's last part, or for a
    span of time the date it counts from ("days_since_created_at" reads ``created_at``)."""
    span = _SPAN.fullmatch(name.strip())
    if span:
        return [span.group("since") or "due_date"]
    joined = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)_joined", name.strip())
    if joined:
        return [joined.group(1)]
    return [name.strip().split(".")[-1]]


def if_rules(cond: Condition) -> tuple[list[dict[str, Any]], bool]:
    """The IF rules (all must hold) for ``cond``, and whether its outputs are swapped.

    A range ("9 or 10", "between 5 and 8") is two strict bounds around it; "outside" a
    range and "in" a set of values are rules any of which may hold (:func:`combine_of`);
    conditions joined by "all" / "any" give the rules of each of them, one list."""
    if cond.op in ("all", "any") and isinstance(cond.value, (tuple, list)):
        return [rule for part in cond.value for rule in if_rules(part)[0]], False
    if cond.op == "between" and isinstance(cond.value, (tuple, list)) and len(cond.value) == 2:
        lo, hi = cond.value
        left = field_ref(cond.field)
        if isinstance(lo, int) and isinstance(hi, int):
            lo, hi = lo - 1, hi + 1
        return [
            {"left": left, "operator": "greater_than", "right": lo},
            {"left": left, "operator": "less_than", "right": hi},
        ], False
    if cond.op == "outside" and isinstance(cond.value, (tuple, list)) and len(cond.value) == 2:
        left = field_ref(cond.field)
        return [
            {"left": left, "operator": "less_than", "right": cond.value[0]},
            {"left": left, "operator": "greater_than", "right": cond.value[1]},
        ], False
    if cond.op in ("in", "eq") and isinstance(cond.value, (tuple, list)):
        # "status is “待跟进” or “已看房”": one value of several, never a list as the value
        left = field_ref(cond.field)
        return [{"left": left, "operator": "equals", "right": v} for v in cond.value], False
    if cond.op == "ne" and isinstance(cond.value, (tuple, list)):
        left = field_ref(cond.field)
        return [{"left": left, "operator": "not_equals", "right": v} for v in cond.value], False
    rule, swapped = if_rule(cond)
    return [rule], swapped


def combine_of(cond: Condition) -> str:
    """How the rules of :func:`if_rules` combine: any of them for "outside", "in", "any" and
    one of several values."""
    several = cond.op == "eq" and isinstance(cond.value, (tuple, list))
    return "or" if cond.op in ("outside", "in", "any") or several else "and"


def joinable(parts: list[Condition], how: str) -> bool:
    """Whether ``parts`` make one IF whose rules combine by ``how`` ("and" / "or"): each
    part is one rule, or rules that combine the same way, and none swaps the outputs."""
    for part in parts:
        rules, swapped = if_rules(part)
        if swapped or part.op in ("all", "any", "failed"):
            return False
        if len(rules) > 1 and combine_of(part) != how:
            return False
    return True


def if_rule(cond: Condition) -> tuple[dict[str, Any], bool]:
    """An IF rule for ``cond`` and whether its outputs are swapped (not_contains)."""
    left = field_ref(cond.field)
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
