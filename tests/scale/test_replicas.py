"""Two real ``flowsmith serve`` processes sharing the real PostgreSQL and Redis.

Session on A, listener on B, chat to A; A is killed mid-generation; B's listener gets a
terminal event within the lease time, and a reconnect to B with ``Last-Event-ID`` resumes
with no duplicate and no gap.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from flowsmith.auth.dev import mint_dev_token
from flowsmith.config import Settings
from tests.conftest import free_port
from tests.helpers import chat_done, create_session, generation_done, read_events

PG = os.environ.get("FLOWSMITH_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("FLOWSMITH_TEST_REDIS_URL_REPLICAS", "redis://127.0.0.1:6379/2")
LEASE_S = 3.0
FLOWSMITH = str(Path(sys.executable).parent / "flowsmith")


class Replica:
    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [FLOWSMITH, "serve", "--port", str(self.port)],
            env={**env, "FLOWSMITH_PORT": str(self.port)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read().decode() if self.proc.stderr else "")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("replica did not become ready")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def start_pair(tmp_path: Path) -> Iterator[object]:
    started: list[Replica] = []
    schema = f"fs_rep_{uuid.uuid4().hex[:8]}"

    def start(**overrides: str) -> tuple[Replica, Replica, Settings]:
        base = {
            k: v for k, v in os.environ.items() if not k.startswith(("FLOWSMITH_", "SUPABASE_"))
        }
        env = {
            **base,
            "DATABASE_URL": PG,
            "REDIS_URL": REDIS,
            "FLOWSMITH_DB_SCHEMA": schema,
            "FLOWSMITH_DATA_DIR": str(tmp_path),  # shared only for the dev-auth secret
            "FLOWSMITH_LEASE_S": str(LEASE_S),
            "FLOWSMITH_KEEPALIVE_S": "1",
            "FLOWSMITH_OFFLINE_STREAM_DELAY_MS": "1",
            **overrides,
        }
        a, b = Replica(env), Replica(env)
        started.extend((a, b))
        a.wait_ready()
        b.wait_ready()
        return a, b, Settings(_env_file=None, FLOWSMITH_DATA_DIR=tmp_path)  # type: ignore[call-arg]

    yield start
    for replica in started:
        replica.stop()
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "test",
            "-qc",
            f"DROP SCHEMA IF EXISTS {schema} CASCADE",
        ],
        check=False,
        capture_output=True,
    )


@pytest.fixture
def replicas(start_pair):  # type: ignore[no-untyped-def]
    return start_pair(FLOWSMITH_OFFLINE_DRAFT_DELAY_MS="30000")


async def test_replica_dies_mid_generation(replicas) -> None:  # type: ignore[no-untyped-def]
    a, b, settings = replicas
    headers = {"Authorization": f"Bearer {mint_dev_token(settings, 'replica-user')}"}
    async with (
        httpx.AsyncClient(base_url=a.url, timeout=30) as on_a,
        httpx.AsyncClient(base_url=b.url, timeout=30) as on_b,
    ):
        session_id = await create_session(on_a, headers)
        seen: list = []  # type: ignore[type-arg]
        started = asyncio.Event()

        def until(event):  # type: ignore[no-untyped-def]
            seen.append(event)
            if event.type == "start":
                started.set()
            return generation_done(event)

        listener = asyncio.create_task(
            read_events(
                on_b,
                "GET",
                "/api/v1/workflow_generation",
                params={"session_id": session_id},
                headers=headers,
                until=until,
                timeout=60,
            )
        )
        await asyncio.sleep(0.3)
        status, _ = await read_events(
            on_a,
            "GET",
            "/api/v1/chat/stream",
            headers=headers,
            until=chat_done,
            params={
                "session_id": session_id,
                "user_message": "watch Amazon stock every hour and email me",
            },
        )
        assert status == 200
        await asyncio.wait_for(started.wait(), 10)
        a.kill()
        killed_at = time.monotonic()
        status, _events = await listener
        waited = time.monotonic() - killed_at
        assert status == 200
        assert [e.type for e in seen] == ["waiting", "start", "error"]
        assert seen[-1].data["data"]["code"] == "worker_lost"
        # noticed within the lease (plus one housekeeping interval and slack)
        assert waited < LEASE_S + LEASE_S / 3 + 3, waited

        start = seen[1]
        status, resumed = await read_events(
            on_b,
            "GET",
            "/api/v1/workflow_generation",
            params={"session_id": session_id},
            headers={**headers, "Last-Event-ID": start.id},
            until=generation_done,
        )
        assert status == 200 and [e.id for e in resumed] == [seen[-1].id]
        gone = await on_b.get(
            "/api/v1/workflow_generation",
            params={"session_id": session_id},
            headers={**headers, "Last-Event-ID": seen[-1].id},
        )
        assert gone.status_code == 204
        detail = (await on_b.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
        assert detail["generations"][0]["status"] == "error"
        assert detail["generations"][0]["error_code"] == "worker_lost"


async def test_replica_dies_mid_turn_and_resume_elsewhere_ends_it(start_pair) -> None:  # type: ignore[no-untyped-def]
    a, b, settings = start_pair(FLOWSMITH_OFFLINE_STREAM_DELAY_MS="300")
    headers = {"Authorization": f"Bearer {mint_dev_token(settings, 'turn-user')}"}
    async with (
        httpx.AsyncClient(base_url=a.url, timeout=30) as on_a,
        httpx.AsyncClient(base_url=b.url, timeout=30) as on_b,
    ):
        session_id = await create_session(on_a, headers)
        params = {
            "session_id": session_id,
            "user_message": "watch Amazon stock every hour and email me",
        }
        _, first = await read_events(
            on_a, "GET", "/api/v1/chat/stream", params=params, headers=headers, limit=3
        )
        a.kill()
        killed_at = time.monotonic()
        status, rest = await read_events(
            on_b,
            "GET",
            "/api/v1/chat/stream",
            params=params,
            headers={**headers, "Last-Event-ID": first[-1].id},
            until=chat_done,
            timeout=30,
        )
        assert status == 200
        assert time.monotonic() - killed_at < LEASE_S + LEASE_S / 3 + 3
        assert rest[-2].type == "error" and rest[-2].data["error"]["code"] == "worker_lost"
        assert chat_done(rest[-1]) and rest[-1].data["delta"], "the last delta says what happened"
        # the turn's own events are numbered 1, 2, 3 …; the ending the reaper gives it goes
        # past every number the dead replica could have given (issue 16), so it may jump
        positions = [int(e.id.rsplit(".", 1)[1]) for e in first + rest]
        own = positions[:-2]
        assert own == list(range(1, len(own) + 1))
        assert own[-1] < positions[-2] < positions[-1]
        detail = (await on_b.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
        assert detail["messages"][1]["status"] == "error"


async def test_new_message_on_another_replica_interrupts_the_turn(start_pair) -> None:  # type: ignore[no-untyped-def]
    a, b, settings = start_pair(FLOWSMITH_OFFLINE_STREAM_DELAY_MS="200")
    headers = {"Authorization": f"Bearer {mint_dev_token(settings, 'interrupt-user')}"}
    async with (
        httpx.AsyncClient(base_url=a.url, timeout=30) as on_a,
        httpx.AsyncClient(base_url=b.url, timeout=30) as on_b,
    ):
        session_id = await create_session(on_a, headers)
        await read_events(
            on_a,
            "GET",
            "/api/v1/chat/stream",
            headers=headers,
            limit=3,
            params={"session_id": session_id, "user_message": "watch Amazon stock and email me"},
        )
        began = time.monotonic()
        status, _ = await read_events(
            on_b,
            "GET",
            "/api/v1/chat/stream",
            headers=headers,
            limit=2,
            params={"session_id": session_id, "user_message": "hello"},
        )
        assert status == 200 and time.monotonic() - began < 3, "interrupted promptly"
        detail = (await on_b.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
        assert [m["status"] for m in detail["messages"]][:3] == [
            "complete",
            "interrupted",
            "complete",
        ]
