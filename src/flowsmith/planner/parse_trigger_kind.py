"""A kind of the trigger's item named in its own words: "Jira里新建的bug", "a new bug is created
in Jira", "every new Jira story": the event fires for every issue, so the kind is a test on
the issue's type ("type = Bug") before the steps.

Invariants: only for an app event whose key or names say issue (read from the catalog); the
kind is one word of a small language table (bug, story, epic, feature request, incident and
their Chinese words) said in the trigger's phrase; the condition is ``type eq <Kind>`` with
the kind as issue trackers spell it. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition, Trigger
from flowsmith.planner.parse_context import Context

__all__ = ["item_kind_guard"]

# a kind of issue, as said -> as trackers name the type; Latin words are cut by letters only
# ("新建的bug": Chinese characters count as word characters for \b)
_KINDS: tuple[tuple[str, str], ...] = (
    (r"(?<![a-z])bugs?(?![a-z])|缺陷|故障单", "Bug"),
    (r"(?<![a-z])feature\s+requests?(?![a-z])|需求单|功能需求", "Feature Request"),
    (r"(?<![a-z])(?:user\s+)?stor(?:y|ies)(?![a-z])|用户故事", "Story"),
    (r"(?<![a-z])epics?(?![a-z])", "Epic"),
    (r"(?<![a-z])incidents?(?![a-z])", "Incident"),
)
_ISSUE = re.compile(r"\bissues?\b|\btickets?\b", re.IGNORECASE)


def _about_issues(trigger: Trigger, ctx: Context) -> bool:
    """Whether the trigger's event is about issues (its key or its names say so)."""
    app = ctx.index.apps.get(trigger.app or "")
    if trigger.kind != "app_event" or app is None or app.triggers is None:
        return False
    event = app.triggers.events.get(trigger.event or "")
    names = " ".join(event.names.all()) if event is not None else ""
    return _ISSUE.search(f"{(trigger.event or '').replace('_', ' ')} {names}") is not None


def item_kind_guard(trigger: Trigger, ctx: Context) -> Condition | None:
    """``type = <Kind>`` when the trigger's phrase names a kind of the issues it fires for."""
    if not _about_issues(trigger, ctx):
        return None
    for said, kind in _KINDS:
        if re.search(said, trigger.phrase, re.IGNORECASE):
            return Condition("type", "eq", kind, trigger.phrase)
    return None
