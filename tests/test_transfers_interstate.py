"""Transfers between states (issue 20): a child rescued in Bihar goes home to a Jharkhand
CCI. Two real centrals on 127.0.0.1 (two ports, two SQLite files), registered with each
other as peers by the `python -m central peers` commands; CCI A (state 10) -> Bihar's
central -> Jharkhand's central -> CCI B (state 20), and the acknowledgement back."""

from __future__ import annotations

import contextlib
import json
import uuid as uuid_mod
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format import transfer as packets
from bundle_format.request_auth import sign_request
from central import peers
from central.__main__ import main as central_main
from central.models import (
    AdminEvent,
    MergedRecord,
    PeerCentral,
    PeerForward,
    PeerInstitution,
    TransferRelay,
)
from central.projection import view_child
from central.reports.area import Area
from central.schema import writer
from central.service import Receiver
from desktop.models import Child, DirectoryEntry
from desktop.services.core.context import Actor, unit_of_work
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import institution_info
from sync_client.transfers import admit as transfer_admit
from sync_client.transfers import packets as transfers
from tests.conftest import TODAY
from tests.helpers import aadhaar
from tests.sync_helpers import db_state, running_central
from tests.test_transfers import (
    Home,
    _child_with_history,
    _home,
    _push,
    _record,
    _sync,
    res_b_receipt,
)

BIHAR, JHARKHAND = 10, 20
RANCHI = 364
PASSPHRASE = "central test passphrase"
MOVED = {"status", "exit_date", "exit_reason", "exit_order_no", "institution_uuid", "updated_at"}


@pytest.fixture(scope="module")
def bihar_keys() -> key_files.OwnKeys:
    return key_files.generate_keys(role="central", name="Bihar State")


@pytest.fixture(scope="module")
def jharkhand_keys() -> key_files.OwnKeys:
    return key_files.generate_keys(role="central", name="Jharkhand State")


class State:
    """One state's central: its running server, receiver, keys folder and database URL."""

    def __init__(self, url: str, rcv: Receiver, keys_dir: Path, db: str, code: int) -> None:
        self.url, self.rcv, self.keys_dir, self.db, self.code = url, rcv, keys_dir, db, code

    def cli(self, *args: str) -> int:
        return central_main(["peers", *args, "--db", self.db, "--keys", str(self.keys_dir)])


@contextlib.contextmanager
def _state(tmp: Path, keys: key_files.OwnKeys, code: int) -> Iterator[State]:
    d = tmp / f"central-{code}"
    d.mkdir()
    key_files.save_private_file(d / "central.key", keys, passphrase=PASSPHRASE)
    key_files.write_public_key_file(d / "central.pub", keys.public())
    with running_central(d, keys) as (server, rcv):
        yield State(server.url, rcv, d, f"sqlite:///{d / 'central.sqlite'}", code)


def _register(here: State, there: State, name: str) -> None:
    """`peers add` with the other central's key file and its fingerprint, read out."""
    fp = key_files.read_public_key_file(there.keys_dir / "central.pub").fingerprint
    pub = str(there.keys_dir / "central.pub")
    args = ["add", pub, "--state", str(there.code), "--name", name, "--url", there.url]
    assert here.cli(*args, "--fingerprint", "0000 1111") == 1  # a wrong one: refused
    assert here.cli(*args, "--fingerprint", fp.lower(), "--by", "admin") == 0


def _enrol(state: State, *homes: Home, actor: Actor) -> None:
    for h in homes:
        with Session(h.engine) as s:
            state.rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        _sync(h, actor, state.url)  # the transfer key enrolled


