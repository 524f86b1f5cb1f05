"""Suite 4d, the LLM provider erroring or stalling (a fake OpenAI server on 127.0.0.1).

``tests/api/test_llm_e2e.py`` (the LLM agent's own suite) checks the events and codes of
each failure; this suite checks what the issue asks on top: afterwards nothing is left
half-done (no turn still streaming, no generation running, each message once), the API key
appears in no event, body or log line, a stalled model holds up nobody else, and the
failures are counted in /metrics.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.agent.test_llm_agent import decide
from tests.conftest import LiveServer
from tests.faults.test_postgres_down import assert_settled, wait_settled
from tests.helpers import chat_done, create_session, generation_done, read_events
from tests.llm.fakes import FakeOpenAI, RecordedRequest, http_error, stall, text
from tests.security.support import captured_json_logs, json_lines, start_server

API_KEY = "sk-faultKEYmarker-0123456789abcdefghij"


@pytest.fixture(scope="module")
def fake_llm() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def llm_server(
    tmp_path_factory: pytest.TempPathFactory, fake_llm: FakeOpenAI
) -> Iterator[LiveServer]:
    live = start_server(
        tmp_path_factory.mktemp("llm"),
        FLOWSMITH_LLM_PROVIDER="openai",
        FLOWSMITH_LLM_MODEL="x",
        FLOWSMITH_LLM_BASE_URL=fake_llm.base_url,
        FLOWSMITH_LLM_API_KEY=API_KEY,
        FLOWSMITH_LLM_MAX_RETRIES=1,
        FLOWSMITH_LLM_BACKOFF_BASE_S=0.01,
        FLOWSMITH_LLM_BACKOFF_MAX_S=0.02,
        FLOWSMITH_LLM_TIMEOUT_S=1.0,
        # stalls end at the 1 s LLM timeout (two attempts); the deadlines are a backstop with
        # room for a loaded machine (at 3 s, a fast 500-and-retry turn once hit the deadline)
        FLOWSMITH_TURN_DEADLINE_S=6,
        FLOWSMITH_GENERATION_DEADLINE_S=6,
    )
    yield live
    live.stop()


@pytest.fixture
def fake(fake_llm: FakeOpenAI) -> FakeOpenAI:
    fake_llm.reset()
    return fake_llm


async def run_turn(
    client: httpx.AsyncClient, headers: dict[str, str], message: str
) -> tuple[str, list[Any], list[Any]]:
    session_id = await create_session(client, headers)
    listener = asyncio.create_task(
        read_events(
            client,
            "GET",
            "/api/v1/workflow_generation",
            headers=headers,
            params={"session_id": session_id},
            until=generation_done,
            timeout=15,
        )
    )
    await asyncio.sleep(0.2)
    _, chat = await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        headers=headers,
        until=chat_done,
        timeout=15,
        params={"session_id": session_id, "user_message": message},
    )
    progress: list[Any] = []
    if any(e.data.get("status") == "generating" for e in chat):
        _, progress = await listener
    else:
        listener.cancel()
    return session_id, chat, progress


@pytest.mark.parametrize(
    "failure",
    [
        "500 in the chat",
        "stall in the chat",
        "401 in the chat",
        "500 in the draft",
        "stall in the draft",
    ],
)
async def test_model_failures_leave_nothing_half_done(
    llm_server: LiveServer, fake: FakeOpenAI, user: str, failure: str
) -> None:
    if failure == "500 in the chat":
        fake.default = http_error(500)
    elif failure == "stall in the chat":
        fake.script(stall(10))
    elif failure == "401 in the chat":
        fake.default = http_error(401, message="Incorrect API key provided: sk-faul****")
    elif failure == "500 in the draft":
        fake.script(decide("generate", say="Building.", spec="stock watch"))
        fake.default = http_error(500)
    else:
        fake.script(decide("generate", say="Building.", spec="stock watch"), stall(10))
    headers = llm_server.headers(user)
    with captured_json_logs(logging.DEBUG) as logs:
        async with httpx.AsyncClient(base_url=llm_server.url, timeout=30) as client:
            began = time.monotonic()
            session_id, chat, progress = await run_turn(
                client, headers, "watch amazon stock hourly"
            )
            elapsed = time.monotonic() - began
            detail = await wait_settled(client, session_id, headers, within=10)
            bodies = [(await client.get(f"/api/v1/sessions/{session_id}", headers=headers)).text]
    assert elapsed < 10, "bounded by the LLM timeout and deadlines, never hangs"
    assert chat and chat_done(chat[-1])
    if "chat" in failure:
        assert chat[-1].data["delta"], "the last message says what went wrong"
        errors = [e for e in chat if e.type == "error"]
        assert len(errors) == 1 and errors[0].data["error"]["code"].startswith("llm_"), errors
        assert [m["status"] for m in detail["messages"]] == ["complete", "error"]
        assert detail["generations"] == []
    else:
        assert progress and progress[-1].type == "error", [e.type for e in progress]
        assert progress[-1].data["data"]["code"].startswith("llm_")
        assert [g["status"] for g in detail["generations"]] == ["error"]
    assert_settled(detail)
    everything = str([e.data for e in chat + progress]) + "".join(bodies)
    everything += logs.getvalue()
    assert API_KEY not in everything and API_KEY[10:30] not in everything
    lines = json_lines(logs)
    assert lines and all("request_id" in line for line in lines)


async def test_a_stalled_model_holds_up_nobody_else(
    llm_server: LiveServer, fake: FakeOpenAI, user: str
) -> None:
    # No absolute latencies (CI machines are noisy): each check must be answered while the
    # newest stalled model call is still open at the fake (the server cuts it only at its 1 s
    # LLM timeout) and no stalled turn has ended. A server whose loop waited on the model
    # could answer only once that call had ended, so the check would fail.
    fake.default = stall(10)
    headers = llm_server.headers(user)
    other = llm_server.headers(user + "-other")

    def open_calls() -> list[RecordedRequest]:
        return [r for r in fake.requests if not r.completed and not r.disconnected.is_set()]

    async with httpx.AsyncClient(base_url=llm_server.url, timeout=30) as client:
        stalled = [
            asyncio.create_task(run_turn(client, headers, "what can you do?")) for _ in range(5)
        ]
        waited = time.monotonic() + 15
        while len(fake.requests) < 5:  # every turn is waiting on the model
            assert time.monotonic() < waited and not any(t.done() for t in stalled)
            await asyncio.sleep(0.01)
        for _ in range(3):
            pending = open_calls()
            assert pending, "the stalled model calls are open"
            newest = max(pending, key=lambda r: r.received_at)
            assert (await client.get("/api/v1/workflows", headers=other)).status_code == 200
            assert (await client.get("/healthz")).status_code == 200
            assert newest in open_calls(), "answered only once a model call had ended"
            assert not any(t.done() for t in stalled), "answered only once a turn had ended"
        await asyncio.gather(*stalled)


def _metric(text_: str, name: str) -> float:
    return sum(
        float(m.group(1))
        for m in re.finditer(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text_, re.MULTILINE)
    )


async def test_llm_calls_and_failures_are_counted(
    llm_server: LiveServer, fake: FakeOpenAI, user: str
) -> None:
    async with httpx.AsyncClient(base_url=llm_server.url, timeout=30) as client:
        before = (await client.get("/metrics")).text
        fake.script(text("Hello there.", usage=(10, 5)))
        await run_turn(client, llm_server.headers(user), "hello")
        after = (await client.get("/metrics")).text
    assert _metric(after, "flowsmith_llm_calls_total") > _metric(
        before, "flowsmith_llm_calls_total"
    )
    assert _metric(after, "flowsmith_llm_call_seconds_count") > _metric(
        before, "flowsmith_llm_call_seconds_count"
    )
    assert (
        _metric(after, "flowsmith_llm_tokens_total")
        >= _metric(before, "flowsmith_llm_tokens_total") + 15
    )


async def test_failed_llm_calls_are_counted_by_outcome(
    llm_server: LiveServer, fake: FakeOpenAI, user: str
) -> None:
    failed = 'flowsmith_llm_calls_total{outcome="llm_auth",provider="openai"}'
    async with httpx.AsyncClient(base_url=llm_server.url, timeout=30) as client:
        before = (await client.get("/metrics")).text
        fake.default = http_error(401, message="Incorrect API key provided")
        await run_turn(client, llm_server.headers(user), "hello")
        after = (await client.get("/metrics")).text
    assert _count(after, failed) == _count(before, failed) + 1


def _count(text_: str, series: str) -> float:
    for line in text_.splitlines():
        if line.startswith(series + " "):
            return float(line.split()[-1])
    return 0.0
