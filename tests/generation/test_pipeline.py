"""The pipeline's stages with a list as ``emit``: check, dry run, safe repairs, agent repairs."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.models import Connection, Finding, Node, NodeFamily, Workflow
from flowsmith.generation.pipeline import GenerationFailed, run_pipeline


def wf(*nodes: Node, connections: list[Connection] | None = None) -> Workflow:
    return Workflow(name="t", nodes=list(nodes), connections=connections or [])


TRIGGER = Node(id="start", name="Start", type=NodeFamily.TRIGGER, subtype="manual_trigger")
FETCH = Node(
    id="fetch",
    name="Fetch",
    type=NodeFamily.ACTION,
    subtype="http_request",
    parameters={"url": "https://example.com/data.json", "method": "GET"},
)
LINK = Connection(from_node="start", to_node="fetch")


class ScriptedAgent:
    name = "scripted"

    def __init__(self, draft: Workflow, fixes: list[Workflow | None] | None = None) -> None:
        self._draft = draft
        self._fixes = list(fixes or [])
        self.repair_calls: list[list[Finding]] = []

    async def respond(self, *args: Any) -> Any:  # pragma: no cover - not used here
        raise NotImplementedError

    async def draft(self, request: dict[str, Any], current: Workflow | None) -> Workflow:
        return self._draft

    async def repair(
        self, workflow: Workflow, findings: list[Finding], request: dict[str, Any]
    ) -> Workflow | None:
        self.repair_calls.append(findings)
        return self._fixes.pop(0) if self._fixes else None


async def run(
    agent: ScriptedAgent, rounds: int = 3
) -> tuple[list[tuple[str, dict[str, Any]]], Any]:
    events: list[tuple[str, dict[str, Any]]] = []

    async def emit(kind: str, data: dict[str, Any]) -> None:
        events.append((kind, data))

    try:
        result = await run_pipeline(
            agent, {"lang": "en"}, None, emit, workflow_id="w1", repair_rounds=rounds
        )  # type: ignore[arg-type]
    except GenerationFailed as failed:
        return events, failed
    return events, result


async def test_valid_draft_is_checked_once_with_a_dry_run() -> None:
    events, (workflow, _) = await run(ScriptedAgent(wf(TRIGGER, FETCH, connections=[LINK])))
    assert [k for k, _ in events] == ["draft", "debugging"]
    debugging = events[1][1]
    assert debugging["errors"] == 0 and debugging["round"] == 1
    assert debugging["simulation"] and "dry run" in " ".join(debugging["checks"])
    assert workflow.id == "w1"


async def test_safe_repairs_run_before_the_agent() -> None:
    orphan = wf(TRIGGER, FETCH)  # fetch is not connected: an obvious predecessor exists
    agent = ScriptedAgent(orphan)
    events, (workflow, _) = await run(agent)
    rounds = [d for k, d in events if k == "debugging"]
    assert rounds[0]["errors"] > 0 and rounds[-1]["errors"] == 0
    assert any(r["code"].startswith("repaired_") for r in rounds[-1]["repairs"])
    assert agent.repair_calls == [], "nothing was left for the agent"
    assert workflow.connections


async def test_agent_gets_the_exact_findings_and_its_fix_is_rechecked() -> None:
    hallucinated = Node(id="x", name="X", type=NodeFamily.ACTION, subtype="teleport")
    broken = wf(TRIGGER, hallucinated, connections=[Connection(from_node="start", to_node="x")])
    fixed = wf(TRIGGER, FETCH, connections=[LINK])
    agent = ScriptedAgent(broken, [fixed])
    events, (workflow, _) = await run(agent)
    assert agent.repair_calls and agent.repair_calls[0][0].code == "unknown_subtype"
    assert [d["round"] for k, d in events if k == "debugging"] == [1, 2]
    assert {n.subtype for n in workflow.nodes} == {"manual_trigger", "http_request"}


async def test_rounds_are_bounded_and_failure_carries_the_findings() -> None:
    hallucinated = Node(id="x", name="X", type=NodeFamily.ACTION, subtype="teleport")
    broken = wf(TRIGGER, hallucinated, connections=[Connection(from_node="start", to_node="x")])
    agent = ScriptedAgent(broken, [broken, broken, broken, broken])
    events, failed = await run(agent, rounds=2)
    assert isinstance(failed, GenerationFailed) and failed.code == "validation_failed"
    assert [d["round"] for k, d in events if k == "debugging"] == [1, 2, 3]
    assert len(agent.repair_calls) == 2
    assert any(f.code == "unknown_subtype" for f in failed.findings)


@pytest.mark.parametrize("rounds", [0, 1])
async def test_no_repair_rounds_means_one_check(rounds: int) -> None:
    hallucinated = Node(id="x", name="X", type=NodeFamily.ACTION, subtype="teleport")
    broken = wf(TRIGGER, hallucinated, connections=[Connection(from_node="start", to_node="x")])
    events, failed = await run(ScriptedAgent(broken), rounds=rounds)
    assert isinstance(failed, GenerationFailed)
    # rounds=0: no repair is tried; rounds=1: the agent has no fix, so no second check
    assert len([k for k, _ in events if k == "debugging"]) == 1


async def test_no_event_carries_a_secret_the_model_wrote_inline() -> None:
    """Regression: draft/debugging events showed an API key a model pasted into a node;
    only the stored version was scrubbed."""
    key = "sk-live-0123456789abcdefghijklmnop"
    leaky = FETCH.model_copy(
        update={"parameters": {**FETCH.parameters, "headers": {"Authorization": f"Bearer {key}"}}}
    )
    orphan = wf(TRIGGER, leaky)  # a repair round too, so the repaired graph is emitted
    events, (workflow, findings) = await run(ScriptedAgent(orphan))
    assert [k for k, _ in events] == ["draft", "debugging", "debugging"]
    assert key not in repr(events) and key not in workflow.model_dump_json()
    assert "$env." in workflow.model_dump_json()
    assert any(f.code == "inline_secret" for f in findings)
    assert all(
        any(f["code"] == "inline_secret" for f in data["findings"])
        for kind, data in events
        if kind == "debugging"
    )
