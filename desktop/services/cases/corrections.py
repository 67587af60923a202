"""Correcting decisions entered wrongly: a category change, a child's leaving care, a transfer.

These were the superintendent's decisions (a caseworker asks for them), so correcting them
is the superintendent's too. Each correction checks the whole record again as when it was
made (dates not before admission nor in the future, a category change's day between the
changes before and after it), writes only the columns that differ as one audited action
with the before/after and the reason, and travels in the next sync bundle as a new
version. What was decided (the new category, that the child left) is not changed here:
a wrong decision is undone by a new decision, which the audit trail shows as such.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import CategoryChange, Child, Transfer
from desktop.models.enums import ChildStatus
from desktop.services.cases.edits import (
    CATEGORY_CHANGE_FIELDS,
    TRANSFER_FIELDS,
    _merged,
    _own,
    _reason,
    _write,
)
from desktop.services.core.audit import audited
from desktop.services.core.errors import ValidationError
from desktop.services.core.validation import Collector, clean_text, parse_date

EXIT_FIELDS = ("exit_date", "exit_reason", "exit_order_no")


def _day(c: Collector, field: str, value: Any, child: Child, today: date) -> date | None:
    d: date | None = c.check(field, parse_date, value, required=True)
    if d and d > today:
        c.fail(field, "cannot be in the future")
    if d and d < child.admission_date:
        c.fail(field, "cannot be before the admission date")
    return d


def correct_category_change(
    session: Session,
    child: Child,
    entry: CategoryChange,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    today: date | None = None,
) -> CategoryChange:
    """Correct the day a category change took effect, its reason or its CWC order; the day
    stays between the changes before and after it."""
    _own(child, entry)
    today = today or date.today()
    current = {f: getattr(entry, f) for f in CATEGORY_CHANGE_FIELDS}
    merged = _merged(current, CATEGORY_CHANGE_FIELDS, changes)
    c = Collector()
    why = _reason(c, reason)
    d = _day(c, "effective_on", merged["effective_on"], child, today)
    text = c.check("reason", clean_text, merged["reason"], required=True, max_len=2000)
    order = c.check("order_ref", clean_text, merged["order_ref"], max_len=80)
    others = list(
        session.scalars(
            select(CategoryChange)
            .where(CategoryChange.child_id == child.id)
            .order_by(CategoryChange.effective_on, CategoryChange.id)
        )
    )
    i = others.index(entry)
    before = others[i - 1] if i > 0 else None
    after = others[i + 1] if i + 1 < len(others) else None
    if d and before is not None and d < before.effective_on:
        c.fail(
            "effective_on",
            f"cannot be before the change before it ({before.effective_on:%d-%m-%Y})",
        )
    if d and after is not None and d > after.effective_on:
        c.fail(
            "effective_on", f"cannot be after the change after it ({after.effective_on:%d-%m-%Y})"
        )
    c.raise_if_any()
    values = {"effective_on": d, "reason": text, "order_ref": order}
    _write(session, "correct_category_change", child, entry, values, why)
    return entry


def correct_exit(
    session: Session,
    child: Child,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    today: date | None = None,
) -> Child:
    """Correct the day a child left care, the reason or the order number (a transfer is
    corrected with `correct_transfer`)."""
    if child.status == ChildStatus.IN_CARE.value or child.exit_date is None:
        raise ValidationError({"exit_date": "the child has not left care"})
    if child.status == ChildStatus.TRANSFERRED.value:
        raise ValidationError({"exit_date": "correct the transfer instead"})
    today = today or date.today()
    current = {f: getattr(child, f) for f in EXIT_FIELDS}
    merged = _merged(current, EXIT_FIELDS, changes)
    c = Collector()
    why = _reason(c, reason)
    d = _day(c, "exit_date", merged["exit_date"], child, today)
    text = c.check("exit_reason", clean_text, merged["exit_reason"], required=True, max_len=2000)
    order = c.check("exit_order_no", clean_text, merged["exit_order_no"], max_len=80)
    c.raise_if_any()
    values = {"exit_date": d, "exit_reason": text, "exit_order_no": order}
    _write(session, "correct_exit", child, child, values, why)
    return child


def correct_transfer(
    session: Session,
    child: Child,
    entry: Transfer,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    today: date | None = None,
) -> Transfer:
    """Correct a transfer's day, the other institution, the order number or its reason; a
    transfer out that closed the case corrects the child's leaving day and order with it."""
    _own(child, entry)
    today = today or date.today()
    current = {f: getattr(entry, f) for f in TRANSFER_FIELDS}
    merged = _merged(current, TRANSFER_FIELDS, changes)
    c = Collector()
    why = _reason(c, reason)
    d = _day(c, "transfer_date", merged["transfer_date"], child, today)
    other = c.check(
        "other_institution", clean_text, merged["other_institution"], required=True, max_len=200
    )
    order = c.check("order_no", clean_text, merged["order_no"], max_len=80)
    text = c.check("reason", clean_text, merged["reason"], max_len=2000)
    if entry.direction == "out" and not order:
        c.fail("order_no", "is required")
    c.raise_if_any()
    values = {"transfer_date": d, "other_institution": other, "order_no": order, "reason": text}
    closed_here = (
        entry.direction == "out"
        and child.status == ChildStatus.TRANSFERRED.value
        and child.exit_date == entry.transfer_date
    )
    with audited(session, "correct_transfer", child=child, reason=why):
        _write(session, "correct_transfer", child, entry, values, why)
        if closed_here:
            mirrored = {
                "exit_date": d,
                "exit_reason": f"transferred to {other}",
                "exit_order_no": order,
            }
            _write(session, "correct_transfer", child, child, mirrored, why)
    return entry


__all__ = [
    "CATEGORY_CHANGE_FIELDS",
    "EXIT_FIELDS",
    "TRANSFER_FIELDS",
    "correct_category_change",
    "correct_exit",
    "correct_transfer",
]
