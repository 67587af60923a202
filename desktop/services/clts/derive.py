"""What follows from a case's facts: its ledger lines, its entitlement rows and its visits.

`refresh_case` runs inside every audited CLTS write, after the change, so the lines the
policy says are due exist, every scheme's eligibility and due dates are current, and the
follow-up visits are scheduled from the restoration date. What a person recorded (an
order, a payment, an application, a visit) is never undone by a refresh: only rows that
hold nothing recorded by hand are added, changed or removed.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, CltsCase, CltsCompensation, CltsEntitlement, CltsFollowUp
from desktop.rules.clts_policy import CltsPolicy, Scheme
from desktop.services.clts.facts import case_facts
from reporting.clts import GAPS as GAPS  # eligible, not received (shared with the report)

STATUSES = ("not_assessed", "eligible", "not_eligible", "applied", "received", "rejected")
BY_RULE = ("not_assessed", "eligible", "not_eligible")  # a refresh may change these
_RECORDED = ("applied_on", "application_ref", "received_on", "benefit_ref", "rejected_on")


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the 31st becomes the month's last day)."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def lines_of(session: Session, case: CltsCase) -> list[CltsCompensation]:
    """The case's ledger lines, in the order of the policy file where it knows them."""
    return list(
        session.scalars(
            select(CltsCompensation)
            .where(CltsCompensation.case_id == case.id)
            .order_by(CltsCompensation.id)
        )
    )


def entitlements_of(session: Session, case: CltsCase) -> list[CltsEntitlement]:
    """The case's entitlement rows."""
    q = select(CltsEntitlement).where(CltsEntitlement.case_id == case.id)
    return list(session.scalars(q.order_by(CltsEntitlement.id)))


def visits_of(session: Session, case: CltsCase) -> list[CltsFollowUp]:
    """The case's follow-up visits, in visit order."""
    q = select(CltsFollowUp).where(CltsFollowUp.case_id == case.id)
    return list(session.scalars(q.order_by(CltsFollowUp.visit_no)))


def _set(obj: Any, **values: Any) -> None:
    """Set only the attributes whose value differs (an unchanged row stays unwritten)."""
    for k, v in values.items():
        if getattr(obj, k) != v:
            setattr(obj, k, v)


def _sync_lines(
    session: Session, case: CltsCase, facts: dict[str, Any], policy: CltsPolicy
) -> None:
    have = {line.line: line for line in lines_of(session, case)}
    for code, spec in policy.compensation.items():
        applies = (
            spec.in_window(case.rescue_on)
            and spec.applies is not None
            and bool(spec.applies(facts))
        )
        line = have.get(code)
        if applies and line is None:
            session.add(
                CltsCompensation(
                    case_id=case.id,
                    line=code,
                    policy_version=policy.tag,
                    amount=spec.amount,
                    payer=spec.payer,
                    office=spec.office,
                )
            )
        elif not applies and line is not None and line.stage() == "due" and not line.notes:
            session.delete(line)  # nothing recorded on it: it no longer applies


def _from_ledger(scheme: Scheme, lines: dict[str, CltsCompensation]) -> tuple[str, Any] | None:
    """(status, fields) of a scheme paid through ledger lines; None: none of them is due."""
    mine = [lines[c] for c in scheme.compensation if c in lines]
    if not mine:
        return None
    paid = [ln for ln in mine if ln.paid_on is not None]
    if paid and len(paid) == len(mine):
        last = max(paid, key=lambda ln: ln.paid_on or date.min)
        return "received", {"received_on": last.paid_on, "benefit_ref": last.payment_ref}
    started = [ln for ln in mine if ln.stage() in ("ordered", "sanctioned", "paid")]
    if started:
        first = min((ln.ordered_on or ln.sanctioned_on or ln.paid_on or date.max) for ln in started)
        ref = next((ln.order_ref or ln.sanction_ref for ln in started if ln.order_ref), None)
        return "applied", {"applied_on": first, "application_ref": ref}
    if all(ln.refused_on is not None for ln in mine):
        return "rejected", {"rejected_on": max(ln.refused_on or date.min for ln in mine)}
    return None


