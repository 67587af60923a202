"""Transfers between CCIs with the child's whole record (issue 20): CCI A -> B through a
real central on 127.0.0.1, and A -> stick -> district office -> stick -> B."""

from __future__ import annotations

import json
import uuid as uuid_mod
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format import transfer as packets
from central import transfers as central_transfers
from central.models import MergedRecord
from central.projection import view_child
from central.schema import open_engine, writer
from central.service import Receiver
from desktop.db import open_database
from desktop.models import Attachment, Child, TransferPacket
from desktop.services.cases.casework import (
    add_guardian,
    add_note,
    attach_scan,
    log_visit,
    record_order,
    set_photo,
)
from desktop.services.cases.children import register_child
from desktop.services.clts.household import add_member, save_household
from desktop.services.clts.rescue import open_case, update_case
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.install.institution import setup_institution
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange import transfer_net
from sync_client.exchange.upload import UploadSettings, institution_info, push
from sync_client.transfers import admit as transfer_admit
from sync_client.transfers import packets as transfers
from tests.clts_helpers import rescue_data
from tests.conftest import TODAY
from tests.helpers import aadhaar, child_input
from tests.sync_helpers import running_central

PASS = "test passphrase for transfers"
PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
SCAN = b"%PDF-1.4\n" + b"a scanned admission order " * 40 + b"\n%%EOF\n"


@dataclass
class Home:
    """One CCI's install: its folder, database, signing key and attachment store."""

    dir: Path
    engine: Engine
    signer: key_files.OwnKeys
    store: AttachmentStore
    uuid: str


def _home(
    tmp: Path,
    name: str,
    code: int,
    central: key_files.OwnKeys,
    actor: Actor,
    district: int = 212,
    state: int = 10,
) -> Home:
    d = tmp / name.replace(" ", "_")
    d.mkdir()
    engine = open_database(d)
    with unit_of_work(engine, actor) as s:
        setup_institution(
            s,
            name=name,
            type="childrens-home",
            state=state,
            district=district,
            registration_no=f"BR/PAT/CH/{code:04d}",
            code=code,
        )
    with unit_of_work(engine, actor) as s:
        sync_outbox.create_own_keys(s, data_dir=d, name=name, passphrase=PASS)
        key_files.write_public_key_file(d / "central.pub", central.public())
        sync_outbox.import_public_key(s, path=d / "central.pub")
    with unit_of_work(engine, actor) as s:
        signer = sync_outbox.load_own_keys(s, data_dir=d, passphrase=PASS)
        uuid = str(institution_info(s)["uuid"])
    return Home(d, engine, signer, AttachmentStore.for_data_dir(d), uuid)


def _child_with_history(home: Home, actor: Actor) -> int:
    with unit_of_work(home.engine, actor) as s:
        child = register_child(s, child_input(first_name="Sunita", aadhaar=aadhaar()), today=TODAY)
        g = add_guardian(s, child, name="Ramesh Kumar", relation="father", today=TODAY)
        log_visit(s, child, visit_date="2026-10-01", guardian=g, today=TODAY)
        record_order(
            s,
            child,
            order_no="CWC/PAT/2025/77",
            order_date="2025-03-01",
            order_type="admission",
            today=TODAY,
        )
        add_note(s, child, text="Settled well; attends school.", today=TODAY)
        set_photo(s, child, data=PHOTO, store=home.store, today=TODAY)
        attach_scan(s, child, doc_type="admission_order", data=SCAN, store=home.store, today=TODAY)
        # A child-labour rescue: the CLTS case, its ledger, entitlements and follow-ups (made
        # by the policy), the household and a member of it.
        case = open_case(s, child, rescue_data(), today=TODAY)
        save_household(s, case, {"head_name": "Ramesh Kumar", "village": "Shivala"}, today=TODAY)
        add_member(s, case, {"name": "Geeta Devi", "relation": "mother"}, today=TODAY)
        update_case(  # restored: follow-ups due
            s,
            case,
            {
                "final_order": "restored",
                "final_order_on": "2026-06-20",
                "restored_on": "2026-07-01",
            },
            today=TODAY,
        )
        return child.id


def _every_table(home: Home) -> dict[str, set[str]]:
    """The uuids of every tracked table at this home but its own institution and users (a
    table the packet forgot would be missing from the comparison below)."""
    from desktop.models import TRACKED_MODELS

    with Session(home.engine) as s:
        out = {}
        for m in TRACKED_MODELS:
            if m.record_type() not in ("institution", "user"):
                out[m.record_type()] = {str(u) for u in s.scalars(select(m.table().c.uuid))}
        return out


def _record(home: Home, child_uuid: str) -> dict[tuple[str, str], dict[str, Any]]:
    """Every record of the child at this home, as the packet would carry it."""
    with Session(home.engine) as s:
        child = s.scalars(select(Child).where(Child.uuid == uuid_mod.UUID(child_uuid))).one()
        lines = transfers.child_record_lines(s, child, receiver=_any_receiver(), store=home.store)
    out = {}
    for ln in lines:
        data = dict(ln["data"])
        data.pop("aadhaar_sealed", None)  # sealed anew each time (random HPKE)
        out[(ln["type"], ln["record_uuid"])] = data
    return out


def _any_receiver() -> key_files.PublicKeys:
    k = key_files.generate_keys(role="district", name="x").public()
    return key_files.PublicKeys("institution", "x", k.sign, k.enc)


def _sync(home: Home, actor: Actor, url: str) -> transfer_net.TransferSync:
    return transfer_net.sync_transfers(
        home.engine, actor=actor, signer=home.signer, settings=UploadSettings(url=url)
    )


def _push(home: Home, actor: Actor, url: str) -> list[Any]:
    with unit_of_work(home.engine, actor) as s:
        sync_outbox.build_bundles(s, signer=home.signer, attachments=home.store)
    return push(home.engine, actor=actor, signer=home.signer, settings=UploadSettings(url=url))


@pytest.fixture(scope="module")
def central_keys() -> key_files.OwnKeys:
    return key_files.generate_keys(role="central", name="Test State")


