"""Tables of the cross-home identity work (central schema 7; the district view has them too).

`identity_key` keeps each projected child's phonetic keys (worked out once, refreshed
when a newer bundle changed the child) and `identity_block` its blocks, so a day's new
registrations are compared with the rest through an index, without reading the state.
`identity_decision` remembers what an officer said about a pair (confirmed: the same
child; dismissed: not proposed again); `identity_link` groups confirmed records as one
child with several stays (each home keeps its own record and stay). `identity_alert`
is an absconded or missing child who may have been registered again elsewhere.
`identity_decision_log` (schema 9) keeps every decision made or received, at central or a
district office, with where it was made (`origin`) and whether it won: the latest decision
on a pair wins (`central.identity.decisions.decide`), the others stay in the log.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from central.models import CentralBase, utcnow
from central.projection import view_child


def stamp(when: datetime | str | None) -> str:
    """A moment as the decision log writes it (UTC, microseconds, sortable as text); a
    time without a zone is taken as UTC (SQLite gives them back so)."""
    if when is None:
        when = datetime.now(UTC)
    elif isinstance(when, str):
        when = datetime.fromisoformat(when.replace("Z", "+00:00"))
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class IdentityKey(CentralBase):
    """One projected child's matching keys (a cache of `matching.names`)."""

    __tablename__ = "identity_key"

    record_uuid: Mapped[str] = mapped_column(String(64), primary_key=True)
    bundle_id: Mapped[str | None] = mapped_column(String(36))  # of the view_child row keyed
    name_key: Mapped[str] = mapped_column(String(200), default="")
    local_key: Mapped[str] = mapped_column(String(200), default="")
    guardians: Mapped[str] = mapped_column(Text, default="")  # names, "|" between
    guardian_keys: Mapped[str] = mapped_column(Text, default="")
    photo_hash: Mapped[str | None] = mapped_column(String(64))


class IdentityBlock(CentralBase):
    """A block of one child (gender + name skeleton, or an exact hash), by birth date."""

    __tablename__ = "identity_block"
    __table_args__ = (Index("ix_identity_block_dob", "block", "dob"),)

    block: Mapped[str] = mapped_column(String(80), primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    dob: Mapped[date | None] = mapped_column(Date)
    estimated: Mapped[bool] = mapped_column(Boolean, default=False)  # the date of birth


class IdentityDecision(CentralBase):
    """What an officer decided about two records (uuid_a < uuid_b)."""

    __tablename__ = "identity_decision"

    uuid_a: Mapped[str] = mapped_column(String(64), primary_key=True)
    uuid_b: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    decision: Mapped[str] = mapped_column(String(10))  # "confirmed" or "dismissed"
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    district_code: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    # Where the decision that holds was made: "central" or "district:<code>" (schema 9).
    origin: Mapped[str | None] = mapped_column(String(40), default="central")


class IdentityDecisionLog(CentralBase):
    """Every decision on a pair, made here or received (schema 9): the latest one holds."""

    __tablename__ = "identity_decision_log"
    __table_args__ = (
        UniqueConstraint("uuid_a", "uuid_b", "at", "origin", "decision", name="uq_identity_dlog"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid_a: Mapped[str] = mapped_column(String(64), index=True)
    uuid_b: Mapped[str] = mapped_column(String(64), index=True)
    decision: Mapped[str] = mapped_column(String(10))
    decided_by: Mapped[str] = mapped_column(String(100))
    at: Mapped[str] = mapped_column(String(32))  # when decided, UTC "YYYY-MM-DDTHH:MM:SS.ffffffZ"
    origin: Mapped[str] = mapped_column(String(40))  # "central" or "district:<code>"
    outcome: Mapped[str] = mapped_column(String(12))  # "applied" or "superseded"
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    district_code: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IdentityLink(CentralBase):
    """A record's place in a group of records confirmed to be one child."""

    __tablename__ = "identity_link"

    record_uuid: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_uuid: Mapped[str] = mapped_column(String(36), index=True)


class IdentityAlert(CentralBase):
    """An absconded or missing child who may be a child registered later in another home."""

    __tablename__ = "identity_alert"
    __table_args__ = (UniqueConstraint("missing_uuid", "found_uuid", name="uq_identity_alert"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    missing_uuid: Mapped[str] = mapped_column(String(64), index=True)
    found_uuid: Mapped[str] = mapped_column(String(64), index=True)
    missing_home: Mapped[str] = mapped_column(String(36), index=True)
    found_home: Mapped[str] = mapped_column(String(36), index=True)
    missing_district: Mapped[int | None] = mapped_column(Integer, index=True)
    found_district: Mapped[int | None] = mapped_column(Integer, index=True)
    state_code: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="open")  # confirmed, dismissed
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# A day's registrations are picked by admission date (schema 7: an index on the projection).
ADMITTED_INDEX = Index(
    "ix_view_child_admitted", view_child.c.state_code, view_child.c.admission_date
)
IDENTITY_TABLES: tuple[Table, ...] = tuple(
    cast(Table, m.__table__)
    for m in (
        IdentityKey,
        IdentityBlock,
        IdentityDecision,
        IdentityDecisionLog,
        IdentityLink,
        IdentityAlert,
    )
)
