"""Entitlements per department: what the case is eligible for, applied for and received.

The rows come from the policy's schemes (`derive.refresh_case`: eligibility from the
facts, due dates from the rescue or the CWC's final order). A person records what the
department did: applied (date, reference), received (date, the card or benefit's
number), rejected (date, why), and may set the eligibility by hand with a reason. Schemes
paid through the compensation ledger, and the prosecution, school enrolment and health
check, take their status from those records instead.

A "gap" is an eligible entitlement not received. The case's lines replace the generic
entitlement lines of `desktop.services.cases.entitlements` for a child with a case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from desktop.models import Child, CltsCase, CltsEntitlement
from desktop.rules.clts_policy import CltsPolicy, load_clts_policy
from desktop.services.cases.entitlements import Entitlement, entitlement_source
from desktop.services.clts import common
from desktop.services.clts.derive import GAPS, STATUSES, entitlements_of
from desktop.services.clts.rescue import cases_of, write_case
from desktop.services.core.errors import NotAllowed, ValidationError
from desktop.services.core.validation import Collector, clean_text

ENTITLEMENT_FIELDS = frozenset(
    {
        "status",
        "applied_on",
        "application_ref",
        "received_on",
        "benefit_ref",
        "rejected_on",
        "office",
        "remarks",
    }
)
_RECORD = {
    "prosecution": "the prosecution fields of the case (filed, disposed)",
    "school": "the school enrolment of the case",
    "medical_exam": "the child's medical examination date",
}


def _where_recorded(policy: CltsPolicy, e: CltsEntitlement) -> str | None:
    scheme = policy.schemes.get(e.scheme)
    if scheme is None:
        return None
    if scheme.compensation:
        return "the compensation ledger"
    return _RECORD.get(scheme.status_from)


def set_entitlement(
    session: Session,
    case: CltsCase,
    e: CltsEntitlement,
    changes: dict[str, Any],
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> CltsEntitlement:
    """Record what happened to one entitlement (status, dates, reference, office, remarks)."""
    today = today or date.today()
    policy = policy or load_clts_policy()
    if e.case_id != case.id:
        raise ValidationError({"entitlement": "this entitlement belongs to another case"})
    unknown = sorted(set(changes) - ENTITLEMENT_FIELDS)
    if unknown:
        raise ValidationError({k: "is not a field of an entitlement" for k in unknown})
    elsewhere = _where_recorded(policy, e)
    if elsewhere and any(k not in ("office", "remarks") for k in changes):
        raise NotAllowed(f"the status of this entitlement comes from {elsewhere}: record it there")
    current = {f: getattr(e, f) for f in ENTITLEMENT_FIELDS}
    current.update(changes)
    c = Collector()
    v: dict[str, Any] = {}
    v["status"] = c.check("status", common.parse_code, current["status"], STATUSES, what="a status")
    after = ("rescue date", case.rescue_on)
    v["applied_on"] = common.case_date(
        c, "applied_on", current["applied_on"], today=today, not_before=after
    )
    v["received_on"] = common.case_date(
        c,
        "received_on",
        current["received_on"],
        today=today,
        not_before=("date it was applied for", v["applied_on"]) if v["applied_on"] else after,
    )
    v["rejected_on"] = common.case_date(
        c,
        "rejected_on",
        current["rejected_on"],
        today=today,
        not_before=("date it was applied for", v["applied_on"]) if v["applied_on"] else after,
    )
    for f, n in (("application_ref", 80), ("benefit_ref", 80), ("office", 200), ("remarks", 2000)):
        v[f] = c.check(f, clean_text, current[f], max_len=n)
    status = v["status"]
    if status == "applied" and not v["applied_on"] and "applied_on" not in c.errors:
        c.fail("applied_on", "give the date of the application")
    if status == "received" and not v["received_on"] and "received_on" not in c.errors:
        c.fail("received_on", "give the date it was received")
    if status == "rejected":
        if not v["rejected_on"] and "rejected_on" not in c.errors:
            c.fail("rejected_on", "give the date of the refusal")
        if not v["remarks"]:
            c.fail("remarks", "say why it was refused")
    if (
        status == "not_eligible"
        and e.status != "not_eligible"
        and not v["remarks"]
        and not elsewhere
    ):
        c.fail("remarks", "say why the child or family is not eligible")
    c.raise_if_any()
    # Dates that do not belong to the status chosen are cleared (a correction of status).
    keep = {
        "applied": ("applied_on",),
        "received": ("applied_on", "received_on"),
        "rejected": ("applied_on", "rejected_on"),
    }.get(status or "", ())
    for f in ("applied_on", "received_on", "rejected_on"):
        if f not in keep:
            v[f] = None

    def write() -> None:
        for k, value in v.items():
            if getattr(e, k) != value:
                setattr(e, k, value)
        if not elsewhere and "status" in changes:
            e.by_hand = True

    write_case(session, case, f"clts_entitlement {e.scheme}", write, today=today, policy=policy)
    return e


def back_to_rule(
    session: Session,
    case: CltsCase,
    e: CltsEntitlement,
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> CltsEntitlement:
    """Undo a status set by hand: the policy's rule decides the eligibility again."""
    today = today or date.today()
    policy = policy or load_clts_policy()

    def write() -> None:
        e.by_hand = False
        e.status = "not_assessed"
        for f in ("applied_on", "application_ref", "received_on", "benefit_ref", "rejected_on"):
            setattr(e, f, None)

    write_case(session, case, f"clts_entitlement {e.scheme}", write, today=today, policy=policy)
    return e


@dataclass(frozen=True)
class Gap:
    """An eligible entitlement not received, and whether its deadline has passed."""

    scheme: str
    department: str
    status: str
    due_on: date | None
    overdue: bool


def gaps(session: Session, case: CltsCase, *, today: date) -> list[Gap]:
    """The case's gaps: eligible entitlements not received, overdue ones first."""
    out = []
    for e in entitlements_of(session, case):
        if e.status not in GAPS:
            continue
        due = e.apply_due_on if e.status == "eligible" else e.receive_due_on
        out.append(Gap(e.scheme, e.department, e.status, due, due is not None and today > due))
    return sorted(out, key=lambda g: (not g.overdue, g.due_on or date.max, g.scheme))


def clts_entitlements(session: Session, child: Child) -> list[Entitlement]:
    """The entitlement lines of the child's latest rescue case (labels are policy keys)."""
    cases = cases_of(session, child)
    if not cases:
        return []
    rows = entitlements_of(session, cases[0])
    out = []
    for e in rows:
        on = e.received_on or e.rejected_on or e.applied_on
        out.append(
            Entitlement(
                key=f"clts_scheme_{e.scheme}",
                department=f"clts_dept_{e.department}",
                scheme=f"clts_scheme_{e.scheme}",
                status=e.status,
                on=on,
                reference=e.benefit_ref or e.application_ref,
                derived_from=f"clts_entitlement {cases[0].clts_id}",
            )
        )
    return out


entitlement_source(clts_entitlements)
