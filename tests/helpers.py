"""Small builders shared by tests (invented names only)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.services.cases.children import ChildInput
from desktop.services.core.validation import verhoeff_check_digit


def child_input(**over: Any) -> ChildInput:
    """A valid registration, with fields overridden."""
    base: dict[str, Any] = {
        "first_name": "Priya",
        "last_name": "Kumari",
        "name_local": "प्रिया कुमारी",
        "gender": "female",
        "dob": "2016-04-10",
        "admission_date": "2025-03-01",
        "referral": "childline",
        "category_code": 3,
    }
    base.update(over)
    return ChildInput(**base)


def aadhaar(body: str = "23412341234") -> str:
    """A 12-digit number with a valid Verhoeff check digit."""
    return body + verhoeff_check_digit(body)


def counts(session: Session) -> dict[str, int]:
    """Row counts that any write changes: children, audit events, change sequence, tombstones."""
    q = {
        "child": "SELECT count(*) FROM child",
        "guardian": "SELECT count(*) FROM guardian",
        "visit": "SELECT count(*) FROM guardian_visit",
        "audit": "SELECT count(*) FROM audit_event WHERE action != 'evaluate_flags'",
        "seq": "SELECT last_seq FROM sync_counter",
        "tombstone": "SELECT count(*) FROM tombstone",
        "search": "SELECT count(*) FROM child_search",
    }
    return {k: int(session.execute(text(v)).scalar() or 0) for k, v in q.items()}
