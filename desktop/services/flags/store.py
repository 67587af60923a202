"""Review flags: evaluate the rules, keep flags in step, escalate, and let people act on them.

`evaluate_all` runs every rule over every active child as of a date (start-up, daily,
`clms flags`); `evaluate_children` does the same for a few (after each change to a
child, through `audit.on_child_changed`). A flag is raised when its rule fires, rises a
level (CCI -> district -> state) each escalation period it stays open past its due
date, and resolves itself when its condition clears. People acknowledge or resolve
flags with a reason; a flag resolved by hand stays quiet for a policy-set period.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid as uuid_mod
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table, case, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop.db import wrote_in_transaction
from desktop.models import Child, Flag, utcnow
from desktop.models.flags import LEVELS
from desktop.rules.engine import RULES, Hit, Rule, bind, check_policy, evaluate
from desktop.rules.facts import Facts
from desktop.rules.policy import Policy, load_policy
from desktop.rules.scan import default_workers, run_rules
from desktop.services.core.audit import append_event, audited, on_child_changed
from desktop.services.core.bulk import raw_insert, raw_update, take_seqs
from desktop.services.core.errors import NotAllowed, ValidationError
from desktop.services.core.permissions import flag_scope, scoped_institution_ids
from desktop.services.core.validation import clean_text
from desktop.services.flags.child_facts import load_facts

log = logging.getLogger(__name__)
OPEN = ("open", "acknowledged", "escalated")
_FLAG: Table = Flag.table()


@dataclass
class EvalSummary:
    """What one evaluation run changed."""

    children: int = 0
    raised: Counter[str] = field(default_factory=Counter)
    resolved: Counter[str] = field(default_factory=Counter)
    escalated: Counter[str] = field(default_factory=Counter)
    updated: int = 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready counts."""
        return {
            "children": self.children,
            "raised": dict(self.raised),
            "resolved": dict(self.resolved),
            "escalated": dict(self.escalated),
            "updated": self.updated,
        }


def escalation_level(due: date, as_of: date, escalation_days: int) -> int:
    """0 (CCI) until the escalation period after the due date has passed, then 1, then 2."""
    return _level((as_of - due).days, escalation_days)


def _level(overdue: int, escalation_days: int) -> int:
    if escalation_days <= 0 or overdue <= escalation_days:
        return 0
    return 1 if overdue <= 2 * escalation_days else 2


# A (child, rule) pair as one integer, child * _KEY + rule number, for whole-database runs.
RULE_IDS = tuple(r.id for r in RULES)
_RULE_INDEX = {rid: i for i, rid in enumerate(RULE_IDS)}
_KEY = 64
assert len(RULE_IDS) < _KEY


def _dbapi(session: Session) -> Any:
    return session.connection().connection.driver_connection


def _hits_in_process(
    session: Session, *, as_of: date, policy: Policy, child_ids: list[int] | None
) -> tuple[set[int], dict[tuple[int, str], Hit]]:
    hits: dict[tuple[int, str], Hit] = {}
    seen: set[int] = set()
    bound = bind(policy)
    for facts in load_facts(session, as_of=as_of, policy=policy, child_ids=child_ids):
        seen.add(facts.child_id)
        for rule, finding in evaluate(facts, policy, bound):
            hits[(facts.child_id, rule.id)] = finding
    return seen, hits


def _texts_for(
    session: Session, keys: set[tuple[int, str]], *, as_of: date, policy: Policy
) -> dict[tuple[int, str], tuple[str, str]]:
    """The explanations of these (child, rule) hits, evaluated again for those children."""
    out: dict[tuple[int, str], tuple[str, str]] = {}
    ids = sorted({cid for cid, _ in keys})
    for start in range(0, len(ids), 5000):
        _, hits = _hits_in_process(
            session, as_of=as_of, policy=policy, child_ids=ids[start : start + 5000]
        )
        out.update((k, h.texts()) for k, h in hits.items() if k in keys)
    return out


