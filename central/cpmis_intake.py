"""A district office's own CPMIS records at central (issue 19 item 4): the returns of its
CWCs and JJBs it typed and reviewed, and its decisions on its CCIs' returns.

`POST /v1/cpmis/district-returns` (docs/bundle-format.md), the request signed with the
district office's enrolled key. Each return must be one of the office's own district's
bodies (`cwc:<district>:<n>`, `jjb:<district>:<n>`) and carry the signature the office made
when it submitted it (over the same content hash as a CCI's return); each decision must be
about a return of a CCI enrolled in that district. Anything else refuses the whole request.
A return is kept as a merged record owned by `district:<code>` and projected into
`view_cpmis_return` (body_type cwc/jjb, the district's scope); sending the same again
changes nothing. Decisions are kept as `cpmis_decision` records that central's quarter
applies to the CCIs' returns (`central.reports.cpmis`).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlalchemy import select
from sqlalchemy.orm import Session

from bundle_format.canonical import canonical
from bundle_format.keys import unb64
from central.enrolment import Party
from central.models import DistrictOffice, Enrolment, MergedRecord
from central.projection import Change, Tagger, project

FORMAT = "clms-cpmis-district-returns"
RETURN_FORMAT = "clms-cpmis-return"  # as desktop.services.cpmis.returns.RETURN_FORMAT
DECISIONS = ("accepted", "returned", "consolidated")
MAX_BODY = 4 * 1024 * 1024
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class IntakeError(Exception):
    """A refused request: HTTP status, code, message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _utc(when: Any) -> str | None:
    if when is None:
        return None
    t = datetime.fromisoformat(str(when).replace("Z", "+00:00"))
    t = t if t.tzinfo else t.replace(tzinfo=UTC)
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_digest(r: dict[str, Any]) -> bytes:
    """SHA-256 of a return's signed content (the same as the desktop's `content_hash`)."""
    content = {
        "format": RETURN_FORMAT,
        "uuid": str(r["uuid"]),
        "body_code": r["body_code"],
        "month": r["month"],
        "version_no": int(r["version_no"]),
        "catalogue": [r["catalogue_id"], r["catalogue_version"], r["catalogue_sha"]],
        "figures": r["figures"],
        "remarks": r["remarks"],
        "supersedes": r["supersedes"],
        "submitted_by": r["submitted_by"],
        "submitted_at": _utc(r["submitted_at"]),
    }
    return hashlib.sha256(canonical(content)).digest()


def _check_return(r: Any, party: Party, office: DistrictOffice) -> dict[str, Any]:
    if not isinstance(r, dict) or not _UUID.fullmatch(str(r.get("uuid", ""))):
        raise IntakeError(400, "bad-request", "a return without its id")
    kind, district = r.get("body_type"), party.district_code
    code = str(r.get("body_code", ""))
    if (
        kind not in ("cwc", "jjb")
        or r.get("district_code") != district
        or not re.fullmatch(rf"{kind}:{district}:\d{{1,3}}", code)
    ):
        raise IntakeError(
            403,
            "wrong-district",
            f"the return of {r.get('body_name') or code} is not a body of district {district}: "
            "a district office sends only its own district's CWC and JJB returns",
        )
    if r.get("state_code") != office.state_code:
        raise IntakeError(403, "wrong-district", "the return names another state")
    if r.get("status") in (None, "draft"):
        raise IntakeError(400, "bad-request", "a draft return is not sent")
    try:
        digest = content_digest(r)
        if r.get("content_sha256") != digest.hex() or r.get("signer_key_id") != party.key_id:
            raise ValueError("not signed by this office")
        party.public.verifier().verify(unb64(str(r["signature"])), digest)
    except (InvalidSignature, KeyError, TypeError, ValueError) as exc:
        raise IntakeError(
            422, "bad-signature", f"the return {code} {r.get('month')} is not signed by this office"
        ) from exc
    return dict(r)


def _check_decision(s: Session, d: Any, party: Party) -> dict[str, Any]:
    if not isinstance(d, dict) or d.get("decision") not in DECISIONS:
        raise IntakeError(400, "bad-request", "a decision that is not accepted/returned")
    enr = s.get(Enrolment, str(d.get("institution_uuid", "")))
    if enr is None:
        raise IntakeError(
            422, "unknown-institution", "a decision about a CCI central does not know (yet)"
        )
    if enr.district_code != party.district_code:
        raise IntakeError(
            403, "wrong-district", "a decision about a return of a CCI of another district"
        )
    if not _UUID.fullmatch(str(d.get("return_uuid", ""))) or not isinstance(
        d.get("version_no"), int
    ):
        raise IntakeError(400, "bad-request", "a decision without its return and version")
    return dict(d)


def _store(
    s: Session, *, kind: str, uuid: str, data: dict[str, Any], party: Party
) -> Change | None:
    """Keep one record; None if the same was kept before."""
    row = s.scalars(
        select(MergedRecord).where(MergedRecord.type == kind, MergedRecord.record_uuid == uuid)
    ).first()
    if row is not None and row.institution_uuid != party.id:
        raise IntakeError(403, "not-yours", f"the record {uuid} belongs to someone else")
    if row is not None and row.data == data:
        return None
    if row is None:
        row = MergedRecord(
            record_uuid=uuid,
            type=kind,
            version=0,
            data=data,
            institution_uuid=party.id,
            owner_uuid=party.id,
            bundle_id=party.id,
        )
        s.add(row)
    row.version += 1
    row.data = data
    row.updated_at = datetime.now(UTC)
    return Change(kind, uuid, data, party.id, party.id, new=row.version == 1)


def accept(s: Session, body: bytes, party: Party) -> dict[str, int]:
    """Check and keep a district office's returns and decisions (one transaction)."""
    if party.kind != "district" or party.district_code is None:
        raise IntakeError(403, "not-a-district-office", "only a district office sends these")
    office = s.get(DistrictOffice, party.district_code)
    if office is None or office.state_code is None:
        raise IntakeError(
            403, "no-state", "the district office is enrolled without its state: ask the state"
        )
    try:
        req = json.loads(body)
        if not isinstance(req, dict) or req.get("format") != FORMAT:
            raise ValueError("not a CPMIS district request")
        returns, decisions = list(req.get("returns") or []), list(req.get("decisions") or [])
    except (ValueError, TypeError, RecursionError) as exc:
        raise IntakeError(400, "bad-request", f"the request is not valid: {exc}") from exc
    rets = [_check_return(r, party, office) for r in returns]
    decs = [_check_decision(s, d, party) for d in decisions]
    changes = []
    for r in rets:
        c = _store(s, kind="cpmis_return", uuid=str(r["uuid"]), data=r, party=party)
        if c is not None:
            changes.append(c)
    decided = 0
    for d in decs:
        key = f"{d['return_uuid']}:v{d['version_no']}"
        decided += _store(s, kind="cpmis_decision", uuid=key, data=d, party=party) is not None
    s.flush()
    project(s, changes, Tagger(s))
    return {"stored": len(changes), "unchanged": len(rets) - len(changes), "decisions": decided}
