"""Helpers for the offline planner tests: run a chat, check validity, read the graph."""

from __future__ import annotations

import json

from flowsmith.core.models import Workflow
from flowsmith.core.validate import is_valid, validate_workflow
from flowsmith.planner.offline import Decision, build, decide


def generate(message: str, current: Workflow | None = None) -> tuple[Decision, Workflow]:
    """decide + build, with the request round-tripped through JSON like the caller does."""
    decision = decide(message, [], current)
    assert decision.kind == "generate", decision.reply
    assert decision.request is not None
    request = json.loads(json.dumps(decision.request))
    return decision, build(request, current)


def chat(messages: list[str], current: Workflow | None = None) -> tuple[Decision, Workflow | None]:
    """Play a session: each generate builds on the latest workflow, as the service does."""
    history: list[tuple[str, str]] = []
    decision: Decision | None = None
    for message in messages:
        decision = decide(message, history, current)
        if decision.kind == "generate":
            assert decision.request is not None
            current = build(json.loads(json.dumps(decision.request)), current)
        history += [("user", message), ("assistant", decision.reply)]
    assert decision is not None
    return decision, current


def assert_valid(wf: Workflow) -> None:
    errors = [f for f in validate_workflow(wf) if f.severity == "error"]
    assert is_valid(errors), [f.message for f in errors]


def subtypes(wf: Workflow) -> list[str]:
    return [n.subtype for n in wf.nodes]


def by_subtype(wf: Workflow, subtype: str) -> list[str]:
    return [n.id for n in wf.nodes if n.subtype == subtype]


def edges(wf: Workflow) -> set[tuple[str, str, str]]:
    return {(c.from_node, c.from_output, c.to_node) for c in wf.connections}


def feeds_of(wf: Workflow, node_id: str) -> set[tuple[str, str]]:
    return {(c.from_node, c.from_output) for c in wf.connections if c.to_node == node_id}
