"""Writing a DevInfo 7 Data Entry Spreadsheet (DES) from plain values: the layout, shared
by the desktop (`desktop.services.cpmis.devinfo.export_des`, from its stored values) and
central (its consolidated quarter). The layout and why: `desktop/services/cpmis/devinfo.py`
and docs/cpmis.md ("DevInfo Data Entry Spreadsheets").
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reporting.cpmis.areas import area_from_id
from reporting.cpmis.catalogue import Catalogue, Indicator

if TYPE_CHECKING:  # openpyxl is loaded when a spreadsheet is written, not by a server's start
    from openpyxl.cell import WriteOnlyCell

Progress = Callable[[int, int], None]
MAX_ROWS = 65_500  # rows of data per sheet, as DevInfo splits them
HEADERS = (
    "Time",
    "Area ID",
    "Area Name",
    "Data Value",
    "Subgroup",
    "Source",
    "Footnotes",
    "Denominator",
)
TITLE = "DevInfo Data Entry Spreadsheet"


class ValueLike(Protocol):
    """One figure to write (a stored value, or a value consolidated just now)."""

    @property
    def indicator_id(self) -> str: ...
    @property
    def subgroup_id(self) -> str: ...
    @property
    def area_id(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def denominator(self) -> float | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def footnote(self) -> str | None: ...


@dataclass(frozen=True)
class DesValue:
    """A plain figure for the spreadsheet."""

    indicator_id: str
    subgroup_id: str
    area_id: str
    period: str
    value: float | None
    denominator: float | None = None
    source: str | None = None
    footnote: str | None = None


def value_text(v: float) -> str:
    """A value as DES text: whole numbers without a decimal point, others exactly."""
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e15 else repr(float(v))


def _header_rows(ws: Any, ind: Indicator, cat: Catalogue, lang: str) -> list[list[Any]]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)

    def b(text: str) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=text)
        c.font = bold
        return c

    unit = cat.units[ind.unit]
    gap: list[Any] = [None] * 9
    return [
        [b(TITLE)],
        [],
        [b("Sector"), ind.sector(lang)],
        [b("Class"), ind.klass(lang)],
        [b("Indicator"), ind.name(lang), *gap, ind.gid],
        [],
        [
            b("Unit"),
            unit.name(lang),
            None,
            None,
            None,
            None,
            b("Decimals"),
            ind.decimals,
            None,
            None,
            None,
            unit.gid,
        ],
        [],
        [b(h) for h in HEADERS],
        [],
    ]


def write_des(
    cat: Catalogue,
    values: Iterable[ValueLike],
    *,
    out: Path | io.BytesIO,
    names: dict[str, str] | None = None,
    lang: str = "en",
    progress: Progress | None = None,
) -> tuple[int, int]:
    """Write the values as a DES workbook (one sheet per indicator, "Data 1", "Data 2"...)
    to a file or a buffer; returns (sheets, rows). `names`: area id -> name (LGD names
    otherwise)."""
    by_ind: dict[str, list[ValueLike]] = {}
    for v in values:
        if v.value is not None and v.indicator_id in cat.indicators:
            by_ind.setdefault(v.indicator_id, []).append(v)
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    order = [k for k in cat.indicators if k in by_ind]
    names = dict(names or {})
    sgs: dict[str, tuple[str, str | None]] = {
        s.id: (s.name(lang), s.gid) for s in cat.subgroups.values()
    }
    default_source = cat.devinfo_source
    sheets = rows = 0
    for n, ind_id in enumerate(order, start=1):
        ind = cat.indicators[ind_id]
        vals = by_ind[ind_id]
        for k in range(0, len(vals), MAX_ROWS):
            name = f"Data {n}" if len(vals) <= MAX_ROWS else f"Data {n}_{k // MAX_ROWS + 1}"
            ws = wb.create_sheet(title=name)
            ws.column_dimensions["B"].width = 14
            ws.column_dimensions["C"].width = 30
            ws.column_dimensions["E"].width = 24
            for row in _header_rows(ws, ind, cat, lang):
                ws.append(row)
            pct = ind.unit in ("percent", "ratio")
            append = ws.append
            for v in vals[k : k + MAX_ROWS]:
                area_name = names.get(v.area_id)
                if area_name is None:
                    area_name = names[v.area_id] = area_from_id(v.area_id).label(lang)
                sg_name, sg_gid = sgs.get(v.subgroup_id, (v.subgroup_id, None))
                append(
                    (
                        v.period,
                        v.area_id,
                        area_name,
                        value_text(float(v.value or 0)),
                        sg_name,
                        v.source or default_source,
                        v.footnote,
                        v.denominator if pct else None,
                        None,
                        None,
                        None,
                        sg_gid,
                    )
                )
                rows += 1
            sheets += 1
        if progress:
            progress(n, len(order))
    if not sheets:
        ws = wb.create_sheet(title="Data 1")
        ws.append([TITLE])
    wb.save(out)
    return sheets, rows


def des_workbook(
    cat: Catalogue,
    values: Iterable[ValueLike],
    *,
    names: dict[str, str] | None = None,
    lang: str = "en",
) -> bytes:
    """The DES workbook as bytes (for a download)."""
    buf = io.BytesIO()
    write_des(cat, values, out=buf, names=names, lang=lang)
    return buf.getvalue()
