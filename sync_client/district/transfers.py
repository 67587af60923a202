"""The district office's part in transfers (issue 20): transfer packets fetched from central
for the CCIs it serves by stick, packets from those CCIs handed on to central, their
acknowledgements both ways, and central's directory learnt for the sticks.

The packets that come in on a stick are taken in by the import (`mode.import_folder`).
"""

from __future__ import annotations

import base64
import json
import uuid as uuid_mod
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bundle_format.keys import (
    OwnKeys,
    b64,
    unb64,
)
from bundle_format.transfer import TransferError
from central.models import Enrolment, ReceivedBundle, TransferRelay
from central.schema import writer
from central.transfers import (
    HAND_ON,
    HANDED_ON,
    keep_ack_from_central,
    keep_from_central,
)
from desktop.models import DirectoryEntry, Setting
from sync_client.exchange.upload import Uploader, UploadFailed, UploadSettings

STATEMENT_SETTING = "transfer_key_of:"  # + CCI uuid: a key statement to hand to central


@dataclass
class TransferFetch:
    """What one round of transfers with central did at the district office."""

    packets: int = 0  # new packets kept for this district's CCIs (for their sticks)
    acks_sent: int = 0  # acknowledgements from the sticks handed to central
    keys_sent: int = 0  # the transfer keys of the CCIs of the sticks, handed to central
    handed_on: int = 0  # packets from the sticks for CCIs not served by stick, to central
    acks_received: int = 0  # new acknowledgements of those, for the senders' sticks
    refused: list[str] = field(default_factory=list)


def _ok(r: Any, what: str) -> None:
    if not 200 <= int(getattr(r, "status_code", 0)) < 300:
        raise UploadFailed(f"central refused {what} (HTTP {getattr(r, 'status_code', '?')})")


def fetch_transfers(
    *,
    view: Engine,
    settings: UploadSettings,
    signer: OwnKeys,
    office: Session | None,
    done: TransferFetch | None = None,
) -> TransferFetch:
    """The transfer packets central holds for this district's CCIs and not yet delivered:
    each is kept in the view (the sender's signature checked against the key central
    gives) and goes onto the next stick of its CCI (`import_folder` writes it there); the
    sender's keys go into `office`'s directory, so the receipts on that stick let the CCI
    check the packet. A packet already here whose acknowledgement came back by stick: the
    acknowledgement goes to central (the sending CCI fetches it there).

    Before that, with `office`, the directory of central's newest receipt (the state's
    CCIs, the peer states') is kept there (`learn_directory`: the receipts on the sticks
    list it), and the packets the sticks brought for CCIs this office does not serve by
    stick (online, another district, another state) are handed to central (`_hand_on`);
    after it, the acknowledgements central holds of those are fetched for the senders'
    sticks (with `office`: their signatures are checked against its directory).
    Requests signed with the office's key; UploadFailed if central cannot be reached (what
    was not done is done at the next forward). `done`: counts added to it."""
    up = Uploader(settings, signer=signer)
    done = done if done is not None else TransferFetch()
    if office is not None:  # the directory of central's newest receipt, for the sticks
        learn_directory(office, _newest_central_receipt(view))
    if office is not None:  # the key statements of the CCIs of the sticks, first
        for row in list(
            office.scalars(select(Setting).where(Setting.key.startswith(STATEMENT_SETTING)))
        ):
            r = up._send("POST", "/v1/transfer-key", body=row.value.encode("ascii"))
            if 200 <= r.status_code < 300:
                office.delete(row)
                done.keys_sent += 1
            else:
                done.refused.append(f"{row.key.removeprefix(STATEMENT_SETTING)}: key: {r.text}")
        office.flush()
    _hand_on(view, up, done)
    r = up._send("GET", "/v1/transfers")
    _ok(r, "the list of transfer packets")
    for item in r.json().get("packets", []):
        packet_id = str(item.get("packet_id"))
        with Session(view) as s:
            relay = s.get(TransferRelay, packet_id)
            have, ack = relay is not None, (relay.ack if relay is not None else None)
            # Only for a CCI this office serves by stick (one it enrolled): a CCI online
            # fetches its packets itself, and is not downloaded for at every forward.
            by_stick = s.get(Enrolment, str(item.get("to"))) is not None
        if ack is not None:
            _ok(up._send("POST", f"/v1/transfers/{packet_id}/ack", body=ack), "an ack")
            done.acks_sent += 1
            continue
        sender = item.get("sender")
        if have or not by_stick or not isinstance(sender, dict):
            continue
        got = up._send("GET", f"/v1/transfers/{packet_id}")
        _ok(got, "a transfer packet")
        try:
            with Session(writer(view)) as s, s.begin():
                new = keep_from_central(s, got.content, sender=sender)
        except TransferError as exc:
            done.refused.append(f"{packet_id}: {exc.code}: {exc.message}")
            continue
        done.packets += int(new)
        if office is not None:
            _remember_sender(office, sender)
    if office is not None:
        _acks_of_handed_on(view, up, office, done)
    return done


