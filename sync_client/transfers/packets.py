"""Transfers between CCIs with the child's whole record (issue 20), on the CCI's side.

- This institution's transfer key (X25519) is made at set-up or on first use
  (`ensure_transfer_key`) and enrolled with a statement signed by its sync key.
- The directory of institutions comes in the signed receipts of central and the district
  office (`store_directory`); a transfer is addressed to one of them.
- `send_transfer` records the transfer out (the case closes here) and builds the packet:
  every record of the child (history, visits, orders, documents with their scans, photo),
  the Aadhaar sealed to the receiving CCI alone, encrypted to that CCI, the district and
  central (and, to a CCI of another state, that state's central), signed with this
  install's key. Each record is also queued for hand-over: the
  next bundle carries a `transfer` line for it, and only that signed line moves the
  record's ownership at central (once).
- Receiving and admitting are in `sync_client.transfers.admit`.
"""

from __future__ import annotations

import uuid as uuid_mod
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from bundle_format import aadhaar as aadhaar_format
from bundle_format import transfer as packets
from bundle_format.keys import OwnKeys, PublicKeys, b64, key_id, raw_private, raw_public, unb64
from desktop.models import (
    TRACKED_MODELS,
    Attachment,
    Child,
    DirectoryEntry,
    Handover,
    Institution,
    SyncKey,
    Tracked,
    Transfer,
    TransferKey,
    TransferPacket,
)
from desktop.services.cases.children import transfer_to_cci
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.audit import plain
from desktop.services.core.errors import ServiceError
from desktop.services.install.institution import local_institution
from sync_client.changes import SKIP, attachment_line
from sync_client.practice import refuse_practice

ACK_DAYS_DEFAULT = 15


# Records that are not the child's, even when a record of the child names them.
_NOT_THE_CHILDS = frozenset({"institution", "user"})


def _tracked_fks(model: type[Tracked]) -> list[tuple[str, str]]:
    """(column key, target table) of the model's references to other tracked records."""
    tracked = {m.record_type() for m in TRACKED_MODELS}
    out = []
    for col in model.table().columns:
        fk = next(iter(col.foreign_keys), None)
        if fk is not None and fk.column.name == "id" and fk.column.table.name in tracked:
            out.append((col.key, fk.column.table.name))
    return out


def child_records(session: Session, child: Child) -> tuple[list[Tracked], set[tuple[str, int]]]:
    """Every tracked record of the child, in `TRACKED_MODELS` order (child first): the rows
    naming the child (`child_id`), the rows hanging off those (a CLTS case's entitlements,
    compensation lines, follow-ups), and the rows they name that belong to no one else's
    record (a CLTS household and its members) - whatever tables are added later.

    Also the (type, id) of the rows shared with the record of another child still here (a
    household a sibling's case names too): they travel, but their ownership does not move
    (it moves with the last of the siblings to leave)."""
    models = [
        m for m in TRACKED_MODELS if m is not Child and m.record_type() not in _NOT_THE_CHILDS
    ]
    have: dict[str, dict[int, Tracked]] = {"child": {child.id: child}}
    changed = True
    while changed:
        changed = False
        for model in models:
            t, name = model.table(), model.record_type()
            mine = have.setdefault(name, {})
            fks = _tracked_fks(model)
            for key, target in fks:  # down: rows naming a record of the child
                ids = list(have.get(target, {}))
                if not ids or target in _NOT_THE_CHILDS:
                    continue
                q = select(model).where(t.c[key].in_(ids))
                if "child_id" in t.c:  # never another child's record
                    q = q.where(t.c.child_id == child.id)
                for obj in session.scalars(q):
                    if obj.id not in mine:
                        mine[obj.id] = obj
                        changed = True
            for obj in list(mine.values()):  # up: rows a record of the child names
                for key, target in fks:
                    ref = getattr(obj, key)
                    if ref is None or target in _NOT_THE_CHILDS or target == "child":
                        continue
                    tmodel = next(m for m in TRACKED_MODELS if m.record_type() == target)
                    if "child_id" in tmodel.table().c or int(ref) in have.get(target, {}):
                        continue
                    found = session.get(tmodel, int(ref))
                    if found is not None:
                        have.setdefault(target, {})[found.id] = found
                        changed = True
    shared: set[tuple[str, int]] = set()
    for model in models:  # rows without a child_id that another child's rows name
        t = model.table()
        if "child_id" not in t.c:
            continue
        for key, target in _tracked_fks(model):
            ids = [i for i in have.get(target, {}) if "child_id" not in _table_of(target).c]
            if ids:
                named = select(t.c[key]).where(
                    t.c[key].in_(ids),
                    t.c.child_id != child.id,
                    t.c.child_id.in_(select(Child.id).where(Child.status != "transferred")),
                )
                shared |= {(target, int(i)) for i in session.scalars(named)}
    for model in models:  # and the rows hanging off a shared one
        t, name = model.table(), model.record_type()
        for key, target in _tracked_fks(model):
            for obj in have.get(name, {}).values():
                if (target, getattr(obj, key)) in shared:
                    shared.add((name, obj.id))
    objs: list[Tracked] = [child]
    for model in models:
        objs += [have[model.record_type()][i] for i in sorted(have.get(model.record_type(), {}))]
    return objs, shared


