"""The Sync screen: key set-up, importing the office key, sending with progress, USB export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox
from sqlalchemy import Engine

from bundle_format import keys as key_files
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.views.app_context import AppContext
from desktop.views.sync.page import SyncPage
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import institution_info
from tests.conftest import TODAY
from tests.helpers import child_input
from tests.sync_helpers import running_central


@pytest.fixture()
def page(qtbot, inst_engine: Engine, actor: Actor, data_dir: Path, monkeypatch):  # type: ignore[no-untyped-def]
    with unit_of_work(inst_engine, actor) as s:
        register_child(s, child_input(), today=TODAY)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("page passphrase", True))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    w = SyncPage(AppContext(inst_engine, data_dir, actor))
    w.shown = shown  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    return w


def test_needs_keys_before_sending(page: SyncPage) -> None:
    """Without keys the send buttons are off and the screen says what to do first."""
    assert not page.send_button.isEnabled() and not page.usb_button.isEnabled()
    assert "set up this CCI's key" in page.message.text()
    assert page.key_label.text() == "not set up yet"
    assert page.waiting_label.text() == "0"  # no key yet: nothing counted as waiting


def test_figures_are_fresh_when_the_screen_is_shown(
    page: SyncPage,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    inst_engine: Engine,
) -> None:
    """A change made on another screen shows as waiting when the Sync screen is opened."""
    qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)
    before = int(page.waiting_label.text())
    with unit_of_work(inst_engine, Actor("t")) as s:
        register_child(s, child_input(first_name="Meena"), today=TODAY)
    assert int(page.waiting_label.text()) == before  # hidden: not re-read yet
    page.show()
    qtbot.waitExposed(page)
    assert int(page.waiting_label.text()) > before


def test_set_up_import_send_and_export(
    page: SyncPage,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
    inst_engine: Engine,
) -> None:
    """Set up the key, import central's key, send (progress to 100%, counts shown), export."""
    qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)
    assert "passphrase-protected file" in page.shown[-1]
    assert "passphrase-protected file" in page.key_label.text()
    central = key_files.generate_keys(role="central", name="Test State")
    key_files.write_public_key_file(tmp_path / "central.pub", central.public())
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "central.pub"), "")
    )
    qtbot.mouseClick(page.import_key_button, Qt.MouseButton.LeftButton)
    assert central.public().fingerprint in page.shown[-1] and "phone" in page.shown[-1]
    assert page.central_label.text() == central.public().fingerprint
    district = key_files.generate_keys(role="district", name="Patna DCPU")
    key_files.write_public_key_file(tmp_path / "district.pub", district.public())
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "district.pub"), "")
    )
    qtbot.mouseClick(page.import_key_button, Qt.MouseButton.LeftButton)
    assert page.district_label.text() == district.public().fingerprint
    assert page.send_button.isEnabled()
    waiting = int(page.waiting_label.text())
    assert waiting > 0
    page._signer = None  # as after restarting the app: the passphrase is asked again
    with running_central(tmp_path, central) as (server, rcv):
        with unit_of_work(inst_engine, Actor("t")) as s:
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        page.url_edit.clear()
        qtbot.keyClicks(page.url_edit, server.url)
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.count_labels["created"].text() != "–", timeout=15000)
        assert rcv.record_count() == waiting
    assert page.count_labels["created"].text() == str(waiting)
    assert page.progress.value() == 100 and "Sent 1 bundle" in page.message.text()
    assert page.unacked_label.text() == "0" and page.table.rowCount() == 0
    # USB: a new change goes into a bundle copied to the chosen folder.
    with unit_of_work(inst_engine, Actor("t")) as s:
        register_child(s, child_input(first_name="Meena"), today=TODAY)
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    page.refresh()
    qtbot.mouseClick(page.usb_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "copied to" in page.message.text(), timeout=15000)
    # Both bundles go on the stick: the district has not seen the one sent online either.
    assert len(list(stick.glob("CLMS/bundles/*/*.clmsb"))) == 2
    assert page.table.rowCount() == 1 and page.table.item(0, 4).text() == "copied to USB"
    # The district office takes the stick in and writes a receipt; the CCI imports it.
    from sync_client.district import mode as district_office

    office = tmp_path / "office"
    office.mkdir()
    res = district_office.import_folder(
        view=district_office.open_view(office),
        keys=district,
        district_code=212,
        folder=stick,
        trust_new=lambda *_: True,
    )
    assert res.receipts_written == 2 and res.refused == []
    qtbot.mouseClick(page.receipts_button, Qt.MouseButton.LeftButton)
    assert "2 receipt(s) checked and accepted" in page.message.text()
    assert page.table.rowCount() == 0 and page.unacked_label.text() == "0"


def test_enrolment_waits_for_approval_and_says_so(
    page: SyncPage,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """Asking to enrol says it waits for the state office (with this CCI's fingerprint);
    sending meanwhile says the same, not "could not reach"; after approval both work."""
    from sqlalchemy.orm import Session

    from central import enrolment
    from central.schema import writer

    def answers(_parent, _title, _label, echo=QLineEdit.EchoMode.Normal, *a, **k):  # type: ignore[no-untyped-def]
        return ("page passphrase", True) if echo == QLineEdit.EchoMode.Password else ("", True)

    monkeypatch.setattr(QInputDialog, "getText", answers)
    qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)
    central = key_files.generate_keys(role="central", name="Test State")
    key_files.write_public_key_file(tmp_path / "central.pub", central.public())
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "central.pub"), "")
    )
    qtbot.mouseClick(page.import_key_button, Qt.MouseButton.LeftButton)
    fp = page.state.own.fingerprint  # type: ignore[union-attr]
    with running_central(tmp_path, central) as (server, rcv):
        qtbot.keyClicks(page.url_edit, server.url)
        qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: "Waiting for the state office" in page.message.text(), timeout=15000
        )
        assert fp in page.message.text()
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.send_button.isEnabled(), timeout=15000)
        assert "Waiting for the state office" in page.message.text() and fp in page.message.text()
        assert rcv.record_count() == 0
        with Session(writer(rcv.engine)) as s, s.begin():
            (req,) = enrolment.pending_requests(s)
            enrolment.approve(s, request_id=req.id, fingerprint_read=fp, by="State admin")
        qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "is enrolled" in page.message.text(), timeout=15000)
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Sent 1 bundle" in page.message.text(), timeout=15000)
        assert rcv.record_count() > 0


def test_the_states_ca_file_is_remembered(
    page: SyncPage, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Choosing the state's CA file stores it in the upload settings the sender uses."""
    from sqlalchemy.orm import Session

    from sync_client.exchange.upload import save_settings, settings_from_db

    ca = tmp_path / "state-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(ca), ""))
    qtbot.mouseClick(page.ca_button, Qt.MouseButton.LeftButton)
    assert str(ca) in page.message.text()
    with unit_of_work(page.ctx.engine, Actor("t")) as s:
        save_settings(s, url="https://state.example")
    with Session(page.ctx.engine) as s:
        assert settings_from_db(s).ca_file == str(ca)
