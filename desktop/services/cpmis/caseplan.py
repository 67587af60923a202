"""How the CPMIS catalogue's case indicators become SQL over the per-child table of
`casesql.py`, and how a grouped row spreads over the subgroups of a set.

`Plan` turns an indicator into (population, SQL condition); `Spreader` finds the subgroups
a group's count belongs to (age and stay bands, legal class, sex...). Only checked literals
reach the SQL (`sql_list`). `age_on` and `band_of_age` are the same rules for one child.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from desktop.rules.policy import Policy
from reporting.cpmis.catalogue import Catalogue, Indicator

SAFE_WORD = re.compile(r"^[a-z_0-9]+$")
# Event columns of the per-child table; "cwc_production" as a start falls back to admission
# (the CWC clock runs from admission until the child is produced, as in the rules engine).
EVENT_COL = {
    "admission": "adm",
    "cwc_production": "prod",
    "medical_exam": "med",
    "sir_completed": "sir",
    "icp_prepared": "icp",
    "cwc_final_order": "fin",
    "lfa_declared": "lfa",
    "carings_registered": "car",
}


def sql_list(values: Iterable[Any]) -> str:
    """An SQL list of checked literals (numbers, or lower-case words the catalogue allowed)."""
    out = []
    for v in values:
        if isinstance(v, int) and not isinstance(v, bool):
            out.append(str(v))
        elif isinstance(v, str) and SAFE_WORD.match(v):
            out.append(f"'{v}'")
        else:
            raise ValueError(f"not a safe SQL literal: {v!r}")
    return "(" + (", ".join(out) or "NULL") + ")"


def age_sql(day: str) -> str:
    """Age in whole years on `day` (an SQL expression over ISO date text)."""
    return (
        f"(CAST(substr({day}, 1, 4) AS INTEGER) - CAST(substr(dob, 1, 4) AS INTEGER)"
        f" - (substr({day}, 6, 5) < substr(dob, 6, 5)))"
    )


def working_days_sql(col: str, n: int) -> str:
    """SQL date `n` working days (Monday to Friday) after the date in `col`."""
    cases = []
    for w in range(7):  # strftime('%w'): 0 = Sunday
        py = (w - 1) % 7  # Python weekday(): 0 = Monday
        d, left, add = py, n, 0
        while left:
            add += 1
            d = (d + 1) % 7
            if d < 5:
                left -= 1
        cases.append(f"WHEN '{w}' THEN {add}")
    return f"date({col}, '+' || (CASE strftime('%w', {col}) {' '.join(cases)} END) || ' days')"


class Plan:
    """Turns the catalogue's case indicators into SQL conditions, populations and dimensions."""

    def __init__(self, cat: Catalogue, policy: Policy) -> None:
        self.cat = cat
        self.policy = policy

    def class_codes(self, classes: Iterable[str]) -> list[int]:
        return self.policy.codes_of_class(*classes)

    def filters(self, p: dict[str, Any], pop: str) -> list[str]:
        """Conditions of census_at / stay_bands filters, as on the population's day."""
        before = "< :start" if pop == "start" else "<= :end"
        cat = "cat_start" if pop == "start" else "cat_end"
        out = []
        if p.get("lfa"):
            out.append(f"lfa {before}")
        if p.get("has_icp"):
            out.append(f"icp {before}")
        if "categories" in p:
            out.append(f"{cat} IN {sql_list(p['categories'])}")
        if "legal_classes" in p:
            out.append(f"{cat} IN {sql_list(self.class_codes(p['legal_classes']))}")
        return out

    def deadline(self, p: dict[str, Any], met: bool) -> str:
        start = EVENT_COL[p["start"]]
        if p["start"] == "cwc_production":
            start = "coalesce(prod, adm)"
        end = EVENT_COL[p["end"]]
        if "within_days" in p:
            due = f"date({start}, '+{int(p['within_days'])} days')"
        elif "within_months" in p:
            due = f"date({start}, '+{int(p['within_months'])} months')"
        else:
            due = working_days_sql(start, int(p["within_working_days"]))
        if "young_years" in p:
            young = f"date({start}, '+{int(p['young_within_months'])} months')"
            due = (
                f"(CASE WHEN (julianday({start}) - julianday(dob)) / 365.25 <= "
                f"{int(p['young_years'])} THEN {young} ELSE {due} END)"
            )
        cond = [
            f"{start} IS NOT NULL",
            f"{due} BETWEEN :start AND :end",
            # Counted while the child was still here on the due day, or once done in time.
            f"(ex IS NULL OR ex >= {due} OR ({end} IS NOT NULL AND {end} <= {due}))",
        ]
        if "legal_classes" in p:
            cond.append(f"cat_end IN {sql_list(self.class_codes(p['legal_classes']))}")
        if met:
            cond.append(f"{end} IS NOT NULL AND {end} <= {due}")
        return " AND ".join(cond)

    def condition(self, ind: Indicator) -> tuple[str, str]:
        """(population, SQL condition) for one case indicator."""
        fn, p = ind.function, ind.params
        if fn == "census_at":
            pop = p["at"]
            return pop, " AND ".join(self.filters(p, pop)) or "1"
        if fn == "stay_bands":
            pop = p.get("population") or p.get("at", "end")
            return pop, " AND ".join(self.filters(p, pop)) or "1"
        if fn == "admissions":
            if "on_order" in p:
                return "admitted", "on_order = 1" if p["on_order"] else "on_order = 0"
            return "admitted", "1"
        if fn == "exits":
            if p.get("statuses"):
                return "exited", f"st IN {sql_list(p['statuses'])}"
            return "exited", "1"
        if fn == "event_count":
            col = EVENT_COL[p["event"]]
            if p.get("cumulative"):
                return "ever", ""  # over every child ever admitted: _cumulative_counts
            return "all", f"{col} BETWEEN :start AND :end"
        if fn in ("deadline_due", "deadline_met"):
            return "all", self.deadline(p, fn == "deadline_met")
        raise AssertionError(fn)


