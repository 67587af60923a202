"""The Children screen at scale, as the user feels it: how long each filter blocks the GUI
thread, and how long until its first page and its count are on screen.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_window_list.py --data-dir DIR
(DIR with 250k demo children). Prints JSON and writes bench/out/window_list.json.
Also times opening a child's profile (built on the GUI thread: one child's record).
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# No OS keyring on a build box: the invented data is kept under this passphrase.
os.environ.setdefault("CLMS_DATA_PASSPHRASE", "invented data for measuring only")

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.db import open_database  # noqa: E402
from desktop.services.core.context import Actor  # noqa: E402
from desktop.views.app_context import AppContext  # noqa: E402
from desktop.views.children.page import ChildrenPage  # noqa: E402

TODAY = date(2026, 11, 23)


def wait(app: QApplication, done, timeout: float = 30.0) -> float:  # type: ignore[no-untyped-def]
    """Process events until `done()`; the seconds it took."""
    start = time.perf_counter()
    while not done():
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - start > timeout:
            raise TimeoutError
    return time.perf_counter() - start


def main() -> int:
    """Measure and print."""
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", required=True)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    app = QApplication(sys.argv[:1])
    folder = Path(args.data_dir)
    engine = open_database(folder)
    ctx = AppContext(engine, folder, Actor("bench", "superintendent", "Bench"), today=lambda: TODAY)
    page = ChildrenPage(ctx)
    page.resize(1200, 700)
    page.show()
    wait(app, lambda: page.model.rowCount() > 0 and page.count_label.text() != "Counting…")

    def choose(box, data) -> None:  # type: ignore[no-untyped-def]
        box.blockSignals(True)
        box.setCurrentIndex(box.findData(data))
        box.blockSignals(False)

    cases = {
        "no filter": lambda: None,
        "status in care": lambda: choose(page.status_filter, "in_care"),
        "girls": lambda: choose(page.gender_filter, "female"),
        "age 0-5": lambda: page.age_filter.setCurrentIndex(1),
        "stay under 1 month": lambda: page.stay_filter.setCurrentIndex(1),
        "with open flags": lambda: choose(page.flags_filter, True),
        "search 'priya'": lambda: page.search_box.setText("priya"),
    }
    out: dict[str, object] = {"children_shown": page.count_label.text()}
    results = {}
    for name, setup in cases.items():
        blocked, first, counted = [], [], []
        for _ in range(args.runs):
            page.clear_filters()
            wait(app, lambda: not page.model.loading and page.count_label.text() != "Counting…")
            setup()
            t = time.perf_counter()
            page.refresh()  # what a filter change or a pause in typing runs on the GUI thread
            blocked.append((time.perf_counter() - t) * 1000)
            wait(app, lambda: not page.model.loading)
            first.append((time.perf_counter() - t) * 1000)
            wait(app, lambda: page.count_label.text() != "Counting…")
            counted.append((time.perf_counter() - t) * 1000)
        results[name] = {
            "gui_blocked_ms": round(max(blocked), 1),
            "first_page_shown_ms": round(statistics.median(first), 1),
            "count_shown_ms": round(statistics.median(counted), 1),
            "rows": page.model.rowCount(),
            "label": page.count_label.text(),
        }
    out["filters"] = results
    from desktop.views.profile.page import ProfilePage

    page.clear_filters()
    wait(app, lambda: not page.model.loading and page.model.rowCount() > 0)
    child_id = page.model.row_at(0).id
    times = []
    try:
        for _ in range(args.runs):
            t = time.perf_counter()
            profile = ProfilePage(ctx, child_id)
            times.append((time.perf_counter() - t) * 1000)
            profile.deleteLater()
        out["profile_open_ms"] = round(statistics.median(times), 1)
    except Exception as exc:  # e.g. a folder made before a later migration: keep the rest
        out["profile_open_error"] = str(exc).splitlines()[0]
    text = json.dumps(out, indent=2, ensure_ascii=False)
    print(text)
    dest = Path(__file__).parent / "out" / "window_list.json"
    dest.parent.mkdir(exist_ok=True)
    dest.write_text(text + "\n", encoding="utf-8")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
