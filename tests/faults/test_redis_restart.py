"""Suite 4b, Redis restarted during a stream (``redis-cli shutdown nosave``, then a fresh
``redis-server`` without persistence: every stream, counter and rate-limit key is gone).

Decided behaviour (events/redis.py): a restart of up to 15 s is waited out. Publishers
retry, followers reconnect and continue after the last entry they saw, and positions go on
from where each publisher left them, so the streams pause and resume with every event
once, in order, and ``Last-Event-ID`` values from before the restart stay valid. Requests
that need Redis while it is down get 503 ``event_bus_unavailable``. A finished turn whose
live events were lost ends a resuming client with ``stream_expired`` instead of leaving it
waiting forever.

The restart tests run in the Redis pass only (``FLOWSMITH_TEST_REDIS_URL``), on their own
server (SQLite + Redis); Redis answers PING again before each test returns.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_REDIS_URL, LiveServer
from tests.faults.support import follow, positions, redis_ping, redis_start, redis_stop
from tests.faults.test_postgres_down import assert_settled, wait_settled
from tests.helpers import chat_done, create_session, generation_done, read_events
from tests.security.support import assert_error, on_server_loop, start_server

REQUEST = "watch Amazon stock every hour and email me"
needs_redis = pytest.mark.skipif(
    not TEST_REDIS_URL or os.environ.get("FS_TEST_NO_RESTARTS") == "1",
    reason="needs the Redis pass (FLOWSMITH_TEST_REDIS_URL) and a local redis-server",
)


@pytest.fixture
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    assert redis_ping()
    live = start_server(
        tmp_path_factory.mktemp("redis"),
        DATABASE_URL=None,
        REDIS_URL=TEST_REDIS_URL,
        FLOWSMITH_OFFLINE_STREAM_DELAY_MS=100,
        FLOWSMITH_LEASE_S=5,
    )
    try:
        yield live
    finally:
        redis_start()  # never leave the machine without its Redis
        live.stop()


@needs_redis
async def test_restart_mid_stream_pauses_and_resumes(redis_server: LiveServer, user: str) -> None:
    headers = redis_server.headers(user)
    async with httpx.AsyncClient(base_url=redis_server.url, timeout=60) as client:
        session_id = await create_session(client, headers)
        listener = asyncio.create_task(
            follow(
                client,
                "GET",
                "/api/v1/workflow_generation",
                done=generation_done,
                headers=headers,
                params={"session_id": session_id},
                timeout=60,
            )
        )
        await asyncio.sleep(0.3)
        chat_task = asyncio.create_task(
            follow(
                client,
                "GET",
                "/api/v1/chat/stream",
                done=chat_done,
                headers=headers,
                params={"session_id": session_id, "user_message": REQUEST},
                timeout=60,
            )
        )
        await asyncio.sleep(1.0)
        await asyncio.to_thread(redis_stop)
        try:
            during = await client.post(
                "/api/v1/session", json={"action": "create"}, headers=headers
            )
            await asyncio.sleep(1.0)
        finally:
            await asyncio.to_thread(redis_start)
        chat, chat_endings = await chat_task
        progress, progress_endings = await listener
        detail = await wait_settled(client, session_id, headers, within=20)
    # while Redis was down: a clear 503 (the rate limits live there), never a 500
    if during.status_code != 200:
        assert_error(during, 503, "event_bus_unavailable")
    # the streams paused and went on: every event once, in order, no error
    assert chat_done(chat[-1]), chat_endings
    assert not [e for e in chat if e.type == "error"]
    assert positions(chat) == list(range(1, len(chat) + 1)), positions(chat)
    assert progress[-1].type == "complete", (progress_endings, progress[-1].data)
    generation_positions = positions([e for e in progress if e.id.startswith("g.")])
    assert generation_positions == list(range(1, len(generation_positions) + 1))
    assert_settled(detail)
    assert [m["status"] for m in detail["messages"]] == ["complete", "complete"]


@needs_redis
async def test_ids_from_before_a_restart_stay_valid(redis_server: LiveServer, user: str) -> None:
    """A client cut off before the restart resumes after it, from its old id, while the
    turn still runs: it gets the rest, nothing twice, nothing skipped."""
    headers = redis_server.headers(user)
    async with httpx.AsyncClient(base_url=redis_server.url, timeout=60) as client:
        session_id = await create_session(client, headers)
        params = {"session_id": session_id, "user_message": REQUEST}
        _, first = await read_events(
            client, "GET", "/api/v1/chat/stream", headers=headers, params=params, limit=5
        )
        await asyncio.to_thread(redis_stop)
        try:
            await asyncio.sleep(0.8)
        finally:
            await asyncio.to_thread(redis_start)
        status, rest = await read_events(
            client,
            "GET",
            "/api/v1/chat/stream",
            params=params,
            until=chat_done,
            headers={**headers, "Last-Event-ID": first[-1].id},
            timeout=60,
        )
    assert status == 200 and chat_done(rest[-1])
    assert positions(first + rest) == list(range(1, len(first) + len(rest) + 1))


async def test_resuming_a_finished_turn_whose_events_are_gone(
    server: LiveServer, user: str
) -> None:
    """Any bus: the live events of a finished turn expired (retention) or were lost (a
    Redis restart); a client resuming from the middle gets a clear ending, then 204."""
    headers = server.headers(user)
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        session_id = await create_session(client, headers)
        params = {"session_id": session_id, "user_message": "hello"}
        _, events = await read_events(
            client, "GET", "/api/v1/chat/stream", headers=headers, params=params, until=chat_done
        )
        turn_id = events[0].id.split(".")[1]
        await asyncio.sleep(0.2)

        async def forget() -> None:
            bus: Any = server.app.state.bus
            if hasattr(bus, "_channels"):
                bus._channels.pop(f"turn:{turn_id}")
            else:
                await bus._redis.delete(*bus._keys(f"turn:{turn_id}"))

        on_server_loop(server, forget())
        began = time.monotonic()
        status, tail = await read_events(
            client,
            "GET",
            "/api/v1/chat/stream",
            params=params,
            until=chat_done,
            headers={**headers, "Last-Event-ID": events[1].id},
            timeout=10,
        )
        assert time.monotonic() - began < 5, "ends at once, not after a timeout"
        assert status == 200 and [e.type for e in tail] == ["error", "message"]
        assert tail[0].data["error"]["code"] == "stream_expired"
        assert chat_done(tail[-1]) and "no longer available" in tail[-1].data["delta"]
        assert tail[-1].id == events[-1].id, "ends on the turn's own last id"
        again = await client.get(
            "/api/v1/chat/stream", params=params, headers={**headers, "Last-Event-ID": tail[-1].id}
        )
        assert again.status_code == 204
