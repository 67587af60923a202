"""Invented children in many homes with planted near-duplicates across homes, written
straight into central's tables (the projection and the merged child records), to test
and measure the cross-home candidates. Deterministic for a seed; no real person.

Given names are made of syllables (so that namesakes are as rare as in a real state)
or drawn from the demo's common Bihari names (so that some are not); a planted twin is
the same child in another home: name respelt in Latin or written only in Devanagari,
surname sometimes dropped, date of birth moved by up to 40 days, guardian kept or not.
With `variants=ALL_VARIANTS` a twin may also carry another surname (the same given name:
"Sunita Kumari" and "Sunita Devi", a surname changed after marriage or adoption).
"""

from __future__ import annotations

import random
import tomllib
import uuid as uuid_mod
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from indic_transliteration import sanscript
from sqlalchemy import Engine, insert

from central.models import Enrolment, MergedRecord
from central.projection import view_child, view_guardian
from central.schema import writer
from desktop.data import DATA_DIR

SYLLABLES = (
    "ra ma na sa pa ka ta da ja ga ha la va ba ya ri mi ni si pi ki ti di ji li vi bi "
    "ru mu nu su pu ku tu du ju lu ran man nan san pan kan tan dan jan lan van ban "
    "raj dev shi pre su kri sha cha bha gau har mo so ro ve ne de"
).split()
VARIANTS = ("respelt", "devanagari_only", "no_surname", "respelt_both_scripts")
OTHER_SURNAME = "other_surname"
ALL_VARIANTS = (*VARIANTS, OTHER_SURNAME)
BATCH = 5000
AS_OF = date(2026, 11, 23)


def _names() -> dict[str, list[list[str]]]:
    return tomllib.loads((DATA_DIR / "demo_names.toml").read_text(encoding="utf-8"))


def _deva(latin: str) -> str:
    return sanscript.transliterate(latin.lower(), sanscript.ITRANS, sanscript.DEVANAGARI)


def respell(rng: random.Random, name: str) -> str:
    """One usual spelling variant of a Latin name (as a register clerk might write it)."""
    swaps = [
        ("ee", "i"),
        ("i", "ee"),
        ("oo", "u"),
        ("u", "oo"),
        ("a", "aa"),
        ("sh", "s"),
        ("s", "sh"),
        ("v", "w"),
        ("w", "v"),
        ("ph", "f"),
        ("z", "j"),
        ("y", "i"),
        ("ksh", "x"),
    ]
    rng.shuffle(swaps)
    low = name.lower()
    for a, b in swaps:
        if a in low[1:]:
            i = low.index(a, 1)
            return name[:i] + b + name[i + len(a) :]
    return name + "a"


@dataclass
class Planted:
    """What was written: homes, every child's uuid, the planted (original, twin) pairs."""

    homes: list[tuple[str, str, int]] = field(default_factory=list)  # uuid, name, district
    children: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str, str]] = field(default_factory=list)  # original, twin, variant
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # (kept when small)


def _uuid(rng: random.Random) -> str:
    return str(uuid_mod.UUID(int=rng.getrandbits(128), version=4))


def _given(rng: random.Random, pool: list[list[str]]) -> tuple[str, str]:
    if rng.random() < 0.3:
        latin, deva = rng.choice(pool)
        return latin, deva
    latin = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
    return latin.capitalize(), _deva(latin)


