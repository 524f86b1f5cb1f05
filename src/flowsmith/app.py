"""The FastAPI application: wiring, lifespan, error rendering."""

from __future__ import annotations

import asyncio
import gc
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from flowsmith.agent.factory import close_agent, create_agent
from flowsmith.auth.router import router as dev_router
from flowsmith.auth.verifier import TokenVerifier
from flowsmith.chat.router import router as chat_router
from flowsmith.chat.turns import TurnManager
from flowsmith.config import Settings, get_settings
from flowsmith.db.engine import create_engine, create_sessionmaker
from flowsmith.db.migrate import upgrade_async
from flowsmith.deps import Bus, EngineDep
from flowsmith.errors import FlowsmithError, dependency_failure
from flowsmith.events.bus import EventBus
from flowsmith.events.memory import MemoryBus
from flowsmith.events.redis import RedisBus
from flowsmith.generation.router import router as generation_router
from flowsmith.generation.runner import GenerationRunner
from flowsmith.integrations.router import router as integrations_router
from flowsmith.limits import SizeLimits
from flowsmith.observability import REGISTRY, RequestContext
from flowsmith.openapi import EVERY_ROUTE, EVERY_ROUTE_JSON
from flowsmith.openapi import install as install_openapi
from flowsmith.ratelimit import Limits, MemoryLimiter, RateLimits, RedisLimiter
from flowsmith.sessions.router import router as sessions_router
from flowsmith.text import api_text
from flowsmith.workflows.router import router as workflows_router

log = logging.getLogger(__name__)
WEB = Path(__file__).parent / "web"
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    422: "invalid_input",
    429: "rate_limited",
}


def create_bus(settings: Settings) -> EventBus:
    if settings.redis_url:
        return RedisBus(
            settings.redis_url,
            retention_s=settings.event_retention_s,
            max_connections=settings.redis_max_connections,
            pool_timeout_s=settings.redis_pool_timeout_s,
        )
    return MemoryBus(retention_s=settings.event_retention_s)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    await upgrade_async(settings)
    engine = create_engine(settings)
    state = app.state
    state.engine = engine
    state.sessionmaker = create_sessionmaker(engine)
    state.bus = create_bus(settings)
    state.verifier = TokenVerifier.from_settings(settings)
    state.rate_limits = RateLimits(
        RedisLimiter(
            settings.redis_url,
            max_connections=settings.redis_max_connections,
            pool_timeout_s=settings.redis_pool_timeout_s,
        )
        if settings.redis_url
        else MemoryLimiter(),
        Limits(
            settings.rate_sessions_per_min,
            settings.rate_turns_per_min,
            settings.max_streams_per_user,
        ),
    )
    agent = create_agent(settings)
    state.runner = GenerationRunner(
        state.sessionmaker,
        state.bus,
        agent,
        repair_rounds=settings.repair_rounds,
        lease_s=settings.lease_s,
        deadline_s=settings.generation_deadline_s,
    )
    state.turns = TurnManager(
        state.sessionmaker,
        state.bus,
        agent,
        state.runner,
        deadline_s=settings.turn_deadline_s,
        owner=state.runner.owner,
        lease_s=settings.lease_s,
    )
    state.runner.start_housekeeping()
    await state.turns.start_background()
    _freeze_startup_heap()
    try:
        yield
    finally:
        # uvicorn has stopped accepting and sse-starlette has ended every open stream (the
        # clients reconnect elsewhere with Last-Event-ID); work in flight gets a grace period
        # (turns first: a finishing turn may still queue a generation)
        deadline = asyncio.get_running_loop().time() + settings.shutdown_grace_s
        await state.turns.aclose(settings.shutdown_grace_s)
        await state.runner.aclose(max(0.0, deadline - asyncio.get_running_loop().time()))
        await close_agent(agent)
        await state.bus.aclose()
        await state.verifier.aclose()
        await state.rate_limits.limiter.aclose()
        await engine.dispose()


_startup_heap_frozen = False


def _freeze_startup_heap() -> None:
    """Once per process, after start-up: move what start-up built into the collector's
    permanent generation.

    Imports, the catalog, SQLAlchemy's and pydantic's models are ~150,000 objects that live
    as long as the process; every full collection walked all of them, a 100-300 ms pause
    of the event loop on a small machine, during which every open stream stood still.
    Objects made later are collected as before.
    """
    global _startup_heap_frozen
    if _startup_heap_frozen:
        return
    _startup_heap_frozen = True
    gc.collect()
    gc.freeze()


def create_app(settings: Settings | None = None) -> FastAPI:
    app = FastAPI(title="flowsmith", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings or get_settings()
    if app.state.settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=app.state.settings.cors_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "Last-Event-ID"],
        )
    settings = app.state.settings
    app.add_middleware(
        SizeLimits, max_body=settings.max_body_bytes, max_query=settings.max_query_bytes
    )
    app.add_middleware(RequestContext)
    _install_error_handlers(app)
    routers = (sessions_router, chat_router, generation_router, workflows_router, dev_router)
    for router in routers:
        app.include_router(router)
    app.include_router(integrations_router)
    _install_health(app)
    _install_web(app)
    install_openapi(app, settings)
    return app


