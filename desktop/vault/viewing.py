"""A private folder for files opened in the computer's own viewer (scans, printed papers).

A viewer (a PDF reader, the photo viewer) can only open a file on disk, so an opened scan
is decrypted into `opened/` in the data folder: owner-only (0700; on Windows the data
folder's profile ACL), under a random name that says nothing of the child or the document,
and readable by the owner only (0600). The window empties the folder when it closes and
again when it starts (after a power cut or a crash, or when a viewer still held a file).
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from pathlib import Path

from desktop.vault.store import private_dir, write_private

log = logging.getLogger(__name__)

FOLDER = "opened"


def opened_folder(data_dir: Path) -> Path:
    """The private folder of opened copies (made owner-only if needed)."""
    return private_dir(Path(data_dir) / FOLDER)


def open_copy(data_dir: Path, data: bytes, *, suffix: str = "") -> Path:
    """Write a copy to open in a viewer under a random name; returns its path."""
    if suffix and (not suffix.startswith(".") or not suffix[1:].isalnum() or len(suffix) > 6):
        raise ValueError(f"not a file name suffix: {suffix!r}")
    path = opened_folder(data_dir) / f"{secrets.token_hex(16)}{suffix}"
    write_private(path, data)
    return path


def clear_opened(data_dir: Path) -> int:
    """Delete every opened copy; returns how many are left (a viewer may still hold one on
    Windows: it goes at the next start)."""
    folder = Path(data_dir) / FOLDER
    if not folder.is_dir():
        return 0
    left = 0
    for path in folder.iterdir():
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError as exc:
            left += 1
            log.info("an opened copy could not be removed yet (%s)", exc.strerror)
    if left == 0:
        try:
            os.rmdir(folder)
        except OSError:
            pass
    return left
