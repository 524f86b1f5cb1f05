"""SSE framing shared by both streams: event ids, event encoding, the ``Last-Event-ID`` rule.

An id names the channel it came from and the position in it: ``t.<turn>.<n>`` (a chat
turn), ``g.<generation>.<n>`` (a generation), ``s.<session>.<n>`` (a session's ``waiting``
notices). Events carry no ``event:`` field: the seed listens with ``onmessage``, which only
sees unnamed events, so the kind of event lives in the JSON's ``type``.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import Request
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.background import BackgroundTask

from flowsmith.errors import InvalidLastEventId
from flowsmith.observability import STREAM_EVENTS, STREAMS_OPEN

StreamKind = Literal["t", "g", "s"]
_ID = re.compile(r"^(?P<kind>[tgs])\.(?P<key>[0-9a-f]{32})\.(?P<pos>\d{1,9})$")


@dataclass(frozen=True)
class EventId:
    kind: StreamKind
    key: str
    position: int

    def __str__(self) -> str:
        return f"{self.kind}.{self.key}.{self.position}"


def parse_last_event_id(raw: str | None) -> EventId | None:
    """``None`` for an absent or blank header; 422 for one we could never have sent."""
    if raw is None or not raw.strip():
        return None
    match = _ID.match(raw.strip())
    if match is None:
        raise InvalidLastEventId("Last-Event-ID is not an id this service sent")
    kind: StreamKind = match["kind"]  # type: ignore[assignment]
    return EventId(kind, match["key"], int(match["pos"]))


def encode_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def sse(event_id: EventId, payload: dict[str, Any]) -> ServerSentEvent:
    return ServerSentEvent(data=encode_json(payload), id=str(event_id))


def keepalive_comment() -> ServerSentEvent:
    return ServerSentEvent(comment="keepalive")


async def _counted(
    kind: str, events: AsyncIterator[ServerSentEvent]
) -> AsyncIterator[ServerSentEvent]:
    open_gauge, sent = STREAMS_OPEN.labels(kind), STREAM_EVENTS.labels(kind)
    open_gauge.inc()
    try:
        async for event in events:
            sent.inc()
            yield event
    finally:
        open_gauge.dec()


async def event_stream(
    request: Request, user_id: str, kind: str, events: AsyncIterator[ServerSentEvent]
) -> EventSourceResponse:
    """The SSE response for ``events``, holding one of the user's stream slots while open.

    The slot is released by the response's background task, which runs once the stream
    has ended for any reason (finished, client gone, server shutting down).
    """
    state = request.app.state
    slot = await state.rate_limits.open_stream(user_id)
    release = BackgroundTask(state.rate_limits.close_stream, user_id, slot)
    return EventSourceResponse(
        _counted(kind, events), ping=state.settings.keepalive_s, background=release
    )
