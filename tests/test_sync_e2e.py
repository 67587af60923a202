"""End to end: a CCI's changes through the outbox to central and back as acknowledgement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format.receipts import ReceiptError, sign_receipt
from central.__main__ import main as central_main
from central.enrolment import enrol_district
from central.models import MergedRecord
from central.schema import writer
from desktop.models import Child, OutboxBundle
from desktop.services.cases.children import register_child, update_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import ServiceError
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import Uploader, UploadSettings, institution_info, push
from tests.conftest import TODAY
from tests.helpers import child_input
from tests.sync_helpers import running_central

PASS = "test passphrase"


@pytest.fixture(scope="module")
def central_keys() -> key_files.OwnKeys:
    return key_files.generate_keys(role="central", name="Test State")


def _setup(
    engine: Engine, actor: Actor, data_dir: Path, central: key_files.OwnKeys
) -> key_files.OwnKeys:
    with unit_of_work(engine, actor) as s:
        stored = sync_outbox.create_own_keys(
            s, data_dir=data_dir, name="Test Home", passphrase=PASS
        )
        key_files.write_public_key_file(data_dir / "central.pub", central.public())
        sync_outbox.import_public_key(s, path=data_dir / "central.pub")
    assert stored.storage == "file" and stored.warning
    with unit_of_work(engine, actor) as s:
        return sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase=PASS)


def _register(engine: Engine, actor: Actor, n: int) -> list[int]:
    ids = []
    with unit_of_work(engine, actor) as s:
        for i in range(n):
            name = ("Asha", "Meena", "Ravi", "Sunita", "Kiran")[i]
            ids.append(register_child(s, child_input(first_name=name), today=TODAY).id)
    return ids


def _unsynced(engine: Engine) -> int:
    with Session(engine) as s:
        return sync_outbox.unacknowledged_count(s)


def _central_child(rcv, uuid: str) -> MergedRecord | None:  # type: ignore[no-untyped-def]
    with Session(rcv.engine) as s:
        return s.scalars(select(MergedRecord).where(MergedRecord.record_uuid == uuid)).first()


def test_cci_to_central_end_to_end(
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    tmp_path: Path,
    central_keys: key_files.OwnKeys,
) -> None:
    """Register children, bundle, push over HTTP: central has them, all acknowledged."""
    signer = _setup(inst_engine, actor, data_dir, central_keys)
    ids = _register(inst_engine, actor, 3)
    with running_central(tmp_path, central_keys) as (server, rcv):
        settings = UploadSettings(url=server.url)
        with Session(inst_engine) as s:
            assert rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        with unit_of_work(inst_engine, actor) as s:
            b = sync_outbox.build_next_bundle(s, signer=signer)
            assert b is not None and b.seq == 1
            n_records = b.record_count
        assert _unsynced(inst_engine) == n_records
        done = push(inst_engine, actor=actor, signer=signer, settings=settings)
        assert [r.seq for r in done] == [1]
        assert done[0].ack.counts["created"] == n_records and done[0].ack.acknowledged == n_records
        assert _unsynced(inst_engine) == 0
        with Session(inst_engine) as s:
            child = s.get(Child, ids[0])
            assert child is not None
            got = _central_child(rcv, str(child.uuid))
            assert got is not None and got.data["first_name"] == "Asha"
            assert got.data["institution_uuid"] is not None  # FKs travel as UUIDs
            assert sync_outbox.outbox(s) == []
            assert sync_outbox.last_receipt(s).receipt_counts["created"] == n_records  # type: ignore
        # Nothing new: no bundle, nothing to push.
        with unit_of_work(inst_engine, actor) as s:
            assert sync_outbox.build_next_bundle(s, signer=signer) is None
        assert push(inst_engine, actor=actor, signer=signer, settings=settings) == []


def test_change_made_while_in_flight_is_sent_next_time(
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    tmp_path: Path,
    central_keys: key_files.OwnKeys,
) -> None:
    """A child edited after bundling stays unacknowledged and goes out in the next bundle."""
    signer = _setup(inst_engine, actor, data_dir, central_keys)
    (cid,) = _register(inst_engine, actor, 1)
    with running_central(tmp_path, central_keys) as (server, rcv):
        settings = UploadSettings(url=server.url)
        with Session(inst_engine) as s:
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        with unit_of_work(inst_engine, actor) as s:
            sync_outbox.build_next_bundle(s, signer=signer)
        with unit_of_work(inst_engine, actor) as s:  # the edit while bundle 1 is in flight
            update_child(
                s, s.get(Child, cid), {"first_name": "Renamed"}, reason="spelling", today=TODAY
            )
        push(inst_engine, actor=actor, signer=signer, settings=settings)
        with Session(inst_engine) as s:
            child = s.get(Child, cid)
            assert child is not None and child.synced_version == 1 and child.version == 2
            uuid = str(child.uuid)
            assert sync_outbox.pending_count(s) >= 1
        assert _central_child(rcv, uuid).data["first_name"] == "Asha"  # type: ignore[union-attr]
        with unit_of_work(inst_engine, actor) as s:
            b2 = sync_outbox.build_next_bundle(s, signer=signer)
            assert b2 is not None and b2.seq == 2
        (r,) = push(inst_engine, actor=actor, signer=signer, settings=settings)
        assert r.ack.counts["updated"] >= 1 and r.ack.counts["conflict"] == 0
        with Session(inst_engine) as s:
            assert s.get(Child, cid).synced_version == 2  # type: ignore[union-attr]
        stored = _central_child(rcv, uuid)
        assert stored is not None and stored.version == 2
        assert stored.data["first_name"] == "Renamed"
        assert _unsynced(inst_engine) == 0


def test_only_a_verified_receipt_acknowledges(
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    tmp_path: Path,
    central_keys: key_files.OwnKeys,
) -> None:
    """A receipt with a bad signature, a stranger's key or for another bundle marks nothing."""
    signer = _setup(inst_engine, actor, data_dir, central_keys)
    _register(inst_engine, actor, 2)
    with running_central(tmp_path, central_keys) as (server, rcv):
        settings = UploadSettings(url=server.url)
        with Session(inst_engine) as s:
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        with unit_of_work(inst_engine, actor) as s:
            b = sync_outbox.build_next_bundle(s, signer=signer)
            assert b is not None
            raw = b.data
        receipt = Uploader(settings, signer=signer).upload(raw)
    before = _unsynced(inst_engine)
    env = json.loads(receipt)
    env["signature"] = env["signature"][:-4] + (
        "AAA=" if env["signature"][-4:] != "AAA=" else "BBB="
    )
    forged_sig = json.dumps(env).encode()
    stranger = sign_receipt(
        json.loads(receipt)["receipt"], key_files.generate_keys(role="central", name="x")
    )
    for bad in (forged_sig, stranger, b"not a receipt"):
        with pytest.raises(ReceiptError), unit_of_work(inst_engine, actor) as s:
            sync_outbox.acknowledge(s, receipt=bad)
    other = json.loads(receipt)["receipt"]
    other["bundle_hash"] = "00" * 32
    with pytest.raises(ServiceError), unit_of_work(inst_engine, actor) as s:
        sync_outbox.acknowledge(s, receipt=sign_receipt(other, central_keys))
    assert _unsynced(inst_engine) == before > 0
    with Session(inst_engine) as s:
        assert [x.status for x in s.scalars(select(OutboxBundle))] == ["outbox"]
    with unit_of_work(inst_engine, actor) as s:
        ack = sync_outbox.acknowledge(s, receipt=receipt)
    assert ack.acknowledged == before and _unsynced(inst_engine) == 0
    with unit_of_work(inst_engine, actor) as s:  # the same receipt again changes nothing
        assert sync_outbox.acknowledge(s, receipt=receipt).already


