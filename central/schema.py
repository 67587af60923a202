"""Opening central's database: engine settings, the schema version, upgrades.

Central's schema is made with `create_all` and numbered in `central_schema`:
- 1: the stdlib server's (no version row);
- 2 (issue 14): enrolment requests and codes, district offices, the admin log, request
  nonces, record owners and the relational projection;
- 3 (issue 17): the officials' accounts, sessions and log, when each CCI was last heard
  from, what the district did to a flag, and the review queue indexes;
- 4 (issue 19): the CPMIS returns projected (`view_cpmis_return`);
- 5 (issue 17's benchmark): the indexes a page of a review queue is read from in order;
- 6 (issue 20): institutions' transfer keys and the relay of transfer packets;
- 7 (issue 20): the cross-home identity tables;
- 8 (issue 20): the children merged away by merges within a home (`view_child_merged`);
- 9 (issue 20): officers' decisions on pairs exchanged with the district offices: where
  each decision was made (`identity_decision.origin`) and every decision kept
  (`identity_decision_log`);
- 10 (issue 20): transfers between states: peer centrals, their CCIs, the forwarding queue.
Opening an older database upgrades it in place, one step per version (`_vN_to_vN+1`;
version 1 also has its projection filled from the merged records and any plain Aadhaar
number dropped). A database from a newer central is refused.
Alembic was not worth it for one small step; if central's schema grows more steps, it is.

SQLite: WAL, synchronous=FULL, and every writing transaction (`writer`) starts with
BEGIN IMMEDIATE, so one writer at a time across all worker processes holds the database
(the per-institution order guard on SQLite); on PostgreSQL the guard is a row lock
(`SELECT ... FOR UPDATE`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    case,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from central.identity_tables import (  # (registers them)
    ADMITTED_INDEX,
    IDENTITY_TABLES,
    IdentityDecisionLog,
    stamp,
)
from central.models import CentralBase, Enrolment, MergedRecord, ReceivedBundle, SchemaVersion
from central.officials import WebSecret  # (registers the officials' tables)
from central.projection import (  # (also registers the view_* tables)
    OPEN_STATUSES,
    SEVERITY_RANK,
    Change,
    Tagger,
    merged_into,
    project,
    reproject,
    view_child,
    view_flag,
)

SCHEMA = 10
BUSY_MS = 30_000
IMMEDIATE = "clms_immediate"


class SchemaError(Exception):
    """The database cannot be used by this version of central."""


def open_engine(
    url: str,
    *,
    pool_size: int = 5,
    creator: Callable[[], Any] | None = None,
    module: Any = None,
) -> Engine:
    """An engine for central's database (SQLite file by default), schema made or upgraded.

    `creator` and `module` (SQLite only) give the DB-API connections another way, e.g. a
    district office's view, which is an encrypted SQLCipher file opened with its data key.
    """
    if url.startswith("sqlite"):
        extra: dict[str, Any] = {}
        if creator is not None:
            extra = {"creator": creator, "module": module}
        engine = create_engine(url, **extra)

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


_V3_COLUMNS = {
    "central_institution": ["last_received_at TIMESTAMP"],
    "view_flag": [
        "district_action VARCHAR(14)",
        "district_action_on DATE",
        "is_open BOOLEAN",
        "severity_rank INTEGER",
    ],
}
_V3_INDEXES = (
    "ix_view_flag_state_queue",
    "ix_view_flag_district_queue",
    "ix_view_child_institution",
)


def _v2_to_v3(conn: Connection) -> None:
    """Upgrade schema 2 to 3 in place: new columns, the queue indexes, last-heard times.
    (Tables not there yet are made whole by `create_all` afterwards.)"""
    tables = set(inspect(conn).get_table_names())
    for table, cols in _V3_COLUMNS.items():
        if table not in tables:
            continue
        have = {c["name"] for c in inspect(conn).get_columns(table)}
        for col in cols:
            if col.split()[0] not in have:
                kind = col.split()[1]
                if kind == "TIMESTAMP" and conn.dialect.name == "postgresql":
                    col = col.replace("TIMESTAMP", "TIMESTAMP WITH TIME ZONE")
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {col}"))
    if "view_flag" in tables:
        f = view_flag.c
        conn.execute(
            update(view_flag).values(
                is_open=f.status.in_(sorted(OPEN_STATUSES)),
                severity_rank=case(SEVERITY_RANK, value=f.severity, else_=9),
            )
        )
    for view in (view_flag, view_child):
        if view.name not in tables:
            continue
        for index in view.indexes:
            if index.name in _V3_INDEXES:
                index.create(conn, checkfirst=True)


def _v5_to_v6(conn: Connection) -> None:
    """Upgrade schema 5 to 6 in place: the institutions' transfer keys (the packets' relay
    table is made whole by `create_all` afterwards)."""
    if "central_institution" not in set(inspect(conn).get_table_names()):
        return
    have = {c["name"] for c in inspect(conn).get_columns("central_institution")}
    if "enc_key" not in have:
        conn.execute(text("ALTER TABLE central_institution ADD COLUMN enc_key VARCHAR(64)"))


def _v6_to_v7(conn: Connection) -> None:
    """Upgrade schema 6 to 7 in place (issue 20): the cross-home identity tables (keys,
    blocks, officers' decisions, links, absconded alerts), filled on first use."""
    for table in IDENTITY_TABLES:
        table.create(conn, checkfirst=True)
    if "view_child" in set(inspect(conn).get_table_names()):
        ADMITTED_INDEX.create(conn, checkfirst=True)
    last = (
        select(func.max(ReceivedBundle.received_at))
        .where(ReceivedBundle.institution_uuid == Enrolment.uuid)
        .scalar_subquery()
    )
    conn.execute(update(Enrolment).values(last_received_at=last))


def _v3_to_v4(engine: Engine) -> None:
    """Upgrade schema 3 to 4: the CPMIS returns already merged fill their new table
    (`create_all` made it)."""
    with Session(writer(engine)) as s, s.begin():
        reproject(s, types=["cpmis_return"])


_V5_INDEXES = ("ix_view_flag_state_order", "ix_view_flag_district_order")


def _v4_to_v5(conn: Connection) -> None:
    """Upgrade schema 4 to 5 in place: the queues' order indexes."""
    if "view_flag" not in set(inspect(conn).get_table_names()):
        return
    for index in view_flag.indexes:
        if index.name in _V5_INDEXES:
            index.create(conn, checkfirst=True)


def _v7_to_v8(conn: Connection) -> None:
    """Upgrade schema 7 to 8 in place (issue 20, merges within a home): `view_child_merged`
    is made by `create_all`; a merged-away child that an older central projected into
    view_child moves there."""
    q = (
        select(
            MergedRecord.record_uuid,
            MergedRecord.data,
            MergedRecord.owner_uuid,
            MergedRecord.institution_uuid,
            MergedRecord.bundle_id,
        )
        .where(MergedRecord.type == "child", MergedRecord.deleted.is_(False))
        .execution_options(yield_per=2000)
    )
    found = [
        Change("child", r.record_uuid, r.data, r.owner_uuid or r.institution_uuid, r.bundle_id)
        for r in conn.execute(q)
        if merged_into("child", r.data) is not None
    ]
    if found:
        with Session(bind=conn) as s:
            project(s, found, Tagger(s))


def _v8_to_v9(conn: Connection) -> None:
    """Upgrade schema 8 to 9 in place (issue 20, decisions exchanged with the district
    offices): `identity_decision_log` is made by `create_all`; the decisions already taken
    get their origin (central's own, or a district view's: "central" until known) and one
    log line each."""
    columns = {c["name"] for c in inspect(conn).get_columns("identity_decision")}
    if "origin" not in columns:
        conn.execute(text("ALTER TABLE identity_decision ADD COLUMN origin VARCHAR(40)"))
    conn.execute(text("UPDATE identity_decision SET origin = 'central' WHERE origin IS NULL"))
    rows = conn.execute(
        text(
            "SELECT uuid_a, uuid_b, decision, decided_by, decided_at, score, district_code, "
            "note FROM identity_decision"
        )
    ).all()
    if rows:
        conn.execute(
            insert(IdentityDecisionLog),
            [
                {
                    "uuid_a": r[0],
                    "uuid_b": r[1],
                    "decision": r[2],
                    "decided_by": r[3],
                    "at": stamp(r[4]),
                    "origin": "central",
                    "outcome": "applied",
                    "score": r[5],
                    "reasons": [],
                    "district_code": r[6],
                    "note": r[7],
                }
                for r in rows
            ],
        )


def _v9_to_v10(conn: Connection) -> None:
    """Upgrade schema 9 to 10 in place (issue 20, transfers between states): which peer
    state a relayed packet goes to or comes from (the peer tables are made whole by
    `create_all` afterwards)."""
    if "central_transfer" not in set(inspect(conn).get_table_names()):
        return
    have = {c["name"] for c in inspect(conn).get_columns("central_transfer")}
    for col in ("to_peer_state", "from_peer_state"):
        if col not in have:
            conn.execute(text(f"ALTER TABLE central_transfer ADD COLUMN {col} INTEGER"))


def ensure_schema(engine: Engine) -> int:
    """Create or upgrade the tables; returns the version found before (0: new database)."""
    with writer(engine).begin() as conn:
        tables = set(inspect(conn).get_table_names())
        if "central_institution" in tables and "central_schema" not in tables:
            found = 1
            _v1_to_v2(conn)
            _v2_to_v3(conn)
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
        if found == 2:
            _v2_to_v3(conn)
        if 1 <= found <= 4:
            _v4_to_v5(conn)
        if 1 <= found <= 5:
            _v5_to_v6(conn)
        if 1 <= found <= 6:
            _v6_to_v7(conn)
        if 1 <= found <= 9:  # (columns on an existing table: before create_all)
            _v9_to_v10(conn)
        CentralBase.metadata.create_all(conn)
        if 1 <= found <= 7:
            _v7_to_v8(conn)
        if 1 <= found <= 8:
            _v8_to_v9(conn)
        if conn.execute(select(WebSecret.name)).first() is None:
            # Made once, before the workers start: all of them sign with the same key.
            conn.execute(insert(WebSecret).values(name="csrf", value=secrets.token_hex(32)))
        if found < SCHEMA:
            conn.execute(delete(SchemaVersion))
            conn.execute(insert(SchemaVersion).values(name="central", version=SCHEMA))
    if found == 1:
        with Session(writer(engine)) as s, s.begin():
            reproject(s)
    elif found in (2, 3):
        _v3_to_v4(engine)
    return found
