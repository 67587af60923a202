"""CPMIS quarters on the officials' pages:

    GET  /cpmis?quarter=2026-Q3               the official's area: a state official's state
                                              with its districts, a district official's
                                              district with its CCIs
    GET  /cpmis?quarter=2026-Q3&district=212  a state official: one district (another
                                              district's official: "not in your area")

The key indicators with, for percents, the numerator and denominator they were worked out
from; the districts (or CCIs) side by side; every indicator and the DevInfo Data Entry
Spreadsheet of the same values as files (`?download=key|areas|indicators|all&format=xlsx|csv`,
`?download=des`), each download logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from central.officials import LiveSession, Scope
from central.reports.area import Area, OutOfArea
from central.reports.catalogue import catalogue
from central.reports.cpmis import StateQuarter, cpmis_catalogue, state_quarter
from central.reports.tables import Table
from central.web import service
from central.web.cache import ReportCache
from central.web.render import SECURITY_HEADERS
from central.web.service import _stamp, today
from reporting.cpmis.catalogue import Catalogue, Indicator
from reporting.cpmis.consolidate import AreaTable
from reporting.cpmis.derive import Cell
from reporting.cpmis.des import DesValue, des_workbook
from reporting.cpmis.periods import (
    last_complete_quarter,
    parse_quarter,
    quarter_name,
    quarters_back,
)

if TYPE_CHECKING:
    from central.web.pages import Pages

QUARTERS_SHOWN = 8
# The columns of the districts' (or CCIs') table: a few key figures side by side.
SIDE_BY_SIDE = {  # indicator -> its short column name
    "cci.rep.registered": "CCIs",
    "cci.rep.full_quarter_pct": "Full quarter reported (%)",
    "cci.stock.end": "Children on the last day",
    "cci.adm.total": "Admitted",
    "cci.exit.restored": "Restored to family",
    "cci.tl.sir15.pct": "SIR within 15 days (%)",
    "cci.tl.icp30.pct": "ICP within a month (%)",
}
# This worker's consolidated quarters, made again when new data reaches the area.
QUARTERS: ReportCache[StateQuarter] = ReportCache()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class CpmisPage:
    """What the page shows."""

    area: Area
    title: str
    quarter: str
    quarter_label: str
    data: StateQuarter
    tables: list[Table]  # shown: key indicators, areas side by side
    files: list[Table]  # downloads: the shown tables and every indicator
    quarters: list[tuple[str, str]]  # (value, label) to choose from, newest first
    tiles: list[tuple[str, int]]  # (label, figure) at the top of the page


def _tiles(data: StateQuarter) -> list[tuple[str, int]]:
    def total(ind: str) -> int:
        cell = data.top.table.get(ind, {}).get("total")
        return int(cell.value) if cell is not None and cell.value is not None else 0

    return [
        ("CCIs whose returns went in", len(data.bodies)),
        ("Monthly returns accepted", data.returns_counted),
        ("Children on the last day", total("cci.stock.end")),
        ("Admitted", total("cci.adm.total")),
        ("Restored to family", total("cci.exit.restored")),
    ]


def _value(ind: Indicator, cell: Cell | None) -> Any:
    """A figure as the table shows it: counts whole, percents and ratios rounded."""
    if cell is None or cell.value is None:
        return ""
    v = round(float(cell.value), ind.decimals if ind.unit in ("percent", "ratio") else 2)
    return int(v) if v.is_integer() else v


def _part(v: float | None) -> Any:
    if v is None:
        return ""
    return int(v) if float(v).is_integer() else round(float(v), 2)


def key_table(cat: Catalogue, top: AreaTable, lang: str) -> Table:
    """The key indicators of the area (total subgroup), with numerator and denominator:
    the CCIs', and the CWCs' and JJBs' once their district offices have sent returns."""
    rows = []
    for ind in cat.indicators.values():
        if not ind.key or (ind.body != "cci" and ind.id not in top.table):
            continue
        cell = top.table.get(ind.id, {}).get("total")
        rows.append(
            [
                ind.name(lang),
                _value(ind, cell),
                _part(cell.num) if cell is not None else "",
                _part(cell.den) if cell is not None else "",
            ]
        )
    return Table(
        "key",
        "Key indicators",
        ["Indicator", "Value", "Numerator", "Denominator"],
        rows,
        numeric=frozenset({1, 2, 3}),
        note="Percents are worked out again from the summed numerators and denominators.",
    )


def areas_table(cat: Catalogue, data: StateQuarter, *, by_cci: bool, lang: str) -> Table:
    """The districts (or the CCIs) side by side on a few key figures."""
    inds = [cat.indicators[i] for i in SIDE_BY_SIDE if i in cat.indicators]
    rows, links = [], []
    for t in data.bodies if by_cci else data.districts:
        rows.append(
            [t.area.label(lang), *(_value(i, t.table.get(i.id, {}).get("total")) for i in inds)]
        )
        links.append(None if by_cci else f"/cpmis?quarter={data.quarter}&district={t.area.id[6:]}")
    return Table(
        "ccis" if by_cci else "districts",
        "CCIs of the district" if by_cci else "Districts",
        ["CCI" if by_cci else "District", *(SIDE_BY_SIDE[i.id] for i in inds)],
        rows,
        numeric=frozenset(range(1, len(inds) + 1)),
        links=links,
        note="Each column is the key indicator of the same name above.",
    )


