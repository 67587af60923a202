"""Correcting decisions entered wrongly: a category change's day, reason and order; the day,
reason and order of leaving care; a transfer (and the child's leaving day with it). Checked
as when made, audited with before/after and the reason, a new version for sync."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import AuditEvent, CategoryChange, Child
from desktop.services.cases import casework, corrections
from desktop.services.cases.children import discharge, register_child, transfer_out
from desktop.services.core.context import Actor
from desktop.services.core.errors import PermissionDenied, ValidationError
from tests.conftest import TODAY
from tests.helpers import child_input, counts


@pytest.fixture
def child(session: Session) -> Child:
    """A child admitted 01-03-2025 (category 3, recorded as its first change), changed to 9
    on 01-06-2025 and to 1 on 01-09-2025."""
    c = register_child(session, child_input(), today=TODAY)
    for code, on in ((9, "2025-06-01"), (1, "2025-09-01")):
        casework.change_category(
            session, c, to_code=code, reason=f"to {code}", effective_on=on, today=TODAY
        )
    session.flush()
    return c


def changes_of(session: Session, c: Child) -> list[CategoryChange]:
    """The child's category changes in the order they took effect."""
    return list(
        session.scalars(
            select(CategoryChange)
            .where(CategoryChange.child_id == c.id)
            .order_by(CategoryChange.effective_on)
        )
    )


def last_change(session: Session, action: str, record_type: str) -> dict[str, Any]:
    """The newest audit event of `action`: its change of one record type."""
    ev = session.scalars(
        select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc())
    ).first()
    assert ev is not None, action
    return next(ch for ch in ev.changes if ch.get("type") == record_type)


def test_category_change_day_stays_between_its_neighbours_and_is_audited(session, child):
    """A change's day cannot pass the change after it nor fall before admission; a good
    correction keeps the before/after and the reason, the category itself stays."""
    first = changes_of(session, child)[1]
    assert first.to_code == 9
    before = counts(session)
    for day, words in (("2025-09-05", "after the change after it"), ("2025-01-01", "before")):
        with pytest.raises(ValidationError) as err:
            corrections.correct_category_change(
                session, child, first, {"effective_on": day}, today=TODAY
            )
        assert words in err.value.errors["effective_on"]
    with pytest.raises(ValidationError) as err:
        corrections.correct_category_change(session, child, first, {"reason": " "}, today=TODAY)
    assert list(err.value.errors) == ["reason"]
    assert counts(session) == before
    version = first.version
    corrections.correct_category_change(
        session,
        child,
        first,
        {"effective_on": "2025-05-20", "order_ref": "CWC/PAT/44"},
        reason="the date on the CWC order",
        today=TODAY,
    )
    assert (first.effective_on, first.order_ref) == (date(2025, 5, 20), "CWC/PAT/44")
    assert first.version == version + 1 and child.category_code == 1
    ch = last_change(session, "correct_category_change", "category_change")
    assert ch["before"]["effective_on"] == "2025-06-01"
    assert ch["after"]["effective_on"] == "2025-05-20"
    assert ch["reason"] == "the date on the CWC order"


def test_exit_corrected_only_after_leaving(session, child):
    """A child in care has no leaving to correct; after leaving, the day (not before
    admission, not in the future), reason and order are corrected, audited."""
    with pytest.raises(ValidationError) as err:
        corrections.correct_exit(session, child, {"exit_order_no": "X"}, today=TODAY)
    assert "not left care" in err.value.errors["exit_date"]
    discharge(
        session, child, status="restored", exit_date="2026-11-20", reason="to mother", today=TODAY
    )
    with pytest.raises(ValidationError) as err:
        corrections.correct_exit(session, child, {"exit_date": "2026-12-01"}, today=TODAY)
    assert "future" in err.value.errors["exit_date"]
    corrections.correct_exit(
        session,
        child,
        {"exit_date": "2026-11-18", "exit_order_no": "CWC/PAT/90"},
        reason="day on the restoration order",
        today=TODAY,
    )
    assert (child.exit_date, child.exit_order_no, child.status) == (
        date(2026, 11, 18),
        "CWC/PAT/90",
        "restored",
    )
    ch = last_change(session, "correct_exit", "child")
    assert ch["before"]["exit_date"] == "2026-11-20" and ch["reason"].startswith("day on")


def test_transfer_correction_moves_the_leaving_day_with_it(session, child):
    """Correcting a transfer out's day and institution corrects the child's leaving day and
    reason in the same audited action; the leaving itself is corrected through the transfer."""
    t = transfer_out(
        session,
        child,
        to_institution="Gaya Home",
        transfer_date="2026-11-10",
        order_no="CWC/GAY/1",
        today=TODAY,
    )
    with pytest.raises(ValidationError) as err:
        corrections.correct_exit(session, child, {"exit_date": "2026-11-11"}, today=TODAY)
    assert "transfer" in err.value.errors["exit_date"]
    with pytest.raises(ValidationError) as err:
        corrections.correct_transfer(session, child, t, {"order_no": ""}, today=TODAY)
    assert list(err.value.errors) == ["order_no"]
    corrections.correct_transfer(
        session,
        child,
        t,
        {"transfer_date": "2026-11-12", "other_institution": "Gaya Boys' Home"},
        reason="as in the transfer order",
        today=TODAY,
    )
    assert t.transfer_date == child.exit_date == date(2026, 11, 12)
    assert child.exit_reason == "transferred to Gaya Boys' Home"
    ev = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "correct_transfer")
        .order_by(AuditEvent.id.desc())
    ).first()
    assert {ch["type"] for ch in ev.changes} == {"transfer", "child"}


def test_a_caseworker_cannot_correct_decisions(session, child):
    """Correcting a decision is the superintendent's, as the decision was."""
    session.info["actor"] = Actor("ravi", "caseworker", "Ravi Kumar")
    with pytest.raises(PermissionDenied):
        corrections.correct_category_change(
            session, child, changes_of(session, child)[0], {"order_ref": "X"}, today=TODAY
        )