def _hand_on(view: Engine, up: Uploader, done: TransferFetch) -> None:
    """Hand to central the packets the sticks brought for CCIs this office does not serve
    by stick, signed with the office's key (central checks the sending CCI's signature and
    that it is of this district). Marked handed on only once central has it: a failure
    leaves it waiting for the next forward; central keeps one copy of a packet handed in
    again (by its id)."""
    with Session(view) as s:
        todo = list(
            s.scalars(
                select(TransferRelay.packet_id)
                .where(TransferRelay.sender == HAND_ON)
                .order_by(TransferRelay.received_at)
            )
        )
    for packet_id in todo:
        with Session(view) as s:
            raw = s.scalar(select(TransferRelay.data).where(TransferRelay.packet_id == packet_id))
        if raw is None:
            continue
        r = up._send("POST", "/v1/transfers", body=raw)
        if not 200 <= r.status_code < 300:
            done.refused.append(f"{packet_id}: hand-on: {_why(r)}")
            continue
        with Session(writer(view)) as s, s.begin():
            row = s.get(TransferRelay, packet_id)
            if row is not None and row.sender == HAND_ON:
                row.sender = HANDED_ON
        done.handed_on += 1


def _why(r: Any) -> str:
    try:
        body = r.json()
        return f"{body.get('code')}: {body.get('message')}"
    except ValueError:
        return f"HTTP {r.status_code}"


def _acks_of_handed_on(view: Engine, up: Uploader, office: Session, done: TransferFetch) -> None:
    """The acknowledgements central holds of the packets this office handed on: each,
    checked against the receiving CCI's key in the office's directory, is kept for the
    sending CCI's next stick (`put_on_stick` writes it there)."""
    with Session(view) as s:
        waiting = {
            r.packet_id: r.to_uuid
            for r in s.scalars(
                select(TransferRelay).where(
                    TransferRelay.sender == HANDED_ON, TransferRelay.ack.is_(None)
                )
            )
        }
    if not waiting:
        return
    r = up._send("GET", "/v1/transfer-acks")
    _ok(r, "the acknowledgements")
    for text in r.json().get("acks", []):
        try:
            raw = base64.b64decode(str(text), validate=True)
            packet_id = str(json.loads(raw)["ack"]["packet_id"])
        except (ValueError, KeyError, TypeError, RecursionError):
            done.refused.append("acknowledgement: bad-format: not an acknowledgement")
            continue
        to_uuid = waiting.get(packet_id)
        if to_uuid is None:
            continue  # of a packet sent online, or already here
        entry = office.get(DirectoryEntry, to_uuid)
        if entry is None:
            done.refused.append(f"{packet_id}: ack: the receiving CCI is not in the directory")
            continue
        try:
            with Session(writer(view)) as s, s.begin():
                new = keep_ack_from_central(s, raw, receiver_sign_key=entry.sign_public)
        except TransferError as exc:
            done.refused.append(f"{packet_id}: ack: {exc.code}: {exc.message}")
            continue
        done.acks_received += int(new)


