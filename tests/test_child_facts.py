"""child_facts (kept by triggers) gives exactly the facts the full query computes.

The rules read most children's facts from child_facts, a table that triggers on eight
source tables keep current; children with records dated after the as-of date are
computed from their records. These tests compare both paths, after every kind of write.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from desktop.db import DB_FILENAME, connect_raw
from desktop.rules.policy import load_policy
from desktop.services.core.context import SYSTEM, unit_of_work
from desktop.services.flags.child_facts import load_facts
from tests.conftest import TODAY
from tests.demo_data import demo_engine

POLICY = load_policy()
# The latest definition of child_facts and its triggers.
MIGRATION = Path(__file__).parent.parent / "desktop/migrations/versions/0008_dated_facts.py"


def _migration():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("m0008", MIGRATION)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Engine, Path]]:
    """300 invented children written by the demo's raw bulk inserts (insert triggers)."""
    engine = demo_engine(tmp_path / "demo", children=300, seed=7, run_rules=False)
    yield engine, tmp_path / "demo" / DB_FILENAME
    engine.dispose()


def _facts(engine: Engine, as_of: date, *, exact: bool) -> dict[int, object]:
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        return {f.child_id: f for f in load_facts(s, as_of=as_of, policy=POLICY, exact=exact)}


def _assert_paths_agree(engine: Engine, as_of: date) -> None:
    fast, exact = _facts(engine, as_of, exact=False), _facts(engine, as_of, exact=True)
    assert fast.keys() == exact.keys()
    differing = [cid for cid in exact if fast[cid] != exact[cid]]
    assert not differing, (differing[:3], fast[differing[0]], exact[differing[0]])


def _assert_table_matches_recompute(db: Path) -> None:
    """The trigger-kept rows equal rows computed from scratch from the records."""
    m = _migration()
    con = connect_raw(db)
    try:
        kept = con.execute("SELECT * FROM child_facts ORDER BY child_id").fetchall()
        con.execute("CREATE TEMP TABLE fresh AS SELECT * FROM child_facts WHERE 0")
        con.execute(
            m.RECOMPUTE.format(names=m.NAMES, where="1").replace(
                "INSERT OR REPLACE INTO child_facts", "INSERT INTO temp.fresh"
            )
        )
        fresh = con.execute("SELECT * FROM temp.fresh ORDER BY child_id").fetchall()
    finally:
        con.close()
    assert len(kept) == len(fresh) > 0
    bad = [(k, f) for k, f in zip(kept, fresh, strict=True) if k != f]
    assert not bad, bad[:2]


def test_demo_inserts_keep_the_table_exact(demo: tuple[Engine, Path]):
    """After bulk inserts, every row equals a from-scratch computation; paths agree today."""
    engine, db = demo
    _assert_table_matches_recompute(db)
    _assert_paths_agree(engine, TODAY)


@pytest.mark.parametrize("days_back", [1, 30, 200, 700])
def test_past_as_of_dates_fall_back_to_the_exact_query(demo: tuple[Engine, Path], days_back):
    """For a past date, children with later records are computed exactly: same facts."""
    engine, _ = demo
    as_of = TODAY - timedelta(days=days_back)
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        later = (
            s.connection()
            .exec_driver_sql(
                "SELECT count(*) FROM child_facts WHERE latest_event_on > ?", (as_of.isoformat(),)
            )
            .scalar()
        )
    assert later > 0  # the fallback really runs for some children
    _assert_paths_agree(engine, as_of)


def _raw(db: Path, *statements: str) -> None:
    con = connect_raw(db)
    con.execute("PRAGMA foreign_keys = ON")
    with con:
        for sql in statements:
            con.execute(sql)
    con.close()


