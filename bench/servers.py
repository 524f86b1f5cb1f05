"""The servers under test, each started by the benchmarks in its own process.

``servers.py flowsmith --port N``
    The production path: ``flowsmith serve`` (``flowsmith.cli.serve``: settings from the
    environment, JSON logs, uvicorn with uvloop/httptools), nothing changed except, when
    ``BENCH_AGENT=scheduled``, the chat agent: a fake model that emits ``BENCH_DELTAS``
    deltas ``BENCH_GAP_MS`` apart (see ``bench/fake_model.py``), swapped in after start-up.

``servers.py baseline --port N``
    The baseline: a minimal Starlette + sse-starlette app, no auth (except on the one
    endpoint that is about auth), no storage, no bus, served by the same uvicorn:
    ``GET /chat``       the same fake model's deltas, on the same schedule;
    ``GET /listen``     a ``waiting`` event, then whatever ``POST /broadcast`` sends (an
                        asyncio fan-out: one queue per listener), keepalives in between;
    ``POST /broadcast`` hands a room's listeners a series of events, spaced as given,
                        each stamped with ``timestamp`` when it is handed over;
    ``POST /session``   verifies an HS256 JWT with PyJWT, reads a JSON body, answers JSON:
                        the "equivalent authenticated JSON POST";
    ``GET /turn``       (authenticated) a short reply as SSE pieces, no storage.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_token_subject, raise_nofile


def run_flowsmith(port: int) -> None:
    import flowsmith.app as flowsmith_app
    from flowsmith.cli import serve

    agent_kind = os.environ.get("BENCH_AGENT", "")
    original = flowsmith_app.create_app

    def create_app(settings: Any = None) -> Any:
        app = original(settings)
        if agent_kind == "scheduled":
            _swap_chat_agent(app)
        _monitor(app)
        _sample(app)
        return app

    flowsmith_app.create_app = create_app  # serve() imports it at call time
    serve(host="127.0.0.1", port=port)


def _swap_chat_agent(app: Any) -> None:
    from bench.fake_model import ScheduledAgent

    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        async with inner(a) as state:
            turns = a.state.turns
            turns._agent = ScheduledAgent(turns._agent, **_schedule())
            yield state

    app.router.lifespan_context = lifespan


def _monitor(app: Any) -> None:
    """``BENCH_MONITOR=<file>``: the event loop's lag and GC pauses, written at shutdown
    (a diagnostic for profiling runs; off in the benchmarks)."""
    import gc

    path = os.environ.get("BENCH_MONITOR")
    if not path:
        return
    inner = app.router.lifespan_context
    lags: list[float] = []
    pauses: list[tuple[int, float]] = []
    started: list[float] = []

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[:] = [time.perf_counter(), time.thread_time()]
        elif started:
            wall, cpu = time.perf_counter() - started[0], time.thread_time() - started[1]
            pauses.append((info["generation"], wall, cpu, info.get("collected", 0)))

    beat = [time.perf_counter()]
    stalls: dict[str, int] = {}
    main_id = threading.get_ident()

    async def watch() -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.005)
            beat[0] = time.perf_counter()
            lags.append(beat[0] - before - 0.005)

    def watchdog() -> None:
        # what the loop's thread is doing while the loop is more than 30 ms late
        import traceback

        while True:
            time.sleep(0.01)
            if time.perf_counter() - beat[0] > 0.035:
                frame = sys._current_frames().get(main_id)
                if frame is None:
                    continue
                stack = traceback.extract_stack(frame)[-14:]
                key = " <- ".join(
                    f"{Path(f.filename).name}:{f.lineno}:{f.name}" for f in reversed(stack)
                )
                stalls[key] = stalls.get(key, 0) + 1

    threading.Thread(target=watchdog, daemon=True).start()

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        gc.callbacks.append(on_gc)
        task = asyncio.create_task(watch())
        async with inner(a) as state:
            yield state
            objects = gc.get_objects()
            types: dict[str, int] = {}
            for obj in objects:
                name = type(obj).__qualname__
                types[name] = types.get(name, 0) + 1
            census = {
                "tracked_objects": len(objects),
                "top": sorted(types.items(), key=lambda kv: -kv[1])[:25],
            }
            del objects
        task.cancel()
        lags.sort()
        worst = sorted(pauses, key=lambda p: -p[1])[:10]
        report = {
            "loop_lag_p50": lags[len(lags) // 2] if lags else None,
            "loop_lag_p99": lags[int(len(lags) * 0.99)] if lags else None,
            "loop_lag_max": lags[-1] if lags else None,
            "loop_lags_over_50ms": sum(1 for x in lags if x > 0.05),
            "gc_pauses": len(pauses),
            "gc_worst": worst,
            "gc_total_s": sum(p[1] for p in pauses),
            "census": census,
            "stall_stacks": sorted(stalls.items(), key=lambda kv: -kv[1])[:15],
        }
        Path(path).write_text(json.dumps(report, indent=1))  # noqa: ASYNC240 - at shutdown

    app.router.lifespan_context = lifespan


def _sample(app: Any) -> None:
    """``BENCH_SAMPLE=<file>``: profile the server once it has started (bench/sampler.py)."""
    path = os.environ.get("BENCH_SAMPLE")
    if not path:
        return
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        from bench.sampler import start

        async with inner(a) as state:
            start(path)
            yield state

    app.router.lifespan_context = lifespan


def _schedule() -> dict[str, Any]:
    return {
        "deltas": int(os.environ.get("BENCH_DELTAS", "200")),
        "gap_s": float(os.environ.get("BENCH_GAP_MS", "20")) / 1000,
    }


# --- the baseline -------------------------------------------------------------------------------


def baseline_app() -> Any:
    from sse_starlette import EventSourceResponse, ServerSentEvent
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    from bench.fake_model import scheduled_deltas

    keepalive = float(os.environ.get("FLOWSMITH_KEEPALIVE_S", "15"))

    def dumps(payload: dict[str, Any]) -> str:
        # the same bytes flowsmith sends for the same payload
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

    secret = os.environ.get("BENCH_JWT_SECRET", "bench-secret-bench-secret-bench-secret!")
    rooms: dict[str, set[asyncio.Queue[dict[str, Any]]]] = {}
    schedule = _schedule()

    def verify(request: Request) -> str | None:
        return bench_token_subject(request.headers.get("authorization", ""), secret)

    async def chat(request: Request) -> Response:
        async def events() -> AsyncIterator[ServerSentEvent]:
            n = 0
            async for delta in scheduled_deltas(schedule["deltas"], schedule["gap_s"]):
                n += 1
                payload = {"type": "message", "delta": delta, "is_complete": False}
                yield ServerSentEvent(data=dumps(payload), id=str(n))
            payload = {"type": "message", "delta": "", "is_complete": True}
            yield ServerSentEvent(data=dumps(payload), id=str(n + 1))

        return EventSourceResponse(events(), ping=keepalive)

    async def listen(request: Request) -> Response:
        room = request.query_params.get("room", "")
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        rooms.setdefault(room, set()).add(queue)

        async def events() -> AsyncIterator[ServerSentEvent]:
            try:
                waiting = {
                    "type": "waiting",
                    "workflow_id": None,
                    "data": {"message": "Waiting for your request."},
                    "timestamp": datetime.now(UTC).isoformat(),
                }
                yield ServerSentEvent(data=dumps(waiting), id="0")
                n = 0
                while True:
                    payload = await queue.get()
                    n += 1
                    yield ServerSentEvent(data=dumps(payload), id=str(n))
                    if payload.get("type") in ("complete", "error"):
                        return
            finally:
                rooms.get(room, set()).discard(queue)

        return EventSourceResponse(events(), ping=keepalive)

    async def broadcast(request: Request) -> Response:
        """``{"events": [...], "gaps_s": [...]}``: each event stamped and handed to every
        listener of the room, ``gaps_s[i]`` seconds after the one before (the spacing the
        same events had when flowsmith published them)."""
        body = await request.json()
        listeners = rooms.get(request.query_params.get("room", ""), set())
        for event, gap in zip(body["events"], body["gaps_s"], strict=True):
            if gap > 0:
                await asyncio.sleep(gap)
            payload = {**event, "timestamp": datetime.now(UTC).isoformat()}
            for queue in listeners:
                queue.put_nowait(payload)
        return JSONResponse({"listeners": len(listeners)})

    async def session(request: Request) -> Response:
        user = verify(request)
        if user is None:
            return JSONResponse({"error": {"code": "unauthorized"}}, status_code=401)
        body = await request.json()
        if body.get("action") not in ("create", "edit", "copy"):
            return JSONResponse({"error": {"code": "invalid_input"}}, status_code=422)
        return JSONResponse(
            {"session_id": uuid.uuid4().hex, "action": body["action"], "workflow_id": None}
        )

    async def turn(request: Request) -> Response:
        if verify(request) is None:
            return JSONResponse({"error": {"code": "unauthorized"}}, status_code=401)
        pieces = int(request.query_params.get("pieces", "75"))

        async def events() -> AsyncIterator[ServerSentEvent]:
            for n in range(1, pieces + 1):
                payload = {"type": "message", "delta": "piece ", "is_complete": False}
                yield ServerSentEvent(data=dumps(payload), id=str(n))
                await asyncio.sleep(0)
            payload = {"type": "message", "delta": "", "is_complete": True}
            yield ServerSentEvent(data=dumps(payload), id=str(pieces + 1))

        return EventSourceResponse(events(), ping=keepalive)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/chat", chat),
            Route("/listen", listen),
            Route("/broadcast", broadcast, methods=["POST"]),
            Route("/session", session, methods=["POST"]),
            Route("/turn", turn),
            Route("/healthz", healthz),
        ]
    )


def run_baseline(port: int) -> None:
    import uvicorn

    # uvicorn's defaults (uvloop, httptools, its access log), as a minimal app would run
    uvicorn.run(baseline_app(), host="127.0.0.1", port=port)


def _tracemalloc() -> None:
    """``BENCH_TRACEMALLOC=<file>``: trace allocations; SIGUSR1 writes what is held, by
    file and line, to ``<file>`` (a diagnostic for the memory per listener)."""
    path = os.environ.get("BENCH_TRACEMALLOC")
    if not path:
        return
    import signal
    import tracemalloc

    tracemalloc.start(1)
    dumps: list[Any] = []

    def dump(*_args: Any) -> None:
        # the first call is the reference; each later one is written as the difference
        snapshot = tracemalloc.take_snapshot()
        if not dumps:
            dumps.append(snapshot)
            return
        stats = snapshot.compare_to(dumps[0], "lineno")
        lines = [f"{s.size_diff:>10} {s.count_diff:>7} {s.traceback}" for s in stats[:70]]
        total = sum(s.size_diff for s in stats)
        Path(path).write_text(f"total {total}\n" + "\n".join(lines))

    signal.signal(signal.SIGUSR1, dump)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["flowsmith", "baseline", "fastapi"])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    raise_nofile()
    _tracemalloc()
    started = time.time()
    print(f"{args.kind} on port {args.port} (pid {os.getpid()}) at {started}", flush=True)
    if args.kind == "flowsmith":
        run_flowsmith(args.port)
    elif args.kind == "fastapi":
        import uvicorn

        from bench.fastapi_floor import app

        uvicorn.run(app, host="127.0.0.1", port=args.port)
    else:
        run_baseline(args.port)


if __name__ == "__main__":
    main()
