"""Transfers between states (issue 20): peer centrals, their directories, and forwarding.

One central per state. A state's administrator registers another state's central (its
LGD state code, base URL and public key file, whose fingerprint people compare by phone:
`python -m central peers add`); the registration and its removal go into the admin log.

- **Directory.** Each central hands its registered peers a directory of its own CCIs with
  a transfer key, signed with its key (`directory_document`, `GET /v1/peer/directory`);
  a central fetches its peers' (`central.peer_net.refresh`, `python -m central peers
  refresh`) and keeps
  the CCIs of the peer's own state only (`take_directory`). The receipts it sends its
  CCIs list them beside the state's own, with the peer central's encryption key, so a
  packet to such a CCI is also encrypted to the central that will hold it.
- **Packets.** A packet handed in for a CCI of a peer state is kept (as any packet) and
  queued (`PeerForward`); it is sent on at once, and again by `python -m central peers
  forward` (`central.peer_net.forward_waiting`) until the peer takes it:
  `POST /v1/peer/transfers`, signed with this central's key, idempotent by packet id.
  The peer checks the sending CCI's signature against its copy of this state's
  directory and keeps it for its CCI like a local packet (`accept_forwarded_packet`).
- **Acknowledgements** go back the same way (`POST /v1/peer/transfer-acks`): the
  receiving CCI's signed acknowledgement reaches the sending CCI from its own central.
- **Ownership.** The sending CCI's bundle hands each record over to the receiving CCI
  (its `transfer` lines, as inside a state): the records then belong to a CCI of another
  state, tagged with that state in the projection, so the child is no longer counted
  here. The receiving central takes over, once, on the forwarded packet (signed by the
  sending CCI): the records of the child it holds that belong to the sending CCI (a child
  who had been in this state before) become the receiving CCI's (`take_over`); others
  are new to it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bundle_format import transfer as packets
from bundle_format.canonical import canonical
from bundle_format.keys import OwnKeys, PublicKeys, b64, unb64
from central.enrolment import EnrolError, log_admin
from central.models import (
    DistrictOffice,
    Enrolment,
    MergedRecord,
    PeerCentral,
    PeerForward,
    PeerInstitution,
    TransferRelay,
)
from central.projection import Change, Tagger, project

log = logging.getLogger(__name__)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DIRECTORY_FORMAT = "clms-peer-directory"
MAX_DIRECTORY_BYTES = 8 * 1024 * 1024
MAX_PEER_INSTITUTIONS = 20_000
PACKETS_PATH = "/v1/peer/transfers"
ACKS_PATH = "/v1/peer/transfer-acks"
DIRECTORY_PATH = "/v1/peer/directory"


# ---------------------------------------------------------------- registration


def same_fingerprint(a: str, b: str) -> bool:
    """Two fingerprints alike, spaces and case aside (as read out by phone)."""

    def norm(x: str) -> str:
        return "".join(x.split()).upper()

    return hmac.compare_digest(norm(a), norm(b))


def add_peer(
    s: Session,
    *,
    state_code: int,
    name: str,
    url: str,
    public: PublicKeys,
    fingerprint_read: str,
    by: str,
) -> PeerCentral:
    """Register another state's central, once the fingerprint read out matches its key
    file; logged. Refused: a state already registered (remove it first), a key that is
    already someone's here, a URL that is not http(s)."""
    if not same_fingerprint(public.fingerprint, fingerprint_read):
        raise EnrolError(
            "the fingerprint you typed is not the one of this key file: do not register it",
            "fingerprint-mismatch",
        )
    if public.role != "central" or public.enc is None:
        raise EnrolError("this is not a central's key file", "not-a-central")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EnrolError("the address must be http(s)://host[:port]", "bad-url")
    if not 0 < state_code < 100:
        raise EnrolError("the state is its LGD state code (1 to 99)", "bad-state")
    if s.get(PeerCentral, state_code) is not None:
        raise EnrolError(
            f"state {state_code} has a central registered already: remove it first",
            "peer-exists",
        )
    kid = public.sign_key_id
    taken = (
        s.scalars(select(PeerCentral).where(PeerCentral.key_id == kid)).first()
        or s.scalars(select(Enrolment).where(Enrolment.key_id == kid)).first()
        or s.scalars(select(DistrictOffice).where(DistrictOffice.key_id == kid)).first()
    )
    if taken is not None:
        raise EnrolError("this key is already registered here for someone else", "key-taken")
    peer = PeerCentral(
        state_code=state_code,
        name=name[:200],
        url=url.rstrip("/")[:500],
        key_id=kid,
        sign_key=b64(public.sign),
        enc_key=b64(public.enc),
        added_by=by[:100],
    )
    s.add(peer)
    log_admin(
        s,
        actor=by,
        action="peer-add",
        subject=f"state:{state_code}",
        name=name,
        url=peer.url,
        fingerprint=public.fingerprint,
    )
    s.flush()
    return peer


