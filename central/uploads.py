"""Resumable uploads kept in central's database (so every worker process sees them), each
belonging to the party that signed its creation, within that party's quota.

Quotas per party: uploads open at once and bytes declared by its open uploads. An upload
left idle for `idle_hours` expires and its chunks are deleted (on the next creation by
anyone, and by `python -m central cleanup`); a refused upload is deleted at once; a
completed one keeps only its row, so that completing again gives the receipt again.
"""

from __future__ import annotations

import uuid as uuid_mod
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from central.enrolment import Party
from central.models import Upload, UploadChunk, utcnow
from central.schema import writer

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one party may have on central at once, and how big things may be."""

    max_bundle: int = 64 * MiB
    max_chunk: int = 4 * MiB
    pending_bytes: int = 256 * MiB  # declared length of a party's open uploads, together
    open_uploads: int = 8
    idle_hours: float = 24.0
    done_days: float = 7.0  # completed upload rows kept to answer a repeated complete


class UploadError(Exception):
    """An upload request that cannot be done: HTTP status, code and message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        offset: int | None = None,
        retry: bool = False,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.offset = offset
        self.retry = retry


@dataclass(frozen=True)
class UploadInfo:
    """Where an upload stands."""

    upload_id: str
    bundle_id: str
    sha256: str
    length: int
    offset: int
    status: str


def _info(up: Upload) -> UploadInfo:
    return UploadInfo(up.upload_id, up.bundle_id, up.sha256, up.length, up.offset, up.status)


class UploadStore:
    """Create, resume, append to and finish uploads, per party."""

    def __init__(self, engine: Engine, limits: Limits) -> None:
        self.engine = engine
        self.limits = limits

    def expire(self) -> int:
        """Delete idle open uploads (with their chunks) and old completed rows; how many."""
        now = utcnow()
        idle = now - timedelta(hours=self.limits.idle_hours)
        old = now - timedelta(days=self.limits.done_days)
        with Session(writer(self.engine)) as s, s.begin():
            gone = list(
                s.scalars(
                    select(Upload.upload_id).where(
                        ((Upload.status == "open") & (Upload.touched_at < idle))
                        | ((Upload.status == "done") & (Upload.touched_at < old))
                    )
                )
            )
            if gone:
                s.execute(delete(UploadChunk).where(UploadChunk.upload_id.in_(gone)))
                s.execute(delete(Upload).where(Upload.upload_id.in_(gone)))
        return len(gone)

    def create(
        self, party: Party, *, length: int, bundle_id: str, sha256: str
    ) -> tuple[UploadInfo, bool]:
        """A new upload (or the party's unfinished one of the same bundle); True if new."""
        if not 0 < length <= self.limits.max_bundle:
            raise UploadError(
                413, "too-large", f"a bundle may be at most {self.limits.max_bundle} bytes"
            )
        self.expire()
        with Session(writer(self.engine)) as s, s.begin():
            up = s.scalars(
                select(Upload).where(
                    Upload.party == party.id,
                    Upload.bundle_id == bundle_id,
                    Upload.sha256 == sha256,
                    Upload.length == length,
                )
            ).first()
            if up is not None:
                up.touched_at = utcnow()
                return _info(up), False
            n, pending = s.execute(
                select(func.count(), func.coalesce(func.sum(Upload.length), 0)).where(
                    Upload.party == party.id, Upload.status == "open"
                )
            ).one()
            if n >= self.limits.open_uploads or pending + length > self.limits.pending_bytes:
                raise UploadError(
                    429,
                    "quota",
                    f"this office already has {n} unfinished uploads ({pending:,} bytes); "
                    "finish them or wait until they expire",
                )
            up = Upload(
                upload_id=str(uuid_mod.uuid4()),
                party=party.id,
                bundle_id=bundle_id,
                sha256=sha256,
                length=length,
                offset=0,
                status="open",
            )
            s.add(up)
            return _info(up), True

    def _mine(self, s: Session, party: Party, upload_id: str, *, lock: bool = False) -> Upload:
        up = s.get(Upload, upload_id, with_for_update=lock)
        if up is None or up.party != party.id:
            raise UploadError(404, "not-found", "no such upload")
        return up

    def get(self, party: Party, upload_id: str) -> UploadInfo:
        """The party's upload as it stands."""
        with Session(self.engine) as s:
            return _info(self._mine(s, party, upload_id))

    def append(self, party: Party, upload_id: str, *, offset: int, data: bytes) -> int:
        """Add one verified chunk at the current offset; the new offset."""
        with Session(writer(self.engine)) as s, s.begin():
            up = self._mine(s, party, upload_id, lock=True)
            if up.status != "open":
                raise UploadError(409, "upload-done", "this upload is finished", offset=up.offset)
            if offset != up.offset:
                raise UploadError(
                    409,
                    "offset-mismatch",
                    "the upload is at another offset",
                    offset=up.offset,
                    retry=True,
                )
            if up.offset + len(data) > up.length:
                raise UploadError(413, "too-long", "more bytes than the upload's length")
            s.add(UploadChunk(upload_id=up.upload_id, offset=up.offset, data=data))
            up.offset += len(data)
            up.touched_at = utcnow()
            return up.offset

    def bytes_of(self, party: Party, upload_id: str) -> tuple[UploadInfo, bytes | None]:
        """The upload and, when all of it has arrived and it is not done yet, its bytes."""
        with Session(self.engine) as s:
            up = self._mine(s, party, upload_id)
            if up.status == "done" or up.offset != up.length:
                return _info(up), None
            chunks = s.scalars(
                select(UploadChunk.data)
                .where(UploadChunk.upload_id == upload_id)
                .order_by(UploadChunk.offset)
            ).all()
            return _info(up), b"".join(chunks)

    @staticmethod
    def finish_in(s: Session, upload_id: str) -> None:
        """The bundle is being applied in this transaction: drop the chunks, keep the row
        as done (both commit, or neither, with the bundle)."""
        s.execute(delete(UploadChunk).where(UploadChunk.upload_id == upload_id))
        up = s.get(Upload, upload_id)
        if up is not None:
            up.status = "done"
            up.touched_at = utcnow()

    def drop(self, upload_id: str) -> None:
        """A refused upload: its chunks and its row are deleted."""
        with Session(writer(self.engine)) as s, s.begin():
            s.execute(delete(UploadChunk).where(UploadChunk.upload_id == upload_id))
            s.execute(delete(Upload).where(Upload.upload_id == upload_id))
