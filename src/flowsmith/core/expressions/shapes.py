"""Item shapes: for every node output, a JSON Schema of the items leaving it.

Holds :class:`Shapes` and :func:`infer_shapes`, the per-node pieces it is built from
(:func:`behaviour`, :func:`derived_properties`, :func:`own_schema`, :func:`extend`,
:func:`union`) and the main-flow graph walk (:func:`main_edges`, :func:`evaluation_order`).

Invariants:

* Pure: reads a workflow and the catalog, writes nothing.
* A node output's shape is the catalog ``item_schema`` plus what parameters add
  (``set_fields`` fields, form labels…) plus, for nodes that pass their input on (IF,
  filter, merge, approvals…), the upstream item's shape. The validator and the simulator
  both read it, so they agree on what a ``$json`` or ``$node`` reference can see.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from flowsmith.core.expressions.schemas import ANY_FIELDS, Schema, json_type
from flowsmith.core.expressions.templates import OPEN, parse
from flowsmith.core.models import Node, NodeFamily, Workflow

if TYPE_CHECKING:
    from flowsmith.core.catalog import Catalog, NodeSpec

Behaviour = Literal["pass", "extend", "replace"]

# Items leave these nodes as they arrived (routing, ordering, waiting).
PASS_THROUGH = frozenset(
    {
        "if",
        "switch",
        "filter",
        "merge",
        "loop",
        "wait",
        "no_op",
        "sort",
        "limit",
        "remove_duplicates",
        "webhook_response",
    }
)
# These add fields to the item that arrived.
EXTENDS_INPUT = frozenset(
    {
        "set_fields",
        "date_time",
        "text_template",
        "approval_email",
        "approval_slack",
        "form_review",
        "text_classifier",
        "sentiment_analysis",
    }
)
_ERROR_FIELDS: Schema = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {"message": {"type": "string"}},
            "additionalProperties": True,
        }
    },
}
_FORM_TYPES: Mapping[str, Schema] = {
    "number": {"type": "number"},
    "checkbox": {"type": "array", "items": {"type": "string"}},
    "date": {"type": "string", "format": "date"},
    "email": {"type": "string", "format": "email"},
}
_ATTRIBUTE_TYPES: Mapping[str, Schema] = {
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "array": {"type": "array"},
    "object": {"type": "object"},
}
_AGGREGATE_TYPES: Mapping[str, Schema] = {
    "count": {"type": "integer"},
    "concatenate": {"type": "string"},
    "collect": {"type": "array"},
}


def behaviour(subtype: str, parameters: Mapping[str, Any]) -> Behaviour:
    """How a node's output items relate to its input items."""
    if subtype in PASS_THROUGH:
        return "pass"
    if subtype == "set_fields" and parameters.get("keep_only_set") is True:
        return "replace"
    if subtype == "split_out" and parameters.get("include") == "all_other_fields":
        return "extend"
    return "extend" if subtype in EXTENDS_INPUT else "replace"


def derived_properties(subtype: str, parameters: Mapping[str, Any]) -> dict[str, Schema]:
    """Output fields a node's parameters name (set_fields keys, form labels, output_field…)."""
    builder = _DERIVED.get(subtype)
    return builder(parameters) if builder is not None else {}


def _literal_schema(value: Any) -> Schema:
    if isinstance(value, str) and OPEN in value:
        return {} if parse(value).whole else {"type": "string"}
    return {"type": json_type(value)}


def _set_fields(params: Mapping[str, Any]) -> dict[str, Schema]:
    fields = params.get("fields")
    if not isinstance(fields, Mapping):
        return {}
    return {str(k): _literal_schema(v) for k, v in fields.items()}


def _form_fields(params: Mapping[str, Any]) -> dict[str, Schema]:
    out: dict[str, Schema] = {}
    for item in params.get("fields") or []:
        if isinstance(item, Mapping) and isinstance(item.get("label"), str):
            out[item["label"]] = dict(_FORM_TYPES.get(str(item.get("type")), {"type": "string"}))
    return out


