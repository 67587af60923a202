"""Dashboard figures against children counted one by one, and the page that shows them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.models import Child, Flag
from desktop.rules.engine import RULES_BY_ID
from desktop.services.cases.children import register_child
from desktop.services.cases.dashboard import AGE_BANDS, age_band, dashboard, stay_band
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.flags.store import resolve_flag
from desktop.views.app_context import AppContext
from desktop.views.overview.dashboard import DashboardPage, whole_ticks
from tests.conftest import TODAY
from tests.demo_data import demo_engine
from tests.helpers import child_input


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
    assert d.escalated == sum(1 for f in open_ if f.escalation_level > 0) > 0


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


def _bars(page: DashboardPage, key: str) -> dict[str, list[float]]:
    """Each bar set of a chart as name -> values, top to bottom for horizontal charts."""
    series = page.views[key].chart().series()[0]
    out = {}
    for bar in series.barSets():
        values = [bar.at(i) for i in range(bar.count())]
        out[bar.label()] = values[::-1] if "Horizontal" in type(series).__name__ else values
    return out


def _axis_labels(page: DashboardPage, key: str) -> list[str]:
    chart = page.views[key].chart()
    cats = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    labels = cats.categories()
    return labels[::-1] if "Horizontal" in type(chart.series()[0]).__name__ else labels


def test_page_shows_the_numbers_and_charts(
    qtbot: QtBot, demo: Engine, actor: Actor, tmp_path: Path
) -> None:
    """Tiles and every chart show the service's numbers, loaded in the background."""
    ctx = AppContext(engine=demo, data_dir=tmp_path, actor=actor, today=lambda: TODAY)
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    with Session(demo) as s:
        d = dashboard(s, as_of=TODAY)
    assert page.tiles["in_care"].value.text() == f"{d.in_care:,}"
    assert page.tiles["open_flags"].value.text() == f"{d.open_flags:,}"
    assert page.tiles["overdue"].value.text() == f"{d.overdue:,}"
    assert page.tiles["escalated"].value.text() == f"{d.escalated:,}"
    assert _bars(page, "age") == {"Children": [float(v) for v in d.by_age_band.values()]}
    assert _axis_labels(page, "age")[0] == "Under 2"
    assert _bars(page, "stay") == {"Children": [float(v) for v in d.by_stay_band.values()]}
    flags = _bars(page, "flags")
    assert flags["Open"] == [float(v) for v in d.flags_by_rule.values()]
    assert flags["Past due"] == [float(d.overdue_by_rule.get(r, 0)) for r in d.flags_by_rule]
    assert _axis_labels(page, "flags")[0] == RULES_BY_ID[next(iter(d.flags_by_rule))].en
    names, counts = _axis_labels(page, "category"), _bars(page, "category")["Children"]
    cats = dict(zip(names, counts, strict=True))
    assert sum(cats.values()) == d.in_care
    assert cats["3. Abandoned, parents unknown"] == d.by_category[3]
    pie = page.views["gender"].chart().series()[0]
    assert {p.label(): p.value() for p in pie.slices()} == {
        f"{'Girls' if g == 'female' else 'Boys' if g == 'male' else 'Transgender'}: {n:,}": n
        for g, n in d.by_gender.items()
    }


@pytest.mark.parametrize("resolve", [1, -1])
def test_flag_counts_whether_most_flags_are_open_or_closed(
    inst_engine: Engine, actor: Actor, resolve: int
) -> None:
    """Open and past-due counts are right both when few and when most flags are closed."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        register_child(s, child_input(admission_date="2026-11-10"), today=TODAY)
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        flags = s.scalars(select(Flag).order_by(Flag.id)).all()
        assert len(flags) >= 3
        for f in flags[:resolve]:  # one closed, or all but one closed
            resolve_flag(s, f, note="done, for the test", on=TODAY)
    with Session(inst_engine) as s:
        open_ = [f for f in s.scalars(select(Flag)) if f.status != "resolved"]
        d = dashboard(s, as_of=TODAY)
    assert d.flags_by_rule == dict(Counter(f.rule_id for f in open_))
    assert d.overdue_by_rule == dict(Counter(f.rule_id for f in open_ if f.due_on < TODAY))


@pytest.mark.parametrize("top", [1, 3, 4.2, 6, 11, 55, 200.1, 2305, 250_000])
def test_axis_ticks_are_whole_and_reach_the_top(top: float) -> None:
    """Chart axes step in 1, 2, 5, 10... with at most 6 ticks, and reach the tallest bar."""
    step, ticks = whole_ticks(top)
    assert str(step)[0] in "125" and set(str(step)[1:]) <= {"0"}
    assert 2 <= ticks <= 7 and step * (ticks - 1) >= top
    assert step * (ticks - 2) < top  # no empty tick past the top
