"""Shared fixtures: a fresh database per test, an actor, a set-up institution."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No OS keyring on the test machines: every install's data key is kept under this
# passphrase (as on a Linux box without a desktop session). Set before the imports below.
os.environ.setdefault("CLMS_DATA_PASSPHRASE", "tests keep the data under this passphrase")

from bundle_format.passphrase import ScryptParams  # noqa: E402
from desktop.db import open_database  # noqa: E402
from desktop.services.core.context import Actor, unit_of_work  # noqa: E402
from desktop.services.install.institution import setup_institution  # noqa: E402
from desktop.vault import store as vault_store  # noqa: E402

# Hundreds of tests each make a new install: new key files get a cheap scrypt cost here
# (the real scrypt still runs). The production cost is checked by test_vault.py, and
# subprocesses (the `clms` command in tests) use it.
vault_store.SCRYPT = ScryptParams(log2_n=10, r=8, p=1)

from tests import fuzz_support  # noqa: E402  (registers the fuzz profiles before the plugin)


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Say how many fuzz examples ran (tests/test_fuzz_services.py)."""
    c = fuzz_support.COUNTS
    if c["examples"]:
        terminalreporter.write_line(
            f"fuzz: {c['examples']} examples through the services "
            f"({c['stored']} stored and read back, {c['refused']} refused naming the field)"
        )


TODAY = date(2026, 11, 23)


@pytest.fixture
def actor() -> Actor:
    """A superintendent acting in tests."""
    return Actor("asha", "superintendent", "Asha Kumari")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder."""
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def engine(data_dir: Path) -> Iterator[Engine]:
    """A fresh, migrated database with no institution."""
    eng = open_database(data_dir)
    yield eng
    eng.dispose()


def set_up_home(engine: Engine, actor: Actor) -> Engine:
    """Set the database up for the tests' Children's Home in Patna, Bihar (CCI code 7)."""
    with unit_of_work(engine, actor) as s:
        setup_institution(
            s,
            name="Asha Kiran Children's Home",
            type="childrens-home",
            state=10,
            district=212,
            registration_no="BR/PAT/CH/0007",
            code=7,
        )
    return engine


@pytest.fixture
def inst_engine(engine: Engine, actor: Actor) -> Engine:
    """A fresh database set up for a Children's Home in Patna, Bihar."""
    return set_up_home(engine, actor)


@pytest.fixture
def session(inst_engine: Engine, actor: Actor) -> Iterator[Session]:
    """A session in one transaction on the set-up database (committed at the end)."""
    with unit_of_work(inst_engine, actor) as s:
        yield s


@pytest.fixture
def ctx(inst_engine: Engine, data_dir: Path, actor: Actor):  # type: ignore[no-untyped-def]
    """The window's app context over the set-up test institution, on TODAY."""
    from desktop.views.app_context import AppContext  # Qt: only for the tests of screens

    return AppContext(inst_engine, data_dir, actor, today=lambda: TODAY)


@pytest.fixture
def no_work_left_running(qtbot):  # type: ignore[no-untyped-def]
    """The test ends only after its background work is done (none outlives the test)."""
    from desktop.views.ops import BackgroundOp

    yield
    qtbot.waitUntil(lambda: not BackgroundOp._running, timeout=10_000)


@pytest.fixture(autouse=True)
def own_window_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Window preferences (sizes, splitters, language) in a folder of the test's own, so
    no test restores what another one saved (and none writes this computer's settings)."""
    import sys

    if "PySide6.QtCore" not in sys.modules:  # domain-only tests: no Qt, nothing to keep apart
        yield
        return
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield
