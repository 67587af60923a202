"""District office: the same child in two of the district's homes, and absconded children
registered again, over the district view (central's tables, so central's own code:
`central.identity`). An officer's decision is kept in the view and in the office's
audit trail (who decided, which two records)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from central.identity.absconded import alerts, check_absconded, close_alert
from central.identity.search import Found, area_candidates, decide, stays
from central.identity_tables import IdentityAlert
from central.reports.area import Area
from central.schema import writer
from desktop.services.core.audit import append_event
from desktop.services.core.context import actor_of
from desktop.services.core.permissions import Permission, check_action, register_action

register_action("district_identity_decide", Permission.FLAG_ACK)  # confirm or dismiss a pair
register_action("district_identity_view", Permission.VIEW)


@dataclass(frozen=True)
class Alert:
    """An absconded or missing child who may be registered again (plain data)."""

    id: int
    score: float
    reasons: list[str]
    missing: dict[str, object]
    found: dict[str, object]


def candidates(
    view: Engine, office: Session, *, district: int, state: int | None, limit: int = 500
) -> list[Found]:
    """Likely same children in two homes of this district, best first (decided pairs
    left out); the keys of children received since the last look are worked out first."""
    check_action(office, "district_identity_view", None)
    with Session(writer(view), expire_on_commit=False) as s, s.begin():
        return area_candidates(s, Area(state, district), limit=limit)


def absconded_alerts(
    view: Engine, office: Session, *, district: int, state: int | None
) -> list[Alert]:
    """Check the district's absconded and missing children against later registrations
    (new alerts kept), then every open alert of the district's homes, newest first."""
    check_action(office, "district_identity_view", None)
    area = Area(state, district)
    with Session(writer(view), expire_on_commit=False) as s, s.begin():
        check_absconded(s, area)
        rows: list[IdentityAlert] = alerts(s, area)
        return [
            Alert(
                a.id,
                a.score,
                list(a.reasons),
                dict(a.evidence.get("missing", {})),
                dict(a.evidence.get("found", {})),
            )
            for a in rows
        ]


def decide_pair(
    view: Engine,
    office: Session,
    found: Found,
    *,
    decision: str,
    district: int,
    by: str | None = None,
) -> None:
    """Confirm (the two records are one child with two stays) or dismiss (not proposed
    again) a candidate pair; written to the office's audit trail."""
    check_action(office, "district_identity_decide", None)
    with Session(writer(view)) as s, s.begin():
        decide(
            s,
            found.a.uuid,
            found.b.uuid,
            decision=decision,
            by=by or actor_of(office).label,
            score=found.score,
            reasons=found.reasons,
            district=district,
        )
    append_event(
        office,
        action="district_identity_decide",
        changes=[
            {
                "type": "district_identity_decide",
                "decision": decision,
                "records": [found.a.uuid, found.b.uuid],
                "score": found.score,
            }
        ],
        child_uuid=None,
    )


def close(
    view: Engine, office: Session, alert_id: int, *, decision: str, by: str | None = None
) -> None:
    """Confirm or dismiss an absconded child's alert (audited as a pair decision)."""
    check_action(office, "district_identity_decide", None)
    with Session(writer(view)) as s, s.begin():
        row = close_alert(s, alert_id, status=decision, by=by or actor_of(office).label)
        records = [row.missing_uuid, row.found_uuid]
    append_event(
        office,
        action="district_identity_decide",
        changes=[{"type": "district_identity_alert", "decision": decision, "records": records}],
        child_uuid=None,
    )


def linked_stays(view: Engine, record_uuid: str) -> list[dict[str, object]]:
    """The stays of the child this record belongs to (one per linked record)."""
    with Session(view) as s:
        return list(stays(s, record_uuid))
