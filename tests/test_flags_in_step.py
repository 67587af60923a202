"""A whole run that compares only what may have changed stores what comparing every flag stores.

The daily run (issue 22) evaluates again only the children listed as changed since the
last run or whose verdicts' window ended, trusts that the others' flags already say what
their stored verdicts say, and raises their levels by time from the flags whose due day
crossed a threshold since the last run. Two copies of the same invented home get the
same days, edits and actions by hand; one runs the quick way, the other is made to
compare every flag each time (and, in the second test, to evaluate every child afresh,
trusting no stored verdict: what the date and the data alone give). Their flags must
agree field by field after every run, and so must the runs' counts.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from desktop.models import Child, Flag
from desktop.services.cases.children import discharge
from desktop.services.core.audit import audited
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.flags import evaluate as flag_runs
from desktop.services.flags import flag_writes
from desktop.services.flags.evaluate import EvalSummary, evaluate_all
from desktop.services.flags.store import (
    OPEN,
    acknowledge_flag,
    count_flags,
    escalate_flag,
    resolve_flag,
)
from tests.conftest import TODAY
from tests.demo_data import demo_engine
from tests.test_child_facts import UPDATES_AND_DELETES

ASHA = Actor("asha", "superintendent", "Asha Kumari")
# What identifies a flag on both copies, and what the runs decide about it.
SAME = (
    "rule_id",
    "policy_version",
    "severity",
    "raised_on",
    "due_on",
    "status",
    "escalation_level",
    "acknowledged_on",
    "resolved_on",
    "resolved_by",
    "note",
    "suppressed_until",
    "manual_level",
    "version",
)


@pytest.fixture
def twins(tmp_path) -> tuple[Engine, Engine]:
    """Two data folders with the same invented children (400, no flags yet)."""
    return (
        demo_engine(tmp_path / "quick", children=400, seed=5, run_rules=False),
        demo_engine(tmp_path / "full", children=400, seed=5, run_rules=False),
    )


def _flags(engine: Engine) -> list[tuple[Any, ...]]:
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        rows = s.execute(
            select(Child.code, *(getattr(Flag, c) for c in SAME))
            .join(Child, Child.id == Flag.child_id)
            .order_by(Child.code, Flag.rule_id, Flag.raised_on, Flag.id)
        ).all()
        return [tuple(r) for r in rows]


def _run(engine: Engine, day, *, full: bool, afresh: bool = False) -> EvalSummary:  # type: ignore[no-untyped-def]
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        dbapi = s.connection().connection.driver_connection
        if full:  # as if another run had stored verdicts since: every flag is compared
            dbapi.execute("UPDATE rule_verdict_key SET flags_generation = NULL")
        if afresh:  # as after a change of rules: no stored verdict is trusted
            dbapi.execute("DELETE FROM rule_verdict_key")
        return evaluate_all(s, as_of=day)


def _both(quick: Engine, full: Engine, day, fn) -> None:  # type: ignore[no-untyped-def]
    for engine in (quick, full):
        with unit_of_work(engine, ASHA, as_of=day) as s:
            fn(s, day)


def _by_hand(s, day) -> None:  # type: ignore[no-untyped-def]
    """A flag resolved, one acknowledged and one escalated by hand."""
    open_ = s.scalars(
        select(Flag).where(Flag.status == "open").order_by(Flag.child_id, Flag.rule_id)
    ).all()
    resolve_flag(s, open_[0], note="Done on paper", on=day)
    acknowledge_flag(s, open_[5], note="We are on it", on=day)
    escalate_flag(s, open_[9], note="Needs the district")


def _flag_edited(s, day) -> None:  # type: ignore[no-untyped-def]
    """A flag written through the session by something other than the rules (as sync
    applies a received record): its due date and level no longer what the rules say."""
    flag = s.scalars(
        select(Flag).where(Flag.status == "open").order_by(Flag.child_id.desc(), Flag.rule_id)
    ).first()
    with audited(s, "acknowledge_flag edited"):
        flag.due_on = day - timedelta(days=400)
        flag.escalation_level = 1


def _leaves(s, day) -> None:  # type: ignore[no-untyped-def]
    """A child leaves care (the write path resolves its flags)."""
    child = s.scalars(select(Child).where(Child.status == "in_care").order_by(Child.code)).first()
    discharge(s, child, status="restored", exit_date=day, reason="Restored", today=day)


def test_the_quick_daily_run_stores_what_comparing_every_flag_stores(twins, monkeypatch):
    quick, full = twins
    compared: list[bool] = []
    real = flag_runs._in_step_since
    monkeypatch.setattr(
        flag_runs,
        "_in_step_since",
        lambda *a: compared.append((r := real(*a)) is None) or r,
    )
    days = [0, 0, 1, 2, 7, 16, 30, 31, 45, 95, 100, 200, 120]
    quick_changes = {"raised": 0, "resolved": 0, "escalated": 0}
    for n, offset in enumerate(days):
        day = TODAY + timedelta(days=offset)
        if n == 3:
            _both(quick, full, day, _by_hand)
        if n == 6:
            _both(quick, full, day, _leaves)
        a = _run(quick, day, full=False)
        b = _run(full, day, full=True)
        assert (a.raised, a.resolved, a.escalated, a.updated) == (
            b.raised,
            b.resolved,
            b.escalated,
            b.updated,
        ), f"day +{offset}"
        assert a.children == b.children, f"day +{offset}"
        if 0 < n < len(days) - 1:
            quick_changes["raised"] += sum(a.raised.values())
            quick_changes["resolved"] += sum(a.resolved.values())
            quick_changes["escalated"] += sum(a.escalated.values())
        assert _flags(quick) == _flags(full), f"day +{offset}"
    # The quick copy compared every flag only on its first run and when the day went back.
    quick_runs = compared[0::2]
    assert quick_runs[0] is True and quick_runs[-1] is True
    assert not any(quick_runs[1:-1])
    assert all(compared[1::2])
    assert len(_flags(quick)) > 500
    # The quick runs did have flags to raise, resolve and escalate by time.
    assert all(n > 0 for n in quick_changes.values()), quick_changes


def _raw(engine: Engine, *sqls: str) -> None:
    """Writes past the services (as an import or another tool might make them): only
    the triggers know; no flag is touched, no change sequence number taken."""
    with engine.begin() as con:
        for sql in sqls:
            con.exec_driver_sql(sql)


# In care, with unresolved flags: leaves care by a raw write (the flags stay open).
RAW_LEAVES = (
    "UPDATE child SET status = 'aged_out' WHERE id IN (SELECT child_id FROM flag "
    "WHERE status != 'resolved' GROUP BY child_id ORDER BY child_id DESC LIMIT 3)"
)
RAW_CHANGES = [
    UPDATES_AND_DELETES["visits deleted"],
    UPDATES_AND_DELETES["document obtained"],
    UPDATES_AND_DELETES["order deleted"],
    UPDATES_AND_DELETES["guardian died on a date"],
    "UPDATE child SET medical_exam_on = NULL WHERE id IN "
    "(SELECT id FROM child WHERE status = 'in_care' ORDER BY id LIMIT 12)",
    "UPDATE child SET status = 'in_care' WHERE id IN "
    "(SELECT id FROM child WHERE status != 'in_care' ORDER BY id LIMIT 4)",
]


def test_the_daily_run_gives_what_the_date_and_the_data_give(twins):
    """Quick daily runs, with raw writes and actions by hand between them, against runs
    that trust nothing stored: the same flags, field by field, after every run."""
    quick, fresh = twins
    days = [0, 1, 1, 3, 10, 33, 34, 64, 150]
    for n, offset in enumerate(days):
        day = TODAY + timedelta(days=offset)
        if n == 2:
            _both(quick, fresh, day, _by_hand)
        if n == 3:
            for engine in (quick, fresh):
                _raw(engine, RAW_LEAVES, *RAW_CHANGES[:3])
        if n == 5:
            for engine in (quick, fresh):
                _raw(engine, *RAW_CHANGES[3:])
        if n == 4:
            _both(quick, fresh, day, _flag_edited)
        if n == 6:
            _both(quick, fresh, day, _leaves)
        a = _run(quick, day, full=False)
        b = _run(fresh, day, full=True, afresh=True)
        assert (a.raised, a.resolved, a.escalated, a.updated) == (
            b.raised,
            b.resolved,
            b.escalated,
            b.updated,
        ), f"day +{offset}"
        assert a.children == b.children, f"day +{offset}"
        assert _flags(quick) == _flags(fresh), f"day +{offset}"
        if n == 3:  # the children who left care by a raw write had their flags resolved
            assert sum(a.resolved.values()) >= 3
        _assert_counts(quick)
    with unit_of_work(quick, SYSTEM, rules=False) as s:
        dbapi = s.connection().connection.driver_connection
        # Every active child has stored verdicts or is listed to evaluate again, not both.
        assert dbapi.execute(
            "SELECT count(*) FROM child c WHERE c.status = 'in_care' AND "
            "(SELECT count(*) FROM rule_verdict WHERE child_id = c.id) + "
            "(SELECT count(*) FROM rule_verdict_stale WHERE child_id = c.id) != 1"
        ).fetchone() == (0,)
        assert count_flags(s, statuses=("resolved",)) > 0  # the counts above had some


def _assert_counts(engine: Engine) -> None:
    """count_flags (all flags less the other statuses' index ranges) against a count."""
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        for statuses in (OPEN, ("resolved",), ("open",), ("escalated", "resolved"), ()):
            want = s.scalar(select(func.count()).where(Flag.status.in_(statuses)))
            assert count_flags(s, statuses=statuses) == want, statuses


def test_a_day_with_nothing_due_evaluates_nothing(twins, monkeypatch):
    """The run after a run, on the same day and nothing changed, evaluates no child."""
    quick, _ = twins
    _run(quick, TODAY, full=False)
    _run(quick, TODAY + timedelta(days=1), full=False)
    evaluated: list[tuple[int, int]] = []
    real = flag_runs.run_rules

    def watch(*a, **k):  # type: ignore[no-untyped-def]
        out = real(*a, **k)
        evaluated.append((len(out.seen), out.reused))  # the quick way: seen = evaluated
        return out

    monkeypatch.setattr(flag_runs, "run_rules", watch)
    again = _run(quick, TODAY + timedelta(days=1), full=False)
    assert evaluated[0][0] == 0 and evaluated[0][1] > 150
    assert again.updated == 0 and not again.raised and not again.resolved


def _indexes(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as con:
        return [
            (r[0], r[1])
            for r in con.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'flag' "
                "ORDER BY name"
            )
        ]


def test_a_first_run_makes_the_flag_indexes_again_as_they_were(tmp_path, monkeypatch):
    """A first run drops the flag table's indexes for its big insert and makes them again."""
    engine = demo_engine(tmp_path / "first", children=400, seed=5, run_rules=False)
    monkeypatch.setattr(flag_writes, "REBUILD_FROM", 1)
    dropped: list[str] = []
    real = flag_writes.insert_flags

    def watch(dbapi, *a, **k):  # type: ignore[no-untyped-def]
        trace = dbapi.set_trace_callback
        trace(lambda q: dropped.append(q) if q.startswith("DROP INDEX") else None)
        try:
            return real(dbapi, *a, **k)
        finally:
            trace(None)

    monkeypatch.setattr(flag_runs, "insert_flags", watch)
    before = _indexes(engine)
    _run(engine, TODAY, full=False)
    # Every index made by CREATE INDEX (all but the unique one on uuid, which has no sql).
    made = sorted(name for name, sql in before if sql)
    assert len(made) >= 6
    assert sorted(q.split('"')[1] for q in dropped) == made
    assert _indexes(engine) == before
    with engine.connect() as con:
        plan = con.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT due_on FROM flag WHERE status = 'open' ORDER BY due_on"
        ).all()
        assert "ix_flag_status_due" in str(plan)
        assert con.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert len(_flags(engine)) > 500
