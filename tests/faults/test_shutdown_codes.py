"""How a turn ends when its server stops under it, and what of its reply is kept.

Regression: a turn cut by a shutdown ended as ``interrupted: true`` with no code, exactly
like one the user's next message stopped; and after ``kill -9`` the reply already streamed
was lost (only the reply's text lived in memory until the turn ended).

Decided behaviour: a turn the grace period cuts ends with ``error``/``server_shutdown``
(stored with its reply so far); the reply is stored as it streams, at most a second
behind, so a turn whose replica dies keeps what it had said, before the ``worker_lost``
notice the reaper appends.

Regression (issue 16): the reaper numbered its ``error``/``worker_lost`` event from the
shared log's tail, which a killed replica's write-behind can leave short of what that
replica's own listeners saw; a client resuming from its last event then got nothing, not
the error nor the end. Decided: the reaper numbers past every position the dead replica
could have given (a bound it stores with the reply so far), so every resume gets both.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from flowsmith.auth.dev import mint_dev_token
from flowsmith.chat.turns import FAILURE_TEXT
from flowsmith.config import Settings
from tests.conftest import free_port
from tests.helpers import Event, chat_done, create_session, read_events, text_of
from tests.scale.test_replicas import LEASE_S, PG, REDIS, Replica

REQUEST = "watch BestBuy and Amazon stock every hour and email me"


def message_events(events: list[Event]) -> list[Event]:
    return [e for e in events if e.type == "message"]


async def test_a_turn_cut_by_shutdown_ends_with_its_own_code_and_keeps_its_reply(
    tmp_path: Path,
) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FLOWSMITH_", "SUPABASE_"))}
    env = {
        **base,
        "FLOWSMITH_DATA_DIR": str(tmp_path),
        "FLOWSMITH_KEEPALIVE_S": "1",
        "FLOWSMITH_OFFLINE_STREAM_DELAY_MS": "200",  # ~16 s of reply
        "FLOWSMITH_SHUTDOWN_GRACE_S": "1",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    server = Replica(env)
    try:
        server.wait_ready()
        settings = Settings(_env_file=None, FLOWSMITH_DATA_DIR=tmp_path)  # type: ignore[call-arg]
        headers = {"Authorization": f"Bearer {mint_dev_token(settings, 'cut-user')}"}
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
            session_id = await create_session(client, headers)
            seen: list[Event] = []

            def enough(event: Event) -> bool:
                seen.append(event)
                return len(message_events(seen)) >= 4

            status, _ = await read_events(
                client,
                "GET",
                "/api/v1/chat/stream",
                headers=headers,
                until=enough,
                timeout=120,  # the first turn waits for the catalog to be built
                params={"session_id": session_id, "user_message": REQUEST},
            )
            assert status == 200
        server.proc.send_signal(signal.SIGTERM)
        assert server.proc.wait(30) in (0, -signal.SIGTERM)
        with sqlite3.connect(tmp_path / "flowsmith.db") as db:
            row = db.execute(
                "select status, meta, content from messages where role = 'assistant'"
            ).fetchone()
        status_, meta, content = row[0], json.loads(row[1]), row[2]
        assert status_ == "error", row
        assert meta["error"]["code"] == "server_shutdown", meta
        assert content.endswith("\n\n" + FAILURE_TEXT["server_shutdown"]), content
        partial = content[: -len("\n\n" + FAILURE_TEXT["server_shutdown"])]
        assert partial.startswith(text_of(seen)), "the reply streamed before the cut is kept"
    finally:
        server.stop()


class RedisGate:
    """A TCP relay between one replica and Redis that can stop passing on what the replica
    sends: its events then reach its own listeners and not Redis, as when its write-behind
    is behind at the moment it is killed. Runs in a thread of its own (the replicas start
    while the test's loop is blocked waiting for them)."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 6379
        self.port = free_port()
        self.url = urlunsplit(parts._replace(netloc=f"127.0.0.1:{self.port}"))
        self._loop = asyncio.new_event_loop()
        self._open: asyncio.Event | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._serve())

    async def _serve(self) -> None:
        self._open = asyncio.Event()
        self._open.set()
        self._stopped = asyncio.Event()
        self._relays: set[asyncio.Task[None]] = set()
        server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self._ready.set()
        async with server:
            await self._stopped.wait()
        for relay in self._relays:
            relay.cancel()
        await asyncio.gather(*self._relays, return_exceptions=True)

    async def _relay(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        me = asyncio.current_task()
        assert me is not None
        self._relays.add(me)
        me.add_done_callback(self._relays.discard)
        try:
            await self._connect(client_r, client_w)
        except asyncio.CancelledError:
            client_w.close()  # the gate is closing, and what it held is dropped

    async def _connect(
        self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter
    ) -> None:
        try:
            server_r, server_w = await asyncio.open_connection(self._host, self._port)
        except OSError:
            client_w.close()
            return

        async def pipe(
            source: asyncio.StreamReader, sink: asyncio.StreamWriter, gated: bool
        ) -> None:
            try:
                with contextlib.suppress(OSError):
                    while data := await source.read(65536):
                        if gated:
                            assert self._open is not None
                            await self._open.wait()
                        sink.write(data)
                        await sink.drain()
            finally:
                sink.close()

        await asyncio.gather(pipe(client_r, server_w, True), pipe(server_r, client_w, False))

    def hold(self) -> None:
        """From now on, nothing the replica sends reaches Redis."""
        assert self._open is not None
        self._loop.call_soon_threadsafe(self._open.clear)

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._stopped.set)
        self._thread.join(10)


