"""Audit and login benchmark: verify a big audit trail; time one login (argon2id).

Run: .venv/bin/python bench/bench_audit.py [--children 10000] [--notes 20000]
Makes a demo folder in a temporary directory (one audit event per demo child), adds
`--notes` audited case notes (one event each), then times `check_chain` over the whole
trail, the per-commit anchor cost, and a login (argon2id verify). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# No OS keyring on a build box: the invented data is kept under this passphrase.
os.environ.setdefault("CLMS_DATA_PASSPHRASE", "invented data for measuring only")

from sqlalchemy import select  # noqa: E402

from desktop.cli.main import main as clms  # noqa: E402
from desktop.db import open_database  # noqa: E402
from desktop.models import Child  # noqa: E402
from desktop.services.cases.casework import add_note  # noqa: E402
from desktop.services.core.audit_chain import check_chain  # noqa: E402
from desktop.services.core.context import SYSTEM, Actor, unit_of_work  # noqa: E402
from desktop.services.install.users import create_user, login  # noqa: E402

AS_OF = date(2026, 11, 23)
ACTOR = Actor("bench", "superintendent", "Benchmark")


def main() -> None:
    """Build the trail and print the timings as JSON."""
    p = argparse.ArgumentParser()
    p.add_argument("--children", type=int, default=10_000)
    p.add_argument("--notes", type=int, default=20_000)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = ["--data-dir", tmp, "-q"]
        clms([*d, "init", "--name", "Bench Home", "--type", "childrens-home", "--state", "10",
              "--district", "212", "--registration-no", "B/1"])  # fmt: skip
        clms([*d, "demo", "--children", str(args.children), "--as-of", AS_OF.isoformat()])
        engine = open_database(Path(tmp))
        with unit_of_work(engine, ACTOR, rules=False) as s:
            ids = list(s.scalars(select(Child.id).limit(500)))
        started = time.perf_counter()
        with unit_of_work(engine, ACTOR, rules=False) as s:
            children = {i: s.get(Child, i) for i in ids}
            for n in range(args.notes):
                add_note(s, children[ids[n % len(ids)]], text=f"note {n}", today=AS_OF)
        notes_s = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(200):  # empty commits: what the anchor hook costs each unit of work
            with unit_of_work(engine, ACTOR, rules=False):
                pass
        commit_ms = (time.perf_counter() - started) / 200 * 1000
        started = time.perf_counter()
        with unit_of_work(engine, SYSTEM) as s:
            result = check_chain(s)
        verify_s = time.perf_counter() - started
        with unit_of_work(engine, SYSTEM) as s:
            create_user(s, username="meena", full_name="Meena", role="superintendent",
                        password="kiran-2026")  # fmt: skip
        started = time.perf_counter()
        login(engine, username="meena", password="kiran-2026")
        login_s = time.perf_counter() - started
        engine.dispose()
    print(json.dumps({
        "events": result.checked,
        "intact": result.ok,
        "verify_seconds": round(verify_s, 2),
        "events_per_second": round(result.checked / verify_s),
        "audited_notes_per_second": round(args.notes / notes_s),
        "empty_commit_ms_with_anchor": round(commit_ms, 2),
        "login_seconds": round(login_s, 3),
    }, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