def _evaluate(
    session: Session,
    *,
    as_of: date,
    policy: Policy,
    child_ids: list[int] | None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> EvalSummary:
    check_policy(policy)
    summary = EvalSummary()
    hits: dict[tuple[int, str], Hit] | None = None
    if child_ids is None:
        # The whole database: verdicts that still hold are reused, the rest evaluated,
        # in worker processes if there are many (they read the committed file, so only
        # when this transaction has written nothing yet).
        conn = session.connection()
        dbapi = conn.connection.driver_connection
        db_file = conn.engine.url.database
        if wrote_in_transaction(conn):
            workers = 1
        scanned = run_rules(
            dbapi,
            as_of=as_of,
            policy=policy,
            db_path=Path(db_file) if db_file and db_file != ":memory:" else None,
            workers=workers,
        )
        seen = set(scanned.seen)
        # (child, rule) as one int: a million tuples and date objects cost seconds.
        dues = {
            c * _KEY + i: d
            for c, i, d in zip(scanned.child, scanned.rule, scanned.due, strict=True)
        }
    else:
        seen, hits = _hits_in_process(session, as_of=as_of, policy=policy, child_ids=child_ids)
        dues = {c * _KEY + _RULE_INDEX[rid]: h.due.toordinal() for (c, rid), h in hits.items()}
    summary.children = len(seen)
    if progress:
        progress(1, 2)
    # Existing flags in scope: the open ones, and recently hand-resolved ones (suppression).
    # Read through the DB-API cursor with due dates as day numbers, compared as integers.
    policy_version = f"{policy.id}@{policy.version}"
    where = "(status != 'resolved' OR suppressed_until >= :as_of)"
    params: dict[str, Any] = {"as_of": as_of.isoformat()}
    if child_ids is not None:
        where += " AND child_id IN (SELECT value FROM json_each(:ids))"
        params["ids"] = json.dumps(child_ids)
    existing = _dbapi(session).execute(
        "SELECT id, child_id, rule_id, status, escalation_level, "
        "CAST(julianday(due_on) - 1721424.5 AS INTEGER), version, "
        "acknowledged_by IS NOT NULL, policy_version, severity, coalesce(manual_level, 0), "
        f"{'explanation_en' if child_ids is not None else 'NULL'} FROM flag WHERE {where}",
        params,
    )
    now = utcnow()
    as_day = as_of.toordinal()
    escalation = [policy.rules[r.id].escalation_days for r in RULES]
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    resolves: list[dict[str, Any]] = []
    handled: set[int] = set()
    # Decide first, word later: explanations are produced only for the flags that need them.
    pending: list[tuple[tuple[int, str], dict[str, Any], str | None]] = []
    for fid, cid, rid, status, level, due, version, acked, pver, sev, manual, expl in existing:
        i = _RULE_INDEX.get(rid)
        key = -1 if i is None else cid * _KEY + i  # a rule this version no longer has
        handled.add(key)
        if status == "resolved":  # suppressed after a resolution by hand
            continue
        hit_due = dues.get(key)
        if hit_due is None or i is None:
            why = "condition cleared" if cid in seen else "child no longer in care"
            resolves.append(
                {
                    "id": fid,
                    "status": "resolved",
                    "resolved_on": as_of,
                    "resolved_by": "system",
                    "note": why,
                    "version": version + 1,
                }
            )
            summary.resolved[rid] += 1
            continue
        rp = policy.rules[rid]
        new_level = max(_level(as_day - hit_due, escalation[i]), manual)
        if new_level > 0:
            new_status = "escalated"
        elif status == "escalated":  # due date moved later: back at the CCI
            new_status = "acknowledged" if acked else "open"
        else:
            new_status = status
        if new_level > level:
            summary.escalated[rid] += 1
        changed = (new_level, new_status, hit_due, policy_version, rp.severity) != (
            level,
            status,
            due,
            pver,
            sev,
        )
        # Wording is produced only where it may have changed: for a changed flag, and on
        # a child-by-child run (after an edit); a full run leaves unchanged flags alone.
        if not (changed or child_ids is not None):
            continue
        row = {
            "id": fid,
            "status": new_status,
            "escalation_level": new_level,
            "due_on": date.fromordinal(hit_due),
            "policy_version": policy_version,
            "severity": rp.severity,
            "version": version + 1,
        }
        pending.append(((cid, rid), row, None if changed else expl))
    for key, hit_due in dues.items():
        if key in handled:
            continue
        cid, i = divmod(key, _KEY)
        rid = RULE_IDS[i]
        level = _level(as_day - hit_due, escalation[i])
        row = {
            "uuid": uuid_mod.uuid4(),
            "child_id": cid,
            "rule_id": rid,
            "policy_version": policy_version,
            "severity": policy.rules[rid].severity,
            "raised_on": as_of,
            "due_on": date.fromordinal(hit_due),
            "status": "escalated" if level > 0 else "open",
            "escalation_level": level,
            "version": 1,
            "synced_version": 0,
            "created_at": now,
        }
        pending.append(((cid, rid), row, None))
        summary.raised[rid] += 1
    if hits is not None:
        texts = {key: hits[key].texts() for key, _, _ in pending}
    else:
        texts = _texts_for(session, {key for key, _, _ in pending}, as_of=as_of, policy=policy)
    for key, row, old_en in pending:
        en, hi = texts[key]
        if "uuid" in row:
            inserts.append({**row, "explanation_en": en, "explanation_hi": hi})
        elif old_en is None or en != old_en:
            updates.append({**row, "explanation_en": en, "explanation_hi": hi})
    summary.updated = len(updates)
    total = len(inserts) + len(updates) + len(resolves)
    if total:
        seq = take_seqs(session, total)
        for row in (*inserts, *updates, *resolves):
            row["change_seq"] = seq
            row["updated_at"] = now
            seq += 1
        raw_insert(session, _FLAG, inserts)
        raw_update(session, _FLAG, updates)
        raw_update(session, _FLAG, resolves)
        # Written past the ORM: flags already loaded in this session must be read again.
        for obj in list(session.identity_map.values()):
            if isinstance(obj, Flag):
                session.expire(obj)
        _audit(session, summary, inserts, resolves, single=child_ids is not None)
    if progress:
        progress(2, 2)
    return summary


def _audit(
    session: Session,
    s: EvalSummary,
    inserts: list[dict[str, Any]],
    resolves: list[dict[str, Any]],
    *,
    single: bool,
) -> None:
    changes: list[dict[str, Any]] = [{"op": "evaluate_flags", "counts": s.as_dict()}]
    if single and len(inserts) + len(resolves) <= 50:
        changes += [
            {
                "op": "create",
                "type": "flag",
                "uuid": str(r["uuid"]),
                "after": {"rule_id": r["rule_id"], "due_on": r["due_on"].isoformat()},
            }
            for r in inserts
        ]
        changes += [
            {
                "op": "update",
                "type": "flag",
                "id": r["id"],
                "after": {"status": "resolved", "note": r["note"]},
            }
            for r in resolves
        ]
    child_uuid = None
    if single and inserts:
        child_uuid = str(session.get(Child, inserts[0]["child_id"]).uuid)  # type: ignore[union-attr]
    append_event(session, action="evaluate_flags", changes=changes, child_uuid=child_uuid)
    session.flush()


def evaluate_all(
    session: Session,
    *,
    as_of: date,
    policy: Policy | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> EvalSummary:
    """Run every rule over every active child as of the date and bring the flags in step.

    `workers` > 1 runs the rules in that many processes (see `desktop.rules.scan`); they
    read the committed database, so pass it only when this session has written nothing.
    """
    return _evaluate(
        session,
        as_of=as_of,
        policy=policy or load_policy(),
        child_ids=None,
        progress=progress,
        workers=workers,
    )


def evaluate_children(
    session: Session, child_ids: Iterable[int], *, as_of: date, policy: Policy | None = None
) -> EvalSummary:
    """Run every rule over these children only (after a change to them)."""
    return _evaluate(
        session, as_of=as_of, policy=policy or load_policy(), child_ids=sorted(set(child_ids))
    )


@on_child_changed
def _after_child_change(session: Session, child: Child) -> None:
    as_of = session.info.get("as_of") or date.today()
    evaluate_children(session, [child.id], as_of=as_of)


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
        flag.note = why
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
        flag.note = why
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
            flag.note = why
            flag.suppressed_until = on + timedelta(days=policy.manual_resolution_days)
    finally:
        session.info["skip_flag_eval"] = was
    return flag


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


SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


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
) -> list[FlagRow]:
    """Flags by due date then severity (the review queue's order).

    `due_on_or_before` lets a big queue be read from its earliest part only (see
    `review.queue_cutoff`) instead of sorting every open flag.
    """
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
            Flag.explanation_hi if lang == "hi" else Flag.explanation_en,
            Flag.policy_version,
            Child.code,
            Child.first_name,
            Child.last_name,
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
    q = q.order_by(Flag.due_on, severity_rank, Flag.id)  # the queue's order, also under LIMIT
    if limit:
        q = q.limit(limit)
    titles = {r.id: r.hi if lang == "hi" else r.en for r in RULES}
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
            explanation=explanation,
            policy_version=pver,
        )
        for (
            fid,
            rid,
            severity,
            status,
            level,
            raised,
            due,
            explanation,
            pver,
            code,
            first,
            last,
        ) in session.execute(q)
    ]


