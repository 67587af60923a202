"""The rescue case: open it on a child's record, correct it, record the CWC and restoration.

A case's fields come as text (a form, a register row) and are checked all together; one
submit reports every problem, each under its field, and nothing is written unless all
of them pass. Every write refreshes the case's ledger lines, entitlements and follow-up
schedule in the same transaction (`derive.refresh_case`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, CltsCase
from desktop.rules.clts_policy import CltsPolicy, load_clts_policy
from desktop.services.clts import common
from desktop.services.clts.case_ids import next_case_id, valid_case_id
from desktop.services.clts.derive import refresh_case
from desktop.services.core import lgd
from desktop.services.core.audit import audited
from desktop.services.core.errors import NotAllowed, NotFound, ValidationError
from desktop.services.core.validation import Collector, age_on, clean_text
from desktop.services.install.institution import local_institution

TEXT_FIELDS: dict[str, int] = {
    "rescue_district_name": 120,
    "rescue_block": 120,
    "rescue_village": 120,
    "rescue_place": 300,
    "agency_other": 120,
    "raid_ref": 80,
    "establishment": 200,
    "employer_name": 200,
    "employer_address": 500,
    "industry_other": 120,
    "fir_police_station": 120,
    "fir_no": 40,
    "prosecution_court": 120,
    "origin_district_name": 120,
    "origin_block": 120,
    "origin_village": 120,
    "cwc_name": 200,
    "final_order_no": 80,
    "transfer_to": 200,
    "home_confirmed_by": 200,
    "bank_name": 120,
    "bank_branch": 120,
    "school_name": 200,
    "school_class": 20,
    "legacy_id": 40,
    "notes": 4000,
}
FLAG_FIELDS = ("hazardous", "bonded", "trafficked", "in_school_at_rescue", "bank_aadhaar_linked")
DATE_FIELDS = (
    "rescue_on",
    "fir_on",
    "prosecution_filed_on",
    "prosecution_disposed_on",
    "produced_on",
    "interim_order_on",
    "final_order_on",
    "restored_on",
    "home_confirmed_on",
    "physically_verified_on",
    "enrolled_on",
)
OTHER_FIELDS = (
    "rescue_state",
    "rescue_district",
    "agencies",
    "employer_phone",
    "industry",
    "deployed_by",
    "work_months",
    "hours_per_day",
    "days_per_week",
    "wage_per_month",
    "wages_due",
    "fir_sections",
    "prosecution_outcome",
    "fine_amount",
    "origin_state",
    "origin_district",
    "interim_order",
    "final_order",
    "cm_relief_refusal",
    "bank_account_no",
    "bank_ifsc",
    "bank_aadhaar_last4",
    "school_type",
)
FIELDS = frozenset((*TEXT_FIELDS, *FLAG_FIELDS, *DATE_FIELDS, *OTHER_FIELDS))
SCHOOL_TYPES = ("govt", "private", "nclp", "none")


def _state(c: Collector, field: str, value: object, *, required: bool) -> int | None:
    if value is None or str(value).strip() == "":
        if required:
            c.fail(field, "is required")
        return None
    try:
        code = int(str(value).strip())
    except ValueError:
        match = [k for k, v in lgd.states().items() if v.lower() == str(value).strip().lower()]
        if not match:
            c.fail(field, f"'{value}' is not a state (give its name or LGD code)")
            return None
        code = match[0]
    if code not in lgd.states():
        c.fail(field, f"{code} is not an LGD state code")
        return None
    return code


def _district(c: Collector, field: str, state: int | None, value: object) -> int | None:
    if value is None or str(value).strip() == "" or state is None:
        return None
    known = lgd.districts(state)
    text = str(value).strip()
    if known is None:
        try:
            return int(text)
        except ValueError:
            return None  # other states: the name is kept in the *_name field
    try:
        code = int(text)
    except ValueError:
        match = [k for k, v in known.items() if v.lower() == text.lower()]
        if not match:
            c.fail(field, f"'{text}' is not a district of {lgd.states()[state]}")
            return None
        return match[0]
    if code not in known:
        c.fail(field, f"{code} is not a district of {lgd.states()[state]}")
        return None
    return code


def _phone(value: object) -> str | None:
    if value is None or not str(value).strip():
        return None
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if len(digits) not in (10, 11, 12):
        raise ValueError("a phone number has 10 digits (or 12 with the 91 prefix)")
    return str(value).strip()


def validate_case(
    data: dict[str, Any], *, child: Child, today: date, policy: CltsPolicy, default_state: int
) -> dict[str, Any]:
    """Check a whole case; returns clean column values or raises ValidationError."""
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise ValidationError({k: "is not a field of a rescue case" for k in unknown})
    c = Collector()
    v: dict[str, Any] = {}
    for f, n in TEXT_FIELDS.items():
        v[f] = c.check(f, clean_text, data.get(f), max_len=n)
    for f in FLAG_FIELDS:
        v[f] = c.check(f, common.parse_flag, data.get(f))
    rescue = v["rescue_on"] = common.case_date(
        c, "rescue_on", data.get("rescue_on"), today=today, required=True
    )
    if rescue is not None and age_on(child.dob, rescue) >= policy.max_age_years:
        c.fail(
            "rescue_on",
            f"the child was {int(age_on(child.dob, rescue))} on this date: a rescue case is for "
            f"a child under {policy.max_age_years} (check the date or the date of birth)",
        )
    v["rescue_state"] = _state(
        c, "rescue_state", data.get("rescue_state") or default_state, required=True
    )
    v["rescue_district"] = _district(
        c, "rescue_district", v["rescue_state"], data.get("rescue_district")
    )
    v["origin_state"] = _state(c, "origin_state", data.get("origin_state"), required=False)
    v["origin_district"] = _district(
        c, "origin_district", v["origin_state"], data.get("origin_district")
    )
    v["agencies"] = (
        c.check(
            "agencies", common.parse_codes, data.get("agencies"), policy.agencies, what="an agency"
        )
        or []
    )
    if not v["agencies"] and "agencies" not in c.errors:
        c.fail("agencies", "say who rescued the child (at least one agency)")
    if "other" in v["agencies"] and not v["agency_other"]:
        c.fail("agency_other", "say which other agency rescued the child")
    v["industry"] = c.check(
        "industry", common.parse_code, data.get("industry"), policy.industries, what="an industry"
    )
    if v["industry"] == "other" and not v["industry_other"]:
        c.fail("industry_other", "say what work the child was doing")
    if v["hazardous"] is None and v["industry"] in policy.industries:
        v["hazardous"] = policy.industries[v["industry"]].hazardous
    for f in ("bonded", "trafficked"):
        v[f] = bool(v[f])
    v["hazardous"] = bool(v["hazardous"])
    v["employer_phone"] = c.check("employer_phone", _phone, data.get("employer_phone"))
    v["deployed_by"] = c.check(
        "deployed_by",
        common.parse_code,
        data.get("deployed_by"),
        policy.deployed_by,
        what="who put the child to work",
        required=False,
    )
    for f, lo, hi, unit in (
        ("work_months", 0, 240, "months"),
        ("hours_per_day", 0, 24, "hours"),
        ("days_per_week", 0, 7, "days"),
    ):
        v[f] = c.check(f, common.parse_whole, data.get(f), low=lo, high=hi, unit=unit)
    for f in ("wage_per_month", "wages_due", "fine_amount"):
        v[f] = c.check(f, common.parse_rupees, data.get(f))
    v["fir_sections"] = (
        c.check(
            "fir_sections",
            common.parse_codes,
            data.get("fir_sections"),
            policy.fir_sections,
            what="an FIR section",
        )
        or []
    )
    v["fir_on"] = common.case_date(c, "fir_on", data.get("fir_on"), today=today)
    if v["fir_no"] and not (v["fir_on"] and v["fir_police_station"]):
        for f in ("fir_on", "fir_police_station"):
            if not v[f] and f not in c.errors:
                c.fail(f, "is needed with the FIR number")
    if (v["fir_sections"] or v["fir_on"]) and not v["fir_no"]:
        c.fail("fir_no", "give the FIR number (the sections and date belong to an FIR)")
    after_rescue = ("rescue date", rescue)
    v["prosecution_filed_on"] = common.case_date(
        c,
        "prosecution_filed_on",
        data.get("prosecution_filed_on"),
        today=today,
        not_before=after_rescue,
    )
    v["prosecution_disposed_on"] = common.case_date(
        c,
        "prosecution_disposed_on",
        data.get("prosecution_disposed_on"),
        today=today,
        not_before=("date the prosecution was filed", v["prosecution_filed_on"]),
    )
    if v["prosecution_disposed_on"] and not v["prosecution_filed_on"]:
        c.fail("prosecution_filed_on", "give the date the prosecution was filed")
    v["prosecution_outcome"] = c.check(
        "prosecution_outcome",
        common.parse_code,
        data.get("prosecution_outcome"),
        policy.prosecution_outcomes,
        what="an outcome",
        required=False,
    )
    if v["prosecution_outcome"] and not v["prosecution_disposed_on"]:
        c.fail("prosecution_disposed_on", "give the date the case was disposed of")
    produced = v["produced_on"] = common.case_date(
        c, "produced_on", data.get("produced_on"), today=today, not_before=after_rescue
    )
    for kind in ("interim", "final"):
        code = c.check(
            f"{kind}_order",
            common.parse_code,
            data.get(f"{kind}_order"),
            policy.cwc_orders,
            what="a CWC order",
            required=False,
        )
        on = common.case_date(
            c,
            f"{kind}_order_on",
            data.get(f"{kind}_order_on"),
            today=today,
            not_before=("production before the CWC", produced or rescue),
        )
        if (code is None) != (on is None) and f"{kind}_order" not in c.errors:
            c.fail(
                f"{kind}_order" if code is None else f"{kind}_order_on",
                "give the order and its date",
            )
        if on is not None and produced is None and "produced_on" not in c.errors:
            c.fail(
                "produced_on", "give the date of production before the CWC (the order follows it)"
            )
        v[f"{kind}_order"], v[f"{kind}_order_on"] = code, on
    if (
        v["final_order_on"]
        and v["interim_order_on"]
        and v["final_order_on"] < v["interim_order_on"]
    ):
        c.fail("final_order_on", "cannot be before the interim order")
    if v["final_order"] == "transfer" and not v["transfer_to"]:
        c.fail("transfer_to", "say where the case was transferred")
    v["restored_on"] = common.case_date(
        c,
        "restored_on",
        data.get("restored_on"),
        today=today,
        not_before=("final order", v["final_order_on"]),
    )
    if v["restored_on"] and not v["final_order_on"] and "final_order_on" not in c.errors:
        c.fail("restored_on", "record the CWC's final order first (restoration follows it)")
    elif v["restored_on"] and v["final_order"] in policy.cwc_orders:
        if not policy.cwc_orders[v["final_order"]].restoration:
            c.fail("restored_on", "the final order is not a restoration to the family")
    v["home_confirmed_on"] = common.case_date(
        c,
        "home_confirmed_on",
        data.get("home_confirmed_on"),
        today=today,
        not_before=("restoration", v["restored_on"]),
    )
    if v["home_confirmed_on"] and not v["restored_on"]:
        c.fail("home_confirmed_on", "the home district confirms a restoration: give its date first")
    v["physically_verified_on"] = common.case_date(
        c,
        "physically_verified_on",
        data.get("physically_verified_on"),
        today=today,
        not_before=after_rescue,
    )
    v["cm_relief_refusal"] = c.check(
        "cm_relief_refusal",
        common.parse_code,
        data.get("cm_relief_refusal"),
        policy.cm_relief_refusals,
        what="a reason",
        required=False,
    )
    v["bank_account_no"] = c.check(
        "bank_account_no", common.clean_account, data.get("bank_account_no")
    )
    v["bank_ifsc"] = c.check("bank_ifsc", common.clean_ifsc, data.get("bank_ifsc"))
    if v["bank_account_no"] and not v["bank_ifsc"] and "bank_ifsc" not in c.errors:
        c.fail("bank_ifsc", "is needed with the account number (for the transfer)")
    v["bank_aadhaar_last4"] = c.check(
        "bank_aadhaar_last4", common.clean_last4, data.get("bank_aadhaar_last4")
    )
    if v["bank_aadhaar_last4"] and v["bank_aadhaar_linked"] is False:
        c.fail("bank_aadhaar_last4", "the account is marked as not linked to Aadhaar")
    v["school_type"] = c.check(
        "school_type",
        common.parse_code,
        data.get("school_type"),
        SCHOOL_TYPES,
        what="a school type",
        required=False,
    )
    v["enrolled_on"] = common.case_date(c, "enrolled_on", data.get("enrolled_on"), today=today)
    if v["enrolled_on"] and v["school_type"] == "none":
        c.fail("school_type", "an enrolment date needs the school's type")
    if v["legacy_id"] and not valid_case_id(v["legacy_id"]):
        c.fail("legacy_id", "a CLTS ID looks like BIH_PATNA_2016_100123")
    c.raise_if_any()
    if v["legacy_id"]:
        v["legacy_id"] = v["legacy_id"].upper()
    return v


def get_case(session: Session, case_id: int) -> CltsCase:
    """The case with this id, or NotFound."""
    case = session.get(CltsCase, case_id)
    if case is None:
        raise NotFound(f"no child-labour case with id {case_id}")
    return case


def case_by_clts_id(session: Session, clts_id: str) -> CltsCase:
    """The case with this CLTS ID (ours, or one brought from CLTS as built)."""
    ref = clts_id.strip().upper()
    case = session.scalars(
        select(CltsCase).where((CltsCase.clts_id == ref) | (CltsCase.legacy_id == ref))
    ).first()
    if case is None:
        raise NotFound(f"no child-labour case with the ID {ref}")
    return case


def cases_of(session: Session, child: Child) -> list[CltsCase]:
    """The child's rescue cases, the latest rescue first."""
    q = select(CltsCase).where(CltsCase.child_id == child.id)
    return list(session.scalars(q.order_by(CltsCase.rescue_on.desc(), CltsCase.id.desc())))


