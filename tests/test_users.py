"""Users: argon2id passwords, password rules, offline login, lockout with back-off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.models import AuditEvent, User
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.core.errors import PermissionDenied, ValidationError
from desktop.services.install.users import (
    REFUSED,
    LoginRefused,
    authenticate,
    change_own_password,
    change_password,
    create_user,
    has_users,
    login,
    password_problem,
    reset_password,
    unlock_user,
)

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
PW = "kiran-2026"


@pytest.fixture
def users_engine(inst_engine):
    """The Patna home with a superintendent (meena) and a caseworker (ravi)."""
    with unit_of_work(inst_engine, SYSTEM) as s:
        create_user(s, username="meena", full_name="Meena Devi", role="superintendent", password=PW)
        create_user(s, username="ravi", full_name="Ravi Kumar", role="caseworker", password=PW)
    return inst_engine


def test_first_user_and_has_users(inst_engine):
    """An install has no users until the first is created; the hash is argon2id, not the text."""
    with unit_of_work(inst_engine, SYSTEM) as s:
        assert not has_users(s)
        u = create_user(s, username="meena", full_name="Meena Devi", role="superintendent",
                        password=PW)  # fmt: skip
        assert has_users(s)
        assert u.password_hash.startswith("$argon2id$") and PW not in u.password_hash


def test_password_hash_never_in_the_audit_trail(users_engine):
    """Creating a user audits the account but not the password hash."""
    with unit_of_work(users_engine, SYSTEM) as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "create_user")).all()
        assert len(events) == 2
        assert "$argon2" not in str([e.changes for e in events])


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("abc12", "at least 8"),
        ("xmeenax2026", "user name"),
        ("aaaa1111", "same few"),
        ("kirankiran", "Mix letters"),
        ("12348765", "Mix letters"),
        ("password1", "too common"),
    ],
)
def test_weak_passwords_are_refused(password, why):
    """Short, name-based, repetitive, one-kind and common passwords are refused in plain words."""
    assert why in (password_problem("meena", password) or "")


def test_sane_passwords_pass():
    """Ordinary memorable passwords with two kinds of characters are accepted, Hindi too."""
    for ok in ("asha2026", "kiran-home", "आशा किरण 7"):
        assert password_problem("meena", ok) is None


def test_create_user_validates(users_engine):
    """A taken name, a weak password and an unknown role are refused together."""
    with unit_of_work(users_engine, SYSTEM) as s, pytest.raises(ValidationError) as exc:
        create_user(s, username="MEENA", full_name="", role="boss", password="short")
    assert set(exc.value.errors) == {"username", "full_name", "role", "password"}


def test_login_gives_actor_with_scope(users_engine):
    """A right password logs in as the user's role, limited to the install's institution."""
    actor = login(users_engine, username="Meena", password=PW, now=T0)
    assert (actor.username, actor.role, actor.full_name) == ("meena", "superintendent",
                                                             "Meena Devi")  # fmt: skip
    assert actor.institution_id is not None
    with unit_of_work(users_engine, SYSTEM) as s:
        user = s.scalars(select(User).where(User.username == "meena")).one()
        assert user.last_login_at is not None
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (last.action, last.actor) == ("login", "meena (Meena Devi)")


def test_wrong_password_and_unknown_user_refused_alike(users_engine):
    """A wrong password and an unknown user get the same message (no hint which was wrong)."""
    with pytest.raises(LoginRefused, match="not right") as a:
        login(users_engine, username="meena", password="wrong-pass1", now=T0)
    with pytest.raises(LoginRefused, match="not right") as b:
        login(users_engine, username="nobody", password=PW, now=T0)
    assert str(a.value).split(".")[0] == str(b.value).split(".")[0]
    with unit_of_work(users_engine, SYSTEM) as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert actions[-2:] == ["login_failed", "login_refused"]


def _fail(engine, n, at):
    msgs = []
    for _ in range(n):
        with pytest.raises(LoginRefused) as exc:
            login(engine, username="ravi", password="wrong-pass1", now=at)
        msgs.append(str(exc.value))
    return msgs


def test_lockout_after_five_failures_then_back_off(users_engine):
    """Five wrong passwords lock for 1 minute; each further one doubles the wait."""
    msgs = _fail(users_engine, 5, T0)
    assert msgs[:4] == [REFUSED] * 4  # no countdown: it would tell that the name exists
    assert "locked" in msgs[4] and "60 seconds" in msgs[4]
    # Even the right password is refused while locked, and the message says how long.
    with pytest.raises(LoginRefused, match="try again in 30 seconds"):
        login(users_engine, username="ravi", password=PW, now=T0 + timedelta(seconds=30))
    # After the minute, one more wrong password locks for 2 minutes, then 4.
    t1 = T0 + timedelta(seconds=61)
    assert "2 minutes" in _fail(users_engine, 1, t1)[0]
    t2 = t1 + timedelta(minutes=2, seconds=1)
    assert "4 minutes" in _fail(users_engine, 1, t2)[0]
    with pytest.raises(LoginRefused, match="locked"):
        login(users_engine, username="ravi", password=PW, now=t2 + timedelta(minutes=3))
    actor = login(
        users_engine, username="ravi", password=PW, now=t2 + timedelta(minutes=4, seconds=1)
    )
    assert actor.role == "caseworker"
    # A success resets the count: four more failures do not lock.
    assert "try again" not in _fail(users_engine, 4, t2 + timedelta(minutes=5))[-1]


def test_lockout_survives_restart(users_engine, data_dir):
    """The lock is stored on the user row, so reopening the database keeps it."""
    from desktop.db import open_database

    _fail(users_engine, 5, T0)
    users_engine.dispose()
    again = open_database(data_dir)
    with pytest.raises(LoginRefused, match="locked"):
        login(again, username="ravi", password=PW, now=T0 + timedelta(seconds=10))
    again.dispose()


def test_unlock_and_reset_by_superintendent(users_engine):
    """A superintendent unlocks a caseworker and resets the password; the old one stops working."""
    _fail(users_engine, 5, T0)
    meena = login(users_engine, username="meena", password=PW, now=T0)
    with unit_of_work(users_engine, meena) as s:
        unlock_user(s, username="ravi")
    assert login(users_engine, username="ravi", password=PW, now=T0).username == "ravi"
    with unit_of_work(users_engine, meena) as s:
        reset_password(s, username="ravi", new_password="new-start-9")
    with pytest.raises(LoginRefused):
        login(users_engine, username="ravi", password=PW, now=T0)
    login(users_engine, username="ravi", password="new-start-9", now=T0)
    with unit_of_work(users_engine, SYSTEM) as s:
        assert s.scalars(select(User).where(User.username == "ravi")).one().must_change_password


def test_caseworker_cannot_reset_or_create(users_engine):
    """A caseworker may not reset another's password or add users."""
    ravi = login(users_engine, username="ravi", password=PW, now=T0)
    with unit_of_work(users_engine, ravi) as s, pytest.raises(PermissionDenied):
        reset_password(s, username="meena", new_password="take-over-1")
    with unit_of_work(users_engine, ravi) as s, pytest.raises(PermissionDenied):
        create_user(s, username="x1", full_name="X", role="caseworker", password=PW)
    login(users_engine, username="meena", password=PW, now=T0)


