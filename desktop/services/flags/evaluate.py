"""Bring the review flags in step with the rules: the runs at start-up, daily and after a change.

`evaluate_all` runs every rule over every active child as of a date (start-up, daily,
`clms flags`); `evaluate_children` does the same for a few (after each change to a
child, through `audit.on_child_changed`). A flag is raised when its rule fires, rises a
level (CCI -> district -> state) each escalation period it stays open past its due
date, and resolves itself when its condition clears. Flags store no words (they are
worded when shown, `desktop.services.flags.words`): a run writes only what changed.
A whole run whose flags are in step with the stored verdicts (the previous whole run
left them so) compares only the children it evaluated again (and those listed as
changed who left care, and those whose flags were written since) and raises the
others' levels by time from the flags whose due day crossed a threshold since the last
run, instead of reading every flag (issue 22): a day with nothing due reads a few
index ranges.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop.db import data_key_of, wrote_in_transaction
from desktop.models import Child, Flag, uuid_from_db
from desktop.rules.clts import load_clts_facts
from desktop.rules.engine import RULES, Hit, bind, check_policy, evaluate
from desktop.rules.policy import Policy, load_policy
from desktop.rules.scan import default_workers, run_rules, stored_verdicts, verdict_key
from desktop.services.core.audit import append_event, on_child_changed
from desktop.services.core.bulk import take_seqs
from desktop.services.flags.child_facts import load_facts
from desktop.services.flags.flag_writes import NewFlags, insert_flags, update_flags
from desktop.services.flags.received import RECEIVED_RULES
from desktop.services.flags.store import OPEN, count_flags
from desktop.vault import sqlite as cipher

log = logging.getLogger(__name__)
__all__ = ["OPEN", "EvalSummary", "evaluate_all", "evaluate_children", "run_rules_today"]


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


def _clts_hits(
    session: Session, *, as_of: date, policy: Policy, child_ids: list[int] | None
) -> tuple[set[int], dict[tuple[int, str], Hit]]:
    """The child-labour rules over the children's open rescue cases (any child status)."""
    hits: dict[tuple[int, str], Hit] = {}
    seen: set[int] = set()
    bound = bind(policy, "clts")
    for facts in load_clts_facts(_dbapi(session), as_of=as_of, child_ids=child_ids):
        seen.add(facts.child_id)
        for rule, finding in evaluate(facts, policy, bound):
            hits[(facts.child_id, rule.id)] = finding
    return seen, hits


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
    dbapi = _dbapi(session)
    in_step = None if child_ids is not None else _in_step_since(dbapi, policy, as_of)
    last_day = None if in_step is None else in_step[0]
    seen, dues, scope, children = _current_hits(
        session, as_of=as_of, policy=policy, child_ids=child_ids, workers=workers, in_step=in_step
    )
    summary.children = children
    if progress:
        progress(1, 2)
    updates, resolves, handled = _compare_with_flags(
        dbapi, seen, dues, as_of=as_of, policy=policy, child_ids=scope, summary=summary
    )
    new = _new_flags(dues, handled, as_of=as_of, policy=policy, summary=summary)
    if last_day is not None:  # the flags of the children not compared: levels by time
        updates += _escalate_by_time(
            dbapi, set(scope or ()), last_day, as_of=as_of, policy=policy, summary=summary
        )
    summary.updated = len(updates)
    _write(
        session,
        summary,
        new,
        updates,
        resolves,
        as_of=as_of,
        policy=policy,
        single=child_ids is not None,
    )
    if child_ids is None:  # the flags are now in step with the verdicts stored
        dbapi.execute(
            "UPDATE rule_verdict_key SET flags_generation = generation, flags_day = ?, "
            "flags_seq = (SELECT last_seq FROM sync_counter WHERE id = 1) WHERE id = 1",
            (as_of.toordinal(),),
        )
    if progress:
        progress(2, 2)
    return summary


# (child, rule) hits as one int each, child * _KEY + rule number, with due day numbers.
Dues = dict[int, int]


