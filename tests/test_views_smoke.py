"""The first window: the lazily fetched children table and the main window around it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.db import DB_FILENAME, open_database
from desktop.services.cases.children import ChildInput, register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.find.listing import list_children
from desktop.views.app_context import AppContext
from desktop.views.children.model import AGE, CATEGORY, CODE, NAME, ChildrenTableModel
from desktop.views.main_window import MainWindow
from tests.conftest import TODAY, set_up_home
from tests.demo_data import copy_database

FIRST = ["Aarav", "Bhavna", "Chetan", "Divya", "Farhan", "Gauri", "Harish", "Isha", "Jaya"]
LAST = ["Kumar", "Devi", "Yadav", "Singh", "Paswan", "Khatun", "Mahto", "Ansari", "Rai"]
SURNAME_2 = ["Prasad", "Lal", "Nath", "Ram", "Das", "Shah"]


def fake_names(n: int) -> list[tuple[str, str]]:
    """`n` distinct made-up (first, last) pairs."""
    combos = itertools.product(FIRST, LAST, SURNAME_2)
    return [(f, f"{m} {s}") for f, m, s in itertools.islice(combos, n)]


def register_many(engine: Engine, actor: Actor, n: int) -> None:
    """Register `n` made-up children through the service, in one transaction."""
    with unit_of_work(engine, actor) as s:
        for i, (first, last) in enumerate(fake_names(n)):
            register_child(
                s,
                ChildInput(
                    first_name=first,
                    last_name=last,
                    gender="female" if i % 2 else "male",
                    dob=f"{2010 + i % 8}-0{1 + i % 9}-1{i % 9}",
                    admission_date="2025-03-01",
                    category_code=1 + i % 20,
                ),
                today=TODAY,
            )


@pytest.fixture(scope="module")
def template_450(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file with the test institution and 450 made-up children, built once."""
    folder = tmp_path_factory.mktemp("template")
    eng = open_database(folder)
    actor = Actor("asha", "superintendent", "Asha Kumari")
    set_up_home(eng, actor)
    register_many(eng, actor, 450)
    eng.dispose()
    return folder / DB_FILENAME


@pytest.fixture
def engine_450(template_450: Path, data_dir: Path) -> Iterator[Engine]:
    """A fresh copy of the 450-children database for one test."""
    copy_database(template_450, data_dir / DB_FILENAME)
    eng = open_database(data_dir)
    yield eng
    eng.dispose()


def make_window(engine: Engine, data_dir: Path, **kw: object) -> MainWindow:
    """The main window over `engine`, acting as the test superintendent on TODAY."""
    actor = Actor("asha", "superintendent", "Asha Kumari")
    return MainWindow(AppContext(engine, data_dir, actor, today=lambda: TODAY))


def loader_for(engine: Engine, text: str | None = None):
    """A page loader over `engine`, as the main window builds it."""

    def load(offset: int, limit: int):
        with Session(engine) as s:
            return list_children(s, offset=offset, limit=limit, text=text)

    return load


def test_model_fetches_in_pages_of_200(qtbot, engine_450: Engine) -> None:
    """Rows arrive 200 at a time as the view asks, and fetching stops at the last child."""
    model = ChildrenTableModel(loader_for(engine_450), today=lambda: TODAY)
    assert model.rowCount() == 0 and model.canFetchMore()
    counts = []
    while model.canFetchMore():
        model.fetchMore()
        counts.append(model.rowCount())
    assert counts == [200, 400, 450]
    assert not model.canFetchMore()
    codes = [model.data(model.index(r, CODE)) for r in range(model.rowCount())]
    assert len(set(codes)) == 450


def test_model_announces_inserted_rows(qtbot, engine_450: Engine) -> None:
    """fetchMore tells attached views about the new rows (rowsInserted)."""
    model = ChildrenTableModel(loader_for(engine_450), today=lambda: TODAY)
    with qtbot.waitSignal(model.rowsInserted) as blocker:
        model.fetchMore()
    assert blocker.args[1:] == [0, 199]


