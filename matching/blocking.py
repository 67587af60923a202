"""Candidate pairs without comparing every child with every other (blocking).

Each record goes into a few blocks: gender + the consonant skeleton of the first word
of its name key (of the Latin spelling and of the Devanagari one, which usually agree),
and, exactly, its keyed Aadhaar hash and its photo hash. Inside a name block the records
are sorted by date of birth and each is compared only with those born within the
tolerance (a year; three years when either date is estimated). The work is linear in
the number of records times the size of a birth-date window of a block, not quadratic
in the number of records.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from matching.score import (
    ESTIMATED_TOLERANCE,
    EXACT_TOLERANCE,
    THRESHOLD,
    Keyed,
    Match,
    score,
)

_VOWELS = set("aeiou")
_EXACT = timedelta(days=EXACT_TOLERANCE)
_ESTIMATED = timedelta(days=ESTIMATED_TOLERANCE)
_NO_DOB = date(1900, 1, 1)


def skeleton(word: str) -> str:
    """The first letter and the consonants after it: 'pria' -> 'pr', 'anjli' -> 'anjl'."""
    if not word:
        return ""
    return word[0] + "".join(c for c in word[1:] if c not in _VOWELS)


def name_blocks(k: Keyed) -> set[str]:
    """The name blocks of one record (gender + skeleton of the first word of each key)."""
    g = k.person.gender or "?"
    out = set()
    for key in (k.key, k.local_key):
        if key:
            out.add(f"{g}:{skeleton(key.split()[0])}")
    return out


def exact_blocks(k: Keyed) -> set[str]:
    """Blocks matched exactly, whatever the name: the Aadhaar hash and the photo hash."""
    p = k.person
    out = set()
    if p.aadhaar_hash:
        out.add("A:" + p.aadhaar_hash)
    if p.photo_hash:
        out.add("P:" + p.photo_hash)
    return out


def _dob(k: Keyed) -> date:
    return k.person.dob or _NO_DOB


class Index:
    """Records grouped by block, each name block sorted by date of birth."""

    def __init__(self, records: Iterable[Keyed]) -> None:
        groups: dict[str, list[Keyed]] = defaultdict(list)
        self.exact: dict[str, list[Keyed]] = defaultdict(list)
        for k in records:
            for b in name_blocks(k):
                groups[b].append(k)
            for b in exact_blocks(k):
                self.exact[b].append(k)
        self.blocks: dict[str, tuple[list[date], list[Keyed]]] = {}
        for b, items in groups.items():
            items.sort(key=_dob)
            self.blocks[b] = ([_dob(k) for k in items], items)

    def near(self, k: Keyed) -> Iterator[Keyed]:
        """Records that share a block with `k` and were born close enough (may repeat)."""
        wide = _ESTIMATED if k.person.dob_estimated else _EXACT
        d = _dob(k)
        for b in name_blocks(k):
            got = self.blocks.get(b)
            if got is None:
                continue
            dobs, items = got
            if k.person.dob is None:
                yield from items
                continue
            lo = bisect.bisect_left(dobs, d - _ESTIMATED)
            hi = bisect.bisect_right(dobs, d + _ESTIMATED)
            for other in items[lo:hi]:
                if other.person.dob is None:
                    continue
                gap = abs(other.person.dob - d)
                if gap <= wide or (other.person.dob_estimated and gap <= _ESTIMATED):
                    yield other
            if dobs and dobs[0] == _NO_DOB:  # records with no date of birth at all
                yield from (o for o in items if o.person.dob is None)
        for b in exact_blocks(k):
            yield from self.exact.get(b, ())


def pair_id(a: str, b: str) -> tuple[str, str]:
    """The two uuids in a fixed order (a pair is one pair whichever side comes first)."""
    return (a, b) if a < b else (b, a)


def candidates(
    index: Index,
    probes: Iterable[Keyed],
    *,
    threshold: float = THRESHOLD,
    skip: set[tuple[str, str]] | None = None,
    other_home_only: bool = True,
) -> list[Match]:
    """Likely matches of the probes among the indexed records (each pair once, best
    first): records of another home only, unless `other_home_only` is False."""
    seen: set[tuple[str, str]] = set(skip or ())
    out: list[Match] = []
    for p in probes:
        for o in index.near(p):
            if o.uuid == p.uuid or (other_home_only and o.person.home == p.person.home):
                continue
            pid = pair_id(p.uuid, o.uuid)
            if pid in seen:
                continue
            seen.add(pid)
            m = score(p, o)
            if m is not None and m.score >= threshold:
                out.append(m)
    out.sort(key=lambda m: (-m.score, m.a.uuid, m.b.uuid))
    return out


def all_candidates(
    records: list[Keyed], *, threshold: float = THRESHOLD, skip: set[tuple[str, str]] | None = None
) -> list[Match]:
    """Likely cross-home matches among all these records (the whole district or state)."""
    return candidates(Index(records), records, threshold=threshold, skip=skip)
