"""The dashboard's numbers: children by status, category, gender, age and length of stay; flags.

Every figure is one SQL aggregate (GROUP BY, or CASE over precomputed cut-off dates so
the age and stay bands need no date arithmetic per row): the whole dashboard of a
quarter of a million children is a handful of scans. Children "in care" are those with
the policy's active statuses; the breakdowns other than status count only them. Keys
are plain values (status names, category codes, band keys); the screen words them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop.rules.engine import add_years
from desktop.rules.policy import Policy, load_policy
from desktop.services.flags import OPEN

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
    flags_by_level: dict[int, int]

    @property
    def overdue(self) -> int:
        """Open flags whose due date has passed."""
        return sum(self.overdue_by_rule.values())


def _band_case(column: str, cuts: list[tuple[str, date]]) -> tuple[str, dict[str, Any]]:
    """A CASE naming the band of a date column: `cuts` are (key, latest date in it), oldest last.

    A row belongs to the first band whose cut-off date it is on or after (ages and stays
    grow as the date column goes back in time).
    """
    whens, params = [], {}
    for i, (key, cut) in enumerate(cuts[:-1]):
        whens.append(f"WHEN {column} > :cut{i} THEN :key{i}")
        params[f"cut{i}"] = cut.isoformat()
        params[f"key{i}"] = key
    params["key_last"] = cuts[-1][0]
    return "CASE " + " ".join(whens) + " ELSE :key_last END", params


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


def dashboard(session: Session, *, as_of: date, policy: Policy | None = None) -> Dashboard:
    """Every dashboard figure as of the date."""
    policy = policy or load_policy()
    active = {f"s{i}": s for i, s in enumerate(policy.active_statuses)}
    in_care_sql = "status IN (" + ", ".join(f":{k}" for k in active) + ")"
    by_status = _grouped(session, "SELECT status, count(*) FROM child GROUP BY status", {})
    where = f"FROM child WHERE {in_care_sql}"
    by_category = _grouped(session, f"SELECT category_code, count(*) {where} GROUP BY 1", active)
    by_gender = _grouped(session, f"SELECT gender, count(*) {where} GROUP BY 1", active)
    age_sql, age_params = _band_case("dob", age_band_cuts(as_of))
    by_age = _grouped(
        session,
        f"SELECT {age_sql}, count(*) {where} GROUP BY 1",
        {
            **active,
            **age_params,
        },
    )
    stay_sql, stay_params = _band_case("admission_date", stay_band_cuts(as_of))
    by_stay = _grouped(
        session,
        f"SELECT {stay_sql}, count(*) {where} GROUP BY 1",
        {
            **active,
            **stay_params,
        },
    )
    open_params = {f"o{i}": s for i, s in enumerate(OPEN)}
    open_sql = "status IN (" + ", ".join(f":{k}" for k in open_params) + ")"
    flags_by_rule = _grouped(
        session, f"SELECT rule_id, count(*) FROM flag WHERE {open_sql} GROUP BY 1", open_params
    )
    overdue_by_rule = _grouped(
        session,
        f"SELECT rule_id, count(*) FROM flag WHERE {open_sql} AND due_on < :as_of GROUP BY 1",
        {**open_params, "as_of": as_of.isoformat()},
    )
    flags_by_level = _grouped(
        session,
        f"SELECT escalation_level, count(*) FROM flag WHERE {open_sql} GROUP BY 1",
        open_params,
    )
    return Dashboard(
        as_of=as_of,
        total=sum(by_status.values()),
        in_care=sum(by_gender.values()),
        by_status=by_status,
        by_category=by_category,
        by_gender=by_gender,
        by_age_band={k: by_age.get(k, 0) for k, _ in AGE_BANDS},
        by_stay_band={k: by_stay.get(k, 0) for k, _ in STAY_BANDS},
        open_flags=sum(flags_by_rule.values()),
        flags_by_rule=dict(sorted(flags_by_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
        overdue_by_rule=overdue_by_rule,
        flags_by_level={lvl: flags_by_level.get(lvl, 0) for lvl in (0, 1, 2)},
    )
