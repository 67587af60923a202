"""State and district officials who read central's web pages: accounts held at central,
argon2id passwords, lockout after wrong passwords, server-side sessions, and the log of
what they did (logins, every view of a child's record, downloads).

Roles and what they may read:

    state_official      every district of the state; children's records
    state_viewer        every district of the state; counts only
    district_official   one district; children's records
    district_viewer     one district; counts only

Accounts are made by an administrator on the server (`python -m central users add ...`);
the pages themselves change nothing but the official's own session and the log.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import JSON, Boolean, DateTime, Integer, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from central.models import CentralBase, utcnow
from central.reports.area import Area

ROLES: dict[str, tuple[str, bool]] = {  # role -> (level, may read children's records)
    "state_official": ("state", True),
    "state_viewer": ("state", False),
    "district_official": ("district", True),
    "district_viewer": ("district", False),
}
FREE_FAILURES = 5
FIRST_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(hours=1)
IDLE = timedelta(minutes=30)  # a session unused this long ends
LONGEST = timedelta(hours=12)  # and every session ends after this
TOUCH_EVERY = timedelta(minutes=1)  # last use is written at most this often (no write per page)
MIN_PASSWORD = 10
_hasher = PasswordHasher()  # argon2id, the library's recommended parameters


@functools.cache
def _dummy() -> str:
    """A hash to verify against for an unknown user (same time as a known one); made on
    first use, not at import (argon2 costs 0.4 s: the desktop imports this module)."""
    return _hasher.hash("not a real password, only for timing")


class Official(CentralBase):
    """An official who may log in to central's pages."""

    __tablename__ = "central_official"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(24))
    state_code: Mapped[int] = mapped_column(Integer)
    district_code: Mapped[int | None] = mapped_column(Integer)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100))


class WebSession(CentralBase):
    """A logged-in browser: only the SHA-256 of its cookie is kept, with its CSRF token."""

    __tablename__ = "central_web_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    official_id: Mapped[int] = mapped_column(Integer, index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WebEvent(CentralBase):
    """What an official did on the pages (append-only): logins, child records viewed,
    downloads."""

    __tablename__ = "central_web_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    username: Mapped[str] = mapped_column(String(60), index=True)
    action: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str | None] = mapped_column(String(100), index=True)
    client: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class WebSecret(CentralBase):
    """The key of the login form's CSRF tokens, shared by every worker process."""

    __tablename__ = "central_web_secret"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(64))


class AccountError(ValueError):
    """An account cannot be made or changed as asked (the message says why)."""


class LoginRefused(Exception):
    """Wrong name or password, or the account is locked or switched off; `key` and
    `places` let the page say it in the reader's language."""

    def __init__(self, key: str, **places: Any) -> None:
        super().__init__(key.format(**places))
        self.key, self.places = key, places


@dataclass(frozen=True)
class Scope:
    """Who is asking and what they may read: their area, and whether children's records."""

    username: str
    full_name: str
    role: str
    state: int
    district: int | None
    child_records: bool

    @property
    def area(self) -> Area:
        """The area every query of this official is limited to."""
        return Area(state=self.state, district=self.district)

    @property
    def is_state(self) -> bool:
        """Whether the official sees the whole state."""
        return self.district is None


def scope_of(o: Official) -> Scope:
    """The scope of an account."""
    level, records = ROLES[o.role]
    return Scope(
        username=o.username,
        full_name=o.full_name,
        role=o.role,
        state=o.state_code,
        district=o.district_code if level == "district" else None,
        child_records=records,
    )


def password_problem(username: str, password: str) -> str | None:
    """Why this password is too weak (plain words), or None."""
    if len(password) < MIN_PASSWORD:
        return f"the password needs at least {MIN_PASSWORD} characters"
    if username.casefold() in password.casefold():
        return "the password must not contain the user name"
    if len(set(password)) < 5:
        return "the password repeats a few characters; choose a less simple one"
    return None


