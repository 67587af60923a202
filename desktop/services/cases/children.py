"""Use-cases on the child record: register, update, find, discharge, transfer."""

from __future__ import annotations

import uuid as uuid_mod
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.models import CategoryChange, Child, DirectoryEntry, DocumentItem, Transfer
from desktop.models.enums import EXIT_STATUSES, ChildStatus, Gender, Referral
from desktop.rules.policy import Policy, load_policy
from desktop.services.cases.codes import make_code, normalise_code
from desktop.services.core.audit import audited
from desktop.services.core.context import actor_of
from desktop.services.core.errors import NotAllowed, NotFound, ValidationError
from desktop.services.core.names import name_key
from desktop.services.core.validation import (
    Collector,
    age_on,
    clean_aadhaar,
    clean_choice,
    clean_name,
    clean_text,
    dob_from_estimated_age,
    parse_date,
)
from desktop.services.install.institution import is_training_folder, local_institution

MAX_AGE_YEARS = 21


@dataclass
class ChildInput:
    """What a caseworker types to register a child (all text, as from a form or a CSV row)."""

    first_name: str | None = None
    last_name: str | None = None
    name_local: str | None = None
    gender: str | None = None
    dob: str | date | None = None
    estimated_age: float | str | None = None
    identification_marks: str | None = None
    aadhaar: str | None = None
    disability: str | None = None
    languages: str | None = None
    admission_date: str | date | None = None
    referral: str | None = "other"
    admission_order_no: str | None = None
    produced_before_cwc_on: str | date | None = None
    medical_exam_on: str | date | None = None
    category_code: int | str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def validate_child(
    data: ChildInput, *, today: date, policy: Policy | None = None
) -> dict[str, Any]:
    """Check a registration; returns clean column values or raises ValidationError."""
    policy = policy or load_policy()
    c = Collector()
    v: dict[str, Any] = {}
    v["first_name"] = c.check("first_name", clean_name, data.first_name, required=True)
    v["last_name"] = c.check("last_name", clean_name, data.last_name, required=False)
    v["name_local"] = c.check(
        "name_local", clean_name, data.name_local, required=False, max_len=200
    )
    v["gender"] = c.check("gender", clean_choice, data.gender, Gender)
    v["referral"] = c.check("referral", clean_choice, data.referral or "other", Referral)
    v["identification_marks"] = c.check(
        "identification_marks", clean_text, data.identification_marks, max_len=500
    )
    v["disability"] = c.check("disability", clean_text, data.disability, max_len=200)
    v["languages"] = c.check("languages", clean_text, data.languages, max_len=200)
    v["admission_order_no"] = c.check(
        "admission_order_no", clean_text, data.admission_order_no, max_len=80
    )
    v["aadhaar"] = c.check("aadhaar", clean_aadhaar, data.aadhaar)
    admission = c.check("admission_date", parse_date, data.admission_date, required=True)
    if admission and admission > today:
        c.fail("admission_date", "cannot be in the future")
    v["admission_date"] = admission
    for f in ("produced_before_cwc_on", "medical_exam_on"):
        d = c.check(f, parse_date, getattr(data, f))
        if d and d > today:
            c.fail(f, "cannot be in the future")
        if d and admission and d < admission:
            c.fail(f, "cannot be before the admission date")
        v[f] = d
    dob = c.check("dob", parse_date, data.dob)
    est = data.estimated_age
    if dob is None and (est is None or str(est).strip() == ""):
        c.fail("dob", "give the date of birth or an estimated age")
    elif dob is not None:
        if dob > today:
            c.fail("dob", "cannot be in the future")
        elif admission and dob > admission:
            c.fail("dob", "cannot be after the admission date")
        elif age_on(dob, admission or today) > MAX_AGE_YEARS:
            c.fail("dob", f"the child would be over {MAX_AGE_YEARS} at admission")
        v["dob"], v["dob_estimated"] = dob, False
    else:
        try:
            age = float(str(est).strip())
        except ValueError:
            c.fail("estimated_age", f"'{est}' is not a number of years")
        else:
            if not 0 <= age <= MAX_AGE_YEARS:
                c.fail("estimated_age", f"must be between 0 and {MAX_AGE_YEARS} years")
            else:
                v["dob"] = dob_from_estimated_age(age, admission or today)
                v["dob_estimated"] = True
    if data.category_code not in (None, ""):
        try:
            code = int(str(data.category_code).strip())
            policy.category(code)
            v["category_code"] = code
        except (ValueError, LookupError) as exc:
            c.fail("category_code", str(exc) if "category" in str(exc) else "must be a number")
    else:
        v["category_code"] = None
    c.raise_if_any()
    return v


