"""Chinese item qualifiers an edit's condition is said with: "已经付款的订单" (the orders that
are paid), "Bug 类型的 issue" (the issues of type Bug).

``qualifier_of`` gives the words before the last "的" when a short noun (the items, not a
value) follows it; ``state_said`` reads a finished state ("已付款", "已经发货") as the items'
status being that state.

Invariants: ``qualifier_of`` returns None unless both sides are non-empty and the noun is at
most 10 characters with no punctuation; ``state_said`` needs "已" (or "已经") and a 1–3
character verb with no digit, and returns the status as "已<verb>". Pure: no I/O.
"""

from __future__ import annotations

from flowsmith.planner.frame import Condition
from flowsmith.planner.text import rx

__all__ = ["qualifier_of", "state_said"]

_QUALIFIED = rx(r"^(?P<q>.+)的\s*(?P<noun>[A-Za-z\u4e00-\u9fff][\w \-]{0,9})$")
_STATE = rx(r"^(?:是|为)?已(?:经)?(?P<verb>[\u4e00-\u9fff]{1,3})(?:了|过)?$")


def qualifier_of(phrase: str) -> str | None:
    """ "已经付款的订单" -> "已经付款", "Bug 类型的 issue" -> "Bug 类型"; None otherwise."""
    m = _QUALIFIED.match(phrase.strip())
    if m is None:
        return None
    said = m.group("q").strip()
    return said or None


def state_said(phrase: str) -> Condition | None:
    """ "已经付款", "已发货": the status is that finished state; None for other words."""
    m = _STATE.match(phrase.strip())
    if m is None:
        return None
    return Condition("status", "eq", "已" + m.group("verb"), phrase)
