"""The district office's dashboard: the CCI dashboard's charts over the district view, per
CCI and in total (this district only), and every table saved as Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from central.models import Enrolment
from central.projection import view_child, view_flag
from desktop.views.app_context import AppContext
from desktop.views.district.dashboard import DistrictDashboardScreen
from sync_client.district import mode as district_office
from sync_client.district.dashboard import district_dashboard
from tests.test_district_office import ADMIN, _filled_office
from tests.test_windows_fit import SCREENS, check_fits

PATNA, GAYA = 212, 196


def _screen(qtbot, engine, data_dir: Path) -> DistrictDashboardScreen:  # type: ignore[no-untyped-def]
    _filled_office(engine, data_dir)
    page = DistrictDashboardScreen(AppContext(engine, data_dir, ADMIN))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.charts.loaded, timeout=20_000):
        page.show()
    return page


def test_the_figures_of_the_ccis_add_up_to_the_districts(engine, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """Each figure of the district's total (counted over the whole district) is the sum of
    its CCIs' (each counted on its own), the total is what the view holds for this
    district, and no CCI of another district is in it."""
    _filled_office(engine, data_dir)
    view = district_office.open_view(data_dir)
    board = district_dashboard(view, state=10, district=PATNA, as_of=date.today())
    with Session(view) as s:
        patna = set(s.scalars(select(Enrolment.uuid).where(Enrolment.district_code == PATNA)))
        in_care = s.scalar(
            select(func.count()).where(
                view_child.c.district_code == PATNA, view_child.c.status == "in_care"
            )
        )
        on_record = s.scalar(select(func.count()).where(view_child.c.district_code == PATNA))
        open_flags = s.scalar(
            select(func.count()).where(
                view_flag.c.district_code == PATNA, view_flag.c.is_open == true()
            )
        )
    view.dispose()
    assert {u for u, _n in board.ccis} == patna == set(board.by_cci) and len(patna) == 2
    t = board.total
    assert (t.in_care, t.total, t.open_flags) == (in_care, on_record, open_flags)
    assert t.in_care > 0 and t.open_flags > 0 and t.overdue > 0 and t.escalated > 0
    ccis = list(board.by_cci.values())
    for name in ("total", "in_care", "open_flags", "overdue", "escalated"):
        assert getattr(t, name) == sum(getattr(c, name) for c in ccis), name
    for name in (
        "by_status",
        "by_category",
        "by_gender",
        "by_age_band",
        "by_stay_band",
        "flags_by_rule",
        "overdue_by_rule",
    ):
        whole = {k: v for k, v in getattr(t, name).items() if v}
        summed: dict[object, int] = {}
        for c in ccis:
            for k, v in getattr(c, name).items():
                summed[k] = summed.get(k, 0) + v
        assert whole == {k: v for k, v in summed.items() if v}, name
    assert sum(t.by_age_band.values()) == sum(t.by_stay_band.values()) == t.in_care


def test_the_screen_draws_all_ccis_then_one(qtbot, engine, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """The chooser offers "All CCIs" and this district's CCIs; the tiles and charts show
    the district's total, then the chosen CCI's figures."""
    page = _screen(qtbot, engine, data_dir)
    board = page.board
    assert board is not None
    names = [page.cci.itemText(i) for i in range(page.cci.count())]
    assert names == ["All CCIs", *(n for _u, n in board.ccis)]
    tiles = page.charts.tiles
    assert tiles["in_care"].value.text() == f"{board.total.in_care:,}"
    assert tiles["open_flags"].value.text() == f"{board.total.open_flags:,}"
    for key, view in page.charts.views.items():
        assert view.chart() is not None and view.chart().series(), key
    page.cci.setCurrentIndex(1)
    one = board.by_cci[board.ccis[0][0]]
    assert tiles["in_care"].value.text() == f"{one.in_care:,}"
    assert tiles["overdue"].value.text() == f"{one.overdue:,}"
    bars = page.charts.views["age"].chart().series()[0].barSets()[0]
    assert [int(bars.at(i)) for i in range(bars.count())] == list(one.by_age_band.values())
    page.cci.setCurrentIndex(0)
    assert tiles["in_care"].value.text() == f"{board.total.in_care:,}"


def _sheets(path: Path) -> dict[str, list[list[object]]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    out = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}
    wb.close()
    return out


def _column(sheet: list[list[object]]) -> dict[object, object]:
    """A two-column table's rows (label -> number), its totals row under "Total"."""
    return {r[0]: r[1] for r in sheet[3:]}


def test_every_table_saves_as_excel_and_matches_the_charts(
    qtbot,
    engine,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """ "Save every table (Excel)…" writes a workbook openpyxl opens: for all CCIs, the CCIs'
    table (this district's homes, in care as the charts count them) and the breakdowns
    with the district's totals; for one CCI, that CCI's own figures."""
    from PySide6.QtWidgets import QFileDialog

    page = _screen(qtbot, engine, data_dir)
    board = page.board
    assert board is not None
    target = tmp_path / "all.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    assert "Saved" in page.message.text()
    sheets = _sheets(target)
    ccis = sheets["CCIs of the district"]
    head, body = ccis[2], ccis[3:-1]
    names = dict(board.ccis)
    assert {r[0] for r in body} == set(names.values())
    col = head.index("In care")
    for uuid, figures in board.by_cci.items():
        assert next(r[col] for r in body if r[0] == names[uuid]) == figures.in_care
    assert ccis[-1][col] == board.total.in_care
    gender = _column(sheets["Children in care by gender"])
    assert gender["Total"] == board.total.in_care
    assert gender["Girls"] == board.total.by_gender.get("female", 0)
    flags = sheets["Open flags by rule and level"]
    assert flags[-1][flags[2].index("All open")] == board.total.open_flags
    assert flags[-1][flags[2].index("Past due")] == board.total.overdue

    page.cci.setCurrentIndex(2)
    uuid = board.ccis[1][0]
    one = board.by_cci[uuid]
    target = tmp_path / "one.xlsx"
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    sheets = _sheets(target)
    assert "CCIs of the district" not in sheets
    assert _column(sheets["Children in care by gender"])["Total"] == one.in_care
    assert _column(sheets["Children in care by age (years)"])["Total"] == one.in_care
    status = _column(sheets["All children on record by status"[:31]])  # (Excel's limit)
    assert status["Total"] == one.total


def test_it_is_in_the_offices_navigation_fits_and_speaks_hindi(
    qtbot,
    engine,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    """The office's window has the dashboard in its navigation; the screen fits 1024x768
    and 1366x768, and its words turn Hindi."""
    from desktop.views.i18n import set_language
    from desktop.views.main_window import MainWindow

    _filled_office(engine, data_dir)
    ctx = AppContext(engine, data_dir, ADMIN)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    names = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert "District dashboard" in names
    page = win.show_page("district_dashboard")
    assert isinstance(page, DistrictDashboardScreen)
    qtbot.waitUntil(lambda: page.board is not None, timeout=20_000)
    for screen in SCREENS:
        check_fits(qtbot, win, screen, "district dashboard")
    try:
        set_language(ctx, "hi")
        assert page.excel_button.text() == "हर तालिका सहेजें (एक्सेल)…"
        assert page.cci.itemText(0) == "सभी संस्थाएँ"
        assert "जिला डैशबोर्ड" in [win.nav.item(i).text() for i in range(win.nav.count())]
        qtbot.waitUntil(lambda: page.charts.title.text() == "डैशबोर्ड", timeout=5_000)
    finally:
        set_language(ctx, "en")
    assert page.cci.itemText(0) == "All CCIs"
