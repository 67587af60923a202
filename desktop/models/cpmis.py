"""CPMIS returns, the district's decisions on them, and quarterly indicator values.

A monthly return is one record (its figures as JSON) so that it travels, is signed and is
locked as a whole: a submitted return is never edited; a correction is a new version that
names the one it replaces and why. Values per area and quarter (`cpmis_value`) are what
consolidation, DevInfo import and the demo produce, and what factsheets and DevInfo
export read; they are derived data of this install and do not sync.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Tracked, utcnow

RETURN_STATUSES = ("draft", "submitted", "accepted", "returned", "consolidated", "superseded")


class CpmisReturn(Tracked, Base):
    """One body's monthly CPMIS return (a CCI, or a CWC / JJB entered at the district office)."""

    __tablename__ = "cpmis_return"

    body_type: Mapped[str] = mapped_column(String(4))  # cci | cwc | jjb
    # "cci:<institution uuid>" or "cwc:<district>:<n>", "jjb:<district>:<n>"
    body_code: Mapped[str] = mapped_column(String(80))
    body_name: Mapped[str] = mapped_column(String(200))
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institution.id"))
    cci_type: Mapped[str | None] = mapped_column(String(4))
    state_code: Mapped[int] = mapped_column(Integer)
    district_code: Mapped[int] = mapped_column(Integer)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    supersedes: Mapped[str | None] = mapped_column(String(36))  # uuid of the corrected version
    correction_reason: Mapped[str | None] = mapped_column(Text)
    catalogue_id: Mapped[str] = mapped_column(String(60))
    catalogue_version: Mapped[str] = mapped_column(String(40))
    catalogue_sha: Mapped[str] = mapped_column(String(64))
    # {indicator id: {subgroup id: number}}; where each came from; remarks on questioned checks
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    origins: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    remarks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    computed_on: Mapped[date | None] = mapped_column(Date)  # case figures read on this day
    created_by: Mapped[str] = mapped_column(String(100))
    submitted_by: Mapped[str | None] = mapped_column(String(100))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(String(120))  # Ed25519, base64
    signer_key_id: Mapped[str | None] = mapped_column(String(16))
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("body_code", "month", "version_no"),
        Index("ix_cpmis_return_body_month", "body_code", "month"),
    )


class CpmisReview(Tracked, Base):
    """A district office's decision on a return it received: accepted, returned, consolidated."""

    __tablename__ = "cpmis_review"

    return_uuid: Mapped[str] = mapped_column(String(36), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    body_code: Mapped[str] = mapped_column(String(80))
    body_name: Mapped[str] = mapped_column(String(200))
    institution_uuid: Mapped[str | None] = mapped_column(String(36))
    district_code: Mapped[int] = mapped_column(Integer)
    month: Mapped[str] = mapped_column(String(7))
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CpmisConsolidation(Tracked, Base):
    """One consolidation of a quarter for an area: which returns went in, and the result's hash."""

    __tablename__ = "cpmis_consolidation"

    quarter: Mapped[str] = mapped_column(String(15))  # 2026.01-2026.03
    area_id: Mapped[str] = mapped_column(String(40))
    catalogue_id: Mapped[str] = mapped_column(String(60))
    catalogue_version: Mapped[str] = mapped_column(String(40))
    inputs: Mapped[list[Any]] = mapped_column(JSON, default=list)
    values_sha256: Mapped[str] = mapped_column(String(64))
    consolidated_by: Mapped[str] = mapped_column(String(100))
    footnote: Mapped[str | None] = mapped_column(Text)


class CpmisArea(Base):
    """An area values are kept for (DevInfo area): state, district or body, with its parent."""

    __tablename__ = "cpmis_area"

    area_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_local: Mapped[str | None] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(12))  # state | district | institution | body
    parent_id: Mapped[str | None] = mapped_column(String(40))


class CpmisValue(Base):
    """One figure of one indicator and subgroup, for an area and a quarter."""

    __tablename__ = "cpmis_value"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    catalogue_id: Mapped[str] = mapped_column(String(60))
    indicator_id: Mapped[str] = mapped_column(String(80))
    subgroup_id: Mapped[str] = mapped_column(String(80))
    area_id: Mapped[str] = mapped_column(String(40))
    period: Mapped[str] = mapped_column(String(15))
    value: Mapped[float | None] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    origin: Mapped[str] = mapped_column(String(20))  # consolidated | quarter | imported | demo
    source: Mapped[str] = mapped_column(String(200))
    footnote: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    # (area, period) first: writing an area's quarter again deletes by it; a spreadsheet of
    # every area for some quarters reads by (period, indicator).
    __table_args__ = (
        UniqueConstraint("area_id", "period", "catalogue_id", "indicator_id", "subgroup_id"),
        Index("ix_cpmis_value_period_indicator", "period", "indicator_id"),
    )
