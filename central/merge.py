"""Merge decrypted bundle records into central's tables: ownership first, then versions.

Used by central and by a district office's view (same tables, same rules). Each record
gets an outcome: created / updated / unchanged / conflict / error (with a message, and a
`code` for errors such as `not-owner`); a conflict or an error never fails the rest of
the bundle. A record belongs to the institution that created it: another institution's
upsert, delete or transfer of it is refused `not-owner` and changes nothing. The owner
hands a record over with a `transfer` line (`data = {"to_institution": uuid}`), the hook
for moving a child between CCIs. Records are handled in batches (one SELECT per batch)
so that a quarter of a million records merge quickly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from central.models import Conflict, MergedRecord, utcnow
from central.projection import Change

BATCH = 2000
_RECORDS = cast(Table, MergedRecord.__table__)
_CONFLICTS = cast(Table, Conflict.__table__)
_TYPE = re.compile(r"^[a-z][a-z_]{0,39}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PROBLEM = "_problem"  # set by the receiver on a record it could not prepare (bad Aadhaar seal)
# Fields a CCI words when it makes the bundle, not stored on its record (a flag's
# explanation, desktop migration 0015): the same version worded again elsewhere (the home
# a child was transferred to sends each record once more) may read differently, and is
# still the same copy. The copy stored keeps its words: those of the flag's last change.
WORDED: dict[str, frozenset[str]] = {"flag": frozenset({"explanation_en", "explanation_hi"})}


def _same_copy(kind: str, stored: dict[str, Any] | None, data: dict[str, Any] | None) -> bool:
    """Whether two copies of one version are the same, the worded fields aside."""
    worded = WORDED.get(kind)
    if not worded or stored is None or data is None:
        return stored == data
    return {k: v for k, v in stored.items() if k not in worded} == {
        k: v for k, v in data.items() if k not in worded
    }


def _problem(r: dict[str, Any]) -> str | None:
    """Why a record cannot be stored, or None."""
    if r.get(PROBLEM):
        return str(r[PROBLEM])
    if not isinstance(r.get("type"), str) or not _TYPE.match(r["type"]):
        return "unknown record type"
    if not isinstance(r.get("record_uuid"), str) or not 0 < len(r["record_uuid"]) <= 64:
        return "record id missing or too long"
    if r.get("op") not in ("upsert", "delete", "transfer"):
        return f"unknown operation {r.get('op')!r}"
    v, b = r.get("version"), r.get("base_version")
    if isinstance(v, bool) or isinstance(b, bool):
        return "version numbers are not valid"
    if not isinstance(v, int) or not isinstance(b, int) or v < 1 or not 0 <= b < v or v >= 2**31:
        return "version numbers are not valid"
    if r["op"] == "upsert" and not isinstance(r.get("data"), dict):
        return "record data missing"
    if r["op"] == "delete" and r.get("data") is not None:
        return "a deleted record carries no data"
    if r["op"] == "transfer":
        to = (r.get("data") or {}).get("to_institution")
        if not isinstance(to, str) or not _UUID.match(to):
            return "a hand-over names no institution to hand over to"
    return None


Outcome = tuple[str, str, str | None]  # outcome, message, code


def _decide(
    stored: dict[str, Any] | None,
    r: dict[str, Any],
    inst: str,
    known: Callable[[str], bool],
) -> Outcome:
    """The outcome for one record against the stored copy (None: not stored yet)."""
    v, base = r["version"], r["base_version"]
    own_institution_row = r["type"] == "institution" and r["record_uuid"] == inst
    if r["type"] == "institution" and not own_institution_row and known(r["record_uuid"]):
        return "error", "this is another enrolled institution's own record", "not-owner"
    if stored is None:
        if r["op"] == "transfer":
            return "error", "a record can be handed over only once it is stored", "unknown-record"
        return "created", "", None
    if (
        r["type"] == "attachment"
        and r["op"] == "upsert"
        and stored["version"] == v
        and stored["data"] == r["data"]
    ):
        # Content-addressed and immutable: the same scan sent again by the home a child
        # was transferred to (issue 20) changes nothing, whoever sent it first.
        return "unchanged", "", None
    owner = stored["owner_uuid"] or stored["institution_uuid"]
    if owner != inst and not own_institution_row:
        return (
            "error",
            "this record belongs to another institution: only its home can change it",
            "not-owner",
        )
    if r["op"] == "transfer":
        to = r["data"]["to_institution"]
        if not known(to):
            return "error", "the institution to hand over to is not enrolled", "unknown-institution"
        if stored["version"] != v:
            return (
                "conflict",
                f"the hand-over is of version {v}, stored is {stored['version']}",
                None,
            )
        return "updated", f"handed over to {to}", None
    data = r["data"] if r["op"] == "upsert" else None
    same_writer = stored["institution_uuid"] == inst
    if stored["version"] < v:
        if same_writer or stored["version"] == base:
            return "updated", "", None
        return (
            "conflict",
            f"changed elsewhere since version {base} (stored version {stored['version']})",
            None,
        )
    if stored["version"] == v:
        if _same_copy(r["type"], stored["data"], data) and stored["deleted"] == (data is None):
            return "unchanged", "", None
        return "conflict", f"another copy of version {v} is already stored", None
    return "unchanged", f"a newer version {stored['version']} is already stored", None


def merge_records(
    session: Session,
    *,
    records: Iterable[dict[str, Any]],
    institution_uuid: str,
    bundle_id: str,
    known: Callable[[str], bool] | None = None,
    on_batch: Callable[[list[Change]], None] | None = None,
) -> list[dict[str, Any]]:
    """Apply records in order; returns one outcome dict per record, in the same order.

    `known(uuid)` tells whether an institution is enrolled (hand-overs, institution rows);
    `on_batch(changes)` is called with each batch's stored changes (the projection).
    """
    is_known = known or (lambda _u: False)
    outcomes: list[dict[str, Any]] = []
    it = iter(records)
    now = utcnow()
    while batch := list(islice(it, BATCH)):
        uuids = {r.get("record_uuid") for r in batch if isinstance(r.get("record_uuid"), str)}
        # The type as well: the unique index is (type, record_uuid), and a lookup by the
        # uuid alone scanned the whole table once a batch (issue 22: quadratic import).
        types = {r.get("type") for r in batch if isinstance(r.get("type"), str)}
        stored: dict[tuple[str, str], dict[str, Any]] = {}
        rows = session.execute(
            select(
                MergedRecord.id,
                MergedRecord.type,
                MergedRecord.record_uuid,
                MergedRecord.version,
                MergedRecord.data,
                MergedRecord.deleted,
                MergedRecord.institution_uuid,
                MergedRecord.owner_uuid,
            ).where(MergedRecord.type.in_(types), MergedRecord.record_uuid.in_(uuids))
        ).mappings()
        for found in rows:
            stored[(found["type"], found["record_uuid"])] = dict(found)
        inserts: dict[tuple[str, str], dict[str, Any]] = {}
        updates: dict[int, dict[str, Any]] = {}
        conflicts: list[dict[str, Any]] = []
        changes: list[Change] = []
        for r in batch:
            problem = _problem(r)
            out: dict[str, Any] = {
                "record_uuid": r.get("record_uuid"),
                "type": r.get("type"),
                "version": r.get("version"),
            }
            if problem:
                out.update(outcome="error", message=problem, code="bad-record")
                outcomes.append(out)
                continue
            key = (r["type"], r["record_uuid"])
            outcome, message, code = _decide(stored.get(key), r, institution_uuid, is_known)
            out["outcome"] = outcome
            if message:
                out["message"] = message
            if code:
                out["code"] = code
            outcomes.append(out)
            if outcome == "updated" and r["op"] == "transfer":
                row: dict[str, Any] = {
                    "owner_uuid": r["data"]["to_institution"],
                    "institution_uuid": institution_uuid,
                    "bundle_id": bundle_id,
                    "updated_at": now,
                }
            else:
                data = r["data"] if r["op"] == "upsert" else None
                row = {
                    "version": r["version"],
                    "data": data,
                    "deleted": data is None,
                    "institution_uuid": institution_uuid,
                    "owner_uuid": institution_uuid,
                    "bundle_id": bundle_id,
                    "updated_at": now,
                }
            if outcome == "created":
                inserts[key] = {"record_uuid": r["record_uuid"], "type": r["type"], **row}
                stored[key] = {"id": None, **inserts[key]}
            elif outcome == "updated":
                if key in inserts:  # the same record twice in one batch
                    inserts[key].update(row)
                else:  # merged: an upsert and the hand-over of one record in one batch
                    updates.setdefault(stored[key]["id"], {"id": stored[key]["id"]}).update(row)
                stored[key].update(row)
            elif outcome == "conflict":
                conflicts.append(
                    {
                        "record_uuid": r["record_uuid"],
                        "type": r["type"],
                        "version": r["version"],
                        "base_version": r["base_version"],
                        "data": r["data"],
                        "institution_uuid": institution_uuid,
                        "bundle_id": bundle_id,
                        "message": message,
                        "at": now,
                    }
                )
            if outcome in ("created", "updated"):
                s = stored[key]
                new = key in inserts  # never projected before: nothing to replace
                changes.append(
                    Change(r["type"], r["record_uuid"], s["data"], s["owner_uuid"], bundle_id, new)
                )
        # Core statements, many rows each: the ORM's bulk path costs more than the rows.
        if inserts:
            session.execute(_RECORDS.insert(), list(inserts.values()))
        by_shape: dict[frozenset[str], list[dict[str, Any]]] = {}
        for row in updates.values():
            by_shape.setdefault(frozenset(row), []).append(
                {("b_id" if k == "id" else k): v for k, v in row.items()}
            )
        for shape, params in by_shape.items():
            stmt = (
                update(_RECORDS)
                .where(_RECORDS.c.id == bindparam("b_id"))
                .values({k: bindparam(k) for k in shape if k != "id"})
            )
            session.connection().execute(stmt, params)
        if conflicts:
            session.execute(_CONFLICTS.insert(), conflicts)
        if on_batch and changes:
            on_batch(changes)
    return outcomes
