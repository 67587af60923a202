"""What the CLTS policy's eligibility rules read about a case: child, household and case facts.

Facts not recorded yet are None (unknown), so an entitlement that depends on them is "to
be assessed" rather than guessed (see desktop.rules.clts_expr).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, CltsCase, CltsFollowUp, CltsHousehold, CltsMember, Guardian
from desktop.rules.clts_policy import CltsPolicy
from desktop.services.core.validation import age_on

ADULT_YEARS, ELDER_YEARS = 18, 60  # household counts for the schemes (policy facts' meaning)


def members_of(session: Session, household_id: int | None) -> list[CltsMember]:
    """The household's members, in the order they were added."""
    if household_id is None:
        return []
    q = select(CltsMember).where(CltsMember.household_id == household_id).order_by(CltsMember.id)
    return list(session.scalars(q))


def _parents(session: Session, child: Child, members: list[CltsMember]) -> tuple[int, int]:
    """(parents known alive, parents known deceased) from the household and the guardians."""
    alive = dead = 0
    seen: set[str] = set()
    for m in members:
        if m.relation in ("mother", "father") and m.relation not in seen:
            seen.add(m.relation)
            alive, dead = alive + (1 if m.alive else 0), dead + (0 if m.alive else 1)
    for g in session.scalars(select(Guardian).where(Guardian.child_id == child.id)):
        if g.relation in ("mother", "father") and g.relation not in seen:
            seen.add(g.relation)
            if g.life_status == "alive":
                alive += 1
            elif g.life_status == "deceased":
                dead += 1
    return alive, dead


def _enrolled(session: Session, case: CltsCase) -> bool | None:
    if case.enrolled_on is not None and case.school_type != "none":
        return True
    last = session.scalars(
        select(CltsFollowUp.in_school)
        .where(
            CltsFollowUp.case_id == case.id,
            CltsFollowUp.done_on.is_not(None),
            CltsFollowUp.in_school.is_not(None),
        )
        .order_by(CltsFollowUp.done_on.desc(), CltsFollowUp.id.desc())
    ).first()
    if last is not None:
        return bool(last)
    return case.in_school_at_rescue


def case_facts(
    session: Session, case: CltsCase, *, as_of: date, policy: CltsPolicy
) -> dict[str, Any]:
    """The facts of the policy's vocabulary for one case, as of a date."""
    child = session.get(Child, case.child_id)
    assert child is not None
    hh = session.get(CltsHousehold, case.household_id) if case.household_id else None
    members = members_of(session, case.household_id)
    alive, dead = _parents(session, child, members)
    living = [m for m in members if m.alive]
    facts: dict[str, Any] = {
        "child.age": age_on(child.dob, as_of),
        "child.sex": child.gender,
        "child.enrolled": _enrolled(session, case),
        "child.school_type": case.school_type,
        "child.category": hh.social_category if hh else None,
        "child.minority": hh.minority if hh else None,
        "child.disability": bool(child.disability),
        "child.orphan": True if dead >= 2 else (False if alive else None),
        "child.single_parent": (alive == 1 and dead == 1) if alive + dead == 2 else None,
        "child.within_state": None
        if case.origin_state is None
        else case.origin_state == policy.state,
        "child.cwc_order": case.final_order,
        "child.hazardous_work": case.hazardous,
        "child.bonded": case.bonded,
        "child.trafficked": case.trafficked,
        "child.has_bank_account": bool(case.bank_account_no),
        "case.employer_fined": (
            bool(case.fine_amount) if case.prosecution_disposed_on is not None else None
        ),
        "case.physically_verified": case.physically_verified_on is not None,
    }
    if hh is None:
        facts.update({k: None for k in _HOUSEHOLD})
        return facts
    counted = bool(members)
    facts.update(
        {
            "household.area": hh.area,
            "household.housing": hh.housing,
            "household.ration_card": hh.ration_card,
            "household.has_job_card": hh.job_card,
            "household.landless": hh.landless,
            "household.homestead_land": hh.homestead_land,
            "household.bpl": hh.bpl,
            "household.pmjay_card": hh.pmjay_card,
            "household.shg_member": hh.shg_member,
            "household.migrated": hh.migrated,
            "household.adult_members": _count(living, counted, lambda m: _age(m) >= ADULT_YEARS),
            "household.elderly_members": _count(living, counted, lambda m: _age(m) >= ELDER_YEARS),
            "household.widow_members": _count(living, counted, lambda m: m.widowed),
            "household.disabled_members": _count(living, counted, lambda m: m.disabled),
        }
    )
    return facts


def _age(m: CltsMember) -> int:
    return m.age_years if m.age_years is not None else -1


def _count(members: list[CltsMember], counted: bool, test: Any) -> int | None:
    return sum(1 for m in members if test(m)) if counted else None


_HOUSEHOLD = (
    "household.area",
    "household.housing",
    "household.ration_card",
    "household.has_job_card",
    "household.adult_members",
    "household.landless",
    "household.homestead_land",
    "household.bpl",
    "household.pmjay_card",
    "household.shg_member",
    "household.elderly_members",
    "household.widow_members",
    "household.disabled_members",
    "household.migrated",
)
