"""Stored rule verdicts: a run that reuses them finds exactly what evaluating every child finds.

A child's verdicts are stored with the window of as-of dates they hold for; the rules
look at the date only through `Facts.after` / `Facts.reached`, which narrow that window.
These tests check the window on random facts, that no rule reads the date another way,
and that on a real database reused verdicts equal a full evaluation on many dates, after
every kind of write, and after a change of policy.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import os
import random
import subprocess
import sys
import textwrap
import types
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.db import DB_FILENAME, connect_raw
from desktop.rules import scan as rule_scan
from desktop.rules.engine import RULES, bind
from desktop.rules.facts import Facts
from desktop.rules.policy import DEFAULT_POLICY, load_policy, parse_policy
from desktop.rules.scan import run_rules, scan, verdict_key
from desktop.vault import sqlite as cipher
from tests.conftest import TODAY
from tests.demo_data import demo_engine
from tests.test_child_facts import UPDATES_AND_DELETES

POLICY = load_policy()
BOUND = bind(POLICY)
# Category codes of every legal class (2: an orphan whose relative is known; 20: restoration).
CODES = [None, 1, 2, 3, 4, 5, 9, 12, 13, 14, 17, 19, 20]
STAGES = [None, "recommended", "inquiry", "declared_lfa", "registered_carings", "withdrawn"]


def _verdicts(f: Facts) -> list[tuple[str, date]]:
    out = []
    for r, fn, p in BOUND:
        hit = fn(f, p)
        if hit is not None:
            out.append((r.id, hit.due))
    return out


def _maybe(rng: random.Random, day: date, spread: int) -> date | None:
    return None if rng.random() < 0.35 else day + timedelta(days=rng.randint(0, spread))


def _random_facts(rng: random.Random) -> Facts:
    """A child's facts with every optional record present or not, at random."""
    dob = date(2008, 1, 1) + timedelta(days=rng.randint(0, 6000))
    if rng.random() < 0.05:
        dob = date(2012, 2, 29)  # a leap-day birthday
    admitted = dob + timedelta(days=rng.randint(0, 5000))
    code = rng.choice(CODES)
    cls = None if code is None else POLICY.category(code).legal_class
    return Facts(
        child_id=1,
        code="X",
        as_of=admitted,
        status="in_care",
        dob=dob,
        admission_date=admitted,
        category_code=code,
        legal_class=cls,
        category_set_on=_maybe(rng, admitted, 400),
        produced_on=_maybe(rng, admitted, 5),
        medical_on=_maybe(rng, admitted, 5),
        guardians_living=rng.choice([0, 0, 1, 2]),
        last_visit=_maybe(rng, admitted, 900),
        sir_completed_on=_maybe(rng, admitted, 60),
        icp_prepared_on=_maybe(rng, admitted, 200),
        icp_review_due=_maybe(rng, admitted, 600),
        last_order_on=_maybe(rng, admitted, 500),
        next_review_on=_maybe(rng, admitted, 700),
        final_order_on=_maybe(rng, admitted, 300),
        lfa_on=_maybe(rng, admitted, 400),
        restoration_order_on=None if rng.random() < 0.8 else _maybe(rng, admitted, 300),
        surrender_on=None if cls != "surrendered" else _maybe(rng, admitted, 30),
        stage=rng.choice(STAGES),
        stage_on=_maybe(rng, admitted, 500),
        missing_docs=rng.choice([0, 0, 1, 3]),
        last_call=_maybe(rng, admitted, 900),
        last_followup=_maybe(rng, admitted, 900),
        guardian_died_on=None if rng.random() < 0.7 else _maybe(rng, admitted, 600),
        restoration_first_on=None if rng.random() < 0.8 else admitted,
    )


def test_verdicts_are_the_same_everywhere_inside_their_window():
    """On 4,000 random children, each evaluated on a random date: at both ends of the
    window the facts report, and at random dates inside it, every rule gives the same
    verdict and due date. Windows are not one day wide, or nothing would be reused."""
    rng = random.Random(20261123)
    wide = 0
    for _ in range(4000):
        base = _random_facts(rng)
        f = replace(base, as_of=base.admission_date + timedelta(days=rng.randint(-30, 2500)))
        want = _verdicts(f)
        lo, hi = f.lo, f.hi
        assert lo < f.as_of <= hi
        probes = {lo + timedelta(days=1), f.as_of}
        if hi != date.max:
            probes.add(hi)
        span = (min(hi, date(2045, 1, 1)) - lo).days
        probes.update(lo + timedelta(days=rng.randint(1, max(1, span))) for _ in range(3))
        for day in probes:
            assert _verdicts(replace(base, as_of=day)) == want, (base, f.as_of, day, lo, hi)
        wide += (hi - lo).days > 30
    assert wide > 2000


