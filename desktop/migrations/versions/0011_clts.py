"""Child labour (CLTS): rescue cases, households and members, the compensation ledger,
entitlements per department and follow-up visits (issue 18)

Revision ID: 0011_clts
Revises: 0009_edits_approvals (made on 0007; chained after main's 0009 at the merge)
Create Date: 2026-11-24 10:00:00

Six new tables, all synced (the Tracked columns). Nothing existing changes, so a
database of any earlier schema upgrades by adding them. Written out in full here (a
migration must not change when the models do).
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_clts"
down_revision = "0008_dated_facts"
branch_labels = None
depends_on = None

TABLES = (
    "clts_follow_up",
    "clts_entitlement",
    "clts_compensation",
    "clts_case",
    "clts_member",
    "clts_household",
)


def upgrade() -> None:
    op.create_table(
        "clts_household",
        sa.Column("head_name", sa.String(length=200), nullable=False),
        sa.Column("head_name_local", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("village", sa.String(length=120), nullable=True),
        sa.Column("panchayat", sa.String(length=120), nullable=True),
        sa.Column("block", sa.String(length=120), nullable=True),
        sa.Column("police_station", sa.String(length=120), nullable=True),
        sa.Column("pin", sa.String(length=6), nullable=True),
        sa.Column("state", sa.Integer(), nullable=True),
        sa.Column("district", sa.Integer(), nullable=True),
        sa.Column("district_name", sa.String(length=120), nullable=True),
        sa.Column("area", sa.String(length=8), nullable=True),
        sa.Column("social_category", sa.String(length=10), nullable=True),
        sa.Column("religion", sa.String(length=40), nullable=True),
        sa.Column("minority", sa.Boolean(), nullable=True),
        sa.Column("bpl", sa.Boolean(), nullable=True),
        sa.Column("ration_card", sa.String(length=12), nullable=True),
        sa.Column("ration_card_no", sa.String(length=40), nullable=True),
        sa.Column("job_card", sa.Boolean(), nullable=True),
        sa.Column("job_card_no", sa.String(length=40), nullable=True),
        sa.Column("landless", sa.Boolean(), nullable=True),
        sa.Column("land_decimal", sa.Float(), nullable=True),
        sa.Column("homestead_land", sa.Boolean(), nullable=True),
        sa.Column("housing", sa.String(length=12), nullable=True),
        sa.Column("pmjay_card", sa.Boolean(), nullable=True),
        sa.Column("shg_member", sa.Boolean(), nullable=True),
        sa.Column("migrated", sa.Boolean(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("synced_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clts_household")),
        sa.UniqueConstraint("uuid", name=op.f("uq_clts_household_uuid")),
    )
    with op.batch_alter_table("clts_household", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_clts_household_change_seq"), ["change_seq"], unique=False
        )

    op.create_table(
        "clts_member",
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_local", sa.String(length=200), nullable=True),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("gender", sa.String(length=12), nullable=True),
        sa.Column("age_years", sa.Integer(), nullable=True),
        sa.Column("occupation", sa.String(length=120), nullable=True),
        sa.Column("alive", sa.Boolean(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("widowed", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("synced_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["clts_household.id"],
            name=op.f("fk_clts_member_household_id_clts_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clts_member")),
        sa.UniqueConstraint("uuid", name=op.f("uq_clts_member_uuid")),
    )
    with op.batch_alter_table("clts_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clts_member_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_clts_member_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "clts_case",
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("clts_id", sa.String(length=40), nullable=False),
        sa.Column("legacy_id", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("rescue_on", sa.Date(), nullable=False),
        sa.Column("rescue_state", sa.Integer(), nullable=False),
        sa.Column("rescue_district", sa.Integer(), nullable=True),
        sa.Column("rescue_district_name", sa.String(length=120), nullable=True),
        sa.Column("rescue_block", sa.String(length=120), nullable=True),
        sa.Column("rescue_village", sa.String(length=120), nullable=True),
        sa.Column("rescue_place", sa.String(length=300), nullable=True),
        sa.Column("agencies", sa.JSON(), nullable=False),
        sa.Column("agency_other", sa.String(length=120), nullable=True),
        sa.Column("raid_ref", sa.String(length=80), nullable=True),
        sa.Column("establishment", sa.String(length=200), nullable=True),
        sa.Column("employer_name", sa.String(length=200), nullable=True),
        sa.Column("employer_address", sa.Text(), nullable=True),
        sa.Column("employer_phone", sa.String(length=20), nullable=True),
        sa.Column("industry", sa.String(length=30), nullable=False),
        sa.Column("industry_other", sa.String(length=120), nullable=True),
        sa.Column("hazardous", sa.Boolean(), nullable=False),
        sa.Column("bonded", sa.Boolean(), nullable=False),
        sa.Column("trafficked", sa.Boolean(), nullable=False),
        sa.Column("deployed_by", sa.String(length=20), nullable=True),
        sa.Column("work_months", sa.Integer(), nullable=True),
        sa.Column("hours_per_day", sa.Integer(), nullable=True),
        sa.Column("days_per_week", sa.Integer(), nullable=True),
        sa.Column("wage_per_month", sa.Integer(), nullable=True),
        sa.Column("wages_due", sa.Integer(), nullable=True),
        sa.Column("in_school_at_rescue", sa.Boolean(), nullable=True),
        sa.Column("fir_police_station", sa.String(length=120), nullable=True),
        sa.Column("fir_no", sa.String(length=40), nullable=True),
        sa.Column("fir_on", sa.Date(), nullable=True),
        sa.Column("fir_sections", sa.JSON(), nullable=False),
        sa.Column("prosecution_filed_on", sa.Date(), nullable=True),
        sa.Column("prosecution_court", sa.String(length=120), nullable=True),
        sa.Column("prosecution_disposed_on", sa.Date(), nullable=True),
        sa.Column("prosecution_outcome", sa.String(length=20), nullable=True),
        sa.Column("fine_amount", sa.Integer(), nullable=True),
        sa.Column("origin_state", sa.Integer(), nullable=True),
        sa.Column("origin_district", sa.Integer(), nullable=True),
        sa.Column("origin_district_name", sa.String(length=120), nullable=True),
        sa.Column("origin_block", sa.String(length=120), nullable=True),
        sa.Column("origin_village", sa.String(length=120), nullable=True),
        sa.Column("cwc_name", sa.String(length=200), nullable=True),
        sa.Column("produced_on", sa.Date(), nullable=True),
        sa.Column("interim_order", sa.String(length=20), nullable=True),
        sa.Column("interim_order_on", sa.Date(), nullable=True),
        sa.Column("final_order", sa.String(length=20), nullable=True),
        sa.Column("final_order_on", sa.Date(), nullable=True),
        sa.Column("final_order_no", sa.String(length=80), nullable=True),
        sa.Column("transfer_to", sa.String(length=200), nullable=True),
        sa.Column("restored_on", sa.Date(), nullable=True),
        sa.Column("home_confirmed_on", sa.Date(), nullable=True),
        sa.Column("home_confirmed_by", sa.String(length=200), nullable=True),
        sa.Column("physically_verified_on", sa.Date(), nullable=True),
        sa.Column("cm_relief_refusal", sa.String(length=20), nullable=True),
        sa.Column("bank_account_no", sa.String(length=20), nullable=True),
        sa.Column("bank_ifsc", sa.String(length=11), nullable=True),
        sa.Column("bank_name", sa.String(length=120), nullable=True),
        sa.Column("bank_branch", sa.String(length=120), nullable=True),
        sa.Column("bank_aadhaar_linked", sa.Boolean(), nullable=True),
        sa.Column("bank_aadhaar_last4", sa.String(length=4), nullable=True),
        sa.Column("school_type", sa.String(length=10), nullable=True),
        sa.Column("school_name", sa.String(length=200), nullable=True),
        sa.Column("school_class", sa.String(length=20), nullable=True),
        sa.Column("enrolled_on", sa.Date(), nullable=True),
        sa.Column("card_issued_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("synced_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_clts_case_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["clts_household.id"],
            name=op.f("fk_clts_case_household_id_clts_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clts_case")),
        sa.UniqueConstraint("clts_id", name=op.f("uq_clts_case_clts_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_clts_case_uuid")),
    )
    with op.batch_alter_table("clts_case", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clts_case_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_clts_case_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_clts_case_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index("ix_clts_case_rescue_on", ["rescue_on"], unique=False)
        batch_op.create_index("ix_clts_case_status", ["status"], unique=False)

    op.create_table(
        "clts_compensation",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.String(length=40), nullable=False),
        sa.Column("policy_version", sa.String(length=60), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("payer", sa.String(length=10), nullable=False),
        sa.Column("office", sa.String(length=200), nullable=True),
        sa.Column("ordered_on", sa.Date(), nullable=True),
        sa.Column("ordered_amount", sa.Integer(), nullable=True),
        sa.Column("order_ref", sa.String(length=80), nullable=True),
        sa.Column("sanctioned_on", sa.Date(), nullable=True),
        sa.Column("sanctioned_amount", sa.Integer(), nullable=True),
        sa.Column("sanction_ref", sa.String(length=80), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("paid_amount", sa.Integer(), nullable=True),
        sa.Column("payment_ref", sa.String(length=80), nullable=True),
        sa.Column("payment_mode", sa.String(length=10), nullable=True),
        sa.Column("refused_on", sa.Date(), nullable=True),
        sa.Column("refusal_reason", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("synced_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["clts_case.id"], name=op.f("fk_clts_compensation_case_id_clts_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clts_compensation")),
        sa.UniqueConstraint("case_id", "line", name=op.f("uq_clts_compensation_case_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_clts_compensation_uuid")),
    )
    with op.batch_alter_table("clts_compensation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clts_compensation_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_clts_compensation_change_seq"), ["change_seq"], unique=False
        )

    op.create_table(
        "clts_entitlement",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.String(length=40), nullable=False),
        sa.Column("department", sa.String(length=30), nullable=False),
        sa.Column("policy_version", sa.String(length=60), nullable=False),
        sa.Column("status", sa.String(length=14), nullable=False),
        sa.Column("by_hand", sa.Boolean(), nullable=False),
        sa.Column("counted_from", sa.Date(), nullable=True),
        sa.Column("apply_due_on", sa.Date(), nullable=True),
        sa.Column("receive_due_on", sa.Date(), nullable=True),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("application_ref", sa.String(length=80), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("benefit_ref", sa.String(length=80), nullable=True),
        sa.Column("rejected_on", sa.Date(), nullable=True),
        sa.Column("office", sa.String(length=200), nullable=True),
        sa.Column("remarks", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("synced_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["clts_case.id"], name=op.f("fk_clts_entitlement_case_id_clts_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clts_entitlement")),
        sa.UniqueConstraint("case_id", "scheme", name=op.f("uq_clts_entitlement_case_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_clts_entitlement_uuid")),
    )
    with op.batch_alter_table("clts_entitlement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clts_entitlement_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_clts_entitlement_change_seq"), ["change_seq"], unique=False
        )

    op.create_table(
        "clts_follow_up",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("visit_no", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("mode", sa.String(length=12), nullable=True),
        sa.Column("officer", sa.String(length=200), nullable=True),
        sa.Column("residing", sa.Boolean(), nullable=True),
        sa.Column("in_school", sa.Boolean(), nullable=True),
        sa.Column("working_again", sa.Boolean(), nullable=True),
        sa.Column("household_needs", sa.Text(), nullable=True),
        sa.Column("findings", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=12), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("synced_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["clts_case.id"], name=op.f("fk_clts_follow_up_case_id_clts_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clts_follow_up")),
        sa.UniqueConstraint("case_id", "visit_no", name=op.f("uq_clts_follow_up_case_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_clts_follow_up_uuid")),
    )
    with op.batch_alter_table("clts_follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clts_follow_up_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_clts_follow_up_change_seq"), ["change_seq"], unique=False
        )


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
