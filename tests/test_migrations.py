"""Schema migrations: explicit, tested against real files of released schemas, backed up."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import sqlite_utils
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

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
from desktop.models import Base
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
        before = {t.name: t.count for t in old.tables if not t.name.startswith("child_search")}
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
