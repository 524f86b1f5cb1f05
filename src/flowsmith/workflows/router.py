from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from flowsmith.auth.dependencies import CurrentUser
from flowsmith.db.engine import SessionDep
from flowsmith.db.tables import WorkflowVersionRow
from flowsmith.workflows import service
from flowsmith.workflows.models import Workflow
from flowsmith.workflows.schemas import (
    VersionDetail,
    VersionList,
    VersionSummary,
    WorkflowDetail,
    WorkflowList,
    WorkflowSummary,
)

router = APIRouter(prefix="/api/v1/workflows", tags=["workflows"])

WorkflowId = Annotated[str, Path(max_length=64)]


@router.get("")
async def list_workflows(
    user: CurrentUser,
    db: SessionDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> WorkflowList:
    rows = await service.list_owned(db, user.user_id, limit, offset)
    items = [WorkflowSummary.model_validate(service.summarize(row)) for row in rows]
    return WorkflowList(items=items, limit=limit, offset=offset)


@router.get("/{workflow_id}")
async def get_workflow(
    workflow_id: WorkflowId, user: CurrentUser, db: SessionDep
) -> WorkflowDetail:
    row = await service.get_owned(db, user.user_id, workflow_id)
    version = await service.get_version(db, row.id, row.current_version)
    return WorkflowDetail(
        **service.summarize(row), workflow=Workflow.model_validate(version.definition)
    )


@router.delete("/{workflow_id}", status_code=204)
async def delete_workflow(workflow_id: WorkflowId, user: CurrentUser, db: SessionDep) -> Response:
    await service.soft_delete(db, user.user_id, workflow_id)
    return Response(status_code=204)


@router.get("/{workflow_id}/versions")
async def list_versions(workflow_id: WorkflowId, user: CurrentUser, db: SessionDep) -> VersionList:
    row = await service.get_owned(db, user.user_id, workflow_id)
    versions = await service.list_versions(db, row.id)
    return VersionList(workflow_id=row.id, items=[_version_summary(v) for v in versions])


@router.get("/{workflow_id}/versions/{version}")
async def get_version(
    workflow_id: WorkflowId,
    version: Annotated[int, Path(ge=1, le=1_000_000)],
    user: CurrentUser,
    db: SessionDep,
) -> VersionDetail:
    row = await service.get_owned(db, user.user_id, workflow_id)
    stored = await service.get_version(db, row.id, version)
    return VersionDetail(
        **_version_summary(stored).model_dump(),
        workflow=Workflow.model_validate(stored.definition),
    )


def _version_summary(row: WorkflowVersionRow) -> VersionSummary:
    return VersionSummary(
        version=row.version,
        summary=row.summary,
        session_id=row.session_id,
        generation_id=row.generation_id,
        created_at=row.created_at,
    )
