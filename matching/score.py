"""How alike two child records are, scored and explained like the registration check.

The weights are the registration check's (`desktop/services/find/duplicates.py`): name
likeness 55, closeness of birth date 20, gender 10, guardian names 15 (weighed up to
the rest when one side has no guardian). The same keyed Aadhaar hash or the same photo
make a match certain; two different Aadhaar hashes make it unlikely. Every score comes
with its reasons, in the registration check's words (the desktop shows them in Hindi).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from matching.names import name_key


def _fuzz() -> Any:
    """rapidfuzz's `fuzz`, loaded when two records are first compared (not by a server's
    start: central keeps its idle memory small, issue 14)."""
    from rapidfuzz import fuzz

    return fuzz


THRESHOLD = 62.0  # as the registration check
# Across homes the list is a state's, not one registration's: only strong likeness is
# proposed (on generated twins, recall@5 stays 0.998 at 85 while precision rises from
# 0.07 at 62 to 0.5: bench/bench_identity.py).
CROSS_HOME = 85.0
NAME_FLOOR = 60.0
EXACT_TOLERANCE = 366  # days: a recorded date of birth
ESTIMATED_TOLERANCE = 3 * 365  # days: an estimated one (age guessed at rescue)


@dataclass(frozen=True)
class Person:
    """One child record as the matcher needs it (plain data; no database here)."""

    uuid: str
    home: str  # the institution that holds the record
    first_name: str | None = None
    last_name: str | None = None
    name_local: str | None = None
    gender: str | None = None
    dob: date | None = None
    dob_estimated: bool = False
    guardians: tuple[str, ...] = ()
    aadhaar_hash: str | None = None  # keyed HMAC (central only), never the number
    photo_hash: str | None = None  # SHA-256 of the photo file
    code: str | None = None
    status: str | None = None
    admitted: date | None = None
    left: date | None = None
    district: int | None = None  # the district of the home (bounds the given-name block)


@dataclass(frozen=True)
class Keyed:
    """A person with the phonetic keys worked out once."""

    person: Person
    key: str
    local_key: str
    guardian_keys: tuple[str, ...]

    @property
    def uuid(self) -> str:
        return self.person.uuid


def keyed(p: Person) -> Keyed:
    """The person with its name keys (Latin spelling, Devanagari spelling, guardians)."""
    key = name_key(p.first_name, p.last_name)
    local = name_key(p.name_local)
    gks = tuple(k for k in (name_key(g) for g in p.guardians if g) if k)
    return Keyed(p, key or local, local, gks)


@dataclass
class Match:
    """Two records that may be the same child: the score (0-100) and why."""

    a: Keyed
    b: Keyed
    score: float
    reasons: list[str] = field(default_factory=list)


def _first_ratio(k1: str, k2: str) -> float:
    w1, w2 = k1.split(), k2.split()
    if w1 and w2 and (len(w1) == 1 or len(w2) == 1):
        return 0.9 * float(_fuzz().ratio(w1[0], w2[0]))  # a surname missing on one side
    return 0.0


# The given name alike, the surname another: weighed down (0.8: on the benchmark's twins
# 0.85 proposed a third more namesakes for 6% more of these twins found).
SURNAME_WEIGHT = 0.8


def _surname_ratio(k1: str, k2: str) -> float:
    """Two full names whose given names are alike and surnames differ ("Sunita Kumari",
    "Sunita Devi"): the given names' likeness, weighed down; 0 when the given names differ."""
    w1, w2 = k1.split(), k2.split()
    if len(w1) < 2 or len(w2) < 2 or w1[-1] == w2[-1]:
        return 0.0
    first = float(_fuzz().ratio(w1[0], w2[0]))
    return SURNAME_WEIGHT * first if first >= 85 else 0.0


