"""The one way to run long work off the GUI thread (shaped like Anki's CollectionOp).

    BackgroundOp(parent, fn).success(on_done).failure(on_error).with_progress("Printing")
        .run_in_background()

`fn(progress)` runs in a worker thread and must never touch a widget. It reports with
`progress(done, total, text="")`, which raises `Cancelled` once the user pressed Cancel
on the progress dialog. `on_done(result)` and `on_error(exc)` run on the GUI thread.
A Session never crosses threads: `fn` opens its own (`unit_of_work(engine, actor)`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The user cancelled the operation; raised inside the worker by `progress(...)`."""


class Progress(Protocol):
    """What the worker function is given to report how far it got."""

    def __call__(self, done: int, total: int, text: str = "") -> None: ...


class BackgroundOp(QObject):
    """Runs `fn(progress)` in a worker thread and calls back on the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    errored = Signal(object)

    # Operations alive right now: keeps each one from being garbage-collected mid-run.
    _running: set[BackgroundOp] = set()

    def __init__(self, parent: QWidget | None, fn: Callable[[Progress], Any]) -> None:
        super().__init__(None)  # not parented: it may outlive a closed dialog
        self.parent_widget = parent
        self.fn = fn
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._label: str | None = None
        self._dialog: QProgressDialog | None = None
        self._cancel = threading.Event()
        self.thread: threading.Thread | None = None
        self.succeeded.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.errored.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    # -- building ---------------------------------------------------------------------

    def success(self, fn: Callable[[Any], None]) -> BackgroundOp:
        """Call `fn(result)` on the GUI thread when the work is done."""
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> BackgroundOp:
        """Call `fn(exc)` on the GUI thread if the work raised (default: a message box)."""
        self._on_failure = fn
        return self

    def with_progress(self, label: str) -> BackgroundOp:
        """Show a progress dialog with this label and a Cancel button while it runs."""
        self._label = label
        return self

    def on_progress(self, fn: Callable[[int, int, str], None]) -> BackgroundOp:
        """Also call `fn(done, total, text)` on the GUI thread for each report."""
        self.progressed.connect(fn, Qt.ConnectionType.QueuedConnection)
        return self

    def run_in_background(self) -> BackgroundOp:
        """Start the worker thread; returns at once."""
        if self._label is not None:
            dlg = QProgressDialog(self._label, self.tr("Cancel"), 0, 0, self.parent_widget)
            dlg.setWindowTitle(self._label)
            dlg.setWindowModality(Qt.WindowModality.WindowModal)
            dlg.setMinimumDuration(400)  # quick work finishes without a flash of a dialog
            dlg.setAutoClose(False)
            dlg.setAutoReset(False)
            dlg.canceled.connect(self.cancel)
            self._dialog = dlg
        BackgroundOp._running.add(self)
        self.thread = threading.Thread(target=self._work, name="BackgroundOp", daemon=True)
        self.thread.start()
        return self

    def cancel(self) -> None:
        """Ask the worker to stop at its next progress report."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """Whether Cancel was pressed."""
        return self._cancel.is_set()

    # -- worker side ------------------------------------------------------------------

    def _report(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.progressed.emit(done, total, text)

    def _work(self) -> None:
        try:
            result = self.fn(self._report)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            if not isinstance(exc, Cancelled):
                log.exception("background operation failed")
            self.errored.emit(exc)
        else:
            self.succeeded.emit(result)

    # -- GUI side ---------------------------------------------------------------------

    def _show_progress(self, done: int, total: int, text: str) -> None:
        dlg = self._dialog
        if dlg is None:
            return
        dlg.setMaximum(max(total, 0))
        dlg.setValue(min(done, total) if total else 0)
        if text:
            dlg.setLabelText(f"{self._label}\n{text}")

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None

    def _done(self, result: object) -> None:
        self._close_dialog()
        BackgroundOp._running.discard(self)
        if self._on_success is not None:
            self._on_success(result)

    def _failed(self, exc: BaseException) -> None:
        self._close_dialog()
        BackgroundOp._running.discard(self)
        if self._on_failure is not None:
            self._on_failure(exc)
        elif not isinstance(exc, Cancelled):
            QMessageBox.warning(
                self.parent_widget,
                self.tr("CLMS Desktop"),
                self.tr("It did not work:") + f"\n\n{exc}",
            )