def _table_of(name: str) -> Any:
    return next(m for m in TRACKED_MODELS if m.record_type() == name).table()


# ---------------------------------------------------------------- keys and directory


def ensure_transfer_key(session: Session) -> TransferKey:
    """This install's transfer key pair, made now if there is none yet (set-up, upgrade)."""
    row = session.scalars(select(TransferKey).order_by(TransferKey.id.desc())).first()
    if row is not None:
        return row
    priv = X25519PrivateKey.generate()
    pub = raw_public(priv.public_key())
    row = TransferKey(key_id=key_id(pub), enc_public=b64(pub), enc_private=b64(raw_private(priv)))
    session.add(row)
    session.flush()
    return row


def transfer_private(session: Session) -> X25519PrivateKey:
    """This install's transfer private key (opens packets addressed here)."""
    return X25519PrivateKey.from_private_bytes(unb64(ensure_transfer_key(session).enc_private))


def key_statement(session: Session, signer: OwnKeys) -> bytes:
    """The transfer key, vouched for by this install's signing key (for central/district)."""
    row = ensure_transfer_key(session)
    inst = local_institution(session)
    if row.statement is None:
        row.statement = packets.sign_key_statement(
            signer, institution_uuid=str(inst.uuid), enc_public=unb64(row.enc_public)
        )
    return row.statement


def store_directory(session: Session, receipt: dict[str, Any]) -> int:
    """Keep the directory a verified receipt carried (institutions with their keys)."""
    items = receipt.get("directory")
    if not isinstance(items, list):
        return 0
    source = str(receipt.get("receiver"))
    mine = local_institution(session)
    n = 0
    now = datetime.now(UTC)
    for d in items:
        try:
            uuid = str(uuid_mod.UUID(str(d["uuid"])))
            sign = unb64(str(d["sign_key"]))
            enc = unb64(str(d["enc_key"])) if d.get("enc_key") else None
            other = unb64(str(d["central_enc_key"])) if d.get("central_enc_key") else None
        except (KeyError, TypeError, ValueError):
            continue
        if uuid == str(mine.uuid) or len(sign) != 32 or (enc is not None and len(enc) != 32):
            continue
        if other is not None and len(other) != 32:
            continue
        row = session.get(DirectoryEntry, uuid) or DirectoryEntry(uuid=uuid)
        row.name = str(d.get("name") or "")[:200]
        row.state_code = d.get("state_code") if isinstance(d.get("state_code"), int) else None
        dc = d.get("district_code")
        row.district_code = dc if isinstance(dc, int) else None
        row.sign_public, row.enc_public = b64(sign), (b64(enc) if enc else None)
        row.central_enc_public = b64(other) if other else None
        row.source, row.updated_at = source, now
        session.add(row)
        n += 1
    session.flush()
    return n


def directory(session: Session) -> list[DirectoryEntry]:
    """Institutions a child can be transferred to (with a transfer key): this state's
    first, then the other states' (each by state), by district and name."""
    own = local_institution(session).state_code
    return list(
        session.scalars(
            select(DirectoryEntry)
            .where(DirectoryEntry.enc_public.is_not(None))
            .order_by(
                DirectoryEntry.state_code != own,
                DirectoryEntry.state_code,
                DirectoryEntry.district_code,
                DirectoryEntry.name,
            )
        )
    )


# ---------------------------------------------------------------- sending


