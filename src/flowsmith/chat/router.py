"""``/api/v1/chat/stream``: start a turn (or resume one with ``Last-Event-ID``) and stream it."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sse_starlette import ServerSentEvent

from flowsmith.auth.dependencies import CurrentUser
from flowsmith.auth.principal import Principal
from flowsmith.chat.schemas import USER_MESSAGE_DOC, USER_MESSAGE_SCHEMA, ChatRequest
from flowsmith.chat.turns import TurnManager, message_event
from flowsmith.config import Settings
from flowsmith.db.engine import session_scope
from flowsmith.deps import Bus, ChatResumeFrom, Limits, SessionMaker, SettingsDep, Turns
from flowsmith.errors import AUTHENTICATED_ERRORS, EmptyMessage, InvalidText, MessageTooLong
from flowsmith.events.bus import EventBus, encode_payload
from flowsmith.generation.events import turn_channel
from flowsmith.limits import storable_text
from flowsmith.openapi import chat_stream_responses
from flowsmith.ratelimit import RateLimits
from flowsmith.sessions import service as sessions
from flowsmith.streams import EncodedEvent, EventId, StreamResponse, event_stream, sse
from flowsmith.text import api_text, text
from flowsmith.usage import check_budget

router = APIRouter(prefix="/api/v1", tags=["chat"], responses=AUTHENTICATED_ERRORS)


@router.get(
    "/chat/stream",
    response_model=None,
    response_class=StreamResponse,
    responses=chat_stream_responses(),
)
async def chat_stream(
    request: Request,
    user: CurrentUser,
    turns: Turns,
    bus: Bus,
    limits: Limits,
    settings: SettingsDep,
    maker: SessionMaker,
    session_id: Annotated[str, Query(min_length=1, max_length=64)],
    resume: ChatResumeFrom,
    # required by the document (a new turn needs it); a reconnect with Last-Event-ID, which
    # EventSource sends to the same URL, resumes the turn and does not read it
    user_message: Annotated[
        str | None,
        Query(description=USER_MESSAGE_DOC, json_schema_extra=USER_MESSAGE_SCHEMA),
    ] = None,
) -> Response:
    """Stream the assistant's reply to ``user_message`` as server-sent events."""
    chat = _Chat(request, user, turns, bus, limits, settings, maker)
    return await chat.stream(session_id, user_message, resume)


@router.post(
    "/chat/stream",
    response_model=None,
    response_class=StreamResponse,
    responses=chat_stream_responses(),
)
async def chat_stream_post(
    request: Request,
    user: CurrentUser,
    turns: Turns,
    bus: Bus,
    limits: Limits,
    settings: SettingsDep,
    maker: SessionMaker,
    body: ChatRequest,
    resume: ChatResumeFrom,
) -> Response:
    """The same stream, for long messages and fetch-based clients."""
    chat = _Chat(request, user, turns, bus, limits, settings, maker)
    return await chat.stream(body.session_id, body.user_message, resume)


class _Chat:
    """One request's stream: a new turn, or the rest of one after ``Last-Event-ID``."""

    def __init__(
        self,
        request: Request,
        user: Principal,
        turns: TurnManager,
        bus: EventBus,
        limits: RateLimits,
        settings: Settings,
        maker: async_sessionmaker[AsyncSession],
    ) -> None:
        self.request = request
        self.user = user
        self.turns = turns
        self.bus = bus
        self.limits = limits
        self.settings = settings
        self.maker = maker

    async def stream(
        self, session_id: str, user_message: str | None, last: EventId | None
    ) -> Response:
        if last is None:
            return await self._new_turn(session_id, user_message)
        user_id = self.user.user_id
        async with session_scope(self.maker) as db:
            turn = await sessions.resumable_turn(db, user_id, session_id, last)
            if turn.status != "streaming" and last.position >= turn.last_event_seq:
                return Response(status_code=204)
            finished_at_seq = turn.last_event_seq if turn.status != "streaming" else None
        turn_id, after = last.key, last.position
        if finished_at_seq is not None and not await self.bus.exists(turn_channel(turn_id)):
            # the turn ended and its live events are gone (retention passed, or a Redis
            # restart lost them): no replay is possible, so say so and end, instead of
            # following a channel that will never be written again
            events = _expired_turn_events(turn_id, after, finished_at_seq)
            return await event_stream(self.request, user_id, "chat", events)
        return await event_stream(
            self.request, user_id, "chat", _turn_events(self.bus, turn_id, after)
        )

    async def _new_turn(self, session_id: str, user_message: str | None) -> Response:
        # the session's ownership is checked by the turn's start, in its query
        user_id = self.user.user_id
        text = _checked_message(user_message, self.settings.max_message_chars)
        await self.limits.check_turn(user_id)
        if self.settings.daily_token_budget > 0:
            async with session_scope(self.maker) as db:
                await check_budget(db, user_id, self.settings.daily_token_budget)
        turn_id = await self.turns.start(
            session_id, user_id, text, abandoned=self.request.is_disconnected
        )
        if turn_id is None:
            return Response(status_code=204)  # nobody is listening any more
        return await event_stream(self.request, user_id, "chat", _turn_events(self.bus, turn_id, 0))


# in English, as the chat turn's other failure notices (chat/turns.py FAILURE_TEXT)
STREAM_EXPIRED = "\n\n" + text("chat.stream_expired", "en")


async def _expired_turn_events(
    turn_id: str, after: int, last_seq: int
) -> AsyncGenerator[ServerSentEvent, None]:
    if last_seq - 1 > after:
        error = {"code": "stream_expired", "message": STREAM_EXPIRED.strip()}
        yield sse(EventId("t", turn_id, last_seq - 1), {"type": "error", "error": error})
    yield sse(EventId("t", turn_id, last_seq), message_event(STREAM_EXPIRED, True))


def _checked_message(text: str | None, limit: int) -> str:
    if text is None or not text.strip():
        raise EmptyMessage(api_text("error.empty_message"))
    if len(text) > limit:
        raise MessageTooLong(api_text("error.message_too_long", limit=limit))
    if not storable_text(text):
        raise InvalidText(api_text("error.message_invalid_text"))
    return text.strip()


async def _turn_events(
    bus: EventBus, turn_id: str, after: int
) -> AsyncGenerator[ServerSentEvent, None]:
    prefix = f"t.{turn_id}."  # str(EventId("t", turn_id, position)), once per stream
    async with aclosing(bus.subscribe(turn_channel(turn_id), after)) as events:
        async for position, payload in events:
            yield EncodedEvent(encode_payload(payload), f"{prefix}{position}")
