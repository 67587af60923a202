"""CPMIS figures counted from case records match a hand count, and quarters are made right."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from desktop.db import open_database
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.cpmis.casesql import Body, compute_case_figures
from reporting.cpmis.derive import body_table
from reporting.cpmis.loader import load_catalogue
from reporting.cpmis.periods import month_bounds, quarter_months
from reporting.cpmis.quarter import MonthReturn, quarter_figures
from tests.cpmis_fixture import HAND_COUNT, Q_END, Q_START, QUARTER, build_home

CAT = load_catalogue()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, dict[str, int]]:
    """The hand-counted home, built once for this module."""
    d: Path = tmp_path_factory.mktemp("home")
    engine = open_database(d)
    ids = build_home(engine, Actor("asha", "superintendent", "Asha Kumari"))
    return engine, ids


def _figures(engine: Engine, start, end):  # type: ignore[no-untyped-def]
    with unit_of_work(engine, Actor("asha", "superintendent")) as s:
        return compute_case_figures(s, CAT, start=start, end=end, bodies=[Body(1, "CH")])[1]


def test_every_computed_indicator_matches_the_hand_count(home) -> None:  # type: ignore[no-untyped-def]
    """Each indicator counted from case records equals the figures counted by hand."""
    engine, _ids = home
    figs = _figures(engine, Q_START, Q_END)
    computed = {i.id for i in CAT.for_body("cci", "CH") if i.kind == "case"}
    assert computed == set(figs)
    missing = computed - set(HAND_COUNT)
    assert not missing, f"indicators without a hand count: {sorted(missing)}"
    wrong = {k: (figs[k], HAND_COUNT[k]) for k in computed if figs[k] != HAND_COUNT[k]}
    assert not wrong, wrong


def test_the_balance_holds_for_every_subgroup(home) -> None:  # type: ignore[no-untyped-def]
    """Children on the last day = first day + admitted - exited, by sex."""
    engine, _ = home
    f = _figures(engine, Q_START, Q_END)
    for sg in ("boys", "girls", "transgender", "total"):
        assert f["cci.stock.end"][sg] == (
            f["cci.stock.start"][sg] + f["cci.adm.total"][sg] - f["cci.exit.total"][sg]
        )


def test_the_quarter_from_its_months_equals_the_quarter_counted_at_once(home) -> None:  # type: ignore[no-untyped-def]
    """Opening stocks from the first month, closing from the last, flows summed: the same
    figures as counting the whole quarter (the CPMIS quarter rules)."""
    engine, _ = home
    months = []
    for m in quarter_months(QUARTER):
        a, b = month_bounds(m)
        months.append(MonthReturn(m, "accepted", _figures(engine, a, b)))
    q = quarter_figures(CAT, body="cci", cci_type="CH", quarter=QUARTER, returns=months)
    assert not q.provisional
    direct = _figures(engine, Q_START, Q_END)
    for k in direct:
        assert q.figures[k] == direct[k], k
    assert q.figures["cci.rep.full_quarter"] == {"total": 1.0}


def test_a_quarter_missing_a_month_is_provisional(home) -> None:  # type: ignore[no-untyped-def]
    """Without the September return the quarter is provisional and says which month."""
    engine, _ = home
    a, b = month_bounds("2026-07")
    q = quarter_figures(
        CAT,
        body="cci",
        cci_type="CH",
        quarter=QUARTER,
        returns=[MonthReturn("2026-07", "accepted", _figures(engine, a, b))],
    )
    assert q.months_missing == ("2026-08", "2026-09")
    assert q.figures["cci.rep.months_submitted"] == {"total": 1.0}
    assert q.figures["cci.rep.full_quarter"] == {"total": 0.0}


def test_percents_keep_numerator_and_denominator(home) -> None:  # type: ignore[no-untyped-def]
    """Worked-out percents carry what they were worked out from (for consolidation)."""
    engine, _ = home
    t = body_table(CAT, _figures(engine, Q_START, Q_END), body="cci", cci_type="CH", months=3)
    occ = t["cci.rep.occupancy_pct"]["total"]
    assert (occ.value, occ.num, occ.den) == (10.0, 5.0, 50.0)  # 5 children, capacity 50
    sir = t["cci.tl.sir15.pct"]
    assert (sir["total"].value, sir["boys"].value, sir["girls"].value) == (50.0, 0.0, 100.0)
    assert sir["transgender"].value is None  # nothing due: blank, not 0
    assert t["cci.in_period.total"]["total"].value == 8.0  # 6 at the start + 2 admitted


def test_the_count_is_reproducible_and_ignores_later_records(home) -> None:  # type: ignore[no-untyped-def]
    """Counting again gives the same figures; September alone does not know October's events."""
    engine, _ = home
    assert _figures(engine, Q_START, Q_END) == _figures(engine, Q_START, Q_END)
    a, b = month_bounds("2026-09")
    sept = _figures(engine, a, b)
    assert sept["cci.stock.end"]["total"] == 5.0  # I still here: transferred on 15 October
    assert sept["cci.tl.produced"]["total"] == 0.0  # G produced on 1 October
