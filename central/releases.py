"""Publishing a release to the state's installs: sign its manifest, keep it where it is served.

    python -m central release sign --file clms-desktop-0.2.0-setup.exe --release 0.2.0 \\
        --changes-en "..." --changes-hi "..." [--keys KEYDIR] [--out KEYDIR/release.json]
    python -m central release show [FILE]

The manifest format is `bundle_format.releases`; central signs it with its own key, so every
install that imported central's key can check it. `serve` answers GET /v1/release with the
signed file as it is on disk (read on each request: a new release needs no restart).
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

from bundle_format.keys import OwnKeys
from bundle_format.releases import make_manifest, sign_manifest

MANIFEST_NAME = "release.json"


def file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read in pieces (an installer is 100+ MB)."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def sign_release(
    *, keys: OwnKeys, installer: Path, release: str, on: date, changes: dict[str, str]
) -> bytes:
    """The signed manifest of a release whose installer is `installer` (named as it is)."""
    sha, size = file_digest(installer)
    body = make_manifest(
        release=release, on=on, download=installer.name, sha256=sha, size=size, changes=changes
    )
    return sign_manifest(body, keys)


def write_manifest(path: Path, data: bytes) -> None:
    """Write the signed manifest through a temporary name (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def read_manifest(path: Path | None) -> bytes | None:
    """The signed manifest to serve, or None when no release has been published."""
    if path is None:
        return None
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
