"""The rules runs' writes to the flag table, past the ORM and at speed (issue 22).

A first run over 250,000 children raises some 730,000 flags: each is one tuple of plain
values made from (child, rule, due day), the rule's constants and the run's own (one
timestamp, one policy version), inserted in chunks. The flags' UUIDs are a random
128-bit start and consecutive numbers after it: as unique as random ones across
installs, drawn once, and the unique index on them grows at its end instead of at
random places. Flags that change (a few a day) are updated row by row.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import Any

from desktop.models import utcnow
from desktop.services.core.bulk import sqlite_value

CHUNK = 20_000
# From this many new flags, and at least as many as the table holds (a first run), the
# flag table's indexes are dropped for the insert and made again after it: building an
# index by sorting once is twice as fast as growing it row by row at random places.
REBUILD_FROM = 20_000
INSERT_COLUMNS = (
    "uuid",
    "child_id",
    "rule_id",
    "policy_version",
    "severity",
    "raised_on",
    "due_on",
    "status",
    "escalation_level",
    "version",
    "synced_version",
    "created_at",
    "updated_at",
    "change_seq",
    "manual_level",
)
_INSERT = (
    f"INSERT INTO flag ({', '.join(INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(INSERT_COLUMNS))})"
)
_MASK = (1 << 128) - 1


class NewFlags:
    """Flags to raise as parallel arrays (child, rule index, due day, level): 14 bytes
    each instead of a tuple of four ints (~130), for the 730,000 of a first run."""

    def __init__(self, rows: Iterable[tuple[int, int, int, int]] = ()) -> None:
        self.child = array("q")
        self.rule = array("b")
        self.due = array("i")
        self.level = array("b")
        for row in rows:
            self.append(*row)

    def append(self, child: int, rule: int, due: int, level: int) -> None:
        """Add one flag to raise."""
        self.child.append(child)
        self.rule.append(rule)
        self.due.append(due)
        self.level.append(level)

    def __len__(self) -> int:
        return len(self.child)

    def __iter__(self) -> Iterator[tuple[int, int, int, int]]:
        return zip(self.child, self.rule, self.due, self.level, strict=True)

    def __getitem__(self, k: int) -> tuple[int, int, int, int]:
        return self.child[k], self.rule[k], self.due[k], self.level[k]


class _Iso(dict[int, str]):
    """Day numbers as ISO text, each made once."""

    def __missing__(self, day: int) -> str:
        text = date.fromordinal(day).isoformat()
        self[day] = text
        return text


def first_uuid() -> int:
    """A random 128-bit number: the first of a run's consecutive flag UUIDs."""
    return int.from_bytes(os.urandom(16), "big")


def insert_flags(
    dbapi: Any,
    new: NewFlags,
    *,
    rules: Sequence[tuple[str, str]],
    policy_version: str,
    as_of: date,
    first_seq: int,
) -> None:
    """Insert one flag for each (child, rule index, due day, escalation level) in `new`.

    `rules[i]` is rule i's (id, severity); flag k takes change sequence `first_seq + k`.
    """
    if not new:
        return
    now = sqlite_value(utcnow())
    raised = as_of.isoformat()
    iso = _Iso()
    base = first_uuid()

    def rows() -> Iterator[tuple[Any, ...]]:
        for k, (cid, i, due, level) in enumerate(new):
            rid, severity = rules[i]
            yield (
                ((base + k) & _MASK).to_bytes(16, "big"),
                cid,
                rid,
                policy_version,
                severity,
                raised,
                iso[due],
                "escalated" if level > 0 else "open",
                level,
                1,
                0,
                now,
                now,
                first_seq + k,
                0,
            )

    rebuild: list[tuple[str, str]] = []
    if (
        len(new) >= REBUILD_FROM
        and len(new) >= dbapi.execute("SELECT count(*) FROM flag").fetchone()[0]
    ):
        # The indexes as they are (their own SQL): made again exactly, in this transaction.
        rebuild = dbapi.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'flag' "
            "AND sql IS NOT NULL ORDER BY name"
        ).fetchall()
        for name, _ in rebuild:
            dbapi.execute(f'DROP INDEX "{name}"')
    it = rows()
    while chunk := list(islice(it, CHUNK)):
        dbapi.executemany(_INSERT, chunk)
    for _, sql in rebuild:
        dbapi.execute(sql)


def update_flags(dbapi: Any, rows: list[dict[str, Any]], *, first_seq: int) -> int:
    """UPDATE each flag by id (each row a dict of columns, all rows the same columns);
    each takes the next change sequence number. Returns the next free number."""
    if not rows:
        return first_seq
    now = sqlite_value(utcnow())
    cols = [c for c in rows[0] if c != "id"]
    sql = (
        f"UPDATE flag SET {', '.join(f'{c} = ?' for c in cols)}, change_seq = ?, "
        "updated_at = ? WHERE id = ?"
    )
    dbapi.executemany(
        sql,
        [
            (*(sqlite_value(r[c]) for c in cols), first_seq + k, now, r["id"])
            for k, r in enumerate(rows)
        ],
    )
    return first_seq + len(rows)
