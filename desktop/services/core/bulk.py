"""Bulk writes that keep the write-path promises (versions, change sequence) at speed."""

from __future__ import annotations

import json
import uuid as uuid_mod
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from desktop.models.base import HashBlob, UtcMicros, UuidBlob, UuidTextBlob, time_to_db, uuid_to_db

_SQLITE = sqlite_dialect()


def sqlite_value(v: Any, type_: TypeEngine[Any] | None = None) -> Any:
    """A Python value in the form the column's type stores it on SQLite.

    UUIDs are 16 bytes (`UuidBlob`: every UUID column); a datetime is integer microseconds
    for a `UtcMicros` column (the synced records' created_at / updated_at; also without
    `type_`) and SQLAlchemy's naive UTC text for a plain `DateTime` column; the audit
    chain's digests and child UUIDs their bytes (`HashBlob`, `UuidTextBlob`).
    """
    if isinstance(type_, UuidBlob | UtcMicros | HashBlob | UuidTextBlob):
        return type_.process_bind_param(v, _SQLITE)  # also a UUID given as text
    if isinstance(v, uuid_mod.UUID):
        return uuid_to_db(v)
    if isinstance(v, datetime):
        if type_ is None or isinstance(type_, UtcMicros):
            return time_to_db(v)
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")  # DateTime: naive UTC text
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, list | dict):
        return json.dumps(v)
    return v


def _dbapi(session: Session) -> Any:
    dbapi = session.connection().connection.driver_connection
    assert dbapi is not None
    return dbapi


def raw_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """executemany on the DB-API cursor, values in SQLAlchemy's storage formats.

    SQLAlchemy's per-value processing was 70% of bulk insert time; the values written
    here read back through the ORM exactly as ORM-written ones (tested).
    """
    if not rows:
        return
    cols = list(rows[0])
    sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    types = [table.c[c].type for c in cols]
    _dbapi(session).executemany(
        sql, [tuple(sqlite_value(r[c], t) for c, t in zip(cols, types, strict=True)) for r in rows]
    )


def raw_update(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """UPDATE ... WHERE id = ? for each row (all rows set the same columns)."""
    if not rows:
        return
    cols = [c for c in rows[0] if c != "id"]
    sql = f"UPDATE {table.name} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?"
    types = [table.c[c].type for c in cols]
    _dbapi(session).executemany(
        sql,
        [
            (*(sqlite_value(r[c], t) for c, t in zip(cols, types, strict=True)), r["id"])
            for r in rows
        ],
    )


def take_seqs(session: Session, n: int) -> int:
    """Reserve `n` change-sequence numbers; returns the first."""
    last = (
        session.connection()
        .execute(
            text(
                "UPDATE sync_counter SET last_seq = last_seq + :n WHERE id = 1 RETURNING last_seq"
            ),
            {"n": n},
        )
        .scalar_one()
    )
    return int(last) - n + 1