def _error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": code, "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(FlowsmithError)
    async def domain_error(_request: Request, exc: FlowsmithError) -> JSONResponse:
        return _error(exc.status_code, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "invalid_input", _describe_validation(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:
            # FastAPI's "error parsing the body" (not UTF-8, nested too deep): malformed
            # input, which the contract answers with 422
            return _error(422, "invalid_input", api_text("error.body_not_json"))
        code = HTTP_CODES.get(exc.status_code, "http_error")
        headers = getattr(exc, "headers", None)
        allowed = _allowed_methods(app, request) if exc.status_code == 405 else None
        if allowed:
            # Starlette names the methods of the first route that matched the path only
            # (``Allow: GET`` for a path with GET and DELETE routes): name all of them
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
        return _error(exc.status_code, code, str(exc.detail), headers)

    async def dependency_unavailable(_request: Request, exc: Exception) -> JSONResponse:
        # the database or the event bus is down, restarting or full: the request may well
        # succeed in a moment, so a 503 with Retry-After, not a 500
        unavailable = dependency_failure(exc)
        if unavailable is None:
            raise exc
        code, message = unavailable
        log.warning("%s: %s", code, type(exc).__name__)
        return _error(503, code, message, {"Retry-After": "5"})

    for exc_class in (DBAPIError, ConnectionError, RedisConnectionError, RedisTimeoutError):
        app.add_exception_handler(exc_class, dependency_unavailable)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error: %s", type(exc).__name__, exc_info=exc)
        return _error(500, "internal_error", api_text("error.internal"))


def _allowed_methods(app: FastAPI, request: Request) -> list[str] | None:
    """Every method the routes answer at the request's path (as the OpenAPI document lists
    them, which FastAPI builds from the routes); None for a path it does not document."""
    path = request.url.path
    matches: list[tuple[int, list[str]]] = []
    for template, item in app.openapi()["paths"].items():
        pattern = _PATH_PATTERNS.get(template)
        if pattern is None:
            parts = re.split(r"\{[^/{}]+\}", template)
            pattern = re.compile("^" + "[^/]+".join(map(re.escape, parts)) + "$")
            _PATH_PATTERNS[template] = pattern
        if pattern.match(path):
            matches.append((template.count("{"), [method.upper() for method in item]))
    if not matches:
        return None
    # the most specific path wins (``/workflows/import`` over ``/workflows/{workflow_id}``)
    fewest = min(params for params, _ in matches)
    return sorted({m for params, methods in matches if params == fewest for m in methods})


_PATH_PATTERNS: dict[str, re.Pattern[str]] = {}


def _strings(*values: Any, depth: int = 0) -> list[str]:
    """The non-empty strings in ``values`` and the dicts and lists in them (a few levels)."""
    out: list[str] = []
    for value in values:
        if isinstance(value, str) and value:
            out.append(value)
        elif isinstance(value, dict) and depth < 3:
            out += _strings(*value.values(), depth=depth + 1)
        elif isinstance(value, list) and depth < 3:
            out += _strings(*value[:50], depth=depth + 1)
    return out


def _describe_validation(errors: Any) -> str:
    parts = []
    for error in list(errors)[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        msg = str(error.get("msg", "invalid"))
        # some pydantic messages quote what was sent ("Input tag 'sk-…' found"): an error
        # body never echoes input, which may be a secret pasted in the wrong field
        for sent in _strings(error.get("input"), (error.get("ctx") or {}).get("tag")):
            msg = msg.replace(sent, "…") if len(sent) > 3 else msg.replace(f"'{sent}'", "'…'")
        parts.append(f"{where}: {msg}" if where else msg)
    return "; ".join(parts) or "invalid request"


class ReadyStatus(BaseModel):
    """Whether this instance can serve: its database and its event bus answer."""

    status: Literal["ok", "unavailable"]
    checks: dict[str, str]


def _install_health(app: FastAPI) -> None:
    @app.get("/healthz", tags=["health"], responses=EVERY_ROUTE)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/metrics",
        tags=["health"],
        response_class=PlainTextResponse,
        responses={
            200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "Prometheus text"},
            **EVERY_ROUTE_JSON,
        },
    )
    async def metrics() -> Response:
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    @app.get(
        "/readyz",
        tags=["health"],
        response_model=ReadyStatus,
        responses={
            200: {"description": "The database and the event bus answer"},
            503: {
                "model": ReadyStatus,
                "description": "The database or the event bus does not answer (see checks)",
            },
            **EVERY_ROUTE,
        },
    )
    async def readyz(engine: EngineDep, bus: Bus) -> JSONResponse:
        checks: dict[str, str] = {}
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except Exception as exc:
            checks["database"] = f"error: {type(exc).__name__}"
        try:
            await bus.ping()
            checks["event_bus"] = "ok"
        except Exception as exc:
            checks["event_bus"] = f"error: {type(exc).__name__}"
        ready = all(v == "ok" for v in checks.values())
        return JSONResponse(
            {"status": "ok" if ready else "unavailable", "checks": checks},
            status_code=200 if ready else 503,
        )


def _install_web(app: FastAPI) -> None:
    if not (WEB / "index.html").exists():
        return
    app.mount("/static", StaticFiles(directory=WEB / "static", check_dir=False), name="static")

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(WEB / "index.html")
