"""Dashboard figures against children counted one by one, and the page that shows them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.models import Child, Flag
from desktop.services.dashboard import AGE_BANDS, age_band, dashboard, stay_band
from tests.conftest import TODAY
from tests.ui_data import demo_engine


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """400 invented children with their flags (shared by this module's tests)."""
    eng = demo_engine(tmp_path_factory.mktemp("dash") / "data")
    yield eng
    eng.dispose()


def _years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _age_key(born: date, on: date) -> str:
    age = _years(born, on)
    return [k for k, low in AGE_BANDS if age >= low][-1]


def _stay_key(admitted: date, on: date) -> str:
    days, years = (on - admitted).days, _years(admitted, on)
    if days < 30:
        return "<1m"
    if days < 182:
        return "1-6m"
    if days < 365:
        return "6-12m"
    return "1-2y" if years < 2 else "2-5y" if years < 5 else "5y+"


def test_dashboard_counts_match_children_counted_one_by_one(demo: Engine) -> None:
    """Every breakdown equals a count made in Python over the loaded children and flags."""
    with Session(demo) as s:
        kids = s.scalars(select(Child)).all()
        flags = s.scalars(select(Flag)).all()
        d = dashboard(s, as_of=TODAY)
    care = [k for k in kids if k.status == "in_care"]
    assert 0 < len(care) < len(kids)  # the demo has children who left care too
    assert d.total == len(kids) and d.in_care == len(care)
    assert d.by_status == dict(Counter(k.status for k in kids))
    assert d.by_category == dict(Counter(k.category_code for k in care))
    assert d.by_gender == dict(Counter(k.gender for k in care))
    ages = Counter(_age_key(k.dob, TODAY) for k in care)
    assert d.by_age_band == {k: ages.get(k, 0) for k, _ in AGE_BANDS}
    assert sum(1 for v in d.by_age_band.values() if v) >= 4  # spread over the bands
    stays = Counter(_stay_key(k.admission_date, TODAY) for k in care)
    assert {k: v for k, v in d.by_stay_band.items() if v} == dict(stays)
    open_ = [f for f in flags if f.status != "resolved"]
    assert d.open_flags == len(open_) > 0
    assert d.flags_by_rule == dict(Counter(f.rule_id for f in open_))
    assert d.overdue_by_rule == dict(Counter(f.rule_id for f in open_ if f.due_on < TODAY))
    assert 0 < d.overdue <= d.open_flags
    lv = Counter(f.escalation_level for f in open_)
    assert d.flags_by_level == {n: lv.get(n, 0) for n in (0, 1, 2)}


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(2024, 11, 24), "0-1"),  # turns 2 tomorrow
        (date(2024, 11, 23), "2-5"),  # 2 today
        (date(2014, 11, 24), "6-11"),
        (date(2014, 11, 23), "12-14"),
        (date(2008, 11, 24), "15-17"),  # 18 tomorrow
        (date(2008, 11, 23), "18+"),  # 18 today
    ],
)
def test_age_band_changes_on_the_birthday(born: date, band: str) -> None:
    """A child moves into the next age band on the birthday, not a day before."""
    assert age_band(born, TODAY) == band


@pytest.mark.parametrize(
    ("admitted", "band"),
    [
        (date(2026, 10, 25), "<1m"),  # 29 days
        (date(2026, 10, 24), "1-6m"),  # 30 days
        (date(2025, 11, 24), "6-12m"),  # 364 days
        (date(2025, 11, 23), "1-2y"),
        (date(2024, 11, 23), "2-5y"),
        (date(2021, 11, 24), "2-5y"),
        (date(2021, 11, 23), "5y+"),
    ],
)
def test_stay_band_boundaries(admitted: date, band: str) -> None:
    """Length-of-stay bands change on the day the stay reaches the next band."""
    assert stay_band(admitted, TODAY) == band


def test_dashboard_of_an_empty_install(inst_engine: Engine) -> None:
    """With no children every band is present and zero (the charts still draw)."""
    with Session(inst_engine) as s:
        d = dashboard(s, as_of=TODAY)
    assert d.total == d.in_care == d.open_flags == d.overdue == 0
    assert list(d.by_age_band) == [k for k, _ in AGE_BANDS]
    assert set(d.by_age_band.values()) == {0} and set(d.by_stay_band.values()) == {0}