@pytest.mark.parametrize("b_district", [212, 213], ids=["same-district", "other-district"])
def test_transfer_a_to_b_through_central(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys, b_district: int
) -> None:
    """The record at B equals A's, ownership at central moves once, one child two stays
    (B in the same district as A, or in another district of the state)."""
    a = _home(tmp_path, "Asha Kiran Home", 7, central_keys, actor)
    b = _home(tmp_path, "Bal Ashray Home", 8, central_keys, actor, district=b_district)
    cid = _child_with_history(a, actor)
    with running_central(tmp_path, central_keys) as (server, rcv):
        for h in (a, b):
            with Session(h.engine) as s:
                rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
            _sync(h, actor, server.url)  # the transfer keys enrolled
        for h in (b, a):
            _push(h, actor, server.url)  # the receipts bring the directory
        with Session(a.engine) as s:
            assert [d.uuid for d in transfers.directory(s)] == [b.uuid]
            child_uuid = str(s.get(Child, cid).uuid)  # type: ignore[union-attr]
        with unit_of_work(a.engine, actor) as s:
            row = transfers.send_transfer(
                s,
                s.get(Child, cid),  # type: ignore[arg-type]
                to_uuid=b.uuid,
                transfer_date="2026-11-20",
                order_no="CWC/PAT/2026/301",
                reason="nearer the family",
                signer=a.signer,
                store=a.store,
                today=TODAY,
            )
            code = row.child_code
        before = _record(a, child_uuid)  # A's record as it left
        # A holds only this child: every row of every table of A is in the packet.
        at_a = _every_table(a)
        assert {t for t, u in at_a.items() if u} >= {
            "clts_case",
            "clts_household",
            "clts_member",
            "clts_entitlement",
            "clts_compensation",
            "clts_follow_up",
        }
        for t, uuids in at_a.items():
            assert uuids == {u for typ, u in before if typ == t}, t
        (res,) = _push(a, actor, server.url)  # the hand-over lines, signed with the bundle
        assert res.ack.counts["error"] == 0 and res.ack.counts["conflict"] == 0
        with Session(a.engine) as s, Session(rcv.engine) as cs:
            ca = s.get(Child, cid)
            cc = cs.scalars(
                select(MergedRecord).where(MergedRecord.record_uuid == child_uuid)
            ).one()
            # The upsert and the hand-over of the child in one batch: both kept.
            assert ca is not None and (ca.version, ca.synced_version) == (cc.version, cc.version)
            assert cc.owner_uuid == b.uuid and cc.data["status"] == "transferred"
        with Session(rcv.engine) as cs:
            owners = set(
                cs.scalars(
                    select(MergedRecord.owner_uuid).where(
                        MergedRecord.record_uuid.in_([u for t, u in before if t != "attachment"])
                    )
                )
            )
            assert owners == {b.uuid}
        assert _sync(a, actor, server.url).sent == 1
        got = _sync(b, actor, server.url)
        assert got.received == 1 and not got.refused
        with unit_of_work(b.engine, actor) as s:
            (waiting,) = transfers.incoming(s)
            assert waiting.child_code == code and waiting.status == "waiting"
            done = transfer_admit.admit(s, waiting, signer=b.signer, store=b.store, today=TODAY)
            assert done.child.code == code and str(done.child.uuid) == child_uuid
            assert done.child.status == "in_care" and done.child.aadhaar == aadhaar()
        after = _record(b, child_uuid)
        # Every record of A is at B, equal; the child differs only by its new home and
        # status.
        moved = {
            "status",
            "exit_date",
            "exit_reason",
            "exit_order_no",
            "institution_uuid",
            "updated_at",
        }
        for key, data in before.items():
            assert key in after, key
            if key[0] == "child":
                assert {k: v for k, v in data.items() if k not in moved} == {
                    k: v for k, v in after[key].items() if k not in moved
                }
            elif key[0] != "transfer":
                assert after[key] == data, key
        # New at B: the stay, and the review flags B's own rules raise for a child in care.
        new = [t for t, _u in set(after) - set(before)]
        assert new.count("transfer") == 1 and set(new) <= {"transfer", "flag"}
        # Every table of B holds A's rows of the child (B had no child before).
        at_b = _every_table(b)
        for t, uuids in at_a.items():
            assert uuids <= at_b[t], t
        with Session(a.engine) as sa, Session(b.engine) as sb:
            from desktop.models.clts import CLTS_MODELS

            for m in CLTS_MODELS:  # the CLTS rows with their uuids and versions
                va = {(str(r.uuid), r.version) for r in sa.scalars(select(m))}
                assert va and va == {(str(r.uuid), r.version) for r in sb.scalars(select(m))}
        with Session(b.engine) as s:
            for sha in (k[1] for k in before if k[0] == "attachment"):
                assert s.get(Attachment, sha) is not None
                assert b.store.get(sha) == a.store.get(sha)
        (res_b,) = _push(b, actor, server.url)  # B's first bundle after admitting
        bad = [
            o
            for o in json.loads(res_b_receipt(b))["receipt"]["outcomes"]
            if o["outcome"] in ("conflict", "error")
        ]
        assert not bad, bad
        assert _sync(b, actor, server.url).acks_sent == 1
        assert _sync(a, actor, server.url).acks_received == 1
        with Session(a.engine) as s:
            (out,) = transfers.outgoing(s)
            assert out.status == "acknowledged"
        with Session(rcv.engine) as cs:
            rows = cs.execute(
                select(view_child).where(view_child.c.record_uuid == child_uuid)
            ).all()
            assert len(rows) == 1 and rows[0].institution_uuid == b.uuid
            assert rows[0].status == "in_care"
            stays = central_transfers.stays(cs, child_uuid)
            assert [st["institution_uuid"] for st in stays] == [a.uuid, b.uuid]
            assert str(stays[0]["to"]) == "2026-11-20" and stays[1]["to"] is None
            # The child's page at central (a state official's) lists both stays by name.
            from central.reports.area import Area
            from central.reports.profile import child_record

            page = child_record(cs, Area(state=10), child_uuid)
            assert [st["home"] for st in page.stays] == ["Asha Kiran Home", "Bal Ashray Home"]
        # Ownership moves only once: A's hand-over again is refused, nothing changes.
        with unit_of_work(a.engine, actor) as s:
            from desktop.models import Handover

            for h in s.scalars(select(Handover)):
                h.bundle_id = None
        (again,) = _push(a, actor, server.url)
        assert again.ack.counts["error"] == len(before) - 2  # attachments are not records
        with Session(rcv.engine) as cs:
            assert set(
                cs.scalars(
                    select(MergedRecord.owner_uuid).where(MergedRecord.record_uuid == child_uuid)
                )
            ) == {b.uuid}


