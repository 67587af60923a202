"""Name normalisation for matching: one phonetic key for Latin and Devanagari spellings
(shared by the desktop, the district office and central).

"Priya", "Priyaa" and "प्रिया" all key to the same string, so the duplicate check and
search treat transliterations as the same name. Transliteration is indic-transliteration's
(Devanagari -> ITRANS); the folding rules below smooth the usual spelling variants of
Indian names written in Latin letters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


_VIRAMA, _NUKTA = "\u094d", "\u093c"
_NASAL = set("\u0901\u0902\u0903")  # chandrabindu, anusvara, visarga


def _is_consonant(ch: str) -> bool:
    return "\u0915" <= ch <= "\u0939" or "\u0958" <= ch <= "\u095f"


def _is_matra(ch: str) -> bool:
    return "\u093e" <= ch <= "\u094c" or ch in "\u0962\u0963"


def delete_schwa(word: str) -> str:
    """Mark the inherent vowels Hindi does not pronounce (Ohala's rule, simplified).

    शबनम is said "shabnam", not "shabanama": the inherent 'a' goes at the end of a
    word, and between two pronounced vowels when the syllable before is open
    (V C a C V -> V C C V). A virama is inserted where the vowel goes, so the
    transliteration comes out as people spell the name in Latin letters.
    """
    units: list[list[str]] = []  # [text, kind] kind: a (inherent), v (vowel), x (no vowel)
    for ch in word:
        if _is_consonant(ch):
            units.append([ch, "a"])
        elif units and ch == _NUKTA:
            units[-1][0] += ch
        elif units and _is_matra(ch) and units[-1][1] == "a":
            units[-1][0] += ch
            units[-1][1] = "v"
        elif units and ch == _VIRAMA and units[-1][1] == "a":
            units[-1][0] += ch
            units[-1][1] = "x"
        elif units and ch in _NASAL:
            units[-1][0] += ch
            units[-1][1] = "C"  # closed syllable: no deletion right after it
        else:
            units.append([ch, "V" if "\u0904" <= ch <= "\u0914" else "o"])
    if len(units) < 2:
        return word
    if units[-1][1] == "a" and units[-2][1] != "x":  # not after a conjunct (Dharmendra)
        units[-1] = [units[-1][0] + _VIRAMA, "x"]
    for i in range(len(units) - 2, 0, -1):
        prev, nxt = units[i - 1][1], units[i + 1][1]
        before_prev = units[i - 2][1] if i >= 2 else "v"
        if (
            units[i][1] == "a"
            and prev in ("a", "v", "V")
            and before_prev != "x"
            and (nxt in ("a", "v", "C"))
        ):
            units[i] = [units[i][0] + _VIRAMA, "x"]
    return "".join(u[0] for u in units)


@lru_cache(maxsize=65536)
def to_latin(s: str) -> str:
    """Devanagari parts transliterated to plain lower-case Latin; Latin left as is."""
    if has_devanagari(s):
        # Imported on the first Hindi name, not at start-up: it reads 88 scheme files
        # (a fifth of the window's cold start, issue 22).
        from indic_transliteration import sanscript

        s = " ".join(delete_schwa(w) for w in s.split())
        s = sanscript.transliterate(s, sanscript.DEVANAGARI, sanscript.ITRANS)
        # anusvara and chandrabindu are a nasal "n" in names; visarga an "h"
        s = s.replace(".N", "n").replace("M", "n").replace("H", "h")
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
