"""DevInfo Data Entry Spreadsheets: cells where DevInfo reads them, and a full round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from desktop.db import open_database
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.cpmis.casesql import Body, compute_case_figures
from desktop.services.cpmis.devinfo import export_des, import_des
from desktop.services.cpmis.store import read_values, save_table
from reporting.cpmis.areas import district_area, institution_area, state_area
from reporting.cpmis.consolidate import BodyFigures, consolidate
from reporting.cpmis.loader import load_catalogue
from reporting.cpmis.quarter import reporting_figures
from tests.cpmis_fixture import Q_END, Q_START, QUARTER, build_home

CAT = load_catalogue()
SUPER = Actor("asha", "superintendent", "Asha Kumari")


def _fill(engine: Engine) -> None:
    """Three homes in two districts with the hand-counted home's figures (varied), a few
    entered ones, consolidated and stored as the state's office would hold them."""
    with unit_of_work(engine, SUPER) as s:
        base = compute_case_figures(s, CAT, start=Q_START, end=Q_END, bodies=[Body(1, "CH")])[1]
    base.update(reporting_figures(CAT, body="cci", cci_type="CH", quarter=QUARTER, returns=[]))
    base["cci.fac.toilets"] = {"total": 2.0}
    base["cci.edu.any"] = {
        "a0_6": 1.0,
        "a7_11": 2.0,
        "a12_15": 1.0,
        "a16_18": 0.0,
        "agt18": 0.0,
        "total": 4.0,
    }
    bodies = []
    for n, (district, k) in enumerate([(212, 1.0), (212, 3.0), (188, 2.0)], start=1):
        figs = {i: {sg: v * k for sg, v in row.items()} for i, row in base.items()}
        area = institution_area(10, district, n, f"Home {n}", f"गृह {n}")
        bodies.append(BodyFigures(area, "cci", "CH", figs, "September late" if n == 3 else ""))
    areas = {a.id: a for a in (state_area(10), district_area(10, 212), district_area(10, 188))}
    tables = consolidate(CAT, bodies, areas=areas)
    with unit_of_work(engine, SUPER) as s:
        for t in tables.values():
            save_table(
                s,
                CAT,
                area=t.area,
                period=QUARTER,
                table=t.table,
                origin="consolidated",
                footnote=t.footnote or None,
            )


@pytest.fixture
def filled(tmp_path: Path) -> Engine:
    """An install holding the consolidated quarter of three homes."""
    engine = open_database(tmp_path / "a")
    build_home(engine, SUPER)
    _fill(engine)
    return engine


def test_the_cells_are_where_devinfo_reads_them(filled: Engine, tmp_path: Path) -> None:
    """Sector B3, class B4, indicator B5 / GID L5, unit B7 / GID L7, decimals H7, headers on
    row 9, data from row 11 (time, area, value as text, subgroup, source, denominator, GID L)."""
    out = tmp_path / "des.xlsx"
    with unit_of_work(filled, SUPER) as s:
        res = export_des(s, CAT, path=out, periods=[QUARTER], area_id="IND010212")
    wb = load_workbook(out)
    assert res.sheets == len(wb.sheetnames) and wb.sheetnames[0] == "Data 1"
    sheet = next(
        wb[n]
        for n in wb.sheetnames
        if wb[n]["B5"].value == CAT.indicators["cci.tl.sir15.pct"].name_en
    )
    ind = CAT.indicators["cci.tl.sir15.pct"]
    assert sheet["B3"].value == "Child Care Institutions" and sheet["B4"].value == ind.class_en
    assert sheet["L5"].value == ind.gid and sheet["B7"].value == "Percent"
    assert sheet["L7"].value == CAT.units["percent"].gid and sheet["H7"].value == 1
    assert [sheet.cell(9, c).value for c in range(1, 9)] == [
        "Time",
        "Area ID",
        "Area Name",
        "Data Value",
        "Subgroup",
        "Source",
        "Footnotes",
        "Denominator",
    ]
    assert all(sheet.cell(10, c).value is None for c in range(1, 13))
    data = {
        (sheet.cell(r, 2).value, sheet.cell(r, 5).value): r for r in range(11, sheet.max_row + 1)
    }
    r = data[("IND010212", "Total")]  # Patna: 1 + 3 of 2 + 6 due = 4 of 8
    assert sheet.cell(r, 1).value == "2026.07-2026.09" and sheet.cell(r, 3).value == "Patna"
    assert sheet.cell(r, 4).value == "50" and sheet.cell(r, 4).data_type == "s"
    assert sheet.cell(r, 6).value == CAT.devinfo_source and sheet.cell(r, 8).value == 8
    assert sheet.cell(r, 12).value == CAT.subgroups["total"].gid
    assert ("IND010212_001", "Total") in data and ("IND010188", "Total") not in data
    counts = next(
        wb[n] for n in wb.sheetnames if wb[n]["L5"].value == CAT.indicators["cci.stock.end"].gid
    )
    rows = {
        (counts.cell(r, 2).value, counts.cell(r, 5).value): r for r in range(11, counts.max_row + 1)
    }
    rr = rows[("IND010212_002", "Girls")]
    assert counts.cell(rr, 4).value == "12" and counts.cell(rr, 8).value is None  # 4 girls x 3
    assert counts.cell(rr, 3).value == "Home 2"


