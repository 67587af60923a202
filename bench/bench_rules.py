"""Rules benchmark: every rule over every active child as of a date, against a bare scan.

Run: .venv/bin/python bench/bench_rules.py --data-dir DIR   (a folder made by `clms demo`)
  or .venv/bin/python bench/bench_rules.py --children 20000  (makes a demo folder first)
Prints JSON (every time the best of 3):
- every rule over every active child, evaluated afresh (facts + rules), in this process
  alone and split across the default number of worker processes;
- what the app and `clms flags` run (`run_rules`): the first run, which evaluates every
  child and stores the verdicts, and the daily runs after it (the same day, +1, +7 and
  +30 days), which evaluate again only the children whose verdicts no longer hold;
- the bare scan of the same fact columns, and the ratios;
- with --store, the time to store the flags (first run and an unchanged re-run).

By default (issue 22) it measures what the application runs, on the folder given (it
WRITES to it: give it a copy), all in the same run:
- the bare read of the fact columns (best of 3, before and after);
- the app's first run including storing the flags (`run_rules_today` on a database with
  no flags and no stored verdicts, committed), with the peak RSS of this process and of
  the worker processes (VmHWM, reset first; getrusage for the workers);
- the daily runs after it (+0, +1, +2, +7 days), each committed, with the peak RSS;
- a daily run (+8 days) after a day's changes, written past the services (the triggers
  see them as they see the services' writes): 0.2% of the children in care get a new
  medical date and a visit moved to that day, 0.02% leave care;
- the bytes the flag table and its indexes take (SQLite's dbstat over a plain copy of
  the flag table alone), per child;
- the load average.
`--scans` adds the earlier scan-only figures above (slow: best of 3 of each).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# No OS keyring on a build box: the invented data is kept under this passphrase.
os.environ.setdefault("CLMS_DATA_PASSPHRASE", "invented data for measuring only")

from sqlalchemy import text  # noqa: E402
from sqlalchemy.orm import configure_mappers  # noqa: E402

from desktop.cli.main import main as clms  # noqa: E402
from desktop.db import DB_FILENAME, connect_raw, open_database  # noqa: E402
from desktop.rules.engine import bind, evaluate  # noqa: E402
from desktop.rules.policy import load_policy  # noqa: E402
from desktop.rules.scan import ScanResult, default_workers, run_rules, scan_all  # noqa: E402
from desktop.services.core.context import Actor, unit_of_work  # noqa: E402
from desktop.services.flags.child_facts import load_facts  # noqa: E402
from desktop.services.flags.evaluate import evaluate_all, run_rules_today  # noqa: E402

AS_OF = date(2026, 11, 23)

# The raw columns the facts are computed from, read with no aggregation and no rules.
BARE_SCAN = [
    "SELECT id, code, status, dob, admission_date, category_code, produced_before_cwc_on, "
    "medical_exam_on FROM child WHERE status = 'in_care'",
    "SELECT child_id, effective_on, to_code FROM category_change",
    "SELECT child_id, life_status FROM guardian",
    "SELECT child_id, visit_date FROM guardian_visit",
    "SELECT child_id, completed_on FROM social_investigation",
    "SELECT child_id, prepared_on, review_due_on FROM care_plan",
    "SELECT child_id, order_date, order_type, next_review_on FROM cwc_order",
    "SELECT child_id, stage, entered_on FROM adoption_stage",
    "SELECT child_id, doc_type, status FROM document_item",
]


def best_of(n: int, fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """Best wall time of n runs, and the last result."""
    best, out = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def _peak_reset() -> None:
    """Reset this process's peak resident size (Linux: VmHWM, /proc/self/clear_refs),
    after giving back to the system what the bench itself freed (the bare read's rows)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_mb(field: str = "VmHWM") -> float:
    """This process's peak resident size since the last reset (or, with "VmRSS", its
    resident size now), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _workers_peak_mb() -> float:
    """The largest peak resident size of any worker process so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def bare_read(db: Path) -> tuple[float, int]:
    """Best of 3: the raw fact columns read with no aggregation and no rules."""
    con = connect_raw(db, read_only=True)
    try:

        def read() -> int:
            return sum(len(con.execute(q).fetchall()) for q in BARE_SCAN)

        read()  # the page cache warmed as for the runs
        t, rows = best_of(3, read)
        return t, int(rows)  # type: ignore[call-overload]
    finally:
        con.close()


def flag_bytes(db: Path, children: int) -> dict[str, object]:
    """What the flag table and its indexes take, from SQLite's dbstat over a plain copy
    of that table alone (SQLCipher is built without dbstat)."""
    import sqlite3  # plain SQLite: only for the throwaway copy of the flag table

    plain = Path(tempfile.mkdtemp(prefix="clms-flagbytes-")) / "flags.sqlite3"
    con = connect_raw(db, isolation_level=None)
    try:
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
        sqls = con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'flag' AND sql IS NOT NULL "
            "ORDER BY type = 'index'"
        ).fetchall()
        for kind, name, sql in sqls:
            if kind == "table":
                con.execute(sql.replace("CREATE TABLE flag", "CREATE TABLE plain.flag", 1))
                con.execute("INSERT INTO plain.flag SELECT * FROM main.flag")
            elif kind == "index":
                con.execute(sql.replace(f"INDEX {name}", f"INDEX plain.{name}", 1))
        n = con.execute("SELECT count(*) FROM main.flag").fetchone()[0]
        con.execute("DETACH DATABASE plain")
    finally:
        con.close()
    p = sqlite3.connect(plain)  # plain SQLite
    try:
        p.execute("VACUUM")
        parts = {
            name: int(size)
            for name, size in p.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
        }
    finally:
        p.close()
        plain.unlink()
        plain.parent.rmdir()
    total = sum(v for k, v in parts.items() if not k.startswith("sqlite_"))
    return {
        "flags": n,
        "bytes_total": total,
        "bytes_per_flag": round(total / n, 1) if n else None,
        "bytes_per_child": round(total / children, 1) if children else None,
        "by_part": parts,
    }