def next_serial(session: Session, prefix: str) -> int:
    """The next free serial for codes starting with `prefix` ("SS-DDD-IIII-YYYY-")."""
    n = len(prefix)
    top = session.execute(
        text(
            "SELECT max(CAST(substr(code, :start, length(code) - :cut) AS INTEGER)) "
            "FROM child WHERE code LIKE :like"
        ),
        {"start": n + 1, "cut": n + 2, "like": prefix + "%"},
    ).scalar()
    return int(top or 0) + 1


def sync_documents(
    session: Session, child: Child, *, policy: Policy, today: date, since: date | None = None
) -> None:
    """Make the checklist match the category: add missing items, retire unneeded ones.

    `since` is the date the category took effect: the status of every item it changes is
    dated then (a rules run for an earlier date sees the checklist as it was).
    """
    on = since or today
    needed = policy.required_documents(child.category_code, age_years=age_on(child.dob, today))
    have = {
        d.doc_type: d
        for d in session.scalars(select(DocumentItem).where(DocumentItem.child_id == child.id))
    }
    for t in needed:
        item = have.get(t)
        if item is None:
            session.add(
                DocumentItem(child_id=child.id, doc_type=t, status="required", status_on=on)
            )
        elif item.status == "not_applicable" and item.note == "not required for this category":
            item.status, item.note, item.status_on = "required", None, on
    for t, item in have.items():
        if t not in needed and item.status == "required":
            item.status, item.note = "not_applicable", "not required for this category"
            item.status_on = on


def register_child(
    session: Session,
    data: ChildInput,
    *,
    today: date | None = None,
    category_reason: str = "category at admission",
    policy: Policy | None = None,
) -> Child:
    """Register a child: validate, give a code, start the documents checklist."""
    today = today or date.today()
    policy = policy or load_policy()
    v = validate_child(data, today=today, policy=policy)
    if v["aadhaar"]:
        other = session.scalars(select(Child.code).where(Child.aadhaar == v["aadhaar"])).first()
        if other:
            raise ValidationError(
                {"aadhaar": f"this Aadhaar is already recorded for child {other}"}
            )
    inst = local_institution(session)
    prefix = make_code(
        state=inst.state_code,
        district=inst.district_code,
        institution=inst.code,
        year=v["admission_date"].year,
        serial=0,
    )[:-7]
    child = Child(
        uuid=uuid_mod.uuid4(),
        institution_id=inst.id,
        code=make_code(
            state=inst.state_code,
            district=inst.district_code,
            institution=inst.code,
            year=v["admission_date"].year,
            serial=next_serial(session, prefix),
        ),
        name_key=name_key(v["first_name"], v["last_name"]) or name_key(v["name_local"]),
        status=ChildStatus.IN_CARE.value,
        **v,
    )
    with audited(session, "register_child", child=child):
        session.add(child)
        session.flush()
        if child.category_code is not None:
            session.add(
                CategoryChange(
                    child_id=child.id,
                    from_code=None,
                    to_code=child.category_code,
                    effective_on=child.admission_date,
                    changed_by=actor_of(session).label,
                    reason=category_reason,
                )
            )
        sync_documents(session, child, policy=policy, today=today, since=child.admission_date)
    return child


UPDATABLE = (
    "first_name last_name name_local gender dob estimated_age identification_marks aadhaar "
    "disability languages admission_date referral admission_order_no produced_before_cwc_on "
    "medical_exam_on"
).split()
# Who the child is: a correction of these needs a reason, kept in the audit trail.
IDENTITY_FIELDS = frozenset(
    {"first_name", "last_name", "name_local", "gender", "dob", "dob_estimated", "aadhaar"}
)
WHY_IDENTITY = "is needed when the name, date of birth, Aadhaar or gender changes"


