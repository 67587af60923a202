"""The district office's CLTS records, from the bundles of its CCIs (the district view),
and the state's, from central's own database (`state_clts_records`).

The view keeps each synced record as it was last received (`central.models.MergedRecord`,
type = table name, data = the columns with references as UUIDs), so the quarterly report
(`desktop.services.clts.report`) runs on the district's children exactly as it runs on a
CCI's own tables. Only what the CCIs have sent is there: a case changed at a CCI after
its last bundle is counted as it was then (the report says when the newest bundle came).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, func, make_url, select
from sqlalchemy.orm import Session

from central.models import Enrolment, MergedRecord, ReceivedBundle
from desktop.services.clts.report import Records

TYPES = ("child", "clts_case", "clts_compensation", "clts_entitlement", "clts_follow_up")


def clts_records(view: Engine, *, district: int | None = None, source: str = "district") -> Records:
    """Every CCI's CLTS records in the district view (or central's database), as plain
    dicts; `district` keeps those owned by the CCIs enrolled in that district."""
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in TYPES}
    query = select(MergedRecord.record_uuid, MergedRecord.type, MergedRecord.data).where(
        MergedRecord.type.in_(TYPES), MergedRecord.deleted.is_(False)
    )
    if district is not None:
        owners = select(Enrolment.uuid).where(Enrolment.district_code == district)
        query = query.where(
            func.coalesce(MergedRecord.owner_uuid, MergedRecord.institution_uuid).in_(owners)
        )
    with Session(view) as s:
        for uuid, type_, data in s.execute(query):
            if data:
                by_type[type_].append({**data, "uuid": uuid})
        newest = s.execute(select(func.max(ReceivedBundle.received_at))).scalar()
    wanted = {str(c.get("child_uuid")) for c in by_type["clts_case"]}
    children = {
        str(k["uuid"]): {"gender": k.get("gender"), "dob": k.get("dob")}
        for k in by_type["child"]
        if str(k["uuid"]) in wanted
    }
    return Records(
        children=children,
        cases=by_type["clts_case"],
        lines=by_type["clts_compensation"],
        entitlements=by_type["clts_entitlement"],
        visits=by_type["clts_follow_up"],
        source=source,
        received_by=newest.strftime("%d-%m-%Y %H:%M") if newest else None,
    )


def state_clts_records(url: str, *, district: int | None = None) -> tuple[Records, int | None]:
    """The state's CLTS records from central's database (SQLAlchemy URL: the PostgreSQL
    server or central's SQLite file), read only: every district, or one; with the state's
    code (from the enrolled institutions; None when none is enrolled)."""
    made = make_url(url)
    if made.get_backend_name() == "sqlite" and not (
        made.database and Path(made.database).is_file()
    ):
        raise FileNotFoundError(f"no such database file: {made.database}")
    engine = create_engine(made)
    try:
        with Session(engine) as s:  # a wrong URL or a database that is not central's fails here
            state = s.execute(
                select(Enrolment.state_code)
                .where(Enrolment.state_code.is_not(None))
                .group_by(Enrolment.state_code)
                .order_by(func.count().desc())
            ).scalar()
        return clts_records(engine, district=district, source="state"), state
    finally:
        engine.dispose()
