"""At the CCI: absconded alerts from a verified receipt become review flags (issue 20
item 3).

Central and the district office put every open alert about this home's children into each
receipt (`central.identity.to_homes`). `apply_alerts` (called by `outbox.acknowledge`, only
after the receipt's signature verified and it answered a bundle this install sent) writes
one flag `possible_match_absconded` on the child, audited, keeping the evidence. The flag's
UUID comes from the pair and the child, so the same alert from central and from the district
office, or in the next receipt again, is one flag.
"""

from __future__ import annotations

import uuid as uuid_mod
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, Flag
from desktop.services.core.audit import audited
from desktop.services.core.permissions import register_action
from desktop.services.flags import received

register_action("receive_identity_alert", None)  # at the CCI, from a verified receipt

_NS = uuid_mod.UUID("6f1c7a52-3b0e-4d7e-9a51-2c8f0e4b9d21")
_OTHER = ("code", "home", "district_code", "status")


def flag_uuid(pair: tuple[str, str], child_uuid: str) -> uuid_mod.UUID:
    """The one flag an alert makes on this home's child."""
    return uuid_mod.uuid5(
        _NS, f"{received.POSSIBLE_MATCH_ABSCONDED}|{pair[0]}|{pair[1]}|{child_uuid}"
    )


def _clean(item: dict[str, Any]) -> dict[str, Any] | None:
    """The evidence kept on the flag, or None when the item is malformed."""
    pair, other = item.get("pair"), item.get("other")
    if not (isinstance(pair, list) and len(pair) == 2 and isinstance(other, dict)):
        return None
    if item.get("side") not in ("missing", "found"):
        return None
    try:
        score = float(item.get("score") or 0)
        child = str(uuid_mod.UUID(str(item.get("child_uuid"))))
    except (TypeError, ValueError):
        return None
    reasons = item.get("reasons")
    return {
        "pair": [str(p)[:64] for p in pair],
        "side": item["side"],
        "child_uuid": child,
        "other": {k: (str(other[k])[:200] if other.get(k) is not None else None) for k in _OTHER},
        "left": _iso(item.get("left")),
        "admitted": _iso(item.get("admitted")),
        "score": round(score, 1),
        "reasons": [str(r)[:200] for r in reasons][:20] if isinstance(reasons, list) else [],
    }


def _iso(v: Any) -> str | None:
    try:
        return date.fromisoformat(str(v)).isoformat()
    except ValueError:
        return None


def apply_alerts(session: Session, items: Any, *, today: date | None = None) -> int:
    """Write a verified receipt's alerts as flags on this CCI's children; how many new.

    Anything malformed, or naming a child this database does not hold, is passed over; an
    alert already written changes nothing.
    """
    if not isinstance(items, list):
        return 0
    today = today or date.today()
    added = 0
    for item in items:
        if not isinstance(item, dict) or item.get("kind") != received.POSSIBLE_MATCH_ABSCONDED:
            continue
        ev = _clean(item)
        if ev is None:
            continue
        fid = flag_uuid((ev["pair"][0], ev["pair"][1]), ev["child_uuid"])
        if session.scalars(select(Flag.id).where(Flag.uuid == fid)).first() is not None:
            continue
        child = session.scalars(
            select(Child).where(Child.uuid == uuid_mod.UUID(ev["child_uuid"]))
        ).first()
        if child is None or child.merged_into_id is not None:
            continue
        with audited(session, "receive_identity_alert", child=child):
            session.add(
                Flag(
                    uuid=fid,
                    child_id=child.id,
                    rule_id=received.POSSIBLE_MATCH_ABSCONDED,
                    policy_version=received.POLICY_VERSION,
                    severity=received.SEVERITY,
                    raised_on=today,
                    due_on=today,
                    status="open",
                    escalation_level=0,
                    note=received.note_for(ev),
                )
            )
        added += 1
    return added
