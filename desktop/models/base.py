"""Declarative base and the columns every synced record carries."""

from __future__ import annotations

import uuid as uuid_mod
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Dialect, Integer, LargeBinary, MetaData, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time in UTC (naive datetimes are never stored)."""
    return datetime.now(UTC)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAIVE_EPOCH = datetime(1970, 1, 1)
_MICRO = timedelta(microseconds=1)


def uuid_to_db(value: uuid_mod.UUID | str | bytes | None) -> bytes | None:
    """A UUID as the database stores it: its 16 bytes (a BLOB). Accepts a UUID, its text
    (hex, with or without hyphens) or its bytes. The one conversion for raw SQL."""
    if value is None:
        return None
    if isinstance(value, uuid_mod.UUID):
        return value.bytes
    if isinstance(value, bytes | bytearray | memoryview):
        b = bytes(value)
        if len(b) != 16:
            raise ValueError("a stored UUID has 16 bytes")
        return b
    return uuid_mod.UUID(str(value)).bytes


def uuid_from_db(value: bytes | memoryview | str | None) -> uuid_mod.UUID | None:
    """A stored UUID back as a `uuid.UUID` (also reads the 32-hex text of older releases)."""
    if value is None:
        return None
    if isinstance(value, str):
        return uuid_mod.UUID(value)
    return uuid_mod.UUID(bytes=bytes(value))


def time_to_db(value: datetime | None) -> int | None:
    """A moment as the database stores it: whole microseconds since 1970-01-01 UTC (an
    INTEGER). A naive datetime is taken as UTC. The one conversion for raw SQL."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return (value - _EPOCH) // _MICRO


def time_from_db(value: int | str | None) -> datetime | None:
    """A stored moment back as a naive UTC datetime: what SQLAlchemy's DateTime gave back
    on SQLite before, so exports, bundles and audit text stay byte for byte the same.
    Also reads older releases' text."""
    if value is None:
        return None
    if isinstance(value, str):
        dt = datetime.fromisoformat(value)
        return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt
    return _NAIVE_EPOCH + int(value) * _MICRO


class UuidBlob(TypeDecorator[uuid_mod.UUID]):
    """A UUID stored as 16 bytes (SQLAlchemy's own `Uuid` stores 32 hex characters on
    SQLite: twice the bytes, in the row and again in its unique index)."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        return uuid_to_db(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid_mod.UUID | None:
        return uuid_from_db(value)


class UtcMicros(TypeDecorator[datetime]):
    """A moment stored as microseconds since the epoch UTC (an 8-byte or shorter INTEGER
    instead of 26 characters of text), read back as a naive UTC datetime (as before)."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        return time_to_db(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return time_from_db(value)


def hash_to_db(value: str | bytes | None) -> str | bytes | None:
    """A SHA-256 hex digest as the database stores it: its 32 bytes. Text that is not a
    lower-case 64-digit hex digest is kept as it is (so it reads back the same)."""
    if isinstance(value, str) and len(value) == 64 and value == value.lower():
        try:
            return bytes.fromhex(value)
        except ValueError:
            return value
    return value


def hash_from_db(value: bytes | memoryview | str | None) -> str | None:
    """A stored digest back as its hex text (also reads the text of older releases)."""
    if value is None or isinstance(value, str):
        return value
    return bytes(value).hex()


def uuid_text_to_db(value: str | bytes | None) -> str | bytes | None:
    """A UUID kept as text by its users (`str(uuid)`) as the database stores it: its 16
    bytes. Text that is not a UUID's canonical form is kept as it is."""
    if isinstance(value, str) and len(value) == 36:
        try:
            u = uuid_mod.UUID(value)
        except ValueError:
            return value
        return u.bytes if str(u) == value else value
    return value


def uuid_text_from_db(value: bytes | memoryview | str | None) -> str | None:
    """A stored UUID back as the text it was given as (`str(uuid)`)."""
    if value is None or isinstance(value, str):
        return value
    return str(uuid_mod.UUID(bytes=bytes(value)))


class HashBlob(TypeDecorator[str]):
    """A SHA-256 digest the code handles as 64 hex digits, stored as 32 bytes
    (audit_event.hash and prev_hash, migration 0023_lean_history)."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | bytes | None:
        return hash_to_db(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return hash_from_db(value)


class UuidTextBlob(TypeDecorator[str]):
    """A UUID the code handles as its text (`str(uuid)`), stored as 16 bytes
    (audit_event.child_uuid, migration 0023_lean_history)."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | bytes | None:
        return uuid_text_to_db(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return uuid_text_from_db(value)


class Base(DeclarativeBase):
    """Root of every table; constraint names are stable for Alembic batch mode."""

    metadata = MetaData(naming_convention=NAMING)


class Tracked:
    """Mixin for records that sync: a UUID, a per-record version and a change sequence.

    `version` rises by one on every write; `change_seq` takes the next value of the
    install-wide sequence (see `desktop.models.changelog`). Both are set by the
    session hooks in `desktop.services.core.tracking`, never by hand.
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[uuid_mod.UUID] = mapped_column(
        UuidBlob, unique=True, default=uuid_mod.uuid4, nullable=False
    )
    version: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False, index=True)
    synced_version: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UtcMicros, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UtcMicros, default=utcnow, nullable=False)

    @classmethod
    def record_type(cls) -> str:
        """The record type used in audit events and sync: the table name."""
        return str(cls.__tablename__)  # type: ignore[attr-defined]

    @classmethod
    def table(cls) -> Table:
        """The Core table of this model."""
        return cls.__table__  # type: ignore[attr-defined, no-any-return]
