"""The district office's dashboard: the CCI dashboard's figures over the children the
district's CCIs sent in their bundles, for each CCI and for the district in total.

The figures are counted by central's own report code (`central.reports.counts`) over the
district view, inside the office's district only (`Area`), and handed over as the CCI
dashboard's `Dashboard` so the desktop draws them with the same charts. The total is
counted by its own queries over the whole district, not summed from the CCIs, so that a
test can hold the two against each other. The Excel file holds central's tables of the
chosen CCI (or of the district: with the table of its CCIs), as central's page would.
No Qt here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from central.models import Enrolment
from central.reports.area import Area
from central.reports.counts import Breakdown, FlagRows, area_report, breakdown, flag_rows
from central.reports.tables import report_tables, to_xlsx
from desktop.services.cases.dashboard import Dashboard


@dataclass(frozen=True)
class DistrictDashboard:
    """The district's figures: in total and for each of its CCIs (by name)."""

    as_of: date
    ccis: list[tuple[str, str]]  # (uuid, name), by name
    total: Dashboard
    by_cci: dict[str, Dashboard]

    def of(self, institution: str | None) -> Dashboard:
        """One CCI's figures (None: the district's total)."""
        return self.total if institution is None else self.by_cci[institution]


def _dashboard(b: Breakdown, flags: FlagRows, as_of: date) -> Dashboard:
    by_rule: Counter[str] = Counter()
    late: Counter[str] = Counter()
    escalated = 0
    for _key, rule, level, is_late, n in flags:
        by_rule[rule] += n
        late[rule] += n if is_late else 0
        escalated += n if level >= 1 else 0
    return Dashboard(
        as_of=as_of,
        total=b.total,
        in_care=b.in_care,
        by_status=dict(b.by_status),
        by_category=dict(b.by_category),
        by_gender=dict(b.by_gender),
        by_age_band=dict(b.by_age),
        by_stay_band=dict(b.by_stay),
        open_flags=sum(by_rule.values()),
        flags_by_rule=dict(sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
        overdue_by_rule={k: n for k, n in late.items() if n},
        escalated=escalated,
    )


def district_dashboard(
    view: Engine, *, state: int | None, district: int, as_of: date
) -> DistrictDashboard:
    """The dashboard of the district and of each of its CCIs, from the district view."""
    area = Area(state, district)
    enr = Enrolment.__table__
    with Session(view) as s:
        ccis = [
            (str(u), str(n))
            for u, n in s.execute(
                select(enr.c.uuid, enr.c.name).where(area.where(enr)).order_by(enr.c.name)
            )
        ]
        flags = flag_rows(s, area, as_of=as_of)  # by CCI (a district's area)
        per: dict[str, FlagRows] = defaultdict(list)
        for row in flags:
            per[str(row[0])].append(row)
        total = _dashboard(breakdown(s, area, as_of=as_of), flags, as_of)
        by_cci = {
            uuid: _dashboard(
                breakdown(s, Area(state, district, uuid), as_of=as_of), per.get(uuid, []), as_of
            )
            for uuid, _name in ccis
        }
    return DistrictDashboard(as_of, ccis, total, by_cci)


def dashboard_workbook(
    view: Engine,
    *,
    state: int | None,
    district: int,
    institution: str | None,
    as_of: date,
    lang: str = "en",
    heading: str = "",
) -> bytes:
    """Every table of the chosen CCI's dashboard (None: the district's, with its CCIs'
    table) as one Excel workbook: central's tables, counted by central's code."""
    area = Area(state, district, institution)
    with Session(view) as s:
        report = area_report(s, area, as_of=as_of)
    return to_xlsx(report_tables(report, lang=lang), heading=heading)
