"""The quarterly CLTS report for the DCPU at a CCI: its children's records from this
install's tables (`records_from_db`). The computation itself is shared with the district
office and central: `reporting.clts` (re-exported here for the desktop's callers).

The report names no child, so any role that may see the institution's counts
(Permission.VIEW) may make it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, CltsCase, CltsCompensation, CltsEntitlement, CltsFollowUp
from desktop.services.core.permissions import Permission, require, scope_filter
from reporting.clts import (
    GENDERS,
    LineFigures,
    Quarter,
    QuarterReport,
    Records,
    age_band,
    band_names,
    quarterly_report,
    report_tables,
)

__all__ = [
    "GENDERS",
    "LineFigures",
    "Quarter",
    "QuarterReport",
    "Records",
    "age_band",
    "band_names",
    "quarterly_report",
    "records_from_db",
    "report_tables",
]


def _rows(
    session: Session, model: Any, where: Any, fks: dict[str, dict[int, str]]
) -> list[dict[str, Any]]:
    """A table's rows as plain dicts shaped like synced records (Core, not ORM objects)."""
    table = model.__table__
    out: list[dict[str, Any]] = []
    skip = ("id", "change_seq", "synced_version", "version")
    for r in session.execute(select(table).where(where)).mappings():
        row: dict[str, Any] = {}
        for key, v in r.items():
            if key in fks:
                row[key.removesuffix("_id") + "_uuid"] = fks[key].get(v) if v is not None else None
            elif key == "uuid":
                row["uuid"] = str(v)
            elif key not in skip:
                row[key] = v
        out.append(row)
    return out


def records_from_db(session: Session) -> Records:
    """The records of the children in the actor's area, from this install's tables."""
    require(session, Permission.VIEW)
    kids = {
        i: (str(u), g, d)
        for i, u, g, d in session.execute(
            select(Child.id, Child.uuid, Child.gender, Child.dob).where(scope_filter(session))
        )
    }
    child_uuid = {i: k[0] for i, k in kids.items()}
    in_area = CltsCase.child_id.in_(select(Child.id).where(scope_filter(session)))
    cases = _rows(session, CltsCase, in_area, {"child_id": child_uuid, "household_id": {}})
    case_uuid = {
        i: str(u) for i, u in session.execute(select(CltsCase.id, CltsCase.uuid).where(in_area))
    }
    ids = list(case_uuid)

    def related(model: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            out += _rows(session, model, model.case_id.in_(chunk), {"case_id": case_uuid})
        return out

    wanted = {c["child_uuid"] for c in cases}
    return Records(
        children={u: {"gender": g, "dob": d} for u, g, d in kids.values() if u in wanted},
        cases=cases,
        lines=related(CltsCompensation),
        entitlements=related(CltsEntitlement),
        visits=related(CltsFollowUp),
    )
