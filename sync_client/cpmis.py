"""CPMIS across installs: signing returns, the district's decisions going back to the CCIs on
the USB stick, figures the district view can offer for CWC returns, and consolidating a
district's quarter from the bundles it took in.

Layout on the stick (beside bundles and receipts, see `usb.py`):

    CLMS/cpmis/<institution uuid>/<return uuid>-v<version>.notice

A notice is the district's decision on one version of one return, signed with the
district's key (canonical JSON, like a receipt); the CCI trusts it only if the signature
verifies against the district key it imported, and only for the content it submitted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bundle_format.canonical import canonical
from bundle_format.keys import OwnKeys, PublicKeys, b64, unb64
from central.models import Enrolment, MergedRecord
from desktop.models import CpmisConsolidation
from desktop.rules.policy import load_policy
from desktop.services.core.audit import audited
from desktop.services.core.context import actor_of
from desktop.services.core.errors import ServiceError
from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.bodies import district_bodies
from desktop.services.cpmis.caseplan import age_on, band_of_age
from desktop.services.cpmis.review import (
    Received,
    counting_versions,
    decide,
    decision_fields,
    decisions,
    effective_status,
)
from desktop.services.cpmis.store import save_table
from reporting.cpmis.areas import Area, district_area, institution_area, state_area
from reporting.cpmis.catalogue import Catalogue
from reporting.cpmis.consolidate import (
    ACCEPTED,
    AreaTable,
    BodyFigures,
    body_quarter,
    cci_quarter,
    consolidate,
    table_digest,
)
from reporting.cpmis.periods import month_bounds, quarter_months
from reporting.cpmis.quarter import MonthReturn
from sync_client.exchange.outbox import peer_keys
from sync_client.exchange.usb import ROOT, write_atomic

NOTICE_FORMAT = "clms-cpmis-decision"
NOTICE_SUFFIX = ".notice"


def notices_dir(folder: Path) -> Path:
    """Where the district's decisions go on the stick."""
    return Path(folder) / ROOT / "cpmis"


def return_signer(keys: OwnKeys) -> rt.Signer:
    """A signer for return submissions with this install's own key."""
    kid = keys.public().sign_key_id

    def sign(digest: bytes) -> tuple[str, str]:
        return kid, b64(keys.sign.sign(digest))

    return sign


# -- at the district office ----------------------------------------------------------------


def _check_signature(data: dict[str, Any], record_uuid: str, enrolment: Enrolment | None) -> str:
    try:
        digest = rt.content_hash(rt.content_from({**data, "uuid": record_uuid}))
    except (KeyError, TypeError, ValueError):
        return "altered"
    if data.get("content_sha256") != digest.hex():
        return "altered"
    if not data.get("signature"):
        return "missing"
    if enrolment is None or data.get("signer_key_id") != enrolment.key_id:
        return "invalid"
    pub = PublicKeys("institution", enrolment.name, unb64(enrolment.sign_key), None)
    try:
        pub.verifier().verify(unb64(str(data["signature"])), digest)
    except (InvalidSignature, ValueError):
        return "invalid"
    return "valid"


def received_returns(view: Engine, *, district_code: int) -> list[Received]:
    """The CCIs' returns this office took in (every version), with their signature checked."""
    out = []
    with Session(view) as s:
        enrolled = {e.uuid: e for e in s.scalars(select(Enrolment))}
        rows = s.execute(
            select(
                MergedRecord.record_uuid, MergedRecord.data, MergedRecord.institution_uuid
            ).where(MergedRecord.type == "cpmis_return", MergedRecord.deleted.is_(False))
        ).all()
    for record_uuid, data, inst_uuid in rows:
        if not data or data.get("district_code") != district_code or data.get("status") == "draft":
            continue
        out.append(
            Received(
                uuid=record_uuid,
                version_no=int(data["version_no"]),
                body_code=str(data["body_code"]),
                body_name=str(data["body_name"]),
                institution_uuid=str(data.get("institution_uuid") or inst_uuid),
                state_code=int(data["state_code"]),
                district_code=int(data["district_code"]),
                cci_type=data.get("cci_type"),
                month=str(data["month"]),
                status=str(data["status"]),
                figures=dict(data.get("figures") or {}),
                content_sha256=data.get("content_sha256"),
                submitted_at=data.get("submitted_at"),
                submitted_by=data.get("submitted_by"),
                signature_check=_check_signature(data, record_uuid, enrolled.get(inst_uuid)),
                data=dict(data),
            )
        )
    return sorted(out, key=lambda r: (r.body_name, r.month, r.version_no))