def _remember_sender(office: Session, d: dict[str, Any]) -> None:
    """Keep one institution of central's (a packet's sender, or an entry of the directory
    of central's receipts) in the office's directory (`source = "central"`)."""
    try:
        uuid = str(uuid_mod.UUID(str(d["uuid"])))
        sign, enc = unb64(str(d["sign_key"])), unb64(str(d.get("enc_key") or ""))
        other = unb64(str(d["central_enc_key"])) if d.get("central_enc_key") else None
    except (KeyError, TypeError, ValueError):
        return
    if len(sign) != 32 or len(enc) != 32 or (other is not None and len(other) != 32):
        return
    row = office.get(DirectoryEntry, uuid) or DirectoryEntry(uuid=uuid)
    row.central_enc_public = b64(other) if other is not None else None
    row.name = str(d.get("name") or "")[:200]
    for key in ("state_code", "district_code"):
        value = d.get(key)
        setattr(row, key, value if isinstance(value, int) else None)
    row.sign_public, row.enc_public = b64(sign), b64(enc)
    row.source, row.updated_at = "central", datetime.now(UTC)
    office.add(row)
    office.flush()


def _newest_central_receipt(view: Engine) -> list[bytes]:
    """Central's receipt of the newest bundle forwarded (its directory is the whole state's
    but that bundle's CCI, one the office serves by stick)."""
    with Session(view) as s:
        raw = s.scalar(
            select(ReceivedBundle.central_receipt)
            .where(ReceivedBundle.central_receipt.is_not(None))
            .order_by(ReceivedBundle.received_at.desc(), ReceivedBundle.seq.desc())
            .limit(1)
        )
    return [raw] if raw else []


def learn_directory(office: Session, receipts: list[bytes]) -> int:
    """Keep the directory central's receipts (of the bundles the office forwarded) carry:
    the state's CCIs and the peer states' (with their state and their central's key), so
    the receipts the office writes on its sticks list them. A receipt's signature is
    checked against central's key when the office has one imported (otherwise the HTTPS
    answer to the office's signed request is what vouches for it); one that does not
    verify is skipped. How many entries."""
    from bundle_format.receipts import ReceiptError, verify_receipt
    from sync_client.exchange.outbox import peer_keys

    centrals = [k for k in peer_keys(office, active_only=False) if k.role == "central"]
    n = 0
    for raw in receipts:
        try:
            if centrals:
                body = verify_receipt(raw, centrals)
            else:
                body = json.loads(raw.decode("utf-8"))["receipt"]
        except (ReceiptError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            continue
        items = body.get("directory") if isinstance(body, dict) else None
        if body.get("receiver") != "central" or not isinstance(items, list):
            continue
        for d in items[:5000]:
            if isinstance(d, dict):
                _remember_sender(office, d)
                n += 1
    return n


def senders_from_central(office: Session) -> list[dict[str, Any]]:
    """The directory entries the office learnt from central (`fetch_transfers`, and the
    directory of central's receipts: `learn_directory`), for the receipts it writes on
    its sticks: another state's with its central's key (`central_enc_key`)."""
    return [
        {
            "uuid": e.uuid,
            "name": e.name,
            "state_code": e.state_code,
            "district_code": e.district_code,
            "sign_key": e.sign_public,
            "enc_key": e.enc_public,
            **({"central_enc_key": e.central_enc_public} if e.central_enc_public else {}),
        }
        for e in office.scalars(
            select(DirectoryEntry)
            .where(DirectoryEntry.source == "central")
            .order_by(DirectoryEntry.uuid)
        )
    ]
