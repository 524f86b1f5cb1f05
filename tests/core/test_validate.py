"""The validator: for each finding code, one workflow that triggers it and a near-identical
one that does not."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core import validate as v
from flowsmith.core import validate_context as vc
from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.core.models import Connection, Finding, Node, NodeFamily, Workflow
from flowsmith.core.validate import is_valid, validate_document, validate_workflow


def node(node_id: str, subtype: str, family: str | None = None, **kw: Any) -> Node:
    """A node whose type defaults to its catalog family."""
    spec = load_catalog().get(subtype)
    fam = family or (spec.family.value if spec else "ACTION")
    return Node(id=node_id, name=node_id.upper(), type=NodeFamily(fam), subtype=subtype, **kw)


def conn(a: str, b: str, out: str = "main", inp: str = "main") -> Connection:
    return Connection(from_node=a, to_node=b, from_output=out, to_input=inp)


def wf(nodes: list[Node], conns: list[Connection] | None = None) -> Workflow:
    return Workflow(nodes=nodes, connections=conns or [])


TRIGGER = node("t", "manual_trigger")
HTTP = {"url": "https://example.com"}


def http(node_id: str = "h", **params: Any) -> Node:
    return node(node_id, "http_request", parameters={**HTTP, **params})


def agent(node_id: str = "a", attached: list[str] | None = None) -> Node:
    return node(node_id, "ai_agent", parameters={"prompt": "hi"}, attached_nodes=attached or [])


def codes(findings: list[Finding]) -> set[tuple[str, str | None]]:
    return {(f.code, f.node_id) for f in findings}


def code_set(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def find(findings: list[Finding], code: str) -> Finding:
    return next(f for f in findings if f.code == code)


def test_baseline_is_clean() -> None:
    assert validate_workflow(wf([TRIGGER, http()], [conn("t", "h")])) == []


# --- schema_error / empty_workflow ---------------------------------------------------------


def test_schema_error() -> None:
    doc: dict[str, Any] = {
        "nodes": [{"id": "a", "name": "A", "type": "NOPE", "subtype": "manual_trigger"}]
    }
    parsed, findings = validate_document(doc)
    assert parsed is None
    assert codes(findings) == {("schema_error", "a")}
    assert findings[0].path == "nodes[0].type"

    doc["nodes"][0]["type"] = "TRIGGER"
    parsed, findings = validate_document(doc)
    assert parsed is not None
    assert "schema_error" not in code_set(findings)


def test_schema_error_for_non_object_and_extra_key() -> None:
    _, findings = validate_document([1, 2])
    assert code_set(findings) == {"schema_error"}
    _, findings = validate_document({"nodes": [], "colour": "red"})
    assert find(findings, "schema_error").path == "colour"


def test_empty_workflow() -> None:
    assert codes(validate_workflow(wf([]))) == {("empty_workflow", None)}
    assert "empty_workflow" not in code_set(validate_workflow(wf([TRIGGER])))


# --- node checks ---------------------------------------------------------------------------


def test_unknown_subtype() -> None:
    bad = wf([TRIGGER, node("x", "teleport", "ACTION")], [conn("t", "x")])
    f = find(validate_workflow(bad), "unknown_subtype")
    assert (f.node_id, f.path) == ("x", "nodes[1].subtype")
    assert "teleport" in f.message
    good = wf([TRIGGER, http("x")], [conn("t", "x")])
    assert "unknown_subtype" not in code_set(validate_workflow(good))


def test_family_mismatch() -> None:
    bad = wf([TRIGGER, node("h", "http_request", "EXTERNAL_ACTION", parameters=HTTP)])
    bad.connections = [conn("t", "h")]
    f = find(validate_workflow(bad), "family_mismatch")
    assert (f.node_id, f.path) == ("h", "nodes[1].type")
    good = wf([TRIGGER, http()], [conn("t", "h")])
    assert "family_mismatch" not in code_set(validate_workflow(good))


def test_duplicate_node_id() -> None:
    bad = wf([TRIGGER, http(), http()], [conn("t", "h")])
    f = find(validate_workflow(bad), "duplicate_node_id")
    assert (f.node_id, f.path) == ("h", "nodes[2].id")
    good = wf([TRIGGER, http(), http("h2")], [conn("t", "h"), conn("t", "h2")])
    assert validate_workflow(good) == []


# --- parameters ----------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"url": ""}, {"url": "   "}, {"url": None}])
def test_missing_parameter(params: dict[str, Any]) -> None:
    bad = wf([TRIGGER, node("h", "http_request", parameters=params)], [conn("t", "h")])
    findings = validate_workflow(bad)
    assert codes(findings) == {("missing_parameter", "h")}
    assert findings[0].path == "nodes[1].parameters.url"
    assert "'url'" in findings[0].message and "'H'" in findings[0].message
    assert validate_workflow(wf([TRIGGER, http()], [conn("t", "h")])) == []


def test_missing_nested_and_conditional_parameter() -> None:
    cond: dict[str, Any] = {"left": "{{ $json.n }}", "operator": "equals"}
    iff = node("i", "if", parameters={"conditions": [cond]})
    bad = wf([TRIGGER, iff, http()], [conn("t", "i"), conn("i", "h", "true")])
    f = find(validate_workflow(bad), "missing_parameter")
    assert (f.node_id, f.path) == ("i", "nodes[1].parameters.conditions[0].right")
    iff.parameters = {"conditions": [{**cond, "right": 3}]}
    assert validate_workflow(bad) == []

    sched = node("s", "schedule_trigger", parameters={"interval": "cron"})
    bad = wf([sched, http()], [conn("s", "h")])
    assert codes(validate_workflow(bad)) == {("missing_parameter", "s")}
    sched.parameters["cron"] = "0 9 * * *"
    assert validate_workflow(bad) == []


def test_missing_one_of_alternatives() -> None:
    ext = node("x", "information_extractor", parameters={"input_text": "{{ $json.t }}"})
    bad = wf([TRIGGER, ext], [conn("t", "x")])
    assert codes(validate_workflow(bad)) == {("missing_parameter", "x")}
    ext.parameters["attributes"] = [{"name": "total"}]
    assert validate_workflow(bad) == []


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"method": "FETCH"}, "nodes[1].parameters.method"),
        ({"timeout_seconds": "thirty"}, "nodes[1].parameters.timeout_seconds"),
        ({"timeout_seconds": 9999}, "nodes[1].parameters.timeout_seconds"),
        ({"colour": "red"}, "nodes[1].parameters.colour"),
        ({"headers": {"X-Num": 5}}, "nodes[1].parameters.headers.X-Num"),
    ],
)
def test_invalid_parameter(params: dict[str, Any], path: str) -> None:
    bad = wf([TRIGGER, http(**params)], [conn("t", "h")])
    findings = validate_workflow(bad)
    assert codes(findings) == {("invalid_parameter", "h")}
    assert findings[0].path == path
    assert "'H'" in findings[0].message


@pytest.mark.parametrize(
    "params",
    [
        {"method": "POST"},
        {"timeout_seconds": 60},
        {"timeout_seconds": "{{ $json.timeout }}"},  # expression for an integer
        {"method": "{{ $json.method }}"},  # expression for an enum
        {"headers": "{{ $json.headers }}"},  # expression for an object
    ],
)
def test_valid_parameter(params: dict[str, Any]) -> None:
    assert validate_workflow(wf([TRIGGER, http(**params)], [conn("t", "h")])) == []


def test_expression_needs_braces() -> None:
    bad = wf([TRIGGER, http(timeout_seconds="$json.timeout")], [conn("t", "h")])
    assert "invalid_parameter" in code_set(validate_workflow(bad))
    assert vc.is_expression("a {{ b }} c") and not vc.is_expression("{{ open")


# --- attachments ---------------------------------------------------------------------------


def test_invalid_attachment_missing_node() -> None:
    bad = wf([TRIGGER, agent(attached=["ghost"])], [conn("t", "a")])
    f = find(validate_workflow(bad), "invalid_attachment")
    assert (f.node_id, f.path) == ("a", "nodes[1].attached_nodes[0]")
    good = wf([TRIGGER, agent(attached=["c"]), node("c", "calculator_tool")], [conn("t", "a")])
    assert validate_workflow(good) == []


def test_invalid_attachment_non_tool() -> None:
    bad = wf([TRIGGER, agent(attached=["h"]), http()], [conn("t", "a"), conn("a", "h")])
    f = find(validate_workflow(bad), "invalid_attachment")
    assert f.node_id == "a" and "'H'" in f.message
    good = wf([TRIGGER, agent(), http()], [conn("t", "a"), conn("a", "h")])
    assert validate_workflow(good) == []


def test_invalid_attachment_on_non_agent() -> None:
    tool = node("c", "calculator_tool")
    bad_http = http()
    bad_http.attached_nodes = ["c"]
    bad = wf([TRIGGER, bad_http, agent(attached=["c"]), tool], [conn("t", "h"), conn("t", "a")])
    f = find(validate_workflow(bad), "invalid_attachment")
    assert (f.node_id, f.path) == ("h", "nodes[1].attached_nodes")
    good = wf([TRIGGER, http(), agent(attached=["c"]), tool], [conn("t", "h"), conn("t", "a")])
    assert validate_workflow(good) == []


def test_tool_not_attached_to_any_agent() -> None:
    bad = wf([TRIGGER, agent(), node("m", "buffer_memory")], [conn("t", "a")])
    assert codes(validate_workflow(bad)) == {("tool_not_attached", "m")}
    good = wf([TRIGGER, agent(attached=["m"]), node("m", "buffer_memory")], [conn("t", "a")])
    assert validate_workflow(good) == []


def test_tool_in_main_flow() -> None:
    nodes = [TRIGGER, agent(attached=["c"]), node("c", "calculator_tool")]
    bad = wf(nodes, [conn("t", "a"), conn("a", "c")])
    f = find(validate_workflow(bad), "tool_not_attached")
    assert (f.node_id, f.path) == ("c", "connections[1]")
    assert validate_workflow(wf(nodes, [conn("t", "a")])) == []


# --- connections ---------------------------------------------------------------------------


def test_dangling_connection() -> None:
    bad = wf([TRIGGER, http()], [conn("t", "h"), conn("h", "ghost")])
    f = find(validate_workflow(bad), "dangling_connection")
    assert (f.node_id, f.path) == ("h", "connections[1].to_node")
    assert "ghost" in f.message
    bad = wf([TRIGGER, http()], [conn("t", "h"), conn("ghost", "h")])
    assert find(validate_workflow(bad), "dangling_connection").path == "connections[1].from_node"
    assert validate_workflow(wf([TRIGGER, http()], [conn("t", "h")])) == []


def test_duplicate_connection() -> None:
    bad = wf([TRIGGER, http()], [conn("t", "h"), conn("t", "h")])
    f = find(validate_workflow(bad), "duplicate_connection")
    assert (f.node_id, f.path) == ("t", "connections[1]")
    good = wf([TRIGGER, http(), http("h2")], [conn("t", "h"), conn("t", "h2")])
    assert validate_workflow(good) == []


def test_unknown_output() -> None:
    iff = node("i", "if", parameters={"conditions": [{"left": True, "operator": "is_true"}]})
    bad = wf([TRIGGER, iff, http()], [conn("t", "i"), conn("i", "h", "main")])
    f = find(validate_workflow(bad), "unknown_output")
    assert (f.node_id, f.path) == ("i", "connections[1].from_output")
    assert "true" in f.message and "false" in f.message
    good = wf([TRIGGER, iff, http()], [conn("t", "i"), conn("i", "h", "true")])
    assert validate_workflow(good) == []


def test_error_output_needs_on_error() -> None:
    nodes = [TRIGGER, http(), http("alert")]
    conns = [conn("t", "h"), conn("h", "alert", "error")]
    assert codes(validate_workflow(wf(nodes, conns))) == {("unknown_output", "h")}
    nodes[1] = http()
    nodes[1].on_error = "error_output"
    assert validate_workflow(wf(nodes, conns)) == []


def test_unknown_input() -> None:
    bad = wf([TRIGGER, http()], [conn("t", "h", inp="side")])
    f = find(validate_workflow(bad), "unknown_input")
    assert (f.node_id, f.path) == ("h", "connections[0].to_input")
    assert validate_workflow(wf([TRIGGER, http()], [conn("t", "h")])) == []


def test_trigger_has_input() -> None:
    bad = wf([TRIGGER, http()], [conn("t", "h"), conn("h", "t")])
    f = find(validate_workflow(bad), "trigger_has_input")
    assert (f.node_id, f.path) == ("t", "connections[1].to_node")
    good = wf([TRIGGER, http(), http("h2")], [conn("t", "h"), conn("h", "h2")])
    assert validate_workflow(good) == []


def test_merge_accepts_many_connections() -> None:
    nodes = [TRIGGER, http(), http("h2"), node("m", "merge"), http("out")]
    conns = [conn("t", "h"), conn("t", "h2"), conn("h", "m"), conn("h2", "m"), conn("m", "out")]
    assert validate_workflow(wf(nodes, conns)) == []


# --- graph checks --------------------------------------------------------------------------


def test_no_trigger() -> None:
    bad = wf([http(), http("h2")], [conn("h", "h2")])
    assert codes(validate_workflow(bad)) == {("no_trigger", None)}  # no unreachable noise
    good = wf([TRIGGER, http(), http("h2")], [conn("t", "h"), conn("h", "h2")])
    assert validate_workflow(good) == []


def test_unreachable_node() -> None:
    bad = wf([TRIGGER, http(), http("h2")], [conn("t", "h")])
    f = find(validate_workflow(bad), "unreachable_node")
    assert (f.node_id, f.path) == ("h2", "nodes[2]")
    good = wf([TRIGGER, http(), http("h2")], [conn("t", "h"), conn("h", "h2")])
    assert validate_workflow(good) == []


def test_tool_of_unreachable_agent_is_unreachable() -> None:
    nodes = [TRIGGER, http(), agent(attached=["c"]), node("c", "calculator_tool")]
    findings = validate_workflow(wf(nodes, [conn("t", "h")]))
    assert codes(findings) == {("unreachable_node", "a"), ("unreachable_node", "c")}
    assert validate_workflow(wf(nodes, [conn("t", "h"), conn("h", "a")])) == []


def test_cycle() -> None:
    nodes = [TRIGGER, http(), http("h2")]
    bad = wf(nodes, [conn("t", "h"), conn("h", "h2"), conn("h2", "h")])
    f = find(validate_workflow(bad), "cycle")
    assert (f.node_id, f.path) == ("h", "nodes[1]")
    assert "'H'" in f.message and "'H2'" in f.message
    assert validate_workflow(wf(nodes, [conn("t", "h"), conn("h", "h2")])) == []


def test_self_loop_is_a_cycle() -> None:
    bad = wf([TRIGGER, http()], [conn("t", "h"), conn("h", "h")])
    assert codes(validate_workflow(bad)) == {("cycle", "h")}


def test_cycle_through_loop_node_is_legal() -> None:
    nodes = [TRIGGER, node("l", "loop"), http(), http("done")]
    conns = [conn("t", "l"), conn("l", "h", "loop"), conn("h", "l"), conn("l", "done", "done")]
    assert validate_workflow(wf(nodes, conns)) == []
    # a second cycle inside the loop body that avoids the loop node is still reported
    nodes.append(http("h2"))
    conns += [conn("h", "h2"), conn("h2", "h")]
    assert codes(validate_workflow(wf(nodes, conns))) == {("cycle", "h")}


# --- warnings ------------------------------------------------------------------------------


def test_dead_end_warning() -> None:
    iff = node("i", "if", parameters={"conditions": [{"left": 1, "operator": "is_not_empty"}]})
    bad = wf([TRIGGER, iff], [conn("t", "i")])
    findings = validate_workflow(bad)
    assert codes(findings) == {("dead_end", "i")}
    assert findings[0].severity == "warning"
    assert is_valid(findings)
    good = wf([TRIGGER, iff, http()], [conn("t", "i"), conn("i", "h", "false")])
    assert validate_workflow(good) == []


def test_lone_trigger_is_a_dead_end_but_valid() -> None:
    findings = validate_workflow(wf([TRIGGER]))
    assert codes(findings) == {("dead_end", "t")}
    assert is_valid(findings)


# --- module contract -----------------------------------------------------------------------


def test_is_valid() -> None:
    assert is_valid([])
    assert not is_valid([Finding(code="cycle", message="x")])
    assert is_valid([Finding(code="dead_end", severity="warning", message="x")])


def test_codes_are_documented_and_severities_fixed() -> None:
    doc = v.__doc__ or ""
    for code in vc.ERROR_CODES | vc.WARNING_CODES:
        assert f"``{code}``" in doc
    assert not vc.ERROR_CODES & vc.WARNING_CODES


def test_findings_are_deterministic() -> None:
    messy = wf(
        [TRIGGER, http(method="X"), http("h"), node("q", "teleport", "ACTION")],
        [conn("t", "h"), conn("h", "ghost"), conn("q", "q")],
    )
    assert validate_workflow(messy) == validate_workflow(messy)


def test_validate_document_happy_path() -> None:
    doc = wf([TRIGGER, http()], [conn("t", "h")]).model_dump(mode="json")
    parsed, findings = validate_document(doc)
    assert parsed is not None and parsed.node("h") is not None
    assert findings == []


def _big_workflow(n: int) -> Workflow:
    nodes = [TRIGGER]
    conns = []
    for k in range(n - 1):
        nodes.append(http(f"n{k}", method="POST", timeout_seconds="{{ $json.t }}"))
        conns.append(conn(nodes[-2].id, f"n{k}"))
    return wf(nodes, conns)


def test_200_nodes_validate_clean() -> None:
    # the 20 ms budget is measured by bench/workflow200.py, not asserted here (noisy machines)
    big = _big_workflow(200)
    assert is_valid(validate_workflow(big, load_catalog()))


def test_explicit_catalog_is_used_even_when_empty() -> None:
    findings = validate_workflow(wf([TRIGGER]), Catalog([]))
    assert codes(findings) == {("unknown_subtype", "t")}
