"""The domain is a library: nothing outside desktop/views may reach Qt."""

from __future__ import annotations

import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import bundle_format
import central
import desktop.cli
import desktop.documents
import desktop.models
import desktop.rules
import desktop.services
import matching
import reporting
import sync_client

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_PACKAGES = ("desktop", "sync_client", "central", "bundle_format", "reporting", "matching")
CONTRACTS = (
    "The domain never imports Qt",
    "Layers: screens > command line > documents, sync > services > rules, models, db",
    "Central stands alone: no desktop, no install-side sync, no GUI",
    "The bundle format depends on nothing of ours",
    "Shared reports (CPMIS, CLTS, LGD) import only the bundle format of ours",
    "Matching is pure: it depends on nothing of ours and no database",
    "Rule workers stay light: the bulk scan imports no services, models or ORM",
    "First paint is light: desktop.core imports no ORM, models, services, db",
    "No import circles inside a package",
)


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter's contracts from pyproject.toml in `cwd`, in a fresh interpreter."""
    code = (
        "import sys\n"
        "from importlinter.cli import lint_imports\n"
        "sys.exit(lint_imports(no_cache=True))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_import_linter_contracts_are_kept() -> None:
    """Every import-linter contract (no Qt, layers, central alone, no circles) is there and kept."""
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACTS:
        assert f"{name} KEPT" in result.stdout, name
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in result.stdout


def test_import_linter_catches_a_service_importing_qt(tmp_path: Path) -> None:
    """The contract really fails when a service imports PySide6, even indirectly."""
    for pkg in DOMAIN_PACKAGES:
        shutil.copytree(ROOT / pkg, tmp_path / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    # Indirect, the way Vorta's models reached Qt: a service imports a helper that imports Qt.
    (tmp_path / "desktop" / "qt_helper.py").write_text("from PySide6 import QtCore\n")
    (tmp_path / "desktop" / "services" / "zz_probe.py").write_text(
        "from desktop import qt_helper  # noqa: F401\n"
    )
    result = lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout
    assert "desktop.services.zz_probe" in result.stdout


def modules_of(*packages: object) -> list[str]:
    """Every module of these packages, walked recursively."""
    names = []
    for pkg in packages:
        prefix = pkg.__name__ + "."  # type: ignore[attr-defined]
        names.append(pkg.__name__)  # type: ignore[attr-defined]
        names += [m.name for m in pkgutil.walk_packages(pkg.__path__, prefix)]  # type: ignore[attr-defined]
    return names


def domain_modules() -> list[str]:
    """Every module that must import without Qt: models, rules, services, db, CLI, sync."""
    return [
        "desktop.db",
        "desktop.paths",
        *modules_of(
            desktop.models,
            desktop.rules,
            desktop.services,
            desktop.cli,
            desktop.documents,
            sync_client,
            central,
            bundle_format,
            reporting,
            matching,
        ),
    ]


def test_domain_imports_without_loading_qt() -> None:
    """Importing every domain module in a fresh interpreter never loads PySide6."""
    modules = domain_modules()
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(k for k in sys.modules if k.split('.')[0] in "
        "('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
    assert len(modules) > 10


# What a state's server does not install: the GUI, printing, the OS keyring, the desktop app.
NOT_ON_A_SERVER = ("PySide6", "shiboken6", "reportlab", "keyring", "desktop", "sync_client")


def test_central_imports_on_a_server_without_the_desktop_packages() -> None:
    """Central, the bundle format, the shared reports and matching import with the GUI,
    printing and desktop packages absent."""
    modules = modules_of(central, bundle_format, reporting, matching)
    code = (
        "import importlib, importlib.abc, sys\n"
        f"BLOCKED = {NOT_ON_A_SERVER!r}\n"
        "class Absent(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in BLOCKED:\n"
        "            raise ModuleNotFoundError(f'No module named {name!r} (not on a server)')\n"
        "        return None\n"
        "sys.meta_path.insert(0, Absent())\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(len(BLOCKED), sorted(k for k in sys.modules if k.split('.')[0] in BLOCKED))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(len(NOT_ON_A_SERVER)), "[]"]
    assert len(modules) >= 8
