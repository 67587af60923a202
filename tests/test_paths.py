"""Where the data folder is: the same rule for the window and the command line."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from desktop.paths import ENV_VAR, resolve_data_dir


def test_explicit_value_wins_over_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """--data-dir beats $CLMS_DATA_DIR."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env"))
    assert resolve_data_dir(str(tmp_path / "given")) == tmp_path / "given"


def test_environment_used_when_no_value(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Without --data-dir, $CLMS_DATA_DIR is used."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env"))
    assert resolve_data_dir(None) == tmp_path / "env"


def test_user_data_folder_is_the_default(monkeypatch: pytest.MonkeyPatch):
    """With neither, the platform's per-user data folder for clms-desktop is used."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    expected = Path(platformdirs.user_data_dir("clms-desktop", "CLMS"))
    assert resolve_data_dir(None) == expected
    assert resolve_data_dir("") == expected
