"""A state said to persist: "only text if it's still firing", "the status is still open".

Invariants: "still" says the item stays in a state, so it is no part of the value ("the
status is still firing" compares the status with "firing"); an item itself said to be still
in a state ("it's still open", with no field) is compared on its status field (the one the
context names for it). A negated state ("still not paid") is left to the other readers.
Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_context import Context
from flowsmith.planner.parse_field_names import implied_field

__all__ = ["still_condition", "without_still"]

_IS = r"(?:\s+is|\s+are|'s|’s|'re|’re)"
_STILL = re.compile(r"(\bis|\bare|'s|’s|'re|’re)\s+still\s+(?!not\b|no\b)", re.IGNORECASE)
_ITEM_STILL = re.compile(
    r"^\s*(?:it|this|that|they|the item|the alert|the ticket)" + _IS + r"\s+still\s+"
    r"(?!not\b|no\b)([a-z][\w-]*)\s*$",
    re.IGNORECASE,
)


def still_condition(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    """ "it's still firing" -> status = firing; None for other words."""
    m = _ITEM_STILL.match(t)
    if m is None:
        return None
    return Condition(implied_field("status", ctx), "eq", m.group(1), phrase)


def without_still(t: str) -> str:
    """ "the status is still firing" -> "the status is firing"."""
    return _STILL.sub(r"\1 ", t)
