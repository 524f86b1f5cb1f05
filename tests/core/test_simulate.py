"""The dry-run simulator: for each finding code a workflow that triggers it and a near-identical
one that does not; branches, approvals, loops, waits, determinism, catalog examples, speed."""

from __future__ import annotations

import copy
import time
from typing import Any

import pytest

from flowsmith.core import simulate as sim
from flowsmith.core import simulate_flow, simulate_graph
from flowsmith.core import simulate_trace as trace
from flowsmith.core.catalog import Catalog, NodeSpec, load_catalog
from flowsmith.core.models import Connection, Finding, Node, Workflow
from flowsmith.core.simulate import simulate, summary
from flowsmith.core.simulate_trace import SimulationResult, TraceStep
from flowsmith.core.validate import validate_workflow
from tests.core.strategies import conn, example_workflow, node, wf

TRIGGER = node("t", "manual_trigger")


def check_node(node_id: str = "check", **params: Any) -> Node:
    return node(node_id, "web_page_check", parameters={"url": "https://shop.example/p", **params})


def http(node_id: str = "h", **params: Any) -> Node:
    return node(node_id, "http_request", parameters={"url": "https://example.com", **params})


def email(node_id: str = "mail", **params: Any) -> Node:
    base = {"to": "me@example.com", "subject": "Stock", "body": "ok"}
    return node(node_id, "send_email", parameters={**base, **params})


def iff(node_id: str = "i", left: Any = "{{ $json.in_stock }}", op: str = "is_true") -> Node:
    return node(node_id, "if", parameters={"conditions": [{"left": left, "operator": op}]})


def chain(*nodes: Node) -> Workflow:
    everything = [TRIGGER, *nodes]
    return wf(everything, [conn(a.id, b.id) for a, b in zip(everything, nodes, strict=False)])


def found(result: SimulationResult, code: str) -> list[Finding]:
    return [f for f in result.findings if f.code == code]


def steps(result: SimulationResult, node_id: str) -> list[TraceStep]:
    return [s for s in result.trace if s.node_id == node_id]


def problems(result: SimulationResult) -> list[str]:
    return [f"{f.code} {f.node_id}: {f.message}" for f in result.findings if f.severity != "info"]


# --- every catalog example runs clean ------------------------------------------------------


@pytest.mark.parametrize("subtype", sorted(load_catalog().subtypes))
def test_every_catalog_example_simulates_clean(subtype: str) -> None:
    spec = load_catalog().get(subtype)
    assert spec is not None
    workflow = example_workflow(spec)
    assert validate_workflow(workflow) == []
    result = simulate(workflow)
    assert problems(result) == []
    assert result.ran == [n.id for n in workflow.nodes]


# --- node_never_runs -----------------------------------------------------------------------


def switch(rules: int) -> Node:
    rule = {"operator": "equals", "value": "a"}
    return node("sw", "switch", parameters={"field": "{{ $json.kind }}", "rules": [rule] * rules})


def test_node_never_runs_behind_an_output_that_cannot_emit() -> None:
    nodes = [TRIGGER, switch(1), email()]
    bad = wf(nodes, [conn("t", "sw"), conn("sw", "mail", "output_2")])
    (finding,) = found(simulate(bad), "node_never_runs")
    assert (finding.node_id, finding.severity) == ("mail", "warning")
    assert "'sw'.output_2" in finding.message
    good = wf(nodes, [conn("t", "sw"), conn("sw", "mail", "output_0")])
    assert found(simulate(good), "node_never_runs") == []


def test_node_never_runs_behind_a_merge_waiting_for_alternatives() -> None:
    merge = node("m", "merge", parameters={"mode": "wait_all"})
    nodes = [TRIGGER, iff(), http("a"), http("b"), merge, email()]
    conns = [
        conn("t", "i"),
        conn("i", "a", "true"),
        conn("i", "b", "false"),
        conn("a", "m"),
        conn("b", "m"),
        conn("m", "mail"),
    ]
    result = simulate(wf(nodes, conns))
    assert {f.node_id for f in found(result, "node_never_runs")} == {"m", "mail"}
    assert "all of its 2 inputs" in found(result, "node_never_runs")[0].message
    merge.parameters = {"mode": "append"}
    assert problems(simulate(wf(nodes, conns))) == []


