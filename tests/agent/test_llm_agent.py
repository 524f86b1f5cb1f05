"""The LLM agent against the fake OpenAI and Anthropic servers, over real HTTP.

Each scripted failure a real model or provider produces (a hallucinated node, a dangling
connection, a missing required parameter, invalid JSON, a 429, a 500 that never ends, a
stall past the deadline) ends correctly, and each test counts the model calls it took.
"""

from __future__ import annotations

import asyncio
import copy
import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from flowsmith.agent.interface import Decided, TextDelta
from flowsmith.agent.llm_agent import REQUEST_FORMAT, LLMAgent
from flowsmith.agent.llm_calls import AgentError
from flowsmith.core.models import Workflow
from flowsmith.core.validate import is_valid, validate_workflow
from flowsmith.generation.pipeline import GenerationFailed, run_pipeline
from flowsmith.llm.base import deadline_in, deadline_scope
from flowsmith.planner.offline import Decision
from flowsmith.usage import UsageMeter, metering
from tests.llm.conftest import make_anthropic, make_openai
from tests.llm.fakes import (
    FakeAnthropic,
    FakeOpenAI,
    FakeServer,
    http_error,
    json_body,
    raw_text,
    stall,
    text,
    tool_call,
)

# --- scripted model output ---------------------------------------------------------------------

STOCK: dict[str, Any] = {
    "name": "Amazon stock watch",
    "description": "Checks the product hourly and emails when it is in stock.",
    "nodes": [
        {
            "id": "schedule",
            "name": "Every hour",
            "type": "TRIGGER",
            "subtype": "schedule_trigger",
            "parameters": {"interval": "hours", "every": 1},
        },
        {
            "id": "check",
            "name": "Check Amazon",
            "type": "ACTION",
            "subtype": "web_page_check",
            "parameters": {"url": "https://www.amazon.com/dp/B0TEST", "store": "amazon"},
        },
        {
            "id": "in_stock",
            "name": "In stock?",
            "type": "FLOW",
            "subtype": "if",
            "parameters": {"conditions": [{"left": "{{ $json.in_stock }}", "operator": "is_true"}]},
        },
        {
            "id": "notify",
            "name": "Email me",
            "type": "EXTERNAL_ACTION",
            "subtype": "send_email",
            "parameters": {
                "to": "me@example.com",
                "subject": "Back in stock",
                "body": "{{ $json.title }} is back: {{ $json.url }}",
            },
        },
    ],
    "connections": [
        {"from_node": "schedule", "to_node": "check"},
        {"from_node": "check", "to_node": "in_stock"},
        {"from_node": "in_stock", "to_node": "notify", "from_output": "true"},
    ],
}


def stock(**changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(STOCK), **changes}


def hallucinated() -> dict[str, Any]:
    """The notification sent through a node type no catalog has."""
    wf = stock()
    wf["nodes"][3] = {
        "id": "notify",
        "name": "Toot it",
        "type": "EXTERNAL_ACTION",
        "subtype": "mastodon_post",
        "parameters": {"status": "{{ $json.title }} is back"},
    }
    return wf


def dangling() -> dict[str, Any]:
    wf = stock()
    wf["connections"][2] = {"from_node": "in_stock", "to_node": "notifier", "from_output": "true"}
    return wf


def missing_parameter() -> dict[str, Any]:
    wf = stock()
    del wf["nodes"][3]["parameters"]["to"]
    return wf


def patch(*operations: dict[str, Any]) -> dict[str, Any]:
    return {"operations": list(operations), "summary": "fix"}


def decide(kind: str, *, say: str = "", **fields: Any) -> Any:
    return tool_call("decide", {"kind": kind, **fields}, text=say, usage=(120, 30))


GENERATE_STOCK = {
    "format": REQUEST_FORMAT,
    "lang": "en",
    "mode": "create",
    "spec": "Every hour check https://www.amazon.com/dp/B0TEST and email me@example.com when "
    "it is in stock.",
    "assumptions": [],
    "unsupported": [],
}


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def _servers() -> Iterator[dict[str, FakeServer]]:
    servers: dict[str, FakeServer] = {
        "openai": FakeOpenAI().start(),
        "anthropic": FakeAnthropic().start(),
    }
    yield servers
    for server in servers.values():
        server.stop()


