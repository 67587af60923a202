"""Correcting records entered wrongly: guardians, visits, orders, documents, SIR, ICP, notes,
adoption-stage dates.

Each correction merges the changed fields into the record's current values and checks the
whole record again with the same checks as when it was added (`checks.py`), so a
correction can never store what a new record could not. Nothing is written unless every
field passes; the change is one audited action with the before/after of each column
(and the reason, when one is given), and the record's new version travels in the next
sync bundle like any write (`core/tracking.py`). The child's own details are corrected
with `children.update_child`, which asks for a reason for name, date of birth, Aadhaar
and gender.
"""

from __future__ import annotations

import uuid as uuid_mod
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import (
    AdoptionStageEntry,
    CarePlan,
    CaseNote,
    Child,
    CwcOrder,
    DocumentItem,
    Guardian,
    GuardianVisit,
    SocialInvestigation,
    Tracked,
)
from desktop.models.enums import AdoptionStage, DocumentStatus, OrderType
from desktop.services.cases.checks import (
    GUARDIAN_FIELDS,
    ICP_FIELDS,
    NOTE_FIELDS,
    ORDER_FIELDS,
    SIR_FIELDS,
    VISIT_FIELDS,
    case_date,
    clean_guardian,
    clean_icp,
    clean_note,
    clean_order,
    clean_sir,
    clean_visit,
)
from desktop.services.cases.children import UPDATABLE
from desktop.services.core.audit import audited
from desktop.services.core.context import actor_of
from desktop.services.core.errors import NotFound, ValidationError
from desktop.services.core.permissions import Permission, can_see, require
from desktop.services.core.tracking import mask_aadhaar
from desktop.services.core.validation import Collector, clean_text, parse_date

R = TypeVar("R", bound=Tracked)

DOCUMENT_FIELDS = ("obtained_on", "verified_on", "note")
STAGE_FIELDS = ("entered_on", "note")


def record_of(session: Session, child: Child, model: type[R], ref: str) -> R:
    """One of this child's records of `model` by its UUID (NotFound otherwise)."""
    try:
        key = uuid_mod.UUID(str(ref))
    except ValueError:
        raise NotFound(f"no {model.record_type()} {ref}") from None
    rec = session.scalars(select(model).where(model.uuid == key)).first()
    if rec is None or getattr(rec, "child_id", None) != child.id:
        raise NotFound(f"child {child.code} has no {model.record_type()} {ref}")
    return rec


def _merged(
    current: dict[str, Any], fields: Sequence[str], changes: dict[str, Any]
) -> dict[str, Any]:
    unknown = sorted(set(changes) - set(fields))
    if unknown:
        raise ValidationError({k: "cannot be changed here" for k in unknown})
    return {**current, **changes}


def _own(child: Child, record: Any) -> None:
    if record.child_id != child.id:
        raise ValidationError({"record": "this record belongs to another child"})


def _reason(c: Collector, reason: str | None) -> str | None:
    why: str | None = c.check("reason", clean_text, reason, max_len=500)
    return why


def _write(
    session: Session,
    action: str,
    child: Child,
    record: Any,
    values: dict[str, Any],
    reason: str | None,
) -> bool:
    """Set the columns that differ, as one audited action; False when nothing changed."""
    changed = {k: v for k, v in values.items() if getattr(record, k) != v}
    if not changed:
        return False
    with audited(session, action, child=child, reason=reason):
        for k, v in changed.items():
            setattr(record, k, v)
    return True


def update_guardian(
    session: Session,
    child: Child,
    guardian: Guardian,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
) -> Guardian:
    """Correct a parent's or guardian's name, relation, alive/deceased, phone or address."""
    _own(child, guardian)
    c = Collector()
    why = _reason(c, reason)
    c.raise_if_any()
    merged = _merged({f: getattr(guardian, f) for f in GUARDIAN_FIELDS}, GUARDIAN_FIELDS, changes)
    _write(session, "update_guardian", child, guardian, clean_guardian(merged), why)
    return guardian


