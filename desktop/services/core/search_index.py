"""Keeping the FTS5 index `child_search` and the duplicate check's name keys
(`child_find_key`) in step with children and guardians."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, text

from desktop.services.core.names import name_key

_SELECT = text(
    """
    SELECT c.id, c.code, c.first_name, c.last_name, c.name_local,
           (SELECT group_concat(coalesce(g.name, '') || ' ' || coalesce(g.name_local, ''), ' ')
              FROM guardian g WHERE g.child_id = c.id)
      FROM child c WHERE c.id IN (SELECT value FROM json_each(:ids))
    """
)
# Devanagari vowel signs, virama, nukta and the nasal marks: unicode61 counts them as
# separators, which cut "मिश्रा" into the one-letter tokens म श र (every name has them:
# slow to match and matching too much); as token characters a word stays one token.
_DEVANAGARI_MARKS = "".join(
    chr(c) for c in [*range(0x900, 0x904), *range(0x93A, 0x950), *range(0x951, 0x958), 0x962, 0x963]
)
# Contentless (migration 0023_lean_history): the index keeps no copy of the text, only
# what MATCH needs; a search reads rowids and bm25, and takes the names from child and
# guardian. contentless_delete=1 (SQLite 3.43+) lets a child's row be deleted by rowid.
SEARCH_TABLE_WITH_CONTENT = (
    "CREATE VIRTUAL TABLE child_search USING fts5(code, names, guardians, keys, "
    f"tokenize=\"unicode61 remove_diacritics 2 tokenchars '{_DEVANAGARI_MARKS}'\", "
    "prefix='2 3')"
)
SEARCH_TABLE = SEARCH_TABLE_WITH_CONTENT[:-1] + ", content='', contentless_delete=1)"
# What the migration reads to rebuild child_search (the same columns as _SELECT).
SEARCH_SOURCE = (
    "SELECT c.id, c.code, c.first_name, c.last_name, c.name_local, "
    "(SELECT group_concat(coalesce(g.name, '') || ' ' || coalesce(g.name_local, ''), ' ') "
    "FROM guardian g WHERE g.child_id = c.id) FROM child c"
)
_INSERT_SEARCH = text(
    "INSERT INTO child_search (rowid, code, names, guardians, keys) "
    "VALUES (:rowid, :code, :names, :guardians, :keys)"
)
_KEYS_OF = text(
    """
    SELECT c.id, c.gender, c.dob, c.dob_estimated, c.first_name, c.last_name, c.name_local,
           (SELECT group_concat(coalesce(g.name, '') || '|' || coalesce(g.name_local, ''), '|')
              FROM guardian g WHERE g.child_id = c.id)
      FROM child c WHERE c.id IN (SELECT value FROM json_each(:ids))
    """
)
# The duplicate check's blocks: one row per child and phonetic key of the given name
# ("f:priya") and of the surname ("s:kumar"), for the Latin and the Devanagari name where
# they key apart; the primary key (key, gender, dob_day) reads one name's children of one
# gender born in a window from the index alone, with what the check scores them on: the
# full name key, whether the birth date is estimated and (on given-name rows) the name
# keys of the guardians, "|"-separated.
FIND_KEY_TABLE = (
    "CREATE TABLE child_find_key (key TEXT NOT NULL, gender TEXT NOT NULL, "
    "dob_day INTEGER NOT NULL, child_id INTEGER NOT NULL, name_key TEXT NOT NULL, "
    "dob_estimated INTEGER NOT NULL DEFAULT 0, guardian_keys TEXT NOT NULL DEFAULT '', "
    "PRIMARY KEY (key, gender, dob_day, child_id)) WITHOUT ROWID"
)
FIND_KEY_INDEX = "CREATE INDEX ix_child_find_key_child ON child_find_key (child_id)"
# What the migration reads to fill the table (the same columns as _KEYS_OF).
FIND_KEY_SOURCE = (
    "SELECT c.id, c.gender, c.dob, c.dob_estimated, c.first_name, c.last_name, c.name_local, "
    "(SELECT group_concat(coalesce(g.name, '') || '|' || coalesce(g.name_local, ''), '|') "
    "FROM guardian g WHERE g.child_id = c.id) FROM child c"
)
_INSERT_KEYS = text(
    "INSERT OR IGNORE INTO child_find_key "
    "(key, gender, dob_day, child_id, name_key, dob_estimated, guardian_keys) "
    "VALUES (:key, :gender, :dob_day, :child_id, :name_key, :dob_estimated, :guardian_keys)"
)


def day_number(d: date | str) -> int:
    """A date as an integer day (proleptic Gregorian ordinal), as child_find_key keeps it."""
    return (d if isinstance(d, date) else date.fromisoformat(str(d)[:10])).toordinal()


def guardian_keys(names: str | None) -> str:
    """The name keys of guardians' names ("|"-separated names in, "|"-separated keys out)."""
    keys = dict.fromkeys(k for k in (name_key(n) for n in (names or "").split("|")) if k)
    return "|".join(keys)


