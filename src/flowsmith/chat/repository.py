"""The SQL of chat turns: every statement a turn, its manager and its lease keeper run.

A turn is its assistant message: ``streaming`` under the lease of the replica running it,
then ``complete``, ``interrupted`` or ``error``. Every write that ends a turn is guarded
(``status = 'streaming'``, and the lease owner for the turn's own writes): a turn is ended
once, by whoever gets there first, and a late writer learns that it lost (the write
matches no row) instead of overwriting the end another replica stored and streamed.

While a turn streams, its ``last_event_seq`` is a bound, not a count: no event of the turn
is numbered above it, and the replica running the turn stores a higher bound before it
gives a position past it (``EVENTS_AHEAD`` at a time, with the reply so far). A turn's
events reach its own replica's listeners before the shared log (Redis gets them written
behind), so when that replica dies the shared log's tail can be short of what a client
saw; the stored bound is the number the others know to be past every event anyone saw,
and whoever ends a lost turn numbers its events past it and past the log's tail. Once the
turn has ended, ``last_event_seq`` is the number of its last event.

The hottest statements are built once with bound parameters: building one (coercing its
values, computing its cache key) cost more CPU than running it, and these run per turn.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, bindparam, case, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flowsmith.db.tables import MESSAGES, SESSIONS, MessageRow, SessionRow, new_id, utcnow
from flowsmith.errors import SessionNotFound
from flowsmith.generation.repository import active_generation_query
from flowsmith.runtime.status import TurnStatus
from flowsmith.text import api_text
from flowsmith.workflows import service as workflows

_STREAMING = TurnStatus.STREAMING.value
# how far past its last event a streaming turn's stored bound runs: a turn gives more
# positions than this in the time between two checkpoints only in bursts, and then waits
# for one write (``store_partial``) before it gives more
EVENTS_AHEAD = 1_000


@dataclass
class StartChecks:
    owner: str | None
    streaming: str | None
    generation: str | None
    definition: dict[str, Any] | None


_SESSION = bindparam("session_id", type_=String)
_TURN = bindparam("turn_id", type_=String)
_OWNER = bindparam("owner", type_=String)
_START_CHECKS = select(
    select(SESSIONS.c.user_id).where(SESSIONS.c.id == _SESSION).scalar_subquery(),
    select(MESSAGES.c.id)
    .where(MESSAGES.c.session_id == _SESSION, MESSAGES.c.status == _STREAMING)
    .limit(1)
    .scalar_subquery(),
    active_generation_query(_SESSION).scalar_subquery(),
    workflows.session_definition_query(_SESSION).scalar_subquery(),
)
_TAKE_TWO_NUMBERS = (
    update(SESSIONS)
    .where(SESSIONS.c.id == _SESSION)
    .values(message_count=SESSIONS.c.message_count + 2)
    .returning(SESSIONS.c.message_count)
)
_INSERT_MESSAGES = insert(MESSAGES)
# the turn's own end: only while it still streams under this replica's lease
_FINISH = (
    update(MESSAGES)
    .where(
        MESSAGES.c.id == _TURN, MESSAGES.c.status == _STREAMING, MESSAGES.c.lease_owner == _OWNER
    )
    .values(
        content=bindparam("new_content", type_=MESSAGES.c.content.type),
        status=bindparam("new_status", type_=MESSAGES.c.status.type),
        meta=bindparam("new_meta", type_=MESSAGES.c.meta.type),
        last_event_seq=bindparam("new_last_event_seq", type_=MESSAGES.c.last_event_seq.type),
        finished_at=bindparam("new_finished_at", type_=MESSAGES.c.finished_at.type),
    )
)
# the reply so far, stored as it streams (so a turn whose replica dies keeps it), and the
# bound of its event numbers, only ever raised
_BOUND = bindparam("new_bound", type_=MESSAGES.c.last_event_seq.type)
_CHECKPOINT = (
    update(MESSAGES)
    .where(
        MESSAGES.c.id == _TURN, MESSAGES.c.status == _STREAMING, MESSAGES.c.lease_owner == _OWNER
    )
    .values(
        content=bindparam("new_content", type_=MESSAGES.c.content.type),
        last_event_seq=case(
            (MESSAGES.c.last_event_seq > _BOUND, MESSAGES.c.last_event_seq), else_=_BOUND
        ),
    )
)


async def get_session(db: AsyncSession, session_id: str) -> SessionRow | None:
    return await db.get(SessionRow, session_id)


async def start_checks(db: AsyncSession, session_id: str) -> StartChecks:
    """In one query: the session's owner, a turn still streaming in it, a generation queued
    or running in it (on any replica), and its workflow's current definition."""
    row = (await db.execute(_START_CHECKS, {"session_id": session_id})).one()
    return StartChecks(row[0], row[1], row[2], row[3])


