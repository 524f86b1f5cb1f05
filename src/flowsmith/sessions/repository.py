"""The SQL of sessions, their messages and generations. Nothing here decides who may see
what (``service`` does); every statement a session needs is here, built once where it is
hot."""

from __future__ import annotations

from sqlalchemy import Integer, String, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from flowsmith.db.tables import SESSIONS, GenerationRow, MessageRow, SessionRow

# one INSERT statement, not the unit of work's flush: a new session is the hottest write
# there is (the flush's bookkeeping was most of its CPU); the row is not attached to ``db``
_INSERT_SESSION = insert(SESSIONS)
_SESSION_COLUMNS = [column.key for column in SESSIONS.columns]


async def insert_session(db: AsyncSession, row: SessionRow) -> None:
    await db.execute(_INSERT_SESSION, {key: getattr(row, key) for key in _SESSION_COLUMNS})


async def get_session(db: AsyncSession, session_id: str) -> SessionRow | None:
    """The row as the database has it now (not a stale copy from this unit of work)."""
    return await db.get(SessionRow, session_id, populate_existing=True)


async def next_counter(
    db: AsyncSession, session_id: str, counter: InstrumentedAttribute[int]
) -> int | None:
    """The session's next number on ``counter``, allocated atomically in the database;
    None when there is no such session."""
    seq = await db.scalar(
        update(SessionRow)
        .where(SessionRow.id == session_id)
        .values({counter: counter + 1})
        .returning(counter)
    )
    return None if seq is None else int(seq)


async def insert_message(db: AsyncSession, row: MessageRow) -> MessageRow:
    db.add(row)
    await db.flush()
    return row


async def get_message(db: AsyncSession, message_id: str) -> MessageRow | None:
    return await db.get(MessageRow, message_id)


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


async def history(db: AsyncSession, session_id: str, before_seq: int) -> list[tuple[str, str]]:
    """(role, text) of the session's last finished messages before ``before_seq``, oldest
    first (at most ``HISTORY_LIMIT``)."""
    params = {"session_id": session_id, "before_seq": before_seq}
    rows = (await db.execute(_HISTORY, params)).all()
    return [(role, content) for role, content in reversed(rows)]
