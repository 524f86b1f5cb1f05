"""A state the trigger's item reaches, said with a participle after the event's noun: "when a
pull request gets merged", "a Trello card is archived", "once an invoice has been voided".

When the chosen event covers more than that state (its catalog description lists it among
others: GitHub's pull request "was opened, closed, merged or changed"), only the items in the
state should go on: the guard is the participle as the item's flag (``merged is_true``).
Invariants: None when the description does not list the participle among several outcomes,
when the event's key says it (Zendesk's ``ticket_solved``), when it is an event verb of
creation or change ("gets created", "is updated"), or when the phrase does not end in it.
Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition, Trigger
from flowsmith.planner.parse_context import TOKEN, Context

__all__ = ["state_guard"]

_STATE = re.compile(
    r"\b(?:gets?|got|is|are|was|were|has\s+been|have\s+been|becomes?)\s+"
    r"(?P<state>[a-z]{3,}(?:ed|en))\s*$",
    re.IGNORECASE,
)
# participles that say the event happened, not a state among the event's outcomes
_EVENT_VERBS = frozenset(
    {
        "created",
        "added",
        "opened",
        "submitted",
        "posted",
        "updated",
        "changed",
        "edited",
        "modified",
        "deleted",
        "removed",
        "received",
        "sent",
        "booked",
        "scheduled",
        "uploaded",
        "published",
        "moved",
        "filled",
        "registered",
        "signed",
        "triggered",
        "started",
        "mentioned",
        "tagged",
        "labeled",
        "labelled",
        "assigned",
    }
)


def state_guard(trigger: Trigger, ctx: Context) -> Condition | None:
    """``<state> is_true`` for a phrase ending in "gets/is <state>" on an app event whose
    key does not already say that state; None otherwise (see the module's invariants)."""
    if trigger.kind != "app_event" or not trigger.phrase:
        return None
    m = _STATE.search(TOKEN.sub(" ", trigger.phrase))
    if m is None:
        return None
    state = m.group("state").lower()
    if state in _EVENT_VERBS or state in (trigger.event or "").lower():
        return None
    app = ctx.index.apps.get(trigger.app or "")
    if app is None or app.triggers is None or trigger.event not in app.triggers.events:
        return None
    said = app.triggers.events[trigger.event].description
    if not _one_of(state, said):
        return None
    return Condition(state, "is_true", None, trigger.phrase)


def _one_of(state: str, description: str) -> bool:
    """Whether the event's description lists ``state`` among several outcomes ("A pull
    request was opened, closed, merged or changed.")."""
    listed = re.search(rf"\b{re.escape(state)}\b", description, re.IGNORECASE)
    return listed is not None and re.search(r",|\bor\b", description) is not None
