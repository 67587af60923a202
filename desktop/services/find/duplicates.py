"""Duplicate check at registration: ranked existing children who may be the same child.

Candidates come from the name-key index (child_find_key, kept with the FTS index):
children of the same gender whose given name or surname keys alike and who were born in
a window around the given date of birth, and namesakes born outside it. Each candidate
is then scored on name likeness (Latin and Devanagari alike, through the phonetic key),
closeness of date of birth, gender, guardian names and Aadhaar, and every score comes
with reasons.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.services.core.names import name_key

THRESHOLD = 62.0
WINDOW_EXACT = timedelta(days=366)
WINDOW_ESTIMATED = timedelta(days=int(3 * 365.25))


@dataclass(frozen=True)
class Probe:
    """What is known about the child being registered."""

    first_name: str | None
    last_name: str | None = None
    name_local: str | None = None
    gender: str | None = None
    dob: date | None = None
    dob_estimated: bool = False
    guardian_names: tuple[str, ...] = ()
    aadhaar: str | None = None
    # What the registration form also records about the child: the identification marks
    # (a description: "mole on left cheek") and the languages spoken ("Hindi, Bhojpuri").
    # Among namesakes born close together (or with a guessed age) they tell children apart.
    identification_marks: str | None = None
    languages: str | None = None


@dataclass
class Candidate:
    """An existing child who may be the same child, with the reasons why."""

    child_id: int
    code: str
    name: str
    name_local: str | None
    gender: str
    dob: date
    status: str
    score: float
    reasons: list[str] = field(default_factory=list)


_DETAIL = """c.id, c.code, c.first_name, c.last_name, c.name_local, c.gender, c.dob,
           c.dob_estimated, c.status, c.name_key, c.aadhaar,
           (SELECT group_concat(g.name || '|' || coalesce(g.name_local, ''), '||')
              FROM guardian g WHERE g.child_id = c.id),
           c.identification_marks, c.languages"""
NAME_FLOOR = 60.0
SHORTLIST = 150
# Name likeness when the name typed has no surname: the given names' likeness, a shade
# below a match of both names (0.9 when only the record lacks one).
ONE_SURNAME = 0.98


def _as_date(v: object) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v))


# An estimated date of birth on the record (not on the probe) is looser evidence: it
# scores as an exact date would, or over three years at this share, whichever is more,
# so a namesake with a guessed age 100 days off does not outrank the child recorded 40
# days off, and the same guessed date still counts in full.
ESTIMATED_SHARE = 0.85


def _dob_score(probe: Probe, dob: date, estimated: bool) -> float:
    if probe.dob is None:
        return 0.0
    return _day_score(probe, abs((dob - probe.dob).days), estimated)


_COLS = "SELECT child_id, gender, dob_day, name_key, dob_estimated, guardian_keys"
_BLOCK = _COLS + (" FROM child_find_key WHERE key = ? AND gender = ? AND dob_day BETWEEN ? AND ?")
_BLOCK_ANY_GENDER = _COLS + " FROM child_find_key WHERE key = ? AND dob_day BETWEEN ? AND ?"
_FIRST = _BLOCK_ANY_GENDER + " LIMIT 5000"
# Namesakes born outside the window (a wrong or guessed date of birth): the same full
# name key, read from the given name's block in the index.
_SAME_NAME = _COLS + " FROM child_find_key WHERE key = ? AND name_key = ? LIMIT 2000"
_FAR = 10**7  # wider than any two day numbers apart
# The full score can still add the Devanagari name's likeness (a few points): candidates
# further than this below the limit-th best are not fetched.
MARGIN = 6.0
# Points added (never taken away: a child described on one record only is not less
# likely) when the identification marks agree (scaled by their likeness from MARKS_FLOOR)
# and when the same languages are recorded. Below a name's and a date's weight: they
# order namesakes, they do not make a match of a different name.
MARKS_POINTS = 8.0
MARKS_FLOOR = 80.0
LANGUAGE_POINTS = 3.0
# Points for the very date of birth typed (not an estimate): the same day is far likelier
# the same child than one a few days off, which the straight line of the date's score
# hardly tells apart (2 days cost 0.1 point); enough to outweigh a surname left out of
# what was typed (a namesake recorded without one scores 1.3 points more on the name).
SAME_DAY_POINTS = 2.0


# A typed estimated age (a guess, or a bone-age report) is seldom closer than a year: within
# ESTIMATE_SPAN days it costs at most SPAN_COST points of the date's 100 (so the nearer of two
# namesakes still comes first when nothing else tells them apart), then falls to nothing at
# three years. A straight line from the very day let 400 days cost 37 points, enough for a
# namesake born near the guess to outrank the true child whose guardian was typed too.
ESTIMATE_SPAN = 365
SPAN_COST = 10.0


def _estimate_score(days: int) -> float:
    if days <= ESTIMATE_SPAN:
        return 100.0 - SPAN_COST * days / ESTIMATE_SPAN
    far = (days - ESTIMATE_SPAN) / (3 * 365 - ESTIMATE_SPAN)
    return max(0.0, (100.0 - SPAN_COST) * (1 - far))


def _day_score(probe: Probe, days: int, estimated: bool) -> float:
    """_dob_score over a difference in days."""
    if probe.dob_estimated:
        return _estimate_score(days)
    exact = max(0.0, 100.0 * (1 - days / 366))
    if not estimated:
        return exact
    return max(exact, ESTIMATED_SHARE * 100.0 * (1 - days / (3 * 365)))


def _shortlist(session: Session, probe: Probe, key: str, limit: int = 10) -> list[int]:
    """Ids of the children who may make the result, to fetch and score with reasons.

    Candidates come from child_find_key, read from its index alone: the children whose
    given name keys alike (the phonetic block), of the same gender, born in the window
    around the probe's date of birth; the same for the surname (a misspelt given name);
    and the namesakes with the same full name key born outside it. Each is scored there
    as in full (name likeness in bulk by rapidfuzz, dates as day numbers, gender, the
    guardians' name keys), except for the Devanagari name: only the best SHORTLIST, and
    of them only those within MARGIN of the limit-th, are fetched.
    """
    words = key.split()
    first, last = words[0], (words[-1] if len(words) > 1 else None)
    if session.autoflush:  # as session.execute would: a child added just now is a candidate
        session.flush()
    dbapi: Any = session.connection().connection.driver_connection
    cur = dbapi.cursor()
    light: dict[int, tuple[str, int, str, int, str]] = {}
    if probe.dob is not None:
        day = probe.dob.toordinal()
        w = (WINDOW_ESTIMATED if probe.dob_estimated else WINDOW_EXACT).days
        lo, hi = day - w, day + w
    else:
        day, lo, hi = 0, -_FAR, _FAR
    blocks = [f"f:{first}"] + ([f"s:{last}"] if last and probe.dob is not None else [])
    for block in blocks:
        if probe.gender:
            cur.execute(_BLOCK, (block, probe.gender, lo, hi))
        else:
            cur.execute(_FIRST if block[0] == "f" else _BLOCK_ANY_GENDER, (block, lo, hi))
        for cid, *rest in cur.fetchall():
            light.setdefault(cid, tuple(rest))
    if probe.dob is not None:
        cur.execute(_SAME_NAME, (f"f:{first}", key))
        for cid, *rest in cur.fetchall():
            light.setdefault(cid, tuple(rest))
    ids = list(light)
    keys = [light[i][2] for i in ids]
    name_s: dict[int, float] = {}
    for _, score, j in process.extract(
        key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_FLOOR, limit=None
    ):
        name_s[j] = score
    firsts = [k.split()[0] if k else "" for k in keys]
    for _, score, j in process.extract(
        first, firsts, scorer=fuzz.ratio, score_cutoff=NAME_FLOOR / 0.9, limit=None
    ):
        factor = ONE_SURNAME if last is None else 0.9
        name_s[j] = max(name_s.get(j, 0.0), factor * score)
    gkeys = [name_key(g) for g in probe.guardian_names if g and g.strip()]

    def base(j: int) -> float:
        gender, dob_day, _, estimated, _ = light[ids[j]]
        dob_s = _day_score(probe, abs(dob_day - day), bool(estimated)) if probe.dob else 0.0
        same = 10.0 if probe.gender and gender == probe.gender else 0.0
        if probe.dob is not None and not probe.dob_estimated and dob_day == day:
            same += 0.85 * SAME_DAY_POINTS  # as in full: below, after the scaling
        return 0.55 * name_s[j] + 0.2 * dob_s + same

    def guardian(j: int) -> float:
        stored = light[ids[j]][4]
        if not gkeys or not stored:
            return 0.0
        return max(fuzz.token_sort_ratio(g, s) for g in gkeys for s in stored.split("|"))

    top = sorted(((base(j), j) for j in name_s), reverse=True)[:SHORTLIST]
    scored = sorted(((b + 0.15 * guardian(j), j) for b, j in top), reverse=True)
    if len(scored) > limit:
        extra = (MARKS_POINTS if _described(probe.identification_marks) else 0.0) + (
            LANGUAGE_POINTS if _languages(probe.languages) else 0.0
        )
        floor = scored[limit - 1][0] - MARGIN - extra / 0.85
        scored = [x for x in scored if x[0] >= floor]
    keep = {ids[j] for _, j in scored}
    if probe.aadhaar:
        cur.execute("SELECT id FROM child WHERE aadhaar = ?", (probe.aadhaar,))
        keep |= {r[0] for r in cur.fetchall()}
    cur.close()
    return sorted(keep)


def _described(marks: str | None) -> str:
    """Identification marks as compared: lower case, punctuation as spaces."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in (marks or "").lower()).split())


def _languages(languages: str | None) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in (languages or "").split(",") if w.strip())