def _fill_directory(home: Home, *others: Home) -> None:
    """The directory as a receipt would bring it (for the tests without central)."""
    entries = []
    for o in others:
        with Session(o.engine) as s:
            key = transfers.ensure_transfer_key(s)
            s.commit()
            entries.append(
                {
                    "uuid": o.uuid,
                    "name": o.dir.name,
                    "state_code": 10,
                    "district_code": 212,
                    "sign_key": key_files.b64(o.signer.public().sign),
                    "enc_key": key.enc_public,
                }
            )
    with Session(home.engine) as s:
        transfers.store_directory(s, {"receiver": "central", "directory": entries})
        s.commit()


def test_a_packet_not_addressed_here_or_tampered_is_refused_and_nothing_is_applied(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    a = _home(tmp_path, "Asha Kiran Home", 7, central_keys, actor)
    b = _home(tmp_path, "Bal Ashray Home", 8, central_keys, actor)
    c = _home(tmp_path, "Chetna Home", 9, central_keys, actor)
    _fill_directory(a, b, c)
    _fill_directory(b, a)
    cid = _child_with_history(a, actor)
    with unit_of_work(a.engine, actor) as s:
        to_c = transfers.send_transfer(
            s,
            s.get(Child, cid),  # type: ignore[arg-type]
            to_uuid=c.uuid,
            transfer_date="2026-11-20",
            order_no="CWC/PAT/2026/302",
            reason=None,
            signer=a.signer,
            store=a.store,
            today=TODAY,
        )
        raw = to_c.data
    with unit_of_work(b.engine, actor) as s, pytest.raises(packets.TransferError) as e:
        transfer_admit.receive_packet(s, raw)
    assert e.value.code == "not-addressed"
    # Forged to look addressed to B: the signature no longer matches.
    p = packets.parse_packet(raw)
    header = dict(p.header, to=dict(p.header["to"], uuid=b.uuid))
    from bundle_format.canonical import canonical

    hb = canonical(header)
    forged = packets.MAGIC + len(hb).to_bytes(4, "big") + hb + p.signature + p.ciphertext
    with unit_of_work(b.engine, actor) as s, pytest.raises(packets.TransferError) as e:
        transfer_admit.receive_packet(s, forged)
    assert e.value.code == "bad-signature"
    # A packet really for B, changed in one byte after it was kept: admit refuses, and
    # nothing of the child is at B.
    with unit_of_work(a.engine, actor) as s:
        cid2 = register_child(s, child_input(first_name="Meena"), today=TODAY).id
    with unit_of_work(a.engine, actor) as s:
        to_b = transfers.send_transfer(
            s,
            s.get(Child, cid2),  # type: ignore[arg-type]
            to_uuid=b.uuid,
            transfer_date="2026-11-21",
            order_no="CWC/PAT/2026/303",
            reason=None,
            signer=a.signer,
            store=a.store,
            today=TODAY,
        )
        good = to_b.data
    with unit_of_work(b.engine, actor) as s:
        kept = transfer_admit.receive_packet(s, good)
        kept_id = kept.id
    with Session(b.engine) as s:
        row = s.get(TransferPacket, kept_id)
        assert row is not None
        row.data = row.data[:-5] + bytes([row.data[-5] ^ 1]) + row.data[-4:]
        s.commit()
        n_before = s.scalar(select(func.count()).select_from(Child))
    with pytest.raises(packets.TransferError):
        with unit_of_work(b.engine, actor) as s:
            transfer_admit.admit(
                s, s.get(TransferPacket, kept_id), signer=b.signer, store=b.store, today=TODAY
            )  # type: ignore[arg-type]
    with Session(b.engine) as s:
        assert s.scalar(select(func.count()).select_from(Child)) == n_before
        assert s.get(TransferPacket, kept_id).status == "waiting"  # type: ignore[union-attr]


def _stick_round(
    home: Home,
    actor: Actor,
    office: Receiver,
    keys: key_files.OwnKeys,
    stick: Path,
    office_db: Engine | None = None,
):  # type: ignore[no-untyped-def]
    """One trip of a CCI's stick: the CCI exports, the district office imports (and writes
    receipts, packets and acknowledgements back), the CCI takes in what came back.
    `office_db`: the office's own database (its directory from central, the key
    statements to hand to central)."""
    from sync_client.district.mode import import_folder
    from sync_client.exchange.usb import export_outbox, import_receipts

    stick.mkdir(exist_ok=True)
    transfer_net.prepare(home.engine, actor=actor, signer=home.signer, store=home.store)
    with unit_of_work(home.engine, actor) as s:
        sync_outbox.build_bundles(s, signer=home.signer, attachments=home.store)
        export_outbox(s, folder=stick, institution=institution_info(s))
    transfer_net.to_stick(home.engine, actor=actor, root=stick, signer=home.signer)
    if office_db is not None:
        with unit_of_work(office_db, actor, rules=False) as os_:
            got = import_folder(
                view=office.engine,
                keys=keys,
                district_code=212,
                folder=stick,
                trust_new=lambda p, i: True,
                office=os_,
            )
    else:
        got = import_folder(
            view=office.engine,
            keys=keys,
            district_code=212,
            folder=stick,
            trust_new=lambda p, i: True,
        )
    assert not got.refused, got.refused
    with unit_of_work(home.engine, actor) as s:
        import_receipts(s, folder=stick, institution_uuid=home.uuid)
    return got, transfer_net.from_stick(home.engine, actor=actor, root=stick)


def test_transfer_a_to_b_by_stick_through_the_district_office(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    """A's stick to the district office, the office's stick to B, B's acknowledgement back."""
    a = _home(tmp_path, "Asha Kiran Home", 7, central_keys, actor)
    b = _home(tmp_path, "Bal Ashray Home", 8, central_keys, actor)
    district_keys = key_files.generate_keys(role="district", name="Patna")
    office = Receiver(
        open_engine(f"sqlite:///{tmp_path / 'district.sqlite'}"), district_keys, district_code=212
    )
    for h in (a, b):
        key_files.write_public_key_file(h.dir / "district.pub", district_keys.public())
        with unit_of_work(h.engine, actor) as s:
            sync_outbox.import_public_key(s, path=h.dir / "district.pub")
    stick_a, stick_b = tmp_path / "stick-a", tmp_path / "stick-b"
    _stick_round(b, actor, office, district_keys, stick_b)  # B enrolled with its keys
    _stick_round(a, actor, office, district_keys, stick_a)  # A's receipt: the directory
    with Session(a.engine) as s:
        assert [d.uuid for d in transfers.directory(s)] == [b.uuid]
    cid = _child_with_history(a, actor)
    with unit_of_work(a.engine, actor) as s:
        child_uuid = str(s.get(Child, cid).uuid)  # type: ignore[union-attr]
        transfers.record_transfer(
            s,
            s.get(Child, cid),  # type: ignore[arg-type]
            to_uuid=b.uuid,
            transfer_date="2026-11-20",
            order_no="CWC/PAT/2026/301",
            reason=None,
            today=TODAY,
        )
    got, _ = _stick_round(a, actor, office, district_keys, stick_a)
    assert got.transfers_taken == 1
    before = _record(a, child_uuid)
    with Session(office.engine) as os_:
        owners = set(
            os_.scalars(
                select(MergedRecord.owner_uuid).where(MergedRecord.record_uuid == child_uuid)
            )
        )
        assert owners == {b.uuid}  # the hand-over, signed with A's bundle
    # B's stick came before A's transfer key was known: its packet waits on the stick until
    # a receipt of B's brings the directory (B's new work gets one), then it is taken in.
    got, back = _stick_round(b, actor, office, district_keys, stick_b)
    assert got.transfers_written == 1 and back.received == 0
    assert [r.split(": ")[1] for r in back.refused] == ["unknown-sender"]
    with unit_of_work(b.engine, actor) as s:
        register_child(s, child_input(first_name="Kiran", gender="male"), today=TODAY)
    got, back = _stick_round(b, actor, office, district_keys, stick_b)
    assert back.received == 1 and not back.refused
    with unit_of_work(b.engine, actor) as s:
        (waiting,) = transfers.incoming(s)
        transfer_admit.admit(s, waiting, signer=b.signer, store=b.store, today=TODAY)
    after = _record(b, child_uuid)
    for key, data in before.items():
        if key[0] not in ("child", "transfer"):
            assert after[key] == data, key
    got, _ = _stick_round(b, actor, office, district_keys, stick_b)  # B's ack, B's bundle
    assert got.transfers_taken == 1
    assert all(c["error"] == 0 and c["conflict"] == 0 for _u, _n, c in got.applied), _bad(office)
    _got, back = _stick_round(a, actor, office, district_keys, stick_a)
    assert back.acks_received == 1
    with Session(a.engine) as s:
        (out,) = transfers.outgoing(s)
        assert out.status == "acknowledged"


def res_b_receipt(home: Home) -> bytes:
    with Session(home.engine) as s:
        row = sync_outbox.last_receipt(s)
        assert row is not None and row.receipt is not None
        return row.receipt


def _waiting_at_b(tmp_path: Path, actor: Actor, central: key_files.OwnKeys) -> tuple[Home, Home]:
    """A has sent a child to B; the packet waits at B (and one more, late, sent to B)."""
    a = _home(tmp_path, "Asha Kiran Home", 7, central, actor)
    b = _home(tmp_path, "Bal Ashray Home", 8, central, actor)
    _fill_directory(a, b)
    _fill_directory(b, a)
    cid = _child_with_history(a, actor)
    with unit_of_work(a.engine, actor) as s:
        row = transfers.send_transfer(
            s,
            s.get(Child, cid),  # type: ignore[arg-type]
            to_uuid=b.uuid,
            transfer_date="2026-11-20",
            order_no="CWC/PAT/2026/301",
            reason="nearer the family",
            signer=a.signer,
            store=a.store,
            today=TODAY,
        )
        raw = row.data
    with unit_of_work(b.engine, actor) as s:
        transfer_admit.receive_packet(s, raw)
    return a, b


def test_the_transfers_screen_admits_the_child_and_flags_a_late_acknowledgement(
    qtbot, tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from desktop.views.app_context import AppContext
    from desktop.views.main_window import MainWindow
    from desktop.views.sync.transfers_page import TransfersPage

    a, b = _waiting_at_b(tmp_path, actor, central_keys)
    window = MainWindow(AppContext(b.engine, b.dir, actor, today=lambda: TODAY))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("transfers")
    assert isinstance(page, TransfersPage)
    assert page.incoming.rowCount() == 1
    assert page.incoming.item(0, 5).text() == "waiting to be admitted"
    assert not page.admit_button.isEnabled()
    page.incoming.setFocus()
    qtbot.keyClick(page.incoming, Qt.Key.Key_Down)  # the keyboard selects the row
    assert page.admit_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page._signer = b.signer  # (the key file's passphrase would be asked for)
    qtbot.mouseClick(page.admit_button, Qt.MouseButton.LeftButton)
    assert page.incoming.item(0, 5).text() == "admitted"
    assert "Admitted under the child code" in page.message.text()
    # At A, 16 days after the transfer date without an acknowledgement: flagged.
    from datetime import timedelta

    late = AppContext(a.engine, a.dir, actor, today=lambda: TODAY + timedelta(days=13))
    sent = TransfersPage(late)
    qtbot.addWidget(sent)
    assert sent.outgoing.item(0, 4).text() == "NOT ACKNOWLEDGED after 15 days"
    assert "not verified" in sent.policy_note.text()


def test_the_profile_records_a_transfer_to_a_cci_of_the_directory(
    qtbot, tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The receiving CCI is chosen from the directory; the packet is built at the next sync."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox, QMessageBox

    from desktop.models import Transfer
    from desktop.views.app_context import AppContext
    from desktop.views.main_window import MainWindow

    a = _home(tmp_path, "Asha Kiran Home", 7, central_keys, actor)
    b = _home(tmp_path, "Bal Ashray Home", 8, central_keys, actor)
    _fill_directory(a, b)
    with unit_of_work(a.engine, actor) as s:
        cid = register_child(s, child_input(first_name="Sunita"), today=TODAY).id
    window = MainWindow(AppContext(a.engine, a.dir, actor, today=lambda: TODAY))
    qtbot.addWidget(window)
    window.show()
    window.open_child(cid)
    tab = window.profile.exit  # type: ignore[union-attr]
    box = tab.transfer_form.inputs["to_uuid"]
    assert isinstance(box, QComboBox) and box.count() == 2
    assert tab.transfer_form.inputs["to_institution"].isEnabled()
    box.setCurrentIndex(1)
    assert not tab.transfer_form.inputs["to_institution"].isEnabled()
    tab.transfer_form.set_values({"order_no": "CWC/PAT/2026/310", "transfer_date": "20-11-2026"})
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.transfer_button, Qt.MouseButton.LeftButton)
    with Session(a.engine) as s:
        t = s.scalars(select(Transfer)).one()
        assert t.other_institution_uuid == b.uuid and t.direction == "out"
        assert s.get(Child, cid).status == "transferred"  # type: ignore[union-attr]
    assert transfer_net.prepare(a.engine, actor=actor, signer=a.signer, store=a.store) == 1
    assert transfer_net.prepare(a.engine, actor=actor, signer=a.signer, store=a.store) == 0
    with Session(a.engine) as s:
        (out,) = transfers.outgoing(s)
        assert out.to_uuid == b.uuid and out.status == "waiting"


def _bad(office: Receiver) -> list[Any]:
    from central.models import ReceivedBundle

    with Session(office.engine) as s:
        out = []
        for rb in s.scalars(select(ReceivedBundle)):
            body = json.loads(rb.receipt)["receipt"]
            out += [o for o in body["outcomes"] if o["outcome"] in ("error", "conflict")]
        return out


def test_central_relays_a_packet_only_to_its_receiving_cci(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    """Central keeps a packet only from its signed sender; only the receiving CCI gets it."""
    from central.enrolment import find_party

    a = _home(tmp_path, "Asha Kiran Home", 7, central_keys, actor)
    b = _home(tmp_path, "Bal Ashray Home", 8, central_keys, actor)
    c = _home(tmp_path, "Chetna Home", 9, central_keys, actor)
    _fill_directory(a, b, c)
    rcv = Receiver(open_engine(f"sqlite:///{tmp_path / 'central.sqlite'}"), central_keys)
    for h in (a, b, c):
        with unit_of_work(h.engine, actor) as s:
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
            statement = transfers.key_statement(s, h.signer)
        with Session(writer(rcv.engine)) as cs, cs.begin():
            central_transfers.enrol_transfer_key(cs, institution_uuid=h.uuid, statement=statement)
    cid = _child_with_history(a, actor)
    with unit_of_work(a.engine, actor) as s:
        raw = transfers.send_transfer(
            s,
            s.get(Child, cid),  # type: ignore[arg-type]
            to_uuid=c.uuid,
            transfer_date="2026-11-20",
            order_no="CWC/PAT/2026/302",
            reason=None,
            signer=a.signer,
            store=a.store,
            today=TODAY,
        ).data
    with Session(writer(rcv.engine)) as cs, cs.begin():
        pa, pb, pc = (find_party(cs, h.signer.public().sign_key_id) for h in (a, b, c))
        assert pa is not None and pb is not None and pc is not None
        with pytest.raises(packets.TransferError) as e:  # B hands in A's packet
            central_transfers.accept_packet(cs, raw, party=pb)
        assert e.value.code == "wrong-sender"
        bad = raw[:-3] + bytes([raw[-3] ^ 1]) + raw[-2:]
        with pytest.raises(packets.TransferError) as e:
            central_transfers.accept_packet(cs, bad, party=pa)
        assert e.value.code == "bad-signature"
        packet_id, new = central_transfers.accept_packet(cs, raw, party=pa)
        assert new and central_transfers.accept_packet(cs, raw, party=pa) == (packet_id, False)
        assert central_transfers.packets_for(cs, pb) == []
        assert central_transfers.packet_bytes(cs, pb, packet_id) is None
        assert central_transfers.packet_bytes(cs, pc, packet_id) == raw
        # Only the receiving CCI's own acknowledgement is kept.
        forged = packets.make_ack(
            packets.parse_packet(raw), admitted_on="2026-11-23", child_code="x", keys=b.signer
        )
        with pytest.raises(packets.TransferError):
            central_transfers.accept_ack(cs, forged, party=pb)
        with pytest.raises(packets.TransferError):
            central_transfers.accept_ack(cs, forged, party=None)
        assert central_transfers.acks_for(cs, pa) == []
    rcv.engine.dispose()


def test_an_install_made_before_transfers_gets_its_transfer_key_on_first_use(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    """Set-up makes the key; an older install without one gets it, and its statement, on
    first use (signed with the enrolled signing key, naming this CCI)."""
    from desktop.models import TransferKey

    a = _home(tmp_path, "Asha Kiran Home", 7, central_keys, actor)
    with Session(a.engine) as s:
        assert s.scalar(select(func.count()).select_from(TransferKey)) == 1
        s.query(TransferKey).delete()
        s.commit()
    with unit_of_work(a.engine, actor) as s:
        statement = transfers.key_statement(s, a.signer)
        enc_public = transfers.ensure_transfer_key(s).enc_public
    enc = packets.verify_key_statement(statement, a.signer.public().sign, institution_uuid=a.uuid)
    assert key_files.b64(enc) == enc_public
    with pytest.raises(packets.TransferError):
        packets.verify_key_statement(statement, a.signer.public().sign, institution_uuid=b_uuid())


def b_uuid() -> str:
    return str(uuid_mod.uuid4())


def test_admitting_a_child_whose_aadhaar_is_already_here_keeps_nothing(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    from desktop.services.core.errors import ServiceError

    _a, b = _waiting_at_b(tmp_path, actor, central_keys)
    with unit_of_work(b.engine, actor) as s:
        register_child(s, child_input(first_name="Other", aadhaar=aadhaar()), today=TODAY)
    with Session(b.engine) as s:
        n = s.scalar(select(func.count()).select_from(Child))
    files = _folder(b.store.root)
    with pytest.raises(ServiceError), unit_of_work(b.engine, actor) as s:
        (waiting,) = transfers.incoming(s)
        transfer_admit.admit(s, waiting, signer=b.signer, store=b.store, today=TODAY)
        assert len(_folder(b.store.root)) > len(files)  # the scans were written, then...
    with Session(b.engine) as s:
        assert s.scalar(select(func.count()).select_from(Child)) == n
        assert transfers.incoming(s)[0].status == "waiting"
    assert _folder(b.store.root) == files  # ...the clash (a real UNIQUE) removed them


def _folder(root: Path) -> list[str]:
    """Every file and folder under the attachment folder (none: it does not exist)."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def test_a_packet_whose_last_record_is_bad_leaves_the_attachment_folder_as_it_was(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    """The scans are written first; a record at the very end that cannot be taken in (it
    names a record not in the packet) and the folder is exactly as before, the scans B
    already held (the same photo of another child) still there."""
    a = _home(tmp_path, "Asha Kiran Home", 7, central_keys, actor)
    b = _home(tmp_path, "Bal Ashray Home", 8, central_keys, actor)
    _fill_directory(a, b)
    _fill_directory(b, a)
    cid = _child_with_history(a, actor)
    with unit_of_work(b.engine, actor) as s:  # B holds the same photo already
        other = register_child(s, child_input(first_name="Kiran"), today=TODAY)
        set_photo(s, other, data=PHOTO, store=b.store, today=TODAY)
        other_id = other.id
    with unit_of_work(a.engine, actor) as s:
        child = s.get(Child, cid)
        assert child is not None
        t = transfers.record_transfer(
            s, child, to_uuid=b.uuid, transfer_date="2026-11-20", order_no="CWC/1", reason=None
        )
        s.flush()
        good = packets.parse_packet(
            transfers.build_packet(s, t, signer=a.signer, store=a.store).data
        )
        to = s.get(transfers.DirectoryEntry, b.uuid)
        assert to is not None and to.enc_public is not None
        to_b = key_files.PublicKeys(
            "institution", to.name, key_files.unb64(to.sign_public), key_files.unb64(to.enc_public)
        )
        lines = transfers.child_record_lines(s, child, receiver=to_b, store=a.store)
        last = next(ln for ln in reversed(lines) if ln["type"] == "clts_follow_up")
        lines.remove(last)
        lines.append(dict(last, data=dict(last["data"], case_uuid=str(uuid_mod.uuid4()))))
        raw = packets.build_packet(
            records=lines,
            sender=good.sender,
            receiver=good.receiver,
            child=good.child,
            transfer=good.header["transfer"],
            created_at=good.header["created_at"],
            signer=a.signer,
            recipients=transfers._recipients(s, to),
        )
    with unit_of_work(b.engine, actor) as s:
        row_id = transfer_admit.receive_packet(s, raw).id
    with Session(b.engine) as s:
        counts = {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in _models()}
    files = _folder(b.store.root)
    assert len(files) == 2  # the photo and its folder
    with pytest.raises(packets.TransferError) as e, unit_of_work(b.engine, actor) as s:
        transfer_admit.admit(
            s, s.get(TransferPacket, row_id), signer=b.signer, store=b.store, today=TODAY
        )  # type: ignore[arg-type]
    assert "not in the packet" in e.value.message
    assert _folder(b.store.root) == files
    with Session(b.engine) as s:
        after = {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in _models()}
        assert after == counts
        kept = s.get(Child, other_id)
        assert kept is not None and kept.photo_hash and b.store.get(kept.photo_hash) == PHOTO


def _models() -> list[Any]:
    from desktop.models import TRACKED_MODELS

    return [*TRACKED_MODELS, Attachment]


def test_only_the_superintendent_admits_a_transferred_child(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    """Admitting needs APPROVE: a caseworker and a district official are refused before
    anything is written (no record, no scan, no audit event; the packet still waits); the
    superintendent admits."""
    from desktop.models import AuditEvent
    from desktop.services.core.errors import PermissionDenied
    from desktop.services.install.institution import local_institution

    a, b = _waiting_at_b(tmp_path, actor, central_keys)
    with Session(a.engine) as s:
        scans = list(s.scalars(select(Attachment.sha256)))
    with Session(b.engine) as s:
        inst = local_institution(s).id

    def kept() -> tuple[int, int, int, list[bool], str]:
        with Session(b.engine) as s:
            return (
                s.scalar(select(func.count()).select_from(Child)) or 0,
                s.scalar(select(func.count()).select_from(Attachment)) or 0,
                s.scalar(select(func.count()).select_from(AuditEvent)) or 0,
                [b.store.path_for(sha).exists() for sha in scans],
                transfers.incoming(s)[0].status,
            )

    before = kept()
    assert scans and before[0] == before[1] == 0 and not any(before[3])
    assert before[4] == "waiting"
    for who in (
        Actor("cw", "caseworker", institution_id=inst),
        Actor("dcpo", "district_official", state=10, districts=(212,)),
    ):
        with pytest.raises(PermissionDenied), unit_of_work(b.engine, who) as s:
            (waiting,) = transfers.incoming(s)
            transfer_admit.admit(s, waiting, signer=b.signer, store=b.store, today=TODAY)
        assert kept() == before, who.role
    head = Actor("su", "superintendent", institution_id=inst)
    with unit_of_work(b.engine, head) as s:
        (waiting,) = transfers.incoming(s)
        done = transfer_admit.admit(s, waiting, signer=b.signer, store=b.store, today=TODAY)
        assert done.child.status == "in_care"
    n, atts, _events, files, status = kept()
    assert n == 1 and atts == len(scans) and all(files) and status == "admitted"


def _two_homes(tmp_path: Path, actor: Actor, central: key_files.OwnKeys) -> tuple[Home, Home, int]:
    """A and B, each in the other's directory; a child in care at A (its id)."""
    a = _home(tmp_path, "Asha Kiran Home", 7, central, actor)
    b = _home(tmp_path, "Bal Ashray Home", 8, central, actor)
    _fill_directory(a, b)
    _fill_directory(b, a)
    with unit_of_work(a.engine, actor) as s:
        return a, b, register_child(s, child_input(first_name="Sunita"), today=TODAY).id


def _staff(home: Home, role: str) -> Actor:
    from desktop.services.install.institution import local_institution

    with Session(home.engine) as s:
        return Actor(role[:2], role, institution_id=local_institution(s).id)


def test_a_caseworkers_transfer_request_names_the_cci_and_approving_records_it_as_exit_and_transfer(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    """The request carries the directory choice; approving records the transfer exactly as
    the superintendent's own Exit and transfer (so its packet is made); a home outside the
    system stays free text (no packet); a CCI not in the directory is refused."""
    from desktop.models import ApprovalRequest, DirectoryEntry, Transfer
    from desktop.services.cases.approvals import approve_request, request_transfer
    from desktop.services.core.errors import ValidationError

    a, b, cid = _two_homes(tmp_path, actor, central_keys)
    cw, head = _staff(a, "caseworker"), _staff(a, "superintendent")
    ask = {"transfer_date": "2026-11-20", "order_no": "CWC/PAT/2026/320", "reason": "family"}
    with pytest.raises(ValidationError) as e, unit_of_work(a.engine, cw) as s:
        request_transfer(s, s.get(Child, cid), to_uuid=b_uuid(), today=TODAY, **ask)  # type: ignore[arg-type]
    assert set(e.value.errors) == {"to_uuid"}
    with unit_of_work(a.engine, cw) as s:
        req = request_transfer(s, s.get(Child, cid), to_uuid=b.uuid, today=TODAY, **ask)  # type: ignore[arg-type]
        assert req.details["to_institution_uuid"] == b.uuid
        assert req.details["to_institution"] == b.dir.name  # the directory's name
        assert s.get(Child, cid).status == "in_care"  # type: ignore[union-attr]
        req_id = req.id
    with unit_of_work(a.engine, head) as s:
        approve_request(s, s.get(ApprovalRequest, req_id), today=TODAY)  # type: ignore[arg-type]
    # The superintendent's own Exit and transfer of another child, to compare.
    with unit_of_work(a.engine, actor) as s:
        own = register_child(s, child_input(first_name="Meena"), today=TODAY)
        transfers.record_transfer(s, own, to_uuid=b.uuid, today=TODAY, **ask)
    with Session(a.engine) as s:
        approved, by_head = s.scalars(select(Transfer).order_by(Transfer.id)).all()
        fields = ("direction", "other_institution", "other_institution_uuid", "order_no")
        assert [getattr(approved, f) for f in fields] == [getattr(by_head, f) for f in fields]
        assert approved.other_institution_uuid == b.uuid
        assert s.get(Child, cid).status == "transferred"  # type: ignore[union-attr]
    assert transfer_net.prepare(a.engine, actor=actor, signer=a.signer, store=a.store) == 2
    with Session(a.engine) as s:
        assert {r.to_uuid for r in transfers.outgoing(s)} == {b.uuid}
    # A home outside the system: free text, as before; no packet.
    with unit_of_work(a.engine, actor) as s:
        third = register_child(s, child_input(first_name="Rani"), today=TODAY).id
    with unit_of_work(a.engine, cw) as s:
        req = request_transfer(
            s, s.get(Child, third), to_institution="Sneh Home, Ranchi", today=TODAY, **ask
        )  # type: ignore[arg-type]
        assert "to_institution_uuid" not in req.details
        req_id = req.id
    with unit_of_work(a.engine, head) as s:
        approve_request(s, s.get(ApprovalRequest, req_id), today=TODAY)  # type: ignore[arg-type]
        t = s.scalars(select(Transfer).order_by(Transfer.id.desc())).first()
        assert t is not None and t.other_institution == "Sneh Home, Ranchi"
        assert t.other_institution_uuid is None
    assert transfer_net.prepare(a.engine, actor=actor, signer=a.signer, store=a.store) == 0
    # The directory is checked again at approval: a CCI gone from it is refused, the case
    # stays open and the request waits.
    with unit_of_work(a.engine, actor) as s:
        fourth = register_child(s, child_input(first_name="Lata"), today=TODAY).id
    with unit_of_work(a.engine, cw) as s:
        req_id = request_transfer(s, s.get(Child, fourth), to_uuid=b.uuid, today=TODAY, **ask).id  # type: ignore[arg-type]
    with unit_of_work(a.engine, actor) as s:
        s.delete(s.get(DirectoryEntry, b.uuid))
    with pytest.raises(ValidationError), unit_of_work(a.engine, head) as s:
        approve_request(s, s.get(ApprovalRequest, req_id), today=TODAY)  # type: ignore[arg-type]
    with Session(a.engine) as s:
        assert s.get(Child, fourth).status == "in_care"  # type: ignore[union-attr]
        assert s.get(ApprovalRequest, req_id).status == "pending"  # type: ignore[union-attr]


def test_the_caseworkers_transfer_request_uses_the_directory_chooser(
    qtbot, tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:  # type: ignore[no-untyped-def]
    """The caseworker asks on the same Exit and transfer form: the receiving CCI chosen
    from the directory goes with the request, and the superintendent's approval records it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox

    from desktop.models import ApprovalRequest, Transfer
    from desktop.services.cases.approvals import approve_request
    from desktop.views.app_context import AppContext
    from desktop.views.main_window import MainWindow

    a, b, cid = _two_homes(tmp_path, actor, central_keys)
    cw = _staff(a, "caseworker")
    window = MainWindow(AppContext(a.engine, a.dir, cw, today=lambda: TODAY))
    qtbot.addWidget(window)
    window.show()
    window.open_child(cid)
    tab = window.profile.exit  # type: ignore[union-attr]
    assert tab.transfer_button.text() == "Ask the superintendent to record the transfer"
    box = tab.transfer_form.inputs["to_uuid"]
    assert isinstance(box, QComboBox) and box.count() == 2
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # the keyboard chooses B
    assert box.currentData() == b.uuid
    assert not tab.transfer_form.inputs["to_institution"].isEnabled()
    tab.transfer_form.set_values({"order_no": "CWC/PAT/2026/321", "transfer_date": "20-11-2026"})
    qtbot.mouseClick(tab.transfer_button, Qt.MouseButton.LeftButton)
    with Session(a.engine) as s:
        req = s.scalars(select(ApprovalRequest)).one()
        assert req.kind == "transfer" and req.details["to_institution_uuid"] == b.uuid
        assert s.get(Child, cid).status == "in_care"  # type: ignore[union-attr]
        assert "whole record goes to this CCI" in tab.waiting.text()
    with unit_of_work(a.engine, _staff(a, "superintendent")) as s:
        approve_request(s, s.get(ApprovalRequest, req.id), today=TODAY)  # type: ignore[arg-type]
    with Session(a.engine) as s:
        assert s.scalars(select(Transfer)).one().other_institution_uuid == b.uuid


def test_the_district_office_fetches_from_central_the_packet_for_a_cci_that_syncs_by_stick(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    """CCI A (online) -> central -> district office -> stick -> CCI B admits; B's
    acknowledgement goes back by stick and the office, A sees it from central. B's transfer
    key reaches central through the office too (A could not address B otherwise)."""
    from central.enrolment import enrol_district
    from central.models import Enrolment
    from sync_client.district import mode as district_office

    a = _home(tmp_path, "Asha Kiran Home", 7, central_keys, actor)
    b = _home(tmp_path, "Bal Ashray Home", 8, central_keys, actor)
    office_dir = tmp_path / "office"
    office_db = open_database(office_dir)
    with unit_of_work(office_db, actor) as s:
        stored = district_office.setup_office(
            s, data_dir=office_dir, name="Patna DCPU", district_code=212, passphrase=PASS
        )
    keys = stored.keys
    view = district_office.open_view(office_dir)
    office = Receiver(view, keys, district_code=212)
    key_files.write_public_key_file(b.dir / "district.pub", keys.public())
    with unit_of_work(b.engine, actor) as s:
        sync_outbox.import_public_key(s, path=b.dir / "district.pub")
    stick = tmp_path / "stick-b"

    def forward() -> district_office.TransferFetch:
        up = UploadSettings(url=server.url)
        _sent, problem = district_office.forward(view=view, settings=up, signer=keys)
        assert problem is None  # B's bundles, on to central
        with unit_of_work(office_db, actor, rules=False) as os_:
            return district_office.fetch_transfers(view=view, settings=up, signer=keys, office=os_)

    with running_central(tmp_path, central_keys) as (server, rcv):
        # C: online, in the same district (it fetches its packets itself).
        c = _home(tmp_path, "Chetna Home", 9, central_keys, actor)
        for h in (a, b, c):  # all enrolled at central (B's bundles come through the office)
            with Session(h.engine) as s:
                rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        with Session(writer(rcv.engine)) as cs, cs.begin():
            enrol_district(cs, district_code=212, state_code=10, public=keys.public(), by="t")
        _stick_round(b, actor, office, keys, stick, office_db)  # B's key statement
        assert forward().keys_sent == 1  # ... handed to central by the office
        with Session(rcv.engine) as cs:
            assert cs.get(Enrolment, b.uuid).enc_key is not None  # type: ignore[union-attr]
        _sync(c, actor, server.url)
        _sync(a, actor, server.url)
        _push(a, actor, server.url)  # A's receipt: the directory, with B and C
        with Session(a.engine) as s:
            assert {d.uuid for d in transfers.directory(s)} == {b.uuid, c.uuid}
        with unit_of_work(a.engine, actor) as s:  # a child for C too
            transfers.record_transfer(
                s,
                register_child(s, child_input(first_name="Meena"), today=TODAY),
                to_uuid=c.uuid,
                transfer_date="2026-11-20",
                order_no="CWC/PAT/2026/331",
                reason=None,
                today=TODAY,
            )
        cid = _child_with_history(a, actor)
        with unit_of_work(a.engine, actor) as s:
            child_uuid = str(s.get(Child, cid).uuid)  # type: ignore[union-attr]
            transfers.record_transfer(
                s,
                s.get(Child, cid),  # type: ignore[arg-type]
                to_uuid=b.uuid,
                transfer_date="2026-11-20",
                order_no="CWC/PAT/2026/330",
                reason=None,
                today=TODAY,
            )
        transfer_net.prepare(a.engine, actor=actor, signer=a.signer, store=a.store)
        before = _record(a, child_uuid)
        _push(a, actor, server.url)  # the hand-overs
        assert _sync(a, actor, server.url).sent == 2  # the packets, to central
        fetched = forward()
        assert (fetched.packets, fetched.refused) == (1, [])  # B's only: C is online
        assert forward().packets == 0  # kept once
        # B's next stick: a new bundle of B's gets a receipt with A in its directory, and
        # the packet is written on the stick for B.
        with unit_of_work(b.engine, actor) as s:
            register_child(s, child_input(first_name="Kiran", gender="male"), today=TODAY)
        got, back = _stick_round(b, actor, office, keys, stick, office_db)
        assert got.transfers_written == 1
        assert (back.received, back.refused) == (1, [])
        with unit_of_work(b.engine, actor) as s:
            (waiting,) = transfers.incoming(s)
            done = transfer_admit.admit(s, waiting, signer=b.signer, store=b.store, today=TODAY)
            assert str(done.child.uuid) == child_uuid
        after = _record(b, child_uuid)
        for key, data in before.items():
            if key[0] not in ("child", "transfer"):
                assert after[key] == data, key
        got, _ = _stick_round(b, actor, office, keys, stick, office_db)  # B's ack, by stick
        assert got.transfers_taken == 1
        assert forward().acks_sent == 1  # the office hands it to central
        assert _sync(a, actor, server.url).acks_received == 1
        with Session(a.engine) as s:
            status = {r.to_uuid: r.status for r in transfers.outgoing(s)}
            assert status == {b.uuid: "acknowledged", c.uuid: "sent"}
        assert forward() == district_office.TransferFetch()  # nothing waits any more
        _push(c, actor, server.url)  # C's receipt: the directory, with A
        assert _sync(c, actor, server.url).received == 1  # C's packet, fetched by C


def test_a_household_shared_with_a_sibling_travels_keeps_its_owner_and_is_not_taken_in_twice(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    """Two siblings' CLTS cases name one household. The first child's packet carries the
    household and its members (not the sibling's case), without a hand-over for them; when
    the sibling follows, B keeps the household it has (one record)."""
    from desktop.models import CltsCase, CltsHousehold, CltsMember, Handover
    from desktop.services.clts.household import share_household
    from tests.clts_helpers import rescued_child

    a, b, _cid = _two_homes(tmp_path, actor, central_keys)
    with unit_of_work(a.engine, actor) as s:
        raju, case1 = rescued_child(s)
        save_household(s, case1, {"head_name": "Ramesh Manjhi"}, today=TODAY)
        add_member(s, case1, {"name": "Geeta Devi", "relation": "mother"}, today=TODAY)
        sonu, case2 = rescued_child(s, child={"first_name": "Sonu", "gender": "female"})
        share_household(s, case2, case1, today=TODAY)
        ids, case2_uuid = (raju.id, sonu.id), str(case2.uuid)
        hh = {str(s.get(CltsHousehold, case1.household_id).uuid)}  # type: ignore[union-attr]
        hh |= {str(m.uuid) for m in s.scalars(select(CltsMember))}
    for n, cid in enumerate(ids):
        with unit_of_work(a.engine, actor) as s:
            raw = transfers.send_transfer(
                s,
                s.get(Child, cid),  # type: ignore[arg-type]
                to_uuid=b.uuid,
                transfer_date="2026-11-20",
                order_no=f"CWC/PAT/2026/34{n}",
                reason=None,
                signer=a.signer,
                store=a.store,
                today=TODAY,
            ).data
            handed = set(s.scalars(select(Handover.record_uuid)))
        with Session(a.engine) as s:
            lines = transfers.child_record_lines(
                s,
                s.get(Child, cid),  # type: ignore[arg-type]
                receiver=_any_receiver(),
                store=a.store,
            )
        carried = {ln["record_uuid"] for ln in lines}
        assert hh <= carried  # the household and its member travel with each child
        if n == 0:
            assert case2_uuid not in carried  # never the sibling's case
            assert not hh & handed  # the sibling stays: the household keeps its owner
        else:
            assert hh <= handed  # the last sibling to leave takes it along
        with unit_of_work(b.engine, actor) as s:
            row = transfer_admit.receive_packet(s, raw)
            transfer_admit.admit(s, row, signer=b.signer, store=b.store, today=TODAY)
    with Session(b.engine) as s:
        assert s.scalar(select(func.count()).select_from(CltsHousehold)) == 1
        assert s.scalar(select(func.count()).select_from(CltsMember)) == 1
        cases = list(s.scalars(select(CltsCase)))
        assert len(cases) == 2 and len({c.household_id for c in cases}) == 1