def plant(
    engine: Engine,
    *,
    children: int,
    homes: int,
    twins: int,
    districts: tuple[int, ...] = (212, 213),
    state: int = 10,
    seed: int = 1,
    keep_rows: bool = True,
    admitted_since: date | None = None,
    variants: tuple[str, ...] = VARIANTS,
) -> Planted:
    """Write `children` children over `homes` homes, `twins` of them planted twins of
    another child in another home (admitted after the original). `admitted_since`: the
    twins are admitted on that day (a day's new registrations)."""
    rng = random.Random(seed)
    names = _names()
    out = Planted()
    now = datetime.combine(AS_OF, datetime.min.time(), UTC)
    enrol = []
    for i in range(homes):
        u = _uuid(rng)
        d = districts[i % len(districts)]
        out.homes.append((u, f"Home {i + 1}", d))
        enrol.append(
            {
                "uuid": u,
                "name": f"Home {i + 1}",
                "state_code": state,
                "district_code": d,
                "sign_key": "A" * 43 + "=",
                "key_id": f"k{i:015d}"[:16],
                "last_seq": 1,
                "last_hash": "0" * 64,
                "last_audit_hash": "0" * 64,
                "enrolled_at": now,
                "last_received_at": now,
                "how": "admin",
            }
        )
    kids: list[dict[str, Any]] = []
    guardians: list[dict[str, Any]] = []
    merged: list[dict[str, Any]] = []

    def add(row: dict[str, Any], gnames: list[tuple[str, str]]) -> None:
        kids.append(row)
        for gname, rel in gnames:
            guardians.append(
                {
                    "record_uuid": _uuid(rng),
                    "institution_uuid": row["institution_uuid"],
                    "state_code": state,
                    "district_code": row["district_code"],
                    "child_uuid": row["record_uuid"],
                    "name": gname,
                    "relation": rel,
                    "life_status": "alive",
                    "bundle_id": "b0",
                }
            )
        merged.append(
            {
                "record_uuid": row["record_uuid"],
                "type": "child",
                "version": 1,
                "deleted": False,
                "data": {"code": row["code"], "photo_hash": None},
                "institution_uuid": row["institution_uuid"],
                "owner_uuid": row["institution_uuid"],
                "bundle_id": "b0",
                "updated_at": now,
            }
        )
        out.children.append(row["record_uuid"])
        if keep_rows:
            out.rows[row["record_uuid"]] = {**row, "guardians": [g for g, _ in gnames]}

    def flush(conn: Any, final: bool = False) -> None:
        for table, rows in (
            (view_child, kids),
            (view_guardian, guardians),
            (MergedRecord.__table__, merged),
        ):
            if rows and (final or len(rows) >= BATCH):
                conn.execute(insert(table), rows)
                rows.clear()

    originals = children - twins
    twin_of = set(rng.sample(range(originals), twins))
    with writer(engine).begin() as conn:
        conn.execute(insert(Enrolment.__table__), enrol)
        serial: dict[str, int] = defaultdict(int)
        for n in range(originals):
            home, _name, district = out.homes[n % homes]
            gender = "female" if rng.random() < 0.5 else "male"
            first, first_hi = _given(rng, names["girls" if gender == "female" else "boys"])
            last, last_hi = rng.choice(names["surnames"])
            mother = rng.choice(names["women"])
            dob = AS_OF - timedelta(days=rng.randint(200, 17 * 365))
            admitted = max(dob + timedelta(days=30), AS_OF - timedelta(days=rng.randint(60, 2000)))
            serial[home] += 1
            row = {
                "record_uuid": _uuid(rng),
                "institution_uuid": home,
                "state_code": state,
                "district_code": district,
                "code": f"BR-{district}-{n % homes:03d}-{serial[home]:05d}",
                "first_name": first,
                "last_name": last,
                "name_local": f"{first_hi} {last_hi}",
                "gender": gender,
                "dob": dob,
                "dob_estimated": rng.random() < 0.15,
                "status": "in_care",
                "admission_date": admitted,
                "exit_date": None,
                "aadhaar_last4": None,
                "aadhaar_hmac": None,
                "bundle_id": "b0",
            }
            gnames = [(mother[0], "mother")]
            add(row, gnames)
            if n in twin_of:
                other = rng.choice([h for h in out.homes if h[0] != home])
                variant = rng.choice(variants)
                t_first, t_last, t_local = first, last, f"{first_hi} {last_hi}"
                if variant == "respelt":
                    t_first, t_local = respell(rng, first), None
                elif variant == "devanagari_only":
                    t_first, t_last = first_hi, None
                    t_local = f"{first_hi} {last_hi}"
                elif variant == "no_surname":
                    t_first, t_last, t_local = respell(rng, first), None, None
                elif variant == OTHER_SURNAME:
                    t_last, t_last_hi = rng.choice([x for x in names["surnames"] if x[0] != last])
                    t_local = f"{first_hi} {t_last_hi}"
                else:  # respelt in Latin, the Devanagari as typed from the new spelling
                    t_first = respell(rng, first)
                    t_local = f"{_deva(t_first)} {last_hi}"
                t_guard = (
                    [(rng.choice((mother[0], mother[1])), "mother")] if rng.random() < 0.5 else []
                )
                serial[other[0]] += 1
                t_admitted = admitted_since or min(
                    AS_OF, admitted + timedelta(days=rng.randint(10, 300))
                )
                twin = {
                    **row,
                    "record_uuid": _uuid(rng),
                    "institution_uuid": other[0],
                    "district_code": other[2],
                    "code": f"BR-{other[2]}-T-{serial[other[0]]:05d}",
                    "first_name": t_first,
                    "last_name": t_last,
                    "name_local": t_local,
                    "dob": dob + timedelta(days=rng.randint(-40, 40)),
                    "admission_date": t_admitted,
                }
                add(twin, t_guard)
                out.pairs.append((row["record_uuid"], twin["record_uuid"], variant))
            flush(conn)
        flush(conn, final=True)
    return out


def measure(found: list[Any], planted: Planted, *, top: int = 5) -> dict[str, float]:
    """recall@top: share of twins whose original is among their `top` best candidates;
    precision: share of the proposed pairs that are planted twins."""
    by: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for f in found:
        by[f.a.uuid].append((f.score, f.b.uuid))
        by[f.b.uuid].append((f.score, f.a.uuid))
    truth = {frozenset((a, b)) for a, b, _ in planted.pairs}
    hits = 0
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for orig, twin, variant in planted.pairs:
        best = [u for _s, u in sorted(by.get(twin, []), key=lambda x: -x[0])[:top]]
        ok = orig in best
        hits += ok
        per[variant][0] += ok
        per[variant][1] += 1
    true_found = sum(frozenset((f.a.uuid, f.b.uuid)) in truth for f in found)
    out = {
        f"recall_at_{top}": hits / len(planted.pairs) if planted.pairs else 0.0,
        "precision": true_found / len(found) if found else 0.0,
        "proposed": float(len(found)),
    }
    out.update({f"recall_{v}": h / n for v, (h, n) in sorted(per.items())})
    return out
