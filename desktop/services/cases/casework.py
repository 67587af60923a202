"""Use-cases of daily case work: guardians, visits, category, documents, orders, notes."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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
)
from desktop.models.enums import AdoptionStage, DocumentStatus, OrderType
from desktop.rules.policy import Policy, load_policy
from desktop.services.cases.checks import (
    case_date,
    check_category_change,
    clean_guardian,
    clean_icp,
    clean_note,
    clean_order,
    clean_sir,
    clean_visit,
)
from desktop.services.cases.children import sync_documents
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.audit import audited
from desktop.services.core.context import actor_of
from desktop.services.core.errors import NotAllowed, NotFound, ValidationError
from desktop.services.core.validation import Collector, clean_choice, clean_text, parse_date


def add_guardian(
    session: Session,
    child: Child,
    *,
    name: str,
    relation: str,
    life_status: str = "alive",
    name_local: str | None = None,
    phone: str | None = None,
    address: str | None = None,
) -> Guardian:
    """Add a parent, relative or guardian to the child's record."""
    values = clean_guardian(
        {
            "name": name,
            "name_local": name_local,
            "relation": relation,
            "life_status": life_status,
            "phone": phone,
            "address": address,
        }
    )
    g = Guardian(child_id=child.id, **values)
    with audited(session, "add_guardian", child=child):
        session.add(g)
    return g


def log_visit(
    session: Session,
    child: Child,
    *,
    visit_date: str | date,
    guardian: Guardian | None = None,
    visitor_name: str | None = None,
    mode: str = "in_person",
    notes: str | None = None,
    today: date | None = None,
) -> GuardianVisit:
    """Record a visit or call from a guardian (or a home visit by the social worker)."""
    values = clean_visit(
        child,
        {
            "visit_date": visit_date,
            "guardian": guardian,
            "visitor_name": visitor_name,
            "mode": mode,
            "notes": notes,
        },
        today=today or date.today(),
    )
    v = GuardianVisit(child_id=child.id, **values)
    with audited(session, "log_visit", child=child):
        session.add(v)
    return v


def delete_visit(session: Session, child: Child, visit: GuardianVisit, *, reason: str) -> None:
    """Remove a visit entered by mistake (the deletion is audited and synced as a tombstone)."""
    if visit.child_id != child.id:
        raise ValidationError({"visit": "this visit belongs to another child"})
    c = Collector()
    c.check("reason", clean_text, reason, required=True, max_len=500)
    c.raise_if_any()
    with audited(session, f"delete_visit: {reason.strip()[:40]}", child=child):
        session.delete(visit)


def change_category(
    session: Session,
    child: Child,
    *,
    to_code: int,
    reason: str,
    order_ref: str | None = None,
    effective_on: str | date | None = None,
    today: date | None = None,
    policy: Policy | None = None,
    changed_by: str | None = None,
) -> CategoryChange:
    """Change the guardian-status category, with the reason and the CWC order if any.

    `changed_by` names who asked when the change comes from an approved request.
    """
    today = today or date.today()
    policy = policy or load_policy()
    v = check_category_change(
        child,
        to_code=to_code,
        reason=reason,
        order_ref=order_ref,
        effective_on=effective_on,
        today=today,
        policy=policy,
    )
    change = CategoryChange(
        child_id=child.id,
        from_code=child.category_code,
        changed_by=(changed_by or actor_of(session).label)[:100],
        **v,
    )
    with audited(session, "change_category", child=child):
        session.add(change)
        child.category_code = v["to_code"]
        sync_documents(session, child, policy=policy, today=today)
    return change


def _existing_document(session: Session, child: Child, doc_type: str) -> DocumentItem | None:
    return session.scalars(
        select(DocumentItem).where(
            DocumentItem.child_id == child.id, DocumentItem.doc_type == doc_type
        )
    ).first()


def _document(session: Session, child: Child, doc_type: str, policy: Policy) -> DocumentItem:
    item = _existing_document(session, child, doc_type)
    if item is None:
        if doc_type not in policy.document_types:
            raise ValidationError({"doc_type": f"unknown document type '{doc_type}'"})
        item = DocumentItem(child_id=child.id, doc_type=doc_type, status="required")
        session.add(item)
    return item


