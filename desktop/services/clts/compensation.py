"""The compensation ledger: each line ordered, sanctioned and paid, with dates, amounts,
references and the office responsible, or refused with the reason.

The lines a case is due (and their amounts, payers and offices) come from the CLTS policy
(`derive.refresh_case` adds them); this module records what happened to each. A line's
dates must follow one another (no payment before its order or sanction, none before the
rescue, none in the future) and a payment names its reference (challan, cheque, DBT id).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from desktop.models import CltsCase, CltsCompensation
from desktop.rules.clts_policy import CltsPolicy, load_clts_policy
from desktop.services.clts import common
from desktop.services.clts.derive import lines_of
from desktop.services.clts.rescue import write_case
from desktop.services.core.errors import NotAllowed, ValidationError
from desktop.services.core.validation import Collector, clean_text

LINE_FIELDS = frozenset(
    {
        "ordered_on",
        "ordered_amount",
        "order_ref",
        "sanctioned_on",
        "sanctioned_amount",
        "sanction_ref",
        "paid_on",
        "paid_amount",
        "payment_ref",
        "payment_mode",
        "refused_on",
        "refusal_reason",
        "office",
        "notes",
    }
)


def validate_line(
    line: CltsCompensation,
    data: dict[str, Any],
    *,
    rescue_on: date,
    today: date,
    policy: CltsPolicy,
) -> dict[str, Any]:
    """Check a ledger line with changes in; returns clean values or raises ValidationError."""
    unknown = sorted(set(data) - LINE_FIELDS)
    if unknown:
        raise ValidationError({k: "is not a field of a compensation line" for k in unknown})
    current = {f: getattr(line, f) for f in LINE_FIELDS}
    current.update(data)
    c = Collector()
    v: dict[str, Any] = {}
    after_rescue = ("rescue date", rescue_on)
    v["ordered_on"] = common.case_date(
        c, "ordered_on", current["ordered_on"], today=today, not_before=after_rescue
    )
    v["sanctioned_on"] = common.case_date(
        c,
        "sanctioned_on",
        current["sanctioned_on"],
        today=today,
        not_before=("order", v["ordered_on"]) if v["ordered_on"] else after_rescue,
    )
    v["paid_on"] = common.case_date(
        c,
        "paid_on",
        current["paid_on"],
        today=today,
        not_before=(
            ("sanction", v["sanctioned_on"])
            if v["sanctioned_on"]
            else ("order", v["ordered_on"])
            if v["ordered_on"]
            else after_rescue
        ),
    )
    v["refused_on"] = common.case_date(
        c, "refused_on", current["refused_on"], today=today, not_before=after_rescue
    )
    for f in ("ordered_amount", "sanctioned_amount", "paid_amount"):
        v[f] = c.check(f, common.parse_rupees, current[f])
    for f, n in (
        ("order_ref", 80),
        ("sanction_ref", 80),
        ("payment_ref", 80),
        ("refusal_reason", 200),
    ):
        v[f] = c.check(f, clean_text, current[f], max_len=n)
    v["office"] = c.check("office", clean_text, current["office"], max_len=200)
    v["notes"] = c.check("notes", clean_text, current["notes"], max_len=2000)
    v["payment_mode"] = c.check(
        "payment_mode",
        common.parse_code,
        current["payment_mode"],
        policy.payment_modes,
        what="a way of paying",
        required=False,
    )
    for stage, amount in (
        ("ordered", "ordered_amount"),
        ("sanctioned", "sanctioned_amount"),
        ("paid", "paid_amount"),
    ):
        if v[f"{stage}_on"] is None and v[amount] is not None and amount not in c.errors:
            c.fail(f"{stage}_on", f"give the date it was {stage} (an amount is given)")
    if v["ordered_on"] and v["ordered_amount"] is None:
        v["ordered_amount"] = line.amount
    if v["sanctioned_on"] and v["sanctioned_amount"] is None:
        v["sanctioned_amount"] = v["ordered_amount"] or line.amount
    if v["paid_on"]:
        if v["paid_amount"] is None:
            v["paid_amount"] = v["sanctioned_amount"] or v["ordered_amount"] or line.amount
        cap = v["sanctioned_amount"] or v["ordered_amount"]
        if cap is not None and v["paid_amount"] is not None and v["paid_amount"] > cap:
            c.fail(
                "paid_amount", f"cannot be more than the amount sanctioned or ordered (Rs {cap:,})"
            )
        if not v["payment_ref"]:
            c.fail("payment_ref", "is needed for a payment")
        if not v["payment_mode"] and "payment_mode" not in c.errors:
            c.fail("payment_mode", "is needed for a payment")
    if (
        v["sanctioned_amount"]
        and v["ordered_amount"]
        and v["sanctioned_amount"] > v["ordered_amount"]
    ):
        c.fail(
            "sanctioned_amount",
            f"cannot be more than the amount ordered (Rs {v['ordered_amount']:,})",
        )
    if v["refused_on"]:
        if v["paid_on"]:
            c.fail("refused_on", "the line is paid: a paid line cannot be refused")
        if not v["refusal_reason"]:
            c.fail("refusal_reason", "say why it was refused")
    elif v["refusal_reason"] and "refusal_reason" not in c.errors:
        c.fail("refused_on", "give the date of the refusal")
    c.raise_if_any()
    return v


def update_line(
    session: Session,
    case: CltsCase,
    line: CltsCompensation,
    changes: dict[str, Any],
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> CltsCompensation:
    """Record an order, sanction, payment or refusal on a ledger line (or correct one)."""
    today = today or date.today()
    policy = policy or load_clts_policy()
    if line.case_id != case.id:
        raise ValidationError({"line": "this line belongs to another case"})
    v = validate_line(line, changes, rescue_on=case.rescue_on, today=today, policy=policy)

    def write() -> None:
        for k, value in v.items():
            if getattr(line, k) != value:
                setattr(line, k, value)

    write_case(session, case, f"clts_compensation {line.line}", write, today=today, policy=policy)
    return line


def add_line(
    session: Session,
    case: CltsCase,
    code: str,
    *,
    today: date | None = None,
    policy: CltsPolicy | None = None,
) -> CltsCompensation:
    """Add a line of the policy the rules did not add (the office decided it is due)."""
    today = today or date.today()
    policy = policy or load_clts_policy()
    if code not in policy.compensation:
        known = ", ".join(policy.compensation)
        raise ValidationError({"line": f"'{code}' is not a compensation line (known: {known})"})
    if any(x.line == code for x in lines_of(session, case)):
        raise NotAllowed(f"the case already has the line '{code}'")
    spec = policy.compensation[code]
    line = CltsCompensation(
        case_id=case.id,
        line=code,
        policy_version=policy.tag,
        amount=spec.amount,
        payer=spec.payer,
        office=spec.office,
        notes="added by hand",
    )
    write_case(
        session,
        case,
        f"clts_compensation {code}",
        lambda: session.add(line),
        today=today,
        policy=policy,
    )
    return line


@dataclass(frozen=True)
class LedgerTotals:
    """Rupees due, ordered, sanctioned and paid over a case's ledger (refused lines left out)."""

    due: int
    ordered: int
    sanctioned: int
    paid: int

    @property
    def outstanding(self) -> int:
        """Due but not paid."""
        return max(self.due - self.paid, 0)


def totals(lines: list[CltsCompensation]) -> LedgerTotals:
    """The ledger's totals."""
    live = [ln for ln in lines if ln.refused_on is None]
    return LedgerTotals(
        due=sum(ln.amount for ln in live),
        ordered=sum(ln.ordered_amount or 0 for ln in live),
        sanctioned=sum(ln.sanctioned_amount or 0 for ln in live),
        paid=sum(ln.paid_amount or 0 for ln in live),
    )
