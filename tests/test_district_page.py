"""The district office screen: USB import with a fingerprint question, the per-CCI view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from sqlalchemy import Engine

from bundle_format import keys as key_files
from desktop.db import open_database
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.views.app_context import AppContext
from desktop.views.district.page import DistrictPage
from sync_client.district import mode as district_office
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import institution_info
from sync_client.exchange.usb import export_outbox
from tests.conftest import TODAY
from tests.helpers import child_input

PW = "office passphrase"


def test_not_an_office(qtbot, engine: Engine, data_dir: Path, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    """On a CCI's computer the screen says it is not a district office and cannot import."""
    w = DistrictPage(AppContext(engine, data_dir, actor))
    qtbot.addWidget(w)
    assert (
        not w.import_button.isEnabled() and "not set up as a district office" in w.subtitle.text()
    )


def test_import_from_stick_shows_the_cci(
    qtbot,
    inst_engine: Engine,
    data_dir: Path,  # type: ignore[no-untyped-def]
    actor: Actor,
    tmp_path: Path,
    monkeypatch,
) -> None:
    """Import asks about the new CCI's fingerprint, merges, lists its children, writes receipts."""
    office_dir = tmp_path / "office"
    office_dir.mkdir()
    office = open_database(office_dir)
    with unit_of_work(office, actor) as s:
        stored = district_office.setup_office(
            s, data_dir=office_dir, name="Patna DCPU", district_code=212, passphrase=PW
        )
    key_files.write_public_key_file(tmp_path / "district.pub", stored.keys.public())
    key_files.write_public_key_file(
        tmp_path / "central.pub", key_files.generate_keys(role="central", name="State").public()
    )
    with unit_of_work(inst_engine, actor) as s:
        sync_outbox.create_own_keys(s, data_dir=data_dir, name="Home", passphrase="cci passphrase")
        sync_outbox.import_public_key(s, path=tmp_path / "central.pub")
        sync_outbox.import_public_key(s, path=tmp_path / "district.pub")
    with unit_of_work(inst_engine, actor) as s:
        register_child(s, child_input(first_name="Meena"), today=TODAY)
    stick = tmp_path / "stick"
    stick.mkdir()
    with unit_of_work(inst_engine, actor) as s:
        sync_outbox.build_next_bundle(
            s, signer=sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase="cci passphrase")
        )
        export_outbox(s, folder=stick, institution=institution_info(s))
        fp = sync_outbox.own_public(s).fingerprint  # type: ignore[union-attr]
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PW, True))
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    w = DistrictPage(AppContext(office, office_dir, actor))
    qtbot.addWidget(w)
    assert w.cci_model.rowCount() == 0
    qtbot.mouseClick(w.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "taken in" in w.message.text(), timeout=15000)
    assert len(asked) == 1 and fp in asked[0]
    assert "1 bundle(s) taken in, 1 receipt(s) written" in w.message.text()
    assert w.cci_model.rowCount() == 1
    assert w.cci_model.text(0, 0) == "Asha Kiran Children's Home"
    assert w.cci_model.text(0, 1) == "1"
    assert w.children_model.rowCount() == 1
    assert w.children_model.text(0, 1) == "Meena Kumari"
    assert len(list(stick.glob("CLMS/receipts/*/*.receipt"))) == 1
    # The open flags of the CCI, as raised by its rules, each naming the child.
    n_flags = int(w.cci_model.text(0, 3))
    assert n_flags > 0 and w.flags_model.rowCount() == n_flags
    assert w.tabs.tabText(1) == f"Open flags ({n_flags})"
    assert all("Meena Kumari" in w.flags_model.text(r, 1) for r in range(n_flags))
    dues = [w.flags_model.rows[r].due_on for r in range(n_flags)]
    assert dues == sorted(dues) and all(w.flags_model.text(r, 4) for r in range(n_flags))
    office.dispose()
