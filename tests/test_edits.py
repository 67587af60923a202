"""Correcting records entered wrongly: every kind of record, audited with before/after, a
reason for identity fields, errors naming the field, nothing half-saved, a new version."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bundle_format import bundle as bundles
from bundle_format import keys as key_files
from desktop.models import (
    AdoptionStageEntry,
    AuditEvent,
    CarePlan,
    CaseNote,
    Child,
    CwcOrder,
    DocumentItem,
    Guardian,
    GuardianVisit,
    SocialInvestigation,
)
from desktop.services.cases import casework, edits
from desktop.services.cases.children import register_child, update_child
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import ValidationError
from desktop.vault.store import unlock
from sync_client.exchange import outbox as sync_outbox
from tests.conftest import TODAY
from tests.helpers import aadhaar, child_input, counts

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def case(session: Session) -> dict[str, Any]:
    """A child admitted 01-03-2025 with a mother, a visit, an order, SIR, ICP, note, stage."""
    c = register_child(session, child_input(aadhaar=aadhaar()), today=TODAY)
    g = casework.add_guardian(session, c, name="Sunita Devi", relation="mother", phone=None)
    v = casework.log_visit(session, c, visit_date="2025-06-01", guardian=g, today=TODAY)
    o = casework.record_order(
        session, c, order_no="CWC/1", order_date="2025-03-02", order_type="production", today=TODAY
    )
    sir = casework.record_sir(session, c, requested_on="2025-03-03", today=TODAY)
    icp = casework.record_icp(session, c, prepared_on="2025-04-01", today=TODAY)
    n = casework.add_note(session, c, text="Settled in well.", note_date="2025-03-05", today=TODAY)
    st = casework.move_adoption_stage(
        session, c, stage="recommended", entered_on="2025-05-01", today=TODAY
    )
    casework.move_adoption_stage(session, c, stage="reviewed", entered_on="2025-06-01", today=TODAY)
    session.flush()
    return {"child": c, "g": g, "v": v, "o": o, "sir": sir, "icp": icp, "n": n, "st": st}


def last_event(session: Session, action: str) -> AuditEvent:
    """The newest audit event of an action."""
    ev = session.scalars(
        select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc())
    ).first()
    assert ev is not None, action
    return ev


def the_change(ev: AuditEvent, record_type: str) -> dict[str, Any]:
    """The event's change of one record type."""
    return next(ch for ch in ev.changes if ch.get("type") == record_type)


def test_child_identity_correction_needs_a_reason_kept_with_before_and_after(session, case):
    """A new name/DOB/gender/Aadhaar is refused without a reason; with one, the audit event
    carries the reason, the before and the after (Aadhaar masked)."""
    c: Child = case["child"]
    for field, value in (
        ("first_name", "Preeti"),
        ("dob", "2016-05-10"),
        ("gender", "male"),
        ("aadhaar", aadhaar("98765432101")),
        ("name_local", "प्रीति"),
    ):
        before = counts(session)
        with pytest.raises(ValidationError) as err:
            update_child(session, c, {field: value}, today=TODAY)
        assert list(err.value.errors) == ["reason"], field
        assert counts(session) == before
    update_child(
        session,
        c,
        {"first_name": "Preeti", "aadhaar": aadhaar("98765432101")},
        reason="spelling on the birth certificate",
        today=TODAY,
    )
    ch = the_change(last_event(session, "update_child"), "child")
    assert ch["before"]["first_name"] == "Priya" and ch["after"]["first_name"] == "Preeti"
    assert ch["after"]["aadhaar"] == "XXXX-XXXX-" + aadhaar("98765432101")[-4:]
    assert ch["before"]["aadhaar"].startswith("XXXX-XXXX-")
    assert ch["reason"] == "spelling on the birth certificate"
    from desktop.services.core.audit_chain import describe

    assert "reason: spelling on the birth certificate" in describe(
        last_event(session, "update_child")
    )


