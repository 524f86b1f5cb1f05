"""The SQL of generations: the runner's, its lease keeper's and the progress stream's.

A generation is ``queued`` then ``running`` under the lease of the replica that runs it,
then ``complete`` or ``error``. Its events are numbered by ``last_event_seq``. Every write
of a running generation is guarded: the job's own (an event, its end) only while the row
is active under its replica's lease, the reaper's only while the lease has lapsed. On
PostgreSQL the guarded UPDATE comes first in its transaction and holds the row until the
commit, so the job and a reaper never both number an event; the one that comes second
finds the row ended and learns that it lost (``LeaseLost``), instead of failing on
``uq_generation_events_generation_id`` with the work it finished.

An event is published on the bus at the number it is stored under, so a listener's
``Last-Event-ID`` and the stored record agree. The bus can still be ahead of the database
(a publish retried after its reply was lost) or behind it (a replica that died between
storing an event and publishing it): an ``error`` that ends a generation is numbered past
both (``fail_active``'s ``after``, the bus's tail), so every listener gets it, and a resume
from it is told the stream has ended.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, case, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flowsmith.db.tables import (
    GenerationEventRow,
    GenerationRow,
    MessageRow,
    SessionRow,
    new_id,
    utcnow,
)
from flowsmith.runtime.status import ACTIVE_GENERATION, FINISHED_GENERATION, GenerationStatus

_ACTIVE = [status.value for status in ACTIVE_GENERATION]
_FINISHED = [status.value for status in FINISHED_GENERATION]


class LeaseLost(Exception):
    """The generation is not this replica's any more (ended elsewhere): stop, write nothing."""


def active_generation_query(session_id: str | ColumnElement[str]) -> Select[str]:
    """The id of one of the session's queued or running generations, on any replica."""
    return (
        select(GenerationRow.id)
        .where(GenerationRow.session_id == session_id, GenerationRow.status.in_(_ACTIVE))
        .limit(1)
    )


async def has_active(db: AsyncSession, session_id: str) -> bool:
    return await db.scalar(active_generation_query(session_id)) is not None


async def insert_generation(
    db: AsyncSession,
    *,
    session_id: str,
    seq: int,
    user_id: str,
    request: dict[str, Any],
    owner: str,
    lease_end: datetime,
) -> GenerationRow:
    """A queued generation, leased to ``owner``, in the caller's transaction."""
    row = GenerationRow(
        id=new_id(),
        session_id=session_id,
        seq=seq,
        user_id=user_id,
        status=GenerationStatus.QUEUED.value,
        request=request,
        lease_owner=owner,
        lease_expires_at=lease_end,
    )
    db.add(row)
    await db.flush()
    return row


@dataclass
class Claimed:
    row: GenerationRow
    session: SessionRow


async def claim_queued(db: AsyncSession, generation_id: str, owner: str) -> Claimed | None:
    """Mark the queued generation ``running`` (locked for the transaction); None if it is
    not queued under ``owner``'s lease any more (reaped, done)."""
    row = await db.get(GenerationRow, generation_id, with_for_update=True)
    if row is None or row.status != GenerationStatus.QUEUED or row.lease_owner != owner:
        return None
    session = await db.get(SessionRow, row.session_id, populate_existing=True)
    assert session is not None
    row.status, row.started_at = GenerationStatus.RUNNING.value, utcnow()
    return Claimed(row, session)


