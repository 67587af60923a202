"""Correcting records from the profile with the keyboard: the child's details (a reason for
identity), visits, documents (back-dated), timeline lines; what each role is offered."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import AuditEvent, CaseNote, Child, DocumentItem, GuardianVisit
from desktop.services.cases.casework import add_guardian, add_note, log_visit
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.views.app_context import AppContext
from desktop.views.forms import FormDialog
from desktop.views.profile.page import ProfilePage
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")


@pytest.fixture
def child_id(ctx: AppContext, actor: Actor) -> int:
    """A child admitted 01-03-2025 with a mother and one visit on 01-06-2025."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        c = register_child(s, child_input(), today=TODAY)
        g = add_guardian(s, c, name="Sunita Devi", relation="mother")
        log_visit(s, c, visit_date="2025-06-01", guardian=g, today=TODAY)
        s.flush()
        return c.id


def page_for(qtbot, ctx: AppContext, child_id: int) -> ProfilePage:
    """A shown profile page at the size of a 1366x768 screen's work area."""
    p = ProfilePage(ctx, child_id)
    qtbot.addWidget(p)
    p.resize(1300, 680)
    p.show()
    return p


def stored(ctx: AppContext, child_id: int) -> Child:
    """The child as stored now."""
    with Session(ctx.engine, expire_on_commit=False) as s:
        c = s.get(Child, child_id)
        assert c is not None
        return c


def retype(qtbot, widget, text: str) -> None:
    """Select what a box holds and type over it, key by key."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    qtbot.keyClicks(widget, text)


def typing_into_forms(monkeypatch, qtbot, typed: dict[str, str]) -> list[FormDialog]:
    """The next form dialogs show, get `typed` typed into their fields key by key, then
    Enter on OK (instead of waiting for a person)."""
    shown: list[FormDialog] = []

    def fake_exec(self: FormDialog) -> int:
        shown.append(self)
        self.show()
        for name, text in typed.items():
            box = self.form.inputs[name]
            if isinstance(box, QLineEdit | QPlainTextEdit):
                retype(qtbot, box, text)
        qtbot.mouseClick(self.ok_button, Qt.MouseButton.LeftButton)
        return int(self.result())

    monkeypatch.setattr(FormDialog, "exec", fake_exec)
    return shown


def test_details_dialog_corrects_the_name_only_with_a_reason(qtbot, ctx, child_id) -> None:
    """Typing a new first name and Save shows the reason is needed (nothing saved); typing the
    reason and Save stores the name, with the reason in the audit trail."""
    page = page_for(qtbot, ctx, child_id)
    dialog = page.overview.edit_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    first = dialog.who.inputs["first_name"]
    qtbot.waitUntil(first.hasFocus)
    assert first.text() == "Priya"
    retype(qtbot, first, "Preeti")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not dialog.saved
    assert dialog.reason.errors["reason"].isVisible()
    assert "is needed" in dialog.reason.errors["reason"].text()
    assert stored(ctx, child_id).first_name == "Priya"
    qtbot.keyClicks(dialog.reason.inputs["reason"], "Name as on the birth certificate")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved and not dialog.isVisible()
    assert stored(ctx, child_id).first_name == "Preeti"
    assert "Preeti" in page.title.text()
    with Session(ctx.engine) as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "update_child")).one()
    change = next(ch for ch in ev.changes if ch["type"] == "child")
    assert change["reason"] == "Name as on the birth certificate"


def test_details_dialog_shows_a_bad_date_under_its_field(qtbot, ctx, child_id) -> None:
    """A date of birth that is not a real day is named under the field; nothing changes."""
    page = page_for(qtbot, ctx, child_id)
    dialog = page.overview.edit_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    retype(qtbot, dialog.who.inputs["dob"], "31-02-2016")
    qtbot.keyClicks(dialog.reason.inputs["reason"], "birth record")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert (
        dialog.who.errors["dob"].isVisible()
        and "not a real date" in dialog.who.errors["dob"].text()
    )
    assert stored(ctx, child_id).dob == date(2016, 4, 10)


def test_admission_date_corrected_without_a_reason(qtbot, ctx, child_id) -> None:
    """The admission date is corrected by typing it; no reason is asked for."""
    page = page_for(qtbot, ctx, child_id)
    dialog = page.overview.edit_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    retype(qtbot, dialog.admission.inputs["admission_date"], "28-02-2025")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved
    assert stored(ctx, child_id).admission_date == date(2025, 2, 28)


def test_enter_on_a_visit_opens_its_correction(qtbot, ctx, child_id, monkeypatch) -> None:
    """Enter on a visit in the history opens the form filled in; the typed date is saved."""
    page = page_for(qtbot, ctx, child_id)
    page.tabs.setCurrentWidget(page.visits)
    shown = typing_into_forms(monkeypatch, qtbot, {"visit_date": "02-06-2025"})
    table = page.visits.history
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert len(shown) == 1
    with Session(ctx.engine) as s:
        v = s.scalars(select(GuardianVisit)).one()
    assert v.visit_date == date(2025, 6, 2) and v.guardian_id is not None
    assert page.visits.history.item(0, 0).text() == "02-06-2025"


def test_guardian_corrected_from_its_line(qtbot, ctx, child_id, monkeypatch) -> None:
    """The guardian's phone is corrected from the guardians list (Enter on the line)."""
    page = page_for(qtbot, ctx, child_id)
    page.tabs.setCurrentWidget(page.visits)
    typing_into_forms(monkeypatch, qtbot, {"phone": "9876543210"})
    table = page.visits.guardians
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    with Session(ctx.engine) as s:
        assert s.get(Child, child_id).guardians[0].phone == "9876543210"
    assert page.visits.guardians.item(0, 3).text() == "9876543210"


