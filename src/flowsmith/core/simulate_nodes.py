"""What each node emits in the dry run.

:meth:`_NodeOutputs._outputs` runs a node: without a catalog spec it passes its items on; a
fork that forces ``error`` makes it fail (``on_error: error_output``); FLOW nodes go to their
handler (:mod:`flowsmith.core.simulate_flow`); HUMAN_IN_THE_LOOP nodes decide ``approved``
unless a fork forces ``rejected``/``timeout``; every other node (ACTION, EXTERNAL_ACTION,
AI_AGENT, TRIGGER) is sampled from its output ``item_schema``
(:mod:`flowsmith.core.simulate_samples`), with its resolved parameters echoed into
same-named fields, or extends/passes on its incoming item. ``item_shape_mismatch`` is
reported when an echoed value does not fit its output field.

Invariants: pure (no I/O, no clock, no randomness beyond ``seed``); a node's samples are
cached per (subtype variant or node, output, index) and copied on use, so emitted items are
never shared or mutated.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any

from flowsmith.core import expressions as ex
from flowsmith.core.catalog import NodeSpec
from flowsmith.core.models import Node, NodeFamily
from flowsmith.core.simulate_flow import _HANDLERS, _FlowNodes
from flowsmith.core.simulate_graph import _Run
from flowsmith.core.simulate_resolve import _subject
from flowsmith.core.simulate_samples import _guess, _sample
from flowsmith.core.simulate_trace import ITEM_SHAPE_MISMATCH, MAX_ITEMS, Item, Outputs

LIST_SOURCES = frozenset({"google_sheets_read", "postgres_query", "mysql_query", "read_file"})
"""Nodes that naturally return several rows: they emit two items per input item."""
SAMPLE_VARIANTS = 4
_NO_ECHO = frozenset({"http_request", "http_tool", "webhook_response"})


class _NodeOutputs(_FlowNodes):
    """Node dispatch, sampled nodes and human decisions (see the module docstring)."""

    # -- node behaviour ---------------------------------------------------------------------

    def _outputs(
        self,
        state: _Run,
        node: Node,
        deliveries: list[tuple[tuple[str, str], list[Item]]],
        inputs: list[Item],
    ) -> Outputs:
        spec = self.g.specs[node.id]
        if spec is None:
            return {"main": [dict(i) for i in inputs[:MAX_ITEMS]]}
        if state.plan.get(node.id) == "error":
            return self._fail(state, node, inputs)
        handler = _HANDLERS.get(node.subtype)
        if handler is not None:
            return handler(self, state, node, deliveries, inputs)
        if node.type == NodeFamily.HUMAN_IN_THE_LOOP:
            return self._human(state, node, inputs, spec)
        return self._produce(state, node, inputs, spec)

    def _fail(self, state: _Run, node: Node, inputs: list[Item]) -> Outputs:
        message = f"Simulated failure of '{node.name}'"
        for item in inputs or [{}]:
            self._params(state, node, item)
        return {"error": [{**i, "error": {"message": message}} for i in inputs[:MAX_ITEMS]]}

    def _produce(self, state: _Run, node: Node, inputs: list[Item], spec: NodeSpec) -> Outputs:
        """ACTION / EXTERNAL_ACTION / AI_AGENT / TRIGGER nodes: sample, echo, extend."""
        forced = state.plan.get(node.id)
        default = "main" if "main" in spec.outputs else next(iter(spec.outputs), "main")
        output = forced if forced in spec.outputs else default
        how = ex.behaviour(node.subtype, node.parameters)
        per_item = 2 if node.subtype in LIST_SOURCES else 1
        produced: list[Item] = []
        sources: list[Item | None] = list(inputs[:MAX_ITEMS]) or [None]
        for k, item in enumerate(sources):
            for tool in self.g.attached.get(node.id, []):  # tools see the agent's item
                self._params(state, self.g.first[tool], item)
            params = self._params(state, node, item)  # last: _echo reads its uncertainty
            for j in range(per_item):
                produced.extend(self._make(node, spec, output, k * per_item + j, item, params, how))
        return {output: produced[:MAX_ITEMS]}

    def _make(
        self,
        node: Node,
        spec: NodeSpec,
        output: str,
        index: int,
        item: Item | None,
        params: Mapping[str, Any],
        how: str,
    ) -> list[Item]:
        if node.subtype == "split_out":
            return self._split(node, index, item, params)
        if item is not None and (how == "pass" or self._opaque(node, spec, output)):
            return [dict(item)]
        base = self._sample(node, spec, output, index)
        made = {**item, **base} if how == "extend" and item is not None else dict(base)
        self._echo(node, spec, output, params, made)
        return [made]

    def _split(
        self, node: Node, index: int, item: Item | None, params: Mapping[str, Any]
    ) -> list[Item]:
        name = str(params.get("field") or "")
        target = str(params.get("destination_field") or name)
        values = (item or {}).get(name)
        if not isinstance(values, list) or not values:
            salt = self._hash(node.id, name)
            values = [_guess(name.rstrip("s") or "value", salt, index + k) for k in range(2)]
        keep = dict(item or {}) if params.get("include") == "all_other_fields" else {}
        keep.pop(name, None)
        out = []
        for value in values[:MAX_ITEMS]:
            out.append({**keep, **value} if isinstance(value, dict) else {**keep, target: value})
        return out

    def _opaque(self, node: Node, spec: NodeSpec, output: str) -> bool:
        """Nodes whose output says nothing (``code``, imported n8n nodes…) pass their input
        on, the most plausible shape; row sources (``LIST_SOURCES``) are sampled instead."""
        if node.subtype in LIST_SOURCES:
            return False
        schema = ex.own_schema(spec, node, output)
        return not schema.get("properties") and schema.get("additionalProperties") is not False

    def _echo(
        self, node: Node, spec: NodeSpec, output: str, params: Mapping[str, Any], made: Item
    ) -> None:
        """Merge resolved parameters into the item where the output has a same-named field
        (and the special cases: set_fields' fields, text_template/date_time output_field)."""
        if node.subtype == "set_fields" and isinstance(params.get("fields"), Mapping):
            made.update(params["fields"])
            return
        if node.subtype in ("text_template", "date_time"):
            template = node.subtype == "text_template"
            key = params.get("output_field") or ("text" if template else "date")
            value = params.get("template" if template else "value")
            made[str(key)] = value if isinstance(value, str) else self.now
            return
        if node.subtype in _NO_ECHO:
            return
        schema = spec.outputs[output].item_schema if output in spec.outputs else {}
        props = schema.get("properties")
        if not isinstance(props, Mapping):
            return
        for name, value in params.items():
            if name not in props or value is None:
                continue
            if _fits(value, props[name]):
                made[name] = value
            elif (name,) not in self._uncertain_params:  # made-up values keep the sample
                made[name] = value
                if not _fits(value, props[name], loosely=True):
                    self._shape_mismatch(node, output, name, value, props[name])

    def _shape_mismatch(self, node: Node, output: str, name: str, value: Any, prop: Any) -> None:
        """Produced items (the sample with echoed parameters) must match the output schema:
        sampled fields do by construction, so only echoed values are checked."""
        expected = " or ".join(sorted(ex.schema_types(prop) or ()))
        self._add(
            ITEM_SHAPE_MISMATCH,
            f"{_subject(node)} produces items whose field '{name}' is {ex.json_type(value)} "
            f"(from its parameter '{name}'), but its '{output}' output declares {expected}.",
            node,
            detail=name,
        )

    def _sample(self, node: Node, spec: NodeSpec, output: str, index: int) -> Item:
        """A sampled output item. Each node draws one of ``SAMPLE_VARIANTS`` samples of its
        subtype (by a hash of its id), so sibling nodes differ while the cache stays small;
        nodes whose parameters add fields get their own."""
        own = ex.derived_properties(node.subtype, node.parameters)
        variant = zlib.crc32(node.id.encode()) % SAMPLE_VARIANTS
        owner = node.id if own else f"{node.subtype}#{variant}"
        key = (owner, output, index)
        if key not in self._samples:
            schema = ex.own_schema(spec, node, output)
            value = _sample(schema, "item", self._hash(owner, output), index, 0)
            self._samples[key] = value if isinstance(value, dict) else {"value": value}
        return dict(self._samples[key])

    def _human(self, state: _Run, node: Node, inputs: list[Item], spec: NodeSpec) -> Outputs:
        choice = state.plan.get(node.id, "approved")
        out: list[Item] = []
        for k, item in enumerate(inputs[:MAX_ITEMS]):
            self._params(state, node, item)
            if choice == "timeout":
                out.append(dict(item))
                continue
            decision = self._sample(node, spec, choice, k)
            decision["approved"] = choice == "approved"
            out.append({**item, **decision})
        return {choice: out}


def _fits(value: Any, schema: Any, *, loosely: bool = False) -> bool:
    """Whether ``value``'s JSON type is one ``schema`` allows (unknown schemas allow all).
    ``loosely``: only a certain mismatch (see ``expressions.mismatch``) counts."""
    types = ex.schema_types(schema)
    if types is None or value is None:
        return True
    kind = ex.json_type(value)
    if loosely:
        return ex.mismatch(frozenset({kind}), types) != "error"
    if kind in types or (kind == "integer" and "number" in types):
        return True
    return kind == "number" and "integer" in types and float(value).is_integer()
