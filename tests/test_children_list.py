"""The Children screen over 10,000 demo children: filters, sorting, opening, printing."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import Engine

from desktop.db import DB_FILENAME, connect_raw, open_database
from desktop.services.core.context import Actor
from desktop.views.app_context import AppContext
from desktop.views.children.model import AGE, NAME
from desktop.views.children.page import AGE_BANDS, STAYS, ChildrenPage
from tests.conftest import TODAY
from tests.demo_data import demo_engine

N = 3_000  # 15 pages of 200: enough for paging, sorting and every filter


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data folder with the demo children and their flags (its own copy for the module)."""
    folder = tmp_path_factory.mktemp("demo")
    demo_engine(folder, children=N, seed=4).dispose()
    yield folder


@pytest.fixture(scope="module")
def everyone(demo_dir: Path) -> list[dict]:
    """Every child as read straight from the file (independent of the listing service)."""
    con = connect_raw(demo_dir / DB_FILENAME)
    flagged = {
        r[0]
        for r in con.execute(
            "SELECT child_id FROM flag WHERE status IN ('open','acknowledged','escalated')"
        )
    }
    rows = con.execute(
        "SELECT id, first_name, last_name, status, gender, dob, admission_date, category_code "
        "FROM child"
    ).fetchall()
    con.close()
    return [
        {
            "id": i,
            "name": " ".join(p for p in (first, last) if p),
            "status": st,
            "gender": g,
            "dob": date.fromisoformat(dob),
            "admitted": date.fromisoformat(adm),
            "category": cat,
            "flagged": i in flagged,
        }
        for i, first, last, st, g, dob, adm, cat in rows
    ]


@pytest.fixture
def page(qtbot, demo_dir: Path) -> Iterator[ChildrenPage]:
    """The Children screen over the demo folder, shown."""
    eng: Engine = open_database(demo_dir)
    ctx = AppContext(eng, demo_dir, Actor("asha", "superintendent", "Asha"), today=lambda: TODAY)
    p = ChildrenPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    p.status_filter.setCurrentIndex(0)  # every status (the screen opens on "In care")
    yield p
    eng.dispose()


def years(dob: date) -> int:
    """Completed years on TODAY."""
    return TODAY.year - dob.year - ((TODAY.month, TODAY.day) < (dob.month, dob.day))


def listed_ids(qtbot, page: ChildrenPage) -> list[int]:
    """Every id the list shows once scrolled to the end, after the count has come in."""
    qtbot.waitUntil(lambda: page.count_label.text() not in ("", "Counting…"))
    qtbot.waitUntil(lambda: not page.model.loading)
    while page.model.canFetchMore():
        page.model.fetchMore()
        qtbot.waitUntil(lambda: not page.model.loading)
    return [page.model.row_at(r).id for r in range(page.model.rowCount())]


def choose(box, data) -> None:
    """Pick the entry of a filter box carrying `data`."""
    box.setCurrentIndex(box.findData(data))


def test_first_page_only_until_scrolled(qtbot, page: ChildrenPage) -> None:
    """With 10k children only the first page of 200 is read, in the background; the count
    gives the total."""
    qtbot.waitUntil(lambda: page.count_label.text() == f"{N} children")
    qtbot.waitUntil(lambda: page.model.rowCount() == 200)
    assert page.model.canFetchMore()
    page.refresh()  # the page is read off the GUI thread: refresh returns before any row
    assert page.model.rowCount() == 0 and page.model.loading
    qtbot.waitUntil(lambda: page.model.rowCount() == 200)


@pytest.mark.parametrize(
    "box, data, keep",
    [
        ("status_filter", "in_care", lambda c: c["status"] == "in_care"),
        ("gender_filter", "female", lambda c: c["gender"] == "female"),
        ("category_filter", 5, lambda c: c["category"] == 5),
        ("flags_filter", True, lambda c: c["flagged"]),
        ("flags_filter", False, lambda c: not c["flagged"]),
    ],
)
def test_filter_keeps_exactly_the_matching_children(qtbot, page, everyone, box, data, keep):
    """Each filter box keeps every child that matches and no other."""
    choose(getattr(page, box), data)
    expected = {c["id"] for c in everyone if keep(c)}
    assert 0 < len(expected) < N
    ids = listed_ids(qtbot, page)
    assert len(ids) == len(set(ids)) and set(ids) == expected
    assert page.count_label.text() in (
        f"Showing {len(expected)} of {N} children",
        f"{len(expected)} children in care (of {N} on record)",  # the list's first view
    )


@pytest.mark.parametrize("band", range(1, len(AGE_BANDS)))
def test_age_band_uses_completed_years(qtbot, page, everyone, band) -> None:
    """An age band keeps the children whose completed age is inside it, birthdays included."""
    _label, lo, hi = AGE_BANDS[band]
    page.age_filter.setCurrentIndex(band)
    expected = {
        c["id"]
        for c in everyone
        if (lo is None or years(c["dob"]) >= lo) and (hi is None or years(c["dob"]) <= hi)
    }
    assert set(listed_ids(qtbot, page)) == expected


@pytest.mark.parametrize("stay", range(1, len(STAYS)))
def test_length_of_stay_bands(qtbot, page, everyone, stay) -> None:
    """A length-of-stay band keeps the children admitted that many days before today."""
    _label, lo, hi = STAYS[stay]
    page.stay_filter.setCurrentIndex(stay)
    days = {c["id"]: (TODAY - c["admitted"]).days for c in everyone}
    expected = {i for i, d in days.items() if (lo is None or d >= lo) and (hi is None or d <= hi)}
    assert set(listed_ids(qtbot, page)) == expected


