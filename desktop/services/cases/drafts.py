"""Drafts of half-filled forms, kept on disk so a closed window or a power cut loses nothing.

Each draft is one small JSON file in the data folder's `drafts` folder, replaced
atomically (write a temporary file, fsync it, rename it over the old one, fsync the
folder), so after a power cut the file holds either the previous or the new draft,
never a torn mix.
"""

from __future__ import annotations

import json
import logging
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DRAFTS_FOLDER = "drafts"
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


class DraftStore:
    """Named drafts in `<data folder>/drafts/<name>.json`."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / DRAFTS_FOLDER

    def path(self, name: str) -> Path:
        """The file of the draft called `name` (made safe for a file name)."""
        safe = _SAFE.sub("_", name).strip("._") or "draft"
        return self.folder / f"{safe}.json"

    def save(self, name: str, values: dict[str, Any]) -> Path:
        """Keep `values` (JSON-ready) as the draft `name`, replacing the previous one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(name)
        doc = {"saved_at": datetime.now().isoformat(timespec="seconds"), "values": values}
        tmp = target.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        _fsync_dir(self.folder)
        return target

    def load(self, name: str) -> tuple[dict[str, Any], datetime] | None:
        """The draft's values and when it was saved; None if there is none or it is unreadable."""
        target = self.path(name)
        try:
            doc = json.loads(target.read_text(encoding="utf-8"))
            values = doc["values"]
            saved = datetime.fromisoformat(doc["saved_at"])
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError):
            # Unreadable: keep it aside for a person to look at rather than lose or loop on it.
            log.warning("draft %s is unreadable; moved aside", target)
            target.replace(target.with_suffix(".unreadable"))
            return None
        if not isinstance(values, dict):
            return None
        return values, saved

    def discard(self, name: str) -> None:
        """Forget the draft (after the form was saved, or the user chose not to restore it)."""
        self.path(name).unlink(missing_ok=True)

    def exists(self, name: str) -> bool:
        """Whether a draft called `name` is kept."""
        return self.path(name).exists()


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
