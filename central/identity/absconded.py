"""Absconded and missing children found again: each one is compared with every child
registered after they left, in other homes of the district or state; a likely match
raises one alert (kept, with the evidence) for both homes and their districts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from central.identity.decisions import decide
from central.identity.search import _keyed, _query, _side, block_mates, refresh_keys
from central.identity_tables import IdentityAlert, IdentityDecision
from central.models import Enrolment
from central.projection import view_child
from central.reports.area import Area
from matching.blocking import Index, pair_id
from matching.score import CROSS_HOME, Keyed, score

GONE = ("absconded", "missing")


def check_absconded(
    session: Session, area: Area, *, threshold: float = CROSS_HOME, refresh: bool = True
) -> list[IdentityAlert]:
    """Compare the area's absconded and missing children with the later registrations of
    other homes in the area; the alerts newly raised (an alert is raised once a pair)."""
    if refresh:
        refresh_keys(session)
    c = view_child.c
    gone = [
        _keyed(r)
        for r in session.execute(_query().where(area.where(view_child), c.status.in_(GONE)))
    ]
    if not gone:
        return []
    enr = {
        u: (s, d, n)
        for u, s, d, n in session.execute(
            select(Enrolment.uuid, Enrolment.state_code, Enrolment.district_code, Enrolment.name)
        )
    }
    scope = Area(area.state, area.district)
    known = {
        (a, b)
        for a, b in session.execute(select(IdentityAlert.missing_uuid, IdentityAlert.found_uuid))
    }
    dismissed = {
        (a, b)
        for a, b in session.execute(
            select(IdentityDecision.uuid_a, IdentityDecision.uuid_b).where(
                IdentityDecision.decision == "dismissed"
            )
        )
    }
    mates = {m.uuid: m for m in block_mates(session, gone)}
    out: list[IdentityAlert] = []
    index = Index(mates.values())
    for g in gone:
        since = g.person.left or g.person.admitted
        for m in index.near(g):
            p = m.person
            if p.home == g.person.home or (g.uuid, m.uuid) in known:
                continue
            if since is None or p.admitted is None or p.admitted < since:
                continue
            state, district, _ = enr.get(p.home, (None, None, ""))
            if not scope.contains(Area(state, district)):
                continue
            if pair_id(g.uuid, m.uuid) in dismissed:
                continue
            match = score(g, m)
            if match is None or match.score < threshold:
                continue
            known.add((g.uuid, m.uuid))
            alert = _alert(g, m, match.score, match.reasons, enr)
            session.add(alert)
            out.append(alert)
    session.flush()
    return out


def _alert(
    g: Keyed,
    m: Keyed,
    score_: float,
    reasons: list[str],
    enr: dict[str, tuple[int | None, int | None, str]],
) -> IdentityAlert:
    gs, gd, gname = enr.get(g.person.home, (None, None, g.person.home))
    ms, md, mname = enr.get(m.person.home, (None, None, m.person.home))
    left = g.person.left or g.person.admitted
    evidence: dict[str, Any] = {
        "missing": {**_side(g.person, gname, gd), "left": left.isoformat() if left else None},
        "found": {
            **_side(m.person, mname, md),
            "admitted": m.person.admitted.isoformat() if m.person.admitted else None,
        },
    }
    return IdentityAlert(
        missing_uuid=g.uuid,
        found_uuid=m.uuid,
        missing_home=g.person.home,
        found_home=m.person.home,
        missing_district=gd,
        found_district=md,
        state_code=ms if ms is not None else gs,
        score=score_,
        reasons=reasons,
        evidence=evidence,
        status="open",
    )


def alerts(session: Session, area: Area, *, status: str | None = "open") -> list[IdentityAlert]:
    """The alerts the area sees: those of its homes on either side, newest first."""
    q = select(IdentityAlert)
    if area.district is not None:
        q = q.where(
            or_(
                IdentityAlert.missing_district == area.district,
                IdentityAlert.found_district == area.district,
            )
        )
    elif area.state is not None:
        q = q.where(IdentityAlert.state_code == area.state)
    if area.institution is not None:
        q = q.where(
            or_(
                IdentityAlert.missing_home == area.institution,
                IdentityAlert.found_home == area.institution,
            )
        )
    if status is not None:
        q = q.where(IdentityAlert.status == status)
    return list(session.scalars(q.order_by(IdentityAlert.raised_at.desc(), IdentityAlert.id)))


def close_alert(
    session: Session, alert_id: int, *, status: str, by: str, origin: str = "central"
) -> IdentityAlert:
    """Mark an alert confirmed (the same child: the pair is linked) or dismissed."""
    row = session.get(IdentityAlert, alert_id)
    if row is None:
        raise LookupError(f"no alert {alert_id}")
    if status not in ("confirmed", "dismissed"):
        raise ValueError("an alert is confirmed or dismissed")
    row.status = status
    decide(
        session,
        row.missing_uuid,
        row.found_uuid,
        decision=status,
        by=by,
        score=row.score,
        reasons=row.reasons,
        district=row.found_district,
        origin=origin,
    )
    return row
