"""What the child profile screen shows, as plain data: the record, flags, visits, a timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, Guardian, GuardianVisit
from desktop.rules.policy import load_policy
from desktop.services.cases.approvals import RequestRow, requests_for_child
from desktop.services.cases.record import child_record
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.audit import record_access
from desktop.services.core.context import actor_of
from desktop.services.core.errors import NotFound
from desktop.services.core.permissions import can_see
from desktop.services.flags.store import FlagRow, list_flags


def attachment_store(data_dir: Path) -> AttachmentStore:
    """The data folder's store of photos and scans (by content hash, sealed)."""
    return AttachmentStore.for_data_dir(data_dir)


def child_by_id(session: Session, child_id: int) -> Child:
    """The child with this id, or NotFound."""
    child = session.get(Child, child_id)
    if child is None:
        raise NotFound(f"no child with id {child_id}")
    return child


@dataclass(frozen=True)
class Event:
    """One line of the child's timeline; `ref` is the UUID of the record it comes from
    (to correct it), `at` when that record was entered (orders a day's lines)."""

    on: date
    kind: str
    text: str
    ref: str | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class Visit:
    """One logged visit or call."""

    on: date
    who: str
    mode: str
    notes: str | None
    uuid: str = ""
    guardian_uuid: str | None = None
    at: datetime | None = None
    role: str = "guardian"  # see enums.VisitorRole

    @property
    def by_guardian(self) -> bool:
        """A listed parent's or guardian's visit or call (what the rules count)."""
        return self.role == "guardian"


def visits(session: Session, child_id: int) -> list[Visit]:
    """Every contact of the child, newest first, with the visitor's name (and for the
    social worker's follow-up, the family member contacted)."""
    rows = session.execute(
        select(GuardianVisit, Guardian.name, Guardian.relation, Guardian.uuid)
        .outerjoin(Guardian, Guardian.id == GuardianVisit.guardian_id)
        .where(GuardianVisit.child_id == child_id)
        .order_by(GuardianVisit.visit_date.desc(), GuardianVisit.id.desc())
    ).all()
    out = []
    for v, g_name, relation, g_uuid in rows:
        guardian = f"{g_name} ({relation})" if g_name else ""
        if v.visitor_role == "guardian":
            who = guardian or (v.visitor_name or "")
        else:
            who = " → ".join(x for x in (v.visitor_name or "", guardian) if x)
        out.append(
            Visit(
                on=v.visit_date,
                who=who,
                mode=v.mode,
                notes=v.notes,
                uuid=str(v.uuid),
                guardian_uuid=str(g_uuid) if g_uuid else None,
                at=v.created_at,
                role=v.visitor_role,
            )
        )
    return out


def visits_by_month(
    all_visits: list[Visit], *, today: date, months: int = 12
) -> list[tuple[str, int]]:
    """A listed parent's or guardian's visits and calls counted per calendar month for the
    last `months` months, oldest first (other visitors and follow-ups are not counted)."""
    keys: list[tuple[int, int]] = []
    y, m = today.year, today.month
    for _ in range(months):
        keys.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    keys.reverse()
    counts = dict.fromkeys(keys, 0)
    for v in all_visits:
        if not v.by_guardian:
            continue
        k = (v.on.year, v.on.month)
        if k in counts:
            counts[k] += 1
    return [(date(yy, mm, 1).strftime("%b"), n) for (yy, mm), n in counts.items()]


def _stage(value: str) -> str:
    return value.replace("_", " ")


_FIRST = datetime.min.replace(tzinfo=UTC)
_LAST = datetime.max.replace(tzinfo=UTC)


def _when(at: datetime | None, default: datetime) -> datetime:
    if at is None:
        return default
    return at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite gives naive UTC back