UPDATES_AND_DELETES = {
    "visit moved": "UPDATE guardian_visit SET visit_date = '2026-11-20' WHERE id IN "
    "(SELECT id FROM guardian_visit ORDER BY id LIMIT 40)",
    "visits deleted": "DELETE FROM guardian_visit WHERE id IN "
    "(SELECT max(id) FROM guardian_visit GROUP BY child_id LIMIT 60)",
    "guardian died": "UPDATE guardian SET life_status = 'deceased' WHERE id IN "
    "(SELECT id FROM guardian ORDER BY id LIMIT 30)",
    "guardian deleted": "DELETE FROM guardian WHERE id IN (SELECT id FROM guardian "
    "WHERE id NOT IN (SELECT guardian_id FROM guardian_visit WHERE guardian_id IS NOT NULL) "
    "LIMIT 10)",
    "document obtained": "UPDATE document_item SET status = 'obtained' WHERE id IN "
    "(SELECT id FROM document_item WHERE status = 'required' LIMIT 80)",
    "document deleted": "DELETE FROM document_item WHERE id IN "
    "(SELECT id FROM document_item ORDER BY id DESC LIMIT 20)",
    "order retyped": "UPDATE cwc_order SET order_type = 'restoration' WHERE id IN "
    "(SELECT id FROM cwc_order ORDER BY id LIMIT 15)",
    "order deleted": "DELETE FROM cwc_order WHERE id IN "
    "(SELECT max(id) FROM cwc_order GROUP BY child_id LIMIT 25)",
    "review moved": "UPDATE cwc_order SET next_review_on = '2027-03-01' WHERE id IN "
    "(SELECT id FROM cwc_order ORDER BY id DESC LIMIT 15)",
    "care plan deleted": "DELETE FROM care_plan WHERE id IN "
    "(SELECT max(id) FROM care_plan GROUP BY child_id LIMIT 20)",
    "stage deleted": "DELETE FROM adoption_stage WHERE id IN "
    "(SELECT max(id) FROM adoption_stage GROUP BY child_id LIMIT 10)",
    "sir moved": "UPDATE social_investigation SET completed_on = '2026-01-05' WHERE id IN "
    "(SELECT id FROM social_investigation WHERE completed_on IS NOT NULL LIMIT 20)",
    "category dated": "UPDATE category_change SET effective_on = '2026-11-01' WHERE id IN "
    "(SELECT id FROM category_change ORDER BY id LIMIT 20)",
    "guardian died on a date": "UPDATE guardian SET life_status = 'deceased', "
    "deceased_on = '2026-06-01' WHERE id IN (SELECT id FROM guardian "
    "WHERE life_status = 'alive' ORDER BY id DESC LIMIT 30)",
    "death date moved": "UPDATE guardian SET deceased_on = date(deceased_on, '+40 days') "
    "WHERE id IN (SELECT id FROM guardian WHERE deceased_on IS NOT NULL LIMIT 20)",
    "visit made a volunteer's": "UPDATE guardian_visit SET visitor_role = 'volunteer', "
    "guardian_id = NULL WHERE id IN (SELECT max(id) FROM guardian_visit "
    "WHERE visitor_role = 'guardian' GROUP BY child_id LIMIT 40)",
    "visit made a call": "UPDATE guardian_visit SET mode = 'phone' WHERE id IN "
    "(SELECT max(id) FROM guardian_visit WHERE mode = 'in_person' GROUP BY child_id LIMIT 40)",
    "follow-up made a guardian's visit": "UPDATE guardian_visit SET visitor_role = 'guardian', "
    "mode = 'in_person' WHERE id IN (SELECT id FROM guardian_visit "
    "WHERE visitor_role = 'social_worker' LIMIT 20)",
    "document obtained on a date": "UPDATE document_item SET status = 'obtained', "
    "status_on = '2026-10-01' WHERE id IN "
    "(SELECT id FROM document_item WHERE status = 'required' ORDER BY id DESC LIMIT 60)",
    "document date moved": "UPDATE document_item SET status_on = '2026-11-15' WHERE id IN "
    "(SELECT id FROM document_item WHERE status_on IS NOT NULL ORDER BY id LIMIT 40)",
}


@pytest.mark.parametrize("change", sorted(UPDATES_AND_DELETES))
def test_updates_and_deletes_recompute_the_row(demo: tuple[Engine, Path], change):
    """Each kind of update or delete on a source table leaves the table exact."""
    engine, db = demo
    _raw(db, UPDATES_AND_DELETES[change])
    _assert_table_matches_recompute(db)
    _assert_paths_agree(engine, TODAY)


def test_same_day_care_plans_and_stages_take_the_newest_record(demo: tuple[Engine, Path]):
    """Two care plans (or stages) on one date: the one entered last counts, in both paths."""
    engine, db = demo
    con = connect_raw(db)
    cid, prepared = con.execute(
        "SELECT child_id, max(prepared_on) FROM care_plan GROUP BY child_id LIMIT 1"
    ).fetchone()
    template = con.execute(
        "SELECT * FROM care_plan WHERE child_id = ? ORDER BY id DESC LIMIT 1", (cid,)
    ).fetchone()
    cols = [r[1] for r in con.execute("PRAGMA table_info(care_plan)")]
    con.close()
    row = dict(zip(cols, template, strict=True))
    row.update(
        id=None,
        uuid=bytes(16).hex() if isinstance(row["uuid"], str) else bytes(16),
        prepared_on=prepared,
        review_due_on="2030-01-01",
    )
    names = [c for c in cols if c != "id"]
    values = ", ".join("?" for _ in names)
    con = connect_raw(db)
    with con:
        con.execute(
            f"INSERT INTO care_plan ({', '.join(names)}) VALUES ({values})",
            [row[c] for c in names],
        )
    con.close()
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        [f] = load_facts(s, as_of=TODAY, policy=POLICY, child_ids=[cid])
    assert f.icp_review_due == date(2030, 1, 1)
    _assert_table_matches_recompute(db)
    _assert_paths_agree(engine, TODAY)


