"""Opening the case database: encrypted (SQLCipher), SQLite pragmas, migrations at start,
backup before upgrade, and transactions that wait for each other.

Every database file of an install is encrypted with the install's data key
(`desktop.vault`): tables, indexes, the search index and the write-ahead log. A database
made before encryption at rest is encrypted in place when it is first opened.

Transactions: a writing unit of work begins `BEGIN IMMEDIATE` (`writer(engine)`), so it
takes SQLite's write lock first and waits (the busy timeout) while another process or
thread writes, instead of reading a snapshot, trying to write and failing at once with
SQLITE_BUSY. Plain sessions (lists, counts, reports) stay deferred: in WAL mode they
never wait for a writer.

Opening the database anywhere (code, tools, benches, tests): `open_database(data_dir)`
(SQLAlchemy engine, migrated), `make_engine(path)` (an engine on one file) or
`connect_raw(path)` (a DB-API connection, in place of `sqlite3.connect`); never
`sqlite3.connect` on an install's file: it cannot read it. docs/opening-the-database.md.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
import weakref
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text

from desktop.vault import sqlite as cipher
from desktop.vault import store as vault
from desktop.vault.secret import DataKey, parse_recovery

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
DB_FILENAME = "clms.sqlite3"
DISTRICT_VIEW_FILENAME = "district-view.sqlite"
BUSY_TIMEOUT_MS = 30_000  # a writer waits this long for another one before giving up
BEGIN_OPTION = "clms_begin"


def _on_connect(dbapi_connection: cipher.Connection, _record: Any) -> None:
    # Let SQLAlchemy, not pysqlite, decide where transactions begin (SQLAlchemy's
    # documented recipe), so BEGIN really wraps every unit of work.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed edit survives a power cut, not only an application crash.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA cache_size=-32000")  # 32 MB: the PCs have little RAM
    cur.close()


def make_engine(db_path: Path | str, *, key: DataKey | None = None, echo: bool = False) -> Engine:
    """An engine on the encrypted SQLite file with WAL, synchronous=FULL and foreign keys on.

    `key` is the install's data key; by default the one of the folder holding the file,
    which must be unlocked already (`open_database` does that).
    """
    db_path = Path(db_path)
    data_key = key if key is not None else vault.unlock(db_path.parent)
    raw_key = data_key.database_key
    cipher.private_file(db_path)

    def connect() -> cipher.Connection:
        return cipher.connect(
            db_path, raw_key, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )

    engine = create_engine(f"sqlite:///{db_path}", creator=connect, module=cipher.dbapi, echo=echo)
    event.listen(engine, "connect", _on_connect)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        mode = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")
        conn.info["changes_at_begin"] = conn.connection.driver_connection.total_changes

    _DATA_KEYS[engine] = data_key
    return engine


_DATA_KEYS: weakref.WeakKeyDictionary[Engine, DataKey] = weakref.WeakKeyDictionary()


def writer(engine: Engine) -> Engine:
    """The same engine, beginning its transactions IMMEDIATE: for units of work that write.

    The write lock is taken at BEGIN, waiting up to the busy timeout for another writer,
    so a transaction that reads and then writes never finds its snapshot out of date.
    """
    if engine.get_execution_options().get(BEGIN_OPTION) == "IMMEDIATE":
        return engine
    return engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})


def data_key_of(engine: Engine) -> DataKey:
    """The data key an engine of `make_engine` opens its file with."""
    base = getattr(engine, "_proxied", engine)  # an engine from execution_options()
    key = _DATA_KEYS.get(base)
    if key is None:
        raise ValueError("this engine was not made by desktop.db.make_engine")
    return key


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


def wrote_in_transaction(conn: Any) -> bool:
    """Whether this connection's open transaction has inserted, updated or deleted rows."""
    began = conn.info.get("changes_at_begin")
    return began is None or conn.connection.driver_connection.total_changes != began


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Leave the tables made by raw SQL (the FTS5 index, the rules' trigger-kept child_facts
    and their stored verdicts, the trigger-kept document status history) out of
    autogenerate comparisons."""
    return not (
        type_ == "table"
        and name is not None
        and (
            name.startswith(("child_search", "rule_verdict", "child_find_key"))
            or name in ("child_facts", "document_status_history")
        )
    )


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


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


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database file (None for an empty file)."""
    with engine.connect() as conn:
        has = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
        ).first()
        if has is None:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def copy_database(
    src_path: Path,
    target: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    key: DataKey | None = None,
) -> None:
    """Copy a database file consistently with SQLite's online backup API (the write-ahead
    log included, while others keep using it), still encrypted with the same key, then
    force the copy to disk.

    `key` is the data key the source opens with (by default that of the install it is
    in). A source of a release before encryption at rest (plain SQLite) is copied plain.
    `progress(done_pages, total_pages)` is called as the copy goes (for a big file on a
    slow USB stick); an exception raised by it stops the copy.
    """
    if cipher.is_plain_sqlite(src_path):
        raw = b""
        src = cipher.dbapi.connect(str(src_path))
        dst = cipher.dbapi.connect(str(target))
    else:
        raw = (key or vault.unlock(install_dir_of(src_path))).database_key
        cipher.private_file(target)
        src = cipher.connect(src_path, raw)
        dst = None
    try:
        if dst is None:
            dst = cipher.connect(target, raw)
        try:
            if progress is None:
                src.backup(dst)
            else:
                src.backup(
                    dst, pages=4096, progress=lambda _s, left, total: progress(total - left, total)
                )
            # One self-contained file: no write-ahead log beside it, readable read-only.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


