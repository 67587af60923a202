"""Window benchmark: cold start against a bare QMainWindow; list filters and dashboard at 250k.

Run: .venv/bin/python bench/bench_startup.py [--children 5000] [--big-data-dir DIR]
     .venv/bin/python bench/bench_startup.py --login [--before DIR] [--keyring]
  (under xvfb-run for a real X server; without a display the window draws offscreen)

1. Cold start: each start is a fresh Python process, from spawning it to the main
   window shown with the event loop running, and to the first rows of its table shown
   (the children list's first page), through the real start-up path
   (`desktop.__main__.main`) on a demo folder of `--children` children (or
   `--start-folder`); the same for a bare PySide6 QMainWindow holding a QTableView of 200
   rows, interleaved, `--repeat` times; medians and their ratios, the processor time of
   each start to its first rows, and a fresh Python only unlocking the folder's data key
   (the scrypt of its passphrase: the floor of any start that reads a row).
2. List filters with a big folder (`--big-data-dir`, default /tmp/b250b/data, made by
   `clms demo --children 250000`): count + first page of 100 through
   `desktop.services.find.listing`, as the children screen does on every filter change.
   The file is opened read-only, without migrating it.
3. Dashboard, adoption board and review queue services on the same big folder, and
   the GUI-thread time to show what they loaded (models filled and painted).
`--login` instead: the start of a folder with a user account, to its login dialog shown
and from the password entered to the main window's rows (bench/startup_login.py), beside
the code of `--before DIR` if given. Prints JSON (also saved to bench/out/startup.json;
with --login, bench/out/startup_login.json).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# No OS keyring on a build box: the invented data is kept under this passphrase.
os.environ.setdefault("CLMS_DATA_PASSPHRASE", "invented data for measuring only")

AS_OF = date(2026, 11, 23)
SHOWN = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication.instance() or QApplication([sys.argv[0]])
shown = []
def poll():
    for w in app.topLevelWidgets():
        if isinstance(w, QMainWindow) and w.isVisible():
            if not shown:
                shown.append(w)
                print("SHOWN", time.time(), type(w).__name__, flush=True)
            if shown[1:]:  # rows seen: wait for the rest of the start (the ORM loaded)
                ctx = getattr(w, "ctx", None)
                if ctx is None or getattr(ctx, "loaded", True):
                    print("READY", time.time(), flush=True)
                    print("CPU_READY", time.process_time(), flush=True)
                    app.quit()
                return
            for v in w.findChildren(QTableView):
                m = v.model()
                if v.isVisible() and m is not None and m.rowCount() > 0:
                    print("ROWS", time.time(), m.rowCount(), flush=True)
                    print("CPU", time.process_time(), flush=True)
                    shown.append(m)
                    return
timer = QTimer()
timer.timeout.connect(poll)
timer.start(1)
"""
# The bare window: a QMainWindow holding a QTableView of one page of rows (200 x 8, made in
# memory), as the children list shows its first page.
BARE = (
    SHOWN
    + """
from PySide6.QtGui import QStandardItem, QStandardItemModel
w = QMainWindow()
w.resize(1280, 800)
model = QStandardItemModel(0, 8)
for r in range(200):
    model.appendRow([QStandardItem(f"CCI/2026/{r:05d} {c}") for c in range(8)])
table = QTableView()
table.setModel(model)
w.setCentralWidget(table)
w.show()
app.exec()
"""
)
# As `python -m desktop` starts: the data key's unlock begun in the background and the
# domain modules imported (desktop.__main__.preload, the first thing main() does), then
# PySide6 (here the probe's import), then the window.
CLMS = (
    """
import sys
from desktop.__main__ import main, preload
preload(["--data-dir", sys.argv[1]])
"""
    + SHOWN
    + """
main(["--data-dir", sys.argv[1]])
"""
)


def start_env(config: Path) -> dict[str, str]:
    """The environment of a measured start: bytecode written and used (an installed app
    has it; with PYTHONDONTWRITEBYTECODE every start compiles our 800 modules again,
    0.75 s that the bare window, PySide6 only, never pays)."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def make_folder(folder: Path, children: int) -> None:
    """A set-up demo folder with its flags (as after a first rules run)."""
    from desktop.cli.main import main as clms

    common = ["--data-dir", str(folder)]
    init = ["init", "--name", "Bench Home", "--type", "childrens-home", "--state", "10"]
    init += ["--district", "212", "--registration-no", "BENCH"]
    assert clms([*common, *init]) == 0
    assert clms([*common, "demo", "--children", str(children), "--as-of", str(AS_OF)]) == 0
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):  # every flag
        assert clms([*common, "flags", "--as-of", str(AS_OF)]) in (0, 1)


def start_once(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning a fresh Python to its main window shown, and to the first rows
    of its table (the children list) shown. Also kept: to the start's work done (READY: a
    window whose start reads its first page raw has then imported the ORM, `ctx.loaded`)."""
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    words = [ln.split() for ln in out.stdout.splitlines()]
    kinds = ("SHOWN", "ROWS", "CPU", "READY", "CPU_READY")
    at = {w[0]: float(w[1]) for w in words if w and w[0] in kinds}
    if "SHOWN" not in at or "ROWS" not in at:
        raise RuntimeError(f"the window never showed rows:\n{out.stdout}\n{out.stderr[-2000:]}")
    CPU.append(at["CPU"])
    READY.append((at.get("READY", at["ROWS"]) - t0, at.get("CPU_READY", at["CPU"])))
    return at["SHOWN"] - t0, at["ROWS"] - t0


