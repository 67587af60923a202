"""Daily backups of the database and attachments to a folder the superintendent chooses (a
USB drive), a rotating set of N copies, and restoring one with a preview of what it holds.

A backup is a folder `CLMS-backup-YYYY-MM-DD-HHMMSS/` holding `clms.sqlite3` (copied with
SQLite's online backup API while the window keeps working, see `desktop.db.copy_database`)
and `backup.json` (when, which institution, row counts, the database's SHA-256, the scans
and photos it names). Scans and photos are content-addressed and never change, so all the
copies share one `CLMS-backup-files/` folder beside them and a new backup copies only the
new files. Power-cut safe: a backup is written under `….part` and renamed only when
complete and checked (`PRAGMA quick_check`), every file is forced to disk first, and a
half-written backup is never listed and is removed by the next run.

Restoring never overwrites the open database: the copy is made ready beside it
(`clms.sqlite3.restore`) and `desktop.db.apply_staged_restore` swaps it in at the next
start, after keeping the replaced database under backups/.

Encrypted (issue 21): the copy of the database stays encrypted with the install's data
key, the shared files stay sealed, and each backup carries the install's key file
(`keys/data-key.json`: which key, and where it is kept; the key itself only wrapped by the
passphrase, never in the clear). On the same computer a backup opens as the data does; on
another, after the recovery key was entered (`clms vault recover`). A lost backup drive
holds nothing readable. Backups of releases before encryption (plain SQLite, plain files)
still open and restore; what they restore is encrypted when it is put in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.core.dbfile import DB_FILENAME, RESTORE_SUFFIX, unlock_data
from desktop.db import apply_staged_restore, copy_database
from desktop.models import Setting
from desktop.services.core.attachments import ATTACHMENTS_FOLDER
from desktop.services.core.audit import append_event
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.services.core.permissions import Permission, require
from desktop.vault import sqlite as cipher
from desktop.vault import store as vault
from desktop.vault.files import SealedFileError, is_sealed, open_sealed, seal, sealed_path
from desktop.vault.secret import DataKey

PREFIX = "CLMS-backup-"
FILES_DIR = "CLMS-backup-files"
MANIFEST = "backup.json"
PART = ".part"
FORMAT = 1
RESTORE_NOTE = "restore.json"
FOLDER_KEY, KEEP_KEY, LAST_KEY = "backup_folder", "backup_keep", "backup_last"
DEFAULT_KEEP = 7
KEEP_RANGE = (1, 60)
# What a preview counts: (label, SQL). A table an older schema lacks is left out.
COUNTS = {
    "children": "SELECT count(*) FROM child",
    "in_care": "SELECT count(*) FROM child WHERE status = 'in_care'",
    "guardians": "SELECT count(*) FROM guardian",
    "visits": "SELECT count(*) FROM guardian_visit",
    "documents": "SELECT count(*) FROM document_item",
    "orders": "SELECT count(*) FROM cwc_order",
    "notes": "SELECT count(*) FROM case_note",
    "users": "SELECT count(*) FROM user_account",
    "audit_events": "SELECT count(*) FROM audit_event",
    "attachments": "SELECT count(*) FROM attachment",
}


class BackupError(ServiceError):
    """A backup could not be made or read; the message says why in plain words."""


@dataclass(frozen=True)
class BackupSettings:
    """Where backups go, how many are kept, and how the last one went."""

    folder: Path | None
    keep: int
    last_at: datetime | None = None
    last_path: str | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class BackupInfo:
    """What one backup holds (read from the copy itself, not only from its manifest)."""

    path: Path
    created_at: datetime | None
    institution: str | None
    registration_no: str | None
    schema: str | None
    counts: dict[str, int]
    attachments: list[str]
    size: int
    last_bundle_seq: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the backup can be restored."""
        return not self.problems


# -- settings -------------------------------------------------------------------------------


