"""The window's rules run: at start-up and on a new day, off the GUI thread."""

from __future__ import annotations

import sqlite3
import time
from datetime import date

import pytest
from sqlalchemy import text

from desktop.rules import scan as rule_scan
from desktop.services.cases.children import register_child
from desktop.services.core.context import unit_of_work
from desktop.services.flags import evaluate as flags
from desktop.vault import sqlite as cipher
from desktop.views.app_context import AppContext
from desktop.views.main_window import MainWindow
from desktop.views.review import rule_runs
from desktop.views.review.rule_runs import RuleRunner
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


def test_a_change_saved_during_the_run_makes_it_run_again(inst_engine, actor, monkeypatch):
    """Someone saves a change after the background run has read, before it writes:
    SQLite refuses the run's writes at once (its snapshot is out of date), and the run
    is made again, whole. With no attempt left, the error reaches the window."""
    with unit_of_work(inst_engine, actor, rules=False) as s:
        register_child(s, child_input(), today=TODAY)
    flags.run_rules_today(inst_engine, as_of=TODAY)  # verdicts stored, key set
    real = rule_scan.scan
    calls: list[int] = []

    def read_then_someone_saves(*args, **kwargs):  # type: ignore[no-untyped-def]
        out = real(*args, **kwargs)  # the run's snapshot has begun
        calls.append(len(out.seen))
        if len(calls) == 1:  # the window saves an edit on its own connection
            with inst_engine.begin() as c:
                c.execute(text("UPDATE institution SET name = name || ' '"))
        return out

    monkeypatch.setattr(rule_scan, "scan", read_then_someone_saves)
    with unit_of_work(inst_engine, actor, rules=False) as s:  # a child with no verdicts yet
        meena = register_child(s, child_input(first_name="Meena"), today=TODAY).id
    started = time.perf_counter()
    summary, open_flags = flags.run_rules_today(inst_engine, as_of=TODAY)
    assert time.perf_counter() - started < 5  # refused at once, not after a lock wait
    assert calls == [1, 1]  # two attempts, each evaluating only the new child
    assert sum(summary.raised.values()) > 0
    with inst_engine.connect() as c:
        n = c.execute(text("SELECT count(*) FROM flag WHERE child_id = :c"), {"c": meena})
        assert n.scalar() == sum(summary.raised.values())
        assert c.execute(text("SELECT count(*) FROM flag")).scalar() == open_flags
    with unit_of_work(inst_engine, actor, rules=False) as s:
        register_child(s, child_input(first_name="Sita"), today=TODAY)
    calls.clear()
    with pytest.raises(cipher.OperationalError, match="locked"):
        flags.run_rules_today(inst_engine, as_of=TODAY, attempts=1)


def test_a_failed_run_is_tried_again_at_the_next_hourly_check(qtbot, inst_engine, monkeypatch):
    """A run that fails (the disk full, the file locked too long) is not counted as the
    day's run: the next check runs it again."""
    real = rule_runs.run_rules_today
    failures = ["database is locked"]

    def fail_once(*args, **kwargs):  # type: ignore[no-untyped-def]
        if failures:
            raise sqlite3.OperationalError(failures.pop())
        return real(*args, **kwargs)

    monkeypatch.setattr(rule_runs, "run_rules_today", fail_once)
    runner = RuleRunner(inst_engine, today=lambda: TODAY)
    with qtbot.waitSignal(runner.failed, timeout=10_000) as blocker:
        runner.run_if_new_day()
    assert "locked" in blocker.args[0]
    qtbot.waitUntil(lambda: runner.last_run is None and not runner._busy.locked())
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.run_if_new_day()
    assert runner.last_run == TODAY
