"""The side of a threshold that skips the approval does the approved work itself.

"Under 300 goes straight into QuickBooks" after "approved ones get created as a bill in
QuickBooks", "12人以下的直接建日历发短信" after "批了就在Google日历建预订并发短信确认": the
straight side names the same services (or a shorter name of them: 日历 for Google日历) as the
approved side, so it runs those approved steps, as they were said there (the bill, not a
default invoice; the calendar event before the SMS).

Invariant: the approved steps are taken only when every service the straight clause names
is one of them; otherwise the clause's own steps stand. Pure.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner.frame import ServiceStep

__all__ = ["repeated_steps"]

_LATIN = re.compile(r"[A-Za-z0-9 ._-]+")


def repeated_steps(approved: list[Any], own: list[Any], clause: str) -> list[Any] | None:
    """The approved steps the straight ``clause`` says again, when its ``own`` steps name no
    service beyond them; None otherwise."""
    again = [s for s in approved if _said_again(s, own, clause)]
    apps = {s.app for s in again if isinstance(s, ServiceStep)}
    if not again or any(isinstance(s, ServiceStep) and s.app not in apps for s in own):
        return None
    return again


def _said_again(step: Any, own: list[Any], clause: str) -> bool:
    if not isinstance(step, ServiceStep) or step.app is None:
        return False
    if any(isinstance(s, ServiceStep) and s.app == step.app for s in own):
        return True
    # "Google日历" said again as "日历": the Chinese part of the name
    zh = _LATIN.sub("", step.service)
    return len(zh) >= 2 and zh in clause