@dataclass(frozen=True)
class Verdict:
    """One rule's verdict on one child, with the facts it read (for --explain)."""

    rule: Rule
    hit: Hit | None
    facts: dict[str, object]


def explain(
    session: Session, child: Child, *, as_of: date, policy: Policy | None = None
) -> tuple[Facts | None, list[Verdict]]:
    """Every rule's verdict for this child as of the date, with the facts each one used."""
    policy = policy or load_policy()
    facts = next(iter(load_facts(session, as_of=as_of, policy=policy, child_ids=[child.id])), None)
    if facts is None:
        return None, []
    all_facts = facts.as_dict()
    return facts, [
        Verdict(r, r.fn(facts, policy.rules[r.id]), {k: all_facts.get(k) for k in r.uses})
        for r in RULES
    ]


def count_flags(
    session: Session,
    *,
    statuses: tuple[str, ...] = OPEN,
    rule_id: str | None = None,
    level: int | None = None,
) -> int:
    """How many flags `list_flags` would give with these filters and no limit (in the
    actor's area)."""
    q = select(func.count()).select_from(Flag).where(Flag.status.in_(statuses), flag_scope(session))
    if rule_id is not None:
        q = q.where(Flag.rule_id == rule_id)
    if level is not None:
        q = q.where(Flag.escalation_level == level)
    return int(session.execute(q).scalar_one())


def count_open_flags(session: Session) -> int:
    """How many flags are open, acknowledged or escalated (in the actor's area)."""
    return count_flags(session)


def run_rules_today(
    engine: Any, *, as_of: date | None = None, attempts: int = 3
) -> tuple[EvalSummary, int]:
    """A whole evaluation in its own unit of work (start-up, daily): summary and open flags.

    The run reads first and writes at the end. If someone saves a change in between
    (the window, while this runs in the background), SQLite refuses this transaction's
    writes ("database is locked": its snapshot is out of date); the run is then made
    again from the start, up to `attempts` times. A run changes nothing twice.
    """
    from desktop.services.core.context import SYSTEM, unit_of_work

    for attempt in range(1, attempts + 1):
        try:
            with unit_of_work(engine, SYSTEM, rules=False) as s:
                summary = evaluate_all(s, as_of=as_of or date.today(), workers=default_workers())
                return summary, count_open_flags(s)
        except (OperationalError, sqlite3.OperationalError) as exc:  # SQLAlchemy's, DB-API's
            if attempt == attempts or "locked" not in str(exc):
                raise
            log.info("rules run met a concurrent change; running again (%s)", attempt)
    raise AssertionError("unreachable")
