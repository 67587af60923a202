"""DevInfo 7 Data Entry Spreadsheets (DES): export stored values, import them back.

One worksheet per indicator (and its unit), laid out where DevInfo's importer reads it
(`Sdrc.DevInfo/DI7_LibBAL/Import/DAImport/DES/DESCellAddress.cs`): sector B3, class B4,
indicator B5 with its GID in L5, unit B7 with its GID in L7, decimals H7; headers on row 9;
from row 11 one row per value: A time period ("2014.01-2014.03", as text), B area id,
C area name, D data value (as text), E subgroup, F source (never empty: DevInfo drops a row
without one), G footnote, H denominator, L subgroup GID. DevInfo rounds D to H7 decimals
when it imports, so D carries the exact value and a file read back gives identical figures.

Import reads the same layout (from DevInfo, from this program, or a state's analysed Excel
sheets put in it), checks every row, and reports like the other imports: a dry run writes
nothing; a real import writes all rows or none (unless partial).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy.orm import Session

from desktop.services.core.permissions import Permission, require
from desktop.services.cpmis.store import (
    StoredValue,
    known_areas,
    read_values,
    save_area,
    upsert_values,
)
from reporting.cpmis.areas import Area, area_from_id
from reporting.cpmis.catalogue import Catalogue, Indicator
from reporting.cpmis.des import write_des
from reporting.cpmis.periods import parse_quarter

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    sheets: int
    rows: int


def subtree(areas: dict[str, Area], root: str) -> set[str]:
    """An area and every area under it."""
    out = {root}
    changed = True
    while changed:
        changed = False
        for a in areas.values():
            if a.parent in out and a.id not in out:
                out.add(a.id)
                changed = True
    return out


def export_des(
    session: Session,
    cat: Catalogue,
    *,
    path: Path,
    periods: Iterable[str],
    area_id: str | None = None,
    indicator_ids: Iterable[str] | None = None,
    lang: str = "en",
    progress: Progress | None = None,
) -> ExportResult:
    """Write the stored values of these quarters (for an area and everything under it) as a
    DES workbook: one sheet per indicator, "Data 1", "Data 2"..."""
    require(session, Permission.EXPORT)
    areas = known_areas(session)
    ids = subtree(areas, area_id) if area_id else None
    values = read_values(
        session,
        cat,
        periods=[parse_quarter(p) for p in periods],
        area_ids=ids,
        indicator_ids=indicator_ids,
    )
    names = {a.id: a.label(lang) for a in areas.values()}
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    sheets, rows = write_des(cat, values, out=tmp, names=names, lang=lang, progress=progress)
    tmp.replace(path)
    return ExportResult(path, sheets, rows)


# -- import ------------------------------------------------------------------------------


@dataclass
class DesProblem:
    """One thing wrong with one row of one sheet (row 0: the sheet as a whole)."""

    sheet: str
    row: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"sheet {self.sheet!r}" + (f", row {self.row}" if self.row else "")
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


@dataclass
class DesImportReport:
    """What a DES import found and did (the same kind of report as the register import)."""

    sheets: int = 0
    total_rows: int = 0
    valid: int = 0
    imported: int = 0
    dry_run: bool = False
    committed: bool = False
    problems: list[DesProblem] = field(default_factory=list)
    periods: set[str] = field(default_factory=set)

    def summary(self) -> str:
        """A plain report, one line per problem."""
        bad = len({(p.sheet, p.row) for p in self.problems if p.row})
        lines = [
            f"{self.sheets} sheet(s), {self.total_rows} value rows read: {self.valid} valid, "
            f"{bad} with problems."
        ]
        if self.dry_run:
            lines.append(
                f"Dry run: nothing was written; {self.valid} of {self.total_rows} rows passed "
                "every check."
            )
        elif self.committed:
            lines.append(f"Imported {self.imported} values ({', '.join(sorted(self.periods))}).")
            if self.problems:
                lines.append("The rows with problems below were left out.")
        else:
            lines.append(
                "Nothing was written: fix the rows below and import again "
                "(or import with 'partial' to keep the good rows)."
            )
        lines.extend(str(p) for p in self.problems)
        return "\n".join(lines)


def _cell(rows: list[tuple[Any, ...]], r: int, c: int) -> Any:
    """Value at 1-based row r, column c of the first rows read (None if short)."""
    if r - 1 >= len(rows):
        return None
    row = rows[r - 1]
    return row[c - 1] if c - 1 < len(row) else None


def _text(v: Any) -> str:
    return "" if v is None else str(v).strip()


def _find_indicator(cat: Catalogue, gid: str, name: str) -> Indicator | None:
    if gid:
        for i in cat.indicators.values():
            if i.gid == gid.upper():
                return i
    for i in cat.indicators.values():
        if name and name in (i.name_en, i.name_hi):
            return i
    return None


def _numerator(cat: Catalogue, ind: Indicator, value: float, den: float) -> tuple[float, float]:
    """(numerator, value) of a percent or ratio from its value and denominator: the numerator
    is a whole count when its inputs are counts, and the value is then worked out from it
    exactly as consolidation works it out."""
    scale = 100.0 if ind.unit == "percent" else 1.0
    if ind.params.get("per_month"):
        scale = 1.0 / 3  # a quarter's ratio per month
    raw = value * den / scale
    if all(cat.indicators[x].decimals == 0 for x in ind.numerator):
        whole = float(round(raw))
        if abs(scale * whole / den - value) <= 1e-9 * max(1.0, abs(value)):
            return whole, scale * whole / den
    return raw, value


def import_des(
    session: Session,
    cat: Catalogue,
    *,
    path: Path,
    dry_run: bool = False,
    partial: bool = False,
    progress: Progress | None = None,
) -> DesImportReport:
    """Read a DES workbook into the stored values (origin "imported")."""
    require(session, Permission.IMPORT)
    report = DesImportReport(dry_run=dry_run)
    try:
        wb = load_workbook(Path(path), read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        report.problems.append(DesProblem(Path(path).name, 0, None, f"cannot be read ({exc})"))
        return report
    out: list[StoredValue] = []
    areas: dict[str, Area] = {}
    seen: dict[tuple[str, str, str, str], tuple[str, int]] = {}
    names = wb.sheetnames
    for n, sheet in enumerate(names, start=1):
        rows = list(wb[sheet].iter_rows(values_only=True))
        report.sheets += 1
        ind = _find_indicator(cat, _text(_cell(rows, 5, 12)), _text(_cell(rows, 5, 2)))
        if ind is None:
            report.problems.append(
                DesProblem(
                    sheet,
                    0,
                    "indicator",
                    f"{_text(_cell(rows, 5, 2))!r} (GID "
                    f"{_text(_cell(rows, 5, 12)) or 'none'}) is not in the catalogue",
                )
            )
            continue
        unit_gid, unit_name = _text(_cell(rows, 7, 12)).upper(), _text(_cell(rows, 7, 2))
        unit = cat.units[ind.unit]
        if (unit_gid and unit_gid != unit.gid) or (
            not unit_gid and unit_name not in (unit.name_en, unit.name_hi)
        ):
            report.problems.append(
                DesProblem(
                    sheet,
                    0,
                    "unit",
                    f"{ind.name_en} is counted in {unit.name_en}, the "
                    f"sheet says {unit_name or unit_gid}",
                )
            )
            continue
        sgs_by_gid = {s.gid: s for s in cat.subgroups.values()}
        sgs_by_name = {s.name_en: s for s in cat.subgroups.values()} | {
            s.name_hi: s for s in cat.subgroups.values()
        }
        allowed = {
            m
            for sid in {ind.subgroup_set, *ind.subgroups_by_type.values()}
            for m in cat.sets[sid].members
        }
        for r, row in enumerate(rows[10:], start=11):
            cells = [_text(x) for x in row[:12]] + [""] * max(0, 12 - len(row))
            if not any(cells):
                continue
            report.total_rows += 1
            problems: list[DesProblem] = []
            try:
                period = parse_quarter(cells[0])
            except ValueError as exc:
                problems.append(DesProblem(sheet, r, "time", str(exc)))
                period = ""
            try:
                area = area_from_id(cells[1], cells[2] or None)
            except ValueError as exc:
                problems.append(DesProblem(sheet, r, "area id", str(exc)))
                area = None
            try:
                value = float(cells[3].replace(",", ""))
            except ValueError:
                problems.append(DesProblem(sheet, r, "data value", f"{cells[3]!r} is not a number"))
                value = None
            sg = sgs_by_gid.get(cells[11].upper()) if cells[11] else sgs_by_name.get(cells[4])
            if sg is None:
                problems.append(
                    DesProblem(
                        sheet, r, "subgroup", f"{cells[4]!r} is not a subgroup of the catalogue"
                    )
                )
            elif sg.id not in allowed:
                problems.append(
                    DesProblem(
                        sheet, r, "subgroup", f"{sg.name_en} is not a subgroup of {ind.name_en}"
                    )
                )
            if not cells[5]:
                problems.append(
                    DesProblem(sheet, r, "source", "is empty (DevInfo drops such rows)")
                )
            den: float | None = None
            if cells[7]:
                try:
                    den = float(cells[7])
                except ValueError:
                    problems.append(
                        DesProblem(sheet, r, "denominator", f"{cells[7]!r} is not a number")
                    )
            if ind.unit in ("percent", "ratio") and not den and not problems:
                problems.append(
                    DesProblem(
                        sheet,
                        r,
                        "denominator",
                        f"a {ind.unit} needs its denominator, or it cannot be added up",
                    )
                )
            if not problems and sg is not None and area is not None:
                key = (ind.id, sg.id, area.id, period)
                if key in seen:
                    s0, r0 = seen[key]
                    problems.append(
                        DesProblem(sheet, r, None, f"the same value as sheet {s0!r} row {r0}")
                    )
                seen[key] = (sheet, r)
            if problems:
                report.problems.extend(problems)
                continue
            assert value is not None and sg is not None and area is not None
            num: float | None = None
            if den and ind.unit in ("percent", "ratio"):
                num, value = _numerator(cat, ind, value, den)
            out.append(
                StoredValue(
                    ind.id,
                    sg.id,
                    area.id,
                    period,
                    value,
                    num,
                    den if ind.unit in ("percent", "ratio") else None,
                    "imported",
                    cells[5],
                    cells[6] or None,
                )
            )
            areas[area.id] = area
            report.periods.add(period)
            report.valid += 1
        if progress:
            progress(n, len(names))
    wb.close()
    if dry_run or (report.problems and not partial):
        return report
    for area in areas.values():
        for up in _ancestors(area):
            save_area(session, up)
        save_area(session, area)
    report.imported = upsert_values(session, cat, out)
    report.committed = True
    return report


def _ancestors(area: Area) -> list[Area]:
    out = []
    parent = area.parent
    while parent:
        a = area_from_id(parent)
        out.append(a)
        parent = a.parent
    return out
