"""Approvals: a caseworker asks for a category change, an adoption step or an exit; the
superintendent approves it (then the change is made) or returns it with a reason.

A request is checked with the same checks as the change itself when it is made, and
again when it is approved (the case may have moved on meanwhile). Until it is approved
the case does not change at all, so the review flags (computed from the case) follow the
approved state only. Asking, approving, returning and withdrawing are each an audited
action; an approved request and the change it made land in one audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import ApprovalRequest, Child, utcnow
from desktop.rules.policy import Policy, load_policy
from desktop.services.cases.casework import (
    change_category,
    check_category_change,
    check_stage_move,
    move_adoption_stage,
)
from desktop.services.cases.children import (
    PRACTICE_TRANSFER,
    check_exit,
    check_transfer,
    discharge,
    receiving_cci,
    transfer_out,
    transfer_to_cci,
)
from desktop.services.core.audit import audited, plain
from desktop.services.core.context import Actor, actor_of
from desktop.services.core.errors import NotAllowed, NotFound, ValidationError
from desktop.services.core.permissions import Permission, has, require, scope_filter
from desktop.services.core.validation import Collector, clean_text
from desktop.services.install.institution import is_training_folder

CATEGORY = "category_change"
STAGE = "adoption_stage"
EXIT = "exit"
TRANSFER = "transfer"
PENDING, APPROVED, RETURNED, WITHDRAWN = "pending", "approved", "returned", "withdrawn"
# Kinds that cannot wait side by side: one way of leaving care at a time.
_LEAVING = (EXIT, TRANSFER)
_GROUP = {CATEGORY: (CATEGORY,), STAGE: (STAGE,), EXIT: _LEAVING, TRANSFER: _LEAVING}
_WAITING = {
    CATEGORY: "a category change",
    STAGE: "an adoption step",
    EXIT: "leaving care",
    TRANSFER: "leaving care",
}


@dataclass(frozen=True)
class RequestRow:
    """One request as a screen lists it."""

    id: int
    uuid: str
    child_id: int
    child_code: str
    child_name: str
    kind: str
    details: dict[str, Any]
    status: str
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None


def needs_approval(session: Session) -> bool:
    """Whether the person acting asks rather than decides (a caseworker)."""
    return not has(actor_of(session), Permission.APPROVE)


def asked_by(actor: Actor, requested_by: str) -> bool:
    """Whether `requested_by` (an audit label, "username (full name)") is this person."""
    return requested_by == actor.label[:100] or requested_by.split(" (", 1)[0] == actor.username


def may_withdraw(actor: Actor, requested_by: str) -> bool:
    """Whether this person may take back a request asked by `requested_by`: the one who
    asked, or someone who approves."""
    return has(actor, Permission.APPROVE) or asked_by(actor, requested_by)


def _ask(session: Session, child: Child, kind: str, details: dict[str, Any]) -> ApprovalRequest:
    waiting = session.scalars(
        select(ApprovalRequest).where(
            ApprovalRequest.child_id == child.id,
            ApprovalRequest.status == PENDING,
            ApprovalRequest.kind.in_(_GROUP[kind]),
        )
    ).first()
    if waiting is not None:
        raise ValidationError(
            {
                "request": f"a request for {_WAITING[kind]} is already waiting for the "
                f"superintendent (asked by {waiting.requested_by})"
            }
        )
    req = ApprovalRequest(
        child_id=child.id,
        kind=kind,
        details={k: plain(v) for k, v in details.items()},
        status=PENDING,
        requested_by=actor_of(session).label[:100],
        requested_at=utcnow(),
    )
    with audited(session, f"request_approval {kind}", child=child):
        session.add(req)
    return req


def request_category_change(
    session: Session,
    child: Child,
    *,
    to_code: int | str | None,
    reason: str | None,
    order_ref: str | None = None,
    effective_on: str | date | None = None,
    today: date | None = None,
    policy: Policy | None = None,
) -> ApprovalRequest:
    """Ask the superintendent to change the child's category (checked as the change is)."""
    v = check_category_change(
        child,
        to_code=to_code,
        reason=reason,
        order_ref=order_ref,
        effective_on=effective_on,
        today=today or date.today(),
        policy=policy or load_policy(),
    )
    return _ask(session, child, CATEGORY, {"from_code": child.category_code, **v})


