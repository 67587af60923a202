"""Counts for an area: children in care by gender, age band, category and length of stay;
the area's districts or CCIs in a table; open flags by level and rule; the adoption
pipeline by stage with overdue counts; CCIs not heard from.

Every figure is a GROUP BY over a `view_*` table inside the area (`Area.where`), with the
age and stay bands as CASEs over cut-off dates worked out once (no date arithmetic per
row), so a state's quarter of a million children are counted in one scan per table. The
same functions serve central's pages and the district office's desktop view.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from central.models import Enrolment
from central.projection import view_adoption_stage, view_child, view_flag
from central.reports.area import Area
from central.reports.catalogue import Catalogue, catalogue

OPEN = ("open", "acknowledged", "escalated")  # as the desktop's flags.store.OPEN
UNKNOWN = "unknown"  # a band for children with no date of birth / admission on record
ADOPTED_WITHIN_DAYS = 365  # the "adopted" column counts adoptions of the last year
_ENR = Enrolment.__table__


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_cuts(as_of: date, cat: Catalogue) -> list[tuple[str, date]]:
    """(band, birth date after which a child is still below the next band)."""
    bands = cat.age_bands
    return [(bands[i][0], add_years(as_of, -bands[i + 1][1])) for i in range(len(bands) - 1)]


def stay_cuts(as_of: date, cat: Catalogue) -> list[tuple[str, date]]:
    """(band, admission date after which a stay is still shorter than the next band);
    two years and more are calendar years, as on the desktop's dashboard."""
    bands = cat.stay_bands
    out = []
    for i in range(len(bands) - 1):
        nxt = bands[i + 1][1]
        start = add_years(as_of, -(nxt // 365)) if nxt >= 730 else as_of - timedelta(days=nxt)
        out.append((bands[i][0], start))
    return out


def _band(column: Any, cuts: list[tuple[str, date]], last: str) -> ColumnElement[str]:
    whens: list[tuple[ColumnElement[bool], str]] = [(column.is_(None), UNKNOWN)]
    whens += [(column > cut, key) for key, cut in cuts]
    return case(*whens, else_=last)


@dataclass(frozen=True)
class Breakdown:
    """Children of an area: on record by status; in care by gender, age, category, stay."""

    total: int
    in_care: int
    by_status: dict[str, int]
    by_gender: dict[str, int]
    by_age: dict[str, int]
    by_category: dict[int | None, int]
    by_stay: dict[str, int]


def breakdown(s: Session, area: Area, *, as_of: date, cat: Catalogue | None = None) -> Breakdown:
    """The children of the area, in one GROUP BY."""
    cat = cat or catalogue()
    t = view_child
    age = _band(t.c.dob, age_cuts(as_of, cat), cat.age_bands[-1][0])
    stay = _band(t.c.admission_date, stay_cuts(as_of, cat), cat.stay_bands[-1][0])
    q = (
        select(t.c.status, t.c.gender, t.c.category_code, age, stay, func.count())
        .where(area.where(t))
        .group_by(t.c.status, t.c.gender, t.c.category_code, age, stay)
    )
    status: Counter[str] = Counter()
    gender: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    cats: Counter[int | None] = Counter()
    stays: Counter[str] = Counter()
    active = set(cat.active_statuses)
    for st, g, c, a, stay_key, n in s.execute(q):
        status[st or UNKNOWN] += n
        if st in active:
            gender[g or UNKNOWN] += n
            ages[a] += n
            cats[c] += n
            stays[stay_key] += n
    age_keys = [k for k, _ in cat.age_bands] + ([UNKNOWN] if ages.get(UNKNOWN) else [])
    stay_keys = [k for k, _ in cat.stay_bands] + ([UNKNOWN] if stays.get(UNKNOWN) else [])
    return Breakdown(
        total=sum(status.values()),
        in_care=sum(gender.values()),
        by_status=dict(status),
        by_gender={k: gender.get(k, 0) for k in [*cat.keys("genders"), *gender] if k in gender},
        by_age={k: ages.get(k, 0) for k in age_keys},
        by_category=dict(sorted(cats.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))),
        by_stay={k: stays.get(k, 0) for k in stay_keys},
    )


@dataclass
class Unit:
    """One row of an area's table: a district (on a state's page) or a CCI (a district's)."""

    key: str  # the district code (as text) or the CCI's uuid
    name: str
    district: int | None
    ccis: int = 0
    silent: int = 0  # CCIs not heard from within the policy's period
    last_received: datetime | None = None
    days_since: int | None = None
    children: int = 0
    in_care: int = 0
    girls: int = 0
    boys: int = 0
    other: int = 0  # transgender, or gender not recorded
    flags: list[int] = field(default_factory=lambda: [0, 0, 0])  # open, by level
    overdue: int = 0  # open flags past their due date
    adoption_overdue: int = 0

    @property
    def is_silent(self) -> bool:
        """A CCI row not heard from (a district row: some of its CCIs are not)."""
        return self.silent > 0


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # SQLite hands them back without their zone
    return value


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _is_silent(last: datetime | None, now: datetime, days: int) -> bool:
    return last is None or (now - last) > timedelta(days=days)


def _by_cci(area: Area) -> bool:
    return area.district is not None or area.institution is not None


FlagRows = list[tuple[Any, str, int, int, int]]  # (unit key, rule, level, past due, count)
PipeRows = list[tuple[Any, str, int, int]]  # (unit key, stage, children, overdue)


def flag_rows(s: Session, area: Area, *, as_of: date) -> FlagRows:
    """Open flags of the area per unit (district or CCI), rule, level and past due: the
    one scan of the flags that both the units' table and the rules' table are summed from."""
    f = view_flag.c
    key = f.institution_uuid if _by_cci(area) else f.district_code
    late = case((f.due_on < as_of, 1), else_=0)
    q = (
        select(key, f.rule_id, f.level, late, func.count())
        .where(area.where(view_flag), f.is_open == true())
        .group_by(key, f.rule_id, f.level, late)
    )
    return [
        (k, str(rule or ""), min(max(int(level or 0), 0), 2), int(is_late), int(n))
        for k, rule, level, is_late, n in s.execute(q)
    ]


def units(
    s: Session,
    area: Area,
    *,
    as_of: date,
    now: datetime | None = None,
    cat: Catalogue | None = None,
    flags: FlagRows | None = None,
    pipeline: PipeRows | None = None,
) -> list[Unit]:
    """The districts of a state's area, or the CCIs of a district's (by name)."""
    cat = cat or catalogue()
    at = _now(now)
    by_cci = _by_cci(area)
    rows: dict[str, Unit] = {}
    for uuid, name, district, last in s.execute(
        select(_ENR.c.uuid, _ENR.c.name, _ENR.c.district_code, _ENR.c.last_received_at).where(
            area.where(_ENR)
        )
    ):
        last = _aware(last)
        key = uuid if by_cci else str(district)
        u = rows.get(key)
        if u is None:
            label = name if by_cci else cat.district_name(district)
            u = rows[key] = Unit(key=key, name=label, district=district)
        u.ccis += 1
        u.silent += _is_silent(last, at, cat.silent_after_days)
        if last is not None and (u.last_received is None or last > u.last_received):
            u.last_received = last
    for u in rows.values():
        if u.last_received is not None:
            u.days_since = (at - u.last_received).days

    def unit(key: Any) -> Unit:
        k = str(key)
        if k not in rows:  # records of a CCI whose enrolment moved out of the area
            rows[k] = Unit(key=k, name=k if by_cci else cat.district_name(key), district=None)
        return rows[k]

    c = view_child.c
    ckey = c.institution_uuid if by_cci else c.district_code
    active = set(cat.active_statuses)
    for key, st, g, n in s.execute(
        select(ckey, c.status, c.gender, func.count())
        .where(area.where(view_child))
        .group_by(ckey, c.status, c.gender)
    ):
        u = unit(key)
        u.children += n
        if st in active:
            u.in_care += n
            if g == "female":
                u.girls += n
            elif g == "male":
                u.boys += n
            else:
                u.other += n
    for key, _rule, level, is_late, n in (
        flags if flags is not None else flag_rows(s, area, as_of=as_of)
    ):
        u = unit(key)
        u.flags[level] += n
        u.overdue += n if is_late else 0
    for key, _stage, _n, late_n in (
        pipeline if pipeline is not None else _pipeline(s, area, as_of=as_of, cat=cat)
    ):
        unit(key).adoption_overdue += late_n
    return sorted(rows.values(), key=lambda u: (u.name.casefold(), u.key))


def _pipeline(s: Session, area: Area, *, as_of: date, cat: Catalogue) -> PipeRows:
    """(unit key, stage, children, overdue) from each child's latest adoption stage, per
    district (a state's area) or CCI. Children in care count in their stage; "adopted"
    counts adoptions of the last year; withdrawn children are not in the pipeline.
    """
    a = view_adoption_stage.c
    rank = (
        func.row_number()
        .over(partition_by=a.child_uuid, order_by=(a.entered_on.desc(), a.record_uuid.desc()))
        .label("rn")
    )
    key_col = a.institution_uuid if _by_cci(area) else a.district_code
    latest = (
        select(a.child_uuid, a.stage, a.entered_on, key_col.label("k"), rank)
        .where(area.where(view_adoption_stage), a.entered_on <= as_of)
        .subquery()
    )
    late_whens = [
        (and_(latest.c.stage == stage, latest.c.entered_on < as_of - timedelta(days=days)), 1)
        for stage, days in cat.stage_days.items()
    ]
    late = case(*late_whens, else_=0) if late_whens else case((latest.c.rn < 0, 1), else_=0)
    c = view_child.c
    in_pipeline = or_(
        and_(c.status.in_(cat.active_statuses), latest.c.stage.not_in(("adopted", "withdrawn"))),
        and_(
            latest.c.stage == "adopted",
            latest.c.entered_on >= as_of - timedelta(days=ADOPTED_WITHIN_DAYS),
        ),
    )
    q = (
        select(latest.c.k, latest.c.stage, func.count(), func.sum(late))
        .select_from(latest.join(view_child, view_child.c.record_uuid == latest.c.child_uuid))
        .where(latest.c.rn == 1, in_pipeline, area.where(view_child))
        .group_by(latest.c.k, latest.c.stage)
    )
    return [(k, str(stage), int(n), int(late_n or 0)) for k, stage, n, late_n in s.execute(q)]


def adoption(
    s: Session,
    area: Area,
    *,
    as_of: date,
    cat: Catalogue | None = None,
    pipeline: PipeRows | None = None,
) -> dict[str, tuple[int, int]]:
    """Stage -> (children, overdue), every pipeline stage present, in pipeline order."""
    cat = cat or catalogue()
    rows = pipeline if pipeline is not None else _pipeline(s, area, as_of=as_of, cat=cat)
    got: dict[str, tuple[int, int]] = {}
    for _k, stage, n, late in rows:
        had = got.get(stage, (0, 0))
        got[stage] = (had[0] + n, had[1] + late)
    stages = [k for k in cat.keys("stages") if k != "withdrawn"]
    return {k: got.get(k, (0, 0)) for k in [*stages, *(k for k in got if k not in stages)]}


def flags_by_rule(
    s: Session, area: Area, *, as_of: date, flags: FlagRows | None = None
) -> dict[str, dict[int, tuple[int, int]]]:
    """Rule -> level -> (open flags, of them past due), most open first."""
    out: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for _key, rule, level, is_late, n in (
        flags if flags is not None else flag_rows(s, area, as_of=as_of)
    ):
        cell = out[rule][level]
        cell[0] += n
        cell[1] += n if is_late else 0
    ordered = sorted(out.items(), key=lambda kv: (-sum(v[0] for v in kv[1].values()), kv[0]))
    return {rule: {lv: (v[0], v[1]) for lv, v in levels.items()} for rule, levels in ordered}


def silent_ccis(
    s: Session, area: Area, *, now: datetime | None = None, cat: Catalogue | None = None
) -> list[Unit]:
    """CCIs of the area not heard from within the policy's period, longest silent first."""
    cat = cat or catalogue()
    at = _now(now)
    cut = at - timedelta(days=cat.silent_after_days)
    q = select(_ENR.c.uuid, _ENR.c.name, _ENR.c.district_code, _ENR.c.last_received_at).where(
        area.where(_ENR), or_(_ENR.c.last_received_at.is_(None), _ENR.c.last_received_at < cut)
    )
    out = []
    for uuid, name, district, last in s.execute(q):
        last = _aware(last)
        out.append(
            Unit(
                key=uuid,
                name=name,
                district=district,
                ccis=1,
                silent=1,
                last_received=last,
                days_since=(at - last).days if last is not None else None,
            )
        )
    never = datetime.min.replace(tzinfo=UTC)
    return sorted(out, key=lambda u: (u.last_received or never, u.name.casefold()))


@dataclass(frozen=True)
class AreaReport:
    """Everything an area's page shows."""

    area: Area
    as_of: date
    children: Breakdown
    units: list[Unit]
    flags: dict[str, dict[int, tuple[int, int]]]
    adoption: dict[str, tuple[int, int]]
    silent: list[Unit]

    @property
    def open_flags(self) -> list[int]:
        """Open flags by level (CCI, district, state) over the whole area."""
        out = [0, 0, 0]
        for levels in self.flags.values():
            for lv, (n, _late) in levels.items():
                out[lv] += n
        return out


def area_report(
    s: Session,
    area: Area,
    *,
    as_of: date,
    now: datetime | None = None,
    cat: Catalogue | None = None,
) -> AreaReport:
    """The page of a state, a district or a CCI."""
    cat = cat or catalogue()
    flags = flag_rows(s, area, as_of=as_of)
    pipe = _pipeline(s, area, as_of=as_of, cat=cat)
    return AreaReport(
        area=area,
        as_of=as_of,
        children=breakdown(s, area, as_of=as_of, cat=cat),
        units=units(s, area, as_of=as_of, now=now, cat=cat, flags=flags, pipeline=pipe),
        flags=flags_by_rule(s, area, as_of=as_of, flags=flags),
        adoption=adoption(s, area, as_of=as_of, cat=cat, pipeline=pipe),
        silent=silent_ccis(s, area, now=now, cat=cat),
    )
