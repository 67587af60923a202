"""Keeping the FTS5 index `child_search` in step with children and guardians."""

from __future__ import annotations

from collections.abc import Iterable

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


def refresh(conn: Connection, child_ids: Iterable[int]) -> None:
    """Rewrite the search rows of these children (deleted children just leave)."""
    import json

    ids = sorted(set(child_ids))
    if not ids:
        return
    payload = json.dumps(ids)
    conn.execute(
        text("DELETE FROM child_search WHERE rowid IN (SELECT value FROM json_each(:ids))"),
        {"ids": payload},
    )
    rows = [
        {"rowid": r[0], **search_row(r[1], r[2], r[3], r[4], r[5])}
        for r in conn.execute(_SELECT, {"ids": payload})
    ]
    if rows:
        conn.execute(
            text(
                "INSERT INTO child_search (rowid, code, names, guardians, keys) "
                "VALUES (:rowid, :code, :names, :guardians, :keys)"
            ),
            rows,
        )