def test_model_cells_show_text(qtbot, inst_engine: Engine, actor: Actor) -> None:
    """Cells show the name, age in years (~ when estimated) and the category's label."""
    with unit_of_work(inst_engine, actor) as s:
        register_child(
            s,
            ChildInput(
                first_name="Meena",
                last_name="Kumari",
                gender="female",
                estimated_age=9,
                admission_date="2026-11-01",
                category_code=5,
            ),
            today=TODAY,
        )
    model = ChildrenTableModel(loader_for(inst_engine), today=lambda: TODAY)
    model.fetchMore()
    assert model.columnCount() == 9
    assert model.data(model.index(0, NAME)) == "Meena Kumari"
    assert model.data(model.index(0, AGE)) == "~9"
    assert model.data(model.index(0, CATEGORY)) == "5 · Surrendered"
    assert not model.canFetchMore()


def test_window_title_and_status_bar(qtbot, engine_450: Engine, data_dir: Path) -> None:
    """The title names the institution; the status bar gives the data folder and the count."""
    window = make_window(engine_450, data_dir)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["children"]
    assert window.windowTitle() == "CLMS Desktop — Asha Kiran Children's Home"
    qtbot.waitUntil(lambda: page.count_label.text() == "450 children in care (of 450 on record)")
    assert str(data_dir) in window.location_label.text()
    assert window.user_label.text() == "User: Asha Kumari"
    qtbot.waitUntil(lambda: page.model.rowCount() >= 200)


def test_search_box_narrows_the_list(qtbot, engine_450: Engine, data_dir: Path) -> None:
    """Typing in the search box keeps only the matching children, and clearing restores all."""
    window = make_window(engine_450, data_dir)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["children"]
    qtbot.keyClicks(page.search_box, "farhan pas")
    qtbot.waitUntil(lambda: "Showing" in page.count_label.text() and not page.model.loading)
    expected = sum(1 for f, last in fake_names(450) if f == "Farhan" and "Paswan" in last)
    assert 0 < expected < 450
    assert page.model.rowCount() == expected
    assert all(
        page.model.data(page.model.index(r, NAME)).startswith("Farhan Paswan")
        for r in range(page.model.rowCount())
    )
    assert page.count_label.text() == f"Showing {expected} of 450 children"
    page.search("")
    qtbot.waitUntil(lambda: page.model.rowCount() == 200)
    qtbot.waitUntil(lambda: page.count_label.text() == "450 children in care (of 450 on record)")


def test_window_without_institution_says_how_to_set_up(
    qtbot, engine: Engine, data_dir: Path
) -> None:
    """An empty data folder gets a message naming `clms init` and demo data, not an empty list."""
    window = make_window(engine, data_dir)
    qtbot.addWidget(window)
    assert window.windowTitle() == "CLMS Desktop — not set up"
    text = window.message.text()
    assert "clms --data-dir" in text and " init " in text and " demo " in text
    assert str(data_dir) in text
    assert window.pages == {} and not window.register_action.isEnabled()


def test_date_boxes_have_a_calendar_that_types_the_picked_day(qtbot):
    """The calendar opens on the box's date, and the day picked is typed in DD-MM-YYYY."""
    from PySide6.QtCore import QDate, Qt
    from PySide6.QtWidgets import QCalendarWidget, QLineEdit

    from desktop.views.forms import FieldSpec, FormWidget, open_calendar

    form = FormWidget(
        [FieldSpec("name", "Name"), FieldSpec("on", "On", "date", default="05-03-2026")]
    )
    qtbot.addWidget(form)
    form.show()
    name, box = form.inputs["name"], form.inputs["on"]
    assert isinstance(box, QLineEdit) and len(box.actions()) == 1  # the calendar button
    assert isinstance(name, QLineEdit) and not name.actions()  # only date boxes get one
    cal = open_calendar(box)
    assert isinstance(cal, QCalendarWidget) and cal.isVisible()
    assert cal.selectedDate() == QDate(2026, 3, 5)
    cal.clicked.emit(QDate(2026, 11, 20))
    assert box.text() == "20-11-2026" and form.values()["on"] == "20-11-2026"
    qtbot.waitUntil(lambda: not box.findChildren(QCalendarWidget))  # closed and deleted
    # F4 in the box opens it too; a box with text that is not a date opens on today.
    box.setText("not a date")
    form.activateWindow()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_F4)
    cals = box.findChildren(QCalendarWidget)
    assert len(cals) == 1 and cals[0].selectedDate() == QDate.currentDate()
    cals[0].close()
