"""Child-labour (CLTS) rules: deadlines of a rescue case, as plain functions over its facts.

They run in the same engine as the review flags (registered in `engine.RULES` with the
scope "clts", their thresholds, severity, escalation and legal basis in the same policy
file under [rules.clts_*]) and raise the same flags on the child. Their facts are the
child's latest open rescue case, read in bulk with sqlite3 (`load_clts_facts`), for every
child with an open case whatever the child's status: a child restored to the family is
followed up for two years. Scheme and line names come from the CLTS policy.

A rule returns (due date, words) or None; the engine makes the Hit. No ORM, no Qt.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from desktop.rules.clts_policy import load_clts_policy
from desktop.rules.dates import show_date
from desktop.rules.facts import Facts
from desktop.rules.policy import RulePolicy

Words = Callable[[], tuple[str, str]]
Finding = tuple[date, Words] | None
_DAY = timedelta(days=1)


@dataclass
class Line:
    """A compensation ledger line as far as the as-of date shows it."""

    code: str
    ordered_on: date | None
    paid_on: date | None
    refused_on: date | None


@dataclass
class Ent:
    """An entitlement's status and its two deadlines."""

    scheme: str
    status: str
    apply_due_on: date | None
    receive_due_on: date | None


@dataclass
class Visit:
    """A follow-up visit (scheduled or made)."""

    visit_no: int
    due_on: date
    done_on: date | None
    working_again: bool | None
    findings: str | None


@dataclass
class CaseFacts:
    """The latest open rescue case of one child."""

    case_id: int
    clts_id: str
    rescue_on: date
    interstate: bool | None
    final_order: str | None
    final_order_on: date | None
    restored_on: date | None
    home_confirmed_on: date | None
    card_issued_on: date | None
    lines: list[Line] = field(default_factory=list)
    ents: list[Ent] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)


def _stage(ln: Line) -> str:
    if ln.paid_on:
        return f"paid {ln.paid_on}"
    if ln.refused_on:
        return f"refused {ln.refused_on}"
    return f"ordered {ln.ordered_on}" if ln.ordered_on else "due"


def case_dict(c: CaseFacts) -> dict[str, object]:
    """A case's facts as JSON-ready values, for `clms flags --explain`."""

    def iso(x: date | None) -> str | None:
        return None if x is None else x.isoformat()

    return {
        "clts_id": c.clts_id,
        "rescue_on": iso(c.rescue_on),
        "interstate": c.interstate,
        "final_order_on": iso(c.final_order_on),
        "restored_on": iso(c.restored_on),
        "home_confirmed_on": iso(c.home_confirmed_on),
        "card_issued_on": iso(c.card_issued_on),
        "lines": [f"{ln.code}: {_stage(ln)}" for ln in c.lines],
        "ents": [f"{e.scheme}: {e.status}" for e in c.ents if e.status in ("eligible", "applied")],
        "visits": [
            f"{v.visit_no}: due {v.due_on}, " + (f"done {v.done_on}" if v.done_on else "not done")
            for v in c.visits
        ],
    }


@dataclass(slots=True)
class ChildCaseFacts(Facts):
    """A child's facts with its rescue case (the CLTS rules read `case`)."""

    case: CaseFacts | None = None


def d(x: date | None) -> str:
    """A date as people in India write it ("-" when unknown)."""
    return show_date(x)


def _day(text: str | None, as_of: date) -> date | None:
    """A stored date, or None when it is empty or after the as-of date (not yet happened)."""
    if not text:
        return None
    day = date.fromisoformat(text[:10])
    return day if day <= as_of else None


