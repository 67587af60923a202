"""Monthly CPMIS returns: draft -> submitted (signed) -> accepted or returned -> consolidated.

A CCI's return is started in its own install with the figures its case records know filled
in (and marked computed); the rest is typed into the form. A CWC's or JJB's return is
typed at the district office. Submitting checks the figures, records who submitted and
when, hashes the content and (when this install has a key) signs the hash; the return then
travels in the next bundle (it is a synced record). A submitted return is locked: nothing
edits it again. A correction is a new version, with its reason, that replaces the old one
once submitted. Every step is an audited action.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from bundle_format.canonical import canonical
from desktop.models import CpmisReturn, Institution
from desktop.services.core.audit import audited
from desktop.services.core.context import actor_of
from desktop.services.core.errors import NotAllowed, NotFound, ValidationError
from desktop.services.cpmis.bodies import BodyRef
from desktop.services.cpmis.casesql import Body, compute_case_figures
from desktop.services.cpmis.checks import Finding, check_figures
from reporting.cpmis.catalogue import Catalogue
from reporting.cpmis.derive import Figures
from reporting.cpmis.periods import check_month, month_bounds, previous_month
from reporting.cpmis.quarter import COUNTED, MonthReturn

# A function that signs a return's content hash: returns (key id, base64 signature).
Signer = Callable[[bytes], tuple[str, str]]
RETURN_FORMAT = "clms-cpmis-return"

LOCKED_FIELDS = ("figures", "origins", "remarks", "month", "body_code", "version_no")


def _guard(session: Session, _ctx: object, _instances: object) -> None:
    """Refuse any write that changes the figures of a return that is no longer a draft."""
    for obj in session.dirty:
        if not isinstance(obj, CpmisReturn):
            continue
        state = inspect(obj)
        hist = state.attrs.status.history
        was = hist.deleted[0] if hist.deleted else obj.status
        if was == "draft":
            continue
        for name in LOCKED_FIELDS:
            if state.attrs[name].history.has_changes():
                raise NotAllowed(
                    f"the {obj.month} return of {obj.body_name} (version {obj.version_no}) was "
                    f"submitted and is locked; make a correction (a new version) instead"
                )


if not event.contains(Session, "before_flush", _guard):
    event.listen(Session, "before_flush", _guard)


def versions(session: Session, *, body_code: str, month: str | None = None) -> list[CpmisReturn]:
    """Every version of a body's returns (of one month), oldest first."""
    q = select(CpmisReturn).where(CpmisReturn.body_code == body_code)
    if month is not None:
        q = q.where(CpmisReturn.month == month)
    return list(session.scalars(q.order_by(CpmisReturn.month, CpmisReturn.version_no)))


def latest(session: Session, *, body_code: str, month: str) -> CpmisReturn | None:
    """The newest version of a body's return for a month (a draft correction included)."""
    vs = versions(session, body_code=body_code, month=month)
    return vs[-1] if vs else None


def effective(session: Session, *, body_code: str, month: str) -> CpmisReturn | None:
    """The version that counts for the month: the newest submitted, accepted or consolidated."""
    vs = [r for r in versions(session, body_code=body_code, month=month) if r.status in COUNTED]
    return vs[-1] if vs else None


def get_return(session: Session, uuid: str) -> CpmisReturn:
    """A return by its UUID (NotFound if this install has none)."""
    import uuid as uuid_mod

    r = session.scalars(select(CpmisReturn).where(CpmisReturn.uuid == uuid_mod.UUID(uuid))).first()
    if r is None:
        raise NotFound(f"no CPMIS return {uuid} here")
    return r


def _carry(
    cat: Catalogue, body: BodyRef, last: CpmisReturn | None
) -> tuple[Figures, dict[str, str]]:
    """Entered figures carried from last month: facility figures as they were, opening
    figures from last month's closing ones (CPMIS pre-fills them the same way)."""
    figs: Figures = {}
    origins: dict[str, str] = {}
    if last is None:
        return figs, origins
    for ind in cat.for_body(body.body_type, body.cci_type):
        if ind.kind != "entered":
            continue
        src = ind.carry_from or (
            ind.id if ind.entry in ("facility_profile", "institution_master") else None
        )
        if src and last.figures.get(src):
            figs[ind.id] = dict(last.figures[src])
            origins[ind.id] = "carried"
    return figs, origins


