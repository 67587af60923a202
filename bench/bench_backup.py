"""Backup benchmark: a backup and a restore of a demo folder, beside a plain file copy.

Run: .venv/bin/python bench/bench_backup.py [--children 20000] [--scans 200]
Makes a demo folder in a temporary directory, attaches `--scans` invented scans (about
60 KB each), then times: copying the database file with shutil (the baseline: what
copying the folder by hand costs), the first backup (database + every scan), a second
backup (only the database: the scans are there already), and making a restore ready in a
fresh folder and opening it. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from desktop.cli.main import main as clms  # noqa: E402
from desktop.db import DB_FILENAME, open_database  # noqa: E402
from desktop.models import Child, DocumentItem  # noqa: E402
from desktop.services.cases.casework import attach_scan  # noqa: E402
from desktop.services.cases.profile import attachment_store  # noqa: E402
from desktop.services.core import backup  # noqa: E402
from desktop.services.core.context import Actor, unit_of_work  # noqa: E402

AS_OF = date(2026, 11, 23)
ACTOR = Actor("bench", "superintendent", "Benchmark")


def _timed(fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    return result, round(time.perf_counter() - started, 3)


def main() -> None:
    """Build the folder, time the copies, print JSON."""
    p = argparse.ArgumentParser()
    p.add_argument("--children", type=int, default=20_000)
    p.add_argument("--scans", type=int, default=200)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data, usb, fresh = Path(tmp) / "data", Path(tmp) / "usb", Path(tmp) / "fresh"
        usb.mkdir()
        d = ["--data-dir", str(data), "-q"]
        clms([*d, "init", "--name", "Bench Home", "--type", "childrens-home", "--state", "10",
              "--district", "212", "--registration-no", "B/1"])  # fmt: skip
        clms([*d, "demo", "--children", str(args.children), "--as-of", AS_OF.isoformat()])
        engine = open_database(data)
        store = attachment_store(data)
        with unit_of_work(engine, ACTOR, rules=False) as s:
            rows = s.execute(
                select(Child, DocumentItem.doc_type)
                .join(DocumentItem, DocumentItem.child_id == Child.id)
                .where(DocumentItem.status == "required")
                .limit(args.scans)
            ).all()
            for i, (child, doc) in enumerate(rows):
                scan = b"%PDF-1.4\n" + os.urandom(60_000) + f"\n{i}\n%%EOF\n".encode()
                attach_scan(s, child, doc_type=doc, data=scan, store=store, today=AS_OF)
        db_size = (data / DB_FILENAME).stat().st_size
        _, copy_s = _timed(lambda: shutil.copyfile(data / DB_FILENAME, Path(tmp) / "copy.db"))
        first, first_s = _timed(lambda: backup.make_backup(data, usb, keep=3))
        time.sleep(1.1)  # backups are named by the second
        _, second_s = _timed(lambda: backup.make_backup(data, usb, keep=3))
        _, inspect_s = _timed(lambda: backup.inspect_backup(first.path))
        _, restore_s = _timed(lambda: backup.restore_backup(first.path, fresh))
        engine.dispose()
        print(
            json.dumps(
                {
                    "children": args.children,
                    "scans": len(first.attachments),
                    "database_mb": round(db_size / 1e6, 1),
                    "baseline_shutil_copy_s": copy_s,
                    "first_backup_s": first_s,
                    "second_backup_s": second_s,
                    "preview_check_s": inspect_s,
                    "restore_into_fresh_folder_s": restore_s,
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
