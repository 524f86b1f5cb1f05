"""The database engine and the one dependency that owns a request's transaction.

Streaming endpoints do not use the request dependency: they open their own short sessions
inside the generator (``session_scope``), because a response body outlives the request's
dependency scope.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from flowsmith.config import Settings


def create_engine(settings: Settings) -> AsyncEngine:
    url = settings.effective_database_url
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(
        url,
        pool_pre_ping=True,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        connect_args=postgres_connect_args(settings),
        # our tables live in their own schema, beside Supabase's
        execution_options={"schema_translate_map": {None: settings.db_schema}},
    )


def postgres_connect_args(settings: Settings) -> dict[str, Any]:
    cache = settings.db_statement_cache_size
    args: dict[str, Any] = {"statement_cache_size": cache}
    if cache == 0:
        args["prepared_statement_cache_size"] = 0
    return args


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (streams) proceed while a writer commits; foreign keys are off by
    # default in SQLite and our cascades rely on them.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def session_scope(
    maker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """A unit of work: commit on success, roll back on any exception."""
    async with maker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


async def get_db_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with session_scope(request.app.state.sessionmaker) as session:
        yield session


# scope="function": the transaction commits when the endpoint returns, before the response
# is sent; with the default scope a client could act on a response whose writes are not
# yet visible (a race that shows on Postgres).
SessionDep = Annotated[AsyncSession, Depends(get_db_session, scope="function")]