def test_child_admission_details_corrected_without_a_reason(session, case):
    """Admission date, referral and the like are corrected without a reason asked."""
    c: Child = case["child"]
    update_child(session, c, {"admission_date": "2025-02-28", "referral": "police"}, today=TODAY)
    assert (c.admission_date, c.referral) == (date(2025, 2, 28), "police")
    ch = the_change(last_event(session, "update_child"), "child")
    assert ch["before"]["admission_date"] == "2025-03-01" and "reason" not in ch


def test_child_correction_errors_name_the_field_and_keep_everything(session, case):
    """A bad date of birth and a missing reason are both named; nothing changes."""
    c: Child = case["child"]
    before = counts(session)
    with pytest.raises(ValidationError) as err:
        update_child(session, c, {"dob": "31-02-2016", "languages": "Hindi"}, today=TODAY)
    assert set(err.value.errors) == {"dob", "reason"}
    assert "not a real date" in err.value.errors["dob"]
    assert counts(session) == before and c.languages is None


def test_guardian_correction(session, case):
    """A guardian's name, status and phone are corrected; a bad phone names the field."""
    c, g = case["child"], case["g"]
    with pytest.raises(ValidationError) as err:
        edits.update_guardian(session, c, g, {"phone": "12345"})
    assert list(err.value.errors) == ["phone"]
    edits.update_guardian(
        session, c, g, {"name": "Sunita Kumari", "life_status": "deceased", "phone": "9876543210"}
    )
    ch = the_change(last_event(session, "update_guardian"), "guardian")
    assert ch["before"] == {"name": "Sunita Devi", "life_status": "alive", "phone": None}
    assert ch["after"] == {
        "name": "Sunita Kumari",
        "life_status": "deceased",
        "phone": "9876543210",
    }


def test_visit_correction_date_person_and_mode(session, case):
    """A visit's date, who came and how are corrected; a date before admission is refused."""
    c, v = case["child"], case["v"]
    with pytest.raises(ValidationError) as err:
        edits.update_visit(session, c, v, {"visit_date": "2025-01-01"}, today=TODAY)
    assert "before the admission date" in err.value.errors["visit_date"]
    edits.update_visit(
        session,
        c,
        v,
        {"visit_date": "2025-06-02", "guardian": None, "visitor_name": "Ramesh", "mode": "phone"},
        today=TODAY,
    )
    assert (v.visit_date, v.guardian_id, v.visitor_name, v.mode, v.visitor_role) == (
        date(2025, 6, 2),
        None,
        "Ramesh",
        "phone",
        "other",  # no longer a listed guardian's visit, so not counted as one
    )
    with pytest.raises(ValidationError) as err:
        edits.update_visit(session, c, v, {"visitor_name": ""}, today=TODAY)
    assert "visitor_name" in err.value.errors


def test_order_correction_moves_the_production_date_with_it(session, case):
    """Correcting a production order's date moves the child's production date too."""
    c, o = case["child"], case["o"]
    assert c.produced_before_cwc_on == date(2025, 3, 2)
    edits.update_order(
        session, c, o, {"order_date": "2025-03-01", "order_no": "CWC/1A"}, today=TODAY
    )
    assert (o.order_no, o.order_date, c.produced_before_cwc_on) == (
        "CWC/1A",
        date(2025, 3, 1),
        date(2025, 3, 1),
    )
    with pytest.raises(ValidationError) as err:
        edits.update_order(session, c, o, {"next_review_on": "2025-02-01"}, today=TODAY)
    assert list(err.value.errors) == ["next_review_on"]


def test_sir_icp_and_note_corrections(session, case):
    """SIR, ICP and note are corrected with the checks used when adding them."""
    c = case["child"]
    edits.update_sir(
        session, c, case["sir"], {"completed_on": "2025-03-20", "officer": "Meena Rao"}, today=TODAY
    )
    assert case["sir"].completed_on == date(2025, 3, 20)
    with pytest.raises(ValidationError) as err:
        edits.update_sir(session, c, case["sir"], {"completed_on": "2025-03-01"}, today=TODAY)
    assert "before the date asked for" in err.value.errors["completed_on"]
    with pytest.raises(ValidationError) as err:
        edits.update_icp(session, c, case["icp"], {"review_due_on": "2025-03-01"}, today=TODAY)
    assert list(err.value.errors) == ["review_due_on"]
    edits.update_icp(session, c, case["icp"], {"review_due_on": "2025-07-01"}, today=TODAY)
    assert case["icp"].review_due_on == date(2025, 7, 1)
    author = case["n"].author
    edits.update_note(session, c, case["n"], {"text": "Settled in well; eats well."}, today=TODAY)
    assert case["n"].text.endswith("eats well.") and case["n"].author == author
    with pytest.raises(ValidationError) as err:
        edits.update_note(session, c, case["n"], {"note_date": "2027-01-01"}, today=TODAY)
    assert "future" in err.value.errors["note_date"]


