from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from flowsmith.auth.dependencies import CurrentUser
from flowsmith.core.models import Workflow
from flowsmith.core.validate import validate_workflow
from flowsmith.db.tables import WorkflowVersionRow
from flowsmith.deps import SessionDep, SettingsDep
from flowsmith.errors import (
    AUTHENTICATED_ERRORS,
    InvalidWorkflow,
    WorkflowTooDeep,
    WorkflowTooLarge,
    error_responses,
)
from flowsmith.n8n.convert import N8nImportError, from_n8n, to_n8n
from flowsmith.text import api_text
from flowsmith.workflows import service
from flowsmith.workflows.schemas import (
    ImportResult,
    VersionDetail,
    VersionList,
    VersionSummary,
    WorkflowDetail,
    WorkflowList,
    WorkflowSummary,
)

router = APIRouter(prefix="/api/v1/workflows", tags=["workflows"], responses=AUTHENTICATED_ERRORS)
NOT_FOUND = error_responses(404)
# the body is read raw (n8n JSON of any shape, checked by the importer); its shape is
# documented here so clients and fuzzers see what is taken
_N8N_WORKFLOW: dict[str, Any] = {
    "type": "object",
    "required": ["nodes"],
    "properties": {
        "name": {"type": "string"},
        "nodes": {
            "type": "array",
            "items": {"type": "object"},
            "description": "n8n's nodes; what has no equivalent of ours becomes a generic node",
        },
        "connections": {"type": "object"},
        "settings": {"type": "object"},
    },
}
IMPORT_BODY: dict[str, Any] = {
    "title": "N8nWorkflowExport",
    "description": (
        "An n8n workflow as n8n exports it: an object with a ``nodes`` array (or a list of "
        "exactly one, as ``n8n export:workflow`` writes). Nested at most 64 levels, at most "
        "4 MiB, and no NUL character or unpaired surrogate in any string (422); at most "
        "FLOWSMITH_MAX_WORKFLOW_NODES nodes once converted (413)."
    ),
    "oneOf": [
        _N8N_WORKFLOW,
        {"type": "array", "minItems": 1, "maxItems": 1, "items": _N8N_WORKFLOW},
    ],
}
_IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": IMPORT_BODY}},
    }
}

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


@router.post("/import", status_code=201, openapi_extra=_IMPORT_BODY)
async def import_workflow(
    request: Request,
    user: CurrentUser,
    db: SessionDep,
    settings: SettingsDep,
    fmt: Annotated[Literal["n8n"], Query(alias="format")] = "n8n",
) -> ImportResult:
    """Store an n8n workflow (its JSON as the body) as a new workflow of ours."""
    data = await _json_body(request)
    # before the importer walks it: depth, size and text that no database can hold
    service.check_json(data)
    _check_shape(data)
    try:
        workflow, notes = from_n8n(data)
    except N8nImportError as error:
        raise InvalidWorkflow(str(error)) from None
    _check_size(workflow, settings.max_workflow_nodes)
    workflow, secrets = service.storable(workflow)
    stored = await service.create_workflow(db, user.user_id, workflow, summary="Imported from n8n")
    findings = validate_workflow(stored)
    return ImportResult(
        workflow_id=stored.id,
        version=stored.version,
        name=stored.name,
        nodes=len(stored.nodes),
        notes=[n.model_dump(exclude_none=True) for n in [*notes, *secrets]],
        findings=[f.model_dump(exclude_none=True) for f in findings],
    )


@router.get("/{workflow_id}/export", response_model=None, responses=NOT_FOUND)
async def export_workflow(
    workflow_id: WorkflowId,
    user: CurrentUser,
    db: SessionDep,
    fmt: Annotated[Literal["n8n", "flowsmith"], Query(alias="format")] = "n8n",
    version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
) -> JSONResponse:
    """The workflow (its latest version, or ``version``) as n8n JSON, or as ours."""
    row = await service.get_owned(db, user.user_id, workflow_id)
    stored = await service.get_version(db, row.id, version or row.current_version)
    workflow = Workflow.model_validate(stored.definition)
    body = to_n8n(workflow) if fmt == "n8n" else workflow.model_dump(mode="json")
    filename = f"{_slug(workflow.name)}-v{stored.version}.{fmt}.json"
    return JSONResponse(body, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/{workflow_id}", responses=NOT_FOUND)
async def get_workflow(
    workflow_id: WorkflowId, user: CurrentUser, db: SessionDep
) -> WorkflowDetail:
    row = await service.get_owned(db, user.user_id, workflow_id)
    version = await service.get_version(db, row.id, row.current_version)
    return WorkflowDetail(
        **service.summarize(row), workflow=Workflow.model_validate(version.definition)
    )


@router.delete("/{workflow_id}", status_code=204, responses=NOT_FOUND)
async def delete_workflow(workflow_id: WorkflowId, user: CurrentUser, db: SessionDep) -> Response:
    await service.soft_delete(db, user.user_id, workflow_id)
    return Response(status_code=204)


@router.get("/{workflow_id}/versions", responses=NOT_FOUND)
async def list_versions(workflow_id: WorkflowId, user: CurrentUser, db: SessionDep) -> VersionList:
    row = await service.get_owned(db, user.user_id, workflow_id)
    versions = await service.list_versions(db, row.id)
    return VersionList(workflow_id=row.id, items=[_version_summary(v) for v in versions])


@router.get("/{workflow_id}/versions/{version}", responses=NOT_FOUND)
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


async def _json_body(request: Request) -> dict[str, Any] | list[Any]:
    try:
        data = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InvalidWorkflow(api_text("error.import_not_json")) from None
    except RecursionError:
        raise WorkflowTooDeep(api_text("error.body_too_deep")) from None
    if not isinstance(data, dict | list):
        raise InvalidWorkflow(api_text("error.body_not_n8n_workflow"))
    return data


_WORKFLOW_SHAPE = Draft202012Validator(_N8N_WORKFLOW)
_EXPORT_LIST_SHAPE = Draft202012Validator(IMPORT_BODY["oneOf"][1])


def _check_shape(data: dict[str, Any] | list[Any]) -> None:
    """422 ``invalid_workflow`` for a body outside ``IMPORT_BODY`` (the document's promise);
    the message names where, never what was sent."""
    validator = _WORKFLOW_SHAPE if isinstance(data, dict) else _EXPORT_LIST_SHAPE
    error = best_match(validator.iter_errors(data))
    if error is None:
        return
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    where = f"the body{where}"
    if error.validator == "required":
        problem = f"{where} has no 'nodes' list"
    elif error.validator == "type":
        problem = f"{where} is not of type {error.validator_value}"
    elif error.validator in ("minItems", "maxItems"):
        problem = f"{where} is not a list of exactly one workflow"
    else:
        problem = f"{where} is not what an n8n workflow holds"
    raise InvalidWorkflow(api_text("error.not_n8n_workflow", problem=problem))


def _check_size(workflow: Workflow, max_nodes: int) -> None:
    if len(workflow.nodes) > max_nodes:
        raise WorkflowTooLarge(
            api_text("error.too_many_nodes", count=len(workflow.nodes), limit=max_nodes)
        )


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:60] or "workflow"


def _version_summary(row: WorkflowVersionRow) -> VersionSummary:
    return VersionSummary(
        version=row.version,
        summary=row.summary,
        session_id=row.session_id,
        generation_id=row.generation_id,
        created_at=row.created_at,
    )
