"""Users, the audit trail, attachments and the sync change log."""

from __future__ import annotations

import uuid as uuid_mod
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, HashBlob, Tracked, UuidBlob, UuidTextBlob, utcnow


class User(Tracked, Base):
    """A person who logs in to this install."""

    __tablename__ = "user_account"

    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(24))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Area scope (LGD codes): a state official's state, a district official's districts
    # as "212,213". CCI staff are scoped to this install's own institution instead.
    state_code: Mapped[int | None] = mapped_column(Integer)
    districts: Mapped[str | None] = mapped_column(String(200))
    # Login bookkeeping for lockout with back-off (UTC).
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)


class Attachment(Base):
    """A scanned document or photo, stored on disk under its SHA-256 (content-addressed)."""

    __tablename__ = "attachment"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime_type: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    """An append-only, hash-chained record of one write: who, when, what, before/after.

    `hash` = SHA-256 over `prev_hash` and the canonical JSON of the event's fields
    (see `desktop.services.core.audit.event_digest`), so an edit, deletion or reordering
    breaks the chain from that event on.
    """

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[uuid_mod.UUID] = mapped_column(UuidBlob, unique=True, default=uuid_mod.uuid4)
    at: Mapped[str] = mapped_column(String(32))  # ISO 8601 UTC, hashed as text
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    # Text to the code, 16 and 32 bytes in the file (0023_lean_history).
    child_uuid: Mapped[str | None] = mapped_column(UuidTextBlob, index=True)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(HashBlob)
    hash: Mapped[str] = mapped_column(HashBlob)


class Tombstone(Base):
    """What is left of a deleted synced record, so the deletion travels too."""

    __tablename__ = "tombstone"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_uuid: Mapped[uuid_mod.UUID] = mapped_column(UuidBlob, index=True)
    record_type: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    deleted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SyncCounter(Base):
    """The single-row, install-wide change sequence (monotonic, never reused)."""

    __tablename__ = "sync_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Setting(Base):
    """A key/value setting of this install (data that must travel with the database)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(2000))


__all__ = ["Attachment", "AuditEvent", "Setting", "SyncCounter", "Tombstone", "Tracked", "User"]


class LoginThrottle(Base):
    """Wrong logins under a user name that has no account, counted like an account's.

    So a name that does not exist is refused, and locked after repeated tries, exactly as
    one that does: the login screen does not tell which names are accounts. Rows older
    than a day are dropped (`desktop.services.install.users`).
    """

    __tablename__ = "login_throttle"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)  # folded to lower case
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
