"""The background-operation helper: work off the GUI thread, callbacks on it, cancel."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from desktop.views.ops import BackgroundOp, Cancelled


def test_result_comes_back_on_the_gui_thread(qtbot):
    """fn runs in a worker thread; success(cb) is called on the GUI thread with the result."""
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work(progress):
        seen["worker"] = threading.get_ident()
        for i in range(3):
            progress(i + 1, 3)
        return 42

    def done(result):
        seen["result"] = result
        seen["callback"] = threading.get_ident()

    reports: list[tuple[int, int]] = []
    op = BackgroundOp(None, work).success(done).on_progress(lambda d, t, _x: reports.append((d, t)))
    with qtbot.waitSignal(op.succeeded, timeout=5000):
        op.run_in_background()
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["worker"] != gui and seen["callback"] == gui
    qtbot.waitUntil(lambda: len(reports) == 3)
    assert reports[-1] == (3, 3)


def test_failure_is_passed_to_the_failure_callback(qtbot):
    """An exception in fn reaches failure(cb), not the event loop."""
    errors: list[BaseException] = []

    def work(_progress):
        raise ValueError("disk full")

    op = BackgroundOp(None, work).failure(errors.append)
    op.run_in_background()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and "disk full" in str(errors[0])


def test_cancel_stops_the_worker_at_its_next_report(qtbot):
    """After cancel(), the next progress report raises Cancelled inside the worker."""
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    go_on = threading.Event()
    errors: list[BaseException] = []

    def work(progress):
        started.set()
        go_on.wait(5)
        for i in range(1000):
            progress(i, 1000)
        return "finished"

    op = BackgroundOp(parent, work).with_progress("Working").failure(errors.append)
    op.run_in_background()
    assert started.wait(5)
    op.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], Cancelled)
    with pytest.raises(Cancelled):
        op._report(1, 2)
