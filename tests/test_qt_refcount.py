"""The installed PySide6 keeps None's reference count: a release that drops a reference on
every void call (PySide6 6.12.0 on CPython 3.11, issue 12) aborts a long-running window."""

import os
import subprocess
import sys
import textwrap

CALLS = 200_000

# Runs in its own process: the broken release aborts the interpreter (SIGABRT), which would
# take the whole test run with it.
PROBE = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtWidgets import QApplication, QLabel, QTableWidget, QTableWidgetItem

    app = QApplication([])
    label = QLabel()
    table = QTableWidget(4, 4)
    item = QTableWidgetItem("x")
    table.setItem(0, 0, item)
    calls = [
        lambda: label.setText("x"),
        lambda: label.setToolTip("y"),
        lambda: table.setRowCount(4),
        lambda: item.setText("z"),
    ]
    before = sys.getrefcount(None)
    for call in calls:
        for _ in range({CALLS} // len(calls)):
            call()
    print(sys.getrefcount(None) - before)
    """
)


def test_void_qt_calls_keep_none_alive():
    """200,000 Qt calls that return nothing leave None's reference count where it was."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, f"the process died ({done.returncode}): {done.stderr[-2000:]}"
    drift = int(done.stdout.strip().splitlines()[-1])
    # A sound build drifts by a handful at most (objects made once); the broken one by -CALLS.
    assert abs(drift) < 100, f"None's reference count moved by {drift} over {CALLS} calls"