def backup_settings(session: Session) -> BackupSettings:
    """The backup folder, copies kept, and the last backup's outcome (as stored)."""

    def get(key: str) -> str | None:
        row = session.get(Setting, key)
        return row.value if row is not None else None

    folder = get(FOLDER_KEY)
    keep = int(get(KEEP_KEY) or DEFAULT_KEEP)
    last = json.loads(get(LAST_KEY) or "{}")
    at = datetime.fromisoformat(last["at"]) if last.get("at") else None
    return BackupSettings(
        folder=Path(folder) if folder else None,
        keep=keep,
        last_at=at,
        last_path=last.get("path"),
        last_error=last.get("error"),
    )


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def set_backup_settings(session: Session, *, folder: str | Path | None, keep: int) -> None:
    """Choose the backup folder and how many copies to keep (superintendent)."""
    require(session, Permission.BACKUP)
    errors: dict[str, str] = {}
    if not KEEP_RANGE[0] <= keep <= KEEP_RANGE[1]:
        errors["keep"] = f"Keep between {KEEP_RANGE[0]} and {KEEP_RANGE[1]} copies."
    path = Path(folder).expanduser() if folder and str(folder).strip() else None
    if path is not None:
        problem = _writable(path)
        if problem:
            errors["folder"] = problem
    if errors:
        raise ValidationError(errors)
    _put(session, FOLDER_KEY, str(path) if path else "")
    _put(session, KEEP_KEY, str(keep))
    append_event(
        session,
        action="backup_settings",
        changes=[
            {"setting": FOLDER_KEY, "after": str(path or "")},
            {"setting": KEEP_KEY, "after": keep},
        ],
        child_uuid=None,
    )
    session.flush()


def _writable(path: Path) -> str | None:
    if not path.is_dir():
        return f"The folder {path} is not there (is the USB drive plugged in?)."
    probe = path / f".clms-write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return f"CLMS cannot write in {path}: {exc.strerror or exc}."
    return None


def backup_due(settings: BackupSettings, *, now: datetime | None = None) -> bool:
    """Whether today's backup is still to be made (a folder is chosen, none made today)."""
    if settings.folder is None:
        return False
    now = now or datetime.now(UTC)
    if settings.last_at is None or settings.last_error:
        return True
    return settings.last_at.astimezone().date() < now.astimezone().date()


def record_backup(
    session: Session, *, info: BackupInfo | None, error: str | None, at: datetime | None = None
) -> None:
    """Keep how the backup went (shown in Settings); a made backup joins the audit trail."""
    at = at or datetime.now(UTC)
    last = {"at": at.isoformat(), "path": str(info.path) if info else None, "error": error}
    _put(session, LAST_KEY, json.dumps(last))
    if info is not None:
        append_event(
            session,
            action="backup",
            changes=[{"backup": info.path.name, "counts": info.counts}],
            child_uuid=None,
        )
    session.flush()


# -- making a backup ---------------------------------------------------------------------


def _fsync_dir(path: Path) -> None:
    try:  # makes a rename durable on Linux; Windows has no directory handles for this
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + PART)
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _connect_copy(db: Path, key: DataKey | None) -> cipher.Connection:
    """A read-only connection to a database copy (plain, for a release before encryption)."""
    if key is None:
        return cipher.dbapi.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return cipher.connect(db, key.database_key, read_only=True)
    except cipher.WrongKey:
        raise BackupError(
            "This backup was made with another data key than the one it names; it is "
            "damaged or not a CLMS backup."
        ) from None