def request_adoption_stage(
    session: Session,
    child: Child,
    *,
    stage: str | None,
    entered_on: str | date | None = None,
    note: str | None = None,
    today: date | None = None,
) -> ApprovalRequest:
    """Ask the superintendent to move the child to an adoption stage."""
    v = check_stage_move(
        session, child, stage=stage, entered_on=entered_on, note=note, today=today or date.today()
    )
    return _ask(session, child, STAGE, v)


def request_exit(
    session: Session,
    child: Child,
    *,
    status: str | None,
    exit_date: str | date | None,
    reason: str | None,
    order_no: str | None = None,
    today: date | None = None,
) -> ApprovalRequest:
    """Ask the superintendent to close the case (restored, adopted, aged out...)."""
    v = check_exit(
        child,
        status=status,
        exit_date=exit_date,
        reason=reason,
        order_no=order_no,
        today=today or date.today(),
    )
    return _ask(session, child, EXIT, v)


def request_transfer(
    session: Session,
    child: Child,
    *,
    to_institution: str | None = None,
    transfer_date: str | date | None,
    order_no: str | None,
    reason: str | None = None,
    today: date | None = None,
    to_uuid: str | None = None,
) -> ApprovalRequest:
    """Ask the superintendent to record a transfer to another CCI: `to_uuid`, a CCI of the
    directory of institutions (then approving records it as the superintendent's own
    *Exit and transfer* does, and the child's record follows at the next sync), or None
    and `to_institution`, a home outside the system named in free text."""
    if to_uuid:
        if is_training_folder(session):
            raise NotAllowed(PRACTICE_TRANSFER)
        to_institution = receiving_cci(session, to_uuid).name
    v = check_transfer(
        child,
        to_institution=to_institution,
        transfer_date=transfer_date,
        order_no=order_no,
        reason=reason,
        today=today or date.today(),
    )
    if to_uuid:
        v["to_institution_uuid"] = str(to_uuid)
    return _ask(session, child, TRANSFER, v)


def request_by_id(session: Session, request_id: int) -> ApprovalRequest:
    """A request by its id (NotFound otherwise)."""
    req = session.get(ApprovalRequest, request_id)
    if req is None:
        raise NotFound(f"no request {request_id}")
    return req


def _pending(req: ApprovalRequest) -> None:
    if req.status != PENDING:
        raise NotAllowed(f"this request was already {req.status} by {req.decided_by}")


def _child(session: Session, req: ApprovalRequest) -> Child:
    child = session.get(Child, req.child_id)
    if child is None:
        raise NotFound(f"no child with id {req.child_id}")
    return child


def approve_request(
    session: Session, req: ApprovalRequest, *, today: date | None = None, note: str | None = None
) -> ApprovalRequest:
    """Approve: make the change asked for (checked again now) and mark the request approved."""
    today = today or date.today()
    _pending(req)
    child = _child(session, req)
    c = Collector()
    why = c.check("note", clean_text, note, max_len=2000)
    c.raise_if_any()
    d = req.details
    with audited(session, f"approve_request {req.kind}", child=child):
        approver = actor_of(session).label
        if req.kind == CATEGORY:
            change_category(
                session,
                child,
                to_code=int(d["to_code"]),
                reason=d["reason"],
                order_ref=d.get("order_ref"),
                effective_on=d.get("effective_on"),
                today=today,
                changed_by=f"{req.requested_by}; approved by {approver}",
            )
        elif req.kind == STAGE:
            move_adoption_stage(
                session,
                child,
                stage=d["stage"],
                entered_on=d.get("entered_on"),
                note=d.get("note"),
                today=today,
            )
        elif req.kind == EXIT:
            discharge(
                session,
                child,
                status=d["status"],
                exit_date=d["exit_date"],
                reason=d["reason"],
                order_no=d.get("order_no"),
                today=today,
            )
        elif req.kind == TRANSFER and d.get("to_institution_uuid"):  # a CCI of the directory
            transfer_to_cci(
                session,
                child,
                to_uuid=str(d["to_institution_uuid"]),
                transfer_date=d["transfer_date"],
                order_no=d.get("order_no"),
                reason=d.get("reason"),
                today=today,
            )
        elif req.kind == TRANSFER:  # a home outside the system
            transfer_out(
                session,
                child,
                to_institution=d["to_institution"],
                transfer_date=d["transfer_date"],
                order_no=d.get("order_no"),
                reason=d.get("reason"),
                today=today,
            )
        else:
            raise NotAllowed(f"unknown kind of request '{req.kind}'")
        req.status, req.decided_by, req.decided_at = APPROVED, approver[:100], utcnow()
        req.decision_note = why
    return req


