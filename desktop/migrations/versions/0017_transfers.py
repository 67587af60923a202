"""transfers with the record: transfer key, directory, packets, hand-overs (issue 20)

Revision ID: 0017_transfers
Revises: 0016_find_keys
Create Date: 2026-12-02 06:40:00

Four new tables of this install's own (not synced as records) and one column: the other
CCI's uuid on a transfer, when it was chosen from the directory.
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_transfers"
down_revision = "0016_find_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "transfer_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("enc_public", sa.String(length=64), nullable=False),
        sa.Column("enc_private", sa.String(length=64), nullable=False),
        sa.Column("statement", sa.LargeBinary(), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_key")),
        sa.UniqueConstraint("key_id", name=op.f("uq_transfer_key_key_id")),
    )
    op.create_table(
        "institution_directory",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("state_code", sa.Integer(), nullable=True),
        sa.Column("district_code", sa.Integer(), nullable=True),
        sa.Column("sign_public", sa.String(length=64), nullable=False),
        sa.Column("enc_public", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_institution_directory")),
    )
    op.create_table(
        "transfer_packet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("packet_id", sa.String(length=36), nullable=False),
        sa.Column("transfer_uuid", sa.String(length=36), nullable=True),
        sa.Column("direction", sa.String(length=4), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("child_uuid", sa.String(length=36), nullable=False),
        sa.Column("child_code", sa.String(length=40), nullable=False),
        sa.Column("child_name", sa.String(length=200), nullable=False),
        sa.Column("from_uuid", sa.String(length=36), nullable=False),
        sa.Column("from_name", sa.String(length=200), nullable=False),
        sa.Column("to_uuid", sa.String(length=36), nullable=False),
        sa.Column("to_name", sa.String(length=200), nullable=False),
        sa.Column("transfer_date", sa.Date(), nullable=False),
        sa.Column("order_no", sa.String(length=80), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("packet_hash", sa.String(length=64), nullable=False),
        sa.Column("ack", sa.LargeBinary(), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_packet")),
        sa.UniqueConstraint("packet_id", name=op.f("uq_transfer_packet_packet_id")),
    )
    op.create_index(
        "ix_transfer_packet_child_uuid", "transfer_packet", ["child_uuid"], unique=False
    )
    op.create_index(
        "ix_transfer_packet_direction_status",
        "transfer_packet",
        ["direction", "status"],
        unique=False,
    )
    op.create_table(
        "handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("packet_id", sa.String(length=36), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("to_uuid", sa.String(length=36), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover")),
    )
    op.create_index("ix_handover_packet_id", "handover", ["packet_id"], unique=False)
    op.create_index("ix_handover_bundle_id", "handover", ["bundle_id"], unique=False)
    # Plain ADD COLUMN (never a table copy).
    op.add_column(
        "transfer", sa.Column("other_institution_uuid", sa.String(length=36), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("transfer") as batch:
        batch.drop_column("other_institution_uuid")
    op.drop_index("ix_handover_bundle_id", table_name="handover")
    op.drop_index("ix_handover_packet_id", table_name="handover")
    op.drop_table("handover")
    op.drop_index("ix_transfer_packet_direction_status", table_name="transfer_packet")
    op.drop_index("ix_transfer_packet_child_uuid", table_name="transfer_packet")
    op.drop_table("transfer_packet")
    op.drop_table("institution_directory")
    op.drop_table("transfer_key")
