"""What "the old X" means in an edit message: the workflow as it was before the message.

Invariants:
- a removal said in a message removes only steps the workflow had before that message
  ("改成用SendGrid发，原来那个发邮件的节点不要了": the new SendGrid step is never "the old
  email node"); when everything it names was put in by the message, the old step is
  already gone and the removal changes nothing;
Pure: no I/O.
"""

from __future__ import annotations

from flowsmith.core.models import Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner.plan import EditOp

__all__ = ["on_prior", "prior_steps"]

Prior = dict[str, str]  # node id -> subtype, before the message


def prior_steps(wf: Workflow) -> Prior:
    """The steps of ``wf`` before any op of a message runs (a replaced step whose id was
    reused under another subtype is not one of them)."""
    return {x.id: x.subtype for x in wf.nodes}


def on_prior(op: EditOp, wf: Workflow, prior: Prior) -> EditOp | None:
    """``op`` narrowed to the steps the workflow had before the message; None when the
    removal names only steps the message itself added (nothing old is left to remove)."""
    if op.kind != "remove" or op.where == "loop" or not op.subject:
        return op
    found = eg.find(wf, op.subject)
    old = [x for x in found if prior.get(x.id) == x.subtype]
    if len(old) == len(found):
        return op
    if not old:
        return None
    return op.model_copy(update={"subject": "|".join(f"node:{x.id}" for x in old)})
