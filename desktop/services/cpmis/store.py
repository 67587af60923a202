"""Quarterly values per area in this install (`cpmis_value`, `cpmis_area`): write and read.

Written by consolidation, by a CCI's own quarter, by DevInfo import and by the demo; read
by factsheets and the DevInfo export. One row per (catalogue, indicator, subgroup, area,
quarter): writing an area's quarter again replaces its rows in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from desktop.models import CpmisArea, CpmisValue, utcnow
from reporting.cpmis.areas import Area
from reporting.cpmis.catalogue import Catalogue
from reporting.cpmis.derive import Cell, Table


@dataclass(frozen=True)
class StoredValue:
    """One stored figure, as read back."""

    indicator_id: str
    subgroup_id: str
    area_id: str
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    origin: str
    source: str
    footnote: str | None


def save_area(session: Session, area: Area) -> None:
    """Record an area (and keep its newest name)."""
    row = session.get(CpmisArea, area.id)
    if row is None:
        session.add(
            CpmisArea(
                area_id=area.id,
                name=area.name,
                name_local=area.name_local,
                level=area.level,
                parent_id=area.parent,
            )
        )
    else:
        row.name, row.level, row.parent_id = area.name, area.level, area.parent
        if area.name_local:
            row.name_local = area.name_local
    session.flush()


def known_areas(session: Session) -> dict[str, Area]:
    """Every area this install keeps values for."""
    return {
        a.area_id: Area(a.area_id, a.name, a.level, a.parent_id, a.name_local)
        for a in session.scalars(select(CpmisArea))
    }


def save_table(
    session: Session,
    cat: Catalogue,
    *,
    area: Area,
    period: str,
    table: Table,
    origin: str,
    source: str | None = None,
    footnote: str | None = None,
) -> int:
    """Replace the stored values of an area's quarter with this table; returns rows written."""
    save_area(session, area)
    session.execute(
        delete(CpmisValue).where(
            CpmisValue.area_id == area.id,
            CpmisValue.period == period,
            CpmisValue.catalogue_id == cat.id,
        )
    )
    # Numerator and denominator are kept for percents and ratios (what DevInfo keeps too).
    keep = {k for k, i in cat.indicators.items() if i.unit in ("percent", "ratio")}
    src, note = source or cat.devinfo_source, footnote or None
    rows = [
        (
            cat.id,
            ind,
            sg,
            area.id,
            period,
            c.value,
            c.num if ind in keep else None,
            c.den if ind in keep else None,
            origin,
            src,
            note,
        )
        for ind, row in table.items()
        if ind in cat.indicators
        for sg, c in row.items()
    ]
    _insert(session, rows)
    return len(rows)


_INSERT = (
    "INSERT INTO cpmis_value (catalogue_id, indicator_id, subgroup_id, area_id, period, value, "
    "numerator, denominator, origin, source, footnote, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _insert(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """Many rows at once through the driver (a state's quarter is tens of thousands)."""
    if not rows:
        return
    # The text SQLAlchemy stores a DateTime as on SQLite.
    now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
    dbapi = session.connection().connection.driver_connection
    assert dbapi is not None
    dbapi.executemany(_INSERT, [(*r, now) for r in rows])


def upsert_values(session: Session, cat: Catalogue, values: Iterable[StoredValue]) -> int:
    """Write single values (an import), replacing the same (indicator, subgroup, area, period)."""
    vals = list(values)
    if not vals:
        return 0
    keys = [(v.indicator_id, v.subgroup_id, v.area_id, v.period) for v in vals]
    for i in range(0, len(keys), 400):
        session.execute(
            delete(CpmisValue).where(
                CpmisValue.catalogue_id == cat.id,
                tuple_(
                    CpmisValue.indicator_id,
                    CpmisValue.subgroup_id,
                    CpmisValue.area_id,
                    CpmisValue.period,
                ).in_(keys[i : i + 400]),
            )
        )
    _insert(
        session,
        [
            (
                cat.id,
                v.indicator_id,
                v.subgroup_id,
                v.area_id,
                v.period,
                v.value,
                v.numerator,
                v.denominator,
                v.origin,
                v.source,
                v.footnote,
            )
            for v in vals
        ],
    )
    return len(vals)


def read_values(
    session: Session,
    cat: Catalogue,
    *,
    periods: Iterable[str] | None = None,
    area_ids: Iterable[str] | None = None,
    indicator_ids: Iterable[str] | None = None,
) -> list[StoredValue]:
    """Stored values, filtered; ordered by indicator, period, area, subgroup."""
    v = CpmisValue
    q = select(
        v.indicator_id,
        v.subgroup_id,
        v.area_id,
        v.period,
        v.value,
        v.numerator,
        v.denominator,
        v.origin,
        v.source,
        v.footnote,
    ).where(CpmisValue.catalogue_id == cat.id)
    if periods is not None:
        q = q.where(CpmisValue.period.in_(list(periods)))
    if area_ids is not None:
        q = q.where(CpmisValue.area_id.in_(list(area_ids)))
    if indicator_ids is not None:
        q = q.where(CpmisValue.indicator_id.in_(list(indicator_ids)))
    q = q.order_by(
        CpmisValue.indicator_id, CpmisValue.period, CpmisValue.area_id, CpmisValue.subgroup_id
    )
    return [
        StoredValue(
            str(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4], r[5], r[6], str(r[7]), str(r[8]), r[9]
        )
        for r in session.execute(q)
    ]


def read_table(session: Session, cat: Catalogue, *, area_id: str, period: str) -> Table:
    """An area's stored quarter as a table."""
    out: Table = {}
    for v in read_values(session, cat, periods=[period], area_ids=[area_id]):
        out.setdefault(v.indicator_id, {})[v.subgroup_id] = Cell(
            v.value, v.numerator, v.denominator
        )
    return out


def stored_periods(session: Session, cat: Catalogue, *, area_id: str | None = None) -> list[str]:
    """The quarters with values (for an area), oldest first."""
    q = select(CpmisValue.period).where(CpmisValue.catalogue_id == cat.id).distinct()
    if area_id is not None:
        q = q.where(CpmisValue.area_id == area_id)
    return sorted(session.scalars(q))
