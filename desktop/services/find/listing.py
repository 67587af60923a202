"""Pages of the children list, for the main window and anything else that scrolls."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVarTuple

from sqlalchemy import Connection, Select, column, exists, func, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from desktop.models import Child, Flag
from desktop.rules.dates import completed_years
from desktop.rules.policy import Policy, PolicyError, load_policy
from desktop.services.core.permissions import scoped_institution_ids
from desktop.services.find.search import fts_query

Row = TypeVarTuple("Row")

OPEN_FLAG_STATUSES = ("open", "acknowledged", "escalated")

SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}

# How many open flags a child has (a correlated count over the flag index, per child).
_OPEN_FLAGS = (
    select(func.count())
    .select_from(Flag)
    .where(Flag.child_id == Child.id, Flag.status.in_(OPEN_FLAG_STATUSES))
    .correlate(Child)
    .scalar_subquery()
)

# Sort keys the list offers; each ends with Child.id so pages never overlap or skip a row.
SORT_KEYS: dict[str, tuple[Any, ...]] = {
    "code": (Child.code,),
    "name": (Child.first_name, Child.last_name),
    "name_local": (Child.name_local,),
    "gender": (Child.gender, Child.code),
    "age": (Child.dob,),  # a younger child has a later date of birth
    "admitted": (Child.admission_date,),
    "status": (Child.status, Child.code),
    "category": (Child.category_code, Child.code),
    "flags": (_OPEN_FLAGS, Child.code),
}


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


def _years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# Above this many matches (per 250k children, scaled to the table), a page of a text
# search walks the code index and keeps the children in the match set, instead of
# looking every match up and sorting them all: "p" matches half the children, and
# fetching 100k rows to keep 200 took 90 ms at 250k where the walk reads ~400 index rows.
# Measured at 250k: 2,900 matches 6.9 ms looked up, 3.3 ms walked; 410 matches 7.7 / 12.4.
WALK_AT_250K = 1200
_TABLE = 250_000


def _matches(text: str | None) -> Any:
    # the same matching as `clms search`: both scripts, codes
    q = fts_query(text or "", ranked=False)
    if q is None:
        return None  # nothing searchable typed (blank, or only punctuation): no filter
    return (
        sql_text("SELECT rowid FROM child_search WHERE child_search MATCH :q")
        .bindparams(q=q)
        .columns(column("rowid"))
    )


def _text_filtered(
    stmt: Select[*Row], text: str | None, *, walk: bool = False, ids: list[int] | None = None
) -> Select[*Row]:
    if ids is not None:  # the matches, already read from the FTS index
        listed = sql_text("SELECT value FROM json_each(:ids)").bindparams(ids=json.dumps(ids))
        return stmt.where(Child.id.in_(listed.columns(column("value"))))
    matches = _matches(text)
    if matches is None:
        return stmt
    # `id + 0` keeps SQLite from driving the query by the match list (one lookup per
    # match, then a sort): it walks the sort index and tests each id against the list.
    return stmt.where((Child.id + 0 if walk else Child.id).in_(matches))


# Where a connection keeps the matches of the last text it looked up in full (its `info`
# lasts as long as the DBAPI connection), stamped with the database's state then.
_LAST_MATCHES = "clms.find.last_matches"


def _state(conn: Connection) -> tuple[int, int] | None:
    """What changes whenever the data may have: PRAGMA data_version moves on when another
    connection commits, total_changes when this one writes. None while this transaction
    has written (a rollback would undo what was read, and total_changes stays)."""
    raw = conn.connection.driver_connection
    assert raw is not None
    changes = int(raw.total_changes)
    if changes != conn.info.get("changes_at_begin", changes):  # set by desktop.db at BEGIN
        return None
    return (int(raw.execute("PRAGMA data_version").fetchone()[0]), changes)


def _remembered(conn: Connection, q: str) -> list[int] | None:
    """The matches of FTS query `q` if this connection read them all since the last change."""
    last = conn.info.get(_LAST_MATCHES)
    if last is None or last[0] != q or last[1] is None or last[1] != _state(conn):
        return None
    ids: list[int] = last[2]
    return ids


def _match_ids(session: Session, text: str | None, offset: int, limit: int) -> list[int] | None:
    """The ids matching `text` when they are few enough to look each up and sort them;
    None when so many match that walking the code index fills the page sooner (or when
    nothing searchable was typed). Read from the FTS index alone, up to that point; a
    complete list is remembered, so the count that follows a page (`count_listed`) does
    not match the text again (a two-word name with "Kumar" costs 5-8 ms to match)."""
    q = fts_query(text or "", ranked=False)
    if q is None:
        return None
    conn = session.connection()
    known = _remembered(conn, q)
    if known is not None:
        return known
    raw = conn.connection.driver_connection
    assert raw is not None
    top = raw.execute("SELECT max(id) FROM child").fetchone()[0]
    rows = max(1, int(top or 0))
    # The walk reads about (offset + limit) * rows / matches index entries; fetching
    # the matches costs one row lookup and a sort place each (about 10 index steps).
    cap = max(200, int(WALK_AT_250K * ((offset + limit) / 200 * rows / _TABLE) ** 0.5))
    found = raw.execute(
        "SELECT rowid FROM child_search WHERE child_search MATCH ? LIMIT ?", (q, cap)
    ).fetchall()  # the driver's own cursor: a thousand rows through SQLAlchemy cost 1 ms
    if len(found) >= cap:
        return None
    ids = [int(r[0]) for r in found]
    conn.info[_LAST_MATCHES] = (q, _state(conn), ids)
    return ids


def _filtered(
    stmt: Select[*Row],
    f: ListFilter,
    today: date,
    *,
    walk_order: bool = False,
    walk_text: bool = False,
    text_ids: list[int] | None = None,
) -> Select[*Row]:
    """Apply every filter as plain column conditions.

    `walk_order`: keep SQLite from answering a status or gender filter from its index
    (`status || ''` cannot use one): with only a handful of values each, walking the
    code index and skipping non-matching rows fills a page of 200 at once, where the
    filter's index would sort a hundred thousand rows first (500 ms at 250k children).
    Counts keep the index (no order to follow there). `walk_text`: the same for a text
    search matching so many children that the page is found sooner by walking the sort
    index than by fetching every match; `text_ids`: the matches of a text already read.
    """
    stmt = _text_filtered(stmt, f.text, walk=walk_text, ids=text_ids)
    if f.status is not None:
        status = Child.status.concat("") if walk_order else Child.status
        stmt = stmt.where(status == f.status)
    if f.category_code is not None:
        stmt = stmt.where(Child.category_code == f.category_code)
    if f.gender is not None:
        gender = Child.gender.concat("") if walk_order else Child.gender
        stmt = stmt.where(gender == f.gender)
    if f.age_min is not None:  # at least N years old: born on or before today N years ago
        stmt = stmt.where(Child.dob <= _years_before(today, f.age_min))
    if f.age_max is not None:  # at most N completed years: born after today N+1 years ago
        stmt = stmt.where(Child.dob > _years_before(today, f.age_max + 1))
    if f.stay_min_days is not None:
        stmt = stmt.where(Child.admission_date <= today - timedelta(days=f.stay_min_days))
    if f.stay_max_days is not None:
        stmt = stmt.where(Child.admission_date >= today - timedelta(days=f.stay_max_days))
    if f.open_flags is not None:
        has = exists().where(Flag.child_id == Child.id, Flag.status.in_(OPEN_FLAG_STATUSES))
        stmt = stmt.where(has if f.open_flags else ~has)
    return stmt


def _category(policy: Policy, code: int | None) -> str | None:
    if code is None:
        return None
    try:
        return policy.category(code).label()
    except PolicyError:
        return f"category {code}"  # a code the current policy file no longer has: still show it


def list_children(
    session: Session,
    *,
    offset: int,
    limit: int,
    text: str | None = None,
    filters: ListFilter | None = None,
    sort: str = "code",
    descending: bool = False,
    today: date | None = None,
    policy: Policy | None = None,
) -> list[ChildRow]:
    """Children in `sort` order (code by default), `limit` rows from `offset`.

    `text` keeps the children whose code, names or guardians' names have a word
    starting with each of its words; `filters` narrows further (its own `text` is
    used when `text` is not given).
    """
    policy = policy or load_policy()
    f = filters or ListFilter()
    if text is not None:
        f = ListFilter(**{**f.__dict__, "text": text})
    if sort not in SORT_KEYS:
        raise ValueError(f"cannot sort the list by {sort!r}")
    # Child.id keeps pages from overlapping when the sort key repeats; codes are unique, and
    # adding id there would stop SQLite from reading the code index in order (a full sort).
    keys = [*SORT_KEYS[sort]] + ([] if sort == "code" else [Child.id])
    dated = any(v is not None for v in (f.age_min, f.age_max, f.stay_min_days, f.stay_max_days))
    if sort == "code" and dated:
        # Codes follow the admission year, so young or newly admitted children sit at the
        # end of the code index: walking it reads every row (800 ms at 250k). Scanning
        # the table and sorting only the matches stays near 150 ms whatever the dates.
        keys = [Child.code.concat("")]
    # Age ascending means youngest first, i.e. the latest date of birth first.
    flip = sort == "age"
    order = [k.desc() if descending != flip else k.asc() for k in keys]
    if session.autoflush:  # as session.execute would: pending changes are listed too
        session.flush()
    # Never read a page through the status or gender index: a handful of values each, so
    # the index hands over half the table to sort (500 ms at 250k); a scan is cheaper.
    text_ids = _match_ids(session, f.text, offset, limit) if sort == "code" and not dated else None
    walk_text = text_ids is None and sort == "code" and not dated
    if sort == "code" and f == ListFilter(text=f.text):
        # What a keystroke asks (a typed text, code order): plain SQL on the driver's
        # cursor, as the statement below would run it, without building, compiling and
        # converting it through SQLAlchemy (about a third of a keystroke's time).
        raw_rows = _code_page(session, f.text, text_ids, offset, limit, descending)
        return _rows(session, policy, raw_rows, raw=True)
    stmt = select(
        Child.id,
        Child.code,
        Child.first_name,
        Child.last_name,
        Child.name_local,
        Child.gender,
        Child.dob,
        Child.dob_estimated,
        Child.admission_date,
        Child.status,
        Child.category_code,
    )
    stmt = _filtered(
        stmt, f, today or date.today(), walk_order=True, walk_text=walk_text, text_ids=text_ids
    )
    stmt = _scoped(session, stmt).order_by(*order).offset(offset).limit(limit)
    # Core execution (the ORM layer adds nothing for plain columns) and plain tuples:
    # a keystroke builds a page of 200 rows, so the per-row cost shows.
    rows = session.connection().execute(stmt).all()
    return _rows(session, policy, rows, raw=False)


_PAGE_COLUMNS = (
    "id, code, first_name, last_name, name_local, gender, dob, dob_estimated,"
    " admission_date, status, category_code"
)


def _code_page(
    session: Session,
    text: str | None,
    ids: list[int] | None,
    offset: int,
    limit: int,
    descending: bool,
) -> list[tuple[Any, ...]]:
    """One page in code order for a typed text alone, in plain SQL: the matches already
    read (`ids`, looked up and sorted), or the code index walked against the FTS match."""
    where: list[str] = []
    args: list[Any] = []
    if ids is not None:
        where.append("id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(ids))
    else:
        q = fts_query(text or "", ranked=False)
        if q is not None:
            # `id + 0`: walk the code index and test each id against the match list
            where.append("id + 0 IN (SELECT rowid FROM child_search WHERE child_search MATCH ?)")
            args.append(q)
    allowed = scoped_institution_ids(session)
    if allowed is not None:
        where.append("institution_id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(allowed))
    sql = (
        f"SELECT {_PAGE_COLUMNS} FROM child"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY code {'DESC' if descending else 'ASC'} LIMIT ? OFFSET ?"
    )
    raw = session.connection().connection.driver_connection
    assert raw is not None
    return list(raw.execute(sql, (*args, limit, offset)).fetchall())


def _day(v: Any) -> Any:
    return date.fromisoformat(v) if isinstance(v, str) else v


def _rows(session: Session, policy: Policy, rows: Any, *, raw: bool) -> list[ChildRow]:
    """ChildRows of a page's columns (`raw`: as SQLite stores them: ISO dates, 0/1)."""
    flags = open_flags_of(session, [r[0] for r in rows])
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
# (ix_flag_child_open, migration 0023), whose entries hold the severity, instead of
# looking up each flag's row (2-3 ms a page at 250k children).
_PAGE_FLAGS_SQL = (
    "SELECT f.child_id, f.severity, count(*) FROM json_each(?) AS page"
    " CROSS JOIN flag AS f ON f.child_id = page.value"
    f" WHERE f.status IN ({', '.join(repr(s) for s in OPEN_FLAG_STATUSES)})"
    " GROUP BY f.child_id, f.severity"
)


