"""The state's Aadhaar matching secret: 32 random bytes in central's keys folder, made by
`python -m central init-keys`, readable by the owner only, never logged, never sent."""

from __future__ import annotations

import base64
import os
from pathlib import Path

SECRET_FILE = "aadhaar-secret.key"


def make_aadhaar_secret(keys_dir: Path) -> Path:
    """Write a new secret (refuses to overwrite one: every stored hash depends on it)."""
    path = Path(keys_dir) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(base64.b64encode(os.urandom(32)).decode("ascii") + "\n")
    return path


def load_aadhaar_secret(keys_dir: Path) -> bytes | None:
    """The secret, or None if the folder has none (then no keyed hash is made)."""
    path = Path(keys_dir) / SECRET_FILE
    if not path.exists():
        return None
    secret = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
    if len(secret) < 32:
        raise ValueError(f"{path} holds a secret shorter than 32 bytes")
    return secret
