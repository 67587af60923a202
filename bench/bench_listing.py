"""Children-list latency at scale: first page and match count for each filter and sort.

Run: .venv/bin/python bench/bench_listing.py --data-dir DIR
(DIR made with `clms --data-dir DIR init ...; clms --data-dir DIR demo --children 250000
--as-of 2026-11-23`). Rules are run once first if the folder has no flags yet.
Prints one JSON object (and writes bench/out/listing.json): milliseconds per query,
median and worst of several runs, for the first page (200 rows) and the count. The
first page includes the page's open-flag counts (the Flags column); `flag_counts_ms` is
that part alone, measured on the same page in the same run (the page without it is the
baseline: first_page_ms - flag_counts_ms).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# No OS keyring on a build box: the invented data is kept under this passphrase.
os.environ.setdefault("CLMS_DATA_PASSPHRASE", "invented data for measuring only")

from sqlalchemy import text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from desktop.db import open_database  # noqa: E402
from desktop.services.find.listing import (  # noqa: E402
    ListFilter,
    count_listed,
    list_children,
    open_flags_of,
)
from desktop.services.flags.evaluate import run_rules_today  # noqa: E402

TODAY = date(2026, 11, 23)
CASES: dict[str, tuple[ListFilter, str]] = {
    "no filter": (ListFilter(), "code"),
    "status in care": (ListFilter(status="in_care"), "code"),
    "category 5": (ListFilter(category_code=5), "code"),
    "gender female": (ListFilter(gender="female"), "code"),
    "age 0-5": (ListFilter(age_min=0, age_max=5), "code"),
    "age 18+": (ListFilter(age_min=18), "code"),
    "with open flags": (ListFilter(open_flags=True), "code"),
    "without open flags": (ListFilter(open_flags=False), "code"),
    "stay under 1 month": (ListFilter(stay_max_days=30), "code"),
    "stay over 2 years": (ListFilter(stay_min_days=731), "code"),
    "in care, girls, 12-14, flagged": (
        ListFilter(status="in_care", gender="female", age_min=12, age_max=14, open_flags=True),
        "code",
    ),
    "search 'priya'": (ListFilter(text="priya"), "code"),
    "search 'priya' + in care": (ListFilter(text="priya", status="in_care"), "code"),
    "sort by name": (ListFilter(), "name"),
    "sort by age": (ListFilter(), "age"),
    "sort by admitted": (ListFilter(), "admitted"),
    "in care sorted by name": (ListFilter(status="in_care"), "name"),
    # the Flags column (issue 16): most flags first, as a header click asks
    "sort by open flags": (ListFilter(), "flags"),
    "in care sorted by open flags": (ListFilter(status="in_care"), "flags"),
}


def timed(fn, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median and worst time of `runs` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1), round(max(times), 1)


def main() -> int:
    """Measure and print."""
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", required=True)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    engine = open_database(Path(args.data_dir))
    with Session(engine) as s:
        n = int(s.execute(text("SELECT count(*) FROM child")).scalar_one())
        flags = int(s.execute(text("SELECT count(*) FROM flag")).scalar_one())
    out: dict[str, object] = {"children": n}
    if flags == 0:
        t = time.perf_counter()
        try:
            run_rules_today(engine, as_of=TODAY)
            out["rules_run_s"] = round(time.perf_counter() - t, 1)
        except Exception as exc:  # still measure the list; the flag filters then match none
            out["rules_run_failed"] = str(exc)
    results = {}
    with Session(engine) as s:
        for name, (f, sort) in CASES.items():
            page_ms = timed(
                lambda f=f, sort=sort: list_children(
                    s, offset=0, limit=200, filters=f, sort=sort, today=TODAY
                ),
                args.runs,
            )
            count_ms = timed(lambda f=f: count_listed(s, filters=f, today=TODAY), args.runs)
            ids = [
                r.id
                for r in list_children(s, offset=0, limit=200, filters=f, sort=sort, today=TODAY)
            ]
            flags_ms = timed(lambda ids=ids: open_flags_of(s, ids), args.runs)
            results[name] = {
                "first_page_ms": page_ms[0],
                "first_page_worst_ms": page_ms[1],
                "flag_counts_ms": flags_ms[0],
                "count_ms": count_ms[0],
                "matches": count_listed(s, filters=f, today=TODAY),
            }
    out["queries"] = results
    text_out = json.dumps(out, indent=2)
    print(text_out)
    dest = Path(__file__).parent / "out" / "listing.json"
    dest.parent.mkdir(exist_ok=True)
    dest.write_text(text_out + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
