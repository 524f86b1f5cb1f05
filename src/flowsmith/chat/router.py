"""``/api/v1/chat/stream``: start a turn (or resume one with ``Last-Event-ID``) and stream it."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from sse_starlette import ServerSentEvent

from flowsmith.auth.dependencies import CurrentUser
from flowsmith.auth.principal import Principal
from flowsmith.chat.schemas import ChatRequest
from flowsmith.chat.turns import message_event
from flowsmith.db.engine import session_scope
from flowsmith.db.tables import MessageRow
from flowsmith.errors import (
    AUTHENTICATED_ERRORS,
    EmptyMessage,
    EventNotFound,
    InvalidLastEventId,
    InvalidText,
    MessageTooLong,
)
from flowsmith.events.bus import EventBus, encode_payload
from flowsmith.generation.events import turn_channel
from flowsmith.limits import storable_text
from flowsmith.sessions import service as sessions
from flowsmith.streams import (
    STREAM_RESPONSES,
    EncodedEvent,
    EventId,
    event_stream,
    parse_last_event_id,
    sse,
)
from flowsmith.usage import check_budget

router = APIRouter(prefix="/api/v1", tags=["chat"], responses=AUTHENTICATED_ERRORS)

LastEventId = Annotated[str | None, Header(max_length=128)]


@router.get("/chat/stream", response_model=None, responses=STREAM_RESPONSES)
async def chat_stream(
    request: Request,
    user: CurrentUser,
    session_id: Annotated[str, Query(min_length=1, max_length=64)],
    user_message: Annotated[str | None, Query()] = None,
    last_event_id: LastEventId = None,
) -> Response:
    """Stream the assistant's reply to ``user_message`` as server-sent events."""
    return await _stream(request, user, session_id, user_message, last_event_id)


@router.post("/chat/stream", response_model=None, responses=STREAM_RESPONSES)
async def chat_stream_post(
    request: Request, user: CurrentUser, body: ChatRequest, last_event_id: LastEventId = None
) -> Response:
    """The same stream, for long messages and fetch-based clients."""
    return await _stream(request, user, body.session_id, body.user_message, last_event_id)


async def _stream(
    request: Request,
    user: Principal,
    session_id: str,
    user_message: str | None,
    last_event_id: str | None,
) -> Response:
    state = request.app.state
    last = parse_last_event_id(last_event_id)
    if last is None:
        # a new turn: the session's ownership is checked by the turn's start, in its query
        text = _checked_message(user_message, state.settings.max_message_chars)
        await state.rate_limits.check_turn(user.user_id)
        if state.settings.daily_token_budget > 0:
            async with session_scope(state.sessionmaker) as db:
                await check_budget(db, user.user_id, state.settings.daily_token_budget)
        turn_id = await state.turns.start(
            session_id, user.user_id, text, abandoned=request.is_disconnected
        )
        if turn_id is None:
            return Response(status_code=204)  # nobody is listening any more
        return await event_stream(
            request, user.user_id, "chat", _turn_events(state.bus, turn_id, 0)
        )
    async with session_scope(state.sessionmaker) as db:
        session = await sessions.get_owned(db, user.user_id, session_id)
        turn = await db.get(MessageRow, last.key) if last.kind == "t" else None
        if last.kind != "t":
            raise InvalidLastEventId("Last-Event-ID belongs to another stream")
        if turn is None or turn.session_id != session.id or turn.role != "assistant":
            raise EventNotFound("event not found")
        if turn.status != "streaming" and last.position >= turn.last_event_seq:
            return Response(status_code=204)
        finished_at_seq = turn.last_event_seq if turn.status != "streaming" else None
    turn_id, after = last.key, last.position
    if finished_at_seq is not None and not await state.bus.exists(turn_channel(turn_id)):
        # the turn ended and its live events are gone (retention passed, or a Redis
        # restart lost them): no replay is possible, so say so and end, instead of
        # following a channel that will never be written again
        events = _expired_turn_events(turn_id, after, finished_at_seq)
        return await event_stream(request, user.user_id, "chat", events)
    return await event_stream(
        request, user.user_id, "chat", _turn_events(state.bus, turn_id, after)
    )


STREAM_EXPIRED = (
    "\n\n[The rest of this reply is no longer available live. "
    "Open the conversation again to read it in full.]"
)


async def _expired_turn_events(
    turn_id: str, after: int, last_seq: int
) -> AsyncGenerator[ServerSentEvent, None]:
    if last_seq - 1 > after:
        error = {"code": "stream_expired", "message": STREAM_EXPIRED.strip()}
        yield sse(EventId("t", turn_id, last_seq - 1), {"type": "error", "error": error})
    yield sse(EventId("t", turn_id, last_seq), message_event(STREAM_EXPIRED, True))


def _checked_message(text: str | None, limit: int) -> str:
    if text is None or not text.strip():
        raise EmptyMessage("user_message must not be empty")
    if len(text) > limit:
        raise MessageTooLong(f"user_message is longer than {limit} characters")
    if not storable_text(text):
        raise InvalidText("user_message contains a NUL character or an unpaired surrogate")
    return text.strip()


async def _turn_events(
    bus: EventBus, turn_id: str, after: int
) -> AsyncGenerator[ServerSentEvent, None]:
    prefix = f"t.{turn_id}."  # str(EventId("t", turn_id, position)), once per stream
    async with aclosing(bus.subscribe(turn_channel(turn_id), after)) as events:
        async for position, payload in events:
            yield EncodedEvent(encode_payload(payload), f"{prefix}{position}")