@pytest.fixture
def gated_pair(tmp_path: Path) -> Iterator[tuple[Replica, Replica, RedisGate, Settings]]:
    """Two replicas on PostgreSQL and Redis, as ``tests.scale.test_replicas``'s pair, the
    first of them reaching Redis through a ``RedisGate``."""
    schema = f"fs_kill_{uuid.uuid4().hex[:8]}"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FLOWSMITH_", "SUPABASE_"))}
    env = {
        **base,
        "DATABASE_URL": PG,
        "REDIS_URL": REDIS,
        "FLOWSMITH_DB_SCHEMA": schema,
        "FLOWSMITH_DATA_DIR": str(tmp_path),  # shared only for the dev-auth secret
        "FLOWSMITH_LEASE_S": str(LEASE_S),
        "FLOWSMITH_KEEPALIVE_S": "1",
        "FLOWSMITH_OFFLINE_STREAM_DELAY_MS": "250",
    }
    gate = RedisGate(REDIS)
    started: list[Replica] = []
    try:
        a = Replica({**env, "REDIS_URL": gate.url})
        started.append(a)
        a.wait_ready()
        b = Replica(env)
        started.append(b)
        b.wait_ready()
        settings = Settings(_env_file=None, FLOWSMITH_DATA_DIR=tmp_path)  # type: ignore[call-arg]
        yield a, b, gate, settings
    finally:
        for replica in started:
            replica.stop()
        gate.close()
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc",
             f"DROP SCHEMA IF EXISTS {schema} CASCADE"],
            check=False, capture_output=True,
        )  # fmt: skip


async def test_a_killed_replicas_turn_keeps_the_reply_it_streamed(
    gated_pair: tuple[Replica, Replica, RedisGate, Settings],
) -> None:
    a, b, gate, settings = gated_pair
    headers = {"Authorization": f"Bearer {mint_dev_token(settings, 'kill9-user')}"}
    async with (
        httpx.AsyncClient(base_url=a.url, timeout=30) as on_a,
        httpx.AsyncClient(base_url=b.url, timeout=30) as on_b,
    ):
        # a first turn builds A's node catalog, so the measured one streams at once
        warm_id = await create_session(on_a, headers)
        await read_events(
            on_a, "GET", "/api/v1/chat/stream", headers=headers, until=chat_done, timeout=120,
            params={"session_id": warm_id, "user_message": "hello"}, tolerate_cut=True,
        )  # fmt: skip
        session_id = await create_session(on_a, headers)
        params = {"session_id": session_id, "user_message": REQUEST}
        seen: list[Event] = []

        def enough(event: Event) -> bool:
            seen.append(event)
            if len(message_events(seen)) == 3:
                # the rest of what this client sees does not reach Redis before the kill
                gate.hold()
            return len(message_events(seen)) >= 10  # ~2.5 s of reply

        await read_events(
            on_a, "GET", "/api/v1/chat/stream", params=params, headers=headers, until=enough,
            timeout=120,
        )  # fmt: skip
        a.kill()
        killed_at = time.monotonic()
        status, rest = await read_events(
            on_b,
            "GET",
            "/api/v1/chat/stream",
            params=params,
            headers={**headers, "Last-Event-ID": seen[-1].id},
            until=chat_done,
            timeout=30,
        )
        assert status == 200 and rest and chat_done(rest[-1])
        assert time.monotonic() - killed_at < LEASE_S + LEASE_S / 3 + 3
        # the error, then the end, numbered past what the client saw from the killed replica
        # (Redis had only the first few of those events)
        assert [e.type for e in rest] == ["error", "message"], rest
        assert rest[0].data["error"]["code"] == "worker_lost"
        notice = "\n\n" + FAILURE_TEXT["worker_lost"]
        assert rest[-1].data["delta"] == notice
        detail = (await on_b.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
        reply = detail["messages"][1]
        assert reply["status"] == "error" and reply["meta"]["error"]["code"] == "worker_lost"
        assert reply["content"].endswith(notice), reply["content"]
        partial = reply["content"][: -len(notice)]
        streamed = text_of(seen)
        # stored at most a checkpoint (1 s, ~4 pieces) behind what was streamed
        assert partial and streamed.startswith(partial), (partial, streamed)
        assert len(partial.split()) >= len(streamed.split()) - 8, (partial, streamed)
        # and a resume past the end is 204
        gone = await on_b.get(
            "/api/v1/chat/stream",
            params={"session_id": session_id},
            headers={**headers, "Last-Event-ID": rest[-1].id},
        )
        assert gone.status_code == 204
