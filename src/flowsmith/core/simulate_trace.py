"""What a dry run produces: its finding codes and their severities, the item types, and the
records :func:`flowsmith.core.simulate.simulate` returns (:class:`TraceStep` per node
execution, :class:`SimulationResult` for the whole run).

The codes are documented, each with its severity, in :mod:`flowsmith.core.simulate` (a test
checks that every code of ``SEVERITIES`` is). ``MAX_ITEMS`` bounds every output of one step.

Invariants: plain data (no I/O, no behaviour beyond ``TraceStep.as_dict``); items are JSON
values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flowsmith.core.models import Finding, Severity

NODE_NEVER_RUNS = "node_never_runs"
UNRESOLVED_EXPRESSION = "unresolved_expression"
ITEM_SHAPE_MISMATCH = "item_shape_mismatch"
LOOP_LIMIT_REACHED = "loop_limit_reached"
STEP_LIMIT_REACHED = "step_limit_reached"
STOPPED_BY_ERROR_NODE = "stopped_by_error_node"
ASSUMED_FIELD = "assumed_field"
ENV_PLACEHOLDER = "env_placeholder"
CONDITION_NEVER_TRUE = "condition_never_true"

SEVERITIES: Mapping[str, Severity] = {
    NODE_NEVER_RUNS: "warning",
    UNRESOLVED_EXPRESSION: "error",
    ITEM_SHAPE_MISMATCH: "error",
    LOOP_LIMIT_REACHED: "info",
    STEP_LIMIT_REACHED: "warning",
    STOPPED_BY_ERROR_NODE: "info",
    ASSUMED_FIELD: "info",
    ENV_PLACEHOLDER: "info",
    CONDITION_NEVER_TRUE: "warning",
}

MAX_ITEMS = 3
"""At most this many items leave a node through one output in one step."""

Item = dict[str, Any]
Outputs = dict[str, list[Item]]


# --- results -------------------------------------------------------------------------------


@dataclass(slots=True)
class TraceStep:
    """One node execution. ``output_items`` lists only outputs that emitted; ``branch`` is
    the output(s) a branching node used (comma separated), ``forced`` when a fork chose it."""

    node_id: str
    run: int
    input_items: list[Item]
    output_items: Outputs
    branch: str | None = None
    findings: list[Finding] = field(default_factory=list)
    forced: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "node_id": self.node_id,
            "run": self.run,
            "input_items": self.input_items,
            "output_items": self.output_items,
            "branch": self.branch,
            "forced": self.forced,
            "findings": [f.model_dump(exclude_none=True) for f in self.findings],
        }


@dataclass(slots=True)
class SimulationResult:
    """``runs``: how many runs (one per trigger plus one per fork) were executed."""

    trace: list[TraceStep]
    findings: list[Finding]
    runs: int
    node_count: int = 0
    step_limit_reached: bool = False
    ran: list[str] = field(default_factory=list)
    """Ids of nodes that ran in some run (TOOL/MEMORY: their agent ran), in node order."""


__all__ = [
    "ASSUMED_FIELD",
    "ENV_PLACEHOLDER",
    "ITEM_SHAPE_MISMATCH",
    "LOOP_LIMIT_REACHED",
    "MAX_ITEMS",
    "NODE_NEVER_RUNS",
    "SEVERITIES",
    "STEP_LIMIT_REACHED",
    "STOPPED_BY_ERROR_NODE",
    "UNRESOLVED_EXPRESSION",
    "SimulationResult",
    "TraceStep",
]