def test_document_dates_corrected_and_mark_obtained_back_dated(session, case):
    """'Mark obtained' keeps the day given (back-dated); the dates can be corrected later,
    never verified before obtained."""
    c = case["child"]
    item = casework.set_document_status(
        session, c, doc_type="age_proof", status="obtained", on="10-03-2025", today=TODAY
    )
    assert item.obtained_on == date(2025, 3, 10)
    casework.set_document_status(
        session, c, doc_type="age_proof", status="obtained", on="2025-03-08", today=TODAY
    )
    assert item.obtained_on == date(2025, 3, 8)
    with pytest.raises(ValidationError) as err:
        casework.set_document_status(
            session, c, doc_type="age_proof", status="verified", on="2025-03-01", today=TODAY
        )
    assert "before the day it was obtained" in err.value.errors["on"]
    casework.set_document_status(
        session, c, doc_type="age_proof", status="verified", on="2025-03-15", today=TODAY
    )
    edits.update_document(session, c, item, {"obtained_on": "2025-03-07"}, today=TODAY)
    assert (item.obtained_on, item.verified_on) == (date(2025, 3, 7), date(2025, 3, 15))
    with pytest.raises(ValidationError) as err:
        edits.update_document(session, c, item, {"verified_on": ""}, today=TODAY)
    assert list(err.value.errors) == ["verified_on"]


def test_photo_fulfils_the_photograph_line_of_the_checklist(session, case, data_dir: Path):
    """After a photo is set, the Photograph item is obtained (today) with the photo attached."""
    c = case["child"]
    item = session.scalars(
        select(DocumentItem).where(DocumentItem.child_id == c.id, DocumentItem.doc_type == "photo")
    ).one()
    assert item.status == "required"
    casework.set_photo(
        session, c, data=PNG, store=AttachmentStore(data_dir / "a", unlock(data_dir)), today=TODAY
    )
    assert (item.status, item.obtained_on, item.attachment_hash) == (
        "obtained",
        TODAY,
        c.photo_hash,
    )


def test_adoption_stage_date_stays_between_its_neighbours(session, case):
    """A stage's date is corrected only within the stages before and after it."""
    c, st = case["child"], case["st"]
    with pytest.raises(ValidationError) as err:
        edits.update_adoption_stage(session, c, st, {"entered_on": "2025-06-05"}, today=TODAY)
    assert "after the stage after it" in err.value.errors["entered_on"]
    edits.update_adoption_stage(
        session, c, st, {"entered_on": "2025-04-20", "note": "date from the file"}, today=TODAY
    )
    assert st.entered_on == date(2025, 4, 20)


def test_unknown_fields_and_records_of_another_child_are_refused(session, case):
    """A field a correction may not touch, or another child's record, is refused by name."""
    c, g = case["child"], case["g"]
    with pytest.raises(ValidationError) as err:
        edits.update_guardian(session, c, g, {"child_id": 99})
    assert err.value.errors == {"child_id": "cannot be changed here"}
    other = register_child(session, child_input(first_name="Kavita"), today=TODAY)
    with pytest.raises(ValidationError) as err:
        edits.update_note(session, other, case["n"], {"text": "x"}, today=TODAY)
    assert "another child" in err.value.errors["record"]


def test_a_correction_that_changes_nothing_writes_nothing(session, case):
    """Saving a form unchanged leaves no version bump and no audit event."""
    c, g = case["child"], case["g"]
    before = counts(session)
    version = g.version
    edits.update_guardian(session, c, g, {"name": "Sunita Devi", "relation": "mother"})
    assert counts(session) == before and g.version == version


