"""Shared fixtures. Stream tests talk to a real uvicorn server on a loopback port (httpx's
ASGI transport buffers whole responses and would hide streaming bugs)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from flowsmith.app import create_app
from flowsmith.auth.dev import mint_dev_token
from flowsmith.config import Settings
from flowsmith.limits import server_options

# Set to run the whole suite against a real PostgreSQL, e.g.
# postgresql+asyncpg://postgres@127.0.0.1:5432/test
TEST_DATABASE_URL = os.environ.get("FLOWSMITH_TEST_DATABASE_URL")
# Set to run every server in the suite on the Redis Streams bus, e.g. redis://127.0.0.1:6379/0
TEST_REDIS_URL = os.environ.get("FLOWSMITH_TEST_REDIS_URL")

# the suite must not read a developer's .env or environment by accident (FLOWSMITH_LLAMA_*
# are not settings: they tell tests/llm_real where its server is and that it is required)
for _name in list(os.environ):
    if (_name.startswith("FLOWSMITH_") and not _name.startswith("FLOWSMITH_LLAMA_")) or _name in (
        "DATABASE_URL",
        "REDIS_URL",
        "SUPABASE_URL",
        "SUPABASE_JWT_SECRET",
    ):
        os.environ.pop(_name)


TEST_SCHEMA = f"fs_test_{os.getpid()}"


@pytest.fixture(scope="session", autouse=True)
def _drop_test_schema() -> Iterator[None]:
    """Each Postgres run gets its own schema, dropped at the end."""
    yield
    if TEST_DATABASE_URL:
        import asyncio

        import asyncpg

        async def drop() -> None:
            dsn = TEST_DATABASE_URL.replace("postgresql+asyncpg://", "postgresql://")
            conn = await asyncpg.connect(dsn)
            try:
                await conn.execute(f'DROP SCHEMA IF EXISTS "{TEST_SCHEMA}" CASCADE')
            finally:
                await conn.close()

        asyncio.run(drop())


_PORTS_GIVEN: set[int] = set()


def free_port() -> int:
    """A port nothing listens on now and that this test process has not handed out before.

    A server started in a subprocess binds its port a moment later, so the kernel may give the
    same free port to the next caller; two replicas on one port would answer each other's
    readiness probe, and killing one would leave nothing listening (a rare flake seen on
    ``test_replica_dies_mid_turn_and_resume_elsewhere_ends_it``).
    """
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port not in _PORTS_GIVEN:
            _PORTS_GIVEN.add(port)
            return port


class LiveServer:
    """uvicorn serving flowsmith in a background thread, on its own event loop."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app = create_app(settings)
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=settings.port,
            log_level="warning",
            lifespan="on",
            # the HTTP protocol and request-line limit `flowsmith serve` runs with
            **server_options(settings),
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{settings.port}"

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)

    def token(self, sub: str, **kwargs: Any) -> str:
        return mint_dev_token(self.settings, sub, **kwargs)

    def headers(self, sub: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(sub)}"}


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "FLOWSMITH_DATA_DIR": data_dir,
        "FLOWSMITH_PORT": free_port(),
        "FLOWSMITH_OFFLINE_STREAM_DELAY_MS": 2,
        "FLOWSMITH_KEEPALIVE_S": 1,
    }
    if TEST_DATABASE_URL:
        values["DATABASE_URL"] = TEST_DATABASE_URL
        values["FLOWSMITH_DB_SCHEMA"] = TEST_SCHEMA
    if TEST_REDIS_URL:
        values["REDIS_URL"] = TEST_REDIS_URL
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # a long lease: its reaper ticks every lease / 3, and with the tests' database shared it
    # must not end, between a test's lease lapsing and that test's own reaper, a turn the
    # test is about to reap (tests/runtime/test_terminal_numbering.py)
    settings = make_settings(tmp_path_factory.mktemp("server"), FLOWSMITH_LEASE_S=600)
    live = LiveServer(settings).start()
    yield live
    live.stop()


@pytest.fixture
def make_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    started: list[LiveServer] = []

    def factory(**overrides: Any) -> LiveServer:
        live = LiveServer(make_settings(tmp_path_factory.mktemp("srv"), **overrides)).start()
        started.append(live)
        return live

    yield factory
    for live in started:
        live.stop()


@pytest.fixture
async def client(server: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the session's live server."""
    async with httpx.AsyncClient(base_url=server.url, timeout=20) as c:
        yield c


_counter = iter(range(1, 1_000_000))


@pytest.fixture
def user() -> str:
    """A fresh user id per test, so tests sharing a server never see each other's data."""
    return f"user-{os.getpid()}-{next(_counter)}"
