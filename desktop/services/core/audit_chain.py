"""Checking and reading the audit trail: tamper detection, the tail anchor, lists, bundles.

The chain (see `audit.py`) shows an edited, deleted or reordered event: each event's hash
covers its fields and the previous event's hash. Cutting events off the END leaves a
shorter chain that is still valid, so the id and hash of the newest event are also kept
outside the audit table, in the `audit_anchor` setting, written in the same transaction
as the events (a hook on every commit). `clms audit verify` compares the two.

Limit, said plainly: someone who can edit the database file directly could cut the tail
AND rewrite the anchor (or rebuild the whole chain). The copy that cannot be reached from
this computer is central's: events travel in sync bundles (`audit_events_after`), central
checks them with `verify_events` and keeps the last hash it accepted, so a rewritten
history no longer continues from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from bundle_format.chain import GENESIS, event_digest
from desktop.models import AuditEvent, Child
from desktop.models.base import hash_from_db
from desktop.services.core.audit import hashed_fields
from desktop.services.core.permissions import Permission, require

ANCHOR_KEY = "audit_anchor"


@dataclass(frozen=True)
class ChainCheck:
    """The result of checking the audit trail."""

    checked: int  # events read
    first_bad: int | None = None  # id of the first bad event (or of the anchor's lost one)
    problem: str | None = None  # what is wrong, in plain words
    warning: str | None = None  # something that limits the check but is not tampering

    @property
    def ok(self) -> bool:
        """Whether no tampering was found."""
        return self.problem is None


def read_anchor(session: Session) -> tuple[int, str] | None:
    """The newest event's (id, hash) as last recorded outside the audit table."""
    value = (
        session.connection()
        .execute(text("SELECT value FROM setting WHERE key = :k"), {"k": ANCHOR_KEY})
        .scalar()
    )
    if not value:
        return None
    ev_id, _, digest = str(value).partition(":")
    return int(ev_id), digest


def update_anchor(session: Session) -> None:
    """Record the newest event's id and hash in the settings (no-op when unchanged)."""
    conn = session.connection()
    row = conn.execute(text("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")).first()
    if row is None:
        return
    newest, digest = int(row[0]), hash_from_db(row[1])  # 32 bytes (0023_lean_history)
    value = f"{newest}:{digest}"
    anchor = read_anchor(session)
    if anchor is not None and anchor[0] != newest:
        kept = conn.execute(text("SELECT hash FROM audit_event WHERE id = :i"), {"i": anchor[0]})
        if hash_from_db(kept.scalar()) != anchor[1]:
            return  # the anchored event is gone or changed: keep the evidence for `verify`
    if anchor is None or anchor != (newest, digest):
        conn.execute(
            text(
                "INSERT INTO setting (key, value) VALUES (:k, :v) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
            ),
            {"k": ANCHOR_KEY, "v": value},
        )


def _before_commit(session: Session) -> None:
    # Only our units of work (they carry an actor); two indexed reads, a write if changed.
    if session.info.get("actor") is not None:
        update_anchor(session)


def install() -> None:
    """Keep the anchor up to date on every commit (idempotent)."""
    if not event.contains(Session, "before_commit", _before_commit):
        event.listen(Session, "before_commit", _before_commit)


install()


def _why_prev_wrong(session: Session, ev: AuditEvent, expected_prev: str) -> str:
    later = session.scalars(
        select(AuditEvent.id).where(AuditEvent.hash == ev.prev_hash, AuditEvent.id != ev.id)
    ).first()
    if later is not None:
        return f"is out of order: it follows event #{later}, which is stored after it"
    if expected_prev == GENESIS:
        return "should be the first event, but says another came before it (earlier ones deleted)"
    return "does not follow the event stored before it: an event in between was deleted"


