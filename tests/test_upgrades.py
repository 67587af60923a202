"""Upgrades keep everything: the oldest release's data folder through every migration, and a
failing migration that puts the database back as it was and says so in plain words.

Written for any number of later migrations: the chain is walked from the scripts, and the
failing migration is put after whatever the head is today.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.orm import Session

import desktop.core.dbfile
import desktop.db
from desktop.db import (
    DB_FILENAME,
    MIGRATIONS_DIR,
    DatabaseTooNew,
    UpgradeFailed,
    connect_raw,
    current_revision,
    encrypt_existing,
    head_revision,
    make_engine,
    open_database,
    unlock_data,
)
from desktop.models.base import hash_from_db, time_from_db, uuid_from_db, uuid_text_from_db
from desktop.services.core.audit_chain import check_chain
from desktop.vault import sqlite as cipher

OLDEST = Path(__file__).parent / "data" / "schema-0001.sqlite3"


def old_folder(tmp_path: Path) -> Path:
    """A data folder holding the database file of the oldest released schema, encrypted
    with the folder's data key as the first start of this version does before migrating."""
    d = tmp_path / "data"
    d.mkdir()
    shutil.copy(OLDEST, d / DB_FILENAME)
    encrypt_existing(d, unlock_data(d))
    return d


def connect(db_path: Path) -> sqlite3.Connection:
    """A connection to a database file: an install's (encrypted), or the released file."""
    if cipher.is_plain_sqlite(db_path):
        return sqlite3.connect(db_path)  # plain SQLite: the released file in tests/data
    return connect_raw(db_path)  # type: ignore[no-any-return]


def dump(db_path: Path) -> list[str]:
    """The whole database as SQL statements (schema and every row), to compare two files."""
    con = connect(db_path)
    try:
        if hasattr(con, "iterdump"):
            return list(con.iterdump())
        out = []  # SQLCipher's connection has no iterdump: the schema, then every row
        for name, sql in con.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        ).fetchall():
            out.append(sql)
            if sql.startswith("CREATE TABLE") and not name.startswith("sqlite_"):
                out += sorted(repr(r) for r in con.execute(f'SELECT * FROM "{name}"'))
        return out
    finally:
        con.close()


def counts(db_path: Path) -> dict[str, int]:
    """Rows of every table (the search index's shadow tables aside: rebuilt by design)."""
    db = sqlite_utils.Database(connect(db_path))
    try:
        return {t.name: t.count for t in db.tables if not t.name.startswith("child_search")}
    finally:
        db.conn.close()