def update_visit(
    session: Session,
    child: Child,
    visit: GuardianVisit,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    today: date | None = None,
) -> GuardianVisit:
    """Correct a visit's date, who came (`guardian`: a Guardian or None with
    `visitor_name`), how, or its notes."""
    _own(child, visit)
    c = Collector()
    why = _reason(c, reason)
    c.raise_if_any()
    current = {f: getattr(visit, f) for f in VISIT_FIELDS if f != "guardian"}
    current["guardian"] = session.get(Guardian, visit.guardian_id) if visit.guardian_id else None
    merged = _merged(current, VISIT_FIELDS, changes)
    if "guardian" in changes and changes["guardian"] is not None:
        merged["visitor_name"] = changes.get("visitor_name")  # the guardian's name is enough
    values = clean_visit(child, merged, today=today or date.today())
    _write(session, "update_visit", child, visit, values, why)
    return visit


def update_order(
    session: Session,
    child: Child,
    order: CwcOrder,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    today: date | None = None,
) -> CwcOrder:
    """Correct a CWC order's number, date, kind, summary or next review date."""
    _own(child, order)
    c = Collector()
    why = _reason(c, reason)
    c.raise_if_any()
    merged = _merged({f: getattr(order, f) for f in ORDER_FIELDS}, ORDER_FIELDS, changes)
    values = clean_order(merged, today=today or date.today())
    old_date, old_type = order.order_date, order.order_type
    with audited(session, "update_order", child=child, reason=why):
        for k, v in values.items():
            if getattr(order, k) != v:
                setattr(order, k, v)
        production = OrderType.PRODUCTION.value
        # The production date was taken from this order: it follows the correction.
        if old_type == production and child.produced_before_cwc_on == old_date:
            child.produced_before_cwc_on = (
                values["order_date"] if values["order_type"] == production else None
            )
        elif values["order_type"] == production and child.produced_before_cwc_on is None:
            child.produced_before_cwc_on = values["order_date"]
    return order


def update_document(
    session: Session,
    child: Child,
    item: DocumentItem,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    today: date | None = None,
) -> DocumentItem:
    """Correct the dates a document was obtained or verified, or its note."""
    _own(child, item)
    today = today or date.today()
    merged = _merged({f: getattr(item, f) for f in DOCUMENT_FIELDS}, DOCUMENT_FIELDS, changes)
    c = Collector()
    why = _reason(c, reason)
    got = c.check("obtained_on", parse_date, merged["obtained_on"])
    ver = c.check("verified_on", parse_date, merged["verified_on"])
    note = c.check("note", clean_text, merged["note"], max_len=1000)
    for field, d in (("obtained_on", got), ("verified_on", ver)):
        if d and d > today:
            c.fail(field, "cannot be in the future")
    held = item.status in (DocumentStatus.OBTAINED.value, DocumentStatus.VERIFIED.value)
    if held and got is None and "obtained_on" not in c.errors:
        c.fail("obtained_on", "is required for a document that was obtained")
    if item.status == DocumentStatus.VERIFIED.value and ver is None:
        c.fail("verified_on", "is required for a verified document")
    if got and ver and ver < got:
        c.fail("verified_on", f"cannot be before the day it was obtained ({got:%d-%m-%Y})")
    if item.status == DocumentStatus.NOT_APPLICABLE.value and not note:
        c.fail("note", "say why the document does not apply")
    c.raise_if_any()
    values = {"obtained_on": got, "verified_on": ver, "note": note}
    _write(session, "update_document", child, item, values, why)
    return item


def update_sir(
    session: Session,
    child: Child,
    sir: SocialInvestigation,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    today: date | None = None,
) -> SocialInvestigation:
    """Correct a social investigation report's dates, officer or summary."""
    _own(child, sir)
    c = Collector()
    why = _reason(c, reason)
    c.raise_if_any()
    merged = _merged({f: getattr(sir, f) for f in SIR_FIELDS}, SIR_FIELDS, changes)
    values = clean_sir(child, merged, today=today or date.today())
    _write(session, "update_sir", child, sir, values, why)
    return sir


def update_icp(
    session: Session,
    child: Child,
    icp: CarePlan,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    today: date | None = None,
) -> CarePlan:
    """Correct an individual care plan's dates or summary."""
    _own(child, icp)
    c = Collector()
    why = _reason(c, reason)
    c.raise_if_any()
    merged = _merged({f: getattr(icp, f) for f in ICP_FIELDS}, ICP_FIELDS, changes)
    values = clean_icp(child, merged, today=today or date.today())
    _write(session, "update_icp", child, icp, values, why)
    return icp


