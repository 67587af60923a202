"""The invented child and case: identity, guardians, visits, orders, documents, stages."""

from __future__ import annotations

import random
import tomllib
import uuid as uuid_mod
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from typing import Any, Protocol

from sqlalchemy import Table

from desktop.data import DATA_DIR
from desktop.models import (
    AdoptionStageEntry,
    AuditEvent,
    CarePlan,
    CaseNote,
    CategoryChange,
    Child,
    CwcOrder,
    DocumentItem,
    Guardian,
    GuardianVisit,
    SocialInvestigation,
)
from desktop.models.enums import AdoptionStage
from desktop.rules.policy import Policy
from desktop.services.cases.codes import make_code
from desktop.services.core.names import name_key
from desktop.services.core.validation import verhoeff_check_digit

NAMES_FILE = DATA_DIR / "demo_names.toml"
# Weights of the 20 categories (codes 1..20): every category appears.
CATEGORY_WEIGHTS = [6, 5, 8, 6, 5, 9, 5, 7, 6, 5, 4, 6, 3, 3, 3, 3, 2, 6, 3, 6]
EXIT_MIX = [
    ("restored", 40),
    ("adopted", 12),
    ("transferred", 12),
    ("aged_out", 14),
    ("foster", 8),
    ("absconded", 10),
    ("deceased", 1),
]
DOC_STATUS_MIX = [("required", 35), ("obtained", 30), ("verified", 30), ("not_applicable", 5)]
FEMALE_SURNAMES = {"Kumari", "Devi", "Khatoon"}
ADOPTION_CLASSES = {"orphan", "abandoned", "surrendered"}
RESTORATION_LIKELY = {9, 10, 20}  # categories whose children are often restored
STAGES = [  # the pipeline up to referral (adoption itself closes the case)
    s.value for s in AdoptionStage if s not in (AdoptionStage.ADOPTED, AdoptionStage.WITHDRAWN)
]


@cache
def _names() -> dict[str, Any]:
    return tomllib.loads(NAMES_FILE.read_text(encoding="utf-8"))


def _pick(rng: random.Random, mix: list[tuple[str, int]]) -> str:
    return rng.choices([m for m, _ in mix], weights=[w for _, w in mix])[0]


AUDIT_TABLE: Table = AuditEvent.__table__  # type: ignore[assignment]
TABLES: dict[str, Table] = {
    m.record_type(): m.table()
    for m in (
        Child,
        Guardian,
        GuardianVisit,
        CategoryChange,
        DocumentItem,
        CwcOrder,
        SocialInvestigation,
        CarePlan,
        CaseNote,
        AdoptionStageEntry,
    )
}


class Ids(Protocol):
    """Where the maker takes the next row id of a table."""

    def take(self, table: str) -> int:
        """The next id of `table`."""
        ...


