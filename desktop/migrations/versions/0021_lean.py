"""lean: UUIDs as 16 bytes, the synced records' times as integer microseconds (issue 22)

Revision ID: 0021_lean
Revises: 0020_merge
Create Date: 2026-12-02 14:00:00

Every synced record carried a 32-character hex UUID (again in its unique index) and two
26-character text timestamps: about 90 bytes of bookkeeping a row, on 35 of data in a
guardian visit. Now (`desktop.models.base`): a UUID is a 16-byte BLOB (`UuidBlob`: the
synced records' `uuid`, `audit_event.uuid`, `tombstone.record_uuid`) and `created_at` /
`updated_at` of the synced records are microseconds since 1970 UTC (`UtcMicros`).

Every row is converted in place (batches of ids, `unhex()` and `unixepoch()` of SQLite
3.41+; no trigger fires: the tables' update triggers name other columns), then the
columns' declared types are rewritten in the schema (`writable_schema`: the same table,
no copy, the triggers and partial indexes untouched) and the UUID indexes rebuilt
(REINDEX: every entry was replaced, at random places) so they are packed. The file does
not shrink (no VACUUM: it would need the database's size again in free disk, and cannot
run inside the upgrade's transaction); SQLite reuses the space as records are added, and
a VACUUM packs it to the lean size.
"""

import re

from alembic import op
from sqlalchemy import text

revision = "0021_lean"
down_revision = "0021_interstate"
branch_labels = None
depends_on = None

BATCH = 50_000
TRACKED = {"uuid", "version", "change_seq", "synced_version", "created_at", "updated_at"}
# Text of SQLAlchemy's SQLite DateTime ('YYYY-MM-DD HH:MM:SS.ffffff', naive UTC) to
# microseconds, exactly (julianday() is a double: it would lose microseconds).
_TO_MICROS = (
    "CASE WHEN typeof({c}) = 'text' THEN unixepoch(substr({c}, 1, 19)) * 1000000 "
    "+ coalesce(CAST(substr({c}, 21, 6) AS INTEGER), 0) ELSE {c} END"
)
_TO_BLOB = "CASE WHEN typeof({c}) = 'text' THEN unhex(replace({c}, '-', '')) ELSE {c} END"
_FROM_MICROS = (
    "CASE WHEN typeof({c}) = 'integer' THEN strftime('%Y-%m-%d %H:%M:%S', {c} / 1000000, "
    "'unixepoch') || '.' || printf('%06d', {c} % 1000000) ELSE {c} END"
)
_FROM_BLOB = "CASE WHEN typeof({c}) = 'blob' THEN lower(hex({c})) ELSE {c} END"


def _columns(conn, table: str) -> set[str]:
    return {r[1] for r in conn.execute(text(f'PRAGMA table_info("{table}")'))}


def _targets(conn) -> dict[str, tuple[list[str], list[str]]]:
    """Each table to convert: its UUID columns and its time columns."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    names = [
        r[0]
        for r in conn.execute(
            text(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'"
            )
        )
    ]
    for t in names:
        cols = _columns(conn, t)
        if TRACKED <= cols:
            out[t] = (["uuid"], ["created_at", "updated_at"])
    if "audit_event" in names:
        out["audit_event"] = (["uuid"], [])
    if "tombstone" in names:
        out["tombstone"] = (["record_uuid"], [])
    return out


def _convert(conn, table: str, sets: list[str]) -> None:
    top = conn.execute(text(f'SELECT max(id) FROM "{table}"')).scalar() or 0
    sql = f'UPDATE "{table}" SET {", ".join(sets)} WHERE id >= :a AND id < :b'
    for a in range(0, top + 1, BATCH):
        conn.execute(text(sql), {"a": a, "b": a + BATCH})


def _retype(conn, table: str, types: dict[str, str]) -> None:
    """Rewrite the declared types of columns in the table's CREATE TABLE text."""
    sql = conn.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": table}
    ).scalar_one()
    new = sql
    for col, typ in types.items():
        new, n = re.subn(
            rf"(\n\s*{col}) (CHAR\(32\)|DATETIME|BLOB|BIGINT)( NOT NULL)?", rf"\1 {typ}\3", new
        )
        if n != 1:
            raise RuntimeError(f"column {table}.{col} not found in its schema text")
    if new != sql:
        conn.execute(
            text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = :t"),
            {"sql": new, "t": table},
        )


def _uuid_indexes(conn, table: str, uuids: list[str]) -> list[str]:
    """The indexes of the table on one of its UUID columns alone."""
    out = []
    for row in conn.execute(text(f'PRAGMA index_list("{table}")')).fetchall():
        cols = [r[2] for r in conn.execute(text(f'PRAGMA index_info("{row[1]}")'))]
        if len(cols) == 1 and cols[0] in uuids:
            out.append(row[1])
    return out


def _reindex(conn, targets: dict[str, tuple[list[str], list[str]]]) -> None:
    # Only the UUID indexes: their entries were all replaced, in random order.
    for table, (uuids, _) in targets.items():
        for name in _uuid_indexes(conn, table, uuids):
            conn.execute(text(f'REINDEX "{name}"'))


def _schema_edit(conn, retypes: dict[str, dict[str, str]]) -> None:
    version = conn.execute(text("PRAGMA schema_version")).scalar_one()
    conn.execute(text("PRAGMA writable_schema = ON"))
    try:
        for table, types in retypes.items():
            _retype(conn, table, types)
        conn.execute(text(f"PRAGMA schema_version = {int(version) + 1}"))
    finally:
        conn.execute(text("PRAGMA writable_schema = OFF"))


# The conversion replaces every entry of every UUID index at random places: with the
# app's 32 MB page cache most of them read a page from disk (cache_size, desktop.db).
MIGRATION_CACHE_KB = 256_000


def _big_cache(conn):
    before = conn.execute(text("PRAGMA cache_size")).scalar_one()
    conn.execute(text(f"PRAGMA cache_size = -{MIGRATION_CACHE_KB}"))
    return before


def upgrade() -> None:
    conn = op.get_bind()
    cache = _big_cache(conn)
    try:
        _upgrade(conn)
    finally:
        conn.execute(text(f"PRAGMA cache_size = {int(cache)}"))


def _upgrade(conn) -> None:
    targets = _targets(conn)
    for table, (uuids, times) in targets.items():
        sets = [f"{c} = {_TO_BLOB.format(c=c)}" for c in uuids]
        sets += [f"{c} = {_TO_MICROS.format(c=c)}" for c in times]
        _convert(conn, table, sets)
    _schema_edit(
        conn,
        {
            t: {**dict.fromkeys(uuids, "BLOB"), **dict.fromkeys(times, "BIGINT")}
            for t, (uuids, times) in targets.items()
        },
    )
    _reindex(conn, targets)


def downgrade() -> None:
    conn = op.get_bind()
    cache = _big_cache(conn)
    try:
        _downgrade(conn)
    finally:
        conn.execute(text(f"PRAGMA cache_size = {int(cache)}"))


def _downgrade(conn) -> None:
    targets = _targets(conn)
    for table, (uuids, times) in targets.items():
        sets = [f"{c} = {_FROM_BLOB.format(c=c)}" for c in uuids]
        sets += [f"{c} = {_FROM_MICROS.format(c=c)}" for c in times]
        _convert(conn, table, sets)
    _schema_edit(
        conn,
        {
            t: {**dict.fromkeys(uuids, "CHAR(32)"), **dict.fromkeys(times, "DATETIME")}
            for t, (uuids, times) in targets.items()
        },
    )
    _reindex(conn, targets)
