"""Who may send to central: enrolment requests a person approves, one-time enrolment
codes, district offices, key replacement, and the administrators' log.

An enrolment request never enrols anything by itself: it waits as *pending* until a
state or district administrator approves it after reading the key fingerprint back to
the CCI by phone (`python -m central enrolments approve ID --fingerprint ...`), or a
one-time code issued for that institution comes with it. An institution id that is
enrolled can never be taken over by a request; only `replace_key`, an administrator's
action logged with the old and the new fingerprint, changes its key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bundle_format.keys import PublicKeys, b64, fingerprint, unb64
from central.models import (
    AdminEvent,
    DistrictOffice,
    Enrolment,
    EnrolmentCode,
    EnrolmentRequest,
    utcnow,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out by phone
CODE_DAYS = 30
MAX_CODE_FAILURES = 10
MAX_PENDING_PER_INSTITUTION = 5
MAX_PENDING = 5000


class EnrolError(Exception):
    """Enrolment refused: `code` for programs, the message for people."""

    def __init__(self, message: str, code: str = "enrolment-refused") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Party:
    """Who signed a request: an enrolled institution, a district office, or a CCI whose
    enrolment is still pending (it may ask about it, nothing else)."""

    kind: str  # "institution", "district" or "pending"
    id: str  # institution uuid, or "district:<code>"
    key_id: str
    public: PublicKeys
    district_code: int | None = None


def _public(role: str, name: str, sign_key: str) -> PublicKeys:
    return PublicKeys(role, name, unb64(sign_key), None)


def find_party(session: Session, key_id: str) -> Party | None:
    """The enrolled party (or pending request) with this signing key id, if any."""
    enr = session.scalars(select(Enrolment).where(Enrolment.key_id == key_id)).first()
    if enr is not None:
        pub = _public("institution", enr.name, enr.sign_key)
        return Party("institution", enr.uuid, key_id, pub, enr.district_code)
    office = session.scalars(select(DistrictOffice).where(DistrictOffice.key_id == key_id)).first()
    if office is not None:
        pub = _public("district", office.name, office.sign_key)
        return Party(
            "district", f"district:{office.district_code}", key_id, pub, office.district_code
        )
    req = session.scalars(
        select(EnrolmentRequest).where(
            EnrolmentRequest.key_id == key_id, EnrolmentRequest.status == "pending"
        )
    ).first()
    if req is not None:
        pub = _public("institution", req.name, req.sign_key)
        return Party("pending", req.institution_uuid, key_id, pub, req.district_code)
    return None


def log_admin(session: Session, *, actor: str, action: str, subject: str, **details: Any) -> None:
    """Append an administrator's action to the log."""
    session.add(AdminEvent(actor=actor, action=action, subject=subject, details=details))


def enrol_direct(
    session: Session,
    *,
    institution: dict[str, Any],
    public: PublicKeys,
    how: str,
    by: str | None,
) -> bool:
    """Enrol an institution's key (an administrator's or district's act); True if new.

    The same key again is harmless (False); a different key for an enrolled institution
    is refused: that is `replace_key`'s business.
    """
    uuid = str(institution["uuid"])
    enr = session.get(Enrolment, uuid)
    if enr is not None:
        if enr.key_id != public.sign_key_id:
            raise EnrolError(
                "another key is already enrolled for this institution; an administrator "
                "must replace it (python -m central enrolments replace-key)",
                "already-enrolled",
            )
        return False
    if session.scalars(
        select(Enrolment.uuid).where(Enrolment.key_id == public.sign_key_id)
    ).first():
        raise EnrolError("this key is already enrolled for another institution", "key-in-use")
    session.add(
        Enrolment(
            uuid=uuid,
            name=str(institution.get("name") or "")[:200],
            state_code=_code(institution.get("state_code")),
            district_code=_code(institution.get("district_code")),
            sign_key=b64(public.sign),
            key_id=public.sign_key_id,
            last_seq=0,
            last_hash="0" * 64,
            how=how,
            enrolled_by=by,
        )
    )
    log_admin(
        session,
        actor=by or how,
        action="enrol",
        subject=uuid,
        how=how,
        name=str(institution.get("name") or ""),
        fingerprint=public.fingerprint,
    )
    session.flush()
    return True