def add_official(
    s: Session,
    *,
    username: str,
    full_name: str,
    role: str,
    password: str,
    state: int,
    district: int | None = None,
    by: str | None = None,
) -> Official:
    """Make an account; AccountError names the field at fault."""
    username = username.strip()
    if not username or len(username) > 60 or not all(c.isalnum() or c in "._-" for c in username):
        raise AccountError("user name: use letters, numbers, dots or dashes, no spaces")
    if role not in ROLES:
        raise AccountError("role: one of " + ", ".join(ROLES))
    level = ROLES[role][0]
    if level == "district" and district is None:
        raise AccountError("district: a district official needs --district")
    if level == "state" and district is not None:
        raise AccountError("district: a state official sees the whole state; give no district")
    if not full_name.strip():
        raise AccountError("full name: needed")
    problem = password_problem(username, password)
    if problem:
        raise AccountError(f"password: {problem}")
    taken = s.scalars(
        select(Official.id).where(func.lower(Official.username) == username.lower())
    ).first()
    if taken is not None:
        raise AccountError(f"user name: '{username}' is already taken")
    o = Official(
        username=username,
        full_name=full_name.strip(),
        role=role,
        state_code=state,
        district_code=district,
        password_hash=_hasher.hash(password),
        active=True,
        failed_logins=0,
        created_by=by,
    )
    s.add(o)
    s.flush()
    log_event(
        s, username=by or "admin", action="add_official", subject=username, details={"role": role}
    )
    return o


def find_official(s: Session, username: str) -> Official | None:
    """The account with this user name (any case)."""
    return s.scalars(
        select(Official).where(func.lower(Official.username) == username.strip().lower())
    ).first()


def set_password(s: Session, *, username: str, password: str, by: str | None = None) -> None:
    """A new password (and the lock lifted); every session of the account ends."""
    o = find_official(s, username)
    if o is None:
        raise AccountError(f"no official '{username}'")
    problem = password_problem(o.username, password)
    if problem:
        raise AccountError(f"password: {problem}")
    o.password_hash = _hasher.hash(password)
    o.failed_logins, o.locked_until = 0, None
    end_sessions(s, o.id)
    log_event(s, username=by or "admin", action="set_password", subject=o.username)


def set_active(s: Session, *, username: str, active: bool, by: str | None = None) -> None:
    """Switch an account off (its sessions end) or on again."""
    o = find_official(s, username)
    if o is None:
        raise AccountError(f"no official '{username}'")
    o.active = active
    if not active:
        end_sessions(s, o.id)
    log_event(
        s, username=by or "admin", action="enable" if active else "disable", subject=o.username
    )


def unlock(s: Session, *, username: str, by: str | None = None) -> None:
    """Lift a lockout before its time."""
    o = find_official(s, username)
    if o is None:
        raise AccountError(f"no official '{username}'")
    o.failed_logins, o.locked_until = 0, None
    log_event(s, username=by or "admin", action="unlock", subject=o.username)


