"""How the reaper numbers the end of work whose replica died: past every event a client
could have seen, whichever of the shared log and the database is ahead.

Regression (issue 16, left open): the reaper numbered a lost turn's ``error``/``worker_lost``
from the shared log's tail. A turn's events reach its own replica's listeners at once and
the shared log (Redis) behind them (write-behind), so after a ``kill -9`` the tail can be
short of what a client saw: the reaper's events took positions that client had already
passed, and its resume with ``Last-Event-ID`` never got the error, nor (with a backlog of
two or more) the end. A generation's events were numbered twice, by the database and by
the bus, and the reaper's error took the database's next number: behind the bus (a client
past it got 204 instead of the error), or ahead of it (the error streamed under a smaller
id than the one stored, and a resume from it got an empty 200 instead of 204).

Decided behaviour: a turn's replica stores, with its reply so far, a bound on the
positions it may give its events; the reaper numbers its events past both that bound and
the shared log's tail. A generation's events are published at their stored number, and the
reaper's error past both the stored number and the log's tail; the bus and the database
then agree on where it ended.

Two buses stand in for what two replicas see: ``local``, the dead replica's own log (what
its listeners got), and ``shared``, the log the others read.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import aclosing
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flowsmith.agent.interface import AgentEvent, TextDelta
from flowsmith.agent.offline_agent import OfflineAgent
from flowsmith.chat.turns import FAILURE_TEXT, TurnManager
from flowsmith.core.models import Workflow
from flowsmith.db.engine import session_scope
from flowsmith.db.tables import GenerationRow, MessageRow, SessionRow
from flowsmith.events.bus import EventBus
from flowsmith.events.memory import MemoryBus
from flowsmith.generation.listen import EndAlreadyDelivered, FollowGeneration, resolve_start
from flowsmith.generation.runner import GenerationRunner
from flowsmith.runtime.channels import generation_channel, turn_channel
from flowsmith.runtime.warmup import warmed
from flowsmith.streams import EventId
from tests.runtime.test_guarded_work import (  # noqa: F401
    LEASE_S,
    events_of,
    maker,
    new_session,
    queued_generation,
    replica,
    turn_row,
    until_running,
)

PIECES = 12


class StallingAgent(OfflineAgent):
    """Streams ``pieces`` words of its reply, then hangs: a replica that stopped mid-turn."""

    def __init__(self, pieces: int) -> None:
        super().__init__()
        self._pieces = pieces

    async def respond(
        self, message: str, history: list[tuple[str, str]], current: Workflow | None
    ) -> AsyncIterator[AgentEvent]:
        for n in range(self._pieces):
            yield TextDelta(f"word{n} ")
        await asyncio.Event().wait()


def stalled_turns(maker: async_sessionmaker[AsyncSession], bus: EventBus) -> TurnManager:  # noqa: F811
    """A replica whose turn stops mid-reply and whose leases are never renewed (its
    background is not started): what the others see of a replica killed mid-turn."""
    agent = StallingAgent(PIECES)
    runner = GenerationRunner(maker, bus, agent, repair_rounds=1, lease_s=LEASE_S, deadline_s=60)
    return TurnManager(
        maker, bus, agent, runner, deadline_s=60, owner=runner.owner, lease_s=LEASE_S,
        checkpoint_s=0.1,
    )  # fmt: skip


async def first_events(bus: EventBus, channel: str, count: int) -> list[tuple[int, Any]]:
    items: list[tuple[int, Any]] = []
    async with aclosing(bus.subscribe(channel, 0)) as events:
        async for item in events:
            items.append(item)
            if len(items) == count:
                break
    return items


async def drained(bus: EventBus, channel: str, after: int) -> list[tuple[int, Any]]:
    """What a client resuming after ``after`` gets (the channel is closed: no waiting)."""
    return await asyncio.wait_for(_collect(bus, channel, after), 5)


async def _collect(bus: EventBus, channel: str, after: int) -> list[tuple[int, Any]]:
    return [item async for item in bus.subscribe(channel, after)]


async def stop(turns: TurnManager) -> None:
    for running in list(turns._running.values()):
        running.task.cancel()
        await asyncio.gather(running.task, return_exceptions=True)


async def started_turn(
    maker: async_sessionmaker[AsyncSession],  # noqa: F811
    local: MemoryBus,
) -> tuple[TurnManager, str]:
    await warmed()
    here = stalled_turns(maker, local)
    session_id = await new_session(maker)
    turn_id = await here.start(session_id, "u", "watch BestBuy stock every hour")
    assert turn_id is not None
    for _ in range(200):  # the status, then every piece
        if await local.tail(turn_channel(turn_id)) == PIECES + 1:
            break
        await asyncio.sleep(0.02)
    assert await local.tail(turn_channel(turn_id)) == PIECES + 1
    await asyncio.sleep(0.3)  # a checkpoint stores the reply so far
    return here, turn_id


def assert_error_then_end(rest: list[tuple[int, Any]]) -> None:
    assert [payload["type"] for _, payload in rest] == ["error", "message"], rest
    assert rest[0][1]["error"]["code"] == "worker_lost"
    assert rest[1][1]["is_complete"] and rest[1][1]["delta"].endswith(FAILURE_TEXT["worker_lost"])
    assert rest[0][0] < rest[1][0]


async def test_a_lost_turns_end_is_numbered_past_events_not_yet_in_the_shared_log(
    maker: async_sessionmaker[AsyncSession],  # noqa: F811
) -> None:
    local, shared = MemoryBus(), MemoryBus()
    here, turn_id = await started_turn(maker, local)
    channel = turn_channel(turn_id)
    try:
        seen = await local.tail(channel)  # the client on the dead replica saw every event
        # the shared log got the first five only: the rest were still to be written behind
        for _, payload in await first_events(local, channel, 5):
            await shared.publish(channel, payload)
        await asyncio.sleep(LEASE_S + 0.1)  # never renewed: the lease lapses
        there = replica(maker, shared)
        assert await there.turns.reap_lost() == 1

        rest = await drained(shared, channel, seen)
        assert_error_then_end(rest)
        # every client, however far it got, gets the same end; the stored end is its number
        assert await drained(shared, channel, 5) == rest
        row = await turn_row(maker, turn_id)
        assert (row.status, row.last_event_seq) == ("error", rest[-1][0])
        assert row.content.startswith("word0 ")
    finally:
        await stop(here)


async def test_a_lost_turns_end_is_numbered_past_a_shared_log_ahead_of_the_database(
    maker: async_sessionmaker[AsyncSession],  # noqa: F811
) -> None:
    local, shared = MemoryBus(), MemoryBus()
    here, turn_id = await started_turn(maker, local)
    channel = turn_channel(turn_id)
    try:
        # a row whose stored bound says less than the shared log holds (as one recorded by
        # a replica of the version before the bound was stored)
        async with session_scope(maker) as db:
            await db.execute(
                update(MessageRow).where(MessageRow.id == turn_id).values(last_event_seq=0)
            )
        for n in range(40):
            await shared.publish(
                channel, {"type": "message", "delta": f"x{n} ", "is_complete": False}
            )
        await asyncio.sleep(LEASE_S + 0.1)
        there = replica(maker, shared)
        assert await there.turns.reap_lost() == 1

        rest = await drained(shared, channel, 40)
        assert_error_then_end(rest)
        row = await turn_row(maker, turn_id)
        assert row.last_event_seq == rest[-1][0]
    finally:
        await stop(here)


async def session_of(maker: async_sessionmaker[AsyncSession], generation_id: str) -> SessionRow:  # noqa: F811
    async with session_scope(maker) as db:
        generation = await db.get(GenerationRow, generation_id)
        assert generation is not None
        session = await db.get(SessionRow, generation.session_id)
        assert session is not None
        return session


async def resume(
    maker: async_sessionmaker[AsyncSession],  # noqa: F811
    bus: EventBus,
    generation_id: str,
    position: int,
) -> object:
    session = await session_of(maker, generation_id)
    async with session_scope(maker) as db:
        try:
            return await resolve_start(db, bus, session, EventId("g", generation_id, position))
        except EndAlreadyDelivered:
            return "204"


async def stored_seq(maker: async_sessionmaker[AsyncSession], generation_id: str) -> int:  # noqa: F811
    async with session_scope(maker) as db:
        row = await db.get(GenerationRow, generation_id)
        assert row is not None
        return row.last_event_seq


async def reaped_once_lapsed(reap: Callable[[], Awaitable[int]]) -> int:
    """What ``reap`` ends once the owner's lease has lapsed. Called right after the test has
    slept one lease, and again for up to one more lease: on a loaded machine the owner's last
    lease write can land later than the test's clock assumes (a count of 0, once, under load)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LEASE_S
    while True:
        ended = await reap()
        if ended or loop.time() > deadline:
            return ended
        await asyncio.sleep(0.05)


