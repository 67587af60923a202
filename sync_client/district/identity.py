"""District office: the same child in two of the district's homes, and absconded children
registered again, over the district view (central's tables, so central's own code:
`central.identity`). An officer's decision is kept in the view and in the office's
audit trail (who decided, which two records), and goes to central with the office's next
forward (`exchange_decisions`, signed with the office's key); central's answer brings the
decisions made at central about the district's children, applied here by the same rule
(the latest decision on a pair holds, every one logged)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bundle_format.canonical import canonical
from bundle_format.keys import unb64
from central.identity.absconded import alerts, check_absconded, close_alert
from central.identity.decisions import APPLIED, decide, stays
from central.identity.search import Found, area_candidates
from central.identity_tables import IdentityAlert, IdentityDecisionLog
from central.reports.area import Area
from central.schema import writer
from desktop.services.core.audit import append_event
from desktop.services.core.context import actor_of
from desktop.services.core.permissions import Permission, check_action, register_action
from desktop.services.install.office import office_district

register_action("district_identity_decide", Permission.FLAG_ACK)  # confirm or dismiss a pair
register_action("district_identity_view", Permission.VIEW)


@dataclass(frozen=True)
class Alert:
    """An absconded or missing child who may be registered again (plain data)."""

    id: int
    score: float
    reasons: list[str]
    missing: dict[str, object]
    found: dict[str, object]


def candidates(
    view: Engine, office: Session, *, district: int, state: int | None, limit: int = 500
) -> list[Found]:
    """Likely same children in two homes of this district, best first (decided pairs
    left out); the keys of children received since the last look are worked out first."""
    check_action(office, "district_identity_view", None)
    with Session(writer(view), expire_on_commit=False) as s, s.begin():
        return area_candidates(s, Area(state, district), limit=limit)


def absconded_alerts(
    view: Engine, office: Session, *, district: int, state: int | None
) -> list[Alert]:
    """Check the district's absconded and missing children against later registrations
    (new alerts kept), then every open alert of the district's homes, newest first."""
    check_action(office, "district_identity_view", None)
    area = Area(state, district)
    with Session(writer(view), expire_on_commit=False) as s, s.begin():
        check_absconded(s, area)
        rows: list[IdentityAlert] = alerts(s, area)
        return [
            Alert(
                a.id,
                a.score,
                list(a.reasons),
                dict(a.evidence.get("missing", {})),
                dict(a.evidence.get("found", {})),
            )
            for a in rows
        ]


def decide_pair(
    view: Engine,
    office: Session,
    found: Found,
    *,
    decision: str,
    district: int,
    by: str | None = None,
) -> None:
    """Confirm (the two records are one child with two stays) or dismiss (not proposed
    again) a candidate pair; written to the office's audit trail."""
    check_action(office, "district_identity_decide", None)
    with Session(writer(view)) as s, s.begin():
        decide(
            s,
            found.a.uuid,
            found.b.uuid,
            decision=decision,
            by=by or actor_of(office).label,
            score=found.score,
            reasons=found.reasons,
            district=district,
            origin=f"district:{district}",
        )
    append_event(
        office,
        action="district_identity_decide",
        changes=[
            {
                "type": "district_identity_decide",
                "decision": decision,
                "records": [found.a.uuid, found.b.uuid],
                "score": found.score,
            }
        ],
        child_uuid=None,
    )


def close(
    view: Engine, office: Session, alert_id: int, *, decision: str, by: str | None = None
) -> None:
    """Confirm or dismiss an absconded child's alert (audited as a pair decision)."""
    check_action(office, "district_identity_decide", None)
    with Session(writer(view)) as s, s.begin():
        district = office_district(office)
        origin = f"district:{district}" if district is not None else "central"
        row = close_alert(
            s, alert_id, status=decision, by=by or actor_of(office).label, origin=origin
        )
        records = [row.missing_uuid, row.found_uuid]
    append_event(
        office,
        action="district_identity_decide",
        changes=[{"type": "district_identity_alert", "decision": decision, "records": records}],
        child_uuid=None,
    )


def linked_stays(view: Engine, record_uuid: str) -> list[dict[str, object]]:
    """The stays of the child this record belongs to (one per linked record)."""
    with Session(view) as s:
        return list(stays(s, record_uuid))


CURSOR_SETTING = "identity.decisions_cursor"  # the last line of central's log seen
FORMAT, ANSWER, PATH = (
    "clms-identity-decisions",
    "clms-identity-decisions-answer",
    "/v1/identity/decisions",
)  # as central.identity.exchange


class ExchangeRefused(Exception):
    """Central refused the decisions, or its answer cannot be trusted."""