CPU: list[float] = []  # each start's processor time (all its threads) to its first rows
READY: list[tuple[float, float]] = []  # each start's wall and processor time to READY


KDF = """
import sys, time
t = time.time()
from desktop.vault.store import unlock
unlock(__import__("pathlib").Path(sys.argv[1]))
print("KEY", time.time(), flush=True)
"""


def key_once(folder: Path, env: dict[str, str]) -> float:
    """Seconds from spawning a fresh Python to the data key unlocked (the scrypt of a
    passphrase-kept key): what no start can go below before reading a row."""
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", KDF, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("KEY")), None)
    if line is None:
        raise RuntimeError(f"the key did not unlock:\n{out.stderr[-2000:]}")
    return float(line.split()[1]) - t0


TO_KEYRING = """
import sys
from pathlib import Path
from desktop.vault import store
folder = Path(sys.argv[1])
key = store.unlock(folder)
info = store.read_info(folder)
assert store._store(folder, key, passphrase=None, recovery_shown=info.recovery_shown) == "keyring"
"""


def keyring_copy(folder: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the folder whose data key is kept in a keyring (bench/file_keyring.py), as
    on a computer with an OS keyring, and the environment of its starts (no passphrase)."""
    copy = Path(tempfile.mkdtemp(prefix="clms-bench-start-keyring-"))
    shutil.copytree(folder, copy / "data")
    if (folder.parent / "config").exists():
        shutil.copytree(folder.parent / "config", copy / "config")
    env = start_env(copy / "config")
    env["PYTHON_KEYRING_BACKEND"] = "bench.file_keyring.FileKeyring"
    env["CLMS_BENCH_KEYRING"] = str(copy / "keyring.json")
    subprocess.run(
        [sys.executable, "-c", TO_KEYRING, str(copy / "data")], env=env, check=True, cwd=ROOT
    )
    env.pop("CLMS_DATA_PASSPHRASE", None)  # no scrypt: the key comes from the keyring
    return copy / "data", env


def startup(
    children: int, repeat: int, folder: Path | None = None, keyring: bool = False
) -> dict[str, object]:
    """Median cold start of CLMS and of a bare QMainWindow, and their ratio."""
    made = 0.0
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="clms-bench-start-")) / "data"
        t = time.perf_counter()
        make_folder(folder, children)
        made = time.perf_counter() - t
    env = start_env(folder.parent / "config")
    if keyring:
        folder, env = keyring_copy(folder)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    load_before = os.getloadavg()[0]
    start_once(CLMS, [str(folder)], env)  # first start after creating: not counted
    clms, bare, clms_rows, bare_rows, key = [], [], [], [], []
    bare_cpu, clms_cpu, clms_ready, clms_ready_cpu = [], [], [], []
    for _ in range(repeat):  # interleaved, so all see the same machine load
        shown, rows = start_once(BARE, [], env)
        bare.append(shown)
        bare_rows.append(rows)
        bare_cpu.append(CPU[-1])
        shown, rows = start_once(CLMS, [str(folder)], env)
        clms.append(shown)
        clms_rows.append(rows)
        clms_cpu.append(CPU[-1])
        clms_ready.append(READY[-1][0])
        clms_ready_cpu.append(READY[-1][1])
        if not keyring:
            key.append(key_once(folder, env))
    med = statistics.median
    return {
        "children": children,
        "folder": str(folder),
        "key_kept": "keyring (bench/file_keyring.py)" if keyring else "passphrase (scrypt)",
        "platform": env.get("QT_QPA_PLATFORM", "xcb"),
        "folder_made_s": round(made, 1),
        "repeat": repeat,
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "clms_median_s": round(med(clms), 3),
        "bare_median_s": round(med(bare), 3),
        "ratio": round(med(clms) / med(bare), 2),
        "clms_rows_median_s": round(med(clms_rows), 3),
        "bare_rows_median_s": round(med(bare_rows), 3),
        "rows_ratio": round(med(clms_rows) / med(bare_rows), 2),
        "key_unlock_median_s": round(med(key), 3) if key else None,
        # processor time of the process to its first rows (less moved by the machine's load)
        "clms_cpu_median_s": round(med(clms_cpu), 3),
        "bare_cpu_median_s": round(med(bare_cpu), 3),
        "cpu_ratio": round(med(clms_cpu) / med(bare_cpu), 2),
        "key_ratio": round(med(key) / med(bare_rows), 2) if key else None,
        # to the start's work done: the ORM, the models and the services loaded after the
        # first paint (the same as the first rows for a start that loads them before it)
        "clms_ready_median_s": round(med(clms_ready), 3),
        "clms_ready_cpu_median_s": round(med(clms_ready_cpu), 3),
        "clms_s": [round(x, 3) for x in clms],
        "bare_s": [round(x, 3) for x in bare],
        "clms_rows_s": [round(x, 3) for x in clms_rows],
        "bare_rows_s": [round(x, 3) for x in bare_rows],
        "key_unlock_s": [round(x, 3) for x in key],
    }


def _ms(samples: list[float]) -> dict[str, float]:
    s = sorted(samples)
    return {
        "median": round(statistics.median(s) * 1000, 1),
        "max": round(s[-1] * 1000, 1),
    }


def big_folder(folder: Path, repeat: int) -> dict[str, object]:
    """List-filter latency and the dashboard/board services on a big folder."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from desktop.db import make_engine
    from desktop.services.cases.dashboard import dashboard
    from desktop.services.find.listing import ListFilter, count_listed, list_children
    from desktop.services.flags.adoption_board import adoption_board
    from desktop.services.flags.review import count_flags, queue_cutoff
    from desktop.services.flags.store import list_flags
    from desktop.vault.store import unlock

    db = folder / "clms.sqlite3"
    unlock(folder)
    engine = make_engine(db)
    cases: dict[str, ListFilter] = {
        "no filter": ListFilter(),
        "text 'priya'": ListFilter(text="priya"),
        "text 'kumar'": ListFilter(text="kumar"),
        "text 'प्रिया'": ListFilter(text="प्रिया"),
        "status in care": ListFilter(status="in_care"),
        "category 3": ListFilter(category_code=3),
        "girls aged 6-11": ListFilter(gender="female", age_min=6, age_max=11),
        "with open flags": ListFilter(open_flags=True),
        "without open flags": ListFilter(open_flags=False),
        "stay 2 years or more": ListFilter(stay_min_days=730),
        "in care + text 'kumari'": ListFilter(status="in_care", text="kumari"),
        "in care + category 3 + girls": ListFilter(
            status="in_care", category_code=3, gender="female"
        ),
    }
    out: dict[str, object] = {"folder": str(folder)}
    with Session(engine) as s:
        out["children"] = int(s.execute(text("SELECT count(*) FROM child")).scalar_one())
        filters: dict[str, object] = {}
        for name, f in cases.items():
            times, rows, total = [], 0, 0
            for _ in range(repeat):
                t = time.perf_counter()
                total = count_listed(s, filters=f, today=AS_OF)
                rows = len(list_children(s, offset=0, limit=100, filters=f, today=AS_OF))
                times.append(time.perf_counter() - t)
            filters[name] = {"matches": total, "first_page": rows, **_ms(times)}
        sort_times = []
        for _ in range(repeat):
            t = time.perf_counter()
            list_children(s, offset=0, limit=100, sort="name", filters=cases["status in care"])
            sort_times.append(time.perf_counter() - t)
        filters["in care, sorted by name (page only)"] = _ms(sort_times)
        out["list_filter_ms"] = filters

        def queue() -> None:  # what the review queue loads: first 2000 by due date + count
            cut = queue_cutoff(s, n=2000)
            list_flags(s, limit=2000, due_on_or_before=cut)
            count_flags(s)

        for name, fn in (
            ("dashboard_ms", lambda: dashboard(s, as_of=AS_OF)),
            ("adoption_board_ms", lambda: adoption_board(s, as_of=AS_OF)),
            ("review_queue_ms", queue),
        ):
            times = []
            for _ in range(3):
                t = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t)
            out[name] = _ms(times)
    engine.dispose()
    return out


