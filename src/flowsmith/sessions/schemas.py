from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

SessionAction = Literal["create", "edit", "copy"]


class NewSession(BaseModel):
    """A session that builds a new workflow (``action`` may be left out)."""

    model_config = ConfigDict(extra="ignore")

    action: Literal["create"] = "create"
    workflow_id: str | None = Field(
        default=None, max_length=64, description="Not read: a new workflow has no id yet"
    )


class EditSession(BaseModel):
    """A session that edits one of the caller's workflows, as new versions of it."""

    model_config = ConfigDict(extra="ignore")

    action: Literal["edit"]
    workflow_id: str = Field(min_length=1, max_length=64)


class CopySession(BaseModel):
    """A session that copies one of the caller's workflows and edits the copy."""

    model_config = ConfigDict(extra="ignore")

    action: Literal["copy"]
    workflow_id: str = Field(min_length=1, max_length=64)


def _action(value: Any) -> str | None:
    """The body's ``action`` (``create`` when left out): which of the three it is."""
    action = (
        value.get("action", "create") if isinstance(value, dict) else getattr(value, "action", None)
    )
    return action if isinstance(action, str) else None


# ``action`` chooses the shape: edit and copy need the workflow's id, create reads none
CreateSession = Annotated[
    Annotated[NewSession, Tag("create")]
    | Annotated[EditSession, Tag("edit")]
    | Annotated[CopySession, Tag("copy")],
    Discriminator(_action),
]


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
