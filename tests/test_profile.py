"""The child profile: every tab shows the record and writes through the services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import AuditEvent, Child, DocumentItem, GuardianVisit
from desktop.services.cases.casework import add_guardian
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.flags.store import list_flags
from desktop.views.app_context import AppContext
from desktop.views.forms import FormDialog
from desktop.views.profile.page import ProfilePage, length_of_stay
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")


@pytest.fixture
def child_id(ctx: AppContext, actor: Actor) -> int:
    """A child admitted on 1 March 2025 with a mother on record (flags evaluated)."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        c = register_child(s, child_input(), today=TODAY)
        add_guardian(s, c, name="Sunita Devi", relation="mother")
        s.flush()
        return c.id


def page_for(qtbot, ctx: AppContext, child_id: int) -> ProfilePage:
    """A shown profile page."""
    p = ProfilePage(ctx, child_id)
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.show()
    return p


def fill_and_submit(monkeypatch, values: dict[str, str]) -> list[FormDialog]:
    """Make the next form dialogs fill in `values` and press Save instead of waiting."""
    shown: list[FormDialog] = []

    def fake_exec(self: FormDialog) -> int:
        shown.append(self)
        self.form.set_values(values)
        return int(self.try_submit())

    monkeypatch.setattr(FormDialog, "exec", fake_exec)
    return shown


def child(ctx: AppContext, child_id: int) -> Child:
    """The child as stored now."""
    with Session(ctx.engine, expire_on_commit=False) as s:
        c = s.get(Child, child_id)
        assert c is not None
        return c


def test_opening_a_profile_is_recorded_in_the_audit_trail(qtbot, ctx, child_id) -> None:
    """Each opening of a profile adds one 'opened profile' event for that child."""
    c = child(ctx, child_id)

    def opened() -> int:
        with Session(ctx.engine) as s:
            return len(
                s.scalars(
                    select(AuditEvent).where(
                        AuditEvent.action == "opened profile",
                        AuditEvent.child_uuid == str(c.uuid),
                    )
                ).all()
            )

    page_for(qtbot, ctx, child_id)
    page_for(qtbot, ctx, child_id)
    assert opened() == 2


def test_overview_shows_identity_stay_category_and_explained_flags(qtbot, ctx, child_id) -> None:
    """The overview names the code, age, length of stay, category and each open flag's reason."""
    p = page_for(qtbot, ctx, child_id)
    c = child(ctx, child_id)
    facts = p.overview.facts.text()
    assert c.code in facts and "10 years" in facts
    assert length_of_stay((TODAY - date(2025, 3, 1)).days) in facts
    assert "Abandoned, parents unknown" in facts
    with Session(ctx.engine) as s:
        flags = list_flags(s, child_id=child_id)
    assert flags, "a child admitted in 2025 with no orders has open deadlines"
    text = p.overview.flags.text()
    assert f"Open flags ({len(flags)})" in text  # each flag a line, to act on there
    for f in flags:
        assert f.rule in text


def test_length_of_stay_reads_plainly() -> None:
    """Days in care read as years and months, with the exact days."""
    assert length_of_stay(1) == "1 day"
    assert length_of_stay(3) == "3 days"
    assert length_of_stay(1093) == "2 years 11 months (1093 days)"
    assert length_of_stay(400) == "1 year 1 month (400 days)"
    assert length_of_stay(730) == "2 years (730 days)"


