"""A Chinese "not found" case head with no 就 before its action: "查到了就返回订单状态，
查不到返回404", "找不到这个客户发邮件给我". The action's verb itself ends the condition.

Invariants: the reader returns a split only when the words before the first action verb
(a verb of the lexicon, a response, a notification) say that a thing was not found, as
:func:`~flowsmith.planner.parse_not_found.says_not_found` reads them; the action text is the
rest of the clause, unchanged. Pure: no I/O.
"""

from __future__ import annotations

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_cases import _action_starts
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import CJK, Context
from flowsmith.planner.parse_not_found import says_not_found


def zh_not_found_head(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    """(the not-found condition, the action) of "查不到返回404", else None."""
    if not CJK.search(clause):
        return None
    for start in _action_starts(clause, ctx):
        head = clause[:start].strip(" ，,")
        if head and says_not_found(head):
            cond = parse_condition(head, ctx)
            return (cond, clause[start:]) if cond is not None else None
    return None
