"""Users of this install: accounts, argon2id passwords, offline login with lockout.

Passwords are hashed with argon2id (argon2-cffi's `PasswordHasher`); nothing else about
a password is ever kept. Every password typed anywhere is checked by `check_password`:
after `FREE_FAILURES` wrong passwords in a row the account is locked for one minute, and
each further wrong password doubles the wait (capped at `MAX_LOCK`); a right password
resets the count. All of it is written on the user row inside audited actions, so failed
and successful logins are in the audit trail. A name with no account is answered, and
locked, exactly like a wrong password (`LoginThrottle`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from desktop.models import LoginThrottle, Setting, User
from desktop.models.enums import Role
from desktop.services.core import lgd
from desktop.services.core.audit import append_event, audited
from desktop.services.core.context import SYSTEM, Actor, actor_of, unit_of_work
from desktop.services.core.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from desktop.services.core.permissions import OFFICE_ROLES, Permission, require
from desktop.services.core.validation import clean_text
from desktop.services.install.institution import local_institution_or_none
from desktop.services.install.office import office_district, office_state
from desktop.vault.passwords import is_common

FREE_FAILURES = 5
FIRST_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(hours=1)
MIN_LENGTH = 8
REFUSED = "The user name or password is not right."
_THROTTLE_KEPT = timedelta(days=1)  # tries under unknown names are forgotten after this
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters

# Who may manage whose account: a superintendent runs their own CCI's staff.
_MANAGES: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset(Role),
    Role.SUPERINTENDENT: frozenset({Role.CASEWORKER, Role.SUPERINTENDENT}),
    # The DCPO runs the district office's accounts (issue 17).
    Role.DCPO: frozenset({Role.DCPO, Role.PROTECTION_OFFICER, Role.DATA_ENTRY}),
}


class LoginRefused(ServiceError):
    """The user name or password was wrong, or the account is locked or switched off."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.locked = locked


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands datetimes back without their zone; they are always stored in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def password_problem(username: str, password: str) -> str | None:
    """Why this password is too weak, in plain words, or None if it is fine."""
    if len(password) < MIN_LENGTH:
        return f"The password must have at least {MIN_LENGTH} characters."
    low = password.casefold()
    if username and username.casefold() in low:
        return "The password must not contain the user name."
    if len(set(low)) < 4:
        return "The password repeats the same few characters; choose something less simple."
    kinds = (
        any(ch.isalpha() for ch in password)
        + any(ch.isdigit() for ch in password)
        + any(not ch.isalnum() for ch in password)
    )
    if kinds < 2:
        return "Mix letters with numbers or signs (for example: asha2026 or kiran-home)."
    if is_common(password):
        return "This password is too common; choose another."
    return None


def _check_password(username: str, password: str, field: str = "password") -> None:
    problem = password_problem(username, password)
    if problem:
        raise ValidationError({field: problem})


def parse_districts(text: str | None) -> tuple[int, ...]:
    """District codes stored on a user ("212,213") as a tuple of ints."""
    if not text:
        return ()
    return tuple(int(p) for p in text.split(",") if p.strip())


def has_users(session: Session) -> bool:
    """Whether anyone can log in to this install yet (an active user with a password)."""
    stmt = (
        select(func.count())
        .select_from(User)
        .where(User.active.is_(True), User.password_hash.is_not(None))
    )
    return int(session.execute(stmt).scalar_one()) > 0


def get_user(session: Session, username: str) -> User:
    """The user with this user name (any case), or NotFound."""
    user = session.scalars(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).first()
    if user is None:
        raise NotFound(f"There is no user '{username}'.")
    return user


def list_users(session: Session) -> list[User]:
    """All users of this install, by user name."""
    return list(session.scalars(select(User).order_by(User.username)))


def _require_manager(session: Session, role: str) -> None:
    """Only an administrator, or a superintendent for CCI staff, manages accounts.

    While nobody can log in yet (first start), the set-up may create the first user.
    """
    if not has_users(session):
        return
    actor = actor_of(session)
    if actor is SYSTEM or role in _MANAGES.get(actor.role, frozenset()):
        return
    raise PermissionDenied(
        "Only a superintendent or an administrator can manage user accounts"
        + (f" of {role.replace('_', ' ')}s." if actor.role == Role.SUPERINTENDENT else ".")
    )


