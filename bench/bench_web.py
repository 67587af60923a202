"""Central's officials' pages under concurrent users: the real server with TLS on 127.0.0.1.

Run: .venv/bin/python bench/bench_web.py [--children 250000] [--ccis 1000] [--users 20]
     [--requests 10] [--db sqlite|postgresql] [--workers 2] [--url DB_URL]
Prints one JSON object (and writes it to bench/out/web.json).

Fills central's view tables with `--children` invented children in `--ccis` CCIs (no
merged records: the pages read only the view tables), makes the officials, starts
`python -m central serve`, logs `--users` state officials in through the form, then each
of them requests the state overview and the state review queue `--requests` times at
once (threads, one HTTPS session each). Figures: p50/p95/max per page, in ms.
Before measuring, every session asks for each page once at the same time (so each worker
process has counted its reports, as after its start-up count); how long the slowest of
those first requests took is `first_ms`. `--url`: a database `tests.web_helpers.prepare`
already filled (no fill; for repeated runs).
Baseline in the same run and under the same concurrency: the stylesheet (a static file:
what the server, TLS and the client cost with no query at all).
Issue 17's goal: p95 <= 300 ms on PostgreSQL with 20 users over 250k children.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.web_helpers import PASSWORDS, login, prepare, web_central  # noqa: E402

PAGES = {"stylesheet (baseline)": "/static/style.css", "state": "/state", "queue": "/queue"}


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))]


_LOCK = threading.Lock()


def _user(s: Any, url: str, n: int, times: list[float], errors: list[str]) -> None:
    """One official asking for the same page `n` times, one after another."""
    for _ in range(n):
        start = time.perf_counter()
        r = s.get(url, timeout=120)
        took = (time.perf_counter() - start) * 1000
        with _LOCK:
            times.append(took)
            if r.status_code != 200:
                errors.append(str(r.status_code))


def main() -> int:
    """Fill, serve, hammer, print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--children", type=int, default=20000)
    ap.add_argument("--ccis", type=int, default=100)
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--requests", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--url", default=None, help="an already prepared database")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="clms-bench-web-"))
    with ExitStack() as stack:
        if args.url:
            db = args.url
        elif args.db == "sqlite":
            db = f"sqlite:///{work / 'central.sqlite'}"
        else:
            from tests.central_db import new_pg_database
            from tests.sync_helpers import throwaway_postgres

            db = new_pg_database(stack.enter_context(throwaway_postgres()))
        out = run(args, work, db)
    text = json.dumps(out, indent=2)
    print(text)
    dest = Path(__file__).resolve().parent / "out"
    dest.mkdir(exist_ok=True)
    (dest / "web.json").write_text(text + "\n", encoding="utf-8")
    return 0


def run(args: argparse.Namespace, work: Path, db: str) -> dict[str, Any]:
    """Fill the database, start central, measure; the figures."""
    t0 = time.monotonic()
    if args.url:
        from sqlalchemy import func, select

        from central.projection import view_child, view_flag
        from central.schema import open_engine
        from tests.central_fill import Filled

        engine = open_engine(db)  # (upgrades it if an older central filled it)
        with engine.connect() as c:
            filled = Filled(
                children=int(c.execute(select(func.count()).select_from(view_child)).scalar_one()),
                flags=int(c.execute(select(func.count()).select_from(view_flag)).scalar_one()),
            )
        engine.dispose()
    else:
        filled = prepare(db, children=args.children, ccis=args.ccis, records=False)
    fill_s = time.monotonic() - t0
    out: dict[str, Any] = {
        "children": filled.children,
        "ccis": args.ccis,
        "flags": filled.flags,
        "db": args.db,
        "workers": args.workers,
        "users": args.users,
        "requests_each": args.requests,
        "fill_s": round(fill_s, 1),
        "load_before": os.getloadavg()[0],
    }
    with web_central(work, db, filled, workers=args.workers) as central:
        sessions = [
            login(central.url, "state1", PASSWORDS["state1"], verify=str(central.ca))
            for _ in range(args.users)
        ]
        for name, path in PAGES.items():  # warm: each worker's first request of a page
            first: list[float] = []
            errors: list[str] = []
            threads = [
                threading.Thread(target=_user, args=(s, central.url + path, 1, first, errors))
                for s in sessions
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            out.setdefault("first_ms", {})[name] = round(max(first), 1)
        for name, path in PAGES.items():
            times: list[float] = []
            errors: list[str] = []
            threads = [
                threading.Thread(
                    target=_user, args=(s, central.url + path, args.requests, times, errors)
                )
                for s in sessions
            ]
            wall = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            out[name] = {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(_pct(times, 95), 1),
                "max_ms": round(max(times), 1),
                "requests": len(times),
                "errors": len(errors),
                "wall_s": round(time.perf_counter() - wall, 2),
                "load_1m": os.getloadavg()[0],
            }
    out["load_after"] = os.getloadavg()[0]
    return out


if __name__ == "__main__":
    sys.exit(main())
