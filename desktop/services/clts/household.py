"""The rescued child's household: address, category, ration card, job card, land, housing,
and its members. Siblings' cases share one household record (`share_household`).

The child's bank account for the relief money is on the case (it is the child's, not the
family's); see `rescue.update_case` (bank_* fields: Aadhaar only as linked + last 4 digits).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from desktop.models import CltsCase, CltsHousehold, CltsMember
from desktop.rules.clts_expr import AREA, HOUSING, RATION_CARD, SOCIAL_CATEGORY
from desktop.rules.clts_policy import CltsPolicy, load_clts_policy
from desktop.services.clts import common
from desktop.services.clts.rescue import write_case
from desktop.services.core import lgd
from desktop.services.core.errors import NotAllowed, ValidationError
from desktop.services.core.validation import Collector, clean_name, clean_text

HOUSEHOLD_TEXT = {
    "head_name_local": 200,
    "address": 500,
    "village": 120,
    "panchayat": 120,
    "block": 120,
    "police_station": 120,
    "district_name": 120,
    "religion": 40,
    "ration_card_no": 40,
    "job_card_no": 40,
    "notes": 2000,
}
HOUSEHOLD_FLAGS = (
    "minority",
    "bpl",
    "job_card",
    "landless",
    "homestead_land",
    "pmjay_card",
    "shg_member",
    "migrated",
)
HOUSEHOLD_FIELDS = frozenset(
    (
        *HOUSEHOLD_TEXT,
        *HOUSEHOLD_FLAGS,
        "head_name",
        "phone",
        "pin",
        "state",
        "district",
        "area",
        "social_category",
        "ration_card",
        "land_decimal",
        "housing",
    )
)
RELATIONS = (
    "mother",
    "father",
    "stepmother",
    "stepfather",
    "brother",
    "sister",
    "grandparent",
    "uncle",
    "aunt",
    "spouse",
    "relative",
    "other",
)
MEMBER_FIELDS = frozenset(
    (
        "name",
        "name_local",
        "relation",
        "gender",
        "age_years",
        "occupation",
        "alive",
        "disabled",
        "widowed",
    )
)


def _pin(value: object) -> str | None:
    if value is None or not str(value).strip():
        return None
    s = str(value).strip().replace(" ", "")
    if not (s.isdigit() and len(s) == 6 and s[0] != "0"):
        raise ValueError("a PIN code has 6 digits and does not start with 0")
    return s


def _decimal(value: object) -> float | None:
    if value is None or not str(value).strip():
        return None
    try:
        n = float(str(value).strip().replace(",", ""))
    except ValueError:
        raise ValueError(f"'{value}' is not a number of decimals") from None
    if not 0 <= n <= 100_000:
        raise ValueError("must be between 0 and 100000 decimals")
    return n


def validate_household(data: dict[str, Any]) -> dict[str, Any]:
    """Check a household; returns clean column values or raises ValidationError."""
    unknown = sorted(set(data) - HOUSEHOLD_FIELDS)
    if unknown:
        raise ValidationError({k: "is not a field of a household" for k in unknown})
    c = Collector()
    v: dict[str, Any] = {}
    v["head_name"] = c.check(
        "head_name", clean_name, data.get("head_name"), required=True, max_len=200
    )
    for f, n in HOUSEHOLD_TEXT.items():
        v[f] = c.check(f, clean_text, data.get(f), max_len=n)
    v["head_name_local"] = c.check(
        "head_name_local", clean_name, data.get("head_name_local"), required=False, max_len=200
    )
    for f in HOUSEHOLD_FLAGS:
        v[f] = c.check(f, common.parse_flag, data.get(f))
    v["phone"] = c.check("phone", _phone_or_none, data.get("phone"))
    v["pin"] = c.check("pin", _pin, data.get("pin"))
    state = data.get("state")
    v["state"] = None
    if state not in (None, ""):
        try:
            v["state"] = int(str(state))
            if v["state"] not in lgd.states():
                c.fail("state", f"{state} is not an LGD state code")
        except ValueError:
            c.fail("state", f"'{state}' is not an LGD state code")
    v["district"] = None
    district = data.get("district")
    if district not in (None, "") and v["state"] is not None:
        known = lgd.districts(v["state"])
        try:
            v["district"] = int(str(district))
            if known is not None and v["district"] not in known:
                c.fail("district", f"{district} is not a district of {lgd.states()[v['state']]}")
        except ValueError:
            c.fail("district", f"'{district}' is not an LGD district code")
    for f, choices, what in (
        ("area", AREA, "rural or urban"),
        ("social_category", SOCIAL_CATEGORY, "a social category"),
        ("ration_card", RATION_CARD, "a ration card type"),
        ("housing", HOUSING, "a kind of housing"),
    ):
        v[f] = c.check(f, common.parse_code, data.get(f), choices, what=what, required=False)
    v["land_decimal"] = c.check("land_decimal", _decimal, data.get("land_decimal"))
    if v["ration_card_no"] and v["ration_card"] == "none":
        c.fail("ration_card", "a ration card number is given: say which card it is")
    if v["ration_card_no"] and v["ration_card"] is None:
        c.fail("ration_card", "say which card it is (AAY, PHH or another state's)")
    if v["job_card_no"]:
        if v["job_card"] is False:
            c.fail("job_card", "a job card number is given, so the household has a job card")
        v["job_card"] = True
    if v["landless"] and v["land_decimal"]:
        c.fail("land_decimal", "the household is marked landless")
    c.raise_if_any()
    return v


def _phone_or_none(value: object) -> str | None:
    if value is None or not str(value).strip():
        return None
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if len(digits) not in (10, 11, 12):
        raise ValueError("a phone number has 10 digits (or 12 with the 91 prefix)")
    return str(value).strip()


def validate_member(data: dict[str, Any]) -> dict[str, Any]:
    """Check one household member; returns clean column values or raises ValidationError."""
    unknown = sorted(set(data) - MEMBER_FIELDS)
    if unknown:
        raise ValidationError({k: "is not a field of a household member" for k in unknown})
    c = Collector()
    v: dict[str, Any] = {
        "name": c.check("name", clean_name, data.get("name"), required=True, max_len=200),
        "name_local": c.check(
            "name_local", clean_name, data.get("name_local"), required=False, max_len=200
        ),
        "relation": c.check(
            "relation", common.parse_code, data.get("relation"), RELATIONS, what="a relation"
        ),
        "gender": c.check(
            "gender",
            common.parse_code,
            data.get("gender"),
            ("female", "male", "transgender"),
            what="a gender",
            required=False,
        ),
        "age_years": c.check(
            "age_years", common.parse_whole, data.get("age_years"), low=0, high=120, unit="years"
        ),
        "occupation": c.check("occupation", clean_text, data.get("occupation"), max_len=120),
    }
    alive = c.check("alive", common.parse_flag, data.get("alive", True))
    v["alive"] = True if alive is None else alive
    for f in ("disabled", "widowed"):
        v[f] = bool(c.check(f, common.parse_flag, data.get(f)))
    if v["widowed"] and v["relation"] in ("brother", "sister") and (v["age_years"] or 0) < 18:
        c.fail("widowed", "a child cannot be recorded as widowed")
    c.raise_if_any()
    return v


def save_household(
    session: Session,
    case: CltsCase,
    data: dict[str, Any],
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> CltsHousehold:
    """Record (or correct) the household of the case; the whole household is checked again."""
    today = today or date.today()
    policy = policy or load_clts_policy()
    hh = session.get(CltsHousehold, case.household_id) if case.household_id else None
    current = {f: getattr(hh, f) for f in HOUSEHOLD_FIELDS} if hh else {}
    current.update(data)
    v = validate_household(current)

    def write() -> None:
        nonlocal hh
        if hh is None:
            hh = CltsHousehold(**v)
            session.add(hh)
            session.flush()
            case.household_id = hh.id
        else:
            for k, value in v.items():
                if getattr(hh, k) != value:
                    setattr(hh, k, value)

    write_case(session, case, "clts_household", write, today=today, policy=policy)
    assert hh is not None
    return hh


def share_household(
    session: Session,
    case: CltsCase,
    sibling: CltsCase,
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> None:
    """Link the case to a sibling's household (one family, one record)."""
    if sibling.household_id is None:
        raise ValidationError({"household": f"case {sibling.clts_id} has no household recorded"})
    if sibling.id == case.id:
        raise ValidationError({"household": "choose another child's case"})

    def write() -> None:
        case.household_id = sibling.household_id

    write_case(
        session,
        case,
        "clts_household",
        write,
        today=today or date.today(),
        policy=policy or load_clts_policy(),
    )


