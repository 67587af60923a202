"""Sync that never blocks: offline said in seconds, sending in the background with Stop,
the sync line in the status bar, and practice folders that never send.

Against the real central server on 127.0.0.1 (and, for "offline", a closed port or a
server that never answers); nothing here is a mock.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from desktop.cli.main import main as clms
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import NotAllowed
from desktop.services.demo.generate import generate_demo
from desktop.views.app_context import AppContext
from desktop.views.main_window import MainWindow
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import Offline, UploadSettings, institution_info, push
from sync_client.exchange.usb import export_outbox
from sync_client.practice import PRACTICE_REFUSAL
from tests.conftest import TODAY
from tests.helpers import child_input
from tests.sync_helpers import SlowProxy, closed_port_url, running_central, silent_server

pytestmark = pytest.mark.usefixtures("no_work_left_running")
PASSPHRASE = "sync never blocks"


@pytest.fixture
def central() -> key_files.OwnKeys:
    """The state's keys."""
    return key_files.generate_keys(role="central", name="Test State")


def ready_for_sync(
    engine: Engine, actor: Actor, data_dir: Path, central: key_files.OwnKeys
) -> None:
    """This CCI's key (in a passphrase file), central's key imported, two children."""
    with unit_of_work(engine, actor) as s:
        sync_outbox.create_own_keys(s, data_dir=data_dir, name="Test Home", passphrase=PASSPHRASE)
    path = data_dir / "central.pub"
    key_files.write_public_key_file(path, central.public())
    with unit_of_work(engine, actor) as s:
        sync_outbox.import_public_key(s, path=path)
    with unit_of_work(engine, actor, as_of=TODAY) as s:
        register_child(s, child_input(), today=TODAY)
        register_child(s, child_input(first_name="Ravi", gender="male"), today=TODAY)


@pytest.fixture
def window(qtbot, ctx: AppContext, monkeypatch):  # type: ignore[no-untyped-def]
    """The main window on the Sync screen (passphrase answered, message boxes noted)."""
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASSPHRASE, True))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    return w


def test_offline_at_a_closed_port_is_said_within_seconds(
    qtbot, window: MainWindow, actor, data_dir, central
) -> None:
    """Send with nothing listening at the address: "offline" on the screen and in the
    status bar within seconds (not minutes of retries), the changes still waiting."""
    ready_for_sync(window.ctx.engine, actor, data_dir, central)
    page = window.show_page("sync")
    page.refresh()
    page.url_edit.setText(closed_port_url())
    started = time.monotonic()
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("Offline"), timeout=10_000)
    assert time.monotonic() - started < 8
    assert page.status_line.text().startswith("offline · ")
    assert "changes waiting" in page.status_line.text()
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("offline · "), timeout=5000)
    assert "never sent" in window.sync_label.text()
    assert page.send_button.isEnabled() and not page.stop_button.isVisible()
    with Session(window.ctx.engine) as s:
        assert len(sync_outbox.outbox(s)) == 1  # bundled, kept for next time or USB


def test_a_server_that_never_answers_is_offline_within_the_probe_time(
    inst_engine: Engine, actor, data_dir, central
) -> None:
    """A link that connects but carries nothing back ends as Offline after the short
    probe, not after the long timeouts of an upload."""
    ready_for_sync(inst_engine, actor, data_dir, central)
    with Session(inst_engine) as s:
        signer = sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase=PASSPHRASE)
    with unit_of_work(inst_engine, actor) as s:
        sync_outbox.build_bundles(s, signer=signer)
    with silent_server() as url:
        settings = UploadSettings(url=url, probe_timeout=1.0)
        started = time.monotonic()
        with pytest.raises(Offline, match="cannot be reached"):
            push(inst_engine, actor=actor, settings=settings, signer=signer)
        assert time.monotonic() - started < 4


def test_sending_runs_in_the_background_and_stop_ends_it(
    qtbot, window: MainWindow, actor, data_dir, central, tmp_path: Path
) -> None:
    """On a slow link the window stays usable while sending (another screen, typing);
    Stop ends the send, nothing is lost, and the next send gets everything through."""
    ready_for_sync(window.ctx.engine, actor, data_dir, central)
    page = window.show_page("sync")
    with running_central(tmp_path, central) as (server, rcv):
        with Session(window.ctx.engine) as s:  # the state office has enrolled this CCI
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        slow = SlowProxy(server.server_address[:2], delay=1.5)
        try:
            page.refresh()
            page.url_edit.setText(slow.url)
            qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: "Asking the state office" in page.message.text())
            assert page.stop_button.isVisible() and page.stop_button.isEnabled()
            # The window is not held up: another screen, and typing in it, work meanwhile.
            children = window.show_page("children")
            qtbot.keyClicks(children.search_box, "Ravi")
            assert children.search_box.text() == "Ravi"
            window.show_page("sync")
            qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: page.message.text().startswith("Stopped"), timeout=8000)
        finally:
            slow.close()
        assert rcv.record_count() == 0 and not page.stop_button.isVisible()
        page.url_edit.setText(server.url)
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.message.text().startswith("Sent 1 bundle"), timeout=15_000)
        assert rcv.record_count() > 0
    assert page.status_line.text().startswith("online · nothing waiting · last sent ")
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("online · nothing waiting"))


def test_a_practice_folder_never_syncs_or_exports(
    qtbot, window: MainWindow, actor, data_dir, central, capsys
) -> None:
    """Made-up children stay on the computer: bundling, sending and copying to a USB
    stick are refused with the reason, in the services, the command line and the window."""
    engine = window.ctx.engine
    with unit_of_work(engine, actor, rules=False) as s:
        generate_demo(s, children=5, seed=3, as_of=TODAY)
    with unit_of_work(engine, actor) as s:
        sync_outbox.create_own_keys(s, data_dir=data_dir, name="Practice", passphrase=PASSPHRASE)
    key_files.write_public_key_file(data_dir / "central.pub", central.public())
    with unit_of_work(engine, actor) as s:
        sync_outbox.import_public_key(s, path=data_dir / "central.pub")
    with Session(engine) as s:
        signer = sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase=PASSPHRASE)
    with unit_of_work(engine, actor) as s, pytest.raises(NotAllowed, match="practice folder"):
        sync_outbox.build_bundles(s, signer=signer)
    with pytest.raises(NotAllowed, match="practice folder"):
        push(engine, actor=actor, settings=UploadSettings(url=closed_port_url()), signer=signer)
    stick = data_dir.parent / "stick"
    stick.mkdir()
    with unit_of_work(engine, actor) as s, pytest.raises(NotAllowed, match="practice folder"):
        export_outbox(s, folder=stick, institution=institution_info(s))
    assert list(stick.iterdir()) == []
    rc = clms(["--data-dir", str(data_dir), "sync", "export-usb", str(stick)])
    assert rc != 0 and PRACTICE_REFUSAL[:40] in capsys.readouterr().err
    window.reload()  # F5: read everything again, as after making the practice data
    page = window.show_page("sync")
    page.refresh()
    assert not page.send_button.isEnabled() and not page.usb_button.isEnabled()
    assert page.message.text().startswith("This is a practice folder")
    assert page.status_line.text().startswith("Practice folder: never sent")
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Practice folder"))