@contextlib.contextmanager
def _two_states(
    tmp_path: Path,
    actor: Actor,
    bihar_keys: key_files.OwnKeys,
    jharkhand_keys: key_files.OwnKeys,
    monkeypatch: pytest.MonkeyPatch,
    extra_bihar: bool = False,
) -> Iterator[tuple[State, State, Home, Home, Home | None]]:
    """Bihar with CCI A (and C), Jharkhand with CCI B, the centrals registered as peers
    and their directories fetched, every CCI's receipt with the directory."""
    monkeypatch.setenv("CLMS_CENTRAL_PASSPHRASE", PASSPHRASE)
    a = _home(tmp_path, "Asha Kiran Home", 7, bihar_keys, actor)
    c = _home(tmp_path, "Chetna Home", 9, bihar_keys, actor) if extra_bihar else None
    b = _home(
        tmp_path, "Birsa Bal Ashray", 8, jharkhand_keys, actor, district=RANCHI, state=JHARKHAND
    )
    with (
        _state(tmp_path, bihar_keys, BIHAR) as br,
        _state(tmp_path, jharkhand_keys, JHARKHAND) as jh,
    ):
        _enrol(br, *([a, c] if c else [a]), actor=actor)
        _enrol(jh, b, actor=actor)
        _register(br, jh, "Jharkhand State")
        _register(jh, br, "Bihar State")
        assert br.cli("refresh") == 0 and jh.cli("refresh") == 0
        assert br.cli("list") == 0
        for h, st in ((b, jh), (a, br), *(((c, br),) if c else ())):
            _push(h, actor, st.url)  # the receipts bring the directory, both states
        yield br, jh, a, b, c


def _send(home: Home, actor: Actor, child_id: int, to: str, order: str) -> str:
    with unit_of_work(home.engine, actor) as s:
        row = transfers.send_transfer(
            s,
            s.get(Child, child_id),  # type: ignore[arg-type]
            to_uuid=to,
            transfer_date="2026-11-20",
            order_no=order,
            reason="restoration to the home state",
            signer=home.signer,
            store=home.store,
            today=TODAY,
        )
        return row.child_code


def _relays(state: State) -> list[TransferRelay]:
    with Session(state.rcv.engine) as s:
        return list(s.scalars(select(TransferRelay)))


def _owners(state: State, uuids: list[str]) -> set[str | None]:
    with Session(state.rcv.engine) as s:
        return set(
            s.scalars(select(MergedRecord.owner_uuid).where(MergedRecord.record_uuid.in_(uuids)))
        )