def _output_field(default: str, kind: Schema) -> Callable[[Mapping[str, Any]], dict[str, Schema]]:
    def build(params: Mapping[str, Any]) -> dict[str, Schema]:
        name = params.get("output_field")
        return {name if isinstance(name, str) and name else default: dict(kind)}

    return build


def _date_time(params: Mapping[str, Any]) -> dict[str, Schema]:
    number = params.get("operation") in ("difference", "extract")
    name = params.get("output_field")
    key = name if isinstance(name, str) and name else "date"
    return {key: {"type": "number"} if number else {"type": "string"}}


def _html_extract(params: Mapping[str, Any]) -> dict[str, Schema]:
    out: dict[str, Schema] = {}
    for item in params.get("extractions") or []:
        if isinstance(item, Mapping) and isinstance(item.get("key"), str):
            many = item.get("return_array") is True
            out[item["key"]] = (
                {"type": "array", "items": {"type": "string"}} if many else {"type": "string"}
            )
    return out


def _information_extractor(params: Mapping[str, Any]) -> dict[str, Schema]:
    schema = params.get("schema")
    if isinstance(schema, Mapping) and isinstance(schema.get("properties"), Mapping):
        return {str(k): dict(v) for k, v in schema["properties"].items() if isinstance(v, dict)}
    out: dict[str, Schema] = {}
    for item in params.get("attributes") or []:
        if isinstance(item, Mapping) and isinstance(item.get("name"), str):
            kind = _ATTRIBUTE_TYPES.get(str(item.get("type")), {"type": "string"})
            out[item["name"]] = dict(kind)
    return out


def _aggregate(params: Mapping[str, Any]) -> dict[str, Schema]:
    out: dict[str, Schema] = {str(g): {} for g in params.get("group_by") or []}
    for item in params.get("operations") or []:
        if not isinstance(item, Mapping):
            continue
        op, name = str(item.get("operation")), item.get("output_field")
        key = name if isinstance(name, str) and name else f"{op}_{item.get('field')}"
        out[key] = dict(_AGGREGATE_TYPES.get(op, {"type": "number"}))
    return out


def _split_out(params: Mapping[str, Any]) -> dict[str, Schema]:
    name = params.get("destination_field") or params.get("field")
    return {name: {}} if isinstance(name, str) and name else {}


_DERIVED: Mapping[str, Callable[[Mapping[str, Any]], dict[str, Schema]]] = {
    "set_fields": _set_fields,
    "form_trigger": _form_fields,
    "form_review": _form_fields,
    "text_template": _output_field("text", {"type": "string"}),
    "date_time": _date_time,
    "html_extract": _html_extract,
    "information_extractor": _information_extractor,
    "aggregate": _aggregate,
    "split_out": _split_out,
}


def own_schema(spec: NodeSpec, node: Node, output: str) -> Schema:
    """The catalog item_schema of ``output`` plus the fields the node's parameters name."""
    out = spec.outputs.get(output)
    base: Schema = out.item_schema if out is not None else {}
    derived = derived_properties(node.subtype, node.parameters)
    if not derived:
        return base
    props = base.get("properties")
    merged: Schema = {
        **base,
        "type": "object",
        "properties": {**(props if isinstance(props, dict) else {}), **derived},
    }
    if node.subtype == "set_fields" and node.parameters.get("keep_only_set") is True:
        merged["additionalProperties"] = False
    return merged