def update_child(
    session: Session,
    child: Child,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    today: date | None = None,
    policy: Policy | None = None,
) -> Child:
    """Correct identity/admission fields of a child, re-validating the whole record.

    A change of name, date of birth, Aadhaar or gender needs `reason` (ValidationError
    on "reason" otherwise); the reason is kept with the before/after in the audit trail.
    """
    today = today or date.today()
    policy = policy or load_policy()
    unknown = set(changes) - set(UPDATABLE)
    if unknown:
        raise ValidationError({k: "cannot be changed here" for k in sorted(unknown)})
    current = ChildInput(
        **{k: getattr(child, k) for k in UPDATABLE if k != "estimated_age" and hasattr(child, k)},
        category_code=child.category_code,
    )
    if child.dob_estimated and "dob" not in changes and "estimated_age" not in changes:
        current.dob = child.dob  # keep the stored estimate as it is
    for k, val in changes.items():
        setattr(current, k, val)
    if "estimated_age" in changes:
        current.dob = None
    c = Collector()
    why = c.check("reason", clean_text, reason, max_len=500)
    try:
        v = validate_child(current, today=today, policy=policy)
    except ValidationError as exc:
        if not why and changes.keys() & (IDENTITY_FIELDS | {"estimated_age"}):
            exc.errors.setdefault("reason", WHY_IDENTITY)
        raise ValidationError({**c.errors, **exc.errors}) from None
    c.raise_if_any()
    if v["aadhaar"] and v["aadhaar"] != child.aadhaar:
        other = session.scalars(
            select(Child.code).where(Child.aadhaar == v["aadhaar"], Child.id != child.id)
        ).first()
        if other:
            raise ValidationError(
                {"aadhaar": f"this Aadhaar is already recorded for child {other}"}
            )
    if "dob" in changes and "estimated_age" not in changes:
        # a typed date of birth is exact; the same date typed again changes nothing
        v["dob_estimated"] = child.dob_estimated if v["dob"] == child.dob else False
    elif "dob" not in changes and "estimated_age" not in changes:
        v["dob_estimated"] = child.dob_estimated
    v.pop("category_code", None)
    changed = {k: val for k, val in v.items() if getattr(child, k) != val}
    if changed.keys() & IDENTITY_FIELDS and not why:
        raise ValidationError({"reason": WHY_IDENTITY})
    with audited(session, "update_child", child=child, reason=why):
        for k, val in changed.items():
            setattr(child, k, val)
        child.name_key = name_key(child.first_name, child.last_name) or name_key(child.name_local)
        if "dob" in changed:  # some documents depend on the child's age
            sync_documents(session, child, policy=policy, today=today)
    return child


def get_child(session: Session, ref: str) -> Child:
    """A child by code (dashes optional) or UUID; NotFound otherwise."""
    ref = ref.strip()
    code = normalise_code(ref) or ref
    child = session.scalars(select(Child).where(Child.code == code)).first()
    if child is None:
        try:
            child = session.scalars(select(Child).where(Child.uuid == uuid_mod.UUID(ref))).first()
        except ValueError:
            child = None
    if child is None:
        raise NotFound(f"no child with code {ref}")
    return child


def _require_in_care(child: Child) -> None:
    if child.status != ChildStatus.IN_CARE.value:
        raise NotAllowed(f"child {child.code} has already left care ({child.status})")


def check_exit(
    child: Child,
    *,
    status: str | None,
    exit_date: str | date | None,
    reason: str | None,
    order_no: str | None = None,
    today: date,
) -> dict[str, Any]:
    """An exit from care checked without writing (for the exit, or a request for it)."""
    _require_in_care(child)
    c = Collector()
    st = c.check("status", clean_choice, status, ChildStatus)
    if st is not None and st not in EXIT_STATUSES:
        c.fail("status", "choose how the child left care (e.g. restored, adopted)")
    if st == ChildStatus.TRANSFERRED.value:
        c.fail("status", "use transfer for a move to another CCI")
    d = c.check("exit_date", parse_date, exit_date, required=True)
    if d and d > today:
        c.fail("exit_date", "cannot be in the future")
    if d and d < child.admission_date:
        c.fail("exit_date", "cannot be before the admission date")
    why = c.check("reason", clean_text, reason, required=True, max_len=2000)
    order = c.check("order_no", clean_text, order_no, max_len=80)
    c.raise_if_any()
    return {"status": st, "exit_date": d, "reason": why, "order_no": order}


