"""Receiving bundles: verification (sender, signature, id reuse, replay, sequence, hash
chain), decryption, ownership-checked merge, the projection and the signed receipt.
Shared by central and district offices.

No process lock: one institution's bundles are applied one after another by a guard in
the database that holds across worker processes (its enrolment row locked with
`SELECT ... FOR UPDATE` on PostgreSQL; `BEGIN IMMEDIATE` on SQLite, see central.schema),
while other institutions' bundles go in at the same time (PostgreSQL).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from bundle_format import aadhaar
from bundle_format.bundle import Bundle, BundleError, iter_bundle, parse_bundle, verify_signature
from bundle_format.chain import AUDIT_TYPE, verify_events
from bundle_format.keys import OwnKeys, PublicKeys, unb64
from bundle_format.receipts import make_receipt, sign_receipt
from central.enrolment import EnrolError, Party, enrol_direct
from central.identity.to_homes import home_alerts
from central.merge import PROBLEM, merge_records
from central.models import AuditCopy, Enrolment, MergedRecord, PeerInstitution, ReceivedBundle
from central.projection import Tagger, project
from central.schema import writer

__all__ = ["EnrolError", "Receiver"]
log = logging.getLogger(__name__)
TRIES = 3
_LAST4 = re.compile(r"\d{4}")
AUDIT_BATCH = 2000
Seal = tuple[str, str] | str | None  # (last 4, keyed hash), or why it does not open
_UNOPENED = object()
_AADHAAR_FIELDS = frozenset({"aadhaar", aadhaar.FIELD_LAST4, aadhaar.FIELD_SEALED, "aadhaar_hmac"})


@dataclass
class Receiver:
    """Verifies, decrypts and merges bundles into one database; signs receipts.

    `district_code` set: a district office, which refuses bundles of other districts,
    never keeps a sealed Aadhaar, and keeps the bundle bytes to forward them. Central
    opens the sealed Aadhaar with its key and keeps the last 4 digits and the keyed
    hash made with `aadhaar_secret` (the state's secret), never the number.
    """

    engine: Engine
    keys: OwnKeys
    district_code: int | None = None
    aadhaar_secret: bytes | None = None
    # A district office's receipts also list these institutions (the senders of packets
    # it fetched from central for its CCIs, with the keys central gave).
    extra_directory: tuple[dict[str, Any], ...] = ()

    @property
    def role(self) -> str:
        """ "central" or "district" (named in receipts)."""
        return "district" if self.district_code is not None else "central"

    def enrol(
        self,
        *,
        institution: dict[str, Any],
        public: PublicKeys,
        by: str | None = None,
        how: str = "admin",
    ) -> bool:
        """Enrol an institution's key directly (an administrator; `how="stick"`: a district
        office after checking the fingerprint); True if new. A different key is refused."""
        with Session(writer(self.engine)) as s, s.begin():
            return enrol_direct(s, institution=institution, public=public, how=how, by=by)

    def is_enrolled(self, institution_uuid: str) -> bool:
        """True if the institution has an enrolled key."""
        with Session(self.engine) as s:
            return s.get(Enrolment, institution_uuid) is not None

    def receipt_for(self, bundle_id: str, party: Party | None = None) -> bytes | None:
        """The stored receipt of a bundle, only for its own CCI or that CCI's district office
        (None: not received, or not this party's)."""
        with Session(self.engine) as s:
            rb = s.get(ReceivedBundle, bundle_id)
            if rb is None:
                return None
            if party is not None and not self._may_see(s, rb.institution_uuid, party):
                return None
            return rb.receipt

    @staticmethod
    def _may_see(s: Session, institution_uuid: str, party: Party) -> bool:
        if party.kind == "institution":
            return party.id == institution_uuid
        if party.kind == "district":
            enr = s.get(Enrolment, institution_uuid)
            return enr is not None and enr.district_code == party.district_code
        return False

    def receive(
        self,
        raw: bytes,
        *,
        sender: Party | None = None,
        on_applied: Callable[[Session], None] | None = None,
        reviews: list[dict[str, Any]] | None = None,
    ) -> bytes:
        """Apply a bundle exactly once and return the signed receipt; BundleError if refused.

        Nothing is merged unless every check passes: the whole bundle is one transaction,
        streamed through the merge in batches. `sender` is who uploaded it (None: taken
        from a stick or a trusted caller); `on_applied(session)` runs in that transaction.
        `reviews` (a district office) go into the receipt of a newly applied bundle: what
        the office did about the CCI's flags (a repeat gets its first receipt unchanged).

        The payload is read twice: first without holding any lock (every line checked,
        the sealed Aadhaar numbers opened: the slow part, done by several workers at
        once), then under the guard, where it is merged.
        """
        bundle = parse_bundle(raw)
        inst = bundle.institution
        if self.district_code is not None and inst.get("district_code") != self.district_code:
            raise BundleError(
                "wrong-district",
                f"this bundle comes from a CCI of another district (district code "
                f"{inst.get('district_code')}, this office is {self.district_code}); "
                "it cannot be opened here",
            )
        sha = hashlib.sha256(raw).hexdigest()
        seals = self._first_pass(bundle, sha, sender)
        for attempt in range(TRIES):
            try:
                return self._apply(bundle, sha, sender, seals, on_applied, reviews)
            except (IntegrityError, OperationalError) as exc:
                # Another worker wrote the same rows at the same moment: do it again.
                log.info("bundle %s: retrying after %s", bundle.bundle_id, type(exc).__name__)
                if attempt == TRIES - 1:
                    raise BundleError(
                        "busy", "central is busy; the bundle will be sent again shortly"
                    ) from exc
        raise AssertionError("unreachable")

    def _check(
        self, s: Session, bundle: Bundle, sha: str, sender: Party | None, *, lock: bool
    ) -> tuple[Enrolment, bytes | None]:
        """The checks before any record is read: (enrolment, stored receipt if a repeat)."""
        inst_uuid = str(bundle.institution["uuid"])
        enr = s.get(Enrolment, inst_uuid, with_for_update=lock)
        if enr is None:
            raise BundleError(
                "unknown-institution",
                f"the institution {bundle.institution.get('name') or inst_uuid} is not "
                "enrolled here",
            )
        if sender is not None and not self._may_see(s, inst_uuid, sender):
            raise BundleError(
                "wrong-sender",
                "a CCI can send only its own bundles, and a district office only those "
                "of its own district's CCIs",
            )
        signer = PublicKeys("institution", enr.name, unb64(enr.sign_key), None)
        verify_signature(bundle, signer)
        seen = s.get(ReceivedBundle, bundle.bundle_id)
        if seen is not None:
            if seen.sha256 == sha:
                return enr, seen.receipt
            raise BundleError("id-reused", "a different bundle with this id was received before")
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
            raise BundleError("broken-chain", "the bundle does not follow the last bundle received")
        return enr, None

    def _readable(self, bundle: Bundle) -> bool:
        mine = self.keys.public().enc_key_id
        return any(r.get("key_id") == mine for r in bundle.header["recipients"])

    def _first_pass(self, bundle: Bundle, sha: str, sender: Party | None) -> dict[int, Seal]:
        """Everything that needs no lock: the checks so far, every payload line, and each
        sealed Aadhaar opened (by line number). A refusal here never waits for the guard."""
        with Session(self.engine) as s:
            _enr, repeat = self._check(s, bundle, sha, sender, lock=False)
        seals: dict[int, Seal] = {}
        if repeat is not None or not (self._readable(bundle) or self.district_code is None):
            return seals
        for n, rec in enumerate(iter_bundle(bundle, self.keys)):
            data = rec["data"]
            if rec["type"] == "child" and isinstance(data, dict) and data.get(aadhaar.FIELD_SEALED):
                seals[n] = self._open_seal(data[aadhaar.FIELD_SEALED], rec["record_uuid"])
        return seals

    def _open_seal(self, sealed: Any, record_uuid: str) -> Seal:
        if self.district_code is not None or self.aadhaar_secret is None:
            return None
        try:
            digits = aadhaar.open_sealed(sealed, keys=self.keys, record_uuid=record_uuid)
        except aadhaar.AadhaarError as exc:
            return str(exc)
        return digits[-4:], aadhaar.keyed_hash(digits, secret=self.aadhaar_secret)

    def _apply(
        self,
        bundle: Bundle,
        sha: str,
        sender: Party | None,
        seals: dict[int, Seal],
        on_applied: Callable[[Session], None] | None,
        reviews: list[dict[str, Any]] | None = None,
    ) -> bytes:
        inst_uuid = str(bundle.institution["uuid"])
        with Session(writer(self.engine)) as s, s.begin():
            enr, repeat = self._check(s, bundle, sha, sender, lock=True)
            if repeat is not None:
                if on_applied:
                    on_applied(s)
                return repeat
            note = None
            stream: Iterator[dict[str, Any]]
            if self._readable(bundle) or self.district_code is None:
                stream = iter_bundle(bundle, self.keys)
            else:
                # Made before this CCI had the district's key: checked and kept in the
                # chain (and forwarded), but the district cannot read it.
                stream, note = iter(()), "not encrypted for this office: passed on unread"
                enr.last_audit_hash = ""  # its audit events were not seen here
            trail = _AuditTrail(s, enr)
            outcomes = merge_records(
                s,
                records=self._prepared(stream, trail, seals),
                institution_uuid=inst_uuid,
                bundle_id=bundle.bundle_id,
                known=_Known(s).__call__,
                on_batch=lambda changes: project(s, changes, Tagger(s)),
            )
            trail.finish()
            now = datetime.now(UTC)
            receipt = make_receipt(
                bundle_id=bundle.bundle_id,
                bundle_hash=bundle.hash,
                institution_uuid=inst_uuid,
                seq=bundle.seq,
                received_at=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                receiver=self.role,
                outcomes=outcomes,
                note=note,
                reviews=reviews,
                directory=self._directory(s, enr),
                alerts=self._alerts(s, enr),
            )
            signed = sign_receipt(receipt, self.keys)
            s.add(
                ReceivedBundle(
                    bundle_id=bundle.bundle_id,
                    institution_uuid=inst_uuid,
                    seq=bundle.seq,
                    bundle_hash=bundle.hash,
                    sha256=sha,
                    size=len(bundle.raw),
                    receipt=signed,
                    data=bundle.raw,
                    sender=sender.id if sender is not None else None,
                )
            )
            enr.last_seq = bundle.seq
            enr.last_hash = bundle.hash
            enr.last_received_at = now
            if on_applied:
                on_applied(s)
            return signed

    def _prepared(
        self, stream: Iterator[dict[str, Any]], trail: _AuditTrail, seals: dict[int, Seal]
    ) -> Iterator[dict[str, Any]]:
        """The records to merge: audit events go to the trail, Aadhaar fields are made safe."""
        for n, rec in enumerate(stream):
            if rec["type"] == AUDIT_TYPE:
                trail.add(rec)
                continue
            if rec["type"] == "child" and isinstance(rec["data"], dict):
                rec = self.safe_aadhaar(rec, seals.get(n, _UNOPENED))
            yield rec

    def safe_aadhaar(self, rec: dict[str, Any], seal: Seal | object = _UNOPENED) -> dict[str, Any]:
        """A child record as it may be stored here: never the number, never the seal.

        A plain `aadhaar` field is dropped unread (never stored); `aadhaar_sealed` is
        opened at central (only) into `aadhaar_last4` and `aadhaar_hmac`, then dropped; a
        district keeps only `aadhaar_last4`. A seal that does not open is an error outcome.
        `seal` is the seal already opened by the first pass, if it was.
        """
        data = rec["data"]
        if not _AADHAAR_FIELDS.intersection(data):
            return rec
        data = {k: v for k, v in data.items() if k not in ("aadhaar", "aadhaar_hmac")}
        sealed = data.pop(aadhaar.FIELD_SEALED, None)
        last4 = data.get(aadhaar.FIELD_LAST4)
        out = dict(rec, data=data)
        if last4 is not None and not (isinstance(last4, str) and _LAST4.fullmatch(last4)):
            return dict(out, **{PROBLEM: "aadhaar_last4 is not 4 digits"})
        if sealed is None or self.district_code is not None:
            return out
        if self.aadhaar_secret is None:
            log.warning("a sealed Aadhaar arrived but central has no matching secret")
            return out
        opened = self._open_seal(sealed, rec["record_uuid"]) if seal is _UNOPENED else seal
        if isinstance(opened, str):
            return dict(out, **{PROBLEM: opened})
        if not isinstance(opened, tuple):
            return out
        got4, keyed = opened
        if last4 is not None and got4 != last4:
            return dict(out, **{PROBLEM: "aadhaar_last4 does not match the sealed number"})
        data[aadhaar.FIELD_LAST4] = got4
        data["aadhaar_hmac"] = keyed
        return out

    def _directory(self, s: Session, enr: Enrolment) -> list[dict[str, Any]]:
        """The institutions a child can be transferred to, for this CCI's receipt: the
        district's (a district office) or the state's and the peer states' (central),
        itself left out."""
        from central.transfers import directory

        found = directory(s, state_code=enr.state_code, district_code=self.district_code)
        seen = {d["uuid"] for d in found}
        found += [d for d in self.extra_directory if d.get("uuid") not in seen]
        if self.district_code is None:  # central: the peer states' CCIs too
            from central.peers import receipt_entries

            found += receipt_entries(s)
        return [d for d in found if d["uuid"] != enr.uuid]

    def _alerts(self, s: Session, enr: Enrolment) -> list[dict[str, Any]]:
        """The open absconded alerts about this CCI's children, for its receipt: every
        receipt carries them while they are open (the CCI writes each one once)."""
        return home_alerts(s, enr.uuid)

    def record_count(self) -> int:
        """How many merged records are stored (deleted ones included)."""
        with Session(self.engine) as s:
            return int(s.scalar(select(func.count()).select_from(MergedRecord)) or 0)


class _Known:
    """Is this uuid an enrolled institution, or a peer state's CCI? (cached for one bundle)"""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.cache: dict[str, bool] = {}

    def __call__(self, uuid: str) -> bool:
        if uuid not in self.cache:
            self.cache[uuid] = (
                self.s.get(Enrolment, uuid) is not None
                or self.s.get(PeerInstitution, uuid) is not None  # a CCI of another state
            )
        return self.cache[uuid]


class _AuditTrail:
    """The audit events of one bundle: checked to continue the chain, kept in batches."""

    def __init__(self, s: Session, enr: Enrolment) -> None:
        self.s = s
        self.enr = enr
        self.prev: str | None = enr.last_audit_hash or None
        self.batch: list[dict[str, Any]] = []

    def add(self, rec: dict[str, Any]) -> None:
        e = rec["data"]
        if not isinstance(e, dict) or not all(
            isinstance(e.get(k), t) and not isinstance(e.get(k), bool)
            for k, t in (("uuid", str), ("id", int), ("hash", str))
        ):
            raise BundleError("bad-payload", "an audit event in the bundle is not well formed")
        if len(e["uuid"]) > 36 or len(e["hash"]) != 64:
            raise BundleError("bad-payload", "an audit event in the bundle is not well formed")
        # After a bundle this office could not read, only the run itself is checked.
        start = self.prev if self.prev is not None else str(e.get("prev_hash"))
        if verify_events([e], prev_hash=start) is not None:
            raise BundleError(
                "audit-chain",
                f"the CCI's audit trail does not continue the one received before: event "
                f"{e['uuid']} was changed, removed or is out of order",
            )
        self.prev = e["hash"]
        self.batch.append(e)
        if len(self.batch) >= AUDIT_BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self.batch:
            return
        uuids = [e["uuid"] for e in self.batch]
        taken = self.s.scalars(select(AuditCopy.uuid).where(AuditCopy.uuid.in_(uuids))).first()
        if taken is not None:
            raise BundleError("audit-chain", f"the audit event {taken} was received before")
        inst = self.enr.uuid
        self.s.add_all(
            AuditCopy(
                uuid=e["uuid"], institution_uuid=inst, event_id=e["id"], hash=e["hash"], data=e
            )
            for e in self.batch
        )
        self.s.flush()
        self.batch = []

    def finish(self) -> None:
        """Store what is left and remember where the chain has got to."""
        self._flush()
        if self.prev is not None:
            self.enr.last_audit_hash = self.prev