def update_note(
    session: Session,
    child: Child,
    note: CaseNote,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    today: date | None = None,
) -> CaseNote:
    """Correct a case note's text or date (the author stays who wrote it)."""
    _own(child, note)
    c = Collector()
    why = _reason(c, reason)
    c.raise_if_any()
    merged = _merged({f: getattr(note, f) for f in NOTE_FIELDS}, NOTE_FIELDS, changes)
    values = clean_note(merged, today=today or date.today())
    _write(session, "update_note", child, note, values, why)
    return note


def update_adoption_stage(
    session: Session,
    child: Child,
    entry: AdoptionStageEntry,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    today: date | None = None,
) -> AdoptionStageEntry:
    """Correct the date a stage was reached or its note (the superintendent's decision:
    stage dates start the legal clocks). The date stays between the stages before and after.
    """
    _own(child, entry)
    today = today or date.today()
    merged = _merged({f: getattr(entry, f) for f in STAGE_FIELDS}, STAGE_FIELDS, changes)
    c = Collector()
    why = _reason(c, reason)
    d = case_date(c, "entered_on", merged["entered_on"], child, today)
    note = c.check("note", clean_text, merged["note"], max_len=2000)
    others = [
        e
        for e in session.scalars(
            select(AdoptionStageEntry)
            .where(AdoptionStageEntry.child_id == child.id)
            .order_by(AdoptionStageEntry.entered_on, AdoptionStageEntry.id)
        )
    ]
    i = others.index(entry)
    before = others[i - 1] if i > 0 else None
    after = others[i + 1] if i + 1 < len(others) else None
    if d and before is not None and d < before.entered_on:
        c.fail("entered_on", f"cannot be before the stage before it ({before.entered_on:%d-%m-%Y})")
    if d and after is not None and d > after.entered_on:
        c.fail("entered_on", f"cannot be after the stage after it ({after.entered_on:%d-%m-%Y})")
    if entry.stage == AdoptionStage.WITHDRAWN.value and not note:
        c.fail("note", "say why the child is withdrawn from the adoption process")
    c.raise_if_any()
    _write(session, "correct_adoption_stage", child, entry, {"entered_on": d, "note": note}, why)
    return entry


# What the window may correct, by the name its tables use: the model and its fields.
EDITABLE: dict[str, tuple[type[Tracked], tuple[str, ...]]] = {
    "guardian": (Guardian, GUARDIAN_FIELDS),
    "visit": (GuardianVisit, VISIT_FIELDS),
    "order": (CwcOrder, ORDER_FIELDS),
    "sir": (SocialInvestigation, SIR_FIELDS),
    "icp": (CarePlan, ICP_FIELDS),
    "note": (CaseNote, NOTE_FIELDS),
    "adoption": (AdoptionStageEntry, STAGE_FIELDS),
    "document": (DocumentItem, DOCUMENT_FIELDS),
}


def current_values(session: Session, child: Child, kind: str, ref: str) -> dict[str, Any]:
    """A record's correctable fields as stored now (to fill a correction form); a visit's
    guardian is given as the guardian's UUID, plus `stage`/`status` for context."""
    require(session, Permission.VIEW)
    if kind == "child":
        details = {f: getattr(child, f) for f in UPDATABLE if hasattr(child, f)}
        details.pop("aadhaar", None)  # never sent to a screen unmasked
        seen = can_see(actor_of(session), "aadhaar")
        details["aadhaar_masked"] = mask_aadhaar(child.aadhaar) if seen else None
        details["dob_estimated"] = child.dob_estimated
        return details
    if kind not in EDITABLE:
        raise NotFound(f"a {kind} cannot be corrected here")
    model, fields = EDITABLE[kind]
    rec: Any = record_of(session, child, model, ref)
    out = {f: getattr(rec, f) for f in fields if f != "guardian"}
    if kind == "visit":
        g = session.get(Guardian, rec.guardian_id) if rec.guardian_id else None
        out["guardian"] = str(g.uuid) if g is not None else None
    if kind == "adoption":
        out["stage"] = rec.stage
    if kind == "document":
        out["status"], out["doc_type"] = rec.status, rec.doc_type
    return out


__all__ = [
    "EDITABLE",
    "current_values",
    "record_of",
    "update_adoption_stage",
    "update_document",
    "update_guardian",
    "update_icp",
    "update_note",
    "update_order",
    "update_sir",
    "update_visit",
]
