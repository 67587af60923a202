"""The one way to open an install's database (docs/opening-the-database.md), and a guard
that no code or test opens one with the standard library's sqlite3, which cannot read it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from desktop.db import DB_FILENAME, connect_raw, data_key_of, open_database
from desktop.vault import sqlite as cipher
from tests.demo_data import copy_database

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("desktop", "sync_client", "tools", "bench", "tests")
RAW_OPEN = re.compile(r"""sqlite3\.connect\(|create_engine\(\s*f?["']sqlite:///""")
# Central's engine opens plain SQLite: right for central's own database (and tests of it),
# wrong for a file of a desktop install such as the district view.
# (With `creator=` it opens whatever connection it is given: the encrypted one is allowed.)
CENTRAL_OPEN = re.compile(r"""open_engine\(\s*f?["']sqlite:///(?!.*creator=)""")
APP_CODE = ("desktop", "sync_client")
MARKER = "plain SQLite"
# The helpers themselves, and this file's own examples.
EXEMPT = {
    "desktop/vault/sqlite.py",
    "desktop/db.py",
    "desktop/core/dbfile.py",  # connect_raw itself (re-exported by desktop.db)
    "tests/test_opening_the_database.py",
}


def raw_opens(root: Path = ROOT) -> list[str]:
    """Every line that opens a database with sqlite3 (or a plain SQLAlchemy SQLite URL)
    without saying, on it or in the two lines above, that the file is plain SQLite, as
    'path:line: text'."""
    found = []
    for folder in CHECKED:
        for path in sorted((root / folder).rglob("*.py")):
            if path.relative_to(root).as_posix() in EXEMPT:
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            for i, line in enumerate(lines):
                if line.lstrip().startswith("#"):
                    continue
                if not (
                    RAW_OPEN.search(line) or (folder in APP_CODE and CENTRAL_OPEN.search(line))
                ):
                    continue
                if not any(MARKER in near for near in lines[max(0, i - 2) : i + 1]):
                    found.append(f"{path.relative_to(root)}:{i + 1}: {line.strip()}")
    return found


def test_no_code_or_test_opens_the_database_with_sqlite3():
    """An `sqlite3.connect` on an install's (encrypted) file fails at its first query:
    every opening goes through desktop.db (docs/opening-the-database.md)."""
    offenders = raw_opens()
    assert not offenders, (
        "open the database with desktop.db.connect_raw / make_engine / open_database "
        "(docs/opening-the-database.md), or mark a really unencrypted file '# plain SQLite':\n"
        + "\n".join(offenders)
    )


def test_the_guard_finds_a_raw_open(tmp_path):
    """The guard is not blind: a test file with sqlite3.connect on the database is named,
    and the same line marked as a plain file is not."""
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        "import sqlite3\n"
        "con = sqlite3.connect(d / 'clms.sqlite3')\n"
        "# plain SQLite: the released file\n"
        "old = sqlite3.connect(released)\n"
        "\n"
        "\n"
        'e = create_engine(f"sqlite:///{p}")\n'
        "central = open_engine(f\"sqlite:///{tmp / 'central.sqlite'}\")\n",
        encoding="utf-8",
    )
    (tmp_path / "sync_client").mkdir()
    (tmp_path / "sync_client" / "district.py").write_text(
        'VIEW = open_engine(f"sqlite:///{Path(data_dir) / VIEW_DB}")\n', encoding="utf-8"
    )
    assert raw_opens(tmp_path) == [
        'sync_client/district.py:1: VIEW = open_engine(f"sqlite:///{Path(data_dir) / VIEW_DB}")',
        "tests/test_x.py:2: con = sqlite3.connect(d / 'clms.sqlite3')",
        'tests/test_x.py:7: e = create_engine(f"sqlite:///{p}")',
    ]


def test_connect_raw_is_what_sqlite3_connect_was(data_dir):
    """connect_raw reads the encrypted file that sqlite3 cannot, takes sqlite3's
    isolation_level (autocommit with explicit BEGIN) and read-only mode."""
    open_database(data_dir).dispose()
    db = data_dir / DB_FILENAME
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchone()

    con = connect_raw(db, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO setting (key, value) VALUES ('guard', 'x')")
        assert con.in_transaction
        con.execute("COMMIT")
    finally:
        con.close()
    ro = connect_raw(db, read_only=True)
    try:
        assert ro.execute("SELECT value FROM setting WHERE key = 'guard'").fetchone() == ("x",)
        with pytest.raises(cipher.OperationalError, match="readonly"):
            ro.execute("DELETE FROM setting")
    finally:
        ro.close()


def test_a_copy_in_another_folder_opens_with_its_install_key(tmp_path):
    """A database copied to another folder opens there once its key file travels with it
    (tests.demo_data.copy_database), or with the key given."""
    engine = open_database(tmp_path / "a")
    key = data_key_of(engine)
    engine.dispose()
    (tmp_path / "b").mkdir()
    copy_database(tmp_path / "a" / DB_FILENAME, tmp_path / "b" / DB_FILENAME)
    copied = connect_raw(tmp_path / "b" / DB_FILENAME)
    try:
        assert copied.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    finally:
        copied.close()
    other = open_database(tmp_path / "c")
    other.dispose()
    with pytest.raises(cipher.WrongKey):
        connect_raw(tmp_path / "b" / DB_FILENAME, key=data_key_of(other))
    connect_raw(tmp_path / "b" / DB_FILENAME, key=key).close()