def _row_data(
    session: Session, obj: Tracked, uuid_of: dict[tuple[str, int], str]
) -> dict[str, Any]:
    table = obj.table()
    data: dict[str, Any] = {}
    for col in table.columns:
        if col.name in SKIP:
            continue
        value = getattr(obj, col.key)
        fk = next(iter(col.foreign_keys), None)
        if fk is not None and fk.column.name == "id":
            target = fk.column.table.name
            if value is None:
                data[col.name.removesuffix("_id") + "_uuid"] = None
                continue
            key = (target, int(value))
            if key not in uuid_of:
                model = next(m for m in TRACKED_MODELS if m.record_type() == target)
                found = session.get(model, int(value))
                uuid_of[key] = str(found.uuid) if found is not None else ""
            data[col.name.removesuffix("_id") + "_uuid"] = uuid_of[key] or None
        else:
            data[col.name] = plain(value)
    return data


def child_record_lines(
    session: Session, child: Child, *, receiver: PublicKeys, store: AttachmentStore | None
) -> list[dict[str, Any]]:
    """Every record of the child as packet lines (child first), then the scans and photo."""
    uuid_of: dict[tuple[str, int], str] = {}
    lines: list[dict[str, Any]] = []
    hashes: set[str] = set()
    objs, _shared = child_records(session, child)
    for obj in objs:
        data = _row_data(session, obj, uuid_of)
        if isinstance(obj, Child):
            number = data.pop("aadhaar", None)
            data[aadhaar_format.FIELD_LAST4] = aadhaar_format.last4(number)
            data[aadhaar_format.FIELD_SEALED] = (
                aadhaar_format.seal(number, central=receiver, record_uuid=str(obj.uuid))
                if number
                else None
            )
        for f in ("photo_hash", "attachment_hash"):
            if data.get(f):
                hashes.add(str(data[f]))
        lines.append(
            {
                "record_uuid": str(obj.uuid),
                "type": obj.record_type(),
                "op": "upsert",
                "version": obj.version,
                "base_version": obj.synced_version,
                "data": data,
            }
        )
    for sha in sorted(hashes):
        att = session.get(Attachment, sha)
        if att is not None and store is not None:  # a packet carries the scans themselves
            lines.append(attachment_line(att, store))
    return lines


def _party(inst: Institution | DirectoryEntry) -> dict[str, Any]:
    return {
        "uuid": str(inst.uuid),
        "name": inst.name,
        "state_code": inst.state_code,
        "district_code": inst.district_code,
    }


def _recipients(session: Session, to: DirectoryEntry) -> list[packets.Recipient]:
    if not to.enc_public:
        raise ServiceError(f"{to.name} has no transfer key yet: it must sync once first")
    out = [packets.Recipient("institution", unb64(to.enc_public))]
    if to.central_enc_public:  # another state: the central that will hold it there
        out.append(packets.Recipient("central", unb64(to.central_enc_public)))
    peers = select(SyncKey).where(SyncKey.own.is_(False), SyncKey.active.is_(True))
    for peer in session.scalars(peers.order_by(SyncKey.role)):
        if peer.enc_public and peer.role in ("central", "district"):
            out.append(packets.Recipient(peer.role, unb64(peer.enc_public)))
    return out


def record_transfer(
    session: Session,
    child: Child,
    *,
    to_uuid: str,
    transfer_date: str | date,
    order_no: str,
    reason: str | None,
    today: date | None = None,
) -> Transfer:
    """Record the transfer out to a CCI of the directory (the case closes here); its packet
    is built and signed at the next sync (`build_waiting_packets`), with the record as it
    then stands. (`desktop.services.cases.children.transfer_to_cci`, which an approved
    request of a caseworker's uses too.)"""
    refuse_practice(session)
    return transfer_to_cci(
        session,
        child,
        to_uuid=to_uuid,
        transfer_date=transfer_date,
        order_no=order_no,
        reason=reason,
        today=today,
    )


