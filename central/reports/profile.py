"""A child's record above the CCI, read only: identity, admission, category history,
guardians and visits, CWC orders, open and closed flags, adoption stages.

Read from the `view_*` tables (and a few more fields of the merged record). No Aadhaar
field is ever read out: not the last four digits, not the keyed hash, not the seal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import Enrolment, MergedRecord, PeerInstitution
from central.projection import (
    view_adoption_stage,
    view_category_change,
    view_child,
    view_flag,
    view_guardian,
    view_order,
    view_visit,
)
from central.reports.area import Area, OutOfArea

# Fields of the merged child record shown besides the projected ones (never Aadhaar).
EXTRA_FIELDS = (
    "identification_marks",
    "disability",
    "languages",
    "admission_order_no",
    "produced_before_cwc_on",
    "medical_exam_on",
    "exit_reason",
)
_NEVER = ("aadhaar", "aadhaar_last4", "aadhaar_hmac", "aadhaar_sealed")


@dataclass(frozen=True)
class ChildRecord:
    """Everything a child's read-only page shows (plain values)."""

    uuid: str
    institution_uuid: str
    institution: str
    state: int | None
    district: int | None
    code: str | None
    name: str
    name_local: str | None
    gender: str | None
    dob: date | None
    dob_estimated: bool
    status: str | None
    admission_date: date | None
    referral: str | None
    exit_date: date | None
    category_code: int | None
    extra: dict[str, Any] = field(default_factory=dict)
    guardians: list[dict[str, Any]] = field(default_factory=list)
    visits: list[dict[str, Any]] = field(default_factory=list)
    categories: list[dict[str, Any]] = field(default_factory=list)
    orders: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    adoption: list[dict[str, Any]] = field(default_factory=list)
    # The child's stays in CCIs, oldest first (issue 20: one record, several homes).
    stays: list[dict[str, Any]] = field(default_factory=list)


def _rows(
    s: Session, table: Any, child_uuid: str, order: list[str], cols: list[str]
) -> list[dict[str, Any]]:
    q = (
        select(*(table.c[c] for c in cols))
        .where(table.c.child_uuid == child_uuid)
        .order_by(*(table.c[o] for o in order))
    )
    return [dict(r._mapping) for r in s.execute(q)]


def child_record(s: Session, area: Area, child_uuid: str) -> ChildRecord:
    """The child's record, if the child is inside the area; else OutOfArea."""
    c = view_child.c
    row = s.execute(
        select(view_child).where(c.record_uuid == child_uuid, area.where(view_child))
    ).first()
    if row is None:
        raise OutOfArea("There is no child with this id in your area.")
    m = row._mapping
    enr = s.get(Enrolment, m["institution_uuid"])
    data = s.scalars(
        select(MergedRecord.data).where(
            MergedRecord.type == "child", MergedRecord.record_uuid == child_uuid
        )
    ).first()
    extra = {k: (data or {}).get(k) for k in EXTRA_FIELDS if (data or {}).get(k) not in (None, "")}
    assert not set(extra) & set(_NEVER)
    flags = _rows(
        s,
        view_flag,
        child_uuid,
        ["due_on", "record_uuid"],
        [
            "record_uuid",
            "rule_id",
            "severity",
            "status",
            "level",
            "raised_on",
            "due_on",
            "district_action",
            "district_action_on",
        ],
    )
    texts = {
        u: d
        for u, d in s.execute(
            select(MergedRecord.record_uuid, MergedRecord.data).where(
                MergedRecord.type == "flag",
                MergedRecord.record_uuid.in_([f["record_uuid"] for f in flags]),
            )
        )
    }
    for f in flags:
        d = texts.get(f["record_uuid"]) or {}
        f["explanation_en"] = d.get("explanation_en")
        f["explanation_hi"] = d.get("explanation_hi")
    return ChildRecord(
        uuid=child_uuid,
        institution_uuid=m["institution_uuid"],
        institution=enr.name if enr is not None else m["institution_uuid"],
        state=m["state_code"],
        district=m["district_code"],
        code=m["code"],
        name=" ".join(p for p in (m["first_name"], m["last_name"]) if p),
        name_local=m["name_local"],
        gender=m["gender"],
        dob=m["dob"],
        dob_estimated=bool(m["dob_estimated"]),
        status=m["status"],
        admission_date=m["admission_date"],
        referral=m["referral"],
        exit_date=m["exit_date"],
        category_code=m["category_code"],
        extra=extra,
        guardians=_rows(
            s,
            view_guardian,
            child_uuid,
            ["name"],
            ["record_uuid", "name", "relation", "life_status"],
        ),
        visits=_rows(
            s, view_visit, child_uuid, ["visit_date"], ["guardian_uuid", "visit_date", "mode"]
        ),
        categories=_rows(
            s,
            view_category_change,
            child_uuid,
            ["effective_on"],
            ["from_code", "to_code", "effective_on", "order_ref"],
        ),
        orders=_rows(
            s,
            view_order,
            child_uuid,
            ["order_date"],
            ["order_no", "order_date", "order_type", "next_review_on"],
        ),
        flags=flags,
        adoption=_rows(s, view_adoption_stage, child_uuid, ["entered_on"], ["stage", "entered_on"]),
        stays=_stays(s, child_uuid),
    )


def _stays(s: Session, child_uuid: str) -> list[dict[str, Any]]:
    """The child's stays with each home's name (from its enrolment, or for a home of
    another state from that state's directory)."""
    from central.transfers import stays

    out = []
    for st in stays(s, child_uuid):
        uuid = st["institution_uuid"]
        home = (s.get(Enrolment, uuid) or s.get(PeerInstitution, uuid)) if uuid else None
        out.append(dict(st, home=home.name if home is not None else uuid))
    return out


def children_page(
    s: Session,
    area: Area,
    *,
    after: tuple[str, str] | None = None,
    limit: int = 100,
    search: str | None = None,
    statuses: tuple[str, ...] | None = None,
) -> list[dict[str, Any]]:
    """Children of the area by code, a page after the (code, uuid) given (keyset paging:
    the 100th page costs what the first does). `search`: the start of a code or a name."""
    c = view_child.c
    q = select(
        c.record_uuid,
        c.institution_uuid,
        c.code,
        c.first_name,
        c.last_name,
        c.name_local,
        c.gender,
        c.dob,
        c.status,
        c.admission_date,
        c.category_code,
    ).where(area.where(view_child))
    if statuses:
        q = q.where(c.status.in_(statuses))
    if search:
        like = search.strip().replace("%", "").replace("_", "") + "%"
        q = q.where(
            c.code.like(like)
            | c.first_name.like(like)
            | c.last_name.like(like)
            | c.name_local.like(like)
        )
    if after is not None:
        code, uuid = after
        q = q.where((c.code > code) | ((c.code == code) & (c.record_uuid > uuid)))
    q = q.order_by(c.code, c.record_uuid).limit(limit)
    return [dict(r._mapping) for r in s.execute(q)]
