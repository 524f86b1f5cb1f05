"""A condition a start's words gloss in brackets: "Pipedrive里有deal赢单（状态变成won）时，…",
"When a HubSpot deal closes (stage is Closed Won), …".

The words outside the brackets name the event in the user's terms; the bracketed aside says
outright what that means on the item, so it is the item's condition. Invariants: only an aside
the condition reader parses, and only its first, as said (masked); the text is never
changed here. Pure: no I/O,
no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context

__all__ = ["aside_condition"]

_ASIDE = re.compile(r"[(（]\s*(?P<c>[^()（）]{2,60}?)\s*[)）]")


def aside_condition(body: str, ctx: Context) -> str | None:
    """The words of the first bracketed aside in a start's ``body`` that read as a
    condition, or None."""
    for m in _ASIDE.finditer(body):
        if parse_condition(m.group("c"), ctx) is not None:
            return m.group("c")
    return None
