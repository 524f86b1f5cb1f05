"""Typed FastAPI dependencies: what a route needs from the running app, by name.

The lifespan (``app.py``) builds one of each on ``app.state``; routes take them as
parameters (``turns: Turns``, ``bus: Bus``, ``limits: Limits``, ``settings: SettingsDep``,
``db: SessionDep``, ``resume: ChatResumeFrom``) and never read ``request.app.state`` themselves.
A missing one is a wiring bug: a 500, never a silent default.

(No ``from __future__ import annotations`` here: FastAPI reads the header dependency's
annotation at runtime, and it refers to a value of its enclosing function.)
"""

import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from flowsmith.chat.turns import TurnManager
from flowsmith.config import Settings
from flowsmith.db.engine import SessionDep
from flowsmith.errors import InvalidLastEventId
from flowsmith.events.bus import EventBus
from flowsmith.generation.runner import GenerationRunner
from flowsmith.ratelimit import RateLimits
from flowsmith.streams import EventId, parse_last_event_id
from flowsmith.text import api_text

__all__ = [
    "CHAT_EVENT_IDS",
    "GENERATION_EVENT_IDS",
    "Bus",
    "ChatResumeFrom",
    "EngineDep",
    "GenerationResumeFrom",
    "Limits",
    "Runner",
    "SessionDep",
    "SessionMaker",
    "SettingsDep",
    "Turns",
]


def _state(request: Request, name: str) -> Any:
    value = getattr(request.app.state, name, None)
    if value is None:
        raise RuntimeError(f"app.state.{name} is not set (is the lifespan running?)")
    return value


def _settings(request: Request) -> Settings:
    settings: Settings = _state(request, "settings")
    return settings


def _turns(request: Request) -> TurnManager:
    turns: TurnManager = _state(request, "turns")
    return turns


def _runner(request: Request) -> GenerationRunner:
    runner: GenerationRunner = _state(request, "runner")
    return runner


def _bus(request: Request) -> EventBus:
    bus: EventBus = _state(request, "bus")
    return bus


def _limits(request: Request) -> RateLimits:
    limits: RateLimits = _state(request, "rate_limits")
    return limits


def _sessionmaker(request: Request) -> async_sessionmaker[AsyncSession]:
    maker: async_sessionmaker[AsyncSession] = _state(request, "sessionmaker")
    return maker


def _engine(request: Request) -> AsyncEngine:
    engine: AsyncEngine = _state(request, "engine")
    return engine


SettingsDep = Annotated[Settings, Depends(_settings)]
EngineDep = Annotated[AsyncEngine, Depends(_engine)]
Turns = Annotated[TurnManager, Depends(_turns)]
Runner = Annotated[GenerationRunner, Depends(_runner)]
Bus = Annotated[EventBus, Depends(_bus)]
Limits = Annotated[RateLimits, Depends(_limits)]
SessionMaker = Annotated[async_sessionmaker[AsyncSession], Depends(_sessionmaker)]


# What ``Last-Event-ID`` may be: an id this stream sent (``streams.EventId``: ``t.`` ids on
# the chat stream, ``g.``/``s.`` ids on the generation stream), or empty (the same as none).
# The OpenAPI document carries the pattern; a value outside it is a 422
# ``invalid_last_event_id`` (checked here, so the error keeps its code). Surrounding spaces
# and tabs, which HTTP strips from a header value anyway, are ignored.
def last_event_id_pattern(kinds: str) -> str:
    return rf"^(?:[{kinds}]\.[0-9a-f]{{32}}\.[0-9]{{1,9}})?$"


CHAT_EVENT_IDS = last_event_id_pattern("t")
GENERATION_EVENT_IDS = last_event_id_pattern("gs")
_LAST_EVENT_ID_DOC = (
    "The id of the last event received (what EventSource sends when it reconnects): the "
    "stream continues after it. Empty is the same as absent."
)


def _resume_from(pattern: str) -> Callable[..., EventId | None]:
    compiled = re.compile(pattern)

    def resume_from(
        last_event_id: Annotated[
            str,
            # the pattern is documented, and checked below (so the error keeps its code)
            Header(
                max_length=128,
                description=_LAST_EVENT_ID_DOC,
                json_schema_extra={"pattern": pattern},
            ),
        ] = "",
    ) -> EventId | None:
        value = last_event_id.strip(" \t")
        if compiled.fullmatch(value) is None:
            if _ANY_EVENT_ID.fullmatch(value):
                raise InvalidLastEventId(api_text("error.last_event_id.other_stream"))
            raise InvalidLastEventId(api_text("error.last_event_id.unknown"))
        return parse_last_event_id(value)

    return resume_from


_ANY_EVENT_ID = re.compile(last_event_id_pattern("tgs"))
ChatResumeFrom = Annotated[EventId | None, Depends(_resume_from(CHAT_EVENT_IDS))]
GenerationResumeFrom = Annotated[EventId | None, Depends(_resume_from(GENERATION_EVENT_IDS))]
