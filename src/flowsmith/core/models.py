"""The workflow language: the graph users build, as flowsmith stores and exchanges it.

Invariants the validator (not these models) enforces: node ids are unique, every
connection names existing nodes, TOOL/MEMORY nodes hang off an AI_AGENT through
``attached_nodes`` and never sit in the main flow. These models only fix the shape,
so a half-built draft can still be parsed, checked and repaired.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class NodeFamily(StrEnum):
    TRIGGER = "TRIGGER"
    ACTION = "ACTION"
    EXTERNAL_ACTION = "EXTERNAL_ACTION"
    AI_AGENT = "AI_AGENT"
    FLOW = "FLOW"
    HUMAN_IN_THE_LOOP = "HUMAN_IN_THE_LOOP"
    TOOL = "TOOL"
    MEMORY = "MEMORY"


OnError = Literal["stop", "continue", "error_output"]


class RetryPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_attempts: int = Field(default=1, ge=1, le=10)
    backoff_seconds: float = Field(default=0.0, ge=0, le=3600)


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    type: NodeFamily
    subtype: str = Field(min_length=1, max_length=64)
    parameters: dict[str, Any] = Field(default_factory=dict)
    position: tuple[float, float] = (0.0, 0.0)
    on_error: OnError = "stop"
    retry: RetryPolicy = Field(default_factory=RetryPolicy)
    # ids of TOOL / MEMORY nodes this AI_AGENT uses; empty for every other family
    attached_nodes: list[str] = Field(default_factory=list)


class Connection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    from_node: str
    to_node: str
    from_output: str = "main"
    to_input: str = "main"


class WorkflowSettings(BaseModel):
    model_config = ConfigDict(extra="allow")

    timezone: str = "UTC"
    error_workflow_id: str | None = None


class Workflow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = ""
    name: str = Field(default="Untitled workflow", max_length=200)
    description: str = ""
    version: int = 0
    nodes: list[Node] = Field(default_factory=list)
    connections: list[Connection] = Field(default_factory=list)
    settings: WorkflowSettings = Field(default_factory=WorkflowSettings)

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)


Severity = Literal["error", "warning", "info"]


class Finding(BaseModel):
    """One result of a check. ``error`` findings make a workflow invalid."""

    code: str
    severity: Severity = "error"
    node_id: str | None = None
    path: str | None = None
    message: str
