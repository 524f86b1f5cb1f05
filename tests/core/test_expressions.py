"""Expressions: parsing, resolution, schema walking, inferred item shapes, and the validator's
expression checks (for each code, a workflow that triggers it and a near-identical one that
does not)."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core import expressions as ex
from flowsmith.core import validate as v
from flowsmith.core import validate_context as vc
from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Finding, Node, Workflow
from flowsmith.core.validate import is_valid, validate_workflow
from tests.core.strategies import conn, node, wf

# --- parsing -------------------------------------------------------------------------------


def test_parse_whole_value_reference() -> None:
    template = ex.parse("{{ $json.price }}")
    assert template.whole and not template.problems
    (ref,) = template.references
    assert (ref.kind, ref.path, ref.whole, ref.raw) == ("json", ("price",), True, "$json.price")


def test_parse_mixed_string_and_node_forms() -> None:
    text = 'Price: {{ $json.price }} at {{ $node["check-amazon"].json.offers[0].store }}'
    template = ex.parse(text)
    assert not template.whole and not template.problems
    json_ref, node_ref = template.references
    assert not json_ref.whole
    assert (node_ref.kind, node_ref.node_id) == ("node", "check-amazon")
    assert node_ref.path == ("offers", 0, "store")
    dotted = ex.parse("{{ $node.check_amazon.json.price }}").references[0]
    assert (dotted.node_id, dotted.path) == ("check_amazon", ("price",))


@pytest.mark.parametrize(
    ("text", "kind", "path"),
    [
        ("{{ $now }}", "now", ()),
        ("{{ $today }}", "today", ()),
        ("{{ $workflow.id }}", "workflow", ("id",)),
        ("{{ $workflow.name }}", "workflow", ("name",)),
        ("{{ $execution.id }}", "execution", ("id",)),
        ("{{ $env.API_KEY }}", "env", ("API_KEY",)),
        ("{{ $json['odd key'].x }}", "json", ("odd key", "x")),
        ("{{ $json.name.toUpperCase() }}", "json", ("name",)),  # method call is not a field
        ("{{ $json.items.length }}", "json", ("items", "length")),
    ],
)
def test_reference_kinds(text: str, kind: str, path: tuple[Any, ...]) -> None:
    (ref,) = ex.parse(text).references
    assert (ref.kind, ref.path) == (kind, path)


def test_operators_and_functions_keep_their_references() -> None:
    template = ex.parse("{{ $json.qty * 2 + $node.a.json.n }}")
    assert [r.raw for r in template.references] == ["$json.qty", "$node.a.json.n"]
    assert not template.segments[0].simple


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("{{ $json.a", "never closed"),
        ("ok {{ }}", "empty expression"),
        ("{{ $node.a }}", "$node.a.json"),
        ("{{ $node }}", "node id"),
        ("{{ $json. }}", "field name"),
        ("{{ $env }}", "variable name"),
    ],
)
def test_syntax_problems(text: str, needle: str) -> None:
    problems = ex.parse(text).problems
    assert problems and needle in problems[0]


def test_lone_closing_braces_are_text() -> None:
    body = '{"q": "{{ $json.q }}", "nested": {"a": {"b": 1}}}'
    assert ex.parse(body).problems == ()
    assert ex.parse("no template }}").problems == ()


def test_references_walks_nested_values_in_order() -> None:
    params = {"a": "{{ $json.x }}", "b": [{"c": "{{ $json.y }} and {{ $now }}"}], "d": 3}
    refs = ex.references(params)
    assert [(r.location, r.raw) for r in refs] == [
        (("a",), "$json.x"),
        (("b", 0, "c"), "$json.y"),
        (("b", 0, "c"), "$now"),
    ]
    assert ex.syntax_problems({"x": ["{{ oops"]}) == [
        (("x", 0), "'{{' at position 0 is never closed with '}}'")
    ]


def test_code_and_raw_n8n_parameters_are_not_templates() -> None:
    code = {"code": "return {{a: 1}};", "language": "javascript", "mode": "{{ $json.m }}"}
    assert [loc for loc, _ in ex.node_templates("code", code)] == [("mode",)]
    raw = {"n8n_type": "x", "n8n_parameters": {"v": "={{ $node['Other name'].json.a }}"}}
    assert ex.node_templates("n8n_node", raw) == []


# --- resolution ----------------------------------------------------------------------------

CONTEXT = ex.Context(
    item={"price": 12.5, "name": "Ada", "tags": ["a", "b"], "nested": {"ok": True}},
    nodes={"check": {"in_stock": False}},
    workflow={"id": "wf1", "name": "Watch"},
    execution={"id": "ex1"},
    now="2024-05-06T07:08:09.000Z",
)


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{ $json.price }}", 12.5),
        ("{{ $json.nested }}", {"ok": True}),
        ("{{ $json.tags[1] }}", "b"),
        ("{{ $json.tags.length }}", 2),
        ("Price: {{ $json.price }}", "Price: 12.5"),
        ("{{ $json.nested.ok }}!", "true!"),
        ("{{ $node.check.json.in_stock }}", False),
        ("{{ $workflow.name }}/{{ $execution.id }}", "Watch/ex1"),
        ("{{ $today }}", "2024-05-06"),
        ("{{ $now }}", "2024-05-06T07:08:09.000Z"),
        ("{{ $now.hour }}", 7),  # Luxon's parts of the run's time (a Monday)
        ("{{ $now.weekday }}", 1),
        ("{{ $json.price * 2 }}", 25),
        ("{{ $env.TOKEN }}", "<TOKEN>"),
        ("plain", "plain"),
        (42, 42),
    ],
)
def test_resolve(template: Any, expected: Any) -> None:
    assert ex.resolve(template, CONTEXT) == expected


def test_resolve_unresolved_sentinel() -> None:
    missing = ex.resolve("{{ $json.nested.nope }}", CONTEXT)
    assert isinstance(missing, ex.Unresolved) and not missing
    assert missing.found == 1 and "nested.nope" in missing.reason
    assert isinstance(ex.resolve("{{ $node.ghost.json.a }}", CONTEXT), ex.Unresolved)
    assert isinstance(ex.resolve("{{ $json.a }}", ex.Context()), ex.Unresolved)
    nested = ex.resolve({"a": ["{{ $json.price }}", "{{ $json.gone }}"]}, CONTEXT)
    assert nested["a"][0] == 12.5 and isinstance(nested["a"][1], ex.Unresolved)


def test_function_calls_are_approximated_not_exact() -> None:
    result = ex.evaluate("{{ JSON.stringify($json.tags) }}", lambda r: ex.lookup(r, CONTEXT))
    assert not result.exact and result.value == 'JSON.stringify(["a", "b"])'


def test_env_from_context() -> None:
    ctx = ex.Context(env={"TOKEN": "t0k"})
    assert ex.resolve("Bearer {{ $env.TOKEN }}", ctx) == "Bearer t0k"
    assert isinstance(ex.resolve("{{ $env.OTHER }}", ctx), ex.Unresolved)


# --- schemas -------------------------------------------------------------------------------

ITEM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "price": {"type": "number"},
        "offers": {"type": "array", "items": {"type": "object", "properties": {"s": {}}}},
        "meta": {"type": "object", "additionalProperties": {"type": "string"}},
        "choice": {"anyOf": [{"type": "string"}, {"type": "object", "properties": {"x": {}}}]},
    },
    "additionalProperties": True,
}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (("price",), ex.FieldStatus.DECLARED),
        (("offers", 0, "s"), ex.FieldStatus.DECLARED),
        (("meta", "anything"), ex.FieldStatus.DECLARED),
        (("choice", "x"), ex.FieldStatus.DECLARED),
        (("offers", "length"), ex.FieldStatus.DECLARED),
        (("offers", 0, "s", "deep"), ex.FieldStatus.UNKNOWN),
        (("offers", 0, "other"), ex.FieldStatus.UNDECLARED),
        (("pricee",), ex.FieldStatus.UNDECLARED),
        (("price", "amount"), ex.FieldStatus.FORBIDDEN),
    ],
)
def test_field_status(path: tuple[Any, ...], status: ex.FieldStatus) -> None:
    assert ex.field_status(ITEM, path).status is status


def test_json_schema_at() -> None:
    assert ex.json_schema_at(ITEM, ("price",)) == {"type": "number"}
    assert ex.json_schema_at(ITEM, ("offers", 0)) == ITEM["properties"]["offers"]["items"]
    assert ex.json_schema_at(ITEM, ("meta", "k")) == {"type": "string"}
    assert ex.json_schema_at(ITEM, ("unknown",)) == {}
    assert ex.json_schema_at(ITEM, ("price", "x")) is None
    closed = {"type": "object", "properties": {"a": {}}, "additionalProperties": False}
    assert ex.json_schema_at(closed, ("b",)) is None
    either = {"anyOf": [{"type": "string"}, {"type": "integer"}]}
    assert ex.schema_types(either) == frozenset({"string", "integer"})


@pytest.mark.parametrize(
    ("source", "target", "verdict"),
    [
        ({"integer"}, {"number"}, None),
        ({"number"}, {"string"}, None),
        ({"number"}, {"integer"}, "warning"),
        ({"string"}, {"integer"}, "warning"),
        ({"object"}, {"integer"}, "error"),
        ({"string"}, {"object", "array"}, "error"),
        ({"object"}, {"object", "string"}, None),
    ],
)
def test_mismatch(source: set[str], target: set[str], verdict: str | None) -> None:
    assert ex.mismatch(frozenset(source), frozenset(target)) == verdict


# --- inferred shapes -----------------------------------------------------------------------


def test_shapes_look_through_routing_and_extend_items() -> None:
    check = node("check", "web_page_check", parameters={"url": "https://a"})
    iff = node("i", "if", parameters={"conditions": [{"left": True, "operator": "is_true"}]})
    sets = node("s", "set_fields", parameters={"fields": {"alert": "yes"}})
    workflow = wf(
        [node("t", "manual_trigger"), check, iff, sets, node("e", "no_op")],
        [conn("t", "check"), conn("check", "i"), conn("i", "s", "true"), conn("s", "e")],
    )
    shapes = ex.infer_shapes(workflow, load_catalog())
    at_end = shapes.input("e")
    assert at_end is not None
    assert ex.field_status(at_end, ("price",)).status is ex.FieldStatus.DECLARED
    assert ex.field_status(at_end, ("alert",)).status is ex.FieldStatus.DECLARED
    assert ex.field_status(at_end, ("nope",)).status is ex.FieldStatus.UNDECLARED
    assert shapes.input("t") is None


def test_shapes_keep_only_set_closes_the_item() -> None:
    sets = node("s", "set_fields", parameters={"fields": {"a": 1}, "keep_only_set": True})
    workflow = wf([node("t", "manual_trigger"), sets, node("e", "no_op")])
    workflow.connections = [conn("t", "s"), conn("s", "e")]
    shape = ex.infer_shapes(workflow, load_catalog()).input("e")
    assert ex.field_status(shape, ("b",)).status is ex.FieldStatus.FORBIDDEN


def test_loop_done_carries_what_the_body_returns() -> None:
    loop = node("l", "loop")
    summary = node("sum", "summarizer", parameters={"input_text": "x"})
    workflow = wf(
        [node("t", "manual_trigger"), loop, summary, node("e", "no_op")],
        [conn("t", "l"), conn("l", "sum", "loop"), conn("sum", "l"), conn("l", "e", "done")],
    )
    shape = ex.infer_shapes(workflow, load_catalog()).input("e")
    assert ex.field_status(shape, ("summary",)).status is ex.FieldStatus.DECLARED


# --- validator: one triggering and one clean workflow per code -----------------------------

TRIGGER = node("t", "manual_trigger")


def check_node(node_id: str = "check") -> Node:
    return node(node_id, "web_page_check", parameters={"url": "https://shop.example/p/1"})


def email(node_id: str = "mail", **params: Any) -> Node:
    base = {"to": "me@example.com", "subject": "Stock", "body": "ok"}
    return node(node_id, "send_email", parameters={**base, **params})


def http(node_id: str = "h", **params: Any) -> Node:
    return node(node_id, "http_request", parameters={"url": "https://example.com", **params})


def findings_for(code: str, workflow: Workflow) -> list[Finding]:
    return [f for f in validate_workflow(workflow) if f.code == code]


def chain(*nodes: Node) -> Workflow:
    return wf(
        [TRIGGER, *nodes],
        [conn(a.id, b.id) for a, b in zip([TRIGGER, *nodes], nodes, strict=False)],
    )


def test_expression_syntax() -> None:
    bad = chain(http(url="https://example.com/{{ $json.id"))
    (finding,) = findings_for("expression_syntax", bad)
    assert (finding.node_id, finding.path, finding.severity) == (
        "h",
        "nodes[1].parameters.url",
        "error",
    )
    good = chain(http(url="https://example.com/{{ $json.id }}"))
    assert validate_workflow(good) == []


def test_expression_syntax_malformed_node_reference() -> None:
    bad = chain(check_node(), email(body="{{ $node.check.price }}"))
    (finding,) = findings_for("expression_syntax", bad)
    assert finding.node_id == "mail" and "$node.check.json" in finding.message
    assert validate_workflow(chain(check_node(), email(body="{{ $node.check.json.price }}"))) == []


def test_unknown_node_reference() -> None:
    check = check_node()
    check.name = "Check Amazon"
    bad = chain(check, email(body="{{ $node['Check Amazon'].json.price }}"))
    (finding,) = findings_for("unknown_node_reference", bad)
    assert (finding.node_id, finding.path) == ("mail", "nodes[2].parameters.body")
    assert "did you mean 'check'" in finding.message
    good = chain(check, email(body="{{ $node['check'].json.price }}"))
    assert validate_workflow(good) == []


def test_reference_not_upstream() -> None:
    nodes = [TRIGGER, check_node(), email(body="{{ $node.check.json.price }}")]
    parallel = wf(nodes, [conn("t", "check"), conn("t", "mail")])
    (finding,) = findings_for("reference_not_upstream", parallel)
    assert (finding.node_id, finding.severity) == ("mail", "error")
    assert validate_workflow(wf(nodes, [conn("t", "check"), conn("check", "mail")])) == []


def test_reference_to_self_is_not_upstream() -> None:
    bad = chain(http(url="https://x/{{ $node.h.json.status_code }}"))
    assert [f.node_id for f in findings_for("reference_not_upstream", bad)] == ["h"]


def test_tools_may_read_their_agents_ancestors() -> None:
    tool = node("calc", "http_tool")
    agent = node("a", "ai_agent", parameters={"prompt": "hi"}, attached_nodes=["calc"])
    nodes = [TRIGGER, check_node(), agent, tool]
    tool.parameters = {"description": "d", "url": "https://x/{{ $node.check.json.url }}"}
    good = wf(nodes, [conn("t", "check"), conn("check", "a")])
    assert validate_workflow(good) == []
    bad = wf(nodes, [conn("t", "check"), conn("t", "a")])
    assert [f.node_id for f in findings_for("reference_not_upstream", bad)] == ["calc"]


def test_unknown_field_warning_when_schema_is_open() -> None:
    bad = chain(check_node(), email(body="{{ $json.pricee }}"))
    (finding,) = findings_for("unknown_field", bad)
    assert (finding.node_id, finding.severity) == ("mail", "warning")
    assert "price" in finding.message and is_valid(validate_workflow(bad))
    assert validate_workflow(chain(check_node(), email(body="{{ $json.price }}"))) == []


def test_unknown_field_error_when_schema_forbids_it() -> None:
    closed = node("s", "set_fields", parameters={"fields": {"price": 1}, "keep_only_set": True})
    bad = chain(closed, email(body="{{ $json.title }}"))
    (finding,) = findings_for("unknown_field", bad)
    assert (finding.node_id, finding.severity) == ("mail", "error")
    assert validate_workflow(chain(closed, email(body="{{ $json.price }}"))) == []


def test_unknown_field_error_for_a_field_of_a_number() -> None:
    bad = chain(check_node(), email(body="{{ $node.check.json.price.amount }}"))
    (finding,) = findings_for("unknown_field", bad)
    assert (finding.node_id, finding.severity) == ("mail", "error")
    good = chain(check_node(), email(body="{{ $node.check.json.price }}"))
    assert validate_workflow(good) == []


def test_unknown_field_through_if_node() -> None:
    iff = node(
        "i",
        "if",
        parameters={"conditions": [{"left": "{{ $json.in_stock }}", "operator": "is_true"}]},
    )
    nodes = [TRIGGER, check_node(), iff, email(body="{{ $json.titel }}")]
    conns = [conn("t", "check"), conn("check", "i"), conn("i", "mail", "true")]
    assert [f.node_id for f in findings_for("unknown_field", wf(nodes, conns))] == ["mail"]
    nodes[-1] = email(body="{{ $json.title }}")
    assert validate_workflow(wf(nodes, conns)) == []


def test_no_unknown_field_when_schema_lists_nothing() -> None:
    # manual_trigger items say nothing about their fields: nothing can be reported
    assert validate_workflow(chain(email(body="{{ $json.whatever.deep[0] }}"))) == []


def test_type_mismatch_warning() -> None:
    bad = chain(check_node(), http(timeout_seconds="{{ $json.price }}"))
    (finding,) = findings_for("type_mismatch", bad)
    assert (finding.node_id, finding.severity) == ("h", "warning")
    assert finding.path == "nodes[2].parameters.timeout_seconds"
    good = chain(http("first"), http(timeout_seconds="{{ $json.status_code }}"))
    assert validate_workflow(good) == []


def test_type_mismatch_error_when_certain() -> None:
    bad = chain(http("first"), http(timeout_seconds="{{ $json.headers }}"))
    (finding,) = findings_for("type_mismatch", bad)
    assert (finding.node_id, finding.severity) == ("h", "error")
    assert not is_valid(validate_workflow(bad))
    good = chain(http("first"), http(headers="{{ $json.headers }}"))
    assert validate_workflow(good) == []


def test_type_mismatch_text_into_a_number() -> None:
    bad = chain(http("first"), http(timeout_seconds="{{ $json.status_code }}s"))
    (finding,) = findings_for("type_mismatch", bad)
    assert finding.severity == "warning" and "string" in finding.message


def test_new_codes_are_documented() -> None:
    doc = v.__doc__ or ""
    for code in (
        "expression_syntax",
        "unknown_node_reference",
        "reference_not_upstream",
        "unknown_field",
        "type_mismatch",
    ):
        assert f"``{code}``" in doc
        assert code in vc.ERROR_CODES | vc.WARNING_CODES


def test_expression_findings_are_deterministic() -> None:
    messy = chain(
        check_node(),
        email(body="{{ $json.a }} {{ $node.x.json.b }} {{ $json.c", subject="{{ $json.price.x }}"),
    )
    first = validate_workflow(messy)
    assert first == validate_workflow(messy)
    assert {f.code for f in first} == {
        "unknown_field",
        "unknown_node_reference",
        "expression_syntax",
    }
