"""Throughput: requests per second over ``conns`` keep-alive connections for ``duration`` s.

``post_client``: one JSON POST after another on each connection (flowsmith's
``POST /api/v1/session``: auth, rate limit, a stored session; the baseline's
``POST /session``: an HS256 JWT verified with PyJWT and a JSON answer).

``turn_client``: short chat turns to completion, one after another on each connection
(flowsmith: ``GET /api/v1/chat/stream`` with the offline planner and no pause between
pieces; the baseline: ``GET /turn``, the same number of SSE pieces, authenticated, no
storage). Each connection has a few sessions of its own, made before the clock starts,
and goes round them, so no session's history grows long.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.parse
from typing import Any

from bench.common import BodyHandler, HttpConn, SSEHandler, cpu_seconds, json_headers, pct

WARMUP_S = 1.5


async def _run(
    conns: int,
    duration: float,
    make: Any,
    server_pid: int,
) -> dict[str, Any]:
    """``make(k)`` returns an async callable doing one request on worker ``k``'s connection;
    it returns True on success."""
    done = 0
    failed = 0
    latencies: list[float] = []
    errors: list[str] = []
    measuring = False
    stop = False

    prepared = await asyncio.gather(*(make(k) for k in range(conns)))

    async def worker(k: int) -> None:
        nonlocal done, failed
        one = prepared[k]
        while not stop:
            t = time.perf_counter()
            try:
                ok = await one()
            except Exception as exc:
                ok = False
                errors.append(f"{type(exc).__name__}: {exc}")
                await asyncio.sleep(0.01)
            if measuring:
                if ok:
                    done += 1
                    latencies.append(time.perf_counter() - t)
                else:
                    failed += 1

    tasks = [asyncio.create_task(worker(k)) for k in range(conns)]
    await asyncio.sleep(WARMUP_S)
    measuring = True
    cpu0, t0 = cpu_seconds(server_pid), time.perf_counter()
    await asyncio.sleep(duration)
    measuring = False
    elapsed, cpu = time.perf_counter() - t0, cpu_seconds(server_pid) - cpu0
    stop = True
    await asyncio.gather(*tasks, return_exceptions=True)
    return {
        "per_s": done / elapsed,
        "done": done,
        "failed": failed,
        "errors": errors[:5],
        "p50": pct(latencies, 50),
        "p99": pct(latencies, 99),
        "server_cpu_ms_per_req": 1000 * cpu / max(done, 1),
    }


async def post_client(
    host: str,
    port: int,
    path: str,
    tokens: list[str],
    conns: int,
    duration: float,
    server_pid: int,
) -> dict[str, Any]:
    body = json.dumps({"action": "create"}).encode()

    async def make(k: int) -> Any:
        conn = await HttpConn.open(host, port)
        headers = json_headers(tokens[k % len(tokens)])

        async def one() -> bool:
            nonlocal conn
            if conn.closed:
                conn = await HttpConn.open(host, port)
            handler = await conn.request("POST", path, headers, body, BodyHandler())
            return handler.status == 200

        return one

    return await _run(conns, duration, make, server_pid)


async def turn_client(
    host: str,
    port: int,
    kind: str,
    tokens: list[str],
    conns: int,
    duration: float,
    message: str,
    pieces: int,
    server_pid: int,
    sessions_per_conn: int = 8,
) -> dict[str, Any]:
    create = json.dumps({"action": "create"}).encode()

    async def make(k: int) -> Any:
        conn = await HttpConn.open(host, port)
        token = tokens[k % len(tokens)]
        auth = {"Authorization": f"Bearer {token}"}
        paths: list[str] = []
        if kind == "flowsmith":
            for _ in range(sessions_per_conn):
                handler = await conn.request("POST", "/api/v1/session", json_headers(token), create)
                session = json.loads(handler.body)["session_id"]
                query = urllib.parse.urlencode({"session_id": session, "user_message": message})
                paths.append(f"/api/v1/chat/stream?{query}")
        else:
            paths.append(f"/turn?pieces={pieces}")
        turn = 0

        async def one() -> bool:
            nonlocal conn, turn
            if conn.closed or conn.close_after:
                conn = await HttpConn.open(host, port)
            turn += 1
            complete: list[bool] = []

            def on_event(_id: str | None, data: bytes, _now: float) -> None:
                if b'"is_complete":true' in data:
                    complete.append(True)

            handler = await conn.request(
                "GET",
                paths[turn % len(paths)],
                {**auth, "Accept": "text/event-stream"},
                None,
                SSEHandler(on_event),
            )
            return handler.status == 200 and bool(complete)

        return one

    return await _run(conns, duration, make, server_pid)
