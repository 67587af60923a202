"""The quarterly CLTS report at central: the state's or one district's rescued children,
from the records the CCIs (and district offices) sent, computed by the same code as at a
CCI and a district office (`reporting.clts`), as plain tables for the web page and its
Excel and CSV files.

Every query takes the `Area` the official may read: only records owned by institutions
enrolled in that area are read, whatever the URL asks for.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.models import Enrolment, MergedRecord, ReceivedBundle
from central.reports.area import Area
from central.reports.catalogue import HERE
from central.reports.tables import Table
from reporting.clts import Quarter, QuarterReport, Records, ReportWords, quarterly_report
from reporting.clts import report_tables as shared_tables

TYPES = ("child", "clts_case", "clts_compensation", "clts_entitlement", "clts_follow_up")

# The report's tables (reporting.clts.report_tables keys) and columns, in English (central's
# Hindi for them is in central/web/i18n/hi.toml, the same words as the desktop's PDF).
TITLES = {
    "by_industry": "Children rescued by industry",
    "by_age": "Children rescued by age and gender",
    "by_origin": "Children rescued by origin",
    "comp_title": "Compensation ordered and paid in the quarter",
    "coverage": "Entitlement coverage at the quarter's end",
}
COLUMNS = {
    "by_industry": ["Found working in", "Children"],
    "by_age": ["Age", "Girls", "Boys", "Transgender", "Total"],
    "by_origin": ["Home district or state", "Children"],
    "comp_title": ["Line", "Ordered", "Ordered (Rs)", "Paid", "Paid (Rs)", "Outstanding (Rs)"],
    "coverage": ["Department", "Received", "Eligible", "Coverage"],
}


@cache
def clts_words() -> ReportWords:
    """The CLTS policy's words (central/reports/clts_words.toml, a generated copy)."""
    raw = tomllib.loads((HERE / "clts_words.toml").read_text(encoding="utf-8"))
    return ReportWords.from_plain(raw)


def _owners(area: Area) -> Any:
    """The institutions whose records the area holds (by their enrolment's codes)."""
    return select(Enrolment.uuid).where(area.where(Enrolment.__table__))


def clts_records(session: Session, area: Area, *, source: str = "state") -> Records:
    """Every CLTS record (and the rescued children's gender and birth date) in the area
    (central's database, or a district office's view: the same tables)."""
    owner = func.coalesce(MergedRecord.owner_uuid, MergedRecord.institution_uuid)
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in TYPES}
    rows = session.execute(
        select(MergedRecord.record_uuid, MergedRecord.type, MergedRecord.data).where(
            MergedRecord.type.in_(TYPES[1:]),
            MergedRecord.deleted.is_(False),
            owner.in_(_owners(area)),
        )
    )
    for uuid, type_, data in rows:
        if data:
            by_type[type_].append({**data, "uuid": uuid})
    wanted = sorted({str(c.get("child_uuid")) for c in by_type["clts_case"]})
    children: dict[str, dict[str, Any]] = {}
    for i in range(0, len(wanted), 500):
        for uuid, data in session.execute(
            select(MergedRecord.record_uuid, MergedRecord.data).where(
                MergedRecord.type == "child",
                MergedRecord.record_uuid.in_(wanted[i : i + 500]),
                MergedRecord.deleted.is_(False),
                owner.in_(_owners(area)),
            )
        ):
            if data:
                children[uuid] = {"gender": data.get("gender"), "dob": data.get("dob")}
    newest = session.execute(
        select(func.max(ReceivedBundle.received_at)).where(
            ReceivedBundle.institution_uuid.in_(_owners(area))
        )
    ).scalar()
    return Records(
        children=children,
        cases=by_type["clts_case"],
        lines=by_type["clts_compensation"],
        entitlements=by_type["clts_entitlement"],
        visits=by_type["clts_follow_up"],
        source=source,
        received_by=newest.strftime("%d-%m-%Y %H:%M") if newest else None,
    )


def clts_report(session: Session, area: Area, quarter: Quarter, *, name: str) -> QuarterReport:
    """The quarter's report for the area (`name`: how the report names the area)."""
    return quarterly_report(clts_records(session, area), quarter, policy=clts_words(), area=name)


def summary_table(rep: QuarterReport) -> Table:
    """The report's headline figures as one table."""
    rows: list[list[Any]] = [
        ["Children rescued in the quarter", rep.rescued],
        ["Rescued from hazardous work", rep.hazardous],
        ["Rescued from bonded labour", rep.bonded],
        ["Trafficked", rep.trafficked],
        ["Home in another state", rep.interstate],
        ["Open cases at the quarter's end", rep.open_cases],
        ["Children in school", rep.in_school],
        ["Children whose schooling is recorded", rep.school_known],
        ["Children found working again", rep.working_again],
        ["Follow-up visits made", rep.visits_done],
        ["Follow-up visits past due", rep.visits_missed],
    ]
    return Table("summary", "The quarter in figures", ["Figure", "Children"], rows)


def report_tables(rep: QuarterReport, *, lang: str) -> list[Table]:
    """Every table of the report (the page shows and the files hold these)."""
    out = [summary_table(rep)]
    for key, _header, rows in shared_tables(rep, clts_words(), lang):
        cols = COLUMNS[key]
        numeric = frozenset(i for i in range(1, len(cols)) if not (key == "coverage" and i == 3))
        t = Table(key, TITLES[key], cols, [list(r) for r in rows], numeric=numeric)
        out.append(t.with_total() if key in ("by_industry", "by_origin", "by_age") else t)
    return out