def test_mark_obtained_asks_the_day_and_keeps_a_past_one(qtbot, ctx, child_id, monkeypatch):
    """'Mark obtained…' asks the day (today filled in); a typed past day is kept."""
    page = page_for(qtbot, ctx, child_id)
    page.tabs.setCurrentWidget(page.documents)
    row = page.documents.doc_types.index("age_proof")
    page.documents.table.selectRow(row)
    shown = typing_into_forms(monkeypatch, qtbot, {"on": "10-11-2026"})
    qtbot.mouseClick(page.documents.obtained_button, Qt.MouseButton.LeftButton)
    assert shown and shown[0].form.inputs["on"].text() == "10-11-2026"
    with Session(ctx.engine) as s:
        item = s.scalars(
            select(DocumentItem).where(
                DocumentItem.child_id == child_id, DocumentItem.doc_type == "age_proof"
            )
        ).one()
    assert (item.status, item.obtained_on) == ("obtained", date(2026, 11, 10))
    assert page.documents.table.item(row, 2).text() == "10-11-2026"


def test_photo_set_on_the_profile_marks_the_photograph_obtained(qtbot, ctx, child_id, tmp_path):
    """After a photo is chosen the checklist no longer shows the Photograph as required."""
    from PIL import Image

    path = tmp_path / "face.png"
    Image.new("RGB", (60, 80), "white").save(path)
    page = page_for(qtbot, ctx, child_id)
    assert page.overview.set_photo_file(str(path))
    row = page.documents.doc_types.index("photo")
    assert page.documents.table.item(row, 1).text() == "Obtained"
    assert page.documents.table.item(row, 4).text() == "attached"


