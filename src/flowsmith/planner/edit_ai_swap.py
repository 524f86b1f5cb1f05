"""An AI step swapped for another that is also told what to do: "swap the summarizer for
Claude and have it write the summary in Chinese", "把总结这一步换成Claude，并且用英文写总结".

Invariants: when the ops replace an existing AI step, an unanchored ``add_ai`` read from the
same message describes the replacement's work, not a second AI step, so it is dropped (the
old step would otherwise come back beside the new one). Other ops are untouched. Pure.
"""

from __future__ import annotations

from flowsmith.core.models import NodeFamily, Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner.plan import EditOp

__all__ = ["without_swapped_ai"]


def without_swapped_ai(ops: list[EditOp], current: Workflow) -> list[EditOp]:
    """``ops`` without the AI step that only restates a replaced AI step's work."""
    swapped = any(
        op.kind == "replace_step"
        and any(x.type == NodeFamily.AI_AGENT for x in eg.find(current, op.subject))
        for op in ops
    )
    if not swapped:
        return ops
    return [
        op for op in ops if not (op.kind == "add_ai" and op.subject is None and op.where is None)
    ]
