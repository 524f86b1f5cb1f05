"""Deterministic repairs of the validator's findings, only where the fix is certain.

:func:`repair` applies a fix only when ``findings`` holds the code it answers, and only when
the fix is unambiguous; everything else goes back to the planner/LLM with the exact
findings. Each applied fix is reported as an ``info`` Finding whose message says exactly
what was done (stable codes):

* ``repaired_duplicate_id``         ``duplicate_node_id``: the second node with an id becomes
  ``<id>_2`` (then ``_3``…, skipping taken ids). Connections, attachments and ``$node``
  references move to the renamed node only when it is the one node of that id they can
  mean (the only one with that output / input / family / upstream position); when
  ambiguous they stay on the first.
* ``repaired_dangling_connection``  ``dangling_connection``: the connection is removed.
* ``repaired_unknown_output``       ``unknown_output``: when the source has exactly one
  output, the connection leaves from it.
* ``repaired_unknown_input``        ``unknown_input``: when the target has exactly one
  input, the connection enters it.
* ``repaired_tool_attachment``      ``tool_not_attached``: a TOOL/MEMORY node whose main
  connections all go to or come from one AI_AGENT loses them and is attached to that agent.
* ``repaired_duplicate_connection`` ``duplicate_connection`` (or duplicates the fixes above
  created): later copies are removed.
* ``repaired_missing_default``      ``missing_parameter``: a required parameter that is
  missing or blank and has a schema ``default`` gets that default.
* ``repaired_orphan``               ``unreachable_node``: a node with no incoming connection
  is connected (``main`` -> ``main``) after its obvious predecessor: the node just before it
  in the node list when that node is reachable, has a ``main`` output and is not downstream
  of it, else the single reachable such node nearest to its left by x position. When both
  rules name different nodes, or several nodes tie, nothing is done.

Invariants: pure; the input workflow is never modified; no node is added or removed, no
subtype or family changed, no parameter touched except filling defaults and renaming
``$node`` references of renamed ids; the same input always gives the same result.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from flowsmith.core import expressions as ex
from flowsmith.core.catalog import Catalog, NodeSpec, load_catalog
from flowsmith.core.models import Connection, Finding, Node, NodeFamily, Workflow
from flowsmith.core.validate_context import (
    DANGLING_CONNECTION,
    DUPLICATE_CONNECTION,
    DUPLICATE_NODE_ID,
    MISSING_PARAMETER,
    TOOL_NOT_ATTACHED,
    UNKNOWN_INPUT,
    UNKNOWN_OUTPUT,
    UNREACHABLE_NODE,
)

REPAIRED_DUPLICATE_ID = "repaired_duplicate_id"
REPAIRED_DANGLING_CONNECTION = "repaired_dangling_connection"
REPAIRED_UNKNOWN_OUTPUT = "repaired_unknown_output"
REPAIRED_UNKNOWN_INPUT = "repaired_unknown_input"
REPAIRED_TOOL_ATTACHMENT = "repaired_tool_attachment"
REPAIRED_DUPLICATE_CONNECTION = "repaired_duplicate_connection"
REPAIRED_MISSING_DEFAULT = "repaired_missing_default"
REPAIRED_ORPHAN = "repaired_orphan"

_SIDE = (NodeFamily.TOOL, NodeFamily.MEMORY)


@dataclass
class RepairResult:
    """The repaired copy and what was done (empty ``applied``: nothing was safe to do)."""

    workflow: Workflow
    applied: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def repair(
    workflow: Workflow, findings: Iterable[Finding], catalog: Catalog | None = None
) -> RepairResult:
    """Apply the safe fixes for ``findings`` to a copy of ``workflow`` (see module doc)."""
    found = list(findings)
    codes = {f.code for f in found}
    fixer = _Fixer(workflow.model_copy(deep=True), catalog or load_catalog())
    if DUPLICATE_NODE_ID in codes:
        fixer.rename_duplicates()
    if DANGLING_CONNECTION in codes:
        fixer.drop_dangling()
    if UNKNOWN_OUTPUT in codes:
        fixer.fix_outputs()
    if UNKNOWN_INPUT in codes:
        fixer.fix_inputs()
    if TOOL_NOT_ATTACHED in codes:
        fixer.attach_tools()
    if DUPLICATE_CONNECTION in codes or fixer.rewired:
        fixer.drop_duplicates()
    if MISSING_PARAMETER in codes:
        fixer.fill_defaults(_node_ids(found, MISSING_PARAMETER))
    if UNREACHABLE_NODE in codes:
        fixer.connect_orphans(_node_ids(found, UNREACHABLE_NODE))
    return RepairResult(fixer.wf, fixer.applied)


def _node_ids(findings: list[Finding], code: str) -> list[str]:
    ids: list[str] = []
    for finding in findings:
        if finding.code == code and finding.node_id and finding.node_id not in ids:
            ids.append(finding.node_id)
    return ids


def _subject(node: Node) -> str:
    return f"node '{node.name}' ({node.id})"


def _conn_text(conn: Connection) -> str:
    return f"'{conn.from_node}'.{conn.from_output} -> '{conn.to_node}'.{conn.to_input}"


class _Fixer:
    def __init__(self, wf: Workflow, catalog: Catalog) -> None:
        self.wf = wf
        self.catalog = catalog
        self.applied: list[Finding] = []
        self.rewired = False

    def _add(self, code: str, message: str, node_id: str | None, path: str | None) -> None:
        self.applied.append(
            Finding(code=code, severity="info", node_id=node_id, path=path, message=message)
        )

    def _nodes(self) -> dict[str, Node]:
        first: dict[str, Node] = {}
        for node in self.wf.nodes:
            first.setdefault(node.id, node)
        return first

    def _spec(self, node: Node) -> NodeSpec | None:
        return self.catalog.get(node.subtype)

    # -- duplicate ids ----------------------------------------------------------------------

    def rename_duplicates(self) -> None:
        taken = {n.id for n in self.wf.nodes}
        groups: dict[str, list[Node]] = {}
        for i, node in enumerate(self.wf.nodes):
            group = groups.setdefault(node.id, [])
            group.append(node)
            if len(group) == 1:
                continue
            old, suffix = node.id, 2
            while f"{old}_{suffix}" in taken:
                suffix += 1
            node.id = f"{old}_{suffix}"
            taken.add(node.id)
            self._add(
                REPAIRED_DUPLICATE_ID,
                f"Renamed the second node with id '{old}' ('{node.name}') to '{node.id}' so "
                "that node ids are unique.",
                node.id,
                f"nodes[{i}].id",
            )
        for old, group in groups.items():
            if len(group) > 1:
                self._retarget(old, group)

    def _retarget(self, old: str, group: list[Node]) -> None:
        """Move references of ``old`` to the one node of ``group`` they can mean."""
        for j, conn in enumerate(self.wf.connections):
            if conn.from_node == old:
                src = self._only(n for n in group if self._has_output(n, conn.from_output))
                if src is not None and src.id != old:
                    self._moved(j, conn, "from_node", src, old)
            if conn.to_node == old:
                dst = self._only(n for n in group if self._has_input(n, conn.to_input))
                if dst is not None and dst.id != old:
                    self._moved(j, conn, "to_node", dst, old)
        for agent in self.wf.nodes:
            refs = agent.attached_nodes
            if old in refs:
                tool = self._only(n for n in group if n.type in _SIDE)
                if tool is not None and tool.id != old:
                    agent.attached_nodes = [tool.id if r == old else r for r in refs]
                    self._add(
                        REPAIRED_DUPLICATE_ID,
                        f"{_subject(agent).capitalize()} now attaches '{tool.id}', the only "
                        f"TOOL/MEMORY node that had id '{old}'.",
                        agent.id,
                        None,
                    )
        self._retarget_expressions(old, group)

    def _moved(self, j: int, conn: Connection, end: str, node: Node, old: str) -> None:
        before = _conn_text(conn)
        setattr(conn, end, node.id)
        port = "output" if end == "from_node" else "input"
        self._add(
            REPAIRED_DUPLICATE_ID,
            f"Connection {before} now uses '{node.id}', the only node that had id '{old}' "
            f"with that {port}.",
            node.id,
            f"connections[{j}].{end}",
        )

    def _retarget_expressions(self, old: str, group: list[Node]) -> None:
        pattern = re.compile(
            r"\$node(?:\.(?P<a>" + re.escape(old) + r")(?![\w$])"
            r"|\[\s*(?P<q>[\"'])(?P<b>" + re.escape(old) + r")(?P=q)\s*\])"
        )
        ancestors = _ancestors(self.wf)
        for i, node in enumerate(self.wf.nodes):
            refs = [r for r in ex.references(node.parameters) if r.node_id == old]
            if not refs:
                continue
            upstream = ancestors.get(id(node), set())
            target = self._only(n for n in group if id(n) in upstream)
            if target is None or target.id == old:
                continue
            new_ref = _node_ref(target.id)
            node.parameters = _rewrite(node.parameters, pattern, new_ref)
            self._add(
                REPAIRED_DUPLICATE_ID,
                f"{_subject(node).capitalize()}: $node references to '{old}' now read "
                f"'{target.id}', the only node of that id upstream of it.",
                node.id,
                f"nodes[{i}].parameters",
            )

    @staticmethod
    def _only(nodes: Iterable[Node]) -> Node | None:
        found = list(nodes)
        return found[0] if len(found) == 1 else None

    def _has_output(self, node: Node, output: str) -> bool:
        spec = self._spec(node)
        return (
            spec is not None
            and node.type not in _SIDE
            and output in spec.output_names(node.on_error)
        )

    def _has_input(self, node: Node, name: str) -> bool:
        spec = self._spec(node)
        return (
            spec is not None
            and node.type not in (*_SIDE, NodeFamily.TRIGGER)
            and (name in spec.inputs)
        )

    # -- connections ------------------------------------------------------------------------

    def drop_dangling(self) -> None:
        nodes = self._nodes()
        kept: list[Connection] = []
        for j, conn in enumerate(self.wf.connections):
            missing = [n for n in (conn.from_node, conn.to_node) if n not in nodes]
            if not missing:
                kept.append(conn)
                continue
            existing = next((n for n in (conn.from_node, conn.to_node) if n in nodes), None)
            self._add(
                REPAIRED_DANGLING_CONNECTION,
                f"Removed connection {_conn_text(conn)}: node '{missing[0]}' does not exist.",
                existing,
                f"connections[{j}]",
            )
        self.wf.connections = kept

    def fix_outputs(self) -> None:
        nodes = self._nodes()
        for j, conn in enumerate(self.wf.connections):
            src = nodes.get(conn.from_node)
            spec = self._spec(src) if src is not None else None
            if src is None or spec is None or src.type in _SIDE:
                continue
            if conn.from_output in spec.output_names(src.on_error) or len(spec.outputs) != 1:
                continue
            before, conn.from_output = conn.from_output, next(iter(spec.outputs))
            self.rewired = True
            self._add(
                REPAIRED_UNKNOWN_OUTPUT,
                f"Connection from {_subject(src)} used output '{before}', which it does not "
                f"have; it now leaves from its only output '{conn.from_output}'.",
                src.id,
                f"connections[{j}].from_output",
            )

    def fix_inputs(self) -> None:
        nodes = self._nodes()
        for j, conn in enumerate(self.wf.connections):
            dst = nodes.get(conn.to_node)
            spec = self._spec(dst) if dst is not None else None
            if dst is None or spec is None or len(spec.inputs) != 1:
                continue
            if conn.to_input in spec.inputs or dst.type == NodeFamily.TRIGGER:
                continue
            before, conn.to_input = conn.to_input, spec.inputs[0]
            self.rewired = True
            self._add(
                REPAIRED_UNKNOWN_INPUT,
                f"Connection into {_subject(dst)} used input '{before}', which it does not "
                f"have; it now enters its only input '{conn.to_input}'.",
                dst.id,
                f"connections[{j}].to_input",
            )

    def attach_tools(self) -> None:
        nodes = self._nodes()
        for tool in list(nodes.values()):
            if tool.type not in _SIDE:
                continue
            wires = [c for c in self.wf.connections if tool.id in (c.from_node, c.to_node)]
            others = {c.to_node if c.from_node == tool.id else c.from_node for c in wires}
            if len(others) != 1:
                continue
            agent = nodes.get(next(iter(others)))
            if agent is None or agent.type != NodeFamily.AI_AGENT:
                continue
            self.wf.connections = [c for c in self.wf.connections if c not in wires]
            if tool.id not in agent.attached_nodes:
                agent.attached_nodes = [*agent.attached_nodes, tool.id]
            self.rewired = True
            self._add(
                REPAIRED_TOOL_ATTACHMENT,
                f"Removed {len(wires)} main-flow connection(s) between {tool.type.value} "
                f"{_subject(tool)} and AI agent {_subject(agent)} and attached it to that "
                "agent instead.",
                tool.id,
                None,
            )

    def drop_duplicates(self) -> None:
        seen: set[tuple[str, str, str, str]] = set()
        kept: list[Connection] = []
        for j, conn in enumerate(self.wf.connections):
            key = (conn.from_node, conn.from_output, conn.to_node, conn.to_input)
            if key not in seen:
                seen.add(key)
                kept.append(conn)
                continue
            self._add(
                REPAIRED_DUPLICATE_CONNECTION,
                f"Removed a second copy of connection {_conn_text(conn)}.",
                conn.from_node,
                f"connections[{j}]",
            )
        self.wf.connections = kept

    # -- parameters -------------------------------------------------------------------------

    def fill_defaults(self, node_ids: list[str]) -> None:
        for i, node in enumerate(self.wf.nodes):
            spec = self._spec(node)
            if node.id not in node_ids or spec is None:
                continue
            props = spec.parameters.get("properties", {})
            for name in _missing_required(spec, node.parameters):
                prop = props.get(name)
                if not isinstance(prop, dict) or "default" not in prop:
                    continue
                node.parameters = {**node.parameters, name: copy.deepcopy(prop["default"])}
                self._add(
                    REPAIRED_MISSING_DEFAULT,
                    f"Set required parameter '{name}' of {_subject(node)} to its default "
                    f"{prop['default']!r}.",
                    node.id,
                    f"nodes[{i}].parameters.{name}",
                )

    # -- orphans ----------------------------------------------------------------------------

    def connect_orphans(self, node_ids: list[str]) -> None:
        nodes = self._nodes()
        for node_id in [n for n in nodes if n in node_ids]:
            orphan = nodes[node_id]
            spec = self._spec(orphan)
            if orphan.type in (*_SIDE, NodeFamily.TRIGGER) or spec is None:
                continue
            if "main" not in spec.inputs or any(c.to_node == node_id for c in self._main()):
                continue
            reached = self._reachable(nodes)
            if node_id in reached:
                continue
            before = self._predecessor(orphan, nodes, reached)
            if before is None:
                continue
            self.wf.connections = [
                *self.wf.connections,
                Connection(from_node=before.id, to_node=node_id),
            ]
            self._add(
                REPAIRED_ORPHAN,
                f"Connected {_subject(orphan)}, which no trigger could reach, after "
                f"{_subject(before)} (main -> main).",
                node_id,
                f"connections[{len(self.wf.connections) - 1}]",
            )

    def _main(self) -> list[Connection]:
        nodes = self._nodes()
        return [
            c
            for c in self.wf.connections
            if c.from_node in nodes
            and c.to_node in nodes
            and nodes[c.from_node].type not in _SIDE
            and nodes[c.to_node].type not in (*_SIDE, NodeFamily.TRIGGER)
        ]

    def _successors(self) -> dict[str, list[str]]:
        succ: dict[str, list[str]] = {}
        for conn in self._main():
            succ.setdefault(conn.from_node, []).append(conn.to_node)
        return succ

    def _reachable(self, nodes: dict[str, Node]) -> set[str]:
        starts = [n for n, node in nodes.items() if node.type == NodeFamily.TRIGGER]
        return _reach(starts, self._successors())

    def _predecessor(self, orphan: Node, nodes: dict[str, Node], reached: set[str]) -> Node | None:
        below = _reach([orphan.id], self._successors())

        def eligible(node: Node) -> bool:
            spec = self._spec(node)
            return (
                node.id in reached
                and node.id not in below
                and node.type not in _SIDE
                and spec is not None
                and "main" in spec.outputs
            )

        index = next(i for i, n in enumerate(self.wf.nodes) if n is orphan)
        previous = self.wf.nodes[index - 1] if index > 0 else None
        by_list = previous if previous is not None and eligible(previous) else None
        left = [n for n in nodes.values() if eligible(n) and n.position[0] < orphan.position[0]]
        nearest_x = max((n.position[0] for n in left), default=None)
        by_x = [n for n in left if n.position[0] == nearest_x]
        if by_list is not None:
            return by_list if not by_x or by_list in by_x else None
        return by_x[0] if len(by_x) == 1 else None


def _reach(starts: list[str], succ: dict[str, list[str]]) -> set[str]:
    seen = set(starts)
    stack = list(starts)
    while stack:
        for nxt in succ.get(stack.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _ancestors(wf: Workflow) -> dict[int, set[int]]:
    """``id(node)`` -> ids of the node objects upstream of it (connections by current ids;
    a duplicated id resolves to its first node, as the validator reads it)."""
    first: dict[str, Node] = {}
    for node in wf.nodes:
        first.setdefault(node.id, node)
    preds: dict[int, list[Node]] = {}
    for a, _, b in ex.main_edges(wf, first):
        preds.setdefault(id(first[b]), []).append(first[a])
    out: dict[int, set[int]] = {}
    for node in wf.nodes:
        seen: set[int] = set()
        stack = list(preds.get(id(node), []))
        while stack:
            current = stack.pop()
            if id(current) not in seen:
                seen.add(id(current))
                stack.extend(preds.get(id(current), []))
        out[id(node)] = seen
    return out


def _node_ref(node_id: str) -> str:
    return (
        f"$node.{node_id}"
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", node_id)
        else (f'$node["{node_id}"]')
    )


def _rewrite(value: Any, pattern: re.Pattern[str], new: str) -> Any:
    """Replace ``$node`` references matching ``pattern`` inside ``{{ }}`` string leaves."""
    if isinstance(value, str):
        return pattern.sub(lambda _: new, value) if ex.OPEN in value else value
    if isinstance(value, dict):
        return {k: _rewrite(v, pattern, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_rewrite(v, pattern, new) for v in value]
    return value


def _missing_required(spec: NodeSpec, params: dict[str, Any]) -> list[str]:
    """Top-level required names (conditional ``then``/``else`` ones included) that are
    absent, null or blank."""
    names: list[str] = []
    for name in spec.required_parameters:
        value = params.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            names.append(name)
    for err in spec.validator.iter_errors(params):
        if err.validator == "required" and not err.absolute_path:
            for name in err.validator_value if isinstance(err.validator_value, list) else []:
                if name not in params and name not in names:
                    names.append(str(name))
    return names


__all__ = [
    "REPAIRED_DANGLING_CONNECTION",
    "REPAIRED_DUPLICATE_CONNECTION",
    "REPAIRED_DUPLICATE_ID",
    "REPAIRED_MISSING_DEFAULT",
    "REPAIRED_ORPHAN",
    "REPAIRED_TOOL_ATTACHMENT",
    "REPAIRED_UNKNOWN_INPUT",
    "REPAIRED_UNKNOWN_OUTPUT",
    "RepairResult",
    "repair",
]