def test_merge_wait_all_gets_parallel_branches() -> None:
    merge = node("m", "merge", parameters={"mode": "wait_all"})
    nodes = [TRIGGER, check_node("a"), check_node("b"), merge, email()]
    conns = [conn("t", "a"), conn("t", "b"), conn("a", "m"), conn("b", "m"), conn("m", "mail")]
    result = simulate(wf(nodes, conns))
    assert problems(result) == []
    (step,) = steps(result, "m")
    assert len(step.input_items) == 2 and len(step.output_items["main"]) == 2


# --- unresolved_expression -----------------------------------------------------------------


def _branches_then_merge(reader: str) -> Workflow:
    """t -> check -> IF; true -> a, false -> b; a, b -> merge (append) -> mail(reader)."""
    merge = node("m", "merge", parameters={"mode": "append"})
    nodes = [TRIGGER, check_node(), iff(), http("a"), http("b"), merge, email(body=reader)]
    conns = [
        conn("t", "check"),
        conn("check", "i"),
        conn("i", "a", "true"),
        conn("i", "b", "false"),
        conn("a", "m"),
        conn("b", "m"),
        conn("m", "mail"),
    ]
    return wf(nodes, conns)


def test_unresolved_expression_node_not_run_on_this_path() -> None:
    bad = _branches_then_merge("Status {{ $node.a.json.status_code }}")
    assert validate_workflow(bad) == []  # statically 'a' is upstream of 'mail'
    (finding,) = found(simulate(bad), "unresolved_expression")
    assert (finding.node_id, finding.severity) == ("mail", "error")
    assert finding.path == "nodes[6].parameters.body" and "'a' did not run" in finding.message
    good = _branches_then_merge("Price {{ $node.check.json.price }}")
    assert problems(simulate(good)) == []


def test_unresolved_expression_field_of_a_number() -> None:
    bad = chain(check_node(), email(body="{{ $json.price.amount }}"))
    (finding,) = found(simulate(bad), "unresolved_expression")
    assert finding.node_id == "mail" and "price.amount" in finding.message
    assert problems(simulate(chain(check_node(), email(body="{{ $json.price }}")))) == []


def test_unresolved_expression_json_in_a_trigger() -> None:
    bad = wf([node("t", "rss_trigger", parameters={"url": "https://x/{{ $json.feed }}"})])
    assert [f.node_id for f in found(simulate(bad), "unresolved_expression")] == ["t"]
    good = wf([node("t", "rss_trigger", parameters={"url": "https://x/{{ $workflow.id }}"})])
    assert found(simulate(good), "unresolved_expression") == []


def test_unresolved_expression_closed_item() -> None:
    closed = node("s", "set_fields", parameters={"fields": {"a": 1}, "keep_only_set": True})
    bad = chain(closed, email(body="{{ $json.b }}"))
    assert [f.node_id for f in found(simulate(bad), "unresolved_expression")] == ["mail"]
    assert problems(simulate(chain(closed, email(body="{{ $json.a }}")))) == []


# --- item_shape_mismatch -------------------------------------------------------------------


def test_item_shape_mismatch_parameter_after_resolution() -> None:
    bad = chain(
        http("first"),
        node("s", "slack_message", parameters={"channel": "#a", "text": "{{ $json.headers }}"}),
    )
    (finding,) = found(simulate(bad), "item_shape_mismatch")
    assert (finding.node_id, finding.path) == ("s", "nodes[2].parameters.text")
    good = chain(
        http("first"),
        node("s", "slack_message", parameters={"channel": "#a", "text": "{{ $json.status_code }}"}),
    )
    assert problems(simulate(good)) == []


