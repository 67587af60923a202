"""Databases of invented children for tests, each kind built once a session and copied.

`demo_engine(folder, children=..., seed=..., run_rules=...)` builds a template the first
time it is asked for (the test home, `generate_demo`, and the rules run as of TODAY unless
told not to), then gives every caller its own copy made with SQLite's online backup API:
a few milliseconds instead of seconds, and no test sees another's writes.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from desktop.db import DB_FILENAME, connect_raw, open_database
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.demo.generate import generate_demo
from desktop.services.flags.evaluate import evaluate_all
from desktop.vault.store import key_file
from tests.conftest import TODAY, set_up_home

ASHA = Actor("asha", "superintendent", "Asha Kumari")
_TEMPLATES: dict[tuple[int, int, bool], Path] = {}
_ROOT: list[Path] = []


def _root() -> Path:
    if not _ROOT:
        _ROOT.append(Path(tempfile.mkdtemp(prefix="clms-demo-templates-")))
        atexit.register(shutil.rmtree, _ROOT[0], ignore_errors=True)
    return _ROOT[0]


def _template(children: int, seed: int, run_rules: bool) -> Path:
    key = (children, seed, run_rules)
    if key not in _TEMPLATES:
        folder = _root() / f"{children}-{seed}-{int(run_rules)}"
        eng = open_database(folder)
        set_up_home(eng, ASHA)
        with unit_of_work(eng, ASHA, rules=False) as s:
            generate_demo(s, children=children, seed=seed, as_of=TODAY)
        if run_rules:
            with unit_of_work(eng, ASHA, rules=False) as s:
                evaluate_all(s, as_of=TODAY)
        eng.dispose()
        _TEMPLATES[key] = folder / DB_FILENAME
    return _TEMPLATES[key]


def copy_database(source: Path, target: Path) -> None:
    """Copy an install's database file (with what its write-ahead log holds) by the online
    backup API into another folder, with the data key file that opens it."""
    copy_key_file(source.parent, target.parent)
    src, dst = connect_raw(source), connect_raw(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()


def copy_key_file(source_dir: Path, target_dir: Path) -> None:
    """Give a folder the data key file of another install (a copy of its data opens then)."""
    (target_dir / "keys").mkdir(parents=True, exist_ok=True)
    shutil.copy(key_file(source_dir), key_file(target_dir))


def demo_engine(
    folder: Path, *, children: int = 400, seed: int = 3, run_rules: bool = True
) -> Engine:
    """A data folder of its own holding invented children (and their flags, unless told)."""
    copy_database(_template(children, seed, run_rules), folder / DB_FILENAME)
    return open_database(folder)
