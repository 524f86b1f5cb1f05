"""Alembic environment: async engine, run in its own loop (see flowsmith.db.migrate)."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from flowsmith.db.tables import Base

config = context.config
target_metadata = Base.metadata


SCHEMA: str = config.attributes.get("schema", "flowsmith")


def _run(connection: Connection) -> None:
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{SCHEMA}"'))
        # operations that name a table by string (ALTER TABLE …) resolve in our schema too
        connection.execute(text(f'SET LOCAL search_path TO "{SCHEMA}"'))
        connection = connection.execution_options(schema_translate_map={None: SCHEMA})
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        version_table_schema=SCHEMA if postgres else None,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    engine = create_async_engine(
        config.get_main_option("sqlalchemy.url") or "",
        connect_args=config.attributes.get("connect_args", {}),
    )
    async with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # replicas starting together migrate one at a time
            await connection.execute(text("SELECT pg_advisory_xact_lock(7305861902)"))
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_async())
