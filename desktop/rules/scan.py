"""The rules over SQLite without SQLAlchemy or Qt: facts per child, hits per rule, in bulk.

`facts_and_since` turns the database's rows into `Facts`; `scan` runs every rule over them
and keeps only what a flag needs (child, rule, due date) in compact arrays.
`scan_all` splits the children between this process and worker processes (one part
per CPU core) for a run over the whole database: the Python work of the rules, not
SQLite, is what takes the time at 250,000 children. This module imports only SQLCipher's
sqlite3 (`desktop.vault.sqlite`) and the rules, so a worker process starts in a fraction
of a second (also on Windows, where workers are spawned, not forked; a single-threaded
process on Linux forks them). Workers are handed the database key with their share.
`run_rules`, what the application runs, first reuses each child's stored verdicts that
still hold for the date (table rule_verdict, migration 0007) and evaluates only the rest:
the children the triggers listed as changed since the last whole run
(rule_verdict_stale, migration 0022) and those whose verdicts' window does not cover the
day (two indexes), found without reading every child (issue 22).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from array import array
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from types import CodeType, FunctionType
from typing import Any

from desktop.rules import common as common_module
from desktop.rules import engine as engine_module
from desktop.rules import facts as facts_module
from desktop.rules.engine import RULES, bind
from desktop.rules.facts import Facts
from desktop.rules.policy import Policy
from desktop.rules.scan_sql import EXACT_SQL, FAST_SQL, SURRENDER
from desktop.vault import sqlite as cipher


class _Dates(dict[str | None, date | None]):
    """ISO text to date, each distinct text parsed once (a run sees a few thousand)."""

    def __init__(self) -> None:
        super().__init__({None: None, "": None})

    def __missing__(self, key: str | None) -> date | None:
        value = date.fromisoformat(key) if key else None
        self[key] = value
        return value


def facts_and_since(
    dbapi: Any,
    *,
    as_of: date,
    policy: Policy,
    child_ids: Iterable[int] | None = None,
    exact: bool = False,
    part: tuple[int, int] | None = None,
    stale_only: bool = False,
) -> Iterator[tuple[Facts, date | None]]:
    """Facts of every active child (or of `child_ids`, or of part k of n) as of the date,
    each with the date from which on they are the same (None: only on `as_of`).

    `dbapi` is a DB-API (sqlite3) connection. Children with no dated record after
    `as_of` come from child_facts; the others (all of them with `exact=True`) are
    computed from their records.

    Facts from child_facts are the child's facts on every date from its newest dated
    record on; facts computed for an earlier as-of date hold only for that date.
    `stale_only` leaves out children whose stored verdicts hold for `as_of`.
    """
    params: dict[str, object] = {
        "as_of": as_of.isoformat(),
        "as_day": as_of.toordinal(),
        "surrender_codes": json.dumps(policy.codes_of_class("surrendered")),
        "statuses": json.dumps(list(policy.active_statuses)),
    }
    child_filter = order_filter = ""
    if stale_only and child_ids is None:
        # The stale children first, from the status index and the stored verdicts alone:
        # the facts query then reads only their rows, not the whole child table.
        child_ids = _stale_ids(dbapi, as_of=as_of, policy=policy, part=part)
        part, stale_only = None, False
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
    if stale_only:
        child_filter += f" AND c.id NOT IN ({HELD_IDS})"
    exact_sql = EXACT_SQL.format(child_filter=child_filter, order_filter=order_filter)
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
            cls = None if cat is None else classes.get(cat)
            yield (
                Facts(
                    r[0],  # child_id
                    r[1],  # code
                    as_of,
                    r[2],  # status
                    day[r[3]],  # type: ignore[arg-type]  # dob
                    day[r[4]],  # type: ignore[arg-type]  # admission_date
                    cat,
                    cls,
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
                    day[r[19]] if cls == "surrendered" else None,  # surrender_on
                    r[20],  # stage
                    day[r[21]],  # stage_on
                    r[22],  # missing_docs
                    day[r[24]],  # last_call
                    day[r[25]],  # last_followup
                    day[r[26]],  # guardian_died_on
                    day[r[27]],  # restoration_first_on
                ),
                None if r[23] is None else (day[r[23]] or date.min),
            )


def _stale_ids(
    dbapi: Any, *, as_of: date, policy: Policy, part: tuple[int, int] | None
) -> list[int]:
    """Active children (of part k of n) whose stored verdicts do not hold on `as_of`:
    those listed in rule_verdict_stale (their facts changed since the last whole run, or
    it could not store their verdicts) and those whose verdicts' window does not cover
    the day, from the indexes alone (migration 0022); not a scan of every child."""
    params: dict[str, object] = {
        "as_day": as_of.toordinal(),
        "statuses": json.dumps(list(policy.active_statuses)),
    }
    where = ""
    if part is not None:
        k, n = part
        first, last = dbapi.execute("SELECT min(id), max(id) FROM child").fetchone()
        first, last = first or 0, last or 0
        span = last - first + 1
        params["part_lo"] = first + span * k // n
        params["part_hi"] = first + span * (k + 1) // n
        where = " AND c.id >= :part_lo AND c.id < :part_hi"
    return [
        cid
        for (cid,) in dbapi.execute(
            f"SELECT c.id FROM child c WHERE c.id IN ({STALE_IDS})"
            f" AND c.status IN (SELECT value FROM json_each(:statuses)){where} ORDER BY c.id",
            params,
        )
    ]


@dataclass
class ScanResult:
    """Every rule's hits over a set of children, compactly: parallel arrays, one per hit.

    The `v_*` arrays describe the children whose verdicts may be stored for later runs:
    their window (valid_after < day <= valid_until, as ordinals) and their hits'
    positions [v_start, v_end) in the hit arrays.
    """

    seen: array[int] = field(default_factory=lambda: array("q"))  # children evaluated
    child: array[int] = field(default_factory=lambda: array("q"))
    rule: array[int] = field(default_factory=lambda: array("b"))  # index into RULES
    due: array[int] = field(default_factory=lambda: array("i"))  # date.toordinal()
    v_child: array[int] = field(default_factory=lambda: array("q"))
    v_after: array[int] = field(default_factory=lambda: array("i"))
    v_until: array[int] = field(default_factory=lambda: array("i"))
    v_start: array[int] = field(default_factory=lambda: array("q"))
    v_end: array[int] = field(default_factory=lambda: array("q"))
    reused: int = 0  # children whose stored verdicts were used
    # Children out of care listed as changed since the last whole run (their flags may
    # need resolving); only `run_rules` fills it.
    left: array[int] = field(default_factory=lambda: array("q"))

    def extend(self, other: ScanResult) -> None:
        """Add another part's hits."""
        offset = len(self.child)
        self.seen.extend(other.seen)
        self.child.extend(other.child)
        self.rule.extend(other.rule)
        self.due.extend(other.due)
        self.v_child.extend(other.v_child)
        self.v_after.extend(other.v_after)
        self.v_until.extend(other.v_until)
        self.v_start.extend(array("q", (i + offset for i in other.v_start)))
        self.v_end.extend(array("q", (i + offset for i in other.v_end)))
        self.reused += other.reused
        self.left.extend(other.left)

    def __len__(self) -> int:
        return len(self.child)


