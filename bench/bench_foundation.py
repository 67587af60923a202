"""Foundation benchmark: demo generation at scale, search and duplicate-check latency.

Run: .venv/bin/python bench/bench_foundation.py --children 250000 [--data-dir DIR --reuse]
Prints one JSON object with the figures (and writes it to bench/out/foundation.json).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# No OS keyring on a build box: the invented data is kept under this passphrase.
os.environ.setdefault("CLMS_DATA_PASSPHRASE", "invented data for measuring only")

from sqlalchemy import text  # noqa: E402

from desktop.cli.main import main as clms  # noqa: E402
from desktop.db import DB_FILENAME, open_database  # noqa: E402
from desktop.services.core.context import Actor, unit_of_work  # noqa: E402
from desktop.services.find.duplicates import find_duplicates  # noqa: E402
from desktop.services.find.search import search_children  # noqa: E402
from tests.near_duplicates import make_cases, measure  # noqa: E402

AS_OF = "2026-11-23"


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) in milliseconds."""
    v = sorted(values)
    return round(v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] * 1000, 2)


def size_mb(d: Path) -> float:
    """Size of the database and its WAL in MB."""
    return round(sum(f.stat().st_size for f in d.glob(DB_FILENAME + "*")) / 1e6, 1)


def search_queries(s, rng: random.Random, n: int) -> list[str]:
    """A mix of what people type: first names, full names, Devanagari, codes, prefixes."""
    total = int(s.execute(text("SELECT count(*) FROM child")).scalar())
    rows = s.execute(
        text("SELECT first_name, last_name, name_local, code FROM child WHERE id % :step = 0"),
        {"step": max(1, total // 2000)},
    ).all()
    out = []
    for i in range(n):
        first, last, local, code = rng.choice(rows)
        kind = i % 5
        if kind == 0:
            out.append(first)
        elif kind == 1:
            out.append(f"{first} {last or ''}".strip())
        elif kind == 2:
            out.append(local or first)
        elif kind == 3:
            out.append(code)
        else:
            out.append(first[:3])
    return out


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--children", type=int, default=250_000)
    ap.add_argument("--data-dir")
    ap.add_argument("--reuse", action="store_true", help="reuse an existing demo database")
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--probes", type=int, default=200)
    args = ap.parse_args()
    d = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="clms-bench-"))
    result: dict[str, object] = {"children": args.children}
    if not (args.reuse and (d / DB_FILENAME).exists()):
        shutil.rmtree(d, ignore_errors=True)
        clms(
            [
                "-q",
                "--data-dir",
                str(d),
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
                "B1",
            ]
        )
        t = time.perf_counter()
        clms(
            [
                "-q",
                "--data-dir",
                str(d),
                "demo",
                "--children",
                str(args.children),
                "--seed",
                "1",
                "--as-of",
                AS_OF,
            ]
        )
        result["demo_seconds"] = round(time.perf_counter() - t, 1)
    engine = open_database(d)
    with engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    result["db_size_mb"] = size_mb(d)
    rng = random.Random(42)
    with unit_of_work(engine, Actor("bench")) as s:
        result["records"] = int(s.execute(text("SELECT last_seq FROM sync_counter")).scalar())
        queries = search_queries(s, rng, args.queries)
        search_children(s, "warm up")
        times, empty = [], 0
        for q in queries:
            t = time.perf_counter()
            hits = search_children(s, q, limit=50)
            times.append(time.perf_counter() - t)
            empty += not hits
        result["search_ms"] = {
            "p50": pct(times, 50),
            "p95": pct(times, 95),
            "max": pct(times, 100),
            "queries": len(queries),
            "no_hits": empty,
        }
        cases = make_cases(s, n=args.probes, seed=3)
        times = []
        for c in cases:
            t = time.perf_counter()
            find_duplicates(s, c.probe)
            times.append(time.perf_counter() - t)
        result["duplicate_check_ms"] = {
            "p50": pct(times, 50),
            "p95": pct(times, 95),
            "max": pct(times, 100),
            "probes": len(cases),
        }
        result["duplicate_quality"] = {k: round(v, 3) for k, v in measure(s, cases).items()}
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "foundation.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    print(f"data folder: {d}", file=sys.stderr)


if __name__ == "__main__":
    main()
