"""The rules over SQLite without SQLAlchemy or Qt: facts per child, hits per rule, in bulk.

`facts_rows` turns the database's rows into `Facts`; `scan` runs every rule over them
and keeps only what a flag needs (child, rule, due date) in compact arrays.
`scan_all` splits the children between this process and worker processes (one part
per CPU core) for a run over the whole database: the Python work of the rules, not
SQLite, is what takes the time at 250,000 children. This module imports only sqlite3
and the rules, so a worker process starts in a fraction of a second (also on Windows,
where workers are spawned, not forked; a single-threaded process on Linux forks them).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from array import array
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

from desktop.rules.engine import bind
from desktop.rules.facts import Facts
from desktop.rules.policy import Policy

# The exact query: correlated subqueries, each an index seek or a short range scan per
# child (guardian_visit(child_id, visit_date), cwc_order(child_id, order_date), ...).
# Dated records later than the as-of date are left out, so a run depends only on that
# date and the data. Not dated, so always as recorded now: the current category (and
# so the legal class), guardians' alive/deceased status, and the documents checklist.
EXACT_SQL = """
SELECT c.id, c.code, c.status, c.dob, c.admission_date, c.category_code,
       CASE WHEN c.produced_before_cwc_on <= :as_of THEN c.produced_before_cwc_on END,
       CASE WHEN c.medical_exam_on <= :as_of THEN c.medical_exam_on END,
       (SELECT max(effective_on) FROM category_change x
         WHERE x.child_id = c.id AND x.effective_on <= :as_of),
       (SELECT count(*) FROM guardian g WHERE g.child_id = c.id AND g.life_status != 'deceased'),
       (SELECT max(visit_date) FROM guardian_visit v
         WHERE v.child_id = c.id AND v.visit_date <= :as_of),
       (SELECT min(completed_on) FROM social_investigation s
         WHERE s.child_id = c.id AND s.completed_on <= :as_of),
       p.prepared_on, p.review_due_on,
       o.last_order_on, o.next_review_on, o.final_order_on, o.lfa_on, o.restoration_on,
       {surrender},
       a.stage, a.entered_on,
       (SELECT count(*) FROM document_item di INDEXED BY ix_document_item_missing
         WHERE di.child_id = c.id AND di.status = 'required')
  FROM child c
  LEFT JOIN care_plan p ON p.id = (
       SELECT id FROM care_plan WHERE child_id = c.id AND prepared_on <= :as_of
        ORDER BY prepared_on DESC, id DESC LIMIT 1)
  LEFT JOIN adoption_stage a ON a.id = (
       SELECT id FROM adoption_stage WHERE child_id = c.id AND entered_on <= :as_of
        ORDER BY entered_on DESC, id DESC LIMIT 1)
  LEFT JOIN (
       SELECT child_id,
              max(order_date) AS last_order_on,
              max(next_review_on) AS next_review_on,
              min(CASE WHEN order_type = 'final' THEN order_date END) AS final_order_on,
              min(CASE WHEN order_type = 'lfa_declaration' THEN order_date END) AS lfa_on,
              max(CASE WHEN order_type = 'restoration' THEN order_date END) AS restoration_on
         FROM cwc_order WHERE order_date <= :as_of
          AND child_id IN (SELECT child_id FROM child_facts WHERE latest_event_on > :as_of)
          {order_filter}
        GROUP BY child_id) o ON o.child_id = c.id
 WHERE c.status IN (SELECT value FROM json_each(:statuses))
   AND c.id IN (SELECT child_id FROM child_facts WHERE latest_event_on > :as_of)
   {child_filter}
"""

# The fast query: the facts kept current by triggers in child_facts (migration 0006),
# for every child with no dated record after the as-of date (all of them, as of today).
FAST_SQL = """
SELECT c.id, c.code, c.status, c.dob, c.admission_date, c.category_code,
       CASE WHEN c.produced_before_cwc_on <= :as_of THEN c.produced_before_cwc_on END,
       CASE WHEN c.medical_exam_on <= :as_of THEN c.medical_exam_on END,
       f.category_set_on, f.guardians_living, f.last_visit, f.sir_completed_on,
       f.icp_prepared_on, f.icp_review_due,
       f.last_order_on, f.next_review_on, f.final_order_on, f.lfa_on, f.restoration_on,
       {surrender},
       f.stage, f.stage_on, f.missing_docs
  FROM child c JOIN child_facts f ON f.child_id = c.id
 WHERE c.status IN (SELECT value FROM json_each(:statuses))
   AND (f.latest_event_on IS NULL OR f.latest_event_on <= :as_of)
   {child_filter}