def add_member(
    session: Session,
    case: CltsCase,
    data: dict[str, Any],
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> CltsMember:
    """Add a member to the case's household (record the household first)."""
    if case.household_id is None:
        raise NotAllowed("record the household (head of family, address) before its members")
    v = validate_member(data)
    member = CltsMember(household_id=case.household_id, **v)
    write_case(
        session,
        case,
        "clts_member",
        lambda: session.add(member),
        today=today or date.today(),
        policy=policy or load_clts_policy(),
    )
    return member


def update_member(
    session: Session,
    case: CltsCase,
    member: CltsMember,
    changes: dict[str, Any],
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> CltsMember:
    """Correct a member (or record a death: alive = no)."""
    if member.household_id != case.household_id:
        raise ValidationError({"member": "this person belongs to another household"})
    current = {f: getattr(member, f) for f in MEMBER_FIELDS}
    current.update(changes)
    v = validate_member(current)

    def write() -> None:
        for k, value in v.items():
            if getattr(member, k) != value:
                setattr(member, k, value)

    write_case(
        session,
        case,
        "clts_member",
        write,
        today=today or date.today(),
        policy=policy or load_clts_policy(),
    )
    return member


def remove_member(
    session: Session,
    case: CltsCase,
    member: CltsMember,
    *,
    reason: str,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> None:
    """Remove a member entered by mistake (the deletion is audited and synced)."""
    if member.household_id != case.household_id:
        raise ValidationError({"member": "this person belongs to another household"})
    c = Collector()
    c.check("reason", clean_text, reason, required=True, max_len=500)
    c.raise_if_any()
    write_case(
        session,
        case,
        f"clts_member: removed, {reason.strip()[:40]}",
        lambda: session.delete(member),
        today=today or date.today(),
        policy=policy or load_clts_policy(),
    )
