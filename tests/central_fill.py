"""Fill central's tables directly with invented CCIs, children, flags and adoption stages:
a quarter of a million children in seconds to a minute, for the web pages' tests, the
benchmark and the screenshots (no bundles: `tests/test_web_*` also go through real ones).

Deterministic for a seed. Names are invented from a short list; no real person.
"""

from __future__ import annotations

import random
import uuid as uuid_mod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert

from central.models import Enrolment, MergedRecord
from central.projection import (
    view_adoption_stage,
    view_child,
    view_flag,
    view_guardian,
    view_institution,
)
from central.reports.catalogue import catalogue
from central.schema import writer

FIRST = [
    ("Priya", "प्रिया", "female"), ("Meena", "मीना", "female"), ("Sita", "सीता", "female"),
    ("Anjali", "अंजलि", "female"), ("Pooja", "पूजा", "female"), ("Kajal", "काजल", "female"),
    ("Rahul", "राहुल", "male"), ("Amit", "अमित", "male"), ("Ravi", "रवि", "male"),
    ("Sonu", "सोनू", "male"), ("Manoj", "मनोज", "male"), ("Deepak", "दीपक", "male"),
]  # fmt: skip
LAST = [
    ("Kumari", "कुमारी"),
    ("Kumar", "कुमार"),
    ("Yadav", "यादव"),
    ("Paswan", "पासवान"),
    ("Das", "दास"),
]
RULES = [
    "production_cwc", "medical_exam", "sir_due", "cwc_final_order", "icp", "cwc_review",
    "no_visit_followup", "missing_documents", "adoption_stage_stuck", "no_category",
]  # fmt: skip
STAGES = ["recommended", "reviewed", "presented_to_cwc", "inquiry", "declared_lfa", "csr_mer"]
SEVERITIES = ["critical", "high", "medium", "low"]
BATCH = 5000


@dataclass
class Filled:
    """What was written: the CCIs (uuid, name, district) and the row counts."""

    ccis: list[tuple[str, str, int]] = field(default_factory=list)
    children: int = 0
    flags: int = 0
    stages: int = 0
    child_uuids: list[str] = field(default_factory=list)  # a sample (first of each CCI)


