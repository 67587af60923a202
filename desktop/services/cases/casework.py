"""Use-cases of daily case work: guardians, visits, category, documents, orders, notes."""

from __future__ import annotations

from datetime import date

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
from desktop.models.enums import (
    AdoptionStage,
    DocumentStatus,
    LifeStatus,
    OrderType,
    Relation,
    VisitMode,
)
from desktop.rules.dates import show_date
from desktop.rules.policy import Policy, PolicyError, load_policy
from desktop.services.cases.children import sync_documents
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.audit import audited
from desktop.services.core.context import actor_of
from desktop.services.core.errors import NotAllowed, NotFound, ValidationError
from desktop.services.core.validation import (
    Collector,
    clean_choice,
    clean_name,
    clean_text,
    parse_date,
)

PHONE_DIGITS = (10, 12, 13)


def _case_date(
    c: Collector,
    field: str,
    value: str | date | None,
    child: Child,
    today: date,
    *,
    required: bool = True,
) -> date | None:
    """A date on the case: not in the future, not before admission."""
    d: date | None = c.check(field, parse_date, value, required=required)
    if d and d > today:
        c.fail(field, "cannot be in the future")
    if d and d < child.admission_date:
        c.fail(field, f"cannot be before the admission date ({show_date(child.admission_date)})")
    return d


def _clean_phone(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) not in PHONE_DIGITS:
        raise ValueError("a phone number has 10 digits (or 12 with the 91 prefix)")
    return value.strip()


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
    c = Collector()
    g = Guardian(
        child_id=child.id,
        name=c.check("name", clean_name, name, required=True, max_len=200),
        name_local=c.check("name_local", clean_name, name_local, required=False, max_len=200),
        relation=c.check("relation", clean_choice, relation, Relation),
        life_status=c.check("life_status", clean_choice, life_status, LifeStatus),
        phone=c.check("phone", _clean_phone, phone),
        address=c.check("address", clean_text, address, max_len=500),
    )
    c.raise_if_any()
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
    today = today or date.today()
    c = Collector()
    d = _case_date(c, "visit_date", visit_date, child, today)
    m = c.check("mode", clean_choice, mode, VisitMode)
    who = c.check("visitor_name", clean_name, visitor_name, required=False, max_len=200)
    if guardian is None and who is None:
        c.fail("guardian", "choose the guardian who visited, or type the visitor's name")
    if guardian is not None and guardian.child_id != child.id:
        c.fail("guardian", "this guardian belongs to another child")
    n = c.check("notes", clean_text, notes, max_len=2000)
    c.raise_if_any()
    v = GuardianVisit(
        child_id=child.id,
        guardian_id=guardian.id if guardian else None,
        visit_date=d,
        visitor_name=who,
        mode=m,
        notes=n,
    )
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
) -> CategoryChange:
    """Change the guardian-status category, with the reason and the CWC order if any."""
    today = today or date.today()
    policy = policy or load_policy()
    c = Collector()
    try:
        policy.category(int(to_code))
    except (PolicyError, ValueError, TypeError) as exc:
        c.fail("to_code", str(exc))
    if child.category_code == to_code:
        c.fail("to_code", "the child is already in this category")
    why = c.check("reason", clean_text, reason, required=True, max_len=2000)
    ref = c.check("order_ref", clean_text, order_ref, max_len=80)
    d = _case_date(c, "effective_on", effective_on or today, child, today)
    c.raise_if_any()
    change = CategoryChange(
        child_id=child.id,
        from_code=child.category_code,
        to_code=int(to_code),
        effective_on=d,
        changed_by=actor_of(session).label,
        reason=why,
        order_ref=ref,
    )
    with audited(session, "change_category", child=child):
        session.add(change)
        child.category_code = int(to_code)
        sync_documents(session, child, policy=policy, today=today)
    return change