def scan(
    dbapi: Any,
    *,
    as_of: date,
    policy: Policy,
    part: tuple[int, int] | None = None,
    stale_only: bool = False,
    child_ids: Iterable[int] | None = None,
) -> ScanResult:
    """Run every rule over the active children (or part k of n, or `child_ids`); keep
    child, rule, due.

    With `stale_only`, only over the children whose stored verdicts do not hold.
    """
    bound = [(i, fn, params) for i, (_rule, fn, params) in enumerate(bind(policy))]
    out = ScanResult()
    seen, child, rule, due = out.seen.append, out.child.append, out.rule.append, out.due.append
    v_child, v_after, v_until = out.v_child.append, out.v_after.append, out.v_until.append
    v_start, v_end = out.v_start.append, out.v_end.append
    n = 0
    as_day = as_of.toordinal()
    for f, newest in facts_and_since(
        dbapi, as_of=as_of, policy=policy, part=part, stale_only=stale_only, child_ids=child_ids
    ):
        cid = f.child_id
        seen(cid)
        start = n
        for i, fn, params in bound:
            hit = fn(f, params)
            if hit is not None:
                child(cid)
                rule(i)
                due(hit[0].toordinal())  # hit.due, without the attribute lookup
                n += 1
        if newest is not None:
            # The verdicts hold while the facts do (from the newest record on) and the
            # rules' comparisons with the date come out the same (f.lo < day <= f.hi).
            after = max(f.lo.toordinal(), newest.toordinal() - 1)
            if after < as_day:
                v_child(cid)
                v_after(after)
                v_until(f.hi.toordinal())
                v_start(start)
                v_end(n)
    return out