def set_document_status(
    session: Session,
    child: Child,
    *,
    doc_type: str,
    status: str,
    on: str | date | None = None,
    note: str | None = None,
    today: date | None = None,
    policy: Policy | None = None,
) -> DocumentItem:
    """Mark a checklist item required / obtained / verified / not applicable.

    `on` is the day it was obtained or verified (it may be in the past; default today).
    Marking an item obtained on a given day sets that day; without `on` an earlier
    obtained date is kept. Marked required again, the item's dates are cleared.
    """
    today = today or date.today()
    policy = policy or load_policy()
    c = Collector()
    st = c.check("status", clean_choice, status, DocumentStatus)
    d = c.check("on", parse_date, on or today)
    if d and d > today:
        c.fail("on", "cannot be in the future")
    n = c.check("note", clean_text, note, max_len=1000)
    if st == DocumentStatus.NOT_APPLICABLE.value and not n:
        c.fail("note", "say why the document does not apply")
    existing = _existing_document(session, child, doc_type)
    if existing is None and doc_type not in policy.document_types:
        c.fail("doc_type", f"unknown document type '{doc_type}'")
    got = existing.obtained_on if existing is not None else None
    if st == DocumentStatus.VERIFIED.value and d and got and d < got and on is not None:
        c.fail("on", f"cannot be before the day it was obtained ({got:%d-%m-%Y})")
    c.raise_if_any()
    with audited(session, "set_document_status", child=child):
        item = _document(session, child, doc_type, policy)
        item.status = st
        item.note = n
        if st == DocumentStatus.OBTAINED.value:
            item.obtained_on = d if on is not None or item.obtained_on is None else item.obtained_on
            item.verified_on = item.verified_by = None
        elif st == DocumentStatus.VERIFIED.value:
            item.obtained_on = item.obtained_on or d
            item.verified_on, item.verified_by = d, actor_of(session).label
        elif st == DocumentStatus.REQUIRED.value:
            item.obtained_on = item.verified_on = item.verified_by = None
    return item


def attach_scan(
    session: Session,
    child: Child,
    *,
    doc_type: str,
    data: bytes,
    store: AttachmentStore,
    original_name: str | None = None,
    today: date | None = None,
    policy: Policy | None = None,
) -> DocumentItem:
    """Keep a scan of a document (by content hash); a required item becomes obtained."""
    today = today or date.today()
    policy = policy or load_policy()
    try:
        digest = store.put(session, data, original_name=original_name)
    except ValueError as exc:
        raise ValidationError({"file": str(exc)}) from None
    with audited(session, "attach_scan", child=child):
        item = _document(session, child, doc_type, policy)
        item.attachment_hash = digest
        if item.status in ("required", "not_applicable"):
            item.status, item.obtained_on = "obtained", today
    return item


def set_photo(
    session: Session,
    child: Child,
    *,
    data: bytes,
    store: AttachmentStore,
    today: date | None = None,
    policy: Policy | None = None,
) -> Child:
    """Keep the child's photo (by content hash); the checklist's photograph line becomes
    obtained (the policy names which document type the photo is: `documents.photo`)."""
    today = today or date.today()
    policy = policy or load_policy()
    try:
        digest = store.put(session, data, original_name="photo")
    except ValueError as exc:
        raise ValidationError({"photo": str(exc)}) from None
    with audited(session, "set_photo", child=child):
        child.photo_hash = digest
        doc_type = policy.photo_document
        item = _existing_document(session, child, doc_type) if doc_type else None
        if item is not None:
            item.attachment_hash = digest
            if item.status in (DocumentStatus.REQUIRED.value, DocumentStatus.NOT_APPLICABLE.value):
                item.status, item.obtained_on = DocumentStatus.OBTAINED.value, today
    return child


def record_order(
    session: Session,
    child: Child,
    *,
    order_no: str,
    order_date: str | date,
    order_type: str,
    summary: str | None = None,
    next_review_on: str | date | None = None,
    today: date | None = None,
) -> CwcOrder:
    """Record an order of the Child Welfare Committee."""
    v = clean_order(
        {
            "order_no": order_no,
            "order_date": order_date,
            "order_type": order_type,
            "summary": summary,
            "next_review_on": next_review_on,
        },
        today=today or date.today(),
    )
    order = CwcOrder(child_id=child.id, **v)
    with audited(session, "record_order", child=child):
        session.add(order)
        if v["order_type"] == OrderType.PRODUCTION.value and child.produced_before_cwc_on is None:
            child.produced_before_cwc_on = v["order_date"]
    return order


def record_sir(
    session: Session,
    child: Child,
    *,
    requested_on: str | date | None,
    completed_on: str | date | None = None,
    officer: str | None = None,
    summary: str | None = None,
    today: date | None = None,
) -> SocialInvestigation:
    """Record a Social Investigation Report (asked for and/or submitted)."""
    v = clean_sir(
        child,
        {
            "requested_on": requested_on,
            "completed_on": completed_on,
            "officer": officer,
            "summary": summary,
        },
        today=today or date.today(),
    )
    sir = SocialInvestigation(child_id=child.id, **v)
    with audited(session, "record_sir", child=child):
        session.add(sir)
    return sir


