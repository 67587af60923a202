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

from sqlalchemy import Engine, create_engine, func, make_url, select
from sqlalchemy.orm import Session

from central.models import Enrolment
from central.reports.area import Area
from central.reports.clts import clts_records as area_records
from desktop.services.clts.report import Records


def clts_records(view: Engine, *, district: int | None = None, source: str = "district") -> Records:
    """Every CCI's CLTS records in the district view (or central's database), as plain
    dicts; `district` keeps those owned by the CCIs enrolled in that district (the same
    query as central's page, `central.reports.clts.clts_records`)."""
    with Session(view) as s:
        return area_records(s, Area(district=district), source=source)


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
