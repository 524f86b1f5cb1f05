"""Suite 4a, the database unavailable mid-turn: the real PostgreSQL is stopped and started
while a chat turn streams and its generation runs.

Runs in the PostgreSQL pass only (``FLOWSMITH_TEST_DATABASE_URL``), with its own server on
an explicit PostgreSQL + in-process bus; PostgreSQL is running again (``pg_isready``)
before each test returns, whatever happened.

- a restart (seconds) is waited out: new connections retry for ``DB_RECONNECT_WINDOW_S``
  (db/engine.py), so the turn finishes, the generation completes, nothing is lost or
  stored twice, and the client only sees a pause;
- an outage longer than that gives requests a clear 503 ``database_unavailable`` and the
  streams a clear ending, and once the database is back nothing is left half-written or
  in a running state.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from flowsmith.db import engine as db_engine
from tests.conftest import TEST_DATABASE_URL, LiveServer
from tests.faults.support import follow, pg_ready, pg_start, pg_stop, pg_version, positions
from tests.helpers import chat_done, create_session, generation_done
from tests.security.support import assert_error, start_server

pytestmark = pytest.mark.skipif(
    not TEST_DATABASE_URL or pg_version() is None,
    reason="needs the PostgreSQL pass (FLOWSMITH_TEST_DATABASE_URL) and pg_ctlcluster",
)
REQUEST = "watch Amazon stock every hour and email me"


@pytest.fixture
def pg_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Servers on the real PostgreSQL (own schema) and the in-process bus."""
    assert pg_ready()
    started: list[LiveServer] = []

    def start(**overrides: Any) -> LiveServer:
        settings: dict[str, Any] = {
            "DATABASE_URL": TEST_DATABASE_URL,
            "FLOWSMITH_DB_SCHEMA": f"fs_pgdown_{uuid.uuid4().hex[:8]}",
            "REDIS_URL": None,
            "FLOWSMITH_OFFLINE_STREAM_DELAY_MS": 120,
            "FLOWSMITH_LEASE_S": 3,
            **overrides,
        }
        live = start_server(tmp_path_factory.mktemp("pgdown"), **settings)
        started.append(live)
        return live

    try:
        yield start
    finally:
        pg_start()  # never leave the machine without its database
        for live in started:
            live.stop()


@pytest.fixture
def pg_server(pg_servers: Any) -> LiveServer:
    return pg_servers()  # type: ignore[no-any-return]