def _notice(keys: OwnKeys, body: dict[str, Any]) -> bytes:
    sig = keys.sign.sign(canonical(body))
    return canonical({"notice": body, "signer": keys.public().sign_key_id, "signature": b64(sig)})


def write_notices(session: Session, *, keys: OwnKeys, folder: Path) -> int:
    """Write every decision on a CCI's return to the stick (signed); returns files written."""
    if not Path(folder).is_dir():
        raise ServiceError(f"the folder {folder} does not exist (is the USB stick plugged in?)")
    written = 0
    for (uuid, version), d in sorted(decisions(session).items()):
        if not d.institution_uuid:
            continue  # the office's own CWC/JJB returns
        body = {"format": NOTICE_FORMAT, "version": 1, **decision_fields(d)}
        path = notices_dir(folder) / d.institution_uuid / f"{uuid}-v{version}{NOTICE_SUFFIX}"
        data = _notice(keys, body)
        if not (path.exists() and path.read_bytes() == data):
            write_atomic(path, data)
            written += 1
    return written


# -- at the CCI ------------------------------------------------------------------------------


@dataclass
class NoticeImport:
    """What reading the district's decisions from a stick did."""

    applied: list[tuple[str, int, str]] = field(default_factory=list)  # month, version, decision
    repeated: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # file, why


