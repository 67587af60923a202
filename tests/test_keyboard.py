"""The window by keyboard alone: each key goes where the cursor is, as a user sees it.

Every keystroke here is sent to the widget that has the keyboard focus at that moment
(`type_here`), never straight to a chosen field: a screen that moves the cursor while
someone types shows up as text landing in the wrong field.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, GuardianVisit
from desktop.services.cases.casework import add_guardian
from desktop.services.cases.children import register_child
from desktop.services.core.context import unit_of_work
from desktop.views.app_context import AppContext
from desktop.views.children.registration import RegistrationDialog
from desktop.views.forms import FieldSpec, FormDialog
from desktop.views.main_window import MainWindow
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")


def active(qtbot, w: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    """Show a window and wait until it has the keyboard, as on a real screen."""
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def focused() -> QWidget:
    """The widget the next keystroke goes to."""
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard focus"
    return w


def type_here(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` one key at a time into whatever has the focus at each key."""
    for ch in text:
        qtbot.keyClick(focused(), ch)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Press one key (with a modifier) where the focus is."""
    qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot, target: QWidget, *, limit: int = 40) -> int:  # type: ignore[no-untyped-def]
    """Press Tab until `target` has the focus; how many presses it took."""
    for n in range(1, limit + 1):
        press(qtbot, Qt.Key.Key_Tab)
        if focused() is target:
            return n
    raise AssertionError(f"{limit} Tabs never reached {target!r}")


# -- item 1: typing after a failed Save ----------------------------------------------------


def test_typing_after_a_failed_save_stays_in_the_field_being_typed(qtbot, ctx) -> None:
    """After Save points out errors, typing "Hindi" in Languages and "Rekha Devi" as the
    guardian puts every letter there (the check as you type never moves the cursor)."""
    d = active(qtbot, RegistrationDialog(ctx))
    type_here(qtbot, "Meena")  # the form opens in First name
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)  # gender and age missing
    assert d.child_form.errors["gender"].isVisible()
    assert focused() is d.child_form.inputs["gender"]  # Save shows where the first problem is
    languages = d.child_form.inputs["languages"]
    qtbot.mouseClick(languages, Qt.MouseButton.LeftButton)
    type_here(qtbot, "Hindi")
    guardian = d.admission_form.inputs["guardian_name"]
    qtbot.mouseClick(guardian, Qt.MouseButton.LeftButton)
    type_here(qtbot, "Rekha Devi")
    assert languages.text() == "Hindi"
    assert guardian.text() == "Rekha Devi"
    assert d.child_form.inputs["aadhaar"].text() == ""
    assert d.child_form.errors["gender"].isVisible()  # still checked as they type
    assert d.admission_form.errors["guardian_relation"].isVisible()


# -- item 9: keyboard ----------------------------------------------------------------------


def test_registration_starts_in_first_name_and_tab_leaves_the_marks_box(qtbot, ctx) -> None:
    """The first keys typed land in First name; Tab in Identification marks moves on to
    the next field instead of typing a tab; Ctrl+Enter saves from any field."""
    d = active(qtbot, RegistrationDialog(ctx))
    type_here(qtbot, "Meena")
    assert d.child_form.inputs["first_name"].text() == "Meena"
    marks = d.child_form.inputs["identification_marks"]
    assert isinstance(marks, QPlainTextEdit)
    tab_to(qtbot, marks)
    type_here(qtbot, "mole")
    press(qtbot, Qt.Key.Key_Tab)
    assert marks.toPlainText() == "mole"
    assert focused() is d.child_form.inputs["aadhaar"]
    d.child_form.inputs["gender"].setCurrentIndex(d.child_form.inputs["gender"].findData("female"))
    qtbot.mouseClick(d.child_form.inputs["estimated_age"], Qt.MouseButton.LeftButton)
    type_here(qtbot, "9")
    qtbot.mouseClick(marks, Qt.MouseButton.LeftButton)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert d.child_id is not None
    with Session(ctx.engine) as s:
        child = s.get(Child, d.child_id)
        assert (child.first_name, child.identification_marks) == ("Meena", "mole")


def test_ctrl_enter_saves_a_small_form_from_its_notes_box(qtbot) -> None:
    """Ctrl+Enter in a multi-line box saves the dialog; Enter alone there adds a line."""
    got: list[dict[str, str]] = []
    dlg = FormDialog(
        None,
        title="Add a note",
        fields=[FieldSpec("text", "Note *", "multiline")],
        submit=got.append,
    )
    active(qtbot, dlg)
    qtbot.mouseClick(dlg.form.inputs["text"], Qt.MouseButton.LeftButton)
    type_here(qtbot, "first")
    press(qtbot, Qt.Key.Key_Return)
    type_here(qtbot, "second")
    assert got == []
    press(qtbot, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert got == [{"text": "first\nsecond"}]
    assert dlg.result() == FormDialog.DialogCode.Accepted


@pytest.fixture
def window(qtbot, ctx: AppContext, monkeypatch):  # type: ignore[no-untyped-def]
    """The main window over two children, one with a guardian (no message boxes)."""
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warned: {a[2]}"))
    with unit_of_work(ctx.engine, ctx.actor, as_of=TODAY) as s:
        c = register_child(s, child_input(first_name="Meena"), today=TODAY)
        add_guardian(s, c, name="Sunita Devi", relation="mother")
        register_child(s, child_input(first_name="Ravi", gender="male"), today=TODAY)
    w = MainWindow(ctx)
    return active(qtbot, w)


def test_search_box_to_results_in_one_key_and_enter_opens(qtbot, window: MainWindow) -> None:
    """From the search box, Down moves into the results (first child selected), and Enter
    opens that child; Tab also goes from the search box straight to the results."""
    page = window.show_page("children")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is page.search_box
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is page.table
    assert page.table.currentIndex().row() == 0
    page.search_box.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.table
    press(qtbot, Qt.Key.Key_Return)
    assert window.current_key() == "profile"


def test_enter_logs_a_visit_and_escape_or_alt_left_goes_back(qtbot, window: MainWindow) -> None:
    """In a profile, Enter in the visit row logs the visit; Esc and Alt+Left go back."""
    page = window.show_page("children")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    with Session(window.ctx.engine) as s:
        meena = s.scalars(select(Child).where(Child.first_name == "Meena")).one()
    window.open_child(meena.id)
    profile = window.profile
    assert profile is not None
    profile.tabs.setCurrentWidget(profile.visits)
    qtbot.mouseClick(profile.visits.visit_date, Qt.MouseButton.LeftButton)
    press(qtbot, Qt.Key.Key_Return)
    with Session(window.ctx.engine) as s:
        visits = list(s.scalars(select(GuardianVisit).where(GuardianVisit.child_id == meena.id)))
    assert [v.visit_date for v in visits] == [TODAY]
    profile.visits.mode.setFocus()  # Enter on the "How" choice logs it too
    press(qtbot, Qt.Key.Key_Enter)
    with Session(window.ctx.engine) as s:
        n = len(list(s.scalars(select(GuardianVisit).where(GuardianVisit.child_id == meena.id))))
    assert n == 2
    press(qtbot, Qt.Key.Key_Escape)
    assert window.current_key() == "children"
    window.open_child(meena.id)
    window.profile.tabs.setFocus()
    press(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_key() == "children"