def _uuid(rng: random.Random) -> str:
    return str(uuid_mod.UUID(int=rng.getrandbits(128), version=4))


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def fill(
    engine: Engine,
    *,
    children: int,
    ccis: int,
    districts: Sequence[int] = (212, 213),
    state: int = 10,
    seed: int = 1,
    as_of: date = date(2026, 11, 23),
    silent_share: float = 0.05,
    records: bool = False,
    names: Sequence[str] | None = None,
) -> Filled:
    """Write `ccis` CCIs spread over `districts` with `children` children in all.

    About 2.9 flags a child (70% open; of the open ones 60% at CCI level, 25% district,
    15% state), 12% of the children in the adoption pipeline, 1-2 guardians each; a share
    of the CCIs last heard from two months ago. `records`: also the merged child and flag
    records (the child profile reads a few fields from them).
    """
    rng = random.Random(seed)
    cat = catalogue()
    out = Filled()
    now = datetime.combine(as_of, datetime.min.time(), UTC) + timedelta(hours=12)
    per = max(1, children // ccis)
    with writer(engine).begin() as conn:
        enrolments = []
        institutions = []
        for i in range(ccis):
            uuid = _uuid(rng)
            district = districts[i % len(districts)]
            name = (
                names[i]
                if names and i < len(names)
                else f"{cat.district_name(district)} Children's Home {i + 1}"
            )
            silent = rng.random() < silent_share
            last = now - timedelta(days=rng.randint(45, 90) if silent else rng.randint(0, 20))
            enrolments.append(
                {
                    "uuid": uuid,
                    "name": name,
                    "state_code": state,
                    "district_code": district,
                    "sign_key": "A" * 43 + "=",
                    "key_id": f"k{i:015d}"[:16],
                    "last_seq": rng.randint(1, 40),
                    "last_hash": "0" * 64,
                    "last_audit_hash": "0" * 64,
                    "enrolled_at": now - timedelta(days=400),
                    "last_received_at": last,
                    "how": "admin",
                }
            )
            institutions.append(
                {
                    "record_uuid": uuid,
                    "institution_uuid": uuid,
                    "state_code": state,
                    "district_code": district,
                    "name": name,
                    "type": "childrens-home",
                    "registration_no": f"BR/{district}/CH/{i + 1:04d}",
                    "capacity_boys": per,
                    "capacity_girls": per,
                }
            )
            out.ccis.append((uuid, name, district))
        conn.execute(insert(Enrolment.__table__), enrolments)
        conn.execute(insert(view_institution), institutions)

        kids: list[dict[str, Any]] = []
        flags: list[dict[str, Any]] = []
        stages: list[dict[str, Any]] = []
        guardians: list[dict[str, Any]] = []
        merged: list[dict[str, Any]] = []

        def flush(final: bool = False) -> None:
            for table, rows in (
                (view_child, kids),
                (view_flag, flags),
                (view_adoption_stage, stages),
                (view_guardian, guardians),
                (MergedRecord.__table__, merged),
            ):
                if rows and (final or len(rows) >= BATCH):
                    conn.execute(insert(table), rows)
                    rows.clear()

        for n in range(children):
            uuid_i, _name, district = out.ccis[n % ccis] if n >= per * ccis else out.ccis[n // per]
            first, first_hi, gender = rng.choice(FIRST)
            last, last_hi = rng.choice(LAST)
            if rng.random() < 0.03:
                gender = "transgender"
            child = _uuid(rng)
            if len(out.child_uuids) < ccis and n % per == 0:
                out.child_uuids.append(child)
            dob = as_of - timedelta(days=rng.randint(200, 18 * 365 + 200))
            admitted = max(
                dob + timedelta(days=30), as_of - timedelta(days=rng.randint(0, 7 * 365))
            )
            status = (
                "in_care"
                if rng.random() < 0.85
                else rng.choice(["restored", "transferred", "adopted", "aged_out"])
            )
            tags = {"institution_uuid": uuid_i, "state_code": state, "district_code": district}
            code = f"BR-{district}-{(n // per) % 1000:03d}-{admitted.year}-{n:06d}"
            row = {
                "record_uuid": child,
                **tags,
                "code": code,
                "first_name": first,
                "last_name": last,
                "name_local": f"{first_hi} {last_hi}",
                "gender": gender,
                "dob": dob,
                "dob_estimated": rng.random() < 0.2,
                "status": status,
                "admission_date": admitted,
                "referral": rng.choice(["police", "childline", "cwc", "parent"]),
                "exit_date": None if status == "in_care" else admitted + timedelta(days=200),
                "category_code": rng.randint(1, 20) if rng.random() < 0.95 else None,
                "aadhaar_last4": None,
                "aadhaar_hmac": None,
                "bundle_id": None,
            }
            kids.append(row)
            if records:
                merged.append(
                    {
                        "record_uuid": child,
                        "type": "child",
                        "version": 1,
                        "deleted": False,
                        "data": {
                            "code": code,
                            "first_name": first,
                            "identification_marks": "mole on the left cheek",
                            "languages": "Hindi, Bhojpuri",
                            "aadhaar_last4": "1234",
                        },
                        "institution_uuid": uuid_i,
                        "owner_uuid": uuid_i,
                        "bundle_id": "00000000-0000-4000-8000-000000000000",
                        "updated_at": now,
                    }
                )
            for g in range(rng.randint(1, 2)):
                guardians.append(
                    {
                        "record_uuid": _uuid(rng),
                        **tags,
                        "child_uuid": child,
                        "name": f"{rng.choice(FIRST)[0]} {last}",
                        "relation": "mother" if g == 0 else "uncle",
                        "life_status": "alive",
                        "bundle_id": None,
                    }
                )
            for _ in range(rng.choice((1, 2, 3, 3, 4, 4))):
                raised = max(admitted, as_of - timedelta(days=rng.randint(1, 150)))
                is_open = rng.random() < 0.7
                x = rng.random()
                level = 0 if x < 0.6 else (1 if x < 0.85 else 2)
                fstatus = (
                    ("escalated" if level else rng.choice(["open", "acknowledged"]))
                    if is_open
                    else "resolved"
                )
                flag_uuid = _uuid(rng)
                severity = rng.choice(SEVERITIES)
                flags.append(
                    {
                        "record_uuid": flag_uuid,
                        **tags,
                        "child_uuid": child,
                        "rule_id": rng.choice(RULES),
                        "severity": severity,
                        "status": fstatus,
                        "level": level,
                        "raised_on": raised,
                        "due_on": raised + timedelta(days=rng.randint(1, 90)),
                        "district_action": None,
                        "district_action_on": None,
                        "is_open": is_open,
                        "severity_rank": SEVERITIES.index(severity),
                        "bundle_id": None,
                    }
                )
                out.flags += 1
                if records:
                    merged.append(
                        {
                            "record_uuid": flag_uuid,
                            "type": "flag",
                            "version": 1,
                            "deleted": False,
                            "data": {
                                "explanation_en": "Invented flag for a test.",
                                "explanation_hi": "परीक्षण हेतु।",
                            },
                            "institution_uuid": uuid_i,
                            "owner_uuid": uuid_i,
                            "bundle_id": "00000000-0000-4000-8000-000000000000",
                            "updated_at": now,
                        }
                    )
            if rng.random() < 0.12:
                entered = max(admitted, as_of - timedelta(days=rng.randint(5, 400)))
                for k in range(rng.randint(1, 3)):
                    stages.append(
                        {
                            "record_uuid": _uuid(rng),
                            **tags,
                            "child_uuid": child,
                            "stage": STAGES[k],
                            "entered_on": entered + timedelta(days=20 * k),
                            "bundle_id": None,
                        }
                    )
                    out.stages += 1
            out.children += 1
            flush()
        flush(final=True)
    return out
