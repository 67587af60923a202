"""Transfers between CCIs at central and at a district office (issue 20).

- An institution's transfer key is enrolled from a statement signed with its enrolled
  signing key (`enrol_transfer_key`); the receipts then list it in the directory
  (`directory`), so other CCIs can address packets to it.
- A packet is relayed, never merged: the sending CCI (or its district office) hands it
  in (`accept_packet`: the sender's signature checked against its enrolled key, the
  receiving CCI enrolled); only the receiving CCI (or its district office) gets it
  (`packets_for`, `packet_bytes`). The receiving CCI's signed acknowledgement goes back
  the same way (`accept_ack`, `acks_for`).
- Ownership of the child's records does **not** move here: it moves by the `transfer`
  lines of the sending CCI's next bundle (`central.merge`, signed with that bundle, once).
- A packet for a CCI of another state (one of a registered peer central's) is kept and
  queued for that central (`central.peers`); its acknowledgement comes back the same way.
- At a district office, a packet from the stick of one of its CCIs addressed to a CCI it
  does not serve by stick (online, another district, another state) is kept to be handed
  on to central (`accept_packet(..., elsewhere=...)`, `HAND_ON`); central takes it from
  the office as from the sending CCI (`_may_send`: the office of the sender's district),
  the sender's signature checked all the same.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bundle_format import transfer as packets
from bundle_format.keys import b64, key_id, unb64
from central.enrolment import Party
from central.models import Enrolment, PeerCentral, PeerInstitution, TransferRelay
from central.peers import directory_entry, queue
from central.projection import view_child, view_transfer

MAX_DIRECTORY = 5000
# At a district office (`TransferRelay.sender`): a packet from a CCI's stick for a CCI the
# office does not serve by stick, to hand on to central; then handed on (central has it).
HAND_ON = "office:to-central"
HANDED_ON = "office:at-central"
log = logging.getLogger(__name__)


def enrol_transfer_key(s: Session, *, institution_uuid: str, statement: bytes) -> str:
    """Take an institution's transfer key from its signed statement; the key id."""
    enr = s.get(Enrolment, institution_uuid)
    if enr is None:
        raise packets.TransferError("unknown-institution", "this institution is not enrolled")
    enc = packets.verify_key_statement(
        statement, unb64(enr.sign_key), institution_uuid=institution_uuid
    )
    enr.enc_key = b64(enc)
    return key_id(enc)


def enrol_transfer_key_from_office(s: Session, *, district_code: int, statement: bytes) -> str:
    """A district office hands in the statement of one of its CCIs (taken from its stick):
    the statement names the CCI and is signed by its enrolled key; the key id."""
    try:
        uuid = str(json.loads(statement)["statement"]["institution"])
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise packets.TransferError("bad-format", "this is not a key statement") from exc
    enr = s.get(Enrolment, uuid)
    if enr is None or enr.district_code != district_code:
        raise packets.TransferError(
            "unknown-institution", "this institution is not enrolled in the office's district"
        )
    return enrol_transfer_key(s, institution_uuid=uuid, statement=statement)


def directory(
    s: Session, *, state_code: int | None, district_code: int | None = None
) -> list[dict[str, Any]]:
    """The institutions with a transfer key, of the state (or of one district), by name."""
    q = select(Enrolment).where(Enrolment.enc_key.is_not(None))
    if district_code is not None:
        q = q.where(Enrolment.district_code == district_code)
    elif state_code is not None:
        q = q.where(Enrolment.state_code == state_code)
    return [
        directory_entry(e)
        for e in s.scalars(q.order_by(Enrolment.name, Enrolment.uuid).limit(MAX_DIRECTORY))
    ]


def _may_send(party: Party, sender: Enrolment) -> bool:
    if party.kind == "institution":
        return party.id == sender.uuid
    return party.kind == "district" and party.district_code == sender.district_code


def _may_receive(party: Party, relay: TransferRelay) -> bool:
    if party.kind == "institution":
        return party.id == relay.to_uuid
    return party.kind == "district" and party.district_code == relay.to_district_code


