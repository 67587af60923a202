"""Child labour (CLTS) screens: the profile tab's forms (typed in), the list, counts by role."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import Child, CltsCase, CltsCompensation
from desktop.services.cases.children import register_child
from desktop.services.clts.report import Quarter
from desktop.services.clts.rescue import open_case
from desktop.services.core.context import Actor, unit_of_work
from desktop.views.app_context import AppContext
from desktop.views.clts.cases_page import CltsCasesPage
from desktop.views.forms import FormDialog
from desktop.views.profile.page import ProfilePage
from tests.clts_helpers import rescue_data, rescued_child
from tests.clts_register_sample import XLSX
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")


def typing_in(monkeypatch, qtbot, typed: dict[str, str], chosen: dict[str, str] | None = None):
    """Make the next form dialogs type `typed` into their text boxes (real key events), set
    `chosen` choices, and press Save; returns the dialogs shown."""
    shown: list[FormDialog] = []

    def fake_exec(self: FormDialog) -> int:
        shown.append(self)
        self.show()
        if chosen:
            self.form.set_values(chosen)
        for name, text in typed.items():
            box = self.form.inputs[name]
            assert isinstance(box, QLineEdit)
            box.clear()
            qtbot.keyClicks(box, text)
        ok = self.try_submit()
        self.hide()
        return int(ok)

    monkeypatch.setattr(FormDialog, "exec", fake_exec)
    return shown


@pytest.fixture
def kid_id(ctx: AppContext, actor: Actor) -> int:
    """A child admitted after a rescue, with no case yet."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        c = register_child(
            s,
            child_input(
                first_name="Raju",
                gender="male",
                dob="2013-05-01",
                admission_date="2026-06-02",
                referral="labour_dept",
                category_code=20,
            ),
            today=TODAY,
        )
        s.flush()
        return c.id


def profile(qtbot, ctx: AppContext, child_id: int) -> ProfilePage:
    """The child's profile at the Child labour tab, 1366 x 768."""
    p = ProfilePage(ctx, child_id)
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    p.show_tab("clts")
    return p


def test_opening_a_case_from_the_tab_by_typing(qtbot, ctx, kid_id, monkeypatch):
    """Typed into the form, the rescue opens a case with its CLTS ID, shown on the tab."""
    p = profile(qtbot, ctx, kid_id)
    assert "No child-labour case" in p.clts.summary.text()
    shown = typing_in(
        monkeypatch,
        qtbot,
        {"rescue_on": "01-06-2026", "rescue_block": "Danapur"},
        {"agencies": "labour_dept, police", "industry": "brick_kiln"},
    )
    with qtbot.waitSignal(ctx.events.child_changed):
        assert p.clts.open_case()
    assert len(shown) == 1
    assert "BIH_PATNA_2026_170001" in p.clts.summary.text()
    assert p.clts.ledger.rowCount() == 3  # relief; employer's Rs 20,000; state's Rs 5,000
    assert "brick kiln" in p.clts.case_text.text().lower()


def test_a_refusal_shows_under_the_field_and_saves_nothing(qtbot, ctx, actor, kid_id, monkeypatch):
    """Wages typed in words stay in the open dialog with the reason under the field."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        open_case(s, s.get(Child, kid_id), rescue_data(), today=TODAY)
    p = profile(qtbot, ctx, kid_id)
    shown = typing_in(monkeypatch, qtbot, {"wages_due": "four thousand"})
    assert not p.clts.edit_case("Employer and wages", p.clts.fields().employer())
    error = shown[0].form.errors["wages_due"]
    assert "'four thousand' is not a number of rupees" in error.text()
    with Session(ctx.engine) as s:
        assert s.scalar(select(CltsCase.wages_due)) == 4500  # unchanged


def test_recording_a_payment_marks_the_scheme_received(qtbot, ctx, actor, kid_id, monkeypatch):
    """A payment typed on the relief line shows as paid, and the scheme as received."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        open_case(s, s.get(Child, kid_id), rescue_data(), today=TODAY)
    p = profile(qtbot, ctx, kid_id)
    p.clts.tabs.setCurrentIndex(2)
    p.clts.ledger.setCurrentCell(0, 0)
    typing_in(
        monkeypatch,
        qtbot,
        {"paid_on": "05-06-2026", "payment_ref": "CASH/LS/114"},
        {"payment_mode": "cash"},
    )
    with qtbot.waitSignal(ctx.events.child_changed):
        assert p.clts.record_line()
    with Session(ctx.engine) as s:
        line = s.scalars(
            select(CltsCompensation).where(CltsCompensation.line == "relief_3000")
        ).one()
        assert line.paid_amount == 3000 and line.payment_ref == "CASH/LS/114"
    row = next(
        r
        for r in range(p.clts.ents.rowCount())
        if p.clts.ents.item(r, 1).text() == "Immediate relief package"
    )
    assert p.clts.ents.item(row, 2).text() == "Received"


def test_case_list_opens_the_child_at_the_child_labour_tab(qtbot, ctx, actor):
    """The list shows the rescued children; Enter on a row asks for its child-labour tab."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        kid, _ = rescued_child(s)
        kid_id = kid.id
    page = CltsCasesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert page.table.rowCount() == 1 and page.table.item(0, 2).text().startswith("Raju Manjhi")
    assert "1 cases (1 open, 0 closed)" in page.counts.text()
    page.table.setFocus()
    page.table.setCurrentCell(0, 0)
    with qtbot.waitSignal(page.open_child_tab) as got:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert got.args == [kid_id, "clts"]
    qtbot.keyClicks(page.search_box, "nobody")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert page.table.rowCount() == 0


def test_a_state_official_sees_only_the_counts(qtbot, inst_engine, data_dir, actor):
    """Other roles get the numbers on the screen and no child's name."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        rescued_child(s)
    official = Actor("state", "state_official", "WCD Bihar", state=10)
    ctx = AppContext(inst_engine, data_dir, official, today=lambda: TODAY)
    page = CltsCasesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.table.isHidden() and page.rows == []
    assert "1 cases" in page.counts.text() and "Only the counts are shown" in page.counts.text()
    assert "Raju" not in page.counts.text()


def test_report_and_register_import_from_the_screen(qtbot, ctx, tmp_path: Path):
    """The screen writes the quarterly report and imports a register in the background."""
    page = CltsCasesPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(ctx.events.data_changed, timeout=60_000):
        page.import_register(XLSX, dry_run=False, ask=False)
    assert page.last_report.imported == 12
    with Session(ctx.engine) as s:
        assert s.scalar(select(func.count()).select_from(CltsCase)) == 12
    out = tmp_path / "q.pdf"
    assert page.write_report(Quarter(2025, 2), out, "pdf")
    assert out.read_bytes().startswith(b"%PDF")
    assert page.table.rowCount() == 12


def test_a_long_refusal_is_given_the_lines_it_needs(qtbot):
    """A wrapped error under a narrow field gets the height of all its lines (none clipped)."""
    from desktop.views.forms import FieldSpec

    dialog = FormDialog(
        None,
        title="Payment",
        fields=[FieldSpec("payment_ref", "Challan, cheque or DBT reference of the payment")],
        submit=lambda _v: None,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.inputs["payment_ref"], "x")
    message = "is needed for a payment, with the date and the office that made it " * 2
    dialog.form.show_errors({"payment_ref": message})
    qtbot.wait(10)
    label = dialog.form.errors["payment_ref"]
    needed = label.heightForWidth(label.width())
    assert needed > label.fontMetrics().height() * 2
    assert label.height() >= needed