def test_superintendent_cannot_create_administrator(users_engine):
    """A superintendent manages CCI staff only, not administrators or officials."""
    meena = Actor("meena", "superintendent", "Meena Devi")
    with unit_of_work(users_engine, meena) as s, pytest.raises(PermissionDenied):
        create_user(s, username="root", full_name="Root", role="administrator", password=PW)


def test_change_password(users_engine):
    """Changing a password needs the old one and a good new one; then only the new one works."""
    with pytest.raises(LoginRefused, match="not right"):
        change_own_password(
            users_engine, username="ravi", old_password="nope-nope1", new_password="fresh-pass-2"
        )
    with unit_of_work(users_engine, SYSTEM) as s, pytest.raises(ValidationError) as exc:
        change_password(s, username="ravi", old_password=PW, new_password="ravi-1234")
    assert "user name" in exc.value.errors["new_password"]
    with unit_of_work(users_engine, SYSTEM) as s:
        change_password(s, username="ravi", old_password=PW, new_password="fresh-pass-2")
    with pytest.raises(LoginRefused):
        login(users_engine, username="ravi", password=PW, now=T0)
    assert login(users_engine, username="ravi", password="fresh-pass-2", now=T0).username == "ravi"


def test_district_official_scope(users_engine):
    """A district official gets the state and districts stored on the account."""
    with unit_of_work(users_engine, SYSTEM) as s:
        create_user(s, username="dpo", full_name="D P O", role="district_official",
                    password=PW, districts=[212, 213])  # fmt: skip
        with pytest.raises(ValidationError, match="districts"):
            create_user(s, username="dpo2", full_name="D", role="district_official", password=PW)
    a = login(users_engine, username="dpo", password=PW, now=T0)
    assert (a.state, a.districts, a.institution_id) == (10, (212, 213), None)


