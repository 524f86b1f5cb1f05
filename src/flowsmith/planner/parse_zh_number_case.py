"""The next case of a branch on a number said by the number alone: after "重量超过30公斤的发到
飞书群", a clause "30公斤以内的直接调报价接口…" (or "1000以内的…", "不到500的…") is the case on
that same field; when it is the exact complement of the case before ("> 30" then "<= 30") it
is that case's other side.

Invariants: reads only while the open branch (or the one the sentence before left open) has a
last case comparing a field to a number; the clause opens with a number (and maybe a unit)
and a bound word, then "的" and its action; the action names steps. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.parse_tree import DraftBranch

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

__all__ = ["zh_number_case"]

# "30公斤以内的…", "1000以下的…", "不到500的…", "超过1万的…"
_BOUND_AFTER = {
    "以内": "lte",
    "之内": "lte",
    "以下": "lte",
    "及以下": "lte",
    "或以下": "lte",
    "以上": "gte",
    "及以上": "gte",
    "或以上": "gte",
}
_BOUND_BEFORE = {
    "不到": "lt",
    "低于": "lt",
    "少于": "lt",
    "小于": "lt",
    "未满": "lt",
    "超过": "gt",
    "高于": "gt",
    "多于": "gt",
    "大于": "gt",
}
_NUMBER_HEAD = re.compile(
    r"^\s*(?P<pre>不到|低于|少于|小于|未满|超过|高于|多于|大于)?\s*(?P<n>\d+(?:\.\d+)?)\s*"
    r"(?P<u>[a-zA-Z\u4e00-\u9fff]{0,3}?)\s*(?P<post>及以下|或以下|及以上|或以上|以内|之内|以下|以上)?"
    r"的\s*[，,：:]?\s*(?:就|则|都|只|直接)*\s*(?P<a>\S.*)$"
)
_NUMERIC_OPS = ("gt", "gte", "lt", "lte")
_COMPLEMENT = {"gt": "lte", "lte": "gt", "gte": "lt", "lt": "gte"}


def _number_branch(b: Builder) -> DraftBranch | None:
    """The open branch, or the one the sentence before left open, when its last case compares
    a field to a number."""
    br = b.branch if b.branch is not None and not b.branch.closed else None
    if br is None:
        last = b.container[-1] if b.container else None
        br = last if isinstance(last, DraftBranch) and not last.closed else None
    if br is None or not br.cases:
        return None
    cond = br.cases[-1].condition
    if cond is None or cond.op not in _NUMERIC_OPS or isinstance(cond.value, bool):
        return None
    return br if isinstance(cond.value, (int, float)) else None


def zh_number_case(b: Builder, clause: str, ctx: Context) -> bool:
    """A number alone with its bound after a case on a number: the next case on that field."""
    m = _NUMBER_HEAD.match(clause)
    br = _number_branch(b)
    if m is None or br is None or (m.group("pre") is None) == (m.group("post") is None):
        return False
    op = _BOUND_BEFORE[m.group("pre")] if m.group("pre") else _BOUND_AFTER[m.group("post")]
    steps = clause_actions(m.group("a"), ctx)
    if not steps:
        return False
    last = br.cases[-1].condition
    assert last is not None
    value = float(m.group("n"))
    number = int(value) if value.is_integer() else value
    b.branch = br
    if len(br.cases) == 1 and _COMPLEMENT[last.op] == op and last.value == number:
        b.otherwise()  # "超过30公斤的…；30公斤以内的…": the other side of that one case
    else:
        phrase = unmask(clause, ctx)
        b.open_case(Condition(last.field, op, number, phrase), phrase, same=True)  # type: ignore[arg-type]
    b.add(list(steps))
    return True
