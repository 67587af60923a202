"""A keyring backend for benchmarks only: secrets in a JSON file ($CLMS_BENCH_KEYRING).

The build box has no OS keyring, so a folder's data key is kept under a passphrase and
every start pays its scrypt. A real office computer keeps the key in the OS keyring
(Windows Credential Manager): `bench_startup.py --keyring` selects this backend
(PYTHON_KEYRING_BACKEND=bench.file_keyring.FileKeyring) to measure that start. The file is
plain text: use it only for invented data in a temporary folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    """Passwords in one JSON file, by service and user name."""

    priority = 1

    def _path(self) -> Path:
        return Path(os.environ["CLMS_BENCH_KEYRING"])

    def _all(self) -> dict[str, str]:
        p = self._path()
        return json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        """The stored secret, or None."""
        return self._all().get(f"{service}\\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store a secret."""
        data = self._all()
        data[f"{service}\\n{username}"] = password
        self._path().write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        """Forget a secret."""
        data = self._all()
        data.pop(f"{service}\\n{username}", None)
        self._path().write_text(json.dumps(data), encoding="utf-8")