def _validate_new(
    session: Session, username: str, full_name: str, role: str, districts: tuple[int, ...]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    # ASCII only: typed on any keyboard, and compared without case by SQLite's lower().
    if (
        not username
        or len(username) > 60
        or not username.isascii()
        or not all(c.isalnum() or c in "._-" for c in username)
    ):
        errors["username"] = "Use letters a-z, numbers, dots or dashes, with no spaces."
    elif session.scalars(
        select(User.id).where(func.lower(User.username) == username.lower())
    ).first():
        errors["username"] = f"The user name '{username}' is already taken."
    if not full_name.strip():
        errors["full_name"] = "Enter the person's full name."
    else:
        try:
            clean_text(full_name, required=True, max_len=100)
        except ValueError as exc:
            errors["full_name"] = str(exc)
    if role not in set(Role):
        errors["role"] = "Choose a role: " + ", ".join(r.value for r in Role) + "."
    if role == Role.DISTRICT_OFFICIAL and not districts:
        errors["districts"] = "A district official needs at least one district."
    if role in OFFICE_ROLES and office_district(session) is None:
        errors["role"] = (
            f"A {role.replace('_', ' ')} works at a district office; this computer is not one."
        )
    return errors


def create_user(
    session: Session,
    *,
    username: str,
    full_name: str,
    role: str,
    password: str,
    districts: Iterable[int] = (),
    state: int | None = None,
) -> User:
    """Add a user who can log in with this password (audited as "create_user").

    A district official's `districts` (LGD codes) and a state official's `state` set
    what they may see; without `state`, it is this install's institution's state.
    """
    username = username.strip()
    codes = tuple(int(d) for d in districts)
    errors = _validate_new(session, username, full_name, role, codes)
    problem = password_problem(username, password)
    if problem:
        errors["password"] = problem
    inst = local_institution_or_none(session)
    if state is None and role in (Role.DISTRICT_OFFICIAL, Role.STATE_OFFICIAL):
        state = inst.state_code if inst is not None else None
        if state is None:
            errors["state"] = "Choose the state this official works for."
    for d in codes:
        if state is not None and lgd.check_area(state, d):
            errors["districts"] = f"District {d} is not a district of state {state}."
    if errors:
        raise ValidationError(errors)
    _require_manager(session, role)
    now = datetime.now(UTC)
    user = User(
        username=username,
        full_name=clean_text(full_name, required=True, max_len=100) or "",
        role=role,
        password_hash=_hasher.hash(password),
        active=True,
        state_code=state if role in (Role.DISTRICT_OFFICIAL, Role.STATE_OFFICIAL) else None,
        districts=",".join(str(d) for d in codes) or None,
        failed_logins=0,
        password_changed_at=now,
        must_change_password=False,
    )
    with audited(session, "create_user"):
        session.add(user)
    return user


def actor_for(session: Session, user: User) -> Actor:
    """The Actor a logged-in user acts as, with the area they may see and change."""
    role = user.role
    if role in (Role.CASEWORKER, Role.SUPERINTENDENT):
        inst = local_institution_or_none(session)
        return Actor(user.username, role, user.full_name, institution_id=inst.id if inst else None)
    if role == Role.DISTRICT_OFFICIAL:
        return Actor(
            user.username,
            role,
            user.full_name,
            state=user.state_code,
            districts=parse_districts(user.districts),
        )
    if role == Role.STATE_OFFICIAL:
        return Actor(user.username, role, user.full_name, state=user.state_code)
    if role in OFFICE_ROLES:  # the office's own district (from its set-up), nothing else
        district = office_district(session)
        return Actor(
            user.username,
            role,
            user.full_name,
            state=office_state(session),
            districts=(district,) if district is not None else (-1,),
        )
    return Actor(user.username, role, user.full_name)


@contextmanager
def _acting_as(session: Session, actor: Actor) -> Iterator[None]:
    """Write the login's own bookkeeping in the name of the person logging in."""
    before = session.info.get("actor")
    session.info["actor"] = actor
    try:
        yield
    finally:
        session.info["actor"] = before


def _wait_text(left: timedelta) -> str:
    secs = max(1, int(left.total_seconds() + 0.999))
    if secs < 90:
        return f"{secs} seconds"
    return f"{(secs + 59) // 60} minutes"


def lock_time(failures: int) -> timedelta:
    """How long an account stays locked after this many wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_LOCK * (1 << min(failures - FREE_FAILURES, 20)), MAX_LOCK)


def _locked(left: timedelta, *, now: bool = False) -> LoginRefused:
    return LoginRefused(
        f"Too many wrong passwords. This account is {'now ' if now else ''}locked; "
        f"try again in {_wait_text(left)}.",
        locked=True,
    )


@cache
def _dummy_hash() -> str:
    return _hasher.hash("clms: no account has this password")


def _verify(password_hash: str | None, password: str) -> bool:
    """Whether the password matches the hash (a missing hash costs the same time)."""
    try:
        return bool(_hasher.verify(password_hash or _dummy_hash(), password)) and bool(
            password_hash
        )
    except (VerificationError, InvalidHashError):
        return False


Checked = tuple[str | None, bool]  # (the hash a password was checked against, matched)


def precheck(engine: Engine, *, username: str, password: str) -> Checked:
    """Check the password against the stored hash before the write transaction begins, so
    the slow hash is not computed while holding the database's write lock (other logins
    and writes wait for that lock); `check_password` uses the result if the hash is still
    the same then."""
    with Session(engine) as s:
        user = s.scalars(
            select(User).where(func.lower(User.username) == username.strip().lower())
        ).first()
        stored = user.password_hash if user is not None and user.active else None
    return stored, _verify(stored, password)


def _unknown_name(
    session: Session, name: str, at: datetime, checked: Checked | None
) -> LoginRefused:
    """Count a try under a name with no account, as an account's would be counted.

    The refusal (and the lock after repeated tries) reads exactly as for an account, and
    takes as long (a password is hashed all the same): the login does not tell which
    names are accounts.
    """
    if checked is None:
        _verify(None, name)
    key = name.casefold()[:60] or "?"
    session.execute(delete(LoginThrottle).where(LoginThrottle.last_at < at - _THROTTLE_KEPT))
    row = session.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(name=key, failures=0, locked_until=None, last_at=at)
        session.add(row)
    locked_until = _aware(row.locked_until)
    with _acting_as(session, Actor(name[:60] or "?", "unknown")):
        if locked_until is not None and locked_until > at:
            reason, refused = "account locked", _locked(locked_until - at)
        else:
            row.failures += 1
            wait = lock_time(row.failures)
            row.locked_until = at + wait if wait else None
            reason = "unknown or inactive user"
            refused = _locked(wait, now=True) if wait else LoginRefused(REFUSED)
        row.last_at = at
        append_event(
            session,
            action="login_refused",
            changes=[{"login": "refused", "reason": reason}],
            child_uuid=None,
        )
    session.flush()
    return refused


def check_password(
    session: Session,
    *,
    username: str,
    password: str,
    now: datetime | None = None,
    checked: Checked | None = None,
) -> User:
    """The one check of a password, wherever one is typed: the login, unlocking the window
    after the idle time, changing one's own password (window and `clms user passwd`).

    Honours the lock (a locked account is refused even the right password), counts a
    wrong password (and locks after `FREE_FAILURES`), audits every refusal, and answers
    an unknown name exactly as a wrong password. Returns the user on success, with the
    count of wrong passwords reset; raises LoginRefused otherwise, after writing the
    failure to the session: the caller must commit it (`login` and
    `change_own_password` do). `checked` is a `precheck` of the same password.
    """
    at = _now(now)
    try:
        user: User | None = get_user(session, username)
    except NotFound:
        user = None
    if user is None or not user.active or user.password_hash is None:
        raise _unknown_name(session, username.strip(), at, checked)
    actor = actor_for(session, user)
    locked_until = _aware(user.locked_until)
    if locked_until is not None and locked_until > at:
        with _acting_as(session, actor):
            append_event(
                session,
                action="login_refused",
                changes=[{"login": "refused", "reason": "account locked"}],
                child_uuid=None,
            )
        session.flush()
        raise _locked(locked_until - at)
    if checked is not None and checked[0] == user.password_hash:
        matched = checked[1]
    else:
        matched = _verify(user.password_hash, password)
    if not matched:
        with _acting_as(session, actor), audited(session, "login_failed"):
            user.failed_logins = (user.failed_logins or 0) + 1
            wait = lock_time(user.failed_logins)
            user.locked_until = at + wait if wait else None
        raise _locked(wait, now=True) if wait else LoginRefused(REFUSED)
    return user


def authenticate(
    session: Session,
    *,
    username: str,
    password: str,
    now: datetime | None = None,
    checked: Checked | None = None,
) -> Actor:
    """Check a login offline; returns the Actor to work as, or raises LoginRefused.

    A failed attempt is written to the session (count, lock time, audit event) before
    LoginRefused is raised: the caller must commit it, which `login` does.
    """
    at = _now(now)
    user = check_password(session, username=username, password=password, now=at, checked=checked)
    actor = actor_for(session, user)
    with _acting_as(session, actor), audited(session, "login"):
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = at
        if _hasher.check_needs_rehash(user.password_hash or ""):
            user.password_hash = _hasher.hash(password)
    return actor


def login(engine: Engine, *, username: str, password: str, now: datetime | None = None) -> Actor:
    """Log in in its own transaction, keeping a failed attempt (and any lockout) too."""
    checked = precheck(engine, username=username, password=password)
    refused: LoginRefused | None = None
    with unit_of_work(engine, SYSTEM, rules=False) as session:
        try:
            return authenticate(
                session, username=username, password=password, now=now, checked=checked
            )
        except LoginRefused as exc:
            refused = exc
    raise refused


def must_change_password(session: Session, username: str) -> bool:
    """Whether this user's password was reset and they must choose their own first."""
    return bool(get_user(session, username).must_change_password)


