"""`clms-desktop --self-check REPORT`: is this install whole? Checked the way a user meets it.

It opens the window over the data folder as usual, waits for the start-up rules run, opens
every screen of the navigation and a child's profile, switches the screens to Hindi and
back, runs the rules again in spawned worker processes (how Windows starts them) and
compares their answer with one process's, then writes a JSON report and closes. Support
staff run it on a PC where something seems broken; the frozen build's smoke test
(`tests/test_frozen_app.py`) runs it on every build. It changes nothing in the data folder
beyond what an ordinary start does (the start-up rules run), and not the chosen language.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from desktop.db import DB_FILENAME, connect_raw, head_revision
from desktop.vault import sqlite as cipher
from desktop.views import i18n
from desktop.views.app_context import AppContext
from desktop.views.ops import BackgroundOp

log = logging.getLogger(__name__)
TIMEOUT_S = 600  # a check that has not finished by then has failed


def workers_agree(db_path: Path, *, as_of: date, workers: int = 2) -> dict[str, Any]:
    """Every rule over the database in `workers` spawned processes and in this one: the same?"""
    from desktop.rules.policy import load_policy
    from desktop.rules.scan import scan_all

    policy = load_policy()
    started = time.monotonic()
    alone = scan_all(db_path, as_of=as_of, policy=policy, workers=1)
    split = scan_all(db_path, as_of=as_of, policy=policy, workers=workers, start_method="spawn")

    def hits(r: Any) -> set[tuple[int, int, int]]:
        return set(zip(r.child, r.rule, r.due, strict=True))

    return {
        "processes": workers,
        "start_method": "spawn",
        "children_seen": len(split.seen),
        "hits": len(split),
        "same_as_one_process": hits(split) == hits(alone)
        and sorted(split.seen) == sorted(alone.seen),
        "seconds": round(time.monotonic() - started, 2),
    }


class SelfCheck(QObject):
    """Drives the open window through the checks and writes the report (then quits)."""

    def __init__(self, window: Any, ctx: AppContext, runner: Any, report: str) -> None:
        super().__init__(window)
        self.window, self.ctx, self.runner, self.target = window, ctx, runner, report
        self.result: dict[str, Any] = {
            "version": _version(),
            "schema": head_revision(),
            "frozen": bool(getattr(sys, "frozen", False)),
            "data_dir": str(ctx.data_dir),
            "children": _count_children(ctx.data_dir / DB_FILENAME),
        }
        self.problems: list[str] = []
        self._finished = False
        if runner is not None:
            runner.finished.connect(self._rules_done)
            runner.failed.connect(self._rules_failed)

    def start(self) -> None:
        """Begin once the event loop runs (the window must be on screen first)."""
        QTimer.singleShot(TIMEOUT_S * 1000, self._timed_out)
        if self.runner is None:
            self.problems.append("the data folder is not set up: no rules run, no screens")
            QTimer.singleShot(0, self._write_and_quit)

    # -- steps, in order ------------------------------------------------------------------

    def _rules_done(self, open_flags: int) -> None:
        self.result["startup_rules"] = {"ok": True, "open_flags": open_flags}
        self._screens()

    def _rules_failed(self, why: str) -> None:
        self.result["startup_rules"] = {"ok": False, "error": why}
        self.problems.append(f"the start-up rules run failed: {why}")
        self._screens()

    def _screens(self) -> None:
        w = self.window
        opened: dict[str, str] = {}
        for spec in w.specs:
            page = w.show_page(spec.key)
            QApplication.processEvents()
            broken = page is None or type(page) is QLabel  # the "could not be opened" stand-in
            opened[spec.key] = "failed" if broken else type(page).__name__
            if broken:
                self.problems.append(f"the {spec.title} screen could not be opened")
        first = _first_child(self.ctx.data_dir / DB_FILENAME)
        if first is not None:
            w.open_child(first)
            QApplication.processEvents()
            opened["profile"] = type(w.profile).__name__ if w.profile is not None else "failed"
        self.result["screens"] = opened
        self._hindi()
        db_path, today = self.ctx.data_dir / DB_FILENAME, self.ctx.today()
        BackgroundOp(w, lambda _p: workers_agree(db_path, as_of=today)).success(
            self._workers_done
        ).failure(self._workers_failed).run_in_background()

    def _hindi(self) -> None:
        """The Hindi translation is in the build and loads (the chosen language is kept)."""
        before = i18n.current_language()
        loaded = i18n.install_language("hi")
        hindi = QCoreApplication.translate("MainWindow", "Children")
        i18n.install_language(before)
        ok = loaded and hindi != "Children" and any("\u0900" <= c <= "\u097f" for c in hindi)
        self.result["hindi"] = {"ok": ok, "children": hindi}
        if not ok:
            self.problems.append("the Hindi translation of the screens is missing from the build")

    def _workers_done(self, info: dict[str, Any]) -> None:
        self.result["rule_workers"] = info
        if not info["same_as_one_process"]:
            self.problems.append("the rule workers gave another answer than one process")
        self._write_and_quit()

    def _workers_failed(self, exc: BaseException) -> None:
        self.result["rule_workers"] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        self.problems.append(f"the rules could not run in worker processes: {exc}")
        self._write_and_quit()

    def _timed_out(self) -> None:
        if not self._finished:
            self.problems.append(f"the self-check did not finish within {TIMEOUT_S} seconds")
            self._write_and_quit()

    def _write_and_quit(self) -> None:
        if self._finished:
            return
        self._finished = True
        self.result["problems"] = self.problems
        self.result["ok"] = not self.problems
        text = json.dumps(self.result, indent=2, ensure_ascii=False) + "\n"
        if self.target == "-":
            if sys.stdout is not None:  # a windowed Windows build has no console
                sys.stdout.write(text)
                sys.stdout.flush()
        else:
            path = Path(self.target)
            tmp = path.with_name(path.name + ".part")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
        log.info("self-check %s", "passed" if self.result["ok"] else f"FAILED: {self.problems}")
        self.window.close()
        QApplication.exit(0 if self.result["ok"] else 1)


def _version() -> str:
    from desktop.version import __version__

    return __version__


def _count_children(db_path: Path) -> int:
    con = connect_raw(db_path, read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM child").fetchone()[0])
    except cipher.dbapi.Error:
        return 0
    finally:
        con.close()


def _first_child(db_path: Path) -> int | None:
    con = connect_raw(db_path, read_only=True)
    try:
        row = con.execute("SELECT min(id) FROM child").fetchone()
        return int(row[0]) if row and row[0] is not None else None
    finally:
        con.close()