def _in_step_since(dbapi: Any, policy: Policy, as_of: date) -> tuple[int, int] | None:
    """The day of the last whole run and the change sequence number after it, if the
    flags are still in step with the stored verdicts (same rules and policy, no run
    since that stored verdicts without bringing the flags in step, not a later day than
    `as_of`); else None (compare every flag)."""
    row = dbapi.execute(
        "SELECT key, generation, flags_generation, flags_day, flags_seq "
        "FROM rule_verdict_key WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    key, generation, flags_generation, flags_day, flags_seq = row
    if (
        key != verdict_key(policy)
        or flags_generation != generation
        or flags_day is None
        or flags_seq is None
    ):
        return None
    return (int(flags_day), int(flags_seq)) if flags_day <= as_of.toordinal() else None


def _current_hits(
    session: Session,
    *,
    as_of: date,
    policy: Policy,
    child_ids: list[int] | None,
    workers: int,
    in_step: tuple[int, int] | None,
) -> tuple[set[int], Dues, list[int] | None, int]:
    """The children evaluated, what the rules find for them now, the children whose
    flags to compare (None: all) and how many children the run covers.

    For the whole database, verdicts that still hold are reused and the rest evaluated,
    in worker processes if there are many (they read the committed file, so only when
    this transaction has written nothing yet). With the flags in step with the stored
    verdicts since the day and change sequence number `in_step`, only the children
    evaluated again are compared, with the child-labour cases, the children whose quiet
    period after a resolution by hand has ended, those listed as changed who are out of
    care, and those whose flags were written since (by hand, by sync): the others'
    flags already say what their verdicts say (their levels by time are
    `_escalate_by_time`'s).
    """
    if child_ids is not None:
        seen, hits = _hits_in_process(session, as_of=as_of, policy=policy, child_ids=child_ids)
        clts_seen, clts_hits = _clts_hits(session, as_of=as_of, policy=policy, child_ids=child_ids)
        hits |= clts_hits
        dues = {c * _KEY + _RULE_INDEX[rid]: h.due.toordinal() for (c, rid), h in hits.items()}
        return seen | clts_seen, dues, child_ids, len(seen | clts_seen)
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
        db_key=data_key_of(conn.engine).database_key if workers > 1 else None,
        held_hits=in_step is None,
    )
    # (child, rule) as one int: a million tuples and date objects cost seconds.
    dues = {
        c * _KEY + i: d for c, i, d in zip(scanned.child, scanned.rule, scanned.due, strict=True)
    }
    fresh, reused, left = set(scanned.seen), scanned.reused, set(scanned.left)
    del scanned  # a million hits' arrays: kept only as `dues`
    # The child-labour rules: few cases, evaluated in full on every run (no stored verdicts).
    clts_seen, clts_hits = _clts_hits(session, as_of=as_of, policy=policy, child_ids=None)
    for (cid, rid), hit in clts_hits.items():
        dues[cid * _KEY + _RULE_INDEX[rid]] = hit.due.toordinal()
    seen = fresh | clts_seen
    if in_step is None:
        return seen, dues, None, len(seen)
    last_day, last_seq = in_step
    evaluated = len(seen)
    scope = seen | _quiet_ended(dbapi, last_day, as_of) | left | _flags_written(dbapi, last_seq)
    held = stored_verdicts(dbapi, as_of=as_of, child_ids=scope - fresh)
    for c, i, d in zip(held.child, held.rule, held.due, strict=True):
        dues[c * _KEY + i] = d
    seen.update(held.seen)
    return seen, dues, sorted(scope), evaluated + reused - len(clts_seen.intersection(held.seen))


def _quiet_ended(dbapi: Any, last_day: int, as_of: date) -> set[int]:
    """Children with a flag resolved by hand whose quiet period ended since the last run
    (from the index of quiet periods; a flag resolved by hand since the last run is
    `_flags_written`'s)."""
    last = date.fromordinal(last_day).isoformat()
    return {
        cid
        for (cid,) in dbapi.execute(
            "SELECT child_id FROM flag WHERE suppressed_until IS NOT NULL "
            "AND suppressed_until < ? AND suppressed_until >= ?",
            (as_of.isoformat(), last),
        )
    }


def _flags_written(dbapi: Any, last_seq: int) -> set[int]:
    """Children with a flag written since the last whole run brought the flags in step
    (acknowledged, escalated or resolved by hand, received, raised for one child after
    a change): their flags are compared, not trusted to say what the verdicts say."""
    return {
        cid
        for (cid,) in dbapi.execute(
            # Not DISTINCT: SQLite would then read every flag in child order.
            "SELECT child_id FROM flag WHERE change_seq > ?",
            (last_seq,),
        )
    }