def open_flags_of(session: Session, child_ids: list[int]) -> dict[int, tuple[int, str | None]]:
    """Open flags of one page of children: how many, and the most serious severity
    (one query over the flag index for the page, not one per child)."""
    if not child_ids:
        return {}
    if session.autoflush:  # as session.execute would
        session.flush()
    raw = session.connection().connection.driver_connection
    assert raw is not None
    rows = raw.execute(_PAGE_FLAGS_SQL, (json.dumps(child_ids),))
    out: dict[int, tuple[int, str | None]] = {}
    for child_id, severity, n in rows:
        total, worst = out.get(child_id, (0, None))
        if worst is None or SEVERITY_RANK.get(severity, 9) < SEVERITY_RANK.get(worst, 9):
            worst = severity
        out[child_id] = (total + int(n), worst)
    return out


def count_listed(
    session: Session,
    *,
    text: str | None = None,
    filters: ListFilter | None = None,
    today: date | None = None,
) -> int:
    """How many children `list_children` gives for this `text` and `filters`, over all pages."""
    f = filters or ListFilter()
    if text is not None:
        f = ListFilter(**{**f.__dict__, "text": text})
    only_text = ListFilter(text=f.text) == f
    if only_text and f.text and scoped_institution_ids(session) is None:
        # Only a typed text: the FTS index alone counts it (every child has one row there,
        # kept by the write path), without looking up one child per match.
        q = fts_query(f.text, ranked=False)
        if session.autoflush:
            session.flush()
        known = None if q is None else _remembered(session.connection(), q)
        if known is not None:  # the page just listed read every match: no need to again
            return len(known)
        if q is not None:  # the driver's cursor: this runs on every keystroke
            raw = session.connection().connection.driver_connection
            assert raw is not None
            sql = "SELECT count(*) FROM child_search WHERE child_search MATCH ?"
            return int(raw.execute(sql, (q,)).fetchone()[0])
    stmt = _filtered(select(func.count()).select_from(Child), f, today or date.today())
    return int(session.execute(_scoped(session, stmt)).scalar_one())


def _scoped(session: Session, stmt: Select[*Row]) -> Select[*Row]:
    """Only the children of the institutions the logged-in user may see (district mode)."""
    ids = scoped_institution_ids(session)
    return stmt if ids is None else stmt.where(Child.institution_id.in_(ids))
