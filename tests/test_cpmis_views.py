"""The CPMIS screens: typing a return with the keyboard, submitting it, a locked return, and
the district office's review and consolidation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from sqlalchemy import Engine

from desktop.services.core.context import Actor, unit_of_work
from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.bodies import cci_body
from desktop.services.install.institution import local_institution
from desktop.views.app_context import AppContext
from desktop.views.cpmis.cci_page import CpmisPage
from desktop.views.reason_dialog import ReasonDialog
from reporting.cpmis.loader import load_catalogue
from tests.cpmis_fixture import TODAY, build_home

CAT = load_catalogue()
SUPER = Actor("asha", "superintendent", "Asha Kumari")


def _choose(page: CpmisPage, month: str) -> None:
    lst = page.months.list
    row = next(i for i in range(lst.count()) if lst.item(i).data(Qt.ItemDataRole.UserRole) == month)
    lst.setCurrentRow(row)


def _type(qtbot, form, ind_id: str, sg: str, text: str) -> None:  # type: ignore[no-untyped-def]
    item = form.cells[(ind_id, sg)]
    table = item.tableWidget()
    table.setCurrentItem(item)
    table.setFocus()
    qtbot.keyClicks(table, text[0])  # the first key opens the cell's editor
    editor = table.findChildren(QLineEdit)[-1]  # the editor the key opened
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyPress(editor, Qt.Key.Key_Return)  # the editor closes on the press
    qtbot.wait(1)  # let the closed editor go


def test_a_return_is_typed_checked_submitted_and_then_locked(
    qtbot,
    engine: Engine,
    data_dir: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """Start September's return with the button, type the education row with the keyboard
    (a wrong total is refused and marked), save, submit; afterwards nothing can be typed."""
    build_home(engine, SUPER)
    ctx = AppContext(engine, data_dir, SUPER, today=lambda: TODAY)
    page = CpmisPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    _choose(page, "2026-09")
    assert page.months.start_button.isEnabled()
    qtbot.mouseClick(page.months.start_button, Qt.MouseButton.LeftButton)
    form = page.form
    assert form.uuid is not None and form.editable
    counted = form.cells[("cci.stock.end", "total")]
    assert counted.text() == "5" and not (counted.flags() & Qt.ItemFlag.ItemIsEditable)
    for sg, v in (
        ("a0_6", "1"),
        ("a7_11", "2"),
        ("a12_15", "2"),
        ("a16_18", "0"),
        ("agt18", "0"),
        ("total", "6"),
    ):
        _type(qtbot, form, "cci.edu.any", sg, v)
    assert form.dirty
    assert [form.cells[("cci.edu.any", sg)].text() for sg in ("a0_6", "a7_11", "total")] == [
        "1",
        "2",
        "6",
    ]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    texts = [form.findings.item(i).text() for i in range(form.findings.count())]
    assert any("= 5, but Total is 6" in t for t in texts), texts
    with unit_of_work(engine, SUPER) as s:
        assert rt.get_return(s, form.uuid).status == "draft"
    _type(qtbot, form, "cci.edu.any", "total", "5")
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    with unit_of_work(engine, SUPER) as s:
        ret = rt.get_return(s, form.uuid)
        assert ret.status == "submitted"
        assert ret.figures["cci.edu.any"] == {
            "a0_6": 1.0,
            "a7_11": 2.0,
            "a12_15": 2.0,
            "a16_18": 0.0,
            "agt18": 0.0,
            "total": 5.0,
        }
    assert not form.editable and not form.save_button.isEnabled()
    cell = form.cells[("cci.edu.any", "total")]
    assert not (cell.flags() & Qt.ItemFlag.ItemIsEditable)
    assert "submitted" in page.months.list.currentItem().text()
    # a correction opens version 2, editable again
    monkeypatch.setattr(ReasonDialog, "ask", lambda *a, **k: "one child left out")
    qtbot.mouseClick(form.correct_button, Qt.MouseButton.LeftButton)
    assert form.editable and "(version 2)" in form.title.text()
    assert "correction: one child left out" in form.state.text()


def test_the_quarter_tab_shows_the_quarter_made_from_months(
    qtbot,
    engine: Engine,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    """With the three months submitted, the Quarter tab lists the key figures first."""
    build_home(engine, SUPER)
    with unit_of_work(engine, SUPER) as s:
        body = cci_body(CAT, local_institution(s))
        for m in ("2026-07", "2026-08", "2026-09"):
            rt.submit_return(
                s, CAT, rt.start_return(s, CAT, body, month=m, today=TODAY), today=TODAY
            )
    ctx = AppContext(engine, data_dir, SUPER, today=lambda: TODAY)
    page = CpmisPage(ctx)
    qtbot.addWidget(page)
    bar = page.quarter_bar
    bar.quarter.setCurrentIndex(
        next(i for i in range(bar.quarter.count()) if bar.quarter.itemData(i) == "2026.07-2026.09")
    )
    page.make_quarter()
    t = page.quarter_table
    rows = {
        t.item(r, 1).text(): (t.item(r, 2).text(), t.item(r, 3).text()) for r in range(t.rowCount())
    }
    name = CAT.indicators["cci.tl.sir15.pct"].name_en
    assert rows[name] == ("50.0 %", "1 / 2")
    assert rows[CAT.indicators["cci.stock.end"].name_en][0] == "5"
    assert t.item(0, 1).font().bold()  # key indicators first


def test_district_office_reviews_and_consolidates_from_the_screen(
    qtbot,
    engine: Engine,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """The district's CPMIS window lists the CCI's returns from the bundle with their
    signatures; Accept and Send back record decisions; the quarter is consolidated."""
    from desktop.views.cpmis.district import DistrictCpmisPage
    from sync_client.district import mode as district_office
    from sync_client.exchange import outbox as sync_outbox
    from tests.test_cpmis_district import DCPU, _office, _submit_quarter, _to_stick

    build_home(engine, SUPER)
    office, office_dir, office_keys = _office(tmp_path)
    with unit_of_work(engine, SUPER) as s:
        sync_outbox.create_own_keys(s, data_dir=data_dir, name="Home", passphrase="cci passphrase")
        sync_outbox.import_public_key(s, path=tmp_path / "central.pub")
        sync_outbox.import_public_key(s, path=tmp_path / "district.pub")
    _submit_quarter(engine, data_dir)
    stick = tmp_path / "stick"
    stick.mkdir()
    _to_stick(engine, data_dir, stick)
    view = district_office.open_view(office_dir)
    district_office.import_folder(
        view=view, keys=office_keys, district_code=212, folder=stick, trust_new=lambda _p, _i: True
    )
    ctx = AppContext(office, office_dir, DCPU, today=lambda: TODAY)
    page = DistrictCpmisPage(ctx, view, 212)
    qtbot.addWidget(page)
    t = page.received_table
    assert t.rowCount() == 3 and t.item(0, 4).text() == "valid"
    assert "return for Jul 2026" in page.received_form.title.text()
    assert not page.received_form.editable  # the CCI's return is read, never edited here
    for row in (0, 1):
        t.selectRow(row)
        qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(ReasonDialog, "ask", lambda *a, **k: "education table blank")
    t.selectRow(2)
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    assert [t.item(r, 3).text() for r in range(3)] == ["accepted", "accepted", "returned"]
    monkeypatch.setattr(
        "PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("office passphrase", True)
    )
    page.write_notices(str(stick))
    assert "3 decision(s) written" in page.received_message.text()
    bar = page.quarter_bar
    bar.quarter.setCurrentIndex(
        next(i for i in range(bar.quarter.count()) if bar.quarter.itemData(i) == "2026.07-2026.09")
    )
    qtbot.mouseClick(page.consolidate_button, Qt.MouseButton.LeftButton)
    assert "Provisional" in page.quarter_message.text()  # September was sent back
    assert page.quarter_table.rowCount() > 5
    office.dispose()