async def record_turn(
    db: AsyncSession, session_id: str, text: str, owner: str, lease_end: datetime
) -> tuple[str, int]:
    """The user's message and the (streaming, leased) reply it starts, numbered in order;
    the reply's id and number. The reply's events may be numbered up to ``EVENTS_AHEAD``.

    Two statements: one UPDATE takes both numbers from the session's message counter, one
    INSERT writes both rows. Every turn start is a write, and SQLite admits one writer at
    a time: with 200 turns in flight, writes that held the lock for five round trips
    queued behind each other for seconds.
    """
    last = await db.scalar(_TAKE_TWO_NUMBERS, {"session_id": session_id})
    if last is None:
        raise SessionNotFound(api_text("error.session_not_found"))
    reply_id, now = new_id(), utcnow()
    common = {"session_id": session_id, "meta": {}, "last_event_seq": 0, "created_at": now}
    user = {"id": new_id(), "seq": last - 1, "role": "user", "content": text}
    reply = {"id": reply_id, "seq": last, "role": "assistant", "content": ""}
    await db.execute(
        _INSERT_MESSAGES,
        [
            {
                **common,
                **user,
                "status": TurnStatus.COMPLETE.value,
                "lease_owner": None,
                "lease_expires_at": None,
            },
            {
                **common,
                **reply,
                "last_event_seq": EVENTS_AHEAD,
                "status": _STREAMING,
                "lease_owner": owner,
                "lease_expires_at": lease_end,
            },
        ],
    )
    return reply_id, last


async def finish_turn(
    db: AsyncSession,
    turn_id: str,
    owner: str,
    *,
    content: str,
    status: TurnStatus,
    meta: dict[str, Any],
    last_event_seq: int,
) -> bool:
    """Store the turn's end; False (nothing written) if it is not streaming under
    ``owner``'s lease any more: another replica ended it."""
    result: Any = await db.execute(
        _FINISH,
        {
            "turn_id": turn_id,
            "owner": owner,
            "new_content": content,
            "new_status": status.value,
            "new_meta": meta,
            "new_last_event_seq": last_event_seq,
            "new_finished_at": utcnow(),
        },
    )
    return bool(result.rowcount)


async def store_partial(
    db: AsyncSession, turn_id: str, owner: str, content: str, bound: int
) -> bool:
    """Store the reply streamed so far, and let its events be numbered up to ``bound``
    (a lower bound than the stored one changes nothing); False if the turn is not ours
    any more."""
    result: Any = await db.execute(
        _CHECKPOINT,
        {"turn_id": turn_id, "owner": owner, "new_content": content, "new_bound": bound},
    )
    return bool(result.rowcount)


async def renew_leases(
    db: AsyncSession, turn_ids: Collection[str], owner: str, until: datetime
) -> None:
    await db.execute(
        update(MessageRow)
        .where(
            MessageRow.id.in_(list(turn_ids)),
            MessageRow.lease_owner == owner,
            MessageRow.status == _STREAMING,
        )
        .values(lease_expires_at=until)
    )


async def expired_turns(db: AsyncSession) -> list[str]:
    """Turns still streaming whose replica stopped renewing their lease."""
    rows = await db.scalars(
        select(MessageRow.id).where(
            MessageRow.status == _STREAMING, MessageRow.lease_expires_at < utcnow()
        )
    )
    return list(rows.all())


@dataclass
class LostEnd:
    appended: str  # what was appended to the reply
    last_event_seq: int  # the number of the last of its events


async def end_lost_turn(
    db: AsyncSession,
    turn_id: str,
    *,
    status: TurnStatus,
    text: str,
    code: str,
    events: int,
    after: int,
    lapsed_only: bool,
) -> LostEnd | None:
    """End a turn nobody runs any more, keeping the reply stored so far and appending
    ``text`` after it (on a line of its own), with ``events`` events to send, numbered past
    both ``after`` (the shared log's tail) and the turn's stored bound; or None (nothing
    written) if it is not streaming any more, or, with ``lapsed_only`` (the reaper), if its
    lease was renewed meanwhile."""
    conditions = [MessageRow.id == turn_id, MessageRow.status == _STREAMING]
    if lapsed_only:
        conditions.append(MessageRow.lease_expires_at < utcnow())
    separated = "\n\n" + text if text else ""
    content = case((MessageRow.content == "", text), else_=MessageRow.content + separated)
    past = case((MessageRow.last_event_seq > after, MessageRow.last_event_seq), else_=after)
    ended = (
        await db.execute(
            update(MessageRow)
            .where(*conditions)
            .values(
                content=content,
                status=status.value,
                meta={"error": {"code": code}},
                last_event_seq=past + events,
                finished_at=utcnow(),
            )
            .returning(MessageRow.content, MessageRow.last_event_seq)
            .execution_options(synchronize_session=False)
        )
    ).one_or_none()
    if ended is None:
        return None
    return LostEnd(text if ended[0] == text else separated, int(ended[1]))


async def stored_content(db: AsyncSession, turn_id: str) -> str | None:
    return await db.scalar(select(MessageRow.content).where(MessageRow.id == turn_id))