def accept_packet(
    s: Session,
    raw: bytes,
    *,
    party: Party | None,
    elsewhere: dict[str, dict[str, Any]] | None = None,
) -> tuple[str, bool]:
    """Keep a packet for its receiving CCI: (packet id, True if new). TransferError if the
    packet is damaged, not signed by its sender's enrolled key, or sent by someone else.

    A party of kind "district" hands in the packets of its district's CCIs (those that
    sync by stick: the office took them from the stick). `elsewhere` (at a district
    office): the directory entries (by uuid) of CCIs the office does not serve by stick; a
    packet to one of them is kept with `sender = HAND_ON`, for central."""
    packet = packets.parse_packet(raw)
    sender = s.get(Enrolment, packet.sender["uuid"])
    if sender is None:
        raise packets.TransferError("unknown-institution", "the sending CCI is not enrolled")
    if party is not None and not _may_send(party, sender):
        raise packets.TransferError(
            "wrong-sender", "a CCI can hand in only its own packets (or its district office)"
        )
    packets.verify_packet(packet, unb64(sender.sign_key))
    receiver = s.get(Enrolment, packet.receiver["uuid"])
    peer = s.get(PeerInstitution, packet.receiver["uuid"]) if receiver is None else None
    onward = (elsewhere or {}).get(packet.receiver["uuid"]) if receiver is None else None
    if receiver is None and peer is None and onward is None:
        raise packets.TransferError(
            "unknown-institution", "the receiving CCI is not enrolled with central"
        )
    if TransferRelay.kept_already(s, packet.packet_id, raw):
        return packet.packet_id, False
    kept_by: str | None
    if onward is not None:  # at a district office: for central (`sync_client.district`)
        dc = onward.get("district_code")
        to_district, kept_by = (dc if isinstance(dc, int) else None), HAND_ON
        peer = None  # central, not the office, sends a packet on to another state
    else:  # to a CCI of another state (a peer's): no district office here receives it
        to_district = receiver.district_code if receiver is not None else None
        kept_by = party.id if party is not None else None
    s.add(
        TransferRelay(
            packet_id=packet.packet_id,
            from_uuid=sender.uuid,
            to_uuid=packet.receiver["uuid"],
            child_uuid=packet.child["uuid"],
            from_district_code=sender.district_code,
            to_district_code=to_district,
            sha256=hashlib.sha256(raw).hexdigest(),
            packet_hash=packet.hash,
            data=bytes(raw),
            sender=kept_by,
            to_peer_state=peer.state_code if peer is not None else None,
        )
    )
    if peer is not None:  # sent on to that state's central (central.peers)
        queue(s, kind="packet", packet_id=packet.packet_id, state_code=peer.state_code)
    s.flush()
    return packet.packet_id, True


def packets_for(s: Session, party: Party) -> list[dict[str, Any]]:
    """The packets waiting for this CCI (or for the CCIs of this district office)."""
    q = select(TransferRelay).where(TransferRelay.ack.is_(None))
    if party.kind == "institution":
        q = q.where(TransferRelay.to_uuid == party.id)
    elif party.kind == "district":
        q = q.where(TransferRelay.to_district_code == party.district_code)
    else:
        return []
    out = [
        {"packet_id": r.packet_id, "to": r.to_uuid, "from": r.from_uuid, "size": len(r.data)}
        for r in s.scalars(q.order_by(TransferRelay.received_at))
    ]
    if party.kind == "district":  # the sender's keys: the office puts them in its directory
        for item in out:
            enr = s.get(Enrolment, item["from"])
            if enr is not None:
                item["sender"] = directory_entry(enr)
            elif (peer := s.get(PeerInstitution, item["from"])) is not None:
                item["sender"] = _peer_entry(s, peer)  # a CCI of another state
    return out


