"""Listeners: many ``workflow_generation`` streams held open, and one generation fanned out.

``hold_client``: ``n`` listeners (flowsmith: one session each, ten sessions per user; the
baseline: one room each) are opened, in two steps: ``warm`` first, then the rest; the
server's RSS after each step gives the memory per listener (``(rss1 - rss0) / (n - warm)``).
Then the keepalive comments are watched for ``observe_s``: every gap between two
consecutive comments on a listener, and how many listeners saw none.

``fanout_client``: ``n`` listeners of *one* session; a chat message starts a generation;
for each listener, each event's arrival minus the event's own ``timestamp`` (set by the
server when it made the event). The baseline hands ``n`` listeners of one room the same
events flowsmith sent (``start``, ``draft``, ``debugging``, ``complete``: the same bytes),
spaced as flowsmith's timestamps were, each stamped when it is handed over.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import urllib.parse
from datetime import datetime
from typing import Any

from bench.common import HttpConn, SSEHandler, json_headers, pct, rss_kib, simple_request

OPEN_CONCURRENCY = 64


def _stamp(data: bytes) -> float:
    """The event's ``timestamp`` (the last key of a generation event) as epoch seconds."""
    at = data.rfind(b'"timestamp":"')
    if at < 0:
        return float("nan")
    end = data.index(b'"', at + 13)
    return datetime.fromisoformat(data[at + 13 : end].decode()).timestamp()


def _type(data: bytes) -> str:
    at = data.find(b'"type":"')
    if at < 0:
        return "?"
    return data[at + 8 : data.index(b'"', at + 8)].decode()


class Listener:
    def __init__(self, record_events: bool = False) -> None:
        self.first: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.comments: list[float] = []
        self.events: list[tuple[str, float, bytes]] = []
        self.record_events = record_events
        self.conn: HttpConn | None = None
        self.done: asyncio.Future[Any] | None = None
        self.status = 0

    def on_event(self, _id: str | None, data: bytes, now: float) -> None:
        if not self.first.done():
            self.first.set_result(now)
        if self.record_events:
            self.events.append((_type(data), now, data))

    def on_comment(self, now: float) -> None:
        self.comments.append(now)

    async def open(self, host: str, port: int, path: str, headers: dict[str, str]) -> None:
        self.conn = await HttpConn.open(host, port)
        handler = SSEHandler(self.on_event, self.on_comment)
        self.done = self.conn.request(
            "GET", path, {**headers, "Accept": "text/event-stream"}, None, handler
        )
        self.done.add_done_callback(self._ended)
        await asyncio.wait({self.first, self.done}, return_when=asyncio.FIRST_COMPLETED)
        if not self.first.done():
            handler_status = (
                getattr(self.done.result(), "status", 0) if not self.done.exception() else 0
            )
            raise RuntimeError(f"listener ended before its first event (status {handler_status})")

    def _ended(self, fut: asyncio.Future[Any]) -> None:
        if not fut.cancelled() and fut.exception() is None:
            self.status = fut.result().status

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


async def _open_all(
    listeners: list[Listener], paths: list[tuple[str, dict[str, str]]], host: str, port: int
) -> list[str]:
    gate = asyncio.Semaphore(OPEN_CONCURRENCY)
    errors: list[str] = []

    async def one(listener: Listener, path: str, headers: dict[str, str]) -> None:
        async with gate:
            try:
                await asyncio.wait_for(listener.open(host, port, path, headers), 60)
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")

    await asyncio.gather(*(one(lis, p, h) for lis, (p, h) in zip(listeners, paths, strict=True)))
    return errors


async def _create_sessions(host: str, port: int, tokens: list[str], count: int) -> list[str]:
    """``count`` sessions, session ``i`` owned by ``tokens[i % len(tokens)]``."""
    sessions: list[str] = [""] * count
    conns = [await HttpConn.open(host, port) for _ in range(16)]
    body = json.dumps({"action": "create"}).encode()

    async def worker(k: int) -> None:
        conn = conns[k]
        for i in range(k, count, len(conns)):
            for _attempt in range(20):
                handler = await conn.request(
                    "POST", "/api/v1/session", json_headers(tokens[i % len(tokens)]), body
                )
                if handler.status != 503:
                    break
                await asyncio.sleep(0.5)  # Redis or Postgres restarted by someone else
            if handler.status != 200:
                raise RuntimeError(f"session: {handler.status} {handler.body[:200]!r}")
            sessions[i] = json.loads(handler.body)["session_id"]

    await asyncio.gather(*(worker(k) for k in range(len(conns))))
    for conn in conns:
        conn.close()
    return sessions


def _paths(kind: str, sessions: list[str], tokens: list[str]) -> list[tuple[str, dict[str, str]]]:
    if kind == "baseline":
        return [(f"/listen?room=r{i}", {}) for i in range(len(sessions))]
    return [
        (
            "/api/v1/workflow_generation?" + urllib.parse.urlencode({"session_id": s}),
            {"Authorization": f"Bearer {tokens[i % len(tokens)]}"},
        )
        for i, s in enumerate(sessions)
    ]