def record_icp(
    session: Session,
    child: Child,
    *,
    prepared_on: str | date,
    review_due_on: str | date | None = None,
    summary: str | None = None,
    today: date | None = None,
) -> CarePlan:
    """Record an Individual Care Plan and its next review date."""
    v = clean_icp(
        child,
        {"prepared_on": prepared_on, "review_due_on": review_due_on, "summary": summary},
        today=today or date.today(),
    )
    icp = CarePlan(child_id=child.id, **v)
    with audited(session, "record_icp", child=child):
        session.add(icp)
    return icp


def add_note(
    session: Session,
    child: Child,
    *,
    text: str,
    note_date: str | date | None = None,
    today: date | None = None,
) -> CaseNote:
    """Add a dated case note."""
    today = today or date.today()
    v = clean_note({"text": text, "note_date": note_date or today}, today=today)
    note = CaseNote(child_id=child.id, author=actor_of(session).label, **v)
    with audited(session, "add_note", child=child):
        session.add(note)
    return note


STAGE_ORDER = [s.value for s in AdoptionStage if s is not AdoptionStage.WITHDRAWN]


def current_stage(session: Session, child: Child) -> AdoptionStageEntry | None:
    """The child's latest adoption-pipeline stage entry, if any."""
    return session.scalars(
        select(AdoptionStageEntry)
        .where(AdoptionStageEntry.child_id == child.id)
        .order_by(AdoptionStageEntry.entered_on.desc(), AdoptionStageEntry.id.desc())
    ).first()


def check_stage_move(
    session: Session,
    child: Child,
    *,
    stage: str | None,
    entered_on: str | date | None = None,
    note: str | None = None,
    today: date,
) -> dict[str, Any]:
    """A move to an adoption stage checked without writing (for the move, or a request)."""
    c = Collector()
    st = c.check("stage", clean_choice, stage, AdoptionStage)
    d = case_date(c, "entered_on", entered_on or today, child, today)
    n = c.check("note", clean_text, note, max_len=2000)
    cur = current_stage(session, child)
    if cur is not None and st is not None:
        if cur.stage in (AdoptionStage.ADOPTED.value, AdoptionStage.WITHDRAWN.value) and (
            st != AdoptionStage.RECOMMENDED.value
        ):
            c.fail("stage", f"the adoption process is closed ({cur.stage}); start again")
        elif st in STAGE_ORDER and cur.stage in STAGE_ORDER:
            if STAGE_ORDER.index(st) <= STAGE_ORDER.index(cur.stage):
                c.fail("stage", f"the child is already at '{cur.stage}'; stages move forward")
        if d and d < cur.entered_on:
            c.fail("entered_on", f"cannot be before the previous stage ({cur.entered_on:%d-%m-%Y})")
    if st == AdoptionStage.WITHDRAWN.value and not n:
        c.fail("note", "say why the child is withdrawn from the adoption process")
    c.raise_if_any()
    return {"stage": st, "entered_on": d, "note": n}


def move_adoption_stage(
    session: Session,
    child: Child,
    *,
    stage: str,
    entered_on: str | date | None = None,
    note: str | None = None,
    today: date | None = None,
) -> AdoptionStageEntry:
    """Move the child to an adoption-pipeline stage (forward only, or withdrawn)."""
    v = check_stage_move(
        session, child, stage=stage, entered_on=entered_on, note=note, today=today or date.today()
    )
    entry = AdoptionStageEntry(child_id=child.id, **v)
    with audited(session, "move_adoption_stage", child=child):
        session.add(entry)
    return entry


def guardian_by_uuid(session: Session, child: Child, ref: str) -> Guardian:
    """A guardian of this child by UUID or by 1-based position."""
    guardians = list(child.guardians)
    if ref.isdigit() and 1 <= int(ref) <= len(guardians):
        return guardians[int(ref) - 1]
    for g in guardians:
        if str(g.uuid) == ref:
            return g
    raise NotFound(f"child {child.code} has no guardian {ref}")


__all__ = [
    "NotAllowed",
    "add_guardian",
    "add_note",
    "attach_scan",
    "change_category",
    "check_category_change",
    "check_stage_move",
    "clean_guardian",
    "clean_icp",
    "clean_note",
    "clean_order",
    "clean_sir",
    "clean_visit",
    "delete_visit",
    "current_stage",
    "guardian_by_uuid",
    "log_visit",
    "move_adoption_stage",
    "record_icp",
    "record_order",
    "record_sir",
    "set_document_status",
    "set_photo",
]
