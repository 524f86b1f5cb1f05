"""Sessions and their ordered messages.

Message numbers come from an atomic increment of ``sessions.message_count``; with the
``messages(session_id, seq)`` constraint this keeps each session's messages in arrival
order under any number of concurrent writers.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from flowsmith.db.tables import SESSIONS, GenerationRow, MessageRow, SessionRow, new_id, utcnow
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
        id=new_id(),
        user_id=user_id,
        action=request.action,
        workflow_id=workflow_id,
        source_workflow_id=source_id,
        message_count=0,
        generation_count=0,
    )
    row.created_at = row.updated_at = utcnow()
    # one INSERT statement, not the unit of work's flush: a new session is the hottest
    # write there is (the flush's bookkeeping was most of its CPU); the row returned is
    # not attached to ``db``
    await db.execute(_INSERT_SESSION, {key: getattr(row, key) for key in _SESSION_COLUMNS})
    return row


_INSERT_SESSION = insert(SESSIONS)
_SESSION_COLUMNS = [column.key for column in SESSIONS.columns]


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


# More than any agent reads (the LLM agent keeps its last ``llm_history_messages``, the
# offline planner its last few): a turn's work stays bounded however long the session.
HISTORY_LIMIT = 200


async def history(db: AsyncSession, session_id: str, before_seq: int) -> list[tuple[str, str]]:
    """(role, text) of the session's last finished messages before ``before_seq``, oldest
    first (at most ``HISTORY_LIMIT``)."""
    params = {"session_id": session_id, "before_seq": before_seq}
    rows = (await db.execute(_HISTORY, params)).all()
    return [(role, content) for role, content in reversed(rows)]


# built once (see chat.turns): every turn reads its history
_HISTORY = (
    select(MessageRow.role, MessageRow.content)
    .where(
        MessageRow.session_id == bindparam("session_id", type_=String),
        MessageRow.seq < bindparam("before_seq", type_=Integer),
        MessageRow.status.in_(("complete", "interrupted")),
        MessageRow.content != "",
    )
    .order_by(MessageRow.seq.desc())
    .limit(HISTORY_LIMIT)
)