def list_peers(s: Session) -> list[tuple[PeerCentral, int, int]]:
    """Every peer with how many of its CCIs are in the directory and forwards waiting."""
    out = []
    for p in s.scalars(select(PeerCentral).order_by(PeerCentral.state_code)):
        n = len(
            s.scalars(
                select(PeerInstitution.uuid).where(PeerInstitution.state_code == p.state_code)
            ).all()
        )
        waiting = len(
            s.scalars(
                select(PeerForward.id).where(
                    PeerForward.state_code == p.state_code, PeerForward.status == "waiting"
                )
            ).all()
        )
        out.append((p, n, waiting))
    return out


def remove_peer(s: Session, *, state_code: int, by: str) -> None:
    """Forget a peer central and its directory (logged); what waits to be forwarded to it
    stays queued until it is registered again."""
    peer = s.get(PeerCentral, state_code)
    if peer is None:
        raise EnrolError(f"no central of state {state_code} is registered", "unknown-peer")
    fp = PublicKeys("central", peer.name, unb64(peer.sign_key), unb64(peer.enc_key)).fingerprint
    s.execute(delete(PeerInstitution).where(PeerInstitution.state_code == state_code))
    s.delete(peer)
    log_admin(s, actor=by, action="peer-remove", subject=f"state:{state_code}", fingerprint=fp)


def find_peer(s: Session, signing_key_id: str) -> PeerCentral | None:
    """The registered peer central with this signing key id."""
    return s.scalars(select(PeerCentral).where(PeerCentral.key_id == signing_key_id)).first()


def peer_public(peer: PeerCentral) -> PublicKeys:
    """A peer central's public keys (its requests and directories are checked with them)."""
    return PublicKeys("central", peer.name, unb64(peer.sign_key), unb64(peer.enc_key))


# ---------------------------------------------------------------- directories


def directory_entry(e: Enrolment) -> dict[str, Any]:
    """An enrolled CCI as a directory lists it (to CCIs, district offices and peers)."""
    return {
        "uuid": e.uuid,
        "name": e.name,
        "state_code": e.state_code,
        "district_code": e.district_code,
        "sign_key": e.sign_key,
        "enc_key": e.enc_key,
    }


def directory_document(s: Session, keys: OwnKeys) -> bytes:
    """This state's CCIs with a transfer key, signed with this central's key (for peers).
    Only institutions enrolled here: never a peer's, so a directory is never passed on."""
    rows = s.scalars(
        select(Enrolment)
        .where(Enrolment.enc_key.is_not(None))
        .order_by(Enrolment.uuid)
        .limit(MAX_PEER_INSTITUTIONS)
    )
    body = {
        "format": DIRECTORY_FORMAT,
        "version": 1,
        "issued_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "institutions": [directory_entry(e) for e in rows],
    }
    sig = keys.sign.sign(canonical(body))
    return canonical(
        {"directory": body, "signer": keys.public().sign_key_id, "signature": b64(sig)}
    )


def _verified_directory(raw: bytes, peer: PeerCentral) -> dict[str, Any]:
    if len(raw) > MAX_DIRECTORY_BYTES:
        raise packets.TransferError("too-large", "the peer's directory is too large")
    try:
        env = json.loads(raw)
        body, signer, sig = env["directory"], str(env["signer"]), unb64(str(env["signature"]))
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise packets.TransferError("bad-format", "this is not a peer directory") from exc
    if not isinstance(body, dict) or body.get("format") != DIRECTORY_FORMAT:
        raise packets.TransferError("bad-format", "this is not a peer directory")
    if signer != peer.key_id:
        raise packets.TransferError("wrong-signer", "the directory is signed by another key")
    try:
        Ed25519PublicKey.from_public_bytes(unb64(peer.sign_key)).verify(sig, canonical(body))
    except InvalidSignature as exc:
        raise packets.TransferError(
            "bad-signature", "the directory's signature does not match"
        ) from exc
    return body


