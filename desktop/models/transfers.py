"""Transfers between CCIs with the child's record (issue 20): this install's transfer key,
the directory of institutions, the packets sent and received, and the hand-overs.

None of these tables is synced as records: packets travel on their own (central or the
district's stick) and hand-overs go up as `transfer` lines in the next bundle.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utcnow


class TransferKey(Base):
    """This institution's X25519 key pair: transfer packets are encrypted to it. Kept in
    this (encrypted) database, since it opens nothing the database does not hold already.
    `statement`: the public key vouched for by the institution's signing key; `enrolled_at`:
    when central (or the district office) took it."""

    __tablename__ = "transfer_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    enc_public: Mapped[str] = mapped_column(String(64))
    enc_private: Mapped[str] = mapped_column(String(64))
    statement: Mapped[bytes | None] = mapped_column(LargeBinary)
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DirectoryEntry(Base):
    """An institution of the state (or of another state, `central_enc_public` set), as
    central's (or the district's) signed receipts list it: where a child can be transferred
    to, with the keys a packet needs."""

    __tablename__ = "institution_directory"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    state_code: Mapped[int | None] = mapped_column(Integer)
    district_code: Mapped[int | None] = mapped_column(Integer)
    sign_public: Mapped[str] = mapped_column(String(64))
    enc_public: Mapped[str | None] = mapped_column(String(64))
    # A CCI of another state: the key of that state's central (a recipient of the packet).
    central_enc_public: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(10))  # central or district
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TransferPacket(Base):
    """A transfer packet sent (`direction` out) or received (in), and where it stands:
    out: waiting (not sent yet), sent, acknowledged; in: waiting, admitted, refused."""

    __tablename__ = "transfer_packet"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    packet_id: Mapped[str] = mapped_column(String(36), unique=True)
    transfer_uuid: Mapped[str | None] = mapped_column(String(36))  # the transfer out
    direction: Mapped[str] = mapped_column(String(4))
    status: Mapped[str] = mapped_column(String(12))
    child_uuid: Mapped[str] = mapped_column(String(36), index=True)
    child_code: Mapped[str] = mapped_column(String(40))
    child_name: Mapped[str] = mapped_column(String(200))
    from_uuid: Mapped[str] = mapped_column(String(36))
    from_name: Mapped[str] = mapped_column(String(200))
    to_uuid: Mapped[str] = mapped_column(String(36))
    to_name: Mapped[str] = mapped_column(String(200))
    transfer_date: Mapped[date] = mapped_column(Date)
    order_no: Mapped[str | None] = mapped_column(String(80))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    packet_hash: Mapped[str] = mapped_column(String(64))
    ack: Mapped[bytes | None] = mapped_column(LargeBinary)
    message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_transfer_packet_direction_status", "direction", "status"),)


class Handover(Base):
    """One record of a transferred child to hand over at central: it goes up as a
    `transfer` line (signed with the next bundle) once; `bundle_id` says which bundle."""

    __tablename__ = "handover"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    packet_id: Mapped[str] = mapped_column(String(36), index=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_uuid: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    to_uuid: Mapped[str] = mapped_column(String(36))
    bundle_id: Mapped[str | None] = mapped_column(String(36), index=True)


__all__ = ["DirectoryEntry", "Handover", "TransferKey", "TransferPacket"]
