"""A new schedule said without a time keeps the old trigger's time.

"Make it every other Friday, same time", "改成每周一，时间不变", "run it monthly on the 3rd":
the message names days but no clock time, so the schedule reader's default hour (9:00) is not
what was asked; the trigger's current hour and minute are.

Invariants: only a cron at a fixed minute and hour is changed, and only when the old trigger
runs at a fixed time too; an interval, or a message that names a time or part of day, is
returned as it is. Pure: no I/O.
"""

from __future__ import annotations

from flowsmith.core.models import Workflow
from flowsmith.planner import nodes as n
from flowsmith.planner.schedule import Schedule
from flowsmith.planner.schedule_said import says_time


def _clock(schedule: Schedule | None) -> tuple[str, str] | None:
    """(minute, hour) of a cron firing at one fixed time a day, else None."""
    if schedule is None or schedule.kind != "cron" or schedule.cron is None:
        return None
    fields = schedule.cron.split()
    if len(fields) != 5 or not (fields[0].isdigit() and fields[1].isdigit()):
        return None
    return fields[0], fields[1]


def kept_time(text: str, new: Schedule, current: Workflow) -> Schedule:
    """``new`` at the old schedule trigger's time when ``text`` says no time of its own."""
    trigger = next((x for x in current.nodes if x.subtype == "schedule_trigger"), None)
    if trigger is None or _clock(new) is None or says_time(text):
        return new
    old = _clock(n.schedule_from_params(trigger.parameters))
    if old is None:
        return new
    fields = (new.cron or "").split()
    return new.model_copy(update={"cron": " ".join([*old, *fields[2:]])})
