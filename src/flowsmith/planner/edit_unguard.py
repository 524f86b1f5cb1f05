"""A condition's removal said with where the items now go: "remove the score threshold, every
new contact should go to Salesforce", "去掉过滤条件，所有订单都记到Airtable".

The clause after the removal restates the step the condition guarded; it asks for no second
step of that service.

Invariants: only when ``ops`` remove a condition; an ``add_step`` is dropped only when the
workflow already has a step of its service and the clause naming the service says no "also",
"another", "也", "再" (those ask for one more step). Other ops are kept in order. Pure.
"""

from __future__ import annotations

from flowsmith.core.models import NodeFamily, Workflow
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner.edit_read import clause_at
from flowsmith.planner.plan import EditOp
from flowsmith.planner.text import rx

__all__ = ["without_restated"]

_MORE = rx(r"\b(?:also|too|as well|another|one more|second|extra)\b|也|再|另外|还要|额外")


def without_restated(low: str, current: Workflow, ops: list[EditOp]) -> list[EditOp]:
    """``ops`` without the additions that restate a now unguarded step (see module doc)."""
    if not any(op.kind == "remove" and op.subject == "condition" for op in ops):
        return ops
    return [op for op in ops if not _restates(low, current, op)]


def _restates(low: str, current: Workflow, op: EditOp) -> bool:
    """Whether ``op`` adds a step of a service the workflow has, named in a clause without
    a word asking for one more."""
    if op.kind != "add_step" or not (op.step or "").startswith("app:"):
        return False
    app = ec.parse_step(op.step or "")[0]
    steps = [x for x in eg.find(current, f"app:{app}") if x.type != NodeFamily.TRIGGER]
    if not steps:
        return False
    for hit in ec.mentions(low):
        if hit.app == app:
            start, end = clause_at(low, hit.start)
            if _MORE.search(low[start:end]) is None:
                return True
    return False