async def hold_client(
    host: str,
    port: int,
    kind: str,
    n: int,
    warm: int,
    tokens: list[str],
    keepalive_s: float,
    observe_s: float,
    server_pid: int,
) -> dict[str, Any]:
    if kind == "flowsmith":
        t = time.time()
        sessions = await _create_sessions(host, port, tokens, n)
        create_s = time.time() - t
    else:
        sessions, create_s = [str(i) for i in range(n)], 0.0
    paths = _paths(kind, sessions, tokens)
    listeners = [Listener() for _ in range(n)]
    errors = await _open_all(listeners[:warm], paths[:warm], host, port)
    await asyncio.sleep(1.0)
    rss0 = rss_kib(server_pid)
    t = time.time()
    errors += await _open_all(listeners[warm:], paths[warm:], host, port)
    open_s = time.time() - t
    await asyncio.sleep(2.0)
    rss1 = rss_kib(server_pid)
    # keepalives: every gap between consecutive comments during the observation window
    for listener in listeners:
        listener.comments.clear()
    window_start = time.time()
    await asyncio.sleep(observe_s)
    window_end = time.time()
    gaps: list[float] = []
    silent = 0
    for listener in listeners:
        seen = [c for c in listener.comments if c <= window_end]
        if not seen:
            silent += 1
        gaps += [b - a for a, b in itertools.pairwise(seen)]
        # the first comment of the window: it cannot be later than one interval after its start
        if seen:
            gaps_first = seen[0] - window_start
            if gaps_first > keepalive_s:
                gaps.append(gaps_first)
    still_open = sum(1 for lis in listeners if lis.done is not None and not lis.done.done())
    for listener in listeners:
        listener.close()
    await asyncio.sleep(2.0)
    rss2 = rss_kib(server_pid)
    opened = n - len(errors)
    return {
        "n": n,
        "opened": opened,
        "still_open": still_open,
        "errors": errors[:5],
        "error_count": len(errors),
        "sessions_s": create_s,
        "open_s": open_s,
        "rss0_kib": rss0,
        "rss1_kib": rss1,
        "rss_after_close_kib": rss2,
        "kib_per_listener": (rss1 - rss0) / max(1, n - warm),
        "gap_p50": pct(gaps, 50),
        "gap_p99": pct(gaps, 99),
        "gap_max": max(gaps) if gaps else float("nan"),
        "late_gaps": sum(1 for g in gaps if g > keepalive_s * 1.2),
        "gaps": len(gaps),
        "silent": silent,
    }


async def fanout_client(
    host: str,
    port: int,
    kind: str,
    n: int,
    rounds: int,
    token: str,
    message: str,
    sample: list[str] | None,
) -> dict[str, Any]:
    """``sample``: for the baseline, the events (JSON) one flowsmith listener received, in
    order; the baseline broadcasts the same payloads, one after the other."""
    latencies: dict[str, list[float]] = {}
    sample_events: list[str] = []
    errors: list[str] = []
    for r in range(rounds):
        if kind == "flowsmith":
            (session,) = await _create_sessions(host, port, [token], 1)
            path = "/api/v1/workflow_generation?" + urllib.parse.urlencode({"session_id": session})
            headers = {"Authorization": f"Bearer {token}"}
        else:
            session = f"fan{r}"
            path, headers = f"/listen?room={session}", {}
        listeners = [Listener(record_events=True) for _ in range(n)]
        errors += await _open_all(listeners, [(path, headers)] * n, host, port)
        await asyncio.sleep(0.5)
        if kind == "flowsmith":
            status, body = await simple_request(
                host,
                port,
                "POST",
                "/api/v1/chat/stream",
                json_headers(token),
                json.dumps({"session_id": session, "user_message": message}).encode(),
                timeout=60,
            )
            if status != 200:
                raise RuntimeError(f"chat: {status} {body[:300]!r}")
        else:
            assert sample
            events = [json.loads(raw) for raw in sample]
            stamps = [datetime.fromisoformat(e["timestamp"]).timestamp() for e in events]
            gaps = [0.0] + [b - a for a, b in itertools.pairwise(stamps)]
            body = {
                "events": [{k: v for k, v in e.items() if k != "timestamp"} for e in events],
                "gaps_s": gaps,
            }
            await simple_request(
                host,
                port,
                "POST",
                f"/broadcast?room={session}",
                json_headers(None),
                json.dumps(body).encode(),
                timeout=60,
            )
        pending = [lis.done for lis in listeners if lis.done is not None]
        _done, not_done = await asyncio.wait(pending, timeout=60)
        if not_done:
            errors.append(f"{len(not_done)} listeners did not finish")
        for listener in listeners:
            for kind_, arrival, data in listener.events:
                if kind_ == "waiting":
                    continue
                latency = arrival - _stamp(data)
                latencies.setdefault(kind_, []).append(latency)
                latencies.setdefault("all", []).append(latency)
            listener.close()
        if not sample_events and listeners and listeners[0].events:
            sample_events = [d.decode() for k, _, d in listeners[0].events if k != "waiting"]
    summary = {
        k: {"n": len(v), "p50": pct(v, 50), "p99": pct(v, 99), "max": max(v)}
        for k, v in latencies.items()
    }
    return {
        "latency": summary,
        "events": [json.loads(e)["type"] for e in sample_events],
        "event_bytes": [len(e.encode()) for e in sample_events],
        "sample_events": sample_events,
        "errors": errors[:5],
        "error_count": len(errors),
    }
