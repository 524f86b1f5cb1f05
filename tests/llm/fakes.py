"""Fake OpenAI and Anthropic servers: real HTTP on 127.0.0.1, scripted per test.

Each server is uvicorn serving a small Starlette app in a background thread with its own
event loop, so the client under test goes through real sockets, real chunked SSE and real
disconnects. Typical use::

    fake.script(text("Hello there", chunks=3, delay=0.05), http_error(429, retry_after=0.1))
    ... run the code under test ...
    assert len(fake.requests) == 2
    assert fake.requests[0].json["stream"] is True

Each request takes the next item from the script (``fake.default`` once the script is
empty; a 500 when there is none). Items:

* ``text(s, chunks=N, delay=d)`` — a text reply in N pieces, ``d`` seconds apart;
  ``hold=event`` (a ``threading.Event``) sends the first piece, then waits for the test to
  set the event before sending the rest (ordering checks without wall-clock bounds).
* ``tool_call(name, args, fragments=N)`` / ``tool_calls(Call(...), ...)`` — tool calls whose
  JSON arguments arrive split into N fragments.
* ``json_body(value)`` / ``raw_text(s)`` — a structured reply, delivered the way the request
  asked: as content when it set a json_schema ``response_format``, as the forced tool's
  arguments when it forced a tool, else as text (``fenced=True`` wraps it in a ```json
  fence). ``raw_text`` sends the string as is, e.g. invalid JSON.
* ``http_error(status, retry_after=..., message=...)`` — an error in the real API's format.
* ``stall(seconds, after_headers=False)`` — accept and send nothing (or only the headers).
* ``reject_response_format()`` — the 400 of a server without json_schema support.
* ``stream_error(after=N)`` — an error event inside a 200 stream after N chunks.
* ``raw_error(status, body, **headers)`` — a real server's error body, byte for byte
  (``real_errors.py`` holds the ones recorded from vLLM, Ollama, llama.cpp, OpenAI and
  Anthropic); ``raw_stream(*events)`` — exact SSE payloads.

``text(..., drop_after=N)`` drops the connection after N chunks; ``finish=False`` ends the
stream cleanly but without the provider's end marker.

Server-wide capabilities, which do not consume the script: ``FakeOpenAI.response_format_supported``,
``strict_supported``, ``tools_supported``, ``rejects_max_tokens``;
``FakeAnthropic.forced_tool_supported``.

Every request is recorded (``path``, ``headers``, ``json``) with ``completed`` (the whole
response was sent) and ``disconnected`` (the client went away first).
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Self

import uvicorn
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

# --- script items ---------------------------------------------------------------------------

Usage = tuple[int, int]  # (prompt tokens, completion tokens)


@dataclass(frozen=True)
class Text:
    text: str
    chunks: int = 1
    delay: float = 0.0
    usage: Usage = (10, 5)
    drop_after: int | None = None
    finish: bool = True
    hold: threading.Event | None = None


@dataclass(frozen=True)
class Call:
    name: str
    arguments: dict[str, Any] | str
    id: str | None = None


@dataclass(frozen=True)
class ToolCalls:
    calls: tuple[Call, ...]
    text: str = ""
    fragments: int = 3
    delay: float = 0.0
    usage: Usage = (10, 5)


@dataclass(frozen=True)
class JsonReply:
    payload: str
    fenced: bool = False
    prose: str = ""
    chunks: int = 3
    delay: float = 0.0
    usage: Usage = (10, 5)


@dataclass(frozen=True)
class HttpError:
    status: int
    message: str | None = None
    error_type: str | None = None
    retry_after: str | None = None
    param: str | None = None


@dataclass(frozen=True)
class Stall:
    seconds: float
    after_headers: bool = False


@dataclass(frozen=True)
class RejectResponseFormat:
    pass


@dataclass(frozen=True)
class StreamError:
    after: int = 0
    error_type: str = "overloaded_error"
    message: str = "Overloaded"
    text: str = "partial reply that never finishes"


@dataclass(frozen=True)
class RawError:
    """An error response with an exact body, as a real server sends it."""

    status: int
    body: Any
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RawStream:
    """A 200 stream of exact SSE ``data:`` payloads (dicts are sent as JSON)."""

    events: tuple[Any, ...]
    event_names: tuple[str | None, ...] = ()


Item = (
    Text
    | ToolCalls
    | JsonReply
    | HttpError
    | Stall
    | RejectResponseFormat
    | StreamError
    | RawError
    | RawStream
)


def raw_error(status: int, body: Any, **headers: str) -> RawError:
    """``body`` sent as is (a dict as JSON, a str as text); ``headers`` with ``_`` for ``-``."""
    return RawError(status, body, tuple((k.replace("_", "-"), v) for k, v in headers.items()))


def raw_stream(*events: Any, names: tuple[str | None, ...] = ()) -> RawStream:
    return RawStream(tuple(events), names)


def text(
    s: str,
    *,
    chunks: int = 1,
    delay: float = 0.0,
    usage: Usage = (10, 5),
    drop_after: int | None = None,
    finish: bool = True,
    hold: threading.Event | None = None,
) -> Text:
    return Text(s, chunks, delay, usage, drop_after, finish, hold)


def tool_call(
    name: str,
    arguments: dict[str, Any] | str,
    *,
    fragments: int = 3,
    delay: float = 0.0,
    id: str | None = None,
    text: str = "",
    usage: Usage = (10, 5),
) -> ToolCalls:
    return ToolCalls((Call(name, arguments, id),), text, fragments, delay, usage)


def tool_calls(
    *calls: Call, fragments: int = 3, delay: float = 0.0, text: str = "", usage: Usage = (10, 5)
) -> ToolCalls:
    return ToolCalls(tuple(calls), text, fragments, delay, usage)


def json_body(
    value: Any,
    *,
    fenced: bool = False,
    prose: str = "",
    chunks: int = 3,
    delay: float = 0.0,
    usage: Usage = (10, 5),
) -> JsonReply:
    return JsonReply(json.dumps(value), fenced, prose, chunks, delay, usage)


def raw_text(s: str, *, chunks: int = 3, usage: Usage = (10, 5)) -> JsonReply:
    return JsonReply(s, chunks=chunks, usage=usage)


def http_error(
    status: int,
    *,
    retry_after: float | str | None = None,
    message: str | None = None,
    error_type: str | None = None,
    param: str | None = None,
) -> HttpError:
    after = None if retry_after is None else str(retry_after)
    return HttpError(status, message, error_type, after, param)


def stall(seconds: float, *, after_headers: bool = False) -> Stall:
    return Stall(seconds, after_headers)


def reject_response_format() -> RejectResponseFormat:
    return RejectResponseFormat()


def stream_error(
    after: int = 0, *, error_type: str = "overloaded_error", message: str = "Overloaded"
) -> StreamError:
    return StreamError(after, error_type, message)


# --- what was received ------------------------------------------------------------------------


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    json: Any
    item: Item | None = None
    completed: bool = False
    disconnected: threading.Event = field(default_factory=threading.Event)
    received_at: float = field(default_factory=time.monotonic)

    @property
    def stream(self) -> bool:
        return bool(isinstance(self.json, dict) and self.json.get("stream"))


# --- a reply, neutral, before each API's wire format ------------------------------------------


@dataclass
class Reply:
    pieces: list[str]
    calls: list[tuple[str, str, list[str]]]  # (id, name, argument fragments)
    delay: float = 0.0
    usage: Usage = (10, 5)
    drop_after: int | None = None
    finish: bool = True
    error: StreamError | None = None
    hold: threading.Event | None = None


def split(s: str, n: int) -> list[str]:
    """``s`` in ``n`` pieces (fewer if it is shorter), concatenating back to ``s``."""
    if not s:
        return []
    n = max(1, min(n, len(s)))
    size = -(-len(s) // n)
    return [s[i : i + size] for i in range(0, len(s), size)]


def _args_text(arguments: dict[str, Any] | str) -> str:
    return arguments if isinstance(arguments, str) else json.dumps(arguments)


class _DropConnection(Exception):
    """Raised inside a response to make uvicorn cut the connection mid-body."""


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], _DropConnection))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Endpoint:
    """A plain ASGI callable (Starlette would wrap a bound method as request/response)."""

    def __init__(self, handler: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.handler(scope, receive, send)


class FakeServer:
    path = "/"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._script: deque[Item] = deque()
        self.default: Item | None = None
        self.requests: list[RecordedRequest] = []
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        routes = [Route(self.path, _Endpoint(self._handle), methods=["POST"])]
        routes += [
            Route(path, _Endpoint(handler), methods=["GET"]) for path, handler in self._gets()
        ]
        app = Starlette(routes=routes)
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="error",
            lifespan="off",
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        logging.getLogger("uvicorn.error").addFilter(_QuietDrops())

    # -- lifecycle

    def start(self) -> Self:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("fake server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)

    def reset(self) -> None:
        with self._lock:
            self._script.clear()
            self.requests.clear()
        self.default = None
        self._reset_capabilities()

    def _reset_capabilities(self) -> None:
        pass

    def _gets(self) -> list[tuple[str, Callable[[Scope, Receive, Send], Awaitable[None]]]]:
        return []

    # -- scripting and inspection

    def script(self, *items: Item) -> None:
        with self._lock:
            self._script.extend(items)

    def _take(self) -> Item | None:
        with self._lock:
            return self._script.popleft() if self._script else self.default

    @property
    def bodies(self) -> list[Any]:
        return [r.json for r in self.requests]

    async def wait_disconnect(self, request: RecordedRequest, within: float = 2.0) -> bool:
        """Whether the client closed ``request``'s connection before the response ended,
        waiting up to ``within`` seconds for it."""
        return await asyncio.to_thread(request.disconnected.wait, within)

    # -- serving

    async def _handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        request = RecordedRequest(scope["path"], headers, json.loads(body or b"null"))
        with self._lock:
            self.requests.append(request)
        responder = asyncio.ensure_future(self._respond(request, _Sender(send, request)))
        watcher = asyncio.ensure_future(self._watch(receive, request))
        await asyncio.wait({responder, watcher}, return_when=asyncio.FIRST_COMPLETED)
        if not responder.done():
            # the client went away: stop writing, as a real server would
            responder.cancel()
            await asyncio.gather(responder, return_exceptions=True)
            return
        watcher.cancel()
        await asyncio.gather(watcher, return_exceptions=True)
        responder.result()  # re-raises _DropConnection, so uvicorn cuts the connection

    async def _watch(self, receive: Receive, request: RecordedRequest) -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                if not request.completed:
                    request.disconnected.set()
                return

    async def _respond(self, request: RecordedRequest, out: _Sender) -> None:
        refusal = self._refusal(request.json)
        if refusal is not None:
            await self._error(out, refusal)
            return
        item = self._take()
        request.item = item
        if item is None:
            await self._error(out, HttpError(500, "fake: the script is empty"))
        elif isinstance(item, HttpError):
            await self._error(out, item)
        elif isinstance(item, RawError):
            if isinstance(item.body, str):
                await out.start(item.status, "text/plain", dict(item.headers))
                await out.chunk(item.body.encode())
                await out.end()
            else:
                await out.json(item.status, item.body, dict(item.headers))
        elif isinstance(item, RawStream):
            await out.start(200, "text/event-stream")
            for index, event in enumerate(item.events):
                data = event if isinstance(event, str) else json.dumps(event)
                name = item.event_names[index] if index < len(item.event_names) else None
                head = f"event: {name}\n" if name else ""
                await out.chunk(f"{head}data: {data}\n\n".encode())
            await out.end()
        elif isinstance(item, RejectResponseFormat):
            await self._error(out, self._response_format_error())
        elif isinstance(item, Stall):
            await self._stall(out, item)
        else:
            reply = self._reply(item, request.json)
            if request.stream:
                await self._stream(out, reply, request.json)
            else:
                await out.json(200, self._whole(reply, request.json))

    async def _stall(self, out: _Sender, item: Stall) -> None:
        if item.after_headers:
            await out.start(200, "text/event-stream")
            await asyncio.sleep(item.seconds)
            await out.end()
        else:
            await asyncio.sleep(item.seconds)
            await self._error(out, HttpError(504, "fake: stalled"))

    def _reply(self, item: Item, body: Any) -> Reply:
        if isinstance(item, Text):
            return Reply(
                split(item.text, item.chunks),
                [],
                item.delay,
                item.usage,
                item.drop_after,
                item.finish,
                hold=item.hold,
            )
        if isinstance(item, ToolCalls):
            calls = [
                (
                    c.id or f"call_{uuid.uuid4().hex[:8]}",
                    c.name,
                    split(_args_text(c.arguments), item.fragments),
                )
                for c in item.calls
            ]
            return Reply(split(item.text, 1), calls, item.delay, item.usage)
        if isinstance(item, StreamError):
            pieces = split(item.text, item.after) if item.after else []
            return Reply(pieces, [], 0.0, error=item)
        assert isinstance(item, JsonReply)
        forced = self._forced_tool(body)
        if self._wants_json_content(body) or forced is None:
            content = item.payload
            if forced is None and not self._wants_json_content(body):
                if item.fenced:
                    content = f"```json\n{content}\n```"
                if item.prose:
                    content = f"{item.prose}\n{content}"
            return Reply(split(content, item.chunks), [], item.delay, item.usage)
        call = (f"call_{uuid.uuid4().hex[:8]}", forced, split(item.payload, item.chunks))
        return Reply([], [call], item.delay, item.usage)

    # -- what each API does differently

    def _refusal(self, body: Any) -> HttpError | None:
        """An error the server gives regardless of the script (a capability it lacks)."""
        return None

    def _response_format_error(self) -> HttpError:
        raise NotImplementedError

    def _forced_tool(self, body: Any) -> str | None:
        raise NotImplementedError

    def _wants_json_content(self, body: Any) -> bool:
        return False

    async def _error(self, out: _Sender, error: HttpError) -> None:
        raise NotImplementedError

    async def _stream(self, out: _Sender, reply: Reply, body: Any) -> None:
        raise NotImplementedError

    def _whole(self, reply: Reply, body: Any) -> Any:
        raise NotImplementedError


class _Sender:
    """ASGI ``send`` with the few shapes we need; marks the request completed just before
    the last byte, so a disconnect seen after that is not counted as the client leaving."""

    def __init__(self, send: Send, request: RecordedRequest) -> None:
        self._send = send
        self.request = request

    async def start(
        self, status: int, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        raw = [(b"content-type", content_type.encode())]
        raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
        await self._send({"type": "http.response.start", "status": status, "headers": raw})

    async def chunk(self, data: bytes) -> None:
        await self._send({"type": "http.response.body", "body": data, "more_body": True})

    async def end(self) -> None:
        self.request.completed = True
        await self._send({"type": "http.response.body", "body": b"", "more_body": False})

    async def json(self, status: int, value: Any, headers: dict[str, str] | None = None) -> None:
        await self.start(status, "application/json", headers)
        self.request.completed = True
        await self._send(
            {"type": "http.response.body", "body": json.dumps(value).encode(), "more_body": False}
        )


class _Units:
    """Counts content chunks to apply a reply's delay and its drop/error point."""

    def __init__(self, reply: Reply) -> None:
        self.reply = reply
        self.sent = 0

    async def next(self) -> None:
        if self.reply.drop_after is not None and self.sent >= self.reply.drop_after:
            raise _DropConnection
        if self.sent and self.reply.delay:
            await asyncio.sleep(self.reply.delay)
        if self.sent and self.reply.hold is not None:
            # polled, not a thread waiting on the event: cancellable if the client leaves
            while not self.reply.hold.is_set():  # noqa: ASYNC110
                await asyncio.sleep(0.01)
        self.sent += 1