def _document(session: Session, child: Child, doc_type: str, policy: Policy) -> DocumentItem:
    item = session.scalars(
        select(DocumentItem).where(
            DocumentItem.child_id == child.id, DocumentItem.doc_type == doc_type
        )
    ).first()
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
    """Mark a checklist item required / obtained / verified / not applicable."""
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
    c.raise_if_any()
    with audited(session, "set_document_status", child=child):
        item = _document(session, child, doc_type, policy)
        item.status = st
        item.note = n
        if st == DocumentStatus.OBTAINED.value:
            item.obtained_on = item.obtained_on or d
        elif st == DocumentStatus.VERIFIED.value:
            item.obtained_on = item.obtained_on or d
            item.verified_on, item.verified_by = d, actor_of(session).label
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


def set_photo(session: Session, child: Child, *, data: bytes, store: AttachmentStore) -> Child:
    """Keep the child's photo (by content hash)."""
    try:
        digest = store.put(session, data, original_name="photo")
    except ValueError as exc:
        raise ValidationError({"photo": str(exc)}) from None
    with audited(session, "set_photo", child=child):
        child.photo_hash = digest
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
    today = today or date.today()
    c = Collector()
    no = c.check("order_no", clean_text, order_no, required=True, max_len=80)
    d = c.check("order_date", parse_date, order_date, required=True)
    if d and d > today:
        c.fail("order_date", "cannot be in the future")
    t = c.check("order_type", clean_choice, order_type, OrderType)
    s = c.check("summary", clean_text, summary, max_len=4000)
    r = c.check("next_review_on", parse_date, next_review_on)
    if r and d and r < d:
        c.fail("next_review_on", "cannot be before the order date")
    c.raise_if_any()
    order = CwcOrder(
        child_id=child.id, order_no=no, order_date=d, order_type=t, summary=s, next_review_on=r
    )
    with audited(session, "record_order", child=child):
        session.add(order)
        if t == OrderType.PRODUCTION.value and child.produced_before_cwc_on is None:
            child.produced_before_cwc_on = d
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
    today = today or date.today()
    c = Collector()
    req = _case_date(c, "requested_on", requested_on, child, today, required=False)
    done = _case_date(c, "completed_on", completed_on, child, today, required=False)
    if req is None and done is None:
        c.fail("completed_on", "give the date asked for or the date submitted")
    if req and done and done < req:
        c.fail("completed_on", "cannot be before the date asked for")
    off = c.check("officer", clean_name, officer, required=False, max_len=200)
    s = c.check("summary", clean_text, summary, max_len=8000)
    c.raise_if_any()
    sir = SocialInvestigation(
        child_id=child.id, requested_on=req, completed_on=done, officer=off, summary=s
    )
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
    today = today or date.today()
    c = Collector()
    p = _case_date(c, "prepared_on", prepared_on, child, today)
    r = c.check("review_due_on", parse_date, review_due_on)
    if r and p and r <= p:
        c.fail("review_due_on", "must be after the date the plan was prepared")
    s = c.check("summary", clean_text, summary, max_len=8000)
    c.raise_if_any()
    icp = CarePlan(child_id=child.id, prepared_on=p, review_due_on=r, summary=s)
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
    c = Collector()
    t = c.check("text", clean_text, text, required=True, max_len=8000)
    d = c.check("note_date", parse_date, note_date or today)
    if d and d > today:
        c.fail("note_date", "cannot be in the future")
    c.raise_if_any()
    note = CaseNote(child_id=child.id, note_date=d, author=actor_of(session).label, text=t)
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
    today = today or date.today()
    c = Collector()
    st = c.check("stage", clean_choice, stage, AdoptionStage)
    d = _case_date(c, "entered_on", entered_on or today, child, today)
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
            c.fail(
                "entered_on", f"cannot be before the previous stage ({show_date(cur.entered_on)})"
            )
    if st == AdoptionStage.WITHDRAWN.value and not n:
        c.fail("note", "say why the child is withdrawn from the adoption process")
    c.raise_if_any()
    entry = AdoptionStageEntry(child_id=child.id, stage=st, entered_on=d, note=n)
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