def _with_echo_output(catalog: Catalog) -> Catalog:
    """A catalog whose web_page_check takes any type of product_name (to test the output
    check on its own: the echoed value then violates only the output item_schema)."""
    specs: list[NodeSpec] = []
    for spec in catalog:
        if spec.subtype == "web_page_check":
            params = copy.deepcopy(spec.parameters)
            params["properties"]["product_name"] = {}
            spec = spec.model_copy(update={"parameters": params})
        specs.append(spec)
    return Catalog(specs)


def test_item_shape_mismatch_produced_item() -> None:
    catalog = _with_echo_output(load_catalog())
    bad = chain(http("first"), check_node(product_name="{{ $json.headers }}"))
    (finding,) = found(simulate(bad, catalog=catalog), "item_shape_mismatch")
    assert (
        finding.node_id == "check"
        and "produces items whose field 'product_name'" in finding.message
    )
    good = chain(http("first"), check_node(product_name="{{ $json.status_code }}"))
    assert problems(simulate(good, catalog=catalog)) == []


# --- loops ---------------------------------------------------------------------------------


def _loop_workflow() -> Workflow:
    rows = node("rows", "google_sheets_read", parameters={"spreadsheet_id": "abc"})
    loop = node("l", "loop", parameters={"batch_size": 1})
    body = node("post", "slack_message", parameters={"channel": "#a", "text": "row"})
    nodes = [TRIGGER, rows, loop, body, email()]
    conns = [
        conn("t", "rows"),
        conn("rows", "l"),
        conn("l", "post", "loop"),
        conn("post", "l"),
        conn("l", "mail", "done"),
    ]
    return wf(nodes, conns)


def test_loop_limit_reached() -> None:
    result = simulate(_loop_workflow(), max_loop_iterations=1)
    (finding,) = found(result, "loop_limit_reached")
    assert (finding.node_id, finding.severity) == ("l", "info")
    assert len(steps(result, "post")) == 1
    assert steps(result, "mail"), "done still runs after the limit"
    assert found(simulate(_loop_workflow(), max_loop_iterations=3), "loop_limit_reached") == []


def test_loop_runs_its_body_per_batch_then_done() -> None:
    result = simulate(_loop_workflow())
    assert problems(result) == []
    assert [s.branch for s in steps(result, "l")] == ["loop", "loop", "done"]
    assert len(steps(result, "post")) == 2
    (done,) = steps(result, "mail")
    assert len(done.input_items) == 2 and "ts" in done.input_items[0]


def test_loop_bounded_even_when_body_always_returns() -> None:
    workflow = _loop_workflow()
    result = simulate(workflow, max_loop_iterations=2, max_steps=50)
    assert len(steps(result, "post")) <= 2
    assert not result.step_limit_reached


# --- step_limit_reached --------------------------------------------------------------------


def test_step_limit_reached() -> None:
    workflow = chain(http("a"), http("b"), http("c"), http("d"))
    result = simulate(workflow, max_steps=3)
    (finding,) = found(result, "step_limit_reached")
    assert (finding.node_id, finding.severity) == (None, "warning")
    assert len(result.trace) == 3 and result.step_limit_reached
    assert found(result, "node_never_runs") == []  # not concluded from a cut-short run
    assert found(simulate(workflow, max_steps=5), "step_limit_reached") == []


# --- stopped_by_error_node -----------------------------------------------------------------


def test_stopped_by_error_node() -> None:
    stop = node("stop", "stop_and_error", parameters={"message": "No stock for {{ $json.title }}"})
    nodes = [TRIGGER, check_node(), iff(), email(), stop]
    conns = [conn("t", "check"), conn("check", "i"), conn("i", "mail", "true")]
    bad = wf(nodes, [*conns, conn("i", "stop", "false")])
    (finding,) = found(simulate(bad), "stopped_by_error_node")
    assert (finding.node_id, finding.severity) == ("stop", "info")
    assert "No stock for Sample title" in finding.message
    nodes[-1] = node("stop", "no_op")
    assert (
        found(simulate(wf(nodes, [*conns, conn("i", "stop", "false")])), "stopped_by_error_node")
        == []
    )


