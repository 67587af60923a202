"""Opening the case database: SQLite pragmas, migrations at start, backup before upgrade."""

from __future__ import annotations

import logging
import shutil
import sqlite3
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
    and their stored verdicts, the trigger-kept document status history) out of
    autogenerate comparisons."""
    return not (
        type_ == "table"
        and name is not None
        and (
            name.startswith(("child_search", "rule_verdict"))
            or name in ("child_facts", "document_status_history")
        )
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


def backup_database(db_path: Path, *, label: str) -> Path:
    """Copy the database (consistently, WAL included) next to it under backups/."""
    backups = db_path.parent / "backups"
    backups.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups / f"{db_path.stem}-{label}-{stamp}.sqlite3"
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(engine: Engine, db_path: Path | None = None) -> Path | None:
    """Bring the schema to head; copy the file first if it holds an older schema.

    Returns the backup's path when one was made.
    """
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    backup = None
    if current is not None and db_path is not None and db_path.exists():
        backup = backup_database(db_path, label=f"before-{head}")
        log.info("database backed up to %s before upgrade %s -> %s", backup, current, head)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup


def open_database(data_dir: Path) -> Engine:
    """Open (creating if needed) the case database in `data_dir`, migrated to head."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db_path = data_dir / DB_FILENAME
    engine = make_engine(db_path)
    upgrade(engine, db_path)
    return engine


def copy_file_atomically(src: Path, dst: Path) -> None:
    """Copy `src` to `dst` through a temporary name so a power cut leaves no half file."""
    tmp = dst.with_name(dst.name + ".part")
    shutil.copyfile(src, tmp)
    tmp.replace(dst)
