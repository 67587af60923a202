"""Review flags as people see and act on them: list, count, explain, acknowledge, escalate,
resolve. (The rules runs that raise and clear them are `desktop.services.flags.evaluate`.)

A flag resolved by hand stays quiet for a policy-set period.
"""

from __future__ import annotations

import logging
from copy import copy
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Table, case, func, select
from sqlalchemy.orm import Session

from desktop.models import Child, Flag
from desktop.models.flags import LEVELS
from desktop.rules.adoption import Review, adoption_evaluation
from desktop.rules.adoption import review as adoption_review
from desktop.rules.clts import case_dict, load_clts_facts
from desktop.rules.engine import RULES, Hit, Rule
from desktop.rules.facts import Facts
from desktop.rules.policy import Policy, RulePolicy, load_policy
from desktop.services.core.audit import audited
from desktop.services.core.errors import NotAllowed, ValidationError
from desktop.services.core.permissions import (
    area_institution_ids,
    flag_scope,
    scoped_institution_ids,
)
from desktop.services.core.validation import clean_text
from desktop.services.flags import received
from desktop.services.flags.child_facts import load_facts
from desktop.services.flags.words import FlagToWord, word_flags

log = logging.getLogger(__name__)
OPEN = ("open", "acknowledged", "escalated")
_FLAG: Table = Flag.table()


def _flag_child(session: Session, flag: Flag) -> Child:
    child = session.get(Child, flag.child_id)
    assert child is not None
    return child


def acknowledge_flag(session: Session, flag: Flag, *, note: str, on: date | None = None) -> Flag:
    """Record that someone has seen the flag and what they are doing about it."""
    if flag.status == "resolved":
        raise NotAllowed("this flag is already resolved")
    why = _reason(note)
    child = _flag_child(session, flag)
    with audited(session, f"acknowledge_flag {flag.rule_id}", child=child):
        flag.acknowledged_on = on or date.today()
        flag.acknowledged_by = session.info["actor"].label
        flag.note = _noted(flag, why)
        if flag.status == "open":
            flag.status = "acknowledged"
    return flag


def escalate_flag(session: Session, flag: Flag, *, note: str) -> Flag:
    """Send the flag one level up (CCI -> district -> state) by hand, with the reason.

    The level stays at least there: the daily run raises levels by time, never lowers a
    level someone set by hand. The flag resolves as usual when its condition clears.
    """
    if flag.status == "resolved":
        raise NotAllowed("this flag is already resolved")
    if flag.escalation_level >= len(LEVELS) - 1:
        raise NotAllowed(f"this flag is already at the {LEVELS[-1]} level")
    why = _reason(note)
    child = _flag_child(session, flag)
    with audited(session, f"escalate_flag {flag.rule_id}", child=child):
        flag.escalation_level += 1
        flag.manual_level = flag.escalation_level
        flag.status = "escalated"
        flag.escalated_by = session.info["actor"].label
        flag.note = _noted(flag, why)
    return flag


def resolve_flag(
    session: Session,
    flag: Flag,
    *,
    note: str,
    on: date | None = None,
    policy: Policy | None = None,
) -> Flag:
    """Close a flag by hand with the reason; it stays closed for the policy's quiet period."""
    if flag.status == "resolved":
        raise NotAllowed("this flag is already resolved")
    policy = policy or load_policy()
    why = _reason(note)
    on = on or date.today()
    child = _flag_child(session, flag)
    was = session.info.get("skip_flag_eval", False)
    session.info["skip_flag_eval"] = True  # resolving by hand must not re-raise at once
    try:
        with audited(session, f"resolve_flag {flag.rule_id}", child=child):
            flag.status = "resolved"
            flag.resolved_on = on
            flag.resolved_by = session.info["actor"].label
            flag.note = _noted(flag, why)
            flag.suppressed_until = on + timedelta(days=policy.manual_resolution_days)
    finally:
        session.info["skip_flag_eval"] = was
    return flag


