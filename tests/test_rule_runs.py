"""The window's rules run: at start-up and on a new day, off the GUI thread."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from desktop.services.children import register_child
from desktop.services.context import unit_of_work
from desktop.views.app_context import AppContext
from desktop.views.main_window import MainWindow
from desktop.views.rule_runs import RuleRunner
from tests.conftest import TODAY
from tests.helpers import child_input


def test_rule_run_raises_flags_and_updates_the_status_bar(qtbot, inst_engine, actor, data_dir):
    """Start-up run evaluates in a worker thread and the status bar shows the open flags."""
    with unit_of_work(inst_engine, actor, rules=False) as s:
        register_child(s, child_input(), today=TODAY)
    window = MainWindow(AppContext(inst_engine, data_dir, actor, today=lambda: TODAY))
    qtbot.addWidget(window)
    day = [date(2026, 11, 23)]
    runner = RuleRunner(inst_engine, today=lambda: day[0], parent=window)
    runner.finished.connect(window.show_open_flags)
    with qtbot.waitSignal(runner.finished, timeout=10_000) as blocker:
        runner.start()
    n = blocker.args[0]
    assert n > 0 and window.flags_label.text() == f"{n} open flags"
    with inst_engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM flag WHERE status != 'resolved'")).scalar() == n
    # the same day again: no second run; a new day: a run
    with qtbot.assertNotEmitted(runner.finished, wait=300):
        runner.run_if_new_day()
    day[0] = date(2026, 11, 24)
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.run_if_new_day()
    assert runner.last_run == date(2026, 11, 24)