def load_clts_facts(
    dbapi: Any, *, as_of: date, child_ids: Iterable[int] | None = None
) -> list[ChildCaseFacts]:
    """Facts of every child with an open rescue case (or of `child_ids`), as of the date."""
    params: dict[str, object] = {"as_of": as_of.isoformat()}
    where = "c.status = 'open' AND c.rescue_on <= :as_of"
    if child_ids is not None:
        params["ids"] = json.dumps(sorted(set(child_ids)))
        where += " AND c.child_id IN (SELECT value FROM json_each(:ids))"
    rows = dbapi.execute(
        f"""SELECT c.id, c.child_id, c.clts_id, c.rescue_on, c.rescue_state, c.origin_state,
                   c.final_order, c.final_order_on, c.restored_on, c.home_confirmed_on,
                   c.card_issued_on, k.code, k.status, k.dob, k.admission_date
              FROM clts_case c JOIN child k ON k.id = c.child_id
             WHERE {where}
             ORDER BY c.child_id, c.rescue_on DESC, c.id DESC""",
        params,
    ).fetchall()
    cases: dict[int, CaseFacts] = {}
    out: dict[int, ChildCaseFacts] = {}
    for r in rows:
        if r[1] in out:
            continue  # an older open case of the same child: the latest one counts
        origin, rescued_in = r[5], r[4]
        case = CaseFacts(
            case_id=r[0],
            clts_id=r[2],
            rescue_on=date.fromisoformat(r[3]),
            interstate=None if origin is None else origin != rescued_in,
            final_order=r[6] if _day(r[7], as_of) else None,
            final_order_on=_day(r[7], as_of),
            restored_on=_day(r[8], as_of),
            home_confirmed_on=_day(r[9], as_of),
            card_issued_on=_day(r[10], as_of),
        )
        cases[r[0]] = case
        out[r[1]] = ChildCaseFacts(
            r[1],
            r[11],
            as_of,
            r[12],
            date.fromisoformat(r[13]),
            date.fromisoformat(r[14]),
            case=case,
        )
    if not cases:
        return []
    ids = json.dumps(list(cases))
    for case_id, code, ordered, paid, refused in dbapi.execute(
        "SELECT case_id, line, ordered_on, paid_on, refused_on FROM clts_compensation "
        "WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY id",
        (ids,),
    ):
        cases[case_id].lines.append(
            Line(code, _day(ordered, as_of), _day(paid, as_of), _day(refused, as_of))
        )
    # Only the statuses a rule reads (eligible, applied): most rows are neither.
    for case_id, scheme, status, apply_due, receive_due in dbapi.execute(
        "SELECT case_id, scheme, status, apply_due_on, receive_due_on FROM clts_entitlement "
        "WHERE case_id IN (SELECT value FROM json_each(?)) AND status IN ('eligible', 'applied') "
        "ORDER BY id",
        (ids,),
    ):
        cases[case_id].ents.append(
            Ent(
                scheme,
                status,
                date.fromisoformat(apply_due) if apply_due else None,
                date.fromisoformat(receive_due) if receive_due else None,
            )
        )
    for case_id, no, due, done, working, findings in dbapi.execute(
        "SELECT case_id, visit_no, due_on, done_on, working_again, findings FROM clts_follow_up "
        "WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY visit_no",
        (ids,),
    ):
        made = _day(done, as_of)
        cases[case_id].visits.append(
            Visit(no, date.fromisoformat(due), made, None if made is None else working, findings)
        )
    return list(out.values())


def _case(f: Facts) -> CaseFacts | None:
    return f.case if isinstance(f, ChildCaseFacts) else None


def _names(codes: list[str], *, scheme: bool) -> tuple[str, str]:
    """Policy names of schemes (or lines), at most three, then "and N more"."""
    policy = load_clts_policy()
    table: dict[str, Any] = dict(policy.schemes if scheme else policy.compensation)
    en = [table[c].en if c in table else c for c in codes[:3]]
    hi = [table[c].hi if c in table else c for c in codes[:3]]
    if len(codes) > 3:
        en.append(f"and {len(codes) - 3} more")
        hi.append(f"और {len(codes) - 3}")
    return "; ".join(en), "; ".join(hi)


def relief_unpaid(f: Facts, p: RulePolicy) -> Finding:
    """The immediate relief package not paid within the set days of the rescue."""
    c = _case(f)
    if c is None:
        return None
    line = next((ln for ln in c.lines if ln.code.startswith("relief_")), None)
    if line is None or line.paid_on is not None or line.refused_on is not None:
        return None
    due = c.rescue_on + p.period("period_days")
    if not f.after(due):
        return None
    return due, lambda: (
        f"Immediate relief not paid: {c.clts_id}, rescued on {d(c.rescue_on)}, due by {d(due)}",
        f"तात्कालिक सहायता का भुगतान नहीं: {c.clts_id}, विमुक्ति {d(c.rescue_on)}, {d(due)} तक देय",
    )


