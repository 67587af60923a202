"""A body's quarterly report from its monthly returns, and what a factsheet shows.

The quarter of one body (this install's CCI, or the district office's CWC/JJB) is made from
the versions that count for each month (submitted, accepted, consolidated) and kept as the
body's values for the quarter, so that its factsheet has trends over past quarters.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.bodies import BodyRef
from desktop.services.cpmis.store import known_areas, read_values, save_table
from reporting.cpmis.areas import Area, area_from_id, district_area, state_area
from reporting.cpmis.catalogue import Catalogue
from reporting.cpmis.consolidate import BodyFigures, consolidate
from reporting.cpmis.derive import Table
from reporting.cpmis.periods import previous_quarter, quarter_months, quarters_back
from reporting.cpmis.quarter import BodyQuarter, quarter_figures


def body_quarter(
    session: Session, cat: Catalogue, body: BodyRef, quarter: str
) -> tuple[Table, BodyQuarter]:
    """A body's whole table for the quarter (worked-out indicators included) and its basis."""
    months = quarter_months(quarter)
    returns = rt.month_returns(session, body_code=body.code, months=months)
    q = quarter_figures(
        cat, body=body.body_type, cci_type=body.cci_type, quarter=quarter, returns=returns
    )
    figs = dict(q.figures)
    if body.body_type == "cci":
        figs.setdefault("cci.rep.registered", {"total": 1.0})
    areas = {a.id: a for a in (district_area(body.state, body.district), state_area(body.state))}
    out = consolidate(
        cat, [BodyFigures(body.area, body.body_type, body.cci_type, figs)], areas=areas
    )
    return out[body.area.id].table, q


def save_body_quarter(session: Session, cat: Catalogue, body: BodyRef, quarter: str) -> Table:
    """Keep a body's quarter among the stored values (for its factsheet and DevInfo)."""
    table, q = body_quarter(session, cat, body, quarter)
    note = f"months without a return: {', '.join(q.months_missing)}" if q.provisional else None
    save_table(
        session, cat, area=body.area, period=quarter, table=table, origin="quarter", footnote=note
    )
    return table


@dataclass(frozen=True)
class KeyFigure:
    """One key indicator of a factsheet: this quarter, the one before, and how it was made."""

    indicator_id: str
    name: str
    unit: str
    decimals: int
    value: float | None
    num: float | None
    den: float | None
    previous: float | None
    high_is_good: bool | None
    counted: bool  # from case records (True) or typed in returns


@dataclass(frozen=True)
class Trend:
    """An indicator's total over the last quarters (None where there is no figure)."""

    indicator_id: str
    name: str
    unit: str
    decimals: int
    points: list[tuple[str, float | None]]


@dataclass(frozen=True)
class Comparison:
    """One indicator for every area of a level, with this area marked."""

    indicator_id: str
    name: str
    unit: str
    decimals: int
    bars: list[tuple[str, str, float]]  # area id, name, value
    highlight: str | None
    level: str  # district | institution


@dataclass(frozen=True)
class FactsheetData:
    """Everything a quarterly factsheet prints (plain data; the PDF is in documents/)."""

    area: Area
    quarter: str
    lang: str
    catalogue: str
    keys: list[KeyFigure]
    trends: list[Trend]
    comparison: Comparison | None
    by_sex: dict[str, float]
    footnotes: list[str]
    source: str


def _is_counted(cat: Catalogue, ind_id: str, seen: set[str] | None = None) -> bool:
    ind = cat.indicators[ind_id]
    if ind.kind == "case":
        return True
    if ind.kind == "entered":
        return False
    seen = seen or set()
    inputs = [*ind.numerator, *ind.denominator, *ind.params.get("ids", [])]
    return bool(inputs) and all(x in seen or _is_counted(cat, x, seen | {ind_id}) for x in inputs)