def backup_database(db_path: Path, *, label: str) -> Path:
    """Copy the database (consistently, WAL included, still encrypted) under backups/."""
    backups = vault.private_dir(db_path.parent / "backups")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups / f"{db_path.stem}-{label}-{stamp}.sqlite3"
    n = 1
    while target.exists():  # two upgrade attempts within a second keep both copies
        n += 1
        target = backups / f"{db_path.stem}-{label}-{stamp}-{n}.sqlite3"
    copy_database(db_path, target)
    return target


class UpgradeFailed(RuntimeError):
    """The schema upgrade failed; the database was put back from the copy made before it.

    `restored` says whether putting it back worked (then the database is exactly as it was
    before the attempt); the message says what happened in plain words.
    """

    def __init__(
        self, *, from_rev: str, to_rev: str, backup: Path, restored: bool, cause: BaseException
    ) -> None:
        self.from_rev, self.to_rev, self.backup = from_rev, to_rev, backup
        self.restored, self.cause = restored, cause
        reason = f"{type(cause).__name__}: {cause}".splitlines()[0][:300]
        if restored:
            text = (
                f"the database could not be updated from schema {from_rev} to {to_rev}, so it "
                f"was put back exactly as it was before (a copy is in {backup}). Nothing was "
                f"lost. The problem: {reason}"
            )
        else:
            text = (
                f"the database could not be updated from schema {from_rev} to {to_rev}, and "
                f"putting it back did not work either. The copy made before the update is "
                f"{backup}; do not use this data folder until it is restored. The problem: "
                f"{reason}"
            )
        super().__init__(text)