def indicators_table(cat: Catalogue, top: AreaTable, lang: str) -> Table:
    """Every indicator and subgroup of the area (a download)."""
    rows = []
    for ind in cat.indicators.values():
        for sg, cell in top.table.get(ind.id, {}).items():
            if cell.value is None:
                continue
            sub = cat.subgroups.get(sg)
            rows.append(
                [
                    ind.id,
                    ind.name(lang),
                    sub.name(lang) if sub is not None else sg,
                    _value(ind, cell),
                    _part(cell.num),
                    _part(cell.den),
                ]
            )
    return Table(
        "indicators",
        "Every indicator",
        ["Indicator id", "Indicator", "Subgroup", "Value", "Numerator", "Denominator"],
        rows,
        numeric=frozenset({3, 4, 5}),
    )


def des_values(data: StateQuarter) -> list[DesValue]:
    """The values of the page (the area, its districts, its CCIs) for the DevInfo file."""
    out = []
    footnote = "; ".join(data.provisional) or None
    for t in [data.top, *data.districts, *data.bodies]:
        for ind_id, row in t.table.items():
            for sg, cell in row.items():
                if cell.value is None:
                    continue
                out.append(
                    DesValue(
                        indicator_id=ind_id,
                        period=data.quarter,
                        area_id=t.area.id,
                        subgroup_id=sg,
                        value=cell.value,
                        denominator=cell.den,
                        source=None,
                        footnote=t.footnote or (footnote if t is data.top else None),
                    )
                )
    return out


def cpmis_page(
    engine: Engine, scope: Scope, *, quarter: str, district: int | None, lang: str
) -> CpmisPage:
    """The quarter for the official's area, or a district of it."""
    area = scope.area if district is None else scope.area.district_area(district)
    cat = cpmis_catalogue()
    names = catalogue()
    title = (
        names.district_name(area.district)
        if area.district is not None
        else names.states.get(scope.state, f"State {scope.state}")
    )

    def count() -> StateQuarter:
        with Session(engine) as s:
            return state_quarter(s, area, quarter, cat)

    with Session(engine) as s:
        stamp = _stamp(s, area)
    data = QUARTERS.get((str(engine.url), area, quarter), stamp, count).value
    shown = [
        key_table(cat, data.top, lang),
        areas_table(cat, data, by_cci=area.district is not None, lang=lang),
    ]
    back = quarters_back(last_complete_quarter(today()), QUARTERS_SHOWN)
    choices = [(q, quarter_name(q, lang)) for q in reversed(back)]
    if quarter not in back:
        choices.insert(0, (quarter, quarter_name(quarter, lang)))
    return CpmisPage(
        area,
        title,
        quarter,
        quarter_name(quarter, lang),
        data,
        shown,
        [*shown, indicators_table(cat, data.top, lang)],
        choices,
        _tiles(data),
    )


class CpmisPages:
    """The CPMIS quarter's route, with the officials' pages' login, rendering and files."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages

    def routes(self) -> list[BaseRoute]:
        """The routes, beside the other pages."""
        return [Route("/cpmis", self.pages.guard(self.quarter), methods=["GET"])]

    async def quarter(self, request: Request, live: LiveSession) -> Response:
        """The quarter's page, one of its tables as a file, or its DevInfo spreadsheet."""
        q = request.query_params
        try:
            quarter = parse_quarter(q["quarter"]) if q.get("quarter") else None
        except (ValueError, KeyError):
            quarter = None
        quarter = quarter or last_complete_quarter(today())
        raw = q.get("district", "")
        district = int(raw) if raw.isdigit() else None
        if district is not None and not live.scope.is_state and district != live.scope.district:
            raise OutOfArea("This district is outside your area.")
        lang = self.pages.lang(request)
        got = await run_in_threadpool(
            lambda: cpmis_page(
                self.pages.engine, live.scope, quarter=quarter, district=district, lang=lang
            )
        )
        stem = f"cpmis-{got.title}-{quarter}"
        if q.get("download") == "des":
            return await self._des(request, live, got, stem, lang)
        file = await self.pages._download(request, live, got.files, stem)
        if file is not None:
            return file
        return self.pages._render(request, live, "cpmis.html", p=got, district=district)

    async def _des(
        self, request: Request, live: LiveSession, got: CpmisPage, stem: str, lang: str
    ) -> Response:
        values = des_values(got.data)
        await run_in_threadpool(
            service.log_download,
            self.pages.engine,
            live.scope,
            what=f"{request.url.path} des",
            fmt="xlsx",
            rows=len(values),
            client=request.client.host if request.client else None,
        )
        names = {a.id: a.label(lang) for a in got.data.areas.values()}
        body = await run_in_threadpool(
            lambda: des_workbook(cpmis_catalogue(), values, names=names, lang=lang)
        )
        name = quote(stem.replace(" ", "-"))
        headers = {
            **SECURITY_HEADERS,
            "Content-Disposition": f'attachment; filename="{name}-des.xlsx"',
        }
        return Response(body, media_type=XLSX, headers=headers)
