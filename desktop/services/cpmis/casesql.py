"""CPMIS figures counted from the case records, for a period, in bulk SQL.

What the case records already know is counted, not retyped: children residing on the
first and last day, admissions, exits by how the child left, length of stay, deadlines
met (production before the CWC, medical examination, SIR, ICP, final order, LFA,
CARINGS), events such as LFA declarations, open review flags and capacity.

Reproducible: only records dated on or before the period's last day count (an exit or an
order dated later is not known "as of" that day), and the category a child had on a day
is read from the category history. The same inputs give the same figures.

How: one pass builds a temporary table with one row per child of the bodies (dates of the
first SIR, ICP, final order, LFA and CARINGS registration, category on the first and the
last day); then one grouped query per population and dimension set (children residing on
the last day by sex and age, admissions by sex and age, ...) sums a CASE column per
indicator. Python only spreads the grouped rows over the subgroups, so a quarter of a
quarter-million-child database takes a few SQL scans.

Definitions (docs/cpmis.md): residing on the first day = admitted before it and not left
before it; residing on the last day = admitted by it and not left by it; so
last = first + admitted - exited holds for every period. Age is in whole years on the day
that counts; stay is in days from admission.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from desktop.rules.policy import Policy, load_policy
from reporting.cpmis.catalogue import Catalogue, Indicator

Figures = dict[str, dict[str, float]]

_SAFE = re.compile(r"^[a-z_0-9]+$")
# Event columns of the per-child table; "cwc_production" as a start falls back to admission
# (the CWC clock runs from admission until the child is produced, as in the rules engine).
_EVENT_COL = {
    "admission": "adm",
    "cwc_production": "prod",
    "medical_exam": "med",
    "sir_completed": "sir",
    "icp_prepared": "icp",
    "cwc_final_order": "fin",
    "lfa_declared": "lfa",
    "carings_registered": "car",
}

KID_SQL = """
CREATE TEMP TABLE cpmis_kid AS
SELECT c.id AS id, c.institution_id AS inst, c.gender AS g, c.dob AS dob,
       c.admission_date AS adm,
       CASE WHEN c.exit_date <= :end THEN c.exit_date END AS ex,
       CASE WHEN c.exit_date <= :end THEN c.status END AS st,
       c.referral AS ref,
       (c.referral = 'cwc' OR coalesce(c.admission_order_no, '') != '') AS on_order,
       CASE WHEN c.produced_before_cwc_on <= :end THEN c.produced_before_cwc_on END AS prod,
       CASE WHEN c.medical_exam_on <= :end THEN c.medical_exam_on END AS med,
       coalesce(
         (SELECT x.to_code FROM category_change x
           WHERE x.child_id = c.id AND x.effective_on < :start
           ORDER BY x.effective_on DESC, x.id DESC LIMIT 1),
         CASE WHEN NOT EXISTS (SELECT 1 FROM category_change y WHERE y.child_id = c.id)
              THEN c.category_code END) AS cat_start,
       coalesce(
         (SELECT x.to_code FROM category_change x
           WHERE x.child_id = c.id AND x.effective_on <= :end
           ORDER BY x.effective_on DESC, x.id DESC LIMIT 1),
         CASE WHEN NOT EXISTS (SELECT 1 FROM category_change y WHERE y.child_id = c.id)
              THEN c.category_code END) AS cat_end,
       s.d AS sir, p.d AS icp, o.fin AS fin,
       CASE WHEN o.lfa IS NULL THEN a.lfa WHEN a.lfa IS NULL OR o.lfa <= a.lfa THEN o.lfa
            ELSE a.lfa END AS lfa,
       a.car AS car
  FROM child c
  LEFT JOIN (SELECT child_id, min(completed_on) AS d FROM social_investigation
              WHERE completed_on <= :end GROUP BY child_id) s ON s.child_id = c.id
  LEFT JOIN (SELECT child_id, min(prepared_on) AS d FROM care_plan
              WHERE prepared_on <= :end GROUP BY child_id) p ON p.child_id = c.id
  LEFT JOIN (SELECT child_id,
                    min(CASE WHEN order_type = 'final' THEN order_date END) AS fin,
                    min(CASE WHEN order_type = 'lfa_declaration' THEN order_date END) AS lfa
               FROM cwc_order WHERE order_date <= :end
                AND order_type IN ('final', 'lfa_declaration') GROUP BY child_id) o
         ON o.child_id = c.id
  LEFT JOIN (SELECT child_id,
                    min(CASE WHEN stage = 'declared_lfa' THEN entered_on END) AS lfa,
                    min(CASE WHEN stage IN ('registered_carings', 'referred', 'adopted')
                             THEN entered_on END) AS car
               FROM adoption_stage WHERE entered_on <= :end
                AND stage IN ('declared_lfa', 'registered_carings', 'referred', 'adopted')
              GROUP BY child_id) a ON a.child_id = c.id
 WHERE c.admission_date <= :end AND (c.exit_date IS NULL OR c.exit_date >= :lookback)
   AND c.merged_into_id IS NULL
   AND c.institution_id IN ({insts})
