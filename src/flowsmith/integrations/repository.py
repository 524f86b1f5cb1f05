"""The rows of the integration: one n8n connection per user, one deployment per workflow."""

from __future__ import annotations

import asyncio
import hashlib
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flowsmith.db.engine import session_scope
from flowsmith.db.tables import N8nConnectionRow, N8nDeploymentRow, utcnow


async def get_connection(db: AsyncSession, user_id: str) -> N8nConnectionRow | None:
    return await db.get(N8nConnectionRow, user_id, populate_existing=True)


async def save_connection(
    db: AsyncSession, user_id: str, base_url: str, encrypted: str, hint: str
) -> N8nConnectionRow:
    row = await get_connection(db, user_id)
    if row is None:
        row = N8nConnectionRow(user_id=user_id, created_at=utcnow())
        db.add(row)
    row.base_url = base_url
    row.api_key_encrypted = encrypted
    row.api_key_hint = hint
    row.updated_at = utcnow()
    await db.flush()
    return row


async def delete_connection(db: AsyncSession, user_id: str) -> bool:
    result = await db.execute(delete(N8nConnectionRow).where(N8nConnectionRow.user_id == user_id))
    return bool(getattr(result, "rowcount", 0))


async def get_deployment(db: AsyncSession, workflow_id: str) -> N8nDeploymentRow | None:
    return await db.scalar(
        select(N8nDeploymentRow)
        .where(N8nDeploymentRow.workflow_id == workflow_id)
        .execution_options(populate_existing=True)
    )


async def save_deployment(
    db: AsyncSession,
    *,
    workflow_id: str,
    user_id: str,
    base_url: str,
    n8n_workflow_id: str,
    version: int,
    node_map: dict[str, Any],
    active: bool,
) -> N8nDeploymentRow:
    row = await get_deployment(db, workflow_id)
    now = utcnow()
    if row is None:
        row = N8nDeploymentRow(workflow_id=workflow_id, created_at=now)
        db.add(row)
    row.user_id = user_id
    row.base_url = base_url
    row.n8n_workflow_id = n8n_workflow_id
    row.deployed_version = version
    row.node_map = node_map
    row.active = active
    row.updated_at = now
    await db.flush()
    return row


# --- one deploy of a workflow at a time ---------------------------------------------------

_local_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()


@asynccontextmanager
async def deploy_lock(
    maker: async_sessionmaker[AsyncSession], workflow_id: str
) -> AsyncIterator[AsyncSession]:
    """A session in which this process, and on PostgreSQL every replica, is the only one
    deploying ``workflow_id``: an in-process lock, then a transaction-scoped advisory lock
    (released when the session commits or rolls back). SQLite runs one process, whose
    lock is the first."""
    lock = _local_locks.get(workflow_id)
    if lock is None:
        lock = asyncio.Lock()
        _local_locks[workflow_id] = lock
    async with lock, session_scope(maker) as db:
        if db.get_bind().dialect.name == "postgresql":
            await db.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _lock_key(workflow_id)}
            )
        yield db


def _lock_key(workflow_id: str) -> int:
    digest = hashlib.sha256(b"flowsmith-n8n-deploy:" + workflow_id.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)
