"""Deterministic repairs: each kind clears its finding (validated before and after), and
ambiguous cases are left alone for the planner/LLM."""

from __future__ import annotations

from typing import Any

from flowsmith.core import repair as r
from flowsmith.core.models import Finding, Node, Workflow
from flowsmith.core.repair import RepairResult, repair
from flowsmith.core.validate import is_valid, validate_workflow
from tests.core.strategies import conn, node, wf

TRIGGER = node("t", "manual_trigger")


def http(node_id: str = "h", **kw: Any) -> Node:
    return node(node_id, "http_request", parameters={"url": "https://example.com"}, **kw)


def email(node_id: str = "mail", **params: Any) -> Node:
    base = {"to": "me@example.com", "subject": "Hi", "body": "ok"}
    return node(node_id, "send_email", parameters={**base, **params})


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def fixed(workflow: Workflow) -> tuple[list[Finding], RepairResult, list[Finding]]:
    """Validate, repair with those findings, validate again."""
    before = validate_workflow(workflow)
    result = repair(workflow, before)
    return before, result, validate_workflow(result.workflow)


def test_nothing_to_do() -> None:
    clean = wf([TRIGGER, http()], [conn("t", "h")])
    result = repair(clean, validate_workflow(clean))
    assert result.applied == [] and not result.changed
    assert result.workflow == clean


def test_input_is_not_modified() -> None:
    broken = wf([TRIGGER, http(), http()], [conn("t", "h"), conn("t", "h"), conn("h", "ghost")])
    snapshot = broken.model_copy(deep=True)
    repair(broken, validate_workflow(broken))
    assert broken == snapshot


def test_only_the_findings_given_are_repaired() -> None:
    broken = wf([TRIGGER, http()], [conn("t", "h"), conn("t", "h")])
    assert repair(broken, []).applied == []


# --- duplicate ids -------------------------------------------------------------------------


def test_repaired_duplicate_id() -> None:
    broken = wf([TRIGGER, http(), http()], [conn("t", "h")])
    before, result, after = fixed(broken)
    assert "duplicate_node_id" in codes(before)
    assert [n.id for n in result.workflow.nodes] == ["t", "h", "h_2"]
    (applied,) = result.applied
    assert (applied.code, applied.severity, applied.node_id) == (
        "repaired_duplicate_id",
        "info",
        "h_2",
    )
    assert "'h_2'" in applied.message
    assert "duplicate_node_id" not in codes(after)
    # the renamed node had no connection of its own: a second round connects it
    second = repair(result.workflow, after)
    assert codes(second.applied) == {"repaired_orphan"}
    assert validate_workflow(second.workflow) == []


def test_duplicate_id_moves_what_unambiguously_meant_the_renamed_node() -> None:
    gate = node("n", "if", parameters={"conditions": [{"left": True, "operator": "is_true"}]})
    nodes = [
        TRIGGER,
        http("n"),
        gate,
        email("x", body="{{ $node.n.json.status_code }}"),
        email("y"),
    ]
    conns = [conn("t", "n"), conn("n", "x", "true"), conn("n", "y")]
    broken = wf(nodes, conns)
    result = repair(broken, validate_workflow(broken))
    repaired = result.workflow
    assert [n.id for n in repaired.nodes] == ["t", "n", "n_2", "x", "y"]
    edges = [(c.from_node, c.from_output, c.to_node) for c in repaired.connections]
    # 'true' only exists on the IF: moved; 'main' only on the HTTP node: stays; the input
    # from the trigger could be either: stays on the first
    assert edges == [("t", "main", "n"), ("n_2", "true", "x"), ("n", "main", "y")]
    x = repaired.node("x")
    assert x is not None and x.parameters["body"] == "{{ $node.n_2.json.status_code }}"
    # the IF now has no input; the next round connects it after the node before it (n)
    final = repair(repaired, validate_workflow(repaired))
    assert validate_workflow(final.workflow) == []
    assert ("n", "main", "n_2") in [
        (c.from_node, c.from_output, c.to_node) for c in final.workflow.connections
    ]


def test_duplicate_id_attachment_moves_to_the_only_tool() -> None:
    agent = node("a", "ai_agent", parameters={"prompt": "hi"}, attached_nodes=["m"])
    broken = wf(
        [TRIGGER, agent, http("m"), node("m", "buffer_memory")], [conn("t", "a"), conn("a", "m")]
    )
    result = repair(broken, validate_workflow(broken))
    repaired_agent = result.workflow.node("a")
    assert repaired_agent is not None and repaired_agent.attached_nodes == ["m_2"]
    assert validate_workflow(result.workflow) == []


# --- connections ---------------------------------------------------------------------------


def test_repaired_dangling_connection() -> None:
    broken = wf([TRIGGER, http()], [conn("t", "h"), conn("h", "ghost")])
    before, result, after = fixed(broken)
    assert "dangling_connection" in codes(before)
    (applied,) = result.applied
    assert (applied.code, applied.node_id) == ("repaired_dangling_connection", "h")
    assert "ghost" in applied.message
    assert after == []


def test_repaired_duplicate_connection() -> None:
    broken = wf([TRIGGER, http()], [conn("t", "h"), conn("t", "h")])
    before, result, after = fixed(broken)
    assert "duplicate_connection" in codes(before)
    assert [f.code for f in result.applied] == ["repaired_duplicate_connection"]
    assert len(result.workflow.connections) == 1 and after == []


def test_repaired_unknown_output() -> None:
    broken = wf([TRIGGER, http(), email()], [conn("t", "h"), conn("h", "mail", "true")])
    before, result, after = fixed(broken)
    assert "unknown_output" in codes(before)
    (applied,) = result.applied
    assert (applied.code, applied.node_id) == ("repaired_unknown_output", "h")
    assert result.workflow.connections[1].from_output == "main"
    assert after == []