def dims_of(cat: Catalogue, set_id: str) -> frozenset[str]:
    return frozenset(d for m in cat.sets[set_id].members for d in cat.subgroups[m].dims)


def ordered_bands(bands: dict[str, int | None], used: Iterable[str]) -> list[tuple[str, int]]:
    """The bands of a set, lowest first, as (band, upper bound); an open band gets a huge one."""
    out: list[tuple[str, int]] = []
    for b in set(used):
        below = bands[b]
        out.append((b, below if below is not None else 10**9))
    return sorted(out, key=lambda x: x[1])


def band_of(value: float, bands: list[tuple[str, int]]) -> str:
    for b, below in bands:
        if value < below:
            return b
    return bands[-1][0]


class Spreader:
    """Puts a group's count into every subgroup of a set the group belongs to (cached)."""

    def __init__(self, cat: Catalogue, policy: Policy, stay_edges: list[int]) -> None:
        self.cat = cat
        self.classes = {c.code: c.legal_class for c in policy.categories.values()}
        self.stay_edges = stay_edges
        self.cache: dict[tuple[Any, ...], list[str]] = {}

    def targets(self, set_id: str, attrs: tuple[tuple[str, Any], ...]) -> list[str]:
        key = (set_id, attrs)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        cat = self.cat
        members = cat.sets[set_id].members
        values: dict[str, Any] = {}
        for dim, raw in attrs:
            if dim == "age":
                ages = [
                    cat.subgroups[m].dims["age"] for m in members if "age" in cat.subgroups[m].dims
                ]
                values["age"] = band_of(raw, ordered_bands(cat.age_bands, ages)) if ages else None
            elif dim == "stay":
                stays = [
                    cat.subgroups[m].dims["stay"]
                    for m in members
                    if "stay" in cat.subgroups[m].dims
                ]
                lo = self.stay_edges[raw - 1] if raw > 0 else 0
                values["stay"] = (
                    band_of(lo, ordered_bands(cat.stay_bands, stays)) if stays else None
                )
            elif dim == "legal_class":
                values["legal_class"] = "unknown" if raw is None else self.classes.get(raw, "other")
            elif dim == "sex":
                values["sex"] = raw
            else:
                values[dim] = raw
        out = []
        for m in members:
            dims = cat.subgroups[m].dims
            if all(values.get(d) == v for d, v in dims.items()):
                out.append(m)
        self.cache[key] = out
        return out


def band_of_age(cat: Catalogue, set_id: str, age_years: int) -> str | None:
    """The age band of a set a child of this age falls in (None: the set has no age bands)."""
    ages = [
        d["age"] for d in (cat.subgroups[m].dims for m in cat.sets[set_id].members) if "age" in d
    ]
    return band_of(age_years, ordered_bands(cat.age_bands, ages)) if ages else None


def age_on(dob: date, day: date) -> int:
    """Age in whole years on a day (the same rule as `age_sql`)."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