def change_password(
    session: Session,
    *,
    username: str,
    old_password: str,
    new_password: str,
    now: datetime | None = None,
    checked: Checked | None = None,
) -> None:
    """A user changes their own password; the old one is checked by `check_password`
    (counted, locked, audited like a login). A wrong old password is written to the
    session before LoginRefused: commit it (`change_own_password` does)."""
    if new_password == old_password:
        raise ValidationError({"new_password": "Choose a password different from the old one."})
    _check_password(username.strip(), new_password, "new_password")
    user = check_password(
        session, username=username, password=old_password, now=now, checked=checked
    )
    with _acting_as(session, actor_for(session, user)), audited(session, "change_password"):
        user.password_hash = _hasher.hash(new_password)
        user.password_changed_at = datetime.now(UTC)
        user.must_change_password = False
        user.failed_logins = 0
        user.locked_until = None


def change_own_password(
    engine: Engine,
    *,
    username: str,
    old_password: str,
    new_password: str,
    now: datetime | None = None,
) -> None:
    """Change one's own password in its own transaction, keeping a wrong old password's
    count and lock even though the change is refused."""
    refused: LoginRefused | None = None
    checked = precheck(engine, username=username, password=old_password)
    with unit_of_work(engine, SYSTEM, rules=False) as session:
        try:
            change_password(
                session,
                username=username,
                old_password=old_password,
                new_password=new_password,
                now=now,
                checked=checked,
            )
        except LoginRefused as exc:
            refused = exc
    if refused is not None:
        raise refused


