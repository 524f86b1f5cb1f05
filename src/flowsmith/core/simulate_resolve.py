"""The simulator's base: its state, the resolution of expressions, and its findings.

:class:`_Resolver` holds what one simulation accumulates (trace, findings, counters, forks,
sample and schema caches). :meth:`_Resolver._params` resolves a node's parameter templates
against a run's item (:meth:`_Resolver.lookup`: ``$json``, ``$node.<id>``, ``$env``, the
workflow context), reporting ``unresolved_expression``, ``assumed_field``,
``env_placeholder`` and a parameter's ``item_shape_mismatch``; :meth:`_Resolver._add`
records a finding once per (code, node, path, detail); ``node_never_runs`` is reported from
what the runs did. The node behaviour (:mod:`flowsmith.core.simulate_flow`,
:mod:`flowsmith.core.simulate_nodes`) and the driving of runs
(:mod:`flowsmith.core.simulate`) build on it.

Invariants: pure (no I/O, no clock, no randomness beyond ``seed``); a node's parameters are
never mutated (:func:`_substituted` builds a resolved copy).
"""

from __future__ import annotations

import zlib
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flowsmith.core import expressions as ex
from flowsmith.core.models import Finding, Node
from flowsmith.core.simulate_graph import _SIDE, _Graph, _Run
from flowsmith.core.simulate_samples import _BASE_TIME, _guess, _sample
from flowsmith.core.simulate_trace import (
    ASSUMED_FIELD,
    ENV_PLACEHOLDER,
    ITEM_SHAPE_MISMATCH,
    NODE_NEVER_RUNS,
    SEVERITIES,
    UNRESOLVED_EXPRESSION,
    Item,
    TraceStep,
)


