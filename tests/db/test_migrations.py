"""Migrations and models agree, on SQLite and on the real Postgres."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from flowsmith.config import Settings
from flowsmith.db.migrate import upgrade
from flowsmith.db.tables import Base

PG_URL = os.environ.get(
    "FLOWSMITH_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


def _diff(connection: Connection, schema: str | None) -> list[object]:
    if schema:
        # the reflection side looks at the default schema: make it ours
        connection.exec_driver_sql(f"SET search_path TO {schema}")
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def _check(settings: Settings, schema: str | None) -> list[object]:
    engine = create_async_engine(settings.effective_database_url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_diff, schema)
    finally:
        await engine.dispose()


def test_sqlite_schema_matches_models(tmp_path: Path) -> None:
    import asyncio

    settings = Settings(_env_file=None, FLOWSMITH_DATA_DIR=tmp_path)  # type: ignore[call-arg]
    upgrade(settings)  # env.py runs its own event loop
    assert asyncio.run(_check(settings, None)) == []


def test_postgres_schema_matches_models() -> None:
    import asyncio

    schema = f"fs_mig_{os.getpid()}"
    settings = Settings(_env_file=None, DATABASE_URL=PG_URL, FLOWSMITH_DB_SCHEMA=schema)  # type: ignore[call-arg]
    try:
        upgrade(settings)
        assert asyncio.run(_check(settings, schema)) == []
    except OSError as exc:  # pragma: no cover - the machine always runs Postgres
        pytest.fail(f"Postgres at {PG_URL} is not reachable: {exc}")
    finally:
        import subprocess

        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-d",
                "test",
                "-qc",
                f"DROP SCHEMA IF EXISTS {schema} CASCADE",
            ],
            check=False,
        )