def test_unknown_output_with_several_outputs_is_left_alone() -> None:
    gate = node("i", "if", parameters={"conditions": [{"left": True, "operator": "is_true"}]})
    broken = wf([TRIGGER, gate, email()], [conn("t", "i"), conn("i", "mail")])
    _, result, after = fixed(broken)
    assert result.applied == [] and "unknown_output" in codes(after)


def test_repaired_unknown_input() -> None:
    broken = wf([TRIGGER, http()], [conn("t", "h", inp="side")])
    before, result, after = fixed(broken)
    assert "unknown_input" in codes(before)
    assert [f.code for f in result.applied] == ["repaired_unknown_input"]
    assert after == []


def test_repaired_tool_attachment() -> None:
    agent = node("a", "ai_agent", parameters={"prompt": "hi"})
    broken = wf([TRIGGER, agent, node("c", "calculator_tool")], [conn("t", "a"), conn("a", "c")])
    before, result, after = fixed(broken)
    assert "tool_not_attached" in codes(before)
    (applied,) = result.applied
    assert (applied.code, applied.node_id) == ("repaired_tool_attachment", "c")
    repaired_agent = result.workflow.node("a")
    assert repaired_agent is not None and repaired_agent.attached_nodes == ["c"]
    assert after == []


def test_tool_wired_to_two_nodes_is_left_alone() -> None:
    agent = node("a", "ai_agent", parameters={"prompt": "hi"})
    broken = wf(
        [TRIGGER, agent, http(), node("c", "calculator_tool")],
        [conn("t", "a"), conn("a", "c"), conn("c", "h")],
    )
    result = repair(broken, validate_workflow(broken))
    assert "repaired_tool_attachment" not in codes(result.applied)


# --- parameters ----------------------------------------------------------------------------


def test_repaired_missing_default() -> None:
    broken = wf([node("s", "schedule_trigger", parameters={}), http()], [conn("s", "h")])
    before, result, after = fixed(broken)
    assert "missing_parameter" in codes(before)
    (applied,) = result.applied
    assert (applied.code, applied.node_id, applied.path) == (
        "repaired_missing_default",
        "s",
        "nodes[0].parameters.interval",
    )
    assert "'hours'" in applied.message
    assert after == []


def test_missing_parameter_without_default_is_left_alone() -> None:
    broken = wf([TRIGGER, node("h", "http_request", parameters={})], [conn("t", "h")])
    _, result, after = fixed(broken)
    assert result.applied == [] and "missing_parameter" in codes(after)


# --- orphans -------------------------------------------------------------------------------


def test_repaired_orphan() -> None:
    broken = wf([TRIGGER, http(), email()], [conn("t", "h")])
    before, result, after = fixed(broken)
    assert "unreachable_node" in codes(before)
    (applied,) = result.applied
    assert (applied.code, applied.node_id) == ("repaired_orphan", "mail")
    assert "after node 'H' (h)" in applied.message
    assert after == []


def test_orphan_chain_is_connected_in_order() -> None:
    broken = wf([TRIGGER, http(), http("h2"), email()], [conn("t", "h")])
    _, result, after = fixed(broken)
    assert [f.node_id for f in result.applied] == ["h2", "mail"]
    assert after == []


def test_orphan_by_position_when_the_list_gives_nothing() -> None:
    gate = node("i", "if", parameters={"conditions": [{"left": True, "operator": "is_true"}]})
    left = http("left", position=(280.0, 160.0))
    orphan = email()
    orphan.position = (560.0, 0.0)
    nodes = [TRIGGER, left, gate, orphan, email("end")]  # 'i' (before it) has no main output
    broken = wf(nodes, [conn("t", "left"), conn("t", "i"), conn("i", "end", "true")])
    _, result, after = fixed(broken)
    assert [(f.code, f.node_id) for f in result.applied] == [("repaired_orphan", "mail")]
    assert "after node 'LEFT' (left)" in result.applied[0].message
    assert is_valid(after)


def test_ambiguous_orphan_is_left_alone() -> None:
    orphan = email()
    orphan.position = (560.0, 0.0)
    nodes = [TRIGGER, http("a", position=(280.0, 0.0)), http("b", position=(280.0, 160.0)), orphan]
    gate = node("i", "if", parameters={"conditions": [{"left": True, "operator": "is_true"}]})
    nodes.insert(3, gate)  # the node just before the orphan cannot feed it
    broken = wf(nodes, [conn("t", "a"), conn("t", "b"), conn("t", "i"), conn("i", "a", "true")])
    _, result, after = fixed(broken)
    assert result.applied == []  # 'a' and 'b' tie as nearest on the left
    assert "unreachable_node" in codes(after)


def test_orphan_never_closes_a_cycle() -> None:
    # the node just before the orphan is reachable but also downstream of it
    nodes = [TRIGGER, http("after"), email()]
    broken = wf(nodes, [conn("t", "after"), conn("mail", "after")])
    before, result, after = fixed(broken)
    assert "unreachable_node" in codes(before)
    assert result.applied == [] and "cycle" not in codes(after)


# --- module contract -----------------------------------------------------------------------


def test_repair_codes_are_documented() -> None:
    doc = r.__doc__ or ""
    for name in dir(r):
        if name.startswith("REPAIRED_"):
            assert f"``{getattr(r, name)}``" in doc


def test_repair_is_deterministic() -> None:
    broken = wf(
        [node("s", "schedule_trigger", parameters={}), http(), http(), email()],
        [conn("s", "h"), conn("s", "h"), conn("h", "ghost")],
    )
    findings = validate_workflow(broken)
    first, second = repair(broken, findings), repair(broken, findings)
    assert first.workflow == second.workflow and first.applied == second.applied
