"""Where a rules run's time goes, on a folder that already has its first run's flags.

Run: .venv/bin/python bench/profile_daily.py --data-dir COPY --days 0,2,7 --profile 7
(it WRITES to the folder: give it a copy). Runs `run_rules_today` for each day offset
after 2026-11-23 in turn, printing its wall and processor time and what it raised,
resolved and escalated, and a cProfile of the run whose offset `--profile` names. The
passphrase comes from $CLMS_DATA_PASSPHRASE, as for the other benches.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy.orm import configure_mappers  # noqa: E402

from desktop.db import connect_raw, open_database  # noqa: E402
from desktop.services.flags.evaluate import run_rules_today  # noqa: E402

AS_OF = date(2026, 11, 23)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--days", default="0,2,7", help="day offsets after 2026-11-23, in order")
    p.add_argument("--profile", type=int, default=7, help="the offset whose run is profiled")
    p.add_argument("--lines", type=int, default=35, help="lines of the profile to print")
    args = p.parse_args()
    engine = open_database(args.data_dir)
    configure_mappers()  # as the window has by the time its rules run starts
    con = connect_raw(Path(engine.url.database or ""), isolation_level=None)
    statuses = con.execute("SELECT status, count(*) FROM flag GROUP BY status").fetchall()
    verdicts = con.execute("SELECT count(*) FROM rule_verdict").fetchone()[0]
    con.close()
    print(f"flags {dict(statuses)}, stored verdicts {verdicts}, load {os.getloadavg()}")
    for k in (int(x) for x in args.days.split(",")):
        profile = cProfile.Profile() if k == args.profile else None
        if profile is not None:
            profile.enable()
        t, c = time.perf_counter(), time.thread_time()
        s, open_flags = run_rules_today(engine, as_of=AS_OF + timedelta(days=k))
        wall, cpu = time.perf_counter() - t, time.thread_time() - c
        if profile is not None:
            profile.disable()
        print(
            f"+{k} days: {wall:.3f} s (processor {cpu:.3f} s); raised {sum(s.raised.values())}, "
            f"resolved {sum(s.resolved.values())}, escalated {sum(s.escalated.values())}, "
            f"updated {s.updated}; open {open_flags}",
            flush=True,
        )
        if profile is not None:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.lines)


if __name__ == "__main__":
    main()
