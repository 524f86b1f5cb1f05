"""The database engine and the one dependency that owns a request's transaction.

Streaming endpoints do not use the request dependency: they open their own short sessions
inside the generator (``session_scope``), because a response body outlives the request's
dependency scope.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import re
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import event, util
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
)
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import await_only

from flowsmith.config import Settings

log = logging.getLogger(__name__)

# How long a new connection waits for PostgreSQL to come back (a restart, a failover)
# before the error reaches the caller: a turn that finishes while the database restarts
# stores its reply a moment later instead of failing half-stored.
DB_RECONNECT_WINDOW_S = 15.0
# How long a SQLite writer waits for the one write lock before "database is locked".
SQLITE_BUSY_TIMEOUT_S = 30.0


def create_engine(settings: Settings) -> AsyncEngine:
    url = settings.effective_database_url
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url,
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S},
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        _sqlite_in_process(engine)
        return engine
    engine = create_async_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        connect_args=postgres_connect_args(settings),
        # our tables live in their own schema, beside Supabase's
        execution_options={"schema_translate_map": {None: settings.db_schema}},
    )
    event.listen(engine.sync_engine, "do_connect", _connect_waiting_out_restarts)
    _check_on_checkout(engine)
    return engine


# A pooled connection used less than this long ago is not pinged when it is taken again.
PING_IDLE_S = 10.0


def _check_on_checkout(engine: AsyncEngine) -> None:
    """Never hand out a dead connection, without a round trip for every checkout.

    SQLAlchemy's ``pool_pre_ping`` pings each checkout, and for asyncpg a ping is three
    round trips (BEGIN, a query, ROLLBACK), on the path of every request and of each
    turn's start and end. Here a connection the driver knows is closed (a restarted or
    stopped server closes them, which asyncpg sees at once) is replaced without any; one
    idle for ``PING_IDLE_S`` or more (which a firewall or a failover may have cut without
    a word) gets the ping; one in use moments ago is taken as it is, and should it still
    fail, the error is a disconnect, which the pool handles and the caller gets as 503
    ``database_unavailable``.
    """
    dialect = engine.sync_engine.dialect

    def stamp(_dbapi_connection: Any, record: Any, *_args: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    def check(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if _driver_closed(dbapi_connection):
            raise DisconnectionError("the connection was closed")
        if time.monotonic() - record.info.get("idle_since", 0.0) >= PING_IDLE_S:
            try:
                dialect.do_ping(dbapi_connection)
            except Exception as exc:
                raise DisconnectionError("the connection did not answer a ping") from exc

    event.listen(engine.sync_engine, "connect", stamp)
    event.listen(engine.sync_engine.pool, "checkin", stamp)
    event.listen(engine.sync_engine.pool, "checkout", check)


def _driver_closed(dbapi_connection: Any) -> bool:
    try:
        return bool(dbapi_connection.driver_connection.is_closed())
    except AttributeError:
        return False  # another driver: only the idle ping applies


def _connect_waiting_out_restarts(
    dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]
) -> Any:
    """Connect; while the server refuses connections (down, starting, shutting down), retry
    with backoff for up to ``DB_RECONNECT_WINDOW_S``. Runs in SQLAlchemy's greenlet, so
    the waits are awaited on the event loop, never blocking it."""
    deadline = time.monotonic() + DB_RECONNECT_WINDOW_S
    delay, warned = 0.1, False
    while True:
        try:
            return dialect.connect(*cargs, **cparams)
        except Exception as exc:
            if not database_unreachable(exc) or time.monotonic() + delay > deadline:
                raise
            if not warned:
                log.warning("database unreachable (%s); waiting for it", type(exc).__name__)
                warned = True
            await_only(asyncio.sleep(delay))
            delay = min(delay * 2, 1.0)


_UNREACHABLE_NAMES = frozenset(
    {"CannotConnectNowError", "ConnectionDoesNotExistError", "ConnectionFailureError"}
)


def database_unreachable(exc: BaseException) -> bool:
    """True for the errors of a database that cannot be reached right now (refused or
    dropped connections, a server starting up or shutting down), wrapped or not."""
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if isinstance(seen, OSError | TimeoutError) or type(seen).__name__ in _UNREACHABLE_NAMES:
            return True
        if getattr(seen, "connection_invalidated", False):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


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
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    cursor.close()


def _sqlite_in_process(engine: AsyncEngine) -> None:
    """Fewer round trips to aiosqlite's threads, each of which costs a thread wake-up
    there and a loop wake-up here (the largest share of a chat turn's CPU on SQLite).

    A statement is one round trip, not four (``_OneTripCursor``). And there is no
    COMMIT/ROLLBACK round trip when sqlite3 has no transaction open: sqlite3 opens one at
    the first write, so a unit of work that only read, and the pool's reset of each
    connection it takes back, end nothing; both are no-ops in sqlite3.
    """
    sync_engine = engine.sync_engine
    dialect = sync_engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback
    writer = _SqliteWriter()

    def do_commit(dbapi_connection: Any) -> None:
        try:
            if _may_be_in_transaction(dbapi_connection):
                commit(dbapi_connection)
        finally:
            writer.release(dbapi_connection)

    def do_rollback(dbapi_connection: Any) -> None:
        try:
            if _may_be_in_transaction(dbapi_connection):
                rollback(dbapi_connection)
        finally:
            writer.release(dbapi_connection)

    def before_write(connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if _WRITE.match(statement):
            writer.acquire(connection.connection)

    def gone(dbapi_connection: Any, *_args: Any) -> None:
        writer.release(dbapi_connection)

    event.listen(sync_engine, "before_cursor_execute", before_write)
    event.listen(sync_engine.pool, "close", gone)
    event.listen(sync_engine.pool, "invalidate", gone)
    event.listen(sync_engine.pool, "checkin", gone)

    def one_trip_cursors(dbapi_connection: Any, _record: Any) -> None:
        if type(dbapi_connection) is AsyncAdapt_aiosqlite_connection:
            dbapi_connection.__class__ = _OneTripConnection

    event.listen(sync_engine, "connect", one_trip_cursors)
    dialect.do_commit = do_commit  # type: ignore[method-assign]
    dialect.do_rollback = do_rollback  # type: ignore[method-assign]


_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


class _SqliteWriter:
    """One write transaction at a time per engine, queued on the event loop.

    SQLite admits one writer. Without this, concurrent write transactions (every turn
    starts and ends with one) contend inside sqlite3, whose busy handler sleeps 1 to
    100 ms between tries on the connection's thread: under load most of a turn's start
    was spent there, with its pool connection held. Here the next writer waits on an
    ``asyncio.Lock`` (first come, first served) from its first write statement until its
    commit or rollback, and the sleeping busy handler is never reached from this process.
    Invariant: ``holder`` is the DBAPI connection whose transaction holds the lock; it is
    released on commit, rollback, and the connection's return to the pool or its loss.
    """

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self.holder: Any = None

    def acquire(self, connection: Any) -> None:
        dbapi_connection = _dbapi(connection)
        if self.holder is dbapi_connection:
            return
        # called inside SQLAlchemy's greenlet: the wait is awaited on the event loop. It is
        # bounded like sqlite3's own wait was (``SQLITE_BUSY_TIMEOUT_S``), so a transaction
        # that somehow waits on another writer fails as sqlite3 would, never hangs forever
        try:
            await_only(asyncio.wait_for(self._lock.acquire(), SQLITE_BUSY_TIMEOUT_S))
        except TimeoutError:
            raise sqlite3.OperationalError("database is locked") from None
        self.holder = dbapi_connection

    def release(self, connection: Any) -> None:
        dbapi_connection = _dbapi(connection)
        if self.holder is dbapi_connection and dbapi_connection is not None:
            self.holder = None
            self._lock.release()


def _dbapi(connection: Any) -> Any:
    """The DBAPI connection under a pool's proxy (which commit and rollback are given)."""
    return getattr(connection, "dbapi_connection", connection)


class _OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A statement in one round trip to the aiosqlite thread, not four.

    SQLAlchemy's adapter awaits aiosqlite for each step: make a cursor, execute, fetch
    the rows, close the cursor; each step is a hand-off to the connection's thread and
    back. Here the thread does the four steps at once and hands back the rows, the
    description, ``rowcount`` and ``lastrowid``, which this cursor then serves like the
    adapter's own (rows from its buffer).
    """

    __slots__ = ("_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: Any) -> None:
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = util.EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: Any = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> Any:
        return self._lastrowid

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        self._run(_execute_in_thread, operation, parameters)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
        self._run(_executemany_in_thread, operation, seq_of_parameters)

    def _run(self, fn: Any, operation: Any, parameters: Any) -> None:
        try:
            raw = self._connection._conn  # sqlite3's connection, used on its own thread
            self._description, rows, self._rowcount, self._lastrowid = await_only(
                self._connection._execute(fn, raw, operation, parameters)
            )
        except Exception as error:
            self._adapt_connection._handle_exception(error)
        self._rows = collections.deque(rows)

    async def _async_soft_close(self) -> None:
        return None

    def close(self) -> None:
        self._rows.clear()


class _OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = _OneTripCursor


def _execute_in_thread(raw: Any, operation: Any, parameters: Any) -> tuple[Any, ...]:
    cursor = raw.cursor()
    try:
        if parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


def _executemany_in_thread(raw: Any, operation: Any, parameters: Any) -> tuple[Any, ...]:
    cursor = raw.cursor()
    try:
        cursor.executemany(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


def _may_be_in_transaction(dbapi_connection: Any) -> bool:
    try:
        # aiosqlite's Connection reads sqlite3's own flag: no round trip
        return bool(dbapi_connection.driver_connection.in_transaction)
    except Exception:
        return True  # unknown (closed, another driver): let the driver decide


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
