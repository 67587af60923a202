"""Backups: the database and attachments to a chosen folder, N copies kept, a preview of
what a backup holds, and a restore into a fresh folder that gives back the same data."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from desktop.db import DB_FILENAME, open_database
from desktop.models import AuditEvent, Child
from desktop.services.cases.casework import add_guardian, attach_scan, log_visit, set_photo
from desktop.services.cases.children import register_child
from desktop.services.cases.profile import attachment_store
from desktop.services.core import backup
from desktop.services.core.audit_chain import check_chain
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.core.errors import PermissionDenied, ValidationError
from tests.conftest import TODAY
from tests.helpers import child_input

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n% an invented scan for the tests\n%%EOF\n"
T0 = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


@pytest.fixture
def filled(inst_engine: Engine, actor: Actor, data_dir: Path) -> Engine:
    """Two children, a guardian, a visit, a photo and a scan (files in attachments/)."""
    store = attachment_store(data_dir)
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        a = register_child(s, child_input(), today=TODAY)
        register_child(s, child_input(first_name="Kavita", name_local=None), today=TODAY)
        g = add_guardian(s, a, name="Sunita Devi", relation="mother")
        log_visit(s, a, visit_date="2025-06-01", guardian=g, today=TODAY)
        set_photo(s, a, data=PNG, store=store, today=TODAY)
        attach_scan(s, a, doc_type="admission_order", data=PDF, store=store, today=TODAY)
    return inst_engine


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table of a database file (for comparing two files)."""
    d = sqlite_utils.Database(db)
    try:
        return {
            t.name: sorted(map(tuple, d.execute(f"SELECT * FROM [{t.name}]").fetchall()))
            for t in d.tables
            if not t.name.startswith("child_search") and t.name != "sqlite_sequence"
        }
    finally:
        d.conn.close()


def test_backup_holds_the_database_and_attachments_and_restores_into_a_fresh_folder(
    filled: Engine, data_dir: Path, tmp_path: Path
):
    """A backup made while the database is open restores into an empty folder with every row
    of every table and every attachment byte for byte the same."""
    usb = tmp_path / "usb"
    usb.mkdir()
    info = backup.make_backup(data_dir, usb, keep=3, now=T0)
    assert info.ok and info.path.name == "CLMS-backup-" + T0.astimezone().strftime(
        "%Y-%m-%d-%H%M%S"
    )
    assert info.counts["children"] == 2 and info.counts["visits"] == 1
    assert info.institution == "Asha Kiran Children's Home"
    assert len(info.attachments) == 2
    original = table_rows(data_dir / DB_FILENAME)

    fresh = tmp_path / "restored"
    backup.restore_backup(info.path, fresh, requested_by="asha")
    assert (fresh / DB_FILENAME).exists() and not backup.restore_waiting(fresh)
    assert table_rows(fresh / DB_FILENAME) == original
    for sha in info.attachments:
        a = (data_dir / "attachments" / sha[:2] / sha).read_bytes()
        assert (fresh / "attachments" / sha[:2] / sha).read_bytes() == a
    engine = open_database(fresh)
    try:
        with unit_of_work(engine, SYSTEM) as s:
            note = backup.finish_restore(s, fresh)
            assert note is not None and note["requested_by"] == "asha"
        with Session(engine) as s:
            assert check_chain(s).ok
            assert s.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc())).first() == (
                "restore_backup"
            )
            assert {c.first_name for c in s.scalars(select(Child))} == {"Priya", "Kavita"}
            assert attachment_store(fresh).get(info.attachments[0])
    finally:
        engine.dispose()


def test_backups_rotate_keeping_n_copies_and_the_files_they_need(
    filled: Engine, data_dir: Path, tmp_path: Path, actor: Actor
):
    """With keep=2, the third backup removes the oldest; shared files stay while named."""
    usb = tmp_path / "usb"
    usb.mkdir()
    made = [backup.make_backup(data_dir, usb, keep=2, now=T0 + timedelta(days=i)) for i in range(3)]
    names = [b.path.name for b in backup.list_backups(usb)]
    assert names == [made[2].path.name, made[1].path.name]
    files = sorted(p.name for p in (usb / backup.FILES_DIR).glob("*/*"))
    assert files == sorted(made[2].attachments)  # each file once, shared by the copies


def test_a_cut_off_backup_is_not_listed_and_is_cleared_by_the_next_run(
    filled: Engine, data_dir: Path, tmp_path: Path
):
    """A half-written backup (power cut) never counts as a backup and is removed next time."""
    usb = tmp_path / "usb"
    usb.mkdir()
    half = usb / "CLMS-backup-2026-11-22-100000.part"
    half.mkdir()
    (half / DB_FILENAME).write_bytes(b"half a file")
    assert backup.list_backups(usb) == []
    backup.make_backup(data_dir, usb, keep=3, now=T0)
    assert not half.exists() and len(backup.list_backups(usb)) == 1


