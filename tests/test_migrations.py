"""Schema migrations: explicit, tested against real files of released schemas, backed up."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid as uuid_mod
from datetime import date
from pathlib import Path

import sqlite_utils
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.db import (
    DB_FILENAME,
    backup_database,
    connect_raw,
    current_revision,
    encrypt_existing,
    head_revision,
    include_name,
    make_engine,
    open_database,
    unlock_data,
    upgrade,
)
from desktop.models import Base, Tombstone
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.find.search import search_children

RELEASED = sorted((Path(__file__).parent / "data").glob("schema-*.sqlite3"))


def test_migrated_schema_matches_the_models(engine):
    """Running the migrations gives exactly the schema the models describe (no drift)."""
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_name": include_name})
        assert compare_metadata(ctx, Base.metadata) == []


def test_pragmas_for_power_cuts(engine):
    """Every connection runs in WAL mode with synchronous=FULL and foreign keys on."""
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_released_schema_files_upgrade_and_keep_their_data(tmp_path):
    """Each kept database file of a released schema opens, upgrades to head and keeps its data."""
    assert RELEASED, "keep a database file of every released schema in tests/data"
    for released in RELEASED:
        d = tmp_path / released.stem
        d.mkdir()
        shutil.copy(released, d / DB_FILENAME)
        # The released file is plain SQLite: it is encrypted when first opened.
        before = (
            sqlite3.connect(d / DB_FILENAME).execute("SELECT count(*) FROM child").fetchone()[0]
        )
        engine = open_database(d)
        assert current_revision(engine) == head_revision()
        with unit_of_work(engine, Actor("t")) as s:
            assert s.execute(text("SELECT count(*) FROM child")).scalar() == before
            name = s.execute(text("SELECT first_name FROM child LIMIT 1")).scalar()
            assert search_children(s, name)
        engine.dispose()


def test_released_schema_files_keep_every_row_of_every_table(tmp_path):
    """After upgrading, every table the old file had still holds the same number of rows."""
    for released in RELEASED:
        d = tmp_path / released.stem
        d.mkdir()
        shutil.copy(released, d / DB_FILENAME)
        old = sqlite_utils.Database(d / DB_FILENAME)
        # (not the search index, nor the document history: 0023 keeps only past statuses)
        before = {
            t.name: t.count
            for t in old.tables
            if not t.name.startswith("child_search") and t.name != "document_status_history"
        }
        old.conn.close()
        assert before["child"] > 0 and before["audit_event"] > 0
        open_database(d).dispose()
        new = sqlite_utils.Database(connect_raw(d / DB_FILENAME))
        after = {name: new[name].count for name in before if name != "alembic_version"}
        assert after == {k: v for k, v in before.items() if k != "alembic_version"}
        assert len(new.table_names()) > len(before)  # the later migrations' tables
        new.conn.close()


def test_older_schema_is_backed_up_before_upgrade(tmp_path):
    """A database of an older schema is copied under backups/ before it is upgraded."""
    d = tmp_path / "old"
    d.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "schema-0001.sqlite3", d / DB_FILENAME)
    encrypt_existing(d, unlock_data(d))
    engine = make_engine(d / DB_FILENAME)
    assert current_revision(engine) == "0001" != head_revision()
    backup = upgrade(engine, d / DB_FILENAME)
    assert backup is not None and backup.parent == d / "backups"
    kept = connect_raw(backup)
    assert kept.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert kept.execute("SELECT count(*) FROM child").fetchone() == (30,)
    assert current_revision(engine) == head_revision()
    assert upgrade(engine, d / DB_FILENAME) is None  # up to date: no second copy


def test_aadhaar_unique_in_the_database(inst_engine, actor):
    """The database itself refuses a second child with the same Aadhaar, whatever the caller."""
    from datetime import date

    import pytest
    from sqlalchemy.exc import IntegrityError

    from desktop.models import Child
    from desktop.services.core.audit import audited

    def child(code: str) -> Child:
        return Child(
            institution_id=1,
            code=code,
            first_name="Guddi",
            gender="female",
            dob=date(2015, 1, 1),
            admission_date=date(2025, 1, 1),
            referral="other",
            aadhaar="234123412346",
        )

    with pytest.raises(IntegrityError), unit_of_work(inst_engine, actor) as s:
        with audited(s, "register_child"):  # a declared action (see permissions)
            s.add_all([child("A"), child("B")])


def test_backup_is_consistent_including_the_wal(inst_engine, data_dir):
    """A backup holds committed rows that still sit in the write-ahead log."""
    with unit_of_work(inst_engine, Actor("t")) as s:
        s.execute(text("INSERT INTO setting (key, value) VALUES ('k', 'committed')"))
    copy = backup_database(data_dir / DB_FILENAME, label="test")
    got = connect_raw(copy).execute("SELECT value FROM setting WHERE key='k'").fetchone()
    assert got == ("committed",)


def _at_revision(path: Path, revision: str):  # type: ignore[no-untyped-def]
    """A new database file migrated only up to `revision`, plain SQLite as the releases
    before encryption at rest (0013) made it."""
    from alembic import command
    from sqlalchemy import create_engine

    from desktop.db import _alembic_config

    # plain SQLite: a file of a release before encryption at rest
    engine = create_engine(f"sqlite:///{path}")
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def _insert(con: sqlite3.Connection, table: str, **row: object) -> int:
    tracked = {
        "uuid": os.urandom(16).hex(),
        "version": 1,
        "change_seq": 0,
        "synced_version": 0,
        "created_at": "2026-01-01 00:00:00",
        "updated_at": "2026-01-01 00:00:00",
    }
    row = {**tracked, **row}
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    return int(
        con.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values())).lastrowid
    )


def test_upgrade_from_0007_gives_visits_documents_and_guardians_their_dates(tmp_path):
    """A database at 0007 with visits of every kind, a deceased guardian and documents in
    every status: after the upgrade the home visit is the social worker's follow-up, a visit
    with a guardian is theirs and a named visitor's is "other"; each document has the date
    of its status and a history; child_facts equals a fresh computation and counts only the
    guardian's visit in person."""
    from datetime import date

    from desktop.rules.policy import load_policy
    from desktop.services.flags.child_facts import load_facts

    d = tmp_path / "old"
    d.mkdir()
    db = d / DB_FILENAME
    _at_revision(db, "0007")
    con = sqlite3.connect(db)  # plain SQLite: the previous release's file
    with con:
        inst = _insert(
            con, "institution", name="Asha Kiran", registration_no="R", type="childrens-home",
            state_code=10, district_code=212, code=7, capacity_boys=0, capacity_girls=0,
            is_local=1,
        )  # fmt: skip
        child = _insert(
            con, "child", institution_id=inst, code="10-212-0007-2026-00001-0",
            first_name="Guddi", name_key="gd", gender="female", dob="2016-01-01",
            dob_estimated=0, admission_date="2026-01-05", referral="police",
            produced_before_cwc_on="2026-01-05", medical_exam_on="2026-01-05",
            category_code=9, status="in_care",
        )  # fmt: skip
        mother = _insert(
            con, "guardian", child_id=child, name="Sita", relation="mother", life_status="alive"
        )
        _insert(
            con, "guardian", child_id=child, name="Ram", relation="father", life_status="deceased"
        )
        for day, gid, mode, who in (
            ("2026-02-01", mother, "in_person", None),
            ("2026-03-01", mother, "phone", None),
            ("2026-04-01", mother, "home_visit", "social worker"),
            ("2026-05-01", None, "in_person", "Volunteer Ravi"),
        ):
            _insert(
                con, "guardian_visit", child_id=child, guardian_id=gid, visit_date=day,
                mode=mode, visitor_name=who,
            )  # fmt: skip
        for doc, status, got, ver in (
            ("photo", "verified", "2026-01-10", "2026-02-10"),
            ("sir", "obtained", "2026-01-20", None),
            ("icp", "required", None, None),
            ("age_proof", "not_applicable", None, None),
        ):
            _insert(
                con, "document_item", child_id=child, doc_type=doc, status=status,
                obtained_on=got, verified_on=ver,
            )  # fmt: skip
        con.execute("INSERT INTO rule_verdict VALUES (?, 0, 1, x'', x'')", (child,))
    con.close()
    engine = open_database(d)
    assert current_revision(engine) == head_revision()
    engine.dispose()
    con = connect_raw(db)
    roles = con.execute("SELECT visit_date, visitor_role FROM guardian_visit ORDER BY visit_date")
    assert roles.fetchall() == [
        ("2026-02-01", "guardian"),
        ("2026-03-01", "guardian"),
        ("2026-04-01", "social_worker"),
        ("2026-05-01", "other"),
    ]
    docs = dict(con.execute("SELECT doc_type, status_on FROM document_item").fetchall())
    assert docs == {"photo": "2026-02-10", "sir": "2026-01-20", "icp": None, "age_proof": None}
    history = con.execute(
        "SELECT d.doc_type, h.status, h.status_on FROM document_status_history h "
        "JOIN document_item d ON d.id = h.item_id WHERE d.doc_type = 'photo' ORDER BY h.id"
    ).fetchall()
    assert history == [  # the statuses before the current one (0023_lean_history)
        ("photo", "required", None),
        ("photo", "obtained", "2026-01-10"),
    ]
    facts = con.execute(
        "SELECT last_visit, last_call, last_followup, guardians_living, missing_docs "
        "FROM child_facts"
    ).fetchone()
    assert facts == ("2026-02-01", "2026-03-01", "2026-04-01", 1, 1)
    assert con.execute("SELECT count(*) FROM rule_verdict").fetchone() == (0,)
    con.close()
    engine = open_database(d)
    with unit_of_work(engine, Actor("t"), rules=False) as s:
        policy = load_policy()
        [jan] = load_facts(s, as_of=date(2026, 1, 15), policy=policy)
        [now] = load_facts(s, as_of=date(2026, 6, 1), policy=policy)
    engine.dispose()
    # on 15/01 the SIR (obtained 20/01) was still required as the ICP is; the photo had
    # been obtained on 10/01 (the history says so)
    assert (jan.missing_docs, jan.last_visit) == (2, None)
    assert (now.missing_docs, now.last_visit, now.last_followup) == (
        1,
        date(2026, 2, 1),
        date(2026, 4, 1),
    )


