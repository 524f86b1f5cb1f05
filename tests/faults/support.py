"""Stopping and starting the machine's real PostgreSQL and Redis, for the fault suites.

Every helper leaves the service running again before it returns, whatever happened in
between (callers use them in ``try``/``finally``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import httpx

from tests.helpers import Event

PG_URL = os.environ.get("FLOWSMITH_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("FLOWSMITH_TEST_REDIS_URL")


def pg_version() -> str | None:
    root = Path("/etc/postgresql")
    if not root.is_dir() or shutil.which("pg_ctlcluster") is None:
        return None
    versions = sorted(p.name for p in root.iterdir() if (p / "main").is_dir())
    return versions[-1] if versions else None


def pg_ctl(action: str) -> None:
    version = pg_version()
    assert version is not None
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        check=True,
        capture_output=True,
        timeout=60,
    )


def pg_ready() -> bool:
    result = subprocess.run(
        ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], capture_output=True, timeout=10
    )
    return result.returncode == 0


def pg_stop() -> None:
    pg_ctl("stop")
    deadline = time.monotonic() + 30
    while pg_ready() and time.monotonic() < deadline:
        time.sleep(0.1)


def pg_start() -> None:
    """Start PostgreSQL (if it is not running) and wait until it accepts connections."""
    if not pg_ready():
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", pg_version() or "", "main", "start"],
            capture_output=True,
            timeout=60,
        )
    deadline = time.monotonic() + 60
    while not pg_ready():
        if time.monotonic() > deadline:
            raise RuntimeError("PostgreSQL did not come back")
        time.sleep(0.1)


def redis_ping() -> bool:
    result = subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping"],
        capture_output=True,
        timeout=10,
        text=True,
    )
    return result.stdout.strip() == "PONG"


def redis_stop() -> None:
    subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"],
        capture_output=True,
        timeout=30,
    )
    deadline = time.monotonic() + 30
    while redis_ping() and time.monotonic() < deadline:
        time.sleep(0.05)


def redis_start() -> None:
    if not redis_ping():
        subprocess.run(
            [
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "--port",
                "6379",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            capture_output=True,
            timeout=30,
        )
    deadline = time.monotonic() + 30
    while not redis_ping():
        if time.monotonic() > deadline:
            raise RuntimeError("Redis did not come back")
        time.sleep(0.05)


def positions(events: list[Event]) -> list[int]:
    return [int(e.id.rsplit(".", 1)[1]) for e in events]


def session_state(url: str, headers: dict[str, str], session_id: str) -> dict[str, object]:
    response = httpx.get(f"{url}/api/v1/sessions/{session_id}", headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def follow(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    done: object,
    headers: dict[str, str],
    reconnects: int = 20,
    timeout: float = 60,  # noqa: ASYNC109 - one deadline for all the reconnects
    **kwargs: object,
) -> tuple[list[Event], list[str]]:
    """Read a stream to its end the way EventSource does: after a cut, reconnect with
    ``Last-Event-ID``; a 204 ends it. Returns the events and what each connection ended
    with (``"done"``, ``"cut"``, ``"204"``, ``"<status>"``)."""
    import asyncio

    from tests.helpers import read_events

    events: list[Event] = []
    endings: list[str] = []
    deadline = time.monotonic() + timeout
    for _ in range(reconnects):
        extra = {"Last-Event-ID": events[-1].id} if events else {}
        remaining = max(1.0, deadline - time.monotonic())
        try:
            status, got = await read_events(
                client,
                method,
                url,
                headers={**headers, **extra},
                until=done,
                tolerate_cut=True,
                timeout=remaining,
                **kwargs,
            )
        except (httpx.HTTPError, TimeoutError):
            status, got = 0, []
        events.extend(got)
        if got and done(got[-1]):  # type: ignore[operator]
            endings.append("done")
            break
        endings.append("204" if status == 204 else ("cut" if status == 200 else str(status)))
        if status == 204 or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.5)
    return events, endings