def cm_relief_unpaid(f: Facts, p: RulePolicy) -> Finding:
    """The Chief Minister's Relief Fund money not paid within the set days of the rescue."""
    c = _case(f)
    if c is None:
        return None
    line = next((ln for ln in c.lines if ln.code == "cm_relief"), None)
    if line is None or line.paid_on is not None or line.refused_on is not None:
        return None
    due = c.rescue_on + p.period("period_days")
    if not f.after(due):
        return None
    asked = f"demand raised {d(line.ordered_on)}" if line.ordered_on else "no demand raised yet"
    asked_hi = f"माँग {d(line.ordered_on)} को" if line.ordered_on else "अभी माँग नहीं की गई"
    return due, lambda: (
        f"CM Relief Fund money not paid to the child's account ({asked}); due by {d(due)}",
        f"मुख्यमंत्री राहत कोष की राशि बच्चे के खाते में नहीं ({asked_hi}); {d(due)} तक देय",
    )


def employer_recovery(f: Facts, p: RulePolicy) -> Finding:
    """The employer's Rs 20,000 not ordered (notice issued) within the set days."""
    c = _case(f)
    if c is None:
        return None
    line = next((ln for ln in c.lines if ln.code == "employer_recovery"), None)
    if line is None or line.ordered_on or line.paid_on or line.refused_on:
        return None
    due = c.rescue_on + p.period("period_days")
    if not f.after(due):
        return None
    return due, lambda: (
        f"No notice to the employer for the recovery (rescued {d(c.rescue_on)}); due by {d(due)}",
        f"वसूली हेतु नियोजक को नोटिस नहीं (विमुक्ति {d(c.rescue_on)}); {d(due)} तक देय",
    )


@cache
def _by_ledger() -> frozenset[str]:
    """Schemes paid through the ledger: the money rules above speak for them."""
    return frozenset(k for k, s in load_clts_policy().schemes.items() if s.compensation)


def entitlement_not_applied(f: Facts, p: RulePolicy) -> Finding:
    """Eligible entitlements not applied for by the day the CLTS policy sets."""
    c = _case(f)
    if c is None:
        return None
    grace = p.period("grace_days")
    skip = _by_ledger()
    late = [
        e
        for e in c.ents
        if e.status == "eligible"
        and e.scheme not in skip
        and e.apply_due_on
        and f.after(e.apply_due_on + grace)
    ]
    if not late:
        return None
    due = min(e.apply_due_on for e in late if e.apply_due_on)
    en, hi = _names([e.scheme for e in late], scheme=True)
    n = len(late)
    return due, lambda: (
        f"{n} eligible scheme(s) not applied for in time, the first due {d(due)}: {en}",
        f"{n} पात्र योजना(एँ) समय पर आवेदित नहीं, पहली {d(due)} तक देय: {hi}",
    )


def entitlement_not_received(f: Facts, p: RulePolicy) -> Finding:
    """Entitlements applied for and not received by the day the CLTS policy sets."""
    c = _case(f)
    if c is None:
        return None
    grace = p.period("grace_days")
    skip = _by_ledger()
    late = [
        e
        for e in c.ents
        if e.status == "applied"
        and e.scheme not in skip
        and e.receive_due_on
        and f.after(e.receive_due_on + grace)
    ]
    if not late:
        return None
    due = min(e.receive_due_on for e in late if e.receive_due_on)
    en, hi = _names([e.scheme for e in late], scheme=True)
    n = len(late)
    return due, lambda: (
        f"{n} scheme(s) applied for and not received in time, the first due {d(due)}: {en}",
        f"{n} आवेदित योजना(एँ) समय पर प्राप्त नहीं, पहली {d(due)} तक देय: {hi}",
    )


def follow_up_overdue(f: Facts, p: RulePolicy) -> Finding:
    """A follow-up visit after restoration not made within the grace days of its date."""
    c = _case(f)
    if c is None:
        return None
    grace = p.period("grace_days")
    missed = [v for v in c.visits if v.done_on is None and f.after(v.due_on + grace)]
    if not missed:
        return None
    first = missed[0]
    n = len(missed)
    return first.due_on + grace, lambda: (
        f"Follow-up visit {first.visit_no} after the restoration of {d(c.restored_on)} was due on "
        f"{d(first.due_on)} ({n} visit(s) missed)",
        f"{d(c.restored_on)} के पुनर्वास के बाद अनुवर्ती भ्रमण {first.visit_no} "
        f"{d(first.due_on)} को देय था ({n} भ्रमण छूटे)",
    )


