"""Postgres connections are checked when taken from the pool, without a ping per checkout.

Runs in the Postgres pass (``FLOWSMITH_TEST_DATABASE_URL``) against the real server.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from flowsmith.config import Settings
from flowsmith.db import engine as engine_module
from flowsmith.db.engine import create_engine
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs the Postgres pass")


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    settings = Settings(_env_file=None, FLOWSMITH_DATA_DIR=tmp_path, DATABASE_URL=TEST_DATABASE_URL)
    engine = create_engine(settings)
    yield engine
    await engine.dispose()


class Pings:
    def __init__(self, engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        dialect = engine.sync_engine.dialect
        real = dialect.do_ping

        def counting(dbapi_connection: Any) -> bool:
            self.count += 1
            return real(dbapi_connection)

        monkeypatch.setattr(dialect, "do_ping", counting)


async def backend_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def test_a_connection_used_moments_ago_is_not_pinged(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings = Pings(engine, monkeypatch)
    first = await backend_pid(engine)
    for _ in range(5):
        assert await backend_pid(engine) == first  # the same pooled connection
    assert pings.count == 0


async def test_an_idle_connection_is_pinged(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    await backend_pid(engine)
    pings = Pings(engine, monkeypatch)
    monkeypatch.setattr(engine_module, "PING_IDLE_S", 0.0)
    await backend_pid(engine)
    assert pings.count == 1


async def test_a_connection_the_server_closed_is_replaced(engine: AsyncEngine) -> None:
    """The server ends the pooled connection (as a restart does): the next checkout gets
    a new one, and the caller never sees the dead one."""
    victim = await backend_pid(engine)
    dsn = str(TEST_DATABASE_URL).replace("postgresql+asyncpg://", "postgresql://")
    admin = await asyncpg.connect(dsn)
    try:
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", victim)
    finally:
        await admin.close()
    await asyncio.sleep(0.2)  # the driver sees the connection close
    assert await backend_pid(engine) != victim
