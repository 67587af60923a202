"""Runs the rules at start-up and once a day, off the GUI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Engine

from desktop.services.flags.evaluate import run_rules_today

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 60 * 60 * 1000  # look once an hour whether the date has changed


class RuleRunner(QObject):
    """Evaluates every rule for every child in a worker thread; never touches widgets there."""

    finished = Signal(int)  # number of open flags after the run
    failed = Signal(str)

    def __init__(
        self,
        engine: Engine,
        *,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.today = today
        self.last_run: date | None = None
        self._busy = threading.Lock()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.run_if_new_day)

    def start(self) -> None:
        """Run now, then once each new day while the application stays open."""
        self.run_if_new_day()
        self.timer.start()

    def run_if_new_day(self) -> None:
        """Start a run unless one already ran today or is running."""
        day = self.today()
        if self.last_run == day or not self._busy.acquire(blocking=False):
            return
        self.last_run = day
        threading.Thread(target=self._work, args=(day,), daemon=True).start()

    def _work(self, day: date) -> None:
        try:
            summary, open_flags = run_rules_today(self.engine, as_of=day)
            log.info("rules run for %s: %s", day, summary.as_dict())
            self.finished.emit(open_flags)
        except Exception as exc:  # a failed run must not take the window down
            log.exception("rules run failed")
            self.last_run = None  # the hourly check tries again
            self.failed.emit(str(exc))
        finally:
            self._busy.release()
