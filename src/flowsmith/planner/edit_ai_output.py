"""An AI step's output named as a thing: "save every summary that goes out to Notion", "每篇
摘要也存一份": the summaries the workflow's summarizer already writes, no new AI step.

Invariants: an ``add_ai`` op is dropped only when the workflow has an AI step of that kind
(its subtype or name says the kind) and every word of the kind in the text follows a
determiner ("every", "each", "the", "all", "that", "those", "these", "每篇/每条/每个/每份");
other ops are kept in order. Pure: no I/O.
"""

from __future__ import annotations

from flowsmith.core.models import NodeFamily, Workflow
from flowsmith.planner import vocab as v
from flowsmith.planner.plan import EditOp
from flowsmith.planner.text import rx

__all__ = ["without_output_nouns"]

_DETERMINER = rx(
    r"(?:\b(?:every|each|all|the|that|those|these|its)\s+(?:of\s+the\s+)?|每(?:一)?[篇条个份]?)$"
)


def without_output_nouns(low: str, current: Workflow, ops: list[EditOp]) -> list[EditOp]:
    """``ops`` without the AI steps whose kind is only named as the existing step's output."""
    return [op for op in ops if not _output_named(low, current, op)]


def _output_named(low: str, current: Workflow, op: EditOp) -> bool:
    if op.kind != "add_ai" or op.ai is None:
        return False
    own = v.AI_STEPS[op.ai.kind]
    ai_steps = [x for x in current.nodes if x.type == NodeFamily.AI_AGENT]
    if not any(own.search(x.subtype) or own.search(x.name.lower()) for x in ai_steps):
        return False
    said = list(own.finditer(low))
    return bool(said) and all(_DETERMINER.search(low[: m.start()]) for m in said)
