"""An explicit window of hours said for a polling schedule of an existing workflow ("check
every 20 minutes but only between 8am and midnight", "改成每30分钟检查一次，但只在早上9点到晚上
11点之间").

Invariants: only a workflow started by a schedule; the interval is the one the text says,
else the trigger's own, and must divide an hour (or be an hour) so a cron can say it; the
window is (first hour in, first hour out), and the cron's hour field lists the hours in, so
"8am to midnight" runs 8-23. A window across midnight is left to the other readers. The
trigger keeps its id: this is a new schedule on it. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Workflow
from flowsmith.planner import nodes as n
from flowsmith.planner.edit_timed import hour_window
from flowsmith.planner.plan import EditOp
from flowsmith.planner.schedule import Schedule, parse_schedule

__all__ = ["windowed_schedule"]

# an explicit range, not a named part of the day ("at night" is no polling window)
_SAID = re.compile(
    r"\d\s*(?:am|pm)?\s*(?:to|-|–|until|till|and)\s*(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)|midnight)|"
    r"\d\s*[点:]\s*(?:半|\d{2})?\s*(?:到|至|-|~|～|—)",
    re.IGNORECASE,
)


def _said_window(text: str) -> tuple[int, int] | None:
    if not _SAID.search(text):
        return None
    said = re.sub(r"\bmidnight\b", "12am", text, flags=re.IGNORECASE)
    return hour_window(said)


def windowed_schedule(text: str, current: Workflow) -> EditOp | None:
    """The new schedule ``text`` asks for with its hour window, or None (see the module
    docstring)."""
    trigger = next((x for x in current.nodes if x.subtype == "schedule_trigger"), None)
    if trigger is None:
        return None
    win = _said_window(text)
    if win is None or (win[1] != 0 and win[1] <= win[0]):
        return None
    said = parse_schedule(text)
    base = said if said is not None and said.kind == "interval" else None
    base = base or n.schedule_from_params(dict(trigger.parameters))
    if base is None or base.kind != "interval" or not base.minutes:
        return None
    hours = f"{win[0]}-{(win[1] - 1) % 24}"
    if base.minutes < 60 and 60 % base.minutes == 0:
        return EditOp(
            kind="set_schedule",
            schedule=Schedule(kind="cron", cron=f"*/{base.minutes} {hours} * * *"),
        )
    if base.minutes == 60:
        return EditOp(kind="set_schedule", schedule=Schedule(kind="cron", cron=f"0 {hours} * * *"))
    return None