def start_return(
    session: Session, cat: Catalogue, body: BodyRef, *, month: str, today: date
) -> CpmisReturn:
    """Start the draft return of a body for a month (figures carried from last month and,
    for a CCI, counted from its case records)."""
    check_month(month)
    first, _ = month_bounds(month)
    if first > today:
        raise ValidationError({"month": f"{month} has not begun yet"})
    if versions(session, body_code=body.code, month=month):
        raise NotAllowed(f"a return of {body.name} for {month} exists already")
    last = effective(session, body_code=body.code, month=previous_month(month))
    figs, origins = _carry(cat, body, last)
    ret = CpmisReturn(
        body_type=body.body_type,
        body_code=body.code,
        body_name=body.name,
        institution_id=body.institution_id,
        cci_type=body.cci_type,
        state_code=body.state,
        district_code=body.district,
        month=month,
        version_no=1,
        status="draft",
        catalogue_id=cat.id,
        catalogue_version=cat.version,
        catalogue_sha=cat.digest,
        figures=figs,
        origins=origins,
        remarks={},
        created_by=actor_of(session).label,
    )
    with audited(session, f"cpmis_start {body.code} {month}"):
        session.add(ret)
        session.flush()
        if body.body_type == "cci":
            _fill(session, cat, ret, today=today)
    return ret


def _require_draft(ret: CpmisReturn) -> None:
    if ret.status != "draft":
        when = ret.submitted_at.strftime("%d-%m-%Y") if ret.submitted_at else "earlier"
        raise NotAllowed(
            f"the {ret.month} return of {ret.body_name} was submitted ({when}) and is locked; "
            "make a correction (a new version, with its reason) to change it"
        )


def _fill(session: Session, cat: Catalogue, ret: CpmisReturn, *, today: date) -> None:
    inst = session.get(Institution, ret.institution_id)
    if inst is None:
        raise NotFound("the return's institution is not in this database")
    start, end = month_bounds(ret.month)
    counted = compute_case_figures(
        session,
        cat,
        start=start,
        end=min(end, today),
        bodies=[Body(inst.id, ret.cci_type or cat.cci_type_of(inst.type))],
    )[inst.id]
    figs = {k: dict(v) for k, v in ret.figures.items()}
    origins = dict(ret.origins)
    for ind_id, row in counted.items():
        figs[ind_id] = row
        origins[ind_id] = "computed"
    ret.figures, ret.origins, ret.computed_on = figs, origins, today


def fill_computed(session: Session, cat: Catalogue, ret: CpmisReturn, *, today: date) -> None:
    """Count the case-record figures of a CCI's draft again (after the records changed)."""
    _require_draft(ret)
    if ret.body_type != "cci":
        raise NotAllowed("only a CCI's return has figures counted from case records")
    with audited(session, f"cpmis_fill {ret.body_code} {ret.month}"):
        _fill(session, cat, ret, today=today)


def _number(text: Any) -> float | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, bool):
        raise ValueError("not a number")
    v = float(str(text).replace(",", "").strip()) if isinstance(text, str) else float(text)
    if v != v or v < 0:  # NaN or negative
        raise ValueError("not a number of 0 or more")
    return v


def save_entries(
    session: Session,
    cat: Catalogue,
    ret: CpmisReturn,
    *,
    entries: dict[str, dict[str, Any]],
    remarks: dict[str, str] | None = None,
) -> None:
    """Save typed figures (blank = not reported) and remarks into a draft; each wrong figure
    is refused naming "indicator|subgroup". Figures counted from case records are not typed."""
    _require_draft(ret)
    errors: dict[str, str] = {}
    figs = {k: dict(v) for k, v in ret.figures.items()}
    origins = dict(ret.origins)
    for ind_id, row in entries.items():
        ind = cat.indicators.get(ind_id)
        if ind is None or not ind.applies(ret.body_type, ret.cci_type):
            errors[ind_id] = "is not an indicator of this return"
            continue
        if ind.kind != "entered":
            errors[ind_id] = "is counted from the case records, not typed"
            continue
        members = cat.members(ind, ret.cci_type)
        for sg, text in row.items():
            key = f"{ind_id}|{sg}"
            if sg not in members:
                errors[key] = "is not a subgroup of this indicator"
                continue
            try:
                v = _number(text)
            except ValueError:
                errors[key] = f"{text!r} is not a number of 0 or more"
                continue
            if v is not None and ind.decimals == 0 and not v.is_integer():
                errors[key] = "must be a whole number"
                continue
            target = figs.setdefault(ind_id, {})
            if v is None:
                target.pop(sg, None)
            else:
                target[sg] = v
        origins[ind_id] = "entered"
        if not figs.get(ind_id):
            figs.pop(ind_id, None)
    if errors:
        raise ValidationError(errors)
    merged = dict(ret.remarks)
    for k, note in (remarks or {}).items():
        if note and note.strip():
            merged[k] = note.strip()[:2000]
        else:
            merged.pop(k, None)
    with audited(session, f"cpmis_save {ret.body_code} {ret.month}"):
        ret.figures, ret.origins, ret.remarks = figs, origins, merged
        ret.catalogue_id, ret.catalogue_version, ret.catalogue_sha = cat.id, cat.version, cat.digest


