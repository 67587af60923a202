"""The case database's file without SQLAlchemy: opened raw (SQLCipher's DB-API), its schema
revision against the code's head (read from the migration scripts' text, no alembic), the
data key unlocked. `desktop.db` re-exports all of it; the window's start (issue 22) reads
its first page through `open_at_head` before SQLAlchemy is imported.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from desktop.vault import sqlite as cipher
from desktop.vault import store as vault
from desktop.vault.secret import DataKey

log = logging.getLogger("desktop.db")

MIGRATIONS_DIR = Path(__file__).parent.parent / "migrations"
DB_FILENAME = "clms.sqlite3"
DISTRICT_VIEW_FILENAME = "district-view.sqlite"
BUSY_TIMEOUT_MS = 30_000  # a writer waits this long for another one before giving up


def install_dir_of(db_path: Path) -> Path:
    """The data folder a database file belongs to (a backup's is the folder above)."""
    folder = Path(db_path).parent
    return folder.parent if folder.name == "backups" else folder


def connect_raw(
    db_path: Path | str,
    *,
    read_only: bool = False,
    isolation_level: str | None = "",
    timeout: float = BUSY_TIMEOUT_MS / 1000,
    key: DataKey | None = None,
) -> cipher.Connection:
    """A DB-API connection to an install's database, district view or backup: the one
    replacement for `sqlite3.connect(path)` (docs/opening-the-database.md).

    The file is opened with the data key of the install it belongs to (`key`, else the
    key of its data folder, unlocked from the OS keyring or $CLMS_DATA_PASSPHRASE). The
    connection behaves as one of `sqlite3.connect(path, isolation_level=..., timeout=...)`
    (`read_only`: opened with `mode=ro`). A file of a release before encryption at rest
    (plain SQLite) raises `desktop.vault.sqlite.WrongKey`: `open_database` encrypts it.
    """
    db_path = Path(db_path)
    data_key = key if key is not None else vault.unlock(install_dir_of(db_path))
    return cipher.connect(
        db_path,
        data_key.database_key,
        read_only=read_only,
        isolation_level=isolation_level,
        timeout=timeout,
    )


_REVISION_LINE = re.compile(
    r"""^(down_revision|revision)\s*(?::[^=]*)?=\s*(None|"[^"]*"|'[^']*')""", re.M
)


def script_revisions() -> dict[str, str | None]:
    """Each migration script's revision and the one it follows, read from the scripts'
    text (alembic is imported only when a migration is due: it costs a quarter of the
    window's start-up). tests/test_migrations.py checks this against alembic's own reading."""
    return dict(_revisions_in(MIGRATIONS_DIR))


def _revisions_in(folder: Path) -> tuple[tuple[str, str | None], ...]:
    out: dict[str, str | None] = {}
    for path in sorted((folder / "versions").glob("*.py")):
        found: dict[str, str] = {
            m.group(1): m.group(2) for m in _REVISION_LINE.finditer(path.read_text("utf-8"))
        }
        if "revision" in found:
            down = found.get("down_revision", "None")
            out[found["revision"].strip("\"'")] = None if down == "None" else down.strip("\"'")
    return tuple(out.items())


def head_revision() -> str:
    """The newest schema revision this version of the code knows (the one no other
    migration follows)."""
    revisions = script_revisions()
    heads = set(revisions) - {d for d in revisions.values() if d is not None}
    if len(heads) != 1:
        raise RuntimeError(f"the migrations do not end in one head: {sorted(heads)}")
    return heads.pop()


RESTORE_SUFFIX = ".restore"  # a restored database waiting beside the file it replaces


def unlock_data(data_dir: Path, *, passphrase: str | None = None) -> DataKey:
    """The data key of this folder: unlocked, or made for a new or not yet encrypted install.

    Raises `desktop.vault.store.NeedsPassphrase` (ask for it and call again) or
    `KeyMissing` (only the recovery key can open this data: `vault.recover`).
    """
    db_path = Path(data_dir) / DB_FILENAME
    if vault.key_file(data_dir).exists():
        return vault.unlock(data_dir, passphrase=passphrase)
    if db_path.exists() and db_path.stat().st_size > 0 and not cipher.is_plain_sqlite(db_path):
        raise vault.KeyMissing(
            f"The case database in {data_dir} is encrypted but its data key file is missing. "
            "Enter the recovery key that was printed when this install was set up."
        )
    return vault.create(data_dir, passphrase=passphrase)


def encrypt_existing(data_dir: Path, key: DataKey) -> list[Path]:
    """Encrypt the database files of an install made before encryption at rest, in place:
    the case database, the district view and the backups. Returns the files encrypted."""
    data_dir = Path(data_dir)
    candidates = [data_dir / DB_FILENAME, data_dir / DISTRICT_VIEW_FILENAME]
    if (data_dir / "backups").is_dir():
        candidates += sorted((data_dir / "backups").glob("*.sqlite3"))
    done = []
    for path in candidates:
        if path.exists() and cipher.is_plain_sqlite(path):
            cipher.encrypt_plain_file(path, key.database_key)
            log.info("encrypted %s", path)
            done.append(path)
    return done


def tighten_permissions(data_dir: Path) -> None:
    """Owner-only folders and database files (0700/0600 on Unix; on Windows the ACL of the
    user's profile applies: docs/security.md)."""
    if os.name == "nt":
        return
    data_dir = Path(data_dir)
    vault.private_dir(data_dir)
    for sub in ("backups", "keys", "attachments"):
        if (data_dir / sub).is_dir():
            vault.private_dir(data_dir / sub)
    files = [*data_dir.glob("*.sqlite*"), *(data_dir / "backups").glob("*.sqlite3*")]
    for path in files:
        if path.is_file() and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)


def open_at_head(
    data_dir: Path, *, passphrase: str | None = None
) -> tuple[DataKey, cipher.Connection] | None:
    """The folder's data key and a raw connection to its database, when this start has
    nothing to do first: the file exists, is encrypted, no restored copy waits and its
    schema is the code's head. None: `desktop.db.open_database` must open it (create,
    encrypt, restore or migrate). Raises as `unlock_data` (NeedsPassphrase, KeyMissing)."""
    data_dir = Path(data_dir)
    db_path = data_dir / DB_FILENAME
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    if (data_dir / (DB_FILENAME + RESTORE_SUFFIX)).exists():
        return None
    if not vault.key_file(data_dir).exists():
        return None  # made before encryption at rest, or the key file lost: the full path
    vault.private_dir(data_dir)
    key = unlock_data(data_dir, passphrase=passphrase)
    encrypt_existing(data_dir, key)  # a district view or backup left plain (as open_database)
    tighten_permissions(data_dir)
    if cipher.is_plain_sqlite(db_path):
        return None
    con = connect_raw(db_path, key=key, isolation_level=None)
    try:
        has = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        row = con.execute("SELECT version_num FROM alembic_version").fetchone() if has else None
        if row is None or str(row[0]) != head_revision():
            con.close()
            return None
    except BaseException:
        con.close()
        raise
    return key, con
