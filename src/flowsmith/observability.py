"""Request ids, structured logs and Prometheus metrics.

Every request gets an id (the caller's ``X-Request-ID`` when it is a sane token, else a new
one), returned in the response header and carried by a context variable into every log line
written while serving it, stream events included: an SSE body runs inside the request's
task, so the variable follows it. The middleware is pure ASGI, so it never buffers a stream.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)
request_id: ContextVar[str] = ContextVar("request_id", default="-")
_INTERNAL_ERROR_BODY = json.dumps(
    {"error": {"code": "internal_error", "message": "Internal server error."}}
).encode()
_INTERNAL_ERROR_START: Message = {
    "type": "http.response.start",
    "status": 500,
    "headers": [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(_INTERNAL_ERROR_BODY)).encode()),
    ],
}
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

REGISTRY = CollectorRegistry(auto_describe=True)
HTTP_REQUESTS = Counter(
    "flowsmith_http_requests_total",
    "HTTP requests",
    ["method", "route", "status"],
    registry=REGISTRY,
)
HTTP_LATENCY = Histogram(
    "flowsmith_http_request_seconds",
    "Time to the response's first byte",
    ["method", "route"],
    registry=REGISTRY,
)
STREAMS_OPEN = Gauge("flowsmith_streams_open", "Open SSE streams", ["stream"], registry=REGISTRY)
STREAM_SECONDS = Histogram(
    "flowsmith_stream_seconds",
    "How long SSE streams stay open",
    ["stream"],
    registry=REGISTRY,
    buckets=(0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600),
)
STREAM_EVENTS = Counter(
    "flowsmith_stream_events_total", "SSE events sent", ["stream"], registry=REGISTRY
)
GENERATIONS = Counter(
    "flowsmith_generations_total", "Generations ended", ["status"], registry=REGISTRY
)
GENERATION_SECONDS = Histogram(
    "flowsmith_generation_seconds",
    "Generation time, start to end",
    registry=REGISTRY,
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
)
TURNS = Counter("flowsmith_chat_turns_total", "Chat turns ended", ["status"], registry=REGISTRY)
LLM_CALLS = Counter(
    "flowsmith_llm_calls_total", "LLM calls", ["provider", "outcome"], registry=REGISTRY
)
LLM_TOKENS = Counter(
    "flowsmith_llm_tokens_total", "LLM tokens", ["provider", "kind"], registry=REGISTRY
)
LLM_SECONDS = Histogram(
    "flowsmith_llm_call_seconds",
    "LLM call time",
    ["provider"],
    registry=REGISTRY,
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80),
)


class RequestContext:
    """Assigns the request id and records each request's status and latency."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _incoming_id(scope) or uuid.uuid4().hex[:16]
        token = request_id.set(rid)
        started = time.perf_counter()
        method = scope["method"]

        started_response = False

        async def tracking_send(message: Message) -> None:
            # one wrapper, not two: a stream sends every event through it
            nonlocal started_response
            if message["type"] == "http.response.start":
                started_response = True
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", rid.encode()))
                message = {**message, "headers": headers}
                route = _route_of(scope)
                HTTP_REQUESTS.labels(method, route, str(message["status"])).inc()
                HTTP_LATENCY.labels(method, route).observe(time.perf_counter() - started)
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started_response:
                raise  # a stream broke mid-body: the server closes the connection
            # logged here, inside the request's context, so the line carries its id; the
            # 500 goes through tracking_send, so it has the X-Request-ID and is counted
            log.error("unhandled error: %s", type(exc).__name__, exc_info=exc)
            await tracking_send(_INTERNAL_ERROR_START)
            await tracking_send({"type": "http.response.body", "body": _INTERNAL_ERROR_BODY})
        finally:
            request_id.reset(token)


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if _SANE_ID.match(text) else None
    return None


def _route_of(scope: Scope) -> str:
    # the route template, never the raw path: ids in paths would explode the label set
    route = scope.get("route")
    return getattr(route, "path", "unmatched")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": round(record.created, 3),
            "level": record.levelname,
            "logger": record.name,
            "request_id": request_id.get(),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
