"""The list of rescue cases (for case staff and DCPU officers) and the counts (for everyone).

`list_cases` names children and needs `Permission.SEE_CLTS`; `case_counts` gives only
numbers and needs only `Permission.VIEW`, so a state official sees how many children were
rescued, from which industries, with how many gaps, and never who they are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.models import Child, CltsCase, CltsCompensation, CltsEntitlement, CltsFollowUp
from desktop.services.clts.derive import GAPS
from desktop.services.core.permissions import Permission, require, scope_filter


@dataclass(frozen=True)
class CaseRow:
    """One line of the rescue-case list."""

    case_id: int
    child_id: int
    clts_id: str
    child_code: str
    name: str
    name_local: str | None
    rescue_on: date
    industry: str
    status: str
    final_order: str | None
    gaps: int
    overdue: int
    due_rupees: int
    paid_rupees: int
    next_visit: date | None


def _overdue_sql(today: date):  # type: ignore[no-untyped-def]
    return or_(
        (CltsEntitlement.status == "eligible") & (CltsEntitlement.apply_due_on < today),
        CltsEntitlement.status.in_(("applied", "rejected"))
        & (CltsEntitlement.receive_due_on < today),
    )


def list_cases(
    session: Session,
    *,
    today: date,
    status: str | None = "open",
    search: str | None = None,
    only_gaps: bool = False,
) -> list[CaseRow]:
    """Rescue cases in the actor's area, latest rescue first (names: SEE_CLTS only)."""
    require(session, Permission.SEE_CLTS)
    q = (
        select(CltsCase, Child)
        .join(Child, Child.id == CltsCase.child_id)
        .where(scope_filter(session))
        .order_by(CltsCase.rescue_on.desc(), CltsCase.id.desc())
    )
    if status:
        q = q.where(CltsCase.status == status)
    if search and search.strip():
        like = f"%{search.strip()}%"
        q = q.where(
            or_(
                CltsCase.clts_id.ilike(like),
                CltsCase.legacy_id.ilike(like),
                Child.code.ilike(like),
                Child.first_name.ilike(like),
                Child.last_name.ilike(like),
                Child.name_local.like(like),
                CltsCase.employer_name.ilike(like),
            )
        )
    rows = session.execute(q).all()
    ids = [c.id for c, _ in rows]
    gaps: Counter[int] = Counter()
    late: Counter[int] = Counter()
    money: dict[int, tuple[int, int]] = {}
    visits: dict[int, date] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for cid, n in session.execute(
            select(CltsEntitlement.case_id, func.count())
            .where(CltsEntitlement.case_id.in_(chunk), CltsEntitlement.status.in_(GAPS))
            .group_by(CltsEntitlement.case_id)
        ):
            gaps[cid] = n
        for cid, n in session.execute(
            select(CltsEntitlement.case_id, func.count())
            .where(CltsEntitlement.case_id.in_(chunk), _overdue_sql(today))
            .group_by(CltsEntitlement.case_id)
        ):
            late[cid] = n
        for cid, due, paid in session.execute(
            select(
                CltsCompensation.case_id,
                func.sum(CltsCompensation.amount),
                func.coalesce(func.sum(CltsCompensation.paid_amount), 0),
            )
            .where(CltsCompensation.case_id.in_(chunk), CltsCompensation.refused_on.is_(None))
            .group_by(CltsCompensation.case_id)
        ):
            money[cid] = (int(due or 0), int(paid or 0))
        for cid, nxt in session.execute(
            select(CltsFollowUp.case_id, func.min(CltsFollowUp.due_on))
            .where(CltsFollowUp.case_id.in_(chunk), CltsFollowUp.done_on.is_(None))
            .group_by(CltsFollowUp.case_id)
        ):
            visits[cid] = nxt
    out = []
    for case, child in rows:
        if only_gaps and not gaps[case.id]:
            continue
        due, paid = money.get(case.id, (0, 0))
        out.append(
            CaseRow(
                case_id=case.id,
                child_id=child.id,
                clts_id=case.clts_id,
                child_code=child.code,
                name=child.full_name,
                name_local=child.name_local,
                rescue_on=case.rescue_on,
                industry=case.industry,
                status=case.status,
                final_order=case.final_order,
                gaps=gaps[case.id],
                overdue=late[case.id],
                due_rupees=due,
                paid_rupees=paid,
                next_visit=visits.get(case.id),
            )
        )
    return out


@dataclass
class CaseCounts:
    """Numbers only: what anyone allowed to see the institution's counts may see."""

    cases: int = 0
    open: int = 0
    closed: int = 0
    interstate: int = 0
    with_gaps: int = 0
    overdue_entitlements: int = 0
    by_industry: Counter[str] = field(default_factory=Counter)
    due_rupees: int = 0
    paid_rupees: int = 0


def case_counts(session: Session, *, today: date) -> CaseCounts:
    """How many cases, open and closed, by industry, with gaps, money due and paid."""
    require(session, Permission.VIEW)
    scope = select(Child.id).where(scope_filter(session))
    out = CaseCounts()
    for status, industry, origin, rescue_state, n in session.execute(
        select(
            CltsCase.status,
            CltsCase.industry,
            CltsCase.origin_state,
            CltsCase.rescue_state,
            func.count(),
        )
        .where(CltsCase.child_id.in_(scope))
        .group_by(CltsCase.status, CltsCase.industry, CltsCase.origin_state, CltsCase.rescue_state)
    ):
        out.cases += n
        out.open += n if status == "open" else 0
        out.closed += n if status == "closed" else 0
        out.by_industry[industry] += n
        if origin is not None and origin != rescue_state:
            out.interstate += n
    cases = select(CltsCase.id).where(CltsCase.child_id.in_(scope))
    out.with_gaps = int(
        session.execute(
            select(func.count(func.distinct(CltsEntitlement.case_id))).where(
                CltsEntitlement.case_id.in_(cases), CltsEntitlement.status.in_(GAPS)
            )
        ).scalar()
        or 0
    )
    out.overdue_entitlements = int(
        session.execute(
            select(func.count()).where(CltsEntitlement.case_id.in_(cases), _overdue_sql(today))
        ).scalar()
        or 0
    )
    due, paid = session.execute(
        select(
            func.coalesce(func.sum(CltsCompensation.amount), 0),
            func.coalesce(func.sum(CltsCompensation.paid_amount), 0),
        ).where(CltsCompensation.case_id.in_(cases), CltsCompensation.refused_on.is_(None))
    ).one()
    out.due_rupees, out.paid_rupees = int(due or 0), int(paid or 0)
    return out