@dataclass
class Rig:
    kind: str
    fake: FakeServer
    agent: LLMAgent

    @property
    def calls(self) -> int:
        return len(self.fake.requests)

    def body_text(self, index: int) -> str:
        return json.dumps(self.fake.requests[index].json, ensure_ascii=False)

    def prompt(self, index: int) -> str:
        """The texts of request ``index``'s messages (system included), joined."""
        body = self.fake.requests[index].json
        system = body.get("system") or ""
        parts = [system if isinstance(system, str) else " ".join(b["text"] for b in system)]
        for message in body["messages"]:
            content = message.get("content")
            if isinstance(content, str):
                parts.append(content)
            for block in content if isinstance(content, list) else []:
                parts.append(block.get("text") or "")
        return "\n".join(parts)


def _rig(servers: dict[str, FakeServer], kind: str, **options: Any) -> Rig:
    fake = servers[kind]
    fake.reset()
    if kind == "openai":
        assert isinstance(fake, FakeOpenAI)
        provider: Any = make_openai(fake, **options)
    else:
        assert isinstance(fake, FakeAnthropic)
        provider = make_anthropic(fake, **options)
    return Rig(kind, fake, LLMAgent(provider))


@pytest.fixture(params=["openai", "anthropic"])
async def rig(
    request: pytest.FixtureRequest, _servers: dict[str, FakeServer]
) -> AsyncIterator[Rig]:
    made = _rig(_servers, request.param)
    yield made
    await made.agent.aclose()


@pytest.fixture
async def openai_rig(_servers: dict[str, FakeServer]) -> AsyncIterator[Rig]:
    made = _rig(_servers, "openai")
    yield made
    await made.agent.aclose()


async def reply_of(
    agent: LLMAgent,
    message: str,
    history: list[tuple[str, str]] | None = None,
    current: Workflow | None = None,
) -> tuple[list[str], Decision]:
    deltas: list[str] = []
    decision: Decision | None = None
    async for event in agent.respond(message, history or [], current):
        if isinstance(event, TextDelta):
            deltas.append(event.text)
        else:
            assert isinstance(event, Decided)
            decision = event.decision
    assert decision is not None
    return deltas, decision


async def generate(
    agent: LLMAgent, request: dict[str, Any], current: Workflow | None = None, rounds: int = 3
) -> tuple[Workflow, list[tuple[str, dict[str, Any]]]]:
    events: list[tuple[str, dict[str, Any]]] = []

    async def emit(kind: str, data: dict[str, Any]) -> None:
        events.append((kind, data))

    workflow, _ = await run_pipeline(
        agent, request, current, emit, workflow_id="wf_test", repair_rounds=rounds
    )
    return workflow, events


