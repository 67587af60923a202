"""The floor of a first rules run: its reads and its writes with no rules (issue 22, item 2).

Run: .venv/bin/python bench/bench_flag_insert.py --data-dir COPY [--repeat 3]
on a folder whose first run's flags are stored (`bench_rules.py` leaves them, or
`clms flags`); it changes nothing in it: every write is rolled back. The passphrase
comes from $CLMS_DATA_PASSPHRASE, as for the other benches.

In the same process, best of `--repeat`:
- the read a first run cannot do without: every child in care with its row of
  `child_facts` (the facts the write path keeps), each row fetched;
- the write it cannot do without: the stored flags' own rows (the columns
  `insert_flags` writes, as they are stored) inserted again, by `executemany` in chunks
  of `flag_writes.CHUNK`, into an empty table made with the flag table's own SQL, with
  the connection's pragmas (32 MB page cache, foreign keys on, as the app), then that
  table's indexes made (the flag table's own `CREATE INDEX` SQL), then rolled back;
- the sum: what no code storing these flags one row each can go under on this machine,
  against the goal of 2 s.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_rules import best_of  # noqa: E402  (bench/, this script's own folder)

from desktop.db import DB_FILENAME, connect_raw  # noqa: E402
from desktop.services.flags.flag_writes import CHUNK, INSERT_COLUMNS  # noqa: E402

READ = (
    "SELECT c.id, c.code, c.status, c.dob, c.admission_date, c.category_code, f.* "
    "FROM child c JOIN child_facts f ON f.child_id = c.id WHERE c.status = 'in_care'"
)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    con = connect_raw(args.data_dir / DB_FILENAME, isolation_level=None)
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA cache_size=-32000")  # as desktop.db's connections
    cols = ", ".join(INSERT_COLUMNS)
    rows = con.execute(f"SELECT {cols} FROM flag ORDER BY id").fetchall()
    if not rows:
        sys.exit("no flags stored in this folder: run the rules' first run on it first")
    table_sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'flag'").fetchone()[0]
    index_sql = [
        r[0]
        for r in con.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'flag' "
            "AND sql IS NOT NULL ORDER BY name"
        )
    ]
    floor_table = table_sql.replace("CREATE TABLE flag", "CREATE TABLE bench_flag_floor", 1)
    floor_indexes = [
        s.replace(" ON flag ", " ON bench_flag_floor ", 1).replace(
            "CREATE INDEX ix_", "CREATE INDEX bench_floor_ix_", 1
        )
        for s in index_sql
    ]
    insert = (
        f"INSERT INTO bench_flag_floor ({cols}) VALUES ({', '.join('?' * len(INSERT_COLUMNS))})"
    )

    def read() -> int:
        return len(con.execute(READ).fetchall())

    timings: dict[str, list[float]] = {"insert": [], "indexes": []}

    def write() -> int:
        con.execute("BEGIN")
        try:
            con.execute(floor_table)
            t = time.perf_counter()
            for i in range(0, len(rows), CHUNK):
                con.executemany(insert, rows[i : i + CHUNK])
            t1 = time.perf_counter()
            for s in floor_indexes:
                con.execute(s)
            timings["insert"].append(t1 - t)
            timings["indexes"].append(time.perf_counter() - t1)
        finally:
            con.execute("ROLLBACK")
        return len(rows)

    read()  # the page cache warmed, as for a run
    t_read, n_read = best_of(args.repeat, read)
    t_write, n_write = best_of(args.repeat, write)
    con.close()
    out = {
        "folder": str(args.data_dir),
        "children_in_care_read": n_read,
        "read_seconds": round(t_read, 3),
        "flags_inserted": n_write,
        "insert_and_indexes_seconds": round(t_write, 3),
        "insert_seconds_best": round(min(timings["insert"]), 3),
        "indexes_seconds_best": round(min(timings["indexes"]), 3),
        "floor_seconds": round(t_read + t_write, 3),
        "goal_seconds": 2.0,
        "load": os.getloadavg(),
    }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