def take_directory(s: Session, peer: PeerCentral, raw: bytes) -> int:
    """Replace this peer's CCIs by those of its signed directory; how many. Kept: the
    entries of the peer's own state, well formed, not enrolled here."""
    body = _verified_directory(raw, peer)
    items = body.get("institutions")
    if not isinstance(items, list):
        raise packets.TransferError("bad-format", "the peer directory lists no institutions")
    s.execute(delete(PeerInstitution).where(PeerInstitution.state_code == peer.state_code))
    s.flush()
    n = 0
    for d in items[:MAX_PEER_INSTITUTIONS]:
        try:
            uuid, sign, enc = str(d["uuid"]), unb64(str(d["sign_key"])), unb64(str(d["enc_key"]))
            name, district = str(d.get("name") or "")[:200], d.get("district_code")
        except (KeyError, TypeError, ValueError):
            continue
        if d.get("state_code") != peer.state_code or len(sign) != 32 or len(enc) != 32:
            continue
        if not _UUID.fullmatch(uuid) or s.get(Enrolment, uuid) is not None:
            continue
        if s.get(PeerInstitution, uuid) is not None:  # listed by another peer already
            continue
        s.add(
            PeerInstitution(
                uuid=uuid,
                state_code=peer.state_code,
                name=name,
                district_code=district if type(district) is int else None,
                sign_key=b64(sign),
                enc_key=b64(enc),
            )
        )
        n += 1
    peer.directory_at = datetime.now(UTC)
    s.flush()
    return n


def receipt_entries(s: Session) -> list[dict[str, Any]]:
    """The peer states' CCIs, as a CCI's receipt lists them: with their state and the key
    of the central that will hold a packet for them (`central_enc_key`)."""
    central_keys = {p.state_code: p.enc_key for p in s.scalars(select(PeerCentral))}
    rows = s.scalars(
        select(PeerInstitution)
        .where(PeerInstitution.uuid.not_in(select(Enrolment.uuid)))  # enrolled here since
        .order_by(PeerInstitution.state_code, PeerInstitution.name, PeerInstitution.uuid)
    )
    return [
        {
            "uuid": p.uuid,
            "name": p.name,
            "state_code": p.state_code,
            "district_code": p.district_code,
            "sign_key": p.sign_key,
            "enc_key": p.enc_key,
            "central_enc_key": central_keys[p.state_code],
        }
        for p in rows
        if p.state_code in central_keys
    ]


# ---------------------------------------------------------------- queueing (sending side)


def queue(s: Session, *, kind: str, packet_id: str, state_code: int) -> None:
    """Queue a packet or an acknowledgement for a peer central (once)."""
    found = s.scalars(
        select(PeerForward).where(PeerForward.kind == kind, PeerForward.packet_id == packet_id)
    ).first()
    if found is None:
        s.add(PeerForward(kind=kind, packet_id=packet_id, state_code=state_code))
        s.flush()


# ---------------------------------------------------------------- receiving side


def accept_forwarded_packet(
    s: Session, raw: bytes, *, peer: PeerCentral, keys: OwnKeys
) -> tuple[str, bool]:
    """Keep a packet a peer central forwards for one of this state's CCIs: (id, new). The
    sending CCI must be in that peer's directory here and have signed it; the receiving
    CCI enrolled here. On a new packet, the child's records held here that belong to the
    sending CCI become the receiving CCI's (once)."""
    packet = packets.parse_packet(raw)
    sender = s.get(PeerInstitution, packet.sender["uuid"])
    if sender is None or sender.state_code != peer.state_code:
        raise packets.TransferError(
            "unknown-sender",
            "the sending CCI is not in that state's directory here: refresh it "
            "(python -m central peers refresh)",
        )
    packets.verify_packet(packet, unb64(sender.sign_key))
    receiver = s.get(Enrolment, packet.receiver["uuid"])
    if receiver is None:
        raise packets.TransferError(
            "unknown-institution", "the receiving CCI is not enrolled with this central"
        )
    if TransferRelay.kept_already(s, packet.packet_id, raw):
        return packet.packet_id, False
    sha = hashlib.sha256(raw).hexdigest()
    take_over(s, packet, sender=sender.uuid, receiver=receiver.uuid, keys=keys)
    s.add(
        TransferRelay(
            packet_id=packet.packet_id,
            from_uuid=sender.uuid,
            to_uuid=receiver.uuid,
            child_uuid=packet.child["uuid"],
            from_district_code=None,  # no district office here sent it
            to_district_code=receiver.district_code,
            sha256=sha,
            packet_hash=packet.hash,
            data=bytes(raw),
            sender=f"peer:{peer.state_code}",
            from_peer_state=peer.state_code,
        )
    )
    s.flush()
    return packet.packet_id, True