def return_request(
    session: Session, req: ApprovalRequest, *, reason: str | None
) -> ApprovalRequest:
    """Return the request to the caseworker with the reason; the case does not change."""
    _pending(req)
    child = _child(session, req)
    c = Collector()
    why = c.check("reason", clean_text, reason, required=True, max_len=2000)
    c.raise_if_any()
    with audited(session, f"return_request {req.kind}", child=child):
        req.status, req.decided_at, req.decision_note = RETURNED, utcnow(), why
        req.decided_by = actor_of(session).label[:100]
    return req


def withdraw_request(
    session: Session, req: ApprovalRequest, *, reason: str | None = None
) -> ApprovalRequest:
    """Take back a request that is still waiting (asked by mistake): only the person who
    asked may, or someone who decides requests."""
    _pending(req)
    child = _child(session, req)
    if not may_withdraw(actor_of(session), req.requested_by):
        raise NotAllowed(f"only {req.requested_by}, who asked, can withdraw this request")
    c = Collector()
    why = c.check("reason", clean_text, reason, max_len=2000)
    c.raise_if_any()
    with audited(session, f"withdraw_request {req.kind}", child=child):
        req.status, req.decided_at, req.decision_note = WITHDRAWN, utcnow(), why
        req.decided_by = actor_of(session).label[:100]
    return req


def _rows(session: Session, *where: Any, limit: int) -> list[RequestRow]:
    q = (
        select(ApprovalRequest, Child.code, Child.first_name, Child.last_name)
        .join(Child, Child.id == ApprovalRequest.child_id)
        .where(scope_filter(session), *where)
        .order_by(ApprovalRequest.requested_at, ApprovalRequest.id)
        .limit(limit)
    )
    out = []
    for r, code, first, last in session.execute(q):
        out.append(
            RequestRow(
                id=r.id,
                uuid=str(r.uuid),
                child_id=r.child_id,
                child_code=code,
                child_name=" ".join(p for p in (first, last) if p),
                kind=r.kind,
                details=dict(r.details),
                status=r.status,
                requested_by=r.requested_by,
                requested_at=r.requested_at,
                decided_by=r.decided_by,
                decided_at=r.decided_at,
                decision_note=r.decision_note,
            )
        )
    return out


def pending_requests(session: Session, *, limit: int = 1000) -> list[RequestRow]:
    """Requests waiting for a decision in the actor's area, oldest first."""
    require(session, Permission.VIEW)
    return _rows(session, ApprovalRequest.status == PENDING, limit=limit)


def count_pending(session: Session) -> int:
    """How many requests wait for a decision in the actor's area."""
    q = (
        select(func.count())
        .select_from(ApprovalRequest)
        .join(Child, Child.id == ApprovalRequest.child_id)
        .where(ApprovalRequest.status == PENDING, scope_filter(session))
    )
    return int(session.scalar(q) or 0)


def requests_for_child(session: Session, child_id: int, *, limit: int = 20) -> list[RequestRow]:
    """A child's requests: those waiting, then the latest decided ones (newest first)."""
    require(session, Permission.VIEW)
    rows = _rows(session, ApprovalRequest.child_id == child_id, limit=10_000)
    waiting = [r for r in rows if r.status == PENDING]
    decided = sorted(
        (r for r in rows if r.status != PENDING),
        key=lambda r: (r.decided_at or r.requested_at, r.id),
        reverse=True,
    )
    return (waiting + decided)[:limit]


__all__ = [
    "APPROVED",
    "CATEGORY",
    "EXIT",
    "PENDING",
    "RETURNED",
    "STAGE",
    "TRANSFER",
    "WITHDRAWN",
    "RequestRow",
    "approve_request",
    "asked_by",
    "count_pending",
    "needs_approval",
    "pending_requests",
    "request_adoption_stage",
    "request_by_id",
    "request_category_change",
    "request_exit",
    "request_transfer",
    "requests_for_child",
    "return_request",
    "may_withdraw",
    "withdraw_request",
]
