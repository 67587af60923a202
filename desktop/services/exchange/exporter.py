"""Export of children: full records as JSON (the format the importer reads) and a CSV list.

Children are read in batches (yield_per) and their related records fetched per
batch, so a quarter of a million children never sit in memory at once and the
query count grows with the batches, not with the children. Aadhaar numbers
leave the database masked (XXXX-XXXX-1234) or not at all.
"""

from __future__ import annotations

import csv
import json
import os
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bundle_format.canonical import json_default
from desktop.models import (
    AdoptionStageEntry,
    CarePlan,
    CaseNote,
    CategoryChange,
    Child,
    CwcOrder,
    DocumentItem,
    Guardian,
    GuardianVisit,
    SocialInvestigation,
    Transfer,
)
from desktop.models.enums import ChildStatus
from desktop.rules.dates import completed_years
from desktop.rules.policy import PolicyError, load_policy
from desktop.services.core.audit import append_event
from desktop.services.core.permissions import Permission, require
from desktop.services.core.tracking import mask_aadhaar
from desktop.services.exchange.import_records import FORMAT, VERSION
from desktop.services.install.institution import local_institution_or_none

BATCH = 500
CSV_COLUMNS = (
    "code",
    "first_name",
    "last_name",
    "name_local",
    "gender",
    "dob",
    "dob_estimated",
    "age",
    "admission_date",
    "status",
    "category_code",
    "category_name",
    "guardians",
    "last_visit_date",
    "aadhaar",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

R = TypeVar("R")


@contextmanager
def _writer(out: IO[str] | Path, *, encoding: str, newline: str | None) -> Iterator[IO[str]]:
    """The stream to write to; a path is written under a temporary name, then renamed."""
    if not isinstance(out, Path):
        yield out
        return
    tmp = out.with_name(out.name + ".part")
    try:
        with tmp.open("w", encoding=encoding, newline=newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)  # a power cut leaves the old file or the new, never half
    finally:
        tmp.unlink(missing_ok=True)


def _by_child(
    session: Session, model: type[R], ids: Sequence[int], *order: Any
) -> dict[int, list[R]]:
    """Records of one model for a batch of children, grouped by child id, in `order`."""
    col = model.child_id  # type: ignore[attr-defined]
    grouped: dict[int, list[R]] = defaultdict(list)
    for rec in session.scalars(select(model).where(col.in_(ids)).order_by(col, *order)):
        grouped[rec.child_id].append(rec)  # type: ignore[attr-defined]
    return grouped


def _visit(v: GuardianVisit) -> dict[str, Any]:
    return {
        "visit_date": v.visit_date,
        "visitor_role": v.visitor_role,
        "mode": v.mode,
        "visitor_name": v.visitor_name,
        "notes": v.notes,
    }


def _document(d: DocumentItem) -> dict[str, Any]:
    on = {"verified": d.verified_on, "obtained": d.obtained_on}.get(d.status, d.status_on)
    out: dict[str, Any] = {"doc_type": d.doc_type, "status": d.status, "on": on, "note": d.note}
    if d.status == "verified" and d.obtained_on and d.obtained_on != d.verified_on:
        out["obtained_on"] = d.obtained_on
    return out


def _exit(child: Child, transfer: Transfer | None) -> dict[str, Any] | None:
    if child.status == ChildStatus.IN_CARE.value:
        return None
    out: dict[str, Any] = {
        "status": child.status,
        "date": child.exit_date,
        "reason": child.exit_reason,
        "order_no": child.exit_order_no,
    }
    if child.status == ChildStatus.TRANSFERRED.value and transfer is not None:
        out.update(
            reason=transfer.reason,
            order_no=transfer.order_no,
            to_institution=transfer.other_institution,
        )
    return out


def _records(session: Session, children: Sequence[Child], *, aadhaar: bool) -> list[dict[str, Any]]:
    """Full records of a batch of children, in the clms-children format."""
    ids = [c.id for c in children]
    guardians = _by_child(session, Guardian, ids, Guardian.id)
    visits = _by_child(session, GuardianVisit, ids, GuardianVisit.visit_date, GuardianVisit.id)
    categories = _by_child(session, CategoryChange, ids, CategoryChange.id)
    documents = _by_child(session, DocumentItem, ids, DocumentItem.id)
    orders = _by_child(session, CwcOrder, ids, CwcOrder.order_date, CwcOrder.id)
    sirs = _by_child(session, SocialInvestigation, ids, SocialInvestigation.id)
    icps = _by_child(session, CarePlan, ids, CarePlan.prepared_on, CarePlan.id)
    notes = _by_child(session, CaseNote, ids, CaseNote.note_date, CaseNote.id)
    stages = _by_child(
        session, AdoptionStageEntry, ids, AdoptionStageEntry.entered_on, AdoptionStageEntry.id
    )
    transfers = _by_child(session, Transfer, ids, Transfer.transfer_date, Transfer.id)
    out = []
    for c in children:
        by_guardian: dict[int | None, list[GuardianVisit]] = defaultdict(list)
        for v in visits.get(c.id, []):
            by_guardian[v.guardian_id].append(v)
        rec: dict[str, Any] = {
            "code": c.code,
            "uuid": str(c.uuid),
            "first_name": c.first_name,
            "last_name": c.last_name,
            "name_local": c.name_local,
            "gender": c.gender,
            "dob": c.dob,
            "dob_estimated": c.dob_estimated,
            "identification_marks": c.identification_marks,
            "disability": c.disability,
            "languages": c.languages,
            "admission_date": c.admission_date,
            "referral": c.referral,
            "admission_order_no": c.admission_order_no,
            "produced_before_cwc_on": c.produced_before_cwc_on,
            "medical_exam_on": c.medical_exam_on,
            "category_code": c.category_code,
        }
        if aadhaar and c.aadhaar:
            rec["aadhaar"] = mask_aadhaar(c.aadhaar)
        rec["guardians"] = [
            {
                "name": g.name,
                "name_local": g.name_local,
                "relation": g.relation,
                "life_status": g.life_status,
                "deceased_on": g.deceased_on,
                "phone": g.phone,
                "address": g.address,
                "visits": [_visit(v) for v in by_guardian.pop(g.id, [])],
            }
            for g in guardians.get(c.id, [])
        ]
        rec["visits"] = [_visit(v) for vs in by_guardian.values() for v in vs]
        rec["category_history"] = [
            {
                "from_code": ch.from_code,
                "to_code": ch.to_code,
                "effective_on": ch.effective_on,
                "reason": ch.reason,
                "order_ref": ch.order_ref,
            }
            for ch in categories.get(c.id, [])
        ]
        rec["documents"] = [_document(d) for d in documents.get(c.id, [])]
        rec["orders"] = [
            {
                "order_no": o.order_no,
                "order_date": o.order_date,
                "order_type": o.order_type,
                "summary": o.summary,
                "next_review_on": o.next_review_on,
            }
            for o in orders.get(c.id, [])
        ]
        rec["sir"] = [
            {
                "requested_on": s.requested_on,
                "completed_on": s.completed_on,
                "officer": s.officer,
                "summary": s.summary,
            }
            for s in sirs.get(c.id, [])
        ]
        rec["icp"] = [
            {"prepared_on": p.prepared_on, "review_due_on": p.review_due_on, "summary": p.summary}
            for p in icps.get(c.id, [])
        ]
        rec["notes"] = [
            {"note_date": n.note_date, "text": n.text, "author": n.author}
            for n in notes.get(c.id, [])
        ]
        rec["adoption_stages"] = [
            {"stage": a.stage, "entered_on": a.entered_on, "note": a.note}
            for a in stages.get(c.id, [])
        ]
        outs = [t for t in transfers.get(c.id, []) if t.direction == "out"]
        rec["exit"] = _exit(c, outs[-1] if outs else None)
        out.append(rec)
    return out


def export_json(
    session: Session, out: IO[str] | Path, *, include_aadhaar_masked: bool = True
) -> int:
    """Write every child as a full record (clms-children JSON); returns how many."""
    require(session, Permission.EXPORT)
    inst = local_institution_or_none(session)
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "institution": (
            {
                "name": inst.name,
                "registration_no": inst.registration_no,
                "state_code": inst.state_code,
                "district_code": inst.district_code,
                "code": inst.code,
            }
            if inst
            else {}
        ),
    }
    count = 0
    # A record merged into another of the same child is left out (its history is there).
    live = Child.merged_into_id.is_(None)
    result = session.scalars(
        select(Child).where(live).order_by(Child.id).execution_options(yield_per=BATCH)
    )
    with _writer(out, encoding="utf-8", newline="\n") as f:
        # One child per line: the file streams out and stays readable in a text editor.
        f.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "children": [')
        for batch in result.partitions():
            for rec in _records(session, batch, aadhaar=include_aadhaar_masked):
                f.write(",\n" if count else "\n")
                f.write(json.dumps(rec, ensure_ascii=False, default=json_default))
                count += 1
        f.write("\n]}\n")
    _audit_export(session, "json", count)
    return count


def _audit_export(session: Session, fmt: str, count: int) -> None:
    """Every export leaves an audit event saying who exported how many children."""
    append_event(
        session,
        action="export_all",
        changes=[{"export": fmt, "children": count}],
        child_uuid=None,
    )
    session.flush()


def _cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_csv(
    session: Session,
    out: IO[str] | Path,
    *,
    include_aadhaar_masked: bool = True,
    today: date | None = None,
) -> int:
    """Write one row per child (code, names, dates, category, guardians...); returns how many."""
    require(session, Permission.EXPORT)
    today = today or date.today()
    policy = load_policy()
    last_visit = (
        select(func.max(GuardianVisit.visit_date))
        .where(
            GuardianVisit.child_id == Child.id,  # a listed parent's or guardian's visit
            GuardianVisit.visitor_role == "guardian",
            GuardianVisit.mode == "in_person",
        )
        .correlate(Child)
        .scalar_subquery()
    )
    stmt = (
        select(
            Child.id,
            Child.code,
            Child.first_name,
            Child.last_name,
            Child.name_local,
            Child.gender,
            Child.dob,
            Child.dob_estimated,
            Child.admission_date,
            Child.status,
            Child.category_code,
            Child.aadhaar,
            last_visit.label("last_visit"),
        )
        .where(Child.merged_into_id.is_(None))  # merged-away records are left out
        .order_by(Child.id)
        .execution_options(yield_per=BATCH)
    )
    names: dict[int | None, str] = {None: ""}
    count = 0
    with _writer(out, encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        for batch in session.execute(stmt).partitions():
            ids = [r.id for r in batch]
            guardians: dict[int, list[str]] = defaultdict(list)
            for cid, name in session.execute(
                select(Guardian.child_id, Guardian.name)
                .where(Guardian.child_id.in_(ids))
                .order_by(Guardian.child_id, Guardian.id)
            ):
                guardians[cid].append(name)
            for r in batch:
                code = r.category_code
                if code not in names:
                    try:
                        names[code] = policy.category(code).en
                    except PolicyError:
                        names[code] = ""  # a code the current policy no longer lists
                w.writerow(
                    [
                        r.code,
                        _cell(r.first_name),
                        _cell(r.last_name),
                        _cell(r.name_local),
                        r.gender,
                        r.dob.isoformat(),
                        "yes" if r.dob_estimated else "no",
                        completed_years(r.dob, today),
                        r.admission_date.isoformat(),
                        r.status,
                        "" if code is None else code,
                        names[code],
                        _cell("; ".join(guardians.get(r.id, []))),
                        r.last_visit.isoformat() if r.last_visit else "",
                        (mask_aadhaar(r.aadhaar) or "") if include_aadhaar_masked else "",
                    ]
                )
                count += 1
    _audit_export(session, "csv", count)
    return count