def _scan_part(
    db_path: str,
    key: bytes,
    as_of: date,
    policy: Policy,
    k: int,
    n: int,
    stale_only: bool = False,
) -> ScanResult:
    """One worker's share: the k-th of n equal ranges of child ids."""
    con = cipher.connect(Path(db_path), key, read_only=True)
    try:
        return scan(con, as_of=as_of, policy=policy, part=(k, n), stale_only=stale_only)
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


def scan_all(
    db_path: Path,
    *,
    as_of: date,
    policy: Policy,
    workers: int,
    stale_only: bool = False,
    key: bytes | None = None,
    start_method: str | None = None,
) -> ScanResult:
    """Every rule over every active child of the (committed) database in `db_path`.

    With `workers` > 1 the children are split by id between this process and
    `workers - 1` spawned processes, each reading the file on its own connection.
    `key` is the database key (by default that of the install the file belongs to).
    `start_method` forces "spawn" or "fork" (the self-check tries Windows' way anywhere).
    """
    if key is None:
        from desktop.vault.store import unlock

        key = unlock(Path(db_path).parent).database_key
    if workers <= 1:
        return _scan_part(str(db_path), key, as_of, policy, 0, 1, stale_only)
    ctx = get_context(start_method or _start_method())
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=ctx) as pool:
        futures = [
            pool.submit(_scan_part, str(db_path), key, as_of, policy, k, workers, stale_only)
            for k in range(1, workers)
        ]
        result = _scan_part(str(db_path), key, as_of, policy, 0, workers, stale_only)
        for fut in futures:
            result.extend(fut.result())
    return result


# ---- Stored verdicts: a daily run evaluates again only what may have changed ----------

# Below this many children to evaluate, starting worker processes costs more than it saves.
POOL_MIN_CHILDREN = 20_000
# From this many verdicts to store, their table's indexes are dropped and made again.
VERDICT_REBUILD_FROM = 20_000

# Stored verdicts that hold on the day :as_day (an ordinal), and their children.
HELD = "valid_after < :as_day AND :as_day <= valid_until"
HELD_IDS = f"SELECT child_id FROM rule_verdict WHERE {HELD}"
# Children whose verdicts do not hold on :as_day, whatever their status, from indexes:
# listed as changed (the triggers of migration 0022), or their window ended or not begun.
# Every active child has stored verdicts or is listed (see `_relist`).
STALE_IDS = (
    "SELECT s.child_id FROM rule_verdict_stale s WHERE NOT EXISTS (SELECT 1 FROM"
    f" rule_verdict v WHERE v.child_id = s.child_id AND {HELD})"
    " UNION ALL SELECT child_id FROM rule_verdict WHERE valid_until < :as_day"
    " UNION ALL SELECT child_id FROM rule_verdict WHERE valid_after >= :as_day"
)