# --- info codes: assumed_field, env_placeholder --------------------------------------------


def test_assumed_field() -> None:
    bad = chain(check_node(), email(body="{{ $json.pricee }}"))
    (finding,) = found(simulate(bad), "assumed_field")
    assert (finding.node_id, finding.severity) == ("mail", "info")
    assert (
        found(simulate(chain(check_node(), email(body="{{ $json.price }}"))), "assumed_field") == []
    )


def test_env_placeholder_never_reads_secrets() -> None:
    bad = chain(http(headers={"Authorization": "Bearer {{ $env.API_TOKEN }}"}))
    (finding,) = found(simulate(bad), "env_placeholder")
    assert finding.node_id == "h" and "<API_TOKEN>" in finding.message
    assert (
        found(simulate(chain(http(headers={"Authorization": "Bearer x"}))), "env_placeholder") == []
    )


def test_codes_are_documented_with_their_severity() -> None:
    doc = sim.__doc__ or ""
    for code, severity in trace.SEVERITIES.items():
        assert f"``{code}`` ({severity})" in doc


def test_the_graph_knows_which_subtypes_have_a_handler() -> None:
    assert set(simulate_flow._HANDLERS) == simulate_graph._HANDLED


# --- branches ------------------------------------------------------------------------------


def test_both_if_branches_are_taken_across_runs() -> None:
    nodes = [TRIGGER, check_node(), iff(), email("yes"), email("no")]
    conns = [
        conn("t", "check"),
        conn("check", "i"),
        conn("i", "yes", "true"),
        conn("i", "no", "false"),
    ]
    result = simulate(wf(nodes, conns))
    assert result.runs == 2
    assert sorted(s.branch or "" for s in steps(result, "i")) == ["false", "true"]
    assert steps(result, "yes") and steps(result, "no")
    assert {s.run for s in steps(result, "yes")} != {s.run for s in steps(result, "no")}
    assert summary(result)["branches"] == {"i": ["false", "true"]}
    assert problems(result) == []


def test_if_evaluates_the_sampled_data() -> None:
    gate = iff(left="{{ $json.price }}", op="greater_than")
    gate.parameters["conditions"][0]["right"] = -1  # every price passes
    nodes = [TRIGGER, check_node(), gate, email("yes")]
    result = simulate(wf(nodes, [conn("t", "check"), conn("check", "i"), conn("i", "yes", "true")]))
    (step,) = steps(result, "i")
    assert step.branch == "true" and not step.forced


def test_switch_routes_by_rules_and_forks_the_rest() -> None:
    rules = [{"operator": "equals", "value": "billing"}, {"operator": "equals", "value": "bug"}]
    sw = node("sw", "switch", parameters={"field": "{{ $json.category }}", "rules": rules})
    sorter = node(
        "c", "text_classifier", parameters={"input_text": "x", "categories": [{"name": "bug"}]}
    )
    nodes = [TRIGGER, sorter, sw, email("b0"), email("b1"), email("other")]
    conns = [
        conn("t", "c"),
        conn("c", "sw"),
        conn("sw", "b0", "output_0"),
        conn("sw", "b1", "output_1"),
        conn("sw", "other", "fallback"),
    ]
    result = simulate(wf(nodes, conns))
    assert problems(result) == []
    assert summary(result)["branches"]["sw"] == ["fallback", "output_0", "output_1"]


def test_filter_drops_items_and_a_fork_lets_them_pass() -> None:
    never = node(
        "f",
        "filter",
        parameters={"conditions": [{"left": 1, "operator": "greater_than", "right": 2}]},
    )
    result = simulate(chain(never, email()))
    assert [s.output_items for s in steps(result, "f")] == [{}, {"main": [{}]}]
    # the dry run still forks past it, and says the filter can never pass an item
    assert [p.split()[0] for p in problems(result)] == ["condition_never_true"]