def _code(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _hash_code(code: str) -> str:
    norm = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(b"clms-enrol-code|" + norm.encode("ascii", "replace")).hexdigest()


def issue_code(
    session: Session,
    *,
    institution_uuid: str,
    name: str,
    state_code: int | None,
    district_code: int | None,
    by: str,
    days: int = CODE_DAYS,
) -> str:
    """A new one-time enrolment code for one institution (earlier unused ones lapse)."""
    if session.get(Enrolment, institution_uuid) is not None:
        raise EnrolError("this institution is already enrolled", "already-enrolled")
    session.execute(
        update(EnrolmentCode)
        .where(EnrolmentCode.institution_uuid == institution_uuid, EnrolmentCode.used_at.is_(None))
        .values(expires_at=utcnow())
    )
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
    session.add(
        EnrolmentCode(
            institution_uuid=institution_uuid,
            name=name,
            state_code=state_code,
            district_code=district_code,
            code_hash=_hash_code(code),
            issued_by=by,
            expires_at=utcnow() + timedelta(days=days),
        )
    )
    log_admin(session, actor=by, action="issue-code", subject=institution_uuid, days=days)
    return code


def request_enrolment(
    session: Session, *, institution: dict[str, Any], public: PublicKeys, code: str | None
) -> str:
    """A CCI asks to be enrolled: "enrolled" (same key, or a valid one-time code) or
    "pending" (a person must approve); EnrolError if refused."""
    uuid = str(institution["uuid"])
    enr = session.get(Enrolment, uuid)
    if enr is not None:
        if enr.key_id == public.sign_key_id:
            return "enrolled"
        raise EnrolError(
            "this institution is already enrolled with another key. If this CCI's key was "
            "lost, the state office must replace it (after checking the new fingerprint "
            "by phone)",
            "already-enrolled",
        )
    if code:
        return _enrol_with_code(session, institution=institution, public=public, code=code)
    reqs = session.scalars(
        select(EnrolmentRequest).where(EnrolmentRequest.institution_uuid == uuid)
    ).all()
    for r in reqs:
        if r.key_id == public.sign_key_id:
            if r.status == "refused":
                raise EnrolError(
                    "the state office refused this key's enrolment: please phone them",
                    "enrolment-refused",
                )
            return "pending"
    pending = [r for r in reqs if r.status == "pending"]
    total = session.scalar(
        select(func.count())
        .select_from(EnrolmentRequest)
        .where(EnrolmentRequest.status == "pending")
    )
    if len(pending) >= MAX_PENDING_PER_INSTITUTION or int(total or 0) >= MAX_PENDING:
        raise EnrolError("too many enrolment requests are waiting; try again later", "quota")
    session.add(
        EnrolmentRequest(
            institution_uuid=uuid,
            name=str(institution.get("name") or "")[:200],
            state_code=_code(institution.get("state_code")),
            district_code=_code(institution.get("district_code")),
            sign_key=b64(public.sign),
            key_id=public.sign_key_id,
            fingerprint=public.fingerprint,
            status="pending",
        )
    )
    return "pending"


def _enrol_with_code(
    session: Session, *, institution: dict[str, Any], public: PublicKeys, code: str
) -> str:
    uuid = str(institution["uuid"])
    now = utcnow()
    live = [
        c
        for c in session.scalars(
            select(EnrolmentCode)
            .where(EnrolmentCode.institution_uuid == uuid, EnrolmentCode.used_at.is_(None))
            .with_for_update()
        )
        if _aware(c.expires_at) > now and c.failures < MAX_CODE_FAILURES
    ]
    match = next((c for c in live if hmac.compare_digest(c.code_hash, _hash_code(code))), None)
    if match is None:
        for c in live:
            c.failures += 1
        raise EnrolError(
            "this enrolment code is not right for this institution, or has expired or been "
            "used: ask the district office for a new one",
            "bad-enrolment-code",
        )
    match.used_at = now
    enrol_direct(
        session,
        institution={
            "uuid": uuid,
            "name": match.name or institution.get("name"),
            "state_code": match.state_code,
            "district_code": match.district_code,
        },
        public=public,
        how="code",
        by=match.issued_by,
    )
    return "enrolled"


def _aware(when: Any) -> Any:
    from datetime import UTC

    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _same_fingerprint(a: str, b: str) -> bool:
    def norm(x: str) -> str:
        return "".join(x.split()).upper()

    return hmac.compare_digest(norm(a), norm(b))


def approve(session: Session, *, request_id: int, fingerprint_read: str, by: str) -> Enrolment:
    """Approve a pending request once the fingerprint read out by phone matches; other
    pending requests for the same institution are refused at the same time."""
    req = session.get(EnrolmentRequest, request_id, with_for_update=True)
    if req is None or req.status != "pending":
        raise EnrolError(f"there is no pending enrolment request {request_id}", "not-found")
    if not _same_fingerprint(req.fingerprint, fingerprint_read):
        raise EnrolError(
            "the fingerprint you typed is not the one of this request: do not approve it",
            "fingerprint-mismatch",
        )
    enrol_direct(
        session,
        institution={
            "uuid": req.institution_uuid,
            "name": req.name,
            "state_code": req.state_code,
            "district_code": req.district_code,
        },
        public=_public("institution", req.name, req.sign_key),
        how="approved",
        by=by,
    )
    now = utcnow()
    req.status, req.decided_at, req.decided_by = "approved", now, by
    for other in session.scalars(
        select(EnrolmentRequest).where(
            EnrolmentRequest.institution_uuid == req.institution_uuid,
            EnrolmentRequest.status == "pending",
            EnrolmentRequest.id != req.id,
        )
    ):
        other.status, other.decided_at, other.decided_by = "refused", now, by
        other.reason = "another key was approved for this institution"
    log_admin(
        session,
        actor=by,
        action="approve",
        subject=req.institution_uuid,
        request=req.id,
        fingerprint=req.fingerprint,
    )
    enr = session.get(Enrolment, req.institution_uuid)
    assert enr is not None
    return enr


def refuse(session: Session, *, request_id: int, reason: str, by: str) -> None:
    """Refuse a pending request (the key cannot ask again)."""
    req = session.get(EnrolmentRequest, request_id, with_for_update=True)
    if req is None or req.status != "pending":
        raise EnrolError(f"there is no pending enrolment request {request_id}", "not-found")
    req.status, req.decided_at, req.decided_by, req.reason = "refused", utcnow(), by, reason
    log_admin(
        session,
        actor=by,
        action="refuse",
        subject=req.institution_uuid,
        request=req.id,
        fingerprint=req.fingerprint,
        reason=reason,
    )


def replace_key(
    session: Session,
    *,
    institution_uuid: str,
    public: PublicKeys,
    fingerprint_read: str,
    by: str,
    reason: str,
) -> tuple[str, str]:
    """Replace an enrolled institution's lost key (old and new fingerprints logged); its
    bundle chain goes on where it was. Returns (old fingerprint, new fingerprint)."""
    enr = session.get(Enrolment, institution_uuid, with_for_update=True)
    if enr is None:
        raise EnrolError("this institution is not enrolled", "not-found")
    if not _same_fingerprint(public.fingerprint, fingerprint_read):
        raise EnrolError(
            "the fingerprint you typed is not the one of the new key file: do not replace",
            "fingerprint-mismatch",
        )
    old = fingerprint(unb64(enr.sign_key))
    enr.sign_key = b64(public.sign)
    enr.key_id = public.sign_key_id
    log_admin(
        session,
        actor=by,
        action="replace-key",
        subject=institution_uuid,
        old_fingerprint=old,
        new_fingerprint=public.fingerprint,
        reason=reason,
    )
    return old, public.fingerprint


def enrol_district(
    session: Session, *, district_code: int, state_code: int | None, public: PublicKeys, by: str
) -> bool:
    """Enrol a district office's key (it forwards its CCIs' bundles); True if new."""
    if public.role != "district":
        raise EnrolError("only a district office's key file is enrolled as a district office")
    office = session.get(DistrictOffice, district_code)
    if office is not None:
        if office.key_id == public.sign_key_id:
            return False
        raise EnrolError("another key is enrolled for this district office", "already-enrolled")
    session.add(
        DistrictOffice(
            district_code=district_code,
            state_code=state_code,
            name=public.name,
            sign_key=b64(public.sign),
            key_id=public.sign_key_id,
            enrolled_by=by,
        )
    )
    log_admin(
        session,
        actor=by,
        action="enrol-district",
        subject=f"district:{district_code}",
        fingerprint=public.fingerprint,
    )
    return True


def pending_requests(session: Session, *, everything: bool = False) -> list[EnrolmentRequest]:
    """Enrolment requests, oldest first (pending only unless `everything`)."""
    q = select(EnrolmentRequest).order_by(EnrolmentRequest.id)
    if not everything:
        q = q.where(EnrolmentRequest.status == "pending")
    return list(session.scalars(q))
