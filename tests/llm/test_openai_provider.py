"""OpenAICompatProvider against FakeOpenAI over real HTTP: streaming, tool calls, retries,
deadlines, cancellation, usage."""

from __future__ import annotations

import asyncio
import threading
import time
from contextlib import aclosing

import openai
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
from flowsmith.llm.openai_compat import OpenAICompatProvider
from tests.llm.conftest import make_openai
from tests.llm.fakes import (
    Call,
    FakeOpenAI,
    free_port,
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
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(text("Hello there, world!", chunks=3))

    events = await collect(openai_provider.stream(HI))

    assert texts(events) == ["Hello t", "here, w", "orld!"]
    done = finished(events)
    assert done.stop_reason == "stop"
    assert done.usage == Usage(prompt_tokens=10, completion_tokens=5, calls=1)
    sent = fake_openai.requests[0]
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == "Bearer sk-test"
    assert sent.json["model"] == "gpt-4o-mini"
    assert sent.json["stream"] is True
    assert sent.json["stream_options"] == {"include_usage": True}
    assert sent.json["max_tokens"] == 2048  # a compatible server: the classic field
    assert sent.json["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hi"},
    ]
    assert "tools" not in sent.json and "response_format" not in sent.json
    assert sent.completed and not sent.disconnected.is_set()


async def test_first_delta_arrives_before_the_server_has_finished(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    # Ordering, not latency: the fake sends the first piece, then holds the rest until the
    # test releases it. A provider that buffered the whole reply would never yield before the
    # release, so ``wait_for`` fails (after a generous 10 s, never reached when it streams).
    release = threading.Event()
    fake_openai.script(text("one two three four", chunks=4, hold=release))

    try:
        async with aclosing(openai_provider.stream(HI)) as stream:
            first = await asyncio.wait_for(anext(stream), 10)
            assert isinstance(first, TextDelta)
            assert not release.is_set() and not fake_openai.requests[0].completed
            release.set()
            rest = [event async for event in stream]
    finally:
        release.set()

    assert first.text + "".join(texts(rest)) == "one two three four"
    assert fake_openai.requests[0].completed


async def test_tool_calls_are_assembled_from_fragments(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    node = {"type": "http", "config": {"url": "https://example.com", "retries": 2}}
    fake_openai.script(
        tool_calls(
            Call("add_node", node, id="call_a"),
            Call("connect", {"from": "a", "to": "b"}, id="call_b"),
            fragments=5,
            text="On it.",
        )
    )

    events = await collect(openai_provider.stream(HI, tools=NODE_TOOLS, tool_choice="required"))

    assert "".join(texts(events)) == "On it."
    assert [c.call for c in calls(events)] == [
        ToolCall("call_a", "add_node", node),
        ToolCall("call_b", "connect", {"from": "a", "to": "b"}),
    ]
    assert finished(events).stop_reason == "tool_calls"
    sent = fake_openai.requests[0].json
    assert sent["tool_choice"] == "required"
    assert sent["tools"][0] == {
        "type": "function",
        "function": {
            "name": "add_node",
            "description": "Add a node",
            "parameters": NODE_TOOLS[0].parameters,
        },
    }


async def test_tool_choice_by_name_forces_that_function(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(tool_call("connect", {"from": "a", "to": "b"}))

    events = await collect(openai_provider.stream(HI, tools=NODE_TOOLS, tool_choice="connect"))

    assert calls(events)[0].call.arguments == {"from": "a", "to": "b"}
    assert fake_openai.requests[0].json["tool_choice"] == {
        "type": "function",
        "function": {"name": "connect"},
    }


async def test_history_with_tool_results_is_sent_in_openai_format(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(text("Done."))
    history = [
        Message("user", "Add a webhook"),
        Message("assistant", "", tool_calls=[ToolCall("call_1", "add_node", {"type": "webhook"})]),
        Message("tool", '{"id": "n1"}', tool_call_id="call_1"),
    ]

    await collect(openai_provider.stream(history, tools=NODE_TOOLS))

    assert fake_openai.requests[0].json["messages"] == [
        {"role": "user", "content": "Add a webhook"},
        {
            "role": "assistant",
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "add_node", "arguments": '{"type": "webhook"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": '{"id": "n1"}'},
    ]


async def test_rate_limit_is_retried_after_the_servers_retry_after(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(http_error(429, retry_after=0.3), text("ok"))

    started = time.monotonic()
    events = await collect(openai_provider.stream(HI))

    assert time.monotonic() - started >= 0.3  # Retry-After wins over the tiny backoff
    assert texts(events) == ["ok"]
    assert len(fake_openai.requests) == 2
    assert finished(events).usage == Usage(10, 5, calls=2)


async def test_server_errors_give_up_after_max_retries(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = http_error(500)
    provider = make_openai(fake_openai, max_retries=3)

    with pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))

    assert caught.value.code == "llm_unavailable"
    assert caught.value.status == 500
    assert len(fake_openai.requests) == 4  # max_retries + 1
    assert caught.value.usage.calls == 4
    assert provider.total_usage.calls == 4
    await provider.aclose()


async def test_rate_limit_that_persists_is_llm_rate_limited(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = http_error(429)
    provider = make_openai(fake_openai, max_retries=1)

    with pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))

    assert caught.value.code == "llm_rate_limited"
    assert len(fake_openai.requests) == 2
    await provider.aclose()


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (401, "llm_auth"),
        (403, "llm_auth"),
        (400, "llm_bad_request"),
        (404, "llm_bad_request"),
        (422, "llm_bad_request"),
    ],
)
async def test_client_errors_are_not_retried(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider, status: int, code: str
) -> None:
    fake_openai.default = http_error(status, message="nope")

    with pytest.raises(LLMError) as caught:
        await collect(openai_provider.stream(HI))

    assert caught.value.code == code
    assert "nope" in caught.value.message
    assert len(fake_openai.requests) == 1


@pytest.mark.parametrize("after_headers", [False, True])
async def test_a_stall_past_the_deadline_is_llm_timeout(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider, after_headers: bool
) -> None:
    # the stall and the read timeout (30 s) are far past the 1 s deadline (long enough
    # for the request to reach the fake on a loaded machine): ignoring the
    # deadline would take 30 s, so "< 10" fails then, and never flakes under load
    fake_openai.script(stall(30, after_headers=after_headers))
    provider = make_openai(fake_openai, timeout_s=30)

    started = time.monotonic()
    with deadline_scope(deadline_in(1.0)), pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))

    elapsed = time.monotonic() - started
    assert caught.value.code == "llm_timeout"
    assert 0.95 <= elapsed < 10
    assert len(fake_openai.requests) == 1
    assert await fake_openai.wait_disconnect(fake_openai.requests[0])
    await provider.aclose()


