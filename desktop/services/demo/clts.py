"""Invented child-labour (CLTS) cases for practice folders: rescues, households, money at
every stage, entitlements applied for and received, follow-up visits found and missed.

Made through the CLTS services (so every case is checked, coded, audited and versioned
like one typed in), for the demo children a rescue fits: in category 20 (rescued child
labour) or brought by the labour department, police or Childline, aged 6 to 17 when
admitted, the newest admissions first. Only a
share of the demo children get a case (`share`, at most `limit`), so a large practice
folder stays quick to make.
"""

from __future__ import annotations

import random
import tomllib
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data import DATA_DIR
from desktop.models import Child, CltsCase
from desktop.rules.clts_policy import load_clts_policy
from desktop.services.clts.compensation import update_line
from desktop.services.clts.derive import entitlements_of, lines_of, visits_of
from desktop.services.clts.entitlements import set_entitlement
from desktop.services.clts.follow_ups import record_visit
from desktop.services.clts.household import add_member, save_household
from desktop.services.clts.rescue import (
    close_case,
    mark_card_issued,
    open_case,
    refresh_once,
    update_case,
)
from desktop.services.core import lgd
from desktop.services.core.errors import ServiceError
from desktop.services.core.validation import age_on

INDUSTRY_MIX = [
    ("brick_kiln", 18),
    ("dhaba_hotel", 20),
    ("domestic_work", 12),
    ("agriculture", 8),
    ("automobile_workshop", 9),
    ("zari_embroidery", 10),
    ("bangles", 6),
    ("construction", 6),
    ("shop", 6),
    ("carpet_weaving", 2),
    ("rag_picking", 2),
    ("other", 1),
]
OTHER_STATES = [20, 9, 19, 27, 7, 24]  # Jharkhand, UP, West Bengal, Maharashtra, Delhi, Gujarat
ORDER_MIX = [
    ("restored", 72),
    ("institutional", 12),
    ("sponsorship", 8),
    ("kinship", 4),
    ("transfer", 4),
]
EMPLOYERS = ["Maa Durga", "Shiv Shakti", "Jai Hind", "New Bharat", "Sri Ram", "Ganga", "Lakshmi"]
TRADES = {
    "brick_kiln": "Brick Field",
    "dhaba_hotel": "Line Hotel",
    "automobile_workshop": "Motor Works",
    "zari_embroidery": "Zari Karkhana",
    "bangles": "Chudi Udyog",
    "construction": "Builders",
    "shop": "General Store",
}


def _pick(rng: random.Random, mix: list[tuple[str, int]]) -> str:
    return rng.choices([m for m, _ in mix], weights=[w for _, w in mix])[0]


def _later(rng: random.Random, start: date, low: int, high: int, cap: date) -> date | None:
    day = start + timedelta(days=rng.randint(low, high))
    return day if day <= cap else None


def _household(rng: random.Random, names: dict[str, Any], surname: str) -> dict[str, Any]:
    rural = rng.random() < 0.8
    landless = rng.random() < 0.6
    card = rng.choices(["none", "phh", "aay"], weights=[40, 45, 15])[0]
    father = rng.choice(names["boys"])[0]
    return {
        "head_name": f"{father} {surname}",
        "village": rng.choice(["Bela", "Sonpur", "Barh", "Maner", "Bihta", "Paliganj", "Kako"]),
        "panchayat": rng.choice(["Bela", "Sonpur", "Barh East", "Maner", "Sadisopur"]),
        "block": rng.choice(["Manpur", "Barh", "Maner", "Bihta", "Tekari"]),
        "police_station": rng.choice(["Manpur", "Barh", "Maner", "Bihta"]),
        "pin": str(rng.randint(800001, 855117)),
        "area": "rural" if rural else "urban",
        "social_category": rng.choices(
            ["sc", "st", "obc", "ebc", "general"], weights=[40, 8, 20, 25, 7]
        )[0],
        "minority": "yes" if rng.random() < 0.15 else "no",
        "bpl": "yes" if rng.random() < 0.7 else "no",
        "ration_card": card,
        "ration_card_no": None if card == "none" else f"1020{rng.randint(10**7, 10**8 - 1)}",
        "job_card": "yes" if rural and rng.random() < 0.35 else "no",
        "landless": "yes" if landless else "no",
        "homestead_land": "no" if landless and rng.random() < 0.5 else "yes",
        "housing": rng.choices(
            ["kutcha", "semi_pucca", "pucca", "homeless"], weights=[50, 25, 20, 5]
        )[0],
        "pmjay_card": "yes" if rng.random() < 0.25 else "no",
        "shg_member": "yes" if rng.random() < 0.3 else "no",
        "migrated": "yes" if rng.random() < 0.3 else "no",
    }