def _verify_notice(data: bytes, trusted: list[PublicKeys]) -> dict[str, Any]:
    try:
        env = json.loads(data.decode("utf-8"))
        body, signer, sig = env["notice"], str(env["signer"]), unb64(str(env["signature"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ServiceError("the file is damaged or is not a CPMIS decision") from exc
    if not isinstance(body, dict) or body.get("format") != NOTICE_FORMAT:
        raise ServiceError("the file is not a CPMIS decision")
    key = next((k for k in trusted if k.sign_key_id == signer and k.role == "district"), None)
    if key is None:
        raise ServiceError("signed by a key this computer does not know as its district's")
    try:
        key.verifier().verify(sig, canonical(body))
    except InvalidSignature as exc:
        raise ServiceError("the signature does not match: the decision cannot be trusted") from exc
    return dict(body)


def import_notices(session: Session, *, folder: Path, institution_uuid: str) -> NoticeImport:
    """Record the district's decisions found on the stick for this CCI's returns."""
    out = NoticeImport()
    trusted = peer_keys(session, active_only=False)
    for path in sorted((notices_dir(folder) / institution_uuid).glob("*" + NOTICE_SUFFIX)):
        try:
            body = _verify_notice(path.read_bytes(), trusted)
            if body.get("institution_uuid") != institution_uuid:
                raise ServiceError("the decision is about another CCI's return")
            with session.begin_nested():
                done = rt.apply_decision(
                    session,
                    return_uuid=str(body["return_uuid"]),
                    version_no=int(body["version_no"]),
                    content_sha256=body.get("content_sha256"),
                    decision=str(body["decision"]),
                    reason=body.get("reason"),
                    decided_by=str(body["decided_by"]),
                    decided_at=datetime.fromisoformat(
                        str(body["decided_at"]).replace("Z", "+00:00")
                    ),
                )
        except (ServiceError, OSError, KeyError, ValueError) as exc:
            out.refused.append((path.name, str(exc)))
            continue
        if done:
            ret = rt.get_return(session, str(body["return_uuid"]))
            out.applied.append((ret.month, ret.version_no, ret.status))
        else:
            out.repeated += 1
    return out


# -- figures the district view knows, offered for the CWC's return ---------------------------


def _district_records(
    view: Engine, district: int
) -> tuple[dict[str, Any], dict[str, Any], list[Any]]:
    with Session(view) as s:
        insts = {
            e.uuid for e in s.scalars(select(Enrolment).where(Enrolment.district_code == district))
        }
        rows = s.execute(
            select(MergedRecord.type, MergedRecord.record_uuid, MergedRecord.data).where(
                MergedRecord.institution_uuid.in_(insts),
                MergedRecord.type.in_(("institution", "child", "cwc_order")),
                MergedRecord.deleted.is_(False),
            )
        ).all()
    institutions = {u: d for t, u, d in rows if t == "institution" and d}
    # A record merged into another of the same child (issue 20) is not a child of its own.
    kids = {u: d for t, u, d in rows if t == "child" and d and not d.get("merged_into_uuid")}
    orders = [d for t, _u, d in rows if t == "cwc_order" and d]
    return institutions, kids, orders


def _day(v: Any) -> date | None:
    return date.fromisoformat(str(v)[:10]) if v else None


def offers(
    view: Engine, cat: Catalogue, *, district: int, month: str
) -> dict[str, dict[str, float]]:
    """Figures of a CWC's return the district's CCIs' records already know, for the month:
    children produced before the CWC, LFA declarations, final orders, children in CCIs and
    SAAs on the last day. Offered to the person typing the return, never filled silently."""
    first, last = month_bounds(month)
    institutions, kids, orders = _district_records(view, district)
    classes = {c.code: c.legal_class for c in load_policy().categories.values()}
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def add_sexage(ind_id: str, kid: dict[str, Any], day: date) -> None:
        ind = cat.indicators[ind_id]
        sex = {"male": "boys", "female": "girls"}.get(str(kid.get("gender")), "transgender")
        dob = _day(kid.get("dob"))
        row = out[ind_id]
        row["total"] += 1
        members = cat.sets[ind.subgroup_set].members
        if sex in members:
            row[sex] += 1
        band = band_of_age(cat, ind.subgroup_set, age_on(dob, day)) if dob else None
        if band and f"{sex}_{band}" in members:
            row[f"{sex}_{band}"] += 1

    for kid in kids.values():
        prod = _day(kid.get("produced_before_cwc_on"))
        if prod and first <= prod <= last:
            add_sexage("cwc.new.total", kid, prod)
        adm, ex = _day(kid.get("admission_date")), _day(kid.get("exit_date"))
        if adm and adm <= last and (ex is None or ex > last):
            inst = institutions.get(str(kid.get("institution_uuid")), {})
            sg = "pl_saa" if inst.get("type") == "saa" else "pl_cci"
            out["cwc.cases.end_by_placement"][sg] += 1
    for o in orders:
        when = _day(o.get("order_date"))
        kid = kids.get(str(o.get("child_uuid")))
        if kid is None or when is None or not first <= when <= last:
            continue
        if o.get("order_type") == "final":
            add_sexage("cwc.disposed.total", kid, when)
        elif o.get("order_type") == "lfa_declaration":
            cls = classes.get(kid.get("category_code"), "other")
            kind = {"orphan": "orphaned", "abandoned": "abandoned"}.get(cls, "lfa_other")
            sex = {"male": "boys", "female": "girls"}.get(str(kid.get("gender")))
            row = out["cwc.lfa.declared"]
            row["total"] += 1
            row[kind] += 1
            if sex:
                row[sex] += 1
                row[f"{kind}_{sex}"] += 1
    return {k: dict(v) for k, v in out.items()}


# -- consolidating the district's quarter ----------------------------------------------------


@dataclass(frozen=True)
class DistrictQuarter:
    """What a consolidation made: the district's table, the bodies' tables, what went in."""

    district: AreaTable
    bodies: list[AreaTable]
    inputs: list[dict[str, Any]]
    provisional: list[str]


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(str(text).replace("Z", "+00:00")) if text else None


def _cci_area(view: Engine, inst_uuid: str, state: int, district: int) -> tuple[Area, str | None]:
    with Session(view) as s:
        rec = s.scalars(
            select(MergedRecord.data).where(
                MergedRecord.type == "institution", MergedRecord.record_uuid == inst_uuid
            )
        ).first()
        enr = s.get(Enrolment, inst_uuid)
    data = rec or {}
    name = str(data.get("name") or (enr.name if enr else inst_uuid))
    code = int(data.get("code") or 0)
    return institution_area(state, district, code, name, data.get("name_local")), data.get("type")


def consolidate_district(
    session: Session,
    view: Engine,
    cat: Catalogue,
    *,
    quarter: str,
    state: int,
    district: int,
) -> DistrictQuarter:
    """Consolidate the district's quarter: every CCI's accepted returns (from the bundles) and
    the office's own accepted CWC/JJB returns, up to the district; values stored, the act
    recorded (audited) and the returns that went in marked consolidated."""
    months = quarter_months(quarter)
    received = [r for r in received_returns(view, district_code=district) if r.month in months]
    decided = decisions(session)
    counting = counting_versions(received, decided)
    d_area, s_area = district_area(state, district), state_area(state)
    areas: dict[str, Area] = {d_area.id: d_area, s_area.id: s_area}
    bodies: list[BodyFigures] = []
    inputs: list[dict[str, Any]] = []
    provisional: list[str] = []
    with Session(view) as vs:
        enrolled = [
            e.uuid for e in vs.scalars(select(Enrolment).where(Enrolment.district_code == district))
        ]
    by_inst: dict[str, list[Received]] = defaultdict(list)
    for r in received:
        by_inst[str(r.institution_uuid)].append(r)
    for inst_uuid in sorted(set(enrolled) | set(by_inst)):
        area, inst_type = _cci_area(view, inst_uuid, state, district)
        rets = by_inst.get(inst_uuid, [])
        cci_type = next((r.cci_type for r in rets if r.cci_type), None)
        if cci_type is None and inst_type:
            cci_type = cat.cci_type_of(inst_type)
        code = rets[0].body_code if rets else f"cci:{inst_uuid}"
        month_rows = []
        for m in months:
            of_month = [r for r in rets if r.month == m]
            if not of_month:
                continue
            newest = max(of_month, key=lambda r: r.version_no)
            use = counting.get((code, m))
            shown = use if use is not None else newest
            month_rows.append(
                MonthReturn(
                    m,
                    effective_status(shown, decided),
                    use.figures if use is not None else {},
                    _when(shown.submitted_at),
                )
            )
            if use is not None:
                inputs.append(
                    {"uuid": use.uuid, "version_no": use.version_no, "sha": use.content_sha256}
                )
        bf = cci_quarter(cat, area, cci_type=cci_type, quarter=quarter, months=month_rows)
        if bf.footnote:
            provisional.append(f"{area.name}: {bf.footnote}")
        bodies.append(bf)
        areas[area.id] = area
    for body in district_bodies(session, state=state, district=district):
        mrs = rt.month_returns(session, body_code=body.code, months=months)
        bf = body_quarter(cat, body.area, body_type=body.body_type, quarter=quarter, months=mrs)
        if bf.footnote:
            provisional.append(f"{body.name}: {bf.footnote}")
        bodies.append(bf)
        areas[body.area.id] = body.area
        for m in months:
            eff = rt.effective(session, body_code=body.code, month=m)
            if eff is not None and eff.status in ACCEPTED:
                inputs.append(
                    {"uuid": str(eff.uuid), "version_no": eff.version_no, "sha": eff.content_sha256}
                )
    tables = consolidate(cat, bodies, areas=areas)
    footnote = "; ".join(provisional) or None
    for area_id, t in tables.items():
        if area_id == s_area.id:
            continue  # the state's figure is central's: it has every district
        save_table(
            session,
            cat,
            area=t.area,
            period=quarter,
            table=t.table,
            origin="consolidated",
            footnote=t.footnote or (footnote if area_id == d_area.id else None),
        )
    with audited(session, f"cpmis_review consolidate {d_area.id} {quarter}"):
        session.add(
            CpmisConsolidation(
                quarter=quarter,
                area_id=d_area.id,
                catalogue_id=cat.id,
                catalogue_version=cat.version,
                inputs=inputs,
                values_sha256=table_digest(tables[d_area.id].table),
                consolidated_by=actor_of(session).label,
                footnote=footnote,
            )
        )
        session.flush()
    for c in counting.values():
        if effective_status(c, decided) == "accepted":
            decide(session, received=c, decision="consolidated")
    for body in district_bodies(session, state=state, district=district):
        for m in months:
            eff = rt.effective(session, body_code=body.code, month=m)
            if eff is not None and eff.status == "accepted":
                with audited(session, f"cpmis_review {body.code} {m} consolidated"):
                    eff.status = "consolidated"
    body_tables = [t for k, t in tables.items() if k not in (d_area.id, s_area.id)]
    return DistrictQuarter(tables[d_area.id], body_tables, inputs, provisional)
