"""Opening the case database: SQLite pragmas, migrations at start, backup before upgrade."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
DB_FILENAME = "clms.sqlite3"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy, not pysqlite, decide where transactions begin (SQLAlchemy's
    # documented recipe), so BEGIN really wraps every unit of work.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed edit survives a power cut, not only an application crash.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA cache_size=-32000")  # 32 MB: the PCs have little RAM
    cur.close()


def make_engine(db_path: Path | str, *, echo: bool = False) -> Engine:
    """An engine on the SQLite file with WAL, synchronous=FULL and foreign keys on."""
    engine = create_engine(f"sqlite:///{db_path}", echo=echo)
    event.listen(engine, "connect", _on_connect)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")
        conn.info["changes_at_begin"] = conn.connection.driver_connection.total_changes

    return engine


def wrote_in_transaction(conn: Any) -> bool:
    """Whether this connection's open transaction has inserted, updated or deleted rows."""
    began = conn.info.get("changes_at_begin")
    return began is None or conn.connection.driver_connection.total_changes != began


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Leave the tables made by raw SQL (the FTS5 index, the rules' trigger-kept child_facts
    and their stored verdicts) out of autogenerate comparisons."""
    return not (
        type_ == "table"
        and name is not None
        and (name.startswith(("child_search", "rule_verdict")) or name == "child_facts")
    )


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    """The newest schema revision this version of the code knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database file (None for an empty file)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def copy_database(
    src_path: Path, target: Path, *, progress: Callable[[int, int], None] | None = None
) -> None:
    """Copy a database file consistently with SQLite's online backup API (the write-ahead
    log included, while others keep using it), then force the copy to disk.

    `progress(done_pages, total_pages)` is called as the copy goes (for a big file on a
    slow USB stick); an exception raised by it stops the copy.
    """
    src = sqlite3.connect(src_path)
    try:
        dst = sqlite3.connect(target)
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
    """Copy the database (consistently, WAL included) next to it under backups/."""
    backups = db_path.parent / "backups"
    backups.mkdir(exist_ok=True)
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
    window cannot see a half-restored file), then a check of the whole file.
    """
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(db_path, timeout=30)
            try:
                src.backup(dst)
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                ok = dst.execute("PRAGMA integrity_check").fetchone() == ("ok",)
                return ok and _revision_of(dst) == _revision_of(src)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error:
        log.exception("restoring %s from %s failed", db_path, backup)
        return False


def _revision_of(con: sqlite3.Connection) -> str | None:
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
        con = sqlite3.connect(db_path)
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
        known = {
            s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()
        }
        if current not in known:
            raise DatabaseTooNew(current)
    backup = None
    if current is not None and db_path is not None and db_path.exists():
        backup = backup_database(db_path, label=f"before-{head}")
        log.info("database backed up to %s before upgrade %s -> %s", backup, current, head)
    cfg = _alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
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
    return backup


def open_database(data_dir: Path) -> Engine:
    """Open (creating if needed) the case database in `data_dir`, migrated to head."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db_path = data_dir / DB_FILENAME
    apply_staged_restore(data_dir)
    engine = make_engine(db_path)
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