def discharge(
    session: Session,
    child: Child,
    *,
    status: str,
    exit_date: str | date,
    reason: str,
    order_no: str | None = None,
    today: date | None = None,
) -> Child:
    """Close a case: restored, adopted, foster, aged out, absconded or deceased."""
    v = check_exit(
        child,
        status=status,
        exit_date=exit_date,
        reason=reason,
        order_no=order_no,
        today=today or date.today(),
    )
    with audited(session, "discharge", child=child):
        child.status, child.exit_date = v["status"], v["exit_date"]
        child.exit_reason, child.exit_order_no = v["reason"], v["order_no"]
    return child


def check_transfer(
    child: Child,
    *,
    to_institution: str | None,
    transfer_date: str | date | None,
    order_no: str | None,
    reason: str | None = None,
    today: date,
) -> dict[str, Any]:
    """A transfer to another CCI checked without writing (for it, or a request for it)."""
    _require_in_care(child)
    c = Collector()
    other = c.check("to_institution", clean_text, to_institution, required=True, max_len=200)
    d = c.check("transfer_date", parse_date, transfer_date, required=True)
    if d and d > today:
        c.fail("transfer_date", "cannot be in the future")
    if d and d < child.admission_date:
        c.fail("transfer_date", "cannot be before the admission date")
    order = c.check("order_no", clean_text, order_no, required=True, max_len=80)
    why = c.check("reason", clean_text, reason, max_len=2000)
    c.raise_if_any()
    return {"to_institution": other, "transfer_date": d, "order_no": order, "reason": why}


def transfer_out(
    session: Session,
    child: Child,
    *,
    to_institution: str,
    transfer_date: str | date,
    order_no: str | None,
    reason: str | None = None,
    today: date | None = None,
    to_institution_uuid: str | None = None,
) -> Transfer:
    """Record a transfer of the child to another CCI (closes the case here).

    `to_institution_uuid`: the receiving CCI chosen from the directory of institutions
    (then the child's record goes with a transfer packet, `sync_client.transfers.packets`);
    None: a home outside the system, named in free text."""
    v = check_transfer(
        child,
        to_institution=to_institution,
        transfer_date=transfer_date,
        order_no=order_no,
        reason=reason,
        today=today or date.today(),
    )
    d, other, order = v["transfer_date"], v["to_institution"], v["order_no"]
    t = Transfer(
        child_id=child.id,
        direction="out",
        transfer_date=d,
        other_institution=other,
        other_institution_uuid=to_institution_uuid,
        order_no=order,
        reason=v["reason"],
    )
    with audited(session, "transfer", child=child):
        session.add(t)
        child.status, child.exit_date = ChildStatus.TRANSFERRED.value, d
        child.exit_reason = f"transferred to {other}"
        child.exit_order_no = order
    return t


PRACTICE_TRANSFER = (
    "this is a practice folder with made-up children: a child cannot be transferred from "
    "it to a CCI of the directory (its record would go to that CCI at the next sync)"
)


def receiving_cci(session: Session, to_uuid: str | None) -> DirectoryEntry:
    """The receiving CCI chosen from the directory of institutions (from the receipts of
    central or the district office); ValidationError on `to_uuid` if it is not there or
    has no transfer key yet (a packet could not be made for it)."""
    to = session.get(DirectoryEntry, str(to_uuid or ""))
    if to is None:
        raise ValidationError(
            {"to_uuid": "choose the receiving CCI from the directory of institutions"}
        )
    if not to.enc_public:
        raise ValidationError(
            {"to_uuid": f"{to.name} has no transfer key yet: it must sync once first"}
        )
    return to


def transfer_to_cci(
    session: Session,
    child: Child,
    *,
    to_uuid: str,
    transfer_date: str | date,
    order_no: str | None,
    reason: str | None = None,
    today: date | None = None,
) -> Transfer:
    """Record the transfer out to a CCI of the directory (the case closes here): the
    transfer names it by its uuid, so its packet (the child's whole record) is built and
    signed at the next sync (`sync_client.transfers.packets.build_waiting_packets`). Refused in a
    practice folder."""
    if is_training_folder(session):
        raise NotAllowed(PRACTICE_TRANSFER)
    to = receiving_cci(session, to_uuid)
    return transfer_out(
        session,
        child,
        to_institution=to.name,
        to_institution_uuid=to.uuid,
        transfer_date=transfer_date,
        order_no=order_no,
        reason=reason,
        today=today,
    )


def count_children(session: Session) -> int:
    """Number of children on record."""
    return int(session.scalar(select(func.count()).select_from(Child)) or 0)