def test_export_and_import_into_a_fresh_install_give_identical_values(
    filled: Engine, tmp_path: Path
) -> None:
    """Every stored value comes back the same (value, numerator, denominator, source,
    footnote), in a fresh install; the dry run before writes nothing."""
    out = tmp_path / "des.xlsx"
    with unit_of_work(filled, SUPER) as s:
        export_des(s, CAT, path=out, periods=[QUARTER])
        before = read_values(s, CAT, periods=[QUARTER])
    fresh = open_database(tmp_path / "b")
    with unit_of_work(fresh, SUPER) as s:
        dry = import_des(s, CAT, path=out, dry_run=True)
        assert dry.valid == len([v for v in before if v.value is not None])
        assert not dry.problems and "Dry run: nothing was written" in dry.summary()
        assert read_values(s, CAT) == []
        real = import_des(s, CAT, path=out)
        assert real.committed and real.imported == dry.valid
    with unit_of_work(fresh, SUPER) as s:
        after = read_values(s, CAT, periods=[QUARTER])

    def key(v):  # type: ignore[no-untyped-def]
        return (
            v.indicator_id,
            v.subgroup_id,
            v.area_id,
            v.period,
            v.value,
            v.numerator,
            v.denominator,
            v.source,
            v.footnote,
        )

    kept = [key(v) for v in before if v.value is not None]
    assert sorted(kept) == sorted(key(v) for v in after)
    assert any(v.numerator is not None for v in after)  # percents came back whole
    fresh.dispose()


def test_a_bad_sheet_is_reported_row_by_row_and_nothing_is_written(
    filled: Engine, tmp_path: Path
) -> None:
    """Wrong area, period, value, missing source and denominator are each named by sheet,
    row and field; the import writes nothing."""
    out = tmp_path / "des.xlsx"
    with unit_of_work(filled, SUPER) as s:
        export_des(s, CAT, path=out, periods=[QUARTER], indicator_ids=["cci.tl.sir15.pct"])
    wb = load_workbook(out)
    ws = wb["Data 1"]
    ws["B11"] = "IND010999"
    ws["A12"] = "2026.07"
    ws["D13"] = "lots"
    ws["F14"] = None
    ws["H15"] = None
    wb.save(out)
    fresh = open_database(tmp_path / "b")
    with unit_of_work(fresh, SUPER) as s:
        rep = import_des(s, CAT, path=out)
        assert not rep.committed and read_values(s, CAT) == []
    text = rep.summary()
    assert "row 11: area id: 'IND010999': 999 is not a district of Bihar" in text
    assert "row 12: time: '2026.07' is not a quarter" in text
    assert "row 13: data value: 'lots' is not a number" in text
    assert "row 14: source: is empty (DevInfo drops such rows)" in text
    assert "row 15: denominator: a percent needs its denominator" in text
    assert "Nothing was written" in text
    fresh.dispose()