def _name_scores(a: Keyed, b: Keyed) -> tuple[float, bool]:
    """Best likeness of the two names and whether it came from the given names alone
    with the surnames differing."""
    best, by_surname = 0.0, False
    for x in {a.key, a.local_key} - {""}:
        for y in {b.key, b.local_key} - {""}:
            plain = max(_fuzz().token_sort_ratio(x, y), _first_ratio(x, y))
            if plain > best:
                best, by_surname = plain, False
            if best < 100 * SURNAME_WEIGHT:  # (only then can it do better)
                other = _surname_ratio(x, y)
                if other > best:
                    best, by_surname = other, True
    return float(best), by_surname


def name_score(a: Keyed, b: Keyed) -> float:
    """Best likeness of the two names, whichever script each was written in."""
    return _name_scores(a, b)[0]


def dob_score(a: Person, b: Person) -> float:
    """100 for the same date, falling to 0 at a year apart (three when estimated)."""
    if a.dob is None or b.dob is None:
        return 0.0
    tol = ESTIMATED_TOLERANCE if (a.dob_estimated or b.dob_estimated) else EXACT_TOLERANCE
    return max(0.0, 100.0 * (1 - abs((a.dob - b.dob).days) / tol))


def _shown(p: Person) -> str:
    full = " ".join(x for x in (p.first_name, p.last_name) if x)
    if p.name_local and full:
        return f"{full} / {p.name_local}"
    return full or (p.name_local or "")


def score(a: Keyed, b: Keyed, *, floor: float = NAME_FLOOR) -> Match | None:
    """The match of two records with its reasons, or None when the names are too far
    apart (below `floor`) and neither the Aadhaar hash nor the photo is the same."""
    pa, pb = a.person, b.person
    same_aadhaar = bool(pa.aadhaar_hash) and pa.aadhaar_hash == pb.aadhaar_hash
    same_photo = bool(pa.photo_hash) and pa.photo_hash == pb.photo_hash
    name_s, by_surname = _name_scores(a, b)
    if name_s < floor and not (same_aadhaar or same_photo):
        return None
    reasons: list[str] = []
    if by_surname and name_s >= 70:
        reasons.append(f"given name alike, surname differs: {_shown(pb)} ({name_s:.0f}%)")
    elif name_s >= 70:
        reasons.append(f"name sounds alike: {_shown(pb)} ({name_s:.0f}%)")
    dob_s = dob_score(pa, pb)
    if pa.dob is not None and pb.dob is not None:
        days = abs((pa.dob - pb.dob).days)
        if days == 0:
            reasons.append(f"same date of birth ({pb.dob:%d-%m-%Y})")
        elif dob_s > 0:
            est = " (estimated)" if (pa.dob_estimated or pb.dob_estimated) else ""
            reasons.append(f"born {days} days apart{est}")
    gender_s = 100.0 if pa.gender and pa.gender == pb.gender else 0.0
    if pa.gender and pb.gender and pa.gender != pb.gender:
        reasons.append(f"recorded with another gender ({pb.gender})")
    guard_s, best_g = 0.0, ""
    for i, gk in enumerate(b.guardian_keys):
        for mine in a.guardian_keys:
            s = _fuzz().token_sort_ratio(mine, gk)
            if s > guard_s:
                guard_s, best_g = s, pb.guardians[i] if i < len(pb.guardians) else gk
    if guard_s >= 75:
        reasons.append(f"guardian name alike: {best_g} ({guard_s:.0f}%)")
    total = 0.55 * name_s + 0.2 * dob_s + 0.1 * gender_s + 0.15 * guard_s
    if not (a.guardian_keys and b.guardian_keys):
        total = total / 0.85  # no guardian to compare: weigh the rest up
    if pa.aadhaar_hash and pb.aadhaar_hash and not same_aadhaar:
        total *= 0.5
        reasons.append("different Aadhaar numbers")
    if same_photo:
        total = 100.0
        reasons.insert(0, "same photo")
    if same_aadhaar:
        total = 100.0
        reasons.insert(0, "same Aadhaar number")
    return Match(a, b, round(min(total, 100.0), 1), reasons)


def likely(m: Match | None, threshold: float = THRESHOLD) -> bool:
    """Whether a match is worth showing to an officer."""
    return m is not None and m.score >= threshold
