"""The review queue page: flags appear, filters, acknowledge/resolve with a reason, open."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.models import AuditEvent, Flag
from desktop.rules.engine import RULES_BY_ID
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.flags.review import count_flags, queue_cutoff
from desktop.services.flags.store import list_flags
from desktop.views.app_context import AppContext
from desktop.views.ops import BackgroundOp
from desktop.views.reason_dialog import ReasonDialog
from desktop.views.review.queue import CHILD, RULE, ReviewQueuePage
from tests.conftest import TODAY
from tests.helpers import child_input


@pytest.fixture
def child_id(inst_engine: Engine, actor: Actor) -> int:
    """A child admitted on 10-11-2026, never produced before the CWC nor examined."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        c = register_child(s, child_input(admission_date="2026-11-10"), today=TODAY)
        return c.id


def _page(qtbot: QtBot, engine: Engine, actor: Actor, data_dir: Any) -> ReviewQueuePage:
    ctx = AppContext(engine=engine, data_dir=data_dir, actor=actor, today=lambda: TODAY)
    page = ReviewQueuePage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    return page


def _texts(page: ReviewQueuePage, col: int) -> list[str]:
    m = page.model
    return [m.data(m.index(r, col)) for r in range(m.rowCount())]


def _select_rule(page: ReviewQueuePage, qtbot: QtBot, rule_id: str) -> None:
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.rule_box.setCurrentIndex(page.rule_box.findData(rule_id))


def test_flags_appear_and_filter_by_rule_and_level(
    qtbot: QtBot, inst_engine: Engine, actor: Actor, data_dir: Any, child_id: int
) -> None:
    """The child's open flags are listed by due date; the rule and level filters narrow them."""
    page = _page(qtbot, inst_engine, actor, data_dir)
    with Session(inst_engine) as s:
        expected = count_flags(s)
        rules = s.scalars(select(Flag.rule_id).where(Flag.status != "resolved")).all()
    assert page.model.rowCount() == expected == len(rules) >= 3
    assert all("Priya Kumari" in t for t in _texts(page, CHILD))
    assert sorted(_texts(page, RULE)) == sorted(RULES_BY_ID[r].en for r in rules)
    dues = [r.due_on for r in page.model.rows]
    assert dues == sorted(dues)  # by due date
    assert str(expected) in page.summary.text()
    _select_rule(page, qtbot, "medical_exam")
    assert page.model.rowCount() == 1
    assert page.current_flag() is not None and page.current_flag().rule_id == "medical_exam"
    assert "medical" in page.detail.text().lower()
    # production_cwc (escalation 3 days) is 12 days overdue: at the state level, not district.
    _select_rule(page, qtbot, "production_cwc")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.level_box.setCurrentIndex(page.level_box.findData(1))
    assert page.model.rowCount() == 0
    assert "Nothing needs review" in page.summary.text()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.level_box.setCurrentIndex(page.level_box.findData(2))
    assert [r.rule_id for r in page.model.rows] == ["production_cwc"]


def test_acknowledge_then_resolve_records_who_and_why(
    qtbot: QtBot,
    inst_engine: Engine,
    actor: Actor,
    data_dir: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Acknowledging and resolving ask for a reason and keep it with the person's name."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:  # flags still at the CCI level
        register_child(s, child_input(admission_date="2026-11-21"), today=TODAY)
    page = _page(qtbot, inst_engine, actor, data_dir)
    _select_rule(page, qtbot, "medical_exam")
    reasons = iter(["Doctor booked for 24/11", "Examined by Dr Rao at PMCH on 24/11"])
    monkeypatch.setattr(ReasonDialog, "ask", staticmethod(lambda *a: next(reasons)))
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.ack_button, Qt.MouseButton.LeftButton)
    with Session(inst_engine) as s:
        flag = s.scalars(select(Flag).where(Flag.rule_id == "medical_exam")).one()
        assert flag.status == "acknowledged"
        assert flag.acknowledged_by == actor.label and flag.note == "Doctor booked for 24/11"
    assert page.model.rows[0].status == "acknowledged"
    assert not page.ack_button.isEnabled()  # already acknowledged
    assert "Acknowledged by asha (Asha Kumari)" in page.detail.text()
    assert "Doctor booked for 24/11" in page.detail.text()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.resolve_button.click()
    with Session(inst_engine) as s:
        flag = s.scalars(select(Flag).where(Flag.rule_id == "medical_exam")).one()
        assert flag.status == "resolved" and flag.resolved_by == actor.label
        assert flag.note == "Examined by Dr Rao at PMCH on 24/11"
        actions = s.scalars(select(AuditEvent.action)).all()
        assert "resolve_flag medical_exam" in actions
    assert page.model.rowCount() == 0  # gone from the queue