def _read_copy(db: Path, key: DataKey | None, *, check: bool = True) -> dict[str, Any]:
    """Check a database copy and read what a preview shows (read-only)."""
    con = _connect_copy(db, key)
    try:
        result = con.execute("PRAGMA quick_check").fetchone()[0] if check else "ok"
        counts: dict[str, int] = {}
        for name, sql in COUNTS.items():
            try:
                counts[name] = int(con.execute(sql).fetchone()[0])
            except cipher.OperationalError:
                continue
        inst = con.execute(
            "SELECT name, registration_no FROM institution WHERE is_local ORDER BY id LIMIT 1"
        ).fetchone()
        schema = con.execute("SELECT version_num FROM alembic_version").fetchone()
        hashes = [r[0] for r in con.execute("SELECT sha256 FROM attachment ORDER BY sha256")]
        try:
            bundle = con.execute("SELECT max(seq) FROM outbox_bundle").fetchone()[0] or 0
        except cipher.OperationalError:
            bundle = 0
    except cipher.DatabaseError as exc:
        raise BackupError(f"The database copy cannot be read: {exc}") from None
    finally:
        con.close()
    return {
        "check": result,
        "counts": counts,
        "institution": inst[0] if inst else None,
        "registration_no": inst[1] if inst else None,
        "schema": schema[0] if schema else None,
        "attachments": hashes,
        "last_bundle_seq": int(bundle),
    }


def _file_path(root: Path, key: DataKey | None, sha: str) -> Path:
    """Where a scan or photo lives: under its keyed name, or its hash (before encryption)."""
    return sealed_path(root, key, sha) if key is not None else root / sha[:2] / sha


def _copy_attachments(
    hashes: list[str],
    src_root: Path,
    dst_root: Path,
    *,
    src_key: DataKey | None,
    dst_key: DataKey,
) -> list[str]:
    """Copy content-addressed files that are not there yet, each checked (opened and its
    content hashed) before it counts; sealed for `dst_key`. Returns the hashes missing."""
    missing = []
    for sha in hashes:
        dst = _file_path(dst_root, dst_key, sha)
        if dst.exists():
            continue
        src = _file_path(src_root, src_key, sha)
        if not src.exists():
            missing.append(sha)
            continue
        blob = src.read_bytes()
        try:
            data = open_sealed(src_key, blob, sha256=sha) if src_key is not None else blob
        except SealedFileError:
            missing.append(sha)
            continue
        if is_sealed(data) or hashlib.sha256(data).hexdigest() != sha:
            missing.append(sha)  # a damaged scan must not pass for a good copy
            continue
        same_key = src_key is not None and src_key.key_id == dst_key.key_id
        vault.private_dir(dst_root)
        vault.private_dir(dst.parent)
        vault.write_private(dst, blob if same_key else seal(dst_key, data, sha256=sha))
    return missing


def _backup_key(path: Path) -> DataKey | None:
    """The data key a backup's database opens with (None: a plain backup of an older
    release), unlocked as the install's own data is; BackupError if it cannot be."""
    if cipher.is_plain_sqlite(path / DB_FILENAME):
        return None
    try:
        return vault.unlock(path)
    except vault.VaultError as exc:
        raise BackupError(
            f"This backup is encrypted and its key cannot be opened here ({exc}). On another "
            "computer, first open the data with the recovery key (clms vault recover)."
        ) from None