class DatabaseTooNew(RuntimeError):
    """The database was made by a newer version of CLMS Desktop than this one."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(
            f"the database was made by a newer version of CLMS Desktop (schema {revision}, "
            f"this version knows up to {head_revision()}): install that version again. "
            "Nothing was changed."
        )


def restore_database(backup: Path, db_path: Path) -> bool:
    """Put the backup's content back into the database file; True if it then checks out.

    Through SQLite's backup API into the live file (it takes the locks, so a second open
    window cannot see a half-restored file), then a check of the whole file. Both files
    are the install's, encrypted with its data key.
    """
    try:
        src = connect_raw(backup, read_only=True)
        try:
            dst = connect_raw(db_path, timeout=30)
            try:
                src.backup(dst)
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                ok = dst.execute("PRAGMA integrity_check").fetchone() == ("ok",)
                return ok and _revision_of(dst) == _revision_of(src)
            finally:
                dst.close()
        finally:
            src.close()
    except (cipher.dbapi.Error, vault.VaultError):
        log.exception("restoring %s from %s failed", db_path, backup)
        return False


def _revision_of(con: cipher.Connection) -> str | None:
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


RESTORE_SUFFIX = ".restore"  # a restored database waiting beside the file it replaces


def apply_staged_restore(data_dir: Path) -> Path | None:
    """Put a restored database in place (before it is opened); None if none is waiting.

    `desktop.services.core.backup.restore_backup` leaves the restored copy beside the
    database as `clms.sqlite3.restore`; the swap happens here, at the next start, when
    nothing has the file open. The database it replaces is first copied to backups/,
    its write-ahead log emptied into it and removed (an old log must never meet the new
    file), then the restored file is renamed over it. A power cut at any step leaves
    either the old database or the restored one, and a restart finishes the job.
    """
    staged = data_dir / (DB_FILENAME + RESTORE_SUFFIX)
    if not staged.exists():
        return None
    db_path = data_dir / DB_FILENAME
    if db_path.exists():
        backup_database(db_path, label="before-restore")
        con = connect_raw(db_path)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.execute("PRAGMA journal_mode=DELETE")
        finally:
            con.close()
    for suffix in ("-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    os.replace(staged, db_path)
    log.info("database restored from the copy made ready in %s", staged)
    return db_path


def upgrade(engine: Engine, db_path: Path | None = None) -> Path | None:
    """Bring the schema to head; copy the file first if it holds an older schema.

    All migrations run in one transaction. If any fails, the database is put back from the
    copy (whatever a migration may have committed on its own) and UpgradeFailed says so; a
    power cut half-way leaves the old schema (the transaction never committed), and the
    next start tries again. Returns the backup's path when one was made.
    """
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    if current is not None:
        if current not in script_revisions():
            raise DatabaseTooNew(current)
    backup = None
    if current is not None and db_path is not None and db_path.exists():
        backup = backup_database(db_path, label=f"before-{head}")
        log.info("database backed up to %s before upgrade %s -> %s", backup, current, head)
    from alembic import command  # only now: a migration is due

    cfg = _alembic_config()
    try:
        with writer(engine).begin() as conn:
            cfg.attributes["connection"] = conn
            cfg.attributes["data_key"] = data_key_of(engine)
            cfg.attributes["data_dir"] = db_path.parent if db_path is not None else None
            command.upgrade(cfg, "head")
        reached = current_revision(engine)
        if reached != head:
            raise RuntimeError(f"the migrations stopped at schema {reached}, not {head}")
    except Exception as exc:
        if backup is None or db_path is None or current is None:
            raise
        engine.dispose()  # no connection of ours may hold the file while it is put back
        restored = restore_database(backup, db_path)
        log.error(
            "upgrade %s -> %s failed (%s); database %s from %s",
            current,
            head,
            exc,
            "restored" if restored else "NOT restored",
            backup,
        )
        raise UpgradeFailed(
            from_rev=current, to_rev=head, backup=backup, restored=restored, cause=exc
        ) from exc
    if current is not None and PACK_AFTER & _revisions_between(current, head):
        _pack(engine)
    return backup


# Migrations that shrink every row in place: the file is packed (VACUUM) after them, once.
PACK_AFTER = frozenset({"0021_lean"})


def _revisions_between(current: str, head: str) -> set[str]:
    """The revisions an upgrade from `current` to `head` ran."""
    downs = script_revisions()
    out: set[str] = set()
    rev: str | None = head
    while rev is not None and rev != current and rev not in out:
        out.add(rev)
        rev = downs.get(rev)
    return out


def _pack(engine: Engine) -> None:
    """VACUUM (outside any transaction); a failure (a full disk) leaves the file as it is."""
    raw = engine.raw_connection()
    began = time.perf_counter()
    try:
        raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
        log.info("database packed after the upgrade in %.1f s", time.perf_counter() - began)
    except cipher.Error as exc:
        log.warning("the database was not packed after the upgrade: %s", exc)
    finally:
        raw.close()


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


def recover_data(data_dir: Path, *, recovery_key: str, passphrase: str | None = None) -> DataKey:
    """Open the data of `data_dir` with its recovery key and keep the key on this computer
    again (OS keyring, else under `passphrase`). The key is tried on the database first."""
    key = parse_recovery(recovery_key)
    db_path = Path(data_dir) / DB_FILENAME
    if db_path.exists() and not cipher.is_plain_sqlite(db_path):
        try:
            cipher.connect(db_path, key.database_key, read_only=True).close()
        except cipher.WrongKey:
            raise vault.VaultError(
                "this recovery key does not open the case data in this folder"
            ) from None
    return vault.recover(data_dir, recovery_key=recovery_key, passphrase=passphrase)


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


def open_database(data_dir: Path, *, passphrase: str | None = None) -> Engine:
    """Open (creating if needed) the case database in `data_dir`, encrypted and migrated.

    The data key comes from the OS keyring or, on a computer without one, from
    `passphrase` (else $CLMS_DATA_PASSPHRASE); see `unlock_data` for what it raises.
    """
    data_dir = vault.private_dir(data_dir)
    key = unlock_data(data_dir, passphrase=passphrase)
    encrypt_existing(data_dir, key)
    tighten_permissions(data_dir)
    db_path = data_dir / DB_FILENAME
    if apply_staged_restore(data_dir) is not None:
        encrypt_existing(data_dir, key)  # a backup made before encryption at rest
    engine = make_engine(db_path, key=key)
    try:
        upgrade(engine, db_path)
    except Exception:
        engine.dispose()
        raise
    return engine


def copy_file_atomically(src: Path, dst: Path) -> None:
    """Copy `src` to `dst` through a temporary name so a power cut leaves no half file."""
    tmp = dst.with_name(dst.name + ".part")
    shutil.copyfile(src, tmp)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())  # on disk before the rename makes it the real file
    tmp.replace(dst)
