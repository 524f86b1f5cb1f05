"""Stored workflows and their versions. Version numbers come from an atomic increment of
``workflows.current_version`` (never read-then-write), so concurrent writers get 1..N with
no gap or repeat; an old version is never changed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from flowsmith.db.tables import WorkflowRow, WorkflowVersionRow, new_id, utcnow
from flowsmith.errors import VersionNotFound, WorkflowGone, WorkflowNotFound
from flowsmith.workflows.models import Workflow


async def get_owned(db: AsyncSession, user_id: str, workflow_id: str) -> WorkflowRow:
    """The caller's live workflow, or 404: another user's looks exactly like a missing one."""
    row = await db.get(WorkflowRow, workflow_id)
    if row is None or row.user_id != user_id or row.deleted:
        raise WorkflowNotFound("workflow not found")
    return row


async def list_owned(db: AsyncSession, user_id: str, limit: int, offset: int) -> list[WorkflowRow]:
    query = (
        select(WorkflowRow)
        .where(WorkflowRow.user_id == user_id, WorkflowRow.deleted.is_(False))
        .order_by(WorkflowRow.updated_at.desc(), WorkflowRow.id)
        .limit(limit)
        .offset(offset)
    )
    return list((await db.scalars(query)).all())


async def get_version(db: AsyncSession, workflow_id: str, version: int) -> WorkflowVersionRow:
    query = select(WorkflowVersionRow).where(
        WorkflowVersionRow.workflow_id == workflow_id, WorkflowVersionRow.version == version
    )
    row = await db.scalar(query)
    if row is None:
        raise VersionNotFound(f"version {version} not found")
    return row


async def list_versions(db: AsyncSession, workflow_id: str) -> list[WorkflowVersionRow]:
    query = (
        select(WorkflowVersionRow)
        .where(WorkflowVersionRow.workflow_id == workflow_id)
        .order_by(WorkflowVersionRow.version)
    )
    return list((await db.scalars(query)).all())


async def current_definition(db: AsyncSession, workflow_id: str) -> Workflow | None:
    """The latest stored version of a live workflow, or None (missing, deleted or empty)."""
    row = await db.get(WorkflowRow, workflow_id, populate_existing=True)
    if row is None or row.deleted or row.current_version == 0:
        return None
    version = await get_version(db, workflow_id, row.current_version)
    return Workflow.model_validate(version.definition)


async def create_workflow(
    db: AsyncSession,
    user_id: str,
    workflow: Workflow,
    *,
    workflow_id: str | None = None,
    copied_from: str | None = None,
    summary: str = "",
    session_id: str | None = None,
    generation_id: str | None = None,
) -> Workflow:
    row = WorkflowRow(
        id=workflow_id or new_id(),
        user_id=user_id,
        name=workflow.name,
        description=workflow.description,
        current_version=0,
        copied_from=copied_from,
    )
    db.add(row)
    await db.flush()
    return await add_version(
        db, row.id, workflow, summary=summary, session_id=session_id, generation_id=generation_id
    )


async def add_version(
    db: AsyncSession,
    workflow_id: str,
    workflow: Workflow,
    *,
    summary: str = "",
    session_id: str | None = None,
    generation_id: str | None = None,
) -> Workflow:
    """Store ``workflow`` as the next version; 409 if the workflow was deleted meanwhile."""
    version = await db.scalar(
        update(WorkflowRow)
        .where(WorkflowRow.id == workflow_id, WorkflowRow.deleted.is_(False))
        .values(
            current_version=WorkflowRow.current_version + 1,
            name=workflow.name,
            description=workflow.description,
            updated_at=utcnow(),
        )
        .returning(WorkflowRow.current_version)
    )
    if version is None:
        raise WorkflowGone("the workflow was deleted")
    stored = workflow.model_copy(update={"id": workflow_id, "version": version})
    db.add(
        WorkflowVersionRow(
            workflow_id=workflow_id,
            version=version,
            definition=stored.model_dump(mode="json"),
            summary=summary,
            session_id=session_id,
            generation_id=generation_id,
        )
    )
    await db.flush()
    return stored


async def copy_workflow(db: AsyncSession, user_id: str, source_id: str) -> Workflow:
    source = await get_owned(db, user_id, source_id)
    definition = await current_definition(db, source.id)
    if definition is None:
        raise WorkflowNotFound("workflow has no stored version")
    copy = definition.model_copy(update={"name": _copy_name(definition.name)})
    return await create_workflow(
        db, user_id, copy, copied_from=source.id, summary=f"Copied from {source.id}"
    )


async def soft_delete(db: AsyncSession, user_id: str, workflow_id: str) -> None:
    row = await get_owned(db, user_id, workflow_id)
    row.deleted = True
    await db.flush()


def summarize(row: WorkflowRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "description": row.description,
        "version": row.current_version,
        "copied_from": row.copied_from,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def _copy_name(name: str) -> str:
    return name if name.endswith("(copy)") else f"{name} (copy)"[:200]