def test_logging_a_visit_takes_one_click_with_the_defaults(qtbot, ctx, child_id) -> None:
    """The guardian, 'in person' and today are preset: one click logs it and the chart shows it."""
    p = page_for(qtbot, ctx, child_id)
    p.tabs.setCurrentWidget(p.visits)
    assert p.visits.who.currentText() == "Sunita Devi (Mother)"
    with qtbot.waitSignal(ctx.events.child_changed):
        qtbot.mouseClick(p.visits.log_button, Qt.MouseButton.LeftButton)
    with Session(ctx.engine) as s:
        visits = s.scalars(select(GuardianVisit).where(GuardianVisit.child_id == child_id)).all()
    assert [(v.visit_date, v.mode) for v in visits] == [(TODAY, "in_person")]
    assert p.visits.history.rowCount() == 1
    assert p.visits.history.item(0, 3).text() == "Sunita Devi (Mother)"
    assert p.visits.history.item(0, 1).text() == "Parent or guardian"
    assert p.visits.history.item(0, 2).text() == "In person"
    bars = p.visits.bars
    assert [bars.at(i) for i in range(bars.count())] == [0.0] * 11 + [1.0]


def test_a_refused_visit_says_why_and_writes_nothing(qtbot, ctx, child_id, monkeypatch) -> None:
    """A visit dated in the future is refused with the service's message."""
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append(a[2]))
    p = page_for(qtbot, ctx, child_id)
    p.visits.visit_date.setText("01-01-2030")
    assert p.visits.log_visit() is False
    assert told and "Cannot be in the future." in told[0]
    with Session(ctx.engine) as s:
        assert s.scalars(select(GuardianVisit)).all() == []


def test_add_guardian_form_shows_errors_then_saves(qtbot, ctx, child_id, monkeypatch) -> None:
    """A guardian without a name is refused under the field; with one it is listed."""
    shown = fill_and_submit(monkeypatch, {"name": "", "relation": "father"})
    p = page_for(qtbot, ctx, child_id)
    assert p.visits.add_guardian() is False
    assert shown[0].form.errors["name"].text() == "Please fill this in."
    fill_and_submit(monkeypatch, {"name": "Ramesh Prasad", "relation": "father"})
    assert p.visits.add_guardian() is True
    names = [p.visits.guardians.item(r, 0).text() for r in range(p.visits.guardians.rowCount())]
    assert names == ["Sunita Devi", "Ramesh Prasad"]


def test_documents_checklist_marks_attaches_and_shows(
    qtbot, ctx, child_id, tmp_path: Path, monkeypatch
) -> None:
    """Mark a document obtained, attach a scan and open it: the checklist and the DB agree."""
    p = page_for(qtbot, ctx, child_id)
    docs = p.documents
    assert docs.table.rowCount() == len(docs.doc_types) > 0
    docs.table.selectRow(0)
    assert docs.set_status("obtained")
    first = docs.doc_types[0]
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n% a made-up scan\n%%EOF\n")
    docs.table.selectRow(1)
    assert docs.attach_file(str(scan))
    second = docs.doc_types[1]
    with Session(ctx.engine) as s:
        items = {
            d.doc_type: d
            for d in s.scalars(select(DocumentItem).where(DocumentItem.child_id == child_id))
        }
    assert items[first].status == "obtained" and items[first].obtained_on == TODAY
    assert items[second].attachment_hash is not None and items[second].status == "obtained"
    assert docs.table.item(0, 1).text() == "Obtained"
    assert docs.table.item(1, 4).text() == "attached"
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    docs.table.selectRow(1)
    copy = docs.view_scan()
    assert copy is not None and copy.suffix == ".pdf"
    assert copy.read_bytes() == scan.read_bytes()
    assert [u.toLocalFile() for u in opened] == [str(copy)]


def test_not_applicable_needs_a_reason(qtbot, ctx, child_id, monkeypatch) -> None:
    """Marking a document not applicable without saying why is refused under the field."""
    shown = fill_and_submit(monkeypatch, {"note": ""})
    p = page_for(qtbot, ctx, child_id)
    p.documents.table.selectRow(0)
    assert p.documents.not_applicable() is False
    assert "Say why" in shown[0].form.errors["note"].text()


