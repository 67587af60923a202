"""district office: the office's reviews of escalated flags; the district's action on a flag

Revision ID: 0014_district_office
Revises: 0009_edits_approvals
Create Date: 2026-12-02 00:10:00

`district_review` (a district office's own table): what the office did about a CCI's
escalated flag, sent back to that CCI in the receipt of its next bundle taken in. At the
CCI, the flag gets the district's action (acknowledged / resolved, when, by whom, why),
written from the verified receipt and sent up again with the flag.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_district_office"
down_revision = "0011_clts"  # issue 17; the lead re-chains at merge
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "district_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("flag_uuid", sa.String(length=36), nullable=False),
        sa.Column("institution_uuid", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=14), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=False),
        sa.Column("by_name", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_bundle_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_district_review_flag_uuid", "district_review", ["flag_uuid"])
    op.create_index(
        "ix_district_review_unsent", "district_review", ["institution_uuid", "sent_bundle_id"]
    )
    # Plain ADD COLUMN (never a table copy: the flag table's triggers and rows stay).
    op.add_column("flag", sa.Column("district_action", sa.String(length=14), nullable=True))
    op.add_column("flag", sa.Column("district_action_at", sa.Date(), nullable=True))
    op.add_column("flag", sa.Column("district_action_by", sa.String(length=200), nullable=True))
    op.add_column("flag", sa.Column("district_action_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("flag") as batch:
        batch.drop_column("district_action_reason")
        batch.drop_column("district_action_by")
        batch.drop_column("district_action_at")
        batch.drop_column("district_action")
    op.drop_index("ix_district_review_unsent", table_name="district_review")
    op.drop_index("ix_district_review_flag_uuid", table_name="district_review")
    op.drop_table("district_review")
