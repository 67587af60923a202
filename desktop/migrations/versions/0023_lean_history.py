"""lean history: a document's past statuses only, the search index without its text copy

Revision ID: 0023_lean_history
Revises: 0022_daily_rules
Create Date: 2026-12-02 16:40:00

Issue 22, item 6 (the same records, fewer bytes):

- `document_status_history` keeps only the statuses an item had before its current one.
  It held a row per item copying the item itself (written at insert, and again at each
  change: 0008), half a kilobyte a child with its index. The update trigger now writes
  the OLD status and its date; nothing is written at insert; the delete trigger is as
  it was. Each item's newest history row is deleted where it equals the item. The one
  reader (desktop/rules/scan_sql.py EXACT_SQL) takes the current status from its date
  on and the history before: it never read the copy.
- `child_search` (FTS5) is contentless (`content=''`, `contentless_delete=1`, SQLite
  3.43+): the index without its copy of the text. The code reads rowids and bm25 of it
  and deletes by rowid; a search takes the names from child and guardian.

The file is packed (VACUUM) after the upgrade (desktop.db.PACK_AFTER).
"""

from alembic import op
from sqlalchemy import text

from desktop.services.core.search_index import (
    SEARCH_SOURCE,
    SEARCH_TABLE,
    SEARCH_TABLE_WITH_CONTENT,
    insert_search_rows,
)

revision = "0023_lean_history"
down_revision = "0022_daily_rules"
branch_labels = None
depends_on = None

BATCH = 20_000
_CHANGED = "WHEN NEW.status IS NOT OLD.status OR NEW.status_on IS NOT OLD.status_on"
_ROW = (
    "INSERT INTO document_status_history (item_id, child_id, status, status_on) "
    "VALUES ({0}.id, {0}.child_id, {0}.status, {0}.status_on)"
)
# Before: a row for the status an item is given (at insert and at each change).
OLD_TRIGGERS = {
    "document_status_history_ins": f"AFTER INSERT ON document_item BEGIN {_ROW.format('NEW')}; END",
    "document_status_history_upd": "AFTER UPDATE OF status, status_on ON document_item "
    f"{_CHANGED} BEGIN {_ROW.format('NEW')}; END",
}
# Now: a row for the status an item leaves.
TRIGGERS = {
    "document_status_history_upd": "AFTER UPDATE OF status, status_on ON document_item "
    f"{_CHANGED} BEGIN {_ROW.format('OLD')}; END",
}


def _rebuild_search(conn, table: str) -> None:  # type: ignore[no-untyped-def]
    op.execute("DROP TABLE IF EXISTS child_search")
    op.execute(table)
    top = conn.execute(text("SELECT max(id) FROM child")).scalar() or 0
    for lo in range(0, int(top) + 1, BATCH):
        rows = conn.execute(
            text(SEARCH_SOURCE + " WHERE c.id > :lo AND c.id <= :hi"),
            {"lo": lo, "hi": lo + BATCH},
        )
        insert_search_rows(conn, list(rows))


def upgrade() -> None:
    conn = op.get_bind()
    for name in OLD_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    # Each item's newest row (the last one written), where it copies the item.
    op.execute(
        "DELETE FROM document_status_history WHERE id IN ("
        "SELECT h.id FROM document_item d JOIN document_status_history h "
        "ON h.id = (SELECT max(x.id) FROM document_status_history x WHERE x.item_id = d.id) "
        "WHERE h.status IS d.status AND h.status_on IS d.status_on)"
    )
    _rebuild_search(conn, SEARCH_TABLE)


def downgrade() -> None:
    conn = op.get_bind()
    _rebuild_search(conn, SEARCH_TABLE_WITH_CONTENT)
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    # Each item's current status again as its newest history row, as 0008 kept it.
    op.execute(
        "INSERT INTO document_status_history (item_id, child_id, status, status_on) "
        "SELECT id, child_id, status, status_on FROM document_item ORDER BY id"
    )
    for name, body in OLD_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