def make_backup(
    data_dir: Path,
    folder: Path,
    *,
    keep: int = DEFAULT_KEEP,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BackupInfo:
    """Back the data folder's database and attachments up into `folder`, keeping the newest
    `keep` backups there; returns what the new backup holds. Raises BackupError."""
    now = now or datetime.now(UTC)
    problem = _writable(folder)
    if problem:
        raise BackupError(problem)
    for leftover in folder.glob(PREFIX + "*" + PART):  # a run cut off by a power cut
        shutil.rmtree(leftover, ignore_errors=True)
    name = PREFIX + now.astimezone().strftime("%Y-%m-%d-%H%M%S")
    final = folder / name
    if final.exists():
        raise BackupError(f"A backup named {name} is already there; try again in a second.")
    work = folder / (name + PART)
    work.mkdir()
    try:
        key = vault.unlock(data_dir)
        db_copy = work / DB_FILENAME
        copy_database(data_dir / DB_FILENAME, db_copy, progress=progress, key=key)
        (work / "keys").mkdir()
        shutil.copyfile(vault.key_file(data_dir), vault.key_file(work))
        facts = _read_copy(db_copy, key)
        if facts["check"] != "ok":
            raise BackupError(f"The copy of the database failed its check: {facts['check']}")
        missing = _copy_attachments(
            facts["attachments"],
            data_dir / ATTACHMENTS_FOLDER,
            folder / FILES_DIR,
            src_key=key,
            dst_key=key,
        )
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "institution": facts["institution"],
            "registration_no": facts["registration_no"],
            "schema": facts["schema"],
            "counts": facts["counts"],
            "database": {
                "file": DB_FILENAME,
                "sha256": _sha256(db_copy),
                "size": db_copy.stat().st_size,
            },
            "attachments": facts["attachments"],
            "missing_attachments": missing,
            "last_bundle_seq": facts["last_bundle_seq"],
        }
        _write_atomically(work / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
        _fsync_dir(work)
        os.replace(work, final)
        _fsync_dir(folder)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _rotate(folder, keep)
    return inspect_backup(final)


def _complete_backups(folder: Path) -> list[Path]:
    """Finished backups in `folder`, oldest first (the name sorts by time)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_dir()
        and p.name.startswith(PREFIX)
        and not p.name.endswith(PART)
        and (p / MANIFEST).exists()
    )


def _rotate(folder: Path, keep: int) -> None:
    backups = _complete_backups(folder)
    for old in backups[: max(len(backups) - keep, 0)]:
        shutil.rmtree(old, ignore_errors=True)
    wanted: set[str] = set()
    for b in _complete_backups(folder):
        try:
            hashes = json.loads((b / MANIFEST).read_text(encoding="utf-8"))["attachments"]
            key = _backup_key(b)
        except (OSError, ValueError, KeyError, BackupError):
            return  # a backup that cannot be read: keep every file rather than lose one
        wanted.update(_file_path(folder / FILES_DIR, key, sha).name for sha in hashes)
    files = folder / FILES_DIR
    if files.is_dir():
        for f in files.glob("*/*"):
            if f.is_file() and f.name not in wanted:
                f.unlink()


# -- reading and restoring ---------------------------------------------------------------


def inspect_backup(path: Path, *, verify: bool = True) -> BackupInfo:
    """What a backup holds, checked: its database opens and passes its check, its hash and
    the attachments it names are there (`verify=False`: only what is quick to read, for a
    list). Problems are listed, not raised."""
    problems: list[str] = []
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(f"{path} is not a CLMS backup (no readable {MANIFEST}).") from None
    db = path / DB_FILENAME
    if not db.exists():
        raise BackupError(f"The backup {path.name} has no database file.")
    if verify and _sha256(db) != manifest.get("database", {}).get("sha256"):
        problems.append("The database file was changed or damaged after the backup was made.")
    key = _backup_key(path)
    facts = _read_copy(db, key, check=verify)
    if facts["check"] != "ok":
        problems.append(f"The database copy failed its check: {facts['check']}")
    files = path.parent / FILES_DIR
    absent = [s for s in facts["attachments"] if not _file_path(files, key, s).exists()]
    if absent:
        problems.append(f"{len(absent)} scanned documents or photos are missing from the backup.")
    at = manifest.get("created_at")
    return BackupInfo(
        path=path,
        created_at=datetime.fromisoformat(at) if at else None,
        institution=facts["institution"],
        registration_no=facts["registration_no"],
        schema=facts["schema"],
        counts=facts["counts"],
        attachments=facts["attachments"],
        size=db.stat().st_size,
        last_bundle_seq=facts["last_bundle_seq"],
        problems=problems,
    )


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in a folder, newest first (a folder that is itself a backup: just it)."""
    if (folder / MANIFEST).exists():
        return [inspect_backup(folder, verify=False)]
    out = []
    for b in reversed(_complete_backups(folder)):
        try:
            out.append(inspect_backup(b, verify=False))
        except BackupError:
            continue
    return out


def restore_backup(backup: Path, data_dir: Path, *, requested_by: str = "") -> Path:
    """Make a backup ready to replace the data folder's database at the next start.

    The attachments it names are copied into the data folder now (content-addressed:
    adding files never harms). Into an empty data folder the database is put in place at
    once. Returns the path of the database made ready. Raises BackupError.
    """
    info = inspect_backup(backup)
    if not info.ok:
        raise BackupError("This backup cannot be restored: " + " ".join(info.problems))
    src_key = _backup_key(backup)
    vault.private_dir(data_dir)
    if src_key is not None and not vault.key_file(data_dir).exists():
        # An empty folder (a new computer): it takes the backup's key, as the data it gets.
        vault.private_dir(vault.keys_folder(data_dir))
        shutil.copyfile(vault.key_file(backup), vault.key_file(data_dir))
    dst_key = unlock_data(data_dir)
    if src_key is not None and src_key.key_id != dst_key.key_id:
        raise BackupError(
            "This backup is of an install with another data key; restore it into an empty "
            "data folder (with that install's recovery key on another computer)."
        )
    missing = _copy_attachments(
        info.attachments,
        backup.parent / FILES_DIR,
        data_dir / ATTACHMENTS_FOLDER,
        src_key=src_key,
        dst_key=dst_key,
    )
    if missing:
        raise BackupError(f"{len(missing)} scanned documents or photos could not be copied.")
    staged = data_dir / (DB_FILENAME + RESTORE_SUFFIX)
    tmp = staged.with_name(staged.name + PART)
    copy_database(backup / DB_FILENAME, tmp, key=src_key)
    if _read_copy(tmp, src_key)["check"] != "ok":
        tmp.unlink()
        raise BackupError("The restored copy failed its check; nothing was changed.")
    os.replace(tmp, staged)
    note = {
        "backup": str(backup),
        "created_at": info.created_at.isoformat() if info.created_at else None,
        "requested_by": requested_by,
        "requested_at": datetime.now(UTC).isoformat(),
    }
    _write_atomically(data_dir / RESTORE_NOTE, json.dumps(note).encode("utf-8"))
    if not (data_dir / DB_FILENAME).exists():
        apply_staged_restore(data_dir)
    return staged


def record_restore_requested(session: Session, info: BackupInfo) -> None:
    """Note in the audit trail that a backup was made ready to replace this database
    (superintendent); the restored database records the restore itself on its first start."""
    require(session, Permission.BACKUP)
    append_event(
        session,
        action="restore_backup",
        changes=[
            {
                "backup": info.path.name,
                "created_at": info.created_at.isoformat() if info.created_at else None,
                "step": "made ready; replaces this database at the next start",
            }
        ],
        child_uuid=None,
    )
    session.flush()


def restore_waiting(data_dir: Path) -> bool:
    """Whether a restored database waits to be put in place at the next start."""
    return (data_dir / (DB_FILENAME + RESTORE_SUFFIX)).exists()


def finish_restore(session: Session, data_dir: Path) -> dict[str, Any] | None:
    """After a restored database was put in place: record it in its audit trail (once)."""
    note_path = data_dir / RESTORE_NOTE
    if not note_path.exists() or restore_waiting(data_dir):
        return None
    try:
        note: dict[str, Any] = json.loads(note_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        note = {}
    append_event(
        session,
        action="restore_backup",
        changes=[{"restored_from": Path(str(note.get("backup", ""))).name, **note}],
        child_uuid=None,
    )
    session.flush()
    note_path.unlink()
    return note


def next_due(settings: BackupSettings, *, now: datetime | None = None) -> datetime | None:
    """When the next daily backup falls due (None without a folder)."""
    if settings.folder is None:
        return None
    now = now or datetime.now(UTC)
    if backup_due(settings, now=now) or settings.last_at is None:
        return now
    local = settings.last_at.astimezone()
    return (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
