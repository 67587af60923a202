"""Generated near-duplicates of existing children, to measure the duplicate check."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.services.find.duplicates import Probe, find_duplicates

_VARIANTS = ("devanagari_only", "spelling", "no_surname", "estimated_age", "exact")


def _respell(rng: random.Random, name: str) -> str:
    swaps = [
        ("ee", "i"),
        ("i", "ee"),
        ("oo", "u"),
        ("u", "oo"),
        ("a", "aa"),
        ("sh", "s"),
        ("v", "w"),
        ("ph", "f"),
        ("z", "j"),
        ("y", "i"),
    ]
    rng.shuffle(swaps)
    for a, b in swaps:
        if a in name.lower():
            i = name.lower().index(a)
            return name[:i] + b + name[i + len(a) :]
    return name + "a"


@dataclass
class Case:
    """A probe and the id of the child it was made from (None for a new child)."""

    probe: Probe
    truth: int | None
    variant: str


def make_cases(session: Session, *, n: int, seed: int) -> list[Case]:
    """`n` probes made from random existing children, each altered in a realistic way."""
    rng = random.Random(seed)
    ids = [r[0] for r in session.execute(text("SELECT id FROM child ORDER BY id"))]
    cases = []
    for cid in rng.sample(ids, n):
        first, last, local, gender, dob = session.execute(
            text("SELECT first_name, last_name, name_local, gender, dob FROM child WHERE id=:i"),
            {"i": cid},
        ).one()
        dob = dob if not isinstance(dob, str) else __import__("datetime").date.fromisoformat(dob)
        guardians = [
            r[0]
            for r in session.execute(
                text("SELECT name FROM guardian WHERE child_id=:i"), {"i": cid}
            )
        ]
        variant = rng.choice(_VARIANTS)
        p = {
            "first_name": first,
            "last_name": last,
            "name_local": None,
            "gender": gender,
            "dob": dob,
            "dob_estimated": False,
        }
        if variant == "devanagari_only" and local:
            p.update(first_name=local, last_name=None)
        elif variant == "spelling":
            p.update(
                first_name=_respell(rng, first), dob=dob + timedelta(days=rng.randint(-40, 40))
            )
        elif variant == "no_surname":
            p.update(last_name=None)
        elif variant == "estimated_age":
            p.update(dob=dob + timedelta(days=rng.randint(-500, 500)), dob_estimated=True)
        g = tuple(guardians[:1]) if guardians and rng.random() < 0.5 else ()
        cases.append(Case(Probe(guardian_names=g, **p), cid, variant))
    return cases


def measure(session: Session, cases: list[Case], *, top: int = 5) -> dict[str, float]:
    """Recall (truth among the top candidates), top-1 accuracy, and precision of the top hit."""
    found = top1 = flagged = 0
    per: dict[str, list[int]] = {}
    for c in cases:
        got = find_duplicates(session, c.probe, limit=top)
        ids = [x.child_id for x in got]
        found += c.truth in ids
        per.setdefault(c.variant, [0, 0])
        per[c.variant][0] += c.truth in ids
        per[c.variant][1] += 1
        top1 += bool(ids) and ids[0] == c.truth
        flagged += bool(ids)
    n = len(cases)
    out = {
        "recall_at_top": found / n,
        "top1_accuracy": top1 / n,
        "precision_top1": top1 / flagged if flagged else 0.0,
    }
    out.update({f"recall_{v}": hit / all_ for v, (hit, all_) in sorted(per.items())})
    return out