def test_acknowledging_writes_no_audit_event_and_no_new_version(
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    tmp_path: Path,
    central_keys: key_files.OwnKeys,
) -> None:
    """Marking records synced is bookkeeping: versions and the audit trail stay as they were."""
    signer = _setup(inst_engine, actor, data_dir, central_keys)
    _register(inst_engine, actor, 1)
    with running_central(tmp_path, central_keys) as (server, rcv):
        settings = UploadSettings(url=server.url)
        with Session(inst_engine) as s:
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        with unit_of_work(inst_engine, actor) as s:
            sync_outbox.build_next_bundle(s, signer=signer)
        with Session(inst_engine) as s:
            events = s.execute(text("SELECT count(*) FROM audit_event")).scalar()
            seq = s.execute(text("SELECT max(change_seq) FROM child")).scalar()
        push(inst_engine, actor=actor, signer=signer, settings=settings)
    with Session(inst_engine) as s:
        assert s.execute(text("SELECT count(*) FROM audit_event")).scalar() == events
        assert s.execute(text("SELECT max(change_seq) FROM child")).scalar() == seq
        assert sync_outbox.pending_count(s) == 0


def test_cci_to_usb_to_district_to_central(
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    tmp_path: Path,
    central_keys: key_files.OwnKeys,
) -> None:
    """Bundles go out on a stick, the district merges them and writes receipts back, the CCI
    acknowledges from those, and the district forwards the same bundles to central."""
    from sync_client.district import mode as district_office
    from sync_client.exchange.usb import export_outbox, import_receipts

    district = key_files.generate_keys(role="district", name="Patna District Office")
    signer = _setup(inst_engine, actor, data_dir, central_keys)
    key_files.write_public_key_file(data_dir / "district.pub", district.public())
    with unit_of_work(inst_engine, actor) as s:
        sync_outbox.import_public_key(s, path=data_dir / "district.pub")
    _register(inst_engine, actor, 2)
    stick = tmp_path / "stick"
    stick.mkdir()
    with unit_of_work(inst_engine, actor) as s:
        sync_outbox.build_next_bundle(s, signer=signer)
        info = institution_info(s)
        (path,) = export_outbox(s, folder=stick, institution=info)
        mine = sync_outbox.own_public(s)
    assert path.read_bytes()[:13] == b"CLMS-BUNDLE-1"
    assert b"Meena" not in path.read_bytes()  # no child data readable on the stick
    (tmp_path / "district").mkdir()
    view = district_office.open_view(tmp_path / "district")
    # A CCI seen for the first time is refused unless its fingerprint is accepted.
    first = district_office.import_folder(view=view, keys=district, district_code=212, folder=stick)
    assert [r.code for r in first.refused] == ["unknown-institution"]
    assert mine is not None and mine.fingerprint in first.refused[0].message
    seen: list[str] = []
    res = district_office.import_folder(
        view=view,
        keys=district,
        district_code=212,
        folder=stick,
        trust_new=lambda pub, _info: seen.append(pub.fingerprint) or True,
    )
    assert seen == [mine.fingerprint] and res.refused == [] and res.receipts_written == 1
    (applied,) = res.applied
    assert applied[1] == 1 and applied[2]["created"] > 0
    (cci,) = district_office.summary(view)
    assert (cci.name, cci.children, cci.in_care) == ("Asha Kiran Children's Home", 2, 2)
    names = [c["first_name"] for c in district_office.children(view, institution_uuid=cci.uuid)]
    assert names == ["Asha", "Meena"]
    again = district_office.import_folder(view=view, keys=district, district_code=212, folder=stick)
    assert again.repeated == 1 and again.applied == [] and again.receipts_written == 0
    # Another district's office cannot open this CCI's bundles, and says why.
    other = district_office.open_view(tmp_path)
    foreign = district_office.import_folder(
        view=other,
        keys=key_files.generate_keys(role="district", name="Gaya"),
        district_code=213,
        folder=stick,
        trust_new=lambda *_: True,
    )
    assert [r.code for r in foreign.refused] == ["wrong-district"]
    assert "another district" in foreign.refused[0].message
    # Back at the CCI: the district's receipt acknowledges.
    with unit_of_work(inst_engine, actor) as s:
        got = import_receipts(s, folder=stick, institution_uuid=info["uuid"])
    assert got.refused == [] and got.acknowledged[0].receiver == "district"
    assert _unsynced(inst_engine) == 0
    # The district forwards the untouched bundle to central.
    (tmp_path / "central").mkdir()
    with running_central(tmp_path / "central", central_keys) as (server, rcv):
        rcv.enrol(institution=info, public=mine)
        with Session(writer(rcv.engine)) as cs, cs.begin():
            enrol_district(cs, district_code=212, state_code=10, public=district.public(), by="t")
        fwd = UploadSettings(url=server.url)
        sent, problem = district_office.forward(view=view, settings=fwd, signer=district)
        assert (sent, problem) == (1, None)
        assert rcv.record_count() == applied[2]["created"]
        assert district_office.forward(view=view, settings=fwd, signer=district) == (0, None)
        # The CCI, online later, still sends bundles only the district acknowledged:
        # central answers with the same receipt it gave the district's forward.
        (r,) = push(
            inst_engine, actor=actor, signer=signer, settings=UploadSettings(url=server.url)
        )
        assert r.ack.receiver == "central" and not r.ack.already
        assert rcv.record_count() == applied[2]["created"]
        assert (
            push(inst_engine, actor=actor, signer=signer, settings=UploadSettings(url=server.url))
            == []
        )