def _from_record(scheme: Scheme, case: CltsCase, child: Child) -> tuple[str, Any] | None:
    """(status, fields) of a scheme whose status another part of the record holds."""
    if scheme.status_from == "prosecution":
        if case.prosecution_disposed_on is not None:
            ref = case.prosecution_outcome or None
            return "received", {"received_on": case.prosecution_disposed_on, "benefit_ref": ref}
        if case.prosecution_filed_on is not None:
            ref = case.prosecution_court or None
            return "applied", {"applied_on": case.prosecution_filed_on, "application_ref": ref}
    elif scheme.status_from == "school" and case.enrolled_on is not None:
        return "received", {"received_on": case.enrolled_on, "benefit_ref": case.school_name}
    elif scheme.status_from == "medical_exam" and child.medical_exam_on is not None:
        return "received", {"received_on": child.medical_exam_on}
    return None


def _sync_entitlements(
    session: Session, case: CltsCase, facts: dict[str, Any], policy: CltsPolicy
) -> None:
    child = session.get(Child, case.child_id)
    assert child is not None
    have = {e.scheme: e for e in entitlements_of(session, case)}
    lines = {ln.line: ln for ln in lines_of(session, case)}
    for code, scheme in policy.schemes.items():
        verdict = scheme.eligibility(facts) if scheme.eligibility is not None else None
        by_rule = {True: "eligible", False: "not_eligible", None: "not_assessed"}[verdict]
        e = have.get(code)
        if e is None:
            e = CltsEntitlement(
                case_id=case.id,
                scheme=code,
                department=scheme.department,
                policy_version=policy.tag,
                status=by_rule,
                by_hand=False,
            )
            session.add(e)
        elif e.status in BY_RULE and not e.by_hand:
            _set(e, status=by_rule)
        derived = _from_ledger(scheme, lines) if scheme.compensation else None
        if derived is None and scheme.status_from:
            derived = _from_record(scheme, case, child)
        if derived is not None:  # what the record shows wins over a guess or a hand entry
            status, fields = derived
            _set(e, status=status, **fields)
        elif (
            (scheme.compensation or scheme.status_from)
            and not e.by_hand
            and e.status not in BY_RULE
        ):
            # the ledger or record entry it came from was corrected away: back to the rule
            _set(e, status=by_rule, **dict.fromkeys(_RECORDED))
        base = case.rescue_on if scheme.counted_from == "rescue" else case.final_order_on
        _set(
            e,
            counted_from=base,
            apply_due_on=base + timedelta(days=scheme.apply_within_days) if base else None,
            receive_due_on=base + timedelta(days=scheme.receive_within_days) if base else None,
            department=scheme.department,
        )


def _sync_schedule(session: Session, case: CltsCase, policy: CltsPolicy) -> None:
    visits = {v.visit_no: v for v in visits_of(session, case)}
    months = policy.follow_up.due_months
    if case.restored_on is None:
        for v in visits.values():
            if v.done_on is None:
                session.delete(v)
        return
    for n, m in enumerate(months, start=1):
        due = add_months(case.restored_on, m)
        visit = visits.get(n)
        if visit is None:
            session.add(CltsFollowUp(case_id=case.id, visit_no=n, due_on=due))
        elif visit.done_on is None and visit.due_on != due:
            visit.due_on = due


def refresh_case(session: Session, case: CltsCase, *, today: date, policy: CltsPolicy) -> None:
    """Bring the case's ledger lines, entitlement rows and visit schedule in step with it.

    Call inside the audited write that changed the case (it writes tracked rows).
    """
    session.flush()
    facts = case_facts(session, case, as_of=today, policy=policy)
    _sync_lines(session, case, facts, policy)
    session.flush()
    _sync_entitlements(session, case, facts, policy)
    _sync_schedule(session, case, policy)
    session.flush()