def working_again(f: Facts, p: RulePolicy) -> Finding:
    """The last follow-up visit found the child working again."""
    c = _case(f)
    if c is None:
        return None
    done = [v for v in c.visits if v.done_on is not None]
    if not done:
        return None
    last = max(done, key=lambda v: (v.done_on or date.min, v.visit_no))
    if not last.working_again or last.done_on is None:
        return None
    seen = last.done_on
    what = (last.findings or "").strip()
    due = seen + p.period("period_days")
    return due, lambda: (
        f"Found working again on the visit of {d(seen)}"
        + (f": {what}" if what else "")
        + "; act at once (rescue, the CWC, the family)",
        f"{d(seen)} के भ्रमण में फिर से काम करते पाया गया"
        + (f": {what}" if what else "")
        + "; तुरंत कार्रवाई करें (विमुक्ति, बाल कल्याण समिति, परिवार)",
    )


def interstate_unconfirmed(f: Facts, p: RulePolicy) -> Finding:
    """A child restored to another state, and the home district has not confirmed it."""
    c = _case(f)
    if c is None or not c.interstate or c.restored_on is None or c.home_confirmed_on is not None:
        return None
    due = c.restored_on + p.period("period_days")
    if not f.after(due):
        return None
    return due, lambda: (
        f"Restored to another state on {d(c.restored_on)}: the home district has not confirmed "
        f"the child's arrival (due by {d(due)})",
        f"{d(c.restored_on)} को अन्य राज्य में पुनर्वासित: गृह जिले ने बच्चे के पहुँचने की पुष्टि नहीं "
        f"की ({d(due)} तक देय)",
    )


def card_not_issued(f: Facts, p: RulePolicy) -> Finding:
    """The CWC's final order is passed and the entitlement card is not printed yet."""
    c = _case(f)
    if c is None or c.final_order_on is None or c.card_issued_on is not None:
        return None
    kind = load_clts_policy().cwc_orders.get(c.final_order or "")
    if kind is not None and not kind.card:
        return None
    due = c.final_order_on + p.period("period_days")
    if not f.after(due):
        return None
    return due, lambda: (
        f"Entitlement card not issued: the CWC's final order of {d(c.final_order_on)} released "
        f"it; due by {d(due)}",
        f"पात्रता पत्र जारी नहीं: बाल कल्याण समिति के {d(c.final_order_on)} के अंतिम आदेश के बाद "
        f"{d(due)} तक देय",
    )


@dataclass(frozen=True)
class Spec:
    """A CLTS rule as the engine registers it."""

    id: str
    fn: Callable[[Facts, RulePolicy], Finding]
    uses: tuple[str, ...]
    en: str
    hi: str


SPECS: tuple[Spec, ...] = (
    Spec(
        "clts_relief_unpaid",
        relief_unpaid,
        ("rescue_on", "lines"),
        "CLTS: immediate relief",
        "सीएलटीएस: तात्कालिक सहायता",
    ),
    Spec(
        "clts_cm_relief_unpaid",
        cm_relief_unpaid,
        ("rescue_on", "lines"),
        "CLTS: CM Relief Fund",
        "सीएलटीएस: मुख्यमंत्री राहत कोष",
    ),
    Spec(
        "clts_employer_recovery",
        employer_recovery,
        ("rescue_on", "lines"),
        "CLTS: recovery from the employer",
        "सीएलटीएस: नियोजक से वसूली",
    ),
    Spec(
        "clts_entitlement_not_applied",
        entitlement_not_applied,
        ("ents",),
        "CLTS: schemes not applied for",
        "सीएलटीएस: योजनाएँ आवेदित नहीं",
    ),
    Spec(
        "clts_entitlement_not_received",
        entitlement_not_received,
        ("ents",),
        "CLTS: schemes not received",
        "सीएलटीएस: योजनाएँ प्राप्त नहीं",
    ),
    Spec(
        "clts_follow_up_overdue",
        follow_up_overdue,
        ("restored_on", "visits"),
        "CLTS: follow-up visit overdue",
        "सीएलटीएस: अनुवर्ती भ्रमण लंबित",
    ),
    Spec(
        "clts_working_again",
        working_again,
        ("visits",),
        "CLTS: found working again",
        "सीएलटीएस: फिर से काम करते पाया गया",
    ),
    Spec(
        "clts_interstate_unconfirmed",
        interstate_unconfirmed,
        ("interstate", "restored_on", "home_confirmed_on"),
        "CLTS: interstate restoration not confirmed",
        "सीएलटीएस: अंतर्राज्यीय पुनर्वास की पुष्टि नहीं",
    ),
    Spec(
        "clts_card_not_issued",
        card_not_issued,
        ("final_order_on", "card_issued_on"),
        "CLTS: entitlement card not issued",
        "सीएलटीएस: पात्रता पत्र जारी नहीं",
    ),
)
