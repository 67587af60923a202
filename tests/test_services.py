"""Services validate input with clear messages and write nothing when they refuse."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, select

from desktop.models import CategoryChange, DocumentItem
from desktop.services.cases.casework import (
    add_guardian,
    add_note,
    attach_scan,
    change_category,
    log_visit,
    move_adoption_stage,
    record_icp,
    record_order,
    record_sir,
    set_document_status,
)
from desktop.services.cases.children import discharge, get_child, register_child, transfer_out
from desktop.services.cases.codes import valid_code
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import NotAllowed, ValidationError
from tests.conftest import TODAY
from tests.helpers import aadhaar, child_input, counts

BAD_REGISTRATIONS = [
    ({"dob": "2027-01-01"}, "dob", "future"),
    ({"dob": "2025-06-01"}, "dob", "after the admission"),
    ({"dob": None, "estimated_age": 25}, "estimated_age", "between 0 and 21"),
    ({"dob": None, "estimated_age": "seven"}, "estimated_age", "not a number"),
    ({"dob": None}, "dob", "estimated age"),
    ({"aadhaar": "234123412345"}, "aadhaar", "check digit"),
    ({"aadhaar": "23412341234"}, "aadhaar", "12 digits"),
    ({"aadhaar": "034123412346"}, "aadhaar", "0 or 1"),
    ({"first_name": "  "}, "first_name", "required"),
    ({"first_name": "Priya2"}, "first_name", "not used in names"),
    ({"first_name": "P" * 101}, "first_name", "too long"),
    ({"gender": "unknown"}, "gender", "not one of"),
    ({"admission_date": "2030-01-01"}, "admission_date", "future"),
    ({"admission_date": "31/02/2025"}, "admission_date", "not a real date"),
    ({"category_code": 21}, "category_code", "unknown category"),
    ({"produced_before_cwc_on": "2025-02-01"}, "produced_before_cwc_on", "before the admission"),
]


@pytest.mark.parametrize(("over", "field", "words"), BAD_REGISTRATIONS)
def test_bad_registration_is_refused_and_writes_nothing(
    inst_engine: Engine, actor: Actor, over: dict, field: str, words: str
):
    """Each kind of bad input names its field in plain words and leaves the database as it was."""
    with unit_of_work(inst_engine, actor) as s:
        before = counts(s)
        with pytest.raises(ValidationError) as err:
            register_child(s, child_input(**over), today=TODAY)
        assert field in err.value.errors
        assert words in err.value.errors[field]
        assert counts(s) == before


def test_all_problems_reported_at_once(session):
    """One submit reports every bad field, not just the first."""
    with pytest.raises(ValidationError) as err:
        register_child(session, child_input(first_name="", gender="x", aadhaar="1"), today=TODAY)
    assert {"first_name", "gender", "aadhaar"} <= set(err.value.errors)


def test_devanagari_only_name_and_estimated_age_accepted(session):
    """A child known only by a Devanagari name and an estimated age can be registered."""
    c = register_child(
        session,
        child_input(
            first_name="गुड्डी", last_name=None, name_local="गुड्डी", dob=None, estimated_age="6.5"
        ),
        today=TODAY,
    )
    assert c.dob_estimated and c.first_name == "गुड्डी"
    assert abs((c.admission_date - c.dob).days - 6.5 * 365.25) <= 1
    assert c.name_key  # a phonetic key even without Latin letters


def test_codes_are_sequential_per_year_with_valid_check_digit(session):
    """Codes carry state, district, CCI, admission year and a serial, with a valid check digit."""
    a = register_child(session, child_input(), today=TODAY)
    b = register_child(session, child_input(first_name="Anjali"), today=TODAY)
    c = register_child(
        session,
        child_input(first_name="Neha", admission_date="2024-05-05", dob="2015-01-01"),
        today=TODAY,
    )
    assert a.code.startswith("10-212-0007-2025-00001-")
    assert b.code.startswith("10-212-0007-2025-00002-")
    assert c.code.startswith("10-212-0007-2024-00001-")
    assert all(valid_code(x.code) for x in (a, b, c))
    assert get_child(session, a.code.replace("-", "")).id == a.id


def test_same_aadhaar_twice_is_refused(session):
    """An Aadhaar already on another child's record is refused, naming that child."""
    first = register_child(session, child_input(aadhaar=aadhaar()), today=TODAY)
    with pytest.raises(ValidationError) as err:
        register_child(session, child_input(first_name="Anjali", aadhaar=aadhaar()), today=TODAY)
    assert first.code in err.value.errors["aadhaar"]


def test_category_change_keeps_history_and_updates_checklist(session):
    """A category change records who/why/order and re-derives the documents checklist."""
    c = register_child(session, child_input(category_code=9), today=TODAY)

    def docs() -> dict[str, str]:
        rows = session.scalars(select(DocumentItem).where(DocumentItem.child_id == c.id))
        return {d.doc_type: d.status for d in rows}

    assert "surrender_deed" not in docs()
    with pytest.raises(ValidationError) as err:
        change_category(session, c, to_code=5, reason=" ", today=TODAY)
    assert "reason" in err.value.errors
    change_category(
        session,
        c,
        to_code=5,
        reason="mother surrendered the child",
        order_ref="CWC/212/2025/77",
        effective_on="2025-06-01",
        today=TODAY,
    )
    hist = list(
        session.scalars(
            select(CategoryChange)
            .where(CategoryChange.child_id == c.id)
            .order_by(CategoryChange.id)
        )
    )
    assert [(h.from_code, h.to_code) for h in hist] == [(None, 9), (9, 5)]
    assert hist[-1].changed_by == "asha (Asha Kumari)" and hist[-1].order_ref == "CWC/212/2025/77"
    assert docs()["surrender_deed"] == "required" and c.category_code == 5


