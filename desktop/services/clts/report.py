"""The quarterly CLTS report for the DCPU: numbers only, from plain records.

The same computation serves a CCI (its own tables, `records_from_db`) and a district
office (the records of its CCIs' bundles, `sync_client.district_clts.clts_records`): both
give `Records`, lists of plain dicts shaped like the synced records (dates as ISO text or
dates, references by UUID). The report names no child, so any role that may see the
institution's counts (Permission.VIEW) may make it.

Per quarter (calendar quarters, DevInfo's "2026.07-2026.09"): children rescued by
industry, age band and gender, origin (district of the state / other state); compensation
ordered and paid in the quarter per line (count and rupees); entitlement coverage per
department at the quarter's end (received / eligible); children in school; children found
working again; follow-up visits made and missed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, CltsCase, CltsCompensation, CltsEntitlement, CltsFollowUp
from desktop.rules.clts_policy import CltsPolicy
from desktop.services.clts.derive import GAPS
from desktop.services.core import lgd
from desktop.services.core.permissions import Permission, require, scope_filter

GENDERS = ("female", "male", "transgender")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter."""

    year: int
    number: int  # 1..4

    @property
    def start(self) -> date:
        """Its first day."""
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """Its last day."""
        nxt = Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        return nxt.start - timedelta(days=1)

    @property
    def label(self) -> str:
        """e.g. "Jul-Sep 2026"."""
        m = 3 * self.number - 3
        return f"{_MONTHS[m]}-{_MONTHS[m + 2]} {self.year}"

    @property
    def period(self) -> str:
        """The DevInfo time period, e.g. "2026.07-2026.09"."""
        m = 3 * self.number - 2
        return f"{self.year}.{m:02d}-{self.year}.{m + 2:02d}"

    @classmethod
    def of(cls, day: date) -> Quarter:
        """The quarter a day falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """From "2026-Q3", "2026Q3", "Q3 2026" or "2026.07-2026.09"; ValueError otherwise."""
        s = text.strip().upper()
        m = re.fullmatch(r"(\d{4})\s*-?\s*Q([1-4])", s) or re.fullmatch(
            r"Q([1-4])\s*-?\s*(\d{4})", s
        )
        if m:
            a, b = m.groups()
            year, q = (int(a), int(b)) if len(a) == 4 else (int(b), int(a))
            return cls(year, q)
        m = re.fullmatch(r"(\d{4})\.(\d{2})-(\d{4})\.(\d{2})", s)
        if m and m[1] == m[3] and int(m[2]) in (1, 4, 7, 10) and int(m[4]) == int(m[2]) + 2:
            return cls(int(m[1]), (int(m[2]) - 1) // 3 + 1)
        raise ValueError(f"'{text}' is not a quarter (write 2026-Q3)")


@dataclass
class Records:
    """Plain records to report on (shaped like synced records)."""

    children: dict[str, dict[str, Any]]  # by child uuid: gender, dob
    cases: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    entitlements: list[dict[str, Any]]
    visits: list[dict[str, Any]]
    source: str = "cci"  # or "district", "state" (central's database)
    received_by: str | None = None  # district: when the newest bundle was taken in


def _d(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _rows(
    session: Session, model: Any, where: Any, fks: dict[str, dict[int, str]]
) -> list[dict[str, Any]]:
    """A table's rows as plain dicts shaped like synced records (Core, not ORM objects)."""
    table = model.__table__
    out: list[dict[str, Any]] = []
    skip = ("id", "change_seq", "synced_version", "version")
    for r in session.execute(select(table).where(where)).mappings():
        row: dict[str, Any] = {}
        for key, v in r.items():
            if key in fks:
                row[key.removesuffix("_id") + "_uuid"] = fks[key].get(v) if v is not None else None
            elif key == "uuid":
                row["uuid"] = str(v)
            elif key not in skip:
                row[key] = v
        out.append(row)
    return out


