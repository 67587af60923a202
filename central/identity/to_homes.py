"""Absconded alerts carried to the two homes in their receipts (issue 20 item 3).

Each open alert about a CCI's child goes into every receipt that CCI gets from central or
from its district office, worded for that home: its own child's record, the other home's
name, the other record's code, the score and the reasons, and the dates. Never an Aadhaar
number or its hash (the evidence holds neither). The CCI writes each alert once (the
flag's UUID is worked out from the pair and the home: `sync_client.alerts`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from central.identity_tables import IdentityAlert

# The fields of one side of the evidence a home may be told about the other side.
_OTHER = ("code", "name", "name_local", "gender", "dob", "status", "home", "district_code")


def home_alerts(session: Session, institution_uuid: str) -> list[dict[str, Any]]:
    """The open alerts naming this home on either side, as its receipt carries them."""
    rows = session.scalars(
        select(IdentityAlert)
        .where(
            IdentityAlert.status == "open",
            or_(
                IdentityAlert.missing_home == institution_uuid,
                IdentityAlert.found_home == institution_uuid,
            ),
        )
        .order_by(IdentityAlert.id)
    )
    out: list[dict[str, Any]] = []
    for a in rows:
        ev = a.evidence or {}
        missing, found = ev.get("missing") or {}, ev.get("found") or {}
        sides = []
        if a.missing_home == institution_uuid:
            sides.append(("missing", a.missing_uuid, found))
        if a.found_home == institution_uuid:
            sides.append(("found", a.found_uuid, missing))
        for side, child_uuid, other in sides:
            out.append(
                {
                    "kind": "possible_match_absconded",
                    "pair": [a.missing_uuid, a.found_uuid],
                    "side": side,  # this home's child is the one who left, or the one found
                    "child_uuid": child_uuid,
                    "other": {k: other.get(k) for k in _OTHER},
                    "left": missing.get("left"),
                    "admitted": found.get("admitted"),
                    "score": a.score,
                    "reasons": list(a.reasons or []),
                    "raised_on": a.raised_at.date().isoformat() if a.raised_at else None,
                }
            )
    return out
