"""A CCI that syncs only by USB stick transfers a child to any CCI (issue 20): stick-only
CCI A in Patna -> stick -> district office -> a real central on 127.0.0.1 -> CCI B online
in Gaya admits; B's acknowledgement -> central -> office -> stick -> A."""

from __future__ import annotations

import socket
import uuid as uuid_mod
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from central.models import MergedRecord, TransferRelay
from central.schema import writer
from desktop.db import open_database
from desktop.models import Child, DirectoryEntry, TransferPacket
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from sync_client.district import mode as district_office
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange import transfer_net
from sync_client.exchange.upload import UploadSettings, institution_info
from sync_client.exchange.usb import export_outbox, import_receipts
from sync_client.transfers import admit as transfer_admit
from sync_client.transfers import packets as transfers
from tests.conftest import TODAY
from tests.helpers import child_input
from tests.sync_helpers import running_central
from tests.test_transfers import (
    PASS,
    _child_with_history,
    _every_table,
    _home,
    _push,
    _record,
    _stick_round,
    _sync,
)


@pytest.fixture(scope="module")
def central_keys() -> key_files.OwnKeys:
    return key_files.generate_keys(role="central", name="Test State")


def _enrol_at(rcv: Any, home: Any) -> None:
    """The CCI enrolled at a central directly (its administrator)."""
    with Session(home.engine) as s:
        public = sync_outbox.own_public(s)
        assert public is not None
        rcv.enrol(institution=institution_info(s), public=public)


MOVED = {"status", "exit_date", "exit_reason", "exit_order_no", "institution_uuid", "updated_at"}


def _office(tmp: Path, actor: Actor, central: key_files.OwnKeys) -> tuple[Any, Any, Any]:
    """Patna's district office: its database (with central's key imported), keys, view."""
    office_dir = tmp / "office"
    office_db = open_database(office_dir)
    with unit_of_work(office_db, actor) as s:
        stored = district_office.setup_office(
            s, data_dir=office_dir, name="Patna DCPU", district_code=212, passphrase=PASS
        )
        key_files.write_public_key_file(office_dir / "central.pub", central.public())
        sync_outbox.import_public_key(s, path=office_dir / "central.pub")
    return office_db, stored.keys, district_office.open_view(office_dir)


def _patna_office(
    tmp: Path, actor: Actor, central: key_files.OwnKeys, a: Any
) -> tuple[Any, Any, Any, Any, Path]:
    """Patna's office (`_office`), its receiver of sticks, and A (stick-only) holding the
    office's key; the stick A's bundles travel on."""
    from central.service import Receiver

    office_db, keys, view = _office(tmp, actor, central)
    key_files.write_public_key_file(a.dir / "district.pub", keys.public())
    with unit_of_work(a.engine, actor) as s:
        sync_outbox.import_public_key(s, path=a.dir / "district.pub")
    return office_db, keys, view, Receiver(view, keys, district_code=212), tmp / "stick-a"


def _forward(office_db: Any, view: Any, keys: Any, actor: Actor, url: str) -> Any:
    """The office's forward to central (its bundles, then the transfers): what it did."""
    done = district_office.TransferFetch()
    with unit_of_work(office_db, actor, rules=False) as os_:
        _sent, problem = district_office.forward(
            view=view, settings=UploadSettings(url=url), signer=keys, office=os_, transfers=done
        )
    assert problem is None
    return done


