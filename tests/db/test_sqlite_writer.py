"""SQLite write transactions queue on the event loop, never in sqlite3's busy handler."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from flowsmith.db import engine as engine_module
from flowsmith.db.engine import (
    _sqlite_in_process,
    _sqlite_pragmas,
    create_sessionmaker,
    session_scope,
)


def engine_without_busy_wait(path: Path, *, queued: bool) -> AsyncEngine:
    # timeout=0: a writer that finds the database locked fails at once instead of
    # sleeping, so any contention inside SQLite shows as an error
    engine = create_async_engine(
        f"sqlite+aiosqlite:///{path}", pool_size=20, max_overflow=0, connect_args={"timeout": 0}
    )
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    if queued:
        _sqlite_in_process(engine)
    return engine


async def hammer(engine: AsyncEngine, writers: int = 20) -> list[BaseException | None]:
    async with engine.begin() as conn:
        await conn.execute(text("PRAGMA busy_timeout=0"))
        await conn.execute(text("CREATE TABLE IF NOT EXISTS c (n INTEGER)"))
        await conn.execute(text("INSERT INTO c VALUES (0)"))
    maker = create_sessionmaker(engine)

    async def write(i: int) -> None:
        async with session_scope(maker) as db:
            await db.execute(text("PRAGMA busy_timeout=0"))
            await db.execute(text("SELECT n FROM c"))  # a read first: no lock yet
            await db.execute(text("UPDATE c SET n = n + 1"))
            await asyncio.sleep(0.002 * (i % 3))  # other tasks run while this one writes
            if i == 7:
                raise RuntimeError("rolled back")  # a failed transaction frees the lock too

    results = await asyncio.gather(*(write(i) for i in range(writers)), return_exceptions=True)
    return [r if isinstance(r, BaseException) else None for r in results]


async def test_concurrent_writers_queue_and_all_commit(tmp_path: Path) -> None:
    engine = engine_without_busy_wait(tmp_path / "q.db", queued=True)
    try:
        results = await hammer(engine)
        assert [type(r).__name__ for r in results if r is not None] == ["RuntimeError"]
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT n FROM c"))).scalar() == 19
        # the lock is free afterwards: one more write goes through at once
        assert await asyncio.wait_for(hammer(engine, writers=1), 5) == [None]
    finally:
        await engine.dispose()


async def test_without_the_queue_sqlite_refuses_them(tmp_path: Path) -> None:
    """The control: the same load without the queue hits SQLite's lock (so the test above
    shows the queue at work, not a lucky schedule)."""
    engine = engine_without_busy_wait(tmp_path / "raw.db", queued=False)
    try:
        results = await hammer(engine)
        assert any(isinstance(r, OperationalError) and "locked" in str(r) for r in results)
    finally:
        await engine.dispose()


async def test_a_writer_waits_no_longer_than_sqlite_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer stuck behind another fails with "database is locked", as sqlite3 would
    after its busy timeout: never a hang; and the queue works afterwards."""
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_S", 0.2)
    engine = engine_without_busy_wait(tmp_path / "t.db", queued=True)
    try:
        await hammer(engine, writers=1)
        maker = create_sessionmaker(engine)
        holding, release = asyncio.Event(), asyncio.Event()

        async def holder() -> None:
            async with session_scope(maker) as db:
                await db.execute(text("UPDATE c SET n = n + 1"))
                holding.set()
                await release.wait()

        task = asyncio.create_task(holder())
        await holding.wait()
        with pytest.raises(OperationalError, match="database is locked"):
            async with session_scope(maker) as db:
                await db.execute(text("UPDATE c SET n = n + 10"))
        release.set()
        await task
        async with session_scope(maker) as db:
            await db.execute(text("UPDATE c SET n = n + 100"))
        async with engine.connect() as conn:
            # 1 from the set-up, +1 from the holder, +100; the refused +10 left nothing
            assert (await conn.execute(text("SELECT n FROM c"))).scalar() == 102
    finally:
        await engine.dispose()