def verdict_key(policy: Policy) -> str:
    """What stored verdicts depend on besides the data: the rules' code and the policy.

    The bytecode of every module that defines a rule (and of the helpers they share in
    `desktop.rules.common`, and of the facts' comparisons),
    the whole policy file, and from it each rule's thresholds, the legal class of each
    category and the statuses evaluated. Any change clears the stored verdicts; a change
    that makes no difference only costs one full run.
    """
    h = hashlib.sha256(sys.byteorder.encode())
    rule_modules = {sys.modules[r.fn.__module__] for r in RULES}
    modules = {engine_module, facts_module, common_module, *rule_modules}
    for module in sorted(modules, key=lambda m: m.__name__):
        h.update(module.__name__.encode())
        for name, obj in sorted(vars(module).items()):
            if isinstance(obj, FunctionType) and obj.__module__ == module.__name__:
                h.update(name.encode())
                _hash_code(h, obj.__code__)
    for name, obj in sorted(vars(Facts).items()):
        if isinstance(obj, FunctionType):
            h.update(name.encode())
            _hash_code(h, obj.__code__)
    h.update(repr([(r.id, r.fn.__name__) for r in RULES]).encode())
    data = {
        "rules": {rid: rp.params for rid, rp in sorted(policy.rules.items())},
        "classes": {str(c.code): c.legal_class for c in policy.categories.values()},
        "holds": {str(c.code): c.class_holds for c in policy.categories.values()},
        "active": list(policy.active_statuses),
        "policy_file": policy.digest,
    }
    h.update(json.dumps(data, sort_keys=True, default=str).encode())
    return h.hexdigest()


def _hash_code(h: Any, code: CodeType) -> None:
    h.update(code.co_code)
    h.update(repr(code.co_names).encode())
    for const in code.co_consts:
        if isinstance(const, CodeType):
            _hash_code(h, const)
        elif isinstance(const, frozenset):  # set order varies between processes
            h.update(repr(sorted(map(repr, const))).encode())
        else:
            h.update(repr(const).encode())


def _use_key(dbapi: Any, key: str) -> bool:
    """Make `key` the stored verdicts' key; clear them if it was another. True if kept."""
    row = dbapi.execute("SELECT key FROM rule_verdict_key WHERE id = 1").fetchone()
    if row is not None and row[0] == key:
        return True
    dbapi.execute("DELETE FROM rule_verdict")
    dbapi.execute("INSERT OR REPLACE INTO rule_verdict_key (id, key) VALUES (1, ?)", (key,))
    return False


def stored_verdicts(
    dbapi: Any, *, as_of: date, child_ids: Iterable[int] | None = None
) -> ScanResult:
    """The hits of every child (or of `child_ids`) whose stored verdicts hold on `as_of`."""
    out = ScanResult()
    rules: list[bytes] = []
    dues: list[bytes] = []
    seen = out.seen.append
    kids = out.child.extend
    params: dict[str, object] = {"as_day": as_of.toordinal()}
    where = HELD
    if child_ids is not None:
        params["ids"] = json.dumps(sorted(child_ids))
        where += " AND child_id IN (SELECT value FROM json_each(:ids))"
    for cid, r, d in dbapi.execute(
        f"SELECT child_id, rules, dues FROM rule_verdict WHERE {where}", params
    ):
        seen(cid)
        if r:
            kids(repeat(cid, len(r)))
            rules.append(r)
            dues.append(d)
    out.rule.frombytes(b"".join(rules))
    out.due.frombytes(b"".join(dues))
    out.reused = len(out.seen)
    return out


