"""Diagnostic (not part of run_all): open listeners, ask the server (SIGUSR1) to write its
tracemalloc snapshot before and after, to see what each listener holds."""

from __future__ import annotations

import asyncio
import os
import signal
from typing import Any

from bench.common import rss_kib
from bench.listeners import Listener, _create_sessions, _open_all, _paths


async def hold(host: str, port: int, kind: str, n: int, tokens: list[str], pid: int) -> Any:
    if kind == "flowsmith":
        sessions = await _create_sessions(host, port, tokens, n + 50)
    else:
        sessions = [str(i) for i in range(n + 50)]
    paths = _paths(kind, sessions, tokens)
    warm = [Listener() for _ in range(50)]
    await _open_all(warm, paths[:50], host, port)
    await asyncio.sleep(1)
    os.environ.get("X")
    os.kill(pid, signal.SIGUSR1)
    await asyncio.sleep(2)
    rss0 = rss_kib(pid)
    listeners = [Listener() for _ in range(n)]
    await _open_all(listeners, paths[50:], host, port)
    await asyncio.sleep(2)
    rss1 = rss_kib(pid)
    os.kill(pid, signal.SIGUSR1)
    await asyncio.sleep(3)
    for lis in listeners + warm:
        lis.close()
    return {"kib_per_listener": (rss1 - rss0) / n}
