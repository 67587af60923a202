"""Login window, password change on first login, lockout message, idle auto-lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.install.users import create_user, reset_password
from desktop.views.app_context import AppContext
from desktop.views.start.login import (
    IdleLock,
    LoginDialog,
    lock_window,
    login_or_default,
)

PW = "kiran-2026"


@pytest.fixture
def user_engine(inst_engine):
    """The Patna home with superintendent meena and caseworker ravi."""
    with unit_of_work(inst_engine, SYSTEM) as s:
        create_user(s, username="meena", full_name="Meena Devi", role="superintendent", password=PW)
        create_user(s, username="ravi", full_name="Ravi Kumar", role="caseworker", password=PW)
    return inst_engine


def _type_login(qtbot, dialog, name, password):
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, name)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def test_login_gives_the_actor(qtbot, user_engine):
    """Typing a right user name and password closes the dialog with that user's Actor."""
    dialog = LoginDialog(user_engine)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _type_login(qtbot, dialog, "meena", PW)
    assert dialog.actor.username == "meena" and dialog.actor.role == "superintendent"


def test_wrong_password_says_so_and_stays_open(qtbot, user_engine):
    """A wrong password shows a plain message, clears the password and keeps the dialog."""
    dialog = LoginDialog(user_engine)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_login(qtbot, dialog, "meena", "not-it-123")
    assert dialog.isVisible() and dialog.actor is None
    assert "not right" in dialog.error.text() and dialog.error.isVisible()
    assert dialog.password.text() == ""


def test_lockout_message_says_how_long(qtbot, user_engine):
    """After five wrong passwords the dialog says the account is locked and for how long."""
    dialog = LoginDialog(user_engine)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(5):
        _type_login(qtbot, dialog, "ravi", "not-it-123")
    assert "locked" in dialog.error.text() and "60 seconds" in dialog.error.text()
    _type_login(qtbot, dialog, "ravi", PW)  # even the right password waits
    assert "try again in" in dialog.error.text() and dialog.actor is None


def test_reset_password_must_be_changed_at_login(qtbot, user_engine, monkeypatch):
    """After a reset, logging in asks for a new password before letting the user in."""
    from desktop.views.start import login as login_mod

    with unit_of_work(user_engine, SYSTEM) as s:
        reset_password(s, username="ravi", new_password="temp-pass-1")
    asked = []

    def fake_exec(self):
        asked.append(self.old.text())
        qtbot.keyClicks(self.new, "my-own-pass-7")
        qtbot.keyClicks(self.again, "my-own-pass-7")
        self.save()
        return self.result()

    monkeypatch.setattr(login_mod.ChangePasswordDialog, "exec", fake_exec)
    dialog = LoginDialog(user_engine)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _type_login(qtbot, dialog, "ravi", "temp-pass-1")
    assert asked == ["temp-pass-1"]
    again = LoginDialog(user_engine)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.accepted, timeout=5000):
        _type_login(qtbot, again, "ravi", "my-own-pass-7")


def test_no_users_means_no_login(inst_engine):
    """Before any account exists the app starts as the given default actor (first start)."""
    default = Actor("superintendent", "superintendent")
    assert login_or_default(inst_engine, default=default) is default


def _window(qtbot, engine, actor):
    win = QMainWindow()
    win.setCentralWidget(QLabel("Priya Kumari, BR212-0001"))
    qtbot.addWidget(win)
    win.show()
    ctx = AppContext(engine=engine, data_dir=None, actor=actor)
    return win, ctx


def test_idle_lock_hides_data_and_same_user_unlocks(qtbot, user_engine):
    """After the idle time the content hides and a locked login shows; the same user unlocks."""
    meena = Actor("meena", "superintendent", "Meena Devi")
    win, ctx = _window(qtbot, user_engine, meena)
    lock = IdleLock(win, ctx, minutes=0.005)  # 300 ms
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    assert not win.centralWidget().isVisible()
    assert lock.dialog.username.text() == "meena"
    with qtbot.assertNotEmitted(ctx.events.actor_changed):
        qtbot.keyClicks(lock.dialog.password, PW)
        qtbot.mouseClick(lock.dialog.login_button, Qt.MouseButton.LeftButton)
    assert not lock.locked and win.centralWidget().isVisible()


def test_activity_postpones_the_lock(qtbot, user_engine):
    """Mouse or key activity restarts the idle count, so a busy user is never locked."""
    win, ctx = _window(qtbot, user_engine, Actor("meena", "superintendent"))
    now = [1000.0]
    lock = IdleLock(win, ctx, minutes=5, clock=lambda: now[0])
    for _ in range(6):  # half an hour of work, a move every 4 minutes
        now[0] += 240
        lock.check()
        move = QMouseEvent(
            QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5), Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        QApplication.sendEvent(win.centralWidget(), move)
    assert not lock.locked
    now[0] += 299
    lock.check()
    assert not lock.locked
    now[0] += 1
    lock.check()
    assert lock.locked


def test_another_user_can_unlock(qtbot, user_engine):
    """A different user may unlock; the context then acts as them and says so."""
    win, ctx = _window(qtbot, user_engine, Actor("meena", "superintendent", "Meena Devi"))
    lock_window(win, ctx)
    from desktop.views.start.login import _locks

    lock = _locks[win]
    assert lock.locked
    with qtbot.waitSignal(ctx.events.actor_changed, timeout=5000):
        _type_login(qtbot, lock.dialog, "ravi", PW)
    assert ctx.actor.username == "ravi" and ctx.actor.role == "caseworker"


def test_giving_up_on_the_lock_closes_the_window(qtbot, user_engine):
    """Closing the lock dialog closes the window rather than showing the data."""
    win, ctx = _window(qtbot, user_engine, Actor("meena", "superintendent"))
    lock = IdleLock(win, ctx, minutes=60)
    lock.lock()
    lock.dialog.reject()
    assert not win.isVisible() and not lock.locked


def test_no_lock_without_accounts(qtbot, inst_engine):
    """An install without user accounts cannot lock (nobody could log in again)."""
    win, ctx = _window(qtbot, inst_engine, Actor("superintendent", "superintendent"))
    lock = IdleLock(win, ctx, minutes=60)
    lock.lock()
    assert not lock.locked and win.centralWidget().isVisible()


def test_lock_hides_open_forms_without_closing_them(qtbot, user_engine):
    """A form left open keeps what was typed but shows nothing while the window is locked."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    win, ctx = _window(qtbot, user_engine, Actor("meena", "superintendent"))
    form = QDialog(win)
    field = QLineEdit("Priya Kumari")
    QVBoxLayout(form).addWidget(field)
    form.show()
    lock = IdleLock(win, ctx, minutes=60)
    lock.lock()
    assert form.isVisible() and not field.isVisible()
    _type_login(qtbot, lock.dialog, "meena", PW)
    assert not lock.locked and field.isVisible() and field.text() == "Priya Kumari"
