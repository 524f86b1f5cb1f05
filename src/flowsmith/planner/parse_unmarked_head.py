"""Case heads said with no "if" and no 就 before their action: a Chinese "not found" head
("查到了就返回订单状态，查不到返回404", "找不到这个客户发邮件给我": the action's verb ends the
condition) and a part of the day while the request splits on the day's parts ("during
business hours post it to Slack, after hours text me", parse_hour_cases).

Invariants: a not-found split is returned only when the words before the first action verb
(a verb of the lexicon, a response, a notification) say that a thing was not found, as
:func:`~flowsmith.planner.parse_not_found.says_not_found` reads them; the action text is the
rest of the clause, unchanged. Pure: no I/O.
"""

from __future__ import annotations

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_cases import _action_starts
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import CJK, Context
from flowsmith.planner.parse_hour_cases import period_head
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


def unmarked_head(clause: str, ctx: Context, text: str) -> tuple[Condition, str] | None:
    """(condition, action) of a case head said with no "if"/就 in ``clause`` of ``text``."""
    return zh_not_found_head(clause, ctx) or period_head(clause, text)
