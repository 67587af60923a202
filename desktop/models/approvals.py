"""Requests waiting for the superintendent: a caseworker's category change, adoption step, exit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Tracked

REQUEST_KINDS = ("category_change", "adoption_stage", "exit", "transfer")
REQUEST_STATUSES = ("pending", "approved", "returned", "withdrawn")


class ApprovalRequest(Tracked, Base):
    """A change asked for and not yet made: the case changes only when it is approved.

    `details` holds the checked values of the change (dates as ISO text), so approving
    makes exactly the change that was asked for.
    """

    __tablename__ = "approval_request"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"))
    kind: Mapped[str] = mapped_column(String(20))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    requested_by: Mapped[str] = mapped_column(String(100))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_approval_request_status_child", "status", "child_id"),)
