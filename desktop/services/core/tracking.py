"""Session hooks: versions, the change sequence, tombstones, audit diffs and search rows.

Installed once on the Session class. Every flush that touches a tracked record
(see `desktop.models.Tracked`) must happen inside `desktop.services.core.audit.audited`;
then in the same transaction each record gets version + 1 and the next change
sequence number, each deletion leaves a tombstone, the before/after of each record
joins the action's audit event, and the search rows of touched children are rewritten.
"""

from __future__ import annotations

import uuid as uuid_mod
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from desktop.models import Child, Guardian, Tombstone, Tracked, utcnow
from desktop.services.core import search_index
from desktop.services.core.audit import pending_changes, plain
from desktop.services.core.bulk import take_seqs
from desktop.services.core.errors import ServiceError

BOOKKEEPING = frozenset(
    {"id", "uuid", "version", "change_seq", "synced_version", "created_at", "updated_at"}
)
_TOUCHED = "search_touched"


def mask_aadhaar(value: str | None) -> str | None:
    """Aadhaar as it may be shown anywhere: XXXX-XXXX-1234."""
    if not value:
        return value
    return f"XXXX-XXXX-{value[-4:]}"


def _plain(key: str, value: Any) -> Any:
    if key == "password_hash":  # never copied into the audit trail, even hashed
        return "(changed)" if value else value
    return mask_aadhaar(value) if key == "aadhaar" else plain(value)


def snapshot(obj: Tracked) -> dict[str, Any]:
    """The record's columns (bookkeeping left out, Aadhaar masked) as JSON-ready values."""
    mapper = inspect(obj).mapper
    return {
        a.key: _plain(a.key, getattr(obj, a.key))
        for a in mapper.column_attrs
        if a.key not in BOOKKEEPING
    }


def _diff(obj: Tracked) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for a in state.mapper.column_attrs:
        if a.key in BOOKKEEPING:
            continue
        hist = state.attrs[a.key].history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                before[a.key] = _plain(a.key, old)
                after[a.key] = _plain(a.key, new)
    return before, after


def _child_id_of(obj: Tracked) -> int | None:
    if isinstance(obj, Child):
        return obj.id
    if isinstance(obj, Guardian):
        return obj.child_id if obj.child_id is not None else (obj.child.id if obj.child else None)
    return None


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    new = [o for o in session.new if isinstance(o, Tracked)]
    dirty: list[tuple[Tracked, dict[str, Any], dict[str, Any]]] = []
    for o in session.dirty:
        if isinstance(o, Tracked) and session.is_modified(o, include_collections=False):
            before, after = _diff(o)
            if after:
                dirty.append((o, before, after))
    deleted = [o for o in session.deleted if isinstance(o, Tracked)]
    count = len(new) + len(dirty) + len(deleted)
    if count == 0:
        return
    changes = pending_changes(session)
    if changes is None:
        raise ServiceError("a tracked record was written outside an audited service action")
    seq = take_seqs(session, count)
    now = utcnow()
    touched: set[Any] = session.info.setdefault(_TOUCHED, set())
    for o in new:
        if o.uuid is None:
            o.uuid = uuid_mod.uuid4()
        o.version, o.change_seq, o.created_at, o.updated_at = 1, seq, now, now
        seq += 1
        changes.append(
            {"op": "create", "type": o.record_type(), "uuid": str(o.uuid), "after": snapshot(o)}
        )
        if isinstance(o, Child | Guardian):
            touched.add(o)
    for o, before, after in dirty:
        o.version, o.change_seq, o.updated_at = o.version + 1, seq, now
        seq += 1
        changes.append(
            {
                "op": "update",
                "type": o.record_type(),
                "uuid": str(o.uuid),
                "before": before,
                "after": after,
            }
        )
        if isinstance(o, Child | Guardian):
            touched.add(o)
    for o in deleted:
        session.add(
            Tombstone(
                record_uuid=o.uuid,
                record_type=o.record_type(),
                version=o.version + 1,
                change_seq=seq,
                deleted_at=now,
            )
        )
        seq += 1
        changes.append(
            {"op": "delete", "type": o.record_type(), "uuid": str(o.uuid), "before": snapshot(o)}
        )
        cid = _child_id_of(o)
        if cid is not None:
            touched.add(cid)


def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    touched = session.info.get(_TOUCHED)
    if not touched:
        return
    ids = {x if isinstance(x, int) else _child_id_of(x) for x in touched}
    session.info[_TOUCHED] = set()
    search_index.refresh(session.connection(), (i for i in ids if i is not None))


def install() -> None:
    """Register the hooks on every Session (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush", _after_flush)


install()