async def test_the_deadline_cuts_a_slow_stream_after_output(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(text("a b c d e f", chunks=6, delay=0.2))

    got: list[str] = []
    with deadline_scope(deadline_in(0.5)), pytest.raises(LLMError) as caught:
        async with aclosing(openai_provider.stream(HI)) as stream:
            async for event in stream:
                if isinstance(event, TextDelta):
                    got.append(event.text)

    assert caught.value.code == "llm_timeout"
    assert 1 <= len(got) < 6
    assert len(fake_openai.requests) == 1  # output was seen: never retried


async def test_read_timeouts_are_retried_then_reported(fake_openai: FakeOpenAI) -> None:
    # each attempt is cut by the 0.2 s read timeout, not waited out to the stall's 30 s
    # answer: without the timeout this takes 30 s or more, so "< 10" fails then
    fake_openai.default = stall(30)
    provider = make_openai(fake_openai, timeout_s=0.2, max_retries=1)

    started = time.monotonic()
    with pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))

    assert caught.value.code == "llm_timeout"
    assert len(fake_openai.requests) == 2
    assert time.monotonic() - started < 10
    await provider.aclose()


async def test_the_deadline_stops_retries_that_would_overrun_it(fake_openai: FakeOpenAI) -> None:
    # a backoff of at least 10 s cannot fit the 8 s deadline: give up at once. Sleeping into
    # the deadline first would take 8 s, so "< 4" (half of it) fails then
    fake_openai.default = http_error(503)
    provider = make_openai(fake_openai, backoff_base_s=20.0, backoff_max_s=20.0)

    started = time.monotonic()
    with deadline_scope(deadline_in(8.0)), pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))

    assert caught.value.code == "llm_timeout"
    assert "llm_unavailable" in caught.value.message  # says what it was waiting out
    assert time.monotonic() - started < 4  # did not sleep into the deadline first
    assert len(fake_openai.requests) == 1
    await provider.aclose()