def test_command_line_sync_round_trip(
    tmp_path: Path, central_keys: key_files.OwnKeys, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """clms sync keys init/import, enrol, push, status and the USB commands work together."""
    from desktop.cli.main import main
    from sync_client.district import mode as district_office

    monkeypatch.setenv("CLMS_KEY_PASSPHRASE", "cli passphrase")
    d = str(tmp_path / "data")
    assert (
        main(
            [
                "-q",
                "--data-dir",
                d,
                "init",
                "--name",
                "Test Home",
                "--type",
                "childrens-home",
                "--state",
                "10",
                "--district",
                "212",
                "--registration-no",
                "BR/TEST/1",
            ]
        )
        == 0
    )
    assert main(["--data-dir", d, "sync", "keys", "init"]) == 0
    out = capsys.readouterr().out
    assert "passphrase-protected file" in out and "Key fingerprint:" in out
    key_files.write_public_key_file(tmp_path / "central.pub", central_keys.public())
    assert main(["--data-dir", d, "sync", "keys", "import", str(tmp_path / "central.pub")]) == 0
    assert central_keys.public().fingerprint in capsys.readouterr().out
    district = key_files.generate_keys(role="district", name="Patna")
    key_files.write_public_key_file(tmp_path / "district.pub", district.public())
    assert main(["--data-dir", d, "sync", "keys", "import", str(tmp_path / "district.pub")]) == 0
    assert main(["--data-dir", d, "sync", "keys", "show"]) == 0
    shown = capsys.readouterr().out
    assert "passphrase-protected key file" in shown and district.public().fingerprint in shown
    with running_central(tmp_path, central_keys) as (server, rcv):
        assert main(["--data-dir", d, "sync", "enrol", "--url", server.url]) == 0
        asked = capsys.readouterr().out
        assert "the state office must approve" in asked
        fp = asked.split("fingerprint ")[1].split(";")[0]
        # Until a person approves, nothing is sent, and the CCI is told why.
        assert main(["--data-dir", d, "sync", "push"]) == 1
        assert "waiting for the state office's approval" in capsys.readouterr().err
        db = str(rcv.engine.url)
        assert central_main(["enrolments", "list", "--db", db]) == 0
        listed = capsys.readouterr().out
        assert fp in listed and "pending" in listed
        req = listed.split()[0].lstrip("#")
        wrong = ["enrolments", "approve", req, "--fingerprint", "0000 0000 0000 0000 0000"]
        assert central_main([*wrong, "--db", db]) == 1
        assert "do not approve" in capsys.readouterr().err
        approve = ["enrolments", "approve", req, "--fingerprint", fp.lower(), "--by", "Asha"]
        assert central_main([*approve, "--db", db]) == 0
        assert main(["--data-dir", d, "sync", "enrol"]) == 0
        assert "Enrolled with central" in capsys.readouterr().out
        assert main(["--data-dir", d, "sync", "push"]) == 0  # URL remembered
        out = capsys.readouterr().out
        assert "Bundle 1 received by central: 1 new" in out  # the institution record
        assert rcv.record_count() == 1
    assert main(["--data-dir", d, "sync", "status"]) == 0
    status = capsys.readouterr().out
    assert "Outbox: 0 bundle(s)" in status
    assert "Last receipt (bundle 1, from central): 1 new" in status
    # Without the passphrase the key file cannot be opened: a clear error, no bundle.
    monkeypatch.delenv("CLMS_KEY_PASSPHRASE")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["--data-dir", d, "sync", "bundle"]) != 0
    assert "passphrase" in capsys.readouterr().err
    monkeypatch.setenv("CLMS_KEY_PASSPHRASE", "cli passphrase")
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["--data-dir", d, "sync", "export-usb", str(stick)]) == 0
    # Sent online, but the district has not had it: it goes on the stick too.
    assert "1 bundle(s) copied" in capsys.readouterr().out
    assert main(["--data-dir", d, "sync", "import-receipt", str(stick)]) == 0
    assert "No receipts found." in capsys.readouterr().out
    assert district_office.summary(district_office.open_view(tmp_path)) == []


