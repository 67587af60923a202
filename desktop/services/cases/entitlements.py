"""A child's entitlements (schemes and services) as far as the case record shows them.

The generic entitlements are worked out from what the record holds (Aadhaar number
present, medical examination date, documents checklist); whatever the record cannot tell
is "not_recorded", never guessed. A module with entitlement records of its own registers
a source with `entitlement_source`: the child-labour module (`desktop.services.clts.
entitlements`) gives a rescued child's schemes of every department, and those lines
replace the generic ones for that child.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, DocumentItem

NOT_RECORDED = "not_recorded"


@dataclass(frozen=True)
class Entitlement:
    """One entitlement line: what, from which department and scheme, how far it has got."""

    key: str  # label key: school, health, aadhaar_ent, bank, sponsorship, or a module's own
    department: str  # label key of the department
    scheme: str  # label key of the scheme
    status: str  # obtained / done / pending / not_recorded (or a module's own words)
    on: date | None = None
    reference: str | None = None
    derived_from: str | None = None  # which part of the record the status comes from


Source = Callable[[Session, Child], list[Entitlement]]
_sources: list[Source] = []


def entitlement_source(fn: Source) -> Source:
    """Register a function adding entitlements for a child (e.g. the CLTS module's)."""
    _sources.append(fn)
    return fn


def _doc(session: Session, child: Child, doc_type: str) -> DocumentItem | None:
    q = select(DocumentItem).where(
        DocumentItem.child_id == child.id, DocumentItem.doc_type == doc_type
    )
    return session.scalars(q).first()


def generic_entitlements(session: Session, child: Child) -> list[Entitlement]:
    """School, health check, Aadhaar, bank account and sponsorship, from the record."""
    # Aadhaar: the number is on the record (never printed here, only that it exists).
    aadhaar = Entitlement(
        "aadhaar_ent",
        "dept_uidai",
        "scheme_aadhaar",
        "obtained" if child.aadhaar else NOT_RECORDED,
        derived_from="child.aadhaar" if child.aadhaar else None,
    )
    # Health check: the medical examination date, else the checklist's medical report.
    health_on = child.medical_exam_on
    health_status = "done" if health_on else NOT_RECORDED
    derived = "child.medical_exam_on" if health_on else None
    if health_on is None:
        item = _doc(session, child, "medical_exam")
        if item is not None and item.status in ("obtained", "verified"):
            health_status, health_on, derived = "done", item.obtained_on, "documents.medical_exam"
        elif item is not None and item.status == "required":
            health_status, derived = "pending", "documents.medical_exam"
    health = Entitlement(
        "health",
        "dept_health",
        "scheme_health",
        health_status,
        on=health_on,
        derived_from=derived,
    )
    # The record has no school, bank or sponsorship fields yet.
    rest = [
        Entitlement("school", "dept_education", "scheme_school", NOT_RECORDED),
        Entitlement("bank", "dept_bank", "scheme_bank", NOT_RECORDED),
        Entitlement("sponsorship", "dept_social", "scheme_sponsorship", NOT_RECORDED),
    ]
    return [rest[0], health, aadhaar, *rest[1:]]


def child_entitlements(session: Session, child: Child) -> list[Entitlement]:
    """The registered sources' entitlements of the child; the generic ones when none has any."""
    out: list[Entitlement] = []
    for fn in _sources:
        out.extend(fn(session, child))
    return out or generic_entitlements(session, child)
