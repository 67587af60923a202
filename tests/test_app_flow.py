"""End to end through the real widgets: set-up wizard, registration, visits, review, resolve."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, Flag, GuardianVisit
from desktop.views.app_context import AppContext
from desktop.views.children.registration import RegistrationDialog
from desktop.views.main_window import MainWindow
from desktop.views.ops import BackgroundOp
from desktop.views.reason_dialog import ReasonDialog
from desktop.views.review.queue import ReviewQueuePage
from desktop.views.start.wizard import SetupWizard
from tests.conftest import TODAY


def set_up(qtbot, engine, data_dir) -> SetupWizard:
    """Go through the wizard as a new superintendent would."""
    w = SetupWizard(engine, data_dir)
    qtbot.addWidget(w)
    w.show()
    qtbot.mouseClick(w.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    w.institution_page.form.set_values(
        {"name": "Asha Kiran Children's Home", "registration_no": "BR/PAT/CH/0007"}
    )
    qtbot.mouseClick(w.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    w.account_page.form.set_values(
        {
            "full_name": "Asha Kumari",
            "username": "asha",
            "password": "kiran-2026",
            "repeat": "kiran-2026",
        }
    )
    qtbot.mouseClick(w.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert w.currentId() == SetupWizard.RECOVERY  # the recovery key, shown once
    assert w.recovery_page.view is not None
    box = w.recovery_page.view.written
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.mouseClick(w.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert w.result() == QWizard.DialogCode.Accepted and w.actor is not None
    return w


def type_into(qtbot, d: RegistrationDialog, name: str, text: str) -> None:
    """Type into a registration field as a user would."""
    widget = d.child_form.inputs.get(name) or d.admission_form.inputs[name]
    widget.setFocus()
    widget.clear()
    qtbot.keyClicks(widget, text)


def choose(d: RegistrationDialog, name: str, value: str) -> None:
    """Pick a choice in the registration form."""
    box = d.child_form.inputs.get(name) or d.admission_form.inputs[name]
    box.setCurrentIndex(box.findData(value))


def test_setup_register_visit_review_resolve(qtbot, engine, data_dir, monkeypatch) -> None:
    """A new install is set up, a child registered (after fixing an error), visits logged,
    a flag raised for the child is found in the review queue and resolved there, and the
    queue leads back to the child's profile."""
    wizard = set_up(qtbot, engine, data_dir)
    ctx = AppContext(engine, data_dir, wizard.actor, today=lambda: TODAY)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "CLMS Desktop — Asha Kiran Children's Home"
    assert window.user_label.text() == "User: Asha Kumari"

    # Registration (Ctrl+N's action): first refused with a message, then saved.
    seen: dict[str, str] = {}

    def fill_in(dialog: RegistrationDialog) -> int:
        type_into(qtbot, dialog, "first_name", "Meena")
        type_into(qtbot, dialog, "last_name", "Kumari")
        type_into(qtbot, dialog, "estimated_age", "9")
        type_into(qtbot, dialog, "admission_date", "10-11-2026")
        type_into(qtbot, dialog, "guardian_name", "Sunita Devi")
        choose(dialog, "guardian_relation", "mother")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no gender yet
        seen["error"] = dialog.child_form.errors["gender"].text()
        assert dialog.child_id is None
        choose(dialog, "gender", "female")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(RegistrationDialog, "exec", fill_in)
    window.register_action.trigger()
    assert seen["error"] == "Please fill this in."  # under the Gender field
    with Session(engine) as s:
        child = s.scalars(select(Child)).one()
        child_id, code = child.id, child.code
    profile = window.profile
    assert window.current_key() == "profile" and profile.child_id == child_id

    # Two visits from the mother, each one click on the visits tab.
    profile.tabs.setCurrentWidget(profile.visits)
    profile.visits.visit_date.setText("15-11-2026")
    qtbot.mouseClick(profile.visits.log_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(profile.visits.log_button, Qt.MouseButton.LeftButton)  # today, preset again
    with Session(engine) as s:
        dates = sorted(
            v.visit_date
            for v in s.scalars(select(GuardianVisit).where(GuardianVisit.child_id == child_id))
        )
    assert [d.isoformat() for d in dates] == ["2026-11-15", "2026-11-23"]
    assert profile.visits.history.rowCount() == 2

    # No production order was recorded: the review queue lists that flag for the child.
    queue = window.show_page("review")
    assert isinstance(queue, ReviewQueuePage)
    qtbot.waitUntil(lambda: any(r.code == code for r in queue.model.rows), timeout=10_000)
    row = next(i for i, r in enumerate(queue.model.rows) if r.rule_id == "production_cwc")
    queue.table.selectRow(row)
    assert queue.current_flag().code == code
    monkeypatch.setattr(
        ReasonDialog, "ask", staticmethod(lambda *a: "Produced before the CWC on 11/11")
    )
    with qtbot.waitSignal(ctx.events.flags_changed, timeout=5000) as changed:
        qtbot.mouseClick(queue.resolve_button, Qt.MouseButton.LeftButton)
    with Session(engine) as s:
        flag = s.scalars(
            select(Flag).where(Flag.child_id == child_id, Flag.rule_id == "production_cwc")
        ).one()
        assert flag.status == "resolved" and flag.note == "Produced before the CWC on 11/11"
        assert flag.resolved_by == wizard.actor.label
    qtbot.waitUntil(lambda: all(r.rule_id != "production_cwc" for r in queue.model.rows))
    n = changed.args[0]
    assert window.flags_label.text() == (
        "1 open flag" if n == 1 else f"{n} open flags"
    )  # the status bar follows

    # From the queue straight to the child's profile.
    row = next(i for i, r in enumerate(queue.model.rows) if r.code == code)
    queue.table.selectRow(row)
    before = window.profile
    qtbot.mouseClick(queue.open_button, Qt.MouseButton.LeftButton)
    assert window.current_key() == "profile" and window.profile is not before
    assert window.profile.child_id == child_id
    qtbot.waitUntil(lambda: not BackgroundOp._running, timeout=10_000)
