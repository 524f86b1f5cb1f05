"""Sessions and their ordered messages: who may see which, and what a new one starts from.
The statements are in ``sessions.repository``.

Message numbers come from an atomic increment of ``sessions.message_count``; with the
``messages(session_id, seq)`` constraint this keeps each session's messages in arrival
order under any number of concurrent writers.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from flowsmith.db.tables import GenerationRow, MessageRow, SessionRow, new_id, utcnow
from flowsmith.errors import EventNotFound, InvalidLastEventId, SessionNotFound
from flowsmith.limits import storable_text
from flowsmith.sessions import repository
from flowsmith.sessions.repository import HISTORY_LIMIT, history
from flowsmith.sessions.schemas import CreateSession
from flowsmith.streams import EventId
from flowsmith.text import api_text
from flowsmith.workflows import service as workflows

__all__ = [
    "HISTORY_LIMIT",
    "add_message",
    "create_session",
    "generations",
    "get_owned",
    "history",
    "messages",
    "next_generation_seq",
    "next_message_seq",
    "resumable_turn",
]


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
    await repository.insert_session(db, row)
    return row


async def get_owned(db: AsyncSession, user_id: str, session_id: str) -> SessionRow:
    if not storable_text(session_id):
        raise SessionNotFound(api_text("error.session_not_found"))  # no stored id looks like this
    row = await repository.get_session(db, session_id)
    if row is None or row.user_id != user_id:
        raise SessionNotFound(api_text("error.session_not_found"))
    return row


async def resumable_turn(
    db: AsyncSession, user_id: str, session_id: str, last: EventId
) -> MessageRow:
    """The assistant turn of the caller's session that ``last`` (a chat event id) names;
    404 for a session or turn that is not the caller's, 422 for another stream's id."""
    session = await get_owned(db, user_id, session_id)
    turn = await repository.get_message(db, last.key) if last.kind == "t" else None
    if last.kind != "t":
        raise InvalidLastEventId(api_text("error.last_event_id.other_stream"))
    if turn is None or turn.session_id != session.id or turn.role != "assistant":
        raise EventNotFound(api_text("error.event_not_found"))
    return turn


async def next_message_seq(db: AsyncSession, session_id: str) -> int:
    return await _next(db, session_id, SessionRow.message_count)


async def next_generation_seq(db: AsyncSession, session_id: str) -> int:
    return await _next(db, session_id, SessionRow.generation_count)


async def _next(db: AsyncSession, session_id: str, counter: InstrumentedAttribute[int]) -> int:
    seq = await repository.next_counter(db, session_id, counter)
    if seq is None:
        raise SessionNotFound(api_text("error.session_not_found"))
    return seq


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
    return await repository.insert_message(db, row)


async def messages(db: AsyncSession, session_id: str) -> list[MessageRow]:
    return await repository.messages(db, session_id)


async def generations(db: AsyncSession, session_id: str) -> list[GenerationRow]:
    return await repository.generations(db, session_id)