def test_a_child_rescued_in_bihar_goes_home_to_a_jharkhand_cci(
    tmp_path: Path,
    actor: Actor,
    bihar_keys: key_files.OwnKeys,
    jharkhand_keys: key_files.OwnKeys,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with _two_states(tmp_path, actor, bihar_keys, jharkhand_keys, monkeypatch) as st:
        br, jh, a, b, _c = st
        with Session(a.engine) as s:  # A's chooser: B, of Jharkhand, with its central's key
            (entry,) = transfers.directory(s)
            assert (entry.uuid, entry.state_code, entry.district_code) == (b.uuid, 20, RANCHI)
            assert entry.central_enc_public == key_files.b64(jharkhand_keys.public().enc or b"")
        with Session(b.engine) as s:
            assert [d.uuid for d in transfers.directory(s)] == [a.uuid]
        cid = _child_with_history(a, actor)
        with Session(a.engine) as s:
            child_uuid = str(s.get(Child, cid).uuid)  # type: ignore[union-attr]
        code = _send(a, actor, cid, b.uuid, "CWC/PAT/2026/401")
        before = _record(a, child_uuid)
        records = [u for t, u in before if t != "attachment"]
        (res,) = _push(a, actor, br.url)  # the hand-over to B, signed with A's bundle
        assert res.ack.counts["error"] == 0 and res.ack.counts["conflict"] == 0
        # Bihar hands the child over: owned by B, of Jharkhand, counted there, not here.
        assert _owners(br, records) == {b.uuid}
        with Session(br.rcv.engine) as cs:
            row = cs.execute(select(view_child).where(view_child.c.record_uuid == child_uuid)).one()
            assert (row.state_code, row.status) == (JHARKHAND, "transferred")
            bihar = Area(state=BIHAR).where(view_child)
            n = cs.scalar(select(func.count()).select_from(view_child).where(bihar))
            assert n == 0
        # The packet: encrypted to B, to Jharkhand's central and to Bihar's (as today).
        with Session(a.engine) as s:
            (out,) = transfers.outgoing(s)
            kids = {r["key_id"] for r in packets.parse_packet(out.data).header["recipients"]}
        expected = {key_files.key_id(k.public().enc or b"") for k in (bihar_keys, jharkhand_keys)}
        assert expected <= kids and len(kids) == 3
        assert _sync(a, actor, br.url).sent == 1  # forwarded at once to Jharkhand
        (fw,) = _forwards(br)
        assert (fw.kind, fw.state_code, fw.status, fw.tries) == ("packet", JHARKHAND, "done", 1)
        (relay,) = _relays(jh)
        assert relay.from_peer_state == BIHAR and relay.to_uuid == b.uuid
        assert relay.from_district_code is None  # no district office of Jharkhand sent it
        got = _sync(b, actor, jh.url)
        assert got.received == 1 and not got.refused
        with unit_of_work(b.engine, actor) as s:
            (waiting,) = transfers.incoming(s)
            done = transfer_admit.admit(s, waiting, signer=b.signer, store=b.store, today=TODAY)
            assert done.child.code == code and str(done.child.uuid) == child_uuid
            assert done.child.status == "in_care" and done.child.aadhaar == aadhaar()
        after = _record(b, child_uuid)
        for key, data in before.items():  # every table equal, as inside a state
            assert key in after, key
            if key[0] == "child":
                assert {k: v for k, v in data.items() if k not in MOVED} == {
                    k: v for k, v in after[key].items() if k not in MOVED
                }
            elif key[0] != "transfer":
                assert after[key] == data, key
        (res_b,) = _push(b, actor, jh.url)  # Jharkhand takes the records as B's
        bad = [
            o
            for o in json.loads(res_b_receipt(b))["receipt"]["outcomes"]
            if o["outcome"] in ("conflict", "error")
        ]
        assert not bad, bad
        assert _owners(jh, records) == {b.uuid}
        with Session(jh.rcv.engine) as cs:
            row = cs.execute(select(view_child).where(view_child.c.record_uuid == child_uuid)).one()
            assert (row.state_code, row.district_code, row.status) == (20, RANCHI, "in_care")
            # Jharkhand's page of the child: both stays, the Bihar home named.
            from central.reports.profile import child_record

            page = child_record(cs, Area(state=JHARKHAND), child_uuid)
            assert [x["home"] for x in page.stays] == ["Asha Kiran Home", "Birsa Bal Ashray"]
        # The acknowledgement: B -> Jharkhand -> Bihar -> A.
        assert _sync(b, actor, jh.url).acks_sent == 1
        assert [f.kind for f in _forwards(jh) if f.status == "done"] == ["ack"]
        assert _sync(a, actor, br.url).acks_received == 1
        with Session(a.engine) as s:
            (out,) = transfers.outgoing(s)
            assert out.status == "acknowledged"
        # Ownership at Bihar moves once: A's hand-over again is refused, nothing changes.
        with unit_of_work(a.engine, actor) as s:
            from desktop.models import Handover

            for h in s.scalars(select(Handover)):
                h.bundle_id = None
        (again,) = _push(a, actor, br.url)
        assert again.ack.counts["error"] == len(records)
        assert _owners(br, records) == {b.uuid}
        # Nothing waits; `peers forward` has nothing to do; the registrations are logged.
        assert br.cli("forward") == 0 and jh.cli("forward") == 0
        assert br.cli("remove", "--state", "20", "--by", "admin") == 0
        with Session(br.rcv.engine) as cs:
            acts = [e.action for e in cs.scalars(select(AdminEvent))]
            assert acts.count("peer-add") == 1 and acts.count("peer-remove") == 1
            assert cs.scalar(select(func.count()).select_from(PeerInstitution)) == 0
        # Removed: Jharkhand's central is refused on the peer routes of Bihar's.
        r = requests.get(
            br.url + peers.DIRECTORY_PATH,
            headers={
                "CLMS-Signature": sign_request(
                    jharkhand_keys, method="GET", path=peers.DIRECTORY_PATH
                )
            },
            timeout=30,
        )
        assert r.status_code == 401 and r.json()["code"] == "not-a-peer"


def _forwards(state: State) -> list[PeerForward]:
    with Session(state.rcv.engine) as s:
        return list(s.scalars(select(PeerForward).order_by(PeerForward.id)))


def _post(url: str, keys: key_files.OwnKeys, body: bytes, header: str | None = None) -> Any:
    path = peers.PACKETS_PATH
    header = header or sign_request(keys, method="POST", path=path, body=body)
    return requests.post(url + path, data=body, headers={"CLMS-Signature": header}, timeout=30)


def test_forwards_refused_from_an_unregistered_peer_replayed_or_tampered(
    tmp_path: Path,
    actor: Actor,
    bihar_keys: key_files.OwnKeys,
    jharkhand_keys: key_files.OwnKeys,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only a registered peer's signed forward is taken, once; a replayed request is
    refused, a packet forwarded again is not duplicated, a changed one leaves nothing."""
    with _two_states(tmp_path, actor, bihar_keys, jharkhand_keys, monkeypatch) as st:
        br, jh, a, b, _c = st
        # Jharkhand's address wrong for a while: the forward on receipt fails, and waits.
        with Session(writer(br.rcv.engine)) as cs, cs.begin():
            peer = cs.get(PeerCentral, JHARKHAND)
            assert peer is not None
            peer.url, real_url = "http://127.0.0.1:9", peer.url
        cid = _child_with_history(a, actor)
        _send(a, actor, cid, b.uuid, "CWC/PAT/2026/402")
        _push(a, actor, br.url)
        assert _sync(a, actor, br.url).sent == 1
        (fw,) = _forwards(br)
        assert fw.status == "waiting" and fw.tries == 1 and fw.last_error  # not reached
        assert _relays(jh) == []
        raw = next(r.data for r in _relays(br))
        # A central that is not registered at Jharkhand: refused, nothing kept.
        untouched = db_state(jh.rcv.engine)
        rogue = key_files.generate_keys(role="central", name="Nowhere State")
        r = _post(jh.url, rogue, raw)
        assert r.status_code == 401 and r.json()["code"] == "not-a-peer"
        # Changed in one byte of its encrypted part: refused, nothing kept.
        bad = raw[:-7] + bytes([raw[-7] ^ 1]) + raw[-6:]
        r = _post(jh.url, bihar_keys, bad)
        assert r.status_code == 422 and r.json()["code"] == "bad-signature"
        assert _relays(jh) == [] and db_state(jh.rcv.engine) == untouched
        # The real forward, by `peers forward` once the address is right again.
        with Session(writer(br.rcv.engine)) as cs, cs.begin():
            peer = cs.get(PeerCentral, JHARKHAND)
            assert peer is not None
            peer.url = real_url
        assert br.cli("forward") == 0
        (fw,) = _forwards(br)
        assert fw.status == "done" and fw.tries == 2
        # The same request replayed: refused; the packet forwarded again: not duplicated.
        header = sign_request(bihar_keys, method="POST", path=peers.PACKETS_PATH, body=raw)
        assert _post(jh.url, bihar_keys, raw, header).status_code == 200
        r = _post(jh.url, bihar_keys, raw, header)
        assert r.status_code == 401 and r.json()["code"] == "replayed-request"
        r = _post(jh.url, bihar_keys, raw)
        assert r.status_code == 200 and r.json()["new"] is False
        assert len(_relays(jh)) == 1
        # B's receipt lists A from Bihar's signed directory; a changed directory is refused.
        with Session(br.rcv.engine) as cs:
            doc = peers.directory_document(cs, bihar_keys)  # as Bihar signs it
        forged = doc.replace(b"Asha Kiran Home", b"Asha Kiran Hame")
        assert forged != doc
        with Session(writer(jh.rcv.engine)) as cs, cs.begin():
            peer = cs.get(PeerCentral, BIHAR)
            assert peer is not None
            with pytest.raises(packets.TransferError) as e:
                peers.take_directory(cs, peer, forged)
            assert e.value.code == "bad-signature"
            assert peers.take_directory(cs, peer, doc) == 1
            # Signed by Jharkhand's key, as if Bihar's: refused too.
            with pytest.raises(packets.TransferError) as e:
                peers.take_directory(cs, peer, peers.directory_document(cs, jharkhand_keys))
            assert e.value.code == "wrong-signer"


def test_the_receiving_central_takes_over_the_records_it_holds_once(
    tmp_path: Path,
    actor: Actor,
    bihar_keys: key_files.OwnKeys,
    jharkhand_keys: key_files.OwnKeys,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A child who was in Bihar before (A -> B in Jharkhand, then B -> C in Bihar): Bihar's
    central holds the records, owned by B since the hand-over; the forwarded packet makes
    them C's, once, and C's bundle then goes in without a refusal."""
    with _two_states(
        tmp_path, actor, bihar_keys, jharkhand_keys, monkeypatch, extra_bihar=True
    ) as st:
        br, jh, a, b, c = st
        assert c is not None
        cid = _child_with_history(a, actor)
        with Session(a.engine) as s:
            child_uuid = str(s.get(Child, cid).uuid)  # type: ignore[union-attr]
        _send(a, actor, cid, b.uuid, "CWC/PAT/2026/403")
        before = _record(a, child_uuid)
        records = [u for t, u in before if t != "attachment"]
        _push(a, actor, br.url)
        _sync(a, actor, br.url)
        _sync(b, actor, jh.url)
        with unit_of_work(b.engine, actor) as s:
            (waiting,) = transfers.incoming(s)
            child_b = transfer_admit.admit(
                s, waiting, signer=b.signer, store=b.store, today=TODAY
            ).child.id
        _push(b, actor, jh.url)
        assert _owners(br, records) == {b.uuid}
        # Back to Bihar, to C (the hand-over at Jharkhand names C, a CCI of Bihar).
        with Session(b.engine) as s:
            assert c.uuid in {d.uuid for d in transfers.directory(s)}
        _send(b, actor, child_b, c.uuid, "CWC/RAN/2026/404")
        (res,) = _push(b, actor, jh.url)
        assert res.ack.counts["error"] == 0
        assert _owners(jh, records) == {c.uuid}
        assert _sync(b, actor, jh.url).sent == 1
        assert _owners(br, records) == {c.uuid}  # taken over from B's signed packet
        relay = next(r for r in _relays(br) if r.from_uuid == b.uuid)
        # Forwarded again: nothing moves again (C's, not anyone else's).
        with Session(writer(br.rcv.engine)) as cs, cs.begin():
            cs.execute(  # as if C's records had been handed on meanwhile
                MergedRecord.__table__.update()  # type: ignore[attr-defined]
                .where(MergedRecord.record_uuid == child_uuid)
                .values(owner_uuid=b.uuid)
            )
        r = _post(br.url, jharkhand_keys, relay.data)
        assert r.status_code == 200 and r.json()["new"] is False
        with Session(br.rcv.engine) as cs:
            owner = cs.scalars(
                select(MergedRecord.owner_uuid).where(MergedRecord.record_uuid == child_uuid)
            ).one()
            assert owner == b.uuid  # the replayed forward took nothing over
        with Session(writer(br.rcv.engine)) as cs, cs.begin():
            cs.execute(
                MergedRecord.__table__.update()  # type: ignore[attr-defined]
                .where(MergedRecord.record_uuid == child_uuid)
                .values(owner_uuid=c.uuid)
            )
        got = _sync(c, actor, br.url)
        assert got.received == 1 and not got.refused, got.refused
        with unit_of_work(c.engine, actor) as s:
            (waiting,) = transfers.incoming(s)
            done = transfer_admit.admit(s, waiting, signer=c.signer, store=c.store, today=TODAY)
            assert str(done.child.uuid) == child_uuid and done.child.status == "in_care"
        _push(c, actor, br.url)
        bad = [
            o
            for o in json.loads(res_b_receipt(c))["receipt"]["outcomes"]
            if o["outcome"] in ("conflict", "error")
        ]
        assert not bad, bad
        with Session(br.rcv.engine) as cs:
            row = cs.execute(select(view_child).where(view_child.c.record_uuid == child_uuid)).one()
            assert (row.state_code, row.status, row.institution_uuid) == (10, "in_care", c.uuid)
        # `central rebuild` takes over again at the same place among the bundles.
        from central.models import Conflict
        from central.rebuild import rebuild

        assert rebuild(br.rcv).replayed
        assert _owners(br, records) == {c.uuid}
        with Session(br.rcv.engine) as cs:
            row = cs.execute(select(view_child).where(view_child.c.record_uuid == child_uuid)).one()
            assert (row.state_code, row.status, row.institution_uuid) == (10, "in_care", c.uuid)
            assert cs.scalar(select(func.count()).select_from(Conflict)) == 0
        with Session(c.engine) as s:
            assert s.get(DirectoryEntry, b.uuid) is not None
        with Session(br.rcv.engine) as cs:
            assert cs.get(PeerInstitution, b.uuid) is not None


def test_the_chooser_names_the_other_state_and_lists_it_after_this_one(
    qtbot, tmp_path: Path, actor: Actor, bihar_keys: key_files.OwnKeys
) -> None:  # type: ignore[no-untyped-def]
    """The receiving-CCI list: this state's CCIs first (by district), then each other
    state's, labelled with the state's name; a packet to one is encrypted to its central."""
    from PySide6.QtWidgets import QComboBox

    from desktop.services.cases.children import register_child
    from desktop.views.app_context import AppContext
    from desktop.views.main_window import MainWindow
    from tests.helpers import child_input

    a = _home(tmp_path, "Asha Kiran Home", 7, bihar_keys, actor)

    def entry(name: str, state: int, district: int, central: bool) -> dict[str, Any]:
        k = key_files.generate_keys(role="district", name=name).public()
        out = {
            "uuid": str(uuid_mod.uuid4()),
            "name": name,
            "state_code": state,
            "district_code": district,
            "sign_key": key_files.b64(k.sign),
            "enc_key": key_files.b64(k.enc or b""),
        }
        if central:
            out["central_enc_key"] = key_files.b64(k.enc or b"")
        return out

    far = entry("Birsa Bal Ashray", JHARKHAND, RANCHI, True)
    near = entry("Zila Bal Griha", BIHAR, 213, False)
    with Session(a.engine) as s:
        transfers.store_directory(s, {"receiver": "central", "directory": [far, near]})
        s.commit()
        assert [d.uuid for d in transfers.directory(s)] == [near["uuid"], far["uuid"]]
    with unit_of_work(a.engine, actor) as s:
        cid = register_child(s, child_input(first_name="Sunita"), today=TODAY).id
    window = MainWindow(AppContext(a.engine, a.dir, actor, today=lambda: TODAY))
    qtbot.addWidget(window)
    window.show()
    window.open_child(cid)
    box = window.profile.exit.transfer_form.inputs["to_uuid"]  # type: ignore[union-attr]
    assert isinstance(box, QComboBox) and box.count() == 3
    assert box.itemData(1) == near["uuid"] and "Jharkhand" not in box.itemText(1)
    assert box.itemData(2) == far["uuid"]
    assert box.itemText(2) == f"Jharkhand: Birsa Bal Ashray (district {RANCHI})"
    _send(a, actor, cid, far["uuid"], "CWC/PAT/2026/405")
    with Session(a.engine) as s:
        (out,) = transfers.outgoing(s)
        roles = sorted(r["role"] for r in packets.parse_packet(out.data).header["recipients"])
    assert roles == ["central", "central", "institution"]  # Jharkhand's and Bihar's


def test_a_central_of_schema_8_is_upgraded_in_place(tmp_path: Path) -> None:
    """Schema 8 -> 9 (`_v8_to_v9`): the relay table gains its peer columns (rows kept),
    the peer tables are made."""
    from sqlalchemy import inspect, text

    from central.schema import SCHEMA, open_engine

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = open_engine(url)
    with engine.begin() as conn:
        for t in ("central_peer_forward", "central_peer_institution", "central_peer"):
            conn.execute(text(f"DROP TABLE {t}"))
        for col in ("to_peer_state", "from_peer_state"):
            conn.execute(text(f"ALTER TABLE central_transfer DROP COLUMN {col}"))
        conn.execute(
            text(
                "INSERT INTO central_transfer (packet_id, from_uuid, to_uuid, child_uuid, "
                "sha256, packet_hash, data, received_at) VALUES ('p', 'a', 'b', 'c', 's', 'h', "
                "x'00', '2026-11-20 10:00:00')"
            )
        )
        conn.execute(text("UPDATE central_schema SET version = 8"))
    engine.dispose()
    engine = open_engine(url)
    cols = {c["name"] for c in inspect(engine).get_columns("central_transfer")}
    assert {"to_peer_state", "from_peer_state"} <= cols
    assert {"central_peer", "central_peer_forward"} <= set(inspect(engine).get_table_names())
    with Session(engine) as s:
        relay = s.get(TransferRelay, "p")
        assert relay is not None and relay.to_peer_state is None
        from central.models import SchemaVersion

        assert s.get(SchemaVersion, "central").version == SCHEMA  # type: ignore[union-attr]
    engine.dispose()
