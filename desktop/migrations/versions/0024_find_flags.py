"""the children list's open flags read from one index, not from the flag rows

Revision ID: 0024_find_flags
Revises: 0023_lean_history
Create Date: 2026-12-02 16:45:00

Issue 22, item 3. Every keystroke in the children list reads the open flags of the page's
200 children (`desktop/services/find/listing.py`): through `ix_flag_child_rule` SQLite
then looked up each flag's row for its status and severity, about 600 rows spread over
the flag table (2-3 ms a keystroke at 250k children with their 721,678 flags). This
partial index holds the open flags' child, severity and status: the page reads index
entries only.
"""

from alembic import op

revision = "0024_find_flags"
down_revision = "0023_lean_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_flag_child_open ON flag (child_id, severity, status)"
        " WHERE status IN ('open', 'acknowledged', 'escalated')"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_flag_child_open")
