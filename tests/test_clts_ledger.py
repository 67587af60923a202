"""Child labour (CLTS): the compensation ledger, entitlements and gaps, follow-up visits."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services.clts.compensation import add_line, totals, update_line
from desktop.services.clts.derive import entitlements_of, lines_of, visits_of
from desktop.services.clts.entitlements import back_to_rule, gaps, set_entitlement
from desktop.services.clts.follow_ups import add_visit, latest_visit, record_visit
from desktop.services.clts.rescue import update_case
from desktop.services.core.errors import NotAllowed, ValidationError
from tests.clts_helpers import clts_counts, rescued_child
from tests.conftest import TODAY


def _line(session, case, code):
    return next(ln for ln in lines_of(session, case) if ln.line == code)


def _ent(session, case, code):
    return next(e for e in entitlements_of(session, case) if e.scheme == code)


def test_ledger_line_goes_ordered_sanctioned_paid(session):
    """CM relief: demand raised, sanctioned, transferred by DBT; the entitlement is received."""
    _, case = rescued_child(session)
    line = _line(session, case, "cm_relief")
    update_line(
        session, case, line, {"ordered_on": "2026-06-20", "order_ref": "LRD/CMRF/44"}, today=TODAY
    )
    assert line.stage() == "ordered" and line.ordered_amount == 25000
    assert _ent(session, case, "cm_relief").status == "applied"
    update_line(
        session, case, line, {"sanctioned_on": "2026-08-01", "sanction_ref": "SNC/9"}, today=TODAY
    )
    update_line(
        session,
        case,
        line,
        {"paid_on": "2026-09-15", "payment_ref": "DBT-BR-0091", "payment_mode": "dbt"},
        today=TODAY,
    )
    assert line.stage() == "paid" and line.paid_amount == 25000
    ent = _ent(session, case, "cm_relief")
    assert (ent.status, ent.received_on, ent.benefit_ref) == (
        "received",
        date(2026, 9, 15),
        "DBT-BR-0091",
    )
    t = totals(lines_of(session, case))
    assert t.paid == 25000 and t.due == 53000 and t.outstanding == 28000


def test_a_payment_before_the_order_is_refused(session):
    """A payment dated before its order, an amount that is not a number, a future date: refused."""
    _, case = rescued_child(session)
    line = _line(session, case, "employer_recovery")
    update_line(
        session, case, line, {"ordered_on": "2026-07-01", "order_ref": "LS/NOTICE/3"}, today=TODAY
    )
    before = clts_counts(session)
    with pytest.raises(ValidationError) as exc:
        update_line(
            session,
            case,
            line,
            {"paid_on": "2026-06-25", "paid_amount": "twenty thousand", "payment_ref": "CH-1"},
            today=TODAY,
        )
    assert exc.value.errors["paid_on"] == "cannot be before the order (01-07-2026)"
    assert "is not a number of rupees" in exc.value.errors["paid_amount"]
    with pytest.raises(ValidationError) as exc:
        update_line(session, case, line, {"sanctioned_on": "2027-02-01"}, today=TODAY)
    assert exc.value.errors["sanctioned_on"] == "cannot be in the future"
    assert clts_counts(session) == before and line.paid_on is None


def test_a_payment_needs_its_reference_and_cannot_exceed_the_sanction(session):
    """Paying names the challan/cheque/DBT reference and stays within the sanctioned amount."""
    _, case = rescued_child(session)
    line = _line(session, case, "state_contribution")
    with pytest.raises(ValidationError) as exc:
        update_line(
            session,
            case,
            line,
            {
                "sanctioned_on": "2026-06-10",
                "sanctioned_amount": "5000",
                "paid_on": "2026-06-12",
                "paid_amount": "6,000",
            },
            today=TODAY,
        )
    assert "Rs 5,000" in exc.value.errors["paid_amount"]
    assert exc.value.errors["payment_ref"] == "is needed for a payment"
    assert exc.value.errors["payment_mode"].startswith("is needed for a payment")


def test_refusal_needs_a_reason_and_turns_the_entitlement_rejected(session):
    """A refused line (CM relief: address not traceable) records why; the scheme is rejected."""
    _, case = rescued_child(session)
    line = _line(session, case, "cm_relief")
    with pytest.raises(ValidationError, match="say why"):
        update_line(session, case, line, {"refused_on": "2026-07-01"}, today=TODAY)
    update_line(
        session,
        case,
        line,
        {"refused_on": "2026-07-01", "refusal_reason": "address not traceable"},
        today=TODAY,
    )
    assert line.stage() == "refused" and _ent(session, case, "cm_relief").status == "rejected"
    assert totals(lines_of(session, case)).due == 28000  # a refused line is not due


def test_a_line_added_by_hand_stays(session):
    """The office can add a policy line the rules did not add (CALPRA s.14B after a fine)."""
    _, case = rescued_child(session)
    line = add_line(session, case, "calpra_14b", today=TODAY)
    assert line.amount == 15000 and line.notes == "added by hand"
    update_case(session, case, {"notes": "fine awaited"}, today=TODAY)
    assert "calpra_14b" in {ln.line for ln in lines_of(session, case)}
    with pytest.raises(NotAllowed):
        add_line(session, case, "calpra_14b", today=TODAY)
    with pytest.raises(ValidationError, match="not a compensation line"):
        add_line(session, case, "bonus", today=TODAY)


def test_fine_on_the_employer_makes_the_14b_fund_due(session):
    """A prosecution disposed of with a fine adds the Rs 15,000 s.14B line by the policy."""
    _, case = rescued_child(session)
    assert "calpra_14b" not in {ln.line for ln in lines_of(session, case)}
    update_case(
        session,
        case,
        {
            "prosecution_filed_on": "2026-07-01",
            "prosecution_court": "CJM Patna",
            "prosecution_disposed_on": "2026-11-01",
            "prosecution_outcome": "fine",
            "fine_amount": "20000",
        },
        today=TODAY,
    )
    assert "calpra_14b" in {ln.line for ln in lines_of(session, case)}
    assert _ent(session, case, "prosecution").status == "received"


def test_entitlement_status_by_hand_with_dates_and_reference(session):
    """Applied, then received with the card number; refusals and not-eligible need reasons."""
    _, case = rescued_child(session)
    update_case(
        session, case, {"final_order": "restored", "final_order_on": "2026-07-01"}, today=TODAY
    )
    school = _ent(session, case, "bridge_course")
    with pytest.raises(ValidationError) as exc:
        set_entitlement(session, case, school, {"status": "received"}, today=TODAY)
    assert exc.value.errors == {"received_on": "give the date it was received"}
    set_entitlement(
        session,
        case,
        school,
        {"status": "applied", "applied_on": "2026-07-05", "application_ref": "BEO/77"},
        today=TODAY,
    )
    set_entitlement(
        session,
        case,
        school,
        {"status": "received", "received_on": "2026-07-20", "benefit_ref": "NCLP-3"},
        today=TODAY,
    )
    assert (school.status, school.applied_on, school.by_hand) == (
        "received",
        date(2026, 7, 5),
        True,
    )
    pension = _ent(session, case, "social_pension")
    with pytest.raises(ValidationError, match="say why"):
        set_entitlement(
            session, case, pension, {"status": "rejected", "rejected_on": "2026-08-01"}, today=TODAY
        )
    back_to_rule(session, case, school, today=TODAY)
    assert school.by_hand is False and school.received_on is None


def test_ledger_schemes_take_their_status_from_the_ledger(session):
    """CM relief's status cannot be typed in: it comes from the ledger line."""
    _, case = rescued_child(session)
    with pytest.raises(NotAllowed, match="compensation ledger"):
        set_entitlement(
            session, case, _ent(session, case, "cm_relief"), {"status": "received"}, today=TODAY
        )
    e = set_entitlement(
        session, case, _ent(session, case, "cm_relief"), {"office": "LS Patna"}, today=TODAY
    )
    assert e.office == "LS Patna"


