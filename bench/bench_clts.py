"""Child-labour (CLTS) benchmark: what the CLTS part adds to a rules run, and its writes.

Run: .venv/bin/python bench/bench_clts.py --children 2000   (makes a demo folder first)
     .venv/bin/python bench/bench_clts.py --children 4000 --cases 1000  (more rescue cases)
  or .venv/bin/python bench/bench_clts.py --data-dir DIR     (a folder made by `clms demo`)
Prints JSON (each the best of 3):
- the child rules over every active child (the bulk scan, one process): the baseline;
- the CLTS rules over every open rescue case (facts loaded with sqlite3, rules run), and
  their share of a whole run;
- one CLTS write (a payment on a ledger line, with the case's refresh and audit event);
- the quarterly report from the install's tables.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.cli.main import main as clms  # noqa: E402
from desktop.db import DB_FILENAME, connect_raw, open_database  # noqa: E402
from desktop.models import CltsCase  # noqa: E402
from desktop.rules.clts import load_clts_facts  # noqa: E402
from desktop.rules.clts_policy import load_clts_policy  # noqa: E402
from desktop.rules.engine import bind, evaluate  # noqa: E402
from desktop.rules.policy import load_policy  # noqa: E402
from desktop.rules.scan import scan  # noqa: E402
from desktop.services.clts.compensation import update_line  # noqa: E402
from desktop.services.clts.derive import lines_of  # noqa: E402
from desktop.services.clts.report import Quarter, quarterly_report, records_from_db  # noqa: E402
from desktop.services.core.context import Actor, unit_of_work  # noqa: E402
from desktop.services.demo.clts import add_clts_cases  # noqa: E402

AS_OF = date(2026, 11, 23)
ACTOR = Actor("bench", "superintendent", "Bench")


def best_of(n: int, fn):  # type: ignore[no-untyped-def]
    """Best wall time of n runs, and the last result."""
    best, out = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> int:
    """Measure and print the figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir")
    ap.add_argument("--children", type=int, default=2000)
    ap.add_argument("--cases", type=int, default=0, help="make this many rescue cases in all")
    args = ap.parse_args()
    if args.data_dir:
        folder = Path(args.data_dir)
    else:
        folder = Path(tempfile.mkdtemp(prefix="clms-bench-clts-"))
        q = ["--data-dir", str(folder), "-q"]
        clms(
            [
                *q,
                "init",
                "--name",
                "Bench Home",
                "--type",
                "childrens-home",
                "--state",
                "10",
                "--district",
                "212",
                "--registration-no",
                "B/1",
            ]
        )
        clms([*q, "demo", "--children", str(args.children), "--as-of", AS_OF.isoformat()])
    if args.cases:
        engine = open_database(folder)
        with unit_of_work(engine, ACTOR, rules=False) as s:
            add_clts_cases(s, seed=9, as_of=AS_OF, share=1.0, limit=args.cases)
        engine.dispose()
    policy = load_policy()
    con = connect_raw(folder / DB_FILENAME)
    cases = con.execute("SELECT count(*) FROM clts_case WHERE status = 'open'").fetchone()[0]
    child_s, _ = best_of(3, lambda: scan(con, as_of=AS_OF, policy=policy))
    bound = bind(policy, "clts")

    def clts_run() -> int:
        n = 0
        for f in load_clts_facts(con, as_of=AS_OF):
            n += len(evaluate(f, policy, bound))
        return n

    clts_s, hits = best_of(3, clts_run)
    con.close()
    engine = open_database(folder)
    with unit_of_work(engine, ACTOR, rules=False) as s:
        case_id = s.query(CltsCase.id).filter(CltsCase.status == "open").first()[0]

    def one_write() -> None:
        with unit_of_work(engine, ACTOR, rules=False, as_of=AS_OF) as s:
            case = s.get(CltsCase, case_id)
            line = lines_of(s, case)[0]
            update_line(s, case, line, {"notes": f"bench {time.perf_counter_ns()}"}, today=AS_OF)

    write_s, _ = best_of(3, one_write)

    def report() -> int:
        with unit_of_work(engine, ACTOR, rules=False) as s:
            rep = quarterly_report(
                records_from_db(s), Quarter(2026, 3), policy=load_clts_policy(), area="bench"
            )
        return rep.rescued

    report_s, rescued = best_of(3, report)
    engine.dispose()
    print(
        json.dumps(
            {
                "children_folder": str(folder),
                "open_cases": cases,
                "child_rules_scan_s": round(child_s, 3),
                "clts_rules_s": round(clts_s, 3),
                "clts_hits": hits,
                "clts_share_of_whole_run": round(clts_s / (clts_s + child_s), 3),
                "one_clts_write_s": round(write_s, 3),
                "quarterly_report_s": round(report_s, 3),
                "rescued_in_q3": rescued,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
