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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from desktop.rules.policy import Policy, load_policy
from desktop.services.cpmis.caseplan import (
    SAFE_WORD,
    Plan,
    Spreader,
    age_sql,
    dims_of,
    sql_list,
)
from reporting.cpmis.catalogue import Catalogue, Indicator

Figures = dict[str, dict[str, float]]

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
    plan = Plan(cat, policy)
    edges = sorted({b for b in cat.stay_bands.values() if b is not None})
    spread = Spreader(cat, policy, edges)
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
        cur.execute(KID_SQL.format(insts=sql_list(sorted(by_inst))), params)
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
    plan: Plan,
    spread: Spreader,
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
            wanted_dims.update(dims_of(cat, sid))
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
                cols.append(age_sql(age_day))
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
    spread: Spreader,
    by_inst: dict[int, Body],
    out: dict[int, Figures],
    params: dict[str, str],
) -> None:
    """Counts "till date": children ever admitted whose first such event came by the end."""
    insts = sql_list(sorted(by_inst))
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
    insts = sql_list(sorted(by_inst))
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
    spread: Spreader,
    by_inst: dict[int, Body],
    out: dict[int, Figures],
    params: dict[str, str],
) -> None:
    """Child labour (CLTS) figures of the CCIs' children, by the child's gender."""
    insts = sql_list(sorted(by_inst))
    for i in wanted:
        if i.function != "clts_count":
            continue
        agg, join, cond = _CLTS_SQL[str(i.params["what"])]
        lines = [str(x) for x in i.params.get("lines", []) if SAFE_WORD.match(str(x))]
        if lines and "m." in join:
            cond += f" AND m.line IN {sql_list(lines)}"
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
