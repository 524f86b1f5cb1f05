"""The request check in the generation: the ``debugging`` stage reports what of the request a
draft does not do, the agent repairs it like a validator finding, and what is left reaches the
``complete`` event. The request's frame is fixed per test (``parse_request`` patched), so these
tests do not depend on the parser's coverage of English or Chinese."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from flowsmith.agent.llm_agent import LLMAgent
from flowsmith.core.models import Connection, Finding, Node, NodeFamily, Workflow
from flowsmith.generation.pipeline import run_pipeline
from flowsmith.planner import parse
from flowsmith.planner.frame import Branch, Case, Condition, CoreStep, Frame, ServiceStep, Trigger
from tests.agent.test_llm_agent import GENERATE_STOCK, decide, patch, stock
from tests.api.test_seed_flow import listen_and_chat
from tests.conftest import LiveServer, make_settings
from tests.helpers import chat_done, create_session, read_events
from tests.llm.conftest import make_openai
from tests.llm.fakes import FakeOpenAI, json_body

HOURLY = Trigger(kind="schedule", params={"kind": "interval", "minutes": 60}, phrase="every hour")
# STOCK (tests/agent) checks a page hourly and emails when in stock; this request also wants
# a Slack message in that case
WITH_SLACK = Frame(
    HOURLY,
    (
        CoreStep("web_page_check", phrase="check the Amazon page"),
        Branch(
            (
                Case(
                    Condition("in_stock", "is_true", phrase="it is in stock"),
                    (
                        CoreStep("send_email", phrase="email me"),
                        ServiceStep("slack", "message", "send", phrase="tell Slack #alerts"),
                    ),
                ),
            )
        ),
    ),
)
ADD_SLACK = patch(
    {
        "op": "add_node",
        "id": "slack",
        "name": "Tell Slack",
        "subtype": "slack",
        "parameters": {
            "resource": "message",
            "operation": "post",
            "channel": "#alerts",
            "text": "{{ $json.title }} is back",
        },
    },
    {"op": "connect", "from_node": "in_stock", "to_node": "slack", "from_output": "true"},
)


@pytest.fixture
def frame(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Frame | None]]:
    """The frame every ``parse_request`` returns (set ``frame[0]``) and the texts it read."""
    chosen: list[Frame | None] = [WITH_SLACK]
    monkeypatch.setattr(parse, "parse_request", lambda text, catalog=None: chosen[0])
    yield chosen


def stock_workflow() -> Workflow:
    return Workflow.model_validate(stock())


def slack_node() -> Node:
    return Node(
        id="slack",
        name="Tell Slack",
        type=NodeFamily.EXTERNAL_ACTION,
        subtype="slack",
        parameters={
            "resource": "message",
            "operation": "post",
            "channel": "#alerts",
            "text": "back",
        },
    )


def with_slack() -> Workflow:
    wf = stock_workflow()
    return wf.model_copy(
        update={
            "nodes": [*wf.nodes, slack_node()],
            "connections": [
                *wf.connections,
                Connection(from_node="in_stock", to_node="slack", from_output="true"),
            ],
        }
    )


class ScriptedAgent:
    name = "scripted"

    def __init__(self, draft: Workflow, fixes: list[Workflow | None] | None = None) -> None:
        self._draft = draft
        self._fixes = list(fixes or [])
        self.drafts = 0
        self.repair_calls: list[list[Finding]] = []

    async def respond(self, *args: Any) -> Any:  # pragma: no cover - not used here
        raise NotImplementedError

    async def draft(self, request: dict[str, Any], current: Workflow | None) -> Workflow:
        self.drafts += 1
        return self._draft

    async def repair(
        self, workflow: Workflow, findings: list[Finding], request: dict[str, Any]
    ) -> Workflow | None:
        self.repair_calls.append(findings)
        return self._fixes.pop(0) if self._fixes else None


async def run(
    agent: Any,
    request: dict[str, Any] | None = None,
    current: Workflow | None = None,
    rounds: int = 3,
) -> tuple[list[tuple[str, dict[str, Any]]], Workflow, list[Finding]]:
    events: list[tuple[str, dict[str, Any]]] = []

    async def emit(kind: str, data: dict[str, Any]) -> None:
        events.append((kind, data))

    workflow, findings = await run_pipeline(
        agent,
        request or {"lang": "en", "message": "every hour check the page, email me and tell Slack"},
        current,
        emit,
        workflow_id="w1",
        repair_rounds=rounds,
    )
    return events, workflow, findings


def rounds_of(events: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [data for kind, data in events if kind == "debugging"]


# --- the pipeline, with a scripted agent ----------------------------------------------------------


async def test_an_uncovered_request_goes_to_the_agent_and_its_fix_is_rechecked(
    frame: list[Frame | None],
) -> None:
    agent = ScriptedAgent(stock_workflow(), [with_slack()])
    events, workflow, findings = await run(agent)
    first, last = rounds_of(events)
    assert first["errors"] == 0
    assert [u["code"] for u in first["uncovered"]] == ["request_not_covered"]
    assert "tell Slack #alerts" in first["uncovered"][0]["message"]
    assert "not done" in first["message"] and "all checks passed" not in first["message"]
    assert [f.code for f in agent.repair_calls[0] if f.code == "request_not_covered"]
    assert last["uncovered"] == [] and "all checks passed" in last["message"]
    assert workflow.node("slack") is not None
    assert not [f for f in findings if f.code == "request_not_covered"]


async def test_an_agent_that_cannot_repair_leaves_the_draft_and_its_findings(
    frame: list[Frame | None],
) -> None:
    agent = ScriptedAgent(stock_workflow())  # like the offline planner: no repairs
    events, workflow, findings = await run(agent)
    assert len(rounds_of(events)) == 1 and len(agent.repair_calls) == 1
    assert workflow.node("slack") is None
    [missing] = [f for f in findings if f.code == "request_not_covered"]
    assert missing.severity == "warning" and missing.path == "request.steps[1].cases[0].steps[1]"


async def test_a_repair_that_breaks_the_graph_never_replaces_a_valid_draft(
    frame: list[Frame | None],
) -> None:
    teleport = Node(id="x", name="X", type=NodeFamily.ACTION, subtype="teleport")
    broken = stock_workflow().model_copy(
        update={
            "nodes": [*stock_workflow().nodes, teleport],
            "connections": [
                *stock_workflow().connections,
                Connection(from_node="notify", to_node="x"),
            ],
        }
    )
    agent = ScriptedAgent(stock_workflow(), [broken, broken, broken])
    events, workflow, findings = await run(agent, rounds=2)
    assert [r["errors"] > 0 for r in rounds_of(events)] == [False, True, True]
    assert workflow.node("x") is None, "the valid first draft is the result"
    assert {f.code for f in findings} >= {"request_not_covered"}
    assert all(f.severity != "error" for f in findings)


async def test_no_frame_leaves_only_the_said_check(frame: list[Frame | None]) -> None:
    frame[0] = None  # the frame check is off; the raw words are still read
    agent = ScriptedAgent(stock_workflow())
    events, _, _ = await run(agent, {"message": "every day at 9 send me the weather report"})
    assert rounds_of(events)[0]["uncovered"] == [] and agent.repair_calls == []
    assert "request" in " ".join(rounds_of(events)[0]["checks"])


async def test_a_said_finding_drives_a_repair_when_the_request_cannot_be_read(
    frame: list[Frame | None],
) -> None:
    """The parse of the request fails (no frame), yet the service the user named is still
    missing from the draft: the said check reports it, the agent repairs, the fix clears it."""
    frame[0] = None
    agent = ScriptedAgent(stock_workflow(), [with_slack()])
    request = {"lang": "en", "message": "keep an eye on our stock and keep Slack posted"}
    events, workflow, findings = await run(agent, request)
    first, last = rounds_of(events)
    assert [u["code"] for u in first["uncovered"]] == ["request_not_covered"]
    assert "Slack" in first["uncovered"][0]["message"]
    assert [f.path for f in agent.repair_calls[0] if f.code == "request_not_covered"] == [
        "request.services.slack"
    ]
    assert last["uncovered"] == [] and workflow.node("slack") is not None
    assert not [f for f in findings if f.code == "request_not_covered"]


async def test_an_unchanged_request_is_checked_as_it_is(frame: list[Frame | None]) -> None:
    current = stock_workflow().model_copy(update={"id": "w1", "version": 3})
    agent = ScriptedAgent(with_slack())
    request = {"unchanged": True, "lang": "zh", "message": "请添加邮件通知"}
    events, workflow, _ = await run(agent, request, current)
    assert [k for k, _ in events] == ["draft", "debugging"]
    assert agent.drafts == 0 and agent.repair_calls == []
    assert "无需修改" in events[0][1]["message"]
    assert workflow.model_dump(exclude={"nodes"}) == current.model_dump(exclude={"nodes"})
    assert [n.id for n in workflow.nodes] == [n.id for n in current.nodes]


# --- the LLM agent: a request finding drives a repair round ------------------------------------


@pytest.fixture(scope="module")
def fake_server() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture
async def llm(fake_server: FakeOpenAI) -> AsyncIterator[LLMAgent]:
    fake_server.reset()
    agent = LLMAgent(make_openai(fake_server))
    yield agent
    await agent.aclose()


async def test_the_llm_agent_adds_the_missing_node_in_a_repair_round(
    frame: list[Frame | None], fake_server: FakeOpenAI, llm: LLMAgent
) -> None:
    fake_server.script(json_body(stock()), json_body(ADD_SLACK))
    events, workflow, findings = await run(llm, dict(GENERATE_STOCK))
    first, last = rounds_of(events)
    assert first["errors"] == 0 and [u["code"] for u in first["uncovered"]] == [
        "request_not_covered"
    ]
    assert len(fake_server.requests) == 2, "the draft and one repair"
    repair_prompt = str(fake_server.requests[1].json)
    assert "workflow_patch" in repair_prompt
    assert "request_not_covered" in repair_prompt and "tell Slack #alerts" in repair_prompt
    assert workflow.node("slack") is not None
    assert ("in_stock", "true", "slack") in {
        (c.from_node, c.from_output, c.to_node) for c in workflow.connections
    }
    assert last["uncovered"] == [] and not [
        f for f in findings if f.code in ("request_not_covered",)
    ]


async def test_the_llm_agent_is_not_asked_when_everything_is_covered(
    frame: list[Frame | None], fake_server: FakeOpenAI, llm: LLMAgent
) -> None:
    covered = with_slack().model_dump(mode="json", include={"name", "nodes", "connections"})
    fake_server.default = json_body(covered)
    events, workflow, _ = await run(llm, dict(GENERATE_STOCK))
    assert len(rounds_of(events)) == 1 and rounds_of(events)[0]["uncovered"] == []
    assert not any("workflow_patch" in str(r.json) for r in fake_server.requests)
    assert workflow.node("slack") is not None


# --- over a real socket: the complete event says what is still not done -------------------------


async def test_the_complete_event_carries_the_uncovered_findings(
    frame: list[Frame | None],
    fake_server: FakeOpenAI,
    tmp_path_factory: pytest.TempPathFactory,
    user: str,
) -> None:
    fake_server.reset()
    fake_server.script(
        decide("generate", say="Building your stock watch.", spec="hourly Amazon check"),
        json_body(stock()),
    )
    fake_server.default = json_body(patch())  # a model that proposes no fix
    settings = make_settings(
        tmp_path_factory.mktemp("request-check"),
        FLOWSMITH_LLM_PROVIDER="openai",
        FLOWSMITH_LLM_MODEL="gpt-4o-mini",
        FLOWSMITH_LLM_BASE_URL=fake_server.base_url,
        FLOWSMITH_LLM_API_KEY="sk-test",
        FLOWSMITH_LLM_MAX_RETRIES=1,
    )
    live = LiveServer(settings).start()
    try:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as client:
            headers = live.headers(user)
            session_id = await create_session(client, headers)
            _, progress = await listen_and_chat(
                client, headers, session_id, "watch amazon stock, email me and tell slack"
            )
    finally:
        live.stop()
    assert progress[-1].type == "complete", progress[-1].data
    data = progress[-1].data["data"]
    assert data["version"] == 1 and data["unchanged"] is False
    [item] = data["uncovered"]
    assert item["code"] == "request_not_covered" and item["node_id"] is None
    assert "tell Slack #alerts" in item["message"]
    assert (
        "does not yet do everything" in data["message"] and "tell Slack #alerts" in data["message"]
    )
    assert any(f["code"] == "request_not_covered" for f in data["findings"])
    debugging = [e.data["data"] for e in progress if e.type == "debugging"]
    assert debugging[0]["uncovered"] and debugging[0]["errors"] == 0


# --- an edit that needs no change ------------------------------------------------------------------


async def test_an_edit_that_needs_no_change_completes_without_a_version(
    server: LiveServer, client: httpx.AsyncClient, user: str
) -> None:
    """The seed's create → edit pair on the offline planner: the inventory monitor already
    emails, so "add email notification" is answered "no change needed"; the listener still
    gets ``complete`` (on version 1), never a fresh ``waiting`` it would wait behind forever."""
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    _, created = await listen_and_chat(
        client, headers, session_id, "请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon"
    )
    assert created[-1].type == "complete"
    workflow_id = created[-1].data["workflow_id"]

    edit_id = await create_session(client, headers, "edit", workflow_id)
    chat, edited = await listen_and_chat(
        client, headers, edit_id, "请在现有workflow中添加邮件通知功能"
    )
    kinds = [e.type for e in edited]
    assert kinds[0] == "waiting" and kinds[1:3] == ["start", "draft"], kinds
    assert kinds[-1] == "complete" and "waiting" not in kinds[1:], kinds
    data = edited[-1].data["data"]
    assert data["unchanged"] is True and data["version"] == 1
    assert edited[-1].data["workflow_id"] == workflow_id
    assert data["diff"]["added_nodes"] == [] and data["diff"]["removed_nodes"] == []
    assert "无需修改" in data["message"]
    assert data["workflow"]["nodes"] == created[-1].data["data"]["workflow"]["nodes"]
    assert any(e.data.get("status") == "generating" for e in chat)

    versions = (
        await client.get(f"/api/v1/workflows/{workflow_id}/versions", headers=headers)
    ).json()
    assert [v["version"] for v in versions["items"]] == [1]


async def test_thanks_in_an_edit_session_starts_no_generation(
    server: LiveServer, client: httpx.AsyncClient, user: str
) -> None:
    """Thanks in an edit session asks for nothing: no generation, a fresh ``waiting``."""
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    _, created = await listen_and_chat(
        client, headers, session_id, "Every hour check https://example.com/p and email me"
    )
    workflow_id = created[-1].data["workflow_id"]
    edit_id = await create_session(client, headers, "edit", workflow_id)
    status, chat = await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        params={"session_id": edit_id, "user_message": "thanks!"},
        headers=headers,
        until=chat_done,
    )
    assert status == 200
    assert not any(e.data.get("status") == "generating" for e in chat)
    detail = (await client.get(f"/api/v1/sessions/{edit_id}", headers=headers)).json()
    assert detail["generations"] == []
