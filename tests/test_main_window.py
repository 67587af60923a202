"""The main window shell: navigation, lazily built screens, shortcuts, status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import Engine

from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.views import main_window as mw
from desktop.views.app_context import AppContext
from desktop.views.children.page import ChildrenPage
from desktop.views.main_window import MainWindow
from desktop.views.pages import PageSpec
from tests.conftest import TODAY
from tests.helpers import child_input


def make(qtbot, engine: Engine, data_dir: Path, role: str = "superintendent") -> MainWindow:
    """A shown main window acting as `role`."""
    actor = Actor("asha", role, "Asha Kumari")
    window = MainWindow(AppContext(engine, data_dir, actor, today=lambda: TODAY))
    qtbot.addWidget(window)
    window.show()
    return window


def activate(qtbot, window: MainWindow) -> None:
    """Make the window the active one, so its keyboard shortcuts fire."""
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)


def test_starts_on_children_and_builds_other_screens_only_when_shown(qtbot, inst_engine, data_dir):
    """Only the Children screen is built at start; another one is built on first show."""
    window = make(qtbot, inst_engine, data_dir)
    assert list(window.pages) == ["children"]
    assert isinstance(window.stack.currentWidget(), ChildrenPage)
    assert window.nav.currentItem().text() == "Children"
    keys = [s.key for s in window.specs]
    other = next(k for k in keys if k != "children")
    window.nav.setCurrentRow(keys.index(other))
    assert other in window.pages and window.current_key() == other


def test_staff_screens_only_for_superintendents(qtbot, inst_engine, data_dir, monkeypatch):
    """Users/Audit entries are listed for a superintendent and hidden from a caseworker."""
    pages = (
        PageSpec("children", "Children", "desktop.views.children.page", "ChildrenPage"),
        PageSpec(
            "staff", "Staff", "desktop.views.children.page", "ChildrenPage", ("superintendent",)
        ),
    )
    monkeypatch.setattr(mw, "PAGES", pages)
    boss = make(qtbot, inst_engine, data_dir)
    worker = make(qtbot, inst_engine, data_dir, role="caseworker")
    assert [s.key for s in boss.specs] == ["children", "staff"]
    assert [s.key for s in worker.specs] == ["children"]


def test_ctrl_number_switches_screens_and_ctrl_f_focuses_search(
    qtbot, inst_engine, data_dir, monkeypatch
):
    """Ctrl+2 shows the second screen; Ctrl+F comes back to the list with the cursor in search."""
    pages = (
        PageSpec("children", "Children", "desktop.views.children.page", "ChildrenPage"),
        PageSpec("second", "Second", "desktop.views.children.page", "ChildrenPage"),
    )
    monkeypatch.setattr(mw, "PAGES", pages)
    window = make(qtbot, inst_engine, data_dir)
    activate(qtbot, window)
    table = window.pages["children"].table
    qtbot.keyClick(table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == window.specs[1].key
    qtbot.keyClick(window.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "children"
    assert window.pages["children"].search_box.hasFocus()


def test_menus_carry_the_promised_shortcuts(qtbot, inst_engine, data_dir):
    """Register, find, reload, lock and quit have their keys, and each screen has Ctrl+number."""
    window = make(qtbot, inst_engine, data_dir)
    keys = {
        a.text().replace("&", ""): a.shortcut().toString()
        for a in (
            window.register_action,
            window.find_action,
            window.reload_action,
            window.lock_action,
            window.quit_action,
        )
    }
    assert keys == {
        "Register a new child…": "Ctrl+N",
        "Find a child": "Ctrl+F",
        "Reload": "F5",
        "Lock the screen": "Ctrl+L",
        "Quit": "Ctrl+Q",
    }
    assert [a.shortcut().toString() for a in window.page_actions[:2]] == ["Ctrl+1", "Ctrl+2"]


def test_status_bar_counts_open_flags_and_follows_rule_runs(qtbot, inst_engine, data_dir, actor):
    """The status bar shows the open flags counted at start, then the number a rules run sends."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        register_child(s, child_input(), today=TODAY)  # a new child: some deadlines open
    window = make(qtbot, inst_engine, data_dir)
    qtbot.waitUntil(lambda: "open flag" in window.flags_label.text())
    n = int(window.flags_label.text().split()[0])
    assert n > 0
    window.ctx.events.flags_changed.emit(1)
    assert window.flags_label.text() == "1 open flag"
    assert window.sync_label.text() != ""


