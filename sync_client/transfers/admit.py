"""Taking in a child transferred from another CCI (issue 20): keep a packet addressed
here (`receive_packet`), admit the child with the same uuid and child code, the whole
history and a new stay (`admit`, all in one transaction), and mark the packets sent from
here acknowledged (`record_ack`). The sending side is `sync_client.transfers.packets`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid as uuid_mod
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, SessionTransaction

from bundle_format import aadhaar as aadhaar_format
from bundle_format import transfer as packets
from bundle_format.keys import OwnKeys, unb64
from desktop.models import (
    TRACKED_MODELS,
    Child,
    DirectoryEntry,
    Tracked,
    Transfer,
    TransferPacket,
)
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.audit import audited
from desktop.services.core.errors import ServiceError
from desktop.services.core.permissions import check_action
from desktop.services.install.institution import local_institution
from sync_client.changes import SKIP
from sync_client.transfers.packets import transfer_private


def _sender_key(session: Session, packet: packets.Packet) -> bytes:
    entry = session.get(DirectoryEntry, packet.sender["uuid"])
    if entry is None:
        raise packets.TransferError(
            "unknown-sender",
            "the sending CCI is not in this computer's directory yet: sync once, then try again",
        )
    return unb64(entry.sign_public)


def receive_packet(session: Session, raw: bytes) -> TransferPacket:
    """Keep a packet addressed to this CCI, waiting to be admitted. TransferError when it
    is damaged, changed, not signed by its sender, or not addressed to this CCI."""
    packet = packets.parse_packet(raw)
    mine = local_institution(session)
    if packet.receiver["uuid"] != str(mine.uuid):
        raise packets.TransferError(
            "not-addressed", f"this packet is for {packet.receiver.get('name')}, not this CCI"
        )
    packets.verify_packet(packet, _sender_key(session, packet))
    packets.open_packet(packet, transfer_private(session))  # it opens here, whole
    found = session.scalars(
        select(TransferPacket).where(TransferPacket.packet_id == packet.packet_id)
    ).first()
    if found is not None:
        if found.packet_hash != packet.hash:
            raise packets.TransferError("id-reused", "another packet with this id was received")
        return found
    try:
        when = date.fromisoformat(str(packet.header["transfer"].get("date")))
    except ValueError as exc:
        raise packets.TransferError("bad-header", "the packet's transfer date is wrong") from exc
    row = TransferPacket(
        packet_id=packet.packet_id,
        transfer_uuid=packet.header["transfer"].get("transfer_uuid"),
        direction="in",
        status="waiting",
        child_uuid=packet.child["uuid"],
        child_code=str(packet.child.get("code") or ""),
        child_name=str(packet.child.get("name") or ""),
        from_uuid=packet.sender["uuid"],
        from_name=str(packet.sender.get("name") or ""),
        to_uuid=str(mine.uuid),
        to_name=mine.name,
        transfer_date=when,
        order_no=packet.header["transfer"].get("order_no"),
        data=bytes(raw),
        packet_hash=packet.hash,
    )
    session.add(row)
    session.flush()
    return row


_PENDING_FILES = "clms_files_to_remove_on_rollback"
_LISTENING = "clms_files_listening"


def remove_on_rollback(session: Session, path: Path) -> None:
    """Delete `path` (a file, or an empty folder) if the session's transaction ends
    without a commit (a refusal, a database error at flush or at commit): a failed admit
    leaves no file behind."""
    if not session.info.get(_LISTENING):
        session.info[_LISTENING] = True
        event.listen(session, "after_commit", _forget_files)
        event.listen(session, "after_transaction_end", _remove_files)
    session.info.setdefault(_PENDING_FILES, []).append(path)


def _forget_files(session: Session) -> None:
    session.info.pop(_PENDING_FILES, None)


def _remove_files(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None or transaction.nested:
        return  # a savepoint ended: the outer transaction decides
    for path in reversed(session.info.pop(_PENDING_FILES, [])):  # files, then their folders
        try:
            path.rmdir() if path.is_dir() else path.unlink(missing_ok=True)
        except OSError:
            pass  # a folder that holds other files now stays


def _convert(col: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(col.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(col.type, Date):
        return date.fromisoformat(value)
    return value


def _order(model_type: str) -> int:
    names = [m.record_type() for m in TRACKED_MODELS]
    return names.index(model_type) if model_type in names else len(names)


@dataclass(frozen=True)
class Admitted:
    """What admitting a packet did: the child, the new stay and the signed acknowledgement."""

    child: Child
    stay: Transfer
    ack: bytes


def admit(
    session: Session,
    row: TransferPacket,
    *,
    signer: OwnKeys,
    store: AttachmentStore | None,
    today: date | None = None,
) -> Admitted:
    """Take the child in: the same uuid and child code, every record of the history, the
    scans and photo, the Aadhaar; a new stay (a transfer in) from the packet's date.
    All in the caller's transaction: anything wrong and nothing is kept, in the database
    or in the attachment folder (a scan written here is removed if the transaction does
    not commit, `remove_on_rollback`). The role is checked first (the superintendent's:
    APPROVE)."""
    check_action(session, "admit_transfer", None)
    if row.direction != "in" or row.status != "waiting":
        raise ServiceError("this packet is not waiting to be admitted")
    packet = packets.parse_packet(row.data)
    packets.verify_packet(packet, _sender_key(session, packet))
    enc = transfer_private(session)
    lines = packets.open_packet(packet, enc)
    mine = local_institution(session)
    child_line = next((ln for ln in lines if ln["type"] == "child"), None)
    if child_line is None or child_line["record_uuid"] != packet.child["uuid"]:
        raise packets.TransferError("bad-payload", "the packet does not hold the child's record")
    child_uuid = uuid_mod.UUID(child_line["record_uuid"])
    if session.scalars(select(Child).where(Child.uuid == child_uuid)).first() is not None:
        raise ServiceError("this child is already on record here")
    code = str(child_line["data"].get("code"))
    if session.scalars(select(Child).where(Child.code == code)).first() is not None:
        raise ServiceError(f"another child here already has the code {code}")
    try:
        for ln in lines:  # the scans first, each checked against its hash
            if ln["type"] == "attachment" and store is not None:
                content = base64.b64decode(str(ln["data"].get("content", "")), validate=True)
                if hashlib.sha256(content).hexdigest() != ln["record_uuid"]:
                    raise packets.TransferError("bad-payload", "a scan in the packet is damaged")
                path = store.path_for(ln["record_uuid"])
                # Written here (with the folders made for it): removed if not committed.
                for new in (store.root, path.parent, path):
                    if not new.exists():
                        remove_on_rollback(session, new)
                store.put(session, content, original_name=ln["data"].get("original_name"))
        models = {m.record_type(): m for m in TRACKED_MODELS}
        records = sorted(
            (ln for ln in lines if ln["type"] != "attachment"), key=lambda r: _order(r["type"])
        )
        ids: dict[str, dict[str, int]] = {}
        made: list[tuple[Tracked, dict[str, Any]]] = []
        with audited(session, "admit_transfer"):
            for ln in records:
                model = models.get(ln["type"])
                if model is None or ln["type"] == "institution":
                    raise packets.TransferError("bad-payload", f"unknown record type {ln['type']}")
                data = dict(ln["data"])
                kwargs: dict[str, Any] = {"uuid": uuid_mod.UUID(ln["record_uuid"])}
                if "child_id" not in model.table().c and model is not Child:
                    # A record of no one child (a CLTS household) already here: a sibling
                    # came before. It is the same record; it stays as it is here.
                    here = session.scalars(
                        select(model).where(model.table().c.uuid == kwargs["uuid"])
                    ).first()
                    if here is not None:
                        ids.setdefault(ln["type"], {})[ln["record_uuid"]] = here.id
                        continue
                if model is Child:
                    sealed = data.pop(aadhaar_format.FIELD_SEALED, None)
                    data.pop(aadhaar_format.FIELD_LAST4, None)
                    kwargs["aadhaar"] = (
                        aadhaar_format.open_sealed_with(
                            sealed, enc=enc, record_uuid=ln["record_uuid"]
                        )
                        if sealed
                        else None
                    )
                    kwargs["institution_id"] = mine.id
                for col in model.table().columns:
                    if (
                        col.name in SKIP
                        or col.name in kwargs
                        or col.name in ("created_at", "updated_at")
                    ):
                        continue
                    fk = next(iter(col.foreign_keys), None)
                    if fk is not None and fk.column.name == "id":
                        ref = data.get(col.name.removesuffix("_id") + "_uuid")
                        target = fk.column.table.name
                        local = ids.get(target, {}).get(str(ref)) if ref else None
                        if ref and local is None:
                            raise packets.TransferError(
                                "bad-payload", f"a {ln['type']} names a record not in the packet"
                            )
                        kwargs[col.key] = local
                    elif col.name in data:
                        kwargs[col.key] = _convert(col, data[col.name])
                obj = model(**kwargs)
                session.add(obj)
                session.flush()
                ids.setdefault(ln["type"], {})[ln["record_uuid"]] = obj.id
                made.append((obj, ln))
            # The versions central holds, and the original dates. Each record goes up once more
            # with this install's next bundle (base one below): central answers "unchanged",
            # and a district office of another district gets the whole history.
            for obj, ln in made:
                obj.version = int(ln["version"])
                # The child changes here at once (its new stay): based on the version held.
                obj.synced_version = obj.version - (0 if isinstance(obj, Child) else 1)
                for name in ("created_at", "updated_at"):
                    if ln["data"].get(name):
                        setattr(obj, name, datetime.fromisoformat(ln["data"][name]))
            session.flush()
    except IntegrityError as exc:
        raise ServiceError(
            "the child's record clashes with one here (the same Aadhaar or record id): "
            "nothing was admitted"
        ) from exc
    except (ValueError, aadhaar_format.AadhaarError) as exc:
        raise packets.TransferError(
            "bad-payload", f"the packet's content cannot be taken in: {exc}"
        ) from exc

    child = session.get(Child, ids["child"][str(child_uuid)])
    assert child is not None
    stay = Transfer(
        child_id=child.id,
        direction="in",
        transfer_date=row.transfer_date,
        other_institution=row.from_name,
        other_institution_uuid=row.from_uuid,
        order_no=row.order_no,
        reason=packet.header["transfer"].get("reason"),
    )
    with audited(session, "admit_transfer", child=child):
        session.add(stay)
        child.status = "in_care"
        child.exit_date = child.exit_reason = child.exit_order_no = None
    ack = packets.make_ack(
        packet,
        admitted_on=(today or date.today()).isoformat(),
        child_code=child.code,
        keys=signer,
    )
    row.status, row.ack, row.acknowledged_at = "admitted", ack, None
    session.flush()
    return Admitted(child=child, stay=stay, ack=ack)


def record_ack(session: Session, raw: bytes) -> TransferPacket | None:
    """Mark a packet this CCI sent as acknowledged, from the receiving CCI's signed ack."""
    try:
        packet_id = str(json.loads(raw)["ack"]["packet_id"])
    except (ValueError, KeyError, TypeError) as exc:
        raise packets.TransferError("bad-format", "this is not an acknowledgement") from exc
    row = session.scalars(
        select(TransferPacket).where(
            TransferPacket.packet_id == packet_id, TransferPacket.direction == "out"
        )
    ).first()
    if row is None:
        return None
    entry = session.get(DirectoryEntry, row.to_uuid)
    if entry is None:
        raise packets.TransferError("unknown-sender", "the receiving CCI is not in the directory")
    body = packets.verify_ack(raw, unb64(entry.sign_public))
    if body.get("packet_hash") != row.packet_hash:
        raise packets.TransferError("wrong-packet", "the acknowledgement is of another packet")
    if row.status != "acknowledged":
        row.status, row.ack = "acknowledged", bytes(raw)
        row.acknowledged_at = datetime.now(UTC)
        row.message = str(body.get("status"))
    return row