def test_authenticate_in_callers_session(users_engine):
    """authenticate checks in the caller's session; the failure is written there to commit."""
    with unit_of_work(users_engine, SYSTEM) as s:
        with pytest.raises(LoginRefused):
            authenticate(s, username="ravi", password="bad-pass-1", now=T0)
        assert s.scalars(select(User).where(User.username == "ravi")).one().failed_logins == 1


def test_cli_needs_a_user_once_users_exist(inst_engine, data_dir, monkeypatch, capsys):
    """Before users exist `clms` acts as administrator; after, it needs --user and a password."""
    from desktop.cli.main import main as cli

    d = ["--data-dir", str(data_dir)]
    monkeypatch.setenv("CLMS_NEW_PASSWORD", PW)
    args = ["user", "add", "meena", "--full-name", "Meena Devi", "--role", "superintendent"]
    assert cli([*d, *args]) == 0
    assert cli([*d, "search", "Priya"]) == 2  # no --user any more
    assert "--user NAME" in capsys.readouterr().err
    monkeypatch.setenv("CLMS_PASSWORD", "wrong-pass-1")
    assert cli([*d, "--user", "meena", "user", "list"]) == 2
    assert "not right" in capsys.readouterr().err
    monkeypatch.setenv("CLMS_PASSWORD", PW)
    add = ["user", "add", "ravi", "--full-name", "Ravi Kumar", "--role", "caseworker"]
    assert cli([*d, "--user", "meena", *add]) == 0
    assert cli([*d, "--user", "meena", "user", "list"]) == 0
    out = capsys.readouterr().out
    assert "ravi" in out and "caseworker" in out
    # A caseworker may not list users or verify the audit trail.
    assert cli([*d, "--user", "ravi", "user", "list"]) == 2
    assert "cannot manage user accounts" in capsys.readouterr().err
    monkeypatch.setenv("CLMS_NEW_PASSWORD", "fresh-pass-2")
    assert cli([*d, "--user", "meena", "user", "reset", "ravi"]) == 0
    monkeypatch.setenv("CLMS_PASSWORD", "fresh-pass-2")
    # Reset: nothing runs until ravi has chosen his own password, as in the window.
    assert cli([*d, "--user", "ravi", "search", "Priya"]) == 2
    assert "user passwd ravi" in capsys.readouterr().err
    monkeypatch.setenv("CLMS_NEW_PASSWORD", "home-own-77")
    assert cli([*d, "user", "passwd", "ravi"]) == 0
    monkeypatch.setenv("CLMS_PASSWORD", "home-own-77")
    assert cli([*d, "--user", "ravi", "search", "Priya"]) == 4  # logged in; no match