def test_category_change_needs_a_reason_and_is_recorded(qtbot, ctx, child_id, monkeypatch) -> None:
    """A category change without a reason is refused; with one it changes the category."""
    shown = fill_and_submit(monkeypatch, {"to_code": "7", "reason": ""})
    p = page_for(qtbot, ctx, child_id)
    assert p.documents.change_category() is False
    assert not shown[0].form.errors["reason"].isHidden()
    fill_and_submit(monkeypatch, {"to_code": "7", "reason": "mother traced", "order_ref": "CWC/9"})
    assert p.documents.change_category() is True
    assert child(ctx, child_id).category_code == 7
    assert p.documents.category.text().startswith("7 · ")
    assert any("mother traced" in e.text for e in p.profile.timeline)


def test_orders_sir_icp_and_notes_join_one_timeline(qtbot, ctx, child_id, monkeypatch) -> None:
    """Each record added from the history tab appears in the one timeline, newest first."""
    p = page_for(qtbot, ctx, child_id)
    h = p.history
    fill_and_submit(
        monkeypatch,
        {"order_no": "CWC/212/77", "order_date": "10-03-2025", "order_type": "interim_care"},
    )
    assert h.add_order()
    fill_and_submit(monkeypatch, {"requested_on": "12-03-2025", "completed_on": "20-04-2025"})
    assert h.add_sir()
    fill_and_submit(monkeypatch, {"prepared_on": "01-05-2025", "review_due_on": "01-11-2025"})
    assert h.add_icp()
    fill_and_submit(monkeypatch, {"text": "Settled well; attends school.", "note_date": ""})
    assert h.add_note()
    rows = [
        (h.timeline.item(r, 0).text(), h.timeline.item(r, 2).text())
        for r in range(h.timeline.rowCount())
    ]
    details = [d for _day, d in rows]
    assert any("CWC/212/77" in d for d in details)
    assert "Social investigation report submitted" in details
    assert "Individual care plan prepared" in details
    assert any("attends school" in d for d in details)
    days = [date(int(d[6:]), int(d[3:5]), int(d[:2])) for d, _ in rows]
    assert days == sorted(days, reverse=True)


def test_adoption_stage_moves_forward_only(qtbot, ctx, child_id) -> None:
    """The next stage is suggested and recorded; going back is refused under the field."""
    p = page_for(qtbot, ctx, child_id)
    a = p.adoption
    assert a.form.values()["stage"] == "recommended"
    assert a.move()
    assert a.stages.rowCount() == 1 and a.form.values()["stage"] == "reviewed"
    a.form.set_values({"stage": "recommended"})
    assert a.move() is False
    assert "stages move forward" in a.form.errors["stage"].text()


