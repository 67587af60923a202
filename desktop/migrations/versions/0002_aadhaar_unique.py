"""One child per Aadhaar number (unique index; also speeds the registration check)

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


def downgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.drop_index("uq_child_aadhaar")
