"""The ``workflow_generation`` stream: where a listener starts, and what it is sent.

Start rule (a listener without ``Last-Event-ID``): the session's running (or queued)
generation, replayed from its start; else its latest generation if it ended but no listener
has received its end yet; else a ``waiting`` event, then the next generation. A listener
resuming from a ``waiting`` id follows the same rule without the initial ``waiting``; one
resuming from a generation's id gets that generation after the id, or 204 if it already has
the end. The stream closes after a terminal event (``complete``/``error``).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncGenerator
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sse_starlette import ServerSentEvent

from flowsmith.db.engine import session_scope
from flowsmith.db.tables import SessionRow
from flowsmith.errors import EventNotFound, InvalidLastEventId
from flowsmith.events.bus import EventBus
from flowsmith.generation import repository as repo
from flowsmith.generation.events import (
    TERMINAL,
    generation_channel,
    generation_event,
    session_channel,
)
from flowsmith.streams import EventId, shared_sse, sse
from flowsmith.text import api_text, text

DEFAULT_WAITING = text("generation.waiting.create", "en")


def first_waiting(action: str, accept_language: str | None) -> str:
    """Before the session's first reply, in the browser's language (zh or en)."""
    lang = "zh" if (accept_language or "").strip().lower().startswith("zh") else "en"
    key = "generation.waiting.create" if action == "create" else "generation.waiting.edit"
    return text(key, lang)


@dataclass(frozen=True)
class FollowGeneration:
    generation_id: str
    after: int


@dataclass(frozen=True)
class FollowSession:
    after: int
    waiting: str | None  # the initial ``waiting`` message, None when resuming


StartPoint = FollowGeneration | FollowSession


class EndAlreadyDelivered(Exception):
    """The listener has the generation's end already: answer 204 so EventSource stops."""


async def resolve_start(
    db: AsyncSession,
    bus: EventBus,
    session: SessionRow,
    last: EventId | None,
    accept_language: str | None = None,
) -> StartPoint:
    if last is not None and last.kind == "g":
        return await _resume_generation(db, session, last)
    if last is not None and last.kind != "s":
        raise InvalidLastEventId(api_text("error.last_event_id.other_stream"))
    if last is not None and last.key != session.id:
        raise EventNotFound(api_text("error.event_not_found"))
    # the tail is read before the database, so a generation queued in between is either
    # seen below or announced on the channel after the tail
    tail = await bus.tail(session_channel(session.id))
    active = await repo.first_active(db, session.id)
    if active is not None:
        return FollowGeneration(active.id, 0)
    latest = await repo.latest(db, session.id)
    if latest is not None and not latest.delivered:
        return FollowGeneration(latest.id, 0)
    after = last.position if last is not None else tail
    waiting = None
    if last is None:
        waiting = await _waiting_message(db, session.id) or first_waiting(
            session.action, accept_language
        )
    return FollowSession(after, waiting)


async def _resume_generation(db: AsyncSession, session: SessionRow, last: EventId) -> StartPoint:
    row = await repo.get_generation(db, last.key)
    if row is None or row.session_id != session.id:
        raise EventNotFound(api_text("error.event_not_found"))
    if repo.is_finished(row) and last.position >= row.last_event_seq:
        raise EndAlreadyDelivered
    return FollowGeneration(row.id, last.position)


async def _waiting_message(db: AsyncSession, session_id: str) -> str | None:
    """What the session's last reply said it waits for, if it asked something."""
    meta = await repo.last_reply_meta(db, session_id)
    message = (meta or {}).get("waiting_message")
    return str(message) if message else None


# per bus (so per app): generation id -> the write recording its end as delivered
_DELIVERY_MARKS: WeakKeyDictionary[Any, OrderedDict[str, asyncio.Future[None]]] = (
    WeakKeyDictionary()
)
_MAX_MARKS = 1024


