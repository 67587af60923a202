"""merge within a home: a child record merged into another points at the kept one (issue 20)

Revision ID: 0020_merge
Revises: 0017_transfers
Create Date: 2026-12-02 06:30:00

`child.merged_into_id`: set on a record merged into another record of the same child
(its status then "merged"); everything that hung on it now hangs on the kept record.
"""

from alembic import op

revision = "0020_merge"
down_revision = "0017_transfers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (never a table copy: the child table's triggers and rows stay).
    op.execute(
        "ALTER TABLE child ADD COLUMN merged_into_id INTEGER "
        "CONSTRAINT fk_child_merged_into_id_child REFERENCES child (id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("child") as batch:
        batch.drop_column("merged_into_id")
