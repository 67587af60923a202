"""The district office's decisions on the CCIs' returns it received (kept in its own database).

A CCI's return belongs to the CCI: the district never edits it. It records a decision
(accepted, returned with a reason, consolidated) about one version of it, by its UUID and
content hash; the decision goes back to the CCI as a signed notice on the USB stick, and
the CCI records it on its return. Which version counts for a month at the district: the
newest one the district accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import CpmisReview
from desktop.services.core.audit import audited
from desktop.services.core.context import actor_of
from desktop.services.core.errors import NotAllowed, ValidationError
from desktop.services.cpmis.returns import utc_text


@dataclass(frozen=True)
class Received:
    """A return as the district received it (from the CCI's synced record)."""

    uuid: str
    version_no: int
    body_code: str
    body_name: str
    institution_uuid: str | None
    state_code: int
    district_code: int
    cci_type: str | None
    month: str
    status: str  # as the CCI last sent it
    figures: dict[str, Any]
    content_sha256: str | None
    submitted_at: str | None
    submitted_by: str | None
    signature_check: str  # valid | missing | invalid | altered
    data: dict[str, Any]


def decisions(
    session: Session, *, uuids: Iterable[str] | None = None
) -> dict[tuple[str, int], CpmisReview]:
    """The newest decision on each (return uuid, version), oldest first replaced by newer."""
    q = select(CpmisReview).order_by(CpmisReview.decided_at, CpmisReview.id)
    if uuids is not None:
        q = q.where(CpmisReview.return_uuid.in_(list(uuids)))
    out: dict[tuple[str, int], CpmisReview] = {}
    for d in session.scalars(q):
        out[(d.return_uuid, d.version_no)] = d
    return out


def decision_fields(d: CpmisReview) -> dict[str, Any]:
    """A decision as the office sends it on: to the CCI in a notice, to central."""
    return {
        "return_uuid": d.return_uuid,
        "version_no": d.version_no,
        "content_sha256": d.content_sha256,
        "decision": d.decision,
        "reason": d.reason,
        "decided_by": d.decided_by,
        "decided_at": utc_text(d.decided_at),
        "district_code": d.district_code,
        "institution_uuid": d.institution_uuid,
    }


def effective_status(r: Received, decided: dict[tuple[str, int], CpmisReview]) -> str:
    """The state of a received return at this office: its decision here, else as sent."""
    d = decided.get((r.uuid, r.version_no))
    return d.decision if d is not None else r.status


_ALLOWED = {
    "accepted": ("submitted",),
    "returned": ("submitted", "accepted"),
    "consolidated": ("accepted",),
}


def decide(
    session: Session,
    *,
    received: Received,
    decision: str,
    reason: str | None = None,
    now: datetime | None = None,
) -> CpmisReview:
    """Record a decision on a received return (audited). A return whose signature does not
    check out cannot be accepted; a return sent back needs a reason."""
    if decision not in _ALLOWED:
        raise ValidationError({"decision": "accepted, returned or consolidated"})
    if decision == "returned" and not (reason and reason.strip()):
        raise ValidationError({"reason": "say why the return goes back to the CCI"})
    if decision == "accepted" and received.signature_check in ("invalid", "altered"):
        raise NotAllowed(
            f"the {received.month} return of {received.body_name} does not match its "
            "signature: it cannot be accepted (ask the CCI to send it again)"
        )
    current = effective_status(received, decisions(session, uuids=[received.uuid]))
    if current not in _ALLOWED[decision]:
        raise NotAllowed(f"a {current} return cannot be {decision}")
    row = CpmisReview(
        return_uuid=received.uuid,
        version_no=received.version_no,
        body_code=received.body_code,
        body_name=received.body_name,
        institution_uuid=received.institution_uuid,
        district_code=received.district_code,
        month=received.month,
        content_sha256=received.content_sha256,
        decision=decision,
        reason=reason.strip()[:2000] if reason and reason.strip() else None,
        decided_by=actor_of(session).label,
        decided_at=now or datetime.now(UTC),
    )
    with audited(session, f"cpmis_review {received.body_code} {received.month} {decision}"):
        session.add(row)
        session.flush()
    return row


def counting_versions(
    received: list[Received], decided: dict[tuple[str, int], CpmisReview]
) -> dict[tuple[str, str], Received]:
    """For each (body, month), the newest version the district accepted (or consolidated)."""
    out: dict[tuple[str, str], Received] = {}
    for r in sorted(received, key=lambda x: x.version_no):
        if effective_status(r, decided) in ("accepted", "consolidated"):
            out[(r.body_code, r.month)] = r
    return out