def test_cancelling_the_reason_changes_nothing(
    qtbot: QtBot,
    inst_engine: Engine,
    actor: Actor,
    data_dir: Any,
    child_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cancel in the reason dialog leaves the flag open."""
    page = _page(qtbot, inst_engine, actor, data_dir)
    monkeypatch.setattr(ReasonDialog, "ask", staticmethod(lambda *a: None))
    page.resolve_button.click()
    with Session(inst_engine) as s:
        assert s.scalars(select(Flag.status)).all().count("resolved") == 0


def test_reason_dialog_needs_words(qtbot: QtBot) -> None:
    """The dialog's Save button stays off until a reason (not just spaces) is typed."""
    dlg = ReasonDialog("Resolve", "Why?")
    qtbot.addWidget(dlg)
    assert not dlg.ok.isEnabled()
    qtbot.keyClicks(dlg.text, "   ")
    assert not dlg.ok.isEnabled()
    qtbot.keyClicks(dlg.text, "SIR submitted")
    assert dlg.ok.isEnabled() and dlg.reason() == "SIR submitted"


def test_open_child_signal(
    qtbot: QtBot, inst_engine: Engine, actor: Actor, data_dir: Any, child_id: int
) -> None:
    """Double-clicking a flag asks for its child's record (the main window opens the profile)."""
    page = _page(qtbot, inst_engine, actor, data_dir)
    with qtbot.waitSignal(page.open_child, timeout=2000) as blocker:
        page.open_button.click()
    assert blocker.args == [child_id]


def test_queue_cutoff_gives_the_same_first_flags(inst_engine: Engine, actor: Actor) -> None:
    """Reading the queue up to the n-th due date gives exactly the first n flags, ties too."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        for admitted in ("2026-11-10", "2026-11-10", "2026-10-01"):
            register_child(s, child_input(admission_date=admitted, name_local=None), today=TODAY)
    with Session(inst_engine) as s:
        everything = list_flags(s)
        assert len(everything) >= 8
        assert len({r.due_on for r in everything}) < len(everything)  # some share a due date
        for n in range(1, len(everything) + 1):
            cut = queue_cutoff(s, n=n)
            assert list_flags(s, limit=n, due_on_or_before=cut) == everything[:n]
        assert queue_cutoff(s, n=len(everything) + 1) is None
        first = queue_cutoff(s, n=1, rule_id="medical_exam")
        assert first == min(r.due_on for r in everything if r.rule_id == "medical_exam")


def test_the_last_filter_chosen_wins(
    qtbot: QtBot, inst_engine: Engine, actor: Actor, data_dir: Any, child_id: int
) -> None:
    """Changing the filter quickly twice shows the second choice, whichever load ends last."""
    page = _page(qtbot, inst_engine, actor, data_dir)
    page.rule_box.setCurrentIndex(page.rule_box.findData("medical_exam"))
    page.rule_box.setCurrentIndex(page.rule_box.findData("production_cwc"))
    qtbot.waitUntil(lambda: [r.rule_id for r in page.model.rows] == ["production_cwc"])
    # Both loads finish; the first, slower or not, must not overwrite the second.
    qtbot.waitUntil(lambda: not BackgroundOp._running, timeout=5000)
    assert [r.rule_id for r in page.model.rows] == ["production_cwc"]


def test_main_window_opens_the_childs_profile_from_the_queue(
    qtbot: QtBot, inst_engine: Engine, actor: Actor, data_dir: Any, child_id: int
) -> None:
    """In the real window, Open on a flag shows that child's profile."""
    from desktop.views.main_window import MainWindow

    ctx = AppContext(engine=inst_engine, data_dir=data_dir, actor=actor, today=lambda: TODAY)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.page("review")
    assert isinstance(page, ReviewQueuePage)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        window.show_page("review")
    page.open_button.click()
    assert window.current_key() == "profile"
    assert window.profile is not None and window.profile.child_id == child_id
