"""The checks of the ``{{ … }}`` expressions in parameters: ``expression_syntax``,
``unknown_node_reference``, ``reference_not_upstream``, ``unknown_field`` (an error or a
warning, by what the schema allows) and ``type_mismatch``, against the item shapes of
``expressions.infer_shapes`` and the ancestors through main-flow edges.

Invariants: pure (no I/O, no clock); ancestors are computed once per workflow, on first need,
and field checks are memoised by schema identity for as long as the shapes live.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from flowsmith.core import expressions as ex
from flowsmith.core.catalog import NodeSpec
from flowsmith.core.models import Node, Severity
from flowsmith.core.validate_connections import _attached_ids
from flowsmith.core.validate_context import (
    ATTACHABLE,
    EXPRESSION_SYNTAX,
    REFERENCE_NOT_UPSTREAM,
    TYPE_MISMATCH,
    UNKNOWN_FIELD,
    UNKNOWN_NODE_REFERENCE,
    _Context,
    _label,
    _render_path,
    _subject,
)
from flowsmith.core.validate_graph import _adjacency, strongly_connected


def _check_expressions(ctx: _Context) -> None:
    found = [
        (i, node, ex.node_templates(node.subtype, node.parameters))
        for i, node in enumerate(ctx.wf.nodes)
    ]
    if not any(templates for _, _, templates in found):
        return
    checker = _ExpressionChecker(ctx, ex.infer_shapes(ctx.wf, ctx.catalog))
    for i, node, templates in found:
        for location, text in templates:
            checker.check(i, node, location, text)


class _ExpressionChecker:
    """Checks the templates of one workflow; ancestors are computed once, on first need."""

    def __init__(self, ctx: _Context, shapes: ex.Shapes) -> None:
        self.ctx = ctx
        self.shapes = shapes
        self._ancestors: dict[str, int] | None = None
        self._bit: dict[str, int] = {node_id: 1 << k for k, node_id in enumerate(ctx.nodes)}
        self._owners = _attached_ids(ctx)
        self._fields: dict[tuple[int, ex.Path], ex.FieldCheck] = {}
        self._param_types: dict[tuple[str, ex.Location], frozenset[str] | None] = {}

    def _status(self, schema: ex.Schema, path: ex.Path) -> ex.FieldCheck:
        """``field_status``, memoised (schemas live as long as ``self.shapes``)."""
        key = (id(schema), path)
        if key not in self._fields:
            self._fields[key] = ex.field_status(schema, path)
        return self._fields[key]

    def _expected(self, spec: NodeSpec, location: ex.Location) -> frozenset[str] | None:
        key = (spec.subtype, location)
        if key not in self._param_types:
            self._param_types[key] = ex.schema_types(ex.json_schema_at(spec.parameters, location))
        return self._param_types[key]

    def check(self, i: int, node: Node, location: ex.Location, text: str) -> None:
        template = ex.parse(text)
        path = f"nodes[{i}].parameters{_render_path(location)}"
        shown = _render_path(location).lstrip(".")
        for problem in template.problems:
            self.ctx.add(
                EXPRESSION_SYNTAX,
                f"{_subject(node)}: parameter '{shown}' has a broken expression: {problem}.",
                node.id,
                path,
                detail=problem,
            )
        for ref in template.references:
            if ref.kind == "json":
                self._check_field(node, ref, path, shown, self.shapes.input(node.id))
            elif ref.kind == "node" and self._check_node(node, ref, path, shown):
                self._check_field(node, ref, path, shown, self.shapes.node(ref.node_id or ""))
        simple_whole = bool(template.references) and template.references[0].whole
        if template.segments and not template.problems and (simple_whole or not template.whole):
            self._check_type(node, location, template, path, shown)

    # -- $node.<id> ---------------------------------------------------------------------

    def _check_node(self, node: Node, ref: ex.Reference, path: str, shown: str) -> bool:
        """True when the referenced node exists and runs before ``node``."""
        target_id = ref.node_id or ""
        target = self.ctx.nodes.get(target_id)
        where = f"parameter '{shown}' reads {{{{ {ref.raw} }}}}"
        if target is None:
            self.ctx.add(
                UNKNOWN_NODE_REFERENCE,
                f"{_subject(node)}: {where}, but there is no node with id '{target_id}'"
                f"{self._did_you_mean(target_id)}. $node takes a node id, not a name.",
                node.id,
                path,
                detail=target_id,
            )
            return False
        if self._is_upstream(target_id, node):
            return True
        before = "its AI agent" if node.type in ATTACHABLE else "it"
        self.ctx.add(
            REFERENCE_NOT_UPSTREAM,
            f"{_subject(node)}: {where}, but {_label(target)} does not run before {before} "
            "(it is not upstream through main connections), so it has no output there; "
            "read a node on the path from the trigger, or use $json for the incoming item.",
            node.id,
            path,
            detail=target_id,
        )
        return False

    def _did_you_mean(self, wanted: str) -> str:
        lowered = wanted.lower()
        for candidate in self.ctx.nodes.values():
            if candidate.name == wanted or candidate.id.lower() == lowered:
                return f" (did you mean '{candidate.id}', the id of '{candidate.name}'?)"
        return ""

    def _is_upstream(self, target_id: str, node: Node) -> bool:
        bit = self._bit[target_id]
        ancestors = self._ancestor_sets()
        if node.type in ATTACHABLE:
            return any(ancestors.get(o, 0) & bit for o in self._owners.get(node.id, []))
        return bool(ancestors.get(node.id, 0) & bit)

    def _ancestor_sets(self) -> dict[str, int]:
        """Node id -> bitset of its ancestors through main edges (nodes on a cycle are their
        own ancestors). Strongly connected components in topological order, so O(V + E)."""
        if self._ancestors is not None:
            return self._ancestors
        adj = _adjacency(self.ctx.edges)
        preds: dict[str, list[str]] = defaultdict(list)
        for a, b in self.ctx.edges:
            preds[b].append(a)
        ancestors: dict[str, int] = {}
        components = list(strongly_connected(list(self.ctx.nodes), adj))
        for component in reversed(components):  # Tarjan yields sinks first
            members = set(component)
            mask = 0
            for v in component:
                for p in preds.get(v, ()):
                    if p not in members:
                        mask |= ancestors[p] | self._bit[p]
            if len(component) > 1 or component[0] in adj.get(component[0], ()):
                for v in component:
                    mask |= self._bit[v]
            for v in component:
                ancestors[v] = mask
        self._ancestors = ancestors
        return ancestors

    # -- fields and types ---------------------------------------------------------------

    def _check_field(
        self, node: Node, ref: ex.Reference, path: str, shown: str, schema: ex.Schema | None
    ) -> None:
        if schema is None or not ref.path:
            return
        check = self._status(schema, ref.path)
        if check.status not in (ex.FieldStatus.FORBIDDEN, ex.FieldStatus.UNDECLARED):
            return
        missing = ex.render_path(ref.path[: check.depth + 1])
        source = self._source_text(node, ref)
        known = _field_names(check.schema)
        listed = f" (it has: {', '.join(known)})" if known else ""
        if check.status is ex.FieldStatus.FORBIDDEN:
            severity: Severity = "error"
            verdict = f"cannot have a field '{missing}'{listed}"
        else:
            severity = "warning"
            verdict = f"do not declare a field '{missing}'{listed}; it may be missing at run time"
        self.ctx.add(
            UNKNOWN_FIELD,
            f"{_subject(node)}: parameter '{shown}' reads {{{{ {ref.raw} }}}}, but {source} "
            f"{verdict}.",
            node.id,
            path,
            severity=severity,
            detail=ref.raw,
        )

    def _source_text(self, node: Node, ref: ex.Reference) -> str:
        if ref.kind == "node":
            target = self.ctx.nodes[ref.node_id or ""]
            return f"the items of {_label(target)}"
        return "the items arriving at it"

    def _check_type(
        self, node: Node, location: ex.Location, template: ex.Template, path: str, shown: str
    ) -> None:
        spec = self.ctx.spec(node)
        if spec is None:
            return
        expected = self._expected(spec, location)
        if expected is None:
            return
        if not template.whole:
            severity = ex.mismatch(frozenset({"string"}), expected)
            given, why = "text (a string)", "it mixes text and expressions"
        else:
            ref = template.references[0]
            actual = ex.schema_types(self._field_schema(node, ref))
            if actual is None:
                return
            severity = ex.mismatch(actual, expected)
            given, why = " or ".join(sorted(actual)), f"{{{{ {ref.raw} }}}} is declared so"
        if severity is None:
            return
        self.ctx.add(
            TYPE_MISMATCH,
            f"{_subject(node)}: parameter '{shown}' expects {' or '.join(sorted(expected))} "
            f"but gets {given} ({why}).",
            node.id,
            path,
            severity="warning" if not template.whole else severity,
        )

    def _field_schema(self, node: Node, ref: ex.Reference) -> ex.Schema | None:
        if ref.kind == "json":
            schema = self.shapes.input(node.id)
        elif ref.kind == "node" and ref.node_id in self.ctx.nodes:
            if not self._is_upstream(ref.node_id, node):
                return None
            schema = self.shapes.node(ref.node_id)
        else:
            return None
        if schema is None:
            return None
        check = self._status(schema, ref.path)
        return check.schema if check.status is ex.FieldStatus.DECLARED else None


def _field_names(schema: Any, limit: int = 12) -> list[str]:
    props = schema.get("properties") if isinstance(schema, dict) else None
    names = [str(k) for k in props] if isinstance(props, dict) else []
    return names[:limit] + (["…"] if len(names) > limit else [])
