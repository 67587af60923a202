"""Scans and photos kept on disk by content hash (the same file is stored once)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.models import Attachment

MAX_BYTES = 20 * 1024 * 1024
ATTACHMENTS_FOLDER = "attachments"  # inside the data folder
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
    """A folder of content-addressed files: <root>/<first two hex>/<sha256>."""

    root: Path

    def path_for(self, sha256: str) -> Path:
        """Where the file with this hash lives."""
        return self.root / sha256[:2] / sha256

    def put(self, session: Session, data: bytes, *, original_name: str | None = None) -> str:
        """Store the bytes (durably) and their metadata row; returns the SHA-256."""
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
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".part")
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            tmp.replace(target)
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
        """The stored bytes, checked against their hash."""
        data = self.path_for(sha256).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ValueError(f"attachment {sha256[:12]}… is damaged on disk")
        return data
