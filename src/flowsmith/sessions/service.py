"""Sessions and their ordered messages.

Message numbers come from an atomic increment of ``sessions.message_count``; with the
``messages(session_id, seq)`` constraint this keeps each session's messages in arrival
order under any number of concurrent writers.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from flowsmith.db.tables import GenerationRow, MessageRow, SessionRow
from flowsmith.errors import SessionNotFound
from flowsmith.limits import storable_text
from flowsmith.sessions.schemas import CreateSession
from flowsmith.workflows import service as workflows


async def create_session(db: AsyncSession, user_id: str, request: CreateSession) -> SessionRow:
    workflow_id: str | None = None
    source_id: str | None = None
    if request.action == "edit":
        assert request.workflow_id is not None
        workflow_id = (await workflows.get_owned(db, user_id, request.workflow_id)).id
    elif request.action == "copy":
        assert request.workflow_id is not None
        source_id = request.workflow_id
        workflow_id = (await workflows.copy_workflow(db, user_id, source_id)).id
    row = SessionRow(
        user_id=user_id,
        action=request.action,
        workflow_id=workflow_id,
        source_workflow_id=source_id,
    )
    db.add(row)
    await db.flush()
    return row


async def get_owned(db: AsyncSession, user_id: str, session_id: str) -> SessionRow:
    if not storable_text(session_id):
        raise SessionNotFound("session not found")  # no stored id looks like this
    row = await db.get(SessionRow, session_id, populate_existing=True)
    if row is None or row.user_id != user_id:
        raise SessionNotFound("session not found")
    return row


async def next_message_seq(db: AsyncSession, session_id: str) -> int:
    return await _next(db, session_id, SessionRow.message_count)


async def next_generation_seq(db: AsyncSession, session_id: str) -> int:
    return await _next(db, session_id, SessionRow.generation_count)


async def _next(db: AsyncSession, session_id: str, counter: InstrumentedAttribute[int]) -> int:
    """The session's next number on ``counter``, allocated atomically in the database."""
    seq = await db.scalar(
        update(SessionRow)
        .where(SessionRow.id == session_id)
        .values({counter: counter + 1})
        .returning(counter)
    )
    if seq is None:
        raise SessionNotFound("session not found")
    return int(seq)


async def add_message(
    db: AsyncSession, session_id: str, role: str, content: str, status: str = "complete"
) -> MessageRow:
    row = MessageRow(
        session_id=session_id,
        seq=await next_message_seq(db, session_id),
        role=role,
        content=content,
        status=status,
        meta={},
    )
    db.add(row)
    await db.flush()
    return row


async def messages(db: AsyncSession, session_id: str) -> list[MessageRow]:
    query = select(MessageRow).where(MessageRow.session_id == session_id).order_by(MessageRow.seq)
    return list((await db.scalars(query)).all())


async def generations(db: AsyncSession, session_id: str) -> list[GenerationRow]:
    query = (
        select(GenerationRow)
        .where(GenerationRow.session_id == session_id)
        .order_by(GenerationRow.seq)
    )
    return list((await db.scalars(query)).all())


async def history(db: AsyncSession, session_id: str, before_seq: int) -> list[tuple[str, str]]:
    """(role, text) of the session's finished messages before ``before_seq``, oldest first."""
    rows = await messages(db, session_id)
    return [
        (row.role, row.content)
        for row in rows
        if row.seq < before_seq and row.status in ("complete", "interrupted") and row.content
    ]
