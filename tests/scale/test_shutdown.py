"""SIGTERM: streams end at once (clients reconnect elsewhere), work in flight finishes
within the grace period, the process exits."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import httpx

from flowsmith.auth.dev import mint_dev_token
from flowsmith.config import Settings
from tests.helpers import create_session, read_events
from tests.scale.test_replicas import Replica


async def test_sigterm_drains_streams_and_finishes_work(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FLOWSMITH_", "SUPABASE_"))}
    env = {
        **base,
        "FLOWSMITH_DATA_DIR": str(tmp_path),
        "FLOWSMITH_KEEPALIVE_S": "1",
        "FLOWSMITH_OFFLINE_STREAM_DELAY_MS": "40",
        "FLOWSMITH_SHUTDOWN_GRACE_S": "20",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    server = Replica(env)
    try:
        server.wait_ready()
        settings = Settings(_env_file=None, FLOWSMITH_DATA_DIR=tmp_path)  # type: ignore[call-arg]
        headers = {"Authorization": f"Bearer {mint_dev_token(settings, 'shutdown-user')}"}
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
            session_id = await create_session(client, headers)
            listener = asyncio.create_task(
                read_events(
                    client,
                    "GET",
                    "/api/v1/workflow_generation",
                    params={"session_id": session_id},
                    headers=headers,
                    timeout=30,
                    tolerate_cut=True,
                )
            )
            chat = asyncio.create_task(
                read_events(
                    client,
                    "GET",
                    "/api/v1/chat/stream",
                    headers=headers,
                    timeout=30,
                    tolerate_cut=True,
                    params={
                        "session_id": session_id,
                        "user_message": "watch BestBuy and Amazon stock every hour and email me",
                    },
                )
            )
            await asyncio.sleep(0.5)
            server.proc.send_signal(signal.SIGTERM)
            began = time.monotonic()
            _, progress = await listener
            _, streamed = await chat
            assert time.monotonic() - began < 5, "open streams end promptly on shutdown"
            assert progress and progress[0].type == "waiting"
            assert streamed and not streamed[-1].data.get("is_complete"), "cut mid-turn"
            # uvicorn re-raises the signal after its graceful shutdown, hence -SIGTERM
            assert server.proc.wait(30) in (0, -signal.SIGTERM)
        # the turn kept running during the grace period and was stored whole
        import sqlite3

        with sqlite3.connect(tmp_path / "flowsmith.db") as db:
            rows = db.execute("select role, status from messages order by seq").fetchall()
            generations = db.execute("select status from generations").fetchall()
        assert rows == [("user", "complete"), ("assistant", "complete")]
        assert generations == [("complete",)]
    finally:
        server.stop()
