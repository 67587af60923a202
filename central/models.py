"""Central's own tables (its own metadata; `create_all` plus a schema version, see
`central.schema`): the same models on SQLite and PostgreSQL. A district office keeps a
copy of these tables for its district view. The relational projection of the records
(children, flags, ...) is in `central.projection`."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from bundle_format.transfer import TransferError, verify_ack


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
    # When its last bundle was applied here (schema 3): "CCIs not heard from" reads this.
    last_received_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # How it came to be enrolled: "admin", "approved" (a request a person approved),
    # "code" (a one-time enrolment code), "stick" (a district office, by fingerprint).
    how: Mapped[str | None] = mapped_column(String(20))
    enrolled_by: Mapped[str | None] = mapped_column(String(100))
    # Its transfer key (X25519, base64; schema 6): packets of children transferred to it
    # are encrypted to this key. Taken only from a statement signed by its signing key.
    enc_key: Mapped[str | None] = mapped_column(String(64))


class DistrictOffice(CentralBase):
    """A district office enrolled at central: it forwards its CCIs' bundles, signing its
    requests with its own key, and gets back the receipts of its district's bundles."""

    __tablename__ = "central_district_office"

    district_code: Mapped[int] = mapped_column(Integer, primary_key=True)
    state_code: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    sign_key: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16), index=True)
    enrolled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    enrolled_by: Mapped[str | None] = mapped_column(String(100))


class EnrolmentRequest(CentralBase):
    """A CCI asking to be enrolled: pending until a person approves it (after comparing
    the key fingerprint by phone) or refuses it. Never enrols anything by itself."""

    __tablename__ = "central_enrolment_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    institution_uuid: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(200))
    state_code: Mapped[int | None] = mapped_column(Integer)
    district_code: Mapped[int | None] = mapped_column(Integer)
    sign_key: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16), index=True)
    fingerprint: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)


class EnrolmentCode(CentralBase):
    """A one-time enrolment code the district or state issued for one institution (only
    its hash is kept); the CCI types it at set-up and is enrolled at once."""

    __tablename__ = "central_enrolment_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    institution_uuid: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(200))
    state_code: Mapped[int | None] = mapped_column(Integer)
    district_code: Mapped[int | None] = mapped_column(Integer)
    code_hash: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    issued_by: Mapped[str | None] = mapped_column(String(100))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, default=0)


class AdminEvent(CentralBase):
    """What an administrator did at central (approve, refuse, replace a key, issue a code),
    with the fingerprints involved: append-only."""

    __tablename__ = "central_admin_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(64), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


class RequestNonce(CentralBase):
    """A request nonce seen from a key (kept for twice the clock skew): replay refused."""

    __tablename__ = "central_request_nonce"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class ReceivedBundle(CentralBase):
    """A bundle applied once; its receipt is kept to answer a repeat upload the same way."""

    __tablename__ = "central_bundle"
    __table_args__ = (Index("ix_central_bundle_last", "institution_uuid", "seq"),)

    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    institution_uuid: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    bundle_hash: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))  # of the whole file, for id reuse
    size: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    receipt: Mapped[bytes] = mapped_column(LargeBinary)
    # The bundle's bytes (still encrypted, Aadhaar still sealed): for forwarding (district)
    # and for `python -m central rebuild`.
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    sender: Mapped[str | None] = mapped_column(String(40))  # who uploaded it (party id)
    forwarded: Mapped[bool] = mapped_column(Boolean, default=False)
    central_receipt: Mapped[bytes | None] = mapped_column(LargeBinary)  # after forwarding


class Upload(CentralBase):
    """A resumable upload (tus-style) of one party: the declared length and bytes so far.

    Open uploads count against the party's quota and expire when left idle; a refused
    upload is deleted; a completed one keeps only its row (status "done") for a while so
    that a client that lost the answer gets the receipt again.
    """

    __tablename__ = "central_upload"

    upload_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    party: Mapped[str] = mapped_column(String(40), index=True)  # institution uuid / district:N
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    length: Mapped[int] = mapped_column(BigInteger)
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(8), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    touched_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