class ChildMaker:
    """Builds the rows of one child and everything on their case."""

    def __init__(
        self, rng: random.Random, policy: Policy, as_of: date, ids: Ids, inst: Any, actor: str
    ) -> None:
        self.rng, self.policy, self.as_of, self.ids, self.inst = rng, policy, as_of, ids, inst
        self.actor = actor
        self.names = _names()
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.serials: dict[int, int] = {}
        self.aadhaars: set[str] = set()

    def uuid(self) -> uuid_mod.UUID:
        """A record's identity: from the operating system's random source, never from the
        seed (which chooses only the invented people), so two practice folders made with
        the same seed share no record, and a district can take in both."""
        return uuid_mod.uuid4()

    def add(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        row.setdefault("id", self.ids.take(table))
        row.setdefault("uuid", self.uuid())
        self.rows.setdefault(table, []).append(row)
        return row

    def day(self, start: date, end: date) -> date:
        span = (end - start).days
        return start + timedelta(days=self.rng.randint(0, max(span, 0)))

    def aadhaar(self) -> str:
        while True:
            body = str(self.rng.randint(2, 9)) + "".join(
                str(self.rng.randint(0, 9)) for _ in range(10)
            )
            a = body + verhoeff_check_digit(body)
            if a not in self.aadhaars:
                self.aadhaars.add(a)
                return a

    def child(self, existing_serials: Callable[[int], int]) -> tuple[dict[str, Any], int]:
        rng, n = self.rng, self.names
        gender = rng.choices(["male", "female", "transgender"], weights=[52, 47, 1])[0]
        first, first_hi = rng.choice(n["girls"] if gender == "female" else n["boys"])
        surname, surname_hi = rng.choice(n["surnames"])
        if gender == "female" and surname == "Kumar":
            surname, surname_hi = "Kumari", "कुमारी"
        elif gender != "female" and surname in FEMALE_SURNAMES:
            surname, surname_hi = "Kumar", "कुमार"
        admission = self.as_of - timedelta(days=int(rng.triangular(0, 12 * 365, 400)))
        age_at_admission = rng.triangular(0.05, 17.9, 10)
        dob = admission - timedelta(days=int(age_at_admission * 365.25))
        year = admission.year
        if year not in self.serials:
            self.serials[year] = existing_serials(year)
        self.serials[year] += 1
        code = make_code(
            state=self.inst.state_code,
            district=self.inst.district_code,
            institution=self.inst.code,
            year=year,
            serial=self.serials[year],
        )
        category = rng.choices(range(1, 21), weights=CATEGORY_WEIGHTS)[0]
        status, exit_date = "in_care", None
        if rng.random() < 0.3 and (self.as_of - admission).days > 30:
            status = _pick(rng, EXIT_MIX)
            exit_date = self.day(admission + timedelta(days=15), self.as_of)
        eighteen = date(dob.year + 18, dob.month, min(dob.day, 28))
        if eighteen <= self.as_of and (exit_date is None or exit_date > eighteen):
            # Nobody stays in a CCI past 18: they age out (to after-care).
            status, exit_date = "aged_out", max(eighteen, admission + timedelta(days=1))
        produced = admission + timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 3, 9]))
        local = f"{first_hi} {surname_hi}" if rng.random() < 0.85 else None
        row = {
            "institution_id": self.inst.id,
            "code": code,
            "first_name": first,
            "last_name": surname if rng.random() < 0.9 else None,
            "name_local": local,
            "gender": gender,
            "dob": dob,
            "dob_estimated": rng.random() < 0.3,
            "identification_marks": rng.choice(n["marks"]),
            "photo_hash": None,
            "aadhaar": self.aadhaar() if rng.random() < 0.4 else None,
            "disability": rng.choice(["locomotor", "visual", "hearing", "intellectual"])
            if rng.random() < 0.04
            else None,
            "languages": rng.choice(n["languages"]),
            "admission_date": admission,
            "referral": rng.choice(
                [
                    "police",
                    "childline",
                    "childline",
                    "cwc",
                    "parent",
                    "ngo",
                    "labour_dept",
                    "relative",
                ]
            ),
            "admission_order_no": f"CWC/{self.inst.district_code}/{year}/{rng.randint(1, 999)}",
            "produced_before_cwc_on": produced if produced <= self.as_of else None,
            "medical_exam_on": admission + timedelta(days=rng.choice([0, 0, 1, 2, 5]))
            if rng.random() < 0.9
            else None,
            "category_code": category,
            "status": status,
            "exit_date": exit_date,
            "exit_reason": f"{status.replace('_', ' ')} (demo)" if exit_date else None,
            "exit_order_no": f"CWC/{year}/X{rng.randint(1, 999)}" if exit_date else None,
        }
        row["name_key"] = name_key(first, row["last_name"]) or name_key(local)
        return self.add("child", row), category

    def case(self, child: dict[str, Any], category: int) -> None:
        rng, cid = self.rng, child["id"]
        admission = child["admission_date"]
        end = child["exit_date"] or self.as_of
        cls = self.policy.category(category).legal_class
        guardians = self._guardians(cid, category, admission, end)
        self._visits(cid, guardians, admission, end)
        cat_at_admission = category
        if rng.random() < 0.2 and (end - admission).days > 60:
            cat_at_admission = rng.choice([c for c in range(1, 21) if c != category])
        self.add(
            "category_change",
            {
                "child_id": cid,
                "from_code": None,
                "to_code": cat_at_admission,
                "effective_on": admission,
                "changed_by": self.actor,
                "reason": "category at admission",
                "order_ref": child["admission_order_no"],
            },
        )
        cat_since = admission
        if cat_at_admission != category:
            cat_since = self.day(admission + timedelta(days=30), end)
            self.add(
                "category_change",
                {
                    "child_id": cid,
                    "from_code": cat_at_admission,
                    "to_code": category,
                    "effective_on": cat_since,
                    "changed_by": self.actor,
                    "reason": "family inquiry by social worker",
                    "order_ref": f"CWC/{admission.year}/C{rng.randint(1, 999)}",
                },
            )
        age = (self.as_of - child["dob"]).days / 365.25
        for doc in self.policy.required_documents(category, age_years=age):
            status = _pick(rng, DOC_STATUS_MIX)
            got = self.day(admission, end) if status in ("obtained", "verified") else None
            self.add(
                "document_item",
                {
                    "child_id": cid,
                    "doc_type": doc,
                    "status": status,
                    # the date of the status: obtained/verified on `got`, else since the
                    # category asked for it (triggers keep the history)
                    "status_on": got or cat_since,
                    "obtained_on": got,
                    "verified_on": got if status == "verified" else None,
                    "verified_by": self.actor if status == "verified" else None,
                    "attachment_hash": None,
                    "note": "not available for this child" if status == "not_applicable" else None,
                },
            )
        self._orders(child, cls, end, category)
        if rng.random() < 0.75:
            req = admission + timedelta(days=rng.randint(0, 5))
            done = req + timedelta(days=rng.randint(5, 60)) if rng.random() < 0.8 else None
            self.add(
                "social_investigation",
                {
                    "child_id": cid,
                    "requested_on": req,
                    "completed_on": done if done and done <= self.as_of else None,
                    "officer": rng.choice(self.names["women"] + self.names["men"])[0],
                    "summary": "Home visit and family inquiry (demo)",
                },
            )
        if rng.random() < 0.65:
            prep = admission + timedelta(days=rng.randint(7, 90))
            if prep <= self.as_of:
                self.add(
                    "care_plan",
                    {
                        "child_id": cid,
                        "prepared_on": prep,
                        "review_due_on": prep + timedelta(days=90),
                        "summary": "Schooling, health check-ups, counselling (demo)",
                    },
                )
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            self.add(
                "case_note",
                {
                    "child_id": cid,
                    "note_date": self.day(admission, end),
                    "author": self.actor,
                    "text": rng.choice(
                        [
                            "Attending school regularly.",
                            "Counselling session held.",
                            "Health check-up done.",
                            "Asked about family; shy.",
                            "Participated in sports day.",
                        ]
                    ),
                },
            )
        if cls in ADOPTION_CLASSES and child["status"] == "in_care" and rng.random() < 0.35:
            d = admission + timedelta(days=rng.randint(30, 200))
            for stage in STAGES[: rng.randint(1, len(STAGES))]:
                if d > self.as_of:
                    break
                self.add(
                    "adoption_stage",
                    {"child_id": cid, "stage": stage, "entered_on": d, "note": None},
                )
                d += timedelta(days=rng.randint(10, 120))

    def _guardians(
        self, cid: int, category: int, admission: date, end: date
    ) -> list[tuple[int, date | None]]:
        rng, n = self.rng, self.names
        plan: list[tuple[str, str]] = {
            1: [],
            2: [("relative", "alive")],
            3: [],
            4: [("mother", "unknown")],
            5: [("mother", "alive")],
            6: [("mother", "alive"), ("father", "deceased")],
            7: [("father", "alive"), ("mother", "deceased")],
            8: [("mother", "alive")],
            9: [("mother", "alive"), ("father", "alive")],
            10: [("mother", "alive"), ("father", "alive")],
            11: [("mother", "alive")],
            12: [("grandparent", "alive")],
            13: [("father", "alive")],
            14: [("mother", "alive")],
            15: [("father", "alive"), ("mother", "alive")],
            16: [("mother", "alive")],
            17: [],
            18: [],
            19: [("father", "alive")],
            20: [("father", "alive")],
        }[category]
        ids: list[tuple[int, date | None]] = []
        for relation, life in plan:
            pool = n["women"] if relation in ("mother", "grandparent") else n["men"]
            name, name_hi = rng.choice(pool)
            died: date | None = None
            if life == "deceased":  # mostly before admission; the date not always known
                if rng.random() < 0.7:
                    died = admission - timedelta(days=rng.randint(30, 3000))
            elif life == "alive" and rng.random() < 0.03 and (end - admission).days > 60:
                life, died = "deceased", self.day(admission + timedelta(days=30), end)
            g = self.add(
                "guardian",
                {
                    "child_id": cid,
                    "name": name,
                    "name_local": name_hi,
                    "relation": relation,
                    "life_status": life,
                    "deceased_on": died,
                    "phone": f"9{rng.randint(100000000, 999999999)}"
                    if rng.random() < 0.6
                    else None,
                    "address": f"Village {rng.choice(n['places'])}, Bihar",
                },
            )
            if life == "alive" or (died is not None and died > admission):
                ids.append((g["id"], died))
        return ids

    def _visits(
        self, cid: int, guardians: list[tuple[int, date | None]], start: date, end: date
    ) -> None:
        if not guardians:
            return
        rng = self.rng
        if rng.random() < 0.15:  # a volunteer or a relative not on the list: not counted
            role = rng.choice(["volunteer", "relative", "other"])
            self.add(
                "guardian_visit",
                {
                    "child_id": cid,
                    "guardian_id": None,
                    "visit_date": self.day(start, end),
                    "visitor_name": rng.choice(self.names["women"] + self.names["men"])[0],
                    "visitor_role": role,
                    "mode": "in_person",
                    "notes": None,
                },
            )
        pattern = rng.choices(
            ["monthly", "occasional", "stopped", "never"], weights=[25, 35, 25, 15]
        )[0]
        if pattern == "never":
            return
        gap = {"monthly": 30, "occasional": 120, "stopped": 45}[pattern]
        stop = end if pattern != "stopped" else self.day(start, end)
        d = start + timedelta(days=rng.randint(3, gap))
        count = 0
        while d <= stop and count < 60:
            gid, died = rng.choice(guardians)
            mode = rng.choices(["in_person", "phone", "home_visit"], weights=[70, 25, 5])[0]
            if died is not None and d >= died:
                break
            self.add(
                "guardian_visit",
                {
                    "child_id": cid,
                    "guardian_id": gid,
                    "visit_date": d,
                    # a home visit is the social worker's follow-up with that guardian
                    "visitor_name": self.actor if mode == "home_visit" else None,
                    "visitor_role": "social_worker" if mode == "home_visit" else "guardian",
                    "mode": mode,
                    "notes": None,
                },
            )
            count += 1
            d += timedelta(days=max(7, int(rng.gauss(gap, gap / 3))))

    def _orders(self, child: dict[str, Any], cls: str, end: date, category: int) -> None:
        rng, cid, adm = self.rng, child["id"], child["admission_date"]
        no = child["admission_order_no"]
        self.add(
            "cwc_order",
            {
                "child_id": cid,
                "order_no": no,
                "order_date": adm,
                "order_type": "admission",
                "summary": "Placed in the home",
                "next_review_on": None,
            },
        )
        if child["produced_before_cwc_on"]:
            self.add(
                "cwc_order",
                {
                    "child_id": cid,
                    "order_no": no + "/P",
                    "order_date": child["produced_before_cwc_on"],
                    "order_type": "production",
                    "summary": None,
                    "next_review_on": None,
                },
            )
        if rng.random() < 0.5:
            d = adm + timedelta(days=rng.randint(30, 150))
            if d <= end:
                self.add(
                    "cwc_order",
                    {
                        "child_id": cid,
                        "order_no": no + "/F",
                        "order_date": d,
                        "order_type": "final",
                        "summary": "Final order (demo)",
                        "next_review_on": d + timedelta(days=180),
                    },
                )
        if category in RESTORATION_LIKELY and rng.random() < 0.15:
            d = adm + timedelta(days=rng.randint(20, 200))
            if d <= end:
                self.add(
                    "cwc_order",
                    {
                        "child_id": cid,
                        "order_no": no + "/R",
                        "order_date": d,
                        "order_type": "restoration",
                        "summary": "Restore to the family (demo)",
                        "next_review_on": d + timedelta(days=60),
                    },
                )
        if cls in ADOPTION_CLASSES and rng.random() < 0.3:
            d = adm + timedelta(days=rng.randint(45, 150))
            if d <= end:
                self.add(
                    "cwc_order",
                    {
                        "child_id": cid,
                        "order_no": no + "/LFA",
                        "order_date": d,
                        "order_type": "lfa_declaration",
                        "summary": None,
                        "next_review_on": None,
                    },
                )