def test_human_approval_takes_each_branch_in_turn() -> None:
    approval = node(
        "ok",
        "approval_email",
        parameters={"to": "boss@example.com", "subject": "OK?", "message": "{{ $json.title }}"},
    )
    nodes = [TRIGGER, check_node(), approval, email("yes"), email("no"), email("late")]
    conns = [
        conn("t", "check"),
        conn("check", "ok"),
        conn("ok", "yes", "approved"),
        conn("ok", "no", "rejected"),
        conn("ok", "late", "timeout"),
    ]
    result = simulate(wf(nodes, conns))
    assert [(s.run, s.branch) for s in steps(result, "ok")] == [
        (0, "approved"),
        (1, "rejected"),
        (2, "timeout"),
    ]
    assert [s.run for s in steps(result, "yes")] == [0]
    assert [s.run for s in steps(result, "no")] == [1]
    assert [s.run for s in steps(result, "late")] == [2]
    assert steps(result, "yes")[0].input_items[0]["approved"] is True
    assert steps(result, "no")[0].input_items[0]["approved"] is False
    assert "approved" not in steps(result, "late")[0].input_items[0]
    assert problems(result) == []


def test_error_output_is_exercised() -> None:
    risky = http()
    risky.on_error = "error_output"
    nodes = [TRIGGER, risky, email("ok"), email("alert", body="{{ $json.error.message }}")]
    conns = [conn("t", "h"), conn("h", "ok"), conn("h", "alert", "error")]
    result = simulate(wf(nodes, conns))
    assert sorted(s.branch or "main" for s in steps(result, "h")) == ["error", "main"]
    assert "Simulated failure" in steps(result, "alert")[0].input_items[0]["error"]["message"]
    assert problems(result) == []


def test_wait_does_not_sleep() -> None:
    pause = node("w", "wait", parameters={"mode": "interval", "amount": 30, "unit": "days"})
    started = time.perf_counter()
    result = simulate(chain(check_node(), pause, email()))
    # a wait that slept would take 30 days (or its seconds, 2.6 million); speed itself is
    # measured by bench/, so the bound is loose enough for a loaded machine
    assert time.perf_counter() - started < 10
    assert [s.node_id for s in result.trace] == ["t", "check", "w", "mail"]


# --- data flow -----------------------------------------------------------------------------


def test_expressions_resolve_against_sampled_items() -> None:
    sets = node(
        "s", "set_fields", parameters={"fields": {"qty": 3, "total": "{{ $json.qty * 2 }}"}}
    )
    text = node(
        "txt",
        "text_template",
        parameters={"template": "{{ $node.check.json.store }}: {{ $json.total }}"},
    )
    result = simulate(chain(check_node(store="amazon", product_name="PS5"), sets, text))
    (check,) = steps(result, "check")
    item = check.output_items["main"][0]
    assert (item["store"], item["product_name"]) == ("amazon", "PS5")  # echoed parameters
    assert isinstance(item["price"], float) and isinstance(item["in_stock"], bool)
    assert item["checked_at"].endswith("Z")
    (rendered,) = steps(result, "txt")
    assert rendered.output_items["main"][0]["text"].startswith("amazon: ")


def test_determinism_and_seed() -> None:
    workflow = chain(check_node(), iff(), email())
    workflow.connections[-1].from_output = "true"
    first, again = simulate(workflow, seed=3), simulate(workflow, seed=3)
    assert [s.as_dict() for s in first.trace] == [s.as_dict() for s in again.trace]
    samples = {
        simulate(workflow, seed=s).trace[1].output_items["main"][0]["price"] for s in range(5)
    }
    assert len(samples) > 1


def test_booleans_alternate_across_seeds() -> None:
    workflow = chain(check_node())
    values = {
        simulate(workflow, seed=s).trace[1].output_items["main"][0]["in_stock"] for s in range(6)
    }
    assert values == {True, False}


