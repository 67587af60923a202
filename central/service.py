"""Receiving bundles: enrolment, verification (signature, id reuse, replay, sequence, hash
chain), decryption, merge and the signed receipt. Shared by central and district offices."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bundle_format.bundle import BundleError, open_bundle, parse_bundle, verify_signature
from bundle_format.chain import AUDIT_TYPE, verify_events
from bundle_format.keys import OwnKeys, PublicKeys, b64, unb64
from bundle_format.receipts import make_receipt, sign_receipt
from central.merge import merge_records
from central.models import AuditCopy, Enrolment, MergedRecord, ReceivedBundle


class EnrolError(Exception):
    """Enrolment refused (another key is already enrolled for the institution)."""


@dataclass
class Receiver:
    """Verifies, decrypts and merges bundles into one database; signs receipts.

    `district_code` set: a district office, which refuses bundles of other districts
    and keeps the bundle bytes so they can be forwarded to central. `scrub`, if given,
    rewrites each opened record before anything of it is stored (a district office drops
    what it must never keep, such as the sealed Aadhaar).
    """

    engine: Engine
    keys: OwnKeys
    district_code: int | None = None
    scrub: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def role(self) -> str:
        """ "central" or "district" (named in receipts)."""
        return "district" if self.district_code is not None else "central"

    def enrol(self, *, institution: dict[str, Any], public: PublicKeys) -> bool:
        """Enrol an institution's signing key; True if new, False if already enrolled.

        The first key for an institution wins; a different key is refused (it must be
        changed by an administrator, after checking the fingerprint by phone).
        """
        uuid = str(institution["uuid"])
        with Session(self.engine) as s, s.begin():
            enr = s.get(Enrolment, uuid)
            if enr is not None:
                if enr.key_id != public.sign_key_id:
                    raise EnrolError(
                        "another key is already enrolled for this institution; "
                        "an administrator must replace it"
                    )
                return False
            s.add(
                Enrolment(
                    uuid=uuid,
                    name=str(institution.get("name", "")),
                    state_code=institution.get("state_code"),
                    district_code=institution.get("district_code"),
                    sign_key=b64(public.sign),
                    key_id=public.sign_key_id,
                    last_seq=0,
                    last_hash="0" * 64,
                )
            )
            return True

    def is_enrolled(self, institution_uuid: str) -> bool:
        """True if the institution has an enrolled key."""
        with Session(self.engine) as s:
            return s.get(Enrolment, institution_uuid) is not None

    def receipt_for(self, bundle_id: str) -> bytes | None:
        """The stored receipt of a bundle already applied (None if not received)."""
        with Session(self.engine) as s:
            rb = s.get(ReceivedBundle, bundle_id)
            return rb.receipt if rb is not None else None

    def receive(self, raw: bytes) -> bytes:
        """Apply a bundle exactly once and return the signed receipt; BundleError if refused.

        Nothing is merged unless every check passes; all of it is one transaction.
        """
        bundle = parse_bundle(raw)
        inst = bundle.institution
        inst_uuid = str(inst.get("uuid", ""))
        if self.district_code is not None and inst.get("district_code") != self.district_code:
            raise BundleError(
                "wrong-district",
                f"this bundle comes from a CCI of another district (district code "
                f"{inst.get('district_code')}, this office is {self.district_code}); "
                "it cannot be opened here",
            )
        sha = hashlib.sha256(raw).hexdigest()
        with self._lock, Session(self.engine) as s, s.begin():
            # Row lock on PostgreSQL: two servers cannot both apply "the next" bundle.
            enr = s.get(Enrolment, inst_uuid, with_for_update=True)
            if enr is None:
                raise BundleError(
                    "unknown-institution",
                    f"the institution {inst.get('name') or inst_uuid} is not enrolled here",
                )
            signer = PublicKeys("institution", enr.name, unb64(enr.sign_key), None)
            verify_signature(bundle, signer)
            seen = s.get(ReceivedBundle, bundle.bundle_id)
            if seen is not None:
                if seen.sha256 == sha:
                    return seen.receipt
                raise BundleError(
                    "id-reused", "a different bundle with this id was received before"
                )
            if bundle.seq <= enr.last_seq:
                raise BundleError(
                    "replayed",
                    f"bundle number {bundle.seq} of this CCI was already received "
                    f"(last received: {enr.last_seq})",
                )
            if bundle.seq != enr.last_seq + 1:
                raise BundleError(
                    "out-of-sequence",
                    f"bundle number {bundle.seq} arrived but number {enr.last_seq + 1} is "
                    "missing: send the earlier bundles first",
                )
            if bundle.header["prev_hash"] != enr.last_hash:
                raise BundleError(
                    "broken-chain", "the bundle does not follow the last bundle received"
                )
            mine = self.keys.public().enc_key_id
            readable = any(r.get("key_id") == mine for r in bundle.header["recipients"])
            note = None
            if readable or self.district_code is None:
                records = open_bundle(bundle, self.keys)
            else:
                # Made before this CCI had the district's key: checked and kept in the
                # chain (and forwarded), but the district cannot read it.
                records, note = [], "not encrypted for this office: passed on unread"
                enr.last_audit_hash = ""  # its audit events were not seen here
            if self.scrub is not None:
                records = [self.scrub(r) for r in records]
            trail = [r["data"] for r in records if r.get("type") == AUDIT_TYPE]
            if trail:
                # After a bundle this office could not read, only the run itself is checked.
                start = enr.last_audit_hash or str(trail[0].get("prev_hash"))
                bad = verify_events(trail, prev_hash=start)
                if bad is not None:
                    raise BundleError(
                        "audit-chain",
                        f"the CCI's audit trail does not continue the one received before: "
                        f"event {bad} was changed, removed or is out of order",
                    )
            if trail:
                s.add_all(
                    AuditCopy(
                        uuid=str(e["uuid"]),
                        institution_uuid=inst_uuid,
                        event_id=int(e["id"]),
                        hash=str(e["hash"]),
                        data=e,
                    )
                    for e in trail
                )
                records = [r for r in records if r.get("type") != AUDIT_TYPE]
            outcomes = merge_records(
                s, records=records, institution_uuid=inst_uuid, bundle_id=bundle.bundle_id
            )
            receipt = make_receipt(
                bundle_id=bundle.bundle_id,
                bundle_hash=bundle.hash,
                institution_uuid=inst_uuid,
                seq=bundle.seq,
                received_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                receiver=self.role,
                outcomes=outcomes,
                note=note,
            )
            signed = sign_receipt(receipt, self.keys)
            s.add(
                ReceivedBundle(
                    bundle_id=bundle.bundle_id,
                    institution_uuid=inst_uuid,
                    seq=bundle.seq,
                    bundle_hash=bundle.hash,
                    sha256=sha,
                    size=len(raw),
                    receipt=signed,
                    data=raw if self.district_code is not None else None,
                )
            )
            enr.last_seq = bundle.seq
            enr.last_hash = bundle.hash
            if trail:
                enr.last_audit_hash = str(trail[-1]["hash"])
            return signed

    def record_count(self) -> int:
        """How many merged records are stored (deleted ones included)."""
        with Session(self.engine) as s:
            return int(s.scalar(select(func.count()).select_from(MergedRecord)) or 0)
