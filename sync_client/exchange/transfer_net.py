"""Transfer packets over the network and on the stick (issue 20).

`sync_transfers` does, with signed requests to central: enrol this CCI's transfer key
(once), hand in the packets waiting to be sent, fetch the packets addressed to this CCI,
send the acknowledgements of the children admitted, and take in the acknowledgements
of the packets this CCI sent. Each step is its own transaction: a failure leaves what
was done done. On a stick packets travel as `CLMS/transfers/<to uuid>/<packet id>.clmst`
and acknowledgements as `CLMS/transfer-acks/<from uuid>/<packet id>.ack` (`to_stick`,
`from_stick`).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select

from bundle_format import transfer as packets
from bundle_format.keys import OwnKeys
from desktop.models import TransferKey, TransferPacket
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.install.institution import local_institution
from sync_client.exchange.upload import Uploader, UploadFailed, UploadSettings
from sync_client.exchange.usb import bundles_dir, write_atomic
from sync_client.transfers import admit as transfer_admit
from sync_client.transfers import packets as transfers

STICK_PACKETS = Path("CLMS") / "transfers"
STICK_ACKS = Path("CLMS") / "transfer-acks"
MAX_STICK_FILE = packets.MAX_PACKET + packets.MAX_HEADER + 100
TRANSFER_KEY_FILE = "transfer-key.json"  # beside the CCI's bundles: its key statement


@dataclass
class TransferSync:
    """What one round did (counts), and the packets refused with why."""

    sent: int = 0
    received: int = 0
    acks_sent: int = 0
    acks_received: int = 0
    refused: list[str] = field(default_factory=list)


def _check(r: object, what: str) -> None:
    status = getattr(r, "status_code", 0)
    if not 200 <= status < 300:
        try:
            body = r.json()  # type: ignore[attr-defined]
            msg = f"{body.get('code')}: {body.get('message')}"
        except ValueError:
            msg = f"HTTP {status}"
        raise UploadFailed(f"central refused {what} ({msg})")


def prepare(engine: Engine, *, actor: Actor, signer: OwnKeys, store: AttachmentStore | None) -> int:
    """Build the packets of the transfers recorded since the last sync (before the bundle
    is built, so that the hand-overs go up with it); how many."""
    with unit_of_work(engine, actor, rules=False) as s:
        return len(transfers.build_waiting_packets(s, signer=signer, store=store))


def sync_transfers(
    engine: Engine, *, actor: Actor, signer: OwnKeys, settings: UploadSettings
) -> TransferSync:
    """One round of transfers with central (see the module's docstring)."""
    up = Uploader(settings, signer=signer)
    done = TransferSync()
    with unit_of_work(engine, actor, rules=False) as s:
        statement = transfers.key_statement(s, signer)
        key = transfers.ensure_transfer_key(s)
        enrolled = key.enrolled_at is not None
        waiting = [(r.id, r.data) for r in transfers.outgoing(s) if r.status == "waiting"]
        acks = [
            (r.id, r.packet_id, r.ack)
            for r in transfers.incoming(s)
            if r.ack is not None and r.acknowledged_at is None
        ]
    if not enrolled:
        _check(up._send("POST", "/v1/transfer-key", body=statement), "the transfer key")
        with unit_of_work(engine, actor, rules=False) as s:
            for k in s.scalars(select(TransferKey)):
                k.enrolled_at = datetime.now(UTC)
    for row_id, raw in waiting:
        _check(up._send("POST", "/v1/transfers", body=raw), "a transfer packet")
        with unit_of_work(engine, actor, rules=False) as s:
            row = s.get(TransferPacket, row_id)
            if row is not None:
                row.status, row.sent_at = "sent", datetime.now(UTC)
        done.sent += 1
    r = up._send("GET", "/v1/transfers")
    _check(r, "the list of incoming transfers")
    for item in r.json().get("packets", []):
        got = up._send("GET", f"/v1/transfers/{item['packet_id']}")
        _check(got, "an incoming packet")
        try:
            with unit_of_work(engine, actor, rules=False) as s:
                transfer_admit.receive_packet(s, got.content)
            done.received += 1
        except packets.TransferError as exc:
            done.refused.append(f"{item['packet_id']}: {exc.code}: {exc.message}")
    for row_id, packet_id, ack in acks:
        _check(up._send("POST", f"/v1/transfers/{packet_id}/ack", body=ack), "an acknowledgement")
        with unit_of_work(engine, actor, rules=False) as s:
            row = s.get(TransferPacket, row_id)
            if row is not None:
                row.acknowledged_at = datetime.now(UTC)
        done.acks_sent += 1
    r = up._send("GET", "/v1/transfer-acks")
    _check(r, "the acknowledgements")
    for text in r.json().get("acks", []):
        with unit_of_work(engine, actor, rules=False) as s:
            try:
                row = transfer_admit.record_ack(s, base64.b64decode(text))
            except packets.TransferError as exc:
                done.refused.append(f"acknowledgement: {exc.code}: {exc.message}")
                continue
            if row is not None and row.acknowledged_at is not None:
                done.acks_received += 1
    return done


def to_stick(engine: Engine, *, actor: Actor, root: Path, signer: OwnKeys | None = None) -> int:
    """Write the packets waiting to be sent and the acknowledgements of the children
    admitted here onto the stick (for the district office to pass on); how many files.
    With `signer`, this CCI's transfer key statement goes beside its bundles too."""
    n = 0
    with unit_of_work(engine, actor, rules=False) as s:
        if signer is not None:
            statement = transfers.key_statement(s, signer)
            mine = str(local_institution(s).uuid)
            write_atomic(bundles_dir(Path(root)) / mine / TRANSFER_KEY_FILE, statement)
        for r in transfers.outgoing(s):
            if r.status in ("waiting", "sent"):
                write_atomic(
                    Path(root) / STICK_PACKETS / r.to_uuid / f"{r.packet_id}.clmst", r.data
                )
                n += 1
        for r in transfers.incoming(s):
            if r.ack is not None and r.acknowledged_at is None:
                write_atomic(Path(root) / STICK_ACKS / r.from_uuid / f"{r.packet_id}.ack", r.ack)
                n += 1
    return n


def from_stick(engine: Engine, *, actor: Actor, root: Path) -> TransferSync:
    """Take in what the district office wrote on the stick for this CCI: packets addressed
    here and acknowledgements of the packets sent from here. A bad file is reported and
    skipped; nothing of it is kept."""
    done = TransferSync()
    with unit_of_work(engine, actor, rules=False) as s:
        mine = str(local_institution(s).uuid)
    for path in sorted((Path(root) / STICK_PACKETS / mine).glob("*.clmst")):
        try:
            if path.stat().st_size > MAX_STICK_FILE:
                raise packets.TransferError("too-large", "too large to be a transfer packet")
            raw = path.read_bytes()
            with unit_of_work(engine, actor, rules=False) as s:
                transfer_admit.receive_packet(s, raw)
            done.received += 1
        except packets.TransferError as exc:
            done.refused.append(f"{path.name}: {exc.code}: {exc.message}")
    for path in sorted((Path(root) / STICK_ACKS / mine).glob("*.ack")):
        try:
            with unit_of_work(engine, actor, rules=False) as s:
                row = transfer_admit.record_ack(s, path.read_bytes()[: 16 * 1024 + 1])
            if row is not None:
                done.acks_received += 1
        except packets.TransferError as exc:
            done.refused.append(f"{path.name}: {exc.code}: {exc.message}")
    return done
