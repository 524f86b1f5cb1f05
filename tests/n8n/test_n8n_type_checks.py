"""IF, Filter and Switch type checks in n8n JSON (see :mod:`flowsmith.n8n.nodes.flow`).

n8n 2.41.1 runs a condition by its filter value's ``options.typeValidation``: ``strict``
refuses the number ``"450"`` that an API hands over as text, ``loose`` converts it. Ours
export ``loose`` with the node's "Convert types where required" on (``looseTypeValidation``,
under ``options`` in If 2.0, Filter 2.0 and Switch 3.0), unless ``strict_types`` says
otherwise; an n8n node that is strict imports with ``strict_types`` and exports strict again.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Node, Workflow
from flowsmith.core.validate import validate_workflow
from flowsmith.n8n.convert import from_n8n, to_n8n


def _node(node_id: str, subtype: str, parameters: dict[str, Any] | None = None) -> Node:
    spec = load_catalog().get(subtype)
    assert spec is not None
    return Node(
        id=node_id,
        name=node_id.title(),
        type=spec.family,
        subtype=subtype,
        parameters=parameters or {},
    )


def _flow(gate: Node, outputs: list[str]) -> Workflow:
    ends = [_node(f"end{i}", "no_op") for i in range(len(outputs))]
    nodes = [_node("t", "manual_trigger"), gate, *ends]
    nodes = [n.model_copy(update={"position": (float(i * 200), 0.0)}) for i, n in enumerate(nodes)]
    conns = [Connection(from_node="t", to_node=gate.id)]
    conns += [
        Connection(from_node=gate.id, to_node=end.id, from_output=out)
        for end, out in zip(ends, outputs, strict=True)
    ]
    return Workflow(id="wf_types", name="Types", nodes=nodes, connections=conns)


_PRICE = {"conditions": [{"left": "{{ $json.price }}", "operator": "less_than", "right": 500}]}
_SWITCH = {
    "field": "{{ $json.priority }}",
    "rules": [{"operator": "equals", "value": 1}, {"operator": "equals", "value": 2}],
}


def _params(doc: dict[str, Any], name: str) -> dict[str, Any]:
    (node,) = [n for n in doc["nodes"] if n["name"] == name]
    params: dict[str, Any] = node["parameters"]
    return params


def _round_trip(workflow: Workflow) -> Workflow:
    back, _ = from_n8n(json.loads(json.dumps(to_n8n(workflow))))
    return back


def test_if_and_filter_convert_types_by_default() -> None:
    for subtype, outputs in (("if", ["true", "false"]), ("filter", ["main"])):
        workflow = _flow(_node("gate", subtype, {**_PRICE, "combine": "and"}), outputs)
        params = _params(to_n8n(workflow), "Gate")
        assert params["conditions"]["options"]["typeValidation"] == "loose"
        assert params["options"] == {"looseTypeValidation": True}
        assert _round_trip(workflow) == workflow


def test_switch_rules_convert_types_by_default() -> None:
    workflow = _flow(_node("gate", "switch", _SWITCH), ["output_0", "output_1", "fallback"])
    params = _params(to_n8n(workflow), "Gate")
    checks = [rule["conditions"]["options"]["typeValidation"] for rule in params["rules"]["values"]]
    assert checks == ["loose", "loose"]
    assert params["options"] == {"fallbackOutput": "extra", "looseTypeValidation": True}
    assert _round_trip(workflow) == workflow


def test_strict_types_export_strict_and_come_back() -> None:
    cases = (
        ("if", {**_PRICE, "combine": "and"}, ["true", "false"]),
        ("switch", _SWITCH, ["output_0", "output_1", "fallback"]),
    )
    for subtype, params, outputs in cases:
        workflow = _flow(_node("gate", subtype, {**params, "strict_types": True}), outputs)
        assert not [f for f in validate_workflow(workflow) if f.severity == "error"]
        exported = _params(to_n8n(workflow), "Gate")
        assert "strict" in json.dumps(exported) and "loose" not in json.dumps(exported)
        assert "looseTypeValidation" not in exported["options"]
        assert _round_trip(workflow) == workflow


def _n8n_if(type_validation: str | None, options: dict[str, Any]) -> dict[str, Any]:
    block_options: dict[str, Any] = {"caseSensitive": True, "leftValue": ""}
    if type_validation is not None:
        block_options["typeValidation"] = type_validation
    condition = {
        "id": "c1",
        "leftValue": "={{ $json.price }}",
        "rightValue": 500,
        "operator": {"type": "number", "operation": "lt"},
    }
    return {
        "name": "Imported",
        "nodes": [
            {
                "id": "a",
                "name": "Start",
                "type": "n8n-nodes-base.manualTrigger",
                "typeVersion": 1,
                "position": [0, 0],
                "parameters": {},
            },
            {
                "id": "b",
                "name": "Cheap?",
                "type": "n8n-nodes-base.if",
                "typeVersion": 2,
                "position": [200, 0],
                "parameters": {
                    "conditions": {
                        "options": block_options,
                        "conditions": [condition],
                        "combinator": "and",
                    },
                    "options": options,
                },
            },
        ],
        "connections": {"Start": {"main": [[{"node": "Cheap?", "type": "main", "index": 0}]]}},
    }


def test_n8n_strict_if_imports_strict_and_stays_strict_after_an_edit() -> None:
    # a value without typeValidation is strict in n8n, like one that says so
    for said in ("strict", None):
        raw = _n8n_if(said, {})
        workflow, _ = from_n8n(copy.deepcopy(raw))
        gate = workflow.node(workflow.nodes[1].id)
        assert gate is not None and gate.subtype == "if"
        assert gate.parameters["strict_types"] is True
        assert _params(to_n8n(workflow), "Cheap?") == raw["nodes"][1]["parameters"]
        gate.parameters["conditions"][0]["right"] = 300  # edited: translated afresh
        edited = _params(to_n8n(workflow), "Cheap?")
        assert edited["conditions"]["options"]["typeValidation"] == "strict"
        assert edited["conditions"]["conditions"][0]["rightValue"] == 300


def test_n8n_loose_if_imports_without_strict_types() -> None:
    raw = _n8n_if("loose", {"looseTypeValidation": True})
    workflow, _ = from_n8n(copy.deepcopy(raw))
    gate = workflow.nodes[1]
    assert gate.subtype == "if" and "strict_types" not in gate.parameters
    assert _params(to_n8n(workflow), "Cheap?") == raw["nodes"][1]["parameters"]


def test_switch_with_mixed_checks_is_kept_as_n8n_wrote_it() -> None:
    workflow = _flow(_node("gate", "switch", _SWITCH), ["output_0", "output_1", "fallback"])
    doc = json.loads(json.dumps(to_n8n(workflow)))
    rules = _params(doc, "Gate")["rules"]["values"]
    rules[0]["conditions"]["options"]["typeValidation"] = "strict"
    back, _ = from_n8n(copy.deepcopy(doc))
    assert _params(to_n8n(back), "Gate")["rules"]["values"] == rules
