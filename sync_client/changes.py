"""Change capture: the records changed after a sequence number, in sequence order.

Reads the per-record `change_seq` columns of every tracked table plus the tombstones,
and turns local integer foreign keys into the UUIDs of the records they point at, so
a change means the same thing on any other install. Bundling, encryption and upload
build on this (sync issue).
"""

from __future__ import annotations

import base64
import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from bundle_format import aadhaar as aadhaar_format
from bundle_format.keys import PublicKeys
from desktop.models import TRACKED_MODELS, Attachment, Tombstone
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.audit import plain
from desktop.services.flags.words import FlagToWord, word_flags

WORD_CHUNK = 2000  # flags worded together (one facts query for their children)
PRELOAD_AFTER = 200  # parents looked up one by one before the whole id->uuid map is read
SKIP = frozenset({"id", "uuid", "version", "change_seq", "synced_version"})
# Columns that never leave this install: credentials and login bookkeeping. The district
# and central learn who the staff are (name, role, scope), never how they log in.
LOCAL_ONLY: dict[str, frozenset[str]] = {
    "user_account": frozenset(
        {
            "password_hash",
            "failed_logins",
            "locked_until",
            "last_login_at",
            "password_changed_at",
            "must_change_password",
        }
    ),
}


@dataclass(frozen=True)
class Change:
    """One record to send: `op` is "upsert" or "delete"."""

    seq: int
    record_uuid: str
    type: str
    op: str
    version: int
    base_version: int
    data: dict[str, Any] | None


def attachment_line(att: Attachment, store: AttachmentStore | None) -> dict[str, Any]:
    """A scan as a bundle or packet line: its description and, with `store`, its bytes."""
    data: dict[str, Any] = {
        "sha256": att.sha256,
        "mime_type": att.mime_type,
        "size": att.size,
        "original_name": att.original_name,
    }
    if store is not None:
        data["content"] = base64.b64encode(store.get(att.sha256)).decode("ascii")
    return {
        "record_uuid": att.sha256,
        "type": "attachment",
        "op": "upsert",
        "version": 1,
        "base_version": 0,
        "data": data,
    }


def _fk_targets(table: Table) -> dict[str, Table]:
    tracked = {m.record_type() for m in TRACKED_MODELS}
    out = {}
    for col in table.columns:
        for fk in col.foreign_keys:
            if fk.column.table.name in tracked and fk.column.name == "id":
                out[col.name] = fk.column.table
    return out


def above_the_cci(data: dict[str, Any], *, record_uuid: str, central: PublicKeys | None) -> None:
    """Replace a child record's Aadhaar by what may leave the CCI (`bundle_format.aadhaar`):
    the last 4 digits, and the number sealed to central's key (none without that key)."""
    number = data.pop("aadhaar", None)
    data[aadhaar_format.FIELD_LAST4] = aadhaar_format.last4(number)
    data[aadhaar_format.FIELD_SEALED] = (
        aadhaar_format.seal(number, central=central, record_uuid=record_uuid)
        if number and central is not None
        else None
    )


def _table_changes(
    session: Session, table: Table, after: int, central: PublicKeys | None
) -> Iterator[Change]:
    fks = _fk_targets(table)
    uuid_of: dict[str, dict[int, str]] = {}
    complete: set[str] = set()

    def ref(target: Table, key: int | None) -> str | None:
        if key is None:
            return None
        known = uuid_of.setdefault(target.name, {})
        if key in known or target.name in complete:
            return known.get(key)
        if len(known) < PRELOAD_AFTER:
            u = session.execute(select(target.c.uuid).where(target.c.id == key)).scalar()
            if u is not None:
                known[key] = str(u)
            return known.get(key)
        # Many parents named: one query for the whole table beats one per row.
        known.update(
            (int(i), str(u)) for i, u in session.execute(select(target.c.id, target.c.uuid))
        )
        complete.add(target.name)
        return known.get(key)

    rows = session.execute(
        select(table).where(table.c.change_seq > after).order_by(table.c.change_seq)
    ).mappings()
    skip = SKIP | LOCAL_ONLY.get(table.name, frozenset())

    def changes() -> Iterator[tuple[Any, dict[str, Any]]]:
        for r in rows:
            data: dict[str, Any] = {}
            for name, value in r.items():
                if name in skip:
                    continue
                if name in fks:
                    data[name.removesuffix("_id") + "_uuid"] = ref(fks[name], value)
                else:
                    data[name] = plain(value)
            if table.name == "child":
                above_the_cci(data, record_uuid=str(r["uuid"]), central=central)
            yield r, data

    made = _worded(session, changes()) if table.name == "flag" else changes()
    for r, data in made:
        yield Change(
            seq=int(r["change_seq"]),
            record_uuid=str(r["uuid"]),
            type=table.name,
            op="upsert",
            version=int(r["version"]),
            base_version=int(r["synced_version"]),
            data=data,
        )


def _worded(
    session: Session, changes: Iterator[tuple[Any, dict[str, Any]]]
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Flags with their explanations, worded now (flags store none; bundle format 1
    carries `explanation_en` and `explanation_hi` as it always has, so the district
    view and central, which have no rules, show the words the CCI shows)."""
    while chunk := list(islice(changes, WORD_CHUNK)):
        words = word_flags(
            session,
            (
                FlagToWord(
                    r["id"],
                    r["child_id"],
                    r["rule_id"],
                    r["due_on"],
                    r["raised_on"],
                    r["status"],
                    r["resolved_on"],
                )
                for r, _ in chunk
            ),
        )
        for r, data in chunk:
            data["explanation_en"], data["explanation_hi"] = words[r["id"]]
            yield r, data


def _tombstones(session: Session, after: int) -> Iterator[Change]:
    for t in session.scalars(
        select(Tombstone).where(Tombstone.change_seq > after).order_by(Tombstone.change_seq)
    ):
        yield Change(
            seq=t.change_seq,
            record_uuid=str(t.record_uuid),
            type=t.record_type,
            op="delete",
            version=t.version,
            base_version=t.version - 1,
            data=None,
        )


def pending_changes(
    session: Session, *, after: int = 0, central: PublicKeys | None = None
) -> Iterator[Change]:
    """Every change with a sequence number above `after`, in sequence order (streamed).

    A child's Aadhaar never leaves as such: `aadhaar_last4`, and `aadhaar_sealed` when
    central's public key is given (see `above_the_cci`).
    """
    streams = [_table_changes(session, m.table(), after, central) for m in TRACKED_MODELS]
    streams.append(_tombstones(session, after))
    yield from heapq.merge(*streams, key=lambda c: c.seq)