def _escalate_by_time(
    dbapi: Any,
    skip: set[int],
    last_day: int,
    *,
    as_of: date,
    policy: Policy,
    summary: EvalSummary,
) -> list[dict[str, Any]]:
    """Flags that rise a level today by time alone (their children were not compared).

    In step on `last_day`, such a flag's level is what its overdue days then gave (or
    more, set by hand); it rises only if a threshold (escalation_days, twice that) was
    crossed since. So only the flags whose due day lies in the ranges that cross one of
    their rule's thresholds are read, from the small index of unresolved flags below
    the state level (by rule and due day): the flags that rise, not every overdue one.
    """
    as_day = as_of.toordinal()
    policy_version = f"{policy.id}@{policy.version}"
    escalation = [policy.rules[r.id].escalation_days for r in RULES]
    # For each rule, the due days d with last_day - d <= t < as_day - d, for each of its
    # thresholds t: a seek in the index by rule and due day.
    ranges: list[tuple[str, int, int]] = []
    for r, days in zip(RULES, escalation, strict=True):
        if days > 0 and last_day < as_day:
            ranges += [(r.id, last_day - t, as_day - t) for t in (days, 2 * days)]
    out: list[dict[str, Any]] = []
    done: set[int] = set()
    for rule_id, lo, hi in ranges:
        rows = dbapi.execute(
            "SELECT id, child_id, rule_id, escalation_level, "
            "CAST(julianday(due_on) - 1721424.5 AS INTEGER), version, "
            "coalesce(manual_level, 0) FROM flag "
            "WHERE status != 'resolved' AND escalation_level < 2 AND rule_id = ? "
            "AND due_on >= ? AND due_on < ?",
            (rule_id, date.fromordinal(lo).isoformat(), date.fromordinal(hi).isoformat()),
        )
        for fid, cid, rid, level, due, version, manual in rows:
            i = _RULE_INDEX.get(rid)
            if cid in skip or i is None or fid in done:
                continue
            done.add(fid)  # a rule's two ranges overlap after a long gap between runs
            new_level = max(_level(as_day - due, escalation[i]), manual)
            if new_level <= level:
                continue
            summary.escalated[rid] += 1
            out.append(
                {
                    "id": fid,
                    "status": "escalated",
                    "escalation_level": new_level,
                    "due_on": date.fromordinal(due),
                    "policy_version": policy_version,
                    "severity": policy.rules[rid].severity,
                    "version": version + 1,
                }
            )
    return out


def _compare_with_flags(
    dbapi: Any,
    seen: set[int],
    dues: Dues,
    *,
    as_of: date,
    policy: Policy,
    child_ids: list[int] | None,
    summary: EvalSummary,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], set[int]]:
    """The existing flags in scope against the hits: which change, which resolve.

    Reads the open flags and the recently hand-resolved ones (suppressed) through the
    DB-API cursor, due dates as day numbers compared as integers. Returns the flags to
    update, the resolutions, and the (child, rule) keys that already have a flag.
    """
    policy_version = f"{policy.id}@{policy.version}"
    where = "(status != 'resolved' OR suppressed_until >= :as_of)"
    params: dict[str, Any] = {"as_of": as_of.isoformat()}
    if child_ids is not None:
        where += " AND child_id IN (SELECT value FROM json_each(:ids))"
        params["ids"] = json.dumps(child_ids)
    existing = dbapi.execute(
        "SELECT id, child_id, rule_id, status, escalation_level, "
        "CAST(julianday(due_on) - 1721424.5 AS INTEGER), version, "
        "acknowledged_by IS NOT NULL, policy_version, severity, coalesce(manual_level, 0) "
        f"FROM flag WHERE {where}",
        params,
    )
    as_day = as_of.toordinal()
    escalation = [policy.rules[r.id].escalation_days for r in RULES]
    updates: list[dict[str, Any]] = []
    resolves: list[dict[str, Any]] = []
    handled: set[int] = set()
    for fid, cid, rid, status, level, due, version, acked, pver, sev, manual in existing:
        i = _RULE_INDEX.get(rid)
        if i is None and rid in RECEIVED_RULES:
            continue  # raised from outside the rules (a receipt's alert): not theirs to clear
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
        now = (new_level, new_status, hit_due, policy_version, rp.severity)
        if now == (level, status, due, pver, sev):
            continue  # no words are stored: an unchanged flag is left alone
        updates.append(
            {
                "id": fid,
                "status": new_status,
                "escalation_level": new_level,
                "due_on": date.fromordinal(hit_due),
                "policy_version": policy_version,
                "severity": rp.severity,
                "version": version + 1,
            }
        )
    return updates, resolves, handled


