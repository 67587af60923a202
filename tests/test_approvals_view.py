"""Pending approvals in the window: the count in the navigation, approve and return with the
keyboard, and the navigation rebuilt for the user who logs in at the lock screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.models import ApprovalRequest, Child
from desktop.services.cases.approvals import request_category_change, request_exit
from desktop.services.cases.children import register_child
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.install.users import create_user
from desktop.views.admin.approvals_page import ApprovalsPage
from desktop.views.app_context import AppContext
from desktop.views.main_window import MainWindow
from desktop.views.reason_dialog import ReasonDialog
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")
PW = "kiran-2026"
ASHA = Actor("asha", "superintendent", "Asha Kumari")
RAVI = Actor("ravi", "caseworker", "Ravi Kumar")


@pytest.fixture
def asked(inst_engine: Engine) -> dict[str, int]:
    """Two children; Ravi asked for a category change for one and an exit for the other."""
    with unit_of_work(inst_engine, SYSTEM, as_of=TODAY) as s:
        a = register_child(s, child_input(), today=TODAY)
        b = register_child(s, child_input(first_name="Kavita", name_local=None), today=TODAY)
        create_user(s, username="asha", full_name="Asha Kumari", role="superintendent", password=PW)
        create_user(s, username="ravi", full_name="Ravi Kumar", role="caseworker", password=PW)
        s.flush()
        ids = a.id, b.id
    with unit_of_work(inst_engine, RAVI, as_of=TODAY) as s:
        a, b = s.get(Child, ids[0]), s.get(Child, ids[1])
        request_category_change(s, a, to_code=9, reason="both parents traced", today=TODAY)
        request_exit(s, b, status="restored", exit_date=TODAY, reason="to mother", today=TODAY)
        return {"a": a.id, "b": b.id}


def window_for(qtbot, engine: Engine, data_dir: Path, actor: Actor) -> MainWindow:
    """A shown main window acting as `actor`."""
    w = MainWindow(AppContext(engine, data_dir, actor, today=lambda: TODAY))
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    return w


def nav_texts(w: MainWindow) -> list[str]:
    """The navigation entries as shown."""
    return [w.nav.item(i).text() for i in range(w.nav.count())]


def test_navigation_counts_the_waiting_requests(qtbot, inst_engine, data_dir, asked) -> None:
    """The superintendent's navigation shows 'Approvals (2)'; a caseworker has none."""
    w = window_for(qtbot, inst_engine, data_dir, ASHA)
    qtbot.waitUntil(lambda: "Approvals (2)" in nav_texts(w), timeout=5000)
    worker = window_for(qtbot, inst_engine, data_dir, RAVI)
    assert not any(t.startswith("Approvals") for t in nav_texts(worker))