"""

# Only children whose category is a surrender one need the surrender date: a seek each.
SURRENDER = """CASE WHEN c.category_code IN (SELECT value FROM json_each(:surrender_codes)) THEN
         (SELECT max(effective_on) FROM category_change x
           WHERE x.child_id = c.id AND x.effective_on <= :as_of
             AND x.to_code IN (SELECT value FROM json_each(:surrender_codes))) END"""


class _Dates(dict[str | None, date | None]):
    """ISO text to date, each distinct text parsed once (a run sees a few thousand)."""

    def __init__(self) -> None:
        super().__init__({None: None, "": None})

    def __missing__(self, key: str | None) -> date | None:
        value = date.fromisoformat(key) if key else None
        self[key] = value
        return value




def facts_rows(
    dbapi: Any,
    *,
    as_of: date,
    policy: Policy,
    child_ids: Iterable[int] | None = None,
    exact: bool = False,
    part: tuple[int, int] | None = None,
) -> Iterator[Facts]:
    """Facts of every active child (or of `child_ids`, or of part k of n) as of the date.

    `dbapi` is a DB-API (sqlite3) connection. Children with no dated record after
    `as_of` come from child_facts; the others (all of them with `exact=True`) are
    computed from their records.
    """
    params: dict[str, object] = {
        "as_of": as_of.isoformat(),
        "surrender_codes": json.dumps(policy.codes_of_class("surrendered")),
        "statuses": json.dumps(list(policy.active_statuses)),
    }
    child_filter = order_filter = ""
    if child_ids is not None:
        params["ids"] = json.dumps(sorted(set(child_ids)))
        child_filter = "AND c.id IN (SELECT value FROM json_each(:ids))"
        order_filter = "AND child_id IN (SELECT value FROM json_each(:ids))"
    if part is not None:
        # A range of ids, not "id modulo n": SQLite then reads only that part of the table.
        k, n = part
        first, last = dbapi.execute("SELECT min(id), max(id) FROM child").fetchone()
        first, last = first or 0, last or 0
        span = last - first + 1
        params["part_lo"] = first + span * k // n
        params["part_hi"] = first + span * (k + 1) // n
        child_filter += " AND c.id >= :part_lo AND c.id < :part_hi"
        order_filter += " AND child_id >= :part_lo AND child_id < :part_hi"
    exact_sql = EXACT_SQL.format(
        surrender=SURRENDER, child_filter=child_filter, order_filter=order_filter
    )
    if exact:
        exact_sql = exact_sql.replace(
            "SELECT child_id FROM child_facts WHERE latest_event_on > :as_of",
            "SELECT id FROM child",
        )
        queries = [exact_sql]
    else:
        queries = [FAST_SQL.format(surrender=SURRENDER, child_filter=child_filter), exact_sql]
    classes = {c.code: c.legal_class for c in policy.categories.values()}
    day = _Dates()
    for sql in queries:
        for r in dbapi.execute(sql, params):
            cat = r[5]
            yield Facts(
                r[0],  # child_id
                r[1],  # code
                as_of,
                r[2],  # status
                day[r[3]],  # type: ignore[arg-type]  # dob
                day[r[4]],  # type: ignore[arg-type]  # admission_date
                cat,
                None if cat is None else classes.get(cat),
                day[r[8]],  # category_set_on
                day[r[6]],  # produced_on
                day[r[7]],  # medical_on
                r[9],  # guardians_living
                day[r[10]],  # last_visit
                day[r[11]],  # sir_completed_on
                day[r[12]],  # icp_prepared_on
                day[r[13]],  # icp_review_due
                day[r[14]],  # last_order_on
                day[r[15]],  # next_review_on
                day[r[16]],  # final_order_on
                day[r[17]],  # lfa_on
                day[r[18]],  # restoration_order_on
                day[r[19]],  # surrender_on
                r[20],  # stage
                day[r[21]],  # stage_on
                r[22],  # missing_docs
            )


@dataclass
class ScanResult:
    """Every rule's hits over a set of children, compactly: parallel arrays, one per hit."""

    seen: array[int] = field(default_factory=lambda: array("q"))  # children evaluated
    child: array[int] = field(default_factory=lambda: array("q"))
    rule: array[int] = field(default_factory=lambda: array("b"))  # index into RULES
    due: array[int] = field(default_factory=lambda: array("l"))  # date.toordinal()

    def extend(self, other: ScanResult) -> None:
        """Add another part's hits."""
        self.seen.extend(other.seen)
        self.child.extend(other.child)
        self.rule.extend(other.rule)
        self.due.extend(other.due)

    def __len__(self) -> int:
        return len(self.child)


def scan(
    dbapi: Any, *, as_of: date, policy: Policy, part: tuple[int, int] | None = None
) -> ScanResult:
    """Run every rule over the active children (or part k of n); keep child, rule, due."""
    bound = [(i, fn, params) for i, (_rule, fn, params) in enumerate(bind(policy))]
    out = ScanResult()
    seen, child, rule, due = out.seen.append, out.child.append, out.rule.append, out.due.append
    for f in facts_rows(dbapi, as_of=as_of, policy=policy, part=part):
        cid = f.child_id
        seen(cid)
        for i, fn, params in bound:
            hit = fn(f, params)
            if hit is not None:
                child(cid)
                rule(i)
                due(hit[0].toordinal())  # hit.due, without the attribute lookup
    return out


def _connect_read_only(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)


def _scan_part(db_path: str, as_of: date, policy: Policy, k: int, n: int) -> ScanResult:
    """One worker's share: the k-th of n equal ranges of child ids."""
    con = _connect_read_only(Path(db_path))
    try:
        return scan(con, as_of=as_of, policy=policy, part=(k, n))
    finally:
        con.close()


def default_workers() -> int:
    """Processes for a whole-database run: one per CPU core this process may use, up to 4."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # Windows and macOS
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def _start_method() -> str:
    """Fork where it is safe (a single-threaded process on Linux/macOS): no start-up cost.

    Spawn otherwise (Windows, and the window, which has threads): a fresh interpreter
    that imports only this module and the rules.
    """
    if "fork" in get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def scan_all(db_path: Path, *, as_of: date, policy: Policy, workers: int) -> ScanResult:
    """Every rule over every active child of the (committed) database in `db_path`.

    With `workers` > 1 the children are split by id between this process and
    `workers - 1` spawned processes, each reading the file on its own connection.
    """
    if workers <= 1:
        return _scan_part(str(db_path), as_of, policy, 0, 1)
    ctx = get_context(_start_method())
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=ctx) as pool:
        futures = [
            pool.submit(_scan_part, str(db_path), as_of, policy, k, workers)
            for k in range(1, workers)
        ]
        result = _scan_part(str(db_path), as_of, policy, 0, workers)
        for fut in futures:
            result.extend(fut.result())
    return result
