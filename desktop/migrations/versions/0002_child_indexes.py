"""Unique Aadhaar index; covering (gender, dob, name_key) index for the duplicate check

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.create_index("uq_child_aadhaar", ["aadhaar"], unique=True)
        batch_op.drop_index("ix_child_gender_dob")
        batch_op.create_index("ix_child_gender_dob_key", ["gender", "dob", "name_key"])


def downgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.drop_index("ix_child_gender_dob_key")
        batch_op.create_index("ix_child_gender_dob", ["gender", "dob"])
        batch_op.drop_index("uq_child_aadhaar")