def test_exit_closes_the_case_after_confirmation(qtbot, ctx, child_id, monkeypatch) -> None:
    """Recording an exit asks first; once done the forms give way to how the case closed."""
    p = page_for(qtbot, ctx, child_id)
    e = p.exit
    e.exit_form.set_values(
        {"status": "restored", "reason": "restored to mother", "order_no": "R/1"}
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert e.record_exit() is False and child(ctx, child_id).status == "in_care"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert e.record_exit() is True
    c = child(ctx, child_id)
    assert (c.status, c.exit_date, c.exit_reason) == ("restored", TODAY, "restored to mother")
    assert not e.exit_box.isVisibleTo(p) and "Restored" in e.state.text()


def test_transfer_without_an_order_is_refused_under_the_field(
    qtbot, ctx, child_id, monkeypatch
) -> None:
    """A transfer needs the order number; the message sits under that field."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    p = page_for(qtbot, ctx, child_id)
    p.exit.transfer_form.set_values({"to_institution": "Bal Griha, Gaya"})
    assert p.exit.record_transfer() is False
    assert not p.exit.transfer_form.errors["order_no"].isHidden()
    assert child(ctx, child_id).status == "in_care"


def _choose(qtbot, combo, data: str) -> None:
    """Pick the combo box entry holding `data` with the keyboard (arrow keys)."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    while combo.currentIndex() < target:
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    while combo.currentIndex() > target:
        qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert combo.currentData() == data


def _visits(ctx: AppContext, child_id: int) -> list[GuardianVisit]:
    with Session(ctx.engine) as s:
        return list(
            s.scalars(select(GuardianVisit).where(GuardianVisit.child_id == child_id)).all()
        )


def test_someone_else_must_say_who_they_are_and_is_not_a_guardians_visit(
    qtbot, ctx, child_id, monkeypatch
) -> None:
    """'Someone else': the form asks the name and what they are to the child; saved as a
    volunteer's visit, shown so in the history, and not in the guardians' chart."""
    from desktop.views.profile.visits_tab import SOMEONE_ELSE

    p = page_for(qtbot, ctx, child_id)
    p.tabs.setCurrentWidget(p.visits)
    _choose(qtbot, p.visits.who, SOMEONE_ELSE)
    shown = fill_and_submit(monkeypatch, {"visitor_name": "", "visitor_role": "volunteer"})
    assert p.visits.log_visit() is False
    assert "visitor's name" in shown[0].form.errors["visitor_name"].text().lower()
    assert any("counts as their visit" in w.text() for w in shown[0].findChildren(QLabel))
    fill_and_submit(monkeypatch, {"visitor_name": "Ravi Kumar", "visitor_role": "volunteer"})
    with qtbot.waitSignal(ctx.events.child_changed):
        assert p.visits.log_visit() is True
    [v] = _visits(ctx, child_id)
    assert (v.visitor_role, v.visitor_name, v.guardian_id) == ("volunteer", "Ravi Kumar", None)
    assert p.visits.history.item(0, 1).text() == "Volunteer"
    assert all(p.visits.bars.at(i) == 0 for i in range(p.visits.bars.count()))


def test_the_social_workers_follow_up_names_the_family_member(
    qtbot, ctx, child_id, monkeypatch
) -> None:
    """The follow-up form keeps the social worker's contact apart from visits: a home visit
    to the mother, recorded with her, as a follow-up."""
    from desktop.views.profile.visits_tab import SOCIAL_WORKER

    p = page_for(qtbot, ctx, child_id)
    _choose(qtbot, p.visits.who, SOCIAL_WORKER)
    fill_and_submit(
        monkeypatch,
        {
            "visitor_name": "Asha Kumari",
            "guardian": p.visits.guardian_names[0][1],
            "mode": "home_visit",
            "notes": "ok",
        },
    )
    with qtbot.waitSignal(ctx.events.child_changed):
        assert p.visits.log_visit() is True
    [v] = _visits(ctx, child_id)
    assert (v.visitor_role, v.mode, v.notes) == ("social_worker", "home_visit", "ok")
    assert v.guardian_id is not None
    assert p.visits.history.item(0, 1).text() == "Social worker"
    assert "Sunita Devi" in p.visits.history.item(0, 3).text()


def test_recording_a_death_dates_it_and_takes_the_guardian_off_the_visit_list(
    qtbot, ctx, child_id, monkeypatch
) -> None:
    """Select the mother, record her death with its date: the list shows it and she can no
    longer be chosen as a visitor."""
    p = page_for(qtbot, ctx, child_id)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append(a[2]))
    assert p.visits.record_death() is False and "click a parent or guardian" in told[0]
    p.visits.guardians.selectRow(0)
    shown = fill_and_submit(monkeypatch, {"deceased_on": "01-11-2026"})
    with qtbot.waitSignal(ctx.events.child_changed):
        assert p.visits.record_death() is True
    with Session(ctx.engine) as s:
        c = s.get(Child, child_id)
        assert c is not None
        g = c.guardians[0]
        assert (g.life_status, g.deceased_on) == ("deceased", date(2026, 11, 1))
    assert any(  # the form names whose death it records
        "Record the death of: Sunita Devi (Mother)" in w.text()
        for w in shown[0].findChildren(QLabel)
    )
    assert "01-11-2026" in p.visits.guardians.item(0, 2).text()
    assert p.visits.who.findText("Sunita Devi (Mother)") == -1
