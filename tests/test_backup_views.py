"""Backups in the window: Settings → Backups, Back up now, the daily runner, and Restore from
backup with its preview, ending in a restored database at the next start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from desktop.db import DB_FILENAME, open_database
from desktop.services.cases.children import register_child
from desktop.services.core import backup
from desktop.services.core.context import Actor, unit_of_work
from desktop.views.admin.backup_views import BackupBox, BackupRunner
from desktop.views.admin.settings_page import SettingsPage
from desktop.views.app_context import AppContext
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """An empty folder standing for a USB drive."""
    d = tmp_path / "usb"
    d.mkdir()
    return d


@pytest.fixture
def two_children(ctx: AppContext, actor: Actor) -> AppContext:
    """Two children on record."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        register_child(s, child_input(), today=TODAY)
        register_child(s, child_input(first_name="Kavita", name_local=None), today=TODAY)
    return ctx


def box_for(qtbot, ctx: AppContext) -> BackupBox:
    """A shown Backups box."""
    box = BackupBox(ctx)
    qtbot.addWidget(box)
    box.show()
    return box


def children(engine: Engine) -> int:
    """How many children the database holds."""
    with Session(engine) as s:
        return int(s.execute(text("SELECT count(*) FROM child")).scalar() or 0)


def test_choose_folder_keep_and_back_up_now(qtbot, two_children, usb, monkeypatch) -> None:
    """Choosing the folder and Back up now make a backup there; the box says when and where."""
    ctx = two_children
    box = box_for(qtbot, ctx)
    assert "not chosen" in box.folder.text() and "No backup" in box.status.text()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    qtbot.mouseClick(box.choose_button, Qt.MouseButton.LeftButton)
    assert box.folder.text() == str(usb)
    box.keep.setFocus()
    box.keep.selectAll()
    qtbot.keyClicks(box.keep, "3")
    qtbot.keyClick(box.keep, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: box.settings().keep == 3, timeout=3000)
    qtbot.mouseClick(box.now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Backup made" in box.status.text(), timeout=10_000)
    made = backup.list_backups(usb)
    assert len(made) == 1 and made[0].counts["children"] == 2
    box.reload()
    assert "Last backup" in box.status.text() and str(made[0].path) in box.status.text()


def test_a_caseworker_sees_the_backups_but_cannot_change_them(qtbot, ctx) -> None:
    """For a caseworker every control is off and the box says who may change them."""
    ctx.actor = Actor("ravi", "caseworker", "Ravi Kumar")
    box = box_for(qtbot, ctx)
    assert not box.now_button.isEnabled() and not box.restore_button.isEnabled()
    assert not box.choose_button.isEnabled()
    assert "Only the superintendent" in box.help.text()


def test_the_daily_runner_backs_up_once_a_day(qtbot, two_children, usb, actor) -> None:
    """With a folder chosen, the runner makes today's backup once; tomorrow it makes another."""
    ctx = two_children
    with unit_of_work(ctx.engine, actor) as s:
        backup.set_backup_settings(s, folder=usb, keep=7)
    now = [datetime(2026, 11, 23, 9, 0, tzinfo=UTC)]
    runner = BackupRunner(ctx, box_for(qtbot, ctx), now=lambda: now[0], first_check_ms=10**8)
    with qtbot.waitSignal(runner.finished, timeout=10_000) as done:
        assert runner.check() is not None
    assert done.args == [""]
    assert runner.check() is None  # made today already
    now[0] += timedelta(days=1)
    assert runner.due()


def test_the_daily_runner_says_when_the_usb_drive_is_missing(qtbot, two_children, usb, actor):
    """The folder gone (drive pulled out): the runner reports why and tries again later."""
    ctx = two_children
    with unit_of_work(ctx.engine, actor) as s:
        backup.set_backup_settings(s, folder=usb, keep=7)
    usb.rmdir()
    runner = BackupRunner(ctx, box_for(qtbot, ctx), first_check_ms=10**8)
    with qtbot.waitSignal(runner.finished, timeout=10_000) as done:
        runner.check()
    assert "plugged in" in done.args[0]
    assert runner.due()  # a failed backup is tried again at the next look


def test_restore_previews_the_backup_and_replaces_the_data_at_the_next_start(
    qtbot, two_children, usb, actor, monkeypatch
) -> None:
    """Settings → Restore from backup lists the backup with its date, institution and counts;
    Restore (after Yes) closes the window; the next start opens the backed-up data."""
    ctx = two_children
    info = backup.make_backup(ctx.data_dir, usb, keep=3)
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        register_child(s, child_input(first_name="Later", name_local=None), today=TODAY)
    with unit_of_work(ctx.engine, actor) as s:
        backup.set_backup_settings(s, folder=usb, keep=3)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    dialog = page.backup_box.restore_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Asha Kiran Children's Home"
    assert dialog.table.item(0, 2).text() == "2"
    assert "Children: 2 (2 in care)" in dialog.preview.text()
    assert "Everything entered after" in dialog.warning.text()
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: next(answers))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert not dialog.made_ready and not backup.restore_waiting(ctx.data_dir)  # said No
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.made_ready and backup.restore_waiting(ctx.data_dir)
    assert children(ctx.engine) == 3  # the open database is not touched
    ctx.engine.dispose()
    engine = open_database(ctx.data_dir)
    try:
        assert children(engine) == 2
    finally:
        engine.dispose()
    assert info.path.exists()


def test_restored_signal_closes_the_window_after_saying_so(qtbot, ctx, monkeypatch) -> None:
    """Once a backup is made ready, Settings says CLMS closes and closes its window."""
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, msg: said.append(msg))
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.backup_box.restored.emit()
    assert said and "closes now" in said[0] and not page.isVisible()
    assert (ctx.data_dir / DB_FILENAME).exists()
