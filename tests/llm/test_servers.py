"""Real servers' failures and stream shapes, replayed over real HTTP: each maps to the
right outcome (a fallback, a plain error, a retry) in the provider and in whole turns."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from flowsmith.agent.interface import Decided, TextDelta
from flowsmith.agent.llm_agent import LLMAgent
from flowsmith.agent.llm_calls import AgentError
from flowsmith.core.validate import validate_workflow
from flowsmith.llm import LLMError, Message, Usage, deadline_in, deadline_scope
from flowsmith.llm.pricing import estimate_cost_usd
from flowsmith.llm.structured import unsupported_feature
from flowsmith.planner.offline import Decision
from tests.llm import real_errors as real
from tests.llm.conftest import make_anthropic, make_openai
from tests.llm.fakes import (
    FakeAnthropic,
    FakeOpenAI,
    json_body,
    raw_error,
    raw_stream,
    raw_text,
    stall,
    text,
    tool_call,
)
from tests.llm.support import calls, collect, finished, texts

HI = [Message("user", "hi")]
TOOL = {"type": "function"}
STOCK_REQUEST = "Every hour check https://example.com/api/stock and email me@example.com"
DECISION: dict[str, Any] = {
    "kind": "generate",
    "mode": "create",
    "spec": "Every hour check https://example.com/api/stock and email me@example.com when "
    "it is in stock.",
    "title": "Stock alert",
    "questions": None,
    "assumptions": ["Runs every hour"],
    "unsupported_integrations": None,
    "waiting_message": None,
}


async def turn(agent: LLMAgent, message: str) -> tuple[str, Decision]:
    deltas: list[str] = []
    decision: Decision | None = None
    async for event in agent.respond(message, [], None):
        if isinstance(event, TextDelta):
            deltas.append(event.text)
        else:
            assert isinstance(event, Decided)
            decision = event.decision
    assert decision is not None
    return "".join(deltas), decision


# --- the words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "message", "feature"),
    [
        (400, real.VLLM_AUTO_TOOL_CHOICE_MESSAGE, "tool_choice_auto"),
        (400, "registry.ollama.ai/library/gemma:2b does not support tools", "tools"),
        (500, "tools param requires --jinja flag", "tools"),
        (500, real.LLAMA_CPP_PYTHON_JSON_SCHEMA["error"]["message"], "json_schema"),
        (400, "Thinking may not be enabled when tool_choice forces tool use.", "tool_choice"),
        (
            400,
            "Unsupported parameter: 'temperature' is not supported with this model.",
            "param:temperature",
        ),
        (
            400,
            "Invalid schema for response_format 'decide': In context=(), 'required' is "
            "required to be supplied",
            "strict",
        ),
        (400, "This model's maximum context length is 8192 tokens", None),
        (503, "tools param requires --jinja flag", None),  # a 503 is an outage, whatever it says
    ],
)
def test_unsupported_features_from_the_servers_words(
    status: int, message: str, feature: str | None
) -> None:
    assert unsupported_feature(status, message) == feature


# --- provider: statuses and bodies ----------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "feature"),
    [
        (400, real.VLLM_AUTO_TOOL_CHOICE, "tool_choice_auto"),
        (400, real.VLLM_AUTO_TOOL_CHOICE_NESTED, "tool_choice_auto"),
        (400, real.OLLAMA_NO_TOOLS, "tools"),
        (400, real.OLLAMA_NO_TOOLS_NATIVE, "tools"),
        (500, real.LLAMA_CPP_NO_JINJA, "tools"),
    ],
)
async def test_a_server_without_tools_is_told_apart_from_an_outage(
    fake_openai: FakeOpenAI, status: int, body: dict[str, Any], feature: str
) -> None:
    provider = make_openai(fake_openai)
    fake_openai.script(raw_error(status, body))
    tools = [_decide_spec()]
    with pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI, tools=tools, tool_choice="auto"))
    assert caught.value.code == "llm_bad_request" and caught.value.unsupported == feature
    assert len(fake_openai.requests) == 1, "not retried as an outage"
    await provider.aclose()


async def test_llama_cpp_python_refusing_json_schema_falls_back_to_json_object(
    fake_openai: FakeOpenAI,
) -> None:
    provider = make_openai(fake_openai)
    fake_openai.script(
        raw_error(500, real.LLAMA_CPP_PYTHON_JSON_SCHEMA), json_body({"a": 1}), json_body({"a": 2})
    )
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}
    first, usage = await provider.structured(HI, schema=schema, name="x")
    second, _ = await provider.structured(HI, schema=schema, name="x")
    assert (first, second) == ({"a": 1}, {"a": 2})
    assert usage.calls == 2 and len(fake_openai.requests) == 3, "one refusal, remembered"
    formats = [r.json["response_format"]["type"] for r in fake_openai.requests]
    assert formats == ["json_schema", "json_object", "json_object"]
    assert fake_openai.requests[1].json["response_format"]["schema"] == schema
    await provider.aclose()


async def test_openai_insufficient_quota_is_not_retried(fake_openai: FakeOpenAI) -> None:
    provider = make_openai(fake_openai)
    fake_openai.default = raw_error(429, real.OPENAI_INSUFFICIENT_QUOTA)
    with pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))
    assert caught.value.code == "llm_quota" and len(fake_openai.requests) == 1
    await provider.aclose()


@pytest.mark.parametrize(
    ("status", "body"), [(402, real.ANTHROPIC_BILLING), (400, real.ANTHROPIC_LOW_CREDIT)]
)
async def test_anthropic_billing_is_quota(
    fake_anthropic: FakeAnthropic, status: int, body: dict[str, Any]
) -> None:
    provider = make_anthropic(fake_anthropic)
    fake_anthropic.default = raw_error(status, body)
    with pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))
    assert caught.value.code == "llm_quota" and len(fake_anthropic.requests) == 1
    await provider.aclose()


async def test_anthropic_overloaded_is_retried(fake_anthropic: FakeAnthropic) -> None:
    provider = make_anthropic(fake_anthropic)
    fake_anthropic.script(raw_error(529, real.ANTHROPIC_OVERLOADED), text("fine"))
    events = await collect(provider.stream(HI))
    assert texts(events) == ["fine"] and len(fake_anthropic.requests) == 2
    await provider.aclose()


async def test_a_refused_temperature_is_dropped_and_the_call_resent(
    fake_openai: FakeOpenAI,
) -> None:
    from flowsmith.llm import CallOptions

    provider = make_openai(fake_openai)
    fake_openai.script(raw_error(400, real.OPENAI_UNSUPPORTED_TEMPERATURE), text("ok"), text("ok"))
    options = CallOptions(temperature=0.2)
    await collect(provider.stream(HI, options=options))
    await collect(provider.stream(HI, options=options))
    sent = [r.json.get("temperature") for r in fake_openai.requests]
    assert sent == [0.2, None, None]
    await provider.aclose()


async def test_retry_after_is_honoured_past_the_old_cap_but_not_past_the_deadline(
    fake_openai: FakeOpenAI,
) -> None:
    provider = make_openai(fake_openai)
    fake_openai.script(raw_error(429, {"error": {"message": "slow down"}}, retry_after="40"))
    started = time.monotonic()
    with deadline_scope(deadline_in(8.0)), pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))
    # a 40 s wait does not fit the 8 s left: the turn ends now, with a timeout naming why
    # (sleeping into the deadline would take 8 s, so "< 4", half of it, fails then)
    assert caught.value.code == "llm_timeout" and "llm_rate_limited" in caught.value.message
    assert time.monotonic() - started < 4
    fake_openai.reset()
    fake_openai.script(
        raw_error(429, {"error": {"message": "slow down"}}, retry_after="0.3"), text("ok")
    )
    started = time.monotonic()
    with deadline_scope(deadline_in(5.0)):
        events = await collect(provider.stream(HI))
    assert texts(events) == ["ok"] and time.monotonic() - started >= 0.3
    await provider.aclose()


async def test_x_should_retry_wins_over_the_status(fake_openai: FakeOpenAI) -> None:
    provider = make_openai(fake_openai)
    fake_openai.default = raw_error(500, {"error": {"message": "no"}}, x_should_retry="false")
    with pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))
    assert caught.value.code == "llm_unavailable" and len(fake_openai.requests) == 1
    fake_openai.reset()
    fake_openai.script(
        raw_error(400, {"error": {"message": "try again"}}, x_should_retry="true"), text("ok")
    )
    assert texts(await collect(provider.stream(HI))) == ["ok"]
    await provider.aclose()


# --- provider: stream shapes ------------------------------------------------------------------


def _chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "id": "c",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        **extra,
    }


async def test_openai_stream_shapes_whole_tool_call_and_usage_only_last_chunk(
    fake_openai: FakeOpenAI,
) -> None:
    provider = make_openai(fake_openai)
    call = {
        "index": 0,
        "id": "call_1",
        "type": "function",
        "function": {"name": "decide", "arguments": '{"kind": "answer"}'},
    }
    usage = {
        "id": "c",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": [],
        "usage": {
            "prompt_tokens": 1200,
            "completion_tokens": 20,
            "total_tokens": 1220,
            "prompt_tokens_details": {"cached_tokens": 1024},
        },
    }
    fake_openai.script(
        raw_stream(
            _chunk({"role": "assistant", "content": "Hi"}),
            _chunk({"tool_calls": [call]}),  # llama.cpp / vLLM: the whole call in one delta
            _chunk({}, "tool_calls"),
            usage,
            "[DONE]",
        )
    )
    events = await collect(provider.stream(HI, tools=[_decide_spec()], tool_choice="auto"))
    assert texts(events) == ["Hi"]
    assert [c.call.arguments for c in calls(events)] == [{"kind": "answer"}]
    done = finished(events)
    assert done.usage == Usage(1200, 20, 1, cached_tokens=1024)
    await provider.aclose()


async def test_openai_error_event_mid_stream_is_an_outage_after_text(
    fake_openai: FakeOpenAI,
) -> None:
    provider = make_openai(fake_openai)
    fake_openai.script(
        raw_stream(
            _chunk({"content": "Hel"}),
            {"error": {"message": "upstream overloaded", "type": "server_error"}},
        )
    )
    got: list[str] = []
    with pytest.raises(LLMError) as caught:
        async for event in provider.stream(HI):
            got.extend(texts([event]))
    assert got == ["Hel"] and caught.value.code == "llm_unavailable"
    assert len(fake_openai.requests) == 1, "text reached the caller: never retried"
    await provider.aclose()


async def test_anthropic_cached_tokens_are_read_and_priced(fake_anthropic: FakeAnthropic) -> None:
    provider = make_anthropic(fake_anthropic)
    start = {
        "type": "message_start",
        "message": {
            "id": "m",
            "type": "message",
            "role": "assistant",
            "model": "claude-sonnet-4-20250514",
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {
                "input_tokens": 100,
                "output_tokens": 1,
                "cache_read_input_tokens": 3000,
                "cache_creation_input_tokens": 0,
            },
        },
    }
    fake_anthropic.script(
        raw_stream(
            start,
            {
                "type": "content_block_start",
                "index": 0,
                "content_block": {"type": "text", "text": ""},
            },
            {
                "type": "content_block_delta",
                "index": 0,
                "delta": {"type": "text_delta", "text": "ok"},
            },
            {"type": "content_block_stop", "index": 0},
            {
                "type": "message_delta",
                "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                "usage": {"output_tokens": 10},
            },
            {"type": "message_stop"},
            names=(
                "message_start",
                "content_block_start",
                "content_block_delta",
                "content_block_stop",
                "message_delta",
                "message_stop",
            ),
        )
    )
    done = finished(await collect(provider.stream(HI)))
    assert done.usage == Usage(3100, 10, 1, cached_tokens=3000)
    cost = estimate_cost_usd("anthropic", "claude-sonnet-4-20250514", done.usage)
    # 100 fresh at $3, 3000 read from the cache at $0.30, 10 out at $15 per million
    assert cost == pytest.approx((100 * 3 + 3000 * 0.3 + 10 * 15) / 1e6)
    await provider.aclose()


# --- whole turns ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (400, real.VLLM_AUTO_TOOL_CHOICE),
        (400, real.OLLAMA_NO_TOOLS),
        (500, real.LLAMA_CPP_NO_JINJA),
    ],
)
async def test_a_turn_on_a_server_without_tools_decides_first_and_remembers(
    fake_openai: FakeOpenAI, status: int, body: dict[str, Any]
) -> None:
    agent = LLMAgent(make_openai(fake_openai, base_url=fake_openai.base_url))
    fake_openai.script(
        raw_error(status, body),
        json_body(DECISION),
        text("I'll build an hourly stock check that emails you.", chunks=3),
        json_body({**DECISION, "spec": "Also send a Slack message."}),
        text("OK.", chunks=1),
    )
    reply, decision = await turn(agent, STOCK_REQUEST)
    assert decision.kind == "generate" and decision.request is not None
    assert decision.request["spec"] == DECISION["spec"]
    assert reply.startswith("I'll build an hourly stock check")
    bodies = [r.json for r in fake_openai.requests]
    assert "tools" in bodies[0] and "response_format" in bodies[1]
    assert "tools" not in bodies[2], "the reply streams without tools"
    # the second turn goes straight to the decision: the refusal was remembered
    await turn(agent, "and post to slack too please")
    assert len(fake_openai.requests) == 5 and "tools" not in fake_openai.requests[3].json
    await agent.aclose()


async def test_a_reply_that_promises_a_workflow_without_deciding_gets_a_decision(
    fake_openai: FakeOpenAI,
) -> None:
    agent = LLMAgent(make_openai(fake_openai))
    fake_openai.script(text("Sure! I'll build that for you now.", chunks=2), json_body(DECISION))
    reply, decision = await turn(agent, STOCK_REQUEST)
    assert decision.kind == "generate" and reply.startswith("Sure! I'll build that")
    second = fake_openai.requests[1].json
    assert second["response_format"]["json_schema"]["strict"] is True
    assert "Sure! I'll build that" in json.dumps(second["messages"])


async def test_a_model_that_cannot_decide_gets_the_request_built_offline(
    fake_openai: FakeOpenAI,
) -> None:
    agent = LLMAgent(make_openai(fake_openai))
    agent.turn_mode = "decide_first"
    fake_openai.script(raw_text("I think you want a workflow"), raw_text("still no JSON"))
    reply, decision = await turn(agent, STOCK_REQUEST)
    assert decision.kind == "generate" and decision.request is not None
    assert decision.request["drafter"] == "offline"
    assert "offline planner" in reply and "could not make a usable decision" in reply
    workflow = await agent.draft(decision.request, None)
    assert not [f for f in validate_workflow(workflow) if f.severity == "error"]
    assert len(fake_openai.requests) == 2, "drafted without the model"


async def test_a_model_that_cannot_decide_on_chatter_says_so(fake_openai: FakeOpenAI) -> None:
    agent = LLMAgent(make_openai(fake_openai))
    agent.turn_mode = "decide_first"
    fake_openai.script(raw_text("???"), raw_text("???"))
    reply, decision = await turn(agent, "hmm")
    assert decision.kind == "answer" and "could not make a usable decision" in reply


async def test_quota_ends_the_turn_with_a_plain_message(fake_openai: FakeOpenAI) -> None:
    agent = LLMAgent(make_openai(fake_openai))
    fake_openai.default = raw_error(429, real.OPENAI_INSUFFICIENT_QUOTA)
    with pytest.raises(AgentError) as caught:
        await turn(agent, STOCK_REQUEST)
    assert caught.value.code == "llm_quota" and "quota or credit" in caught.value.message
    assert len(fake_openai.requests) == 1


async def test_a_decide_tool_call_still_works_in_one_call(fake_openai: FakeOpenAI) -> None:
    agent = LLMAgent(make_openai(fake_openai))
    fake_openai.script(tool_call("decide", DECISION, text="Building it."))
    reply, decision = await turn(agent, STOCK_REQUEST)
    assert decision.kind == "generate" and len(fake_openai.requests) == 1
    assert reply.startswith("Building it.")


def _decide_spec() -> Any:
    from flowsmith.agent import prompts
    from flowsmith.llm import ToolSpec

    return ToolSpec(prompts.DECIDE_TOOL, prompts.DECIDE_DESCRIPTION, prompts.DECIDE_SCHEMA)


# --- budgets: reasoning models and small contexts ---------------------------------------------


async def test_a_reasoning_model_gets_a_large_budget_and_no_temperature(
    fake_openai: FakeOpenAI,
) -> None:
    from flowsmith.llm import CallOptions

    provider = make_openai(fake_openai, model="o4-mini", base_url=fake_openai.base_url)
    fake_openai.script(text("ok"))
    options = CallOptions(max_tokens=1024, temperature=0.2, reasoning_effort="low")
    await collect(provider.stream(HI, options=options))
    body = fake_openai.requests[0].json
    assert body["max_completion_tokens"] >= 25_000 and "max_tokens" not in body
    assert "temperature" not in body and body["reasoning_effort"] == "low"
    await provider.aclose()


@pytest.mark.parametrize("source", ["props", "models"])
async def test_the_servers_context_shrinks_the_output_cap(
    fake_openai: FakeOpenAI, source: str
) -> None:
    if source == "props":
        fake_openai.n_ctx = 2048
    else:
        fake_openai.max_model_len = 2048
    provider = make_openai(fake_openai)
    fake_openai.script(text("ok"))
    prompt = [Message("system", "word " * 900), Message("user", "hi")]
    await collect(provider.stream(prompt, max_tokens=4096))
    sent = fake_openai.requests[0].json["max_tokens"]
    assert 256 <= sent < 2048 - 1500 // 1, sent
    # a prompt that leaves no room is refused before sending, naming what to change
    with pytest.raises(LLMError) as caught:
        await collect(provider.stream([Message("user", "word " * 2000)], max_tokens=4096))
    assert caught.value.code == "llm_context"
    assert "FLOWSMITH_LLM_CONTEXT_TOKENS" in caught.value.message
    assert len(fake_openai.requests) == 1
    await provider.aclose()


# llama-cpp-python's answer to a streamed request over its context: 200, then nothing
LLAMA_CPP_PYTHON_CUT = stall(0, after_headers=True)
OVER_2048 = [Message("user", "word " * 4000)]


async def test_llama_cpp_pythons_cut_stream_over_its_context_is_llm_context(
    fake_openai: FakeOpenAI,
) -> None:
    # no setting, and nothing the server reports (its /v1/models has no n_ctx)
    provider = make_openai(fake_openai, model="gemma-3-270m")
    fake_openai.script(LLAMA_CPP_PYTHON_CUT, raw_error(400, real.LLAMA_CPP_PYTHON_CONTEXT))
    started = time.monotonic()
    with pytest.raises(LLMError) as caught:
        await collect(provider.stream(OVER_2048, max_tokens=64))
    # not an outage retried: the cut stream is checked once, unstreamed, for one token
    assert caught.value.code == "llm_context" and not caught.value.retryable
    assert "FLOWSMITH_LLM_CONTEXT_TOKENS" in caught.value.message
    assert "context of 2048 tokens" in caught.value.message
    assert [r.stream for r in fake_openai.requests] == [True, False]
    assert fake_openai.requests[1].json["max_tokens"] == 1
    assert fake_openai.requests[1].json["messages"] == fake_openai.requests[0].json["messages"]
    # no read timeout (5 s, make_openai's) waited out on the cut stream; the request
    # shapes above prove it was not retried as an outage
    assert time.monotonic() - started < 5
    # the window it named is kept: the next over-long request is refused before sending
    assert provider.context_tokens == 2048
    with pytest.raises(LLMError) as caught:
        await collect(provider.stream(OVER_2048, max_tokens=64))
    assert caught.value.code == "llm_context" and len(fake_openai.requests) == 2
    await provider.aclose()


async def test_a_cut_structured_call_over_the_context_is_llm_context(
    fake_openai: FakeOpenAI,
) -> None:
    provider = make_openai(fake_openai, model="gemma-3-270m")
    fake_openai.script(
        raw_error(500, real.LLAMA_CPP_PYTHON_JSON_SCHEMA),
        LLAMA_CPP_PYTHON_CUT,
        raw_error(400, real.LLAMA_CPP_PYTHON_CONTEXT),
    )
    with pytest.raises(LLMError) as caught:
        await provider.structured(
            OVER_2048, schema={"type": "object", "properties": {}}, name="x", max_tokens=64
        )
    assert caught.value.code == "llm_context"
    assert "FLOWSMITH_LLM_CONTEXT_TOKENS" in caught.value.message
    assert len(fake_openai.requests) == 3
    await provider.aclose()


async def test_a_cut_stream_that_fits_is_retried_as_an_outage(fake_openai: FakeOpenAI) -> None:
    provider = make_openai(fake_openai, model="gemma-3-270m")
    # the unstreamed check answers (the prompt fits): the cut was something else
    fake_openai.script(LLAMA_CPP_PYTHON_CUT, text("."), text("fine"))
    events = await collect(provider.stream(OVER_2048, max_tokens=64))
    assert "".join(texts(events)) == "fine"
    assert [r.stream for r in fake_openai.requests] == [True, False, True]
    assert provider.context_tokens is None
    # a short prompt cannot overflow any context: a cut is retried with no check
    fake_openai.reset()
    fake_openai.script(LLAMA_CPP_PYTHON_CUT, text("fine"))
    await collect(provider.stream(HI))
    assert [r.stream for r in fake_openai.requests] == [True, True]
    await provider.aclose()


async def test_the_context_setting_wins_and_nothing_is_asked(fake_openai: FakeOpenAI) -> None:
    fake_openai.n_ctx = 100_000
    provider = make_openai(fake_openai, context_tokens=1024)
    with pytest.raises(LLMError) as caught:
        await collect(provider.stream([Message("user", "word " * 1000)]))
    assert caught.value.code == "llm_context" and fake_openai.gets == []
    await provider.aclose()


def test_call_options_per_kind_over_the_shared_settings(tmp_path: Any) -> None:
    from flowsmith.agent.llm_calls import call_options
    from flowsmith.llm import CallOptions
    from tests.conftest import make_settings

    settings = make_settings(
        tmp_path,
        FLOWSMITH_LLM_TEMPERATURE=0.3,
        FLOWSMITH_LLM_CALL_OPTIONS={"draft": {"max_tokens": 9000, "reasoning_effort": "high"}},
    )
    options = call_options(settings)
    assert options["draft"] == CallOptions(9000, 0.3, "high")
    assert options["decide"] == CallOptions(1024, 0.3, None)
    assert options["repair"] == CallOptions(4096, 0.3, None)


async def test_an_answer_to_a_concrete_request_is_built_by_the_offline_planner(
    fake_openai: FakeOpenAI,
) -> None:
    agent = LLMAgent(make_openai(fake_openai))
    fake_openai.script(tool_call("decide", {"kind": "answer"}, text="Every hour check email"))
    reply, decision = await turn(agent, STOCK_REQUEST)
    assert decision.kind == "generate" and decision.request is not None
    assert decision.request["drafter"] == "offline"
    assert reply.startswith("Every hour check email") and "offline planner" in reply
    # "When ..." starts a trigger, not a question
    fake_openai.script(tool_call("decide", {"kind": "answer"}, text="OK"))
    _, decision = await turn(
        agent, "When a new row is added to my Google Sheet, post it to Slack #sales"
    )
    assert decision.kind == "generate"
    # a question stays an answer
    fake_openai.script(tool_call("decide", {"kind": "answer"}, text="Use a schedule."))
    _, decision = await turn(agent, "How do I check a page every hour and email me?")
    assert decision.kind == "answer"


async def test_system_as_user_folds_the_system_prompt_into_the_first_user_message(
    fake_openai: FakeOpenAI,
) -> None:
    provider = make_openai(fake_openai, system_as_user=True)
    fake_openai.script(text("ok"))
    await collect(provider.stream([Message("system", "Rules."), Message("user", "hi")]))
    messages = fake_openai.requests[0].json["messages"]
    assert [m["role"] for m in messages] == ["user"]
    assert messages[0]["content"].startswith("Rules.") and messages[0]["content"].endswith("hi")
    await provider.aclose()
