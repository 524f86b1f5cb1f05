"""A run the request opens with as a clock time alone: "工作日早上九点半，从Jira拉取昨天新建的
bug…", "每天早上八点半，把HubSpot里昨天新建的联系人…".

The opening clause says only when the run happens (a clock time, maybe day words), so the
later words that name an app's new items ("昨天新建的bug") are what the run reads, never an
event that starts it. Invariants: the opening clause ends at the first clause mark, says a
clock time, names no app and no when-word; the text is returned unchanged (the schedule reader
keeps no words of it). Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Trigger
from flowsmith.planner.parse_context import TOKEN, Context
from flowsmith.planner.schedule import clock_schedule

__all__ = ["opening_clock"]

# where the opening clause ends (a clock's own colon, "9:30", is no end)
_CLAUSE_END = re.compile(r"[，,。；;！？!?]|[：:](?!\d)|\.(?:\s|$)")

# words that make the opening a when-clause or a condition, not a time alone
_NOT_TIME_ALONE = re.compile(
    r"\b(?:when|whenever|if|once|after|before|until|unless)\b|当|如果|一旦|之后|以后|之前|的时候",
    re.IGNORECASE,
)


def opening_clock(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """The daily run at the clock time the request's opening clause says alone, and ``text``;
    None when the opening says more than a time (an app, a when-word) or no clock."""
    said = TOKEN.sub(" ", text).lstrip()
    end = _CLAUSE_END.search(said)
    head = said[: end.start()] if end else ""
    if not head.strip() or len(head) > 40 or _NOT_TIME_ALONE.search(head):
        return None
    if any(m.app for m in ctx.index.mentions(head, implicit=False)):
        return None
    clock = clock_schedule(head)
    if clock is None:
        return None
    return Trigger(kind="schedule", params=clock.model_dump(exclude_none=True)), text
