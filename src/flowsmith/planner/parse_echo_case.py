"""The yes answer to a Chinese check said by echoing its word: "检查手机号是不是空的，不空就
写入Airtable…，空的话返回400" — "空的话" (or a plain "是的话") goes back to the case the check
opened, even after its other case ("不空就…") was said.

Invariants: the reader acts only when the last step of the container is a branch whose other
case was already said and whose first case's words hold the word the clause opens with (not
negated with 不/没) before "的话/就/则"; it then puts the clause's actions in that first case
(nothing is reordered or dropped). Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner.parse_context import Context
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.parse_tree import DraftBranch

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

_ECHO = re.compile(
    r"^\s*(?:如果|要是|若)?(?P<x>(?![不没])[\u4e00-\u9fff]{1,6}?)(?:的话|就|则)[\s,，]*"
)

# the plain yes words ("是的话…", "有就…") answer the check whatever it asked
_YES = ("是", "有", "对", "存在", "符合", "通过")


def echoed_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "空的话返回400" after "检查手机号是不是空的，不空就…": the check's yes case again."""
    m = _ECHO.match(clause)
    last = b.container[-1] if b.container else None
    if m is None or not isinstance(last, DraftBranch) or not last.closed:
        return False
    first = last.cases[0]
    said = first.condition.phrase if first.condition is not None else ""
    word = m.group("x").rstrip("的")
    if len(last.cases) != 2 or not (word in _YES or word in (said or "")):
        return False
    steps = clause_actions(clause[m.end() :], ctx)
    if not steps:
        return False
    b.branch, b.current, b.case = last, first.steps, first
    b.add(steps)
    return True