def test_approve_with_the_keyboard(qtbot, inst_engine, data_dir, asked, monkeypatch) -> None:
    """Alt+A approves the selected request (after Yes): the category changes, the line goes,
    the count drops."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w = window_for(qtbot, inst_engine, data_dir, ASHA)
    page = w.show_page("approvals")
    assert isinstance(page, ApprovalsPage)
    assert page.table.rowCount() == 2
    assert "Priya Kumari" in page.table.item(0, 1).text()
    assert "Category change" == page.table.item(0, 2).text()
    page.table.setFocus()
    page.table.selectRow(0)
    w.windowHandle().requestActivate()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)  # a mnemonic clicks after 100 ms
    with Session(inst_engine) as s:
        assert s.get(Child, asked["a"]).category_code == 9
    qtbot.waitUntil(lambda: "Approvals (1)" in nav_texts(w), timeout=5000)
    assert "Approved" in page.message.text()


def test_return_with_a_typed_reason(qtbot, inst_engine, data_dir, asked, monkeypatch) -> None:
    """Return… asks why (OK stays off until something is typed); the child stays in care."""
    seen: list[ReasonDialog] = []

    def ask(parent, title, prompt):  # type: ignore[no-untyped-def]
        dlg = ReasonDialog(title, prompt, parent)
        seen.append(dlg)
        dlg.show()
        assert not dlg.ok.isEnabled()
        qtbot.keyClicks(dlg.text, "Restoration order not yet seen")
        assert dlg.ok.isEnabled()
        qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
        return dlg.reason()

    monkeypatch.setattr(ReasonDialog, "ask", staticmethod(ask))
    ctx = AppContext(inst_engine, data_dir, ASHA, today=lambda: TODAY)
    page = ApprovalsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(1)
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    assert seen
    with Session(inst_engine) as s:
        assert s.get(Child, asked["b"]).status == "in_care"
        req = s.scalars(select(ApprovalRequest).where(ApprovalRequest.kind == "exit")).one()
        assert (req.status, req.decision_note) == ("returned", "Restoration order not yet seen")


def test_enter_on_a_request_opens_the_child(qtbot, inst_engine, data_dir, asked) -> None:
    """Enter on a request shows that child's profile in the window."""
    w = window_for(qtbot, inst_engine, data_dir, ASHA)
    page = w.show_page("approvals")
    page.table.setFocus()
    page.table.setCurrentCell(1, 0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert w.current_key() == "profile" and w.profile.child_id == asked["b"]


def test_switching_user_at_the_lock_screen_rebuilds_the_navigation(
    qtbot, inst_engine, data_dir, asked
) -> None:
    """After Ravi (caseworker) unlocks a superintendent's window, Users, Audit trail and
    Pending approvals are gone from the navigation and the Go to menu; Asha gets them back."""
    from desktop.views.start.login import IdleLock

    w = window_for(qtbot, inst_engine, data_dir, ASHA)
    staff = ("Users", "Audit trail")
    assert all(t in nav_texts(w) for t in staff)
    w.show_page("users")
    lock = IdleLock(w, w.ctx, minutes=60)

    def log_in(name: str) -> None:
        lock.lock()
        dlg = lock.dialog
        dlg.username.clear()
        qtbot.keyClicks(dlg.username, name)
        qtbot.keyClicks(dlg.password, PW)
        qtbot.mouseClick(dlg.login_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not lock.locked, timeout=10_000)

    log_in("ravi")
    assert w.ctx.actor.role == "caseworker"
    texts = nav_texts(w)
    assert not any(t in texts for t in staff)
    assert not any(t.startswith("Approvals") for t in texts)
    menu = [a.text() for a in w.page_actions]
    assert "Users" not in menu and "Audit trail" not in menu
    assert "users" not in w.pages and w.current_key() == "children"
    assert "User: Ravi Kumar" in w.user_label.text()
    log_in("asha")
    assert all(t in nav_texts(w) for t in staff)
    qtbot.waitUntil(lambda: "Approvals (2)" in nav_texts(w), timeout=5000)


def test_caseworker_withdraws_own_request_from_the_profile(
    qtbot, inst_engine, data_dir, asked, monkeypatch
) -> None:
    """Ravi sees 'Withdraw my request' on the child's profile for the request he asked; Space
    on it (after Yes) takes it back, the button goes, and the superintendent's count drops."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w = window_for(qtbot, inst_engine, data_dir, RAVI)
    w.open_child(asked["a"])
    overview = w.profile.overview
    assert [b.text() for b in overview.withdraw_buttons] == [
        "Withdraw my request: Category change…"
    ]
    button = overview.withdraw_buttons[0]
    assert button.isVisibleTo(w)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not overview.withdraw_box.isVisibleTo(w))
    with Session(inst_engine) as s:
        req = s.scalars(
            select(ApprovalRequest).where(ApprovalRequest.kind == "category_change")
        ).one()
        assert (req.status, req.decided_by) == ("withdrawn", "ravi (Ravi Kumar)")
        assert s.get(Child, asked["a"]).category_code == 3
    boss = window_for(qtbot, inst_engine, data_dir, ASHA)
    qtbot.waitUntil(lambda: "Approvals (1)" in nav_texts(boss), timeout=5000)


def test_someone_elses_request_has_no_withdraw_button(qtbot, inst_engine, data_dir, asked) -> None:
    """Another caseworker sees Ravi's waiting request but cannot withdraw it, in the window or
    through the services."""
    from desktop.services.cases.approvals import request_by_id, withdraw_request
    from desktop.services.core.errors import NotAllowed

    with unit_of_work(inst_engine, SYSTEM) as s:
        create_user(s, username="mohan", full_name="Mohan Lal", role="caseworker", password=PW)
    mohan = Actor("mohan", "caseworker", "Mohan Lal")
    w = window_for(qtbot, inst_engine, data_dir, mohan)
    w.open_child(asked["a"])
    assert w.profile.overview.requests.isVisibleTo(w)
    assert w.profile.overview.withdraw_buttons == []
    with Session(inst_engine) as s:
        req_id = s.scalars(
            select(ApprovalRequest.id).where(ApprovalRequest.kind == "category_change")
        ).one()
    with pytest.raises(NotAllowed), unit_of_work(inst_engine, mohan) as s:
        withdraw_request(s, request_by_id(s, req_id))
