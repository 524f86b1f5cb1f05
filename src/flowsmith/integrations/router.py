"""The n8n integration's routes: the connection, deploy, activation and executions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request, Response

from flowsmith.auth.dependencies import CurrentUser
from flowsmith.errors import AUTHENTICATED_ERRORS, ErrorBody
from flowsmith.integrations.schemas import (
    ConnectionInfo,
    ConnectRequest,
    Deployment,
    DeployRequest,
    DeployResult,
    ExecutionList,
)
from flowsmith.integrations.service import integrations

router = APIRouter(tags=["integrations"], responses=AUTHENTICATED_ERRORS)

WorkflowId = Annotated[str, Path(max_length=64)]


def _errors(*pairs: tuple[int, str]) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody, "description": text} for status, text in pairs}


N8N_ERRORS = _errors(
    (404, "Workflow not found, or not the caller's"),
    (
        409,
        "Not connected (n8n_not_connected), not deployed (workflow_not_deployed), the "
        "n8n workflow is gone (n8n_workflow_missing), n8n is still publishing it (n8n_busy), "
        "or the stored key is unreadable (secret_unreadable)",
    ),
    (422, "n8n refused the workflow or its activation (n8n_rejected)"),
    (429, "Rate limited by n8n (n8n_rate_limited; see Retry-After)"),
    (
        502,
        "n8n unreachable, refused the key, lacks a scope, failed, or is not n8n "
        "(n8n_unreachable, n8n_unauthorized, n8n_forbidden, n8n_error, n8n_not_n8n)",
    ),
    (504, "n8n did not answer in time (n8n_timeout)"),
)
CONNECT_ERRORS = _errors(
    (
        422,
        "A bad URL (invalid_n8n_url) or key (invalid_n8n_api_key), or the instance "
        "refused: n8n_unreachable, "
        "n8n_timeout, n8n_unauthorized, n8n_forbidden, n8n_not_n8n, n8n_error",
    ),
    (429, "Rate limited by n8n (n8n_rate_limited)"),
    (503, "The server has no FLOWSMITH_SECRET_KEY (secret_key_missing)"),
)


@router.post("/api/v1/integrations/n8n", responses=CONNECT_ERRORS)
async def connect_n8n(request: Request, user: CurrentUser, body: ConnectRequest) -> ConnectionInfo:
    """Connect (or re-connect) the caller's n8n instance. The key is checked against the
    instance, stored encrypted and never returned."""
    return await integrations(request.app).connect(
        user.user_id, body.url, body.api_key.get_secret_value()
    )


@router.get("/api/v1/integrations/n8n")
async def get_n8n_connection(request: Request, user: CurrentUser) -> ConnectionInfo:
    """The caller's n8n connection (``connected: false`` when there is none)."""
    return await integrations(request.app).connection(user.user_id)


@router.delete("/api/v1/integrations/n8n", status_code=204)
async def delete_n8n_connection(request: Request, user: CurrentUser) -> Response:
    """Forget the caller's n8n connection and its key. Deployed workflows stay in n8n, and
    connecting the same instance again continues to update them."""
    await integrations(request.app).disconnect(user.user_id)
    return Response(status_code=204)


@router.post("/api/v1/workflows/{workflow_id}/deploy", responses=N8N_ERRORS)
async def deploy_workflow(
    request: Request,
    workflow_id: WorkflowId,
    user: CurrentUser,
    body: Annotated[DeployRequest | None, Body()] = None,
) -> DeployResult:
    """Create the workflow in the caller's n8n (first deploy) or update the n8n workflow it
    was deployed as. No credentials are sent: ``credentials_needed`` says which to choose
    in n8n."""
    version = body.version if body else None
    return await integrations(request.app).deploy(user.user_id, workflow_id, version)


@router.get("/api/v1/workflows/{workflow_id}/deployment", responses=N8N_ERRORS)
async def get_deployment(
    request: Request, workflow_id: WorkflowId, user: CurrentUser
) -> Deployment:
    """Where and which version the workflow is deployed (409 workflow_not_deployed)."""
    return await integrations(request.app).deployment(user.user_id, workflow_id)


@router.post("/api/v1/workflows/{workflow_id}/activate", responses=N8N_ERRORS)
async def activate_workflow(
    request: Request, workflow_id: WorkflowId, user: CurrentUser
) -> Deployment:
    """Activate the deployed workflow in n8n (its triggers start listening)."""
    return await integrations(request.app).set_active(user.user_id, workflow_id, True)


@router.post("/api/v1/workflows/{workflow_id}/deactivate", responses=N8N_ERRORS)
async def deactivate_workflow(
    request: Request, workflow_id: WorkflowId, user: CurrentUser
) -> Deployment:
    return await integrations(request.app).set_active(user.user_id, workflow_id, False)


@router.get("/api/v1/workflows/{workflow_id}/executions", responses=N8N_ERRORS)
async def list_executions(
    request: Request,
    workflow_id: WorkflowId,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> ExecutionList:
    """The deployed workflow's runs in n8n, newest first, with the failing node mapped
    back to ours; ``next_cursor`` pages on."""
    return await integrations(request.app).executions(user.user_id, workflow_id, limit, cursor)