def _money(rng: random.Random, session: Session, case: Any, as_of: date) -> None:
    for line in lines_of(session, case):
        start = case.rescue_on
        r = rng.random()
        changes: dict[str, Any] = {}
        if line.line.startswith("relief_") and r < 0.8:
            paid = _later(rng, start, 1, 25, as_of)
            if paid:
                changes = {
                    "paid_on": paid,
                    "payment_ref": f"LS/CASH/{rng.randint(100, 999)}",
                    "payment_mode": "cash",
                }
        elif line.line in ("cm_relief", "employer_recovery", "state_contribution") and r < 0.65:
            ordered = _later(rng, start, 10, 60, as_of)
            if ordered:
                changes = {
                    "ordered_on": ordered,
                    "order_ref": f"LRD/{line.line[:3].upper()}/{rng.randint(10, 99)}",
                }
                if r < 0.45:
                    sanctioned = _later(rng, ordered, 15, 90, as_of)
                    if sanctioned:
                        changes |= {
                            "sanctioned_on": sanctioned,
                            "sanction_ref": f"SNC/{rng.randint(100, 999)}",
                        }
                        if r < 0.3:
                            paid = _later(rng, sanctioned, 5, 60, as_of)
                            if paid:
                                changes |= {
                                    "paid_on": paid,
                                    "payment_ref": f"DBT{rng.randint(10**9, 10**10 - 1)}",
                                    "payment_mode": "dbt"
                                    if line.line == "cm_relief"
                                    else "deposit",
                                }
        if changes:
            update_line(session, case, line, changes, today=as_of)


def _schemes(rng: random.Random, session: Session, case: Any, as_of: date) -> None:
    policy = load_clts_policy()
    for e in entitlements_of(session, case):
        scheme = policy.schemes[e.scheme]
        if (
            e.status != "eligible"
            or scheme.compensation
            or scheme.status_from
            or e.counted_from is None
        ):
            continue
        r = rng.random()
        if r > 0.6:
            continue
        applied = _later(rng, e.counted_from, 2, 40, as_of)
        if applied is None:
            continue
        changes: dict[str, Any] = {
            "status": "applied",
            "applied_on": applied,
            "application_ref": f"RTPS/{rng.randint(1000, 9999)}",
        }
        if r < 0.35:
            received = _later(rng, applied, 5, 90, as_of)
            if received:
                changes = {
                    **changes,
                    "status": "received",
                    "received_on": received,
                    "benefit_ref": f"{e.scheme[:4].upper()}-{rng.randint(100, 999)}",
                }
        set_entitlement(session, case, e, changes, today=as_of)


def _visits(rng: random.Random, session: Session, case: Any, as_of: date) -> None:
    for v in visits_of(session, case):
        if v.due_on > as_of or rng.random() > 0.75:
            continue
        done = min(v.due_on + timedelta(days=rng.randint(-3, 12)), as_of)
        working = rng.random() < 0.07
        data: dict[str, Any] = {
            "done_on": max(done, case.restored_on),
            "mode": rng.choice(["home_visit", "home_visit", "phone", "school"]),
            "officer": rng.choice(["Meena Devi (DCPU)", "Ravi Kumar (LEO)", "Sunita (Childline)"]),
            "residing": "yes",
            "in_school": "no" if working else ("yes" if rng.random() < 0.7 else "no"),
            "working_again": "yes" if working else "no",
        }
        if working:
            data["findings"] = rng.choice(
                [
                    "found working at a tea stall",
                    "helping at a brick kiln again",
                    "sent to a relative's shop",
                ]
            )
        record_visit(session, case, v, data, today=as_of)


