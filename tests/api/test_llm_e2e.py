"""End to end with a real model's wire protocol: a live flowsmith server configured with the
fake OpenAI (or Anthropic) server, driven over the real SSE streams.

Every scripted failure ends as ``complete`` (with its debugging rounds) or as a clear
``error`` event, and every test counts the model calls it took (the fake records them).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from tests.agent.test_llm_agent import (
    dangling,
    decide,
    hallucinated,
    missing_parameter,
    patch,
    stock,
)
from tests.api.test_seed_flow import listen_and_chat
from tests.conftest import LiveServer, make_settings
from tests.helpers import Event, chat_done, create_session, read_events, text_of
from tests.llm.fakes import (
    FakeAnthropic,
    FakeOpenAI,
    FakeServer,
    http_error,
    json_body,
    raw_text,
    stall,
    text,
)

FAST = {"FLOWSMITH_LLM_BACKOFF_BASE_S": 0.01, "FLOWSMITH_LLM_BACKOFF_MAX_S": 0.02}


def openai_settings(fake: FakeOpenAI, **extra: Any) -> dict[str, Any]:
    return {
        "FLOWSMITH_LLM_PROVIDER": "openai",
        "FLOWSMITH_LLM_MODEL": "gpt-4o-mini",
        "FLOWSMITH_LLM_BASE_URL": fake.base_url,
        "FLOWSMITH_LLM_API_KEY": "sk-test",
        "FLOWSMITH_LLM_MAX_RETRIES": 2,
        **FAST,
        **extra,
    }


def anthropic_settings(fake: FakeAnthropic, **extra: Any) -> dict[str, Any]:
    return {
        "FLOWSMITH_LLM_PROVIDER": "anthropic",
        "FLOWSMITH_LLM_MODEL": "claude-sonnet-4-20250514",
        "FLOWSMITH_LLM_BASE_URL": fake.base_url,
        "FLOWSMITH_LLM_API_KEY": "sk-ant-test",
        "FLOWSMITH_LLM_MAX_RETRIES": 2,
        **FAST,
        **extra,
    }


@pytest.fixture(scope="module")
def fake_openai_server() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fake_anthropic_server() -> Iterator[FakeAnthropic]:
    server = FakeAnthropic().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def openai_live(
    tmp_path_factory: pytest.TempPathFactory, fake_openai_server: FakeOpenAI
) -> Iterator[LiveServer]:
    settings = make_settings(tmp_path_factory.mktemp("llm"), **openai_settings(fake_openai_server))
    live = LiveServer(settings).start()
    yield live
    live.stop()


@pytest.fixture
def fake(fake_openai_server: FakeOpenAI) -> FakeOpenAI:
    fake_openai_server.reset()
    return fake_openai_server


@pytest.fixture
async def client(openai_live: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=openai_live.url, timeout=30) as c:
        yield c


async def chat(
    client: httpx.AsyncClient, headers: dict[str, str], session_id: str, message: str
) -> list[Event]:
    status, events = await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        params={"session_id": session_id, "user_message": message},
        headers=headers,
        until=chat_done,
    )
    assert status == 200
    return events


def kinds(events: list[Event]) -> list[str]:
    return [e.type for e in events]


def rounds(events: list[Event]) -> list[dict[str, Any]]:
    return [e.data["data"] for e in events if e.type == "debugging"]


def error_codes(data: dict[str, Any]) -> set[str]:
    return {f["code"] for f in data["findings"] if f["severity"] == "error"}


def patch_calls(fake: FakeServer) -> int:
    return sum("workflow_patch" in str(r.json) for r in fake.requests)


async def session_detail(
    client: httpx.AsyncClient, headers: dict[str, str], session_id: str
) -> dict[str, Any]:
    response = await client.get(f"/api/v1/sessions/{session_id}", headers=headers)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


# --- the happy path, with its accounting -------------------------------------------------------


async def test_create_listen_chat_complete_with_usage(
    openai_live: LiveServer, client: httpx.AsyncClient, fake: FakeOpenAI, user: str
) -> None:
    headers = openai_live.headers(user)
    fake.script(
        decide(
            "generate",
            say="好的，我会每小时检查 Amazon 商品页面，有货时发邮件给你。",
            spec="每小时检查 Amazon 商品页面，有货时发邮件给 me@example.com",
            assumptions=["每小时运行一次"],
        ),
        json_body(stock(), usage=(900, 300)),
    )
    session_id = await create_session(client, headers)
    # the draft watches Amazon only, so the request names Amazon only: a request naming a
    # store the draft lacks would (rightly) send the draft back for repair
    request = "请帮我创建一个库存监控的workflow，每小时检查 Amazon 商品页面，有货时发邮件给 me@example.com"
    chat_events, progress = await listen_and_chat(client, headers, session_id, request)

    reply = text_of(chat_events)
    assert reply.startswith("好的，我会每小时检查") and "每小时运行一次" in reply
    assert progress[-1].data["data"].get("uncovered", []) == []
    assert chat_events[-1].data["is_complete"] is True
    assert kinds(progress)[:3] == ["waiting", "start", "draft"]
    assert kinds(progress)[-1] == "complete"
    complete = progress[-1].data["data"]
    assert [n["id"] for n in complete["workflow"]["nodes"]] == [
        "schedule",
        "check",
        "in_stock",
        "notify",
    ]
    assert complete["usage"]["llm_calls"] == 1
    assert complete["usage"]["prompt_tokens"] == 900
    assert complete["usage"]["completion_tokens"] == 300
    assert complete["usage"]["cost_usd"] == pytest.approx((900 * 0.15 + 300 * 0.6) / 1e6)
    assert len(fake.requests) == 2, "one chat call, one draft call"

    detail = await session_detail(client, headers, session_id)
    assistant = detail["messages"][1]
    assert assistant["meta"]["usage"]["llm_calls"] == 1
    assert assistant["meta"]["agent"] == "llm:openai:gpt-4o-mini"
    assert detail["generations"][0]["usage"]["llm_calls"] == 1
    assert detail["usage"] == {
        "llm_calls": 2,
        "prompt_tokens": 120 + 900,
        "completion_tokens": 30 + 300,
        "total_tokens": 1350,
        "cost_usd": pytest.approx(((120 + 900) * 0.15 + (30 + 300) * 0.6) / 1e6),
    }


async def test_anthropic_end_to_end(
    tmp_path_factory: pytest.TempPathFactory, fake_anthropic_server: FakeAnthropic, user: str
) -> None:
    fake = fake_anthropic_server
    fake.reset()
    settings = make_settings(tmp_path_factory.mktemp("anthropic"), **anthropic_settings(fake))
    live = LiveServer(settings).start()
    try:
        async with httpx.AsyncClient(base_url=live.url, timeout=30) as c:
            headers = live.headers(user)
            fake.script(
                decide("generate", say="Building your stock watch.", spec="hourly Amazon check"),
                json_body(missing_parameter()),
                json_body(
                    patch({"op": "update_node", "id": "notify", "parameters": {"to": "a@b.co"}})
                ),
            )
            session_id = await create_session(c, headers)
            _, progress = await listen_and_chat(c, headers, session_id, "watch amazon stock")
            assert kinds(progress)[-1] == "complete", progress[-1].data
            assert "missing_parameter" in error_codes(rounds(progress)[0])
            assert progress[-1].data["data"]["usage"]["llm_calls"] == 2
            assert len(fake.requests) == 3
            assert all(r.path == "/v1/messages" for r in fake.requests)
    finally:
        live.stop()


async def test_edit_session_patches_and_the_complete_event_has_the_diff(
    openai_live: LiveServer, client: httpx.AsyncClient, fake: FakeOpenAI, user: str
) -> None:
    headers = openai_live.headers(user)
    fake.script(decide("generate", say="Building.", spec="stock watch"), json_body(stock()))
    session_id = await create_session(client, headers)
    _, created = await listen_and_chat(client, headers, session_id, "watch amazon stock")
    workflow_id = created[-1].data["workflow_id"]
    before = {n["id"]: n for n in created[-1].data["data"]["workflow"]["nodes"]}

    fake.reset()
    fake.script(
        decide("generate", say="Adding a Slack message.", spec="Also post to Slack #alerts."),
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
        ),
    )
    edit_id = await create_session(client, headers, "edit", workflow_id)
    _, edited = await listen_and_chat(client, headers, edit_id, "also tell slack #alerts")
    assert kinds(edited)[-1] == "complete", edited[-1].data
    data = edited[-1].data["data"]
    assert data["version"] == 2
    assert data["diff"]["added_nodes"] == ["slack"]
    assert data["diff"]["changed_nodes"] == [] and data["diff"]["removed_nodes"] == []
    after = {n["id"]: n for n in data["workflow"]["nodes"]}
    for node_id, node in before.items():
        assert after[node_id]["parameters"] == node["parameters"]
        assert after[node_id]["name"] == node["name"]
    assert len(fake.requests) == 2
    assert "[notify] Email me (send_email)" in str(fake.requests[0].json)


# --- scripted model failures in the generation ------------------------------------------------


async def test_hallucinated_node_is_repaired_before_anything_is_stored(
    openai_live: LiveServer, client: httpx.AsyncClient, fake: FakeOpenAI, user: str
) -> None:
    headers = openai_live.headers(user)
    fix = patch(
        {
            "op": "update_node",
            "id": "notify",
            "subtype": "http_request",
            "parameters": {
                "url": "https://mastodon.example/api/v1/statuses",
                "method": "POST",
                "body": {"status": "{{ $json.title }} is back"},
            },
        }
    )
    fake.script(
        decide("generate", say="Building.", spec="toot when in stock"),
        json_body(hallucinated()),
        json_body(hallucinated()),
        json_body(hallucinated()),
        json_body(fix),
    )
    session_id = await create_session(client, headers)
    _, progress = await listen_and_chat(client, headers, session_id, "toot when it is in stock")
    assert kinds(progress)[-1] == "complete", progress[-1].data
    checks = rounds(progress)
    assert [r["round"] for r in checks] == [1, 2]
    assert "unknown_subtype" in error_codes(checks[0]) and checks[1]["errors"] == 0
    stored = progress[-1].data["data"]["workflow"]
    assert all(n["subtype"] != "mastodon_post" for n in stored["nodes"])
    # draft + fix-up (schema check) + unconstrained draft + one repair round
    assert progress[-1].data["data"]["usage"]["llm_calls"] == 4
    assert len(fake.requests) == 5


async def test_missing_parameter_is_repaired_in_one_round(
    openai_live: LiveServer, client: httpx.AsyncClient, fake: FakeOpenAI, user: str
) -> None:
    headers = openai_live.headers(user)
    fake.script(
        decide("generate", say="Building.", spec="stock watch"),
        json_body(missing_parameter()),
        json_body(
            patch({"op": "update_node", "id": "notify", "parameters": {"to": "me@example.com"}})
        ),
    )
    session_id = await create_session(client, headers)
    _, progress = await listen_and_chat(client, headers, session_id, "watch amazon stock")
    assert kinds(progress)[-1] == "complete"
    checks = rounds(progress)
    assert "missing_parameter" in error_codes(checks[0]) and checks[-1]["errors"] == 0
    assert len(checks) == 2
    assert progress[-1].data["data"]["usage"]["llm_calls"] == 2
    assert len(fake.requests) == 3


async def test_dangling_connection_ends_complete(
    openai_live: LiveServer, client: httpx.AsyncClient, fake: FakeOpenAI, user: str
) -> None:
    headers = openai_live.headers(user)
    fake.script(
        decide("generate", say="Building.", spec="stock watch"),
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
    session_id = await create_session(client, headers)
    _, progress = await listen_and_chat(client, headers, session_id, "watch amazon stock")
    assert kinds(progress)[-1] == "complete", progress[-1].data
    assert "dangling_connection" in error_codes(rounds(progress)[0])
    edges = {
        (c["from_node"], c["from_output"], c["to_node"])
        for c in progress[-1].data["data"]["workflow"]["connections"]
    }
    assert ("in_stock", "true", "notify") in edges
    # the model is asked only for what the deterministic repairs leave
    calls = 1 + patch_calls(fake)
    assert progress[-1].data["data"]["usage"]["llm_calls"] == calls
    assert len(fake.requests) == 1 + calls


async def test_invalid_json_is_fixed_up(
    openai_live: LiveServer, client: httpx.AsyncClient, fake: FakeOpenAI, user: str
) -> None:
    headers = openai_live.headers(user)
    fake.script(
        decide("generate", say="Building.", spec="stock watch"),
        raw_text('{"name": "Stock", "nodes": [{"id": "sched'),
        json_body(stock()),
    )
    session_id = await create_session(client, headers)
    _, progress = await listen_and_chat(client, headers, session_id, "watch amazon stock")
    assert kinds(progress)[-1] == "complete"
    assert progress[-1].data["data"]["usage"]["llm_calls"] == 2
    assert len(fake.requests) == 3


async def test_generation_with_the_model_down_ends_with_an_error_event(
    openai_live: LiveServer, client: httpx.AsyncClient, fake: FakeOpenAI, user: str
) -> None:
    headers = openai_live.headers(user)
    fake.script(decide("generate", say="Building.", spec="stock watch"))
    fake.default = http_error(500)
    session_id = await create_session(client, headers)
    _, progress = await listen_and_chat(client, headers, session_id, "watch amazon stock")
    last = progress[-1]
    assert last.type == "error"
    assert last.data["data"]["code"] == "llm_unavailable"
    assert "unavailable" in last.data["data"]["message"]
    assert len(fake.requests) == 1 + 3, "the chat call, then one draft call with two retries"
    detail = await session_detail(client, headers, session_id)
    generation = detail["generations"][0]
    assert generation["status"] == "error" and generation["error_code"] == "llm_unavailable"
    assert generation["usage"]["llm_calls"] == 3


# --- scripted model failures in the chat turn --------------------------------------------------


async def test_429_then_success_in_a_chat_turn(
    openai_live: LiveServer, client: httpx.AsyncClient, fake: FakeOpenAI, user: str
) -> None:
    headers = openai_live.headers(user)
    fake.script(http_error(429, retry_after=0.05), text("I build workflows from chat.", chunks=4))
    session_id = await create_session(client, headers)
    events = await chat(client, headers, session_id, "what can you do?")
    assert "error" not in kinds(events)
    assert text_of(events) == "I build workflows from chat."
    assert len(fake.requests) == 2
    detail = await session_detail(client, headers, session_id)
    assert detail["messages"][1]["meta"]["usage"]["llm_calls"] == 2
    assert detail["messages"][1]["meta"]["decision"] == "answer"


async def test_500_forever_ends_the_turn_with_an_error_event(
    openai_live: LiveServer, client: httpx.AsyncClient, fake: FakeOpenAI, user: str
) -> None:
    headers = openai_live.headers(user)
    fake.default = http_error(500)
    session_id = await create_session(client, headers)
    events = await chat(client, headers, session_id, "what can you do?")
    errors = [e for e in events if e.type == "error"]
    assert len(errors) == 1 and errors[0].data["error"]["code"] == "llm_unavailable"
    assert events[-1].data["is_complete"] is True and events[-1].data["delta"]
    assert len(fake.requests) == 3, "one call and two retries"
    detail = await session_detail(client, headers, session_id)
    assert detail["messages"][1]["status"] == "error"
    assert detail["usage"]["llm_calls"] == 3


async def test_a_stall_past_the_deadline_ends_on_time(
    make_server: Any, fake: FakeOpenAI, user: str
) -> None:
    live = make_server(
        **openai_settings(fake, FLOWSMITH_TURN_DEADLINE_S=1.5, FLOWSMITH_GENERATION_DEADLINE_S=1.5)
    )
    headers = live.headers(user)
    async with httpx.AsyncClient(base_url=live.url, timeout=30) as c:
        # the stall (30 s) and the LLM timeout (60 s) are far past the 1.5 s deadlines:
        # ignoring a deadline would take 30 s or more, so "< 10" fails then
        fake.script(stall(30))
        session_id = await create_session(c, headers)
        started = time.monotonic()
        events = await chat(c, headers, session_id, "what can you do?")
        elapsed = time.monotonic() - started
        errors = [e for e in events if e.type == "error"]
        assert errors and errors[0].data["error"]["code"] == "llm_timeout"
        assert events[-1].data["is_complete"] is True
        assert elapsed < 10, elapsed
        assert len(fake.requests) == 1

        fake.reset()
        fake.script(decide("generate", say="Building.", spec="stock watch"), stall(30))
        session_id = await create_session(c, headers)
        started = time.monotonic()
        _, progress = await listen_and_chat(c, headers, session_id, "watch amazon stock")
        assert progress[-1].type == "error"
        assert progress[-1].data["data"]["code"] == "llm_timeout"
        assert time.monotonic() - started < 10
        assert len(fake.requests) == 2


# --- the daily token budget --------------------------------------------------------------------


async def test_the_daily_token_budget_stops_the_next_chat(
    make_server: Any, fake: FakeOpenAI, user: str
) -> None:
    live = make_server(**openai_settings(fake, FLOWSMITH_DAILY_TOKEN_BUDGET=100))
    headers = live.headers(user)
    async with httpx.AsyncClient(base_url=live.url, timeout=30) as c:
        fake.script(text("Hello! Describe an automation.", usage=(90, 30)))
        session_id = await create_session(c, headers)
        events = await chat(c, headers, session_id, "hi there, what can you do?")
        assert "error" not in kinds(events)
        for _ in range(50):  # the turn's usage is stored as it ends
            detail = await session_detail(c, headers, session_id)
            if detail["usage"]["total_tokens"]:
                break
            await asyncio.sleep(0.05)
        assert detail["usage"]["total_tokens"] == 120

        response = await c.get(
            "/api/v1/chat/stream",
            params={"session_id": session_id, "user_message": "and now?"},
            headers=headers,
        )
        assert response.status_code == 429
        error = response.json()["error"]
        assert error["code"] == "budget_exceeded" and "budget" in error["message"]
        assert len(fake.requests) == 1, "no model call once the budget is spent"

        other = live.headers(user + "-other")
        fake.script(text("Hi!"))
        other_session = await create_session(c, other)
        assert "error" not in kinds(await chat(c, other, other_session, "hello there"))
