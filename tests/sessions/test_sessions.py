"""Sessions: the body's shape by action, ownership, message numbers, history and the turn a
``Last-Event-ID`` names (service over ``sessions.repository``)."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from flowsmith.errors import EventNotFound, InvalidLastEventId, SessionNotFound
from flowsmith.sessions import repository, service
from flowsmith.sessions.schemas import CopySession, CreateSession, EditSession, NewSession
from flowsmith.streams import EventId

BODY: TypeAdapter[CreateSession] = TypeAdapter(CreateSession)


def test_the_action_chooses_the_body() -> None:
    assert isinstance(BODY.validate_python({}), NewSession)
    assert isinstance(BODY.validate_python({"workflow_id": None}), NewSession)
    assert isinstance(BODY.validate_python({"action": "edit", "workflow_id": "w"}), EditSession)
    assert isinstance(BODY.validate_python({"action": "copy", "workflow_id": "w"}), CopySession)
    for bad in (
        {"action": "copy"},
        {"action": "edit", "workflow_id": ""},
        {"action": "move"},
        {"action": 5},
        {"action": None},
        [1],
        "create",
    ):
        with pytest.raises(ValidationError):
            BODY.validate_python(bad)


async def test_a_session_is_its_owners_only(db: AsyncSession) -> None:
    row = await service.create_session(db, "alice", NewSession())
    assert (await service.get_owned(db, "alice", row.id)).id == row.id
    for user, session_id in (("bob", row.id), ("alice", "missing"), ("alice", "a\x00")):
        with pytest.raises(SessionNotFound):
            await service.get_owned(db, user, session_id)


async def test_messages_are_numbered_in_order_and_history_skips_the_unfinished(
    db: AsyncSession,
) -> None:
    row = await service.create_session(db, "alice", NewSession())
    first = await service.add_message(db, row.id, "user", "hello")
    second = await service.add_message(db, row.id, "assistant", "hi", status="streaming")
    third = await service.add_message(db, row.id, "user", "again")
    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert await service.history(db, row.id, before_seq=4) == [("user", "hello"), ("user", "again")]
    assert [m.seq for m in await service.messages(db, row.id)] == [1, 2, 3]
    assert await repository.next_counter(db, "missing", repository.SessionRow.message_count) is None
    with pytest.raises(SessionNotFound):
        await service.next_message_seq(db, "missing")


async def test_the_turn_a_last_event_id_names(db: AsyncSession) -> None:
    row = await service.create_session(db, "alice", NewSession())
    turn = await service.add_message(db, row.id, "assistant", "", status="streaming")
    question = await service.add_message(db, row.id, "user", "q")
    found = await service.resumable_turn(db, "alice", row.id, EventId("t", turn.id, 1))
    assert found.id == turn.id
    with pytest.raises(InvalidLastEventId):
        await service.resumable_turn(db, "alice", row.id, EventId("g", turn.id, 1))
    for key in (question.id, "0" * 32):  # not an assistant turn; no such turn
        with pytest.raises(EventNotFound):
            await service.resumable_turn(db, "alice", row.id, EventId("t", key, 1))
    with pytest.raises(SessionNotFound):  # the session first: a stranger learns nothing
        await service.resumable_turn(db, "bob", row.id, EventId("t", turn.id, 1))
