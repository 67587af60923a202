"""The domain is a library: nothing outside desktop/views may reach Qt."""

from __future__ import annotations

import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import desktop.services

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_PACKAGES = ("desktop", "sync_client", "central")


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
    """import-linter's "domain never imports Qt" contract is configured right and kept."""
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The domain never imports Qt KEPT" in result.stdout
    assert "0 broken" in result.stdout


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


def domain_modules() -> list[str]:
    """Every module that must import without Qt: models, rules, services, db, CLI, sync."""
    services = [
        f"desktop.services.{m.name}" for m in pkgutil.iter_modules(desktop.services.__path__)
    ]
    return [
        "desktop.models",
        "desktop.rules.policy",
        "desktop.db",
        "desktop.paths",
        "desktop.cli",
        "sync_client",
        "central",
        *services,
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
