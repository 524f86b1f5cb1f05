"""How a turn ends when its server stops under it, and what of its reply is kept.

Regression: a turn cut by a shutdown ended as ``interrupted: true`` with no code, exactly
like one the user's next message stopped; and after ``kill -9`` the reply already streamed
was lost (only the reply's text lived in memory until the turn ended).

Decided behaviour: a turn the grace period cuts ends with ``error``/``server_shutdown``
(stored with its reply so far); the reply is stored as it streams, at most a second
behind, so a turn whose replica dies keeps what it had said, before the ``worker_lost``
notice the reaper appends.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx

from flowsmith.auth.dev import mint_dev_token
from flowsmith.chat.turns import FAILURE_TEXT
from flowsmith.config import Settings
from tests.helpers import Event, chat_done, create_session, read_events, text_of
from tests.scale.test_replicas import LEASE_S, Replica, start_pair  # noqa: F401

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


async def test_a_killed_replicas_turn_keeps_the_reply_it_streamed(start_pair: Any) -> None:  # noqa: F811
    a, b, settings = start_pair(FLOWSMITH_OFFLINE_STREAM_DELAY_MS="250")
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
        # the error event is numbered after what reached the shared log; events the killed
        # replica streamed but had not yet written behind may share its number, and a client
        # past them then gets only the final message (the notice is in it either way)
        errors = [e for e in rest if e.type == "error"]
        assert all(e.data["error"]["code"] == "worker_lost" for e in errors)
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
