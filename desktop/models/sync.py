"""Sync bookkeeping of this install: known keys and the bundles built (the outbox).

Not synced themselves. Bundle bytes are kept here (already encrypted and signed) so that
building a bundle and moving the change watermark happen in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utcnow


class SyncKey(Base):
    """A key this install knows: its own (private part in keyring/file) or an imported one."""

    __tablename__ = "sync_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    role: Mapped[str] = mapped_column(String(20))  # institution, central, district
    own: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(String(200))
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    sign_public: Mapped[str] = mapped_column(String(64))
    enc_public: Mapped[str | None] = mapped_column(String(64))
    storage: Mapped[str | None] = mapped_column(String(10))  # own keys: keyring or file
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OutboxBundle(Base):
    """A bundle built by this install: in the outbox until a verified receipt acknowledges it."""

    __tablename__ = "sync_bundle"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), unique=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    first_change_seq: Mapped[int] = mapped_column(BigInteger)
    last_change_seq: Mapped[int] = mapped_column(BigInteger)
    record_count: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    bundle_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default="outbox")  # outbox, acknowledged
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    upload_url: Mapped[str | None] = mapped_column(String(500))
    exported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    receiver: Mapped[str | None] = mapped_column(String(20))  # central, or district only
    district_acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    receipt: Mapped[bytes | None] = mapped_column(LargeBinary)
    receipt_counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    attachments: Mapped[list[str]] = mapped_column(JSON, default=list)  # SHA-256s sent
    # The newest audit event carried: the next bundle continues the hash chain after it.
    last_audit_id: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class DistrictReview(Base):
    """What a district office did about a CCI's escalated flag (issue 17): acknowledged or
    resolved, why, by whom and when; carried to the CCI in the receipt of that CCI's next
    bundle taken in (`sent_bundle_id`: that bundle; None: not sent yet). Office-only."""

    __tablename__ = "district_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flag_uuid: Mapped[str] = mapped_column(String(36), index=True)
    institution_uuid: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(14))  # acknowledged, resolved
    reason: Mapped[str] = mapped_column(String(2000))
    by_name: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_bundle_id: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_district_review_unsent", "institution_uuid", "sent_bundle_id"),)


__all__ = ["DistrictReview", "OutboxBundle", "SyncKey"]
