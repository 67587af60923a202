"""The quarterly CLTS report on the officials' pages:

    GET  /clts?quarter=2026-Q3              the official's area: a state official's state
                                            (every district), a district official's district
    GET  /clts?quarter=2026-Q3&district=212 a state official: one district (a district
                                            official asking for another: "not in your area")

Counts and rupees only (no child is named), so counts-only roles read it too. The tables
download as Excel or CSV (`?download=<table>|all&format=xlsx|csv`, logged like every
download). No PDF here: central installs no reportlab (the CCI's and district office's
`clms clts report` print it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from central.officials import LiveSession, Scope
from central.reports.area import Area, OutOfArea
from central.reports.catalogue import catalogue
from central.reports.clts import clts_report, report_tables
from central.reports.tables import Table
from central.web.cache import ReportCache
from central.web.render import Words
from central.web.service import _stamp, today
from reporting.clts import Quarter, QuarterReport
from reporting.cpmis.periods import quarter_name

if TYPE_CHECKING:
    from central.web.pages import Pages

QUARTERS_SHOWN = 8  # the quarters offered in the chooser, newest first
# This worker's reports, counted again when new data reaches the area (central.web.cache).
REPORTS: ReportCache[QuarterReport] = ReportCache()


@dataclass(frozen=True)
class CltsPage:
    """What the page shows: where, which quarter, the report and its tables."""

    area: Area
    title: str
    quarter: Quarter
    report: QuarterReport
    tables: list[Table]
    quarters: list[tuple[str, str]]  # (value, name in the reader's language), newest first


def recent_quarters(day: date, n: int = QUARTERS_SHOWN) -> list[Quarter]:
    """This quarter and the n-1 before it, newest first."""
    q = Quarter.of(day)
    out = []
    for _ in range(n):
        out.append(q)
        q = Quarter(q.year - 1, 4) if q.number == 1 else Quarter(q.year, q.number - 1)
    return out


def area_of(scope: Scope, district: int | None) -> Area:
    """The area asked for, inside the official's own (OutOfArea otherwise)."""
    return scope.area if district is None else scope.area.district_area(district)


def clts_page(
    engine: Engine, scope: Scope, *, quarter: Quarter, district: int | None, lang: str
) -> CltsPage:
    """The report of one quarter for the official's area or a district of it."""
    area = area_of(scope, district)
    cat = catalogue()
    if area.district is not None:
        title = cat.district_name(area.district)
    else:
        title = cat.states.get(scope.state, f"State {scope.state}")

    def count() -> QuarterReport:
        with Session(engine) as s:
            return clts_report(s, area, quarter, name=title)

    with Session(engine) as s:
        stamp = _stamp(s, area)
    rep = REPORTS.get((str(engine.url), area, quarter), stamp, count).value
    words = Words(lang)
    tables = report_tables(rep, lang=lang)
    for t in tables:
        if t.key == "summary":  # its rows are named by the page, not by the records
            t.rows = [[words(str(r[0])), *r[1:]] for r in t.rows]
    shown = recent_quarters(today())
    if quarter not in shown:
        shown.insert(0, quarter)
    choices = [(f"{q.year}-Q{q.number}", quarter_name(q.period, lang)) for q in shown]
    return CltsPage(area, title, quarter, rep, tables, choices)


class CltsPages:
    """The CLTS report's route, using the officials' pages' login, rendering and files."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages

    def routes(self) -> list[BaseRoute]:
        """The routes, beside the other pages."""
        return [Route("/clts", self.pages.guard(self.report), methods=["GET"])]

    async def report(self, request: Request, live: LiveSession) -> Response:
        """The quarter's report (or one of its tables as a file)."""
        q = request.query_params
        try:
            quarter = Quarter.parse(q["quarter"]) if q.get("quarter") else Quarter.of(today())
        except ValueError:
            quarter = Quarter.of(today())
        raw = q.get("district", "")
        district = int(raw) if raw.isdigit() else None
        if district is not None and not live.scope.is_state and district != live.scope.district:
            raise OutOfArea("This district is outside your area.")
        lang = self.pages.lang(request)
        got = await run_in_threadpool(
            lambda: clts_page(
                self.pages.engine, live.scope, quarter=quarter, district=district, lang=lang
            )
        )
        stem = f"clts-{got.title}-{quarter.year}-Q{quarter.number}"
        file = await self.pages._download(request, live, got.tables, stem)
        if file is not None:
            return file
        return self.pages._render(request, live, "clts.html", p=got, district=district)
