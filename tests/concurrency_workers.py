"""Worker processes of tests/test_concurrency.py (importable by a spawned interpreter)."""

from __future__ import annotations

import traceback
from datetime import date
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 23)


def window_writer(data_dir: str, child_ids: list[int], n: int, start: Any, out: Any) -> None:
    """What the window does, `n` times: a visit, a case note or a new child, each one user
    action in its own unit of work (as the profile and registration screens write)."""
    from desktop.db import open_database
    from desktop.models import Child
    from desktop.services.cases.casework import add_note, log_visit
    from desktop.services.cases.children import register_child
    from desktop.services.core.context import Actor, unit_of_work
    from tests.helpers import child_input

    actor = Actor("asha", "superintendent", "Asha Kumari")
    engine = open_database(Path(data_dir))
    done = {"visit": 0, "note": 0, "child": 0}
    failures: list[str] = []
    start.wait()
    for i in range(n):
        kind = ("visit", "note", "child")[i % 3]
        try:
            with unit_of_work(engine, actor, as_of=TODAY) as s:
                child = s.get(Child, child_ids[i % len(child_ids)])
                assert child is not None
                if kind == "visit":
                    log_visit(
                        s,
                        child,
                        visit_date=TODAY,
                        visitor_role="relative",
                        visitor_name="Sita Devi",
                        today=TODAY,
                    )
                elif kind == "note":
                    add_note(s, child, text=f"note {i}", today=TODAY)
                else:
                    register_child(s, child_input(first_name="Winda"), today=TODAY)
            done[kind] += 1
        except Exception:
            failures.append(traceback.format_exc(limit=3))
    engine.dispose()
    out.put(("window", done, failures))


def cli_writer(data_dir: str, csv_dir: str, files: int, start: Any, out: Any) -> None:
    """`clms import` run again and again, as a script on the same PC would (in this process:
    the same code as the command, without an interpreter start per call)."""
    from desktop.cli.main import main

    failures: list[str] = []
    imported = 0
    start.wait()
    for k in range(files):
        path = Path(csv_dir) / f"register-{k}.csv"
        try:
            code = main(["-q", "--data-dir", data_dir, "--user", "meena", "import", str(path)])
            if code != 0:
                failures.append(f"clms import {path.name}: exit {code}")
            else:
                imported += sum(1 for _ in path.open()) - 1
        except Exception:
            failures.append(traceback.format_exc(limit=3))
    out.put(("cli", {"child": imported}, failures))


def wrong_login(data_dir: str, start: Any, out: Any) -> None:
    """One wrong password for ravi, typed at the same moment as the others."""
    from desktop.db import open_database
    from desktop.services.install.users import LoginRefused, login

    engine = open_database(Path(data_dir))
    start.wait()
    try:
        login(engine, username="ravi", password="not-his-pass-1")
        out.put("accepted")
    except LoginRefused as exc:
        out.put("locked" if exc.locked else "refused")
    except Exception:
        out.put("error: " + traceback.format_exc(limit=3))
    engine.dispose()
