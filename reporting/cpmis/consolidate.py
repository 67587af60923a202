"""Consolidation: bodies -> district -> state, as a pure function over rows of values.

Counts add up. Per-body figures (a norm met, a shortfall) are worked out for each body and
then added (a district's figure is how many of its bodies meet the norm). Percents and
ratios are worked out again at every level from that level's summed numerators and
denominators, never averaged. No database here: the district office calls this with the
returns it received, and central (issue 14/17) can call it with every district's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from reporting.cpmis.areas import Area
from reporting.cpmis.catalogue import Catalogue
from reporting.cpmis.derive import Figures, Table, add_worked_out, body_table, summable
from reporting.cpmis.quarter import MonthReturn, quarter_figures

ACCEPTED = ("accepted", "consolidated")  # the states of a return that count above the body


@dataclass(frozen=True)
class BodyFigures:
    """One body's base and reporting figures for the quarter, and where it sits."""

    area: Area  # the body's own area (its parent is its district)
    body: str  # cci | cwc | jjb
    cci_type: str | None
    figures: Figures
    footnote: str = ""


@dataclass(frozen=True)
class AreaTable:
    """The whole table of one area (body, district or state) for the quarter."""

    area: Area
    table: Table
    bodies: int  # how many bodies went into it
    footnote: str = ""


def cci_quarter(
    cat: Catalogue,
    area: Area,
    *,
    cci_type: str | None,
    quarter: str,
    months: list[MonthReturn],
) -> BodyFigures:
    """A CCI's quarter from the return that counts for each month (accepted ones count),
    as it goes into the district's and the state's consolidation: registered 1, and a
    footnote naming the months without an accepted return. The district office and
    central both make each CCI's quarter this way."""
    q = quarter_figures(
        cat, body="cci", cci_type=cci_type, quarter=quarter, returns=months, counted=ACCEPTED
    )
    figs = dict(q.figures)
    figs["cci.rep.registered"] = {"total": 1.0}
    note = (
        f"months without an accepted return: {', '.join(q.months_missing)}" if q.provisional else ""
    )
    return BodyFigures(area, "cci", cci_type, figs, note)


def body_quarter(
    cat: Catalogue, area: Area, *, body_type: str, quarter: str, months: list[MonthReturn]
) -> BodyFigures:
    """A CWC's or JJB's quarter from the return that counts for each month (accepted ones
    count), with a footnote naming the months without one; the district office and central
    both make it this way."""
    q = quarter_figures(
        cat, body=body_type, cci_type=None, quarter=quarter, returns=months, counted=ACCEPTED
    )
    note = (
        f"months without an accepted return: {', '.join(q.months_missing)}" if q.provisional else ""
    )
    return BodyFigures(area, body_type, None, dict(q.figures), note)


def _add(into: Figures, figs: Figures) -> None:
    for ind, row in figs.items():
        target = into.setdefault(ind, {})
        for sg, v in row.items():
            target[sg] = target.get(sg, 0.0) + float(v)


def consolidate(
    cat: Catalogue,
    bodies: Iterable[BodyFigures],
    *,
    areas: dict[str, Area],
    months: int = 3,
) -> dict[str, AreaTable]:
    """Tables of every body and of every area above them (by `areas`, id -> Area, which must
    hold each body's parent district and that district's state)."""
    out: dict[str, AreaTable] = {}
    sums: dict[str, Figures] = {}
    counts: dict[str, int] = {}
    notes: dict[str, list[str]] = {}
    for b in bodies:
        t = body_table(cat, b.figures, body=b.body, cci_type=b.cci_type, months=months)
        if b.area.id in out:  # one area reporting as several kinds of body (e.g. CWC, JJB)
            had = out[b.area.id]
            note = "; ".join(x for x in (had.footnote, b.footnote) if x)
            out[b.area.id] = AreaTable(b.area, {**had.table, **t}, had.bodies + 1, note)
        else:
            out[b.area.id] = AreaTable(b.area, t, 1, b.footnote)
        parent = b.area.parent
        while parent is not None:
            _add(sums.setdefault(parent, {}), summable(cat, t))
            counts[parent] = counts.get(parent, 0) + 1
            if b.footnote:
                notes.setdefault(parent, []).append(f"{b.area.name}: {b.footnote}")
            up = areas.get(parent)
            if up is None:
                raise KeyError(f"area {parent} (above {b.area.id}) is not in the area list")
            parent = up.parent
    for area_id, figs in sums.items():
        table: Table = {}
        for body in ("cci", "cwc", "jjb"):
            part = {k: v for k, v in figs.items() if cat.indicators[k].body == body}
            if part:
                table.update(
                    add_worked_out(
                        cat, part, body=body, cci_type=None, months=months, kinds=("derived",)
                    )
                )
        out[area_id] = AreaTable(
            areas[area_id], table, counts[area_id], "; ".join(notes.get(area_id, []))
        )
    return out


def table_digest(table: Table) -> str:
    """SHA-256 of a table's values (what a consolidation record keeps)."""
    rows = sorted(
        (k, sg, c.value, c.num, c.den) for k, row in table.items() for sg, c in row.items()
    )
    return hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()
