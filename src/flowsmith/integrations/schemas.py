"""Request and response bodies of the n8n integration."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class ConnectRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=2048, description="The n8n instance's URL")
    api_key: SecretStr = Field(
        min_length=1, max_length=4096, description="An n8n API key (Settings → n8n API)"
    )


class ConnectionInfo(BaseModel):
    connected: bool
    url: str | None = None
    api_key_hint: str | None = Field(
        default=None, description="The key's last characters, as n8n shows them; never the key"
    )
    connected_at: datetime | None = None
    updated_at: datetime | None = None


class DeployRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(
        default=None, ge=1, le=1_000_000, description="Deploy this version (default: the latest)"
    )


class CredentialNeeded(BaseModel):
    node_id: str
    node_name: str
    n8n_node: str = Field(description="The n8n node on which to choose the credential")
    credential_types: list[str] = Field(description="n8n credential types, e.g. smtp, slackApi")
    chosen_in_n8n: bool = Field(description="A credential is already chosen there in n8n")


class Deployment(BaseModel):
    workflow_id: str
    version: int = Field(description="Our version that is deployed")
    latest_version: int
    n8n_workflow_id: str
    url: str = Field(description="The workflow in n8n's editor")
    instance_url: str
    active: bool
    deployed_at: datetime
    credentials_needed: list[CredentialNeeded] = Field(
        default_factory=list,
        description="Per node, the n8n credential to choose or create there (none is sent)",
    )
    in_n8n: bool | None = Field(
        default=None,
        description="The n8n workflow still exists (None: n8n was not asked or did not answer)",
    )


class DeployResult(Deployment):
    created: bool = Field(description="The n8n workflow was created by this deploy")
    recreated: bool = Field(
        description="It was created again because the one we deployed before is gone from n8n"
    )
    activation_error: str | None = Field(
        default=None,
        description="The workflow was active; n8n refused to activate the new version",
    )


class FailedNode(BaseModel):
    id: str | None = Field(description="Our node id (None for a node that is not ours)")
    name: str | None
    n8n_name: str


class Execution(BaseModel):
    id: str
    status: str
    mode: str | None = None
    finished: bool
    started_at: datetime | None = None
    stopped_at: datetime | None = None
    failed_node: FailedNode | None = None
    error_message: str | None = None


class ExecutionList(BaseModel):
    workflow_id: str
    n8n_workflow_id: str
    url: str
    items: list[Execution]
    next_cursor: str | None = Field(description="Pass as cursor for the next page")