def assert_settled(detail: dict[str, Any]) -> None:
    """Nothing half-written: no turn still streaming, no generation queued or running, each
    message once, and a version exactly for each complete generation."""
    messages, generations = detail["messages"], detail["generations"]
    assert [m["role"] for m in messages] == ["user", "assistant"] * (len(messages) // 2)
    assert all(m["status"] != "streaming" for m in messages), messages
    assert len({m["seq"] for m in messages}) == len(messages)
    assert all(g["status"] in ("complete", "error") for g in generations), generations
    for g in generations:
        assert (g["version"] is not None) == (g["status"] == "complete"), g


async def wait_settled(
    client: httpx.AsyncClient, session_id: str, headers: dict[str, str], within: float
) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        response = await client.get(f"/api/v1/sessions/{session_id}", headers=headers)
        if response.status_code == 200:
            detail = response.json()
            busy = any(m["status"] == "streaming" for m in detail["messages"]) or any(
                g["status"] in ("queued", "running") for g in detail["generations"]
            )
            if not busy or time.monotonic() > deadline:
                return dict(detail)
        elif time.monotonic() > deadline:
            raise AssertionError(response.text)
        await asyncio.sleep(0.3)


async def test_restart_mid_turn_is_waited_out(pg_server: LiveServer, user: str) -> None:
    headers = pg_server.headers(user)
    params = {"session_id": "", "user_message": REQUEST}
    async with httpx.AsyncClient(base_url=pg_server.url, timeout=60) as client:
        params["session_id"] = session_id = await create_session(client, headers)
        reader = asyncio.create_task(
            follow(
                client, "GET", "/api/v1/chat/stream", done=chat_done, headers=headers, params=params
            )
        )
        await asyncio.sleep(0.6)  # the turn is streaming
        began = time.monotonic()
        await asyncio.to_thread(pg_stop)
        during = asyncio.create_task(client.get(f"/api/v1/sessions/{session_id}", headers=headers))
        await asyncio.sleep(1.5)
        await asyncio.to_thread(pg_start)
        outage = time.monotonic() - began
        chat, endings = await reader
        waited = await during
        progress, _ = await follow(
            client,
            "GET",
            "/api/v1/workflow_generation",
            done=generation_done,
            headers=headers,
            params={"session_id": session_id},
        )
        detail = await wait_settled(client, session_id, headers, within=15)
    assert outage > 1.5
    # a request that arrived during the restart waited for the database
    assert waited.status_code == 200, waited.text
    # the turn went on: complete, every event once and in order, no error
    assert chat_done(chat[-1]) and not any(e.type == "error" for e in chat), endings
    assert positions(chat) == list(range(1, len(chat) + 1))
    assert progress[-1].type == "complete", progress[-1].data
    assert_settled(detail)
    assert [m["status"] for m in detail["messages"]] == ["complete", "complete"]
    assert detail["generations"][0]["version"] == 1


async def test_outage_longer_than_the_window(
    pg_server: LiveServer, user: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_engine, "DB_RECONNECT_WINDOW_S", 1.0)
    headers = pg_server.headers(user)
    async with httpx.AsyncClient(base_url=pg_server.url, timeout=60) as client:
        session_id = await create_session(client, headers)
        params = {"session_id": session_id, "user_message": REQUEST}
        reader = asyncio.create_task(
            follow(
                client,
                "GET",
                "/api/v1/chat/stream",
                done=chat_done,
                headers=headers,
                params=params,
                timeout=40,
            )
        )
        await asyncio.sleep(0.6)
        await asyncio.to_thread(pg_stop)
        try:
            await asyncio.sleep(2.5)
            # requests: a clear 503 with Retry-After, never a 500 or a hang
            for response in (
                await client.get(f"/api/v1/sessions/{session_id}", headers=headers),
                await client.post("/api/v1/session", json={"action": "create"}, headers=headers),
                await client.get("/api/v1/workflows", headers=headers),
            ):
                assert_error(response, 503, "database_unavailable")
                assert response.headers["retry-after"]
            ready = await client.get("/readyz")
            assert ready.status_code == 503
            await asyncio.sleep(3)
        finally:
            await asyncio.to_thread(pg_start)
        chat, endings = await reader
        detail = await wait_settled(client, session_id, headers, within=20)
    # the client got an ending it can show: the turn finished, or ended with an error
    # event and a last message that says so
    assert chat and chat_done(chat[-1]), endings
    assert positions(chat) == sorted(set(positions(chat)))
    assert_settled(detail)


async def test_turn_ending_during_an_outage(
    pg_servers: Any, user: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The turn's last write falls in the outage: the client gets a clear ending, and the
    turn does not stay 'streaming' once the database is back."""
    monkeypatch.setattr(db_engine, "DB_RECONNECT_WINDOW_S", 1.0)
    pg_server = pg_servers(FLOWSMITH_OFFLINE_STREAM_DELAY_MS=30)
    headers = pg_server.headers(user)
    async with httpx.AsyncClient(base_url=pg_server.url, timeout=60) as client:
        session_id = await create_session(client, headers)
        params = {"session_id": session_id, "user_message": REQUEST}
        reader = asyncio.create_task(
            follow(
                client,
                "GET",
                "/api/v1/chat/stream",
                done=chat_done,
                headers=headers,
                params=params,
                timeout=10,
            )
        )
        await asyncio.sleep(0.3)
        await asyncio.to_thread(pg_stop)
        try:
            await asyncio.sleep(4)
        finally:
            await asyncio.to_thread(pg_start)
        chat, endings = await reader
        detail = await wait_settled(client, session_id, headers, within=5)
    assert chat and chat_done(chat[-1]), endings
    assert_settled(detail)


async def test_generation_during_an_outage(
    pg_servers: Any, user: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The generation's draft is recorded during the outage: it ends with ``error`` (or
    completes after it), never stays running."""
    monkeypatch.setattr(db_engine, "DB_RECONNECT_WINDOW_S", 1.0)
    live = pg_servers(FLOWSMITH_OFFLINE_DRAFT_DELAY_MS=2500, FLOWSMITH_OFFLINE_STREAM_DELAY_MS=0)
    headers = live.headers(user)
    async with httpx.AsyncClient(base_url=live.url, timeout=60) as client:
        session_id = await create_session(client, headers)
        listener = asyncio.create_task(
            follow(
                client,
                "GET",
                "/api/v1/workflow_generation",
                done=generation_done,
                headers=headers,
                params={"session_id": session_id},
                timeout=12,
            )
        )
        await asyncio.sleep(0.3)
        await follow(
            client,
            "GET",
            "/api/v1/chat/stream",
            done=chat_done,
            headers=headers,
            params={"session_id": session_id, "user_message": REQUEST},
        )
        await asyncio.sleep(0.5)  # the generation has started; its draft is pending
        await asyncio.to_thread(pg_stop)
        try:
            await asyncio.sleep(4)
        finally:
            await asyncio.to_thread(pg_start)
        progress, endings = await listener
        detail = await wait_settled(client, session_id, headers, within=5)
    assert progress and generation_done(progress[-1]), endings
    assert_settled(detail)
