"""Candidate pairs without comparing every child with every other (blocking).

Each record goes into a few blocks, from the phonetic keys of its Latin and Devanagari
spellings (which usually agree): gender + the consonant skeletons of the first and last
words (its full name); gender + the first word's skeleton; and, exactly, its keyed
Aadhaar hash and its photo hash. Inside a block the records are sorted by date of birth.
A record is compared with those of its full-name blocks born within the tolerance (a
year; three when a date is estimated), and, by given name alone, with the one-word
names (no surname) born within 45 days (half a year when estimated). So the work is the
number of records times the few records of a block born near each, not the square of
the number of records.

The same child under two surnames ("Sunita Kumari" and "Sunita Devi"; a surname changed
after marriage or adoption) is found by the given name alone: a full name also looks in
the given name's block ("G": gender + the first word's skeleton) at those born within
45 days (half a year when estimated). That block holds every namesake, so a pair found
only by it is kept when the two records agree on something else: the same district, or a
guardian whose first name sounds alike (`agree`). Without that bound the common given
names of a state make too many pairs (bench/bench_identity.py).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import lru_cache

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
_NARROW = timedelta(days=45)  # a given name alone: born within weeks
_NARROW_ESTIMATED = timedelta(days=183)
_NO_DOB = date(1900, 1, 1)
# The given-name block ("G"): "bounded" (kept when `agree`), "off" (as before issue 20's
# second pass: the benchmark's baseline) or "unbounded" (every namesake: to measure).
GIVEN_NAME = "bounded"


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The first letter and the consonants after it: 'pria' -> 'pr', 'anjli' -> 'anjl'."""
    if not word:
        return ""
    return word[0] + "".join(c for c in word[1:] if c not in _VOWELS)


def name_blocks(k: Keyed) -> set[str]:
    """The name blocks a record is filed under: "A" gender + skeletons of the first and
    last words (a full name), "B" gender + the first word's skeleton (every record), and
    "S" the same for a record whose name is one word (no surname)."""
    g = k.person.gender or "?"
    out = set()
    for key in (k.key, k.local_key):
        words = key.split()
        if not words:
            continue
        first = skeleton(words[0])
        out.add(f"B:{g}:{first}")
        if len(words) > 1:
            out.add(f"A:{g}:{first}:{skeleton(words[-1])}")
        else:
            out.add(f"S:{g}:{first}")
    return out


def probe_blocks(k: Keyed) -> set[str]:
    """The blocks to look in for a record's matches: its full-name blocks (born within the
    tolerance); and, by given name alone and born within weeks, the one-word names (for a
    full name) or every name (for a one-word name): a surname left out on one side; and,
    for a full name, every name of the same given name ("G", the "B" block read with a
    bound: `agree`): a surname changed."""
    g = k.person.gender or "?"
    out = set()
    for key in (k.key, k.local_key):
        words = key.split()
        if not words:
            continue
        first = skeleton(words[0])
        if len(words) > 1:
            out.add(f"A:{g}:{first}:{skeleton(words[-1])}")
            out.add(f"S:{g}:{first}")
            if GIVEN_NAME != "off":
                out.add(f"G:{g}:{first}")
        else:
            out.add(f"B:{g}:{first}")
    return out


def stored(block: str) -> str:
    """The block a probe block reads: "G" (a given name probed by a full name) reads "B"."""
    return "B:" + block[2:] if block.startswith("G:") else block


def _guardian_firsts(k: Keyed) -> set[str]:
    return {skeleton(g.split()[0]) for g in k.guardian_keys if g.split()}


def agree(a: Keyed, b: Keyed) -> bool:
    """Whether two namesakes found by the given name alone ("G") agree on something more:
    the same district, or a guardian's first name sounding alike."""
    da, db = a.person.district, b.person.district
    if da is not None and da == db:
        return True
    return bool(_guardian_firsts(a) & _guardian_firsts(b))


def exact_blocks(k: Keyed) -> set[str]:
    """Blocks matched exactly, whatever the name: the Aadhaar hash and the photo hash."""
    p = k.person
    out = set()
    if p.aadhaar_hash:
        out.add("H:" + p.aadhaar_hash)
    if p.photo_hash:
        out.add("P:" + p.photo_hash)
    return out


def _dob(k: Keyed) -> date:
    return k.person.dob or _NO_DOB


def window(block: str, k: Keyed) -> timedelta:
    """How far apart in birth date the block's records are looked at (the widest: the
    other side's date may be estimated too)."""
    if block.startswith("A:"):
        return _ESTIMATED
    return _NARROW_ESTIMATED


def tight(block: str) -> timedelta:
    """How far apart in birth date two exact (not estimated) dates of the block may be."""
    return _EXACT if block.startswith("A:") else _NARROW


def _close(block: str, a: Keyed, b: Keyed) -> bool:
    pa, pb = a.person, b.person
    if pa.dob is None or pb.dob is None:
        return True
    gap = abs(pa.dob - pb.dob)
    estimated = pa.dob_estimated or pb.dob_estimated
    if block.startswith("A:"):
        return gap <= (_ESTIMATED if estimated else _EXACT)
    return gap <= (_NARROW_ESTIMATED if estimated else _NARROW)


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
            if len(items) > 1:
                items.sort(key=_dob)
            self.blocks[b] = ([k.person.dob or _NO_DOB for k in items], items)

    def near(self, k: Keyed) -> Iterator[Keyed]:
        """Records that share a probe block with `k` and were born close enough to it
        (a record may come more than once)."""
        d = _dob(k)
        for b in probe_blocks(k):
            got = self.blocks.get(stored(b))
            if got is None:
                continue
            dobs, items = got
            bound = b.startswith("G:") and GIVEN_NAME == "bounded"
            if k.person.dob is None:
                yield from (o for o in items if not bound or agree(k, o))
                continue
            wide = window(b, k)
            lo = bisect.bisect_left(dobs, d - wide)
            hi = bisect.bisect_right(dobs, d + wide)
            for other in items[lo:hi]:
                if _close(b, k, other) and (not bound or agree(k, other)):
                    yield other
            if dobs and dobs[0] == _NO_DOB:  # records with no date of birth at all
                yield from (o for o in items if o.person.dob is None and (not bound or agree(k, o)))
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
