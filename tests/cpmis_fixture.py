"""A small Children's Home whose CPMIS figures for Jul-Sep 2026 were counted by hand.

Ten invented children (A..J), each chosen to fall on one edge of a definition: admitted
on the last day, left on the first or the last day, a birthday inside the quarter, a
category changed in the quarter, a production after the quarter's end, and so on. The
expected figures below were worked out with pencil from these dates (see the comments).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from desktop.models import Flag
from desktop.services.cases.casework import (
    change_category,
    move_adoption_stage,
    record_icp,
    record_order,
    record_sir,
)
from desktop.services.cases.children import ChildInput, discharge, register_child, transfer_out
from desktop.services.core.audit import audited
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.install.institution import setup_institution

TODAY = date(2026, 11, 23)
Q_START, Q_END = date(2026, 7, 1), date(2026, 9, 30)
QUARTER = "2026.07-2026.09"


def _kid(s: Any, first: str, gender: str, dob: str, adm: str, **kw: Any) -> Any:
    data = ChildInput(
        first_name=first,
        last_name="Kumar" if gender != "female" else "Kumari",
        gender=gender,
        dob=dob,
        admission_date=adm,
        referral=kw.pop("referral", "other"),
        admission_order_no=kw.pop("order", None),
        produced_before_cwc_on=kw.pop("prod", None),
        medical_exam_on=kw.pop("med", None),
        category_code=kw.pop("cat", None),
    )
    assert not kw, kw
    return register_child(s, data, today=TODAY)


def build_home(engine: Engine, actor: Actor) -> dict[str, int]:
    """Set up the home and its nine children; returns child ids by letter."""
    with unit_of_work(engine, actor, rules=False) as s:
        setup_institution(
            s,
            name="Asha Kiran Children's Home",
            type="childrens-home",
            state=10,
            district=212,
            registration_no="BR/PAT/CH/0007",
            code=7,
            capacity_boys=30,
            capacity_girls=20,
        )
    ids: dict[str, int] = {}
    with unit_of_work(engine, actor, rules=False) as s:
        a = _kid(
            s,
            "Meena",
            "female",
            "2016-03-10",
            "2025-01-15",
            referral="cwc",
            order="CWC/212/2025/11",
            cat=3,
            prod="2025-01-15",
            med="2025-01-16",
        )
        record_icp(s, a, prepared_on="2025-02-01", today=TODAY)
        record_order(
            s,
            a,
            order_no="CWC/212/2026/L1",
            order_date="2026-08-10",
            order_type="lfa_declaration",
            today=TODAY,
        )
        move_adoption_stage(s, a, stage="registered_carings", entered_on="2026-08-12", today=TODAY)
        b = _kid(
            s,
            "Raju",
            "male",
            "2010-08-20",
            "2026-03-01",
            referral="police",
            cat=9,
            prod="2026-03-02",
            med="2026-03-01",
        )
        discharge(
            s,
            b,
            status="restored",
            exit_date="2026-08-05",
            reason="restored to mother",
            today=TODAY,
        )
        c = _kid(
            s,
            "Sita",
            "female",
            "2012-07-15",
            "2026-07-10",
            referral="childline",
            cat=1,
            prod="2026-07-11",
            med="2026-07-13",
        )
        record_sir(s, c, requested_on="2026-07-11", completed_on="2026-07-20", today=TODAY)
        record_icp(s, c, prepared_on="2026-08-20", today=TODAY)
        record_order(
            s,
            c,
            order_no="CWC/212/2026/F9",
            order_date="2026-10-05",
            order_type="final",
            today=TODAY,
        )
        d = _kid(
            s,
            "Munna",
            "male",
            "2024-09-01",
            "2026-06-20",
            referral="cwc",
            order="CWC/212/2026/40",
            cat=3,
            prod="2026-06-20",
            med="2026-06-20",
        )
        record_icp(s, d, prepared_on="2026-07-15", today=TODAY)
        record_order(
            s,
            d,
            order_no="CWC/212/2026/L2",
            order_date="2026-08-15",
            order_type="lfa_declaration",
            today=TODAY,
        )
        move_adoption_stage(s, d, stage="registered_carings", entered_on="2026-08-25", today=TODAY)
        e = _kid(s, "Chandni", "transgender", "2009-01-05", "2024-05-01", referral="ngo", cat=20)
        discharge(s, e, status="absconded", exit_date="2026-09-30", reason="ran away", today=TODAY)
        f = _kid(s, "Guddu", "male", "2008-07-01", "2023-01-01", referral="parent", cat=9)
        discharge(s, f, status="aged_out", exit_date="2026-07-01", reason="turned 18", today=TODAY)
        g = _kid(
            s,
            "Priya",
            "female",
            "2015-05-05",
            "2026-09-30",
            referral="cwc",
            cat=5,
            prod="2026-10-01",
        )
        h = _kid(s, "Anil", "male", "2012-01-01", "2025-01-01", referral="police", cat=9)
        record_icp(s, h, prepared_on="2025-01-20", today=TODAY)
        discharge(s, h, status="restored", exit_date="2026-05-01", reason="restored", today=TODAY)
        i = _kid(
            s,
            "Kavita",
            "female",
            "2013-02-02",
            "2026-01-10",
            referral="cwc",
            order="CWC/212/2026/3",
            cat=3,
            prod="2026-01-10",
            med="2026-01-11",
        )
        change_category(
            s, i, to_code=13, reason="mother found unfit", effective_on="2026-08-01", today=TODAY
        )
        record_order(
            s,
            i,
            order_no="CWC/212/2026/F3",
            order_date="2026-09-10",
            order_type="final",
            today=TODAY,
        )
        transfer_out(
            s,
            i,
            to_institution="Gaya Children's Home",
            transfer_date="2026-10-15",
            order_no="CWC/212/2026/T1",
            today=TODAY,
        )
        j = _kid(s, "Rohit", "male", "2010-01-01", "2023-02-01", referral="police", cat=9)
        record_icp(s, j, prepared_on="2023-03-01", today=TODAY)
        discharge(s, j, status="restored", exit_date="2024-03-01", reason="restored", today=TODAY)
        for letter, kid in zip("ABCDEFGHIJ", (a, b, c, d, e, f, g, h, i, j), strict=True):
            ids[letter] = kid.id
        with audited(s, "escalate_flag (test flags)"):
            for child, rule, raised, resolved in (
                ("D", "sir_due", "2026-09-01", None),  # open on the last day
                ("C", "icp", "2026-08-10", "2026-09-15"),  # resolved inside the quarter
                ("C", "medical_exam", "2026-09-20", "2026-10-10"),  # resolved after it: open
                ("A", "cwc_review", "2026-10-05", None),  # raised after the quarter
            ):
                s.add(
                    Flag(
                        child_id=ids[child],
                        rule_id=rule,
                        policy_version="test",
                        severity="high",
                        raised_on=date.fromisoformat(raised),
                        due_on=date.fromisoformat(raised),
                        status="resolved" if resolved else "open",
                        resolved_on=date.fromisoformat(resolved) if resolved else None,
                    )
                )
    return ids


def sexage(**kw: float) -> dict[str, float]:
    """A full cci_sex_age row: zeros, then the counts given, then the totals added up."""
    row = dict.fromkeys(
        [
            f"{s}_{a}"
            for s in ("boys", "girls")
            for a in ("a0_6", "a7_11", "a12_15", "a16_18", "agt18")
        ],
        0.0,
    )
    row.update({k: float(v) for k, v in kw.items() if k != "transgender"})
    row["boys"] = sum(v for k, v in row.items() if k.startswith("boys_"))
    row["girls"] = sum(v for k, v in row.items() if k.startswith("girls_"))
    row["transgender"] = float(kw.get("transgender", 0))
    row["total"] = row["boys"] + row["girls"] + row["transgender"]
    return row


def sex(boys: float = 0, girls: float = 0, transgender: float = 0) -> dict[str, float]:
    """A boys/girls/transgender/total row."""
    return {
        "boys": float(boys),
        "girls": float(girls),
        "transgender": float(transgender),
        "total": float(boys + girls + transgender),
    }


def stay(**kw: float) -> dict[str, float]:
    """A stay_ch row."""
    row = dict.fromkeys(["st_d0_30", "st_m1_2", "st_m2_3", "st_m3_4", "st_m4_12", "st_gt1y"], 0.0)
    row.update({k: float(v) for k, v in kw.items()})
    row["total"] = sum(row.values())
    return row


def classes(**kw: float) -> dict[str, float]:
    """A legal_class row."""
    keys = ["orphan", "abandoned", "surrendered", "unfit_guardian", "s38_3", "other", "unknown"]
    row = {f"lc_{k}": float(kw.get(k, 0)) for k in keys}
    row["total"] = sum(row.values())
    return row


# Counted by hand from the dates in build_home (Jul-Sep 2026).
HAND_COUNT: dict[str, dict[str, float]] = {
    # residents on 1 July: A girl 10, B boy 15, D boy 1, E transgender, F boy 18 (leaves that
    # day), I girl 13
    "cci.stock.start": sexage(
        boys_a0_6=1, boys_a12_15=1, boys_agt18=1, girls_a7_11=1, girls_a12_15=1, transgender=1
    ),
    "cci.stock.start_legal_class": classes(abandoned=3, other=3),
    "cci.stock.start_protection": {"cncp": 6.0, "ccl": 0.0, "total": 6.0},
    # admitted: C (13 on the day, birthday five days later), G on the last day (11)
    "cci.adm.total": sexage(girls_a12_15=1, girls_a7_11=1),
    "cci.adm.by_order": sexage(girls_a7_11=1),  # G was referred by the CWC
    "cci.adm.other": sexage(girls_a12_15=1),  # C came through Childline, no order number
    "cci.adm.by_source": {
        "by_dhawa_dal": 0.0,
        "by_childline": 1.0,
        "by_ngo": 0.0,
        "by_police": 0.0,
    },
    # left: B restored (15), E absconded on the last day, F aged out on the first day (18)
    "cci.exit.total": sexage(boys_a12_15=1, boys_agt18=1, transgender=1),
    "cci.exit.restored": sexage(boys_a12_15=1),
    "cci.exit.absconded": sexage(transgender=1),
    "cci.exit.aged_out": sexage(boys_agt18=1),
    "cci.exit.other": sexage(boys_agt18=1),
    "cci.exit.transferred": sexage(),  # I moved in October: not known on 30 September
    "cci.exit.deceased": sexage(),
    "cci.exit.adopted": sexage(),
    "cci.exit.alt_care": sexage(),
    # residents on 30 September: A, C, D (2 now), G, I
    "cci.stock.end": sexage(boys_a0_6=1, girls_a7_11=2, girls_a12_15=2),
    # I's category changed to 13 (unfit guardian) on 1 August
    "cci.stock.end_legal_class": classes(abandoned=2, orphan=1, surrendered=1, unfit_guardian=1),
    "cci.stock.end_protection": {"cncp": 5.0, "ccl": 0.0, "total": 5.0},
    # stays: A 532 d, B 122, D 11, E 791, F 1277, I 172 on 1 July
    "cci.stay.start": stay(st_d0_30=1, st_m4_12=2, st_gt1y=3),
    # A 623 d, C 82, D 102, G 0, I 263 on 30 September
    "cci.stay.end": stay(st_d0_30=1, st_m2_3=1, st_m3_4=1, st_m4_12=1, st_gt1y=1),
    # stay of the admitted at the end of their month of admission: C 21 days, G 0
    "cci.stay.admitted": stay(st_d0_30=2),
    "cci.stay.exited": stay(st_m4_12=1, st_gt1y=2),  # B 157 d, E 882, F 1277
    "cci.stay_type.orphan_abandoned": stay(st_gt1y=1, st_m2_3=1, st_m3_4=1),  # A, C, D
    "cci.stay_type.lfa": stay(st_gt1y=1, st_m3_4=1),  # A, D
    "cci.stay_type.runaway_missing": stay(),
    "cci.stay_type.total": stay(st_d0_30=1, st_m2_3=1, st_m3_4=1, st_m4_12=1, st_gt1y=1),
    "cci.stay_offence.total": stay(st_d0_30=1, st_m2_3=1, st_m3_4=1, st_m4_12=1, st_gt1y=1),
    "cci.cw.adoptable": {"total": 2.0},  # A, D declared free for adoption
    "cci.cw.single_parent": {"total": 0.0},
    "cci.cw.no_adult_support": {"total": 3.0},  # A, C, D orphan or abandoned on the last day
    # A, C, D, H (left in May) and J (left in 2024) have had an ICP by 30 September
    "cci.cw.icp": {"total": 5.0},
    "cci.cw.icp_in_place": sex(boys=1, girls=2),  # A, C, D
    # deadlines falling in the quarter:
    "cci.tl.cwc24.due": sex(girls=1),  # C: admitted 10 Jul, due 11 Jul
    "cci.tl.cwc24.met": sex(girls=1),  # produced 11 Jul
    "cci.tl.medical24.due": sex(girls=1),  # C
    "cci.tl.medical24.met": sex(),  # examined 13 Jul: late
    "cci.tl.sir15.due": sex(boys=1, girls=1),  # D (due 5 Jul), C (due 26 Jul)
    "cci.tl.sir15.met": sex(girls=1),  # C on 20 Jul; D has none
    "cci.tl.icp30.due": sex(boys=1, girls=1),  # D (due 20 Jul), C (due 9 Aug)
    "cci.tl.icp30.met": sex(boys=1),  # D on 15 Jul; C only on 20 Aug
    "cci.tl.final4m.due": sex(boys=1),  # B: produced 2 Mar, due 2 Jul, restored 5 Aug
    "cci.tl.final4m.met": sex(),
    "cci.tl.lfa.due": sex(boys=1),  # D: abandoned, 1.8 years old: 2 months, due 20 Aug
    "cci.tl.lfa.met": sex(boys=1),  # declared 15 Aug
    "cci.tl.carings.due": sex(boys=1, girls=1),  # A: LFA Mon 10 Aug -> Thu 13; D: Sat 15 -> Wed 19
    "cci.tl.carings.met": sex(girls=1),  # A on 12 Aug; D only on 25 Aug
    "cci.tl.lfa_declared": sex(boys=1, girls=1),
    "cci.tl.carings_registered": sex(boys=1, girls=1),
    "cci.tl.final_orders": sex(girls=1),  # I on 10 Sep (C's is in October)
    "cci.tl.produced": sex(girls=1),  # C; G was produced on 1 October
    "cci.flags.open_end": {
        **{
            f"rule_{r}": 0.0
            for r in (
                "no_category",
                "production_cwc",
                "cwc_final_order",
                "lfa_declaration",
                "surrender_reconsideration",
                "carings_registration",
                "missing_documents",
                "icp",
                "cwc_review",
                "no_visit_followup",
                "adoption_evaluation",
                "after_care",
                "adoption_stage_stuck",
            )
        },
        "rule_sir_due": 1.0,
        "rule_medical_exam": 1.0,
        "total": 2.0,
    },
    "cci.rep.capacity": {"boys": 30.0, "girls": 20.0, "total": 50.0},
    "cci.rep.registered": {"total": 1.0},
    # no child of this home was rescued from child labour: every CLTS figure is 0
    # (tests/test_cpmis_clts.py counts a home with rescued children)
    **{
        f"cci.clts.{k}": sex()
        for k in (
            "rescued",
            "interstate",
            "hazardous",
            "open_cases",
            "entitlements_pending",
            "cards_issued",
            "working_again",
            "relief_paid",
            "cm_relief_paid",
            "comp_ordered",
            "comp_paid",
            "comp_outstanding",
        )
    },
    "cci.clts.comp_paid_rs": {"total": 0.0},
}
