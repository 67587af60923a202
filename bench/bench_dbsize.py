"""The desktop database's size per child, by table (issue 22, item 6: goal <= 3 KB a child).

Run: .venv/bin/python bench/bench_dbsize.py --children 10000 --children 50000 \
         [--data-dir DIR ...] [--code OTHER_TREE]

`--children N` builds a demo folder of N children (`clms init`, `clms demo --children N
--seed 1 --as-of 2026-11-23 --cpmis-quarters 0`, then the rules' first run `clms flags`,
today, so its flags are stored) with the code of `--code` (default: this tree), in a
temporary folder;
`--data-dir DIR` measures a folder that exists (opened read-only, never upgraded).

Measure: SQLCipher is built without dbstat, so the database is opened read-only with
`connect_raw`, decrypted whole into a plain copy (`ATTACH ... KEY ''; sqlcipher_export`),
and the standard library's sqlite3 reads `dbstat` there: bytes of pages of each table and
its indexes. Baseline, same run: the stored content, the sum of `length()` of each table's
data columns (every column but the bookkeeping ones: id, uuid, version, change_seq,
synced_version, created_at, updated_at). A second one, the floor: the same records with
no sync bookkeeping at all (`floor`: every table made again with its rowid and its data
columns, the indexes on data columns only), with those indexes and as rows alone.

Prints a table per folder and one JSON object (also written to bench/out/dbsize.json).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BOOKKEEPING = {"id", "uuid", "version", "change_seq", "synced_version", "created_at", "updated_at"}
AS_OF = "2026-11-23"
CLI = "import sys; from desktop.cli.main import main; sys.argv[0] = 'clms'; sys.exit(main())"


def clms(code: Path, data_dir: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(code)}
    cmd = [sys.executable, "-c", CLI, "-q", "--data-dir", str(data_dir), *args]
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, cwd=code)


def build(code: Path, n: int, into: Path) -> tuple[Path, float]:
    """A demo folder of n children after the rules' first run; seconds it took."""
    d = into / f"demo{n}"
    t = time.perf_counter()
    clms(code, d, "init", "--name", "Bench", "--type", "childrens-home", "--state", "10",
         "--district", "212", "--registration-no", "B")  # fmt: skip
    clms(code, d, "demo", "--children", str(n), "--seed", "1", "--as-of", AS_OF,
         "--cpmis-quarters", "0")  # fmt: skip
    clms(code, d, "flags")  # today: the first run that stores its flags
    return d, time.perf_counter() - t


def plain_copy(data_dir: Path, out: Path) -> int:
    """The folder's database decrypted into a plain SQLite file (packed: no free pages);
    returns the free pages of the original file."""
    from desktop.db import DB_FILENAME, connect_raw

    con = connect_raw(data_dir / DB_FILENAME, read_only=True)
    try:
        free = con.execute("PRAGMA freelist_count").fetchone()[0]
        con.execute(f"ATTACH '{out}' AS plain KEY ''")
        con.execute("SELECT sqlcipher_export('plain')")
        con.execute("DETACH plain")
    finally:
        con.close()
    return int(free)


def measure(data_dir: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="dbsize") as tmp:
        plain = Path(tmp) / "plain.sqlite3"
        free_pages = plain_copy(data_dir, plain)
        con = sqlite3.connect(plain)  # plain SQLite: the decrypted throwaway copy
        owner = dict(con.execute("SELECT name, tbl_name FROM sqlite_master"))
        pages: dict[str, int] = {}
        for name, size in con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
            table = owner.get(name, name)
            # FTS5 shadow tables count under the virtual table's name.
            pages[table] = pages.get(table, 0) + int(size)
        children = con.execute("SELECT count(*) FROM child").fetchone()[0]
        tables: dict[str, dict[str, int]] = {}
        for (t,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        ).fetchall():
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')]
            data = [c for c in cols if c not in BOOKKEEPING]
            rows = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            content = 0
            if data and rows:
                expr = " + ".join(f'coalesce(sum(length("{c}")), 0)' for c in data)
                content = con.execute(f'SELECT {expr} FROM "{t}"').fetchone()[0]
            tables[t] = {"bytes": pages.get(t, 0), "rows": rows, "content": content}
        file_bytes = plain.stat().st_size
        con.close()
        least = floor(plain, Path(tmp) / "floor.sqlite3")
    total = sum(v["bytes"] for v in tables.values())
    content = sum(v["content"] for v in tables.values())
    return {
        "folder": str(data_dir),
        "children": children,
        "file_bytes": file_bytes,
        "encrypted_file_bytes": (data_dir / "clms.sqlite3").stat().st_size,
        "free_pages_in_file": free_pages,
        "bytes_per_child": round(file_bytes / max(children, 1)),
        "content_per_child": round(content / max(children, 1)),
        # The same records with no sync bookkeeping (floor): with the indexes on their
        # data, and the rows alone.
        "floor_per_child": round(least["with_data_indexes"] / max(children, 1)),
        "floor_rows_only_per_child": round(least["rows_only"] / max(children, 1)),
        "bookkeeping_indexes_per_child": round(least["bookkeeping_indexes"] / max(children, 1)),
        "tables": dict(sorted(tables.items(), key=lambda kv: -kv[1]["bytes"])),
        "total_pages_bytes": total,
    }