def _description_points(
    probe: Probe, marks: str | None, languages: str | None
) -> tuple[float, list[str]]:
    """Points and reasons for the identification marks and languages the probe and a
    record agree on."""
    points, reasons = 0.0, []
    typed, stored = _described(probe.identification_marks), _described(marks)
    if typed and stored:
        alike = fuzz.token_sort_ratio(typed, stored)
        if alike >= MARKS_FLOOR:
            points += MARKS_POINTS * (alike - MARKS_FLOOR) / (100.0 - MARKS_FLOOR)
            reasons.append(f"identification marks alike: {marks} ({alike:.0f}%)")
    spoken = _languages(probe.languages)
    if spoken and spoken == _languages(languages):
        points += LANGUAGE_POINTS
        reasons.append(f"same languages: {languages}")
    return points, reasons


def _name_score(key: str, cand_key: str, cand_local: str | None) -> float:
    best = fuzz.token_sort_ratio(key, cand_key) if cand_key else 0.0
    if cand_local:
        best = max(best, fuzz.token_sort_ratio(key, name_key(cand_local)))
    # A missing surname on one side should not hide a matching given name. Typed without
    # one, the given names decide (a full match still ranks first); a record without
    # one, against a typed surname, stays below the records that have it.
    k1, k2 = key.split(), cand_key.split()
    if k1 and k2 and (len(k1) == 1 or len(k2) == 1):
        best = max(best, (ONE_SURNAME if len(k1) == 1 else 0.9) * fuzz.ratio(k1[0], k2[0]))
    return float(best)


