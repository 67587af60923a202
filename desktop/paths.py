"""Where the case data lives: one rule shared by the app window and the command line."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "clms-desktop"
APP_AUTHOR = "CLMS"
ENV_VAR = "CLMS_DATA_DIR"


def resolve_data_dir(cli_value: str | None) -> Path:
    """The data folder: the value given, else $CLMS_DATA_DIR, else the user data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
