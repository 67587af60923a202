"""The quarterly CLTS report for the DCPU: numbers only, from plain records.

Pure computation over `Records` (lists of plain dicts shaped like the synced records:
dates as ISO text or dates, references by UUID), so every level makes it the same way: a
CCI from its own tables (`desktop.services.clts.report.records_from_db`), a district
office from its CCIs' bundles (`sync_client.district.clts.clts_records`), central for the
state or a district from its merged records (`central.reports.clts`). The report names no
child.

Per quarter (calendar quarters, DevInfo's "2026.07-2026.09"): children rescued by
industry, age band and gender, origin (district of the state / other state); compensation
ordered and paid in the quarter per line (count and rupees); entitlement coverage per
department at the quarter's end (received / eligible); children in school; children found
working again; follow-up visits made and missed.

The words (industries, compensation lines, departments, age bands, the state) come from
the CLTS policy: the desktop passes its `CltsPolicy`, central its catalogue's copy
(`ReportWords`); both fit the `ReportPolicy` protocol.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from reporting import lgd

GAPS = ("eligible", "applied", "rejected")  # an entitlement eligible but not received


class Named(Protocol):
    """Anything with an English and a Hindi name."""

    @property
    def en(self) -> str: ...

    @property
    def hi(self) -> str: ...


class ReportPolicy(Protocol):
    """What the report needs of the CLTS policy."""

    @property
    def state(self) -> int: ...

    @property
    def age_bands(self) -> tuple[int, ...]: ...

    @property
    def industries(self) -> Mapping[str, Named]: ...

    @property
    def compensation(self) -> Mapping[str, Named]: ...

    @property
    def departments(self) -> Mapping[str, Named]: ...


@dataclass(frozen=True)
class Label:
    """A name in English and Hindi."""

    en: str
    hi: str


@dataclass(frozen=True)
class ReportWords:
    """The policy's words for the report without the policy (central reads them from its
    catalogue, a copy of the desktop's policy kept equal by a test)."""

    state: int
    age_bands: tuple[int, ...]
    industries: Mapping[str, Label]
    compensation: Mapping[str, Label]
    departments: Mapping[str, Label]

    @classmethod
    def of(cls, policy: ReportPolicy) -> ReportWords:
        """The words of a policy."""

        def names(table: Mapping[str, Named]) -> dict[str, Label]:
            return {k: Label(v.en, v.hi) for k, v in table.items()}

        return cls(
            policy.state,
            tuple(policy.age_bands),
            names(policy.industries),
            names(policy.compensation),
            names(policy.departments),
        )

    @classmethod
    def from_plain(cls, raw: Mapping[str, Any]) -> ReportWords:
        """From a plain table (TOML): state, age_bands, and {code: {en, hi}} per kind."""

        def names(kind: str) -> dict[str, Label]:
            return {
                str(k): Label(str(v["en"]), str(v.get("hi") or v["en"]))
                for k, v in raw[kind].items()
            }

        return cls(
            int(raw["state"]),
            tuple(int(b) for b in raw["age_bands"]),
            names("industries"),
            names("compensation"),
            names("departments"),
        )

    def plain(self) -> dict[str, Any]:
        """As a plain table (for the catalogue file)."""

        def names(table: Mapping[str, Label]) -> dict[str, dict[str, str]]:
            return {k: {"en": v.en, "hi": v.hi} for k, v in table.items()}

        return {
            "state": self.state,
            "age_bands": list(self.age_bands),
            "industries": names(self.industries),
            "compensation": names(self.compensation),
            "departments": names(self.departments),
        }


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
    records: Records, quarter: Quarter, *, policy: ReportPolicy, area: str
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
    rep: QuarterReport, policy: ReportPolicy, lang: str = "en"
) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The report as (title key, header keys, rows) tables: one shape for the PDF and Excel."""

    def nm(table: Mapping[str, Named], code: str) -> str:
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