def test_filters_and_search_combine_and_clear(qtbot, page, everyone) -> None:
    """Search text and several boxes narrow together; Clear filters goes back to the
    children in care (the list's first view), search emptied."""
    first = next(c["name"].split()[0] for c in everyone if c["status"] == "in_care")
    choose(page.status_filter, "in_care")
    choose(page.gender_filter, "male")
    qtbot.keyClicks(page.search_box, first)
    qtbot.waitUntil(lambda: page.search_box.text() == first)
    page.refresh()
    ids = set(listed_ids(qtbot, page))
    by_id = {c["id"]: c for c in everyone}
    assert ids and all(
        by_id[i]["status"] == "in_care" and by_id[i]["gender"] == "male" for i in ids
    )
    page.clear_filters()
    in_care = sum(c["status"] == "in_care" for c in everyone)
    qtbot.waitUntil(
        lambda: page.count_label.text() == f"{in_care} children in care (of {N} on record)"
    )
    assert page.search_box.text() == "" and page.status_filter.currentData() == "in_care"
    assert page.gender_filter.currentIndex() == 0


def test_header_click_sorts_in_sql_over_all_pages(qtbot, page, everyone) -> None:
    """Sorting by name orders the whole list, not only the page already fetched."""
    choose(page.status_filter, "in_care")
    page.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    ids = listed_ids(qtbot, page)
    names = [page.model.data(page.model.index(r, NAME)) for r in range(len(ids))]
    assert names == sorted(names)
    page.table.sortByColumn(AGE, Qt.SortOrder.DescendingOrder)
    ids = listed_ids(qtbot, page)
    by_id = {c["id"]: c for c in everyone}
    dobs = [by_id[i]["dob"] for i in ids]
    assert dobs == sorted(dobs)  # oldest first: earliest dates of birth first


def test_enter_and_double_click_open_the_child(qtbot, page) -> None:
    """Enter on a row, or a double-click, asks for that child's profile."""
    qtbot.waitUntil(lambda: page.model.rowCount() > 5)
    page.table.setFocus()
    page.table.selectRow(3)
    with qtbot.waitSignal(page.open_child) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == [page.model.row_at(3).id]
    index = page.model.index(5, NAME)
    rect = page.table.visualRect(index)
    # a real double-click is a press/release followed by a double-click event
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_child) as blocker:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [page.model.row_at(5).id]


def test_print_hands_the_selection_to_printing(qtbot, page, monkeypatch) -> None:
    """Both print buttons pass every selected child, in list order, to the printing helper."""
    calls = []
    fake = types.ModuleType("desktop.views.printing")
    fake.print_children = lambda parent, ctx, ids, kind: calls.append((ids, kind))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "desktop.views.printing", fake)
    qtbot.waitUntil(lambda: page.model.rowCount() > 10)
    page.table.selectRow(2)
    rect = page.table.visualRect(page.model.index(7, NAME))
    qtbot.mouseClick(
        page.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        rect.center(),
    )
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.cards_button, Qt.MouseButton.LeftButton)
    ids = [page.model.row_at(2).id, page.model.row_at(7).id]
    assert calls == [(ids, "summary"), (ids, "card")]


def _start_page(qtbot, demo_dir: Path) -> tuple[ChildrenPage, AppContext, list[Engine]]:
    """The screen as the window's start builds it: on a raw connection, no engine yet."""
    opened: list[Engine] = []

    def connect() -> Engine:
        opened.append(open_database(demo_dir))
        return opened[-1]

    ctx = AppContext(
        None,
        demo_dir,
        Actor("superintendent", "superintendent", ""),
        today=lambda: TODAY,
        connect=connect,
        start_db=connect_raw(demo_dir / DB_FILENAME, isolation_level=None),
    )
    p = ChildrenPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    return p, ctx, opened


def test_the_start_shows_the_same_first_page_before_the_orm(qtbot, page, demo_dir) -> None:
    """Built on the start's raw connection, the screen shows the first page of the children
    in care at once (no thread), exactly as the listing service gives it; once the engine
    is open the count comes and scrolling goes on from that page, with no row twice."""
    choose(page.status_filter, "in_care")
    expected = listed_ids(qtbot, page)
    shown_rows = [page.model.row_at(r) for r in range(200)]
    start, ctx, opened = _start_page(qtbot, demo_dir)
    assert not ctx.loaded and opened == [] and start.model.rowCount() == 200
    assert [start.model.row_at(r) for r in range(200)] == shown_rows  # flags, labels too
    assert start.count_label.text() == "Counting…" and not start.model.canFetchMore()
    ctx.load()  # what the window does just after its first paint
    assert ctx.loaded and len(opened) == 1 and ctx.start_db is None
    assert listed_ids(qtbot, start) == expected
    assert start.count_label.text().startswith(f"{len(expected)} children in care")
    opened[0].dispose()


def test_a_filter_chosen_before_the_orm_waits_for_it(qtbot, demo_dir, everyone) -> None:
    """Another filter chosen before the engine is open opens it there and then (the click
    waits) and lists what it keeps."""
    start, ctx, opened = _start_page(qtbot, demo_dir)
    choose(start.gender_filter, "female")
    assert ctx.loaded and len(opened) == 1
    want = {c["id"] for c in everyone if c["gender"] == "female" and c["status"] == "in_care"}
    assert set(listed_ids(qtbot, start)) == want
    opened[0].dispose()