def timeline(record: dict[str, Any], all_visits: list[Visit]) -> list[Event]:
    """Everything on the case in one list, newest first (within a day too: the line
    entered last comes first; the admission is the oldest line of its day)."""
    policy = load_policy()
    ev = [Event(record["admission_date"], "admission", "Admitted", record["uuid"], _FIRST)]
    for h in record["category_history"]:
        label = policy.categories[h["to"]].en if h["to"] in policy.categories else h["to"]
        ev.append(
            Event(h["on"], "category", f"Category: {label} ({h['reason']})", h["uuid"], h["at"])
        )
    for v in reversed(all_visits):  # oldest first, like the other lists
        kind = "Follow-up" if v.role == "social_worker" else "Visit"
        role = "" if v.by_guardian else f"{_stage(v.role)}, "
        text = f"{kind}: {v.who or 'visitor'} ({role}{_stage(v.mode)})"
        ev.append(Event(v.on, "visit", text, v.uuid, v.at))
    for o in record["orders"]:
        text = f"CWC order {o['no']}: {_stage(o['type'])}"
        ev.append(Event(o["date"], "order", text, o["uuid"], o["at"]))
    for r in record["sir"]:
        if r["requested_on"]:
            text = "Social investigation report asked for"
            ev.append(Event(r["requested_on"], "sir", text, r["uuid"], r["at"]))
        if r["completed_on"]:
            text = "Social investigation report submitted"
            ev.append(Event(r["completed_on"], "sir", text, r["uuid"], r["at"]))
    for p in record["icp"]:
        ev.append(
            Event(p["prepared_on"], "icp", "Individual care plan prepared", p["uuid"], p["at"])
        )
    for n in record["notes"]:
        text = f"Note by {n['author']}: {n['text']}"
        ev.append(Event(n["date"], "note", text, n["uuid"], n["at"]))
    for a in record["adoption_stages"]:
        text = f"Adoption stage: {_stage(a['stage'])}"
        ev.append(Event(a["entered_on"], "adoption", text, a["uuid"], a["at"]))
    for t in record["transfers"]:
        text = f"Transferred {t['direction']}: {t['other']}"
        ev.append(Event(t["date"], "transfer", text, t["uuid"], t["at"]))
    if record["exit"]:
        exit_ = record["exit"]
        ev.append(Event(exit_["date"], "exit", f"Left care: {exit_['reason']}", None, _LAST))
    # Ties (records written in one save) keep the order entered: later lines first.
    order = sorted(range(len(ev)), key=lambda i: (ev[i].on, _when(ev[i].at, _FIRST), i))
    return [ev[i] for i in reversed(order)]


@dataclass
class Profile:
    """Everything the profile screen shows about one child."""

    child_id: int
    photo_hash: str | None
    record: dict[str, Any]
    flags: list[FlagRow]
    visits: list[Visit]
    visits_by_month: list[tuple[str, int]]
    timeline: list[Event]
    requests: list[RequestRow] = field(default_factory=list)
    merged_into_id: int | None = None  # a merged-away record: the id of the kept record
    # Other records of this home that are likely the same child (to compare and merge).
    same_child: list[Any] = field(default_factory=list)


def load_profile(
    session: Session, child_id: int, *, today: date, lang: str = "en", opened: bool = False
) -> Profile:
    """The child's profile; `opened=True` records the read in the audit trail."""
    child = child_by_id(session, child_id)
    if opened:
        record_access(session, action="opened profile", child=child)
    record = child_record(session, child.code, today=today)
    all_visits = visits(session, child_id)
    return Profile(
        child_id=child_id,
        # Photos only for roles that need them (case staff), not for officials.
        photo_hash=child.photo_hash if can_see(actor_of(session), "photo") else None,
        record=record,
        flags=list_flags(session, child_id=child_id, lang=lang),
        visits=all_visits,
        visits_by_month=visits_by_month(all_visits, today=today),
        timeline=timeline(record, all_visits),
        requests=requests_for_child(session, child_id, limit=5),
        merged_into_id=_kept_id(session, child),
        same_child=_same_child(session, child),
    )


SAME_CHILD_SCORE = 80.0  # a likely duplicate the profile warns of (the check lists from 62)


def _same_child(session: Session, child: Child) -> list[Any]:
    from desktop.services.cases.merge import same_child_candidates

    if child.merged_into_id is not None:
        return []
    return [
        c for c in same_child_candidates(session, child, limit=3) if c.score >= SAME_CHILD_SCORE
    ]


def _kept_id(session: Session, child: Child) -> int | None:
    from desktop.services.cases.merge import merged_into

    kept = merged_into(session, child) if child.merged_into_id is not None else None
    return kept.id if kept is not None else None
