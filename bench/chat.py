"""Chat stream overhead: 200 concurrent turns of a fake model (200 deltas, 20 ms apart).

Each of ``workers`` clients runs turns back to back for ``duration`` seconds (the first
turns start spread over one turn's length, so ~``workers`` turns are always in flight).
For every delta: ``lag = arrival - scheduled`` (the delta's text is its scheduled time);
per turn: time to the first delta from sending the request (the fake model's own time to
its first delta is zero). flowsmith's figures are compared with the baseline app's,
measured in the same run with the same client: the gateway's added p99 is the difference.

flowsmith's turns go through the seed's path: ``POST /api/v1/session`` once per client,
then ``GET /api/v1/chat/stream?session_id=…&user_message=…`` per turn (auth, rate limits,
stored messages, bus, resumable ids: all of it).
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.parse
from typing import Any

from bench.common import HttpConn, SSEHandler, cpu_seconds, json_headers, pct, simple_request


async def chat_client(
    host: str,
    port: int,
    kind: str,
    tokens: list[str],
    workers: int,
    duration: float,
    turn_s: float,
    server_pid: int,
) -> dict[str, Any]:
    lags: list[float] = []
    ttfd: list[float] = []
    pre_model: list[float] = []
    errors: list[str] = []
    turns = 0
    deltas = 0
    sessions: list[str | None] = [None] * workers
    if kind == "flowsmith":
        for i in range(workers):
            status, body = await simple_request(
                host,
                port,
                "POST",
                "/api/v1/session",
                json_headers(tokens[i % len(tokens)]),
                json.dumps({"action": "create"}).encode(),
            )
            if status != 200:
                raise RuntimeError(f"session: {status} {body[:200]!r}")
            sessions[i] = json.loads(body)["session_id"]

    # warm-up, not measured: the first requests pay one-time costs (imports, caches)
    warm = max(2, workers // 10)
    measuring = False

    async def one_turn(i: int) -> None:
        nonlocal turns, deltas
        if kind == "flowsmith":
            query = urllib.parse.urlencode({"session_id": sessions[i], "user_message": "hello"})
            path = f"/api/v1/chat/stream?{query}"
            headers = {"Authorization": f"Bearer {tokens[i % len(tokens)]}"}
        else:
            path, headers = "/chat?user_message=hello", {}
        headers["Accept"] = "text/event-stream"
        first: list[float] = []
        sent = 0.0
        mine: list[float] = []

        def on_event(_id: str | None, data: bytes, now: float) -> None:
            payload = json.loads(data)
            if payload.get("type") != "message" or not payload.get("delta"):
                return
            scheduled = float(payload["delta"])
            if not first:
                first.append(now)
                pre_model.append(scheduled - sent)
            mine.append(now - scheduled)

        conn = await HttpConn.open(host, port)
        try:
            sent = time.time()
            handler = await conn.request("GET", path, headers, None, SSEHandler(on_event))
            if handler.status != 200:
                errors.append(f"status {handler.status}")
                return
        except ConnectionError as exc:
            errors.append(str(exc))
            return
        finally:
            conn.close()
        if not measuring:
            return
        if first:
            ttfd.append(first[0] - sent)
        lags.extend(mine)
        deltas += len(mine)
        turns += 1

    async def worker(i: int) -> None:
        await asyncio.sleep(max(0.0, start + turn_s * i / workers - time.time()))
        while time.time() < stop_at:
            await one_turn(i)

    await asyncio.gather(*(one_turn(i) for i in range(warm)))
    errors.clear()
    pre_model.clear()
    measuring = True
    start = time.time() + 0.2
    stop_at = start + duration
    cpu0, wall0 = cpu_seconds(server_pid), time.time()
    await asyncio.gather(*(worker(i) for i in range(workers)))
    cpu1, wall1 = cpu_seconds(server_pid), time.time()
    return {
        "turns": turns,
        "deltas": deltas,
        "errors": errors[:5],
        "error_count": len(errors),
        "lag_p50": pct(lags, 50),
        "lag_p99": pct(lags, 99),
        "lag_max": max(lags) if lags else float("nan"),
        "ttfd_p50": pct(ttfd, 50),
        "ttfd_p99": pct(ttfd, 99),
        "pre_model_p50": pct(pre_model, 50),
        "server_cpu_s": cpu1 - cpu0,
        "wall_s": wall1 - wall0,
    }
