"""Opened scans (issue 21): copies for the computer's viewer go to a private folder under
random names, emptied when the window closes and when it starts."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices

from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.vault.viewing import FOLDER, clear_opened, open_copy
from desktop.views.app_context import AppContext
from desktop.views.profile.page import ProfilePage
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")


def test_opened_scan_is_private_random_and_cleared(
    qtbot, ctx: AppContext, actor: Actor, data_dir: Path, tmp_path, monkeypatch
):
    """The scan opens from <data folder>/opened under a random name, owner-only; nothing goes
    to the shared temporary folder (it went to a shared clms-scans folder under the first
    16 hex digits of its hash, and stayed there); emptying the folder removes it."""
    with unit_of_work(ctx.engine, actor) as s:
        child_id = register_child(s, child_input(), today=TODAY).id
    page = ProfilePage(ctx, child_id)
    qtbot.addWidget(page)
    docs = page.documents
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n% a made-up scan\n%%EOF\n")
    docs.table.selectRow(0)
    assert docs.attach_file(str(scan))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    shared = set(Path(tempfile.gettempdir()).iterdir())
    docs.table.selectRow(0)
    first, second = docs.view_scan(), docs.view_scan()
    assert first is not None and second is not None and first != second
    assert first.parent == data_dir / FOLDER and first.read_bytes() == scan.read_bytes()
    digest = docs.scans[0]
    assert digest[:16] not in first.name and len(first.stem) == 32
    if os.name != "nt":
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
        assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700
    assert set(Path(tempfile.gettempdir()).iterdir()) <= shared | {tmp_path}
    assert clear_opened(data_dir) == 0
    assert not (data_dir / FOLDER).exists()


def test_window_start_and_close_empty_the_folder(tmp_path, monkeypatch):
    """Left-over copies (a crash, a viewer that held the file) go when the window starts, and
    the window's own copies go when it closes."""
    import desktop.__main__ as app

    left = open_copy(tmp_path, b"%PDF left from last time", suffix=".pdf")
    seen: list[bool] = []

    def fake_open(data_dir, passphrase=None):  # type: ignore[no-untyped-def]
        seen.append(left.exists())  # already gone when the database is opened
        open_copy(data_dir, b"%PDF opened this time", suffix=".pdf")
        return None, None

    monkeypatch.setattr(app, "_open", fake_open)
    assert app.main(["--data-dir", str(tmp_path)]) == 1
    assert seen == [False]
    app._clear_opened_files(tmp_path)
    assert not (tmp_path / FOLDER).exists()
    with pytest.raises(ValueError):
        open_copy(tmp_path, b"x", suffix="/../../etc")
