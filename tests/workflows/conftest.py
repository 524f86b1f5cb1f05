"""A migrated database of the pass's backend (SQLite, or the PostgreSQL of the second pass)
and a unit of work on it, for the repository and service tests of sessions and workflows."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from flowsmith.db.engine import create_engine, create_sessionmaker, session_scope
from flowsmith.db.migrate import upgrade_async
from tests.conftest import make_settings


@pytest.fixture
async def db(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[AsyncSession]:
    settings = make_settings(tmp_path_factory.mktemp("db"))
    await upgrade_async(settings)
    engine = create_engine(settings)
    try:
        async with session_scope(create_sessionmaker(engine)) as session:
            yield session
    finally:
        await engine.dispose()
