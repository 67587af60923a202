"""Merge decrypted bundle records into central's tables by record version.

Used by central and by a district office's view (same tables, same rules). Each record
gets an outcome: created / updated / unchanged / conflict / error (with a message); a
conflict or an error never fails the rest of the bundle. Records are handled in
batches (one SELECT per batch) so that a quarter of a million records merge quickly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from central.models import Conflict, MergedRecord, utcnow

BATCH = 2000
_TYPE = re.compile(r"^[a-z][a-z_]{0,39}$")


def _problem(r: dict[str, Any]) -> str | None:
    """Why a record cannot be stored, or None."""
    if not isinstance(r.get("type"), str) or not _TYPE.match(r["type"]):
        return "unknown record type"
    if not isinstance(r.get("record_uuid"), str) or not 0 < len(r["record_uuid"]) <= 64:
        return "record id missing or too long"
    if r.get("op") not in ("upsert", "delete"):
        return f"unknown operation {r.get('op')!r}"
    v, b = r.get("version"), r.get("base_version")
    if not isinstance(v, int) or not isinstance(b, int) or v < 1 or not 0 <= b < v:
        return "version numbers are not valid"
    if r["op"] == "upsert" and not isinstance(r.get("data"), dict):
        return "record data missing"
    return None


def _decide(stored: dict[str, Any] | None, r: dict[str, Any], inst: str) -> tuple[str, str]:
    """The outcome for one record against the stored copy (None: not stored yet)."""
    v, base = r["version"], r["base_version"]
    data = r["data"] if r["op"] == "upsert" else None
    if stored is None:
        return "created", ""
    same_writer = stored["institution_uuid"] == inst
    if stored["version"] < v:
        if same_writer or stored["version"] == base:
            return "updated", ""
        return "conflict", (
            f"changed elsewhere since version {base} (stored version {stored['version']})"
        )
    if stored["version"] == v:
        if stored["data"] == data and stored["deleted"] == (data is None):
            return "unchanged", ""
        return "conflict", f"another copy of version {v} is already stored"
    if same_writer:
        return "unchanged", f"a newer version {stored['version']} is already stored"
    return "conflict", f"a newer version {stored['version']} from elsewhere is stored"


def merge_records(
    session: Session, *, records: Sequence[dict[str, Any]], institution_uuid: str, bundle_id: str
) -> list[dict[str, Any]]:
    """Apply records in order; returns one outcome dict per record, in the same order."""
    outcomes: list[dict[str, Any]] = []
    it = iter(records)
    now = utcnow()
    while batch := list(islice(it, BATCH)):
        uuids = {r.get("record_uuid") for r in batch if isinstance(r.get("record_uuid"), str)}
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
            ).where(MergedRecord.record_uuid.in_(uuids))
        ).mappings()
        for found in rows:
            stored[(found["type"], found["record_uuid"])] = dict(found)
        inserts: dict[tuple[str, str], dict[str, Any]] = {}
        updates: dict[int, dict[str, Any]] = {}
        conflicts: list[dict[str, Any]] = []
        for r in batch:
            problem = _problem(r)
            out = {
                "record_uuid": r.get("record_uuid"),
                "type": r.get("type"),
                "version": r.get("version"),
            }
            if problem:
                out.update(outcome="error", message=problem)
                outcomes.append(out)
                continue
            key = (r["type"], r["record_uuid"])
            outcome, message = _decide(stored.get(key), r, institution_uuid)
            out["outcome"] = outcome
            if message:
                out["message"] = message
            outcomes.append(out)
            data = r["data"] if r["op"] == "upsert" else None
            row = {
                "version": r["version"],
                "data": data,
                "deleted": data is None,
                "institution_uuid": institution_uuid,
                "bundle_id": bundle_id,
                "updated_at": now,
            }
            if outcome == "created":
                inserts[key] = {"record_uuid": r["record_uuid"], "type": r["type"], **row}
                stored[key] = {"id": None, **inserts[key]}
            elif outcome == "updated":
                if key in inserts:  # the same record twice in one batch
                    inserts[key].update(row)
                else:
                    updates[stored[key]["id"]] = {"id": stored[key]["id"], **row}
                stored[key].update(row)
            elif outcome == "conflict":
                conflicts.append(
                    {
                        "record_uuid": r["record_uuid"],
                        "type": r["type"],
                        "version": r["version"],
                        "base_version": r["base_version"],
                        "data": data,
                        "institution_uuid": institution_uuid,
                        "bundle_id": bundle_id,
                        "message": message,
                        "at": now,
                    }
                )
        if inserts:
            session.execute(insert(MergedRecord), list(inserts.values()))
        if updates:
            session.execute(update(MergedRecord), list(updates.values()))
        if conflicts:
            session.execute(insert(Conflict), conflicts)
    return outcomes
