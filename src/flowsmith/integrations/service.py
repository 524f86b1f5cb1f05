"""Connect, deploy, activate and list executions.

A deploy holds the workflow's deploy lock (``repository.deploy_lock``) from reading the
mapping to writing it, so concurrent deploys of one workflow run one after the other and
the second updates what the first created. The mapping is updated only after n8n has
answered; a mapped n8n workflow that is gone (404, or archived in n8n) is created again and
re-mapped, and a create that timed out is looked for in n8n before another is made, so one
workflow of ours never has two n8n workflows on one instance.
"""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import datetime
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flowsmith.core.models import Workflow
from flowsmith.db.engine import session_scope
from flowsmith.db.tables import N8nConnectionRow, N8nDeploymentRow
from flowsmith.integrations import payload, repository
from flowsmith.integrations.client import (
    N8nClient,
    check_public_address,
    editor_url,
    normalize_base_url,
)
from flowsmith.integrations.crypto import SecretBox, SecretUnreadable, load_secret_box
from flowsmith.integrations.errors import (
    InvalidN8nApiKey,
    N8nFailure,
    N8nNotConnected,
    N8nNotFound,
    N8nRejected,
    N8nTimeout,
    NotDeployed,
    as_input_error,
)
from flowsmith.integrations.schemas import (
    ConnectionInfo,
    CredentialNeeded,
    Deployment,
    DeployResult,
    Execution,
    ExecutionList,
    FailedNode,
)
from flowsmith.text import api_text
from flowsmith.workflows import service as workflows

log = logging.getLogger(__name__)

FAILED = frozenset({"error", "crashed"})
MAX_ERROR_MESSAGE = 1000
_BODY_RETRIES = 3


