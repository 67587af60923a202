"""The outbox: keys of this install, building bundles of unsent changes, acknowledgement.

Watermark: each bundle records the highest change sequence number it carries; the next
bundle takes every change above it. A record edited while its bundle is in flight gets
a new, higher sequence number, so it goes into the next bundle: nothing is lost.
`synced_version` (the version central has acknowledged) moves only from a receipt
whose signature verifies, and never above the version that receipt names.
"""

from __future__ import annotations

import uuid as uuid_mod
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from bundle_format import bundle as bundles
from bundle_format import keys as key_files
from bundle_format.chain import AUDIT_TYPE
from bundle_format.receipts import ACKNOWLEDGING, verify_receipt
from desktop.models import TRACKED_MODELS, Attachment, OutboxBundle, SyncKey, Tombstone
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.audit_chain import audit_events_after
from desktop.services.core.errors import ServiceError
from desktop.services.install.institution import local_institution_or_none
from sync_client.changes import attachment_line, pending_changes
from sync_client.exchange import keys as key_store
from sync_client.practice import refuse_practice
from sync_client.transfers.packets import ensure_transfer_key, handover_lines, store_directory

ATTACHMENT_FIELDS = ("photo_hash", "attachment_hash")
BUNDLE_LIMIT = 20_000  # records per bundle
# Audit events travel as records of this type (immutable: version 1), in id order, so
# central can check that each bundle's events continue the install's hash chain.


def key_dir(data_dir: Path) -> Path:
    """Where private key files go when there is no OS keyring."""
    return Path(data_dir) / "keys"


def _public_of(row: SyncKey) -> key_files.PublicKeys:
    enc = key_files.unb64(row.enc_public) if row.enc_public else None
    return key_files.PublicKeys(row.role, row.name, key_files.unb64(row.sign_public), enc)


def own_key_row(session: Session, *, role: str = "institution") -> SyncKey | None:
    """This install's own active key row for a role (institution or district)."""
    return session.scalars(
        select(SyncKey).where(SyncKey.own.is_(True), SyncKey.role == role, SyncKey.active)
    ).first()


def create_own_keys(
    session: Session,
    *,
    data_dir: Path,
    name: str,
    passphrase: str | None,
    role: str = "institution",
) -> key_store.StoredKeys:
    """Make this install's keys (once); the private part goes to the keyring or a file."""
    if own_key_row(session, role=role) is not None:
        raise ServiceError("this install already has its sync key")
    keys = key_files.generate_keys(role=role, name=name)
    stored = key_store.store_own_keys(keys, key_dir=key_dir(data_dir), passphrase=passphrase)
    pub = keys.public()
    session.add(
        SyncKey(
            role=role,
            own=True,
            name=name,
            key_id=pub.sign_key_id,
            sign_public=key_files.b64(pub.sign),
            enc_public=key_files.b64(pub.enc) if pub.enc else None,
            storage=stored.storage,
            active=True,
        )
    )
    if role == "institution":
        ensure_transfer_key(session)  # transfer packets are encrypted to it (issue 20)
    session.flush()
    return stored


def load_own_keys(
    session: Session, *, data_dir: Path, passphrase: str | None, role: str = "institution"
) -> key_files.OwnKeys:
    """This install's private keys (from the keyring, or the file with its passphrase)."""
    row = own_key_row(session, role=role)
    if row is None:
        raise ServiceError("no sync key yet: run `clms sync keys init` first")
    return key_store.load_own_keys(
        role=role,
        sign_key_id=row.key_id,
        storage=row.storage or "file",
        key_dir=key_dir(data_dir),
        passphrase=passphrase,
    )


def own_public(session: Session, *, role: str = "institution") -> key_files.PublicKeys | None:
    """This install's own public keys (for the key file given to central)."""
    row = own_key_row(session, role=role)
    return _public_of(row) if row is not None else None


def import_public_key(session: Session, *, path: Path) -> key_files.PublicKeys:
    """Import central's or the district's public key file; it replaces an older one."""
    pub = key_files.read_public_key_file(path)
    if pub.role not in ("central", "district") or pub.enc is None:
        raise ServiceError("only central or district key files can be imported here")
    existing = session.scalars(select(SyncKey).where(SyncKey.key_id == pub.sign_key_id)).first()
    for old in session.scalars(
        select(SyncKey).where(SyncKey.role == pub.role, SyncKey.own.is_(False))
    ):
        old.active = old is existing
    if existing is None:
        session.add(
            SyncKey(
                role=pub.role,
                own=False,
                name=pub.name,
                key_id=pub.sign_key_id,
                sign_public=key_files.b64(pub.sign),
                enc_public=key_files.b64(pub.enc),
                active=True,
            )
        )
    session.flush()
    return pub


def peer_keys(session: Session, *, active_only: bool = True) -> list[key_files.PublicKeys]:
    """Imported central and district keys (the recipients, and who may sign receipts)."""
    q = select(SyncKey).where(SyncKey.own.is_(False)).order_by(SyncKey.role)
    if active_only:
        q = q.where(SyncKey.active)
    return [_public_of(r) for r in session.scalars(q)]