async def hold(db: AsyncSession, generation_id: str, owner: str, seq: int) -> None:
    """Number the job's next event ``seq``: the guard of every write of a running job.
    Raises ``LeaseLost`` if the generation is not running under ``owner``'s lease."""
    result: Any = await db.execute(
        update(GenerationRow)
        .where(
            GenerationRow.id == generation_id,
            GenerationRow.status == GenerationStatus.RUNNING.value,
            GenerationRow.lease_owner == owner,
        )
        .values(last_event_seq=seq)
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:
        raise LeaseLost(generation_id)


def add_event(
    db: AsyncSession, generation_id: str, seq: int, kind: str, payload: dict[str, Any]
) -> None:
    db.add(GenerationEventRow(generation_id=generation_id, seq=seq, type=kind, payload=payload))


async def set_session_workflow(db: AsyncSession, session_id: str, workflow_id: str) -> None:
    await db.execute(
        update(SessionRow).where(SessionRow.id == session_id).values(workflow_id=workflow_id)
    )


async def finish_held(
    db: AsyncSession,
    generation_id: str,
    status: GenerationStatus,
    *,
    version: int | None = None,
    code: str | None = None,
    message: str | None = None,
    usage: dict[str, Any] | None = None,
) -> None:
    """The end of a generation whose row this transaction holds (after ``hold``)."""
    await db.execute(
        update(GenerationRow)
        .where(GenerationRow.id == generation_id)
        .values(
            status=status.value,
            version=version,
            error_code=code,
            error_message=message,
            finished_at=utcnow(),
            lease_owner=None,
            usage=usage,
        )
        .execution_options(synchronize_session=False)
    )


@dataclass
class Failed:
    seq: int  # the number of its ``error`` event
    workflow_id: str | None
    user_id: str


async def fail_active(
    db: AsyncSession,
    generation_id: str,
    *,
    code: str,
    message: str,
    usage: dict[str, Any] | None,
    owner: str | None = None,
    lapsed: bool = False,
    after: int = 0,
) -> Failed | None:
    """End an active generation with ``error``, numbering its error event in the same
    statement, past its last stored event and past ``after`` (the bus's tail); None
    (nothing written) unless it is active and, with ``owner``, leased to it, or, with
    ``lapsed``, its lease has lapsed."""
    conditions = [GenerationRow.id == generation_id, GenerationRow.status.in_(_ACTIVE)]
    if owner is not None:
        conditions.append(GenerationRow.lease_owner == owner)
    if lapsed:
        conditions.append(GenerationRow.lease_expires_at < utcnow())
    row = (
        await db.execute(
            update(GenerationRow)
            .where(*conditions)
            .values(
                status=GenerationStatus.ERROR.value,
                error_code=code,
                error_message=message,
                finished_at=utcnow(),
                lease_owner=None,
                usage=usage,
                last_event_seq=case(
                    (GenerationRow.last_event_seq > after, GenerationRow.last_event_seq),
                    else_=after,
                )
                + 1,
            )
            .returning(
                GenerationRow.last_event_seq, GenerationRow.workflow_id, GenerationRow.user_id
            )
            .execution_options(synchronize_session=False)
        )
    ).one_or_none()
    if row is None:
        return None
    return Failed(int(row[0]), row[1], str(row[2]))


async def renew_leases(
    db: AsyncSession, generation_ids: Collection[str], owner: str, until: datetime
) -> None:
    await db.execute(
        update(GenerationRow)
        .where(
            GenerationRow.id.in_(list(generation_ids)),
            GenerationRow.lease_owner == owner,
            GenerationRow.status.in_(_ACTIVE),
        )
        .values(lease_expires_at=until)
        .execution_options(synchronize_session=False)
    )


async def expired_generations(db: AsyncSession) -> list[str]:
    """Active generations whose replica stopped renewing their lease."""
    rows = await db.scalars(
        select(GenerationRow.id).where(
            GenerationRow.status.in_(_ACTIVE), GenerationRow.lease_expires_at < utcnow()
        )
    )
    return list(rows.all())


# -- the progress stream's reads ------------------------------------------------------------


async def get_generation(db: AsyncSession, generation_id: str) -> GenerationRow | None:
    return await db.get(GenerationRow, generation_id)


def is_finished(row: GenerationRow) -> bool:
    return row.status in _FINISHED


async def first_active(db: AsyncSession, session_id: str) -> GenerationRow | None:
    query = (
        select(GenerationRow)
        .where(GenerationRow.session_id == session_id, GenerationRow.status.in_(_ACTIVE))
        .order_by(GenerationRow.seq)
        .limit(1)
    )
    return await db.scalar(query)


async def latest(db: AsyncSession, session_id: str) -> GenerationRow | None:
    query = (
        select(GenerationRow)
        .where(GenerationRow.session_id == session_id)
        .order_by(GenerationRow.seq.desc())
        .limit(1)
    )
    return await db.scalar(query)


async def last_reply_meta(db: AsyncSession, session_id: str) -> dict[str, Any] | None:
    """The meta of the session's last assistant message (None without one)."""
    query = (
        select(MessageRow.meta)
        .where(MessageRow.session_id == session_id, MessageRow.role == "assistant")
        .order_by(MessageRow.seq.desc())
        .limit(1)
    )
    meta = await db.scalar(query)
    return None if meta is None else dict(meta or {})


async def stored_events(
    db: AsyncSession, generation_id: str, after: int
) -> list[tuple[int, dict[str, Any]]]:
    rows = await db.scalars(
        select(GenerationEventRow)
        .where(GenerationEventRow.generation_id == generation_id, GenerationEventRow.seq > after)
        .order_by(GenerationEventRow.seq)
    )
    return [(row.seq, row.payload) for row in rows]


async def mark_delivered(db: AsyncSession, generation_id: str) -> None:
    await db.execute(
        update(GenerationRow).where(GenerationRow.id == generation_id).values(delivered=True)
    )