@dataclass(frozen=True)
class Exchanged:
    """What one exchange did: own decisions sent (and central's counts), decisions
    received from central and how many of them now hold here."""

    sent: int
    counts: dict[str, int]
    received: int
    applied: int


def _own_lines(view: Engine, district: int) -> list[dict[str, Any]]:
    log = IdentityDecisionLog
    with Session(view) as s:
        rows = s.scalars(
            select(log).where(log.origin == f"district:{district}").order_by(log.id)
        ).all()
        return [
            {
                "uuid_a": r.uuid_a,
                "uuid_b": r.uuid_b,
                "decision": r.decision,
                "decided_by": r.decided_by,
                "at": r.at,
                "score": r.score,
                "reasons": list(r.reasons or []),
                "note": r.note,
            }
            for r in rows
        ]


def _opened(raw: bytes, office: Session) -> dict[str, Any]:
    """Central's answer out of its envelope, its signature checked against central's key
    when this office has one imported (otherwise the HTTPS link is what vouches for it)."""
    from sync_client.exchange.outbox import peer_keys

    try:
        env = json.loads(raw.decode("utf-8"))
        answer, signer, sig = env["answer"], str(env["signer"]), unb64(str(env["signature"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ExchangeRefused("central's answer is damaged") from exc
    if not isinstance(answer, dict) or answer.get("format") != ANSWER:
        raise ExchangeRefused("central's answer is not a decisions answer")
    centrals = [k for k in peer_keys(office) if k.role == "central"]
    if centrals:
        key = next((k for k in centrals if k.sign_key_id == signer), None)
        if key is None:
            raise ExchangeRefused("central's answer is signed by a key this office does not know")
        try:
            key.verifier().verify(sig, canonical(answer))
        except InvalidSignature as exc:
            raise ExchangeRefused("central's answer's signature does not match") from exc
    return answer


def exchange_decisions(view: Engine, office: Session, up: Any) -> Exchanged:
    """Send the office's decisions to central (signed by `up`, an Uploader with the
    office's key) and apply central's about the district's children; audited when any
    received decision now holds here. ExchangeRefused, or requests' errors."""
    from desktop.models import Setting

    district = office_district(office)
    if district is None:
        return Exchanged(0, {}, 0, 0)
    mine = _own_lines(view, district)
    row = office.get(Setting, CURSOR_SETTING)
    since = int(row.value) if row is not None and row.value.isdigit() else 0
    counts: dict[str, int] = {}
    received = applied = 0
    got: list[dict[str, Any]] = []
    while True:
        body = {
            "format": FORMAT,
            "version": 1,
            "district_code": district,
            "since": since,
            "decisions": mine,
        }
        r = up._send("POST", PATH, body=canonical(body))
        if r.status_code != 200:
            try:
                why = r.json().get("message")
            except ValueError:
                why = None
            raise ExchangeRefused(str(why or f"central answered HTTP {r.status_code}"))
        answer = _opened(r.content, office)
        for k, n in (answer.get("counts") or {}).items():
            counts[k] = counts.get(k, 0) + int(n)
        lines = [d for d in answer.get("decisions") or [] if isinstance(d, dict)]
        with Session(writer(view)) as s, s.begin():
            for d in lines:
                if d.get("origin") == f"district:{district}":
                    continue  # our own, back again
                try:
                    outcome = decide(
                        s,
                        str(d["uuid_a"]),
                        str(d["uuid_b"]),
                        decision=str(d["decision"]),
                        by=str(d["decided_by"]),
                        score=d.get("score"),
                        reasons=list(d.get("reasons") or []),
                        district=d.get("district_code"),
                        note=d.get("note"),
                        origin=str(d.get("origin") or "central")[:40],
                        at=str(d["at"]),
                        check=False,
                    )
                except (KeyError, ValueError) as exc:
                    raise ExchangeRefused(f"a decision from central is not valid: {exc}") from exc
                received += 1
                if outcome == APPLIED:
                    applied += 1
                    got.append(d)
        since = max(since, int(answer.get("cursor") or since))
        mine = []  # sent once; further rounds only fetch
        if not answer.get("more"):
            break
    if row is None:
        office.add(Setting(key=CURSOR_SETTING, value=str(since)))
    else:
        row.value = str(since)
    if got:
        append_event(
            office,
            action="district_identity_received",
            changes=[
                {
                    "type": "district_identity_decide",
                    "decision": d["decision"],
                    "records": [d["uuid_a"], d["uuid_b"]],
                    "by": d["decided_by"],
                    "origin": d.get("origin"),
                    "at": d["at"],
                }
                for d in got
            ],
            child_uuid=None,
        )
    office.flush()
    return Exchanged(len(_own_lines(view, district)), counts, received, applied)
