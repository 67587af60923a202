"""The district screen in bounded memory (issue 22, item 1): PySide6's import hook keeps no
module's source, the shown CCIs screen loads neither HTTP nor the merge (the saved state
office address is still shown, and the import still merges), and the screen lists through
a small page cache. Memory figures themselves are bench/bench_district.py's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from desktop import import_hook
from desktop.services.core.context import Actor, unit_of_work
from sync_client.district import view as district_view
from sync_client.exchange.settings import save_settings
from tests.test_district_office import _filled_office

ROOT = Path(__file__).resolve().parent.parent
ADMIN = Actor("meera", "administrator", "Meera Jha")


def _python(code: str, *args: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.strip().splitlines()[-1]


# The source files of SQLAlchemy and of desktop that linecache holds (SQLAlchemy's own
# generated wrappers, "<sqlalchemy generated …>", are no files; desktop/__init__.py, which
# installs the patch, is read by the hook before it runs).
CACHED = "import linecache; print(sorted(k for k in linecache.cache if k.endswith('.py') "
CACHED += "and ('/sqlalchemy/' in k or '/desktop/' in k) "
CACHED += "and not k.endswith('desktop/__init__.py')))"


def test_pyside_hook_keeps_no_source_whatever_the_order_of_imports() -> None:
    """Unpatched, PySide6's hook leaves the source of SQLAlchemy in linecache; with desktop
    imported before PySide6, after it, or only its key store first (bench_district's
    order), nothing of SQLAlchemy's or desktop's is kept."""
    plain = _python("import PySide6.QtCore, sqlalchemy.orm; " + CACHED)
    assert "/sqlalchemy/orm/" in plain  # what the patch is for (PySide6 6.x)
    for first in (
        "import PySide6.QtWidgets, desktop.db",
        "import desktop.db, PySide6.QtWidgets, desktop.views.app_context",
        "import desktop.vault.store, PySide6.QtWidgets, desktop.db, desktop.views.district.page",
    ):
        assert _python(first + "; " + CACHED) == "[]", first


def test_the_patched_hook_answers_as_pyside_s_own() -> None:
    """The hook's question (does the module's source name PySide6?) gets the same answer,
    read through the module's loader: yes for a screen, no for a service or a built-in."""
    import inspect

    import desktop.services.core.context as service
    import desktop.views.district.page as screen

    for module, uses in ((screen, True), (service, False), (sys, False), (import_hook, True)):
        assert import_hook._mod_uses_pyside(module) is uses, module
        try:
            theirs = "PySide6" in inspect.getsource(module)
        except (TypeError, OSError):
            theirs = False
        assert theirs is uses


SHOWN = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.db import open_database
from desktop.services.core.context import Actor
from desktop.views.app_context import AppContext
from desktop.views.district.page import DistrictPage
office = Path(sys.argv[1])
page = DistrictPage(AppContext(open_database(office), office, Actor("m", "administrator", "M")))
page.resize(1366, 768)
page.show()
for _ in range(20):
    app.processEvents()
page.grab()
with page.view.connect() as c:
    cache = c.exec_driver_sql("PRAGMA cache_size").scalar()
late = ("requests", "urllib3", "sync_client.exchange.upload", "sync_client.district.mode",
        "central.merge", "central.service", "sync_client.exchange.outbox")
print(json.dumps({"loaded": [m for m in late if m in sys.modules], "cache": cache,
                  "url": page.url_edit.text(), "ccis": page.cci_model.rowCount()}))
"""


def test_the_shown_ccis_screen_loads_no_http_nor_merge_and_lists_with_a_small_cache(  # type: ignore[no-untyped-def]
    engine,
    data_dir: Path,
) -> None:
    """Built, shown and painted, the screen has shown the saved state office address (read
    without the upload module) and its CCIs, with neither requests nor the merge loaded,
    over a view connection of READ_CACHE_KB; a merge's engine keeps the 32 MB cache."""
    _filled_office(engine, data_dir)
    with unit_of_work(engine, ADMIN, rules=False) as s:
        save_settings(s, url="https://state.example.org/clms")
    engine.dispose()
    got = json.loads(_python(SHOWN, str(data_dir)))
    assert got["loaded"] == []
    assert got["url"] == "https://state.example.org/clms"
    assert got["ccis"] == 2  # Patna's homes of the view's four
    assert got["cache"] == -district_view.READ_CACHE_KB
    merge = district_view.open_view(data_dir)
    try:
        with merge.connect() as c:
            assert c.execute(text("PRAGMA cache_size")).scalar() == -district_view.MERGE_CACHE_KB
    finally:
        merge.dispose()