def _new_flags(
    dues: Dues, handled: set[int], *, as_of: date, policy: Policy, summary: EvalSummary
) -> NewFlags:
    """A new flag for each hit that has none yet: (child, rule index, due day, level)."""
    as_day = as_of.toordinal()
    escalation = [policy.rules[r.id].escalation_days for r in RULES]
    new = NewFlags()
    add = new.append
    for key, due in dues.items():
        if key not in handled:
            cid, i = divmod(key, _KEY)
            add(cid, i, due, _level(as_day - due, escalation[i]))
    raised = Counter(new.rule)
    for i, n in sorted(raised.items()):
        summary.raised[RULE_IDS[i]] += n
    return new


def _write(
    session: Session,
    summary: EvalSummary,
    new: NewFlags,
    updates: list[dict[str, Any]],
    resolves: list[dict[str, Any]],
    *,
    as_of: date,
    policy: Policy,
    single: bool,
) -> None:
    """Write the flags past the ORM in bulk, with change sequence numbers and one audit event."""
    total = len(new) + len(updates) + len(resolves)
    if not total:
        return
    seq = take_seqs(session, total)
    dbapi = _dbapi(session)
    insert_flags(
        dbapi,
        new,
        rules=[(r.id, policy.rules[r.id].severity) for r in RULES],
        policy_version=f"{policy.id}@{policy.version}",
        as_of=as_of,
        first_seq=seq,
    )
    seq = update_flags(dbapi, updates, first_seq=seq + len(new))
    update_flags(dbapi, resolves, first_seq=seq)
    # Written past the ORM: flags already loaded in this session must be read again.
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Flag):
            session.expire(obj)
    _audit(session, summary, new, resolves, single=single)


def _audit(
    session: Session,
    s: EvalSummary,
    new: NewFlags,
    resolves: list[dict[str, Any]],
    *,
    single: bool,
) -> None:
    changes: list[dict[str, Any]] = [{"op": "evaluate_flags", "counts": s.as_dict()}]
    if single and len(new) + len(resolves) <= 50:
        changes += [
            {
                "op": "create",
                "type": "flag",
                "uuid": str(uuid_of),
                "after": {"rule_id": rid, "due_on": due.isoformat()},
            }
            for uuid_of, rid, due in _created(session, new)
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
    if single and new:
        child_uuid = str(session.get(Child, new[0][0]).uuid)  # type: ignore[union-attr]
    append_event(session, action="evaluate_flags", changes=changes, child_uuid=child_uuid)
    session.flush()


def _created(session: Session, new: NewFlags) -> list[tuple[str, str, date]]:
    """The UUIDs, rules and due dates of the flags just inserted for one child."""
    dbapi = _dbapi(session)
    out = []
    for cid, i, due, _ in new:
        row = dbapi.execute(
            "SELECT uuid FROM flag WHERE child_id = ? AND rule_id = ? ORDER BY id DESC LIMIT 1",
            (cid, RULE_IDS[i]),
        ).fetchone()
        out.append((str(uuid_from_db(row[0])), RULE_IDS[i], date.fromordinal(due)))
    return out


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
            # Deferred, not IMMEDIATE: a whole run reads for long before it writes, and
            # other writers should not wait for it; it runs again if one came first.
            with unit_of_work(engine, SYSTEM, rules=False, immediate=False) as s:
                summary = evaluate_all(s, as_of=as_of or date.today(), workers=default_workers())
                return summary, count_flags(s)
        except (OperationalError, cipher.OperationalError) as exc:  # SQLAlchemy's, DB-API's
            if attempt == attempts or "locked" not in str(exc):
                raise
            log.info("rules run met a concurrent change; running again (%s)", attempt)
    raise AssertionError("unreachable")
