"""Central's own tables (its own metadata; `create_all`): the same models on SQLite and
PostgreSQL. A district office keeps a copy of these tables for its district view."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


class CentralBase(DeclarativeBase):
    """Root of central's tables (separate from the desktop app's metadata)."""

    metadata = MetaData()


class Enrolment(CentralBase):
    """An institution known to central, with its enrolled signing key and chain position."""

    __tablename__ = "central_institution"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    state_code: Mapped[int | None] = mapped_column(Integer)
    district_code: Mapped[int | None] = mapped_column(Integer)
    sign_key: Mapped[str] = mapped_column(String(64))  # base64 of the raw Ed25519 key
    key_id: Mapped[str] = mapped_column(String(16), index=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="0" * 64)
    # The last audit event accepted from this institution: its next events must chain on.
    last_audit_hash: Mapped[str] = mapped_column(String(64), default="0" * 64)
    enrolled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReceivedBundle(CentralBase):
    """A bundle applied once; its receipt is kept to answer a repeat upload the same way."""

    __tablename__ = "central_bundle"

    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    institution_uuid: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    bundle_hash: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))  # of the whole file, for id reuse
    size: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    receipt: Mapped[bytes] = mapped_column(LargeBinary)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)  # kept for forwarding (district)
    forwarded: Mapped[bool] = mapped_column(Boolean, default=False)
    central_receipt: Mapped[bytes | None] = mapped_column(LargeBinary)  # after forwarding


class Upload(CentralBase):
    """A resumable upload in progress (tus-style): the declared length and bytes so far."""

    __tablename__ = "central_upload"

    upload_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    length: Mapped[int] = mapped_column(BigInteger)
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class UploadChunk(CentralBase):
    """One verified chunk of an upload (joined in offset order on completion)."""

    __tablename__ = "central_upload_chunk"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    upload_id: Mapped[str] = mapped_column(String(36), index=True)
    offset: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class MergedRecord(CentralBase):
    """The newest known copy of one synced record, and who wrote it last."""

    __tablename__ = "central_record"
    __table_args__ = (UniqueConstraint("type", "record_uuid", name="uq_central_record"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    institution_uuid: Mapped[str] = mapped_column(String(36), index=True)
    bundle_id: Mapped[str] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Conflict(CentralBase):
    """An incoming change that was not applied because the stored copy moved on."""

    __tablename__ = "central_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(64), index=True)
    type: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    base_version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    institution_uuid: Mapped[str] = mapped_column(String(36))
    bundle_id: Mapped[str] = mapped_column(String(36))
    message: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditCopy(CentralBase):
    """An institution's audit event, kept after its place in the hash chain was checked."""

    __tablename__ = "central_audit_event"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    institution_uuid: Mapped[str] = mapped_column(String(36), index=True)
    event_id: Mapped[int] = mapped_column(Integer)  # the id on the institution's computer
    hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


def open_engine(url: str) -> Engine:
    """An engine for central's database (SQLite file by default), tables created."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _rec: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()

    CentralBase.metadata.create_all(engine)
    return engine
