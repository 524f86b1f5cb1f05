"""Stored workflows and their versions. Version numbers come from an atomic increment of
``workflows.current_version`` (never read-then-write), so concurrent writers get 1..N with
no gap or repeat; an old version is never changed.

Every version passes ``storable`` before it is written, whoever made it (a generation, an
import, a copy): no inline secrets (they become ``{{ $env.NAME }}`` references, see
``scrub_secrets``), no text a database cannot hold, bounded nesting and size. The statements are in
``workflows.repository``."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowsmith.core.models import Finding, Workflow
from flowsmith.db.tables import WorkflowRow, WorkflowVersionRow, new_id, utcnow
from flowsmith.errors import (
    InvalidText,
    VersionNotFound,
    WorkflowGone,
    WorkflowNotFound,
    WorkflowTooDeep,
    WorkflowTooLarge,
)
from flowsmith.limits import json_depth_over, storable_text, unstorable_strings
from flowsmith.text import api_text
from flowsmith.workflows import repository

# built by the repository; chat turns read a session's workflow with it
from flowsmith.workflows.repository import (
    session_definition_query as session_definition_query,
)

# far beyond any real workflow; below the depth at which recursive code (copies, encoders)
# would hit Python's recursion limit
MAX_DEFINITION_DEPTH = 64
MAX_DEFINITION_BYTES = 4 * 1024 * 1024


async def get_owned(db: AsyncSession, user_id: str, workflow_id: str) -> WorkflowRow:
    """The caller's live workflow, or 404: another user's looks exactly like a missing one."""
    if not storable_text(workflow_id):
        raise WorkflowNotFound(api_text("error.workflow_not_found"))  # no stored id looks like this
    row = await repository.get_workflow(db, workflow_id)
    if row is None or row.user_id != user_id or row.deleted:
        raise WorkflowNotFound(api_text("error.workflow_not_found"))
    return row


async def list_owned(db: AsyncSession, user_id: str, limit: int, offset: int) -> list[WorkflowRow]:
    return await repository.list_live(db, user_id, limit, offset)


async def get_version(db: AsyncSession, workflow_id: str, version: int) -> WorkflowVersionRow:
    row = await repository.get_version(db, workflow_id, version)
    if row is None:
        raise VersionNotFound(api_text("error.version_not_found", version=version))
    return row


async def list_versions(db: AsyncSession, workflow_id: str) -> list[WorkflowVersionRow]:
    return await repository.list_versions(db, workflow_id)


async def current_definition(db: AsyncSession, workflow_id: str) -> Workflow | None:
    """The latest stored version of a live workflow, or None (missing, deleted or empty)."""
    row = await repository.get_workflow(db, workflow_id, fresh=True)
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
    await repository.insert_workflow(db, row)
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
    version = await repository.next_version(
        db, workflow_id, name=workflow.name, description=workflow.description, now=utcnow()
    )
    if version is None:
        raise WorkflowGone(api_text("error.workflow_deleted"))
    workflow, _ = storable(workflow)
    stored = workflow.model_copy(update={"id": workflow_id, "version": version})
    await repository.insert_version(
        db,
        WorkflowVersionRow(
            workflow_id=workflow_id,
            version=version,
            definition=stored.model_dump(mode="json"),
            summary=summary,
            session_id=session_id,
            generation_id=generation_id,
        ),
    )
    return stored


async def copy_workflow(db: AsyncSession, user_id: str, source_id: str) -> Workflow:
    source = await get_owned(db, user_id, source_id)
    definition = await current_definition(db, source.id)
    if definition is None:
        raise WorkflowNotFound(api_text("error.workflow_no_version"))
    copy = definition.model_copy(update={"name": _copy_name(definition.name)})
    return await create_workflow(
        db, user_id, copy, copied_from=source.id, summary=f"Copied from {source.id}"
    )


async def soft_delete(db: AsyncSession, user_id: str, workflow_id: str) -> None:
    row = await get_owned(db, user_id, workflow_id)
    await repository.mark_deleted(db, row)


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


# --- what may be stored ------------------------------------------------------------------


def check_json(value: Any) -> None:
    """422/413 for JSON no version may hold: nested too deep, too large, or carrying text a
    database cannot store (NUL, unpaired surrogates)."""
    if json_depth_over(value, MAX_DEFINITION_DEPTH):
        raise WorkflowTooDeep(api_text("error.workflow_too_deep", limit=MAX_DEFINITION_DEPTH))
    if unstorable_strings(value):
        raise InvalidText(api_text("error.workflow_invalid_text"))
    size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    if size > MAX_DEFINITION_BYTES:
        raise WorkflowTooLarge(
            api_text("error.workflow_too_large", size=size, limit=MAX_DEFINITION_BYTES)
        )


def storable(workflow: Workflow) -> tuple[Workflow, list[Finding]]:
    """``workflow`` as it may be stored (secrets replaced by references) and what was
    replaced; raises as ``check_json`` does."""
    scrubbed, findings = scrub_secrets(workflow)
    check_json(scrubbed.model_dump(mode="json"))
    return scrubbed, findings


# --- inline secrets ----------------------------------------------------------------------
#
# A workflow names its secrets, it never holds them: ``{{ $env.NAME }}`` is the one way to
# use a credential (docs/expressions.md), and ``n8n_credentials`` hold references
# ({type: {id, name}}). A literal that looks like a secret is replaced by a reference to an
# environment variable named after the node and the parameter, and reported with the code
# ``inline_secret`` (the finding never repeats the value).

INLINE_SECRET = "inline_secret"
# parameter names whose literal string value is a secret (compared without case or
# punctuation, by suffix: "smtp_password", "X-API-Key", "authToken")
_SECRET_NAMES = re.compile(
    r"(password|passwd|passphrase|secret|apikey|token|authorization|privatekey|accesskey"
    r"|credentials?)$"
)
# values that are secrets whatever they are called: bearer/basic credentials, well-known key
# formats, JWTs, private keys, passwords in URLs
_SECRET_VALUES = re.compile(
    r"(?P<scheme>\b(?:Bearer|Basic|Token)\s+)(?P<cred>(?!\{\{)[A-Za-z0-9\-._~+/]{8,}=*)"
    r"|(?P<key>\bsk-(?:ant-)?[A-Za-z0-9_\-]{20,}"
    r"|\bgh[pousr]_[A-Za-z0-9]{30,}"
    r"|\bxox[abprs]-[A-Za-z0-9\-]{10,}"
    r"|\bAKIA[0-9A-Z]{16}\b"
    r"|\bAIza[0-9A-Za-z_\-]{35}"
    r"|\b[rs]k_(?:live|test)_[0-9A-Za-z]{16,}"
    r"|\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"
    r"|-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$))"
    r"|(?P<url>://[^/\s:@{}]+:)(?P<urlpass>[^/\s@{}]+)(?=@)"
)
_RAW = frozenset({"n8n_parameters", "n8n_credentials", "n8n"})  # n8n's own expression syntax


def scrub_secrets(workflow: Workflow) -> tuple[Workflow, list[Finding]]:
    """The workflow with every inline secret in node parameters and settings replaced by a
    ``{{ $env.NAME }}`` reference, and one ``inline_secret`` finding per replacement."""
    findings: list[Finding] = []
    nodes = []
    for index, node in enumerate(workflow.nodes):
        scrub = _Scrubber(node.id, f"nodes[{index}].parameters", findings)
        parameters = scrub.value(node.parameters, [], n8n=False)
        nodes.append(node.model_copy(update={"parameters": parameters}))
    settings_in = workflow.settings.model_dump(mode="json")
    settings_out = _Scrubber("workflow", "settings", findings).value(settings_in, [], n8n=False)
    if not findings:
        return workflow, []
    updated = workflow.model_copy(
        update={"nodes": nodes, "settings": workflow.settings.model_validate(settings_out)}
    )
    return updated, findings


class _Scrubber:
    def __init__(self, owner: str, base: str, findings: list[Finding]) -> None:
        self.owner = owner
        self.base = base
        self.findings = findings

    def value(self, value: Any, path: list[str | int], *, n8n: bool) -> Any:
        if isinstance(value, dict):
            sibling = _header_name(value)
            out: dict[str, Any] = {}
            for key, item in value.items():
                if key == "value" and sibling and isinstance(item, str):
                    # {"name": "Authorization", "value": "..."}: named by its sibling
                    out[key] = self.string(item, [*path, sibling], n8n=n8n, named=True)
                else:
                    out[key] = self.value(item, [*path, key], n8n=n8n or key in _RAW)
            return out
        if isinstance(value, list):
            return [self.value(item, [*path, i], n8n=n8n) for i, item in enumerate(value)]
        if isinstance(value, str):
            key = next((p for p in reversed(path) if isinstance(p, str)), "")
            return self.string(value, path, n8n=n8n, named=_is_secret_name(key))
        return value

    def string(self, text: str, path: list[str | int], *, n8n: bool, named: bool) -> str:
        if not text.strip() or (n8n and path and path[-1] == "id"):
            return text
        name = self.env_name(path)
        reference = "{{ $env." + name + " }}"
        if named and "{{" not in text:
            scheme = re.match(r"\s*(Bearer|Basic|Token)\s+", text)
            replaced = (scheme.group(0) if scheme else "") + reference
        else:
            replaced = _SECRET_VALUES.sub(lambda m: _reference_for(m, reference), text)
        if replaced == text:
            return text
        if n8n and not replaced.startswith("="):
            replaced = "=" + replaced  # an n8n expression, not literal text
        where = ".".join([self.base, *(str(p) for p in path)])
        self.findings.append(
            Finding(
                code=INLINE_SECRET,
                severity="warning",
                node_id=self.owner if self.owner != "workflow" else None,
                path=where,
                message=(
                    f"{where} held what looks like a secret; it is stored as {reference} "
                    f"instead: set {name} in the environment the workflow runs in"
                ),
            )
        )
        return replaced

    def env_name(self, path: list[str | int]) -> str:
        parts = [self.owner, *(str(p) for p in path if isinstance(p, str) and p not in _RAW)]
        raw = "_".join(parts[:1] + parts[-1:]) if len(parts) > 1 else parts[0]
        name = re.sub(r"[^A-Za-z0-9]+", "_", raw).strip("_").upper() or "SECRET"
        if name[0].isdigit():
            name = "S_" + name
        return name[:64]


def _reference_for(match: re.Match[str], reference: str) -> str:
    if match.group("scheme"):
        return match.group("scheme") + reference
    if match.group("url"):
        return match.group("url") + reference
    return reference


def _is_secret_name(key: str) -> bool:
    return bool(_SECRET_NAMES.search(re.sub(r"[^a-z0-9]", "", key.lower())))


def _header_name(item: dict[str, Any]) -> str | None:
    """For ``{"name": "X-API-Key", "value": "..."}`` pairs (n8n headers, query parameters):
    the name, when it names a secret."""
    name = item.get("name")
    if isinstance(name, str) and "value" in item and _is_secret_name(name):
        return name
    return None
