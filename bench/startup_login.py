"""The cold start of an install with a user account (`bench_startup.py --login`).

A real CCI has user accounts: its start shows the login dialog first. Each start is a
fresh Python (`desktop.__main__.main`, as `python -m desktop`) from spawning it to the
login dialog shown; `--type-seconds` after that the password is entered (a script sets
the user name and the password and presses "Log in", as a person would after typing), and
the time from then to the main window's first rows is kept too (and whether the ORM and
the services were loaded by then). This code and the code of
another tree (`--before DIR`, e.g. `git archive 0c0b2ab | tar -x -C /tmp/login_before`)
start in turn with a bare PySide6 window between them, all on the same folder.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

USER, PASSWORD = "meena", "kiran-login-2026"

LOGIN = """
import sys, time
from desktop.__main__ import main, preload
preload(["--data-dir", sys.argv[1]])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication.instance() or QApplication([sys.argv[0]])
user, password, wait = sys.argv[2], sys.argv[3], float(sys.argv[4])
seen = {}
def poll():
    for w in app.topLevelWidgets():
        if type(w).__name__ == "LoginDialog" and w.isVisible():
            now = time.time()
            if "shown" not in seen:
                seen["shown"] = now
                print("SHOWN", now, flush=True)
                print("CPU_SHOWN", time.process_time(), flush=True)
            elif "entered" not in seen and now - seen["shown"] >= wait:
                seen["entered"] = now
                print("ENTERED", now, flush=True)
                print("LOADED", int("desktop.services.install.users" in sys.modules), flush=True)
                w.username.setText(user)
                w.password.setText(password)
                w.login_button.click()
            return
        if isinstance(w, QMainWindow) and w.isVisible():
            for v in w.findChildren(QTableView):
                m = v.model()
                if v.isVisible() and m is not None and m.rowCount() > 0:
                    print("ROWS", time.time(), m.rowCount(), flush=True)
                    print("CPU", time.process_time(), flush=True)
                    app.quit()
                    return
timer = QTimer()
timer.timeout.connect(poll)
timer.start(1)
main(["--data-dir", sys.argv[1]])
"""


def add_account(folder: Path) -> None:
    """Give the folder a superintendent's account (someone must log in from now on), its
    recovery key marked shown (else its dialog would follow the login)."""
    from desktop.db import open_database
    from desktop.services.core.context import SYSTEM, unit_of_work
    from desktop.services.install.users import create_user, has_users
    from desktop.vault.store import mark_recovery_shown

    engine = open_database(folder)
    with unit_of_work(engine, SYSTEM) as s:
        if not has_users(s):
            create_user(
                s, username=USER, full_name="Bench User", role="superintendent", password=PASSWORD
            )
    engine.dispose()
    mark_recovery_shown(folder)


def login_once(
    tree: Path, folder: Path, env: dict[str, str], type_seconds: float
) -> dict[str, float]:
    """One start of `tree`'s code: seconds to the login shown, from the password entered to
    the main window's first rows, processor time to each."""
    env = {**env, "PYTHONPATH": str(tree)}
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", LOGIN, str(folder), USER, PASSWORD, str(type_seconds)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tree,
    )
    words = [ln.split() for ln in out.stdout.splitlines()]
    kinds = ("SHOWN", "CPU_SHOWN", "ENTERED", "LOADED", "ROWS", "CPU")
    at = {w[0]: float(w[1]) for w in words if w and w[0] in kinds}
    if "SHOWN" not in at or "ROWS" not in at:
        raise RuntimeError(f"no login, or no window after it:\n{out.stdout}\n{out.stderr[-2000:]}")
    return {
        "shown": at["SHOWN"] - t0,
        "cpu_shown": at["CPU_SHOWN"],
        "after_password": at["ROWS"] - at["ENTERED"],
        "rows": at["ROWS"] - t0,
        "cpu_rows": at["CPU"],
        "loaded_at_entry": at.get("LOADED", 0.0),
    }


def login_startup(
    base: ModuleType,
    children: int,
    repeat: int,
    folder: Path | None,
    keyring: bool,
    before: Path | None,
    type_seconds: float,
) -> dict[str, Any]:
    """Medians of the login's cold start for this code (and `before`'s), against the bare
    window of the same run (`base`: bench_startup)."""
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="clms-bench-login-")) / "data"
        base.make_folder(folder, children)
    add_account(folder)
    env = base.start_env(folder.parent / "config")
    if keyring:
        folder, env = base.keyring_copy(folder)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    trees = {"after": base.ROOT} | ({"before": before} if before is not None else {})
    for tree in trees.values():  # the first start (bytecode written): not counted
        login_once(tree, folder, env, type_seconds)
    load_before = os.getloadavg()[0]
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    bare, bare_rows, bare_cpu = [], [], []
    for _ in range(repeat):  # interleaved, so all see the same machine load
        shown, rows = base.start_once(base.BARE, [], env)
        bare.append(shown)
        bare_rows.append(rows)
        bare_cpu.append(base.CPU[-1])
        for name, tree in trees.items():
            runs[name].append(login_once(tree, folder, env, type_seconds))
    med = statistics.median
    out: dict[str, Any] = {
        "children": children,
        "folder": str(folder),
        "key_kept": "keyring (bench/file_keyring.py)" if keyring else "passphrase (scrypt)",
        "platform": env.get("QT_QPA_PLATFORM", "xcb"),
        "repeat": repeat,
        "type_seconds": type_seconds,
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "bare_median_s": round(med(bare), 3),
        "bare_rows_median_s": round(med(bare_rows), 3),
        "bare_cpu_median_s": round(med(bare_cpu), 3),
        "bare_s": [round(x, 3) for x in bare],
    }
    for name, samples in runs.items():
        col = {k: [s[k] for s in samples] for k in samples[0]}
        out[name] = {
            "login_shown_median_s": round(med(col["shown"]), 3),
            "login_ratio": round(med(col["shown"]) / med(bare), 2),
            "login_cpu_median_s": round(med(col["cpu_shown"]), 3),
            "login_cpu_ratio": round(med(col["cpu_shown"]) / med(bare_cpu), 2),
            "after_password_median_s": round(med(col["after_password"]), 3),
            "rows_median_s": round(med(col["rows"]), 3),
            "cpu_rows_median_s": round(med(col["cpu_rows"]), 3),
            # starts whose ORM and services were loaded when the password was entered
            "loaded_at_entry": int(sum(col["loaded_at_entry"])),
            "login_shown_s": [round(x, 3) for x in col["shown"]],
            "after_password_s": [round(x, 3) for x in col["after_password"]],
        }
    return out