def test_a_stick_only_cci_transfers_to_a_cci_online_in_another_district_and_sees_the_ack(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    from central.enrolment import enrol_district

    a = _home(tmp_path, "Asha Kiran Home", 7, central_keys, actor)  # Patna, by stick
    b = _home(tmp_path, "Bal Ashray Home", 8, central_keys, actor, district=213)  # Gaya
    office_db, keys, view, office, stick = _patna_office(tmp_path, actor, central_keys, a)

    def forward() -> district_office.TransferFetch:
        return _forward(office_db, view, keys, actor, server.url)

    with running_central(tmp_path, central_keys) as (server, rcv):
        for h in (a, b):
            _enrol_at(rcv, h)
        with Session(writer(rcv.engine)) as cs, cs.begin():
            enrol_district(cs, district_code=212, state_code=10, public=keys.public(), by="t")
        _sync(b, actor, server.url)  # B's transfer key, at central
        _stick_round(a, actor, office, keys, stick, office_db)  # A's bundle and key statement
        assert forward().keys_sent == 1
        with Session(office_db) as os_:  # central's receipt of A's bundle: B, of Gaya
            entry = os_.get(DirectoryEntry, b.uuid)
            assert entry is not None and entry.district_code == 213
        # A's next stick: a new bundle of A's, whose receipt lists B.
        cid = _child_with_history(a, actor)
        _stick_round(a, actor, office, keys, stick, office_db)
        with Session(a.engine) as s:
            assert [(d.uuid, d.district_code) for d in transfers.directory(s)] == [(b.uuid, 213)]
            child_uuid = str(s.get(Child, cid).uuid)  # type: ignore[union-attr]
        with unit_of_work(a.engine, actor) as s:
            row = transfers.record_transfer(
                s,
                s.get(Child, cid),  # type: ignore[arg-type]
                to_uuid=b.uuid,
                transfer_date="2026-11-20",
                order_no="CWC/PAT/2026/401",
                reason="nearer the family",
                today=TODAY,
            )
        before = _record(a, child_uuid)
        at_a = _every_table(a)
        got, _ = _stick_round(a, actor, office, keys, stick, office_db)
        assert got.transfers_taken == 1  # kept at the office, for central
        with Session(a.engine) as s:
            (out,) = transfers.outgoing(s)
            code = out.child_code
            assert out.status == "waiting"
        with Session(rcv.engine) as cs:
            assert cs.scalar(select(func.count()).select_from(TransferRelay)) == 0
        # Central cannot be reached: the packet stays waiting at the office.
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            dead = UploadSettings(url=f"http://127.0.0.1:{sock.getsockname()[1]}")
            with (
                pytest.raises(OSError),
                unit_of_work(office_db, actor, rules=False) as os_,
            ):
                district_office.fetch_transfers(view=view, settings=dead, signer=keys, office=os_)
        with Session(view) as s:
            assert [r.sender for r in s.scalars(select(TransferRelay))] == ["office:to-central"]
        done = forward()
        assert (done.handed_on, done.refused) == (1, [])
        assert forward().handed_on == 0  # handed on once
        with Session(rcv.engine) as cs:
            (relay,) = cs.scalars(select(TransferRelay))
            assert (relay.from_uuid, relay.to_uuid, relay.to_district_code) == (
                a.uuid,
                b.uuid,
                213,
            )
            owners = set(
                cs.scalars(
                    select(MergedRecord.owner_uuid).where(MergedRecord.record_uuid == child_uuid)
                )
            )
            assert owners == {b.uuid}  # the hand-over, in A's bundle the office forwarded
        # A hand-on replayed (the office lost its mark): central keeps one copy.
        with Session(writer(view)) as s, s.begin():
            s.get(TransferRelay, relay.packet_id).sender = "office:to-central"  # type: ignore[union-attr]
        assert forward().handed_on == 1
        with Session(rcv.engine) as cs:
            assert cs.scalar(select(func.count()).select_from(TransferRelay)) == 1
        # B, online, fetches and admits: the same child, the same records (B's receipt of
        # new work first brings A into its directory, with A's transfer key).
        with unit_of_work(b.engine, actor) as s:
            register_child(s, child_input(first_name="Kiran", gender="male"), today=TODAY)
        _push(b, actor, server.url)
        got_b = _sync(b, actor, server.url)
        assert (got_b.received, got_b.refused) == (1, [])
        with unit_of_work(b.engine, actor) as s:
            (waiting,) = transfers.incoming(s)
            done_b = transfer_admit.admit(s, waiting, signer=b.signer, store=b.store, today=TODAY)
            assert done_b.child.code == code and str(done_b.child.uuid) == child_uuid
            assert done_b.child.status == "in_care"
        after = _record(b, child_uuid)
        for key, data in before.items():
            assert key in after, key
            if key[0] == "child":
                assert {k: v for k, v in data.items() if k not in MOVED} == {
                    k: v for k, v in after[key].items() if k not in MOVED
                }
            elif key[0] != "transfer":
                assert after[key] == data, key
        at_b = _every_table(b)
        for t, uuids in at_a.items():
            assert uuids <= at_b[t], t
        for sha in (k[1] for k in before if k[0] == "attachment"):
            assert b.store.get(sha) == a.store.get(sha)
        _push(b, actor, server.url)
        assert _sync(b, actor, server.url).acks_sent == 1
        # The ack: central -> office -> A's stick; A shows the transfer acknowledged.
        fetched = forward()
        assert (fetched.acks_received, fetched.refused) == (1, [])
        assert forward().acks_received == 0
        got, back = _stick_round(a, actor, office, keys, stick, office_db)
        assert (back.acks_received, back.refused) == (1, [])
        assert got.transfers_taken == 0  # the packet on the stick again: kept once
        with Session(a.engine) as s:
            (out,) = transfers.outgoing(s)
            assert out.status == "acknowledged" and out.packet_id == relay.packet_id
        assert row is not None


def test_a_packet_tampered_on_the_stick_or_at_the_office_is_refused_and_nothing_is_applied(
    tmp_path: Path, actor: Actor, central_keys: key_files.OwnKeys
) -> None:
    from central.enrolment import enrol_district

    a = _home(tmp_path, "Asha Kiran Home", 7, central_keys, actor)
    b = _home(tmp_path, "Bal Ashray Home", 8, central_keys, actor, district=213)
    office_db, keys, view, office, stick = _patna_office(tmp_path, actor, central_keys, a)

    def forward() -> district_office.TransferFetch:
        return _forward(office_db, view, keys, actor, server.url)

    with running_central(tmp_path, central_keys) as (server, rcv):
        for h in (a, b):
            _enrol_at(rcv, h)
        with Session(writer(rcv.engine)) as cs, cs.begin():
            enrol_district(cs, district_code=212, state_code=10, public=keys.public(), by="t")
        _sync(b, actor, server.url)
        _stick_round(a, actor, office, keys, stick, office_db)
        forward()  # the office's forward: the directory from central's receipt
        with unit_of_work(b.engine, actor) as s:
            register_child(s, child_input(first_name="Kiran", gender="male"), today=TODAY)
        _push(b, actor, server.url)  # A in B's directory
        with unit_of_work(a.engine, actor) as s:
            kids = [register_child(s, child_input(first_name=n), today=TODAY).id for n in "PQ"]
        _stick_round(a, actor, office, keys, stick, office_db)  # B in A's directory
        with unit_of_work(a.engine, actor) as s:
            for n, kid in enumerate(kids):
                transfers.record_transfer(
                    s,
                    s.get(Child, kid),  # type: ignore[arg-type]
                    to_uuid=b.uuid,
                    transfer_date="2026-11-20",
                    order_no=f"CWC/PAT/2026/41{n}",
                    reason=None,
                    today=TODAY,
                )
        # A's stick, one packet changed in one byte on the way: the office refuses it.
        transfer_net.prepare(a.engine, actor=actor, signer=a.signer, store=a.store)
        with unit_of_work(a.engine, actor) as s:
            sync_outbox.build_bundles(s, signer=a.signer, attachments=a.store)
            export_outbox(s, folder=stick, institution=institution_info(s))
        transfer_net.to_stick(a.engine, actor=actor, root=stick, signer=a.signer)
        with Session(a.engine) as s:
            first, second = transfers.outgoing(s)
        path = stick / "CLMS" / "transfers" / b.uuid / f"{first.packet_id}.clmst"
        data = path.read_bytes()
        path.write_bytes(data[:-7] + bytes([data[-7] ^ 1]) + data[-6:])
        with unit_of_work(office_db, actor, rules=False) as os_:
            got = district_office.import_folder(
                view=view, keys=keys, district_code=212, folder=stick, office=os_
            )
        assert got.transfers_taken == 1  # the other packet only
        with Session(view) as s:
            assert s.get(TransferRelay, first.packet_id) is None
            kept = s.get(TransferRelay, second.packet_id)
            assert kept is not None and kept.sender == "office:to-central"
        # The other one changed in the office's database before it is handed on: central
        # refuses it, keeps nothing, and the office keeps it waiting (reported).
        with Session(writer(view)) as s, s.begin():
            r = s.get(TransferRelay, second.packet_id)
            assert r is not None
            good = r.data
            r.data = good[:-7] + bytes([good[-7] ^ 1]) + good[-6:]
        done = forward()
        assert done.handed_on == 0 and len(done.refused) == 1, done
        assert "bad-signature" in done.refused[0] or "damaged" in done.refused[0], done.refused
        with Session(rcv.engine) as cs:
            assert cs.scalar(select(func.count()).select_from(TransferRelay)) == 0
        assert _sync(b, actor, server.url).received == 0
        with Session(b.engine) as s:
            assert s.scalar(select(func.count()).select_from(TransferPacket)) == 0
            assert s.scalar(select(func.count()).select_from(Child)) == 1  # Kiran only
        # Put right, the next forward hands it on (nothing was lost).
        with Session(writer(view)) as s, s.begin():
            r = s.get(TransferRelay, second.packet_id)
            assert r is not None
            r.data = good
        assert forward().handed_on == 1
        assert _sync(b, actor, server.url).received == 1
        with Session(b.engine) as s:
            (inc,) = transfers.incoming(s)
            assert inc.packet_id == second.packet_id
        with unit_of_work(a.engine, actor) as s:  # A's view of the changed one: still waiting
            import_receipts(s, folder=stick, institution_uuid=a.uuid)
        assert uuid_mod.UUID(first.packet_id)


def test_a_stick_only_cci_transfers_to_a_cci_of_another_state(
    tmp_path: Path, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stick-only A (Bihar, Patna) -> stick -> office -> Bihar's central -> Jharkhand's
    central -> B online (Ranchi) admits; the acknowledgement back the same way to A."""
    from central.enrolment import enrol_district
    from tests.test_transfers_interstate import (
        BIHAR,
        JHARKHAND,
        PASSPHRASE,
        RANCHI,
        _register,
        _state,
    )

    monkeypatch.setenv("CLMS_CENTRAL_PASSPHRASE", PASSPHRASE)
    bihar_keys = key_files.generate_keys(role="central", name="Bihar State")
    jharkhand_keys = key_files.generate_keys(role="central", name="Jharkhand State")
    a = _home(tmp_path, "Asha Kiran Home", 7, bihar_keys, actor)
    b = _home(
        tmp_path, "Birsa Bal Ashray", 8, jharkhand_keys, actor, district=RANCHI, state=JHARKHAND
    )
    office_db, keys, view, office, stick = _patna_office(tmp_path, actor, bihar_keys, a)

    def forward() -> district_office.TransferFetch:
        return _forward(office_db, view, keys, actor, br.url)

    def new_work(name: str) -> None:  # a new bundle of A's: a new receipt, the directory
        with unit_of_work(a.engine, actor) as s:
            register_child(s, child_input(first_name=name), today=TODAY)
        _stick_round(a, actor, office, keys, stick, office_db)

    with (
        _state(tmp_path, bihar_keys, BIHAR) as br,
        _state(tmp_path, jharkhand_keys, JHARKHAND) as jh,
    ):
        _enrol_at(br.rcv, a)
        _enrol_at(jh.rcv, b)
        _sync(b, actor, jh.url)
        with Session(writer(br.rcv.engine)) as cs, cs.begin():
            enrol_district(cs, district_code=212, state_code=BIHAR, public=keys.public(), by="t")
        _register(br, jh, "Jharkhand State")
        _register(jh, br, "Bihar State")
        _stick_round(a, actor, office, keys, stick, office_db)
        assert forward().keys_sent == 1  # A's transfer key, at Bihar's central
        assert br.cli("refresh") == 0 and jh.cli("refresh") == 0  # A known in Jharkhand
        cid = _child_with_history(a, actor)
        _stick_round(a, actor, office, keys, stick, office_db)
        forward()  # central's receipt of A's bundle: B, of Jharkhand, with its central's key
        with Session(office_db) as os_:
            entry = os_.get(DirectoryEntry, b.uuid)
            assert entry is not None and entry.state_code == JHARKHAND
            assert entry.central_enc_public == key_files.b64(jharkhand_keys.public().enc or b"")
        new_work("Meena")
        with Session(a.engine) as s:
            (d,) = transfers.directory(s)
            assert (d.uuid, d.state_code, d.district_code) == (b.uuid, JHARKHAND, RANCHI)
            assert d.central_enc_public == key_files.b64(jharkhand_keys.public().enc or b"")
            child_uuid = str(s.get(Child, cid).uuid)  # type: ignore[union-attr]
        with unit_of_work(a.engine, actor) as s:
            transfers.record_transfer(
                s,
                s.get(Child, cid),  # type: ignore[arg-type]
                to_uuid=b.uuid,
                transfer_date="2026-11-20",
                order_no="CWC/PAT/2026/501",
                reason="restored to the home state",
                today=TODAY,
            )
        before = _record(a, child_uuid)
        got, _ = _stick_round(a, actor, office, keys, stick, office_db)
        assert got.transfers_taken == 1
        assert forward().handed_on == 1  # to Bihar's central, forwarded on to Jharkhand's
        with Session(jh.rcv.engine) as cs:
            (relay,) = cs.scalars(select(TransferRelay))
            assert (relay.from_uuid, relay.to_uuid, relay.from_peer_state) == (
                a.uuid,
                b.uuid,
                BIHAR,
            )
        with unit_of_work(b.engine, actor) as s:  # B's new work: A in its directory
            register_child(s, child_input(first_name="Kiran", gender="male"), today=TODAY)
        _push(b, actor, jh.url)
        assert _sync(b, actor, jh.url).received == 1
        with unit_of_work(b.engine, actor) as s:
            (waiting,) = transfers.incoming(s)
            done_b = transfer_admit.admit(s, waiting, signer=b.signer, store=b.store, today=TODAY)
            assert str(done_b.child.uuid) == child_uuid and done_b.child.status == "in_care"
        after = _record(b, child_uuid)
        for key, data in before.items():
            if key[0] not in ("child", "transfer"):
                assert after[key] == data, key
        _push(b, actor, jh.url)
        assert _sync(b, actor, jh.url).acks_sent == 1  # to Jharkhand's, forwarded to Bihar's
        assert forward().acks_received == 1
        _got, back = _stick_round(a, actor, office, keys, stick, office_db)
        assert (back.acks_received, back.refused) == (1, [])
        with Session(a.engine) as s:
            (out,) = transfers.outgoing(s)
            assert out.status == "acknowledged"


def test_a_stick_only_cci_receives_a_child_from_a_cci_of_another_state(
    tmp_path: Path, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """J online (Jharkhand) -> Jharkhand's central -> Bihar's central -> Patna's office ->
    stick -> A admits; A's acknowledgement -> stick -> office -> Bihar's -> Jharkhand's -> J."""
    from central.enrolment import enrol_district
    from tests.test_transfers_interstate import (
        BIHAR,
        JHARKHAND,
        PASSPHRASE,
        RANCHI,
        _register,
        _state,
    )

    monkeypatch.setenv("CLMS_CENTRAL_PASSPHRASE", PASSPHRASE)
    bihar_keys = key_files.generate_keys(role="central", name="Bihar State")
    jharkhand_keys = key_files.generate_keys(role="central", name="Jharkhand State")
    a = _home(tmp_path, "Asha Kiran Home", 7, bihar_keys, actor)
    j = _home(
        tmp_path, "Birsa Bal Ashray", 8, jharkhand_keys, actor, district=RANCHI, state=JHARKHAND
    )
    office_db, keys, view, office, stick = _patna_office(tmp_path, actor, bihar_keys, a)

    def forward() -> district_office.TransferFetch:
        return _forward(office_db, view, keys, actor, br.url)

    with (
        _state(tmp_path, bihar_keys, BIHAR) as br,
        _state(tmp_path, jharkhand_keys, JHARKHAND) as jh,
    ):
        _enrol_at(br.rcv, a)
        _enrol_at(jh.rcv, j)
        _sync(j, actor, jh.url)
        with Session(writer(br.rcv.engine)) as cs, cs.begin():
            enrol_district(cs, district_code=212, state_code=BIHAR, public=keys.public(), by="t")
        _register(br, jh, "Jharkhand State")
        _register(jh, br, "Bihar State")
        _stick_round(a, actor, office, keys, stick, office_db)
        assert forward().keys_sent == 1  # A's transfer key, at Bihar's central
        assert br.cli("refresh") == 0 and jh.cli("refresh") == 0  # A known in Jharkhand
        _push(j, actor, jh.url)  # J's receipt: A, of Bihar
        with Session(j.engine) as s:
            assert [d.uuid for d in transfers.directory(s)] == [a.uuid]
        cid = _child_with_history(j, actor)
        with unit_of_work(j.engine, actor) as s:
            child_uuid = str(s.get(Child, cid).uuid)  # type: ignore[union-attr]
            transfers.send_transfer(
                s,
                s.get(Child, cid),  # type: ignore[arg-type]
                to_uuid=a.uuid,
                transfer_date="2026-11-20",
                order_no="CWC/RAN/2026/77",
                reason=None,
                signer=j.signer,
                store=j.store,
                today=TODAY,
            )
        before = _record(j, child_uuid)
        _push(j, actor, jh.url)  # the hand-overs
        assert _sync(j, actor, jh.url).sent == 1  # to Jharkhand's, forwarded to Bihar's
        fetched = forward()
        assert (fetched.packets, fetched.refused) == (1, [])
        with Session(office_db) as os_:
            entry = os_.get(DirectoryEntry, j.uuid)
            assert entry is not None and entry.state_code == JHARKHAND
        # A's next stick (new work: a receipt with J in the directory) carries the packet.
        with unit_of_work(a.engine, actor) as s:
            register_child(s, child_input(first_name="Meena"), today=TODAY)
        got, back = _stick_round(a, actor, office, keys, stick, office_db)
        assert got.transfers_written == 1
        assert (back.received, back.refused) == (1, [])
        with unit_of_work(a.engine, actor) as s:
            (waiting,) = transfers.incoming(s)
            done_a = transfer_admit.admit(s, waiting, signer=a.signer, store=a.store, today=TODAY)
            assert str(done_a.child.uuid) == child_uuid and done_a.child.status == "in_care"
        after = _record(a, child_uuid)
        for key, data in before.items():
            if key[0] not in ("child", "transfer"):
                assert after[key] == data, key
        got, _ = _stick_round(a, actor, office, keys, stick, office_db)  # A's ack, by stick
        assert got.transfers_taken == 1
        assert forward().acks_sent == 1  # to Bihar's central, forwarded to Jharkhand's
        assert _sync(j, actor, jh.url).acks_received == 1
        with Session(j.engine) as s:
            (out,) = transfers.outgoing(s)
            assert out.status == "acknowledged"
