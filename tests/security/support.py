"""Shared helpers for the security, fault and leak suites."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from flowsmith.observability import JsonFormatter
from tests.conftest import LiveServer, make_settings

MINIMAL_N8N: dict[str, Any] = {
    "name": "Minimal",
    "nodes": [
        {
            "id": "a1",
            "name": "Manual",
            "type": "n8n-nodes-base.manualTrigger",
            "typeVersion": 1,
            "position": [0, 0],
            "parameters": {},
        }
    ],
    "connections": {},
}


def start_server(data_dir: Path, **overrides: Any) -> LiveServer:
    """A live server on the pass's backends (SQLite/memory, or Postgres/Redis) + overrides."""
    return LiveServer(make_settings(data_dir, **overrides)).start()


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """The one error shape, a stable code, and nothing that looks like a stack trace."""
    assert response.status_code == status, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["message"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    if code is not None:
        assert body["error"]["code"] == code, body
    return dict(body["error"])


def on_server_loop(server: LiveServer, coro: Any, timeout: float = 30) -> Any:
    """Run ``coro`` on the live server's own event loop (its thread) and return the result."""
    loop = server_loop(server)
    return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout)


def server_loop(server: LiveServer) -> asyncio.AbstractEventLoop:
    loop = getattr(server, "_loop", None)
    if loop is None:
        # the lifespan ran on the server's loop: find it through a task it started
        task = server.app.state.runner._housekeeping
        loop = task.get_loop()
        server._loop = loop  # type: ignore[attr-defined]
    return loop


@contextlib.contextmanager
def captured_json_logs(level: int = logging.DEBUG) -> Iterator[io.StringIO]:
    """Every ``flowsmith`` / ``uvicorn`` record, formatted as the service's JSON lines at
    emit time (so each line carries the request id of the task that wrote it)."""
    from flowsmith.logs import RedactSecrets

    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RedactSecrets())
    handler.setFormatter(JsonFormatter())
    handler.setLevel(level)
    loggers = [logging.getLogger(name) for name in ("flowsmith", "uvicorn", "sqlalchemy")]
    saved = [(lg, lg.level) for lg in loggers]
    for lg in loggers[:1]:
        lg.setLevel(level)
    for lg in loggers:
        lg.addHandler(handler)
    try:
        yield buffer
    finally:
        for lg, old in saved:
            lg.removeHandler(handler)
            lg.setLevel(old)


def json_lines(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


class ServeProcess:
    """A real ``flowsmith serve`` subprocess (its own logging set-up, uvicorn's access log),
    stderr to a file the test can read."""

    def __init__(self, tmp: Path, **env: str) -> None:
        import os
        import subprocess
        import sys

        from tests.conftest import free_port

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / "serve.log"
        base = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("FLOWSMITH_", "SUPABASE_"))
            and k not in ("DATABASE_URL", "REDIS_URL")
        }
        full_env = {**base, "FLOWSMITH_DATA_DIR": str(tmp), "FLOWSMITH_PORT": str(self.port), **env}
        self._log = self.log_path.open("wb")
        flowsmith = str(Path(sys.executable).parent / "flowsmith")
        self.proc = subprocess.Popen(
            [flowsmith, "serve", "--port", str(self.port)],
            env=full_env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 60) -> ServeProcess:
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.log_path.read_text())
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("server did not become ready")

    def stop(self) -> str:
        """Stop (SIGTERM, then SIGKILL) and return everything it wrote."""
        import subprocess

        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._log.close()
        return self.log_path.read_text(errors="replace")
