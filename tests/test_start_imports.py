"""The window's start loads only what it needs (issue 22, item 5: the cold start).

A real start (`desktop.__main__.main`, offscreen) of a set-up folder, in a fresh Python:
the modules loaded when the window first shows, and again once its start-up work (the
children list, the status bar's counts, the rules run) is done. Modules deferred to their
first use must not be among them, so that a change cannot silently bring them back. When
it first shows, with the first page of its children list, neither SQLAlchemy nor the
models nor the services are loaded yet: they come after the first paint.
An install with user accounts: the same of its login dialog, the ORM loading while it
waits, the password checked and counted as ever, then the main window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parent.parent

# Every probe: a start of the window (offscreen) polled every 5 ms by its own `poll`
# (between _OPENS and _POLLS), which prints what it saw after its tag and quits; after a
# minute without that, STUCK and the windows shown instead.
_OPENS = """
import json, sys, time
from desktop.__main__ import main, preload
preload(["--data-dir", sys.argv[1]])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication.instance() or QApplication([sys.argv[0]])
"""
_POLLS = """
    if time.monotonic() - t0 > 60:  # something else came first: say what
        print("STUCK", [type(w).__name__ for w in app.topLevelWidgets() if w.isVisible()])
        app.quit()
t0 = time.monotonic()
timer = QTimer()
timer.timeout.connect(poll)
timer.start(5)
main(["--data-dir", sys.argv[1]])
"""

PROBE = (
    _OPENS
    + """
seen = {}
def poll():
    from desktop.views.ops import BackgroundOp
    for w in app.topLevelWidgets():
        if isinstance(w, QMainWindow) and w.isVisible():
            if "shown" not in seen:
                seen["shown"] = sorted(sys.modules)
                seen["at"] = time.monotonic()
                seen["title"] = w.windowTitle()
                seen["rows"] = max(
                    [v.model().rowCount() for v in w.findChildren(QTableView) if v.isVisible()]
                    or [0]
                )
            elif time.monotonic() - seen["at"] > 1.5 and not BackgroundOp._running:
                seen["settled"] = sorted(sys.modules)
                seen["count"] = w.pages["children"].count_label.text()
                seen["more"] = w.pages["children"].model.canFetchMore()
                print("MODULES", json.dumps(seen), flush=True)
                app.quit()
            return
"""
    + _POLLS
)

# Loaded when first used, never by the window's start: the OS keyring (sync keys; here the
# data key is kept under a passphrase, as on the test machines), the PostgreSQL dialect
# (central's, not the desktop's), the demo generator (the CLTS rules and name lists),
# migrations (none is due), and the report and sheet writers.
NEVER_AT_START = (
    "keyring",
    "sqlalchemy.dialects.postgresql",
    "desktop.services.demo.generate",
    "alembic",
    "mako",
    "reportlab",
    "openpyxl",
)
# Loaded after the window's first paint, not before it (issue 22): the ORM, the models and
# the services (whose package installs the write hooks).
AFTER_FIRST_PAINT = ("sqlalchemy", "desktop.models", "desktop.services", "desktop.db")


def _probe(code: str, tag: str, tmp_path: Path, *args: str) -> dict[str, Any]:
    """Run a probe script in a fresh Python (offscreen, its own Qt settings) and read the
    JSON it prints after `tag`."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(ROOT),
    }
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        cwd=ROOT,
    )
    prefix = tag + " "
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith(prefix)), None)
    assert line is not None, out.stdout + out.stderr[-3000:]
    seen: dict[str, Any] = json.loads(line.removeprefix(prefix))
    return seen


