"""Case work on a child: documents, CWC orders, SIR, ICP, notes, adoption stages, transfers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Tracked


class DocumentItem(Tracked, Base):
    """One line of the child's documents checklist, with its scan kept by content hash."""

    __tablename__ = "document_item"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"))
    doc_type: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="required")
    # The date of the current status (None: not known, taken as always). A trigger keeps
    # each status the item had before, with its date, in document_status_history (0008;
    # since 0023_lean_history only the past ones, not the current) for past-date runs.
    status_on: Mapped[date | None] = mapped_column(Date)
    obtained_on: Mapped[date | None] = mapped_column(Date)
    verified_on: Mapped[date | None] = mapped_column(Date)
    verified_by: Mapped[str | None] = mapped_column(String(100))
    attachment_hash: Mapped[str | None] = mapped_column(ForeignKey("attachment.sha256"))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("child_id", "doc_type"),
        # Only the items still missing: the rules find them without reading the table.
        # (SQLite only: a `postgresql_where` here made SQLAlchemy load its PostgreSQL
        # dialect, 0.05-0.1 s of every start of the window; issue 22.)
        Index("ix_document_item_missing", "child_id", sqlite_where=text("status = 'required'")),
    )


class CwcOrder(Tracked, Base):
    """An order of the Child Welfare Committee concerning the child."""

    __tablename__ = "cwc_order"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"))
    order_no: Mapped[str] = mapped_column(String(80))
    order_date: Mapped[date] = mapped_column(Date)
    order_type: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str | None] = mapped_column(Text)
    next_review_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (Index("ix_cwc_order_child_date", "child_id", "order_date"),)


class SocialInvestigation(Tracked, Base):
    """A Social Investigation Report (JJ Act s.36(2)): asked for, and submitted."""

    __tablename__ = "social_investigation"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    requested_on: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    officer: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)


class CarePlan(Tracked, Base):
    """An Individual Care Plan (Form 7) and when it is next reviewed."""

    __tablename__ = "care_plan"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    prepared_on: Mapped[date] = mapped_column(Date)
    review_due_on: Mapped[date | None] = mapped_column(Date)
    summary: Mapped[str | None] = mapped_column(Text)


class CaseNote(Tracked, Base):
    """A dated note by a caseworker or counsellor."""

    __tablename__ = "case_note"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    note_date: Mapped[date] = mapped_column(Date)
    author: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)


class AdoptionStageEntry(Tracked, Base):
    """The child entered an adoption-pipeline stage on a date (history; latest is current)."""

    __tablename__ = "adoption_stage"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"))
    stage: Mapped[str] = mapped_column(String(24))
    entered_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_adoption_stage_child_date", "child_id", "entered_on"),)


class Transfer(Tracked, Base):
    """A move of the child between CCIs (out of this one, or into it)."""

    __tablename__ = "transfer"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    direction: Mapped[str] = mapped_column(String(4))  # "in" or "out"
    transfer_date: Mapped[date] = mapped_column(Date)
    other_institution: Mapped[str] = mapped_column(String(200))
    # The other CCI's uuid when it is in the directory (issue 20); None: a home outside.
    other_institution_uuid: Mapped[str | None] = mapped_column(String(36))
    order_no: Mapped[str | None] = mapped_column(String(80))
    reason: Mapped[str | None] = mapped_column(Text)
