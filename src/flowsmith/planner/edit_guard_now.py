"""A condition said as the new rule from now on ("only for orders from Canada now",
"现在只处理国家是加拿大的订单", "from now on, only handle orders over 500").

Invariants: the time word is taken out before the condition is read; a guard naming no
step then replaces the rule of the workflow's filter-like check (an IF with nothing on its
false output: it only lets items through), keeping that node's id and name; where no
such check exists it guards the whole flow. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import graph as g
from flowsmith.planner.plan import EditOp

__all__ = ["now_op", "without_now"]

_NOW = re.compile(
    r"[,，]?\s*\b(?:from now on|going forward|now|these days|for now)\b[,，]?\s*|"
    r"(?:从现在起|从现在开始|现在|以后|今后)[，,]?(?:改成|改为)?",
    re.IGNORECASE,
)


def without_now(part: str) -> tuple[str, bool]:
    """``part`` without its "now" words, and whether it had any."""
    bare = _NOW.sub(" ", part).strip()
    return (bare, True) if bare != part.strip() else (part, False)


def now_op(op: EditOp, current: Workflow) -> EditOp:
    """``op`` as the new rule of the filter-like check, else guarding the whole flow."""
    if op.kind != "add_guard" or op.steps or op.subject or op.where not in (None, "flow"):
        return op
    for node in eg.branch_nodes(current):
        lets_through = not [c for c in g.outgoing(current, node.id) if c.from_output == "false"]
        if node.subtype == "if" and lets_through:
            return op.model_copy(update={"where": "replace", "subject": f"node:{node.id}"})
    return op.model_copy(update={"where": "flow"})
