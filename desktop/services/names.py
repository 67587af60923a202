"""Name normalisation for matching: one phonetic key for Latin and Devanagari spellings.

"Priya", "Priyaa" and "प्रिया" all key to the same string, so the duplicate check and
search treat transliterations as the same name. Transliteration is indic-transliteration's
(Devanagari -> ITRANS); the folding rules below smooth the usual spelling variants of
Indian names written in Latin letters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from indic_transliteration import sanscript

_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
# Order matters: longer patterns first. Each folds a spelling variant onto one form.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("chh", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("kh", "k"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("bh", "b"),
    ("jh", "j"),
    ("ksh", "ks"),
    ("x", "ks"),
    ("ee", "i"),
    ("ii", "i"),
    ("oo", "u"),
    ("uu", "u"),
    ("aa", "a"),
    ("w", "v"),
    ("z", "j"),
    ("q", "k"),
    ("y", "i"),
    ("ou", "au"),
    ("e", "i"),  # Hindi e/i and o/u are often confused in registers
    ("o", "u"),
)


def has_devanagari(s: str) -> bool:
    """Whether the string contains Devanagari letters."""
    return bool(_DEVANAGARI.search(s))


@lru_cache(maxsize=65536)
def to_latin(s: str) -> str:
    """Devanagari parts transliterated to plain lower-case Latin; Latin left as is."""
    if has_devanagari(s):
        s = sanscript.transliterate(s, sanscript.DEVANAGARI, sanscript.ITRANS)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.lower()


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """Phonetic key of one word (Latin or Devanagari)."""
    w = re.sub(r"[^a-z]", "", to_latin(word))
    for a, b in _FOLDS:
        w = w.replace(a, b)
    w = re.sub(r"h(?=[^aiu]|$)", "", w)  # silent/aspirating h
    w = re.sub(r"(.)\1+", r"\1", w)  # doubled letters
    # A final short vowel is written or dropped freely in transliteration (Ram/Rama).
    if len(w) > 3 and w[-1] == "a":
        w = w[:-1]
    return w


def name_key(*names: str | None) -> str:
    """Phonetic key of a full name: the word keys, in order, space-separated."""
    words: list[str] = []
    for name in names:
        if name:
            words += [k for k in (word_key(w) for w in re.split(r"[\s.\-']+", name)) if k]
    return " ".join(words)