def extend(base: Any, own: Schema) -> Schema:
    """Items of ``base`` shape with ``own``'s properties added (``own`` wins on a clash)."""
    if not isinstance(base, Mapping):
        return own
    if set(base) == {"anyOf"}:
        return {"anyOf": [extend(b, own) for b in base["anyOf"]]}
    own_props = own.get("properties")
    base_props = base.get("properties")
    base_props = base_props if isinstance(base_props, Mapping) else {}
    result: Schema = {
        "type": "object",
        "properties": {**base_props, **(own_props if isinstance(own_props, Mapping) else {})},
    }
    if base.get("additionalProperties", True) is False:
        result["additionalProperties"] = False
    elif not base_props or base.get(ANY_FIELDS):
        result[ANY_FIELDS] = True
    return result


def union(schemas: Sequence[Schema]) -> Schema:
    """One schema for items of any of ``schemas`` (an ``anyOf``, flattened, deduplicated)."""
    if len(schemas) == 1 and set(schemas[0]) != {"anyOf"}:
        return schemas[0]
    flat: list[Schema] = []
    for schema in schemas:
        members = schema["anyOf"] if set(schema) == {"anyOf"} else [schema]
        for member in members:
            if not any(member is seen for seen in flat):
                flat.append(member)
    if len(flat) == 1:
        return flat[0]
    return {"anyOf": flat}


@dataclass
class Shapes:
    """Inferred item schemas. ``order`` evaluates every node after its main-flow predecessors
    (loop back-edges, and any other cycle, are broken at the first node of the cycle)."""

    outputs: dict[tuple[str, str], Schema] = field(default_factory=dict)
    inputs: dict[str, Schema] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    _by_node: dict[str, Schema] = field(default_factory=dict)

    def output(self, node_id: str, output: str) -> Schema:
        """Items leaving ``node_id`` through ``output`` (``{}`` when nothing is known)."""
        return self.outputs.get((node_id, output), {})

    def input(self, node_id: str) -> Schema | None:
        """What ``$json`` is at ``node_id``; None when nothing flows into it."""
        return self.inputs.get(node_id)

    def node(self, node_id: str) -> Schema | None:
        """Items of any output of ``node_id`` (what ``$node.<id>.json`` reads)."""
        if not self._by_node:
            grouped: dict[str, list[Schema]] = {}
            for (owner, _), schema in self.outputs.items():
                grouped.setdefault(owner, []).append(schema)
            self._by_node.update({owner: union(found) for owner, found in grouped.items()})
        return self._by_node.get(node_id)


def main_edges(wf: Workflow, first: Mapping[str, Node]) -> list[tuple[str, str, str]]:
    """``(from, output, to)`` of connections that can carry items in the main flow: both ends
    exist, neither is TOOL/MEMORY, the target is not a trigger."""
    edges: list[tuple[str, str, str]] = []
    side = (NodeFamily.TOOL, NodeFamily.MEMORY)
    for conn in wf.connections:
        src, dst = first.get(conn.from_node), first.get(conn.to_node)
        if src is None or dst is None or src.type in side or dst.type in side:
            continue
        if dst.type == NodeFamily.TRIGGER:
            continue
        edges.append((src.id, conn.from_output, dst.id))
    return edges


def evaluation_order(ids: Sequence[str], edges: Iterable[tuple[str, str, str]]) -> list[str]:
    """Kahn's order over ``edges``, ties broken by position in ``ids``; when only cycles
    remain, the first remaining node that already has an evaluated predecessor goes next."""
    position = {node_id: k for k, node_id in enumerate(ids)}
    preds: dict[str, set[str]] = {i: set() for i in ids}
    succs: dict[str, list[str]] = {i: [] for i in ids}
    for a, _, b in edges:
        if a != b and a not in preds[b]:
            preds[b].add(a)
            succs[a].append(b)
    waiting = {i: len(preds[i]) for i in ids}
    ready = [position[i] for i in ids if waiting[i] == 0]
    heapq.heapify(ready)
    done: set[str] = set()
    order: list[str] = []
    while len(order) < len(ids):
        if not ready:
            stuck = [i for i in ids if i not in done]
            started = [i for i in stuck if preds[i] & done]
            ready = [position[(started or stuck)[0]]]
        current = ids[heapq.heappop(ready)]
        if current in done:
            continue
        done.add(current)
        order.append(current)
        for nxt in succs[current]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0 and nxt not in done:
                heapq.heappush(ready, position[nxt])
    return order