def last_quarter_figures(session: Session, ret: CpmisReturn) -> Figures | None:
    """The figures of the same month of the last quarter (to question big changes)."""
    m = previous_month(previous_month(previous_month(ret.month)))
    other = effective(session, body_code=ret.body_code, month=m)
    return dict(other.figures) if other is not None else None


def check_return(session: Session, cat: Catalogue, ret: CpmisReturn) -> list[Finding]:
    """What the checks find on a return (errors, questions, notes)."""
    return check_figures(
        cat,
        body=ret.body_type,
        cci_type=ret.cci_type,
        figs=ret.figures,
        last_quarter=last_quarter_figures(session, ret),
    )


def content_of(ret: CpmisReturn) -> dict[str, Any]:
    """What a return's hash and signature cover."""
    fields = {c: getattr(ret, c) for c in CONTENT_FIELDS}
    fields["uuid"] = str(ret.uuid)
    return content_from(fields)


CONTENT_FIELDS = (
    "body_code",
    "month",
    "version_no",
    "catalogue_id",
    "catalogue_version",
    "catalogue_sha",
    "figures",
    "remarks",
    "supersedes",
    "submitted_by",
    "submitted_at",
)


def content_from(fields: dict[str, Any]) -> dict[str, Any]:
    """The signed content from a return's fields (a record, or its synced copy's data)."""
    return {
        "format": RETURN_FORMAT,
        "uuid": str(fields["uuid"]),
        "body_code": fields["body_code"],
        "month": fields["month"],
        "version_no": int(fields["version_no"]),
        "catalogue": [fields["catalogue_id"], fields["catalogue_version"], fields["catalogue_sha"]],
        "figures": fields["figures"],
        "remarks": fields["remarks"],
        "supersedes": fields["supersedes"],
        "submitted_by": fields["submitted_by"],
        "submitted_at": utc_text(fields["submitted_at"]),
    }