def test_a_damaged_backup_is_shown_with_its_problem_and_refused(
    filled: Engine, data_dir: Path, tmp_path: Path
):
    """A backup whose database changed after it was written, or missing a scan, is refused."""
    usb = tmp_path / "usb"
    usb.mkdir()
    info = backup.make_backup(data_dir, usb, keep=3, now=T0)
    con = sqlite3.connect(info.path / DB_FILENAME)
    con.execute("UPDATE child SET first_name = 'Changed'")
    con.commit()
    con.close()
    shown = backup.inspect_backup(info.path)
    assert not shown.ok and "changed or damaged" in shown.problems[0]
    with pytest.raises(backup.BackupError, match="cannot be restored"):
        backup.restore_backup(info.path, tmp_path / "fresh")
    assert not (tmp_path / "fresh" / DB_FILENAME).exists()

    second = backup.make_backup(data_dir, usb, keep=3, now=T0 + timedelta(hours=1))
    shutil.rmtree(usb / backup.FILES_DIR)
    assert "missing" in " ".join(backup.inspect_backup(second.path).problems)


def test_restore_over_a_database_waits_for_the_next_start_and_keeps_the_old_one(
    filled: Engine, data_dir: Path, tmp_path: Path, actor: Actor
):
    """Restoring into the folder in use only makes the copy ready; the next open puts it in
    place and keeps the replaced database (with its newest change) under backups/."""
    usb = tmp_path / "usb"
    usb.mkdir()
    info = backup.make_backup(data_dir, usb, keep=3, now=T0)
    with unit_of_work(filled, actor, as_of=TODAY) as s:
        register_child(s, child_input(first_name="Later"), today=TODAY)
    backup.restore_backup(info.path, data_dir, requested_by="asha")
    assert backup.restore_waiting(data_dir)
    with Session(filled) as s:  # the open database is untouched until the restart
        assert s.execute(text("SELECT count(*) FROM child")).scalar() == 3
    filled.dispose()
    engine = open_database(data_dir)
    try:
        with Session(engine) as s:
            assert s.execute(text("SELECT count(*) FROM child")).scalar() == 2
        kept = list((data_dir / "backups").glob("*before-restore*"))
        assert len(kept) == 1
        old = sqlite3.connect(kept[0])
        assert old.execute("SELECT count(*) FROM child WHERE first_name='Later'").fetchone() == (1,)
        old.close()
    finally:
        engine.dispose()


def test_settings_need_a_folder_that_is_there_and_a_sensible_number(
    inst_engine: Engine, actor: Actor, tmp_path: Path
):
    """The folder must exist and be writable, the copies between 1 and 60; caseworkers may not."""
    with unit_of_work(inst_engine, actor) as s:
        with pytest.raises(ValidationError) as err:
            backup.set_backup_settings(s, folder=tmp_path / "no-usb", keep=0)
        assert set(err.value.errors) == {"folder", "keep"}
        assert "plugged in" in err.value.errors["folder"]
        backup.set_backup_settings(s, folder=tmp_path, keep=5)
    with Session(inst_engine) as s:
        got = backup.backup_settings(s)
    assert (got.folder, got.keep, got.last_at) == (tmp_path, 5, None)
    with (
        pytest.raises(PermissionDenied),
        unit_of_work(inst_engine, Actor("ravi", "caseworker")) as s,
    ):
        backup.set_backup_settings(s, folder=tmp_path, keep=5)


def test_a_backup_is_due_once_a_day_and_again_after_a_failure(tmp_path: Path):
    """No folder: never due; none made: due; made today: not due; tomorrow or failed: due."""
    none = backup.BackupSettings(folder=None, keep=7)
    assert not backup.backup_due(none, now=T0)
    first = backup.BackupSettings(folder=tmp_path, keep=7)
    assert backup.backup_due(first, now=T0)
    done = backup.BackupSettings(folder=tmp_path, keep=7, last_at=T0, last_path="x")
    assert not backup.backup_due(done, now=T0 + timedelta(hours=1))
    assert backup.backup_due(done, now=T0 + timedelta(days=1))
    failed = backup.BackupSettings(folder=tmp_path, keep=7, last_at=T0, last_error="no USB")
    assert backup.backup_due(failed, now=T0 + timedelta(minutes=5))


def test_a_missing_usb_drive_is_said_plainly_and_recorded(
    inst_engine: Engine, data_dir: Path, tmp_path: Path
):
    """Backing up to a folder that is not there fails with a plain message, kept in settings."""
    with pytest.raises(backup.BackupError, match="plugged in"):
        backup.make_backup(data_dir, tmp_path / "E-drive", keep=3, now=T0)
    with unit_of_work(inst_engine, SYSTEM) as s:
        backup.record_backup(s, info=None, error="The folder is not there", at=T0)
    with Session(inst_engine) as s:
        got = backup.backup_settings(s)
    assert (got.last_at, got.last_error) == (T0, "The folder is not there")


def test_the_manifest_names_the_institution_and_the_counts(
    filled: Engine, data_dir: Path, tmp_path: Path
):
    """backup.json carries the date, the institution, the counts and the database's hash."""
    usb = tmp_path / "usb"
    usb.mkdir()
    info = backup.make_backup(data_dir, usb, keep=3, now=T0)
    m = json.loads((info.path / backup.MANIFEST).read_text(encoding="utf-8"))
    assert m["institution"] == "Asha Kiran Children's Home" and m["registration_no"]
    assert m["counts"]["children"] == 2 and len(m["database"]["sha256"]) == 64
    assert datetime.fromisoformat(m["created_at"]) == T0