def test_tools_count_as_run_with_their_agent() -> None:
    memory = node("mem", "buffer_memory", parameters={"session_key": "{{ $json.sessionId }}"})
    agent = node(
        "a", "ai_agent", parameters={"prompt": "{{ $json.chatInput }}"}, attached_nodes=["mem"]
    )
    result = simulate(wf([node("t", "chat_trigger"), agent, memory], [conn("t", "a")]))
    assert result.ran == ["t", "a", "mem"] and problems(result) == []
    assert summary(result)["nodes_run"] == 3


def test_opaque_multi_output_node_tries_each_output() -> None:
    if load_catalog().get("n8n_node") is None:
        pytest.skip("catalog has no n8n_node")
    opaque = node("x", "n8n_node", parameters={"n8n_type": "n8n-nodes-base.compareDatasets"})
    nodes = [TRIGGER, opaque, email("a"), email("b")]
    result = simulate(wf(nodes, [conn("t", "x"), conn("x", "a"), conn("x", "b", "output_1")]))
    assert problems(result) == []
    assert steps(result, "a") and steps(result, "b")


def test_invalid_workflows_do_not_crash() -> None:
    broken = wf(
        [TRIGGER, node("q", "teleport"), http(), http()],
        [conn("t", "q"), conn("q", "h"), conn("h", "ghost"), conn("h", "t"), conn("h", "h")],
    )
    result = simulate(broken, max_steps=50)
    assert {"t", "q", "h"} <= set(result.ran)
    assert simulate(wf([])).runs == 0


def test_summary_is_short_and_json_ready() -> None:
    nodes = [TRIGGER, check_node(), iff(), email("yes"), email("no")]
    conns = [
        conn("t", "check"),
        conn("check", "i"),
        conn("i", "yes", "true"),
        conn("i", "no", "false"),
    ]
    digest = summary(simulate(wf(nodes, conns)))
    assert digest["runs"] == 2 and digest["nodes_run"] == digest["nodes_total"] == 5
    assert digest["items"]["check"] == {"runs": 1, "in": 1, "out": 1}
    assert digest["findings"] == {"error": 0, "warning": 0, "info": 0}
    assert digest["never_run"] == [] and digest["step_limit_reached"] is False


# --- size ----------------------------------------------------------------------------------


def big_workflow(size: int) -> Workflow:
    """A trigger and ``size - 1`` nodes: a chain with an IF every 10 nodes whose false branch
    is a short side chain, and expressions reading $json and an upstream $node."""
    nodes: list[Node] = [TRIGGER]
    conns: list[Connection] = []
    last, last_out, k = "t", "main", 0
    while len(nodes) < size:
        k += 1
        if k % 10 == 0 and len(nodes) + 2 <= size:
            gate = iff(f"i{k}", left="{{ $json.status_code }}", op="equals")
            gate.parameters["conditions"][0]["right"] = 200
            side = email(
                f"s{k}", body="{{ $json.status_code }} from {{ $node.n1.json.status_code }}"
            )
            nodes += [gate, side]
            conns += [conn(last, gate.id, last_out), conn(gate.id, side.id, "false")]
            last, last_out = gate.id, "true"
        else:
            step = http(f"n{k}", timeout_seconds="{{ $json.status_code }}", method="POST")
            nodes.append(step)
            conns.append(conn(last, step.id, last_out))
            last, last_out = step.id, "main"
    return wf(nodes, conns)


def test_200_node_workflow_simulates_quickly() -> None:
    workflow = big_workflow(200)
    assert len(workflow.nodes) == 200
    assert validate_workflow(workflow) == []
    simulate(workflow)  # warm up
    started = time.perf_counter()
    result = simulate(workflow)
    elapsed = time.perf_counter() - started
    print(
        f"simulate 200 nodes: {elapsed * 1000:.1f} ms, {result.runs} runs, {len(result.trace)} steps"
    )
    assert problems(result) == []
    assert set(result.ran) == {n.id for n in workflow.nodes}
    # only a blow-up (say, exponential re-runs) fails here; bench/workflow200.py measures the
    # real budget, so a loaded CI machine cannot make this flake
    assert elapsed < 10
