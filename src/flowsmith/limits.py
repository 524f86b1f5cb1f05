"""Request size limits, enforced before anything reads the body or parses the query."""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class SizeLimits:
    """413 for a declared or streamed body over ``max_body``, or a query over ``max_query``."""

    def __init__(self, app: ASGIApp, max_body: int, max_query: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_query = max_query

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query:
            await _reject(send, "query_too_long", f"query string over {self.max_query} bytes")
            return
        declared, chunked = _body_framing(scope)
        if declared is not None and declared > self.max_body:
            await _reject(send, "body_too_large", f"request body over {self.max_body} bytes")
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
            await _reject(send, "body_too_large", f"request body over {self.max_body} bytes")


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


async def _reject(send: Send, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
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