def lock_time(failures: int) -> timedelta:
    """How long an account stays locked after this many wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_LOCK * (1 << min(failures - FREE_FAILURES, 20)), MAX_LOCK)


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def authenticate(
    s: Session, *, username: str, password: str, client: str | None, now: datetime | None = None
) -> Official:
    """Check a login (the attempt is logged either way); LoginRefused in plain words.

    A wrong name costs the same time as a wrong password (a dummy hash is checked), so
    the answer does not tell which names exist.
    """
    at = now or datetime.now(UTC)
    o = find_official(s, username)
    name = username.strip()[:60] or "?"
    if o is None or not o.active:
        try:
            _hasher.verify(_dummy(), password)
        except (VerificationError, InvalidHashError):
            pass
        log_event(s, username=name, action="login_refused", client=client)
        raise LoginRefused("The user name or password is not right.")
    locked = _aware(o.locked_until)
    if locked is not None and locked > at:
        log_event(s, username=o.username, action="login_locked", client=client)
        raise LoginRefused(
            "Too many wrong passwords: this account is locked for {minutes} more minute(s).",
            minutes=max(1, -(-int((locked - at).total_seconds()) // 60)),
        )
    try:
        _hasher.verify(o.password_hash, password)
    except (VerificationError, InvalidHashError):
        o.failed_logins = (o.failed_logins or 0) + 1
        wait = lock_time(o.failed_logins)
        o.locked_until = at + wait if wait else None
        log_event(s, username=o.username, action="login_failed", client=client)
        if wait:
            raise LoginRefused(
                "Too many wrong passwords: this account is locked for {minutes} more minute(s).",
                minutes=int(wait.total_seconds() // 60),
            ) from None
        raise LoginRefused("The user name or password is not right.") from None
    o.failed_logins, o.locked_until, o.last_login_at = 0, None, at
    if _hasher.check_needs_rehash(o.password_hash):
        o.password_hash = _hasher.hash(password)
    log_event(s, username=o.username, action="login", client=client)
    return o


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def start_session(s: Session, o: Official) -> tuple[str, str]:
    """A new session for the account: (cookie token, CSRF token). Only the token's hash
    is stored, so the database alone cannot be used to log in."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    s.add(WebSession(token_hash=_digest(token), official_id=o.id, csrf=csrf))
    s.flush()
    return token, csrf


@dataclass(frozen=True)
class LiveSession:
    """A session that is still valid: the official's scope and the session's CSRF token."""

    scope: Scope
    csrf: str
    token_hash: str


def session_for(
    s: Session, token: str | None, *, now: datetime | None = None
) -> LiveSession | None:
    """The live session of this cookie (None: none, expired, or the account is off).

    The last-use time is written at most once a minute, so reading pages does not write.
    """
    if not token or len(token) > 100:
        return None
    at = now or datetime.now(UTC)
    row = s.get(WebSession, _digest(token))
    if row is None:
        return None
    created, seen = _aware(row.created_at), _aware(row.last_seen_at)
    assert created is not None and seen is not None
    o = s.get(Official, row.official_id)
    if o is None or not o.active or at - seen > IDLE or at - created > LONGEST:
        s.delete(row)
        return None
    if at - seen > TOUCH_EVERY:
        row.last_seen_at = at
    return LiveSession(scope_of(o), row.csrf, row.token_hash)


def end_session(s: Session, token: str | None) -> None:
    """Log out: the session is deleted."""
    if token:
        row = s.get(WebSession, _digest(token))
        if row is not None:
            s.delete(row)


def end_sessions(s: Session, official_id: int) -> None:
    """Every session of an account ends (new password, switched off)."""
    for row in s.scalars(select(WebSession).where(WebSession.official_id == official_id)):
        s.delete(row)


def log_event(
    s: Session,
    *,
    username: str,
    action: str,
    subject: str | None = None,
    client: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one event to the log."""
    s.add(
        WebEvent(
            username=username[:60], action=action, subject=subject, client=client, details=details
        )
    )


def form_secret(s: Session) -> bytes:
    """The key of the login form's CSRF tokens (made once, shared by every worker)."""
    row = s.get(WebSecret, "csrf")
    if row is None:
        row = WebSecret(name="csrf", value=secrets.token_hex(32))
        s.add(row)
        s.flush()
    return bytes.fromhex(row.value)


def list_officials(s: Session) -> list[Official]:
    """Every account, by user name."""
    return list(s.scalars(select(Official).order_by(Official.username)))


def events(s: Session, *, limit: int = 100, subject: str | None = None) -> list[WebEvent]:
    """The newest events of the log (of one subject, e.g. a child's uuid)."""
    q = select(WebEvent).order_by(WebEvent.id.desc()).limit(limit)
    if subject is not None:
        q = q.where(WebEvent.subject == subject)
    return list(s.scalars(q))