def test_released_schema_0001_upgrades_to_dated_facts(tmp_path):
    """The first release's file gets visitor roles, document dates and history rows for
    all its records, and child_facts rows equal to a fresh computation."""
    import importlib.util

    d = tmp_path / "r1"
    d.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "schema-0001.sqlite3", d / DB_FILENAME)
    open_database(d).dispose()
    con = connect_raw(d / DB_FILENAME)
    visits = con.execute("SELECT count(*), count(visitor_role) FROM guardian_visit").fetchone()
    assert visits[0] > 0 and visits[0] == visits[1]
    # every item with a dated status has its past ones (0023_lean_history keeps no copy
    # of the current status)
    items = con.execute("SELECT count(*) FROM document_item WHERE status_on IS NOT NULL")
    with_history = con.execute(
        "SELECT count(DISTINCT item_id) FROM document_status_history"
    ).fetchone()[0]
    assert with_history == items.fetchone()[0] > 0
    path = Path(__file__).parent.parent / "desktop/migrations/versions/0008_dated_facts.py"
    spec = importlib.util.spec_from_file_location("m0008", path)
    assert spec is not None and spec.loader is not None
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    kept = con.execute("SELECT * FROM child_facts ORDER BY child_id").fetchall()
    con.execute("CREATE TEMP TABLE fresh AS SELECT * FROM child_facts WHERE 0")
    con.execute(
        m.RECOMPUTE.format(names=m.NAMES, where="1").replace(
            "INSERT OR REPLACE INTO child_facts", "INSERT INTO temp.fresh"
        )
    )
    assert kept == con.execute("SELECT * FROM temp.fresh ORDER BY child_id").fetchall()
    con.close()


