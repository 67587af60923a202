"""Whole-database rule runs in several processes give exactly the in-process result."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from desktop.db import DB_FILENAME
from desktop.models import Child, Flag
from desktop.rules import scan as rule_scan
from desktop.rules.engine import RULES
from desktop.rules.policy import load_policy
from desktop.rules.scan import scan_all
from desktop.services.core.context import SYSTEM, unit_of_work
from desktop.services.flags.evaluate import _hits_in_process, evaluate_all
from desktop.services.flags.words import FlagToWord, word_flags
from tests.conftest import TODAY
from tests.demo_data import demo_engine

POLICY = load_policy()


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> tuple[Engine, Engine]:
    """Two data folders with the same invented children."""
    base = tmp_path_factory.mktemp("scan")
    return (
        demo_engine(base / "a", children=400, seed=11, run_rules=False),
        demo_engine(base / "b", children=400, seed=11, run_rules=False),
    )


def test_worker_processes_find_the_same_hits(twins):
    """scan_all with 3 processes returns the same (child, rule, due) set as the session path."""
    engine, _ = twins
    db = Path(engine.url.database)
    assert db.name == DB_FILENAME
    scanned = scan_all(db, as_of=TODAY, policy=POLICY, workers=3)
    got = {
        (c, RULES[i].id, d)
        for c, i, d in zip(scanned.child, scanned.rule, scanned.due, strict=True)
    }
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        seen, hits = _hits_in_process(s, as_of=TODAY, policy=POLICY, child_ids=None)
    want = {(c, rid, h.due.toordinal()) for (c, rid), h in hits.items()}
    assert len(want) > 500  # the demo children do raise flags
    assert got == want
    assert sorted(scanned.seen) == sorted(seen)
    assert len(scanned.seen) == len(set(scanned.seen))  # every child in exactly one part


def _flags(engine: Engine) -> list[tuple]:
    """Every flag with its words as shown (flags store none), in code and rule order."""
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        rows = s.execute(
            select(
                Child.code,
                Flag.rule_id,
                Flag.due_on,
                Flag.status,
                Flag.escalation_level,
                Flag.policy_version,
                Flag.id,
                Flag.child_id,
                Flag.raised_on,
                Flag.resolved_on,
            )
            .join(Child, Child.id == Flag.child_id)
            .order_by(Child.code, Flag.rule_id)
        ).all()
        words = word_flags(
            s,
            [
                FlagToWord(
                    r.id, r.child_id, r.rule_id, r.due_on, r.raised_on, r.status, r.resolved_on
                )
                for r in rows
            ],
            as_of=TODAY,
        )
        return [(*r[:6], *words[r.id]) for r in rows]


def test_stored_flags_are_the_same_with_workers(twins, monkeypatch):
    """evaluate_all through worker processes stores the flags the in-process run stores."""
    pooled, single = twins
    monkeypatch.setattr(rule_scan, "POOL_MIN_CHILDREN", 1)
    calls: list[int] = []
    real = rule_scan.scan_all
    monkeypatch.setattr(
        rule_scan, "scan_all", lambda *a, **k: calls.append(k["workers"]) or real(*a, **k)
    )
    with unit_of_work(pooled, SYSTEM, rules=False) as s:
        a = evaluate_all(s, as_of=TODAY, workers=2)
    with unit_of_work(single, SYSTEM, rules=False) as s:
        b = evaluate_all(s, as_of=TODAY, workers=1)
    assert calls == [2]  # the pooled run really went through the worker processes
    assert a.as_dict() == b.as_dict()
    assert _flags(pooled) == _flags(single)
    assert len(_flags(pooled)) > 500
    # An unchanged re-run through the workers changes nothing.
    with unit_of_work(pooled, SYSTEM, rules=False) as s:
        again = evaluate_all(s, as_of=TODAY, workers=2)
    assert sum(again.raised.values()) + again.updated + sum(again.resolved.values()) == 0
