"""Opening central's database: engine settings, the schema version, upgrades.

Central's schema is made with `create_all` and numbered in `central_schema`: version 1
was the stdlib server's (no version row); version 2 (issue 14) adds enrolment requests
and codes, district offices, the admin log, request nonces, record owners and the
relational projection. Opening a version-1 database upgrades it in place (a few added
columns, the transient upload tables made anew, the projection filled from the merged
records, any plain Aadhaar number dropped). A database from a newer central is refused.
Alembic was not worth it for one small step; if central's schema grows more steps, it is.

SQLite: WAL, synchronous=FULL, and every writing transaction (`writer`) starts with
BEGIN IMMEDIATE, so one writer at a time across all worker processes holds the database
(the per-institution order guard on SQLite); on PostgreSQL the guard is a row lock
(`SELECT ... FOR UPDATE`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, delete, event, insert, inspect, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from central.models import CentralBase, MergedRecord, SchemaVersion
from central.projection import reproject  # (also registers the view_* tables)

SCHEMA = 2
BUSY_MS = 30_000
IMMEDIATE = "clms_immediate"


class SchemaError(Exception):
    """The database cannot be used by this version of central."""


def open_engine(url: str, *, pool_size: int = 5) -> Engine:
    """An engine for central's database (SQLite file by default), schema made or upgraded."""
    if url.startswith("sqlite"):
        engine = create_engine(url)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _rec: Any) -> None:
            dbapi_conn.isolation_level = None  # BEGIN is sent below, not by the driver
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA secure_delete=ON")  # removed data (a dropped number) zeroed
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            immediate = conn.get_execution_options().get(IMMEDIATE)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=10)
    ensure_schema(engine)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine for a transaction that writes: on SQLite it begins IMMEDIATE (takes
    the write lock at once, so two writers never deadlock on an upgrade); reads stay
    deferred and do not block each other."""
    return engine.execution_options(**{IMMEDIATE: True})


def _v1_to_v2(conn: Connection) -> None:
    """Upgrade the stdlib server's tables (schema 1) to schema 2 in place."""
    tables = set(inspect(conn).get_table_names())
    for t in ("central_upload_chunk", "central_upload"):  # transient: made anew
        if t in tables:
            conn.execute(text(f"DROP TABLE {t}"))
    added = {
        "central_record": ["owner_uuid VARCHAR(36)"],
        "central_institution": ["how VARCHAR(20)", "enrolled_by VARCHAR(100)"],
        "central_bundle": ["sender VARCHAR(40)"],
    }
    for table, cols in added.items():
        have = {c["name"] for c in inspect(conn).get_columns(table)}
        for col in cols:
            if col.split()[0] not in have:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {col}"))
    conn.execute(update(MergedRecord).values(owner_uuid=MergedRecord.institution_uuid))


def ensure_schema(engine: Engine) -> int:
    """Create or upgrade the tables; returns the version found before (0: new database)."""
    with writer(engine).begin() as conn:
        tables = set(inspect(conn).get_table_names())
        if "central_institution" in tables and "central_schema" not in tables:
            found = 1
            _v1_to_v2(conn)
        elif "central_schema" in tables:
            row = conn.execute(
                select(SchemaVersion.version).where(SchemaVersion.name == "central")
            ).scalar()
            found = int(row or 0)
        else:
            found = 0
        if found > SCHEMA:
            raise SchemaError(
                f"this database has central schema {found}, newer than this program ({SCHEMA})"
            )
        CentralBase.metadata.create_all(conn)
        if found < SCHEMA:
            conn.execute(delete(SchemaVersion))
            conn.execute(insert(SchemaVersion).values(name="central", version=SCHEMA))
    if found == 1:
        with Session(writer(engine)) as s, s.begin():
            reproject(s)
    return found
