"""The audit trail screen (filters, tamper check) and the users screen (add, reset, unlock)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from desktop.services.cases.casework import add_note
from desktop.services.cases.children import register_child
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.install.users import create_user, login
from desktop.views.admin.audit_page import AuditPage
from desktop.views.admin.users_page import AddUserDialog, ResetPasswordDialog, UsersPage
from desktop.views.app_context import AppContext
from tests.conftest import TODAY
from tests.helpers import child_input

PW = "kiran-2026"


@pytest.fixture
def staffed(inst_engine):
    """Superintendent meena and caseworker ravi; ravi wrote a note on Priya's case."""
    with unit_of_work(inst_engine, SYSTEM) as s:
        create_user(s, username="meena", full_name="Meena Devi", role="superintendent", password=PW)
        create_user(s, username="ravi", full_name="Ravi Kumar", role="caseworker", password=PW)
    meena = login(inst_engine, username="meena", password=PW)
    ravi = login(inst_engine, username="ravi", password=PW)
    with unit_of_work(inst_engine, meena, rules=False) as s:
        child = register_child(s, child_input(), today=TODAY)
        code = child.code
    with unit_of_work(inst_engine, ravi, rules=False) as s:
        c = s.merge(child)
        add_note(s, c, text="Settled in.", today=TODAY)
    return {"engine": inst_engine, "meena": meena, "code": code}


def _ctx(staffed, data_dir):
    return AppContext(engine=staffed["engine"], data_dir=data_dir, actor=staffed["meena"])


def test_audit_page_filters_by_user_and_child(qtbot, staffed, data_dir):
    """Choosing a user or a child code narrows the list to their events."""
    page = AuditPage(_ctx(staffed, data_dir))
    qtbot.addWidget(page)
    everyone = len(page.rows)
    assert everyone >= 6  # set-up, 2 users, 2 logins, child, note...
    page.user_box.setCurrentIndex(page.user_box.findData("ravi"))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert [r["action"] for r in page.rows] == ["Note added", "Logged in"]
    assert page.table.item(0, 1).text() == "ravi (Ravi Kumar)"
    assert page.table.item(0, 3).text() == staffed["code"]
    page.user_box.setCurrentIndex(0)
    qtbot.keyClicks(page.child_box, staffed["code"])
    qtbot.keyClick(page.child_box, Qt.Key.Key_Return)
    assert [r["action"] for r in page.rows] == ["Note added", "Child registered"]


def test_audit_page_date_filter(qtbot, staffed, data_dir):
    """A date range that ends before the events shows none; one including today shows them."""
    page = AuditPage(_ctx(staffed, data_dir))
    qtbot.addWidget(page)
    page.to_on.setChecked(True)
    page.to_date.setDate(page.to_date.date().addYears(-1))
    page.refresh()
    assert page.rows == [] and page.table.rowCount() == 0
    page.to_on.setChecked(False)
    page.from_on.setChecked(True)
    today = datetime.now(UTC).astimezone().date()
    page.from_date.setDate(page.from_date.date().addDays((today - page._py(page.from_date)).days))
    page.refresh()
    assert len(page.rows) >= 6


def test_audit_page_check_reports_tampering(qtbot, staffed, data_dir):
    """The check button says the trail is intact, and names the problem after an edit."""
    page = AuditPage(_ctx(staffed, data_dir))
    qtbot.addWidget(page)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "intact" in page.check_label.text(), timeout=5000)
    with staffed["engine"].begin() as conn:
        conn.execute(text("UPDATE audit_event SET actor = 'someone' WHERE action = 'add_note'"))
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Tampering found" in page.check_label.text(), timeout=5000)
    assert "was changed" in page.check_label.text()


def test_caseworker_sees_a_refusal_not_the_trail(qtbot, staffed, data_dir):
    """A caseworker opening the audit screen gets the refusal message and no events."""
    ravi = Actor("ravi", "caseworker", "Ravi Kumar")
    page = AuditPage(AppContext(engine=staffed["engine"], data_dir=data_dir, actor=ravi))
    qtbot.addWidget(page)
    assert page.rows == [] and "cannot read the audit trail" in page.count_label.text()


def test_users_page_adds_a_user(qtbot, staffed, data_dir, monkeypatch):
    """Add a user through the dialog; a weak password keeps the dialog open with the reason."""
    page = UsersPage(_ctx(staffed, data_dir))
    qtbot.addWidget(page)
    assert [u["username"] for u in page.users] == ["meena", "ravi"]
    seen = []

    def fill(dialog: AddUserDialog) -> int:
        qtbot.keyClicks(dialog.username, "sunita")
        qtbot.keyClicks(dialog.full_name, "Sunita Sharma")
        for pw in ("short", "kiran-home-4"):
            dialog.password.setText(pw)
            dialog.again.setText(pw)
            dialog._save()
            seen.append(dialog.error.text() if not dialog.result() else "saved")
        return dialog.result()

    monkeypatch.setattr(AddUserDialog, "exec", fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert "at least 8" in seen[0] and seen[1] == "saved"
    assert "sunita" in [u["username"] for u in page.users]
    assert login(staffed["engine"], username="sunita", password="kiran-home-4").role == "caseworker"


def test_users_page_reset_and_unlock(qtbot, staffed, data_dir, monkeypatch):
    """A superintendent resets a forgotten password and unlocks a locked-out caseworker."""
    from desktop.services.install.users import LoginRefused

    for _ in range(5):
        with pytest.raises(LoginRefused):
            login(staffed["engine"], username="ravi", password="wrong-pass-1")
    page = UsersPage(_ctx(staffed, data_dir))
    qtbot.addWidget(page)
    page.select("ravi")
    assert "wrong passwords" in page.table.item(1, 3).text()
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    assert "can log in" in page.message.text()
    assert login(staffed["engine"], username="ravi", password=PW).username == "ravi"

    def fill(dialog: ResetPasswordDialog) -> int:
        dialog.password.setText("new-start-9")
        dialog.again.setText("new-start-9")
        dialog._save()
        return dialog.result()

    monkeypatch.setattr(ResetPasswordDialog, "exec", fill)
    page.select("ravi")
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert login(staffed["engine"], username="ravi", password="new-start-9").username == "ravi"


def test_users_page_idle_minutes(qtbot, staffed, data_dir):
    """The idle-lock time is saved as an install setting."""
    from desktop.services.install.users import idle_lock_minutes

    page = UsersPage(_ctx(staffed, data_dir))
    qtbot.addWidget(page)
    assert page.idle_minutes.value() == 10
    page.idle_minutes.setValue(3)
    qtbot.mouseClick(page.idle_save, Qt.MouseButton.LeftButton)
    with unit_of_work(staffed["engine"], SYSTEM) as s:
        assert idle_lock_minutes(s) == 3
