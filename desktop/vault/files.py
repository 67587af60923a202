"""Attachment files (scans, photos) encrypted at rest with the install's file key.

A sealed file is `CLMSENC1` + a 12-byte random nonce + AES-256-GCM ciphertext of the
content, with the content's SHA-256 (hex) as associated data: a file swapped for another
sealed file, or changed by a single bit, does not open.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.vault.secret import DataKey
from desktop.vault.store import private_dir, write_private

MAGIC = b"CLMSENC1"
_NONCE = 12


class SealedFileError(ValueError):
    """A sealed file that does not open (damaged, or made with another key)."""


def is_sealed(data: bytes) -> bool:
    """Whether these bytes are a sealed file (not plain content)."""
    return data.startswith(MAGIC)


def seal(key: DataKey, data: bytes, *, sha256: str) -> bytes:
    """The content encrypted for storage on disk."""
    nonce = os.urandom(_NONCE)
    return MAGIC + nonce + AESGCM(key.file_key).encrypt(nonce, data, sha256.encode("ascii"))


def open_sealed(key: DataKey, blob: bytes, *, sha256: str) -> bytes:
    """The content of a sealed file; SealedFileError if it does not open."""
    if not is_sealed(blob):
        raise SealedFileError("the file is not sealed")
    nonce, body = blob[len(MAGIC) : len(MAGIC) + _NONCE], blob[len(MAGIC) + _NONCE :]
    try:
        return AESGCM(key.file_key).decrypt(nonce, body, sha256.encode("ascii"))
    except InvalidTag as exc:
        raise SealedFileError("the file is damaged or was made with another key") from exc


def sealed_path(root: Path, key: DataKey, sha256: str) -> Path:
    """Where the sealed file with this content hash lives: <root>/<two hex>/<keyed name>."""
    name = key.file_name(sha256)
    return Path(root) / name[:2] / name


def seal_folder(root: Path, key: DataKey) -> int:
    """Seal every plain file of an attachment folder made before encryption at rest.

    Files named by their SHA-256 are sealed under their keyed name (written first, then
    the plain file removed: a power cut leaves one or the other, and the next run goes
    on); leftovers of interrupted writes (".part") are removed. Returns the files sealed.
    """
    root = Path(root)
    if not root.is_dir():
        return 0
    sealed = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.suffix == ".part":
            path.unlink()
            continue
        name = path.name
        if len(name) != 64 or any(c not in "0123456789abcdef" for c in name):
            continue  # not ours
        with open(path, "rb") as fh:
            if is_sealed(fh.read(len(MAGIC))):
                continue  # sealed already (its name is the keyed one)
        target = sealed_path(root, key, name)
        if not target.exists():
            private_dir(target.parent)
            write_private(target, seal(key, path.read_bytes(), sha256=name))
            sealed += 1
        path.unlink()
        if path.parent != root and not any(path.parent.iterdir()):
            path.parent.rmdir()
    for folder in (root, *(p for p in root.rglob("*") if p.is_dir())):
        private_dir(folder)
    return sealed
