"""Checks of case records before they are written: the same checks for adding a record,
correcting it, and asking the superintendent to approve it (nothing is written here)."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.models import Child, Guardian
from desktop.models.enums import LifeStatus, OrderType, Relation, VisitMode
from desktop.rules.policy import Policy, PolicyError
from desktop.services.core.validation import (
    Collector,
    clean_choice,
    clean_name,
    clean_text,
    parse_date,
)

GUARDIAN_FIELDS = ("name", "name_local", "relation", "life_status", "phone", "address")
VISIT_FIELDS = ("visit_date", "guardian", "visitor_name", "mode", "notes")
ORDER_FIELDS = ("order_no", "order_date", "order_type", "summary", "next_review_on")
SIR_FIELDS = ("requested_on", "completed_on", "officer", "summary")
ICP_FIELDS = ("prepared_on", "review_due_on", "summary")
NOTE_FIELDS = ("text", "note_date")

PHONE_DIGITS = (10, 12, 13)


def case_date(
    c: Collector,
    field: str,
    value: str | date | None,
    child: Child,
    today: date,
    *,
    required: bool = True,
) -> date | None:
    """A date on the case: not in the future, not before admission (errors go to `c`)."""
    d: date | None = c.check(field, parse_date, value, required=required)
    if d and d > today:
        c.fail(field, "cannot be in the future")
    if d and d < child.admission_date:
        c.fail(field, f"cannot be before the admission date ({child.admission_date:%d-%m-%Y})")
    return d


def clean_phone(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) not in PHONE_DIGITS:
        raise ValueError("a phone number has 10 digits (or 12 with the 91 prefix)")
    return value.strip()


def clean_guardian(v: dict[str, Any]) -> dict[str, Any]:
    """A guardian's columns checked (adding or correcting); ValidationError names the field."""
    c = Collector()
    out = {
        "name": c.check("name", clean_name, v.get("name"), required=True, max_len=200),
        "name_local": c.check(
            "name_local", clean_name, v.get("name_local"), required=False, max_len=200
        ),
        "relation": c.check("relation", clean_choice, v.get("relation"), Relation),
        "life_status": c.check(
            "life_status", clean_choice, v.get("life_status") or "alive", LifeStatus
        ),
        "phone": c.check("phone", clean_phone, v.get("phone")),
        "address": c.check("address", clean_text, v.get("address"), max_len=500),
    }
    c.raise_if_any()
    return out


def clean_visit(child: Child, v: dict[str, Any], *, today: date) -> dict[str, Any]:
    """A visit's columns checked; `guardian` is a Guardian of this child or None."""
    c = Collector()
    d = case_date(c, "visit_date", v.get("visit_date"), child, today)
    m = c.check("mode", clean_choice, v.get("mode") or "in_person", VisitMode)
    who = c.check("visitor_name", clean_name, v.get("visitor_name"), required=False, max_len=200)
    guardian: Guardian | None = v.get("guardian")
    if guardian is None and who is None:
        c.fail("guardian", "choose the guardian who visited, or type the visitor's name")
    if guardian is not None and guardian.child_id != child.id:
        c.fail("guardian", "this guardian belongs to another child")
    n = c.check("notes", clean_text, v.get("notes"), max_len=2000)
    c.raise_if_any()
    return {
        "guardian_id": guardian.id if guardian else None,
        "visit_date": d,
        "visitor_name": who,
        "mode": m,
        "notes": n,
    }


def check_category_change(
    child: Child,
    *,
    to_code: int | str | None,
    reason: str | None,
    order_ref: str | None = None,
    effective_on: str | date | None = None,
    today: date,
    policy: Policy,
) -> dict[str, Any]:
    """A category change checked without writing (for the change, or a request for it)."""
    c = Collector()
    code: int | None = None
    try:
        code = int(str(to_code).strip())
        policy.category(code)
    except (PolicyError, ValueError, TypeError) as exc:
        c.fail("to_code", "choose the new category" if to_code in (None, "") else str(exc))
        code = None
    if code is not None and child.category_code == code:
        c.fail("to_code", "the child is already in this category")
    why = c.check("reason", clean_text, reason, required=True, max_len=2000)
    ref = c.check("order_ref", clean_text, order_ref, max_len=80)
    d = case_date(c, "effective_on", effective_on or today, child, today)
    c.raise_if_any()
    return {"to_code": code, "reason": why, "order_ref": ref, "effective_on": d}


def clean_order(v: dict[str, Any], *, today: date) -> dict[str, Any]:
    """A CWC order's columns checked (recording or correcting)."""
    c = Collector()
    no = c.check("order_no", clean_text, v.get("order_no"), required=True, max_len=80)
    d = c.check("order_date", parse_date, v.get("order_date"), required=True)
    if d and d > today:
        c.fail("order_date", "cannot be in the future")
    t = c.check("order_type", clean_choice, v.get("order_type"), OrderType)
    s = c.check("summary", clean_text, v.get("summary"), max_len=4000)
    r = c.check("next_review_on", parse_date, v.get("next_review_on"))
    if r and d and r < d:
        c.fail("next_review_on", "cannot be before the order date")
    c.raise_if_any()
    return {"order_no": no, "order_date": d, "order_type": t, "summary": s, "next_review_on": r}


def clean_sir(child: Child, v: dict[str, Any], *, today: date) -> dict[str, Any]:
    """A social investigation report's columns checked."""
    c = Collector()
    req = case_date(c, "requested_on", v.get("requested_on"), child, today, required=False)
    done = case_date(c, "completed_on", v.get("completed_on"), child, today, required=False)
    if req is None and done is None and "requested_on" not in c.errors:
        c.fail("completed_on", "give the date asked for or the date submitted")
    if req and done and done < req:
        c.fail("completed_on", "cannot be before the date asked for")
    off = c.check("officer", clean_name, v.get("officer"), required=False, max_len=200)
    s = c.check("summary", clean_text, v.get("summary"), max_len=8000)
    c.raise_if_any()
    return {"requested_on": req, "completed_on": done, "officer": off, "summary": s}


def clean_icp(child: Child, v: dict[str, Any], *, today: date) -> dict[str, Any]:
    """An individual care plan's columns checked."""
    c = Collector()
    p = case_date(c, "prepared_on", v.get("prepared_on"), child, today)
    r = c.check("review_due_on", parse_date, v.get("review_due_on"))
    if r and p and r <= p:
        c.fail("review_due_on", "must be after the date the plan was prepared")
    s = c.check("summary", clean_text, v.get("summary"), max_len=8000)
    c.raise_if_any()
    return {"prepared_on": p, "review_due_on": r, "summary": s}


def clean_note(v: dict[str, Any], *, today: date) -> dict[str, Any]:
    """A case note's text and date checked."""
    c = Collector()
    t = c.check("text", clean_text, v.get("text"), required=True, max_len=8000)
    d = c.check("note_date", parse_date, v.get("note_date"), required=True)
    if d and d > today:
        c.fail("note_date", "cannot be in the future")
    c.raise_if_any()
    return {"text": t, "note_date": d}