def watermark(session: Session) -> int:
    """The highest change sequence number already put in a bundle (0: none yet)."""
    return int(session.scalar(select(func.max(OutboxBundle.last_change_seq))) or 0)


def pending_count(session: Session) -> int:
    """How many changes are waiting to be bundled (count queries: quick on a big install)."""
    after = watermark(session)
    total = int(
        session.scalar(
            select(func.count()).select_from(Tombstone).where(Tombstone.change_seq > after)
        )
        or 0
    )
    for m in TRACKED_MODELS:
        t = m.table()
        total += int(
            session.scalar(select(func.count()).select_from(t).where(t.c.change_seq > after)) or 0
        )
    return total


def unacknowledged_count(session: Session) -> int:
    """How many records have a version central has not acknowledged yet."""
    total = 0
    for m in TRACKED_MODELS:
        t = m.table()
        total += int(
            session.scalar(
                select(func.count()).select_from(t).where(t.c.version > t.c.synced_version)
            )
            or 0
        )
    return total


def _attachment_lines(
    session: Session, changes: list[dict[str, Any]], store: AttachmentStore | None
) -> tuple[list[dict[str, Any]], list[str]]:
    sent: set[str] = set()
    for row in session.scalars(select(OutboxBundle.attachments)):
        sent.update(row or [])
    wanted = sorted(
        {
            c["data"][f]
            for c in changes
            if c["data"]
            for f in ATTACHMENT_FIELDS
            if c["data"].get(f) and c["data"][f] not in sent
        }
    )
    lines = []
    for sha in wanted:
        att = session.get(Attachment, sha)
        if att is not None:
            lines.append(attachment_line(att, store))
    return lines, wanted


def build_bundles(
    session: Session,
    *,
    signer: key_files.OwnKeys,
    attachments: AttachmentStore | None = None,
    limit: int = BUNDLE_LIMIT,
) -> list[OutboxBundle]:
    """Bundle every change not yet bundled, `limit` records per bundle (a first sync of a
    big install becomes several bundles: less memory, and each upload stays modest).

    A practice folder is refused (NotAllowed): made-up children never leave the CCI.
    """
    refuse_practice(session)
    out = []
    while (
        b := build_next_bundle(session, signer=signer, attachments=attachments, limit=limit)
    ) is not None:
        out.append(b)
    return out


def build_next_bundle(
    session: Session,
    *,
    signer: key_files.OwnKeys,
    attachments: AttachmentStore | None = None,
    now: datetime | None = None,
    limit: int = BUNDLE_LIMIT,
) -> OutboxBundle | None:
    """Bundle the next changes above the watermark (at most `limit`, in sequence order)
    into the outbox; None if nothing changed.

    The bundle row and the new watermark are written in the caller's transaction.
    """
    inst = local_institution_or_none(session)
    if inst is None:
        raise ServiceError("this install is not set up for an institution yet")
    mine = own_public(session)
    if mine is None or mine.sign_key_id != signer.public().sign_key_id:
        raise ServiceError("the signing key does not match this install's sync key")
    recipients = peer_keys(session)
    central = next((r for r in recipients if r.role == "central"), None)
    if central is None:
        raise ServiceError("import the central (state) key first: `clms sync keys import FILE`")
    after = watermark(session)
    audit_after = session.scalar(select(func.max(OutboxBundle.last_audit_id))) or 0
    events = audit_events_after(session, after_id=audit_after, limit=limit)
    audit_lines = [
        {
            "record_uuid": e["uuid"],
            "type": AUDIT_TYPE,
            "op": "upsert",
            "version": 1,
            "base_version": 0,
            "data": e,
        }
        for e in events
    ]
    changes: list[dict[str, Any]] = [
        {
            "seq": c.seq,
            "record_uuid": c.record_uuid,
            "type": c.type,
            "op": c.op,
            "version": c.version,
            "base_version": c.base_version,
            "data": c.data,
        }
        for _, c in zip(
            range(limit),
            pending_changes(session, after=after, central=central),
            strict=False,
        )
    ]
    # Hand-overs of transferred children's records (issue 20): after every change they
    # follow, so only in a bundle that takes all the changes waiting.
    handovers = handover_lines(session) if len(changes) < limit else []
    if not changes and not audit_lines and not handovers:
        return None
    att_lines, att_sent = _attachment_lines(session, changes, attachments)
    last = session.scalars(select(OutboxBundle).order_by(OutboxBundle.seq.desc())).first()
    seq = (last.seq if last else 0) + 1
    prev = last.bundle_hash if last else bundles.GENESIS
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    bundle_id = str(uuid_mod.uuid4())
    raw = bundles.build_bundle(
        records=changes + [line for _h, line in handovers] + att_lines + audit_lines,
        institution={
            "uuid": str(inst.uuid),
            "name": inst.name,
            "state_code": inst.state_code,
            "district_code": inst.district_code,
        },  # as upload.institution_info
        seq=seq,
        prev_hash=prev,
        created_at=when,
        signer=signer,
        recipients=recipients,
        bundle_id=bundle_id,
    )
    row = OutboxBundle(
        bundle_id=bundle_id,
        seq=seq,
        first_change_seq=int(changes[0]["seq"]) if changes else after,
        last_change_seq=max((int(c["seq"]) for c in changes), default=after),
        record_count=len(changes) + len(handovers),
        last_audit_id=events[-1]["id"] if events else audit_after,
        size=len(raw),
        bundle_hash=bundles.parse_bundle(raw).hash,
        prev_hash=prev,
        data=raw,
        status="outbox",
        attachments=att_sent,
    )
    session.add(row)
    for h, _line in handovers:
        h.bundle_id = bundle_id
    session.flush()
    return row