def test_command_line_usb_and_district_office(
    tmp_path: Path, central_keys: key_files.OwnKeys, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """CCI exports to a stick; the district office imports, shows, forwards; CCI acknowledges."""
    from desktop.cli.main import main

    monkeypatch.setenv("CLMS_KEY_PASSPHRASE", "cli passphrase")
    cci, office, stick = (str(tmp_path / n) for n in ("cci", "office", "stick"))
    Path(stick).mkdir()
    assert (
        main(
            [
                "--data-dir",
                office,
                "sync",
                "district",
                "init",
                "--district",
                "212",
                "--name",
                "Patna DCPU",
                "--export",
                str(tmp_path / "district.pub"),
            ]
        )
        == 0
    )
    assert "Fingerprint" in capsys.readouterr().out
    key_files.write_public_key_file(tmp_path / "central.pub", central_keys.public())
    assert (
        main(
            [
                "-q",
                "--data-dir",
                cci,
                "init",
                "--name",
                "Test Home",
                "--type",
                "childrens-home",
                "--state",
                "10",
                "--district",
                "212",
                "--registration-no",
                "BR/TEST/2",
            ]
        )
        == 0
    )
    for cmd in (
        ["keys", "init"],
        ["keys", "import", str(tmp_path / "central.pub")],
        ["keys", "import", str(tmp_path / "district.pub")],
        ["export-usb", stick],
    ):
        assert main(["--data-dir", cci, "sync", *cmd]) == 0
    assert "1 bundle(s) copied" in capsys.readouterr().out
    assert main(["--data-dir", office, "sync", "district", "import", stick]) == 1
    assert "not enrolled at this office" in capsys.readouterr().err
    assert main(["--data-dir", office, "sync", "district", "import", stick, "--accept-new"]) == 0
    out = capsys.readouterr().out
    assert "Enrolling Test Home" in out and "1 receipt(s) written" in out
    assert main(["--data-dir", office, "sync", "district", "show"]) == 0
    assert "Test Home: 0 children" in capsys.readouterr().out
    assert main(["--data-dir", cci, "sync", "import-receipt", stick]) == 0
    assert "receipt from district verified, 1 records acknowledged" in capsys.readouterr().out
    assert main(["--data-dir", office, "sync", "district", "forward"]) != 0
    assert "no central address" in capsys.readouterr().err
    with running_central(tmp_path, central_keys) as (server, rcv):
        with Session(open_engine_for(cci)) as s:
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        forward = ["--data-dir", office, "sync", "district", "forward", "--url", server.url]
        assert main(forward) == 1  # the district office itself is not enrolled at central
        assert "not enrolled" in capsys.readouterr().err
        db = ["--db", str(rcv.engine.url)]
        add = ["enrolments", "add-district", str(tmp_path / "district.pub"), "--district", "212"]
        assert central_main([*add, *db]) == 0
        assert main(forward) == 0
        assert "1 bundle(s) forwarded" in capsys.readouterr().out
        assert rcv.record_count() == 1


def open_engine_for(data_dir: str) -> Engine:
    """The desktop database of a data folder made by `clms init`."""
    from desktop.db import open_database

    return open_database(Path(data_dir))


def test_photo_travels_once_by_content_hash(
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    tmp_path: Path,
    central_keys: key_files.OwnKeys,
) -> None:
    """A child's photo goes with the bundle that first names it (by SHA-256), and only once."""
    import base64
    import hashlib

    from desktop.services.cases.casework import set_photo
    from desktop.services.core.attachments import AttachmentStore

    signer = _setup(inst_engine, actor, data_dir, central_keys)
    (cid,) = _register(inst_engine, actor, 1)
    store = AttachmentStore.for_data_dir(data_dir)
    photo = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # invented bytes with a PNG header
    sha = hashlib.sha256(photo).hexdigest()
    with unit_of_work(inst_engine, actor) as s:
        set_photo(s, s.get(Child, cid), data=photo, store=store)
    with running_central(tmp_path, central_keys) as (server, rcv):
        settings = UploadSettings(url=server.url)
        with Session(inst_engine) as s:
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        with unit_of_work(inst_engine, actor) as s:
            b1 = sync_outbox.build_next_bundle(s, signer=signer, attachments=store)
            assert b1 is not None and b1.attachments == [sha]
            size1 = b1.size
        push(inst_engine, actor=actor, signer=signer, settings=settings)
        att = _central_child(rcv, sha)
        assert att is not None and att.type == "attachment"
        assert base64.b64decode(att.data["content"]) == photo
        assert _central_child(rcv, _uuid(inst_engine, cid)).data["photo_hash"] == sha
        with unit_of_work(inst_engine, actor) as s:  # another change to the same child
            update_child(
                s, s.get(Child, cid), {"first_name": "Renamed"}, reason="spelling", today=TODAY
            )
        with unit_of_work(inst_engine, actor) as s:
            b2 = sync_outbox.build_next_bundle(s, signer=signer, attachments=store)
            assert b2 is not None and b2.attachments == [] and b2.size < size1
        (r,) = push(inst_engine, actor=actor, signer=signer, settings=settings)
        assert r.ack.counts["error"] == 0


def _uuid(engine: Engine, cid: int) -> str:
    with Session(engine) as s:
        child = s.get(Child, cid)
        assert child is not None
        return str(child.uuid)


def test_big_backlog_is_split_into_bundles_in_order(
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    tmp_path: Path,
    central_keys: key_files.OwnKeys,
) -> None:
    """With a small per-bundle limit the backlog becomes several chained bundles; all arrive."""
    signer = _setup(inst_engine, actor, data_dir, central_keys)
    _register(inst_engine, actor, 3)
    with Session(inst_engine) as s:
        pending = sync_outbox.pending_count(s)
    with unit_of_work(inst_engine, actor) as s:
        made = sync_outbox.build_bundles(s, signer=signer, limit=7)
        sizes = [b.record_count for b in made]
        assert [b.seq for b in made] == list(range(1, len(made) + 1))
        assert all(b.prev_hash == a.bundle_hash for a, b in zip(made, made[1:], strict=False))
    assert len(made) >= 3 and sum(sizes) == pending and max(sizes) == 7
    with Session(inst_engine) as s:
        assert sync_outbox.pending_count(s) == 0
    with running_central(tmp_path, central_keys) as (server, rcv):
        settings = UploadSettings(url=server.url)
        with Session(inst_engine) as s:
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        done = push(inst_engine, actor=actor, signer=signer, settings=settings)
        assert [r.seq for r in done] == list(range(1, len(made) + 1))
        assert rcv.record_count() == pending
    assert _unsynced(inst_engine) == 0


def test_interrupted_push_resumes_the_same_upload_next_time(
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    tmp_path: Path,
    central_keys: key_files.OwnKeys,
) -> None:
    """A push that gives up half-way keeps its upload address; the next push (even by
    another route) goes on with the same upload instead of starting again."""
    from central.models import Upload, UploadChunk
    from sync_client.exchange.upload import UploadFailed
    from tests.sync_helpers import CuttingProxy

    signer = _setup(inst_engine, actor, data_dir, central_keys)
    _register(inst_engine, actor, 5)
    with unit_of_work(inst_engine, actor) as s:
        (b,) = sync_outbox.build_bundles(s, signer=signer)
        size = b.size
    with running_central(tmp_path, central_keys) as (server, rcv):
        with Session(inst_engine) as s:
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        # The link carries the create, a HEAD and a few chunks, then goes dead.
        budgets = iter([3000] + [1] * 100)
        proxy = CuttingProxy(server.server_address[:2], budgets)
        try:
            with pytest.raises(UploadFailed):
                push(
                    inst_engine,
                    actor=actor,
                    signer=signer,
                    sleep=lambda _s: None,
                    settings=UploadSettings(
                        url=proxy.url, chunk_size=512, retries=2, backoff=0.001
                    ),
                )
        finally:
            proxy.close()
        with Session(inst_engine) as s:
            row = sync_outbox.outbox(s)[0]
            assert row.upload_url and row.upload_url.startswith("/v1/uploads/")
        with Session(rcv.engine) as s:
            (up,) = s.scalars(select(Upload)).all()
            assert 0 < up.offset < size
            sent_before = up.offset
        (r,) = push(
            inst_engine, actor=actor, signer=signer, settings=UploadSettings(url=server.url)
        )
        assert r.ack.counts["created"] > 0
        with Session(rcv.engine) as s:
            assert len(s.scalars(select(Upload)).all()) == 1  # the same upload, continued
            assert s.scalars(select(UploadChunk)).all() == []  # joined and cleared
        assert sent_before > 0 and _unsynced(inst_engine) == 0


@pytest.mark.parametrize("tamper", ["edit", "delete"])
def test_audit_trail_travels_and_central_checks_its_chain(
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    tmp_path: Path,
    central_keys: key_files.OwnKeys,
    tamper: str,
) -> None:
    """Audit events go in bundles; central keeps them and refuses a bundle whose events
    do not continue the chain it has (an edited or deleted event), merging nothing."""
    from bundle_format.bundle import BundleError
    from central.models import AuditCopy, Enrolment
    from desktop.models import AuditEvent

    signer = _setup(inst_engine, actor, data_dir, central_keys)
    _register(inst_engine, actor, 2)
    with running_central(tmp_path, central_keys) as (server, rcv):
        settings = UploadSettings(url=server.url)
        with Session(inst_engine) as s:
            assert rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        with unit_of_work(inst_engine, actor) as s:
            first = sync_outbox.build_next_bundle(s, signer=signer)
            assert first is not None and first.last_audit_id > 0
            sent_ids = first.last_audit_id
        push(inst_engine, actor=actor, signer=signer, settings=settings)
        with Session(inst_engine) as s:
            local = s.scalars(
                select(AuditEvent).where(AuditEvent.id <= sent_ids).order_by(AuditEvent.id)
            ).all()
        with Session(rcv.engine) as cs:
            copies = cs.scalars(select(AuditCopy).order_by(AuditCopy.event_id)).all()
            enr = cs.scalars(select(Enrolment)).one()
            assert [c.hash for c in copies] == [e.hash for e in local]
            assert enr.last_audit_hash == local[-1].hash
            records_before = rcv.record_count()
        # More work, then someone alters the trail before it is sent.
        _register(inst_engine, actor, 3)
        with inst_engine.begin() as con:
            victim = con.execute(
                text("SELECT id FROM audit_event WHERE id > :a ORDER BY id LIMIT 1 OFFSET 1"),
                {"a": sent_ids},
            ).scalar()
            if tamper == "edit":
                con.execute(
                    text("UPDATE audit_event SET action = 'nothing happened' WHERE id = :v"),
                    {"v": victim},
                )
            else:
                con.execute(text("DELETE FROM audit_event WHERE id = :v"), {"v": victim})
        with unit_of_work(inst_engine, actor) as s:
            second = sync_outbox.build_next_bundle(s, signer=signer)
            assert second is not None
            raw = second.data
        with pytest.raises(BundleError) as refused:
            rcv.receive(raw)
        assert refused.value.code == "audit-chain"
        assert rcv.record_count() == records_before  # nothing of it was merged