def _child(session: Session, case: CltsCase) -> Child:
    child = session.get(Child, case.child_id)
    assert child is not None
    return child


def open_case(
    session: Session,
    child: Child,
    data: dict[str, Any],
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> CltsCase:
    """Open a rescue case on a child's record; its CLTS case ID is given here."""
    today = today or date.today()
    policy = policy or load_clts_policy()
    inst = local_institution(session)
    v = validate_case(data, child=child, today=today, policy=policy, default_state=inst.state_code)
    with audited(session, "clts_open_case", child=child):
        case = CltsCase(
            child_id=child.id,
            clts_id=next_case_id(
                session,
                state=inst.state_code,
                district=inst.district_code,
                institution=inst.code,
                year=v["rescue_on"].year,
                policy=policy,
            ),
            status="open",
            **v,
        )
        session.add(case)
        session.flush()
        refresh_case(session, case, today=today, policy=policy)
    return case


def update_case(
    session: Session,
    case: CltsCase,
    changes: dict[str, Any],
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> CltsCase:
    """Change fields of a case, checking the whole case again with the changes in."""
    today = today or date.today()
    policy = policy or load_clts_policy()
    if case.status == "closed":
        raise NotAllowed(f"case {case.clts_id} is closed: open it again to change it")
    child = _child(session, case)
    current = {f: getattr(case, f) for f in FIELDS}
    current.update(changes)
    v = validate_case(
        current, child=child, today=today, policy=policy, default_state=case.rescue_state
    )
    with audited(session, "clts_update_case", child=child):
        for k, value in v.items():
            if getattr(case, k) != value:
                setattr(case, k, value)
        refresh_case(session, case, today=today, policy=policy)
    return case


def close_case(
    session: Session,
    case: CltsCase,
    *,
    reason: str,
    on: date | str | None = None,
    today: date | None = None,
) -> CltsCase:
    """Close a case (rehabilitation complete, transferred, child deceased...), with why."""
    today = today or date.today()
    c = Collector()
    why = c.check("reason", clean_text, reason, required=True, max_len=1000)
    d = common.case_date(
        c, "on", on or today, today=today, not_before=("rescue date", case.rescue_on)
    )
    c.raise_if_any()
    with audited(session, "clts_close_case", child=_child(session, case)):
        case.status, case.closed_on, case.close_reason = "closed", d, why
    return case


def reopen_case(session: Session, case: CltsCase) -> CltsCase:
    """Open a closed case again (a closure made by mistake, or the child found working)."""
    with audited(session, "clts_update_case", child=_child(session, case)):
        case.status, case.closed_on, case.close_reason = "open", None, None
    return case


def write_case(
    session: Session,
    case: CltsCase,
    action: str,
    fn: Callable[[], None],
    *,
    today: date,
    policy: CltsPolicy,
) -> None:
    """Run a change to a case's related rows as one audited action, then refresh the case."""
    with audited(session, action, child=_child(session, case)):
        fn()
        if not session.info.get(_DEFERRED):
            refresh_case(session, case, today=today, policy=policy)


_DEFERRED = "clts_refresh_deferred"


@contextmanager
def refresh_once(
    session: Session, case: CltsCase, *, today: date, policy: CltsPolicy | None = None
) -> Iterator[None]:
    """Several writes to one case (an import row, demo data), with one refresh at the end.

    Inside, the writes do not refresh the case's lines, entitlements and schedule each
    time; on leaving, one audited refresh brings them in step.
    """
    was = session.info.get(_DEFERRED, False)
    session.info[_DEFERRED] = True
    try:
        yield
    finally:
        session.info[_DEFERRED] = was
    if not was:
        with audited(session, "clts_refresh", child=_child(session, case)):
            refresh_case(session, case, today=today, policy=policy or load_clts_policy())


def mark_card_issued(session: Session, case: CltsCase, *, today: date) -> None:
    """Keep the day the entitlement card was first printed (the MIS's card date)."""
    if case.card_issued_on is not None:
        return
    with audited(session, "clts_card_issued", child=_child(session, case)):
        case.card_issued_on = today
