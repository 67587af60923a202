"""Cross-home candidates over central's tables (central, and the district office's view).

`refresh_keys` brings the stored keys up to date with the projection (only children
whose row came in a newer bundle are keyed again). `area_candidates` compares the whole
area at once, in memory, by blocks (`matching.blocking`); `new_candidates` compares only
the children admitted since a day with the rest, reading their block mates through the
`identity_block` index, so a day's registrations take well under a second in a state.
Pairs an officer decided, and records already linked as one child, are not proposed.

Officers' decisions on the pairs, and the links they make: `central.identity.decisions`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, Select, bindparam, delete, insert, or_, select, text
from sqlalchemy.orm import Session

from central.identity_tables import (
    IdentityBlock,
    IdentityDecision,
    IdentityKey,
    IdentityLink,
)
from central.models import Enrolment, MergedRecord
from central.projection import view_child, view_guardian
from central.reports.area import Area
from matching.blocking import (
    Index,
    candidates,
    exact_blocks,
    name_blocks,
    pair_id,
    probe_blocks,
    stored,
    tight,
    window,
)
from matching.names import name_key
from matching.score import CROSS_HOME, Keyed, Match, Person, keyed

CHUNK = 500
BATCHED = 1000  # more probes than this: their blocks are read whole, once each
_C = view_child.c


@dataclass(frozen=True)
class Found:
    """A candidate pair as officers see it: both records, their homes, score, reasons."""

    a: Person
    b: Person
    home_a: str
    home_b: str
    score: float
    reasons: list[str]
    district_a: int | None = None
    district_b: int | None = None


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _photo(data: dict[str, Any] | None) -> str | None:
    v = (data or {}).get("photo_hash")
    return v[:64] if isinstance(v, str) and v else None


def refresh_keys(session: Session) -> int:
    """Key the children that are new or changed since they were last keyed (and forget
    the keys of children no longer projected); returns how many were keyed."""
    k = IdentityKey.__table__.c
    stale = session.execute(
        select(_C.record_uuid)
        .select_from(view_child.outerjoin(IdentityKey, k.record_uuid == _C.record_uuid))
        .where(or_(k.record_uuid.is_(None), k.bundle_id.is_distinct_from(_C.bundle_id)))
    ).scalars()
    todo = list(stale)
    gone = list(
        session.execute(
            select(k.record_uuid).where(
                ~select(_C.record_uuid).where(_C.record_uuid == k.record_uuid).exists()
            )
        ).scalars()
    )
    for part in _chunks(gone):
        session.execute(delete(IdentityKey).where(k.record_uuid.in_(part)))
        session.execute(delete(IdentityBlock).where(IdentityBlock.record_uuid.in_(part)))
    for part in _chunks(todo):
        _key_some(session, part)
    return len(todo)


def _key_some(session: Session, uuids: Sequence[str]) -> None:
    rows = session.execute(
        select(
            _C.record_uuid,
            _C.bundle_id,
            _C.first_name,
            _C.last_name,
            _C.name_local,
            _C.gender,
            _C.dob,
            _C.dob_estimated,
            _C.aadhaar_hmac,
        ).where(_C.record_uuid.in_(uuids))
    ).all()
    guardians: dict[str, list[str]] = {}
    g = view_guardian.c
    for child, name in session.execute(
        select(g.child_uuid, g.name).where(g.child_uuid.in_(uuids)).order_by(g.record_uuid)
    ):
        if name:
            guardians.setdefault(child, []).append(name)
    photos = {
        u: _photo(d)
        for u, d in session.execute(
            select(MergedRecord.record_uuid, MergedRecord.data).where(
                MergedRecord.type == "child", MergedRecord.record_uuid.in_(uuids)
            )
        )
    }
    session.execute(delete(IdentityKey).where(IdentityKey.record_uuid.in_(uuids)))
    session.execute(delete(IdentityBlock).where(IdentityBlock.record_uuid.in_(uuids)))
    keys, blocks = [], []
    for uuid, bundle, first, last, local, gender, dob, est, hmac in rows:
        gs = guardians.get(uuid, [])
        person = Person(
            uuid, "", first, last, local, gender, dob, False, tuple(gs), hmac, photos.get(uuid)
        )
        kp = keyed(person)
        keys.append(
            {
                "record_uuid": uuid,
                "bundle_id": bundle,
                "name_key": kp.key[:200],
                "local_key": kp.local_key[:200],
                "guardians": "|".join(x.replace("|", " ") for x in gs),
                "guardian_keys": "|".join(name_key(x) for x in gs),
                "photo_hash": person.photo_hash,
            }
        )
        for b in name_blocks(kp) | exact_blocks(kp):
            blocks.append(
                {"block": b[:80], "record_uuid": uuid, "dob": dob, "estimated": bool(est)}
            )
    if keys:
        session.execute(insert(IdentityKey), keys)
    if blocks:
        session.execute(insert(IdentityBlock), blocks)


_K = IdentityKey.__table__.c
_COLUMNS = (
    _C.record_uuid,
    _C.institution_uuid,
    _C.code,
    _C.first_name,
    _C.last_name,
    _C.name_local,
    _C.gender,
    _C.dob,
    _C.dob_estimated,
    _C.status,
    _C.admission_date,
    _C.exit_date,
    _C.aadhaar_hmac,
    _K.name_key,
    _K.local_key,
    _K.guardians,
    _K.guardian_keys,
    _K.photo_hash,
    _C.district_code,
)


def _query() -> Select[Any]:
    return select(*_COLUMNS).select_from(
        view_child.join(IdentityKey, _K.record_uuid == _C.record_uuid)
    )


def _keyed(row: Any) -> Keyed:
    (uuid, home, code, first, last, local, gender, dob, est, status, adm, left, hmac) = row[:13]
    nkey, lkey, gs, gks, photo, district = row[13:19]
    person = Person(
        uuid,
        home,
        first,
        last,
        local,
        gender,
        dob,
        bool(est),
        tuple(gs.split("|")) if gs else (),
        hmac,
        photo,
        code,
        status,
        adm,
        left,
        district,
    )
    return Keyed(person, nkey or lkey, lkey, tuple(x for x in gks.split("|") if x) if gks else ())


def load(session: Session, area: Area) -> list[Keyed]:
    """Every keyed child of the area (call `refresh_keys` first)."""
    return [_keyed(r) for r in session.execute(_query().where(area.where(view_child)))]


def _load_uuids(session: Session, uuids: Iterable[str]) -> list[Keyed]:
    out = []
    todo = sorted(set(uuids))
    for part in _chunks(todo):
        out += [_keyed(r) for r in session.execute(_query().where(_C.record_uuid.in_(part)))]
    return out


def decided_pairs(session: Session, uuids: set[str] | None = None) -> set[tuple[str, str]]:
    """Pairs not to propose: decided by an officer, or already in one linked group."""
    q = select(IdentityDecision.uuid_a, IdentityDecision.uuid_b)
    out = {(a, b) for a, b in session.execute(q)}
    groups: dict[str, list[str]] = {}
    for rec, person in session.execute(select(IdentityLink.record_uuid, IdentityLink.person_uuid)):
        groups.setdefault(person, []).append(rec)
    for members in groups.values():
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                out.add(pair_id(x, y))
    return out


def _found(session: Session, matches: list[Match], limit: int | None) -> list[Found]:
    enr = select(Enrolment.uuid, Enrolment.name, Enrolment.district_code)
    homes, districts = {}, {}
    for u, name, district in session.execute(enr):
        homes[u], districts[u] = name, district
    out = []
    for m in matches[:limit]:
        a, b = m.a.person, m.b.person
        out.append(
            Found(
                a,
                b,
                homes.get(a.home, a.home),
                homes.get(b.home, b.home),
                m.score,
                m.reasons,
                districts.get(a.home),
                districts.get(b.home),
            )
        )
    return out


def area_candidates(
    session: Session,
    area: Area,
    *,
    partners: Area | None = None,
    threshold: float = CROSS_HOME,
    limit: int | None = None,
    refresh: bool = True,
) -> list[Found]:
    """Likely same children in two homes, for the children of `area` (against those of
    `partners`, by default the same area), best first; decided pairs left out."""
    if refresh:
        refresh_keys(session)
    mine = load(session, area)
    if partners is None or partners == area:
        others = mine
    else:  # the partners' children near the area's, read through the block index
        tags = _tags(session)
        near = block_mates(session, mine)
        others = [m for m in near if partners.contains(tags.get(m.person.home, Area()))]
    matches = candidates(Index(others), mine, threshold=threshold, skip=decided_pairs(session))
    return _found(session, matches, limit)


def _tags(session: Session) -> dict[str, Area]:
    return {
        u: Area(st, d)
        for u, st, d in session.execute(
            select(Enrolment.uuid, Enrolment.state_code, Enrolment.district_code)
        )
    }


_MATES = text(
    "SELECT record_uuid FROM identity_block WHERE block = :b AND dob BETWEEN :lo AND :hi "
    "AND (estimated = :t OR dob BETWEEN :nlo AND :nhi)"
).bindparams(
    *(bindparam(n, type_=Date()) for n in ("lo", "hi", "nlo", "nhi")),
    bindparam("t", type_=Boolean()),
)
_MATES_ALL = text("SELECT record_uuid FROM identity_block WHERE block = :b")


def block_mates(session: Session, probes: list[Keyed]) -> list[Keyed]:
    """The keyed children sharing a block with a probe and born close enough to it
    (read through the block index: the rest of the state is not read)."""
    if len(probes) > BATCHED:
        return _load_uuids(session, _mates_batched(session, probes))
    conn = session.connection()
    uuids: set[str] = set()
    for p in probes:
        d = p.person.dob
        for blk in exact_blocks(p):
            uuids.update(conn.execute(_MATES_ALL, {"b": blk}).scalars())
        for blk in probe_blocks(p):
            if d is None:
                uuids.update(conn.execute(_MATES_ALL, {"b": stored(blk)}).scalars())
                continue
            wide = window(blk, p)
            near = wide if p.person.dob_estimated else tight(blk)
            params = {
                "b": stored(blk),
                "lo": d - wide,
                "hi": d + wide,
                "t": True,
                "nlo": d - near,
                "nhi": d + near,
            }
            uuids.update(conn.execute(_MATES, params).scalars())
    return _load_uuids(session, uuids)


def _mates_batched(session: Session, probes: list[Keyed]) -> set[str]:
    """As `block_mates` for many probes: each block read once, dates checked here."""
    wanted: dict[str, list[tuple[date, date] | None]] = {}
    for p in probes:
        for blk in probe_blocks(p):
            d = p.person.dob
            wide = window(blk, p)
            span = None if d is None else (d - wide, d + wide)
            wanted.setdefault(stored(blk), []).append(span)
        for blk in exact_blocks(p):
            wanted.setdefault(blk, []).append(None)
    b = IdentityBlock.__table__.c
    out: set[str] = set()
    names = sorted(wanted)
    for part in _chunks(names):
        for blk, uuid, dob in session.execute(
            select(b.block, b.record_uuid, b.dob).where(b.block.in_(part))
        ):
            spans = wanted[blk]
            if dob is None or any(w is None or w[0] <= dob <= w[1] for w in spans):
                out.add(uuid)
    return out


def new_candidates(
    session: Session,
    area: Area,
    *,
    since: date,
    threshold: float = CROSS_HOME,
    limit: int | None = None,
    refresh: bool = True,
) -> list[Found]:
    """Likely same children for the children of `area` admitted on or after `since`,
    compared with every keyed child (of any home) in their blocks."""
    if refresh:
        refresh_keys(session)
    probes = [
        _keyed(r)
        for r in session.execute(_query().where(area.where(view_child), _C.admission_date >= since))
    ]
    if not probes:
        return []
    tags = _tags(session)
    mates = [
        m for m in block_mates(session, probes) if area.contains(tags.get(m.person.home, Area()))
    ]
    matches = candidates(Index(mates), probes, threshold=threshold, skip=decided_pairs(session))
    return _found(session, matches, limit)


def as_json(found: list[Found]) -> str:
    """Candidates as JSON text (for the command line and the API)."""
    return json.dumps([found_dict(f) for f in found], ensure_ascii=False, indent=1)


def _side(p: Person, home: str, district: int | None) -> dict[str, Any]:
    return {
        "record_uuid": p.uuid,
        "code": p.code,
        "name": " ".join(x for x in (p.first_name, p.last_name) if x),
        "name_local": p.name_local,
        "gender": p.gender,
        "dob": p.dob.isoformat() if p.dob else None,
        "status": p.status,
        "home": home,
        "district_code": district,
    }


def found_dict(f: Found) -> dict[str, Any]:
    """One candidate pair as plain data."""
    return {
        "a": _side(f.a, f.home_a, f.district_a),
        "b": _side(f.b, f.home_b, f.district_b),
        "score": f.score,
        "reasons": f.reasons,
    }