"""

# Children who left long before the period cannot count in it (a deadline's start event comes
# before the child leaves): the child table is read from this many days before its first day.
# Counts "till date" over every child ever admitted are made apart (`_cumulative_counts`).
LOOKBACK_MARGIN_DAYS = 31

# A child's first event of a kind by the period's end, for the counts "till date".
EVENT_SQL = {
    "icp_prepared": "SELECT child_id, min(prepared_on) AS d FROM care_plan "
    "WHERE prepared_on <= :end GROUP BY child_id",
    "sir_completed": "SELECT child_id, min(completed_on) AS d FROM social_investigation "
    "WHERE completed_on <= :end GROUP BY child_id",
    "cwc_final_order": "SELECT child_id, min(order_date) AS d FROM cwc_order "
    "WHERE order_type = 'final' AND order_date <= :end GROUP BY child_id",
    "lfa_declared": "SELECT child_id, min(d) AS d FROM ("
    "SELECT child_id, order_date AS d FROM cwc_order WHERE order_type = 'lfa_declaration' "
    "AND order_date <= :end UNION ALL SELECT child_id, entered_on FROM adoption_stage "
    "WHERE stage = 'declared_lfa' AND entered_on <= :end) GROUP BY child_id",
    "carings_registered": "SELECT child_id, min(entered_on) AS d FROM adoption_stage "
    "WHERE stage IN ('registered_carings', 'referred', 'adopted') AND entered_on <= :end "
    "GROUP BY child_id",
    "cwc_production": "SELECT id AS child_id, produced_before_cwc_on AS d FROM child "
    "WHERE produced_before_cwc_on <= :end",
    "medical_exam": "SELECT id AS child_id, medical_exam_on AS d FROM child "
    "WHERE medical_exam_on <= :end",
}

# Who is counted, and the day that counts for age and stay.
_POPULATIONS = {
    "start": ("adm < :start AND (ex IS NULL OR ex >= :start)", ":start", ":start"),
    "end": ("adm <= :end AND (ex IS NULL OR ex > :end)", ":end", ":end"),
    # Stay of an admitted child: at the end of the month of admission (or on leaving), so
    # that a quarter counted at once equals its three months added up.
    "admitted": (
        "adm BETWEEN :start AND :end",
        "adm",
        "min(coalesce(ex, date(adm, 'start of month', '+1 month', '-1 day')), :end)",
    ),
    "exited": ("ex BETWEEN :start AND :end", "ex", "ex"),
    "all": ("1", ":end", ":end"),
}


@dataclass(frozen=True)
class Body:
    """A CCI to count for: its id in this database and its CCI type code (CH, OH...)."""

    institution_id: int
    cci_type: str


def _lit(values: Iterable[Any]) -> str:
    """An SQL list of checked literals (numbers, or lower-case words the catalogue allowed)."""
    out = []
    for v in values:
        if isinstance(v, int) and not isinstance(v, bool):
            out.append(str(v))
        elif isinstance(v, str) and _SAFE.match(v):
            out.append(f"'{v}'")
        else:
            raise ValueError(f"not a safe SQL literal: {v!r}")
    return "(" + (", ".join(out) or "NULL") + ")"


def _age(day: str) -> str:
    """Age in whole years on `day` (an SQL expression over ISO date text)."""
    return (
        f"(CAST(substr({day}, 1, 4) AS INTEGER) - CAST(substr(dob, 1, 4) AS INTEGER)"
        f" - (substr({day}, 6, 5) < substr(dob, 6, 5)))"
    )


def _working_days_sql(col: str, n: int) -> str:
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


class _Plan:
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
            out.append(f"{cat} IN {_lit(p['categories'])}")
        if "legal_classes" in p:
            out.append(f"{cat} IN {_lit(self.class_codes(p['legal_classes']))}")
        return out

    def deadline(self, p: dict[str, Any], met: bool) -> str:
        start = _EVENT_COL[p["start"]]
        if p["start"] == "cwc_production":
            start = "coalesce(prod, adm)"
        end = _EVENT_COL[p["end"]]
        if "within_days" in p:
            due = f"date({start}, '+{int(p['within_days'])} days')"
        elif "within_months" in p:
            due = f"date({start}, '+{int(p['within_months'])} months')"
        else:
            due = _working_days_sql(start, int(p["within_working_days"]))
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
            cond.append(f"cat_end IN {_lit(self.class_codes(p['legal_classes']))}")
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
                return "exited", f"st IN {_lit(p['statuses'])}"
            return "exited", "1"
        if fn == "event_count":
            col = _EVENT_COL[p["event"]]
            if p.get("cumulative"):
                return "ever", ""  # over every child ever admitted: _cumulative_counts
            return "all", f"{col} BETWEEN :start AND :end"
        if fn in ("deadline_due", "deadline_met"):
            return "all", self.deadline(p, fn == "deadline_met")
        raise AssertionError(fn)


def _dims_of(cat: Catalogue, set_id: str) -> frozenset[str]:
    return frozenset(d for m in cat.sets[set_id].members for d in cat.subgroups[m].dims)


def _ordered_bands(bands: dict[str, int | None], used: Iterable[str]) -> list[tuple[str, int]]:
    """The bands of a set, lowest first, as (band, upper bound); an open band gets a huge one."""
    out: list[tuple[str, int]] = []
    for b in set(used):
        below = bands[b]
        out.append((b, below if below is not None else 10**9))
    return sorted(out, key=lambda x: x[1])


def _band(value: float, bands: list[tuple[str, int]]) -> str:
    for b, below in bands:
        if value < below:
            return b
    return bands[-1][0]


class _Spreader:
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
                values["age"] = _band(raw, _ordered_bands(cat.age_bands, ages)) if ages else None
            elif dim == "stay":
                stays = [
                    cat.subgroups[m].dims["stay"]
                    for m in members
                    if "stay" in cat.subgroups[m].dims
                ]
                lo = self.stay_edges[raw - 1] if raw > 0 else 0
                values["stay"] = _band(lo, _ordered_bands(cat.stay_bands, stays)) if stays else None
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


def compute_case_figures(
    session: Session,
    cat: Catalogue,
    *,
    start: date,
    end: date,
    bodies: list[Body],
    indicators: Iterable[Indicator] | None = None,
    policy: Policy | None = None,
) -> dict[int, Figures]:
    """The case-record indicators of each body for the period [start, end], as
    {institution id: {indicator id: {subgroup id: count}}} (every subgroup present, 0s too)."""
    policy = policy or load_policy()
    wanted = [
        i
        for i in (indicators if indicators is not None else cat.indicators.values())
        if i.kind == "case" and i.body == "cci"
    ]
    out: dict[int, Figures] = {b.institution_id: {} for b in bodies}
    if not bodies or not wanted:
        return out
    by_inst = {b.institution_id: b for b in bodies}
    # Zeros first: each body's indicators with every subgroup of its set.
    for b in bodies:
        figs = out[b.institution_id]
        for i in wanted:
            if i.applies("cci", b.cci_type):
                figs[i.id] = dict.fromkeys(cat.members(i, b.cci_type), 0.0)
    dbapi = session.connection().connection.driver_connection
    assert dbapi is not None
    lookback = start - timedelta(days=lookback_days(cat))
    params = {"start": start.isoformat(), "end": end.isoformat(), "lookback": lookback.isoformat()}
    plan = _Plan(cat, policy)
    edges = sorted({b for b in cat.stay_bands.values() if b is not None})
    spread = _Spreader(cat, policy, edges)
    stay_expr = lambda day: (  # noqa: E731 - a small SQL builder reads best inline
        "(CASE "
        + " ".join(
            f"WHEN julianday({day}) - julianday(adm) < {e} THEN {n}" for n, e in enumerate(edges)
        )
        + f" ELSE {len(edges)} END)"
    )
    cur = dbapi.cursor()
    try:
        cur.execute("DROP TABLE IF EXISTS temp.cpmis_kid")
        cur.execute(KID_SQL.format(insts=_lit(sorted(by_inst))), params)
        _grouped_counts(cur, cat, wanted, plan, spread, by_inst, out, params, stay_expr)
        _cumulative_counts(cur, cat, wanted, spread, by_inst, out, params)
        _other_counts(cur, cat, wanted, by_inst, out, params)
        _clts_counts(cur, cat, wanted, spread, by_inst, out, params)
    finally:
        cur.execute("DROP TABLE IF EXISTS temp.cpmis_kid")
        cur.close()
    return out


def _grouped_counts(
    cur: Any,
    cat: Catalogue,
    wanted: list[Indicator],
    plan: _Plan,
    spread: _Spreader,
    by_inst: dict[int, Body],
    out: dict[int, Figures],
    params: dict[str, str],
    stay_expr: Any,
) -> None:
    """One grouped query per (population, dimensions, CCI-type sets) over the child table."""
    groups: dict[tuple[str, frozenset[str]], list[tuple[Indicator, str]]] = defaultdict(list)
    for i in wanted:
        if i.function not in (
            "census_at",
            "stay_bands",
            "admissions",
            "exits",
            "event_count",
            "deadline_due",
            "deadline_met",
        ):
            continue
        pop, cond = plan.condition(i)
        if pop == "ever":
            continue
        wanted_dims: set[str] = set()
        for sid in {i.subgroup_set, *i.subgroups_by_type.values()}:
            wanted_dims.update(_dims_of(cat, sid))
        wanted_dims.discard("protection")  # from the institution type, not the child
        groups[(pop, frozenset(wanted_dims))].append((i, cond))
    for (pop, dims), items in groups.items():
        where, age_day, stay_day = _POPULATIONS[pop]
        cols = ["inst"]
        names = []
        for d in sorted(dims):
            if d == "sex":
                cols.append("g")
            elif d == "age":
                cols.append(_age(age_day))
            elif d == "stay":
                cols.append(stay_expr(stay_day))
            elif d == "legal_class":
                cols.append("cat_start" if pop == "start" else "cat_end")
            elif d == "brought_by":
                cols.append("ref")
            else:
                raise AssertionError(d)
            names.append(d)
        sums = [f"sum(CASE WHEN {cond} THEN 1 ELSE 0 END)" for _, cond in items]
        n_key = len(cols)
        sql = (
            f"SELECT {', '.join(cols)}, {', '.join(sums)} FROM temp.cpmis_kid "
            f"WHERE {where} GROUP BY {', '.join(str(k + 1) for k in range(n_key))}"
        )
        for row in cur.execute(sql, params):
            inst = row[0]
            body = by_inst[inst]
            raw_attrs = tuple(zip(names, row[1:n_key], strict=True))
            for (ind, _cond), n in zip(items, row[n_key:], strict=True):
                if not n or ind.id not in out[inst]:
                    continue
                set_id = ind.set_for(body.cci_type)
                attrs = raw_attrs
                if "brought_by" in names:
                    ref = dict(raw_attrs)["brought_by"]
                    sg = next(
                        (k for k, v in ind.params.get("referral_map", {}).items() if ref in v),
                        None,
                    )
                    attrs = tuple((d, sg if d == "brought_by" else v) for d, v in raw_attrs)
                prot = cat.cci_types[body.cci_type].protection
                targets = spread.targets(set_id, (*attrs, ("protection", prot)))
                figs = out[inst][ind.id]
                for sg in targets:
                    figs[sg] += n


def lookback_days(cat: Catalogue) -> int:
    """How far before a period the child table must reach: the longest deadline, and a month."""
    longest = 0
    for i in cat.indicators.values():
        if i.function in ("deadline_due", "deadline_met"):
            p = i.params
            days = max(
                int(p.get("within_days", 0)),
                31 * int(p.get("within_months", 0)),
                31 * int(p.get("young_within_months", 0)),
                2 * int(p.get("within_working_days", 0)) + 4,
            )
            longest = max(longest, days)
    return longest + LOOKBACK_MARGIN_DAYS


def _cumulative_counts(
    cur: Any,
    cat: Catalogue,
    wanted: list[Indicator],
    spread: _Spreader,
    by_inst: dict[int, Body],
    out: dict[int, Figures],
    params: dict[str, str],
) -> None:
    """Counts "till date": children ever admitted whose first such event came by the end."""
    insts = _lit(sorted(by_inst))
    for i in wanted:
        if i.function != "event_count" or not i.params.get("cumulative"):
            continue
        sql = (
            f"SELECT c.institution_id, c.gender, count(*) FROM child c "
            f"JOIN ({EVENT_SQL[i.params['event']]}) e ON e.child_id = c.id "
            f"WHERE c.institution_id IN {insts} AND c.admission_date <= :end GROUP BY 1, 2"
        )
        for inst, gender, n in cur.execute(sql, params):
            figs = out[inst].get(i.id)
            if figs is None:
                continue
            set_id = i.set_for(by_inst[inst].cci_type)
            for sg in spread.targets(set_id, (("sex", gender),)):
                figs[sg] += n


def _other_counts(
    cur: Any,
    cat: Catalogue,
    wanted: list[Indicator],
    by_inst: dict[int, Body],
    out: dict[int, Figures],
    params: dict[str, str],
) -> None:
    """Open flags by rule, capacity and the body count (not from the child table)."""
    insts = _lit(sorted(by_inst))
    for i in wanted:
        if i.function == "open_flags":
            sql = (
                "SELECT c.institution_id, f.rule_id, count(*) FROM flag f "
                "JOIN child c ON c.id = f.child_id "
                f"WHERE c.institution_id IN {insts} AND f.raised_on <= :end "
                "AND (f.status != 'resolved' OR f.resolved_on > :end) GROUP BY 1, 2"
            )
            by_rule = {
                cat.subgroups[m].dims.get("rule"): m for m in cat.sets[i.subgroup_set].members
            }
            for inst, rule, n in cur.execute(sql, params):
                figs = out[inst].get(i.id)
                if figs is None:
                    continue
                sg = by_rule.get(rule)
                if sg is not None:
                    figs[sg] += n
                if "total" in figs:
                    figs["total"] += n
        elif i.function == "capacity":
            sql = f"SELECT id, capacity_boys, capacity_girls FROM institution WHERE id IN {insts}"
            for inst, boys, girls in cur.execute(sql):
                figs = out[inst].get(i.id)
                if figs is None:
                    continue
                for sg, v in (("boys", boys or 0), ("girls", girls or 0)):
                    if sg in figs:
                        figs[sg] = float(v)
                if "total" in figs:
                    figs["total"] = float((boys or 0) + (girls or 0))
        elif i.function == "body_count":
            for inst in by_inst:
                figs = out[inst].get(i.id)
                if figs is not None and "total" in figs:
                    figs["total"] = 1.0


# clts_count: (what is counted, extra join, condition) over clts_case k joined to child c.
_CLTS_OPEN = "k.rescue_on <= :end AND (k.closed_on IS NULL OR k.closed_on > :end)"
_CLTS_DUE = (
    "k.rescue_on <= :end AND (m.paid_on IS NULL OR m.paid_on > :end) "
    "AND (m.refused_on IS NULL OR m.refused_on > :end)"
)
_CLTS_SQL: dict[str, tuple[str, str, str]] = {
    "rescued": ("count(*)", "", "k.rescue_on BETWEEN :start AND :end"),
    "interstate": (
        "count(*)",
        "",
        "k.rescue_on BETWEEN :start AND :end AND k.origin_state IS NOT NULL "
        "AND k.origin_state != k.rescue_state",
    ),
    "hazardous": ("count(*)", "", "k.rescue_on BETWEEN :start AND :end AND k.hazardous"),
    "open_cases": ("count(*)", "", _CLTS_OPEN),
    "entitlements_pending": (
        "count(*)",
        "",
        _CLTS_OPEN + " AND EXISTS (SELECT 1 FROM clts_entitlement e WHERE e.case_id = k.id "
        "AND e.status IN ('eligible', 'applied', 'rejected', 'received') "
        "AND NOT (e.status = 'received' AND coalesce(e.received_on, :end) <= :end) "
        "AND (e.counted_from IS NULL OR e.counted_from <= :end))",
    ),
    "cards_issued": ("count(*)", "", "k.card_issued_on BETWEEN :start AND :end"),
    "working_again": (
        "count(*)",
        "JOIN clts_follow_up f ON f.case_id = k.id",
        "f.done_on BETWEEN :start AND :end AND f.working_again",
    ),
    "compensation_ordered": (
        "count(*)",
        "JOIN clts_compensation m ON m.case_id = k.id",
        "m.ordered_on BETWEEN :start AND :end",
    ),
    "compensation_paid": (
        "count(*)",
        "JOIN clts_compensation m ON m.case_id = k.id",
        "m.paid_on BETWEEN :start AND :end",
    ),
    "compensation_paid_rs": (
        "coalesce(sum(m.paid_amount), 0)",
        "JOIN clts_compensation m ON m.case_id = k.id",
        "m.paid_on BETWEEN :start AND :end",
    ),
    "compensation_outstanding": (
        "count(*)",
        "JOIN clts_compensation m ON m.case_id = k.id",
        _CLTS_DUE,
    ),
}


def _clts_counts(
    cur: Any,
    cat: Catalogue,
    wanted: list[Indicator],
    spread: _Spreader,
    by_inst: dict[int, Body],
    out: dict[int, Figures],
    params: dict[str, str],
) -> None:
    """Child labour (CLTS) figures of the CCIs' children, by the child's gender."""
    insts = _lit(sorted(by_inst))
    for i in wanted:
        if i.function != "clts_count":
            continue
        agg, join, cond = _CLTS_SQL[str(i.params["what"])]
        lines = [str(x) for x in i.params.get("lines", []) if _SAFE.match(str(x))]
        if lines and "m." in join:
            cond += f" AND m.line IN {_lit(lines)}"
        sql = (
            f"SELECT c.institution_id, c.gender, {agg} FROM clts_case k "
            f"JOIN child c ON c.id = k.child_id {join} "
            f"WHERE c.institution_id IN {insts} AND {cond} GROUP BY 1, 2"
        )
        for inst, gender, n in cur.execute(sql, params):
            figs = out[inst].get(i.id)
            if figs is None:
                continue
            set_id = i.set_for(by_inst[inst].cci_type)
            for sg in spread.targets(set_id, (("sex", gender),)):
                figs[sg] += float(n or 0)


def band_of_age(cat: Catalogue, set_id: str, age_years: int) -> str | None:
    """The age band of a set a child of this age falls in (None: the set has no age bands)."""
    ages = [
        d["age"] for d in (cat.subgroups[m].dims for m in cat.sets[set_id].members) if "age" in d
    ]
    return _band(age_years, _ordered_bands(cat.age_bands, ages)) if ages else None


def age_on(dob: date, day: date) -> int:
    """Age in whole years on a day (the same rule as the SQL above)."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