def app_runs(engine) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The app's first run (storing the flags) and daily runs, with the bare read."""
    db = Path(engine.url.database or "")
    configure_mappers()  # as the window has by the time its first rules run starts
    con = connect_raw(db, isolation_level=None)
    children = con.execute("SELECT count(*) FROM child").fetchone()[0]
    before_bytes = (
        flag_bytes(db, children) if con.execute("SELECT count(*) FROM flag").fetchone()[0] else None
    )
    # As on the app's first start: no flags, no stored verdicts.
    con.execute("BEGIN IMMEDIATE")
    con.execute("DELETE FROM flag")
    con.execute("DELETE FROM rule_verdict")
    con.execute("DELETE FROM rule_verdict_key")
    con.execute("COMMIT")
    con.close()
    t_bare, rows = bare_read(db)
    out: dict[str, object] = {
        "children": children,
        "workers": default_workers(),
        "bare_read_seconds": round(t_bare, 3),
        "bare_read_rows": rows,
        "flag_bytes_as_found": before_bytes,
    }
    _peak_reset()
    rss_before = _peak_mb("VmRSS")
    t = time.perf_counter()
    first, open_flags = run_rules_today(engine, as_of=AS_OF)
    t_first = time.perf_counter() - t
    out["first_run"] = {
        "seconds": round(t_first, 3),
        "ratio_to_bare_read": round(t_first / t_bare, 2),
        "flags_raised": sum(first.raised.values()),
        "open_flags": open_flags,
        "peak_rss_mb": _peak_mb(),
        "rss_before_mb": rss_before,
        "workers_peak_rss_mb": _workers_peak_mb(),
    }
    daily: dict[str, object] = {}
    for days in (0, 1, 2, 7):
        _peak_reset()
        t = time.perf_counter()
        s, _ = run_rules_today(engine, as_of=AS_OF + timedelta(days=days))
        dt = time.perf_counter() - t
        daily[f"+{days}d"] = {
            "seconds": round(dt, 3),
            "ratio_to_bare_read": round(dt / t_bare, 2),
            "raised": sum(s.raised.values()),
            "resolved": sum(s.resolved.values()),
            "escalated": sum(s.escalated.values()),
            "updated": s.updated,
            "peak_rss_mb": _peak_mb(),
        }
    # A day's changes, then the next daily run.
    day8 = (AS_OF + timedelta(days=8)).isoformat()
    con = connect_raw(db, isolation_level=None)
    in_care = con.execute("SELECT count(*) FROM child WHERE status = 'in_care'").fetchone()[0]
    n_changed, n_left = max(20, in_care // 500), max(2, in_care // 5000)
    con.execute("BEGIN IMMEDIATE")
    con.execute(
        "UPDATE child SET medical_exam_on = ? WHERE id IN "
        "(SELECT id FROM child WHERE status = 'in_care' ORDER BY id LIMIT ?)",
        (day8, n_changed),
    )
    con.execute(
        "UPDATE guardian_visit SET visit_date = ? WHERE id IN (SELECT v.id FROM guardian_visit v "
        "JOIN child c ON c.id = v.child_id WHERE c.status = 'in_care' ORDER BY v.id DESC LIMIT ?)",
        (day8, n_changed),
    )
    con.execute(
        "UPDATE child SET status = 'restored' WHERE id IN "
        "(SELECT id FROM child WHERE status = 'in_care' ORDER BY id DESC LIMIT ?)",
        (n_left,),
    )
    con.execute("COMMIT")
    con.close()
    _peak_reset()
    t = time.perf_counter()
    s, _ = run_rules_today(engine, as_of=AS_OF + timedelta(days=8))
    dt = time.perf_counter() - t
    daily["+8d after changes"] = {
        "seconds": round(dt, 3),
        "ratio_to_bare_read": round(dt / t_bare, 2),
        "children_changed": n_changed,
        "children_left_care": n_left,
        "raised": sum(s.raised.values()),
        "resolved": sum(s.resolved.values()),
        "escalated": sum(s.escalated.values()),
        "updated": s.updated,
        "peak_rss_mb": _peak_mb(),
    }
    out["daily_runs"] = daily
    t_bare2, _ = bare_read(db)
    out["bare_read_after_seconds"] = round(t_bare2, 3)
    out["flag_bytes"] = flag_bytes(db, children)
    out["load_average"] = os.getloadavg()
    return out


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir")
    ap.add_argument("--children", type=int, default=20_000)
    ap.add_argument("--store", action="store_true", help="also time storing the flags")
    ap.add_argument("--scans", action="store_true", help="also the scan-only figures")
    args = ap.parse_args()
    if args.data_dir and (Path(args.data_dir) / DB_FILENAME).exists():
        d = Path(args.data_dir)
    else:
        d = Path(args.data_dir or tempfile.mkdtemp(prefix="clms-rules-"))
        clms(
            [
                "-q",
                "--data-dir",
                str(d),
                "init",
                "--name",
                "Bench",
                "--type",
                "childrens-home",
                "--state",
                "10",
                "--district",
                "212",
                "--registration-no",
                "B",
            ]
        )
        clms(
            [
                "-q",
                "--data-dir",
                str(d),
                "demo",
                "--children",
                str(args.children),
                "--as-of",
                AS_OF.isoformat(),
            ]
        )
    engine = open_database(d)
    if not args.scans:
        print(json.dumps(app_runs(engine), indent=1))
        return
    policy = load_policy()
    result: dict[str, object] = {}
    with unit_of_work(engine, Actor("bench"), rules=False) as s:
        result["children"] = s.execute(text("SELECT count(*) FROM child")).scalar()

        bound = bind(policy)

        def rules() -> Counter[str]:
            hits: Counter[str] = Counter()
            for f in load_facts(s, as_of=AS_OF, policy=policy):
                for r, _ in evaluate(f, policy, bound):
                    hits[r.id] += 1
            return hits

        def facts_only() -> int:
            return sum(1 for _ in load_facts(s, as_of=AS_OF, policy=policy))

        dbapi = s.connection().connection.driver_connection

        def bare() -> int:
            n = 0
            for q in BARE_SCAN:  # the same DB-API cursor the facts query uses
                n += len(dbapi.execute(q).fetchall())
            return n

        rules()  # warm the page cache the same way for all
        t_rules, hits = best_of(3, rules)
        t_facts, active = best_of(3, facts_only)
        t_bare, rows = best_of(3, bare)
    db = Path(engine.url.database or "")
    workers = default_workers()
    t_one, one = best_of(3, lambda: scan_all(db, as_of=AS_OF, policy=policy, workers=1))
    t_pool, pooled = best_of(3, lambda: scan_all(db, as_of=AS_OF, policy=policy, workers=workers))
    assert len(one) == len(pooled) == sum(hits.values())  # type: ignore[union-attr,arg-type]

    # What the app and `clms flags` run: every rule over every child, reusing the stored
    # verdicts that still hold. Each timed run is rolled back, so each starts the same.
    con = connect_raw(db)
    con.isolation_level = None

    def daily(as_of: date, *, first: bool, n: int = workers) -> ScanResult:
        con.execute("BEGIN")
        try:
            if first:  # as after an upgrade: no verdicts stored for these rules yet
                con.execute("DELETE FROM rule_verdict_key")
            return run_rules(con, as_of=as_of, policy=policy, db_path=db, workers=n)
        finally:
            con.execute("ROLLBACK")

    t_cold_one, cold = best_of(3, lambda: daily(AS_OF, first=True, n=1))
    t_cold, cold = best_of(3, lambda: daily(AS_OF, first=True))
    assert len(cold) == len(one)
    con.execute("BEGIN")
    con.execute("DELETE FROM rule_verdict_key")
    run_rules(con, as_of=AS_OF, policy=policy, db_path=db, workers=workers)
    con.execute("COMMIT")  # the verdicts of the first run, kept as the app keeps them
    later: dict[str, dict[str, float | int]] = {}
    for days in (0, 1, 7, 30):
        day = AS_OF + timedelta(days=days)
        t_day, got = best_of(3, lambda day=day: daily(day, first=False))  # type: ignore[misc]
        later[f"+{days}d"] = {
            "seconds": round(t_day, 3),
            "evaluated": len(got.seen) - got.reused,
            "reused": got.reused,
            "hits": len(got),
        }
    assert later["+0d"]["hits"] == len(one)
    con.close()
    result.update(
        {
            "active_children": active,
            "rules_in_session_seconds": round(t_rules, 3),
            "facts_only_seconds": round(t_facts, 3),
            "scan_1_process_seconds": round(t_one, 3),
            "workers": workers,
            "scan_workers_seconds": round(t_pool, 3),
            "first_run_1_process_seconds": round(t_cold_one, 3),
            "first_run_workers_seconds": round(t_cold, 3),
            "daily_runs": later,
            "bare_scan_seconds": round(t_bare, 3),
            "bare_scan_rows": rows,
            "ratio_first_run_workers_to_bare_scan": round(t_cold / t_bare, 2),
            "ratio_next_day_to_bare_scan": round(later["+1d"]["seconds"] / t_bare, 2),
            "hits": len(pooled),
            "hits_by_rule": dict(sorted(hits.items())),  # type: ignore[union-attr]
        }
    )
    if args.store:
        with unit_of_work(engine, Actor("bench"), rules=False) as s:
            t = time.perf_counter()
            first = evaluate_all(s, as_of=AS_OF, workers=default_workers())
            result["store_first_run_seconds"] = round(time.perf_counter() - t, 2)
            result["flags_raised"] = sum(first.raised.values())
        with unit_of_work(engine, Actor("bench"), rules=False) as s:
            t = time.perf_counter()
            again = evaluate_all(s, as_of=AS_OF, workers=default_workers())
            result["store_rerun_seconds"] = round(time.perf_counter() - t, 2)
            result["rerun_changes"] = sum(again.raised.values()) + again.updated
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
