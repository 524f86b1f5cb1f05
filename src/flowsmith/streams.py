"""SSE framing shared by both streams: event ids, event encoding, the ``Last-Event-ID`` rule.

An id names the channel it came from and the position in it: ``t.<turn>.<n>`` (a chat
turn), ``g.<generation>.<n>`` (a generation), ``s.<session>.<n>`` (a session's ``waiting``
notices). Events carry no ``event:`` field: the seed listens with ``onmessage``, which only
sees unnamed events, so the kind of event lives in the JSON's ``type``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections import OrderedDict
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple

import sse_starlette.sse as _sse
from fastapi import Request
from sse_starlette import EventSourceResponse, ServerSentEvent
from sse_starlette.event import ensure_bytes
from sse_starlette.sse import AppStatus
from starlette.background import BackgroundTask
from starlette.types import Receive, Scope, Send

from flowsmith.errors import InvalidLastEventId, error_responses
from flowsmith.events.bus import encode_payload
from flowsmith.observability import STREAM_EVENTS, STREAM_SECONDS, STREAMS_OPEN
from flowsmith.text import api_text

log = logging.getLogger(__name__)
StreamKind = Literal["t", "g", "s"]
_ID = re.compile(r"^(?P<kind>[tgs])\.(?P<key>[0-9a-f]{32})\.(?P<pos>\d{1,9})$")

STREAM_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-sent events (``id:`` and JSON ``data:``, no ``event:``)",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    },
    204: {"description": "Last-Event-ID names the end of a finished stream: nothing to resume"},
    **error_responses(404, 429),
}


class EventId(NamedTuple):
    # a tuple, not a frozen dataclass: one is made per event sent, and a frozen
    # dataclass's __init__ cost more than the rest of the event's framing
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
        raise InvalidLastEventId(api_text("error.last_event_id.unknown"))
    kind: StreamKind = match["kind"]  # type: ignore[assignment]
    return EventId(kind, match["key"], int(match["pos"]))


def sse(event_id: EventId, payload: dict[str, Any]) -> ServerSentEvent:
    return EncodedEvent(encode_payload(payload), str(event_id))


class EncodedEvent(ServerSentEvent):
    """An event whose bytes are made once, when it is made, by plain concatenation.

    The same bytes sse-starlette's ``encode`` would make, without its line splitting: the
    data is compact JSON, which escapes CR and LF inside strings and has none outside
    them, and the id is one of ours (``[tgs].<hex>.<n>``), so there is nothing to split.
    Encoded once, it is also what a thousand listeners of one event share.
    """

    def __init__(self, data: str, event_id: str) -> None:
        super().__init__(data=data, id=event_id)
        self._encoded = f"id: {event_id}\r\ndata: {data}\r\n\r\n".encode()

    def encode(self) -> bytes:
        return self._encoded


# (event id, id of the payload object) -> (the payload, its event); the payload is held so
# its id cannot be reused while the entry lives
_SHARED: OrderedDict[tuple[str, int], tuple[dict[str, Any], ServerSentEvent]] = OrderedDict()
_SHARED_MAX = 256


def shared_sse(event_id: EventId, payload: dict[str, Any]) -> ServerSentEvent:
    """``sse`` for an event that every listener of a channel gets (a generation's).

    The bus hands the same payload object to all of a process's subscribers of a channel,
    so the event is made and encoded once for all of them: a ``complete`` carries the
    whole workflow, and encoding it for each of a thousand listeners delayed the last of
    them by tens of milliseconds.
    """
    key = (str(event_id), id(payload))
    entry = _SHARED.get(key)
    if entry is None:
        entry = _SHARED[key] = (payload, EncodedEvent(encode_payload(payload), key[0]))
        if len(_SHARED) > _SHARED_MAX:
            _SHARED.popitem(last=False)
    return entry[1]


def keepalive_comment() -> ServerSentEvent:
    return ServerSentEvent(comment="keepalive")


async def _counted(
    kind: str, user_id: str, events: AsyncGenerator[ServerSentEvent, None]
) -> AsyncIterator[ServerSentEvent]:
    """Metrics and log lines of one stream. The body runs in the request's task, so every
    line here carries the id of the request that opened the stream."""
    open_gauge, sent = STREAMS_OPEN.labels(kind), STREAM_EVENTS.labels(kind)
    open_gauge.inc()
    started, count, outcome = time.perf_counter(), 0, "client gone"
    log.info("stream opened: %s for user %s", kind, user_id)
    try:
        # closed here, in the request's task, the moment the stream ends: an inner
        # generator left to the garbage collector would keep its bus subscription (and,
        # on Redis, a blocking XREAD and its connection) alive until a collection runs
        async with contextlib.aclosing(events) as inner:
            async for event in inner:
                sent.inc()
                count += 1
                if log.isEnabledFor(logging.DEBUG):
                    log.debug("stream event: %s %s %s", kind, event.id, _event_type(event))
                yield event
        outcome = "ended"
    except Exception as exc:
        outcome = f"failed: {type(exc).__name__}"
        raise
    finally:
        open_gauge.dec()
        elapsed = time.perf_counter() - started
        STREAM_SECONDS.labels(kind).observe(elapsed)
        log.info("stream closed: %s, %d events in %.2f s (%s)", kind, count, elapsed, outcome)


def _event_type(event: ServerSentEvent) -> str:
    try:
        return str(json.loads(str(event.data)).get("type"))
    except (ValueError, AttributeError):
        return "?"


class _ShutdownHook:
    """Stands in sse-starlette's set of per-stream shutdown events (its watcher calls
    ``set()`` on each when the server starts shutting down)."""

    __slots__ = ("_on_shutdown",)

    def __init__(self, on_shutdown: Callable[[], None]) -> None:
        self._on_shutdown = on_shutdown

    def set(self) -> None:
        self._on_shutdown()


class StreamResponse(EventSourceResponse):
    """sse-starlette's response, run on plain asyncio: the same bytes, pings, disconnect
    and shutdown handling, without an anyio task group of four tasks per stream.

    The events go out from the request's own task; one small task waits for the client's
    disconnect; pings are a timer; shutdown is noticed by sse-starlette's own watcher. An
    open stream held ~45 KiB of the server's memory, a third of it anyio's task group and
    cancel scopes; and each event no longer pays for an anyio cancel scope around its send.
    Options this service does not use (a send timeout, cooperative shutdown, custom
    disconnect handlers) fall back to sse-starlette's own ``__call__``.
    """

    _stream_task: asyncio.Task[Any] | None = None
    _ended_by_us = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        shutdown = _sse_shutdown_state()
        if (
            scope["type"] != "http"
            or scope["method"].upper() == "HEAD"
            or shutdown is None
            or self.send_timeout is not None
            or self.data_sender_callable is not None
            or self.client_close_handler_callable is not None
            or self._shutdown_event is not None
            or self._shutdown_grace_period > 0
        ):
            await super().__call__(scope, receive, send)
            return
        task = asyncio.current_task()
        assert task is not None
        self._stream_task = task
        loop = asyncio.get_running_loop()
        send_lock = asyncio.Lock()
        watcher = loop.create_task(self._watch_disconnect(receive))
        hook = _ShutdownHook(self._end_stream)
        state, ensure_watcher = shutdown
        ensure_watcher()
        state.events.add(hook)
        if AppStatus.should_exit:
            self._end_stream()  # as sse-starlette: a stream opened during shutdown ends at once
        ping: asyncio.TimerHandle | None = None
        pinging: asyncio.Task[None] | None = None

        def ping_due() -> None:
            nonlocal ping, pinging
            ping = None
            if self.active:
                pinging = loop.create_task(send_ping())

        async def send_ping() -> None:
            nonlocal ping
            message = self.ping_message_factory() if self.ping_message_factory else None
            chunk = ensure_bytes(
                message or ServerSentEvent(comment=f"ping - {datetime.now(UTC)}", sep=self.sep),
                self.sep,
            )
            try:
                async with send_lock:
                    if self.active:
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
            except Exception:
                self._end_stream()  # the connection is gone: end the stream as a disconnect
                return
            if self.active:
                ping = loop.call_later(self._ping_interval, ping_due)

        if self._ping_interval > 0:
            ping = loop.call_later(self._ping_interval, ping_due)
        try:
            await self._send_events(send, send_lock)
        except asyncio.CancelledError:
            if not self._ended_by_us:
                raise
            task.uncancel()
        finally:
            self.active = False
            self._stream_task = None
            if ping is not None:
                ping.cancel()
            if pinging is not None:
                pinging.cancel()
            watcher.cancel()
            state.events.discard(hook)
        if self.background is not None:
            await self.background()

    async def _send_events(self, send: Send, send_lock: asyncio.Lock) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        async for data in self.body_iterator:
            try:
                chunk = ensure_bytes(data, self.sep)
                async with send_lock:
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            except BaseException:
                # as sse-starlette: close the iterator before the error goes on
                aclose = getattr(self.body_iterator, "aclose", None)
                if aclose is not None:
                    with contextlib.suppress(Exception):
                        await asyncio.shield(aclose())
                raise
        async with send_lock:
            self.active = False
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _watch_disconnect(self, receive: Receive) -> None:
        while self.active:
            message = await receive()
            if message["type"] == "http.disconnect":
                self._end_stream()
                return

    def _end_stream(self) -> None:
        """The client went away or the server is stopping: stop sending."""
        self.active = False
        task = self._stream_task
        if task is not None and not self._ended_by_us:
            self._ended_by_us = True
            task.cancel()


def _sse_shutdown_state() -> tuple[Any, Callable[[], None]] | None:
    """sse-starlette's per-loop shutdown watcher (private; None if it has moved)."""
    state_of = getattr(_sse, "_get_shutdown_state", None)
    ensure = getattr(_sse, "_ensure_watcher_started_on_this_loop", None)
    if state_of is None or ensure is None:
        return None
    state = state_of()
    return (state, ensure) if isinstance(getattr(state, "events", None), set) else None


async def event_stream(
    request: Request, user_id: str, kind: str, events: AsyncGenerator[ServerSentEvent, None]
) -> EventSourceResponse:
    """The SSE response for ``events``, holding one of the user's stream slots while open.

    The slot is released by the response's background task, which runs once the stream
    has ended for any reason (finished, client gone, server shutting down).
    """
    state = request.app.state
    slot = await state.rate_limits.open_stream(user_id)
    release = BackgroundTask(state.rate_limits.close_stream, user_id, slot)
    return StreamResponse(
        _counted(kind, user_id, events), ping=state.settings.keepalive_s, background=release
    )