def rows(db_path: Path, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    """The given columns of every row, in id order."""
    con = connect(db_path)
    try:
        cols = ", ".join(f'"{c}"' for c in columns)
        return con.execute(f'SELECT {cols} FROM "{table}" ORDER BY rowid').fetchall()
    finally:
        con.close()


def chain(script_location: Path = MIGRATIONS_DIR) -> list[str]:
    """Every revision from the first to the head, in order."""
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    return [s.revision for s in reversed(list(ScriptDirectory.from_config(cfg).walk_revisions()))]


# A later migration that changes old data ON PURPOSE names it here, with its revision and
# why: a table it replaces (its rows moved elsewhere), or a column it rewrites or drops
# (e.g. a value sealed). Anything else that changes in an upgrade is a lost record.
TABLES_CHANGED_ON_PURPOSE: dict[str, str] = {}
COLUMNS_CHANGED_ON_PURPOSE: dict[tuple[str, str], str] = {}
# Columns a migration stores in another form, compared as the application reads them:
# 0021_lean stores UUIDs as 16 bytes and the synced records' times as integer microseconds.
READ_AS: dict[str, Callable[[Any], Any]] = {
    "uuid": uuid_from_db,
    "record_uuid": uuid_from_db,
    "created_at": time_from_db,
    "updated_at": time_from_db,
    # 0023_lean_history: the audit chain's digests as 32 bytes, its child UUIDs as 16
    "hash": hash_from_db,
    "prev_hash": hash_from_db,
    "child_uuid": uuid_text_from_db,
}


def read_as_the_application(
    columns: list[str], values: list[tuple[object, ...]]
) -> list[tuple[object, ...]]:
    """The rows with the columns of READ_AS as the application reads them."""
    readers = [READ_AS.get(c) for c in columns]
    return [
        tuple(v if f is None else f(v) for f, v in zip(readers, row, strict=True)) for row in values
    ]


def test_oldest_release_goes_through_every_migration_keeping_every_row(tmp_path: Path) -> None:
    """One migration at a time from schema 0001: no table ever loses a row or a value."""
    d = old_folder(tmp_path)
    db_path = d / DB_FILENAME
    before = {
        t: n
        for t, n in counts(db_path).items()
        if t != "alembic_version" and t not in TABLES_CHANGED_ON_PURPOSE
    }
    assert before["child"] > 0 and before["audit_event"] > 0 and before["guardian_visit"] > 0
    old = sqlite_utils.Database(connect(db_path))
    columns = {
        name: [
            c.name for c in old[name].columns if (name, c.name) not in COLUMNS_CHANGED_ON_PURPOSE
        ]
        for name in before
    }
    old.conn.close()
    values = {name: rows(db_path, name, cols) for name, cols in columns.items()}
    steps = chain()
    assert steps[0] == "0001" and steps[-1] == head_revision() and len(steps) >= 7
    engine = make_engine(db_path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    for rev in steps[1:]:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, rev)
        assert current_revision(engine) == rev
        now = counts(db_path)
        for name, n in before.items():
            assert name in now, f"table {name} is gone after {rev}"
            assert now[name] == n, f"{name} after {rev}: {now[name]} rows, was {n}"
    engine.dispose()
    for name, cols in columns.items():
        after = read_as_the_application(cols, rows(db_path, name, cols))
        assert after == read_as_the_application(cols, values[name]), f"values of {name} changed"


def test_audit_chain_holds_after_the_upgrade(tmp_path: Path) -> None:
    """The oldest release's audit trail still checks out, event by event, on the new schema."""
    d = old_folder(tmp_path)
    engine = open_database(d)
    with Session(engine) as s:
        result = check_chain(s)
    engine.dispose()
    assert result.ok, result.problem
    assert result.checked == counts(OLDEST)["audit_event"]


def test_first_start_backs_up_then_upgrades(tmp_path: Path) -> None:
    """Opening an older folder copies the database to backups/ first, exactly as it was."""
    d = old_folder(tmp_path)
    original = dump(d / DB_FILENAME)
    engine = open_database(d)
    assert current_revision(engine) == head_revision()
    engine.dispose()
    (backup,) = (d / "backups").glob("*.sqlite3")
    assert f"before-{head_revision()}" in backup.name
    assert dump(backup) == original


def failing_migrations(tmp_path: Path, *, commit_first: bool) -> Path:
    """A copy of the migrations with one more after today's head that fails half-way.

    It changes data first (a child renamed, a table made); with `commit_first` it even
    commits everything done so far before failing, as a careless script could: the
    database then can only come back from the copy, not from a rollback.
    """
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    commit = 'op.execute("COMMIT")\n    op.execute("BEGIN")' if commit_first else "pass"
    (folder / "versions" / "9999_fails_half_way.py").write_text(
        f'''"""A migration that fails half-way (test only)."""

from alembic import op

revision = "9999"
down_revision = "{head_revision()}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE child SET first_name = 'CHANGED'")
    op.execute("CREATE TABLE half_done (x INTEGER)")
    {commit}
    op.execute("INSERT INTO no_such_table VALUES (1)")


def downgrade() -> None:
    pass
''',
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("commit_first", [False, True], ids=["rolled-back", "committed"])
def test_failing_migration_puts_the_database_back_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, commit_first: bool
) -> None:
    """Any migration failing: the database comes back from the copy, exactly as it was."""
    d = old_folder(tmp_path)
    original = dump(d / DB_FILENAME)
    files_before = {p.name for p in d.iterdir()}
    failing = failing_migrations(tmp_path, commit_first=commit_first)
    monkeypatch.setattr(desktop.db, "MIGRATIONS_DIR", failing)  # alembic's scripts
    monkeypatch.setattr(desktop.core.dbfile, "MIGRATIONS_DIR", failing)  # the head
    with pytest.raises(UpgradeFailed) as caught:
        open_database(d)
    err = caught.value
    assert err.restored and err.from_rev == "0001" and err.to_rev == "9999"
    assert "put back exactly as it was" in str(err) and "no_such_table" in str(err)
    assert dump(d / DB_FILENAME) == original
    assert err.backup.parent == d / "backups" and dump(err.backup) == original
    extra = {p.name for p in d.iterdir()} - files_before
    assert extra <= {"backups", f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm"}
    monkeypatch.undo()  # the real migrations: the same folder still upgrades afterwards
    engine = open_database(d)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_database_of_a_newer_version_is_left_alone(tmp_path: Path) -> None:
    """A database made by a newer release is refused before anything is copied or changed."""
    d = old_folder(tmp_path)
    con = connect(d / DB_FILENAME)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.close()
    original = dump(d / DB_FILENAME)
    with pytest.raises(DatabaseTooNew, match="newer version"):
        open_database(d)
    assert dump(d / DB_FILENAME) == original
    assert not (d / "backups").exists()


def test_command_line_says_what_happened_in_plain_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`clms` on a folder whose upgrade fails prints the plain message, not a traceback."""
    from desktop.cli.main import main

    d = old_folder(tmp_path)
    failing = failing_migrations(tmp_path, commit_first=True)
    monkeypatch.setattr(desktop.db, "MIGRATIONS_DIR", failing)  # alembic's scripts
    monkeypatch.setattr(desktop.core.dbfile, "MIGRATIONS_DIR", failing)  # the head
    assert main(["--data-dir", str(d), "search", "Priya"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("error: the database could not be updated") and "Nothing was lost" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_window_says_the_records_were_put_back(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """The first start of the window after a failed update says so plainly, in its language."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.__main__ import _open
    from desktop.views import i18n

    d = old_folder(tmp_path)
    failing = failing_migrations(tmp_path, commit_first=True)
    monkeypatch.setattr(desktop.db, "MIGRATIONS_DIR", failing)  # alembic's scripts
    monkeypatch.setattr(desktop.core.dbfile, "MIGRATIONS_DIR", failing)  # the head
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    i18n.install_language(lang)
    try:
        assert _open(d) == (None, None)
    finally:
        i18n.install_language("en")
    (text,) = shown
    backup = next((d / "backups").glob("*.sqlite3"))
    assert str(backup) in text and "no_such_table" in text
    if lang == "en":
        assert "Nothing was lost" in text and "put back exactly as" in text
    else:
        assert "कुछ भी नहीं खोया" in text  # "nothing was lost"
    assert dump(d / DB_FILENAME) == dump(backup)