def test_visits_validated_against_admission_and_today(session):
    """Visits cannot be dated before admission or in the future, and need a visitor."""
    c = register_child(session, child_input(), today=TODAY)
    g = add_guardian(session, c, name="Sunita Devi", relation="mother", phone="9876543210")
    for bad, field in (("2025-01-01", "visit_date"), ("2026-12-01", "visit_date")):
        with pytest.raises(ValidationError) as err:
            log_visit(session, c, visit_date=bad, guardian=g, today=TODAY)
        assert field in err.value.errors
    with pytest.raises(ValidationError) as err:
        log_visit(session, c, visit_date="2025-05-01", today=TODAY)
    assert "visitor_role" in err.value.errors  # who visited must be said
    v = log_visit(session, c, visit_date="01/05/2025", guardian=g, mode="phone", today=TODAY)
    assert v.visit_date == date(2025, 5, 1) and v.mode == "phone"


def test_guardian_phone_validated(session):
    """A guardian's phone number must have 10 digits (or 12 with 91)."""
    c = register_child(session, child_input(), today=TODAY)
    with pytest.raises(ValidationError) as err:
        add_guardian(session, c, name="Sunita Devi", relation="mother", phone="12345")
    assert "phone" in err.value.errors


def test_documents_status_and_scan_by_hash(session, data_dir):
    """Checklist items move through statuses; a scan is stored once by content hash."""
    c = register_child(session, child_input(), today=TODAY)
    store = AttachmentStore.for_data_dir(data_dir)
    pdf = b"%PDF-1.4\n% invented test scan\n"
    item = attach_scan(session, c, doc_type="admission_order", data=pdf, store=store, today=TODAY)
    assert item.status == "obtained" and store.get(item.attachment_hash) == pdf
    item2 = attach_scan(session, c, doc_type="photo", data=pdf, store=store, today=TODAY)
    assert item2.attachment_hash == item.attachment_hash
    assert len(list((data_dir / "attachments").rglob("*"))) == 2  # one folder, one file
    with pytest.raises(ValidationError):
        attach_scan(session, c, doc_type="photo", data=b"MZ not a document", store=store)
    set_document_status(session, c, doc_type="admission_order", status="verified", today=TODAY)
    assert item.verified_by and item.verified_on == TODAY
    with pytest.raises(ValidationError) as err:
        set_document_status(session, c, doc_type="icp", status="not_applicable", today=TODAY)
    assert "note" in err.value.errors


def test_orders_sir_icp_notes(session):
    """CWC orders, SIR, ICP and notes are recorded with their date checks."""
    c = register_child(session, child_input(), today=TODAY)
    record_order(
        session, c, order_no="CWC/1", order_date="2025-03-01", order_type="production", today=TODAY
    )
    assert c.produced_before_cwc_on == date(2025, 3, 1)
    with pytest.raises(ValidationError):
        record_order(session, c, order_no="CWC/2", order_date="2025-03-01", order_type="bogus")
    with pytest.raises(ValidationError) as err:
        record_sir(session, c, requested_on="2025-03-10", completed_on="2025-03-05", today=TODAY)
    assert "completed_on" in err.value.errors
    record_sir(session, c, requested_on="2025-03-02", completed_on="2025-03-15", today=TODAY)
    with pytest.raises(ValidationError):
        record_icp(session, c, prepared_on="2025-04-01", review_due_on="2025-03-01", today=TODAY)
    record_icp(session, c, prepared_on="2025-04-01", review_due_on="2025-07-01", today=TODAY)
    n = add_note(session, c, text="Settling in well.", today=TODAY)
    assert n.author == "asha (Asha Kumari)"


def test_adoption_stages_move_forward_only(session):
    """Adoption stages go forward in order; going back is refused; withdrawal needs a reason."""
    c = register_child(session, child_input(), today=TODAY)
    move_adoption_stage(session, c, stage="recommended", entered_on="2025-05-01", today=TODAY)
    move_adoption_stage(session, c, stage="presented_to_cwc", entered_on="2025-06-01", today=TODAY)
    with pytest.raises(ValidationError) as err:
        move_adoption_stage(session, c, stage="reviewed", today=TODAY)
    assert "forward" in err.value.errors["stage"]
    with pytest.raises(ValidationError):
        move_adoption_stage(session, c, stage="inquiry", entered_on="2025-05-15", today=TODAY)
    with pytest.raises(ValidationError):
        move_adoption_stage(session, c, stage="withdrawn", today=TODAY)


def test_discharge_and_transfer_close_the_case(session):
    """Discharge and transfer set the exit; a closed case cannot be closed again."""
    a = register_child(session, child_input(), today=TODAY)
    with pytest.raises(ValidationError) as err:
        discharge(session, a, status="in_care", exit_date="2025-06-01", reason="x", today=TODAY)
    assert "status" in err.value.errors
    discharge(
        session,
        a,
        status="restored",
        exit_date="2025-06-01",
        reason="restored to mother after home study",
        order_no="CWC/9",
        today=TODAY,
    )
    assert a.status == "restored" and a.exit_date == date(2025, 6, 1)
    with pytest.raises(NotAllowed):
        discharge(session, a, status="adopted", exit_date="2025-07-01", reason="x", today=TODAY)
    b = register_child(session, child_input(first_name="Neha"), today=TODAY)
    t = transfer_out(
        session,
        b,
        to_institution="Bal Griha, Gaya",
        transfer_date="2025-08-01",
        order_no="CWC/T/3",
        today=TODAY,
    )
    assert b.status == "transferred" and t.direction == "out"
