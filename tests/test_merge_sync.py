"""A merge within a home round-trips (issue 20, item 6): central, over HTTP on 127.0.0.1,
and the district office, by USB, show one child afterwards with both records' history."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from central.models import MergedRecord
from central.projection import view_child, view_child_merged, view_guardian, view_visit
from desktop.models import Child
from desktop.services.cases.casework import add_guardian, log_visit
from desktop.services.cases.children import register_child
from desktop.services.cases.merge import merge_children
from desktop.services.core.context import Actor, unit_of_work
from sync_client.district import mode as district_office
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import UploadSettings, institution_info, push
from sync_client.exchange.usb import export_outbox
from tests.conftest import TODAY
from tests.helpers import child_input
from tests.sync_helpers import running_central

PASS = "test passphrase"


def _keys(
    engine: Engine, actor: Actor, data_dir: Path, central: key_files.OwnKeys
) -> key_files.OwnKeys:
    with unit_of_work(engine, actor) as s:
        sync_outbox.create_own_keys(s, data_dir=data_dir, name="Test Home", passphrase=PASS)
        key_files.write_public_key_file(data_dir / "central.pub", central.public())
        sync_outbox.import_public_key(s, path=data_dir / "central.pub")
    with unit_of_work(engine, actor) as s:
        return sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase=PASS)


def _bundle(engine: Engine, actor: Actor, signer: key_files.OwnKeys) -> None:
    with unit_of_work(engine, actor) as s:
        assert sync_outbox.build_next_bundle(s, signer=signer) is not None


def _view(engine: Engine, inst: str) -> dict[str, object]:
    """What an office's projection says about the home's children."""
    with Session(engine) as s:
        kids = s.execute(
            select(view_child.c.record_uuid).where(view_child.c.institution_uuid == inst)
        ).scalars()
        merged = s.execute(
            select(view_child_merged.c.record_uuid, view_child_merged.c.merged_into_uuid)
        ).all()
        visits = s.execute(
            select(view_visit.c.child_uuid, func.count()).group_by(view_visit.c.child_uuid)
        ).all()
        guardians = s.execute(select(view_guardian.c.child_uuid, view_guardian.c.name)).all()
        return {
            "children": sorted(kids),
            "merged": [tuple(m) for m in merged],
            "visits": dict((u, n) for u, n in visits),
            "guardians": sorted(n for _u, n in guardians),
            "guardian_children": {u for u, _n in guardians},
        }


def test_a_merge_round_trips_through_central_and_the_district(
    inst_engine: Engine, actor: Actor, data_dir: Path, tmp_path: Path
) -> None:
    central = key_files.generate_keys(role="central", name="Test State")
    district = key_files.generate_keys(role="district", name="Patna District Office")
    signer = _keys(inst_engine, actor, data_dir, central)
    key_files.write_public_key_file(data_dir / "district.pub", district.public())
    with unit_of_work(inst_engine, actor) as s:
        sync_outbox.import_public_key(s, path=data_dir / "district.pub")
        a = register_child(s, child_input(first_name="Priya"), today=TODAY)
        b = register_child(s, child_input(first_name="Pria", dob="2016-04-14"), today=TODAY)
        other = register_child(s, child_input(first_name="Meena", dob="2015-01-01"), today=TODAY)
        add_guardian(s, a, name="Sita Devi", relation="mother")
        g = add_guardian(s, b, name="Ramesh Kumar", relation="father")
        log_visit(s, a, visit_date="2026-10-01", visitor_role="relative", visitor_name="Aunt")
        log_visit(s, b, visit_date="2026-11-01", guardian=g)
        log_visit(s, b, visit_date="2026-11-15", guardian=g)
        keep_id, gone_id = a.id, b.id
        keep_uuid, gone_uuid, other_uuid = str(a.uuid), str(b.uuid), str(other.uuid)
        info = institution_info(s)
        mine = sync_outbox.own_public(s)
    assert mine is not None
    stick = tmp_path / "stick"
    stick.mkdir()
    (tmp_path / "district").mkdir()
    view = district_office.open_view(tmp_path / "district")
    (tmp_path / "central").mkdir()
    with running_central(tmp_path / "central", central) as (server, rcv):
        assert rcv.enrol(institution=info, public=mine)
        settings = UploadSettings(url=server.url)
        # Before: central counts two children where there is one.
        _bundle(inst_engine, actor, signer)
        (first,) = push(inst_engine, actor=actor, signer=signer, settings=settings)
        assert first.ack.counts["error"] == 0
        before = _view(rcv.engine, info["uuid"])
        assert before["children"] == sorted([keep_uuid, gone_uuid, other_uuid])
        assert before["visits"] == {keep_uuid: 1, gone_uuid: 2}
        # The superintendent merges; the next bundle carries it.
        with unit_of_work(inst_engine, actor) as s:
            keep, gone = s.get(Child, keep_id), s.get(Child, gone_id)
            assert keep is not None and gone is not None
            merge_children(s, keep, gone, take=["dob"], reason="same girl", today=TODAY)
        _bundle(inst_engine, actor, signer)
        (second,) = push(inst_engine, actor=actor, signer=signer, settings=settings)
        counts = second.ack.counts
        assert counts["error"] == 0 and counts["conflict"] == 0 and counts["updated"] > 0
        after = _view(rcv.engine, info["uuid"])
        assert after["children"] == sorted([keep_uuid, other_uuid])  # one child now
        assert after["merged"] == [(gone_uuid, keep_uuid)]
        assert after["visits"] == {keep_uuid: 3}  # the tombstone's visits under the kept
        assert after["guardians"] == ["Ramesh Kumar", "Sita Devi"]
        assert after["guardian_children"] == {keep_uuid}
        with Session(rcv.engine) as cs:
            kept = cs.scalars(
                select(MergedRecord).where(MergedRecord.record_uuid == keep_uuid)
            ).one()
            assert kept.data["dob"] == "2016-04-14"  # the field taken from the other record
            # The merge's audit event went up with it, chained to the home's trail.
            from central.models import AuditCopy

            events = [a.data for a in cs.scalars(select(AuditCopy))]
            (merge_event,) = [e for e in events if e["action"] == "merge_child"]
            assert merge_event["child_uuid"] == keep_uuid
            assert any(c["uuid"] == gone_uuid for c in merge_event["changes"])
        # Rebuilding central's projection from the merged records gives the same answer.
        from central.projection import reproject
        from central.schema import writer

        with Session(writer(rcv.engine)) as cs, cs.begin():
            reproject(cs)
        assert _view(rcv.engine, info["uuid"]) == after
    # The district office, by USB, follows the same way (the whole chain on the stick).
    with unit_of_work(inst_engine, actor) as s:
        export_outbox(s, folder=stick, institution=info)
    res = district_office.import_folder(
        view=view, keys=district, district_code=212, folder=stick, trust_new=lambda *_: True
    )
    assert res.refused == [] and len(res.applied) == 2
    assert _view(view, info["uuid"]) == after
    names = [c["first_name"] for c in district_office.children(view, institution_uuid=info["uuid"])]
    assert names == ["Meena", "Priya"]
    (cci,) = district_office.summary(view)
    assert (cci.children, cci.in_care) == (2, 2)


def test_schema_3_database_moves_a_merged_child_out_of_view_child(tmp_path: Path) -> None:
    """A central of schema 3 projected a merged-away child as a child of its own; opening
    its database with schema 4 moves it to view_child_merged."""
    from sqlalchemy import insert, text, update

    from central.models import SchemaVersion
    from central.schema import SCHEMA, open_engine, writer

    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    engine = open_engine(url)
    inst, keep, gone = (
        "5e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f",
        "11111111-1111-4111-8111-111111111111",
        "22222222-2222-4222-8222-222222222222",
    )
    with writer(engine).begin() as c:
        for uuid, data in (
            (keep, {"code": "K", "status": "in_care", "merged_into_uuid": None}),
            (gone, {"code": "G", "status": "merged", "merged_into_uuid": keep}),
        ):
            c.execute(
                insert(MergedRecord).values(
                    record_uuid=uuid,
                    type="child",
                    version=2,
                    data=data,
                    institution_uuid=inst,
                    owner_uuid=inst,
                    bundle_id="b",
                )
            )
            c.execute(
                insert(view_child).values(
                    record_uuid=uuid, institution_uuid=inst, code=data["code"], status="x"
                )
            )
        c.execute(update(SchemaVersion).values(version=3))
        c.execute(text("DROP TABLE view_child_merged"))
    engine.dispose()
    engine = open_engine(url)
    with Session(engine) as s:
        assert s.get(SchemaVersion, "central").version == SCHEMA >= 4  # type: ignore[union-attr]
        assert sorted(s.execute(select(view_child.c.record_uuid)).scalars()) == [keep]
        got = s.execute(select(view_child_merged.c.record_uuid, view_child_merged.c.code)).all()
        assert [tuple(r) for r in got] == [(gone, "G")]
    engine.dispose()