def _peer_entry(s: Session, p: PeerInstitution) -> dict[str, Any]:
    """A peer state's CCI as this central's directory has it (with its central's key)."""
    central = s.get(PeerCentral, p.state_code)
    return {
        "uuid": p.uuid,
        "name": p.name,
        "state_code": p.state_code,
        "district_code": p.district_code,
        "sign_key": p.sign_key,
        "enc_key": p.enc_key,
        **({"central_enc_key": central.enc_key} if central is not None else {}),
    }


def keep_from_central(s: Session, raw: bytes, *, sender: dict[str, Any]) -> bool:
    """At a district office: keep a packet fetched from central for a CCI of this district
    that comes by stick (`put_on_stick` writes it there); True if new. The sender is a
    CCI central enrolled (maybe not this office): its signature is checked against the key
    central gave (`packets_for`); the receiving CCI checks it again against its directory.
    """
    packet = packets.parse_packet(raw)
    if packet.sender["uuid"] != sender.get("uuid"):
        raise packets.TransferError("wrong-sender", "the packet is not from the CCI named")
    packets.verify_packet(packet, unb64(str(sender.get("sign_key"))))
    receiver = s.get(Enrolment, packet.receiver["uuid"])
    if receiver is None:
        raise packets.TransferError(
            "unknown-institution", "the receiving CCI is not enrolled at this office"
        )
    if TransferRelay.kept_already(s, packet.packet_id, raw):
        return False
    sha = hashlib.sha256(raw).hexdigest()
    dc = sender.get("district_code")
    s.add(
        TransferRelay(
            packet_id=packet.packet_id,
            from_uuid=packet.sender["uuid"],
            to_uuid=receiver.uuid,
            child_uuid=packet.child["uuid"],
            from_district_code=dc if isinstance(dc, int) else None,
            to_district_code=receiver.district_code,
            sha256=sha,
            packet_hash=packet.hash,
            data=bytes(raw),
            sender="central",
        )
    )
    s.flush()
    return True


def packet_bytes(s: Session, party: Party, packet_id: str) -> bytes | None:
    """A packet's bytes, only for its receiving CCI or that CCI's district office."""
    relay = s.get(TransferRelay, packet_id)
    if relay is None or not _may_receive(party, relay):
        return None
    return relay.data


def keep_ack_from_central(s: Session, raw: bytes, *, receiver_sign_key: str) -> bool:
    """At a district office: the acknowledgement central holds of a packet the office
    handed on for one of its CCIs (`HANDED_ON`), signed by the receiving CCI (its key from
    the office's directory); kept for the sending CCI's next stick (`put_on_stick`). True
    if new; TransferError if it is not of such a packet or does not verify."""
    try:
        packet_id = str(json.loads(raw)["ack"]["packet_id"])
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise packets.TransferError("bad-format", "this is not an acknowledgement") from exc
    relay = s.get(TransferRelay, packet_id)
    if relay is None or relay.sender != HANDED_ON:
        raise packets.TransferError("unknown-packet", "this office did not hand on this packet")
    if not relay.keep_ack(raw, unb64(receiver_sign_key)):
        return False
    s.flush()
    return True


def accept_ack(s: Session, raw: bytes, *, party: Party | None) -> str:
    """Keep the receiving CCI's signed acknowledgement of a packet; its status."""
    try:
        packet_id = str(json.loads(raw)["ack"]["packet_id"])
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise packets.TransferError("bad-format", "this is not an acknowledgement") from exc
    relay = s.get(TransferRelay, packet_id)
    if relay is None:
        raise packets.TransferError("unknown-packet", "no such transfer packet was received here")
    if party is not None and not _may_receive(party, relay):
        raise packets.TransferError("wrong-sender", "only the receiving CCI acknowledges")
    receiver = s.get(Enrolment, relay.to_uuid)
    if receiver is None:
        raise packets.TransferError("unknown-institution", "the receiving CCI is not enrolled")
    relay.keep_ack(raw, unb64(receiver.sign_key))
    if relay.from_peer_state is not None:  # back to the sending CCI's central
        queue(s, kind="ack", packet_id=relay.packet_id, state_code=relay.from_peer_state)
    return str(relay.status)