def _noted(flag: Flag, why: str) -> str:
    """The note after a person's action: a received flag keeps its evidence beside it."""
    return received.with_reason(flag.note, why) if flag.rule_id in received.RECEIVED_RULES else why


def _reason(note: str) -> str:
    try:
        why = clean_text(note, required=True, max_len=1000)
    except ValueError as exc:
        raise ValidationError({"note": f"the reason {exc}"}) from None
    assert why is not None
    return why


@dataclass(frozen=True)
class FlagRow:
    """A flag as the review queue and `clms flags` show it."""

    id: int
    code: str
    child_name: str
    rule_id: str
    rule: str
    severity: str
    status: str
    level: str
    raised_on: date
    due_on: date
    explanation: str
    policy_version: str
    child_id: int = 0
    acknowledged_on: date | None = None  # someone said they saw it (it may stay escalated)
    acknowledged_by: str | None = None


SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
FLAG_ORDERS = ("due", "severity", "child")


def list_flags(
    session: Session,
    *,
    statuses: tuple[str, ...] = OPEN,
    child_id: int | None = None,
    rule_id: str | None = None,
    level: int | None = None,
    lang: str = "en",
    limit: int | None = None,
    due_on_or_before: date | None = None,
    order: str = "due",
    as_of: date | None = None,
) -> list[FlagRow]:
    """Flags in the review queue's order: by due date then severity ("due"), by severity
    then due date ("severity"), or by child, the most serious first ("child").

    `due_on_or_before` lets a big queue be read from its earliest part only (see
    `review.queue_cutoff`) instead of sorting every open flag. The explanations are
    worded for the flags listed, as of `as_of` (today by default; see `flags.words`).
    """
    if order not in FLAG_ORDERS:
        raise ValueError(f"cannot order flags by {order!r}")
    from desktop.models.flags import LEVELS

    # Columns, not Flag objects: a district's queue can hold a million flags.
    q = (
        select(
            Flag.id,
            Flag.rule_id,
            Flag.severity,
            Flag.status,
            Flag.escalation_level,
            Flag.raised_on,
            Flag.due_on,
            Flag.resolved_on,
            Flag.policy_version,
            Child.code,
            Child.first_name,
            Child.last_name,
            Flag.child_id,
            Flag.acknowledged_on,
            Flag.acknowledged_by,
        )
        .join(Child, Child.id == Flag.child_id)
        .where(Flag.status.in_(statuses))
    )
    allowed = scoped_institution_ids(session)
    if allowed is not None:  # a district official sees the flags of their district's CCIs
        q = q.where(Child.institution_id.in_(allowed))
    if child_id is not None:
        q = q.where(Flag.child_id == child_id)
    if rule_id is not None:
        q = q.where(Flag.rule_id == rule_id)
    if level is not None:
        q = q.where(Flag.escalation_level == level)
    if due_on_or_before is not None:
        q = q.where(Flag.due_on <= due_on_or_before)
    severity_rank = case(SEVERITY_ORDER, value=Flag.severity, else_=9)
    if order == "severity":
        q = q.order_by(severity_rank, Flag.due_on, Flag.id)
    elif order == "child":
        q = q.order_by(Child.code, severity_rank, Flag.due_on, Flag.id)
    else:
        q = q.order_by(Flag.due_on, severity_rank, Flag.id)  # the queue's order, also under LIMIT
    if limit:
        q = q.limit(limit)
    titles = {r.id: r.hi if lang == "hi" else r.en for r in RULES}
    titles |= {k: received.title(k, lang) or k for k in received.RECEIVED_RULES}
    rows = session.execute(q).all()
    words = word_flags(
        session,
        (
            FlagToWord(r.id, r.child_id, r.rule_id, r.due_on, r.raised_on, r.status, r.resolved_on)
            for r in rows
        ),
        as_of=as_of,
    )
    pick = 1 if lang == "hi" else 0
    return [
        FlagRow(
            id=fid,
            code=code,
            child_name=f"{first} {last}" if first and last else first or last or "",
            rule_id=rid,
            rule=titles.get(rid, rid),
            severity=severity,
            status=status,
            level=LEVELS[level],
            raised_on=raised,
            due_on=due,
            explanation=words[fid][pick],
            policy_version=pver,
            child_id=child_id,
            acknowledged_on=ack_on,
            acknowledged_by=ack_by,
        )
        for (
            fid,
            rid,
            severity,
            status,
            level,
            raised,
            due,
            _resolved,
            pver,
            code,
            first,
            last,
            child_id,
            ack_on,
            ack_by,
        ) in rows
    ]


