"""A live server run the way ``flowsmith serve`` runs it: the same uvicorn options (HTTP
protocol and its limits) and no uvicorn logging config of its own, so uvicorn's records
reach the root logger (and pytest's ``caplog``) as they reach the service's handler."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from pathlib import Path
from typing import Any

import uvicorn

from flowsmith.limits import server_options
from tests.conftest import LiveServer, make_settings


class ServedLikeCli(LiveServer):
    def __init__(self, settings: Any, **uvicorn_overrides: Any) -> None:
        super().__init__(settings)
        options = {**server_options(settings), **uvicorn_overrides}
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=settings.port,
            log_level="warning",
            log_config=None,
            lifespan="on",
            **options,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)


def start_served(
    data_dir: Path, uvicorn_overrides: dict[str, Any] | None = None, **env: Any
) -> ServedLikeCli:
    """On the pass's backends (SQLite/memory, or Postgres/Redis), plus ``env`` settings."""
    live = ServedLikeCli(make_settings(data_dir, **env), **(uvicorn_overrides or {}))
    live.start()
    return live


async def raw_get(
    live: LiveServer, target: str, headers: dict[str, str] | None = None, wait_s: float = 60
) -> tuple[int, dict[str, str], bytes]:
    """One GET over a plain socket, read to the end (httpx refuses URLs over 64 KiB before
    sending them). The body is returned as sent: chunk framing included."""

    async def exchange() -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", live.settings.port)
        try:
            lines = [f"GET {target} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
            lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
            request = ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")
            # in pieces, as a network delivers a long request line: a server that limits
            # only what it buffers (h11) sees the whole of it
            for start in range(0, len(request), 8192):
                writer.write(request[start : start + 8192])
                await writer.drain()
                await asyncio.sleep(0.001)
            return await reader.read()
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    data = await asyncio.wait_for(exchange(), wait_s)
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parsed = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        parsed[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), parsed, body
