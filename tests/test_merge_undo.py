"""Undoing a merge within a home (issue 20, item 4: every record correctable): the
tombstone is a live child again, the records that came from it move back, audited; the
undo round-trips through central on 127.0.0.1 and the district office (USB) to the state
before the merge."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from desktop.models import AuditEvent, Child, DocumentItem, Flag, Guardian
from desktop.models import GuardianVisit as Visit
from desktop.services.cases.casework import add_guardian, log_visit
from desktop.services.cases.children import register_child
from desktop.services.cases.merge import merge_children, undo_merge
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import NotAllowed, ValidationError
from sync_client.district import mode as district_office
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import UploadSettings, institution_info, push
from sync_client.exchange.usb import export_outbox
from tests.conftest import TODAY
from tests.helpers import child_input
from tests.sync_helpers import running_central
from tests.test_merge_sync import _bundle, _keys, _view


def _local(engine, actor: Actor) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The home's own records: each child's status, visits, guardians, checklist lines."""
    with unit_of_work(engine, actor) as s:
        out: dict[str, object] = {}
        for c in s.scalars(select(Child).order_by(Child.code)):
            out[c.code] = (
                c.status,
                c.merged_into_id,
                str(c.dob),
                c.aadhaar,
                sorted(
                    str(v.visit_date)
                    for v in s.scalars(select(Visit).where(Visit.child_id == c.id))
                ),
                sorted(
                    g.name for g in s.scalars(select(Guardian).where(Guardian.child_id == c.id))
                ),
                sorted(
                    (d.doc_type, d.status)
                    for d in s.scalars(select(DocumentItem).where(DocumentItem.child_id == c.id))
                ),
            )
        return out