def store_verdicts(dbapi: Any, result: ScanResult) -> int:
    """Keep the verdicts `result` found that can serve later runs; returns how many."""
    rule, due = result.rule, result.due
    rows = [
        (cid, after, until, rule[s:e].tobytes(), due[s:e].tobytes())
        for cid, after, until, s, e in zip(
            result.v_child,
            result.v_after,
            result.v_until,
            result.v_start,
            result.v_end,
            strict=True,
        )
    ]
    # Many rows (a first run: 144,000 at 250k): the window indexes are made again after
    # the insert, by sorting once, instead of growing at random places (half the time).
    indexes = (
        dbapi.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'rule_verdict' AND sql IS NOT NULL"
        ).fetchall()
        if len(rows) >= VERDICT_REBUILD_FROM
        else []
    )
    for name, _sql in indexes:
        dbapi.execute(f"DROP INDEX {name}")
    dbapi.executemany(
        "INSERT OR REPLACE INTO rule_verdict (child_id, valid_after, valid_until, rules, dues) "
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    for _name, sql in indexes:
        dbapi.execute(sql)
    return len(rows)


def _held_count(dbapi: Any, as_day: int) -> int:
    """How many children's stored verdicts hold on the day: all stored but those whose
    window does not cover it (index ranges, not a scan of the verdicts)."""
    stored, ended, early = dbapi.execute(
        "SELECT (SELECT count(*) FROM rule_verdict),"
        " (SELECT count(*) FROM rule_verdict WHERE valid_until < :d),"
        " (SELECT count(*) FROM rule_verdict WHERE valid_after >= :d AND valid_until >= :d)",
        {"d": as_day},
    ).fetchone()
    return int(stored - ended - early)


def _left_care(dbapi: Any, policy: Policy) -> array[int]:
    """Children listed as changed since the last whole run who are not in care now."""
    return array(
        "q",
        (
            cid
            for (cid,) in dbapi.execute(
                # CROSS JOIN: the (short) list first, else SQLite reads every child.
                "SELECT c.id FROM rule_verdict_stale s CROSS JOIN child c ON c.id = s.child_id "
                "WHERE c.status NOT IN (SELECT value FROM json_each(?)) ORDER BY c.id",
                (json.dumps(list(policy.active_statuses)),),
            )
        ),
    )


def _relist(dbapi: Any, fresh: ScanResult) -> None:
    """After a whole run: list again only the children it evaluated without storing
    verdicts (they have records dated after the run's date) who have none stored from
    an earlier run either. The others listed were evaluated and stored, or are out of
    care (the caller compares their flags). So every active child has stored verdicts
    or is listed, never both."""
    dbapi.execute("DELETE FROM rule_verdict_stale")
    kept = set(fresh.v_child)
    dbapi.executemany(
        "INSERT OR IGNORE INTO rule_verdict_stale (child_id) SELECT ? "
        "WHERE NOT EXISTS (SELECT 1 FROM rule_verdict WHERE child_id = ?)",
        ((cid, cid) for cid in fresh.seen if cid not in kept),
    )


def run_rules(
    dbapi: Any,
    *,
    as_of: date,
    policy: Policy,
    db_path: Path | None = None,
    workers: int = 1,
    reuse: bool = True,
    db_key: bytes | None = None,
    held_hits: bool = True,
) -> ScanResult:
    """Every rule over every active child as of the date, reusing verdicts that still hold.

    Reads through `dbapi` (a sqlite3 connection, maybe inside a transaction) and writes
    the new verdicts through it; the caller commits. Children to evaluate are split
    across `workers` processes when there are many and `db_path` is given: those read
    the committed file, so the connection must not have written in this transaction.
    `reuse=False` evaluates every child (and stores the verdicts all the same).
    `held_hits=False` leaves the hits of the verdicts that hold out of the result (only
    their number, `reused`): the caller knows them already (its flags say them).
    `left` in the result: the children listed as changed who are out of care now.
    Each run that stores verdicts counts one more `generation` in rule_verdict_key.
    """
    as_day = as_of.toordinal()
    kept = _use_key(dbapi, verdict_key(policy))
    if reuse and kept:
        if held_hits:
            out = stored_verdicts(dbapi, as_of=as_of)
        else:
            out = ScanResult()
            out.reused = _held_count(dbapi, as_day)
        stale_only = True
    else:
        out, stale_only = ScanResult(), False
    left = _left_care(dbapi, policy)
    if stale_only:
        todo_ids = _stale_ids(dbapi, as_of=as_of, policy=policy, part=None)
        todo = len(todo_ids)
    else:
        todo = dbapi.execute(
            "SELECT count(*) FROM child c WHERE c.status IN (SELECT value FROM json_each(:s))",
            {"s": json.dumps(list(policy.active_statuses))},
        ).fetchone()[0]
    if workers > 1 and db_path is not None and todo >= POOL_MIN_CHILDREN:
        # The workers read the committed file: with a new key they evaluate every child
        # (stale_only is False), not trusting verdicts this transaction has just cleared.
        fresh = scan_all(
            db_path,
            as_of=as_of,
            policy=policy,
            workers=workers,
            stale_only=stale_only,
            key=db_key,
        )
    elif stale_only:
        fresh = scan(dbapi, as_of=as_of, policy=policy, child_ids=todo_ids)
    else:
        fresh = scan(dbapi, as_of=as_of, policy=policy)
    store_verdicts(dbapi, fresh)
    _relist(dbapi, fresh)
    dbapi.execute("UPDATE rule_verdict_key SET generation = generation + 1 WHERE id = 1")
    out.extend(fresh)
    out.left = left
    return out
