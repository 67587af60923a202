"""Export: full records as JSON (re-importable) and a CSV list, with Aadhaar only masked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.db import open_database
from desktop.models import (
    AdoptionStageEntry,
    CarePlan,
    CaseNote,
    CategoryChange,
    Child,
    CwcOrder,
    DocumentItem,
    Guardian,
    GuardianVisit,
    SocialInvestigation,
    Transfer,
)
from desktop.services.cases.casework import (
    add_guardian,
    add_note,
    change_category,
    log_visit,
    move_adoption_stage,
    record_icp,
    record_order,
    record_sir,
    set_document_status,
)
from desktop.services.cases.children import discharge, register_child, transfer_out
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.exchange import exporter
from desktop.services.exchange.exporter import CSV_COLUMNS, export_csv, export_json
from desktop.services.exchange.import_records import schema
from desktop.services.exchange.importer import import_file
from desktop.services.install.institution import setup_institution
from tests.conftest import TODAY
from tests.helpers import aadhaar, child_input

AADHAAR = aadhaar("87654321098")
INSTITUTION = {
    "name": "Asha Kiran Children's Home",
    "type": "childrens-home",
    "state": 10,
    "district": 212,
    "registration_no": "BR/PAT/CH/0007",
    "code": 7,
}


def build_cases(s: Session) -> None:
    """Three invented children: one with a full case file, one restored, one transferred."""
    c1 = register_child(s, child_input(aadhaar=AADHAAR, category_code=3), today=TODAY)
    mother = add_guardian(s, c1, name="Sunita Devi", relation="mother", phone="9876543210")
    add_guardian(s, c1, name="Ramesh Prasad", relation="father", life_status="deceased")
    log_visit(s, c1, visit_date="2025-04-01", guardian=mother, notes="brought books", today=TODAY)
    log_visit(s, c1, visit_date="2025-06-01", guardian=mother, mode="phone", today=TODAY)
    log_visit(
        s,
        c1,
        visit_date="2025-05-01",
        visitor_role="volunteer",
        visitor_name="Kamla Bai",
        today=TODAY,
    )
    change_category(
        s,
        c1,
        to_code=4,
        reason="parents known",
        order_ref="CWC/9",
        effective_on="2025-05-05",
        today=TODAY,
    )
    set_document_status(s, c1, doc_type="photo", status="obtained", on="2025-03-05", today=TODAY)
    set_document_status(
        s, c1, doc_type="age_proof", status="obtained", on="2025-03-06", today=TODAY
    )
    set_document_status(
        s, c1, doc_type="age_proof", status="verified", on="2025-04-06", today=TODAY
    )
    set_document_status(
        s, c1, doc_type="form18", status="not_applicable", note="order not yet due", today=TODAY
    )
    record_order(
        s, c1, order_no="CWC/1", order_date="2025-03-02", order_type="production", today=TODAY
    )
    record_order(
        s,
        c1,
        order_no="CWC/2",
        order_date="2025-03-20",
        order_type="interim_care",
        next_review_on="2025-09-20",
        summary="interim care",
        today=TODAY,
    )
    record_sir(s, c1, requested_on="2025-03-02", officer="Meena Rao", today=TODAY)
    record_icp(s, c1, prepared_on="2025-04-01", review_due_on="2025-10-01", today=TODAY)
    add_note(s, c1, text="likes drawing", note_date="2025-04-02", today=TODAY)
    move_adoption_stage(s, c1, stage="recommended", entered_on="2025-07-01", today=TODAY)
    move_adoption_stage(s, c1, stage="reviewed", entered_on="2025-08-01", today=TODAY)

    c2 = register_child(
        s,
        child_input(
            first_name="Anil",
            last_name=None,
            name_local=None,
            gender="male",
            dob=None,
            estimated_age="9",
            category_code=9,
        ),
        today=TODAY,
    )
    discharge(
        s,
        c2,
        status="restored",
        exit_date="2025-09-01",
        reason="restored to family",
        order_no="CWC/77",
        today=TODAY,
    )
    c3 = register_child(s, child_input(first_name="Geeta", category_code=None), today=TODAY)
    transfer_out(
        s,
        c3,
        to_institution="Bal Griha, Gaya",
        transfer_date="2025-08-15",
        order_no="CWC/80",
        reason="nearer home",
        today=TODAY,
    )


def projection(s: Session) -> list[dict[str, Any]]:
    """Everything a case holds, without ids, uuids, versions or timestamps."""
    skip = {
        "id",
        "uuid",
        "version",
        "change_seq",
        "synced_version",
        "created_at",
        "updated_at",
        "child_id",
        "institution_id",
        "guardian_id",
    }

    def plain(obj: Any) -> dict[str, Any]:
        return {k: v for k, v in vars(obj).items() if not k.startswith("_") and k not in skip}

    out = []
    for c in s.scalars(select(Child).order_by(Child.id)):
        gname = {g.id: g.name for g in s.scalars(select(Guardian).where(Guardian.child_id == c.id))}
        rec: dict[str, Any] = {"child": plain(c)}
        for model in (
            Guardian,
            CategoryChange,
            CwcOrder,
            SocialInvestigation,
            CarePlan,
            CaseNote,
            AdoptionStageEntry,
            Transfer,
        ):
            rows = s.scalars(select(model).where(model.child_id == c.id).order_by(model.id))
            rec[model.__tablename__] = [plain(r) for r in rows]
        visits = s.scalars(select(GuardianVisit).where(GuardianVisit.child_id == c.id))
        rec["visits"] = sorted(
            (plain(v) | {"guardian": gname.get(v.guardian_id)} for v in visits),
            key=lambda v: (v["visit_date"], v["mode"]),
        )
        docs = s.scalars(select(DocumentItem).where(DocumentItem.child_id == c.id))
        rec["documents"] = {d.doc_type: plain(d) for d in docs}
        out.append(rec)
    return out


def fresh_engine(tmp_path: Path, actor: Actor) -> Engine:
    """A second, empty database set up for the same institution."""
    eng = open_database(tmp_path / "fresh")
    with unit_of_work(eng, actor) as s:
        setup_institution(s, **INSTITUTION)
    return eng


def test_json_round_trip_into_a_fresh_database(inst_engine: Engine, actor: Actor, tmp_path: Path):
    """Export then import into an empty database gives the same cases (Aadhaar aside)."""
    with unit_of_work(inst_engine, actor) as s:
        build_cases(s)
    path = tmp_path / "children.json"
    with unit_of_work(inst_engine, actor) as s:
        assert export_json(s, path) == 3
        original = projection(s)
    fresh = fresh_engine(tmp_path, actor)
    try:
        with unit_of_work(fresh, actor) as s:
            report = import_file(s, path, today=TODAY)
            assert report.problems == [] and report.imported == 3
        with unit_of_work(fresh, actor) as s:
            copied = projection(s)
    finally:
        fresh.dispose()
    assert original[0]["child"]["aadhaar"] == AADHAAR
    assert copied[0]["child"]["aadhaar"] is None  # only the masked number travelled
    for rec in original + copied:
        rec["child"].pop("aadhaar")
    assert copied == original
    assert len(original[0]["visits"]) == 3 and len(original[0]["category_change"]) == 2


def test_exported_json_follows_the_schema(session: Session):
    """The exported file is valid against the published JSON Schema."""
    build_cases(session)
    buf = io.StringIO()
    export_json(session, buf)
    doc = json.loads(buf.getvalue())
    assert list(Draft202012Validator(schema()).iter_errors(doc)) == []
    assert [c["exit"] and c["exit"]["status"] for c in doc["children"]] == [
        None,
        "restored",
        "transferred",
    ]


def test_unmasked_aadhaar_never_leaves_the_database(session: Session):
    """Neither export contains the full Aadhaar; the masked form is there unless switched off."""
    build_cases(session)
    texts = {}
    for name, fn in (("json", export_json), ("csv", export_csv)):
        for masked in (True, False):
            buf = io.StringIO()
            fn(session, buf, include_aadhaar_masked=masked)
            texts[name, masked] = buf.getvalue()
    for (_name, masked), text in texts.items():
        assert AADHAAR not in text.replace("-", "").replace(" ", "")
        assert ("XXXX-XXXX-" + AADHAAR[-4:] in text) is masked


def test_export_csv_streams_every_child_in_batches(
    session: Session, monkeypatch: pytest.MonkeyPatch
):
    """The CSV has one row per child across several batches, and the count matches."""
    monkeypatch.setattr(exporter, "BATCH", 4)
    build_cases(session)
    for n in range(8):
        register_child(session, child_input(first_name=f"Child{'abcdefghij'[n]}"), today=TODAY)
    buf = io.StringIO()
    assert export_csv(session, buf, today=TODAY) == 11
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == 11 and tuple(rows[0]) == CSV_COLUMNS
    first = rows[0]
    assert first["guardians"] == "Sunita Devi; Ramesh Prasad"
    # the last visit in person of a listed guardian (not the call of 1 June, nor the
    # volunteer of 1 May)
    assert first["last_visit_date"] == "2025-04-01"
    assert (first["category_code"], first["category_name"]) == (
        "4",
        "Abandoned, parents known but untraceable",
    )
    assert (first["dob"], first["age"], first["dob_estimated"]) == ("2016-04-10", "10", "no")
    assert rows[1]["status"] == "restored" and rows[1]["dob_estimated"] == "yes"
    assert rows[2]["category_code"] == "" and rows[2]["category_name"] == ""


def test_export_to_a_path_leaves_no_partial_file(session: Session, tmp_path: Path):
    """Writing to a path creates the finished file and no leftover temporary file."""
    build_cases(session)
    out = tmp_path / "list.csv"
    assert export_csv(session, out, today=TODAY) == 3
    assert out.read_bytes().startswith(b"\xef\xbb\xbfcode,")  # BOM: Excel reads Hindi right
    assert not (tmp_path / "list.csv.part").exists()


def test_csv_cells_never_start_a_formula(session: Session):
    """A name beginning with '-' is written so that a spreadsheet shows it as text."""
    child = register_child(session, child_input(first_name="-Ravi"), today=TODAY)
    add_guardian(session, child, name="-Mohan", relation="father")
    buf = io.StringIO()
    export_csv(session, buf, today=TODAY)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert (row["first_name"], row["guardians"]) == ("'-Ravi", "'-Mohan")
