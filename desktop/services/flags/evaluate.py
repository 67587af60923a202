"""Bring the review flags in step with the rules: the runs at start-up, daily and after a change.

`evaluate_all` runs every rule over every active child as of a date (start-up, daily,
`clms flags`); `evaluate_children` does the same for a few (after each change to a
child, through `audit.on_child_changed`). A flag is raised when its rule fires, rises a
level (CCI -> district -> state) each escalation period it stays open past its due
date, and resolves itself when its condition clears. The run decides first and words
later: explanations are produced only for the flags that are new or changed.
"""

from __future__ import annotations

import json
import logging
import uuid as uuid_mod
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Table
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop.db import data_key_of, wrote_in_transaction
from desktop.models import Child, Flag, utcnow
from desktop.rules.clts import load_clts_facts
from desktop.rules.engine import RULES, Hit, bind, check_policy, evaluate
from desktop.rules.policy import Policy, load_policy
from desktop.rules.scan import default_workers, run_rules
from desktop.services.core.audit import append_event, on_child_changed
from desktop.services.core.bulk import raw_insert, raw_update, take_seqs
from desktop.services.flags.child_facts import load_facts
from desktop.services.flags.store import OPEN, count_flags
from desktop.vault import sqlite as cipher

log = logging.getLogger(__name__)
_FLAG: Table = Flag.table()
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


def _texts_for(
    session: Session, keys: set[tuple[int, str]], *, as_of: date, policy: Policy
) -> dict[tuple[int, str], tuple[str, str]]:
    """The explanations of these (child, rule) hits, evaluated again for those children."""
    out: dict[tuple[int, str], tuple[str, str]] = {}
    ids = sorted({cid for cid, _ in keys})
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        _, hits = _hits_in_process(session, as_of=as_of, policy=policy, child_ids=chunk)
        _, clts = _clts_hits(session, as_of=as_of, policy=policy, child_ids=chunk)
        out.update((k, h.texts()) for k, h in (hits | clts).items() if k in keys)
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
    seen, dues, hits = _current_hits(
        session, as_of=as_of, policy=policy, child_ids=child_ids, workers=workers
    )
    summary.children = len(seen)
    if progress:
        progress(1, 2)
    pending, resolves, handled = _compare_with_flags(
        session, seen, dues, as_of=as_of, policy=policy, child_ids=child_ids, summary=summary
    )
    pending += _new_flags(dues, handled, as_of=as_of, policy=policy, summary=summary)
    if hits is not None:
        texts = {key: hits[key].texts() for key, _, _ in pending}
    else:
        texts = _texts_for(session, {key for key, _, _ in pending}, as_of=as_of, policy=policy)
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for key, row, old_en in pending:
        en, hi = texts[key]
        if "uuid" in row:
            inserts.append({**row, "explanation_en": en, "explanation_hi": hi})
        elif old_en is None or en != old_en:
            updates.append({**row, "explanation_en": en, "explanation_hi": hi})
    summary.updated = len(updates)
    _write(session, summary, inserts, updates, resolves, single=child_ids is not None)
    if progress:
        progress(2, 2)
    return summary


# (child, rule) hits as one int each, child * _KEY + rule number, with due day numbers.
Dues = dict[int, int]
# A flag to write: its (child, rule), its row, and its old English text (None: word it again).
Pending = list[tuple[tuple[int, str], dict[str, Any], str | None]]


def _current_hits(
    session: Session, *, as_of: date, policy: Policy, child_ids: list[int] | None, workers: int
) -> tuple[set[int], Dues, dict[tuple[int, str], Hit] | None]:
    """The children evaluated and what the rules find for them now.

    For the whole database, verdicts that still hold are reused and the rest evaluated,
    in worker processes if there are many (they read the committed file, so only when
    this transaction has written nothing yet); the findings' wording is not kept (None).
    """
    if child_ids is not None:
        seen, hits = _hits_in_process(session, as_of=as_of, policy=policy, child_ids=child_ids)
        clts_seen, clts_hits = _clts_hits(session, as_of=as_of, policy=policy, child_ids=child_ids)
        hits |= clts_hits
        dues = {c * _KEY + _RULE_INDEX[rid]: h.due.toordinal() for (c, rid), h in hits.items()}
        return seen | clts_seen, dues, hits
    conn = session.connection()
    db_file = conn.engine.url.database
    if wrote_in_transaction(conn):
        workers = 1
    scanned = run_rules(
        conn.connection.driver_connection,
        as_of=as_of,
        policy=policy,
        db_path=Path(db_file) if db_file and db_file != ":memory:" else None,
        workers=workers,
        db_key=data_key_of(conn.engine).database_key if workers > 1 else None,
    )
    # (child, rule) as one int: a million tuples and date objects cost seconds.
    dues = {
        c * _KEY + i: d for c, i, d in zip(scanned.child, scanned.rule, scanned.due, strict=True)
    }
    # The child-labour rules: few cases, evaluated in full on every run (no stored verdicts).
    clts_seen, clts_hits = _clts_hits(session, as_of=as_of, policy=policy, child_ids=None)
    for (cid, rid), hit in clts_hits.items():
        dues[cid * _KEY + _RULE_INDEX[rid]] = hit.due.toordinal()
    return set(scanned.seen) | clts_seen, dues, None


def _compare_with_flags(
    session: Session,
    seen: set[int],
    dues: Dues,
    *,
    as_of: date,
    policy: Policy,
    child_ids: list[int] | None,
    summary: EvalSummary,
) -> tuple[Pending, list[dict[str, Any]], set[int]]:
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
    existing = _dbapi(session).execute(
        "SELECT id, child_id, rule_id, status, escalation_level, "
        "CAST(julianday(due_on) - 1721424.5 AS INTEGER), version, "
        "acknowledged_by IS NOT NULL, policy_version, severity, coalesce(manual_level, 0), "
        f"{'explanation_en' if child_ids is not None else 'NULL'} FROM flag WHERE {where}",
        params,
    )
    as_day = as_of.toordinal()
    escalation = [policy.rules[r.id].escalation_days for r in RULES]
    pending: Pending = []
    resolves: list[dict[str, Any]] = []
    handled: set[int] = set()
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
        now = (new_level, new_status, hit_due, policy_version, rp.severity)
        changed = now != (level, status, due, pver, sev)
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
    return pending, resolves, handled


def _new_flags(
    dues: Dues, handled: set[int], *, as_of: date, policy: Policy, summary: EvalSummary
) -> Pending:
    """A new flag for each hit that has none yet."""
    policy_version = f"{policy.id}@{policy.version}"
    now = utcnow()
    as_day = as_of.toordinal()
    pending: Pending = []
    for key, hit_due in dues.items():
        if key in handled:
            continue
        cid, i = divmod(key, _KEY)
        rid = RULE_IDS[i]
        level = _level(as_day - hit_due, policy.rules[rid].escalation_days)
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
    return pending


def _write(
    session: Session,
    summary: EvalSummary,
    inserts: list[dict[str, Any]],
    updates: list[dict[str, Any]],
    resolves: list[dict[str, Any]],
    *,
    single: bool,
) -> None:
    """Write the flags past the ORM in bulk, with change sequence numbers and one audit event."""
    total = len(inserts) + len(updates) + len(resolves)
    if not total:
        return
    now = utcnow()
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
    _audit(session, summary, inserts, resolves, single=single)


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