def test_gaps_are_eligible_entitlements_not_received_overdue_first(session):
    """Gaps list what is eligible and not received; past their day first."""
    _, case = rescued_child(session)
    found = gaps(session, case, today=TODAY)
    schemes = [g.scheme for g in found]
    assert {"immediate_relief", "cm_relief", "health_check", "prosecution"} <= set(schemes)
    assert found[0].overdue and found[0].due_on is not None
    line = _line(session, case, "relief_3000")
    update_line(
        session,
        case,
        line,
        {"paid_on": "2026-06-03", "payment_ref": "CASH-7", "payment_mode": "cash"},
        today=TODAY,
    )
    assert "immediate_relief" not in {g.scheme for g in gaps(session, case, today=TODAY)}


def test_follow_up_visit_findings_and_working_again(session):
    """A visit records findings; found working again needs what was found and is a concern."""
    _, case = rescued_child(session)
    with pytest.raises(NotAllowed, match="restored"):
        add_visit(session, case, {"done_on": "2026-08-01"}, today=TODAY)
    update_case(
        session,
        case,
        {"final_order": "restored", "final_order_on": "2026-07-01", "restored_on": "2026-07-03"},
        today=TODAY,
    )
    first = visits_of(session, case)[0]
    with pytest.raises(ValidationError) as exc:
        record_visit(session, case, first, {"done_on": "2026-06-30", "mode": "boat"}, today=TODAY)
    errs = exc.value.errors
    assert (
        "before the restoration" in errs["done_on"]
        and "'boat' is not a kind of visit" in errs["mode"]
    )
    assert errs["officer"] == "is required" and errs["working_again"] == "say yes or no"
    record_visit(
        session,
        case,
        first,
        {
            "done_on": "2026-08-04",
            "mode": "home_visit",
            "officer": "Meena (DCPU)",
            "residing": "yes",
            "in_school": "yes",
            "working_again": "no",
        },
        today=TODAY,
    )
    assert first.outcome == "ok"
    with pytest.raises(ValidationError, match="write what was found"):
        record_visit(
            session,
            case,
            visits_of(session, case)[1],
            {"done_on": "2026-09-04", "mode": "phone", "officer": "Meena", "working_again": "yes"},
            today=TODAY,
        )
    second = record_visit(
        session,
        case,
        visits_of(session, case)[1],
        {
            "done_on": "2026-09-04",
            "mode": "home_visit",
            "officer": "Meena",
            "working_again": "yes",
            "findings": "working at a dhaba near the bus stand",
        },
        today=TODAY,
    )
    assert second.outcome == "concern" and latest_visit(session, case) is second
    extra = add_visit(
        session,
        case,
        {
            "done_on": "2026-10-01",
            "mode": "school",
            "officer": "BEO",
            "working_again": "no",
            "in_school": "yes",
        },
        today=TODAY,
    )
    assert extra.visit_no == 13 and extra.due_on == date(2026, 10, 1)
