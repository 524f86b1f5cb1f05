"""A condition a start's words gloss in brackets: "Pipedrive里有deal赢单（状态变成won）时，…",
"When a HubSpot deal closes (stage is Closed Won), …".

The words outside the brackets name the event in the user's terms; the bracketed aside says
outright what that means on the item, so it is the item's condition. An aside that only says
what kind of start it is ("(it's a webhook)", "(via a form)") glosses the start, not the item:
it is no condition. Invariants: only an aside the condition reader parses, and only its first,
as said (masked); the text is never changed here. Pure: no I/O,
no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context

__all__ = ["aside_condition"]

_ASIDE = re.compile(r"[(（]\s*(?P<c>[^()（）]{2,60}?)\s*[)）]")

# "(it's a webhook)", "(via a form)", "(这是个webhook)": the kind of start, said again
_KIND_ONLY = re.compile(
    r"(?:(?:it'?s|it\s+is|this\s+is|that'?s|they'?re|comes?\s+(?:in\s+)?(?:as|via|through)|"
    r"sent\s+(?:as|via|through)|via|through|using|by|as)\s+)?(?:a|an|the|our|my)?\s*"
    r"(?:webhook|web\s*hook|form|web\s+form|e-?mail|schedule|cron(?:\s+job)?|rss(?:\s+feed)?|"
    r"feed|http\s+(?:post|request)|post\s+request|api\s+call)s?(?:\s+(?:call|request|trigger))?|"
    r"(?:这|那)?(?:是|用的是)?(?:个|一个)?(?:webhook|表单|邮件|定时任务)",
    re.IGNORECASE,
)


def aside_condition(body: str, ctx: Context) -> str | None:
    """The words of the first bracketed aside in a start's ``body`` that read as a
    condition, or None."""
    for m in _ASIDE.finditer(body):
        if _KIND_ONLY.fullmatch(m.group("c").strip()):
            continue
        if parse_condition(m.group("c"), ctx) is not None:
            return m.group("c")
    return None