def _family(
    rng: random.Random, session: Session, case: Any, names: dict[str, Any], kid: Child, as_of: date
) -> None:
    """A household with parents, some siblings and now and then a grandparent."""
    surname = kid.last_name or rng.choice(names["surnames"])[0]
    save_household(session, case, _household(rng, names, surname), today=as_of)
    people: list[dict[str, Any]] = [
        {
            "name": f"{rng.choice(names['boys'])[0]} {surname}",
            "relation": "father",
            "age_years": rng.randint(30, 55),
            "occupation": "daily wage labourer",
            "alive": "no" if rng.random() < 0.08 else "yes",
        },
        {
            "name": f"{rng.choice(names['girls'])[0]} Devi",
            "relation": "mother",
            "age_years": rng.randint(26, 50),
            "occupation": "agricultural labour",
        },
    ]
    for _ in range(rng.randint(0, 3)):
        g = rng.choice(["boys", "girls"])
        people.append(
            {
                "name": f"{rng.choice(names[g])[0]} {surname}",
                "relation": "brother" if g == "boys" else "sister",
                "age_years": rng.randint(2, 16),
            }
        )
    if rng.random() < 0.15:
        people.append(
            {
                "name": f"{rng.choice(names['boys'])[0]} {surname}",
                "relation": "grandparent",
                "age_years": rng.randint(62, 80),
            }
        )
    for p in people:
        add_member(session, case, p, today=as_of)


def _orders(rng: random.Random, other: bool, produced: date, as_of: date) -> dict[str, Any]:
    """The CWC's final order, restoration, home confirmation and school, as far as they got."""
    policy = load_clts_policy()
    kind = _pick(rng, ORDER_MIX)
    final = _later(rng, produced, 10, 110, as_of)
    if final is None:
        return {}
    changes: dict[str, Any] = {
        "final_order": kind,
        "final_order_on": final,
        "final_order_no": f"CWC/PAT/{final.year}/{rng.randint(100, 999)}",
    }
    if kind == "transfer":
        changes["transfer_to"] = "CWC Giridih, Jharkhand"
    if policy.cwc_orders[kind].restoration:
        restored = _later(rng, final, 0, 6, as_of)
        if restored:
            changes["restored_on"] = restored
            confirmed = (
                _later(rng, restored, 5, 40, as_of) if other and rng.random() < 0.5 else None
            )
            if confirmed:
                changes["home_confirmed_on"] = confirmed
                changes["home_confirmed_by"] = "DCPU of the home district"
    enrolled = _later(rng, final, 3, 40, as_of) if rng.random() < 0.55 else None
    if enrolled:
        changes |= {
            "enrolled_on": enrolled,
            "school_type": rng.choice(["govt", "govt", "nclp"]),
            "school_name": "Govt. Middle School",
            "school_class": str(rng.randint(1, 8)),
        }
    return changes


def _rescue(
    rng: random.Random, names: dict[str, Any], kid: Child, district: int, rescue: date, as_of: date
) -> tuple[dict[str, Any], bool]:
    industry = _pick(rng, INDUSTRY_MIX)
    other = rng.random() < 0.22
    districts = list((lgd.districts(10) or {212: "Patna"}).keys())
    bonded = rng.random() < (0.25 if other else 0.08)
    trafficked = other and rng.random() < 0.5
    data: dict[str, Any] = {
        "rescue_on": rescue,
        "rescue_district": district,
        "rescue_block": rng.choice(["Danapur", "Phulwari", "Patna Sadar", "Fatuha", "Masaurhi"]),
        "rescue_village": rng.choice(["Shivala", "Khagaul", "Saguna", "Rampur", "Anisabad"]),
        "agencies": rng.choice(
            [
                "labour_dept, police",
                "labour_dept, police, ngo",
                "childline, police",
                "ahtu, police",
                "labour_dept",
            ]
        ),
        "establishment": f"{rng.choice(EMPLOYERS)} {TRADES.get(industry, 'Works')}",
        "employer_name": f"{rng.choice(names['boys'])[0]} "
        + rng.choice(["Prasad", "Singh", "Sah", "Gupta", "Yadav"]),
        "industry": industry,
        "industry_other": "loading at a godown" if industry == "other" else None,
        "bonded": bonded,
        "trafficked": trafficked,
        "deployed_by": rng.choice(["agent", "parent", "relative", "self"]),
        "work_months": rng.randint(1, 30),
        "hours_per_day": rng.randint(8, 14),
        "days_per_week": rng.choice([6, 7, 7]),
        "wage_per_month": rng.choice([0, 500, 1000, 1500, 2000, 3000]),
        "wages_due": rng.choice([0, 0, 2000, 4500, 9000]),
        "in_school_at_rescue": False,
        "origin_state": rng.choice(OTHER_STATES) if other else 10,
        "origin_district": None if other else rng.choice(districts),
        "origin_district_name": rng.choice(["Giridih", "Bahraich", "Malda", "Nagpur"])
        if other
        else None,
        "cwc_name": "CWC Patna",
        "produced_on": min(rescue + timedelta(days=rng.choice([0, 1, 1, 2])), as_of),
    }
    if rng.random() < 0.75:
        sections = ["calpra_3", "jj_79"] + (["bns_143"] if trafficked else [])
        data |= {
            "fir_no": f"{rng.randint(10, 999)}/{rescue.year}",
            "fir_on": rescue,
            "fir_police_station": rng.choice(["Danapur", "Phulwari", "Kotwali", "Fatuha"]),
            "fir_sections": sections + (["blsa_16"] if bonded else []),
        }
    return data, other