def take_over(
    s: Session, packet: packets.Packet, *, sender: str, receiver: str, keys: OwnKeys
) -> int:
    """The records of the packet held here and owned by the sending CCI go to the
    receiving CCI, as the packet has them if newer; how many. (Opened only if there are
    any: a child new to this state has none, and the receiving CCI's bundle creates them.)"""
    owned = list(s.scalars(select(MergedRecord).where(MergedRecord.owner_uuid == sender)))
    if not owned:
        return 0
    if keys.enc is None:
        return 0
    try:
        lines = packets.open_packet(packet, keys.enc)
    except packets.TransferError as exc:
        log.warning("packet %s: records held here not taken over: %s", packet.packet_id, exc)
        return 0
    named = {(ln["type"], ln["record_uuid"]): ln for ln in lines if ln["type"] != "attachment"}
    changes = []
    for m in owned:
        line = named.get((m.type, m.record_uuid))
        if line is None:
            continue
        if line["version"] > m.version and line["op"] == "upsert":
            # Changed in the other state since it left here: the owner's copy, signed
            # with the packet, is the one kept (the receiving CCI goes on from it).
            m.data = _stored_copy(m.type, line["data"], m.data)
            m.version, m.deleted, m.institution_uuid = line["version"], False, sender
        m.owner_uuid = receiver
        changes.append(Change(m.type, m.record_uuid, m.data, receiver, m.bundle_id))
    s.flush()
    if changes:
        project(s, changes, Tagger(s))
    return len(changes)


def _stored_copy(kind: str, data: dict[str, Any], before: dict[str, Any] | None) -> dict[str, Any]:
    """A packet line's data as central stores it: never an Aadhaar number or seal (sealed
    to the receiving CCI alone); the keyed hash kept while the last 4 digits agree."""
    out = {k: v for k, v in data.items() if k not in ("aadhaar", "aadhaar_sealed", "aadhaar_hmac")}
    if kind == "child" and before and before.get("aadhaar_last4") == out.get("aadhaar_last4"):
        if before.get("aadhaar_hmac"):
            out["aadhaar_hmac"] = before["aadhaar_hmac"]
    return out


def accept_forwarded_ack(s: Session, raw: bytes, *, peer: PeerCentral) -> str:
    """Keep the acknowledgement a peer central forwards for a packet forwarded there; its
    status. Signed by the receiving CCI (its key from that peer's directory)."""
    try:
        packet_id = str(json.loads(raw)["ack"]["packet_id"])
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise packets.TransferError("bad-format", "this is not an acknowledgement") from exc
    relay = s.get(TransferRelay, packet_id)
    if relay is None or relay.to_peer_state != peer.state_code:
        raise packets.TransferError("unknown-packet", "no such packet was forwarded there")
    receiver = s.get(PeerInstitution, relay.to_uuid)
    if receiver is None or receiver.state_code != peer.state_code:
        raise packets.TransferError(
            "unknown-institution", "the receiving CCI is not in that state's directory here"
        )
    relay.keep_ack(raw, unb64(receiver.sign_key))
    return str(relay.status)


__all__ = [
    "accept_forwarded_ack",
    "accept_forwarded_packet",
    "add_peer",
    "directory_document",
    "find_peer",
    "list_peers",
    "peer_public",
    "queue",
    "receipt_entries",
    "remove_peer",
    "take_directory",
    "take_over",
]
