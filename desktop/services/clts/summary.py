"""A rescue case as plain data for the screen and the printed card and sheet.

Only roles allowed child-identifiable CLTS data (`Permission.SEE_CLTS`: case staff and
DCPU officers) get it; `case_counts` gives everyone else the numbers. The bank account
shows only its last 4 digits, Aadhaar only as "linked" and its last 4 digits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from desktop.models import (
    Child,
    CltsCase,
    CltsCompensation,
    CltsEntitlement,
    CltsFollowUp,
    CltsHousehold,
    CltsMember,
)
from desktop.rules.clts_policy import CltsPolicy, load_clts_policy
from desktop.services.clts.common import mask_account
from desktop.services.clts.compensation import LedgerTotals, totals
from desktop.services.clts.derive import GAPS, entitlements_of, lines_of, visits_of
from desktop.services.clts.facts import members_of
from desktop.services.core.errors import NotAllowed
from desktop.services.core.permissions import Permission, check_child, require


@dataclass
class CaseView:
    """Everything shown about one rescue case."""

    case: CltsCase
    child: Child
    household: CltsHousehold | None
    members: list[CltsMember]
    lines: list[CltsCompensation]
    entitlements: list[CltsEntitlement]
    visits: list[CltsFollowUp]
    totals: LedgerTotals
    gaps: list[CltsEntitlement]
    overdue: list[CltsEntitlement]
    card_ready: bool
    card_problem: str | None
    account_masked: str | None
    by_department: dict[str, list[CltsEntitlement]] = field(default_factory=dict)

    @property
    def interstate(self) -> bool | None:
        """Whether the child's home is in another state."""
        return self.case.interstate()


def card_problem(case: CltsCase, policy: CltsPolicy) -> str | None:
    """Why the entitlement card cannot be printed yet (None: it can)."""
    if case.final_order is None or case.final_order_on is None:
        return (
            "the entitlement card is printed after the CWC's final order: record the final "
            "order on the case first"
        )
    kind = policy.cwc_orders.get(case.final_order)
    if kind is not None and not kind.card:
        return f"the final order is '{kind.en}': the card is printed where the case goes"
    return None


def overdue_of(e: CltsEntitlement, today: date) -> bool:
    """Whether an eligible entitlement is past its day to be applied for or received."""
    if e.status == "eligible":
        return e.apply_due_on is not None and today > e.apply_due_on
    if e.status in ("applied", "rejected"):
        return e.receive_due_on is not None and today > e.receive_due_on
    return False


def case_view(
    session: Session, case: CltsCase, *, today: date, policy: CltsPolicy | None = None
) -> CaseView:
    """The whole case, for someone allowed to see it."""
    policy = policy or load_clts_policy()
    require(session, Permission.SEE_CLTS)
    child = session.get(Child, case.child_id)
    assert child is not None
    check_child(session, child)
    ents = entitlements_of(session, case)
    order = {code: i for i, code in enumerate(policy.schemes)}
    ents.sort(key=lambda e: order.get(e.scheme, 999))
    by_dept: dict[str, list[CltsEntitlement]] = {d: [] for d in policy.departments}
    for e in ents:
        by_dept.setdefault(e.department, []).append(e)
    lines = lines_of(session, case)
    line_order = {code: i for i, code in enumerate(policy.compensation)}
    lines.sort(key=lambda ln: line_order.get(ln.line, 999))
    problem = card_problem(case, policy)
    return CaseView(
        case=case,
        child=child,
        household=session.get(CltsHousehold, case.household_id) if case.household_id else None,
        members=members_of(session, case.household_id),
        lines=lines,
        entitlements=ents,
        visits=visits_of(session, case),
        totals=totals(lines),
        gaps=[e for e in ents if e.status in GAPS],
        overdue=[e for e in ents if overdue_of(e, today)],
        card_ready=problem is None,
        card_problem=problem,
        account_masked=mask_account(case.bank_account_no),
        by_department=by_dept,
    )


def require_card(case: CltsCase, policy: CltsPolicy) -> None:
    """Refuse to print the card before the CWC's final order."""
    problem = card_problem(case, policy)
    if problem:
        raise NotAllowed(f"{case.clts_id}: {problem}")


def plain_case(view: CaseView, policy: CltsPolicy) -> dict[str, Any]:
    """The case as JSON-ready data for `clms clts show` (masked where the screen masks)."""
    c = view.case
    skip = {"bank_account_no"}
    data = {
        k: (v.isoformat() if isinstance(v, date) else v)
        for k, v in vars(c).items()
        if not k.startswith("_") and k not in skip
    }
    data["bank_account"] = view.account_masked
    data["child_code"] = view.child.code
    data["ledger"] = [
        {
            "line": ln.line,
            "name": policy.compensation[ln.line].en if ln.line in policy.compensation else ln.line,
            "amount": ln.amount,
            "stage": ln.stage(),
            "paid": ln.paid_amount,
            "paid_on": ln.paid_on.isoformat() if ln.paid_on else None,
            "reference": ln.payment_ref or ln.sanction_ref or ln.order_ref,
        }
        for ln in view.lines
    ]
    ents = []
    for e in view.entitlements:
        due = e.apply_due_on if e.status == "eligible" else e.receive_due_on
        ents.append(
            {
                "department": e.department,
                "scheme": e.scheme,
                "status": e.status,
                "due": due.isoformat() if due else None,
                "reference": e.benefit_ref or e.application_ref,
            }
        )
    data["entitlements"] = ents
    data["gaps"] = len(view.gaps)
    data["card_ready"] = view.card_ready
    return data