def gui_apply(folder: Path) -> dict[str, float]:
    """GUI-thread time to show each screen's loaded data at this scale (the ~100 ms goal).

    The loading itself runs in a worker thread (BackgroundOp); what the user can feel is
    the part on the GUI thread: filling the models and painting.
    """
    from PySide6.QtWidgets import QApplication
    from sqlalchemy.orm import Session

    from desktop.services.cases.dashboard import dashboard
    from desktop.services.core.context import Actor
    from desktop.services.flags.adoption_board import adoption_board
    from desktop.services.flags.review import count_flags, queue_cutoff
    from desktop.services.flags.store import list_flags
    from desktop.views.app_context import AppContext
    from desktop.views.overview.adoption_board import AdoptionBoardPage
    from desktop.views.overview.dashboard import DashboardPage
    from desktop.views.review.queue import SHOW_AT_MOST, Loaded, ReviewQueuePage

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from desktop.db import make_engine
    from desktop.vault.store import unlock

    unlock(folder)
    engine = make_engine(folder / "clms.sqlite3")
    with Session(engine) as s:
        cut = queue_cutoff(s, n=SHOW_AT_MOST)
        queue = Loaded(list_flags(s, limit=SHOW_AT_MOST, due_on_or_before=cut), count_flags(s))
        board = adoption_board(s, as_of=AS_OF)
        dash = dashboard(s, as_of=AS_OF)
    ctx = AppContext(engine=engine, data_dir=folder, actor=Actor("bench"), today=lambda: AS_OF)
    out: dict[str, float] = {}
    for name, page, data in (
        ("review_queue_2000_rows", ReviewQueuePage(ctx), queue),
        ("adoption_board_all_lanes", AdoptionBoardPage(ctx), board),
        ("dashboard", DashboardPage(ctx), dash),
    ):
        page._stale = False  # shown without its own background load: we hand it the data
        page.resize(1280, 800)
        page.show()
        app.processEvents()
        t = time.perf_counter()
        page._loaded(data)
        app.processEvents()
        out[name] = round((time.perf_counter() - t) * 1000, 1)
        page.close()
    engine.dispose()
    return out


