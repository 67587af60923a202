"""A flag's explanation, worded when it is shown (flags store no text: migration 0015).

A flag keeps its child, rule, due date and state; what it says comes from the same rule
over the child's facts, as the rules would word it (`Hit.texts()`, English and Hindi,
naming the dates and the legal basis). The review queue, the profile's flags panel,
`clms flags`, the case summary and the bundles sent to the district and central (worded
at export time, `sync_client.changes`) all read it from here.

Which day: an unresolved flag is worded as of the day it is shown (`as_of`, today by
default); a resolved one as of the day before it was resolved (its last day open). If
the rule does not find the same thing on that day (the data changed and no run has
caught up yet), it is worded as of the day it was raised, and failing that in general
terms (the rule's name and the due date). The wording then depends only on the dates
and the data, as a run does. Texts name dates, never "N days ago", so the words are
those the rule gave when it raised or last changed the flag.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from desktop.rules.clts import load_clts_facts
from desktop.rules.dates import show_date
from desktop.rules.engine import RULES_BY_ID
from desktop.rules.policy import Policy, load_policy
from desktop.rules.scan import facts_and_since
from desktop.services.flags import received

__all__ = ["FlagToWord", "general_words", "word_flag", "word_flags"]

_DAY = timedelta(days=1)
# Children whose facts are read in one query when many flags are worded at once.
CHUNK = 2000


@dataclass(frozen=True, slots=True)
class FlagToWord:
    """What wording a flag needs: its key, child, rule, dates and state."""

    key: Any  # the caller's handle (a flag id, a uuid...)
    child_id: int
    rule_id: str
    due_on: date
    raised_on: date
    status: str = "open"
    resolved_on: date | None = None


def general_words(rule_id: str, due_on: date, policy: Policy | None = None) -> tuple[str, str]:
    """The words of a flag whose rule no longer finds it: the rule's name and due date."""
    rule = RULES_BY_ID.get(rule_id)
    en, hi = (rule.en, rule.hi) if rule is not None else (rule_id, rule_id)
    rp = (policy.rules.get(rule_id) if policy is not None else None) if rule else None
    when = show_date(due_on)
    if rp is not None:
        return f"{en}: due by {when} ({rp.basis_en}).", f"{hi}: {when} तक देय ({rp.basis_hi})।"
    return f"{en}: due by {when}.", f"{hi}: {when} तक देय।"


def _day_shown(f: FlagToWord, as_of: date) -> date:
    if f.status == "resolved" and f.resolved_on is not None:
        return max(min(f.resolved_on - _DAY, as_of), f.raised_on)
    return max(as_of, f.raised_on)


def _word_on(
    dbapi: Any, policy: Policy, day: date, todo: list[FlagToWord]
) -> tuple[dict[Any, tuple[str, str]], list[FlagToWord]]:
    """Word these flags as of `day`; returns the words and the flags the rules did not
    find there with the same due date."""
    out: dict[Any, tuple[str, str]] = {}
    missed: list[FlagToWord] = []
    for start in range(0, len(todo), CHUNK):
        part = todo[start : start + CHUNK]
        ids = {f.child_id for f in part}
        facts = {
            f.child_id: f
            for f, _ in facts_and_since(dbapi, as_of=day, policy=policy, child_ids=ids)
        }
        clts = {}
        if any(RULES_BY_ID[f.rule_id].scope == "clts" for f in part if f.rule_id in RULES_BY_ID):
            clts = {c.child_id: c for c in load_clts_facts(dbapi, as_of=day, child_ids=ids)}
        for f in part:
            rule = RULES_BY_ID.get(f.rule_id)
            rp = policy.rules.get(f.rule_id)
            about = None
            if rule is not None and rp is not None:
                about = (clts if rule.scope == "clts" else facts).get(f.child_id)
            hit = rule.fn(copy(about), rp) if about is not None else None  # type: ignore[union-attr,arg-type]
            if hit is not None and hit.due == f.due_on:
                out[f.key] = hit.texts()
            else:
                missed.append(f)
    return out, missed


def word_flags(
    session: Session,
    flags: Iterable[FlagToWord],
    *,
    as_of: date | None = None,
    policy: Policy | None = None,
) -> dict[Any, tuple[str, str]]:
    """The (English, Hindi) explanation of each flag, by its key (see the module doc)."""
    policy = policy or load_policy()
    as_of = as_of or date.today()
    dbapi = session.connection().connection.driver_connection
    by_day: dict[date, list[FlagToWord]] = defaultdict(list)
    outside: list[FlagToWord] = []
    for f in flags:
        if f.rule_id in received.RECEIVED_RULES:
            outside.append(f)
        else:
            by_day[_day_shown(f, as_of)].append(f)
    out: dict[Any, tuple[str, str]] = _word_received(dbapi, outside)
    again: dict[date, list[FlagToWord]] = defaultdict(list)
    for day, todo in by_day.items():
        words, missed = _word_on(dbapi, policy, day, todo)
        out |= words
        for f in missed:
            if f.raised_on != day:
                again[f.raised_on].append(f)
            else:
                out[f.key] = general_words(f.rule_id, f.due_on, policy)
    for day, todo in again.items():
        words, missed = _word_on(dbapi, policy, day, todo)
        out |= words
        for f in missed:
            out[f.key] = general_words(f.rule_id, f.due_on, policy)
    return out


def _word_received(dbapi: Any, flags: list[FlagToWord]) -> dict[Any, tuple[str, str]]:
    """Flags from outside the rules (keyed by flag id), worded from their evidence."""
    if not flags:
        return {}
    notes: dict[Any, str | None] = {}
    ids = [f.key for f in flags]
    for start in range(0, len(ids), CHUNK):
        part = json.dumps(ids[start : start + CHUNK])
        notes |= dict(
            dbapi.execute(
                "SELECT id, note FROM flag WHERE id IN (SELECT value FROM json_each(?))", (part,)
            )
        )
    return {f.key: received.words(f.rule_id, notes.get(f.key)) for f in flags}


def word_flag(
    session: Session, flag: Any, *, as_of: date | None = None, policy: Policy | None = None
) -> tuple[str, str]:
    """One flag's (English, Hindi) explanation (a `desktop.models.Flag`)."""
    item = FlagToWord(
        flag.id,
        flag.child_id,
        flag.rule_id,
        flag.due_on,
        flag.raised_on,
        flag.status,
        flag.resolved_on,
    )
    return word_flags(session, [item], as_of=as_of, policy=policy)[flag.id]