def test_the_revisions_read_from_the_scripts_agree_with_alembic() -> None:
    """`desktop.db` reads the head and the chain from the scripts' text so that a start
    with nothing to migrate never imports alembic (issue 22); alembic's own reading of the
    same scripts gives the same head and the same revisions, each after the same one."""
    from alembic.script import ScriptDirectory

    from desktop.db import _alembic_config, script_revisions

    scripts = ScriptDirectory.from_config(_alembic_config())
    assert head_revision() == scripts.get_current_head()
    walked = {s.revision: s.down_revision for s in scripts.walk_revisions()}
    assert script_revisions() == walked


def test_opening_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    """A database already at the head opens in a fresh process without importing alembic
    (nor mako); the first open of a new folder migrates it, with alembic."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from desktop.db import open_database, "
        "current_revision, head_revision; e = open_database(Path(sys.argv[1])); "
        "assert current_revision(e) == head_revision(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))"
    )
    root = Path(__file__).resolve().parent.parent

    def run() -> str:
        out = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "data")],
            capture_output=True,
            text=True,
            cwd=root,
            timeout=120,
            check=True,
        )
        return out.stdout.strip()

    assert "alembic" in run()  # the first open: created and migrated
    assert run() == "[]"


def _bookkeeping(engine) -> dict[str, list[tuple[object, ...]]]:
    """Each synced table's (id, uuid, created_at, updated_at) as stored, plus the audit
    events' and tombstones' UUIDs."""
    out: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            cols = set(table.c.keys())
            if {"uuid", "created_at", "updated_at", "change_seq"} <= cols:
                sql = f"SELECT id, uuid, created_at, updated_at FROM {table.name} ORDER BY id"
            elif table.name == "audit_event":
                sql = "SELECT id, uuid FROM audit_event ORDER BY id"
            elif table.name == "tombstone":
                sql = "SELECT id, record_uuid FROM tombstone ORDER BY id"
            else:
                continue
            out[table.name] = [tuple(r) for r in conn.exec_driver_sql(sql)]
    return out


def test_lean_migration_converts_every_row_and_reads_back_the_same_records(inst_engine, actor):
    """0021_lean, down and up again on a demo's records: the old forms (32 hex digits,
    SQLAlchemy's DateTime text) are what the old types wrote, and upgrading them gives back
    exactly the lean values (16 bytes, microseconds), row for row; the ORM reads them."""
    from alembic import command

    from desktop.db import _alembic_config
    from desktop.models import Child, GuardianVisit, time_from_db, uuid_from_db
    from desktop.services.demo.generate import generate_demo

    with unit_of_work(inst_engine, actor) as s:
        generate_demo(s, children=25, seed=3, as_of=date(2026, 11, 23))
        s.add(Tombstone(record_uuid=uuid_mod.uuid4(), record_type="child", version=1, change_seq=1))
    lean = _bookkeeping(inst_engine)
    assert sum(len(v) for v in lean.values()) > 500
    for table, rows_ in lean.items():
        for r in rows_:
            assert isinstance(r[1], bytes) and len(r[1]) == 16, table
            assert all(isinstance(t, int) for t in r[2:]), table
    cfg = _alembic_config()

    def migrate(step, rev: str) -> None:
        with inst_engine.begin() as conn:
            cfg.attributes["connection"] = conn
            step(cfg, rev)

    migrate(command.downgrade, "0021_interstate")
    old = _bookkeeping(inst_engine)
    assert old.keys() == lean.keys()
    for table in lean:
        assert len(old[table]) == len(lean[table])
        for o, n in zip(old[table], lean[table], strict=True):
            assert o[0] == n[0] and o[1] == uuid_from_db(n[1]).hex, table  # type: ignore[union-attr]
            for ot, nt in zip(o[2:], n[2:], strict=True):
                assert ot == time_from_db(nt).strftime("%Y-%m-%d %H:%M:%S.%f"), table  # type: ignore[union-attr, arg-type]
    migrate(command.upgrade, "head")
    assert _bookkeeping(inst_engine) == lean
    with inst_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        declared = {r[1]: r[2] for r in conn.exec_driver_sql("PRAGMA table_info(guardian_visit)")}
        assert declared["uuid"] == "BLOB" and declared["created_at"] == "BIGINT"
    with Session(inst_engine) as s:
        kid = s.scalars(select(Child).order_by(Child.id)).first()
        assert kid is not None and kid.uuid == uuid_from_db(lean["child"][0][1])
        assert kid.created_at == time_from_db(lean["child"][0][2])
        visit = s.scalars(select(GuardianVisit).where(GuardianVisit.uuid == kid.uuid)).first()
        assert visit is None  # a UUID compares as 16 bytes: the child's matches no visit
        assert s.scalars(select(Child).where(Child.uuid == kid.uuid)).one() is kid
        assert s.scalars(select(Child).where(Child.uuid == str(kid.uuid))).one() is kid


def test_an_upgrade_through_the_lean_migration_packs_the_file(tmp_path):
    """Rows shrunk in place leave pages half empty: the upgrade ends with a VACUUM."""
    d = tmp_path / "old"
    d.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "schema-0001.sqlite3", d / DB_FILENAME)
    open_database(d).dispose()
    con = connect_raw(d / DB_FILENAME)
    assert con.execute("PRAGMA freelist_count").fetchone() == (0,)
    assert con.execute("SELECT typeof(uuid), length(uuid) FROM child LIMIT 1").fetchone() == (
        "blob",
        16,
    )
    con.close()