def find_key_rows(
    child_id: int,
    gender: str,
    dob: date | str,
    dob_estimated: bool | int | None,
    first: str | None,
    last: str | None,
    local: str | None,
    guardians: str | None = None,
) -> list[dict[str, object]]:
    """The child_find_key rows of one child (`guardians`: their names, "|"-separated)."""
    day = day_number(dob)
    gkeys = guardian_keys(guardians)
    rows: dict[str, dict[str, object]] = {}
    for full in (name_key(first, last), name_key(local)):
        words = full.split()
        if not words:
            continue
        blocks = [f"f:{words[0]}"] + ([f"s:{words[-1]}"] if len(words) > 1 else [])
        for b in blocks:
            row = {
                "key": b,
                "gender": gender,
                "dob_day": day,
                "child_id": child_id,
                "name_key": full,
                "dob_estimated": int(bool(dob_estimated)),
                "guardian_keys": gkeys if b[0] == "f" else "",
            }
            rows.setdefault(b, row)
    return list(rows.values())


def search_row(
    code: str, first: str, last: str | None, local: str | None, guardians: str | None
) -> dict[str, object]:
    """The FTS row of a child: code (with and without dashes), names, guardians, keys."""
    names = " ".join(p for p in (first, last, local) if p)
    g = guardians or ""
    return {
        "code": f"{code} {code.replace('-', '')}",
        "names": names,
        "guardians": g,
        "keys": f"{name_key(first, last, local)} {name_key(g)}",
    }


def insert_find_keys(conn: Connection, rows: list[dict[str, object]]) -> None:
    """Add child_find_key rows (new children; see find_key_rows)."""
    if rows:
        conn.execute(_INSERT_KEYS, rows)


def refresh(conn: Connection, child_ids: Iterable[int]) -> None:
    """Rewrite the search rows and name keys of these children (deleted children just
    leave)."""
    import json

    ids = sorted(set(child_ids))
    if not ids:
        return
    payload = json.dumps(ids)
    conn.execute(
        text("DELETE FROM child_search WHERE rowid IN (SELECT value FROM json_each(:ids))"),
        {"ids": payload},
    )
    conn.execute(
        text("DELETE FROM child_find_key WHERE child_id IN (SELECT value FROM json_each(:ids))"),
        {"ids": payload},
    )
    keys = [k for r in conn.execute(_KEYS_OF, {"ids": payload}) for k in find_key_rows(*r)]
    insert_find_keys(conn, keys)
    rows = [
        {"rowid": r[0], **search_row(r[1], r[2], r[3], r[4], r[5])}
        for r in conn.execute(_SELECT, {"ids": payload})
    ]
    if rows:
        conn.execute(_INSERT_SEARCH, rows)


def insert_search_rows(conn: Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    """Add child_search rows from SEARCH_SOURCE rows (id, code, first, last, local,
    guardians)."""
    params = [{"rowid": r[0], **search_row(r[1], r[2], r[3], r[4], r[5])} for r in rows]
    if params:
        conn.execute(_INSERT_SEARCH, params)