def records_from_db(session: Session) -> Records:
    """The records of the children in the actor's area, from this install's tables."""
    require(session, Permission.VIEW)
    kids = {
        i: (str(u), g, d)
        for i, u, g, d in session.execute(
            select(Child.id, Child.uuid, Child.gender, Child.dob).where(scope_filter(session))
        )
    }
    child_uuid = {i: k[0] for i, k in kids.items()}
    in_area = CltsCase.child_id.in_(select(Child.id).where(scope_filter(session)))
    cases = _rows(session, CltsCase, in_area, {"child_id": child_uuid, "household_id": {}})
    case_uuid = {
        i: str(u) for i, u in session.execute(select(CltsCase.id, CltsCase.uuid).where(in_area))
    }
    ids = list(case_uuid)

    def related(model: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            out += _rows(session, model, model.case_id.in_(chunk), {"case_id": case_uuid})
        return out

    wanted = {c["child_uuid"] for c in cases}
    return Records(
        children={u: {"gender": g, "dob": d} for u, g, d in kids.values() if u in wanted},
        cases=cases,
        lines=related(CltsCompensation),
        entitlements=related(CltsEntitlement),
        visits=related(CltsFollowUp),
    )


def age_band(age: int, bands: tuple[int, ...]) -> str:
    """The band an age falls in, e.g. "10-14" (the last one runs to 18)."""
    for i, low in enumerate(bands):
        high = bands[i + 1] - 1 if i + 1 < len(bands) else 17
        if low <= age <= high:
            return f"{low}-{high}" if low else f"<{high + 1}"
    return f"{bands[-1]}-17"


def band_names(bands: tuple[int, ...]) -> list[str]:
    """Every band's name, youngest first."""
    out = []
    for i, low in enumerate(bands):
        high = bands[i + 1] - 1 if i + 1 < len(bands) else 17
        out.append(f"{low}-{high}" if low else f"<{high + 1}")
    return out


@dataclass
class LineFigures:
    """One compensation line in the quarter."""

    ordered_n: int = 0
    ordered_rs: int = 0
    paid_n: int = 0
    paid_rs: int = 0
    outstanding_n: int = 0  # at the quarter's end: due, not refused, not paid
    outstanding_rs: int = 0


@dataclass
class QuarterReport:
    """The quarter's figures (counts and rupees only)."""

    quarter: Quarter
    area: str
    source: str
    received_by: str | None
    rescued: int = 0
    by_industry: Counter[str] = field(default_factory=Counter)
    by_age_gender: dict[str, Counter[str]] = field(default_factory=dict)
    in_state: Counter[str] = field(default_factory=Counter)  # district name -> children
    other_state: Counter[str] = field(default_factory=Counter)  # state name -> children
    origin_unknown: int = 0
    hazardous: int = 0
    bonded: int = 0
    trafficked: int = 0
    lines: dict[str, LineFigures] = field(default_factory=dict)
    coverage: dict[str, tuple[int, int]] = field(
        default_factory=dict
    )  # dept -> (received, eligible)
    open_cases: int = 0
    in_school: int = 0
    school_known: int = 0
    working_again: int = 0
    visits_done: int = 0
    visits_missed: int = 0

    @property
    def interstate(self) -> int:
        """Children rescued in the quarter whose home is in another state."""
        return sum(self.other_state.values())


def quarterly_report(
    records: Records, quarter: Quarter, *, policy: CltsPolicy, area: str
) -> QuarterReport:
    """The quarter's figures from the records."""
    q0, q1 = quarter.start, quarter.end
    rep = QuarterReport(quarter, area, records.source, records.received_by)
    rep.by_age_gender = {b: Counter() for b in band_names(policy.age_bands)}
    known_cases: dict[str, dict[str, Any]] = {}
    for c in records.cases:
        rescued = _d(c.get("rescue_on"))
        if rescued is None or rescued > q1:
            continue
        known_cases[str(c["uuid"])] = c
        closed = _d(c.get("closed_on"))
        if closed is None or closed > q1:
            rep.open_cases += 1
        if rescued < q0:
            continue
        rep.rescued += 1
        rep.by_industry[str(c.get("industry"))] += 1
        kid = records.children.get(str(c.get("child_uuid")), {})
        dob = _d(kid.get("dob"))
        age = (rescued - dob).days * 4 // 1461 if dob else None
        gender = str(kid.get("gender") or "unknown")
        if age is not None:
            rep.by_age_gender.setdefault(age_band(age, policy.age_bands), Counter())[gender] += 1
        origin = c.get("origin_state")
        if origin is None:
            rep.origin_unknown += 1
        elif origin == c.get("rescue_state") or origin == policy.state:
            name = c.get("origin_district_name") or (
                lgd.district_name(int(origin), int(c["origin_district"]))
                if c.get("origin_district")
                else None
            )
            rep.in_state[name or "-"] += 1
        else:
            rep.other_state[lgd.states().get(int(origin), str(origin))] += 1
        rep.hazardous += bool(c.get("hazardous"))
        rep.bonded += bool(c.get("bonded"))
        rep.trafficked += bool(c.get("trafficked"))
    for code in policy.compensation:
        rep.lines[code] = LineFigures()
    for ln in records.lines:
        if str(ln.get("case_uuid")) not in known_cases:
            continue
        fig = rep.lines.setdefault(str(ln["line"]), LineFigures())
        ordered, paid, refused = (
            _d(ln.get("ordered_on")),
            _d(ln.get("paid_on")),
            _d(ln.get("refused_on")),
        )
        if ordered and q0 <= ordered <= q1:
            fig.ordered_n += 1
            fig.ordered_rs += int(ln.get("ordered_amount") or ln.get("amount") or 0)
        if paid and q0 <= paid <= q1:
            fig.paid_n += 1
            fig.paid_rs += int(ln.get("paid_amount") or 0)
        if (paid is None or paid > q1) and (refused is None or refused > q1):
            fig.outstanding_n += 1
            fig.outstanding_rs += int(ln.get("amount") or 0)
    cover: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for dept in policy.departments:
        cover[dept] = [0, 0]
    for e in records.entitlements:
        if str(e.get("case_uuid")) not in known_cases:
            continue
        status = e.get("status")
        received = _d(e.get("received_on"))
        if status in GAPS or status == "received":
            cover[str(e["department"])][1] += 1
            if status == "received" and (received is None or received <= q1):
                cover[str(e["department"])][0] += 1
    rep.coverage = {k: (v[0], v[1]) for k, v in cover.items()}
    latest: dict[str, tuple[date, dict[str, Any]]] = {}
    working: set[str] = set()
    for v in records.visits:
        case = str(v.get("case_uuid"))
        if case not in known_cases:
            continue
        done, due = _d(v.get("done_on")), _d(v.get("due_on"))
        if done and q0 <= done <= q1:
            rep.visits_done += 1
            if v.get("working_again"):
                working.add(case)
        if due and q0 <= due <= q1 and (done is None or done > q1):
            rep.visits_missed += 1
        if done and done <= q1 and v.get("in_school") is not None:
            if case not in latest or done >= latest[case][0]:
                latest[case] = (done, v)
    rep.working_again = len(working)
    for case_id, c in known_cases.items():
        enrolled = _d(c.get("enrolled_on"))
        if case_id in latest:
            rep.school_known += 1
            rep.in_school += bool(latest[case_id][1].get("in_school"))
        elif enrolled and enrolled <= q1 and c.get("school_type") != "none":
            rep.school_known += 1
            rep.in_school += 1
        elif c.get("in_school_at_rescue") is not None:
            rep.school_known += 1
            rep.in_school += bool(c.get("in_school_at_rescue"))
    return rep


def report_tables(
    rep: QuarterReport, policy: CltsPolicy, lang: str = "en"
) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The report as (title key, header keys, rows) tables: one shape for the PDF and Excel."""

    def nm(table: dict[str, Any], code: str) -> str:
        item = table.get(code)
        return code if item is None else str(item.hi if lang == "hi" else item.en)

    bands = list(rep.by_age_gender)
    out: list[tuple[str, list[str], list[list[Any]]]] = [
        (
            "by_industry",
            ["industry", "children"],
            [[nm(policy.industries, k), n] for k, n in rep.by_industry.most_common()],
        ),
        (
            "by_age",
            ["age_band", "female", "male", "transgender", "total"],
            [
                [b, *(rep.by_age_gender[b][g] for g in GENDERS), sum(rep.by_age_gender[b].values())]
                for b in bands
            ],
        ),
        (
            "by_origin",
            ["area", "children"],
            [[k, n] for k, n in rep.in_state.most_common()]
            + [
                [f"{k} (other state)" if lang != "hi" else f"{k} (अन्य राज्य)", n]
                for k, n in rep.other_state.most_common()
            ]
            + ([["-", rep.origin_unknown]] if rep.origin_unknown else []),
        ),
        (
            "comp_title",
            ["line", "ordered", "rupees", "paid", "rupees", "outstanding"],
            [
                [
                    nm(policy.compensation, k),
                    f.ordered_n,
                    f.ordered_rs,
                    f.paid_n,
                    f.paid_rs,
                    f.outstanding_rs,
                ]
                for k, f in rep.lines.items()
                if f.ordered_n or f.paid_n or f.outstanding_n
            ],
        ),
        (
            "coverage",
            ["department", "received_n", "eligible_n", "coverage_pct"],
            [
                [nm(policy.departments, k), r, e, f"{100 * r // e}%" if e else "-"]
                for k, (r, e) in rep.coverage.items()
            ],
        ),
    ]
    return out