async def test_a_lost_generations_error_is_numbered_past_a_bus_ahead_of_the_database(
    maker: async_sessionmaker[AsyncSession],  # noqa: F811
) -> None:
    await warmed()
    bus = MemoryBus()
    here = replica(maker, bus, draft_delay_s=LEASE_S * 2)  # never renews: no housekeeping
    generation_id = await queued_generation(maker, here)
    await until_running(maker, generation_id)
    channel = generation_channel(generation_id)
    for _ in range(100):
        if await bus.tail(channel) == 1:
            break
        await asyncio.sleep(0.02)
    # the ``start`` event's publish was retried after its reply was lost: the bus holds it
    # twice, at 1 and 2, and a client saw 2; the database numbered one event
    [(_, started)] = await first_events(bus, channel, 1)
    await bus.publish(channel, started)
    assert await stored_seq(maker, generation_id) == 1
    try:
        await asyncio.sleep(LEASE_S + 0.1)
        there = replica(maker, bus)
        assert await reaped_once_lapsed(there.runner.reap_lost) == 1

        assert await resume(maker, bus, generation_id, 2) == FollowGeneration(generation_id, 2)
        rest = await drained(bus, channel, 2)
        assert [(payload["type"], payload["data"]["code"]) for _, payload in rest] == [
            ("error", "worker_lost")
        ]
        # stored under the number it streamed with: a resume from it is 204
        assert await stored_seq(maker, generation_id) == rest[0][0]
        assert (await events_of(maker, generation_id))[-1] == f"{rest[0][0]}:error"
        assert await resume(maker, bus, generation_id, rest[0][0]) == "204"
    finally:
        await asyncio.wait_for(asyncio.gather(*here.runner._tasks, return_exceptions=True), 10)