def utc_text(when: datetime | str | None) -> str | None:
    """A time as UTC text (SQLite hands stored times back without their zone; a synced copy
    carries ISO text)."""
    if when is None:
        return None
    if isinstance(when, str):
        when = datetime.fromisoformat(when.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_hash(content: dict[str, Any]) -> bytes:
    """SHA-256 of a return's canonical content."""
    import hashlib

    return hashlib.sha256(canonical(content)).digest()


def submit_return(
    session: Session,
    cat: Catalogue,
    ret: CpmisReturn,
    *,
    today: date,
    signer: Signer | None = None,
    now: datetime | None = None,
) -> list[Finding]:
    """Submit a draft: refused while a check finds an error or a question has no remark.
    Returns the notes. The return is locked from now on."""
    _require_draft(ret)
    _, last_day = month_bounds(ret.month)
    if today <= last_day:
        raise NotAllowed(f"the {ret.month} return can be submitted once the month is over")
    findings = check_return(session, cat, ret)
    errors = {f.key: f.en for f in findings if f.level == "error"}
    errors.update(
        {f.key: f.en for f in findings if f.level == "question" and not ret.remarks.get(f.key)}
    )
    if errors:
        raise ValidationError(errors)
    actor = actor_of(session)
    with audited(session, f"cpmis_submit {ret.body_code} {ret.month} v{ret.version_no}"):
        ret.submitted_by = actor.label
        ret.submitted_at = (now or datetime.now(UTC)).replace(microsecond=0)
        ret.catalogue_id, ret.catalogue_version, ret.catalogue_sha = cat.id, cat.version, cat.digest
        digest = content_hash(content_of(ret))
        ret.content_sha256 = digest.hex()
        if signer is not None:
            ret.signer_key_id, ret.signature = signer(digest)
        ret.status = "submitted"
        for old in versions(session, body_code=ret.body_code, month=ret.month):
            if old.version_no < ret.version_no and old.status != "superseded":
                old.status = "superseded"
    return [f for f in findings if f.level == "note"]


def correct_return(session: Session, ret: CpmisReturn, *, reason: str) -> CpmisReturn:
    """A correction of a submitted (or returned, accepted) return: a new draft version with
    the same figures, saying why; it replaces the old version once submitted."""
    if ret.status == "draft":
        raise NotAllowed("a draft can be changed as it is; no correction is needed")
    if not reason or not reason.strip():
        raise ValidationError({"reason": "say why the return is corrected"})
    newest = latest(session, body_code=ret.body_code, month=ret.month)
    if newest is not None and newest.status == "draft":
        raise NotAllowed(
            f"a correction of the {ret.month} return is already open (version {newest.version_no})"
        )
    top = newest.version_no if newest is not None else ret.version_no
    new = CpmisReturn(
        body_type=ret.body_type,
        body_code=ret.body_code,
        body_name=ret.body_name,
        institution_id=ret.institution_id,
        cci_type=ret.cci_type,
        state_code=ret.state_code,
        district_code=ret.district_code,
        month=ret.month,
        version_no=top + 1,
        status="draft",
        supersedes=str(ret.uuid),
        correction_reason=reason.strip()[:2000],
        catalogue_id=ret.catalogue_id,
        catalogue_version=ret.catalogue_version,
        catalogue_sha=ret.catalogue_sha,
        figures={k: dict(v) for k, v in ret.figures.items()},
        origins=dict(ret.origins),
        remarks=dict(ret.remarks),
        computed_on=ret.computed_on,
        created_by=actor_of(session).label,
    )
    with audited(session, f"cpmis_correct {ret.body_code} {ret.month}: {reason.strip()[:80]}"):
        session.add(new)
        session.flush()
    return new


DECISIONS = ("accepted", "returned", "consolidated")
_FROM = {"accepted": ("submitted",), "returned": ("submitted",), "consolidated": ("accepted",)}


def _decide(ret: CpmisReturn, decision: str, reason: str | None, by: str, at: datetime) -> None:
    if decision not in DECISIONS:
        raise ValidationError({"decision": f"must be one of {', '.join(DECISIONS)}"})
    if decision == "returned" and not (reason and reason.strip()):
        raise ValidationError({"reason": "say why the return goes back"})
    if ret.status not in _FROM[decision]:
        raise NotAllowed(f"a {ret.status} return cannot be {decision}")
    ret.status = decision
    ret.reviewed_by, ret.reviewed_at = by, at
    if reason and reason.strip():
        ret.review_reason = reason.strip()[:2000]


def review_own(
    session: Session, ret: CpmisReturn, *, decision: str, reason: str | None = None
) -> None:
    """The district office accepts or returns a CWC's or JJB's return it holds itself."""
    with audited(session, f"cpmis_review {ret.body_code} {ret.month} {decision}"):
        _decide(ret, decision, reason, actor_of(session).label, datetime.now(UTC))


def apply_decision(
    session: Session,
    *,
    return_uuid: str,
    version_no: int,
    content_sha256: str | None,
    decision: str,
    reason: str | None,
    decided_by: str,
    decided_at: datetime,
) -> bool:
    """A CCI records the district's decision on its return (from a verified notice); False
    if it was recorded before. Refused if the notice is about other content."""
    ret = get_return(session, return_uuid)
    if ret.version_no != version_no or (content_sha256 and ret.content_sha256 != content_sha256):
        raise NotAllowed(
            f"the district's decision is about another version of the {ret.month} return"
        )
    rank = {"draft": -1, "submitted": 0, "accepted": 1, "returned": 1, "consolidated": 2}
    if rank.get(ret.status, 3) >= rank.get(decision, 0):
        return False  # recorded already (or the return moved on: a newer version)
    with audited(session, f"cpmis_decision_received {ret.body_code} {ret.month} {decision}"):
        _decide(ret, decision, reason, decided_by, decided_at)
    return True


def month_returns(session: Session, *, body_code: str, months: list[str]) -> list[MonthReturn]:
    """The counting version of each month that has one (for making the quarter)."""
    out = []
    for m in months:
        r = effective(session, body_code=body_code, month=m)
        if r is not None:
            out.append(MonthReturn(r.month, r.status, dict(r.figures), r.submitted_at))
    return out


def signature_b64(sig: bytes) -> str:
    """A signature as stored on a return."""
    return base64.b64encode(sig).decode("ascii")