def factsheet_data(
    session: Session,
    cat: Catalogue,
    *,
    area_id: str,
    quarter: str,
    lang: str = "en",
    quarters: int = 8,
) -> FactsheetData:
    """What the factsheet of an area for a quarter shows, from the stored values."""
    areas = known_areas(session)
    area = areas.get(area_id) or area_from_id(area_id)
    span = quarters_back(quarter, quarters)
    prev = previous_quarter(quarter)
    vals = read_values(session, cat, periods=span, area_ids=[area_id])
    total: dict[tuple[str, str], float | None] = {}
    cells: dict[str, tuple[float | None, float | None, float | None]] = {}
    by_sex: dict[str, float] = {}
    footnotes: list[str] = []
    for v in vals:
        if v.subgroup_id == "total":
            total[(v.indicator_id, v.period)] = v.value
            if v.period == quarter:
                cells[v.indicator_id] = (v.value, v.numerator, v.denominator)
        if (
            v.period == quarter
            and v.indicator_id == "cci.stock.end"
            and v.subgroup_id in ("boys", "girls", "transgender")
            and v.value is not None
        ):
            by_sex[v.subgroup_id] = v.value
        if v.period == quarter and v.footnote and v.footnote not in footnotes:
            footnotes.append(v.footnote)
    keys = []
    for ind in cat.indicators.values():
        if not ind.key or ind.id not in cells:
            continue
        value, num, den = cells[ind.id]
        if value is None and total.get((ind.id, prev)) is None:
            continue  # nothing to say (e.g. a percent of nothing due, in both quarters)
        keys.append(
            KeyFigure(
                ind.id,
                ind.name(lang),
                ind.unit,
                ind.decimals,
                value,
                num,
                den,
                total.get((ind.id, prev)),
                ind.high_is_good,
                _is_counted(cat, ind.id),
            )
        )
    trends = []
    for k in keys:
        pts = [(p, total.get((k.indicator_id, p))) for p in span]
        if sum(1 for _, v in pts if v is not None) >= 2:
            trends.append(Trend(k.indicator_id, k.name, k.unit, k.decimals, pts))
        if len(trends) == 4:
            break
    return FactsheetData(
        area=area,
        quarter=quarter,
        lang=lang,
        catalogue=cat.label,
        keys=keys,
        trends=trends,
        comparison=_comparison(session, cat, area, areas, quarter, keys, lang),
        by_sex=by_sex,
        footnotes=footnotes,
        source="; ".join(sorted({v.source for v in vals if v.period == quarter}))
        or cat.devinfo_source,
    )


def _comparison(
    session: Session,
    cat: Catalogue,
    area: Area,
    areas: dict[str, Area],
    quarter: str,
    keys: list[KeyFigure],
    lang: str,
) -> Comparison | None:
    """The areas to compare with: the institutions of the district for an institution (if
    there are others), else the state's districts, with this area (or its district) marked."""
    if area.level in ("institution", "body"):
        peers = [a for a in areas.values() if a.parent == area.parent and a.level == area.level]
        level, mark = "institution", area.id
        if len(peers) < 2:
            district = areas.get(area.parent or "") or area_from_id(area.parent or area.id)
            peers = [
                a for a in areas.values() if a.level == "district" and a.parent == district.parent
            ]
            level, mark = "district", district.id
    elif area.level == "district":
        peers = [a for a in areas.values() if a.level == "district" and a.parent == area.parent]
        level, mark = "district", area.id
    else:
        peers = [a for a in areas.values() if a.level == "district" and a.parent == area.id]
        level, mark = "district", None
    if len(peers) < 2:
        return None
    names = {a.id: a.label(lang) for a in peers}
    wanted = [*cat.factsheet_compare, *(k.indicator_id for k in keys)]
    for ind_id in dict.fromkeys(wanted):
        vals = read_values(
            session, cat, periods=[quarter], area_ids=list(names), indicator_ids=[ind_id]
        )
        bars = [
            (v.area_id, names[v.area_id], v.value)
            for v in vals
            if v.subgroup_id == "total" and v.value is not None
        ]
        if len(bars) >= 2:
            ind = cat.indicators[ind_id]
            bars.sort(key=lambda b: (-b[2], b[1]))
            return Comparison(
                ind_id,
                ind.name(lang),
                ind.unit,
                ind.decimals,
                [(a, n, float(v)) for a, n, v in bars],
                mark,
                level,
            )
    return None
