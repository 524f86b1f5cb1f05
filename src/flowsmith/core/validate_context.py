"""What the static checks share: the finding codes with their default severities, the
``_Context`` every check reads the workflow from and records its findings into, and the
wording helpers of their messages.

The codes are documented in :mod:`flowsmith.core.validate` (a test checks that every code of
``ERROR_CODES`` and ``WARNING_CODES`` is there).

Invariants: pure (no I/O, no clock); ``_Context.add`` records a finding once per (code, node,
path, detail), in the order the checks report them, so the same workflow always gives the same
findings in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from flowsmith.core.catalog import Catalog, NodeSpec
from flowsmith.core.models import Finding, Node, NodeFamily, Severity, Workflow

SCHEMA_ERROR = "schema_error"
EMPTY_WORKFLOW = "empty_workflow"
DUPLICATE_NODE_ID = "duplicate_node_id"
UNKNOWN_SUBTYPE = "unknown_subtype"
FAMILY_MISMATCH = "family_mismatch"
MISSING_PARAMETER = "missing_parameter"
INVALID_PARAMETER = "invalid_parameter"
INVALID_ATTACHMENT = "invalid_attachment"
DANGLING_CONNECTION = "dangling_connection"
DUPLICATE_CONNECTION = "duplicate_connection"
UNKNOWN_OUTPUT = "unknown_output"
UNKNOWN_INPUT = "unknown_input"
TRIGGER_HAS_INPUT = "trigger_has_input"
TOOL_NOT_ATTACHED = "tool_not_attached"
NO_TRIGGER = "no_trigger"
UNREACHABLE_NODE = "unreachable_node"
CYCLE = "cycle"
DEAD_END = "dead_end"
EXPRESSION_SYNTAX = "expression_syntax"
UNKNOWN_NODE_REFERENCE = "unknown_node_reference"
REFERENCE_NOT_UPSTREAM = "reference_not_upstream"
UNKNOWN_FIELD = "unknown_field"
TYPE_MISMATCH = "type_mismatch"

ERROR_CODES: frozenset[str] = frozenset(
    {
        SCHEMA_ERROR,
        EMPTY_WORKFLOW,
        DUPLICATE_NODE_ID,
        UNKNOWN_SUBTYPE,
        FAMILY_MISMATCH,
        MISSING_PARAMETER,
        INVALID_PARAMETER,
        INVALID_ATTACHMENT,
        DANGLING_CONNECTION,
        DUPLICATE_CONNECTION,
        UNKNOWN_OUTPUT,
        UNKNOWN_INPUT,
        TRIGGER_HAS_INPUT,
        TOOL_NOT_ATTACHED,
        NO_TRIGGER,
        UNREACHABLE_NODE,
        CYCLE,
        EXPRESSION_SYNTAX,
        UNKNOWN_NODE_REFERENCE,
        REFERENCE_NOT_UPSTREAM,
        UNKNOWN_FIELD,
    }
)
WARNING_CODES: frozenset[str] = frozenset({DEAD_END, TYPE_MISMATCH})
"""Default severities. ``unknown_field`` is downgraded to a warning, and ``type_mismatch``
raised to an error, as described above; every other code always has its default."""

ATTACHABLE = frozenset({NodeFamily.TOOL, NodeFamily.MEMORY})
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)


def is_expression(value: object) -> bool:
    """True for a string holding a ``{{ ... }}`` expression, resolved only at run time."""
    return isinstance(value, str) and _EXPRESSION.search(value) is not None


@dataclass
class _Context:
    """Lookups shared by the checks. ``nodes`` keeps the first node of each id."""

    wf: Workflow
    catalog: Catalog
    nodes: dict[str, Node] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)
    # main-flow edges (both ends exist, neither is TOOL/MEMORY, target is not a trigger)
    edges: list[tuple[str, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    _seen: set[tuple[str, str | None, str | None]] = field(default_factory=set)

    @classmethod
    def build(cls, wf: Workflow, catalog: Catalog) -> _Context:
        ctx = cls(wf=wf, catalog=catalog)
        for i, node in enumerate(wf.nodes):
            ctx.nodes.setdefault(node.id, node)
            ctx.index.setdefault(node.id, i)
        return ctx

    def spec(self, node: Node) -> NodeSpec | None:
        return self.catalog.get(node.subtype)

    def add(
        self,
        code: str,
        message: str,
        node_id: str | None = None,
        path: str | None = None,
        severity: Severity | None = None,
        detail: str = "",
    ) -> None:
        """Record a finding once per (code, node, path, detail); severity from the code
        unless given."""
        key = (code, node_id, f"{path}\x00{detail}" if detail else path)
        if key in self._seen:
            return
        self._seen.add(key)
        if severity is None:
            severity = "warning" if code in WARNING_CODES else "error"
        self.findings.append(
            Finding(code=code, severity=severity, node_id=node_id, path=path, message=message)
        )


def _label(node: Node) -> str:
    return f"node '{node.name}' ({node.id})"


def _subject(node: Node) -> str:
    """``_label`` at the start of a sentence (``str.capitalize`` would lowercase the name)."""
    return f"Node '{node.name}' ({node.id})"


def _render_path(parts: Iterable[str | int]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)
