"""Review flags raised by the rules engine on a child's case."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Tracked

FLAG_STATUSES = ("open", "acknowledged", "escalated", "resolved")
LEVELS = ("CCI", "district", "state")


class Flag(Tracked, Base):
    """One rule's finding on one child: why, since when, by when, and what was done.

    The words explaining it are not stored: they come from the rule and the child's
    facts when the flag is shown (`desktop.services.flags.words`, migration 0015).
    """

    __tablename__ = "flag"

    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"))
    rule_id: Mapped[str] = mapped_column(String(40))
    policy_version: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    raised_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(14), default="open")
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)  # 0 CCI, 1 district, 2 state
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    acknowledged_by: Mapped[str | None] = mapped_column(String(100))
    resolved_on: Mapped[date | None] = mapped_column(Date)
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    suppressed_until: Mapped[date | None] = mapped_column(Date)
    # Raised by hand (a district official escalating): the rules never lower it below this.
    manual_level: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    escalated_by: Mapped[str | None] = mapped_column(String(100))
    # What the district office did (issue 17), from the office's receipt: sent up again
    # with the flag, so central's view shows it too.
    district_action: Mapped[str | None] = mapped_column(String(14))  # acknowledged, resolved
    district_action_at: Mapped[date | None] = mapped_column(Date)
    district_action_by: Mapped[str | None] = mapped_column(String(200))
    district_action_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_flag_child_rule", "child_id", "rule_id"),
        Index("ix_flag_status_due", "status", "due_on"),
        # A page of the children list: its children's open flags, from the index alone
        # (migration 0023; the statuses are OPEN_FLAG_STATUSES of services.find.listing).
        Index(
            "ix_flag_child_open",
            "child_id",
            "severity",
            "status",
            sqlite_where=text("status IN ('open', 'acknowledged', 'escalated')"),
        ),
        # The daily run's: flags that may still rise a level (by rule, then due day: the
        # run reads each rule's flags whose due day crossed a threshold), quiet periods
        # ending.
        Index(
            "ix_flag_escalating",
            "rule_id",
            "due_on",
            sqlite_where=text("status != 'resolved' AND escalation_level < 2"),
        ),
        Index(
            "ix_flag_suppressed",
            "suppressed_until",
            sqlite_where=text("suppressed_until IS NOT NULL"),
        ),
    )
