"""The hash-chained audit trail: one event per service action, before/after of each record."""

from __future__ import annotations

import uuid as uuid_mod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bundle_format.chain import GENESIS, event_digest
from desktop.models import AuditEvent, Child
from desktop.models.base import hash_from_db
from desktop.services.core.context import actor_of
from desktop.services.core.permissions import check_action

_PENDING = "audit_pending"
_child_listeners: list[Callable[[Session, Child], None]] = []


def on_child_changed(fn: Callable[[Session, Child], None]) -> Callable[[Session, Child], None]:
    """Register a function run after every audited action on a child (e.g. rule evaluation)."""
    _child_listeners.append(fn)
    return fn


def plain(value: Any) -> Any:
    """A value as it goes into JSON: dates as ISO text, UUIDs as text, the rest as is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid_mod.UUID):
        return str(value)
    return value


def hashed_fields(ev: AuditEvent) -> dict[str, Any]:
    """The fields of an event that its hash covers."""
    return {
        "uuid": str(ev.uuid),
        "at": ev.at,
        "actor": ev.actor,
        "action": ev.action,
        "child_uuid": ev.child_uuid,
        "changes": ev.changes,
    }


def last_hash(session: Session) -> str:
    """Hash of the newest audit event (the genesis value for an empty trail)."""
    row = (
        session.connection()
        .execute(text("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1"))
        .scalar()
    )
    return hash_from_db(row) or GENESIS  # stored as 32 bytes (0023_lean_history)


def append_event(
    session: Session,
    *,
    action: str,
    changes: list[dict[str, Any]],
    child_uuid: str | None,
    prev_hash: str | None = None,
) -> AuditEvent:
    """Add one chained audit event to the session (flushed with the rest of the action)."""
    ev = AuditEvent(
        uuid=uuid_mod.uuid4(),
        at=datetime.now(UTC).isoformat(timespec="microseconds"),
        actor=actor_of(session).label,
        action=action,
        child_uuid=child_uuid,
        changes=changes,
    )
    ev.prev_hash = prev_hash if prev_hash is not None else last_hash(session)
    ev.hash = event_digest(ev.prev_hash, hashed_fields(ev))
    session.add(ev)
    return ev


@contextmanager
def audited(
    session: Session, action: str, *, child: Child | None = None, reason: str | None = None
) -> Iterator[None]:
    """Run a write as one audited action: every record change inside lands in one event.

    Writes to tracked records outside such a block are refused by the session hooks,
    so nothing reaches the database without its audit event and change sequence.
    Nested blocks join the outer action. `reason` (why a correction was made) is kept
    with each record change of the event.
    """
    if session.info.get(_PENDING) is not None:
        yield
        return
    check_action(session, action, child)  # role, then the child's area; refuses unknowns
    if child is not None and child.merged_into_id is not None:
        from desktop.services.core.errors import NotAllowed

        raise NotAllowed(
            f"record {child.code} was merged into another record of the same child: "
            "change that record instead"
        )
    session.info[_PENDING] = []
    changed = False
    try:
        yield
        session.flush()
        changes = session.info[_PENDING]
        if changes:
            if reason:
                for ch in changes:
                    ch["reason"] = reason
            child_uuid = str(child.uuid) if child is not None else None
            append_event(session, action=action, changes=changes, child_uuid=child_uuid)
            session.flush()
            changed = True
    finally:
        session.info[_PENDING] = None
    if changed and child is not None and not session.info.get("skip_flag_eval"):
        for fn in _child_listeners:
            fn(session, child)


def pending_changes(session: Session) -> list[dict[str, Any]] | None:
    """The change list of the action in progress, or None outside an audited action."""
    pending: list[dict[str, Any]] | None = session.info.get(_PENDING)
    return pending


def verify_chain(session: Session) -> tuple[int, int | None]:
    """Check the whole chain; returns (events checked, id of the first bad event or None)."""
    prev = GENESIS
    n = 0
    for ev in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        n += 1
        if ev.prev_hash != prev or ev.hash != event_digest(prev, hashed_fields(ev)):
            return n, ev.id
        prev = ev.hash
    return n, None


def record_access(session: Session, *, action: str, child: Child, detail: str = "") -> AuditEvent:
    """Record that a full child record was read (profile opened, printed, exported).

    The event joins the hash chain like any write; `action` says what was done
    ("opened profile", "printed case summary"...), `detail` anything worth keeping
    (file name, language), never personal data.
    """
    check_action(session, action, child)
    changes: list[dict[str, Any]] = [{"read": child.record_type(), "detail": detail}]
    ev = append_event(session, action=action, changes=changes, child_uuid=str(child.uuid))
    session.flush()
    return ev
