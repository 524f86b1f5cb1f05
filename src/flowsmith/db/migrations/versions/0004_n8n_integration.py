"""n8n connections (encrypted API keys) and deployments

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "n8n_connections",
        sa.Column("user_id", sa.String(length=255), nullable=False),
        sa.Column("base_url", sa.String(length=2048), nullable=False),
        sa.Column("api_key_encrypted", sa.Text(), nullable=False),
        sa.Column("api_key_hint", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_n8n_connections")),
    )
    op.create_table(
        "n8n_deployments",
        sa.Column("workflow_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=255), nullable=False),
        sa.Column("base_url", sa.String(length=2048), nullable=False),
        sa.Column("n8n_workflow_id", sa.String(length=64), nullable=False),
        sa.Column("deployed_version", sa.Integer(), nullable=False),
        sa.Column("node_map", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workflow_id"],
            ["workflows.id"],
            name=op.f("fk_n8n_deployments_workflow_id_workflows"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workflow_id", name=op.f("pk_n8n_deployments")),
    )
    with op.batch_alter_table("n8n_deployments") as batch_op:
        batch_op.create_index(batch_op.f("ix_n8n_deployments_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("n8n_deployments") as batch_op:
        batch_op.drop_index(batch_op.f("ix_n8n_deployments_user_id"))
    op.drop_table("n8n_deployments")
    op.drop_table("n8n_connections")