def build_packet(
    session: Session, t: Transfer, *, signer: OwnKeys, store: AttachmentStore | None
) -> TransferPacket:
    """The packet of a recorded transfer out: the child's whole record, signed, encrypted
    to the receiving CCI, the district and central; each record queued for hand-over."""
    to = session.get(DirectoryEntry, str(t.other_institution_uuid))
    if to is None:
        raise ServiceError("the receiving CCI is no longer in the directory")
    recipients = _recipients(session, to)
    mine = local_institution(session)
    child = session.get(Child, t.child_id)
    assert child is not None
    receiver = PublicKeys("institution", to.name, unb64(to.sign_public), unb64(to.enc_public or ""))
    lines = child_record_lines(session, child, receiver=receiver, store=store)
    objs, shared = child_records(session, child)
    keep_owner = {str(o.uuid) for o in objs if (o.record_type(), o.id) in shared}
    raw = packets.build_packet(
        records=lines,
        sender=_party(mine),
        receiver=_party(to),
        child={"uuid": str(child.uuid), "code": child.code, "name": child.full_name},
        transfer={
            "date": t.transfer_date.isoformat(),
            "order_no": t.order_no,
            "reason": t.reason,
            "transfer_uuid": str(t.uuid),
        },
        created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        signer=signer,
        recipients=recipients,
    )
    packet = packets.parse_packet(raw)
    row = TransferPacket(
        packet_id=packet.packet_id,
        transfer_uuid=str(t.uuid),
        direction="out",
        status="waiting",
        child_uuid=str(child.uuid),
        child_code=child.code,
        child_name=child.full_name,
        from_uuid=str(mine.uuid),
        from_name=mine.name,
        to_uuid=to.uuid,
        to_name=to.name,
        transfer_date=t.transfer_date,
        order_no=t.order_no,
        data=raw,
        packet_hash=packet.hash,
    )
    session.add(row)
    for line in lines:
        # A record shared with a child who stays here (a sibling's household) keeps its owner.
        if line["type"] != "attachment" and line["record_uuid"] not in keep_owner:
            session.add(
                Handover(
                    packet_id=packet.packet_id,
                    record_type=line["type"],
                    record_uuid=line["record_uuid"],
                    version=line["version"],
                    to_uuid=to.uuid,
                )
            )
    session.flush()
    return row


def build_waiting_packets(
    session: Session, *, signer: OwnKeys, store: AttachmentStore | None
) -> list[TransferPacket]:
    """Packets for the transfers out recorded since the last sync (before bundling, so the
    hand-overs go up with the same bundle as the transfer)."""
    done = set(session.scalars(select(TransferPacket.transfer_uuid)))
    out = []
    for t in session.scalars(
        select(Transfer).where(
            Transfer.direction == "out", Transfer.other_institution_uuid.is_not(None)
        )
    ):
        if str(t.uuid) not in done:
            out.append(build_packet(session, t, signer=signer, store=store))
    return out


def send_transfer(
    session: Session,
    child: Child,
    *,
    to_uuid: str,
    transfer_date: str | date,
    order_no: str,
    reason: str | None,
    signer: OwnKeys,
    store: AttachmentStore | None,
    today: date | None = None,
) -> TransferPacket:
    """Record the transfer out and build its packet at once (the command line, tests)."""
    t = record_transfer(
        session,
        child,
        to_uuid=to_uuid,
        transfer_date=transfer_date,
        order_no=order_no,
        reason=reason,
        today=today,
    )
    session.flush()
    return build_packet(session, t, signer=signer, store=store)


def handover_lines(session: Session) -> list[tuple[Handover, dict[str, Any]]]:
    """The `transfer` lines not yet put in a bundle (the outbox adds them after the changes),
    each of the record's version now: the hand-over follows every change bundled before."""
    tables = {m.record_type(): m.table() for m in TRACKED_MODELS}
    out = []
    for h in session.scalars(
        select(Handover).where(Handover.bundle_id.is_(None)).order_by(Handover.id)
    ):
        t = tables.get(h.record_type)
        if t is None:
            continue
        version = session.scalar(
            select(t.c.version).where(t.c.uuid == uuid_mod.UUID(h.record_uuid))
        )
        if version is None:
            continue
        h.version = int(version)
        out.append(
            (
                h,
                {
                    "seq": 0,
                    "record_uuid": h.record_uuid,
                    "type": h.record_type,
                    "op": "transfer",
                    "version": h.version,
                    "base_version": h.version - 1,
                    "data": {"to_institution": h.to_uuid},
                },
            )
        )
    return out


# ---------------------------------------------------------------- lists


def incoming(session: Session) -> list[TransferPacket]:
    """Packets received for this CCI, waiting ones first, newest first."""
    return list(
        session.scalars(
            select(TransferPacket)
            .where(TransferPacket.direction == "in")
            .order_by(TransferPacket.status != "waiting", TransferPacket.created_at.desc())
        )
    )


def outgoing(session: Session) -> list[TransferPacket]:
    """Packets this CCI sent, newest first."""
    return list(
        session.scalars(
            select(TransferPacket)
            .where(TransferPacket.direction == "out")
            .order_by(TransferPacket.created_at.desc())
        )
    )


def overdue(session: Session, *, today: date, days: int) -> list[TransferPacket]:
    """Packets sent without an acknowledgement for more than `days` days (the flag)."""
    limit = today - timedelta(days=days)
    return [
        r for r in outgoing(session) if r.status in ("waiting", "sent") and r.transfer_date < limit
    ]