def test_undo_of_a_merge_round_trips_through_central_and_the_district(
    inst_engine, actor: Actor, data_dir: Path, tmp_path: Path
) -> None:
    central = key_files.generate_keys(role="central", name="Test State")
    district = key_files.generate_keys(role="district", name="Patna District Office")
    signer = _keys(inst_engine, actor, data_dir, central)
    key_files.write_public_key_file(data_dir / "district.pub", district.public())
    with unit_of_work(inst_engine, actor) as s:
        sync_outbox.import_public_key(s, path=data_dir / "district.pub")
        a = register_child(s, child_input(first_name="Priya"), today=TODAY)
        b = register_child(
            s,
            child_input(first_name="Pria", dob="2016-04-14", aadhaar="234123412346"),
            today=TODAY,
        )
        register_child(s, child_input(first_name="Meena", dob="2015-01-01"), today=TODAY)
        add_guardian(s, a, name="Sita Devi", relation="mother")
        g = add_guardian(s, b, name="Ramesh Kumar", relation="father")
        log_visit(s, a, visit_date="2026-10-01", visitor_role="relative", visitor_name="Aunt")
        log_visit(s, b, visit_date="2026-11-01", guardian=g)
        log_visit(s, b, visit_date="2026-11-15", guardian=g)
        keep_id, gone_id, gone_code = a.id, b.id, b.code
        info = institution_info(s)
        mine = sync_outbox.own_public(s)
    assert mine is not None
    local_before = _local(inst_engine, actor)
    stick = tmp_path / "stick"
    stick.mkdir()
    (tmp_path / "district").mkdir()
    view = district_office.open_view(tmp_path / "district")
    (tmp_path / "central").mkdir()
    with running_central(tmp_path / "central", central) as (server, rcv):
        assert rcv.enrol(institution=info, public=mine)
        settings = UploadSettings(url=server.url)
        _bundle(inst_engine, actor, signer)
        push(inst_engine, actor=actor, signer=signer, settings=settings)
        before = _view(rcv.engine, info["uuid"])
        assert len(before["children"]) == 3  # type: ignore[arg-type]
        with unit_of_work(inst_engine, actor) as s:
            keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
            assert keep is not None and gone is not None
            merge_children(s, keep, gone, take=["dob", "aadhaar"], reason="same girl", today=TODAY)
        _bundle(inst_engine, actor, signer)
        push(inst_engine, actor=actor, signer=signer, settings=settings)
        merged = _view(rcv.engine, info["uuid"])
        assert len(merged["children"]) == 2 and merged["merged"]  # type: ignore[arg-type]
        # A reason is needed; a live record has no merge to undo.
        with unit_of_work(inst_engine, actor) as s:
            gone = s.get(Child, gone_id)
            keep = s.get(Child, keep_id)
            assert gone is not None and keep is not None
            with pytest.raises(ValidationError):
                undo_merge(s, gone, reason="  ", today=TODAY)
            with pytest.raises(NotAllowed):
                undo_merge(s, keep, reason="not merged", today=TODAY)
        with unit_of_work(inst_engine, actor) as s:
            gone = s.get(Child, gone_id)
            assert gone is not None
            result = undo_merge(s, gone, reason="two sisters, not one girl", today=TODAY)
        assert result.moved["guardian_visit"] == 2 and result.moved["guardian"] == 1, result
        assert result.left == [], result
        assert _local(inst_engine, actor) == local_before
        with unit_of_work(inst_engine, actor) as s:
            ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "unmerge_child")).one()
            assert ev.changes and all(
                c.get("reason") == "two sisters, not one girl" for c in ev.changes
            )
            assert "234123412346" not in str(ev.changes)  # the Aadhaar masked in the trail
            flags = s.scalars(select(Flag).where(Flag.child_id == gone_id)).all()
            assert all(f.status != "merged" for f in flags)
        _bundle(inst_engine, actor, signer)
        (third,) = push(inst_engine, actor=actor, signer=signer, settings=settings)
        assert third.ack.counts["error"] == 0 and third.ack.counts["conflict"] == 0
        after = _view(rcv.engine, info["uuid"])
        assert after == before  # central: three children again, each with its own visits
        assert after["merged"] == []
    with unit_of_work(inst_engine, actor) as s:
        export_outbox(s, folder=stick, institution=info)
    res = district_office.import_folder(
        view=view, keys=district, district_code=212, folder=stick, trust_new=lambda *_: True
    )
    assert res.refused == []
    assert _view(view, info["uuid"]) == before
    names = sorted(
        c["first_name"] for c in district_office.children(view, institution_uuid=info["uuid"])
    )
    assert names == ["Meena", "Pria", "Priya"]
    # Merged again after the undo: the same merge works once more.
    with unit_of_work(inst_engine, actor) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        merge_children(s, keep, gone, reason="after all the same girl", today=TODAY)
        assert gone.merged_into_id == keep.id and gone_code


def test_command_line_undoes_a_merge(inst_engine, actor: Actor, data_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from desktop.cli.main import main

    with unit_of_work(inst_engine, actor) as s:
        a = register_child(s, child_input(first_name="Priya"), today=TODAY)
        b = register_child(s, child_input(first_name="Pria"), today=TODAY)
        log_visit(s, b, visit_date="2026-11-01", visitor_role="relative", visitor_name="Aunt")
        merge_children(s, a, b, take=["first_name"], reason="same girl", today=TODAY)
        keep_id, gone_id, gone_code = a.id, b.id, b.code
    inst_engine.dispose()
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "merge", "--undo", gone_code, "--reason", "two girls"]) == 0
    out = capsys.readouterr().out
    assert f"Undid the merge of {gone_code}" in out and "1 guardian_visit" in out
    with Session(inst_engine) as s:
        keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
        assert keep is not None and gone is not None
        assert gone.status == "in_care" and gone.merged_into_id is None
        assert keep.first_name == "Priya" and gone.first_name == "Pria"
        assert len(s.scalars(select(Visit).where(Visit.child_id == gone_id)).all()) == 1
    # Undone once: there is no merge left to undo.
    assert main([*base, "merge", "--undo", gone_code, "--reason", "again"]) != 0
