"""Turns and generations on a real database (SQLite, or PostgreSQL in the second pass): the
leases stay renewed through a shutdown's grace, and every end is written once.

Two managers on one database stand in for two replicas: ``here`` runs the work and is shut
down, ``there`` reaps (as the surviving replica's lease keeper does).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flowsmith.agent.offline_agent import OfflineAgent
from flowsmith.chat.turns import FAILURE_TEXT, SERVER_SHUTDOWN, TurnManager
from flowsmith.db.engine import create_engine, create_sessionmaker, session_scope
from flowsmith.db.migrate import upgrade_async
from flowsmith.db.tables import GenerationEventRow, GenerationRow, MessageRow, SessionRow, new_id
from flowsmith.events.memory import MemoryBus
from flowsmith.generation.runner import GenerationRunner
from flowsmith.planner import offline
from flowsmith.runtime.channels import generation_channel, turn_channel
from flowsmith.runtime.warmup import warmed
from tests.conftest import make_settings

REQUEST = "watch BestBuy and Amazon stock every hour and email me"
LEASE_S = 0.6


@dataclass
class Replica:
    runner: GenerationRunner
    turns: TurnManager


@pytest.fixture
async def maker(tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    settings = make_settings(tmp_path)
    await upgrade_async(settings)
    engine = create_engine(settings)
    try:
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()


def replica(
    maker: async_sessionmaker[AsyncSession],
    bus: MemoryBus,
    *,
    delay_s: float = 0.0,
    draft_delay_s: float = 0.0,
) -> Replica:
    agent = OfflineAgent(delay_s=delay_s, draft_delay_s=draft_delay_s)
    runner = GenerationRunner(maker, bus, agent, repair_rounds=1, lease_s=LEASE_S, deadline_s=60)
    turns = TurnManager(
        maker, bus, agent, runner, deadline_s=60, owner=runner.owner, lease_s=LEASE_S,
        checkpoint_s=0.2,
    )  # fmt: skip
    return Replica(runner, turns)


async def new_session(maker: async_sessionmaker[AsyncSession], user_id: str = "u") -> str:
    session_id = new_id()
    async with session_scope(maker) as db:
        db.add(
            SessionRow(
                id=session_id,
                user_id=user_id,
                action="create",
                message_count=0,
                generation_count=0,
            )
        )
    return session_id


async def reap_forever(there: Replica, reaped: list[int]) -> None:
    while True:
        reaped.append(await there.runner.reap_lost() + await there.turns.reap_lost())
        await asyncio.sleep(0.05)


async def queued_generation(maker: async_sessionmaker[AsyncSession], here: Replica) -> str:
    decision = offline.decide(REQUEST, [], None)
    assert decision.request is not None
    session_id = await new_session(maker)
    async with session_scope(maker) as db:
        session = await db.get(SessionRow, session_id)
        assert session is not None
        request = {**decision.request, "message": REQUEST, "request_text": REQUEST}
        row = await here.runner.enqueue(db, session, "u", request)
        generation_id = row.id
    await here.runner.start(generation_id, session_id)
    return generation_id


async def events_of(maker: async_sessionmaker[AsyncSession], generation_id: str) -> list[str]:
    async with session_scope(maker) as db:
        rows = await db.scalars(
            select(GenerationEventRow)
            .where(GenerationEventRow.generation_id == generation_id)
            .order_by(GenerationEventRow.seq)
        )
        return [f"{row.seq}:{row.type}" for row in rows]


async def until_running(maker: async_sessionmaker[AsyncSession], generation_id: str) -> None:
    for _ in range(400):
        async with session_scope(maker) as db:
            row = await db.get(GenerationRow, generation_id)
            if row is not None and row.status == "running":
                return
        await asyncio.sleep(0.025)
    raise AssertionError("the generation did not start")


async def test_a_generation_finishing_within_the_grace_is_not_reaped(
    maker: async_sessionmaker[AsyncSession],
) -> None:
    await warmed()
    bus = MemoryBus()
    here = replica(maker, bus, draft_delay_s=LEASE_S * 2.5)  # runs past its lease
    there = replica(maker, bus)
    here.runner.start_housekeeping()
    generation_id = await queued_generation(maker, here)
    await until_running(maker, generation_id)
    reaped: list[int] = []
    reaper = asyncio.create_task(reap_forever(there, reaped))
    try:
        await here.runner.aclose(grace_s=10)  # SIGTERM: the grace is longer than the lease
    finally:
        reaper.cancel()
    assert sum(reaped) == 0
    async with session_scope(maker) as db:
        row = await db.get(GenerationRow, generation_id)
        assert row is not None and (row.status, row.error_code) == ("complete", None)
    assert (await events_of(maker, generation_id))[-1].endswith(":complete")


async def test_a_generation_ended_elsewhere_stops_quietly(
    maker: async_sessionmaker[AsyncSession], caplog: pytest.LogCaptureFixture
) -> None:
    """Its lease lapsed (no renewals: a stalled replica) and another replica ended it: the
    job's next event must not collide with that end (``uq_generation_events``), and nothing
    of its result is stored."""
    await warmed()
    bus = MemoryBus()
    here = replica(maker, bus, draft_delay_s=LEASE_S * 2)  # never renews: no housekeeping
    there = replica(maker, bus)
    generation_id = await queued_generation(maker, here)
    await until_running(maker, generation_id)
    await asyncio.sleep(LEASE_S + 0.1)
    with caplog.at_level(logging.WARNING):
        assert await there.runner.reap_lost() == 1
        await asyncio.wait_for(asyncio.gather(*here.runner._tasks), 10)
    assert await events_of(maker, generation_id) == ["1:start", "2:error"]
    async with session_scope(maker) as db:
        row = await db.get(GenerationRow, generation_id)
        assert row is not None and (row.status, row.error_code) == ("error", "worker_lost")
        assert row.version is None
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    channel: list[Any] = [p async for _, p in bus.subscribe(generation_channel(generation_id))]
    assert [p["type"] for p in channel] == ["start", "error"]


async def turn_row(maker: async_sessionmaker[AsyncSession], turn_id: str) -> MessageRow:
    async with session_scope(maker) as db:
        row = await db.get(MessageRow, turn_id)
        assert row is not None
        return row


async def test_a_turn_finishing_within_the_grace_is_not_reaped(
    maker: async_sessionmaker[AsyncSession],
) -> None:
    await warmed()
    bus = MemoryBus()
    here = replica(maker, bus, delay_s=0.03)  # ~2.5 s of reply: four leases
    there = replica(maker, bus)
    await here.turns.start_background()
    session_id = await new_session(maker)
    turn_id = await here.turns.start(session_id, "u", REQUEST)
    assert turn_id is not None
    await asyncio.sleep(0.2)
    reaped: list[int] = []
    reaper = asyncio.create_task(reap_forever(there, reaped))
    try:
        await here.turns.aclose(grace_s=20)
    finally:
        reaper.cancel()
        await here.runner.aclose(0)
    assert sum(reaped) == 0
    row = await turn_row(maker, turn_id)
    events = [p async for _, p in bus.subscribe(turn_channel(turn_id))]
    assert row.status == "complete", (row.status, row.meta)
    assert row.content == "".join(p["delta"] for p in events if p["type"] == "message")
    assert row.last_event_seq == len(events)
    assert not [p for p in events if p["type"] == "error"]


async def test_a_turn_cut_by_the_grace_ends_with_server_shutdown_and_keeps_its_reply(
    maker: async_sessionmaker[AsyncSession],
) -> None:
    await warmed()
    bus = MemoryBus()
    here = replica(maker, bus, delay_s=0.05)
    await here.turns.start_background()
    session_id = await new_session(maker)
    turn_id = await here.turns.start(session_id, "u", REQUEST)
    assert turn_id is not None
    await asyncio.sleep(0.6)
    partial = await turn_row(maker, turn_id)
    assert partial.status == "streaming" and partial.content, "stored as it streams"
    await here.turns.aclose(grace_s=0.3)
    await here.runner.aclose(0)
    row = await turn_row(maker, turn_id)
    events = [p async for _, p in bus.subscribe(turn_channel(turn_id))]
    assert row.status == "error" and row.meta["error"]["code"] == SERVER_SHUTDOWN
    assert events[-2]["error"]["code"] == SERVER_SHUTDOWN
    assert events[-1]["is_complete"] and "interrupted" not in events[-1]
    text = "".join(p["delta"] for p in events if p["type"] == "message")
    assert row.content == text and text.endswith(FAILURE_TEXT[SERVER_SHUTDOWN])
    assert row.content.startswith(partial.content)
    assert row.last_event_seq == len(events)


async def test_a_turn_ended_elsewhere_is_not_overwritten(
    maker: async_sessionmaker[AsyncSession],
) -> None:
    """Its lease lapsed (a stalled replica) and another replica ended it: the turn's own
    end must not overwrite that one, nor be sent after it."""
    await warmed()
    bus = MemoryBus()
    here = replica(maker, bus, delay_s=0.03)  # never renews: no background
    there = replica(maker, bus)
    session_id = await new_session(maker)
    turn_id = await here.turns.start(session_id, "u", REQUEST)
    assert turn_id is not None
    await asyncio.sleep(LEASE_S + 0.1)
    assert await there.turns.reap_lost() == 1
    ended = await turn_row(maker, turn_id)
    for task in [r.task for r in here.turns._running.values()]:
        await asyncio.wait_for(asyncio.gather(task, return_exceptions=True), 10)
    await here.runner.aclose(0)
    row = await turn_row(maker, turn_id)
    assert (row.status, row.content, row.last_event_seq) == (
        "error",
        ended.content,
        ended.last_event_seq,
    )
    assert row.meta["error"]["code"] == "worker_lost"
    events = [p async for _, p in bus.subscribe(turn_channel(turn_id))]
    ends = [p for p in events if p["type"] == "message" and p["is_complete"]]
    assert len(ends) == 1 and ends[0]["delta"].endswith(FAILURE_TEXT["worker_lost"])