async def test_a_lost_generations_error_streams_under_its_stored_number_when_the_bus_is_behind(
    maker: async_sessionmaker[AsyncSession],  # noqa: F811
) -> None:
    """The replica died between storing an event and publishing it: the database is ahead."""
    await warmed()
    private, shared = MemoryBus(), MemoryBus()
    here = replica(maker, private, draft_delay_s=LEASE_S * 2)  # its publishes never arrive
    generation_id = await queued_generation(maker, here)
    await until_running(maker, generation_id)
    for _ in range(100):
        if await stored_seq(maker, generation_id) == 1:
            break
        await asyncio.sleep(0.02)
    assert await shared.tail(generation_channel(generation_id)) == 0
    try:
        await asyncio.sleep(LEASE_S + 0.1)
        there = replica(maker, shared)
        assert await reaped_once_lapsed(there.runner.reap_lost) == 1

        rest = await drained(shared, generation_channel(generation_id), 0)
        assert [payload["type"] for _, payload in rest] == ["error"]
        assert await stored_seq(maker, generation_id) == rest[0][0] == 2
        assert await resume(maker, shared, generation_id, rest[0][0]) == "204"
    finally:
        await asyncio.wait_for(asyncio.gather(*here.runner._tasks, return_exceptions=True), 10)
