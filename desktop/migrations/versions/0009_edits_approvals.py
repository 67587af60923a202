"""approval_request: a caseworker's category change, adoption step or exit waiting for the
superintendent (issue 16)

Revision ID: 0009_edits_approvals
Revises: 0007
Create Date: 2026-11-24 10:00:00

Backup settings (folder, copies kept, last backup) live in the `setting` table: no schema.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_edits_approvals"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "approval_request",
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("requested_by", sa.String(length=100), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("synced_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_approval_request_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_request")),
        sa.UniqueConstraint("uuid", name=op.f("uq_approval_request_uuid")),
    )
    with op.batch_alter_table("approval_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_approval_request_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            "ix_approval_request_status_child", ["status", "child_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("approval_request", schema=None) as batch_op:
        batch_op.drop_index("ix_approval_request_status_child")
        batch_op.drop_index(batch_op.f("ix_approval_request_change_seq"))
    op.drop_table("approval_request")
