"""Merging two records of one child in one home (issue 20, item 4): the service and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from desktop.models import AuditEvent, CaseNote, Child, DocumentItem, Guardian, GuardianVisit
from desktop.services.cases.casework import (
    add_guardian,
    add_note,
    log_visit,
    record_order,
    set_document_status,
)
from desktop.services.cases.children import get_child, register_child
from desktop.services.cases.merge import (
    merge_children,
    merge_rows,
    merged_into,
    parse_choices,
)
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import NotAllowed, PermissionDenied, ValidationError
from sync_client.changes import pending_changes
from tests.conftest import TODAY
from tests.helpers import aadhaar, child_input


def _two_records(engine: Engine, actor: Actor) -> tuple[int, int]:
    """The same girl registered twice, under two spellings, each with some history."""
    with unit_of_work(engine, actor) as s:
        a = register_child(
            s, child_input(first_name="Priya", last_name="Kumari", dob="2016-04-10"), today=TODAY
        )
        b = register_child(
            s,
            child_input(
                first_name="Pria",
                last_name="Kumari",
                dob="2016-04-12",
                aadhaar=aadhaar(),
                identification_marks="mole on the left cheek",
            ),
            today=TODAY,
        )
        add_guardian(s, a, name="Sita Devi", relation="mother")
        g = add_guardian(s, b, name="Ramesh Kumar", relation="father")
        log_visit(s, a, visit_date="2026-10-01", visitor_role="relative", visitor_name="Aunt")
        log_visit(s, b, visit_date="2026-11-01", guardian=g)
        add_note(s, b, text="Says she has a brother in Gaya.", today=TODAY)
        record_order(
            s,
            b,
            order_no="CWC/77/2025",
            order_date="2025-03-02",
            order_type="interim_care",
            today=TODAY,
        )
        set_document_status(
            s, b, doc_type="age_proof", status="obtained", on="2025-04-01", today=TODAY
        )
        return a.id, b.id


def test_merge_keeps_all_history_and_leaves_a_tombstone(inst_engine: Engine, actor: Actor) -> None:
    keep_id, gone_id = _two_records(inst_engine, actor)
    with unit_of_work(inst_engine, actor) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        rows = {r.field: r for r in merge_rows(keep, gone)}
        assert rows["first_name"].keep_text == "Priya" and rows["first_name"].gone_text == "Pria"
        assert rows["aadhaar"].gone_text.startswith("XXXX-XXXX-")  # masked, never in clear
        assert rows["aadhaar"].default == "gone"  # the kept record has none
        assert rows["last_name"].same
        before_seq = int(s.execute(text("SELECT last_seq FROM sync_counter")).scalar() or 0)
        result = merge_children(
            s,
            keep,
            gone,
            take=parse_choices(["aadhaar=gone", "identification_marks=gone"]),
            reason="same girl: registered again by the night staff",
            today=TODAY,
        )
        assert result.taken == ["aadhaar", "identification_marks"]
        kept_code, gone_code, gone_uuid = keep.code, gone.code, str(gone.uuid)
    with Session(inst_engine) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        assert keep.aadhaar == aadhaar() and gone.aadhaar is None
        assert keep.identification_marks == "mole on the left cheek"
        assert keep.first_name == "Priya"  # not chosen: the kept record's value
        # Every record of the merged-away child now hangs on the kept one.
        names = sorted(g.name for g in keep.guardians)
        assert names == ["Ramesh Kumar", "Sita Devi"]
        visits = s.scalars(select(GuardianVisit).where(GuardianVisit.child_id == keep_id)).all()
        assert len(visits) == 2
        assert s.scalars(select(CaseNote).where(CaseNote.child_id == keep_id)).one()
        docs = s.scalars(select(DocumentItem).where(DocumentItem.child_id == keep_id)).all()
        birth = [d for d in docs if d.doc_type == "age_proof"]
        assert len(birth) == 1 and birth[0].status == "obtained"  # the further along kept
        for table in ("guardian", "guardian_visit", "case_note", "cwc_order", "document_item"):
            n = s.execute(text(f"SELECT count(*) FROM {table} WHERE child_id = :g"), {"g": gone_id})
            assert n.scalar() == 0, table
        # The tombstone points at the kept record and says so.
        assert gone.status == "merged" and gone.merged_into_id == keep_id
        assert merged_into(s, gone) is keep
        assert get_child(s, gone_code).id == gone_id  # its code still opens
        # Audited as one action of the superintendent, with the reason.
        (ev,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "merge_child")).all()
        assert ev.child_uuid == str(keep.uuid) and "Asha Kumari" in ev.actor
        assert any(c["uuid"] == gone_uuid and c["type"] == "child" for c in ev.changes)
        assert all(c.get("reason") for c in ev.changes)
        # The next bundle carries the merge: the tombstone with its pointer, the moved records.
        sent = [c for c in pending_changes(s, after=before_seq)]
        tomb = [c for c in sent if c.type == "child" and c.record_uuid == gone_uuid]
        assert tomb and tomb[-1].data is not None
        assert tomb[-1].data["merged_into_uuid"] == str(keep.uuid)
        assert tomb[-1].data["status"] == "merged"
        moved = [c for c in sent if c.type == "guardian_visit"]
        assert moved and all(c.data and c.data["child_uuid"] == str(keep.uuid) for c in moved)
        assert any(c.op == "delete" and c.type == "document_item" for c in sent)
        moved_g = [c.data for c in sent if c.type == "guardian" and c.data]
        assert [g["name"] for g in moved_g] == ["Ramesh Kumar"]
        assert moved_g[0]["child_uuid"] == str(keep.uuid)
        assert kept_code != gone_code


def test_merge_refuses_what_it_should(inst_engine: Engine, actor: Actor) -> None:
    keep_id, gone_id = _two_records(inst_engine, actor)
    caseworker = Actor("ravi", "caseworker", "Ravi Kumar")
    with unit_of_work(inst_engine, caseworker) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        with pytest.raises(PermissionDenied):
            merge_children(s, keep, gone, reason="same child", today=TODAY)
    with unit_of_work(inst_engine, actor) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        with pytest.raises(ValidationError) as e:
            merge_children(s, keep, gone, reason="", today=TODAY)
        assert "reason" in e.value.errors
        with pytest.raises(NotAllowed):
            merge_children(s, keep, keep, reason="same", today=TODAY)
        with pytest.raises(ValidationError):
            parse_choices(["colour=gone"])
        with pytest.raises(ValidationError):
            parse_choices(["name=both"])
        merge_children(s, keep, gone, reason="same child", today=TODAY)
    with unit_of_work(inst_engine, actor) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        with pytest.raises(NotAllowed, match="already merged"):
            merge_children(s, keep, gone, reason="again", today=TODAY)
        with pytest.raises(NotAllowed, match="already merged"):
            merge_children(s, gone, keep, reason="again", today=TODAY)
        assert s.scalars(select(Guardian).where(Guardian.child_id == gone_id)).all() == []
        with pytest.raises(NotAllowed, match="was merged into another record"):
            log_visit(s, gone, visit_date="2026-11-20", visitor_role="relative", visitor_name="X")


def test_command_line_merge(inst_engine: Engine, actor: Actor, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    from desktop.cli.main import main

    keep_id, gone_id = _two_records(inst_engine, actor)
    with Session(inst_engine) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        kc, gc = keep.code, gone.code
    inst_engine.dispose()
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "merge", kc, gc, "--field", "name=gone", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Pria" in out and "Priya" in out and "Nothing was written" in out
    code = main([*base, "merge", kc, gc, "--field", "name=gone", "--reason", "same girl"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"Merged {gc} into {kc}" in out
    with Session(inst_engine) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        assert keep.first_name == "Pria" and gone.merged_into_id == keep_id
    assert main([*base, "show", gc]) == 0
    assert f"merged into {kc}" in capsys.readouterr().out.lower()
    # The duplicate check no longer offers the merged-away record.
    probe = ["--first-name", "Pria", "--last-name", "Kumari", "--gender", "female"]
    assert main([*base, "duplicates", *probe, "--dob", "2016-04-12"]) == 0
    out = capsys.readouterr().out
    assert kc in out and gc not in out


def test_a_pending_request_on_the_merged_away_record_is_returned(
    inst_engine: Engine, actor: Actor
) -> None:
    from desktop.models import ApprovalRequest
    from desktop.services.cases.approvals import request_category_change

    keep_id, gone_id = _two_records(inst_engine, actor)
    with unit_of_work(inst_engine, Actor("ravi", "caseworker", "Ravi Kumar")) as s:
        gone = s.get(Child, gone_id)
        assert gone is not None
        request_category_change(s, gone, to_code=4, reason="father died", today=TODAY)
    with unit_of_work(inst_engine, actor) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        merge_children(s, keep, gone, reason="same girl", today=TODAY)
    with Session(inst_engine) as s:
        (req,) = s.scalars(select(ApprovalRequest)).all()
        assert req.child_id == keep_id and req.status == "returned"
        assert req.decision_note and "merged into" in req.decision_note


def test_the_dashboard_counts_one_child(inst_engine: Engine, actor: Actor) -> None:
    from desktop.services.cases.dashboard import dashboard

    keep_id, gone_id = _two_records(inst_engine, actor)
    with unit_of_work(inst_engine, actor) as s:
        assert dashboard(s, as_of=TODAY).total == 2
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        merge_children(s, keep, gone, reason="same girl", today=TODAY)
    with unit_of_work(inst_engine, actor) as s:
        d = dashboard(s, as_of=TODAY)
        assert d.total == 1 and d.in_care == 1 and "merged" not in d.by_status


def test_exports_leave_the_merged_away_record_out(
    inst_engine: Engine, actor: Actor, tmp_path: Path
) -> None:
    import json

    from desktop.services.exchange.exporter import export_csv, export_json

    keep_id, gone_id = _two_records(inst_engine, actor)
    with unit_of_work(inst_engine, actor) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        merge_children(s, keep, gone, reason="same girl", today=TODAY)
        kept_code = keep.code
        assert export_json(s, tmp_path / "all.json") == 1
        assert export_csv(s, tmp_path / "all.csv") == 1
    doc = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    (only,) = doc["children"]
    assert only["code"] == kept_code and len(only["guardians"]) == 2
