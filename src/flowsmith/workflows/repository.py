"""The SQL of workflows and their versions. Nothing here decides who may see what, or what
may be stored (``service`` does)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flowsmith.db.tables import SessionRow, WorkflowRow, WorkflowVersionRow


async def get_workflow(
    db: AsyncSession, workflow_id: str, *, fresh: bool = False
) -> WorkflowRow | None:
    """The row; ``fresh`` reads it again from the database instead of this unit of work."""
    if fresh:
        return await db.get(WorkflowRow, workflow_id, populate_existing=True)
    return await db.get(WorkflowRow, workflow_id)


async def list_live(db: AsyncSession, user_id: str, limit: int, offset: int) -> list[WorkflowRow]:
    query = (
        select(WorkflowRow)
        .where(WorkflowRow.user_id == user_id, WorkflowRow.deleted.is_(False))
        .order_by(WorkflowRow.updated_at.desc(), WorkflowRow.id)
        .limit(limit)
        .offset(offset)
    )
    return list((await db.scalars(query)).all())


async def get_version(
    db: AsyncSession, workflow_id: str, version: int
) -> WorkflowVersionRow | None:
    query = select(WorkflowVersionRow).where(
        WorkflowVersionRow.workflow_id == workflow_id, WorkflowVersionRow.version == version
    )
    return await db.scalar(query)


async def list_versions(db: AsyncSession, workflow_id: str) -> list[WorkflowVersionRow]:
    query = (
        select(WorkflowVersionRow)
        .where(WorkflowVersionRow.workflow_id == workflow_id)
        .order_by(WorkflowVersionRow.version)
    )
    return list((await db.scalars(query)).all())


def session_definition_query(session_id: str | ColumnElement[str]) -> Select[dict[str, Any]]:
    """The definition of the latest version of a session's live workflow, as one query
    (no row when the session has none, or it is deleted or empty)."""
    return (
        select(WorkflowVersionRow.definition)
        .join(WorkflowRow, WorkflowRow.id == WorkflowVersionRow.workflow_id)
        .join(SessionRow, SessionRow.workflow_id == WorkflowRow.id)
        .where(
            SessionRow.id == session_id,
            WorkflowRow.deleted.is_(False),
            WorkflowVersionRow.version == WorkflowRow.current_version,
        )
    )


async def insert_workflow(db: AsyncSession, row: WorkflowRow) -> WorkflowRow:
    db.add(row)
    await db.flush()
    return row


async def next_version(
    db: AsyncSession, workflow_id: str, *, name: str, description: str, now: datetime
) -> int | None:
    """The workflow's next version number, allocated atomically with its new name and
    description; None when it is missing or deleted."""
    version = await db.scalar(
        update(WorkflowRow)
        .where(WorkflowRow.id == workflow_id, WorkflowRow.deleted.is_(False))
        .values(
            current_version=WorkflowRow.current_version + 1,
            name=name,
            description=description,
            updated_at=now,
        )
        .returning(WorkflowRow.current_version)
    )
    return None if version is None else int(version)


async def insert_version(db: AsyncSession, row: WorkflowVersionRow) -> None:
    db.add(row)
    await db.flush()


async def mark_deleted(db: AsyncSession, row: WorkflowRow) -> None:
    row.deleted = True
    await db.flush()