def test_timeline_lists_a_days_newest_line_first_and_corrects_it(
    qtbot, ctx, child_id, actor, monkeypatch
) -> None:
    """Two notes of one day: the one written last is on top; Enter on it corrects that note."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        c = s.get(Child, child_id)
        add_note(s, c, text="Morning note", note_date="2026-11-20", today=TODAY)
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        c = s.get(Child, child_id)
        add_note(s, c, text="Evening note", note_date="2026-11-20", today=TODAY)
    page = page_for(qtbot, ctx, child_id)
    page.tabs.setCurrentWidget(page.history)
    texts = [page.history.timeline.item(r, 2).text() for r in range(2)]
    assert "Evening note" in texts[0] and "Morning note" in texts[1]
    typing_into_forms(monkeypatch, qtbot, {"text": "Evening note, corrected"})
    table = page.history.timeline
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    with Session(ctx.engine) as s:
        notes = {n.text for n in s.scalars(select(CaseNote))}
    assert notes == {"Morning note", "Evening note, corrected"}


def test_caseworker_asks_for_a_category_change(qtbot, ctx, child_id, monkeypatch) -> None:
    """A caseworker's category form sends a request: the category stays, the profile says
    it is waiting for the superintendent."""
    ctx.actor = Actor("ravi", "caseworker", "Ravi Kumar")
    page = page_for(qtbot, ctx, child_id)
    page.tabs.setCurrentWidget(page.documents)
    assert page.documents.category_button.text() == "Ask for a category change…"

    def fake_exec(self: FormDialog) -> int:
        self.show()
        box = self.form.inputs["to_code"]
        box.setCurrentIndex(box.findData("9"))
        qtbot.keyClicks(self.form.inputs["reason"], "Both parents traced by the police")
        assert self.ok_button.text() == "Send for approval"
        qtbot.mouseClick(self.ok_button, Qt.MouseButton.LeftButton)
        return int(self.result())

    monkeypatch.setattr(FormDialog, "exec", fake_exec)
    qtbot.mouseClick(page.documents.category_button, Qt.MouseButton.LeftButton)
    assert stored(ctx, child_id).category_code == 3
    assert page.documents.waiting.isVisible()
    assert "Waiting for the superintendent" in page.documents.waiting.text()
    assert "Category change" in page.overview.requests.text()


def test_officials_are_offered_no_changes(qtbot, ctx, child_id) -> None:
    """A district official reads the profile with no button that would change it."""
    ctx.actor = Actor("dpo", "district_official", "D P O", state=10, districts=(212,))
    page = page_for(qtbot, ctx, child_id)
    for button in (
        page.overview.edit_button,
        page.overview.photo_button,
        page.visits.add_guardian_button,
        page.visits.edit_visit_button,
        page.documents.obtained_button,
        page.documents.category_button,
        page.history.note_button,
        page.history.correct_button,
    ):
        assert button.isHidden(), button.text()
    assert page.visits.log_box.isHidden()


def test_correcting_a_stage_is_the_superintendents(qtbot, ctx, child_id) -> None:
    """Only the superintendent is offered the correction of an adoption stage's date."""
    page = page_for(qtbot, ctx, child_id)
    assert not page.adoption.correct_button.isHidden()
    ctx.actor = Actor("ravi", "caseworker", "Ravi Kumar")
    ctx.events.actor_changed.emit()
    assert page.adoption.correct_button.isHidden()
    assert page.adoption.move_button.text() == "Ask the superintendent to approve this step"
    assert page.exit.exit_button.text() == "Ask the superintendent to close the case"


def test_a_visit_entered_by_mistake_is_removed_with_a_typed_reason(
    qtbot, ctx, child_id, monkeypatch
) -> None:
    """Remove… asks why (typed), then the visit is gone and the deletion is audited."""
    from desktop.views.reason_dialog import ReasonDialog

    def ask(parent, title, prompt):  # type: ignore[no-untyped-def]
        dlg = ReasonDialog(title, prompt, parent)
        dlg.show()
        qtbot.keyClicks(dlg.text, "entered for the wrong child")
        qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
        return dlg.reason()

    monkeypatch.setattr(ReasonDialog, "ask", staticmethod(ask))
    page = page_for(qtbot, ctx, child_id)
    page.tabs.setCurrentWidget(page.visits)
    page.visits.history.selectRow(0)
    qtbot.mouseClick(page.visits.remove_visit_button, Qt.MouseButton.LeftButton)
    with Session(ctx.engine) as s:
        assert s.scalars(select(GuardianVisit)).first() is None
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action.like("delete_visit%"))).one()
    assert "wrong child" in ev.action and page.visits.history.rowCount() == 0
