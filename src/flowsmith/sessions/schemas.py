from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SessionAction = Literal["create", "edit", "copy"]


class CreateSession(BaseModel):
    model_config = ConfigDict(extra="ignore")

    action: SessionAction = "create"
    workflow_id: str | None = Field(default=None, max_length=64)

    @model_validator(mode="after")
    def _workflow_for_edit_and_copy(self) -> CreateSession:
        if self.action in ("edit", "copy") and not self.workflow_id:
            raise ValueError(f"workflow_id is required for action '{self.action}'")
        return self


class SessionCreated(BaseModel):
    session_id: str
    action: SessionAction
    workflow_id: str | None


class MessageOut(BaseModel):
    id: str
    seq: int
    role: str
    content: str
    status: str
    meta: dict[str, Any]
    created_at: datetime


class GenerationOut(BaseModel):
    id: str
    seq: int
    status: str
    workflow_id: str | None
    version: int | None
    error_code: str | None
    error_message: str | None
    usage: dict[str, Any]
    created_at: datetime
    finished_at: datetime | None


class SessionDetail(BaseModel):
    id: str
    action: SessionAction
    workflow_id: str | None
    source_workflow_id: str | None
    created_at: datetime
    messages: list[MessageOut]
    generations: list[GenerationOut]
    usage: dict[str, Any]