def test_rules_look_at_the_date_only_through_after_and_reached():
    """No rule, nor any function of a rules module (the helpers the rules call), reads
    `as_of` (or a figure made from it) directly: the window would miss it."""
    from desktop.rules import common

    derived = {"as_of", "age_years", "stay_days", "days_since_visit", "days_in_stage"}
    modules = {common, *(sys.modules[r.fn.__module__] for r in RULES)}
    checked = 0
    for module in modules:
        for name, fn in vars(module).items():
            if not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
            used = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
            assert not used & derived, (module.__name__, name, used & derived)
            checked += 1
    assert checked > len(RULES) + 10


def test_the_key_is_the_same_in_every_process():
    """The key is made from bytecode and data, not from anything that varies per process
    (string hashing changes set order between runs)."""
    code = "from desktop.rules.scan import verdict_key; from desktop.rules.policy import " + (
        "load_policy; print(verdict_key(load_policy()))"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert keys == {verdict_key(POLICY)}


def test_a_changed_threshold_changes_the_key():
    text = DEFAULT_POLICY.read_text(encoding="utf-8")
    assert "period_days = 90" in text
    other = parse_policy(text.replace("period_days = 90", "period_days = 91", 1))
    assert verdict_key(other) != verdict_key(POLICY)
    assert verdict_key(parse_policy(text)) == verdict_key(POLICY)


def test_any_change_to_the_policy_file_changes_the_key():
    """Not only thresholds: any edit of the policy file (a category's wording) is a new key."""
    text = DEFAULT_POLICY.read_text(encoding="utf-8")
    assert text.count("[[categories]]") >= 20
    edited = parse_policy(text.replace("[[categories]]", "# edited\n[[categories]]", 1))
    assert edited.rules == POLICY.rules
    assert verdict_key(edited) != verdict_key(POLICY)


RULE_MODULE = """
from desktop.rules.engine import Hit


def extra_rule(f, p):
    if f.after(f.admitted_on) and {limit} > 0:
        return None
    return None
"""


def _load_rule_module(folder: Path, limit: int) -> types.ModuleType:
    """A rules module outside engine.py (as CLTS's will be), loaded from a file."""
    path = folder / "extra_rules.py"
    path.write_text(RULE_MODULE.format(limit=limit), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("tests_extra_rules", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["tests_extra_rules"] = module
    spec.loader.exec_module(module)
    return module


def test_editing_a_rules_module_beside_the_engine_changes_the_key(tmp_path: Path, monkeypatch):
    """A rule defined in another module is covered: editing its code is a new key."""
    from desktop.rules import engine

    monkeypatch.delitem(sys.modules, "tests_extra_rules", raising=False)
    before = verdict_key(POLICY)
    first = _load_rule_module(tmp_path, 1)
    extra = engine.Rule("X1", first.extra_rule, ("admitted_on",), "extra", "extra")
    monkeypatch.setattr(rule_scan, "RULES", (*rule_scan.RULES, extra))
    with_extra = verdict_key(POLICY)
    assert with_extra != before
    assert verdict_key(POLICY) == with_extra  # the same code gives the same key
    edited = _load_rule_module(tmp_path, 2)
    monkeypatch.setattr(
        rule_scan,
        "RULES",
        (*rule_scan.RULES[:-1], engine.Rule("X1", edited.extra_rule, (), "", "")),
    )
    assert verdict_key(POLICY) != with_extra


# ---- On a database ------------------------------------------------------------------


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """400 invented children; returns the database file."""
    demo_engine(tmp_path / "demo", children=400, seed=5, run_rules=False).dispose()
    return tmp_path / "demo" / DB_FILENAME


def _connect(db: Path) -> cipher.Connection:
    con = connect_raw(db)
    con.isolation_level = None
    con.execute("PRAGMA foreign_keys = ON")
    return con


def _hits(result: rule_scan.ScanResult) -> set[tuple[int, int, int]]:
    return set(zip(result.child, result.rule, result.due, strict=True))


def _run(db: Path, as_of: date, policy=POLICY, **kw) -> rule_scan.ScanResult:  # type: ignore[no-untyped-def]
    """A daily run: reuse, evaluate the rest, store, commit."""
    con = _connect(db)
    try:
        con.execute("BEGIN")
        out = run_rules(con, as_of=as_of, policy=policy, **kw)
        con.execute("COMMIT")
        return out
    finally:
        con.close()


def _truth(db: Path, as_of: date, policy=POLICY) -> rule_scan.ScanResult:  # type: ignore[no-untyped-def]
    con = _connect(db)
    try:
        return scan(con, as_of=as_of, policy=policy)
    finally:
        con.close()


def _assert_same(got: rule_scan.ScanResult, want: rule_scan.ScanResult) -> None:
    assert sorted(got.seen) == sorted(want.seen)
    assert len(got.seen) == len(set(got.seen))
    assert _hits(got) == _hits(want)
    assert len(got) == len(want)


def _stored(db: Path) -> int:
    con = _connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM rule_verdict").fetchone()[0])
    finally:
        con.close()


def test_day_by_day_runs_reuse_verdicts_and_find_what_a_full_run_finds(demo: Path):
    """A run, then runs on later and earlier dates, each against evaluating every child."""
    first = _run(demo, TODAY)
    assert first.reused == 0
    _assert_same(first, _truth(demo, TODAY))
    assert len(first) > 500 and _stored(demo) == len(first.seen)
    again = _run(demo, TODAY)
    assert again.reused == len(again.seen)  # nothing changed: nothing evaluated again
    _assert_same(again, first)
    reused: dict[int, int] = {}
    for days in (1, 2, 9, 31, 90, 200, 366, 800, -1, -40, -400):
        as_of = TODAY + timedelta(days=days)
        got = _run(demo, as_of)
        _assert_same(got, _truth(demo, as_of))
        reused[days] = got.reused
    # Most children's verdicts still hold the next days; within a month some do not
    # (whether one lapses on the very next day depends on the invented children).
    assert len(first.seen) * 0.5 < reused[1] <= len(first.seen)
    assert len(first.seen) * 0.5 < reused[9]
    assert reused[31] < len(first.seen)


def test_a_run_for_a_past_date_reuses_nothing_it_should_not(demo: Path):
    """Verdicts found today never serve a date before a child's newest record."""
    _run(demo, TODAY)
    past = TODAY - timedelta(days=700)
    _assert_same(_run(demo, past), _truth(demo, past))
    _assert_same(_run(demo, TODAY), _truth(demo, TODAY))


CHILD_CHANGES = {
    "left care": "UPDATE child SET status = 'restored' WHERE id IN "
    "(SELECT id FROM child WHERE status = 'in_care' ORDER BY id LIMIT 20)",
    "back in care": "UPDATE child SET status = 'in_care' WHERE id IN "
    "(SELECT id FROM child WHERE status != 'in_care' ORDER BY id LIMIT 20)",
    "birth date": "UPDATE child SET dob = date(dob, '-3 years') WHERE id IN "
    "(SELECT id FROM child ORDER BY id DESC LIMIT 20)",
    "admission": "UPDATE child SET admission_date = '2026-10-01' WHERE id IN "
    "(SELECT id FROM child ORDER BY id LIMIT 15)",
    "no category": "UPDATE child SET category_code = NULL WHERE id IN "
    "(SELECT id FROM child ORDER BY id LIMIT 10)",
    "produced": "UPDATE child SET produced_before_cwc_on = NULL WHERE id IN "
    "(SELECT id FROM child ORDER BY id LIMIT 10)",
    "medical": "UPDATE child SET medical_exam_on = '2026-12-20' WHERE id IN "
    "(SELECT id FROM child ORDER BY id LIMIT 10)",
    "visit added": "INSERT INTO guardian_visit (uuid, child_id, visit_date, mode, version, "
    "change_seq, synced_version, created_at, updated_at) SELECT randomblob(16), "
    "id, '2026-11-22', 'in_person', 1, 0, 0, 1795305600000000, 1795305600000000 FROM child "
    "WHERE status = 'in_care' ORDER BY id LIMIT 25",
}


@pytest.mark.parametrize("change", sorted({**UPDATES_AND_DELETES, **CHILD_CHANGES}))
def test_a_change_to_a_child_is_never_answered_from_old_verdicts(demo: Path, change):
    """Each kind of write clears the verdicts of the children it touches (triggers)."""
    _run(demo, TODAY)
    before = _stored(demo)
    con = _connect(demo)
    with con:
        con.execute({**UPDATES_AND_DELETES, **CHILD_CHANGES}[change])
    con.close()
    if change != "back in care":  # children out of care had no verdicts to clear
        assert _stored(demo) < before  # the touched children's verdicts are gone
    for days in (0, 1, 60):
        as_of = TODAY + timedelta(days=days)
        _assert_same(_run(demo, as_of), _truth(demo, as_of))


def test_a_deleted_child_takes_its_verdicts_along(demo: Path):
    _run(demo, TODAY)
    con = _connect(demo)
    cid = con.execute("SELECT child_id FROM rule_verdict ORDER BY child_id LIMIT 1").fetchone()[0]
    tables = [
        t
        for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if t not in ("child", "child_facts", "rule_verdict")
        and any(c[1] == "child_id" for c in con.execute(f"PRAGMA table_info({t})"))
    ]
    con.execute("BEGIN")
    for _ in range(4):  # records pointing at other records of the child go first
        for t in tables:
            try:
                con.execute(f"DELETE FROM {t} WHERE child_id = ?", (cid,))
            except cipher.IntegrityError:
                pass
    con.execute("DELETE FROM child WHERE id = ?", (cid,))
    con.execute("COMMIT")
    left = con.execute("SELECT count(*) FROM rule_verdict WHERE child_id = ?", (cid,))
    assert left.fetchone()[0] == 0
    con.close()
    _assert_same(_run(demo, TODAY), _truth(demo, TODAY))


def test_another_policy_clears_the_stored_verdicts(demo: Path):
    text = DEFAULT_POLICY.read_text(encoding="utf-8")
    other = parse_policy(text.replace("period_days = 90", "period_days = 20", 1))
    _run(demo, TODAY)
    got = _run(demo, TODAY, policy=other)
    assert got.reused == 0
    _assert_same(got, _truth(demo, TODAY, policy=other))
    assert _hits(got) != _hits(_truth(demo, TODAY))  # the threshold really mattered
    again = _run(demo, TODAY, policy=other)
    assert again.reused == len(again.seen)
    _assert_same(again, got)


def test_worker_processes_evaluate_only_the_stale_children(demo: Path, monkeypatch):
    """Split across processes, the run after a change evaluates only the changed children."""
    monkeypatch.setattr(rule_scan, "POOL_MIN_CHILDREN", 1)
    first = _run(demo, TODAY, db_path=demo, workers=2)
    _assert_same(first, _truth(demo, TODAY))
    con = _connect(demo)
    with con:
        con.execute(UPDATES_AND_DELETES["visits deleted"])
    con.close()
    stale = len(first.seen) - _stored(demo)
    assert stale > 0
    got = _run(demo, TODAY, db_path=demo, workers=2)
    assert len(got.seen) - got.reused == stale
    _assert_same(got, _truth(demo, TODAY))


def test_a_big_store_makes_the_window_indexes_again_as_they_were(demo: Path, monkeypatch):
    """Storing many verdicts drops the window indexes for the insert and makes them again."""
    con = _connect(demo)
    sql = "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'rule_verdict' ORDER BY name"
    before = con.execute(sql).fetchall()
    con.close()
    assert any(name == "ix_rule_verdict_until" for name, _ in before)
    monkeypatch.setattr(rule_scan, "VERDICT_REBUILD_FROM", 1)
    _assert_same(_run(demo, TODAY), _truth(demo, TODAY))
    con = _connect(demo)
    assert con.execute(sql).fetchall() == before
    plan = con.execute(
        "EXPLAIN QUERY PLAN SELECT child_id FROM rule_verdict WHERE valid_until < 5"
    ).fetchall()
    assert "ix_rule_verdict_until" in str(plan)
    con.close()
    later = TODAY + timedelta(days=45)
    _assert_same(_run(demo, later), _truth(demo, later))
