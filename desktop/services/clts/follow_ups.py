"""Follow-up visits after restoration: what was found (living there? in school? working
again? what does the household need?) on each scheduled visit, or on an extra one.

The schedule comes from the policy ([follow_up] due_months after the restoration date,
`derive.refresh_case`); every visit keeps its own findings, so the history of the child's
rehabilitation stays on the record (CLTS keeps one overwritten "last verification" date).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from desktop.models import CltsCase, CltsFollowUp
from desktop.rules.clts_policy import CltsPolicy, load_clts_policy
from desktop.services.clts import common
from desktop.services.clts.derive import visits_of
from desktop.services.clts.rescue import write_case
from desktop.services.core.errors import NotAllowed, ValidationError
from desktop.services.core.validation import Collector, clean_text

MODES = ("home_visit", "phone", "school", "office")
OUTCOMES = ("ok", "concern", "missing", "re_rescued")
VISIT_FIELDS = frozenset(
    {
        "done_on",
        "mode",
        "officer",
        "residing",
        "in_school",
        "working_again",
        "household_needs",
        "findings",
        "outcome",
    }
)


def validate_visit(
    data: dict[str, Any], *, case: CltsCase, today: date, current: CltsFollowUp | None = None
) -> dict[str, Any]:
    """Check a visit's findings; returns clean values or raises ValidationError."""
    unknown = sorted(set(data) - VISIT_FIELDS)
    if unknown:
        raise ValidationError({k: "is not a field of a follow-up visit" for k in unknown})
    merged = {f: getattr(current, f) for f in VISIT_FIELDS} if current else {}
    merged.update(data)
    c = Collector()
    v: dict[str, Any] = {}
    v["done_on"] = common.case_date(
        c,
        "done_on",
        merged.get("done_on"),
        today=today,
        not_before=("restoration", case.restored_on),
        required=True,
    )
    v["mode"] = c.check(
        "mode", common.parse_code, merged.get("mode"), MODES, what="a kind of visit"
    )
    v["officer"] = c.check("officer", clean_text, merged.get("officer"), required=True, max_len=200)
    for f in ("residing", "in_school", "working_again"):
        v[f] = c.check(f, common.parse_flag, merged.get(f), required=f == "working_again")
    for f in ("household_needs", "findings"):
        v[f] = c.check(f, clean_text, merged.get(f), max_len=2000)
    v["outcome"] = c.check(
        "outcome",
        common.parse_code,
        merged.get("outcome"),
        OUTCOMES,
        what="an outcome",
        required=False,
    )
    if v["outcome"] is None and "outcome" not in c.errors:
        if v["working_again"] or v["residing"] is False:
            v["outcome"] = "missing" if v["residing"] is False else "concern"
        else:
            v["outcome"] = "ok"
    if v["outcome"] == "ok" and v["working_again"]:
        c.fail("outcome", "the child was found working again: the outcome cannot be 'ok'")
    if v["outcome"] == "missing" and v["residing"]:
        c.fail(
            "residing", "the child is recorded as missing: not living at the place of restoration"
        )
    if (v["working_again"] or v["outcome"] in ("concern", "missing")) and not v["findings"]:
        c.fail("findings", "write what was found (the flag raised will quote it)")
    c.raise_if_any()
    return v


def record_visit(
    session: Session,
    case: CltsCase,
    visit: CltsFollowUp,
    data: dict[str, Any],
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> CltsFollowUp:
    """Record (or correct) what a scheduled follow-up visit found."""
    today = today or date.today()
    if visit.case_id != case.id:
        raise ValidationError({"visit": "this visit belongs to another case"})
    v = validate_visit(data, case=case, today=today, current=visit)

    def write() -> None:
        for k, value in v.items():
            if getattr(visit, k) != value:
                setattr(visit, k, value)

    write_case(
        session, case, "clts_follow_up", write, today=today, policy=policy or load_clts_policy()
    )
    return visit


def add_visit(
    session: Session,
    case: CltsCase,
    data: dict[str, Any],
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> CltsFollowUp:
    """Record a visit outside the schedule (a complaint, a school check)."""
    today = today or date.today()
    if case.restored_on is None:
        raise NotAllowed(
            "follow-up visits start when the child is restored: record the restoration"
        )
    v = validate_visit(data, case=case, today=today)
    visits = visits_of(session, case)
    visit = CltsFollowUp(
        case_id=case.id,
        visit_no=max((x.visit_no for x in visits), default=0) + 1,
        due_on=v["done_on"],
        **v,
    )
    write_case(
        session,
        case,
        "clts_follow_up",
        lambda: session.add(visit),
        today=today,
        policy=policy or load_clts_policy(),
    )
    return visit


def next_due(session: Session, case: CltsCase) -> CltsFollowUp | None:
    """The first scheduled visit not made yet."""
    return next((v for v in visits_of(session, case) if v.done_on is None), None)


def latest_visit(session: Session, case: CltsCase) -> CltsFollowUp | None:
    """The last visit made (by date)."""
    done = [v for v in visits_of(session, case) if v.done_on is not None]
    return max(done, key=lambda v: (v.done_on or date.min, v.visit_no)) if done else None
