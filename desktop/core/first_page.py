"""The children list's rows in plain SQL on the driver's cursor, and what the window's start
reads before SQLAlchemy is imported (issue 22): the first page, the install's name, whether
anyone must log in. `desktop.services.find.listing` builds every other page on these rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.rules.dates import completed_years
from desktop.rules.policy import Policy, PolicyError, load_policy

OPEN_FLAG_STATUSES = ("open", "acknowledged", "escalated")

SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}


@dataclass(frozen=True)
class ListFilter:
    """What the list is narrowed to (None = no filter on that field)."""

    text: str | None = None
    status: str | None = None
    category_code: int | None = None
    gender: str | None = None
    age_min: int | None = None  # completed years, inclusive
    age_max: int | None = None  # completed years, inclusive
    open_flags: bool | None = None  # True: only with open flags; False: only without
    stay_min_days: int | None = None  # days since admission, inclusive
    stay_max_days: int | None = None


@dataclass(frozen=True)
class ChildRow:
    """One line of the children list (plain values, safe to hand to any thread)."""

    id: int
    code: str
    name: str
    name_local: str | None
    gender: str
    dob: date
    dob_estimated: bool
    admission_date: date
    status: str
    category_code: int | None
    category: str | None
    open_flags: int = 0  # open, acknowledged or escalated flags
    worst_severity: str | None = None  # the most serious of them (critical, high...)

    def age_on(self, day: date) -> int:
        """Completed years of age on `day`."""
        return completed_years(self.dob, day)


def _category(policy: Policy, code: int | None) -> str | None:
    if code is None:
        return None
    try:
        return policy.category(code).label()
    except PolicyError:
        return f"category {code}"  # a code the current policy file no longer has: still show it


def _day(v: Any) -> Any:
    return date.fromisoformat(v) if isinstance(v, str) else v


def child_rows(con: Any, policy: Policy, rows: Any, *, raw: bool) -> list[ChildRow]:
    """ChildRows of a page's columns (`raw`: as SQLite stores them: ISO dates, 0/1), with
    their open flags read on `con` (a DB-API connection)."""
    flags = page_flags(con, [r[0] for r in rows])
    labels: dict[int | None, str | None] = {}
    out = []
    for cid, code, first, last, local, gender, dob, dob_est, admitted, status, cat in rows:
        if cat not in labels:
            labels[cat] = _category(policy, cat)
        n_open, worst = flags.get(cid, (0, None))
        if raw:
            dob, admitted = _day(dob), _day(admitted)
            dob_est = None if dob_est is None else bool(dob_est)
        # A frozen dataclass's __init__ sets each field through object.__setattr__ (5 us a
        # row, a millisecond a page); filling the instance's dict is what it amounts to.
        row = _new_row(ChildRow)
        row.__dict__.update(
            id=cid,
            code=code,
            name=f"{first} {last}" if first and last else (first or last or ""),
            name_local=local,
            gender=gender,
            dob=dob,
            dob_estimated=dob_est,
            admission_date=admitted,
            status=status,
            category_code=cat,
            category=labels[cat],
            open_flags=n_open,
            worst_severity=worst,
        )
        out.append(row)
    return out


_new_row = object.__new__


# Open flags of a page's children by severity, over the flag index (the driver's cursor:
# a page asks this every keystroke). CROSS JOIN makes SQLite walk the page's ids and look
# each child up in an index by child: left to choose, with `child_id IN (...)` beside
# `status IN (...)`, it read every open flag of the install through the status index
# (204 ms a page at 50k children with their flags stored, against 1.4 ms). The statuses
# are written out, not bound: SQLite then reads the partial index of open flags
# (ix_flag_child_open, migration 0024_find_flags), whose entries hold the severity,
# instead of looking up each flag's row (2-3 ms a page at 250k children).
_PAGE_FLAGS_SQL = (
    "SELECT f.child_id, f.severity, count(*) FROM json_each(?) AS page"
    " CROSS JOIN flag AS f ON f.child_id = page.value"
    f" WHERE f.status IN ({', '.join(repr(s) for s in OPEN_FLAG_STATUSES)})"
    " GROUP BY f.child_id, f.severity"
)


def page_flags(con: Any, child_ids: list[int]) -> dict[int, tuple[int, str | None]]:
    """Open flags of one page of children: how many, and the most serious severity
    (one query over the flag index for the page, not one per child)."""
    if not child_ids:
        return {}
    rows = con.execute(_PAGE_FLAGS_SQL, (json.dumps(child_ids),))
    out: dict[int, tuple[int, str | None]] = {}
    for child_id, severity, n in rows:
        total, worst = out.get(child_id, (0, None))
        if worst is None or SEVERITY_RANK.get(severity, 9) < SEVERITY_RANK.get(worst, 9):
            worst = severity
        out[child_id] = (total + int(n), worst)
    return out


_PAGE_COLUMNS = (
    "id, code, first_name, last_name, name_local, gender, dob, dob_estimated,"
    " admission_date, status, category_code"
)


def status_page(
    con: Any,
    status: str,
    *,
    limit: int,
    offset: int = 0,
    descending: bool = False,
    policy: Policy | None = None,
) -> list[ChildRow]:
    """The children of one status in code order, as `listing.list_children` gives them
    for that filter alone to an actor whose area holds every institution here (the
    children screen's first view). `status || ''`: walk the code index (see listing)."""
    sql = (
        f"SELECT {_PAGE_COLUMNS} FROM child WHERE status || '' = ?"
        f" ORDER BY code {'DESC' if descending else 'ASC'} LIMIT ? OFFSET ?"
    )
    rows = con.execute(sql, (status, limit, offset)).fetchall()
    return child_rows(con, policy or load_policy(), rows, raw=True)


@dataclass(frozen=True)
class StartFacts:
    """What the window's start needs to know before it shows (read raw)."""

    institution_name: str | None  # this install's own institution (None: not set up)
    office: bool  # a district office (its district recorded in the settings)
    has_users: bool  # someone must log in (an active account with a password)


DISTRICT_SETTING = "sync.district_code"  # a district office's district (services.install.office)


def start_facts(con: Any) -> StartFacts:
    """The install's name, whether it is a district office, whether anyone must log in:
    the questions `desktop.__main__` asks the ORM otherwise."""
    inst = con.execute(
        "SELECT name FROM institution WHERE is_local = 1 ORDER BY id LIMIT 1"
    ).fetchone()
    office = con.execute("SELECT value FROM setting WHERE key = ?", (DISTRICT_SETTING,)).fetchone()
    users = con.execute(
        "SELECT count(*) FROM user_account WHERE active = 1 AND password_hash IS NOT NULL"
    ).fetchone()
    return StartFacts(
        institution_name=None if inst is None else str(inst[0]),
        office=office is not None and bool(office[0]),
        has_users=int(users[0]) > 0,
    )