def check_chain(session: Session) -> ChainCheck:
    """Check every event in order, then the anchor; names the first bad event.

    Streams plain rows (no ORM objects kept), so a trail of millions of events is
    checked in constant memory.
    """
    prev = GENESIS
    n = 0
    last_id = 0
    t = AuditEvent.__table__
    rows = (
        session.connection().execution_options(yield_per=2000).execute(select(t).order_by(t.c.id))
    )
    for row in rows:
        n += 1
        fields = {
            "uuid": str(row.uuid),
            "at": row.at,
            "actor": row.actor,
            "action": row.action,
            "child_uuid": row.child_uuid,
            "changes": row.changes,
        }
        if row.hash != event_digest(row.prev_hash, fields):
            rows.close()
            return ChainCheck(n, row.id, f"event #{row.id} was changed after it was written")
        if row.prev_hash != prev:
            rows.close()
            ev = session.get(AuditEvent, row.id)
            assert ev is not None
            return ChainCheck(n, row.id, f"event #{row.id} {_why_prev_wrong(session, ev, prev)}")
        prev, last_id = row.hash, row.id
    anchor = read_anchor(session)
    if anchor is None:
        warn = "no anchor is recorded yet, so events cut off the end cannot be detected"
        return ChainCheck(n, warning=warn if n else None)
    a_id, a_hash = anchor
    if a_id > last_id:
        return ChainCheck(
            n,
            a_id,
            f"the trail ends at event #{last_id} but event #{a_id} was written: "
            "the newest events were cut off",
        )
    stored = session.get(AuditEvent, a_id)
    if stored is None or stored.hash != a_hash:
        return ChainCheck(n, a_id, f"event #{a_id}, the newest when last saved, is not as written")
    return ChainCheck(n)


def event_dict(ev: AuditEvent) -> dict[str, Any]:
    """One event as plain JSON-ready data (as it travels in a sync bundle)."""
    return {
        "id": ev.id,
        **hashed_fields(ev),
        "prev_hash": ev.prev_hash,
        "hash": ev.hash,
    }


def audit_events_after(
    session: Session, *, after_id: int, limit: int = 10_000
) -> list[dict[str, Any]]:
    """The events after `after_id`, oldest first, as plain dicts for a sync bundle."""
    stmt = select(AuditEvent).where(AuditEvent.id > after_id).order_by(AuditEvent.id).limit(limit)
    return [event_dict(ev) for ev in session.scalars(stmt)]


def list_events(
    session: Session,
    *,
    user: str | None = None,
    child_code: str | None = None,
    since: date | None = None,
    until: date | None = None,
    action: str | None = None,
    limit: int = 500,
) -> list[AuditEvent]:
    """Audit events, newest first, filtered by who, which child, when and what."""
    require(session, Permission.VIEW_AUDIT)
    stmt = select(AuditEvent)
    if user:
        # The actor label is "username (Full Name)": match the user name exactly.
        u = user.strip().lower()
        stmt = stmt.where(
            (func.lower(AuditEvent.actor) == u) | (func.lower(AuditEvent.actor).like(u + " (%"))
        )
    if child_code:
        uuid = session.scalars(select(Child.uuid).where(Child.code == child_code.strip())).first()
        stmt = stmt.where(AuditEvent.child_uuid == (str(uuid) if uuid else "-"))
    if since:
        stmt = stmt.where(AuditEvent.at >= datetime.combine(since, time()).isoformat())
    if until:
        stmt = stmt.where(AuditEvent.at < datetime.combine(until, time.max).isoformat())
    if action:
        stmt = stmt.where(AuditEvent.action.like(action.strip() + "%"))
    return list(session.scalars(stmt.order_by(AuditEvent.id.desc()).limit(limit)))


def describe(ev: AuditEvent) -> str:
    """What an event did, in one short line (records touched or the record read)."""
    parts: list[str] = []
    for ch in ev.changes or []:
        if "read" in ch:
            parts.append(f"read {ch['read']}" + (f" ({ch['detail']})" if ch.get("detail") else ""))
        elif "op" in ch and "type" in ch:
            fields = ", ".join(sorted(ch.get("after") or ch.get("before") or {}))
            what = f"{ch['op']} {ch['type']}"
            why = f" (reason: {ch['reason']})" if ch.get("reason") else ""
            parts.append(what + (f": {fields}" if ch["op"] == "update" else "") + why)
        else:
            parts.append(", ".join(f"{k}={v}" for k, v in ch.items()))
    text_ = "; ".join(parts)
    return text_ if len(text_) <= 160 else text_[:157] + "..."