def test_deleting_a_child_removes_its_row(demo: tuple[Engine, Path]):
    """A deleted child (and its cascaded records) leaves no row behind."""
    engine, db = demo
    con = connect_raw(db)
    cid = con.execute("SELECT id FROM child ORDER BY id DESC LIMIT 1").fetchone()[0]
    con.close()
    con = connect_raw(db)  # foreign keys off: the trigger, not a cascade, must do it
    with con:
        for (table,) in con.execute(
            "SELECT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) k "
            "WHERE m.type = 'table' AND k.\"table\" = 'child' AND k.\"from\" = 'child_id' "
            "AND m.name != 'child_facts'"
        ).fetchall():
            con.execute(f"DELETE FROM {table} WHERE child_id = ?", (cid,))
        con.execute("DELETE FROM child WHERE id = ?", (cid,))
    left = con.execute("SELECT count(*) FROM child_facts WHERE child_id = ?", (cid,)).fetchone()
    con.close()
    assert left == (0,)
    _assert_table_matches_recompute(db)


_TRACKED = "version, change_seq, synced_version, created_at, updated_at"
# 2026-11-13 00:00 UTC in microseconds since 1970 (`desktop.models.base.time_to_db`).
_TRACKED_VALUES = "1, 0, 0, 1794528000000000, 1794528000000000"
# Writes dated 2026-11-13 (ten days before TODAY): a visit and a call of a listed guardian,
# a social worker's follow-up, a change of category (history and child), a guardian's
# death, documents obtained and set back to required, a restoration order.
LATER_WRITES = [
    f"INSERT INTO guardian_visit (uuid, child_id, guardian_id, visit_date, visitor_role, mode, "
    f"{_TRACKED}) SELECT randomblob(16), child_id, id, '2026-11-13', 'guardian', "
    f"m.mode, {_TRACKED_VALUES} FROM guardian, (SELECT 'in_person' AS mode UNION ALL "
    "SELECT 'phone') m WHERE life_status = 'alive' AND id % 3 = 0",
    f"INSERT INTO guardian_visit (uuid, child_id, visit_date, visitor_role, mode, {_TRACKED}) "
    f"SELECT randomblob(16), id, '2026-11-13', 'social_worker', 'home_visit', "
    f"{_TRACKED_VALUES} FROM child WHERE id % 4 = 0",
    f"INSERT INTO category_change (uuid, child_id, from_code, to_code, effective_on, changed_by, "
    f"reason, {_TRACKED}) SELECT randomblob(16), id, category_code, 13, "
    f"'2026-11-13', 't', 'found unfit', {_TRACKED_VALUES} FROM child "
    "WHERE id % 5 = 0 AND category_code != 13",
    "UPDATE child SET category_code = 13 WHERE id % 5 = 0",
    "UPDATE guardian SET life_status = 'deceased', deceased_on = '2026-11-13' "
    "WHERE life_status != 'deceased' AND id % 2 = 0",
    "UPDATE document_item SET status = 'obtained', status_on = '2026-11-13' "
    "WHERE status = 'required' AND id % 2 = 0",
    "UPDATE document_item SET status = 'required', status_on = '2026-11-13' "
    "WHERE status = 'verified' AND id % 3 = 0",
    f"INSERT INTO cwc_order (uuid, child_id, order_no, order_date, order_type, {_TRACKED}) "
    f"SELECT randomblob(16), id, 'R', '2026-11-13', 'restoration', "
    f"{_TRACKED_VALUES} FROM child WHERE id % 6 = 0",
]


@pytest.mark.parametrize("days_back", [11, 60, 400])
def test_writes_dated_later_leave_the_facts_of_an_earlier_date_as_they_were(
    demo: tuple[Engine, Path], days_back: int
):
    """A what-if run for a date before a change of category, a guardian's death, a document
    status change, a visit or an order sees the case as it was on that date: the facts of
    every child as of that date are the same before and after those later writes."""
    engine, db = demo
    as_of = TODAY - timedelta(days=days_back)
    before = _facts(engine, as_of, exact=False)
    today_before = _facts(engine, TODAY, exact=False)
    _raw(db, *LATER_WRITES)
    _assert_table_matches_recompute(db)
    after = _facts(engine, as_of, exact=False)
    assert after.keys() == before.keys()
    changed = [cid for cid in before if before[cid] != after[cid]]
    assert not changed, (before[changed[0]], after[changed[0]])
    today = _facts(engine, TODAY, exact=False)
    moved = sum(1 for cid in today if today[cid] != today_before[cid])
    assert moved > len(today) // 2  # the writes did change today's facts
    _assert_paths_agree(engine, as_of)
    _assert_paths_agree(engine, TODAY)