class Integrations:
    """The integration's dependencies, built once per app (see ``integrations(app)``)."""

    def __init__(
        self,
        maker: async_sessionmaker[AsyncSession],
        box_factory: Any,
        *,
        timeout_s: float,
        block_private: bool,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.maker = maker
        self._box_factory = box_factory
        self._box: SecretBox | None = None
        self.timeout_s = timeout_s
        self.block_private = block_private
        self.transport = transport

    @property
    def box(self) -> SecretBox:
        if self._box is None:
            self._box = self._box_factory()
        return self._box

    def client(self, base_url: str, api_key: str) -> N8nClient:
        return N8nClient(base_url, api_key, timeout_s=self.timeout_s, transport=self.transport)

    # --- connections ------------------------------------------------------------------

    async def connect(self, user_id: str, url: str, api_key: str) -> ConnectionInfo:
        base_url = normalize_base_url(url)
        key = api_key.strip()
        if not key or not key.isascii() or any(c.isspace() or not c.isprintable() for c in key):
            # n8n's keys are JWTs; anything else could not even travel in a header
            raise InvalidN8nApiKey(api_text("error.n8n.api_key_characters"))
        box = self.box  # before any network call: a server without a key says so first
        try:
            if self.block_private:
                await check_public_address(base_url)
            async with self.client(base_url, key) as n8n:
                await n8n.check()
        except N8nFailure as error:
            raise as_input_error(error) from None
        async with session_scope(self.maker) as db:
            row = await repository.save_connection(
                db, user_id, base_url, box.encrypt(key), _hint(key)
            )
            info = _connection_info(row)
        log.info("n8n connected for a user at %s", base_url)
        return info

    async def connection(self, user_id: str) -> ConnectionInfo:
        async with session_scope(self.maker) as db:
            row = await repository.get_connection(db, user_id)
            return _connection_info(row) if row else ConnectionInfo(connected=False)

    async def disconnect(self, user_id: str) -> None:
        async with session_scope(self.maker) as db:
            await repository.delete_connection(db, user_id)

    async def _credentials(self, db: AsyncSession, user_id: str) -> tuple[str, str]:
        """(base URL, API key) of the user's connection; re-encrypted under the current
        server key when it was stored under an older one."""
        row = await repository.get_connection(db, user_id)
        if row is None:
            raise N8nNotConnected(api_text("error.n8n.not_connected"))
        key = self.box.decrypt(row.api_key_encrypted)
        if not self.box.is_current(row.api_key_encrypted):
            row.api_key_encrypted = self.box.encrypt(key)
            await db.flush()
        return row.base_url, key

    # --- deploy -----------------------------------------------------------------------

    async def deploy(self, user_id: str, workflow_id: str, version: int | None) -> DeployResult:
        async with session_scope(self.maker) as db:
            row = await workflows.get_owned(db, user_id, workflow_id)
            stored = await workflows.get_version(db, row.id, version or row.current_version)
            workflow = Workflow.model_validate(stored.definition)
            latest = row.current_version
            base_url, key = await self._credentials(db, user_id)
        async with repository.deploy_lock(self.maker, workflow_id) as db:
            mapped = await repository.get_deployment(db, workflow_id)
            error_workflow = await self._error_workflow(db, user_id, workflow, base_url)
            body = await asyncio.to_thread(payload.deploy_body, workflow, error_workflow)
            created = recreated = False
            activation_error: str | None = None
            async with self.client(base_url, key) as n8n:
                current: dict[str, Any] | None = None
                if mapped is not None and mapped.base_url == base_url:
                    current = await _live_workflow(n8n, mapped.n8n_workflow_id)
                    recreated = current is None
                active = False
                if current is None:
                    result = await _create(n8n, body)
                    created = True
                else:
                    payload.carry_credentials(body, current)
                    result, created = await _update(n8n, str(current["id"]), body)
                    recreated = recreated or created
                    if current.get("active") and not created:
                        activation_error = await _republish(n8n, result)
                        active = activation_error is None
                n8n_id = str(result.get("id") or "")
                if not n8n_id:
                    raise N8nFailure(api_text("error.n8n.no_workflow_id"))
            deployment = await repository.save_deployment(
                db,
                workflow_id=workflow_id,
                user_id=user_id,
                base_url=base_url,
                n8n_workflow_id=n8n_id,
                version=stored.version,
                node_map=payload.node_map(workflow, body),
                active=active,
            )
            info = _deployment(deployment, latest)
        log.info(
            "deployed workflow %s v%s to n8n (%s)",
            workflow_id,
            stored.version,
            "created" if created else "updated",
        )
        needed = payload.credentials_needed(workflow, body)
        return DeployResult(
            **info.model_dump(exclude={"credentials_needed", "in_n8n"}),
            created=created,
            recreated=recreated,
            credentials_needed=[CredentialNeeded(**n) for n in needed],
            in_n8n=True,
            activation_error=activation_error,
        )

    async def _error_workflow(
        self, db: AsyncSession, user_id: str, workflow: Workflow, base_url: str
    ) -> str | None:
        ours = workflow.settings.error_workflow_id
        if not ours:
            return None
        mapped = await repository.get_deployment(db, ours)
        if mapped is None or mapped.base_url != base_url or mapped.user_id != user_id:
            return None
        return mapped.n8n_workflow_id

    async def deployment(self, user_id: str, workflow_id: str) -> Deployment:
        """The mapping, and what n8n says now: whether the workflow is still there, whether
        it is active, which credentials are still to choose. When n8n cannot be asked, the
        mapping alone (``in_n8n: null``)."""
        async with session_scope(self.maker) as db:
            row = await workflows.get_owned(db, user_id, workflow_id)
            mapped = await repository.get_deployment(db, workflow_id)
            if mapped is None:
                raise NotDeployed(api_text("error.n8n.not_deployed"))
            info = _deployment(mapped, row.current_version)
            stored = await workflows.get_version(db, row.id, mapped.deployed_version)
            workflow = Workflow.model_validate(stored.definition)
            try:
                base_url, key = await self._credentials(db, user_id)
            except (N8nNotConnected, SecretUnreadable):
                return info
        # off the event loop: the first export of a process loads the node catalog
        body = await asyncio.to_thread(payload.deploy_body, workflow)
        if base_url != mapped.base_url:
            return info
        try:
            async with self.client(base_url, key) as n8n:
                current = await _live_workflow(n8n, mapped.n8n_workflow_id)
        except N8nFailure:
            needed = payload.credentials_needed(workflow, body)
            return info.model_copy(
                update={"credentials_needed": [CredentialNeeded(**n) for n in needed]}
            )
        if current is None:
            return info.model_copy(update={"in_n8n": False, "active": False})
        payload.carry_credentials(body, current)
        needed = payload.credentials_needed(workflow, body)
        return info.model_copy(
            update={
                "in_n8n": True,
                "active": bool(current.get("active")),
                "credentials_needed": [CredentialNeeded(**n) for n in needed],
            }
        )

    # --- activation -------------------------------------------------------------------

    async def set_active(self, user_id: str, workflow_id: str, active: bool) -> Deployment:
        async with session_scope(self.maker) as db:
            row = await workflows.get_owned(db, user_id, workflow_id)
            latest = row.current_version
            base_url, key = await self._credentials(db, user_id)
        async with repository.deploy_lock(self.maker, workflow_id) as db:
            mapped = await _mapped(db, workflow_id, base_url)
            async with self.client(base_url, key) as n8n:
                try:
                    if active:
                        await n8n.activate(mapped.n8n_workflow_id)
                    else:
                        await n8n.deactivate(mapped.n8n_workflow_id)
                except N8nNotFound:
                    raise N8nNotFound(api_text("error.n8n.workflow_missing")) from None
                except N8nRejected as error:
                    raise N8nRejected(
                        "n8n refused to activate the workflow: "
                        + error.message.removeprefix("n8n refused the request: ")
                    ) from None
            mapped.active = active
            await db.flush()
            return _deployment(mapped, latest)

    # --- executions -------------------------------------------------------------------

    async def executions(
        self, user_id: str, workflow_id: str, limit: int, cursor: str | None
    ) -> ExecutionList:
        async with session_scope(self.maker) as db:
            await workflows.get_owned(db, user_id, workflow_id)
            base_url, key = await self._credentials(db, user_id)
            mapped = await _mapped(db, workflow_id, base_url)
            n8n_id, names = mapped.n8n_workflow_id, dict(mapped.node_map or {})
        async with self.client(base_url, key) as n8n:
            page = await n8n.list_executions(n8n_id, limit, cursor)
            raw = [e for e in page.get("data") or [] if isinstance(e, dict)]
            details = await _failure_details(n8n, raw)
        items = [_execution(e, details.get(str(e.get("id"))), names) for e in raw]
        next_cursor = page.get("nextCursor")
        return ExecutionList(
            workflow_id=workflow_id,
            n8n_workflow_id=n8n_id,
            url=editor_url(base_url, n8n_id),
            items=items,
            next_cursor=str(next_cursor) if next_cursor else None,
        )


def integrations(app: FastAPI) -> Integrations:
    """The app's ``Integrations``, made on first use (the app's start-up is not ours)."""
    state = app.state
    found = getattr(state, "integrations", None)
    if not isinstance(found, Integrations):
        settings = state.settings
        found = Integrations(
            state.sessionmaker,
            lambda: load_secret_box(settings),
            timeout_s=settings.n8n_timeout_s,
            block_private=settings.n8n_block_private,
            transport=getattr(state, "n8n_transport", None),
        )
        state.integrations = found
    return found


# --- helpers ----------------------------------------------------------------------------


def _hint(key: str) -> str:
    return "******" + key[-4:] if len(key) >= 12 else "******"


def _connection_info(row: N8nConnectionRow) -> ConnectionInfo:
    return ConnectionInfo(
        connected=True,
        url=row.base_url,
        api_key_hint=row.api_key_hint,
        connected_at=row.created_at,
        updated_at=row.updated_at,
    )


def _deployment(row: N8nDeploymentRow, latest: int) -> Deployment:
    return Deployment(
        workflow_id=row.workflow_id,
        version=row.deployed_version,
        latest_version=latest,
        n8n_workflow_id=row.n8n_workflow_id,
        url=editor_url(row.base_url, row.n8n_workflow_id),
        instance_url=row.base_url,
        active=row.active,
        deployed_at=row.updated_at,
    )


async def _mapped(db: AsyncSession, workflow_id: str, base_url: str) -> N8nDeploymentRow:
    mapped = await repository.get_deployment(db, workflow_id)
    if mapped is None:
        raise NotDeployed(api_text("error.n8n.not_deployed_deploy_first"))
    if mapped.base_url != base_url:
        raise NotDeployed(api_text("error.n8n.deployed_elsewhere", base_url=mapped.base_url))
    return mapped


async def _live_workflow(n8n: N8nClient, n8n_id: str) -> dict[str, Any] | None:
    """The mapped n8n workflow, or None when it is deleted or archived there."""
    try:
        current = await n8n.get_workflow(n8n_id)
    except N8nNotFound:
        return None
    if current.get("isArchived") or not current.get("id"):
        return None
    return current


async def _create(n8n: N8nClient, body: dict[str, Any]) -> dict[str, Any]:
    try:
        return await _send(lambda b: n8n.create_workflow(b), body)
    except N8nTimeout:
        # n8n may have stored it before the answer was lost: adopt that one, if found
        adopted = await _find_created(n8n, body)
        if adopted is None:
            raise
        log.warning("a create timed out; adopted the n8n workflow it made")
        return adopted


async def _update(n8n: N8nClient, n8n_id: str, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """(n8n's answer, whether it had to be created again)."""
    try:
        return await _send(lambda b: n8n.update_workflow(n8n_id, b), body), False
    except N8nNotFound:
        # deleted between our look and the update
        return await _create(n8n, body), True
    except N8nRejected as error:
        if "archived" in error.message.lower():
            return await _create(n8n, body), True
        raise


async def _send(call: Any, body: dict[str, Any]) -> dict[str, Any]:
    """``call(body)``; when n8n refuses a top-level field or a settings key as unknown or
    read-only (the public API's schema differs between versions), without it."""
    attempt = dict(body)
    for _ in range(_BODY_RETRIES):
        try:
            result: dict[str, Any] = await call(attempt)
            return result
        except N8nRejected as error:
            trimmed = _without_refused(attempt, error.message)
            if trimmed is None:
                raise
            attempt = trimmed
    result = await call(attempt)
    return result


def _without_refused(body: dict[str, Any], message: str) -> dict[str, Any] | None:
    field = re.search(r"request/body/(\w+) is read-only", message)
    if field and field.group(1) in body and field.group(1) not in ("name", "nodes"):
        return {k: v for k, v in body.items() if k != field.group(1)}
    top = re.search(r"request/body Unrecognized key\(s\) in object: (.+)", message)
    if top:
        refused = set(re.findall(r"'([^']+)'", top.group(1))) - {"name", "nodes", "connections"}
        if refused & set(body):
            return {k: v for k, v in body.items() if k not in refused}
    keys = re.search(r"request/body/settings Unrecognized key\(s\) in object: (.+)", message)
    if keys:
        refused = set(re.findall(r"'([^']+)'", keys.group(1)))
        settings = {k: v for k, v in body.get("settings", {}).items() if k not in refused}
        if refused and settings != body.get("settings"):
            return {**body, "settings": settings}
    extra = re.search(r"request/body must NOT have additional properties", message)
    if extra and "description" in body:
        return {k: v for k, v in body.items() if k != "description"}
    return None


async def _find_created(n8n: N8nClient, body: dict[str, Any]) -> dict[str, Any] | None:
    ids = {str(n.get("id")) for n in body["nodes"]}
    hooks = {str(n.get("webhookId")) for n in body["nodes"] if n.get("webhookId")}
    try:
        candidates = await n8n.list_workflows(body["name"])
    except N8nFailure:
        return None
    for candidate in candidates:
        nodes = [n for n in candidate.get("nodes") or [] if isinstance(n, dict)]
        if candidate.get("isArchived"):
            continue
        if {str(n.get("id")) for n in nodes} == ids and hooks <= {
            str(n.get("webhookId")) for n in nodes
        }:
            return candidate
    return None


async def _republish(n8n: N8nClient, result: dict[str, Any]) -> str | None:
    """The workflow was active: make the new version the live one (n8n 2 keeps the old
    version live until it is published again). n8n's refusal is returned, not raised: the
    update itself is stored."""
    active_version = result.get("activeVersionId")
    if result.get("active") and (
        active_version is None or active_version == result.get("versionId")
    ):
        return None
    try:
        await n8n.activate(str(result["id"]))
    except N8nFailure as error:
        return error.message.removeprefix("n8n refused the request: ")
    return None


async def _failure_details(
    n8n: N8nClient, executions: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """The full record of each failed execution (its error and failing node), fetched
    four at a time; one that cannot be fetched is left out."""
    gate = asyncio.Semaphore(4)

    async def fetch(execution_id: str) -> tuple[str, dict[str, Any] | None]:
        async with gate:
            try:
                return execution_id, await n8n.get_execution(execution_id)
            except N8nFailure:
                return execution_id, None

    failed = [str(e.get("id")) for e in executions if e.get("status") in FAILED]
    fetched = await asyncio.gather(*(fetch(i) for i in failed))
    return {i: d for i, d in fetched if d is not None}


def _execution(
    summary: dict[str, Any], detail: dict[str, Any] | None, names: dict[str, Any]
) -> Execution:
    status = str(summary.get("status") or "unknown")
    failed_node: FailedNode | None = None
    message: str | None = None
    if detail is not None:
        result = (detail.get("data") or {}).get("resultData") or {}
        error = result.get("error") if isinstance(result.get("error"), dict) else None
        n8n_name = _failing_node_name(result, error)
        if error is not None:
            message = _error_message(error)
        if n8n_name:
            failed_node = _map_node(n8n_name, names, detail)
            if message is None:
                message = _node_error(result, n8n_name)
    return Execution(
        id=str(summary.get("id")),
        status=status,
        mode=summary.get("mode"),
        finished=bool(summary.get("finished")),
        started_at=_time(summary.get("startedAt")),
        stopped_at=_time(summary.get("stoppedAt")),
        failed_node=failed_node,
        error_message=message,
    )


def _failing_node_name(result: dict[str, Any], error: dict[str, Any] | None) -> str | None:
    node = (error or {}).get("node")
    if isinstance(node, dict) and isinstance(node.get("name"), str):
        return str(node["name"])
    run_data = result.get("runData")
    for name, runs in run_data.items() if isinstance(run_data, dict) else []:
        if isinstance(runs, list) and any(
            isinstance(r, dict) and (r.get("error") or r.get("executionStatus") == "error")
            for r in runs
        ):
            return str(name)
    last = result.get("lastNodeExecuted")
    return str(last) if isinstance(last, str) and error is not None else None


def _error_message(error: dict[str, Any]) -> str | None:
    parts = [error.get("message"), error.get("description")]
    text = " — ".join(str(p) for p in parts if isinstance(p, str) and p.strip())
    return text[:MAX_ERROR_MESSAGE] or None


def _node_error(result: dict[str, Any], name: str) -> str | None:
    runs = (result.get("runData") or {}).get(name)
    for run in runs if isinstance(runs, list) else []:
        if isinstance(run, dict) and isinstance(run.get("error"), dict):
            return _error_message(run["error"])
    return None


def _map_node(n8n_name: str, names: dict[str, Any], detail: dict[str, Any]) -> FailedNode:
    mapped = names.get(n8n_name)
    if isinstance(mapped, dict):
        return FailedNode(id=mapped.get("id"), name=mapped.get("name"), n8n_name=n8n_name)
    # a node added or renamed in n8n after our deploy: its id may still be ours
    nodes = ((detail.get("workflowData") or {}).get("nodes")) or []
    by_id = {str(m.get("id")): m for m in names.values() if isinstance(m, dict)}
    for node in nodes:
        if isinstance(node, dict) and node.get("name") == n8n_name:
            n8n_id = str(node.get("id") or "")
            ours = by_id.get(n8n_id) or by_id.get(n8n_id.split(payload.HELPER_SEPARATOR, 1)[0])
            if ours is not None:
                return FailedNode(id=ours.get("id"), name=ours.get("name"), n8n_name=n8n_name)
    return FailedNode(id=None, name=None, n8n_name=n8n_name)


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