def acks_for(s: Session, party: Party) -> list[bytes]:
    """The acknowledgements of the packets this CCI (or this district's CCIs) sent."""
    q = select(TransferRelay).where(TransferRelay.ack.is_not(None))
    if party.kind == "institution":
        q = q.where(TransferRelay.from_uuid == party.id)
    elif party.kind == "district":
        q = q.where(TransferRelay.from_district_code == party.district_code)
    else:
        return []
    return [r.ack for r in s.scalars(q.order_by(TransferRelay.acked_at)) if r.ack is not None]


def stays(s: Session, child_uuid: str) -> list[dict[str, Any]]:
    """The child's stays in CCIs, oldest first: `{"institution_uuid", "from", "to"}` (to
    None: the stay going on). One child record, whatever homes it passed through."""
    child = s.execute(select(view_child).where(view_child.c.record_uuid == child_uuid)).first()
    if child is None:
        return []
    ins = s.execute(
        select(view_transfer)
        .where(view_transfer.c.child_uuid == child_uuid, view_transfer.c.direction == "in")
        .order_by(view_transfer.c.transfer_date)
    ).all()
    out: list[dict[str, Any]] = []
    start = child.admission_date
    for t in ins:
        out.append(
            {"institution_uuid": t.other_institution_uuid, "from": start, "to": t.transfer_date}
        )
        start = t.transfer_date
    out.append({"institution_uuid": child.institution_uuid, "from": start, "to": child.exit_date})
    return out


STICK_PACKETS = ("CLMS", "transfers")
STICK_ACKS = ("CLMS", "transfer-acks")
_MAX_STICK_FILE = packets.MAX_PACKET + packets.MAX_HEADER + 100


def take_from_stick(
    s: Session, root: Path, *, elsewhere: dict[str, dict[str, Any]] | None = None
) -> tuple[int, int]:
    """A district office takes the packets and acknowledgements a CCI's stick carries
    (checked as over the network); (new packets, new acknowledgements). A bad file is
    logged and skipped. `elsewhere`: the CCIs the office does not serve by stick (its
    directory from central's receipts), whose packets it keeps to hand on to central."""
    new_packets = new_acks = 0
    for path in sorted(Path(root).joinpath(*STICK_PACKETS).glob("*/*.clmst")):
        try:
            if path.stat().st_size > _MAX_STICK_FILE:
                raise packets.TransferError("too-large", "too large to be a transfer packet")
            with s.begin_nested():
                _id, new = accept_packet(s, path.read_bytes(), party=None, elsewhere=elsewhere)
            new_packets += int(new)
        except (packets.TransferError, OSError) as exc:
            log.warning("transfer packet %s skipped: %s", path.name, exc)
    for path in sorted(Path(root).joinpath(*STICK_ACKS).glob("*/*.ack")):
        try:
            raw = path.read_bytes()[: 16 * 1024 + 1]
            relay = s.get(TransferRelay, path.stem)
            had = relay is not None and relay.ack is not None
            with s.begin_nested():
                accept_ack(s, raw, party=None)
            new_acks += int(not had)
        except (packets.TransferError, OSError) as exc:
            log.warning("acknowledgement %s skipped: %s", path.name, exc)
    return new_packets, new_acks


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def put_on_stick(s: Session, root: Path, institution_uuid: str) -> int:
    """A district office writes onto a CCI's stick the packets addressed to it and the
    acknowledgements of the packets it sent; how many files."""
    n = 0
    q = select(TransferRelay).where(
        TransferRelay.to_uuid == institution_uuid, TransferRelay.ack.is_(None)
    )
    for r in s.scalars(q):
        _write(Path(root).joinpath(*STICK_PACKETS, r.to_uuid, f"{r.packet_id}.clmst"), r.data)
        n += 1
    q = select(TransferRelay).where(
        TransferRelay.from_uuid == institution_uuid, TransferRelay.ack.is_not(None)
    )
    for r in s.scalars(q):
        if r.ack is not None:
            _write(Path(root).joinpath(*STICK_ACKS, r.from_uuid, f"{r.packet_id}.ack"), r.ack)
            n += 1
    return n