@dataclass(frozen=True)
class Verdict:
    """One rule's verdict on one child, with the facts it read (for --explain)."""

    rule: Rule
    hit: Hit | None
    facts: dict[str, object]
    policy: RulePolicy | None = None
    # For the adoption evaluation: every ground (met, not met, excluded by what) and why.
    review: Review | None = None


def explain(
    session: Session, child: Child, *, as_of: date, policy: Policy | None = None
) -> tuple[Facts | None, list[Verdict]]:
    """Every rule's verdict for this child as of the date, with the facts each one used."""
    policy = policy or load_policy()
    facts = next(iter(load_facts(session, as_of=as_of, policy=policy, child_ids=[child.id])), None)
    dbapi = session.connection().connection.driver_connection
    case = next(iter(load_clts_facts(dbapi, as_of=as_of, child_ids=[child.id])), None)
    if facts is None and case is None:
        return None, []
    all_facts = facts.as_dict() if facts is not None else {}
    if case is not None and case.case is not None:
        all_facts |= case_dict(case.case)
    out = []
    for r in RULES:
        f = case if r.scope == "clts" and case is not None else facts
        if f is None:
            continue  # a child out of care: only its rescue case's rules apply
        p = policy.rules[r.id]
        hit = r.fn(copy(f), p)
        review = (
            adoption_review(copy(facts), p)
            if r.fn is adoption_evaluation and facts is not None
            else None
        )
        out.append(Verdict(r, hit, {k: all_facts.get(k) for k in r.uses}, p, review))
    return facts or case, out


def count_flags(
    session: Session,
    *,
    statuses: tuple[str, ...] = OPEN,
    rule_id: str | None = None,
    level: int | None = None,
) -> int:
    """How many flags `list_flags` would give with these filters and no limit (in the
    actor's area)."""
    if rule_id is None and level is None and area_institution_ids(session) is None:
        return _count_in_statuses(session, statuses)
    q = select(func.count()).select_from(Flag).where(Flag.status.in_(statuses), flag_scope(session))
    if rule_id is not None:
        q = q.where(Flag.rule_id == rule_id)
    if level is not None:
        q = q.where(Flag.escalation_level == level)
    return int(session.execute(q).scalar_one())


def _count_in_statuses(session: Session, statuses: tuple[str, ...]) -> int:
    """Flags in these statuses, of every child: all flags (counted over the smallest
    index) less those of any other status, counted in the status index's ranges around
    these. At 250,000 children 720,000 flags are open and a few hundred resolved: this
    reads the open ones' index entries once, not three times as long (issue 22)."""
    dbapi = session.connection().connection.driver_connection
    assert dbapi is not None
    total = dbapi.execute("SELECT count(*) FROM flag").fetchone()[0]
    edges: list[str | None] = [None, *sorted(set(statuses)), None]
    others = dbapi.execute("SELECT count(*) FROM flag WHERE status IS NULL").fetchone()[0]
    for lo, hi in zip(edges, edges[1:], strict=False):
        where = " AND ".join(
            c for c, v in (("status > :lo", lo), ("status < :hi", hi)) if v is not None
        )
        others += dbapi.execute(
            f"SELECT count(*) FROM flag WHERE {where or 'status IS NOT NULL'}", {"lo": lo, "hi": hi}
        ).fetchone()[0]
    return int(total - others)


def count_open_flags(session: Session) -> int:
    """How many flags are open, acknowledged or escalated (in the actor's area)."""
    return count_flags(session)