def add_clts_cases(
    session: Session, *, seed: int, as_of: date, share: float = 0.05, limit: int = 80
) -> int:
    """Open rescue cases on some demo children (for a practice folder); returns how many."""
    rng = random.Random(f"clts/{seed}")
    names = tomllib.loads((DATA_DIR / "demo_names.toml").read_text(encoding="utf-8"))
    fits = (Child.category_code == 20) | Child.referral.in_(("labour_dept", "police", "childline"))
    # The newest admissions first: the last quarters' reports have rescues to show.
    kids = list(
        session.scalars(select(Child).where(fits).order_by(Child.admission_date.desc(), Child.id))
    )
    have = set(session.scalars(select(CltsCase.child_id)))
    total = int(session.scalar(select(func.count()).select_from(Child)) or 0)
    target = min(limit, max(1, int(total * share)))
    district = {k.institution_id: k.institution.district_code for k in kids}
    made = 0
    # The rules run once over the whole folder later, not after each of these writes.
    was_skipping = session.info.get("skip_flag_eval", False)
    session.info["skip_flag_eval"] = True
    try:
        made = _make(session, rng, names, kids, have, district, target, as_of)
    finally:
        session.info["skip_flag_eval"] = was_skipping
    return made


def _make(
    session: Session,
    rng: random.Random,
    names: dict[str, Any],
    kids: list[Child],
    have: set[int],
    district: dict[int, int],
    target: int,
    as_of: date,
) -> int:
    made = 0
    for kid in kids:
        if made >= target:
            break
        rescue = kid.admission_date - timedelta(days=rng.choice([0, 0, 1]))
        if kid.id in have or not 6 <= age_on(kid.dob, rescue) < 17.5 or rescue.year < 2015:
            continue
        data, other = _rescue(rng, names, kid, district[kid.institution_id], rescue, as_of)
        try:
            case = open_case(session, kid, data, today=as_of)
            with refresh_once(session, case, today=as_of):
                if rng.random() < 0.88:
                    _family(rng, session, case, names, kid, as_of)
                if (as_of - rescue).days > 30 and rng.random() < 0.85:
                    changes = _orders(rng, other, data["produced_on"], as_of)
                    if changes:
                        update_case(session, case, changes, today=as_of)
            with refresh_once(session, case, today=as_of):
                _money(rng, session, case, as_of)
                _schemes(rng, session, case, as_of)
                if case.restored_on:
                    _visits(rng, session, case, as_of)
            if case.final_order_on and rng.random() < 0.7:
                issued = _later(rng, case.final_order_on, 1, 12, as_of)
                if issued:
                    mark_card_issued(session, case, today=issued)
            if case.final_order == "transfer" and case.final_order_on:
                close_case(
                    session,
                    case,
                    reason=f"case transferred: {case.transfer_to}",
                    on=case.final_order_on,
                    today=as_of,
                )
            elif case.restored_on and (as_of - case.restored_on).days > 760 and rng.random() < 0.7:
                close_case(
                    session,
                    case,
                    reason="two years of follow-up done: rehabilitation complete",
                    on=case.restored_on + timedelta(days=735),
                    today=as_of,
                )
        except ServiceError:
            continue  # an invented combination the checks refuse: leave that child out
        made += 1
        # Every flush walks the objects the session holds: keep it to one case's worth.
        session.flush()
        session.expunge_all()
    return made
