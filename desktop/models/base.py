"""Declarative base and the columns every synced record carries."""

from __future__ import annotations

import uuid as uuid_mod
from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, Table, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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
        Uuid, unique=True, default=uuid_mod.uuid4, nullable=False
    )
    version: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False, index=True)
    synced_version: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, nullable=False
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, nullable=False
    )

    @classmethod
    def record_type(cls) -> str:
        """The record type used in audit events and sync: the table name."""
        return str(cls.__tablename__)  # type: ignore[attr-defined]

    @classmethod
    def table(cls) -> Table:
        """The Core table of this model."""
        return cls.__table__  # type: ignore[attr-defined, no-any-return]
