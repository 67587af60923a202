"""sync keys, outbox, bundles and receipts (issue 6)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 11:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("own", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("sign_public", sa.String(length=64), nullable=False),
        sa.Column("enc_public", sa.String(length=64), nullable=True),
        sa.Column("storage", sa.String(length=10), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_key")),
        sa.UniqueConstraint("key_id", name=op.f("uq_sync_key_key_id")),
    )
    op.create_table(
        "sync_bundle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("first_change_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_change_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_audit_id", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("bundle_hash", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("upload_url", sa.String(length=500), nullable=True),
        sa.Column("exported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("receiver", sa.String(length=20), nullable=True),
        sa.Column("district_acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("receipt", sa.LargeBinary(), nullable=True),
        sa.Column("receipt_counts", sa.JSON(), nullable=True),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_bundle")),
        sa.UniqueConstraint("bundle_id", name=op.f("uq_sync_bundle_bundle_id")),
        sa.UniqueConstraint("seq", name=op.f("uq_sync_bundle_seq")),
    )


def downgrade() -> None:
    op.drop_table("sync_bundle")
    op.drop_table("sync_key")