def outbox(session: Session) -> list[OutboxBundle]:
    """Bundles not yet acknowledged, oldest first (they must arrive in this order)."""
    return list(
        session.scalars(
            select(OutboxBundle).where(OutboxBundle.status == "outbox").order_by(OutboxBundle.seq)
        )
    )


def to_upload(session: Session) -> list[OutboxBundle]:
    """Bundles central has not acknowledged yet, oldest first: the outbox, and bundles only
    the district has acknowledged (central needs them in order; it answers a bundle the
    district already forwarded with the same receipt)."""
    return list(
        session.scalars(
            select(OutboxBundle)
            .where((OutboxBundle.status == "outbox") | (OutboxBundle.receiver == "district"))
            .order_by(OutboxBundle.seq)
        )
    )


@dataclass(frozen=True)
class Acknowledged:
    """What a verified receipt did: the bundle it answered and its outcome counts."""

    bundle_seq: int
    counts: dict[str, int]
    acknowledged: int
    receiver: str
    already: bool


def acknowledge(session: Session, *, receipt: bytes) -> Acknowledged:
    """Verify a receipt and mark the records it accepted as synced (created/updated/unchanged).

    Raises ReceiptError if the signature does not verify, ServiceError if the receipt is
    for a bundle this install did not send. Nothing is acknowledged in either case.
    """
    body = verify_receipt(receipt, peer_keys(session, active_only=False))
    row = session.scalars(
        select(OutboxBundle).where(OutboxBundle.bundle_id == body["bundle_id"])
    ).first()
    if row is None or row.bundle_hash != body.get("bundle_hash"):
        raise ServiceError("this receipt is for a bundle this computer did not send")
    receiver = str(body["receiver"])
    now = datetime.now(UTC)
    if body.get("directory"):
        store_directory(session, body)
    if body.get("alerts"):
        # Absconded children who may be registered again (signed with the receipt).
        from sync_client.alerts import apply_alerts

        apply_alerts(session, body.get("alerts"))
    if receiver == "district":
        # What the district office did about this home's flags (signed with the receipt).
        from sync_client.reviews import apply_reviews

        apply_reviews(session, body.get("reviews"))
        # The district's receipt: the stick need not carry this bundle again.
        already = row.district_acknowledged_at is not None
        row.district_acknowledged_at = row.district_acknowledged_at or now
        if already or row.status == "acknowledged":
            return Acknowledged(row.seq, dict(body["counts"]), 0, receiver, True)
    elif row.receiver == "central":
        return Acknowledged(row.seq, dict(body["counts"]), 0, receiver, True)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for o in body["outcomes"]:
        if o.get("outcome") in ACKNOWLEDGING and isinstance(o.get("version"), int):
            try:
                by_type[str(o["type"])].append(
                    {"b_uuid": uuid_mod.UUID(str(o["record_uuid"])), "b_version": o["version"]}
                )
            except ValueError:
                continue  # attachments are named by hash, not UUID: nothing to mark
    tables = {m.record_type(): m.table() for m in TRACKED_MODELS}
    done = 0
    for type_, params in by_type.items():
        t = tables.get(type_)
        if t is None:
            continue
        # Core UPDATE: bookkeeping only, so no new version or audit event.
        stmt = (
            update(t)
            .where(t.c.uuid == bindparam("b_uuid"), t.c.synced_version < bindparam("b_version"))
            .values(synced_version=bindparam("b_version"))
            .execution_options(synchronize_session=False)
        )
        done += session.connection().execute(stmt, params).rowcount or 0
    row.status = "acknowledged"
    row.acknowledged_at = now
    row.receipt = receipt
    row.receiver = receiver
    row.receipt_counts = dict(body["counts"])
    return Acknowledged(row.seq, dict(body["counts"]), done, row.receiver, False)


def for_district(session: Session) -> list[OutboxBundle]:
    """Bundles the district office has not acknowledged yet, oldest first (for the stick):
    the district needs every bundle in order, also those that went to central online."""
    return list(
        session.scalars(
            select(OutboxBundle)
            .where(OutboxBundle.district_acknowledged_at.is_(None))
            .order_by(OutboxBundle.seq)
        )
    )


def last_receipt(session: Session) -> OutboxBundle | None:
    """The most recently acknowledged bundle (its receipt counts are shown)."""
    return session.scalars(
        select(OutboxBundle)
        .where(OutboxBundle.status == "acknowledged")
        .order_by(OutboxBundle.acknowledged_at.desc(), OutboxBundle.seq.desc())
    ).first()