def _under(loaded: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(n for n in loaded if any(n == m or n.startswith(m + ".") for m in names))


def test_the_window_starts_without_the_modules_it_defers(
    inst_engine: Engine, data_dir: Path, tmp_path: Path
) -> None:
    from desktop.services.cases.children import register_child
    from desktop.services.core.context import Actor, unit_of_work
    from desktop.vault.store import mark_recovery_shown
    from tests.conftest import TODAY
    from tests.helpers import child_input

    with unit_of_work(inst_engine, Actor("tester")) as s:
        for name in ("Asha", "Priya", "Meena"):
            register_child(s, child_input(first_name=name), today=TODAY)
    inst_engine.dispose()
    mark_recovery_shown(data_dir)  # else the recovery key's dialog comes first
    seen = _probe(PROBE, "MODULES", tmp_path, str(data_dir))
    assert "Asha Kiran" in seen["title"]  # the real window of the set-up folder
    assert seen["rows"] == 3  # shown with the first page of its children list
    first = set(seen["shown"])
    assert "PySide6.QtWidgets" in first and "desktop.views.children.page" in first
    assert _under(first, AFTER_FIRST_PAINT) == [], "loaded before the window first showed"
    settled = set(seen["settled"])
    assert "sqlalchemy.orm" in settled and "desktop.services.find.listing" in settled
    assert seen["count"] == "3 children in care (of 3 on record)"  # once the ORM was loaded
    for when in ("shown", "settled"):
        early = _under(set(seen[when]), NEVER_AT_START)
        assert early == [], f"loaded by the start ({when}): {early}"


LOGIN_PROBE = (
    _OPENS
    + """
seen = {}
def poll():
    for w in app.topLevelWidgets():
        if type(w).__name__ == "LoginDialog" and w.isVisible():
            if "shown" not in seen:  # the login's first showing: what is loaded then
                seen["shown"] = sorted(sys.modules)
            elif "desktop.services.install.users" not in sys.modules:
                return  # the ORM and the services load after its first paint, untouched
            elif "refused" not in seen:
                seen["loaded"] = True  # without a login asked: in the background
                w.username.setText("meena")
                w.password.setText("not-it-123")
                w.login_button.click()
                seen["refused"] = w.error.text()
                seen["still_open"] = w.isVisible() and w.actor is None
                from sqlalchemy import select
                from sqlalchemy.orm import Session
                from desktop.models import User
                with Session(w.engine) as s:  # the wrong password counted
                    seen["failures"] = s.scalars(
                        select(User.failed_logins).where(User.username == "meena")
                    ).one()
            elif "typed" not in seen:
                seen["typed"] = True
                w.password.setText(sys.argv[2])
                w.login_button.click()
            return
        if isinstance(w, QMainWindow) and w.isVisible():
            rows = [v.model().rowCount() for v in w.findChildren(QTableView) if v.isVisible()]
            if max(rows or [0]) > 0:
                seen["title"] = w.windowTitle()
                seen["rows"] = max(rows)
                seen["actor"] = w.ctx.actor.username
                print("LOGIN", json.dumps(seen), flush=True)
                app.quit()
            return
"""
    + _POLLS
)


def test_the_login_shows_before_the_orm_and_the_window_follows(
    inst_engine: Engine, data_dir: Path, tmp_path: Path
) -> None:
    """An install with user accounts: its login dialog shows without SQLAlchemy, the models
    or the services; they load while it waits; a wrong password is refused, counted and
    audited as ever, and the right one opens the main window with its first page."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from desktop.models import AuditEvent, User
    from desktop.services.cases.children import register_child
    from desktop.services.core.context import SYSTEM, Actor, unit_of_work
    from desktop.services.install.users import create_user
    from desktop.vault.store import mark_recovery_shown
    from tests.conftest import TODAY
    from tests.helpers import child_input

    password = "kiran-2026"
    with unit_of_work(inst_engine, SYSTEM) as s:
        create_user(
            s, username="meena", full_name="Meena Devi", role="superintendent", password=password
        )
    with unit_of_work(inst_engine, Actor("tester")) as s:
        for name in ("Asha", "Priya"):
            register_child(s, child_input(first_name=name), today=TODAY)
    inst_engine.dispose()
    mark_recovery_shown(data_dir)
    seen = _probe(LOGIN_PROBE, "LOGIN", tmp_path, str(data_dir), password)
    first = set(seen["shown"])
    assert "desktop.views.start.login" in first
    assert _under(first, AFTER_FIRST_PAINT) == [], "loaded before the login first showed"
    assert _under(first, NEVER_AT_START) == []
    assert seen["loaded"]  # the ORM and the services loaded with the login still open
    assert "not right" in seen["refused"] and seen["still_open"] and seen["failures"] == 1
    assert seen["actor"] == "meena" and "Asha Kiran" in seen["title"]
    assert seen["rows"] == 2  # the main window with its first page
    with Session(inst_engine) as s:
        meena = s.scalars(select(User).where(User.username == "meena")).one()
        assert meena.failed_logins == 0 and meena.last_login_at is not None  # reset by the login
        actions = s.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.actor.like("%meena%"))
            .order_by(AuditEvent.id)
        ).all()
    assert actions[-2:] == ["login_failed", "login"]  # both audited, in order


RECOVERY_PROBE = (
    _OPENS
    + """
seen = {"order": []}
def poll():
    for w in app.topLevelWidgets():
        kind = type(w).__name__
        if not w.isVisible():
            continue
        if kind not in seen["order"]:
            seen["order"].append(kind)
        if kind == "LoginDialog" and "typed" not in seen:
            seen["typed"] = True  # at once: the login waits for the ORM's load
            seen["loaded_when_typed"] = "desktop.services.install.users" in sys.modules
            w.username.setText("meena")
            w.password.setText(sys.argv[2])
            w.login_button.click()
            return
        if kind == "RecoveryKeyDialog":
            w.view.written.setChecked(True)
            w.buttons.button(w.buttons.StandardButton.Ok).click()
            return
        if isinstance(w, QMainWindow):
            rows = [v.model().rowCount() for v in w.findChildren(QTableView) if v.isVisible()]
            if max(rows or [0]) > 0:
                seen["rows"] = max(rows)
                print("RECOVERY", json.dumps(seen), flush=True)
                app.quit()
            return
"""
    + _POLLS
)


def test_the_light_login_shows_a_waiting_recovery_key_after_it(
    inst_engine: Engine, data_dir: Path, tmp_path: Path
) -> None:
    """A recovery key never shown: the superintendent sees it after the login, before the
    main window (as the full start did), and it is then marked shown."""
    from desktop.services.cases.children import register_child
    from desktop.services.core.context import SYSTEM, Actor, unit_of_work
    from desktop.services.install.users import create_user
    from desktop.vault.store import recovery_pending
    from tests.conftest import TODAY
    from tests.helpers import child_input

    password = "kiran-2026"
    with unit_of_work(inst_engine, SYSTEM) as s:
        create_user(
            s, username="meena", full_name="Meena Devi", role="superintendent", password=password
        )
    with unit_of_work(inst_engine, Actor("tester")) as s:
        register_child(s, child_input(first_name="Asha"), today=TODAY)
    inst_engine.dispose()
    assert recovery_pending(data_dir)
    seen = _probe(RECOVERY_PROBE, "RECOVERY", tmp_path, str(data_dir), password)
    assert seen["order"][:2] == ["LoginDialog", "RecoveryKeyDialog"], seen["order"]
    assert not seen["loaded_when_typed"]  # typed before the load: the login waited for it
    assert seen["rows"] == 1
    assert not recovery_pending(data_dir)
