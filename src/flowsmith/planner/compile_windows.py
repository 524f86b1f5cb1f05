"""Names for the IFs of a time window (``$now.hour`` / ``$now.weekday``, see
:mod:`flowsmith.planner.parse_windows`): what the check asks, in the request's language."""

from __future__ import annotations

from flowsmith.planner.frame import Condition
from flowsmith.planner.text import Lang
from flowsmith.text import text as say

__all__ = ["window_label"]


def window_label(cond: Condition, lang: Lang) -> str | None:
    """The IF's name for a window condition, or None when ``cond`` is no window."""
    if cond.field == "$now.weekday" and cond.op == "eq" and isinstance(cond.value, int):
        return say(f"planner.compile_windows.day.{cond.value}", lang)
    if cond.field == "$now.weekday":
        key = "weekend" if cond.op in ("gt", "gte") else "weekday"
        return say(f"planner.compile_windows.{key}", lang)
    if cond.field == "$now.hour" and isinstance(cond.value, (tuple, list)):
        lo, hi = int(cond.value[0]), int(cond.value[1]) + 1
        key = "outside_hours" if cond.op == "outside" else "within_hours"
        return say(f"planner.compile_windows.{key}", lang, start=lo, end=hi)
    return None