def find_duplicates(session: Session, probe: Probe, *, limit: int = 10) -> list[Candidate]:
    """Existing children who may be the same as `probe`, best first, each with reasons."""
    key = name_key(probe.first_name, probe.last_name) or name_key(probe.name_local)
    if not key:
        return []
    gkeys = [name_key(g) for g in probe.guardian_names if g and g.strip()]
    out: list[Candidate] = []
    rank: dict[int, float] = {}
    ids = _shortlist(session, probe, key, max(1, limit))
    if not ids:
        return []

    rows = session.execute(
        text(f"SELECT {_DETAIL} FROM child c WHERE c.id IN (SELECT value FROM json_each(:ids))"),
        {"ids": json.dumps(ids)},
    )
    for r in rows:
        (cid, code, first, last, local, gender, dob, dob_est, status, ckey, aadhaar, gs) = r[:12]
        marks, languages = r[12], r[13]
        dob = _as_date(dob)
        reasons: list[str] = []
        name_s = _name_score(key, ckey or "", local)
        full = " ".join(p for p in (first, last) if p)
        if name_s >= 70:
            shown = f"{full} / {local}" if local else full
            reasons.append(f"name sounds alike: {shown} ({name_s:.0f}%)")
        dob_s = _dob_score(probe, dob, bool(dob_est))
        if probe.dob is not None:
            days = abs((dob - probe.dob).days)
            if days == 0:
                reasons.append(f"same date of birth ({dob:%d-%m-%Y})")
            elif dob_s > 0:
                est = " (estimated)" if (dob_est or probe.dob_estimated) else ""
                reasons.append(f"born {days} days apart{est}")
        gender_s = 100.0 if probe.gender and gender == probe.gender else 0.0
        if probe.gender and gender != probe.gender:
            reasons.append(f"recorded with another gender ({gender})")
        guard_s, best_g = 0.0, ""
        if gkeys and gs:
            for entry in gs.split("||"):
                gname, _, glocal = entry.partition("|")
                for gk in gkeys:
                    s = max(
                        fuzz.token_sort_ratio(gk, name_key(gname)),
                        fuzz.token_sort_ratio(gk, name_key(glocal)) if glocal else 0,
                    )
                    if s > guard_s:
                        guard_s, best_g = s, gname
            if guard_s >= 75:
                reasons.append(f"guardian name alike: {best_g} ({guard_s:.0f}%)")
        score = 0.55 * name_s + 0.2 * dob_s + 0.1 * gender_s + 0.15 * guard_s
        if not gkeys:
            score = score / 0.85  # no guardian given: weigh the rest up
        described, why = _description_points(probe, marks, languages)
        score += described  # ranks by it in full; shown up to 100
        if probe.dob is not None and not probe.dob_estimated and dob == probe.dob:
            score += SAME_DAY_POINTS
        reasons.extend(why)
        if probe.aadhaar and aadhaar == probe.aadhaar:
            score = 200.0  # certain: before any other, shown as 100
            reasons.insert(0, "same Aadhaar number")
        if score >= THRESHOLD and name_s >= NAME_FLOOR or score == 200.0:
            rank[cid] = round(score, 1)
            points = min(100.0, round(score, 1))
            out.append(Candidate(cid, code, full, local, gender, dob, status, points, reasons))
    out.sort(key=lambda c: (-rank[c.child_id], c.code))
    return out[:limit]