def schema_behind(folder: Path) -> str | None:
    """Why the big folder cannot be read as it is (opened read-only, it is not migrated)."""
    from desktop.db import connect_raw, head_revision
    from desktop.vault.store import unlock

    db = folder / "clms.sqlite3"
    if not db.exists():
        return None
    unlock(folder)
    con = connect_raw(db, read_only=True)
    try:
        (current,) = con.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        con.close()
    head = head_revision()
    if current == head:
        return None
    return (
        f"{db} has schema {current}, the code needs {head}: open it once with the current "
        f"code (e.g. `clms --data-dir {folder} flags`), which migrates it (after a backup)"
    )


def main() -> None:
    """Run the benchmark and print its figures."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--children", type=int, default=5000, help="children in the start-up folder")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument(
        "--keyring",
        action="store_true",
        help="also start a copy of the folder whose key is kept in a keyring (no scrypt)",
    )
    p.add_argument(
        "--start-folder",
        type=Path,
        help="a data folder made by an earlier run (DIR/data, with DIR/config beside it) "
        "instead of making one",
    )
    p.add_argument("--big-data-dir", type=Path, default=Path("/tmp/b250b/data"))
    p.add_argument(
        "--login",
        action="store_true",
        help="give the folder a user account and measure the start to the login dialog and "
        "from the password to the main window (only that)",
    )
    p.add_argument("--before", type=Path, help="with --login: another tree's code, in turn")
    p.add_argument(
        "--type-seconds",
        type=float,
        default=1.0,
        help="with --login: the password is entered this long after the dialog shows",
    )
    args = p.parse_args()
    if args.login:
        from startup_login import login_startup

        mod = sys.modules[__name__]
        made = {"passphrase": False, "keyring": True} if args.keyring else {"passphrase": False}
        found: dict[str, object] = {}
        for kept, keyring in made.items():
            found[kept] = login_startup(
                mod,
                args.children,
                args.repeat,
                args.start_folder,
                keyring,
                args.before,
                args.type_seconds,
            )
            args.start_folder = Path(str(found[kept]["folder"]))  # type: ignore[index]
        text = json.dumps(found, indent=1, ensure_ascii=False)
        print(text)
        (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
        (ROOT / "bench" / "out" / "startup_login.json").write_text(text + "\n", encoding="utf-8")
        return
    result: dict[str, object] = {"startup": startup(args.children, args.repeat, args.start_folder)}
    if args.keyring:
        made = Path(str(result["startup"]["folder"]))  # type: ignore[index]
        result["startup_keyring"] = startup(args.children, args.repeat, made, True)
    print(json.dumps(result, indent=1, ensure_ascii=False), flush=True)
    stale = schema_behind(args.big_data_dir)
    if stale:
        result["big"] = f"skipped: {stale}"
    elif (args.big_data_dir / "clms.sqlite3").exists():
        result["big"] = big_folder(args.big_data_dir, args.repeat)
        result["gui_thread_ms"] = gui_apply(args.big_data_dir)
    else:
        result["big"] = (
            f"skipped: no {args.big_data_dir}/clms.sqlite3 (make one with clms init + "
            "clms demo --children 250000, about 7 minutes)"
        )
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "startup.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