def test_every_correction_is_a_new_version_in_the_next_bundle(
    inst_engine: Engine, actor: Actor, data_dir: Path
):
    """Records bundled once and then corrected travel again in the next bundle, each with
    version + 1 and its corrected data (opened with the central key)."""
    central = key_files.generate_keys(role="central", name="Test State")
    with unit_of_work(inst_engine, actor) as s:
        sync_outbox.create_own_keys(
            s, data_dir=data_dir, name="Test Home", passphrase="pass phrase 1"
        )
        key_files.write_public_key_file(data_dir / "central.pub", central.public())
        sync_outbox.import_public_key(s, path=data_dir / "central.pub")
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        c = register_child(s, child_input(), today=TODAY)
        g = casework.add_guardian(s, c, name="Sunita Devi", relation="mother")
        casework.log_visit(s, c, visit_date="2025-06-01", guardian=g, today=TODAY)
        casework.record_order(
            s, c, order_no="CWC/1", order_date="2025-03-02", order_type="interim_care", today=TODAY
        )
        casework.add_note(s, c, text="First note", note_date="2025-03-05", today=TODAY)
        cid = c.id
    with unit_of_work(inst_engine, actor) as s:
        signer = sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase="pass phrase 1")
        assert sync_outbox.build_next_bundle(s, signer=signer) is not None
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        c = s.get(Child, cid)
        edits.update_guardian(s, c, c.guardians[0], {"phone": "9876543210"})
        v = s.scalars(select(GuardianVisit).where(GuardianVisit.child_id == cid)).one()
        edits.update_visit(s, c, v, {"mode": "phone"}, today=TODAY)
        o = s.scalars(select(CwcOrder).where(CwcOrder.child_id == cid)).one()
        edits.update_order(s, c, o, {"order_no": "CWC/1A"}, today=TODAY)
        n = s.scalars(select(CaseNote).where(CaseNote.child_id == cid)).one()
        edits.update_note(s, c, n, {"text": "First note, corrected"}, today=TODAY)
        update_child(s, c, {"first_name": "Preeti"}, reason="spelling", today=TODAY)
        expected = {str(g_.uuid): g_.version for g_ in (c, c.guardians[0], v, o, n)}
    with unit_of_work(inst_engine, actor) as s:
        bundle = sync_outbox.build_next_bundle(s, signer=signer)
        assert bundle is not None and bundle.seq == 2
        records = bundles.open_bundle(bundles.parse_bundle(bundle.data), central)
    got = {r["record_uuid"]: r for r in records if r["record_uuid"] in expected}
    assert set(got) == set(expected)
    for uuid, version in expected.items():
        assert got[uuid]["version"] == version >= 2 and got[uuid]["op"] == "upsert"
    data = {r["type"]: r["data"] for r in got.values()}
    assert data["guardian"]["phone"] == "9876543210"
    assert data["guardian_visit"]["mode"] == "phone"
    assert data["cwc_order"]["order_no"] == "CWC/1A"
    assert data["case_note"]["text"] == "First note, corrected"
    assert data["child"]["first_name"] == "Preeti"
    audit = [r for r in records if r["type"] == "audit_event"]
    assert any(ch.get("reason") == "spelling" for r in audit for ch in r["data"]["changes"]), (
        "the reason travels with the audit trail"
    )


def test_record_lookup_by_uuid_keeps_to_the_child(session, case):
    """record_of finds a child's record by UUID and refuses another child's."""
    from desktop.services.core.errors import NotFound

    c = case["child"]
    for model, rec in (
        (Guardian, case["g"]),
        (GuardianVisit, case["v"]),
        (CwcOrder, case["o"]),
        (SocialInvestigation, case["sir"]),
        (CarePlan, case["icp"]),
        (CaseNote, case["n"]),
        (AdoptionStageEntry, case["st"]),
    ):
        assert edits.record_of(session, c, model, str(rec.uuid)) is rec
    other = register_child(session, child_input(first_name="Kavita"), today=TODAY)
    with pytest.raises(NotFound):
        edits.record_of(session, other, CaseNote, str(case["n"].uuid))
