"""Full-text search over children: names in both scripts, codes and guardian names (FTS5)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.models import Child
from desktop.services.core.names import name_key, word_key
from desktop.services.core.permissions import scoped_institution_ids

_TOKEN = re.compile(r"[\w\u0900-\u097F]+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    """One child found by a search."""

    child_id: int
    code: str
    name: str
    name_local: str | None
    gender: str
    dob: date
    status: str
    guardians: str


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def fts_query(query: str, *, ranked: bool = True) -> str | None:
    """The FTS5 MATCH expression for what the user typed (None if nothing searchable).

    Every word must match (AND); a word matches a name, a guardian's name or the
    phonetic key of either (so "Priyaa" finds "प्रिया"), as a prefix. Digits are
    matched against the child code, with or without dashes.

    `ranked=False` (the list, the count: the same matches, in no order of relevance):
    a word that is its own phonetic key ("kumar", "ram") is one phrase over every column
    (code, names, guardians, keys are all there is) instead of two over parts of them,
    which read the same long doclist twice (5.6 -> 3.2 ms for "golu kumar" at 250k).
    bm25 would score the two forms differently, so `clms search` keeps the two phrases.
    """
    digits = re.sub(r"[\s\-./]", "", query)
    if digits.isdigit() and len(digits) >= 4:
        return f"code : {_quote(digits)}*"
    parts = []
    for tok in _TOKEN.findall(query.lower()):
        alts = [f"{{names guardians code}} : {_quote(tok)}*"]
        key = word_key(tok)
        # The phonetic key of a short typed prefix is shorter still ("sah" keys "sa") and
        # would match every name starting with those two letters (a fifth of them): a
        # key stands for the word only from three letters.
        if not ranked and key == tok:
            alts = [f"{_quote(tok)}*"]
        elif len(key) >= 3 or (key and len(tok) < 3):
            alts.append(f"keys : {_quote(key)}*")
        parts.append("(" + " OR ".join(alts) + ")")
    return " AND ".join(parts) if parts else None


# The best matches are picked inside the FTS index (bm25 over the matches alone), and
# only they are looked up in child: joining first looked up every match ("pri" matches
# thousands at 250k) to keep a few hundred. The index holds no text (contentless,
# migration 0023_lean_history): the guardians' names are read as the index was given
# them (search_index._SELECT), and the keys computed again (search_row).
_SQL = """
SELECT c.id, c.code, c.first_name, c.last_name, c.name_local, c.gender, c.dob, c.status,
       (SELECT group_concat(coalesce(g.name, '') || ' ' || coalesce(g.name_local, ''), ' ')
          FROM guardian g WHERE g.child_id = c.id)
  FROM (SELECT rowid, bm25(child_search, 20.0, 10.0, 2.0, 5.0) AS rank
          FROM child_search WHERE child_search MATCH :q
         ORDER BY rank LIMIT :limit) s
  JOIN child c ON c.id = s.rowid
 ORDER BY s.rank
"""


def _keys(r: Sequence[Any]) -> str:
    """The phonetic keys the index was given for this child (search_row's "keys")."""
    return _keys_of(r[2], r[3], r[4], r[8])


@lru_cache(maxsize=8192)  # typing a name again ranks mostly the same children
def _keys_of(first: str, last: str | None, local: str | None, guardians: str | None) -> str:
    return f"{name_key(first, last, local)} {name_key(guardians or '')}"


def search_children(session: Session, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Children matching the query, best first.

    FTS5 finds and ranks candidates (bm25); the best few hundred are then re-ranked by
    how closely their phonetic keys match the query, so "Priyaa" puts Priya before Preeti.
    """
    q = fts_query(query)
    if q is None:
        return []
    rows = list(session.execute(text(_SQL), {"q": q, "limit": max(limit * 4, 200)}).all())
    allowed = scoped_institution_ids(session)
    if allowed is not None and rows:  # a district/CCI user finds only children in their area
        keep = set(
            session.scalars(
                select(Child.id).where(
                    Child.id.in_([r[0] for r in rows]), Child.institution_id.in_(allowed)
                )
            )
        )
        rows = [r for r in rows if r[0] in keep]
    qkey = name_key(query)
    if qkey:
        from rapidfuzz import fuzz  # on first search: not at the window's start (issue 22)

        order = {id(r): i for i, r in enumerate(rows)}
        keys = {id(r): _keys(r) for r in rows}
        rows.sort(key=lambda r: (-fuzz.partial_ratio(qkey, keys[id(r)]), order[id(r)]))
    rows = rows[:limit]
    return [
        SearchHit(
            child_id=r[0],
            code=r[1],
            name=" ".join(p for p in (r[2], r[3]) if p),
            name_local=r[4],
            gender=r[5],
            dob=r[6] if isinstance(r[6], date) else date.fromisoformat(r[6]),
            status=r[7],
            guardians=(r[8] or "").strip(),
        )
        for r in rows
    ]
