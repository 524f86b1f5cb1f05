"""AnthropicProvider against FakeAnthropic over real HTTP: the Messages event stream, tool
use, retries, deadlines, cancellation, usage."""

from __future__ import annotations

import asyncio
import threading
import time
from contextlib import aclosing

import anthropic
import pytest

from flowsmith.llm import (
    LLMError,
    Message,
    TextDelta,
    ToolCall,
    ToolSpec,
    Usage,
    deadline_in,
    deadline_scope,
    estimate_cost_usd,
)
from flowsmith.llm.anthropic_provider import AnthropicProvider
from tests.llm.conftest import make_anthropic
from tests.llm.fakes import (
    Call,
    FakeAnthropic,
    http_error,
    stall,
    stream_error,
    text,
    tool_call,
    tool_calls,
)
from tests.llm.support import calls, collect, finished, texts

HI = [Message("system", "Be brief."), Message("user", "Hi")]
NODE_TOOLS = [
    ToolSpec(
        "add_node", "Add a node", {"type": "object", "properties": {"type": {"type": "string"}}}
    ),
    ToolSpec("connect", "Connect two nodes", {"type": "object"}),
]


async def test_stream_text_arrives_in_pieces(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(text("Hello there, world!", chunks=3))

    events = await collect(anthropic_provider.stream(HI, max_tokens=300))

    assert texts(events) == ["Hello t", "here, w", "orld!"]
    done = finished(events)
    assert done.stop_reason == "stop"
    assert done.usage == Usage(prompt_tokens=10, completion_tokens=5, calls=1)
    sent = fake_anthropic.requests[0]
    assert sent.path == "/v1/messages"
    # this SDK generation sends the API key as a bearer token
    assert sent.headers["authorization"] == "Bearer sk-ant-test"
    assert "anthropic-version" in sent.headers
    assert sent.json["stream"] is True
    assert sent.json["max_tokens"] == 300
    # the system prompt goes as a cached block (the prompt cache's stable prefix)
    assert sent.json["system"] == [
        {"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}
    ]
    assert sent.json["messages"] == [{"role": "user", "content": [{"type": "text", "text": "Hi"}]}]
    assert sent.completed and not sent.disconnected.is_set()


async def test_first_delta_arrives_before_the_server_has_finished(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    # Ordering, not latency: the fake sends the first piece, then holds the rest until the
    # test releases it. A provider that buffered the whole reply would never yield before the
    # release, so ``wait_for`` fails (after a generous 10 s, never reached when it streams).
    release = threading.Event()
    fake_anthropic.script(text("one two three four", chunks=4, hold=release))

    try:
        async with aclosing(anthropic_provider.stream(HI)) as stream:
            first = await asyncio.wait_for(anext(stream), 10)
            assert isinstance(first, TextDelta)
            assert not release.is_set() and not fake_anthropic.requests[0].completed
            release.set()
            rest = [event async for event in stream]
    finally:
        release.set()

    assert first.text + "".join(texts(rest)) == "one two three four"
    assert fake_anthropic.requests[0].completed


async def test_tool_use_is_assembled_from_input_json_deltas(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    node = {"type": "http", "config": {"url": "https://example.com", "retries": 2}}
    fake_anthropic.script(
        tool_calls(
            Call("add_node", node, id="toolu_a"),
            Call("connect", {"from": "a", "to": "b"}, id="toolu_b"),
            fragments=5,
            text="On it.",
        )
    )

    events = await collect(anthropic_provider.stream(HI, tools=NODE_TOOLS, tool_choice="any"))

    assert "".join(texts(events)) == "On it."
    assert [c.call for c in calls(events)] == [
        ToolCall("toolu_a", "add_node", node),
        ToolCall("toolu_b", "connect", {"from": "a", "to": "b"}),
    ]
    assert finished(events).stop_reason == "tool_calls"
    sent = fake_anthropic.requests[0].json
    assert sent["tool_choice"] == {"type": "any"}
    assert sent["tools"][0] == {
        "name": "add_node",
        "description": "Add a node",
        "input_schema": NODE_TOOLS[0].parameters,
    }


async def test_tool_choice_by_name_forces_that_tool(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(tool_call("connect", {"from": "a", "to": "b"}))

    events = await collect(anthropic_provider.stream(HI, tools=NODE_TOOLS, tool_choice="connect"))

    assert calls(events)[0].call.arguments == {"from": "a", "to": "b"}
    assert fake_anthropic.requests[0].json["tool_choice"] == {"type": "tool", "name": "connect"}


async def test_history_with_tool_results_is_sent_as_blocks(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(text("Done."))
    history = [
        Message("system", "Be brief."),
        Message("user", "Add two nodes"),
        Message(
            "assistant",
            "Adding.",
            tool_calls=[
                ToolCall("toolu_1", "add_node", {"type": "webhook"}),
                ToolCall("toolu_2", "add_node", {"type": "http"}),
            ],
        ),
        Message("tool", "n1", tool_call_id="toolu_1"),
        Message("tool", "n2", tool_call_id="toolu_2"),
        Message("system", "Answer in English."),
    ]

    await collect(anthropic_provider.stream(history, tools=NODE_TOOLS))

    sent = fake_anthropic.requests[0].json
    assert sent["system"][0]["text"] == "Be brief.\n\nAnswer in English."
    assert sent["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": "Add two nodes"}]},
        {
            "role": "assistant",
            "content": [
                {"type": "text", "text": "Adding."},
                {
                    "type": "tool_use",
                    "id": "toolu_1",
                    "name": "add_node",
                    "input": {"type": "webhook"},
                },
                {
                    "type": "tool_use",
                    "id": "toolu_2",
                    "name": "add_node",
                    "input": {"type": "http"},
                },
            ],
        },
        {
            # both results in one user turn: the API wants the roles to alternate
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "toolu_1", "content": "n1"},
                {"type": "tool_result", "tool_use_id": "toolu_2", "content": "n2"},
            ],
        },
    ]


async def test_rate_limit_is_retried_after_the_servers_retry_after(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(http_error(429, retry_after=0.3), text("ok"))

    started = time.monotonic()
    events = await collect(anthropic_provider.stream(HI))

    assert time.monotonic() - started >= 0.3
    assert texts(events) == ["ok"]
    assert finished(events).usage.calls == 2


async def test_overloaded_is_retried(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(http_error(529), text("ok"))

    events = await collect(anthropic_provider.stream(HI))

    assert texts(events) == ["ok"]
    assert len(fake_anthropic.requests) == 2


async def test_server_errors_give_up_after_max_retries(fake_anthropic: FakeAnthropic) -> None:
    fake_anthropic.default = http_error(500)
    provider = make_anthropic(fake_anthropic, max_retries=3)

    with pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))

    assert caught.value.code == "llm_unavailable"
    assert len(fake_anthropic.requests) == 4
    assert caught.value.usage.calls == 4
    await provider.aclose()


@pytest.mark.parametrize(
    ("status", "code"), [(401, "llm_auth"), (403, "llm_auth"), (400, "llm_bad_request")]
)
async def test_client_errors_are_not_retried(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider, status: int, code: str
) -> None:
    fake_anthropic.default = http_error(status, message="nope")

    with pytest.raises(LLMError) as caught:
        await collect(anthropic_provider.stream(HI))

    assert caught.value.code == code
    assert "nope" in caught.value.message
    assert len(fake_anthropic.requests) == 1


@pytest.mark.parametrize("after_headers", [False, True])
async def test_a_stall_past_the_deadline_is_llm_timeout(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider, after_headers: bool
) -> None:
    # the stall and the read timeout (30 s) are far past the 1 s deadline (long enough
    # for the request to reach the fake on a loaded machine): ignoring the
    # deadline would take 30 s, so "< 10" fails then, and never flakes under load
    fake_anthropic.script(stall(30, after_headers=after_headers))
    provider = make_anthropic(fake_anthropic, timeout_s=30)

    started = time.monotonic()
    with deadline_scope(deadline_in(1.0)), pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))

    assert caught.value.code == "llm_timeout"
    assert 0.95 <= time.monotonic() - started < 10
    assert await fake_anthropic.wait_disconnect(fake_anthropic.requests[0])
    await provider.aclose()