def test_f5_reload_refreshes_the_list(qtbot, inst_engine, data_dir, actor):
    """A child registered elsewhere appears in the list after F5."""
    window = make(qtbot, inst_engine, data_dir)
    page = window.pages["children"]
    qtbot.waitUntil(lambda: page.count_label.text() == "0 children in care (of 0 on record)")
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        register_child(s, child_input(), today=TODAY)
    activate(qtbot, window)
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.count_label.text() == "1 child in care (of 1 on record)")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


def test_every_screen_in_the_navigation_builds(qtbot, inst_engine, data_dir, no_work_left_running):
    """Each screen of the navigation opens as its own class, not the 'could not be opened' label."""
    import importlib

    window = make(qtbot, inst_engine, data_dir, role="administrator")
    cci_pages = list(mw.PAGES)  # a district office's (mw.DISTRICT_PAGES): elsewhere
    assert [s.key for s in window.specs] == [s.key for s in cci_pages]
    for spec in cci_pages:
        widget = window.show_page(spec.key)
        assert isinstance(widget, getattr(importlib.import_module(spec.module), spec.cls)), spec


def test_a_screen_missing_from_the_install_fails_loudly(qtbot, inst_engine, data_dir, monkeypatch):
    """A navigation entry whose module cannot be imported raises instead of being skipped."""
    import pytest

    ghost = PageSpec("ghost", "Ghost", "desktop.views.no_such_screen", "GhostPage")
    monkeypatch.setattr(mw, "PAGES", (*mw.PAGES, ghost))
    window = make(qtbot, inst_engine, data_dir)
    assert "ghost" in [s.key for s in window.specs]
    with pytest.raises(ModuleNotFoundError):
        window.show_page("ghost")


def test_status_bar_shows_the_last_acknowledged_sync(qtbot, inst_engine, data_dir) -> None:
    """The sync line says "never sent" until the state office acknowledges a bundle, then
    its local time, with the changes still waiting (counted in the background)."""
    from datetime import UTC, datetime

    from sqlalchemy.orm import Session

    from desktop.models.sync import OutboxBundle

    window = make(qtbot, inst_engine, data_dir)
    qtbot.waitUntil(lambda: "never sent" in window.sync_label.text())
    # the institution itself is a record central has not acknowledged yet
    assert window.sync_label.text() == "no state office address yet · 1 change waiting · never sent"
    when = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    with Session(inst_engine) as s, s.begin():
        s.add(
            OutboxBundle(
                bundle_id="b-1",
                seq=1,
                first_change_seq=1,
                last_change_seq=5,
                record_count=5,
                size=100,
                bundle_hash="0" * 64,
                prev_hash="0" * 64,
                data=b"x",
                status="acknowledged",
                acknowledged_at=when,
            )
        )
    window.ctx.events.data_changed.emit()
    local = when.astimezone().strftime("%d-%m-%Y %H:%M")
    qtbot.waitUntil(lambda: f"last sent {local}" in window.sync_label.text())


def test_list_opens_the_profile_and_back_returns(qtbot, inst_engine, data_dir, actor) -> None:
    """Enter on a child in the list shows the profile in place; Back shows the list again."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        child_id = register_child(s, child_input(), today=TODAY).id
    window = make(qtbot, inst_engine, data_dir)
    page = window.pages["children"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.current_key() == "profile" and window.profile.child_id == child_id
    assert window.nav.currentItem().text() == "Children"
    qtbot.mouseClick(window.profile.back_button, Qt.MouseButton.LeftButton)
    assert window.current_key() == "children"
