"""Alembic, driven from code: ``flowsmith db upgrade`` and start-up both call ``upgrade``."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config

from flowsmith.config import Settings
from flowsmith.db.engine import postgres_connect_args

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(settings: Settings) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", settings.effective_database_url.replace("%", "%%"))
    config.attributes["schema"] = settings.db_schema
    config.attributes["connect_args"] = (
        postgres_connect_args(settings)
        if settings.effective_database_url.startswith("postgres")
        else {}
    )
    return config


def upgrade(settings: Settings, revision: str = "head") -> None:
    if settings.effective_database_url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(settings), revision)


async def upgrade_async(settings: Settings) -> None:
    # env.py runs its own event loop (asyncio.run), so it must not run on ours
    await asyncio.to_thread(upgrade, settings)
