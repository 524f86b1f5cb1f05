from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from flowsmith.core.models import Workflow


class WorkflowSummary(BaseModel):
    id: str
    name: str
    description: str
    version: int
    copied_from: str | None
    created_at: datetime
    updated_at: datetime


class WorkflowDetail(WorkflowSummary):
    workflow: Workflow


class WorkflowList(BaseModel):
    items: list[WorkflowSummary]
    limit: int
    offset: int


class VersionSummary(BaseModel):
    version: int
    summary: str
    session_id: str | None
    generation_id: str | None
    created_at: datetime


class VersionDetail(VersionSummary):
    workflow: Workflow


class VersionList(BaseModel):
    workflow_id: str
    items: list[VersionSummary]


class ImportResult(BaseModel):
    workflow_id: str
    version: int
    name: str
    nodes: int
    notes: list[dict[str, Any]]  # what the conversion had to do (generic nodes, …)
    findings: list[dict[str, Any]]  # the validator's view of the imported workflow
