"""The dashboard's numbers: children by status, category, gender, age and length of stay; flags.

Every figure is an SQL aggregate (GROUP BY, and CASE over precomputed cut-off dates so
the age and stay bands need no date arithmetic per row): the children in care are read
in one scan, and the flags mostly from their indexes, so a quarter of a million
children with a million flags take well under a second or two. Children "in care" are those with
the policy's active statuses; the breakdowns other than status count only them. Keys
are plain values (status names, category codes, band keys); the screen words them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.rules.dates import add_years
from desktop.rules.policy import Policy, load_policy
from desktop.services.core.permissions import scope_sql
from desktop.services.flags.store import OPEN

# (key, lowest age in completed years); bands run up to the next one's lowest age.
AGE_BANDS: tuple[tuple[str, int], ...] = (
    ("0-1", 0),
    ("2-5", 2),
    ("6-11", 6),
    ("12-14", 12),
    ("15-17", 15),
    ("18+", 18),
)
# (key, shortest stay in days); 2 years and 5 years are counted in calendar years.
STAY_BANDS: tuple[tuple[str, int], ...] = (
    ("<1m", 0),
    ("1-6m", 30),
    ("6-12m", 182),
    ("1-2y", 365),
    ("2-5y", 730),
    ("5y+", 1826),
)


@dataclass(frozen=True)
class Dashboard:
    """Counts for the dashboard (plain values, safe to hand between threads)."""

    as_of: date
    total: int
    in_care: int
    by_status: dict[str, int]
    by_category: dict[int | None, int]
    by_gender: dict[str, int]
    by_age_band: dict[str, int]
    by_stay_band: dict[str, int]
    open_flags: int
    flags_by_rule: dict[str, int]
    overdue_by_rule: dict[str, int]
    escalated: int  # open flags sent up to the district or the state

    @property
    def overdue(self) -> int:
        """Open flags whose due date has passed."""
        return sum(self.overdue_by_rule.values())


def _band_case(
    column: str, cuts: list[tuple[str, date]], prefix: str
) -> tuple[str, dict[str, Any]]:
    """A CASE naming the band of a date column: `cuts` are (key, date it starts after).

    A row belongs to the first band whose cut-off date it is after (ages and stays grow
    as the date column goes back in time); the last band takes the rest.
    """
    whens, params = [], {}
    for i, (key, cut) in enumerate(cuts[:-1]):
        whens.append(f"WHEN {column} > :{prefix}cut{i} THEN :{prefix}key{i}")
        params[f"{prefix}cut{i}"] = cut.isoformat()
        params[f"{prefix}key{i}"] = key
    params[f"{prefix}last"] = cuts[-1][0]
    return "CASE " + " ".join(whens) + f" ELSE :{prefix}last END", params


def age_band_cuts(as_of: date) -> list[tuple[str, date]]:
    """For each age band, the birth date at which a child moves into the next band."""
    keys = [k for k, _ in AGE_BANDS]
    lows = [low for _, low in AGE_BANDS]
    # A child born after add_years(as_of, -next_low) has not yet reached the next band.
    return [(keys[i], add_years(as_of, -lows[i + 1])) for i in range(len(keys) - 1)] + [
        (keys[-1], date.min)
    ]


def stay_band_cuts(as_of: date) -> list[tuple[str, date]]:
    """For each stay band, the admission date at which a stay moves into the next band."""
    keys = [k for k, _ in STAY_BANDS]
    lows = [low for _, low in STAY_BANDS]
    cuts: list[tuple[str, date]] = []
    for i in range(len(keys) - 1):
        nxt = lows[i + 1]
        # Years are calendar years (a stay of 2 years begins on the same day 2 years later).
        start = add_years(as_of, -(nxt // 365)) if nxt >= 730 else as_of - timedelta(days=nxt)
        cuts.append((keys[i], start))
    return cuts + [(keys[-1], date.min)]


def age_band(dob: date, as_of: date) -> str:
    """The age band of a child born on `dob` (the same bands as the SQL, for one child)."""
    for key, cut in age_band_cuts(as_of):
        if dob > cut:
            return key
    return AGE_BANDS[-1][0]


def stay_band(admitted: date, as_of: date) -> str:
    """The length-of-stay band of a child admitted on `admitted`."""
    for key, cut in stay_band_cuts(as_of):
        if admitted > cut:
            return key
    return STAY_BANDS[-1][0]


def _grouped(session: Session, sql: str, params: dict[str, Any]) -> dict[Any, int]:
    return {k: int(n) for k, n in session.execute(text(sql), params)}


def _in(name: str, values: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    params = {f"{name}{i}": v for i, v in enumerate(values)}
    return "(" + ", ".join(f":{k}" for k in params) + ")", params


def _children(session: Session, as_of: date, policy: Policy, scope: str) -> dict[str, Any]:
    """Children in care by category, gender, age band and stay band, in ONE scan."""
    active_in, params = _in("s", policy.active_statuses)
    age_sql, age_params = _band_case("dob", age_band_cuts(as_of), "a")
    stay_sql, stay_params = _band_case("admission_date", stay_band_cuts(as_of), "l")
    rows = session.execute(
        text(
            f"SELECT category_code, gender, {age_sql}, {stay_sql}, count(*) FROM child "
            f"WHERE status IN {active_in} {scope and 'AND ' + scope} GROUP BY 1, 2, 3, 4"
        ),
        {**params, **age_params, **stay_params},
    )
    out: dict[str, Counter[Any]] = {k: Counter() for k in ("category", "gender", "age", "stay")}
    for category, gender, age, stay, n in rows:
        out["category"][category] += n
        out["gender"][gender] += n
        out["age"][age] += n
        out["stay"][stay] += n
    return out


def _flags(session: Session, as_of: date, scope: str) -> tuple[dict[str, int], dict[str, int], int]:
    """Open flags by rule, past-due open flags by rule, and how many are escalated.

    A flag row is large (its explanations): reading a million of them takes seconds.
    So the counts come from the indexes, (child_id, rule_id) and (status, due_on), and
    rows are read only for the smaller side: the closed flags, and the open flags not
    yet due. `scope` (SQL on child) keeps the flags of the actor's area.
    """
    mine = f"child_id IN (SELECT id FROM child WHERE {scope})" if scope else "1"
    by_status = _grouped(session, f"SELECT status, count(*) FROM flag WHERE {mine} GROUP BY 1", {})
    open_in, params = _in("o", OPEN)
    n_open = sum(n for st, n in by_status.items() if st in OPEN)
    if n_open <= sum(by_status.values()) - n_open:
        by_rule = Counter(
            _grouped(
                session,
                f"SELECT rule_id, count(*) FROM flag WHERE status IN {open_in} AND {mine} "
                "GROUP BY 1",
                params,
            )
        )
    else:  # mostly open: every flag by rule (index only) less the closed ones
        by_rule = Counter(
            _grouped(session, f"SELECT rule_id, count(*) FROM flag WHERE {mine} GROUP BY 1", {})
        )
        closed = tuple(st for st in by_status if st not in OPEN)
        if closed:
            closed_in, closed_params = _in("c", closed)
            by_rule.subtract(
                _grouped(
                    session,
                    f"SELECT rule_id, count(*) FROM flag WHERE status IN {closed_in} "
                    f"AND {mine} GROUP BY 1",
                    closed_params,
                )
            )
    not_due = _grouped(
        session,
        f"SELECT rule_id, count(*) FROM flag WHERE status IN {open_in} AND due_on >= :as_of "
        f"AND {mine} GROUP BY 1",
        {**params, "as_of": as_of.isoformat()},
    )
    overdue = Counter(by_rule)
    overdue.subtract(not_due)
    return (
        {k: n for k, n in by_rule.items() if n > 0},
        {k: n for k, n in overdue.items() if n > 0},
        by_status.get("escalated", 0),
    )


def dashboard(session: Session, *, as_of: date, policy: Policy | None = None) -> Dashboard:
    """Every dashboard figure as of the date, for the children in the actor's area."""
    policy = policy or load_policy()
    scope = scope_sql(session)
    by_status = _grouped(
        session,
        f"SELECT status, count(*) FROM child WHERE {scope or '1'} GROUP BY status",
        {},
    )
    by_status.pop("merged", None)  # a record merged into another is not a child of its own
    kids = _children(session, as_of, policy, scope)
    flags_by_rule, overdue_by_rule, escalated = _flags(session, as_of, scope)
    return Dashboard(
        as_of=as_of,
        total=sum(by_status.values()),
        in_care=sum(kids["gender"].values()),
        by_status=by_status,
        by_category=dict(kids["category"]),
        by_gender=dict(kids["gender"]),
        by_age_band={k: kids["age"].get(k, 0) for k, _ in AGE_BANDS},
        by_stay_band={k: kids["stay"].get(k, 0) for k, _ in STAY_BANDS},
        open_flags=sum(flags_by_rule.values()),
        flags_by_rule=dict(sorted(flags_by_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
        overdue_by_rule=overdue_by_rule,
        escalated=escalated,
    )