async def test_cancelling_the_consumer_closes_the_connection(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    # chunks 1 s apart: the server is idle, not writing, when the client leaves
    fake_openai.script(text("x" * 40, chunks=20, delay=1.0))
    first_seen = asyncio.Event()

    async def consume() -> None:
        async for _ in openai_provider.stream(HI):
            first_seen.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(first_seen.wait(), 2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    request = fake_openai.requests[0]
    assert await fake_openai.wait_disconnect(request, 0.5)
    assert not request.completed
    assert len(fake_openai.requests) == 1


async def test_leaving_the_loop_early_closes_the_connection(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(text("x" * 40, chunks=20, delay=1.0))

    async with aclosing(openai_provider.stream(HI)) as stream:
        async for _ in stream:
            break

    assert await fake_openai.wait_disconnect(fake_openai.requests[0], 0.5)


async def test_a_drop_after_output_is_not_retried(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(text("abcdef", chunks=6, drop_after=2), text("must not be requested"))

    got: list[str] = []
    with pytest.raises(LLMError) as caught:
        async with aclosing(openai_provider.stream(HI)) as stream:
            async for event in stream:
                if isinstance(event, TextDelta):
                    got.append(event.text)

    assert caught.value.code == "llm_unavailable"
    assert got == ["a", "b"]  # and never again
    assert len(fake_openai.requests) == 1


async def test_a_drop_before_any_output_is_retried(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(text("abc", chunks=3, drop_after=0), text("fine"))

    events = await collect(openai_provider.stream(HI))

    assert texts(events) == ["fine"]
    assert finished(events).usage.calls == 2


async def test_an_error_event_before_output_is_retried(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(stream_error(0), text("fine"))

    events = await collect(openai_provider.stream(HI))

    assert texts(events) == ["fine"]
    assert len(fake_openai.requests) == 2


async def test_a_stream_that_ends_without_finishing_is_an_error(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(text("half a rep", finish=False))

    with pytest.raises(LLMError) as caught:
        await collect(openai_provider.stream(HI))

    assert caught.value.code == "llm_unavailable"
    assert len(fake_openai.requests) == 1  # the text had been passed on


async def test_connection_refused_is_unavailable_after_retries() -> None:
    provider = OpenAICompatProvider(
        model="m",
        base_url=f"http://127.0.0.1:{free_port()}/v1",
        max_retries=2,
        backoff_base_s=0.01,
        backoff_max_s=0.01,
    )

    with pytest.raises(LLMError) as caught:
        await collect(provider.stream(HI))

    assert caught.value.code == "llm_unavailable"
    assert caught.value.usage.calls == 3
    await provider.aclose()


async def test_the_max_tokens_field_is_corrected_once(fake_openai: FakeOpenAI) -> None:
    fake_openai.rejects_max_tokens = True  # like OpenAI's reasoning models
    fake_openai.script(text("one"), text("two"))
    provider = make_openai(fake_openai)

    first = await collect(provider.stream(HI, max_tokens=100))
    second = await collect(provider.stream(HI, max_tokens=100))

    assert texts(first) == ["one"] and texts(second) == ["two"]
    sent = fake_openai.bodies
    assert len(sent) == 3
    assert sent[0]["max_tokens"] == 100
    assert sent[1]["max_completion_tokens"] == 100 and "max_tokens" not in sent[1]
    assert sent[2]["max_completion_tokens"] == 100  # remembered
    await provider.aclose()


async def test_official_openai_uses_max_completion_tokens_by_default() -> None:
    provider = OpenAICompatProvider(model="o4-mini", api_key="sk-test")
    assert provider.max_tokens_field == "max_completion_tokens"
    await provider.aclose()


async def test_usage_is_totalled_and_priced(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(text("a", usage=(1000, 500)), http_error(500), text("b", usage=(2000, 100)))

    first = finished(await collect(openai_provider.stream(HI)))
    second = finished(await collect(openai_provider.stream(HI)))

    assert first.usage == Usage(1000, 500, 1)
    assert second.usage == Usage(2000, 100, 2)
    total = openai_provider.total_usage
    assert total == Usage(3000, 600, 3)
    cost = estimate_cost_usd(openai_provider.name, openai_provider.model, total)
    assert cost == pytest.approx((3000 * 0.15 + 600 * 0.60) / 1_000_000)


async def test_the_fake_also_answers_without_streaming(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(text("plain"), tool_call("connect", {"from": "a"}))
    client = openai.AsyncOpenAI(api_key="sk-test", base_url=fake_openai.base_url, max_retries=0)

    reply = await client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "hi"}]
    )
    called = await client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "hi"}]
    )

    assert reply.choices[0].message.content == "plain"
    assert reply.usage is not None and reply.usage.prompt_tokens == 10
    tool = called.choices[0].message.tool_calls
    assert tool is not None and tool[0].function.arguments == '{"from": "a"}'  # type: ignore[union-attr]
    await client.close()