def reset_password(session: Session, *, username: str, new_password: str) -> None:
    """A superintendent or administrator sets a new password (and unlocks the account).

    The user is asked to choose their own password at the next login.
    """
    user = get_user(session, username)
    _require_manager(session, user.role)
    _check_password(user.username, new_password)
    with audited(session, "reset_password"):
        user.password_hash = _hasher.hash(new_password)
        user.password_changed_at = datetime.now(UTC)
        user.must_change_password = True
        user.failed_logins = 0
        user.locked_until = None


def unlock_user(session: Session, *, username: str) -> None:
    """Lift a lockout before its time (superintendent or administrator)."""
    user = get_user(session, username)
    _require_manager(session, user.role)
    with audited(session, "unlock_user"):
        user.failed_logins = 0
        user.locked_until = None


def set_active(session: Session, *, username: str, active: bool) -> None:
    """Switch an account off (it can no longer log in) or on again."""
    user = get_user(session, username)
    _require_manager(session, user.role)
    if not active and user.username == actor_of(session).username:
        raise ValidationError({"active": "You cannot switch off your own account."})
    with audited(session, "deactivate_user" if not active else "activate_user"):
        user.active = active


IDLE_KEY = "idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 10


def idle_lock_minutes(session: Session) -> int:
    """After how many idle minutes the window locks (a setting of this install)."""
    value = session.get(Setting, IDLE_KEY)
    try:
        return max(1, int(value.value)) if value is not None else DEFAULT_IDLE_MINUTES
    except ValueError:
        return DEFAULT_IDLE_MINUTES


def set_idle_lock_minutes(session: Session, *, minutes: int) -> None:
    """Change the idle time before the window locks (superintendent or administrator)."""
    require(session, Permission.MANAGE_USERS)
    if not 1 <= minutes <= 240:
        raise ValidationError({"minutes": "Choose between 1 and 240 minutes."})
    row = session.get(Setting, IDLE_KEY)
    if row is None:
        session.add(Setting(key=IDLE_KEY, value=str(minutes)))
    else:
        row.value = str(minutes)
    append_event(
        session,
        action="set_idle_lock_minutes",
        changes=[{"setting": IDLE_KEY, "after": minutes}],
        child_uuid=None,
    )
    session.flush()
