"""Scans and photos kept on disk by content hash (the same file is stored once), encrypted.

Each file is sealed with the install's file key (AES-256-GCM, `desktop.vault.files`) and
named on disk by a keyed hash of its content hash, so neither its content nor which
document it is can be read from the folder. The database keeps the SHA-256 of the
content, as before; sync sends the content itself (inside the encrypted bundle).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.models import Attachment
from desktop.vault import store as vault
from desktop.vault.files import SealedFileError, open_sealed, seal, sealed_path
from desktop.vault.secret import DataKey

FOLDER = "attachments"  # inside the data folder
MAX_BYTES = 20 * 1024 * 1024
ATTACHMENTS_FOLDER = FOLDER
_MAGIC = {
    b"%PDF": "application/pdf",
    b"\x89PNG": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


def sniff_mime(data: bytes) -> str | None:
    """The file type from its first bytes (PDF, PNG, JPEG, TIFF), else None."""
    for magic, mime in _MAGIC.items():
        if data.startswith(magic):
            return mime
    return None


@dataclass(frozen=True)
class AttachmentStore:
    """A folder of sealed, content-addressed files: <root>/<two hex>/<keyed name>."""

    root: Path
    key: DataKey

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> AttachmentStore:
        """The data folder's store (its data key must be unlocked: the database is open)."""
        return cls(Path(data_dir) / FOLDER, vault.unlock(Path(data_dir)))

    def path_for(self, sha256: str) -> Path:
        """Where the file with this content hash lives."""
        return sealed_path(self.root, self.key, sha256)

    def put(self, session: Session, data: bytes, *, original_name: str | None = None) -> str:
        """Store the bytes (sealed, durably) and their metadata row; returns the SHA-256."""
        if not data:
            raise ValueError("the file is empty")
        if len(data) > MAX_BYTES:
            raise ValueError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        mime = sniff_mime(data)
        if mime is None:
            raise ValueError("only PDF, PNG, JPEG or TIFF files can be attached")
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if not target.exists():
            vault.private_dir(self.root)
            vault.private_dir(target.parent)
            vault.write_private(target, seal(self.key, data, sha256=digest))
        if session.get(Attachment, digest) is None:
            session.add(
                Attachment(
                    sha256=digest, mime_type=mime, size=len(data), original_name=original_name
                )
            )
            # Written now: a record naming it (photo_hash, attachment_hash) may be flushed
            # in the same flush, and the unit of work does not order unrelated tables.
            session.flush()
        return digest

    def get(self, sha256: str) -> bytes:
        """The stored bytes, opened and checked against their hash."""
        blob = self.path_for(sha256).read_bytes()
        try:
            data = open_sealed(self.key, blob, sha256=sha256)
        except SealedFileError as exc:
            raise ValueError(f"attachment {sha256[:12]}… cannot be opened: {exc}") from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ValueError(f"attachment {sha256[:12]}… is damaged on disk")
        return data
