"""The review queue and flags say what happened: acknowledged rows say so, the whole
explanation is readable, order by severity or child by child, acting on flags from the
profile, a flag column on the children list, which opens on the children in care."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.models import Child, Flag
from desktop.services.cases.children import discharge, register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.flags.store import SEVERITY_ORDER, list_flags
from desktop.views.app_context import AppContext
from desktop.views.children.model import FLAGS, NAME
from desktop.views.children.page import ChildrenPage
from desktop.views.profile.page import ProfilePage
from desktop.views.reason_dialog import ReasonDialog
from desktop.views.review import queue as review_queue
from desktop.views.review.queue import CHILD, STATUS, ReviewQueuePage
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")


@pytest.fixture
def three(inst_engine: Engine, actor: Actor) -> list[int]:
    """Three children with overdue work (flags escalated to the state), one has left care."""
    ids = []
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        for first, admitted in (
            ("Meena", "2026-11-10"),
            ("Ravi", "2026-06-01"),
            ("Sita", "2026-10-01"),
        ):
            c = register_child(
                s, child_input(first_name=first, admission_date=admitted), today=TODAY
            )
            ids.append(c.id)
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        sita = s.get(Child, ids[2])
        discharge(s, sita, status="restored", exit_date=TODAY, reason="Home to her mother")
    return ids


def queue(qtbot: QtBot, ctx: AppContext) -> ReviewQueuePage:
    """The review queue, shown at its size in a 1366x768 window, loaded."""
    page = ReviewQueuePage(ctx)
    qtbot.addWidget(page)
    page.resize(1366 - 190 - 16, 768 - 40 - 80)  # the window less navigation, menus, status
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    return page


def choose(qtbot: QtBot, page: ReviewQueuePage, box: Any, data: Any) -> None:
    """Pick a choice and wait for the queue to load again."""
    with qtbot.waitSignal(page.loaded, timeout=5000):
        box.setCurrentIndex(box.findData(data))


def test_an_acknowledged_escalated_flag_says_it_was_acknowledged(
    qtbot: QtBot, ctx: AppContext, three: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Acknowledging a flag already sent up to the state keeps it escalated, and its row
    says both, so nobody wonders whether the acknowledgement was saved."""
    page = queue(qtbot, ctx)
    choose(qtbot, page, page.rule_box, "production_cwc")
    assert page.model.data(page.model.index(0, STATUS)) == "Escalated"
    monkeypatch.setattr(ReasonDialog, "ask", staticmethod(lambda *a: "Producing on 25-11"))
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.ack_button, Qt.MouseButton.LeftButton)
    assert page.model.data(page.model.index(0, STATUS)) == "Escalated · acknowledged"
    assert not page.ack_button.isEnabled()
    assert "Acknowledged by asha (Asha Kumari)" in page.detail.text()


def test_the_whole_explanation_is_there_to_read(
    qtbot: QtBot, ctx: AppContext, three: list[int]
) -> None:
    """The detail panel shows every line of the chosen flag's explanation without cutting
    the last one off (at the queue's size in a 1366x768 window)."""
    page = queue(qtbot, ctx)
    longest = max(range(len(page.model.rows)), key=lambda i: len(page.model.rows[i].explanation))
    page.table.selectRow(longest)
    qtbot.wait(50)
    needed = page.detail.heightForWidth(page.detail_area.viewport().width())
    assert needed <= page.detail_area.viewport().height()
    assert page.model.rows[longest].explanation in page.detail.text()


def test_order_by_severity_or_child_by_child_and_show_more(
    qtbot: QtBot, ctx: AppContext, three: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The most serious first; or child by child (each child named once, the most serious
    of theirs first); more than a page shows with "Show more"; the summary counts."""
    page = queue(qtbot, ctx)
    with Session(ctx.engine) as s:
        flags = list_flags(s)
    children = {f.child_id for f in flags}
    assert len(children) == 2  # Sita left care: her flags closed
    assert f"{len(flags)} flags of 2 children" in page.summary.text()
    choose(qtbot, page, page.order_box, "severity")
    ranks = [SEVERITY_ORDER[r.severity] for r in page.model.rows]
    assert ranks == sorted(ranks) and len(set(ranks)) > 1
    choose(qtbot, page, page.order_box, "child")
    owners = [r.child_id for r in page.model.rows]
    assert owners == sorted(owners, key=lambda c: owners.index(c))  # each child's rows together
    names = [page.model.data(page.model.index(i, CHILD)) for i in range(len(owners))]
    assert sum(1 for n in names if n) == 2  # named once per child
    monkeypatch.setattr(review_queue, "SHOW_AT_MOST", 3)
    page.show_at_most = 3
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert page.more_button.isVisible() and "The first 3 are shown" in page.summary.text()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == min(6, len(flags))


def test_flags_are_acted_on_from_the_profile(
    qtbot: QtBot, ctx: AppContext, three: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The profile lists the child's open flags; Resolve there closes the chosen one with
    the reason, and the list shows one fewer."""
    profile = ProfilePage(ctx, three[0])
    qtbot.addWidget(profile)
    profile.show()
    panel = profile.overview.flags
    before = len(panel.rows)
    assert before >= 2 and panel.ack_button.isVisible() and panel.resolve_button.isVisible()
    panel.table.selectRow(1)
    chosen = panel.current()
    assert chosen is not None and chosen.rule in panel.detail.text()
    monkeypatch.setattr(ReasonDialog, "ask", staticmethod(lambda *a: "Done on 22-11-2026"))
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.rows) == before - 1)
    with Session(ctx.engine) as s:
        flag = s.get(Flag, chosen.id)
        assert flag.status == "resolved" and flag.note == "Done on 22-11-2026"
    assert f"Open flags ({before - 1})" in panel.text()


def test_children_list_has_a_flag_column_and_opens_on_children_in_care(
    qtbot: QtBot, ctx: AppContext, three: list[int]
) -> None:
    """The list opens on "In care" (Sita, who went home, is not in it) and shows each
    child's open flags, coloured by the most serious, with a tooltip saying which."""
    page = ChildrenPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and "in care" in page.count_label.text())
    assert page.status_filter.currentData() == "in_care"
    assert page.count_label.text() == "2 children in care (of 3 on record)"
    m = page.model
    names = [m.data(m.index(r, NAME)) for r in range(2)]
    assert all("Sita" not in n for n in names)
    with Session(ctx.engine) as s:
        counts = {
            cid: len(
                list(s.scalars(select(Flag).where(Flag.child_id == cid, Flag.status != "resolved")))
            )
            for cid in three[:2]
        }
    for r in range(2):
        row = m.row_at(r)
        assert m.data(m.index(r, FLAGS)) == str(counts[row.id]) != "0"
        assert "the most serious" in m.data(m.index(r, FLAGS), Qt.ItemDataRole.ToolTipRole)
    assert m.headerData(FLAGS, Qt.Orientation.Horizontal) == "Flags"
    page.table.sortByColumn(FLAGS, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() == 2)
    shown = [int(m.data(m.index(r, FLAGS))) for r in range(2)]
    assert shown == sorted(shown, reverse=True)