def floor(plain: Path, into: Path) -> dict[str, int]:
    """The same records with no sync bookkeeping at all: every table made again with its
    rowid and its data columns only (BOOKKEEPING but id left out), the indexes on data
    columns only (those of the unique constraints too), rows copied in rowid order;
    full-text indexes and tables without bookkeeping copied as they are. Returns the bytes
    of that file's pages, with and without its indexes, and the bookkeeping indexes' bytes
    of the original: how near the goal the records themselves allow."""
    src = sqlite3.connect(plain)  # plain SQLite: the decrypted throwaway copy
    virtual = [
        r[0]
        for r in src.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    ]
    tables = [r for r in src.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
        if not any(r[0].startswith(v + "_") for v in virtual)]  # fmt: skip
    full_text = sum(  # the full-text indexes' own tables, as they are
        r[1] for r in src.execute("SELECT name, pgsize FROM dbstat")
        if any(r[0].startswith(v + "_") for v in virtual))  # fmt: skip
    bookkept = 0  # the original's pages of the indexes on bookkeeping columns
    src.close()
    dst = sqlite3.connect(into)  # plain SQLite: a throwaway file
    dst.execute(f"ATTACH '{plain}' AS src")
    indexes: list[str] = []
    book = BOOKKEEPING - {"id"}
    for name, sql in tables:
        info = dst.execute(f'PRAGMA src.table_info("{name}")').fetchall()
        cols = [c[1] for c in info]
        if not book & set(cols):
            dst.execute(sql)
            dst.execute(f'INSERT INTO main."{name}" SELECT * FROM src."{name}"')
        else:
            keep = [c for c in info if c[1] not in book]
            decl = ", ".join(
                f'"{c[1]}" INTEGER PRIMARY KEY' if c[1] == "id" else f'"{c[1]}" {c[2]}'
                for c in keep
            )
            names = ", ".join(f'"{c[1]}"' for c in keep)
            dst.execute(f'CREATE TABLE main."{name}" ({decl})')
            order = " ORDER BY id" if "id" in cols else ""
            dst.execute(f'INSERT INTO main."{name}" SELECT {names} FROM src."{name}"{order}')
        for _, iname, _unique, origin, _ in dst.execute(f'PRAGMA src.index_list("{name}")'):
            on = [r[2] for r in dst.execute(f'PRAGMA src.index_info("{iname}")')]
            if book & set(on):
                bookkept += dst.execute(
                    "SELECT coalesce(sum(pgsize), 0) FROM dbstat('src') WHERE name = ?", (iname,)
                ).fetchone()[0]
            elif origin == "c":
                indexes.append(
                    dst.execute(
                        "SELECT sql FROM src.sqlite_master WHERE name = ?", (iname,)
                    ).fetchone()[0]
                )
            elif origin in ("u", "pk"):  # a unique constraint or a primary key not the rowid
                cols_on = ", ".join(f'"{c}"' for c in on)
                indexes.append(f'CREATE UNIQUE INDEX "floor_{iname}" ON "{name}" ({cols_on})')
    dst.commit()
    rows_only = dst.execute("SELECT sum(pgsize) FROM dbstat('main')").fetchone()[0]
    for sql in indexes:
        dst.execute(sql)
    dst.commit()
    with_indexes = dst.execute("SELECT sum(pgsize) FROM dbstat('main')").fetchone()[0]
    dst.close()
    return {
        "rows_only": int(rows_only) + full_text,
        "with_data_indexes": int(with_indexes) + full_text,
        "bookkeeping_indexes": int(bookkept),
    }


def show(m: dict[str, object]) -> None:
    n = max(int(m["children"]), 1)  # type: ignore[call-overload]
    print(
        f"\n{m['folder']}: {m['children']} children, {m['file_bytes']:,} B packed "
        f"(the file: {m['encrypted_file_bytes']:,} B, {m['free_pages_in_file']:,} free pages)"
    )
    print(f"  {m['bytes_per_child']:,} B a child; stored content {m['content_per_child']:,} B")
    print(
        f"  the same records with no sync bookkeeping: {m['floor_per_child']:,} B a child "
        f"({m['floor_rows_only_per_child']:,} B the rows alone, without any index); "
        f"the indexes on bookkeeping columns now: {m['bookkeeping_indexes_per_child']:,} B"
    )
    print(f"  {'table':32} {'B/child':>8} {'content':>8} {'rows':>10}")
    for t, v in m["tables"].items():  # type: ignore[attr-defined]
        if v["bytes"] >= n:  # at least a byte a child
            print(f"  {t:32} {v['bytes'] / n:8.0f} {v['content'] / n:8.0f} {v['rows']:10,}")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--children", type=int, action="append", default=[])
    p.add_argument("--data-dir", action="append", default=[])
    p.add_argument("--code", default=str(ROOT), help="the code tree that builds the demos")
    p.add_argument("--keep", help="build the demos in this folder and keep them")
    p.add_argument("--out", default=str(ROOT / "bench" / "out" / "dbsize.json"))
    args = p.parse_args()
    os.environ.setdefault("CLMS_DATA_PASSPHRASE", "bench dbsize passphrase")
    results = []
    with tempfile.TemporaryDirectory(prefix="dbsize-demos") as tmp:
        where = Path(args.keep) if args.keep else Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        for n in args.children:
            d, secs = build(Path(args.code), n, where)
            m = measure(d)
            m["build_seconds"] = round(secs, 1)
            show(m)
            results.append(m)
        for d in args.data_dir:
            m = measure(Path(d))
            show(m)
            results.append(m)
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"results": results, "load": load}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