# --- OpenAI -------------------------------------------------------------------------------------

_OPENAI_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "invalid_request_error",
    403: "permission_denied",
    404: "invalid_request_error",
    422: "invalid_request_error",
    429: "requests",
}


class FakeOpenAI(FakeServer):
    """``POST /v1/chat/completions``; point the client at ``base_url``."""

    path = "/v1/chat/completions"

    def __init__(self) -> None:
        super().__init__()
        self._reset_capabilities()

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def _reset_capabilities(self) -> None:
        self.response_format_supported = True
        self.json_object_supported = True
        self.strict_supported = True
        self.tools_supported = True
        self.rejects_max_tokens = False
        # what GET /props (llama.cpp) and GET /v1/models (vLLM) report; None: 404
        self.n_ctx: int | None = None
        self.max_model_len: int | None = None
        self.gets: list[str] = []

    def _gets(self) -> list[tuple[str, Callable[[Scope, Receive, Send], Awaitable[None]]]]:
        return [("/props", self._props), ("/v1/models", self._models)]

    async def _props(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.gets.append("/props")
        body = (
            None if self.n_ctx is None else {"default_generation_settings": {"n_ctx": self.n_ctx}}
        )
        await self._get_reply(send, body)

    async def _models(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.gets.append("/v1/models")
        body = (
            None
            if self.max_model_len is None
            else {"object": "list", "data": [{"id": "m", "max_model_len": self.max_model_len}]}
        )
        await self._get_reply(send, body)

    @staticmethod
    async def _get_reply(send: Send, body: Any) -> None:
        status = 404 if body is None else 200
        raw = json.dumps(body if body is not None else {"error": "not found"}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": raw})

    def _refusal(self, body: Any) -> HttpError | None:
        response_format = body.get("response_format") or {}
        if response_format.get("type") == "json_object" and not self.json_object_supported:
            return HttpError(
                400, "response_format type 'json_object' is not supported", param="response_format"
            )
        if response_format.get("type") == "json_schema":
            if not self.response_format_supported:
                return self._response_format_error()
            if response_format["json_schema"].get("strict") and not self.strict_supported:
                return HttpError(
                    400,
                    "Invalid schema for response_format 'result': strict mode is not supported",
                    param="response_format",
                )
        if body.get("tools") and not self.tools_supported:
            return HttpError(400, "this model does not support tools", param="tools")
        if self.rejects_max_tokens and "max_tokens" in body:
            return HttpError(
                400,
                "Unsupported parameter: 'max_tokens' is not supported with this model. "
                "Use 'max_completion_tokens' instead.",
                error_type="invalid_request_error",
                param="max_tokens",
            )
        return None

    def _response_format_error(self) -> HttpError:
        return HttpError(
            400,
            "response_format type 'json_schema' is not supported by this server",
            param="response_format",
        )

    def _wants_json_content(self, body: Any) -> bool:
        kind = (body.get("response_format") or {}).get("type")
        return kind in ("json_schema", "json_object")

    def _forced_tool(self, body: Any) -> str | None:
        choice = body.get("tool_choice")
        tools = body.get("tools") or []
        if isinstance(choice, dict):
            return str(choice["function"]["name"])
        if choice == "required" and tools:
            return str(tools[0]["function"]["name"])
        return None

    async def _error(self, out: _Sender, error: HttpError) -> None:
        kind = error.error_type or _OPENAI_ERROR_TYPES.get(error.status, "server_error")
        code = {401: "invalid_api_key", 429: "rate_limit_exceeded"}.get(error.status)
        payload = {
            "error": {
                "message": error.message or f"fake error {error.status}",
                "type": kind,
                "param": error.param,
                "code": code,
            }
        }
        headers = {"retry-after": error.retry_after} if error.retry_after is not None else None
        await out.json(error.status, payload, headers)

    def _chunk(self, body: Any, delta: dict[str, Any], finish: str | None = None) -> bytes:
        chunk = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": body.get("model", "fake"),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
        }
        return b"data: " + json.dumps(chunk).encode() + b"\n\n"

    async def _stream(self, out: _Sender, reply: Reply, body: Any) -> None:
        await out.start(200, "text/event-stream")
        await out.chunk(self._chunk(body, {"role": "assistant", "content": ""}))
        units = _Units(reply)
        for piece in reply.pieces:
            await units.next()
            await out.chunk(self._chunk(body, {"content": piece}))
        if reply.error is not None:
            error = {"error": {"message": reply.error.message, "type": reply.error.error_type}}
            await out.chunk(b"data: " + json.dumps(error).encode() + b"\n\n")
            await out.end()
            return
        for index, (call_id, name, fragments) in enumerate(reply.calls):
            head = {
                "index": index,
                "id": call_id,
                "type": "function",
                "function": {"name": name, "arguments": ""},
            }
            await out.chunk(self._chunk(body, {"tool_calls": [head]}))
            for fragment in fragments:
                await units.next()
                part = {"index": index, "function": {"arguments": fragment}}
                await out.chunk(self._chunk(body, {"tool_calls": [part]}))
        if not reply.finish:
            await out.end()
            return
        finish = "tool_calls" if reply.calls else "stop"
        await out.chunk(self._chunk(body, {}, finish))
        if (body.get("stream_options") or {}).get("include_usage"):
            prompt, completion = reply.usage
            usage = {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": body.get("model", "fake"),
                "choices": [],
                "usage": {
                    "prompt_tokens": prompt,
                    "completion_tokens": completion,
                    "total_tokens": prompt + completion,
                },
            }
            await out.chunk(b"data: " + json.dumps(usage).encode() + b"\n\n")
        await out.chunk(b"data: [DONE]\n\n")
        await out.end()

    def _whole(self, reply: Reply, body: Any) -> Any:
        message: dict[str, Any] = {"role": "assistant", "content": "".join(reply.pieces) or None}
        if reply.calls:
            message["tool_calls"] = [
                {"id": i, "type": "function", "function": {"name": n, "arguments": "".join(f)}}
                for i, n, f in reply.calls
            ]
        prompt, completion = reply.usage
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", "fake"),
            "choices": [
                {
                    "index": 0,
                    "message": message,
                    "finish_reason": "tool_calls" if reply.calls else "stop",
                    "logprobs": None,
                }
            ],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
            },
        }


