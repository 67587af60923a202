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

- `audit_event`: `hash` and `prev_hash` as their 32 bytes instead of 64 hex digits,
  `child_uuid` as its 16 bytes instead of 36 characters (`HashBlob`, `UuidTextBlob` in
  desktop/models/base.py: the code reads and binds the same text as before, so the
  chain's digests, its verification and the bundles see the same values). Only the
  canonical forms are converted (lower-case hex, `str(uuid)`); any other text stays as
  it is and reads back the same.

The file is packed (VACUUM) after the upgrade (desktop.db.PACK_AFTER).
"""

import re

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


# Canonical text only: what reads back as the same text.
_HASH_OK = "length({c}) = 64 AND {c} = lower({c}) AND unhex({c}) IS NOT NULL"
_UUID_OK = (
    "length({c}) = 36 AND {c} = lower({c}) AND substr({c}, 9, 1) = '-' "
    "AND substr({c}, 14, 1) = '-' AND substr({c}, 19, 1) = '-' AND substr({c}, 24, 1) = '-' "
    "AND length(unhex(replace({c}, '-', ''))) = 16"
)
_TO = {
    "hash": f"CASE WHEN typeof(hash) = 'text' AND {_HASH_OK.format(c='hash')} "
    "THEN unhex(hash) ELSE hash END",
    "prev_hash": f"CASE WHEN typeof(prev_hash) = 'text' AND {_HASH_OK.format(c='prev_hash')} "
    "THEN unhex(prev_hash) ELSE prev_hash END",
    "child_uuid": f"CASE WHEN typeof(child_uuid) = 'text' AND {_UUID_OK.format(c='child_uuid')} "
    "THEN unhex(replace(child_uuid, '-', '')) ELSE child_uuid END",
}
_FROM = {
    "hash": "CASE WHEN typeof(hash) = 'blob' THEN lower(hex(hash)) ELSE hash END",
    "prev_hash": "CASE WHEN typeof(prev_hash) = 'blob' THEN lower(hex(prev_hash)) "
    "ELSE prev_hash END",
    "child_uuid": "CASE WHEN typeof(child_uuid) = 'blob' THEN lower(substr(hex(child_uuid), 1, 8) "
    "|| '-' || substr(hex(child_uuid), 9, 4) || '-' || substr(hex(child_uuid), 13, 4) || '-' "
    "|| substr(hex(child_uuid), 17, 4) || '-' || substr(hex(child_uuid), 21)) ELSE child_uuid END",
}
_TYPES = {"child_uuid": "VARCHAR(36)", "prev_hash": "VARCHAR(64)", "hash": "VARCHAR(64)"}


def _audit(conn, sets: dict[str, str], blob: bool) -> None:  # type: ignore[no-untyped-def]
    """Convert audit_event's hashes and child UUIDs (batches of ids) and declare the
    columns' types to match (the table's CREATE text, `writable_schema`: no copy)."""
    top = conn.execute(text("SELECT max(id) FROM audit_event")).scalar() or 0
    sql = "UPDATE audit_event SET " + ", ".join(f"{c} = {e}" for c, e in sets.items())
    for a in range(0, int(top) + 1, BATCH):
        conn.execute(text(sql + " WHERE id >= :a AND id < :b"), {"a": a, "b": a + BATCH})
    old = conn.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'audit_event'")
    ).scalar_one()
    new = old
    for col, typ in _TYPES.items():
        pattern = rf"(\n\s*{col}) (VARCHAR\(\d+\)|BLOB)"
        new, n = re.subn(pattern, rf"\1 {'BLOB' if blob else typ}", new)
        if n != 1:
            raise RuntimeError(f"column audit_event.{col} not found in its schema text")
    version = conn.execute(text("PRAGMA schema_version")).scalar_one()
    conn.execute(text("PRAGMA writable_schema = ON"))
    try:
        conn.execute(
            text("UPDATE sqlite_master SET sql = :s WHERE type = 'table' AND name = 'audit_event'"),
            {"s": new},
        )
        conn.execute(text(f"PRAGMA schema_version = {int(version) + 1}"))
    finally:
        conn.execute(text("PRAGMA writable_schema = OFF"))
    conn.execute(text("REINDEX ix_audit_event_child_uuid"))


def upgrade() -> None:
    conn = op.get_bind()
    _audit(conn, _TO, blob=True)
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
    _audit(conn, _FROM, blob=False)
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
