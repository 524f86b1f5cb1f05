"""SIGTERM to replicas whose shutdown grace (10 s) is longer than their lease (6 s), with a
third replica alive beside them on the same PostgreSQL and Redis.

Regression: the stopping replica cancelled its lease renewals at SIGTERM and only then
waited out the grace, so 4-8 s later the live replica's reaper declared its work lost:
it sent ``error``/``worker_lost`` for a turn that then finished anyway (and overwrote the
row as ``interrupted``: stored text, streamed text and the Redis counter disagreed, and a
reconnect with the last delivered id got 200 with an empty body instead of 204), and for a
generation that fitted the grace, whose next event insert then failed on
``uq_generation_events_generation_id``, losing the finished work.

Decided behaviour: leases stay renewed while work finishes in the grace period; nothing
that finishes within it is reaped; what the grace cuts is ended by its own replica
(``worker_shutdown``); stored, streamed and counted agree; a resume past any stream's end
is 204.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import redis.asyncio as aioredis

from flowsmith.auth.dev import mint_dev_token
from flowsmith.config import Settings
from tests.helpers import Event, chat_done, create_session, generation_done, read_events
from tests.scale.test_replicas import PG, REDIS, Replica

LEASE_S = 6
GRACE_S = 10
REQUEST = "watch BestBuy and Amazon stock every hour and email me"


def positions(events: list[Event]) -> list[int]:
    return [int(e.id.rsplit(".", 1)[1]) for e in events]


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Any]:
    started: list[Replica] = []
    schema = f"fs_term_{uuid.uuid4().hex[:8]}"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FLOWSMITH_", "SUPABASE_"))}
    common = {
        **base,
        "DATABASE_URL": PG,
        "REDIS_URL": REDIS,
        "FLOWSMITH_DB_SCHEMA": schema,
        "FLOWSMITH_DATA_DIR": str(tmp_path),  # shared only for the dev-auth secret
        "FLOWSMITH_LEASE_S": str(LEASE_S),
        "FLOWSMITH_SHUTDOWN_GRACE_S": str(GRACE_S),
        "FLOWSMITH_KEEPALIVE_S": "1",
    }

    def start(**envs: dict[str, str]) -> dict[str, Replica]:
        replicas = {name: Replica({**common, **env}) for name, env in envs.items()}
        started.extend(replicas.values())
        for replica in replicas.values():
            # three interpreters importing at once on a busy 2-core machine: a minute each
            replica.wait_ready(timeout=180)
        return replicas

    yield start, schema, Settings(_env_file=None, FLOWSMITH_DATA_DIR=tmp_path)  # type: ignore[call-arg]
    for replica in started:
        replica.stop()
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc",
         f"DROP SCHEMA IF EXISTS {schema} CASCADE"],
        check=False,
        capture_output=True,
    )  # fmt: skip


async def resume_to_end(
    client: httpx.AsyncClient,
    url: str,
    events: list[Event],
    done: Any,
    headers: dict[str, str],
    params: dict[str, str],
    deadline_s: float = 40,
) -> list[Event]:
    """Reconnect with ``Last-Event-ID`` (as EventSource does) until the end is read."""
    deadline = time.monotonic() + deadline_s
    while not (events and done(events[-1])):
        assert time.monotonic() < deadline, [e.data for e in events]
        extra = {"Last-Event-ID": events[-1].id} if events else {}
        status, got = await read_events(
            client,
            "GET",
            url,
            params=params,
            headers={**headers, **extra},
            until=done,
            tolerate_cut=True,
            timeout=max(1.0, deadline - time.monotonic()),
        )
        assert status == 200, (status, [e.data for e in events])
        events = events + got
    return events


async def test_sigterm_with_grace_longer_than_the_lease_reaps_nothing(cluster: Any) -> None:
    start, schema, settings = cluster
    # Each piece of work ends ~8.7 s after its replica's SIGTERM: past the moment the old
    # code's survivor reaped it for sure (the lease lapses 4-6 s after SIGTERM, the
    # survivor looks every 2 s), within the 10 s grace.
    replicas = start(
        # a turn of ~8.9 s (81 pieces, 110 ms apart); the generation it queues then does not
        # fit what is left of the grace
        turn_side={"FLOWSMITH_OFFLINE_STREAM_DELAY_MS": "110", "FLOWSMITH_OFFLINE_DRAFT_DELAY_MS": "8700"},
        # a generation whose draft takes 8.7 s
        gen_side={"FLOWSMITH_OFFLINE_STREAM_DELAY_MS": "1", "FLOWSMITH_OFFLINE_DRAFT_DELAY_MS": "8700"},
        survivor={"FLOWSMITH_OFFLINE_STREAM_DELAY_MS": "1"},
    )  # fmt: skip
    turn_side, gen_side, survivor = (replicas[k] for k in ("turn_side", "gen_side", "survivor"))
    headers = {"Authorization": f"Bearer {mint_dev_token(settings, 'sigterm-user')}"}
    chat_url, gen_url = "/api/v1/chat/stream", "/api/v1/workflow_generation"
    async with (
        httpx.AsyncClient(base_url=turn_side.url, timeout=30) as on_turn_side,
        httpx.AsyncClient(base_url=gen_side.url, timeout=30) as on_gen_side,
        httpx.AsyncClient(base_url=survivor.url, timeout=30) as on_survivor,
    ):
        # each replica builds its node catalog once, in a thread, before its first turn
        # plans: a first turn each, so the measured ones start at once
        async def warm(replica: Replica) -> None:
            async with httpx.AsyncClient(base_url=replica.url, timeout=180) as client:
                session_id = await create_session(client, headers)
                params = {"session_id": session_id, "user_message": "hello"}
                status, _ = await read_events(
                    client,
                    "GET",
                    chat_url,
                    params=params,
                    headers=headers,
                    until=chat_done,
                    timeout=180,
                )
            assert status == 200

        await asyncio.gather(warm(turn_side), warm(gen_side), warm(survivor))

        # a generation running on gen_side, followed live from the survivor
        gen_session = await create_session(on_gen_side, headers)
        started = asyncio.Event()
        gen_events: list[Event] = []

        def until(event: Event) -> bool:
            gen_events.append(event)
            if event.type == "start":
                started.set()
            return generation_done(event)

        follower = asyncio.create_task(
            read_events(
                on_survivor,
                "GET",
                gen_url,
                params={"session_id": gen_session},
                headers=headers,
                until=until,
                timeout=60,
            )
        )
        await asyncio.sleep(0.3)
        status, _ = await read_events(
            on_gen_side,
            "GET",
            chat_url,
            headers=headers,
            until=chat_done,
            params={"session_id": gen_session, "user_message": REQUEST},
            timeout=60,
        )
        assert status == 200
        await asyncio.wait_for(started.wait(), 20)
        gen_side.proc.send_signal(signal.SIGTERM)  # as its generation starts drafting

        # a turn streaming on turn_side, stopped ~0.35 s in
        turn_session = await create_session(on_turn_side, headers)
        chat_params = {"session_id": turn_session, "user_message": REQUEST}

        def three_pieces(event: Event, seen: list[Event] = []) -> bool:  # noqa: B006
            seen.append(event)
            return sum(e.type == "message" for e in seen) >= 3

        _, streamed = await read_events(
            on_turn_side,
            "GET",
            chat_url,
            params=chat_params,
            headers=headers,
            until=three_pieces,
            timeout=60,
        )
        turn_side.proc.send_signal(signal.SIGTERM)

        # the browser reconnects to the survivor (as after the cut of a SIGTERM)
        assert streamed and not chat_done(streamed[-1])
        resume_params = {"session_id": turn_session}
        streamed = await resume_to_end(
            on_survivor, chat_url, streamed, chat_done, headers, resume_params
        )
        status, _ = await follower
        assert status == 200

        # every check is made and the failures reported together (the whole picture)
        problems: list[str] = []

        def check(ok: bool, problem: str) -> None:
            if not ok:
                problems.append(problem)

        errors = [e.data["error"]["code"] for e in streamed if e.type == "error"]
        check(errors == [], f"the turn (~8 s, within the grace) got errors {errors}")
        check(
            positions(streamed) == list(range(1, len(streamed) + 1)),
            f"chat positions {positions(streamed)}",
        )
        check(
            gen_events[-1].type == "complete",
            f"the generation within the grace ended {gen_events[-1].data}",
        )

        # both stopping replicas exit within the grace (uvicorn re-raises the signal)
        for replica in (turn_side, gen_side):
            code = await asyncio.to_thread(replica.proc.wait, GRACE_S + 20)
            check(code in (0, -signal.SIGTERM), f"exit status {code}")
            stderr = replica.proc.stderr.read().decode() if replica.proc.stderr else ""
            check("Traceback" not in stderr, f"a traceback: {stderr[-3000:]}")

        detail = (await on_survivor.get(f"/api/v1/sessions/{turn_session}", headers=headers)).json()
        reply = detail["messages"][1]
        check(reply["status"] == "complete", f"the turn was stored as {reply['status']}")
        text = "".join(e.data["delta"] for e in streamed if e.type == "message")
        check(reply["content"] == text, "stored and streamed text differ")
        # what the turn side queued after its turn did not fit the grace: it ended it itself
        codes = [g["error_code"] for g in detail["generations"]]
        check(codes == ["worker_shutdown"], f"the cut generation ended with {codes}")
        gen_detail = (
            await on_survivor.get(f"/api/v1/sessions/{gen_session}", headers=headers)
        ).json()
        stored = [(g["status"], g["version"]) for g in gen_detail["generations"]]
        check(stored == [("complete", 1)], f"the generation was stored as {stored}")

        # the turn's stored end, its last streamed event and the Redis counter agree
        turn_id = streamed[-1].id.split(".")[1]
        conn = await asyncpg.connect(PG.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            last_seq = await conn.fetchval(
                f"SELECT last_event_seq FROM {schema}.messages WHERE id = $1", turn_id
            )
            lost = await conn.fetchval(
                f"SELECT count(*) FROM {schema}.generations WHERE error_code = 'worker_lost'"
            )
        finally:
            await conn.close()
        redis = aioredis.from_url(REDIS)
        try:
            counted = int(await redis.get(f"fs:turn:{turn_id}:n") or 0)
        finally:
            await redis.aclose()
        check(
            last_seq == positions(streamed)[-1] == counted,
            f"last event: stored {last_seq}, streamed {positions(streamed)[-1]}, "
            f"Redis counter {counted}",
        )
        check(lost == 0, f"{lost} generation(s) reaped")

        # a resume past each stream's end is 204, every time
        async def past_the_end(last: Event, session_id: str, url: str) -> list[int]:
            return [
                (
                    await on_survivor.get(
                        url,
                        params={"session_id": session_id},
                        headers={**headers, "Last-Event-ID": last.id},
                    )
                ).status_code
                for _ in range(3)
            ]

        got = await past_the_end(streamed[-1], turn_session, chat_url)
        check(got == [204] * 3, f"chat resume past the end: {got}")
        got = await past_the_end(gen_events[-1], gen_session, gen_url)
        check(got == [204] * 3, f"generation resume past the end: {got}")
        _, cut_generation = await read_events(
            on_survivor,
            "GET",
            gen_url,
            params={"session_id": turn_session},
            headers=headers,
            until=generation_done,
        )
        if cut_generation:
            got = await past_the_end(cut_generation[-1], turn_session, gen_url)
            check(got == [204] * 3, f"cut generation's resume past the end: {got}")
        assert not problems, "\n".join(problems)
