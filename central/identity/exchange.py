"""Officers' decisions on pairs, exchanged between a district office and central
(issue 20): `POST /v1/identity/decisions` (docs/bundle-format.md, "Identity decisions").

The district office sends, after its bundles whenever it forwards, every decision made
there (its own log lines), in a request signed with its enrolled key (as its other
uploads); central keeps each with the office as its origin, under the same rule as its
own (`central.identity.decisions.decide`: the latest decision on a pair holds; every one is
logged). A decision about a pair of which neither record is a child of the office's
district refuses the whole request; one about a record central has not received yet is
left for the next time (counted `unknown`). Central answers with the decisions the
office has not seen (log lines after the office's `since`, made elsewhere, about a child
of its district), signed with central's key like a receipt, and the office applies them
under the same rule; so a pair decided in one place is shown as decided in the other.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bundle_format.canonical import canonical
from bundle_format.keys import OwnKeys, b64
from central.enrolment import Party
from central.identity.decisions import APPLIED, SUPERSEDED, UNCHANGED, decide
from central.identity_tables import IdentityDecisionLog, stamp
from central.projection import view_child, view_child_merged

FORMAT = "clms-identity-decisions"
ANSWER = "clms-identity-decisions-answer"
PATH = "/v1/identity/decisions"
MAX_BODY = 2 * 1024 * 1024
MAX_DECISIONS = 5000
ANSWER_LIMIT = 5000


class ExchangeError(Exception):
    """A refused request: HTTP status, code, message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def line(row: IdentityDecisionLog) -> dict[str, Any]:
    """One log line as it travels."""
    return {
        "id": row.id,
        "uuid_a": row.uuid_a,
        "uuid_b": row.uuid_b,
        "decision": row.decision,
        "decided_by": row.decided_by,
        "at": row.at,
        "origin": row.origin,
        "score": row.score,
        "reasons": list(row.reasons or []),
        "district_code": row.district_code,
        "note": row.note,
    }


def _str(d: dict[str, Any], key: str, n: int) -> str:
    v = d.get(key)
    if not isinstance(v, str) or not 0 < len(v) <= n:
        raise ExchangeError(400, "bad-request", f"a decision without a valid {key}")
    return v


def _check(d: Any) -> dict[str, Any]:
    if not isinstance(d, dict) or d.get("decision") not in ("confirmed", "dismissed"):
        raise ExchangeError(400, "bad-request", "a decision that is not confirmed/dismissed")
    a, b = _str(d, "uuid_a", 64), _str(d, "uuid_b", 64)
    if a == b:
        raise ExchangeError(400, "bad-request", "a record is not compared with itself")
    try:
        at = stamp(_str(d, "at", 40))
    except ValueError as exc:
        raise ExchangeError(400, "bad-request", "a decision without a valid time") from exc
    score = d.get("score")
    reasons = d.get("reasons") or []
    if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
        raise ExchangeError(400, "bad-request", "a decision's reasons are not a list of text")
    return {
        "uuid_a": a,
        "uuid_b": b,
        "decision": d["decision"],
        "decided_by": _str(d, "decided_by", 100),
        "at": at,
        "score": float(score) if isinstance(score, int | float) else None,
        "reasons": [r[:300] for r in reasons[:20]],
        "note": note[:2000] if isinstance(note := d.get("note"), str) else None,
    }


def _districts(s: Session, uuids: set[str]) -> dict[str, int | None]:
    """The district of each projected child (live or merged away) among these uuids."""
    out: dict[str, int | None] = {}
    todo = sorted(uuids)
    for i in range(0, len(todo), 500):
        part = todo[i : i + 500]
        for table in (view_child, view_child_merged):
            for u, d in s.execute(
                select(table.c.record_uuid, table.c.district_code).where(
                    table.c.record_uuid.in_(part)
                )
            ):
                out[u] = d
    return out


def accept(s: Session, body: bytes, party: Party, keys: OwnKeys) -> bytes:
    """Check and keep a district office's decisions (one transaction); the signed answer
    with the decisions made elsewhere about its district's children."""
    if party.kind != "district" or party.district_code is None:
        raise ExchangeError(403, "not-a-district-office", "only a district office sends these")
    code = party.district_code
    try:
        req = json.loads(body)
        if not isinstance(req, dict) or req.get("format") != FORMAT:
            raise ValueError("not an identity decisions request")
        raw = list(req.get("decisions") or [])
        since = int(req.get("since") or 0)
    except (ValueError, TypeError, RecursionError) as exc:
        raise ExchangeError(400, "bad-request", f"the request is not valid: {exc}") from exc
    if len(raw) > MAX_DECISIONS:
        raise ExchangeError(413, "too-many", f"at most {MAX_DECISIONS} decisions at a time")
    decs = [_check(d) for d in raw]
    where = _districts(s, {u for d in decs for u in (d["uuid_a"], d["uuid_b"])})
    for d in decs:
        known = [where[u] for u in (d["uuid_a"], d["uuid_b"]) if u in where]
        if known and code not in known:
            raise ExchangeError(
                403, "wrong-district", "a decision about two children of another district"
            )
    origin = f"district:{code}"
    counts = {APPLIED: 0, SUPERSEDED: 0, UNCHANGED: 0, "unknown": 0}
    for d in decs:
        if d["uuid_a"] not in where or d["uuid_b"] not in where:
            counts["unknown"] += 1  # a record not received yet: sent again next time
            continue
        got = decide(
            s,
            d["uuid_a"],
            d["uuid_b"],
            decision=d["decision"],
            by=d["decided_by"],
            score=d["score"],
            reasons=d["reasons"],
            district=code,
            note=d["note"],
            origin=origin,
            at=d["at"],
            check=False,
        )
        counts[got] += 1
    s.flush()
    return sign_answer(_answer(s, code, since, counts), keys)


def _answer(s: Session, code: int, since: int, counts: dict[str, int]) -> dict[str, Any]:
    log = IdentityDecisionLog
    rows = list(
        s.scalars(
            select(log)
            .where(log.id > since, log.origin != f"district:{code}")
            .order_by(log.id)
            .limit(ANSWER_LIMIT)
        )
    )
    where = _districts(s, {u for r in rows for u in (r.uuid_a, r.uuid_b)})
    mine = [line(r) for r in rows if code in (where.get(r.uuid_a), where.get(r.uuid_b))]
    cursor = rows[-1].id if rows else since
    return {
        "format": ANSWER,
        "version": 1,
        "district_code": code,
        "counts": counts,
        "decisions": mine,
        "cursor": cursor,
        "more": len(rows) == ANSWER_LIMIT,
    }


def sign_answer(answer: dict[str, Any], keys: OwnKeys) -> bytes:
    """The answer in a signed envelope (as a receipt: canonical JSON, Ed25519)."""
    sig = keys.sign.sign(canonical(answer))
    return canonical({"answer": answer, "signer": keys.public().sign_key_id, "signature": b64(sig)})


__all__ = ["ANSWER", "FORMAT", "PATH", "ExchangeError", "accept", "line"]
