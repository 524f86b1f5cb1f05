"""Request size limits, enforced before anything reads the body or parses the query, and
the HTTP server's own limits, which must let every request within them reach the app."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flowsmith.text import api_text

if TYPE_CHECKING:
    from flowsmith.config import Settings

log = logging.getLogger(__name__)


class SizeLimits:
    """413 for a declared or streamed body over ``max_body``, or a query over ``max_query``;
    422 for a query that is not UTF-8 once percent-decoded.

    Starlette decodes a query's escapes with replacement characters, so ``%FF%FEhello``
    reached the routes as ``'\ufffd\ufffdhello'`` and was stored, while the same bytes in
    a JSON body are refused; both are now malformed input (``invalid_input``).
    """

    def __init__(self, app: ASGIApp, max_body: int, max_query: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_query = max_query

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        if len(query) > self.max_query:
            await _reject(
                send, "query_too_long", api_text("error.query_too_long", limit=self.max_query)
            )
            return
        if query and not utf8_query(query):
            await _reject(send, "invalid_input", api_text("error.query_not_utf8"), status=422)
            return
        declared, chunked = _body_framing(scope)
        if declared is not None and declared > self.max_body:
            await _reject(
                send, "body_too_large", api_text("error.body_too_large", limit=self.max_body)
            )
            return
        if not chunked:
            # the body is at most the declared length (the HTTP server enforces it) or there
            # is none: nothing to count, and no wrapper on every message of a long stream
            await self.app(scope, receive, send)
            return
        await self._counted(scope, receive, send)

    async def _counted(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A chunked body is counted as it arrives; past the limit the app sees the client
        go away, whatever it answers is dropped, and the client gets the 413."""
        seen, over = 0, False

        async def counting_receive() -> Message:
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not over:
                await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not over:
                raise
        if over:
            await _reject(
                send, "body_too_large", api_text("error.body_too_large", limit=self.max_body)
            )


def _body_framing(scope: Scope) -> tuple[int | None, bool]:
    """The declared ``Content-Length`` (None if absent or not a number), and whether the
    body's length is unknown until it has been read (chunked, or a length that is not one)."""
    declared: int | None = None
    unknown = False
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                declared = int(value)
            except ValueError:
                unknown = True
        elif name == b"transfer-encoding":
            unknown = True
    return declared, unknown


def utf8_query(query: bytes) -> bool:
    """True when ``query``, percent-decoded, is UTF-8.

    Decoding the whole string at once is the same test as decoding each name and value:
    the separators (``&``, ``=``) are ASCII, which never occurs inside a valid multi-byte
    sequence, so a sequence split by one is invalid either way. ``+`` and a ``%`` that
    starts no escape are ASCII and left as they are, as Starlette leaves them.
    """
    if b"%" not in query:
        return query.isascii() or _utf8(query)
    return _utf8(unquote_to_bytes(query))


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}).encode()