async def test_a_read_timeout_mid_stream_is_llm_timeout(fake_anthropic: FakeAnthropic) -> None:
    # this SDK lets raw httpx2 timeouts out of a stream; they must still become LLMError
    fake_anthropic.script(text("slow reply", chunks=2, delay=2.0))
    provider = make_anthropic(fake_anthropic, timeout_s=0.3)

    got: list[str] = []
    with pytest.raises(LLMError) as caught:
        async with aclosing(provider.stream(HI)) as stream:
            async for event in stream:
                if isinstance(event, TextDelta):
                    got.append(event.text)

    assert caught.value.code == "llm_timeout"
    assert got == ["slow "]
    assert len(fake_anthropic.requests) == 1
    await provider.aclose()


async def test_cancelling_the_consumer_closes_the_connection(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(text("x" * 40, chunks=20, delay=1.0))
    first_seen = asyncio.Event()

    async def consume() -> None:
        async for _ in anthropic_provider.stream(HI):
            first_seen.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(first_seen.wait(), 2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    request = fake_anthropic.requests[0]
    assert await fake_anthropic.wait_disconnect(request, 0.5)
    assert not request.completed


async def test_a_drop_after_output_is_not_retried(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(text("abcdef", chunks=6, drop_after=2), text("must not be requested"))

    got: list[str] = []
    with pytest.raises(LLMError) as caught:
        async with aclosing(anthropic_provider.stream(HI)) as stream:
            async for event in stream:
                if isinstance(event, TextDelta):
                    got.append(event.text)

    assert caught.value.code == "llm_unavailable"
    assert got == ["a", "b"]
    assert len(fake_anthropic.requests) == 1


async def test_an_overloaded_event_before_output_is_retried(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(stream_error(0), text("fine"))

    events = await collect(anthropic_provider.stream(HI))

    assert texts(events) == ["fine"]
    assert len(fake_anthropic.requests) == 2


async def test_an_overloaded_event_after_output_is_reported(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(stream_error(2), text("must not be requested"))

    with pytest.raises(LLMError) as caught:
        await collect(anthropic_provider.stream(HI))

    assert caught.value.code == "llm_unavailable"
    assert "overloaded_error" in caught.value.message
    assert len(fake_anthropic.requests) == 1


async def test_a_stream_without_message_stop_is_an_error(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(text("half a rep", finish=False))

    with pytest.raises(LLMError) as caught:
        await collect(anthropic_provider.stream(HI))

    assert caught.value.code == "llm_unavailable"


async def test_usage_comes_from_message_start_and_message_delta(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(text("a", usage=(1200, 300)), tool_call("connect", {}, usage=(800, 40)))

    first = finished(await collect(anthropic_provider.stream(HI)))
    second = finished(await collect(anthropic_provider.stream(HI, tools=NODE_TOOLS)))

    assert first.usage == Usage(1200, 300, 1)
    assert second.usage == Usage(800, 40, 1)
    total = anthropic_provider.total_usage
    assert total == Usage(2000, 340, 2)
    # claude-sonnet-4-20250514 is priced as claude-sonnet-4
    cost = estimate_cost_usd("anthropic", anthropic_provider.model, total)
    assert cost == pytest.approx((2000 * 3.0 + 340 * 15.0) / 1_000_000)


async def test_the_fake_also_answers_without_streaming(fake_anthropic: FakeAnthropic) -> None:
    fake_anthropic.script(text("plain"), tool_call("connect", {"from": "a"}))
    client = anthropic.AsyncAnthropic(
        api_key="sk-ant-test", base_url=fake_anthropic.base_url, max_retries=0
    )

    reply = await client.messages.create(
        model="m", max_tokens=10, messages=[{"role": "user", "content": "hi"}]
    )
    called = await client.messages.create(
        model="m", max_tokens=10, messages=[{"role": "user", "content": "hi"}]
    )

    assert reply.content[0].type == "text" and reply.content[0].text == "plain"
    assert reply.usage.input_tokens == 10
    block = called.content[0]
    assert block.type == "tool_use" and block.input == {"from": "a"}
    await client.close()