def debugging(events: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [data for kind, data in events if kind == "debugging"]


def codes(round_data: dict[str, Any]) -> set[str]:
    return {f["code"] for f in round_data["findings"] if f["severity"] == "error"}


def patch_requests(rig: Rig) -> int:
    return sum('"workflow_patch"' in rig.body_text(i) for i in range(rig.calls))


# --- the chat turn -----------------------------------------------------------------------------


async def test_answer_streams_the_text_as_it_arrives(rig: Rig) -> None:
    rig.fake.script(text("flowsmith builds workflows from a chat. Describe one!", chunks=6))
    with metering() as meter:
        deltas, decision = await reply_of(rig.agent, "what can you do?")
    assert len(deltas) >= 5, "the reply streams in the model's pieces"
    assert decision.kind == "answer" and decision.reply == "".join(deltas)
    assert decision.waiting_message
    assert rig.calls == 1
    body = rig.fake.requests[0].json
    assert body["stream"] is True
    tools = body["tools"]
    assert [t.get("name") or t["function"]["name"] for t in tools] == ["decide"]
    assert (meter.calls, meter.prompt_tokens, meter.completion_tokens) == (1, 10, 5)


async def test_generate_carries_a_self_contained_request(rig: Rig) -> None:
    rig.fake.script(
        decide(
            "generate",
            say="I'll build an hourly Amazon stock check that emails you. ",
            spec="Every hour check the Amazon product page and email me when in stock.",
            title="Amazon stock watch",
            assumptions=["Runs every hour", "Email goes to you@example.com"],
        )
    )
    history = [("user", "watch a product for me"), ("assistant", "Which store?")]
    deltas, decision = await reply_of(rig.agent, "Amazon, email me", history)
    assert decision.kind == "generate"
    request = decision.request
    assert request is not None
    assert request["lang"] == "en" and request["mode"] == "create"
    assert request["spec"].startswith("Every hour check the Amazon")
    assert request["assumptions"] == ["Runs every hour", "Email goes to you@example.com"]
    reply = "".join(deltas)
    assert reply.startswith("I'll build an hourly Amazon stock check")
    assert "Email goes to you@example.com" in reply, "the assumptions are said to the user"
    assert decision.reply == reply
    # the history went to the model, oldest first, then the new message
    sent = rig.body_text(0)
    assert (
        sent.index("watch a product for me")
        < sent.index("Which store?")
        < sent.index("Amazon, email me")
    )


async def test_clarify_asks_at_most_three_questions_with_suggestions(rig: Rig) -> None:
    questions = [
        {"question": f"Question {i}?", "suggestions": [f"a{i}", f"b{i}"]} for i in range(1, 5)
    ]
    rig.fake.script(decide("clarify", questions=questions))  # no text: the reply is written
    deltas, decision = await reply_of(rig.agent, "automate my stuff please")
    assert decision.kind == "clarify"
    assert [q.question for q in decision.questions] == ["Question 1?", "Question 2?", "Question 3?"]
    reply = "".join(deltas)
    assert "Question 3?" in reply and "Question 4?" not in reply
    assert "a1" in reply and "b3" in reply, "each question with its suggested answers"
    assert decision.waiting_message and "Question 1?" in decision.waiting_message


async def test_chinese_turn_gets_a_chinese_reply(openai_rig: Rig) -> None:
    openai_rig.fake.script(
        decide(
            "generate",
            spec="每小时检查 BestBuy 和 Amazon 库存，有货时发邮件",
            assumptions=["每小时运行"],
        )
    )
    deltas, decision = await reply_of(
        openai_rig.agent, "请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon"
    )
    assert decision.request is not None and decision.request["lang"] == "zh"
    reply = "".join(deltas)
    assert "好的" in reply and "每小时运行" in reply and "假设" in reply
    assert "Reply in Simplified Chinese" in openai_rig.body_text(0)


async def test_unsupported_integration_is_told_and_offered_http_request(rig: Rig) -> None:
    rig.fake.script(
        decide(
            "generate",
            say="Building it now.",
            spec="When a new RSS post appears, publish it via the Mastodon API with an HTTP "
            "request node.",
            unsupported_integrations=[{"name": "Mastodon", "alternative": "http_request"}],
        )
    )
    deltas, decision = await reply_of(rig.agent, "post my new blog posts to Mastodon")
    reply = "".join(deltas)
    assert "no Mastodon node" in reply and "http_request" in reply
    assert decision.request is not None
    assert decision.request["unsupported"] == [{"name": "Mastodon", "alternative": "http_request"}]
    # the catalog in the prompt offered the alternative, and the policy forbids inventing
    prompt = rig.body_text(0)
    assert "- http_request [ACTION]" in prompt and "Never invent a node type" in prompt


async def test_a_malformed_decision_is_an_answer_with_the_text(rig: Rig) -> None:
    rig.fake.script(decide("build_it", say="Here is my answer."))
    deltas, decision = await reply_of(rig.agent, "hello there friend")
    assert decision.kind == "answer" and "".join(deltas) == "Here is my answer."


async def test_no_text_and_no_decision_still_answers(openai_rig: Rig) -> None:
    openai_rig.fake.script(text(""))
    deltas, decision = await reply_of(openai_rig.agent, "hello there friend")
    assert decision.kind == "answer" and "describe what you want to automate" in "".join(deltas)


async def test_edit_turn_sees_the_current_workflow_and_asks_for_a_patch(openai_rig: Rig) -> None:
    current = Workflow.model_validate({**stock(), "id": "wf1", "version": 1})
    openai_rig.fake.script(
        decide("generate", say="Adding Slack.", spec="Also post to Slack #alerts when in stock.")
    )
    _, decision = await reply_of(openai_rig.agent, "also tell slack #alerts", current=current)
    assert decision.request is not None and decision.request["mode"] == "edit"
    prompt = openai_rig.body_text(0)
    assert "[notify] Email me (send_email)" in prompt and "in_stock.true -> notify" in prompt
    assert "never add, remove or alter anything the user did not ask for" in prompt


async def test_cancelling_the_turn_closes_the_model_stream(openai_rig: Rig) -> None:
    openai_rig.fake.script(text("word " * 40, chunks=40, delay=0.1))
    got: list[str] = []
    streaming = asyncio.Event()

    async def consume() -> None:
        async for event in openai_rig.agent.respond("tell me a long story", [], None):
            if isinstance(event, TextDelta):
                got.append(event.text)
                if len(got) >= 2:
                    streaming.set()

    with metering() as meter:
        task = asyncio.create_task(consume())
        await asyncio.wait_for(streaming.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert await openai_rig.fake.wait_disconnect(openai_rig.fake.requests[0])
    assert meter.calls == 1, "the interrupted call is still counted"


# --- provider failures -------------------------------------------------------------------------


async def test_429_then_success(rig: Rig) -> None:
    rig.fake.script(http_error(429, retry_after=0.05), text("All good.", chunks=2))
    with metering() as meter:
        deltas, decision = await reply_of(rig.agent, "what can you do?")
    assert "".join(deltas) == "All good." and decision.kind == "answer"
    assert rig.calls == 2 and meter.calls == 2


async def test_500_forever_is_a_clear_error(_servers: dict[str, FakeServer]) -> None:
    for kind in ("openai", "anthropic"):
        rig = _rig(_servers, kind, max_retries=2)
        rig.fake.default = http_error(500)
        with metering() as meter, pytest.raises(AgentError) as caught:
            await reply_of(rig.agent, "what can you do?")
        assert caught.value.code == "llm_unavailable"
        assert "unavailable" in caught.value.message
        assert rig.calls == 3 and meter.calls == 3, "one call and two retries, all counted"

        rig.fake.reset()
        rig.fake.default = http_error(500)
        with metering() as meter, pytest.raises(AgentError) as caught:
            await rig.agent.draft(GENERATE_STOCK, None)
        assert caught.value.code == "llm_unavailable"
        assert rig.calls == 3 and meter.calls == 3
        await rig.agent.aclose()


@pytest.mark.parametrize("kind", ["openai", "anthropic"])
async def test_stall_past_the_deadline_times_out_on_time(
    _servers: dict[str, FakeServer], kind: str
) -> None:
    # the stall and the read timeout (30 s) are far past the 0.6 s deadline: ignoring the
    # deadline would take 30 s, so "< 10" fails then, and never flakes under load
    rig = _rig(_servers, kind, timeout_s=30)
    rig.fake.script(stall(30))
    try:
        started = time.monotonic()
        with (
            metering() as meter,
            deadline_scope(deadline_in(0.6)),
            pytest.raises(AgentError) as caught,
        ):
            await reply_of(rig.agent, "what can you do?")
        elapsed = time.monotonic() - started
    finally:
        await rig.agent.aclose()
    assert caught.value.code == "llm_timeout"
    assert "did not answer in time" in caught.value.message
    assert 0.5 < elapsed < 10
    assert meter.calls == 1


async def test_stall_in_a_draft_times_out_too(_servers: dict[str, FakeServer]) -> None:
    # as above: without the 0.6 s deadline the draft would wait out the 30 s stall
    rig = _rig(_servers, "openai", timeout_s=30)
    rig.fake.script(stall(30, after_headers=True))
    try:
        started = time.monotonic()
        with deadline_scope(deadline_in(0.6)), pytest.raises(AgentError) as caught:
            await rig.agent.draft(GENERATE_STOCK, None)
        elapsed = time.monotonic() - started
    finally:
        await rig.agent.aclose()
    assert caught.value.code == "llm_timeout"
    assert elapsed < 10


# --- generation: draft, check, repair ----------------------------------------------------------


async def test_a_valid_draft_takes_one_call(rig: Rig) -> None:
    rig.fake.script(json_body(stock(), usage=(900, 300)))
    with metering() as meter:
        workflow, events = await generate(rig.agent, GENERATE_STOCK)
    assert [n.id for n in workflow.nodes] == ["schedule", "check", "in_stock", "notify"]
    assert len(debugging(events)) == 1 and debugging(events)[0]["errors"] == 0
    assert rig.calls == 1
    assert (meter.calls, meter.prompt_tokens, meter.completion_tokens) == (1, 900, 300)
    assert meter.cost_usd is not None and meter.cost_usd > 0
    # the draft's schema constrains subtypes to the retrieved specs
    body = rig.fake.requests[0].json
    schema = (
        body["response_format"]["json_schema"]["schema"]
        if rig.kind == "openai"
        else body["tools"][0]["input_schema"]
    )
    allowed = schema["properties"]["nodes"]["items"]["properties"]["subtype"]["enum"]
    assert {"schedule_trigger", "web_page_check", "if", "send_email"} <= set(allowed)
    assert "mastodon_post" not in allowed and len(allowed) <= 25


async def test_hallucinated_node_is_refused_by_the_schema_check_and_fixed(rig: Rig) -> None:
    rig.fake.script(json_body(hallucinated()), json_body(stock()))
    workflow, _ = await generate(rig.agent, GENERATE_STOCK)
    assert {n.subtype for n in workflow.nodes} <= {
        "schedule_trigger",
        "web_page_check",
        "if",
        "send_email",
    }
    assert rig.calls == 2, "the draft and the provider's one fix-up request"
    assert "mastodon_post" in rig.body_text(1) and "is not one of" in rig.body_text(1)


async def test_hallucinated_node_that_persists_is_repaired_never_stored(rig: Rig) -> None:
    # the model insists twice (draft + fix-up), is asked once more without the enum, and the
    # validator's unknown_subtype finding goes to the repair round
    rig.fake.script(
        json_body(hallucinated()),
        json_body(hallucinated()),
        json_body(hallucinated()),
        json_body(
            patch(
                {
                    "op": "update_node",
                    "id": "notify",
                    "subtype": "send_email",
                    "parameters": {
                        "to": "me@example.com",
                        "subject": "Back in stock",
                        "body": "{{ $json.title }} is back",
                    },
                }
            )
        ),
    )
    with metering() as meter:
        workflow, events = await generate(rig.agent, GENERATE_STOCK)
    rounds = debugging(events)
    assert "unknown_subtype" in codes(rounds[0])
    assert rounds[0]["round"] == 1 and rounds[-1]["errors"] == 0 and len(rounds) == 2
    assert all(n.subtype != "mastodon_post" for n in workflow.nodes)
    assert [n.id for n in workflow.nodes] == ["schedule", "check", "in_stock", "notify"]
    assert rig.calls == 4 and meter.calls == 4
    repair = rig.body_text(3)
    assert "unknown_subtype" in repair and "mastodon_post" in repair
    assert "- http_request [ACTION]" in repair, "the nearest alternative is offered"


async def test_dangling_connection_repaired_by_the_model(rig: Rig) -> None:
    draft = await _draft(rig, dangling())
    findings = validate_workflow(draft)
    assert "dangling_connection" in {f.code for f in findings}
    rig.fake.script(
        json_body(
            patch(
                {"op": "disconnect", "from_node": "in_stock", "to_node": "notifier"},
                {
                    "op": "connect",
                    "from_node": "in_stock",
                    "to_node": "notify",
                    "from_output": "true",
                },
            )
        )
    )
    repaired = await rig.agent.repair(draft, findings, GENERATE_STOCK)
    assert repaired is not None and is_valid(validate_workflow(repaired))
    assert rig.calls == 2, "one draft call, one repair call"
    sent = rig.body_text(1)
    assert "dangling_connection" in sent and "notifier" in sent
    for node in draft.nodes:
        assert repaired.node(node.id) == node, "the fix touched no node"


async def test_dangling_connection_ends_complete_in_the_pipeline(openai_rig: Rig) -> None:
    openai_rig.fake.script(
        json_body(dangling()),
        json_body(
            patch(
                {"op": "disconnect", "from_node": "in_stock", "to_node": "notifier"},
                {
                    "op": "connect",
                    "from_node": "in_stock",
                    "to_node": "notify",
                    "from_output": "true",
                },
            )
        ),
    )
    workflow, events = await generate(openai_rig.agent, GENERATE_STOCK)
    assert is_valid(validate_workflow(workflow))
    assert ("in_stock", "true", "notify") in {
        (c.from_node, c.from_output, c.to_node) for c in workflow.connections
    }
    # the model is asked only when the pipeline's deterministic repairs leave an error
    assert openai_rig.calls == 1 + patch_requests(openai_rig)
    assert "dangling_connection" in codes(debugging(events)[0])


async def test_missing_required_parameter_is_repaired(rig: Rig) -> None:
    rig.fake.script(
        json_body(missing_parameter()),
        json_body(
            patch({"op": "update_node", "id": "notify", "parameters": {"to": "me@example.com"}})
        ),
    )
    workflow, events = await generate(rig.agent, GENERATE_STOCK)
    rounds = debugging(events)
    assert "missing_parameter" in codes(rounds[0]) and rounds[-1]["errors"] == 0
    notify = workflow.node("notify")
    assert notify is not None and notify.parameters["to"] == "me@example.com"
    assert notify.parameters["subject"] == "Back in stock", "the rest of the node is kept"
    assert rig.calls == 2
    assert "missing_parameter" in rig.body_text(1) and "nodes[3].parameters" in rig.body_text(1)


async def test_invalid_json_gets_the_providers_fix_up(rig: Rig) -> None:
    rig.fake.script(raw_text('{"name": "Stock", "nodes": [{"id": '), json_body(stock()))
    with metering() as meter:
        workflow, _ = await generate(rig.agent, GENERATE_STOCK)
    assert len(workflow.nodes) == 4
    assert rig.calls == 2 and meter.calls == 2
    assert "not valid JSON" in rig.body_text(1)


async def test_repairs_are_bounded_then_the_findings_are_reported(openai_rig: Rig) -> None:
    openai_rig.fake.script(json_body(missing_parameter()))
    # a model that keeps answering with a patch that fixes nothing
    openai_rig.fake.default = json_body(
        patch({"op": "update_node", "id": "notify", "parameters": {"subject": "Still no to"}})
    )
    with pytest.raises(GenerationFailed) as caught:
        await generate(openai_rig.agent, GENERATE_STOCK, rounds=2)
    assert caught.value.code == "validation_failed"
    assert "missing_parameter" in {f.code for f in caught.value.findings}
    assert openai_rig.calls == 1 + 2, "the draft and exactly two repair rounds"


# --- edits as patches --------------------------------------------------------------------------


async def test_edit_is_a_patch_that_keeps_untouched_nodes(rig: Rig) -> None:
    current = Workflow.model_validate({**stock(), "id": "wf1", "version": 2})
    rig.fake.script(
        json_body(
            patch(
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
                {
                    "op": "connect",
                    "from_node": "in_stock",
                    "to_node": "slack",
                    "from_output": "true",
                },
            )
        )
    )
    request = {**GENERATE_STOCK, "mode": "edit", "spec": "Also post to Slack #alerts."}
    workflow, _ = await generate(rig.agent, request, current)
    assert rig.calls == 1
    for node in current.nodes:
        after = workflow.node(node.id)
        assert after is not None
        assert (after.name, after.subtype, after.parameters) == (
            node.name,
            node.subtype,
            node.parameters,
        )
    assert workflow.node("slack") is not None and workflow.id == "wf_test"
    sent = rig.prompt(0)
    assert '"id":"notify"' in sent and "Also post to Slack #alerts." in sent
    assert "workflow_patch" in rig.body_text(0), "the patch schema, not a whole graph"


async def test_edit_with_a_wrong_node_id_gets_one_follow_up(openai_rig: Rig) -> None:
    current = Workflow.model_validate({**stock(), "id": "wf1", "version": 2})
    openai_rig.fake.script(
        json_body(
            patch({"op": "update_node", "id": "email", "parameters": {"to": "ops@example.com"}})
        ),
        json_body(
            patch({"op": "update_node", "id": "notify", "parameters": {"to": "ops@example.com"}})
        ),
    )
    request = {**GENERATE_STOCK, "mode": "edit", "spec": "Send the email to ops@example.com."}
    edited = await openai_rig.agent.draft(request, current)
    notify = edited.node("notify")
    assert notify is not None and notify.parameters["to"] == "ops@example.com"
    assert openai_rig.calls == 2
    assert "patch_unknown_node" in openai_rig.body_text(1)


async def test_edit_without_any_change_is_a_clear_error(openai_rig: Rig) -> None:
    current = Workflow.model_validate({**stock(), "id": "wf1", "version": 2})
    openai_rig.fake.default = json_body(patch())
    request = {**GENERATE_STOCK, "mode": "edit", "spec": "Make it better."}
    with pytest.raises(AgentError) as caught:
        await openai_rig.agent.draft(request, current)
    assert caught.value.code == "llm_no_change" and openai_rig.calls == 2


# --- accounting --------------------------------------------------------------------------------


async def test_every_call_is_recorded_failed_ones_too(openai_rig: Rig) -> None:
    openai_rig.fake.script(
        http_error(429, retry_after=0.01),
        decide("generate", say="Building.", spec="stock watch"),
        raw_text("not json at all", usage=(500, 20)),
        json_body(missing_parameter(), usage=(800, 200)),
        json_body(
            patch({"op": "update_node", "id": "notify", "parameters": {"to": "a@b.c"}}),
            usage=(700, 50),
        ),
    )
    with metering() as turn:
        _, decision = await reply_of(openai_rig.agent, "watch amazon stock for me please")
    with metering() as generation:
        assert decision.request is not None
        await generate(openai_rig.agent, decision.request)
    assert (turn.calls, turn.prompt_tokens, turn.completion_tokens) == (2, 120, 30)
    assert generation.calls == 3
    assert (generation.prompt_tokens, generation.completion_tokens) == (2000, 270)
    assert generation.by_model == {
        "openai:gpt-4o-mini": {"calls": 3, "prompt_tokens": 2000, "completion_tokens": 270}
    }
    assert generation.cost_usd == pytest.approx((2000 * 0.15 + 270 * 0.60) / 1e6)
    assert isinstance(turn, UsageMeter)


# --- helpers -----------------------------------------------------------------------------------


async def _draft(rig: Rig, value: dict[str, Any]) -> Workflow:
    rig.fake.script(json_body(value))
    return await rig.agent.draft(GENERATE_STOCK, None)


def test_prompts_are_fully_rendered() -> None:
    from flowsmith.agent import prompts
    from flowsmith.agent.retrieval import retrieve

    specs = retrieve("every hour check amazon stock and email me")
    current = Workflow.model_validate(stock())
    texts = [
        prompts.respond_system("en", specs, None),
        prompts.respond_system("zh", specs, current),
        prompts.draft_system("zh", specs),
        prompts.edit_system("en", specs),
        prompts.repair_system("en", specs),
    ]
    for rendered in texts:
        assert '{{"' not in rendered and "{language}" not in rendered
        assert "{specs}" not in rendered and "- web_page_check [ACTION]" in rendered
    assert "{{ $env.NAME }}" in texts[0]
    assert '{"op": "update_node"' in texts[4]
    assert "Reply in Simplified Chinese" in texts[1] and "[check] Check Amazon" in texts[1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_context_error_names_the_settings_to_change(lang: str) -> None:
    """Issue 15: a request that cannot fit ends with a clear error naming the setting."""
    from flowsmith.agent.llm_calls import error_text

    message = error_text("llm_context", lang)
    assert "FLOWSMITH_LLM_CONTEXT_TOKENS" in message
    assert "FLOWSMITH_LLM_RETRIEVAL_K" in message