async def _reject(send: Send, code: str, message: str, status: int = 413) -> None:
    body = _error_body(code, message)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def storable_text(text: str) -> bool:
    """False for text no database of ours can store: a NUL character (PostgreSQL refuses it
    in text and JSON) or an unpaired surrogate (not encodable as UTF-8)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def json_depth_over(value: object, limit: int) -> bool:
    """True when ``value`` nests objects/arrays deeper than ``limit`` (iterative: a hostile
    document cannot exhaust the stack while being measured)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[object] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def unstorable_strings(value: object) -> bool:
    """True when any string in a JSON value (keys included) fails ``storable_text``."""
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not storable_text(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


# ---------------------------------------------------------------------------------------
# The HTTP server's limits. uvicorn refused long request lines before the app saw them,
# with a plain-text ``400 Invalid HTTP request received.``: httptools (what uvicorn runs
# when it is installed) any URL over 64 KiB - 1 (its URL parser keeps offsets in 16
# bits), h11 any request head over 16 KiB. So ``FLOWSMITH_MAX_QUERY_BYTES`` (96 KiB) and
# its JSON 413 could never be reached, and a legal 8,000-character Chinese message in a
# GET (72 KB percent-encoded) failed. ``server_options`` gives uvicorn limits above ours.

# room beyond the largest query for the path and '?' (a URL longer than the largest
# query plus this is refused as a whole)
PATH_ROOM = 8 * 1024
# room beyond the largest URL for the rest of a request head (h11 only: the headers,
# cookies and a token; httptools does not limit them)
HEAD_ROOM = 64 * 1024
# httptools' URL parser refuses URLs longer than this
_HTTPTOOLS_MAX_URL = (1 << 16) - 1
# how long a refused request's remaining bytes are read and dropped before the
# connection is closed (closing at once would reset it under a client still sending, and
# the reset can destroy the response before the client reads it)
LINGER_S = 5.0


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn options for ``flowsmith serve`` (and any server of the app): an HTTP
    protocol whose limit on the request line is above ``FLOWSMITH_MAX_QUERY_BYTES``."""
    max_url = settings.max_query_bytes + PATH_ROOM
    options: dict[str, Any] = {"h11_max_incomplete_event_size": max_url + HEAD_ROOM}
    protocol = _long_url_protocol(settings.max_query_bytes)
    # without httptools, h11 with a request head limit above ours
    options["http"] = protocol if protocol is not None else "h11"
    return options


def _long_url_protocol(max_query: int) -> type[asyncio.Protocol] | None:
    try:
        import httptools
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # pragma: no cover - httptools is a dependency
        return None

    class LongUrlHttpToolsProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol with our URL limit instead of httptools' 64 KiB.

        The URL is parsed by httptools up to its limit; a longer one is split at its first
        ``?`` here (a request target has no fragment; one is dropped as httptools drops
        it). A URL over ``max_query + PATH_ROOM`` is answered with the same JSON 413 as
        ``SizeLimits`` gives, and the rest of the request is read and dropped.
        """

        _refusal: bytes | None = None
        _linger: asyncio.TimerHandle | None = None

        def data_received(self, data: bytes) -> None:
            if self._refusal is not None:
                return  # the rest of a refused request
            super().data_received(data)

        def on_url(self, url: bytes) -> None:
            super().on_url(url)
            if len(self.url) > max_query + PATH_ROOM:
                if len(self.url.partition(b"?")[2]) > max_query:
                    self._refuse(
                        "query_too_long", api_text("error.query_too_long", limit=max_query)
                    )
                self._refuse(
                    "url_too_long", api_text("error.url_too_long", limit=max_query + PATH_ROOM)
                )

        def _refuse(self, code: str, message: str) -> None:
            """Stop parsing; ``send_400_response`` answers with this 413."""
            self._refusal = _error_body(code, message)
            raise httptools.HttpParserError(message)

        def on_headers_complete(self) -> None:
            url = self.url
            if len(url) <= _HTTPTOOLS_MAX_URL:
                super().on_headers_complete()
                return
            path, _, query = url.partition(b"?")
            if len(path) > _HTTPTOOLS_MAX_URL:
                self._refuse(
                    "url_too_long",
                    api_text("error.path_too_long", limit=_HTTPTOOLS_MAX_URL),
                )
            self.url = path
            super().on_headers_complete()
            self.url = url
            # the request's task is created, not started: it sees the whole query
            self.scope["query_string"] = query.partition(b"#")[0]

        def send_400_response(self, msg: str) -> None:
            refusal = self._refusal
            if refusal is None:
                super().send_400_response(msg)
                return
            head = [b"HTTP/1.1 413 Request Entity Too Large\r\n"]
            for name, value in self.server_state.default_headers:
                head += [name, b": ", value, b"\r\n"]
            head += [
                b"content-type: application/json\r\n",
                b"content-length: " + str(len(refusal)).encode("ascii") + b"\r\n",
                b"connection: close\r\n\r\n",
            ]
            self.transport.write(b"".join(head) + refusal)
            if self.transport.can_write_eof():
                # the response is whole; the client's EOF (``eof_received``) or the linger
                # timeout closes the connection
                self.transport.write_eof()
                self._linger = asyncio.get_running_loop().call_later(LINGER_S, self.transport.close)
            else:  # pragma: no cover - TLS transports cannot half-close
                self.transport.close()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._linger is not None:
                self._linger.cancel()
                self._linger = None
            super().connection_lost(exc)

    return LongUrlHttpToolsProtocol
