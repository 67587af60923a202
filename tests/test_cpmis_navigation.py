"""The CPMIS screens in the main window: reached from the navigation with Ctrl+number, and
a monthly return started, typed and saved with the keyboard alone; a district office's window
lists its own screens (the district page and its CPMIS work) instead of a CCI's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from desktop.services.core.context import Actor, unit_of_work
from desktop.services.cpmis import returns as rt
from desktop.views.app_context import AppContext
from desktop.views.cpmis.cci_page import CpmisPage
from desktop.views.cpmis.district import DistrictCpmisScreen
from desktop.views.cpmis.return_form import ReturnForm
from desktop.views.district.page import DistrictPage
from desktop.views.main_window import MainWindow
from tests.cpmis_fixture import TODAY, build_home

SUPER = Actor("asha", "superintendent", "Asha Kumari")
# `python -m desktop` started the real way: print the first window's screens (or, if none
# shows within a few seconds, the windows that did, e.g. the set-up assistant) and quit.
STARTED = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([sys.argv[0]])
ticks = [0]
def look():
    ticks[0] += 1
    for w in app.topLevelWidgets():
        if isinstance(w, QMainWindow) and w.isVisible():
            print("window", *[s.key for s in w.specs])
            app.quit()
            return
    if ticks[0] > 150:
        print("other", *[type(w).__name__ for w in app.topLevelWidgets() if w.isVisible()])
        sys.stdout.flush()
        app.closeAllWindows()  # a modal assistant ends its own loop when closed
        app.quit()
timer = QTimer()
timer.timeout.connect(look)
timer.start(20)
from desktop.__main__ import main
main(["--data-dir", sys.argv[1]])
"""


def _window(qtbot, engine: Engine, data_dir: Path, actor: Actor = SUPER) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppContext(engine, data_dir, actor, today=lambda: TODAY))
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _ctrl_number(qtbot, window: MainWindow, key: str) -> None:  # type: ignore[no-untyped-def]
    n = [s.key for s in window.specs].index(key) + 1
    qtbot.keyClick(window.nav, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)


def _focused() -> object:
    return QApplication.focusWidget()


def _tab_to(qtbot, test, limit: int = 40) -> object:  # type: ignore[no-untyped-def]
    """Press Tab until the focused widget passes `test` (fails after `limit` presses)."""
    for _ in range(limit):
        w = _focused()
        if test(w):
            return w
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached the widget; focus is on {_focused()!r}")


def test_cci_window_reaches_cpmis_and_a_return_is_done_by_keyboard(
    qtbot,
    engine: Engine,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    """Ctrl+number opens CPMIS returns; Tab reaches the months, Down picks September, Tab
    and Space start its return, the cursor lands in the first cell to type, digits and
    Enter fill it, Ctrl+S saves it (the cursor stays in that cell), Tab reaches the tables
    before the buttons."""
    build_home(engine, SUPER)
    window = _window(qtbot, engine, data_dir)
    assert "CPMIS returns" in [window.nav.item(i).text() for i in range(window.nav.count())]
    _ctrl_number(qtbot, window, "cpmis")
    assert window.current_key() == "cpmis"
    page = window.pages["cpmis"]
    assert isinstance(page, CpmisPage)
    months = _tab_to(qtbot, lambda w: w is page.months.list)
    assert page.months.current_month() == "2026-10"  # last month, due now
    qtbot.keyClick(months, Qt.Key.Key_Down)
    assert page.months.current_month() == "2026-09"
    start = _tab_to(qtbot, lambda w: w is page.months.start_button)
    qtbot.keyClick(start, Qt.Key.Key_Space)
    form: ReturnForm = page.form
    assert form.uuid is not None and form.editable
    table = _focused()
    assert table in form.tables  # straight into the form
    item = table.currentItem()  # type: ignore[attr-defined]
    assert item.flags() & Qt.ItemFlag.ItemIsEditable
    ind_id, sg = item.data(Qt.ItemDataRole.UserRole)
    qtbot.keyClicks(table, "3")  # the first key opens the cell's editor
    editor = _focused()
    qtbot.keyClicks(editor, "7")
    qtbot.keyPress(editor, Qt.Key.Key_Return)
    qtbot.wait(1)
    assert form.dirty and form.cells[(ind_id, sg)].text() == "37"
    qtbot.keyClick(_focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.dirty
    with unit_of_work(engine, SUPER) as s:
        assert rt.get_return(s, form.uuid).figures[ind_id][sg] == 37.0
    assert form.current_cell() == (ind_id, sg)  # saving rebuilt the form; the cursor stayed
    # From the sub-sector tabs, Tab goes into the tables, not to the buttons under them.
    form.tabs.tabBar().setFocus()
    qtbot.keyClick(form.tabs.tabBar(), Qt.Key.Key_Tab)
    assert _focused() in form.tables


def test_district_office_window_lists_the_district_screens(
    qtbot,
    engine: Engine,
    data_dir: Path,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """A district office's folder (no institution, a district code) opens on the district
    page; Ctrl+number reaches its CPMIS work, Ctrl+Tab its tabs; no CCI screen is listed."""
    from tests.test_cpmis_district import DCPU, _office

    office, office_dir, _keys = _office(tmp_path)
    window = _window(qtbot, office, office_dir, DCPU)
    assert [s.key for s in window.specs] == [
        "district",
        "district_queue",
        "district_dashboard",
        "district_identity",
        "district_cpmis",
    ]
    assert "Patna DCPU" in window.windowTitle()
    assert isinstance(window.stack.currentWidget(), DistrictPage)
    assert not window.register_action.isEnabled()
    _ctrl_number(qtbot, window, "district_cpmis")
    screen = window.pages["district_cpmis"]
    assert isinstance(screen, DistrictCpmisScreen) and screen.page is not None
    assert "district 212" in screen.title.text()
    tabs = screen.page.tabs
    tabs.setFocus()
    qtbot.keyClick(tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 1
    assert screen.page.body_combo.count() >= 2  # the district's CWC and JJB
    office.dispose()


def test_cci_window_lists_no_district_screen(qtbot, engine: Engine, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """A CCI's window has the CPMIS returns screen but not the district office's screens."""
    build_home(engine, SUPER)
    window = _window(qtbot, engine, data_dir)
    keys = [s.key for s in window.specs]
    assert "cpmis" in keys and "district" not in keys and "district_cpmis" not in keys


def test_a_district_office_folder_opens_its_window_not_the_set_up_assistant(
    tmp_path: Path,
) -> None:
    """`python -m desktop` on a district office's folder shows the district screens at once
    (before, the folder had no institution and the set-up assistant asked for one)."""
    from desktop.vault import store as vault
    from tests.test_cpmis_district import _office

    office, office_dir, _keys = _office(tmp_path)
    office.dispose()
    vault.mark_recovery_shown(office_dir)  # (a new folder shows its recovery key once first)
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    out = subprocess.run(
        [sys.executable, "-c", STARTED, str(office_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    everything = [
        "district",
        "district_queue",
        "district_dashboard",
        "district_identity",
        "district_cpmis",
        "users",
        "audit",
    ]
    assert out.stdout.split() == ["window", *everything], out.stderr[-2000:]
