"""The adoption board: lanes per stage, days in stage, deadlines from the policy; the page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.models import Child
from desktop.rules.policy import load_policy
from desktop.services.cases.casework import move_adoption_stage
from desktop.services.cases.children import discharge, register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.flags.adoption_board import LANES, adoption_board, stage_limits
from desktop.views.app_context import AppContext
from desktop.views.overview.adoption_board import OVERDUE_TEXT, AdoptionBoardPage
from tests.conftest import TODAY
from tests.helpers import child_input


def _child(s: Session, first: str, stages: list[tuple[str, date]]) -> int:
    c = register_child(
        s, child_input(first_name=first, name_local=None, admission_date="2023-01-02"), today=TODAY
    )
    for stage, on in stages:
        move_adoption_stage(s, c, stage=stage, entered_on=on, today=TODAY, note="for the test")
    return c.id


def _setup(engine: Engine, actor: Actor) -> dict[str, int]:
    def d(days: int) -> date:
        return TODAY - timedelta(days=days)

    with unit_of_work(engine, actor, rules=False) as s:
        ids = {
            # "reviewed" may last 30 days: day 30 is the last day, day 31 is overdue.
            "on_time": _child(s, "Ravi", [("recommended", d(50)), ("reviewed", d(30))]),
            "late": _child(s, "Sita", [("recommended", d(60)), ("reviewed", d(31))]),
            "adopted": _child(s, "Gita", [("recommended", d(400)), ("adopted", d(20))]),
            "old_adopted": _child(s, "Mira", [("recommended", d(900)), ("adopted", d(500))]),
            "withdrawn": _child(s, "Arun", [("recommended", d(40)), ("withdrawn", d(5))]),
            "left": _child(s, "Amit", [("inquiry", d(10))]),
            "future": _child(s, "Kiran", [("csr_mer", d(3))]),
        }
        left = s.get_one(Child, ids["left"])
        discharge(s, left, status="restored", exit_date=d(1), reason="restored", today=TODAY)
    return ids


def test_lanes_days_in_stage_and_deadlines(inst_engine: Engine, actor: Actor) -> None:
    """Each child is in its latest stage's lane with days in stage; overdue after the limit."""
    ids = _setup(inst_engine, actor)
    with Session(inst_engine) as s:
        board = adoption_board(s, as_of=TODAY)
    assert list(board) == list(LANES)
    where = {c.child_id: (lane, c) for lane, cards in board.items() for c in cards}
    lane, ok = where[ids["on_time"]]
    assert lane == "reviewed" and ok.days_in_stage == 30 and ok.limit_days == 30
    assert not ok.overdue and ok.deadline == TODAY
    lane, late = where[ids["late"]]
    assert lane == "reviewed" and late.overdue and late.days_over == 1
    assert board["reviewed"][0].child_id == ids["late"]  # longest waiting first
    lane, adopted = where[ids["adopted"]]
    assert lane == "adopted" and not adopted.overdue and adopted.deadline is None
    lane, fresh = where[ids["future"]]
    assert lane == "csr_mer" and fresh.days_in_stage == 3 and not fresh.overdue
    # Adopted long ago, withdrawn, or no longer in care: not on the board.
    for gone in ("old_adopted", "withdrawn", "left"):
        assert ids[gone] not in where


def test_board_as_of_an_earlier_day(inst_engine: Engine, actor: Actor) -> None:
    """As of an earlier date the stage entered later is not yet counted."""
    ids = _setup(inst_engine, actor)
    with Session(inst_engine) as s:
        board = adoption_board(s, as_of=TODAY - timedelta(days=35))
    where = {c.child_id: lane for lane, cards in board.items() for c in cards}
    assert where[ids["late"]] == "recommended"
    assert ids["future"] not in where


def test_limits_come_from_the_policy() -> None:
    """Stage limits are the policy's adoption_stage_stuck stage_days."""
    limits = stage_limits(load_policy())
    assert limits["presented_to_cwc"] == 60 and limits["declared_lfa"] == 10
    assert "adopted" not in limits


def test_page_shows_lanes_overdue_and_opens_a_child(
    qtbot: QtBot, inst_engine: Engine, actor: Actor, data_dir: Path
) -> None:
    """Each lane lists its children with days in stage; overdue cards are red; open works."""
    ids = _setup(inst_engine, actor)
    ctx = AppContext(engine=inst_engine, data_dir=data_dir, actor=actor, today=lambda: TODAY)
    page = AdoptionBoardPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    lane = page.lanes["reviewed"]
    assert lane.title.text() == "Reviewed  (2)"
    assert "Time limit: 30 days" in lane.info.text() and "Past the limit: 1" in lane.info.text()
    m = lane.model
    first, second = m.index(0), m.index(1)
    assert "Sita" in first.data() and "Days in this stage: 31" in first.data()
    assert "Days past the limit: 1" in first.data()
    assert first.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_TEXT
    assert "Ravi" in second.data() and second.data(Qt.ItemDataRole.ForegroundRole) is None
    assert page.lanes["adopted"].model.rowCount() == 1
    assert page.lanes["inquiry"].model.rowCount() == 0  # Amit left care
    assert "Past their stage's time limit (shown in red): 1." in page.summary.text()
    with qtbot.waitSignal(page.open_child, timeout=2000) as blocker:
        lane.view.doubleClicked.emit(first)
    assert blocker.args == [ids["late"]]