def infer_shapes(wf: Workflow, catalog: Catalog) -> Shapes:
    """Item schemas at every node input and output (see :class:`Shapes`).

    A ``loop`` node's ``loop`` output carries the items that came from outside; its ``done``
    output carries what the loop body sends back (a second pass reads those back-edges).
    """
    first: dict[str, Node] = {}
    for node in wf.nodes:
        first.setdefault(node.id, node)
    edges = main_edges(wf, first)
    shapes = Shapes(order=evaluation_order(list(first), edges))
    position = {node_id: k for k, node_id in enumerate(shapes.order)}
    incoming: dict[str, list[tuple[str, str, bool]]] = {}
    for a, out, b in edges:
        incoming.setdefault(b, []).append((a, out, position[a] >= position[b]))
    _infer_pass(shapes, first, incoming, catalog, None)
    if any(back for feeds in incoming.values() for _, _, back in feeds):
        _infer_pass(shapes, first, incoming, catalog, dict(shapes.outputs))
    _attach_inputs(shapes, first)
    return shapes


def _infer_pass(
    shapes: Shapes,
    first: Mapping[str, Node],
    incoming: Mapping[str, list[tuple[str, str, bool]]],
    catalog: Catalog,
    previous: Mapping[tuple[str, str], Schema] | None,
) -> None:
    """One sweep in ``shapes.order``; back-edges read ``previous`` (skipped when None)."""
    for node_id in shapes.order:
        node = first[node_id]
        feeds = incoming.get(node_id, [])
        forward = [shapes.output(a, out) for a, out, back in feeds if not back]
        returned = [(previous or {}).get((a, out), {}) for a, out, back in feeds if back]
        returned = returned if previous is not None else []
        if feeds:
            shapes.inputs[node_id] = union(forward + returned) if forward or returned else {}
        spec = catalog.get(node.subtype)
        if spec is None:
            continue
        outside = union(forward) if forward else shapes.inputs.get(node_id)
        for output in sorted(spec.output_names(node.on_error)):
            if node.subtype == "loop" and output == "done" and returned:
                shapes.outputs[(node_id, output)] = union(returned)
            else:
                shapes.outputs[(node_id, output)] = _effective(spec, node, output, outside)


def _effective(spec: NodeSpec, node: Node, output: str, incoming: Schema | None) -> Schema:
    if output == "error" and output not in spec.outputs:
        return extend(incoming if incoming is not None else {}, _ERROR_FIELDS)
    how = behaviour(node.subtype, node.parameters)
    own = own_schema(spec, node, output)
    if incoming is None or how == "replace":
        return own
    return incoming if how == "pass" else extend(incoming, own)


def _attach_inputs(shapes: Shapes, first: Mapping[str, Node]) -> None:
    """A TOOL/MEMORY node's ``$json`` is the item its agent is working on."""
    for agent in first.values():
        if agent.type != NodeFamily.AI_AGENT or agent.id not in shapes.inputs:
            continue
        for ref in agent.attached_nodes:
            tool = first.get(ref)
            if tool is None or tool.type not in (NodeFamily.TOOL, NodeFamily.MEMORY):
                continue
            known = shapes.inputs.get(ref)
            agent_input = shapes.inputs[agent.id]
            shapes.inputs[ref] = agent_input if known is None else union([known, agent_input])


__all__ = [
    "EXTENDS_INPUT",
    "PASS_THROUGH",
    "Behaviour",
    "Shapes",
    "behaviour",
    "derived_properties",
    "evaluation_order",
    "extend",
    "infer_shapes",
    "main_edges",
    "own_schema",
    "union",
]