class GenerationStream:
    """Yields the SSE events for one listener from a resolved start point."""

    def __init__(
        self,
        maker: async_sessionmaker[AsyncSession],
        bus: EventBus,
        session_id: str,
        workflow_id: str | None,
    ) -> None:
        self._maker = maker
        self._bus = bus
        self._session_id = session_id
        self._workflow_id = workflow_id

    async def events(self, start: StartPoint) -> AsyncGenerator[ServerSentEvent, None]:
        # every inner generator is closed explicitly (aclosing), so a listener that goes
        # away releases its bus subscription at once, not when the garbage collector runs
        if isinstance(start, FollowGeneration):
            async with aclosing(self._generation(start.generation_id, start.after)) as events:
                async for event in events:
                    yield event
            return
        tail = start.after
        if start.waiting is not None:
            yield self._waiting(tail, start.waiting)
        channel = session_channel(self._session_id)
        async with aclosing(self._bus.subscribe(channel, tail)) as notices:
            async for position, notice in notices:
                if notice.get("kind") == "waiting":
                    yield self._waiting(position, str(notice.get("message") or DEFAULT_WAITING))
                elif notice.get("kind") == "generation":
                    generation_id = str(notice["generation_id"])
                    async with aclosing(self._generation(generation_id, 0)) as events:
                        async for event in events:
                            yield event
                    return

    def _waiting(self, position: int, message: str) -> ServerSentEvent:
        payload = generation_event("waiting", self._workflow_id, {"message": message})
        return sse(EventId("s", self._session_id, position), payload)

    async def _generation(
        self, generation_id: str, after: int
    ) -> AsyncGenerator[ServerSentEvent, None]:
        async with aclosing(self._generation_payloads(generation_id, after)) as payloads:
            async for position, payload in payloads:
                if payload.get("type") in TERMINAL:
                    # marked before the yield: the seed's client closes the stream as soon
                    # as it sees the end, so nothing after this yield is guaranteed to run
                    await self._mark_delivered(generation_id)
                    yield shared_sse(EventId("g", generation_id, position), payload)
                    return
                yield shared_sse(EventId("g", generation_id, position), payload)

    async def _generation_payloads(
        self, generation_id: str, after: int
    ) -> AsyncGenerator[tuple[int, dict[str, Any]], None]:
        channel = generation_channel(generation_id)
        if not await self._bus.exists(channel) and await self._finished(generation_id):
            # the live channel has expired; the database has the whole record
            for position, payload in await self._stored(generation_id, after):
                yield position, payload
            return
        async with aclosing(self._bus.subscribe(channel, after)) as live:
            async for position, payload in live:
                yield position, payload

    async def _finished(self, generation_id: str) -> bool:
        async with session_scope(self._maker) as db:
            row = await repo.get_generation(db, generation_id)
            return row is None or repo.is_finished(row)

    async def _stored(self, generation_id: str, after: int) -> list[tuple[int, dict[str, Any]]]:
        async with session_scope(self._maker) as db:
            return await repo.stored_events(db, generation_id, after)

    async def _mark_delivered(self, generation_id: str) -> None:
        """Record that the generation's end reached a listener, once per process: every
        listener of the generation waits for the same write (a thousand listeners of a
        session all reach the end together: one UPDATE, not a thousand)."""
        marks = _DELIVERY_MARKS.setdefault(self._bus, OrderedDict())
        marking = marks.get(generation_id)
        if marking is None or (marking.done() and (marking.cancelled() or marking.exception())):
            marking = asyncio.ensure_future(self._write_delivered(generation_id))
            marks[generation_id] = marking
            while len(marks) > _MAX_MARKS:
                marks.popitem(last=False)
        # shielded: a listener that goes away does not cancel the write the others wait for
        await asyncio.shield(marking)

    async def _write_delivered(self, generation_id: str) -> None:
        async with session_scope(self._maker) as db:
            await repo.mark_delivered(db, generation_id)
