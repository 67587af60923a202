"""Officers' decisions on pairs of records in two homes (the same child, or not), at
central and at the district offices: `decide` keeps each one and links or unlinks the
records; `stays` lists one child's stays across homes.

Decisions are exchanged between central and the district offices
(`central.identity.exchange`); the rule when two disagree: the latest decision on a pair
holds (by the time it was made; at the same moment a dismissal holds), every decision
stays in `identity_decision_log`, and a confirmed pair dismissed later is unlinked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from central.identity_tables import (
    IdentityAlert,
    IdentityDecision,
    IdentityDecisionLog,
    IdentityLink,
    stamp,
)
from central.models import Enrolment
from central.projection import view_child
from matching.blocking import (
    pair_id,
)

_C = view_child.c


APPLIED, SUPERSEDED, UNCHANGED = "applied", "superseded", "unchanged"


def _wins(new: tuple[str, str], old: tuple[str, str]) -> bool:
    """Whether a decision (time stamp, decision) holds over the one held now: the later
    one; at the same moment a dismissal over a confirmation."""
    if new[0] != old[0]:
        return new[0] > old[0]
    return new[1] == "dismissed" and old[1] == "confirmed"


def decide(
    session: Session,
    a: str,
    b: str,
    *,
    decision: str,
    by: str,
    score: float | None = None,
    reasons: list[str] | None = None,
    district: int | None = None,
    note: str | None = None,
    origin: str = "central",
    at: datetime | str | None = None,
    check: bool = True,
) -> str:
    """Remember an officer's decision on a pair. Confirmed: the two records are linked
    as one child (their groups joined); each home keeps its own record and stay.

    `origin` is where it was made ("central", "district:<code>"), `at` when (now unless
    given: a decision received from elsewhere keeps its own time). The latest decision
    on a pair holds; an older one is only logged. Returns "applied", "superseded" (logged,
    a later decision holds) or "unchanged" (this very decision was logged before).
    `check=False`: the records need not be projected here (a decision received about a
    record of another district)."""
    if decision not in ("confirmed", "dismissed"):
        raise ValueError("a decision is confirmed or dismissed")
    if a == b:
        raise ValueError("a record is not compared with itself")
    ua, ub = pair_id(a, b)
    if check:
        for u in (ua, ub):
            if session.execute(select(_C.record_uuid).where(_C.record_uuid == u)).first() is None:
                raise LookupError(f"no child record {u}")
    when = stamp(at)
    log = IdentityDecisionLog.__table__.c
    seen = session.execute(
        select(log.id).where(
            log.uuid_a == ua,
            log.uuid_b == ub,
            log.at == when,
            log.origin == origin,
            log.decision == decision,
        )
    ).first()
    if seen is not None:
        return UNCHANGED
    row = session.get(IdentityDecision, (ua, ub))
    held = None if row is None else (stamp(row.decided_at), row.decision)
    wins = held is None or _wins((when, decision), held)
    session.add(
        IdentityDecisionLog(
            uuid_a=ua,
            uuid_b=ub,
            decision=decision,
            decided_by=by[:100],
            at=when,
            origin=origin[:40],
            outcome=APPLIED if wins else SUPERSEDED,
            score=score,
            reasons=list(reasons or []),
            district_code=district,
            note=note,
        )
    )
    if not wins:
        session.flush()
        return SUPERSEDED
    for earlier in session.scalars(
        select(IdentityDecisionLog).where(
            IdentityDecisionLog.uuid_a == ua,
            IdentityDecisionLog.uuid_b == ub,
            IdentityDecisionLog.outcome == APPLIED,
            IdentityDecisionLog.at != when,
        )
    ):
        earlier.outcome = SUPERSEDED
    was = None if row is None else row.decision
    if row is None:
        row = IdentityDecision(uuid_a=ua, uuid_b=ub)
        session.add(row)
    row.decision, row.decided_by, row.score = decision, by[:100], score
    row.reasons, row.district_code, row.note = list(reasons or []), district, note
    row.decided_at = datetime.fromisoformat(when.replace("Z", "+00:00"))
    row.origin = origin[:40]
    session.flush()
    if decision == "confirmed":
        _link(session, ua, ub)
    elif was == "confirmed":
        _relink(session, ua, ub)
    # An absconded child's alert about the same two records is decided with the pair.
    a_ = IdentityAlert
    for alert in session.scalars(
        select(a_).where(
            or_(
                and_(a_.missing_uuid == ua, a_.found_uuid == ub),
                and_(a_.missing_uuid == ub, a_.found_uuid == ua),
            )
        )
    ):
        alert.status = decision
    session.flush()
    return APPLIED


def _relink(session: Session, a: str, b: str) -> None:
    """After a confirmed pair was dismissed: the group(s) of the two records made again
    from the confirmed pairs left among their members."""
    persons = {
        link.person_uuid
        for link in (session.get(IdentityLink, a), session.get(IdentityLink, b))
        if link is not None
    }
    if not persons:
        return
    members = list(
        session.scalars(select(IdentityLink).where(IdentityLink.person_uuid.in_(persons)))
    )
    recs = {m.record_uuid for m in members}
    parent = {r: r for r in recs}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    d = IdentityDecision
    for x, y in session.execute(
        select(d.uuid_a, d.uuid_b).where(
            d.decision == "confirmed", d.uuid_a.in_(recs), d.uuid_b.in_(recs)
        )
    ):
        parent[root(x)] = root(y)
    for m in members:
        session.delete(m)
    session.flush()
    groups: dict[str, list[str]] = {}
    for r in sorted(recs):
        groups.setdefault(root(r), []).append(r)
    for comp in groups.values():
        if len(comp) < 2:
            continue
        person = next((p for p in sorted(persons) if p in comp), comp[0])
        session.add_all([IdentityLink(record_uuid=r, person_uuid=person) for r in comp])
    session.flush()


def _link(session: Session, a: str, b: str) -> None:
    la, lb = session.get(IdentityLink, a), session.get(IdentityLink, b)
    if la is None and lb is None:
        person = a  # the group is named after its first record
        session.add_all(
            [
                IdentityLink(record_uuid=a, person_uuid=person),
                IdentityLink(record_uuid=b, person_uuid=person),
            ]
        )
    elif la is not None and lb is None:
        session.add(IdentityLink(record_uuid=b, person_uuid=la.person_uuid))
    elif la is None and lb is not None:
        session.add(IdentityLink(record_uuid=a, person_uuid=lb.person_uuid))
    elif la is not None and lb is not None and la.person_uuid != lb.person_uuid:
        old = lb.person_uuid
        for row in session.scalars(select(IdentityLink).where(IdentityLink.person_uuid == old)):
            row.person_uuid = la.person_uuid


def stays(session: Session, record_uuid: str) -> list[dict[str, Any]]:
    """The records linked as one child with this one (itself included), one per stay,
    earliest admission first: home, code, status, admitted, left."""
    link = session.get(IdentityLink, record_uuid)
    uuids = [record_uuid]
    if link is not None:
        uuids = list(
            session.scalars(
                select(IdentityLink.record_uuid).where(IdentityLink.person_uuid == link.person_uuid)
            )
        )
    homes = {u: n for u, n in session.execute(select(Enrolment.uuid, Enrolment.name))}
    rows = session.execute(
        select(
            _C.record_uuid, _C.institution_uuid, _C.code, _C.status, _C.admission_date, _C.exit_date
        ).where(_C.record_uuid.in_(uuids))
    ).all()
    out = [
        {
            "record_uuid": u,
            "home": homes.get(h, h),
            "code": c,
            "status": s,
            "admitted": a.isoformat() if a else None,
            "left": e.isoformat() if e else None,
        }
        for u, h, c, s, a, e in rows
    ]
    return sorted(out, key=lambda r: (r["admitted"] or "", r["code"] or ""))