class UploadChunk(CentralBase):
    """One verified chunk of an upload (joined in offset order on completion)."""

    __tablename__ = "central_upload_chunk"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    upload_id: Mapped[str] = mapped_column(String(36), index=True)
    offset: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class MergedRecord(CentralBase):
    """The newest known copy of one synced record, who wrote it last and who owns it.

    The owner is the institution that created the record; only its signed bundles change
    the record, until it hands the record over with a signed `transfer` line (issue 20).
    """

    __tablename__ = "central_record"
    __table_args__ = (UniqueConstraint("type", "record_uuid", name="uq_central_record"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    institution_uuid: Mapped[str] = mapped_column(String(36), index=True)
    owner_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
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


class SchemaVersion(CentralBase):
    """Which version of central's schema this database has (`central.schema`)."""

    __tablename__ = "central_schema"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class AuditCopy(CentralBase):
    """An institution's audit event, kept after its place in the hash chain was checked."""

    __tablename__ = "central_audit_event"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    institution_uuid: Mapped[str] = mapped_column(String(36), index=True)
    event_id: Mapped[int] = mapped_column(Integer)  # the id on the institution's computer
    hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class TransferRelay(CentralBase):
    """A transfer packet (issue 20) kept until the receiving CCI has fetched and
    acknowledged it: who sent it, to whom, about which child; then the signed
    acknowledgement, until the sending CCI has fetched that in turn."""

    __tablename__ = "central_transfer"

    packet_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    from_uuid: Mapped[str] = mapped_column(String(36), index=True)
    to_uuid: Mapped[str] = mapped_column(String(36), index=True)
    child_uuid: Mapped[str] = mapped_column(String(36), index=True)
    from_district_code: Mapped[int | None] = mapped_column(Integer)
    to_district_code: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    packet_hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sender: Mapped[str | None] = mapped_column(String(40))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ack: Mapped[bytes | None] = mapped_column(LargeBinary)
    acked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str | None] = mapped_column(String(12))  # admitted, refused (from the ack)
    # Between states (schema 9): the peer state a packet was forwarded to (the receiving
    # CCI is there), or came from (the sending CCI is there); None inside the state.
    to_peer_state: Mapped[int | None] = mapped_column(Integer)
    from_peer_state: Mapped[int | None] = mapped_column(Integer)

    def keep_ack(self, raw: bytes, sign_key: bytes) -> bool:
        """Check a signed acknowledgement of this packet (by the receiving CCI's `sign_key`)
        and keep it; True if it is new, False if one was kept already. TransferError if the
        signature fails or it acknowledges another packet."""
        body = verify_ack(raw, sign_key)
        if body.get("packet_hash") != self.packet_hash:
            raise TransferError("wrong-packet", "the acknowledgement is of another packet")
        if self.ack is not None:
            return False
        self.ack = bytes(raw)
        self.acked_at = datetime.now(UTC)
        self.status = str(body.get("status"))[:12]
        return True

    @classmethod
    def kept_already(cls, s: Session, packet_id: str, raw: bytes) -> bool:
        """True if this very packet (by its bytes' SHA-256) is kept already, so handing it
        in again changes nothing; TransferError `id-reused` if another came under its id."""
        seen = s.get(cls, packet_id)
        if seen is None:
            return False
        if seen.sha256 != hashlib.sha256(raw).hexdigest():
            raise TransferError("id-reused", "another packet with this id was received")
        return True


class PeerCentral(CentralBase):
    """Another state's central (schema 9), registered by this state's administrator with
    its public key file, whose fingerprint was compared by people out of band
    (`python -m central peers add`). Its signed requests are accepted on the peer routes
    only; packets for its CCIs are forwarded to `url`."""

    __tablename__ = "central_peer"

    state_code: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500))
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    sign_key: Mapped[str] = mapped_column(String(64))
    enc_key: Mapped[str] = mapped_column(String(64))
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    directory_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PeerInstitution(CentralBase):
    """A CCI of a peer state with a transfer key, from that central's signed directory
    (`central.peers.take_directory`): listed in this state's receipts, so a child can be
    transferred there, and the key its packets and acknowledgements are checked with."""

    __tablename__ = "central_peer_institution"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    state_code: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200))
    district_code: Mapped[int | None] = mapped_column(Integer)
    sign_key: Mapped[str] = mapped_column(String(64))
    enc_key: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PeerForward(CentralBase):
    """What is to be sent to a peer central (schema 9): a packet (`kind` packet) or the
    acknowledgement of a packet that came from there (ack); tried on receipt and again by
    `python -m central peers forward` until the peer takes it (done) or refuses it."""

    __tablename__ = "central_peer_forward"
    __table_args__ = (UniqueConstraint("kind", "packet_id", name="uq_central_peer_forward"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    packet_id: Mapped[str] = mapped_column(String(36))
    state_code: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="waiting")  # done, refused
    tries: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    tried_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