# --- Anthropic ----------------------------------------------------------------------------------

_ANTHROPIC_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


class FakeAnthropic(FakeServer):
    """``POST /v1/messages``; point the client at ``base_url`` (the server root)."""

    path = "/v1/messages"

    def __init__(self) -> None:
        super().__init__()
        self._reset_capabilities()

    @property
    def base_url(self) -> str:
        return self.url

    def _reset_capabilities(self) -> None:
        self.forced_tool_supported = True

    def _refusal(self, body: Any) -> HttpError | None:
        choice = body.get("tool_choice") or {}
        if choice.get("type") in ("tool", "any") and not self.forced_tool_supported:
            return HttpError(400, "Thinking may not be enabled when tool_choice forces tool use.")
        return None

    def _response_format_error(self) -> HttpError:
        return HttpError(400, "output_format: Extra inputs are not permitted")

    def _forced_tool(self, body: Any) -> str | None:
        choice = body.get("tool_choice") or {}
        tools = body.get("tools") or []
        if choice.get("type") == "tool":
            return str(choice["name"])
        if choice.get("type") == "any" and tools:
            return str(tools[0]["name"])
        return None

    async def _error(self, out: _Sender, error: HttpError) -> None:
        kind = error.error_type or _ANTHROPIC_ERROR_TYPES.get(
            error.status, "api_error" if error.status >= 500 else "invalid_request_error"
        )
        payload = {
            "type": "error",
            "error": {"type": kind, "message": error.message or f"fake error {error.status}"},
            "request_id": "req_fake",
        }
        headers = {"retry-after": error.retry_after} if error.retry_after is not None else None
        await out.json(error.status, payload, headers)

    @staticmethod
    def _event(kind: str, data: dict[str, Any]) -> bytes:
        return f"event: {kind}\ndata: {json.dumps({'type': kind, **data})}\n\n".encode()

    async def _stream(self, out: _Sender, reply: Reply, body: Any) -> None:
        prompt, completion = reply.usage
        await out.start(200, "text/event-stream")
        message = {
            "id": "msg_fake",
            "type": "message",
            "role": "assistant",
            "model": body.get("model", "fake"),
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": prompt, "output_tokens": 1},
        }
        await out.chunk(self._event("message_start", {"message": message}))
        units = _Units(reply)
        index = 0
        if reply.pieces:
            text_block = {"type": "text", "text": ""}
            await out.chunk(
                self._event("content_block_start", {"index": 0, "content_block": text_block})
            )
            await out.chunk(self._event("ping", {}))
            for piece in reply.pieces:
                await units.next()
                delta = {"type": "text_delta", "text": piece}
                await out.chunk(self._event("content_block_delta", {"index": 0, "delta": delta}))
        if reply.error is not None:
            error = {"error": {"type": reply.error.error_type, "message": reply.error.message}}
            await out.chunk(self._event("error", error))
            await out.end()
            return
        if reply.pieces:
            await out.chunk(self._event("content_block_stop", {"index": 0}))
            index = 1
        for call_id, name, fragments in reply.calls:
            block = {"type": "tool_use", "id": call_id, "name": name, "input": {}}
            await out.chunk(
                self._event("content_block_start", {"index": index, "content_block": block})
            )
            for fragment in ["", *fragments]:  # the real API opens with an empty fragment
                if fragment:
                    await units.next()
                delta = {"type": "input_json_delta", "partial_json": fragment}
                await out.chunk(
                    self._event("content_block_delta", {"index": index, "delta": delta})
                )
            await out.chunk(self._event("content_block_stop", {"index": index}))
            index += 1
        if not reply.finish:
            await out.end()
            return
        stop = "tool_use" if reply.calls else "end_turn"
        await out.chunk(
            self._event(
                "message_delta",
                {
                    "delta": {"stop_reason": stop, "stop_sequence": None},
                    "usage": {"output_tokens": completion},
                },
            )
        )
        await out.chunk(self._event("message_stop", {}))
        await out.end()

    def _whole(self, reply: Reply, body: Any) -> Any:
        content: list[dict[str, Any]] = []
        if reply.pieces:
            content.append({"type": "text", "text": "".join(reply.pieces)})
        for call_id, name, fragments in reply.calls:
            try:
                arguments = json.loads("".join(fragments) or "{}")
            except json.JSONDecodeError:
                arguments = {"_unparseable": "".join(fragments)}
            content.append({"type": "tool_use", "id": call_id, "name": name, "input": arguments})
        prompt, completion = reply.usage
        return {
            "id": "msg_fake",
            "type": "message",
            "role": "assistant",
            "model": body.get("model", "fake"),
            "content": content,
            "stop_reason": "tool_use" if reply.calls else "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": prompt, "output_tokens": completion},
        }
