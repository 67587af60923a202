"""The district office's own CPMIS records on their way to central (issue 19 item 4): the
CWC and JJB returns it typed (every submitted version, with the signature it made) and its
decisions on its CCIs' returns, in one request signed with the office's key
(`POST /v1/cpmis/district-returns`, docs/bundle-format.md; central: `central.cpmis_intake`).
Sent after the bundles whenever the office forwards; central keeps one copy of each, so
sending again changes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bundle_format.canonical import canonical
from desktop.models import CpmisReturn
from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.review import decision_fields, decisions
from sync_client.exchange.upload import Uploader, UploadRefused

FORMAT = "clms-cpmis-district-returns"
PATH = "/v1/cpmis/district-returns"


def _return(r: CpmisReturn) -> dict[str, Any]:
    return {
        "uuid": str(r.uuid),
        "body_type": r.body_type,
        "body_code": r.body_code,
        "body_name": r.body_name,
        "state_code": r.state_code,
        "district_code": r.district_code,
        "month": r.month,
        "version_no": r.version_no,
        "status": r.status,
        "supersedes": r.supersedes,
        "catalogue_id": r.catalogue_id,
        "catalogue_version": r.catalogue_version,
        "catalogue_sha": r.catalogue_sha,
        "figures": r.figures,
        "remarks": r.remarks,
        "submitted_by": r.submitted_by,
        "submitted_at": rt.utc_text(r.submitted_at),
        "content_sha256": r.content_sha256,
        "signature": r.signature,
        "signer_key_id": r.signer_key_id,
        "reviewed_by": r.reviewed_by,
        "reviewed_at": rt.utc_text(r.reviewed_at),
        "review_reason": r.review_reason,
    }


def payload(session: Session, *, district_code: int) -> dict[str, Any]:
    """What goes to central: the district's CWC/JJB returns (not drafts) and its decisions on
    its CCIs' returns."""
    rets = session.scalars(
        select(CpmisReturn)
        .where(
            CpmisReturn.body_type.in_(("cwc", "jjb")),
            CpmisReturn.district_code == district_code,
            CpmisReturn.status != "draft",
        )
        .order_by(CpmisReturn.body_code, CpmisReturn.month, CpmisReturn.version_no)
    )
    decs = [
        decision_fields(d)
        for (_u, _v), d in sorted(decisions(session).items())
        if d.institution_uuid
    ]
    return {
        "format": FORMAT,
        "version": 1,
        "district_code": district_code,
        "returns": [_return(r) for r in rets],
        "decisions": decs,
    }


def send_own_returns(session: Session, up: Uploader, *, district_code: int) -> dict[str, int]:
    """Send the office's returns and decisions; central's counts (stored, unchanged,
    decisions). UploadRefused if central refuses them; requests' errors if unreachable."""
    body = payload(session, district_code=district_code)
    if not body["returns"] and not body["decisions"]:
        return {"stored": 0, "unchanged": 0, "decisions": 0}
    r = up._send("POST", PATH, body=canonical(body))
    try:
        answer = r.json()
    except ValueError:
        answer = {}
    if r.status_code != 200 or not isinstance(answer, dict):
        code = str(answer.get("code", r.status_code)) if isinstance(answer, dict) else ""
        msg = answer.get("message") if isinstance(answer, dict) else None
        raise UploadRefused(code, str(msg or f"central answered HTTP {r.status_code}"))
    return {k: int(answer.get(k, 0)) for k in ("stored", "unchanged", "decisions")}


__all__ = ["FORMAT", "PATH", "payload", "send_own_returns"]
