"""An item checked again after a wait is read again first.

"When a HubSpot ticket is created, wait an hour, and if it's still unassigned post it …",
"Jira新建issue后等2小时，如果还是没人处理…": the condition asks whether the item the run
started on is STILL in a state, so it must see the item as it is after the wait, not the
trigger's copy of it from an hour ago. The frame gets a read of that item (the trigger app's
one-item read of the resource its event is about, by the item's id) between the wait and the
condition.

Invariants: only a Wait directly followed by a Branch whose first condition says "still"
(仍/还是/依然 …), only on an app event whose app's catalog entry reads one item of the event's
resource, and only when no step between already reads that app. Pure.
"""

from __future__ import annotations

import re

from flowsmith.core.catalog.apps import App
from flowsmith.core.services import verb_of
from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Branch, ServiceStep, Step, Trigger, Wait

_STILL = re.compile(
    r"\b(?:still|no longer|remains?|yet)\b|仍然|仍|还是|还没|还未|依然|依旧|一直",
    re.IGNORECASE,
)
_ITEM_ID = "{{ $json.id }}"
_ITEM_KEY = "{{ $json.key }}"  # an issue key ("OPS-12"), the item's key field


def with_reread_after_wait(steps: list[Step], trigger: Trigger, apps: dict[str, App]) -> list[Step]:
    """``steps`` with the trigger's item read again between a wait and a "still" check."""
    if trigger.kind != "app_event" or trigger.app not in apps or not trigger.event:
        return steps
    out: list[Step] = []
    for i, step in enumerate(steps):
        out.append(step)
        after = steps[i + 1] if i + 1 < len(steps) else None
        if isinstance(step, Wait) and _asks_still(after):
            read = _item_read(apps[str(trigger.app)], trigger.event)
            if read is not None:
                out.append(read)
    return out


def _asks_still(step: Step | None) -> bool:
    if not isinstance(step, Branch) or not step.cases:
        return False
    cond = step.cases[0].condition
    return cond is not None and _STILL.search(cond.phrase or step.phrase) is not None


def _item_read(app: App, event: str) -> ServiceStep | None:
    """The app's read of one item of the resource ``event`` is about ("ticket" of
    ``ticket_created``), by its id field."""
    low = event.lower()
    for rkey, res in app.resources.items():
        if rkey.lower() not in low:
            continue
        for okey, op in res.operations.items():
            if "read" not in verb_of(okey) or okey.lower() not in lx.OP_ONE:
                continue
            snake = re.sub(r"(?<!^)(?=[A-Z])", "_", rkey).lower()
            ids = [f for f in op.required if f in ("id", f"{snake}_id", f"{snake}_key")]
            value = _ITEM_KEY if ids and ids[0].endswith("_key") else _ITEM_ID
            params = {ids[0]: value} if len(ids) == 1 else {}
            return ServiceStep(app=app.app, resource=rkey, operation=okey, params=params)
    return None
