"""The review queue above a CCI: open flags escalated to a level (district: 1 and above,
state: 2), soonest due first, with the child, the CCI and what the district did.

Read a page at a time (`limit`/`offset`) in the queue's order: the page's flags are
picked from an order index alone (`ix_view_flag_state_order`, `ix_view_flag_district_order`:
area, open, due date, severity, id, then every filtered column), never by sorting every
open flag of a state, and only those fifty are then joined to their child and CCI. The
counts are read from the counting indexes (`ix_view_flag_state_queue`, `..._district_queue`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select, true
from sqlalchemy.orm import Session

from central.models import Enrolment
from central.projection import view_child, view_flag
from central.reports.area import Area

_ENR = Enrolment.__table__


@dataclass(frozen=True)
class QueueFilter:
    """What the queue is narrowed to (None: everything in the area at that level)."""

    min_level: int = 1
    level: int | None = None  # exactly this level
    rule_id: str | None = None
    severity: str | None = None
    overdue_only: bool = False
    district: int | None = None
    institution: str | None = None


@dataclass(frozen=True)
class QueueRow:
    """One escalated flag as the queue shows it."""

    flag_uuid: str
    institution_uuid: str
    institution: str
    district: int | None
    child_uuid: str | None
    child_code: str | None
    child_name: str
    rule_id: str
    severity: str
    status: str
    level: int
    raised_on: date | None
    due_on: date | None
    district_action: str | None
    district_action_on: date | None

    def overdue(self, as_of: date) -> bool:
        """Whether its due date has passed."""
        return self.due_on is not None and self.due_on < as_of


def _where(q: Select, area: Area, flt: QueueFilter, as_of: date) -> Select:  # type: ignore[type-arg]
    f = view_flag.c
    q = q.where(area.where(view_flag), f.is_open == true())
    q = (
        q.where(f.level == flt.level)
        if flt.level is not None
        else q.where(f.level >= flt.min_level)
    )
    if flt.rule_id:
        q = q.where(f.rule_id == flt.rule_id)
    if flt.severity:
        q = q.where(f.severity == flt.severity)
    if flt.overdue_only:
        q = q.where(f.due_on < as_of)
    if flt.district is not None:
        q = q.where(f.district_code == flt.district)
    if flt.institution:
        q = q.where(f.institution_uuid == flt.institution)
    return q


def queue_count(s: Session, area: Area, flt: QueueFilter, *, as_of: date) -> int:
    """How many flags the queue holds with this filter."""
    q = _where(select(func.count()).select_from(view_flag), area, flt, as_of)
    return int(s.execute(q).scalar_one())


def queue(
    s: Session,
    area: Area,
    flt: QueueFilter,
    *,
    as_of: date,
    offset: int = 0,
    limit: int = 50,
) -> list[QueueRow]:
    """One page of the queue in its order: due date, severity, then the flag's id."""
    f, c = view_flag.c, view_child.c
    order = (f.due_on, f.severity_rank, f.record_uuid)
    page = (
        _where(select(*order).select_from(view_flag), area, flt, as_of)
        .order_by(*order)
        .offset(max(offset, 0))
        .limit(max(limit, 0))
        .subquery("page")
    )
    pc = page.c
    q = (
        select(
            f.record_uuid,
            f.institution_uuid,
            _ENR.c.name,
            f.district_code,
            f.child_uuid,
            c.code,
            c.first_name,
            c.last_name,
            f.rule_id,
            f.severity,
            f.status,
            f.level,
            f.raised_on,
            f.due_on,
            f.district_action,
            f.district_action_on,
        )
        .select_from(page)
        .join(view_flag, f.record_uuid == pc.record_uuid)
        .outerjoin(view_child, view_child.c.record_uuid == f.child_uuid)
        .outerjoin(_ENR, _ENR.c.uuid == f.institution_uuid)
        .order_by(pc.due_on, pc.severity_rank, pc.record_uuid)
    )
    out = []
    for r in s.execute(q):
        name = " ".join(p for p in (r.first_name, r.last_name) if p)
        out.append(
            QueueRow(
                flag_uuid=r.record_uuid,
                institution_uuid=r.institution_uuid,
                institution=r.name or r.institution_uuid,
                district=r.district_code,
                child_uuid=r.child_uuid,
                child_code=r.code,
                child_name=name,
                rule_id=r.rule_id or "",
                severity=r.severity or "",
                status=r.status or "",
                level=int(r.level or 0),
                raised_on=r.raised_on,
                due_on=r.due_on,
                district_action=r.district_action,
                district_action_on=r.district_action_on,
            )
        )
    return out


def rules_in_queue(s: Session, area: Area, *, min_level: int) -> list[str]:
    """The rules that have open flags at or above the level in the area (for a filter)."""
    f = view_flag.c
    q = (
        select(f.rule_id)
        .where(area.where(view_flag), f.is_open == true(), f.level >= min_level)
        .group_by(f.rule_id)
        .order_by(f.rule_id)
    )
    return [str(r) for r in s.scalars(q) if r]