class _Resolver:
    """State, expressions and findings of one simulation (see the module docstring)."""

    def __init__(self, graph: _Graph, seed: int, max_loop: int, max_steps: int) -> None:
        self.g = graph
        self.seed = seed
        self.max_loop = max_loop
        self.max_steps = max_steps
        self.now = (_BASE_TIME + timedelta(hours=seed % 8760)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        self.trace: list[TraceStep] = []
        self.findings: list[Finding] = []
        self._seen: set[tuple[str, str | None, str | None, str]] = set()
        self.steps = 0
        self.runs = 0
        self.limit_hit = False
        self.ran: set[str] = set()
        self.emitted: set[tuple[str, str]] = set()
        self.scheduled: set[tuple[str, str]] = set()
        self.blocked_merges: set[str] = set()
        self.forks: deque[_Run] = deque()
        self._samples: dict[tuple[str, str, int], Item] = {}
        self._status: dict[tuple[int, ex.Path], ex.FieldCheck] = {}
        self._param_types: dict[tuple[str, ex.Location], frozenset[str] | None] = {}
        self._step: TraceStep | None = None
        self._uncertain = False
        self._uncertain_params: set[ex.Location] = set()
        self._waiting = False

    def _hash(self, *parts: object) -> int:
        return zlib.crc32(":".join(map(str, (self.seed, *parts))).encode())

    # -- expressions ------------------------------------------------------------------------

    def _params(self, state: _Run, node: Node, item: Item | None) -> Mapping[str, Any]:
        """The node's parameters with every template resolved against ``item``."""
        templates = self.g.templates[node.id]
        self._uncertain_params = set()
        if not templates:
            return node.parameters
        values: dict[ex.Location, Any] = {}
        for location, text in templates:
            self._uncertain = False
            resolved = ex.evaluate(text, _Lookup(self, state, node, item, location))
            for missing in resolved.unresolved:
                self._unresolved(state, node, location, missing)
            values[location] = resolved.value
            if resolved.exact and not self._uncertain and not resolved.unresolved:
                self._check_param_type(node, location, text, resolved.value)
            else:
                self._uncertain_params.add(location)
        return _substituted(node.parameters, values, ())  # type: ignore[no-any-return]

    def lookup(
        self, state: _Run, node: Node, item: Item | None, location: ex.Location, ref: ex.Reference
    ) -> Any:
        """A reference's value on this run; made-up (and flagged uncertain) when the item
        lacks a field its schema allows, :class:`~expressions.Unresolved` when it cannot."""
        if ref.kind == "env":
            self._uncertain = True
            self._add(
                ENV_PLACEHOLDER,
                f"{_subject(node)} reads {{{{ {ref.raw} }}}}; the dry run used the placeholder "
                f"'<{ref.path[0]}>'. Set it in the runtime environment.",
                node,
                _param_path(self.g, node, location),
                detail=ref.raw,
            )
            return f"<{ref.path[0]}>"
        if ref.kind == "json":
            if item is None:
                return ex.Unresolved(ref, "there is no input item here (a trigger has none)")
            return self._field(node, location, ref, item, self.g.shapes.input(node.id))
        if ref.kind == "node":
            target = ref.node_id or ""
            if target not in state.executed:
                return ex.Unresolved(ref, f"node '{target}' did not run before this one")
            schema = self.g.shapes.node(target)
            return self._field(node, location, ref, state.executed[target], schema)
        context = ex.Context(
            workflow={"id": self.g.wf.id, "name": self.g.wf.name},
            execution={"id": f"sim-{self.seed}-{state.number}"},
            now=self.now,
        )
        return ex.lookup(ref, context)

    def _field(
        self, node: Node, location: ex.Location, ref: ex.Reference, root: Item, schema: Any
    ) -> Any:
        value, depth = ex.follow(root, ref.path)
        check = self._check(schema, ref.path)
        if depth == len(ref.path):
            certain = check.status is ex.FieldStatus.DECLARED and ex.schema_types(check.schema)
            self._uncertain = self._uncertain or not certain
            return value
        if check.status is ex.FieldStatus.FORBIDDEN:
            return ex.walk(root, ref)
        self._uncertain = self._uncertain or check.status is not ex.FieldStatus.DECLARED
        if check.status is ex.FieldStatus.UNDECLARED:
            self._add(
                ASSUMED_FIELD,
                f"{_subject(node)} reads {{{{ {ref.raw} }}}}, a field its input does not "
                "declare; the dry run used a made-up value.",
                node,
                _param_path(self.g, node, location),
                detail=ref.raw,
            )
        name = str(ref.path[-1]) if ref.path else "value"
        salt = self._hash(node.id, ref.raw)
        if check.status is ex.FieldStatus.DECLARED:
            return _sample(check.schema, name, salt, 0, 0)
        return _guess(name, salt, 0)

    def _check(self, schema: Any, path: ex.Path) -> ex.FieldCheck:
        key = (id(schema), path)
        if key not in self._status:
            self._status[key] = ex.field_status(schema if schema is not None else {}, path)
        return self._status[key]

    def _unresolved(
        self, state: _Run, node: Node, location: ex.Location, missing: ex.Unresolved
    ) -> None:
        self._add(
            UNRESOLVED_EXPRESSION,
            f"{_subject(node)}: parameter '{ex.render_path(location)}' reads "
            f"{{{{ {missing.reference.raw} }}}}, which resolves to nothing in run "
            f"{state.number}: {missing.reason}.",
            node,
            _param_path(self.g, node, location),
            detail=missing.reference.raw,
        )

    def _check_param_type(self, node: Node, location: ex.Location, text: str, value: Any) -> None:
        template = ex.parse(text)
        if not template.whole or not template.references or not template.references[0].whole:
            return
        spec = self.g.specs[node.id]
        if spec is None or value is None:
            return
        key = (node.subtype, location)
        if key not in self._param_types:
            self._param_types[key] = ex.schema_types(ex.json_schema_at(spec.parameters, location))
        expected = self._param_types[key]
        if expected is None or ex.mismatch(frozenset({ex.json_type(value)}), expected) != "error":
            return
        self._add(
            ITEM_SHAPE_MISMATCH,
            f"{_subject(node)}: parameter '{ex.render_path(location)}' expects "
            f"{' or '.join(sorted(expected))}, but {{{{ {template.references[0].raw} }}}} "
            f"gives {ex.json_type(value)} on the simulated item.",
            node,
            _param_path(self.g, node, location),
        )

    # -- findings ---------------------------------------------------------------------------

    def _add(
        self,
        code: str,
        message: str,
        node: Node | None = None,
        path: str | None = None,
        detail: str = "",
    ) -> None:
        node_id = node.id if node is not None else None
        key = (code, node_id, path, detail)
        if key in self._seen:
            return
        self._seen.add(key)
        finding = Finding(
            code=code, severity=SEVERITIES[code], node_id=node_id, path=path, message=message
        )
        self.findings.append(finding)
        if self._step is not None:
            self._step.findings.append(finding)

    def _report_never_run(self) -> None:
        if self.limit_hit:
            return
        for node_id, node in self.g.first.items():
            if node.type in _SIDE or node_id in self.ran or node_id not in self.g.reachable:
                continue
            self._add(NODE_NEVER_RUNS, self._never_reason(node), node)

    def _never_reason(self, node: Node) -> str:
        if node.id in self.blocked_merges:
            return (
                f"{_subject(node)} never ran: it waits for items from all of its "
                f"{len(self.g.in_sources.get(node.id, []))} inputs, but in no simulated run "
                "did all of them deliver (they are alternative branches?)."
            )
        silent = [
            f"'{src}'.{out}"
            for src, out in self.g.in_sources.get(node.id, [])
            if src in self.ran and (src, out) not in self.emitted
        ]
        if silent:
            return (
                f"{_subject(node)} never ran: it is connected from {', '.join(silent)}, "
                "which never emitted items in any simulated run."
            )
        return f"{_subject(node)} never ran: none of the nodes before it ran or emitted items."


@dataclass(frozen=True, slots=True)
class _Lookup:
    """Resolves the references of one parameter of one node on one item."""

    sim: _Resolver
    state: _Run
    node: Node
    item: Item | None
    location: ex.Location

    def __call__(self, ref: ex.Reference) -> Any:
        return self.sim.lookup(self.state, self.node, self.item, self.location, ref)


# --- helpers -------------------------------------------------------------------------------


def _subject(node: Node) -> str:
    return f"Node '{node.name}' ({node.id})"


def _param_path(graph: _Graph, node: Node, location: ex.Location) -> str:
    parts = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in location)
    return f"nodes[{graph.index[node.id]}].parameters{parts}"


def _substituted(value: Any, values: Mapping[ex.Location, Any], location: ex.Location) -> Any:
    if location in values:
        return values[location]
    if isinstance(value, dict):
        return {k: _substituted(v, values, (*location, str(k))) for k, v in value.items()}
    if isinstance(value, list):
        return [_substituted(v, values, (*location, k)) for k, v in enumerate(value)]
    return value
