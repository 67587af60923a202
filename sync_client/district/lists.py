"""The district view's lists, read a page at a time (issue 22): the CCIs with their counts,
a CCI's children and its open flags.

Every function runs a bounded SQL query over the projected tables (`view_child`,
`view_flag`, central's enrolments): nothing loads a whole table into Python, so the
district screens hold memory for the rows shown, whatever the number of children.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, and_, func, select
from sqlalchemy.orm import Session

from central.models import Enrolment, MergedRecord, ReceivedBundle
from central.projection import view_child, view_flag

PAGE = 200  # rows a screen asks for at a time


@dataclass(frozen=True)
class CciSummary:
    """One CCI in the district view: counts for the per-CCI dashboard."""

    uuid: str
    name: str
    children: int
    in_care: int
    open_flags: int
    bundles: int
    last_received: str | None
    days_since: int | None = None  # whole days since the last bundle came (None: never)
    district_code: int | None = None

    def silent(self, after_days: int) -> bool:
        """Not heard from for more than `after_days` days (or never)."""
        return self.days_since is None or self.days_since > after_days


def summary(
    view: Engine, *, today: date | None = None, district: int | None = None
) -> list[CciSummary]:
    """Per-CCI counts from the district view's tables (children, in care, open flags):
    one grouped query per count, whatever the number of CCIs; only the CCIs of `district`
    when given (a district office sees its own district's homes only)."""
    day = today or datetime.now(UTC).date()
    c, f = view_child.c, view_flag.c
    with Session(view) as s:
        enrolled = select(Enrolment).order_by(Enrolment.name)
        if district is not None:
            enrolled = enrolled.where(Enrolment.district_code == district)
        homes = list(s.scalars(enrolled))
        if not homes:
            return []
        wanted = [e.uuid for e in homes]
        kids: dict[str, int] = dict(
            s.execute(
                select(c.institution_uuid, func.count())
                .where(c.institution_uuid.in_(wanted))
                .group_by(c.institution_uuid)
            ).all()
        )
        in_care: dict[str, int] = dict(
            s.execute(
                select(c.institution_uuid, func.count())
                .where(c.institution_uuid.in_(wanted), c.status == "in_care")
                .group_by(c.institution_uuid)
            ).all()
        )
        flags: dict[str, int] = dict(
            s.execute(
                select(f.institution_uuid, func.count())
                .where(f.institution_uuid.in_(wanted), f.is_open.is_(True))
                .group_by(f.institution_uuid)
            ).all()
        )
        never = [e.uuid for e in homes if e.last_received_at is None]
        last_bundle: dict[str, datetime] = (
            dict(
                s.execute(
                    select(ReceivedBundle.institution_uuid, func.max(ReceivedBundle.received_at))
                    .where(ReceivedBundle.institution_uuid.in_(never))
                    .group_by(ReceivedBundle.institution_uuid)
                ).all()
            )
            if never
            else {}
        )
        out = []
        for enr in homes:
            last = enr.last_received_at or last_bundle.get(enr.uuid)
            out.append(
                CciSummary(
                    uuid=enr.uuid,
                    name=enr.name,
                    children=int(kids.get(enr.uuid, 0)),
                    in_care=int(in_care.get(enr.uuid, 0)),
                    open_flags=int(flags.get(enr.uuid, 0)),
                    bundles=enr.last_seq,
                    last_received=last.strftime("%Y-%m-%d %H:%M") if last else None,
                    days_since=(day - last.date()).days if last else None,
                    district_code=enr.district_code,
                )
            )
    return out


@dataclass(frozen=True)
class ChildLine:
    """One child in a CCI's list."""

    uuid: str
    code: str | None
    name: str
    gender: str | None
    dob: date | None
    status: str | None


def children_count(view: Engine, *, institution_uuid: str) -> int:
    """How many children of one CCI the view holds (deleted records leave the table)."""
    with view.connect() as conn:
        n = conn.execute(
            select(func.count())
            .select_from(view_child)
            .where(view_child.c.institution_uuid == institution_uuid)
        ).scalar()
    return int(n or 0)


def children_page(
    view: Engine, *, institution_uuid: str, offset: int = 0, limit: int = PAGE
) -> list[ChildLine]:
    """One page of a CCI's children as last received, by name then code."""
    c = view_child.c
    q = (
        select(c.record_uuid, c.code, c.first_name, c.last_name, c.gender, c.dob, c.status)
        .where(c.institution_uuid == institution_uuid)
        .order_by(c.first_name, c.code, c.record_uuid)
        .offset(max(offset, 0))
        .limit(max(limit, 0))
    )
    with view.connect() as conn:
        return [
            ChildLine(
                uuid=r.record_uuid,
                code=r.code,
                name=" ".join(p for p in (r.first_name, r.last_name) if p),
                gender=r.gender,
                dob=r.dob,
                status=r.status,
            )
            for r in conn.execute(q)
        ]


@dataclass(frozen=True)
class FlagLine:
    """One open flag of a CCI, with its child's code and name and the CCI's words."""

    uuid: str
    due_on: date | None
    child_uuid: str | None
    child_code: str | None
    child_name: str
    severity: str | None
    level: int
    rule_id: str | None
    explanation: str


def _open_flags_of(institution_uuid: str) -> Any:
    f = view_flag.c
    return and_(f.institution_uuid == institution_uuid, f.is_open.is_(True))


def open_flags_count(view: Engine, *, institution_uuid: str) -> int:
    """How many open flags one CCI has in the view."""
    with view.connect() as conn:
        n = conn.execute(
            select(func.count()).select_from(view_flag).where(_open_flags_of(institution_uuid))
        ).scalar()
    return int(n or 0)


def open_flags_page(
    view: Engine, *, institution_uuid: str, offset: int = 0, limit: int = PAGE, lang: str = "en"
) -> list[FlagLine]:
    """One page of a CCI's open flags, soonest due first, each with its child and the
    explanation the CCI's rules wrote (in `lang`, English when that is missing)."""
    f, c = view_flag.c, view_child.c
    rec = MergedRecord.__table__.alias("flag_record")
    words = func.coalesce(
        func.json_extract(rec.c.data, f"$.explanation_{'hi' if lang == 'hi' else 'en'}"),
        func.json_extract(rec.c.data, "$.explanation_en"),
        "",
    )
    q = (
        select(
            f.record_uuid,
            f.due_on,
            f.child_uuid,
            c.code,
            c.first_name,
            c.last_name,
            f.severity,
            f.level,
            f.rule_id,
            words.label("words"),
        )
        .select_from(view_flag)
        .outerjoin(view_child, c.record_uuid == f.child_uuid)
        .outerjoin(rec, and_(rec.c.type == "flag", rec.c.record_uuid == f.record_uuid))
        .where(_open_flags_of(institution_uuid))
        .order_by(f.due_on, f.rule_id, f.record_uuid)
        .offset(max(offset, 0))
        .limit(max(limit, 0))
    )
    with view.connect() as conn:
        return [
            FlagLine(
                uuid=r.record_uuid,
                due_on=r.due_on,
                child_uuid=r.child_uuid,
                child_code=r.code,
                child_name=" ".join(p for p in (r.first_name, r.last_name) if p),
                severity=r.severity,
                level=int(r.level or 0),
                rule_id=r.rule_id,
                explanation=str(r.words or ""),
            )
            for r in conn.execute(q)
        ]
