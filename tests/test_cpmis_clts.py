"""CLTS indicators in the CPMIS catalogue: counted from the child-labour tables of a CCI's
children, they agree with the quarterly CLTS report of the same records (a hand count of
a small fixture), and a quarter made from the months gives the same figures."""

from __future__ import annotations

from datetime import date

from desktop.rules.clts_policy import load_clts_policy
from desktop.services.clts.compensation import update_line
from desktop.services.clts.derive import lines_of
from desktop.services.clts.household import save_household
from desktop.services.clts.report import Quarter, quarterly_report, records_from_db
from desktop.services.core.context import unit_of_work
from desktop.services.cpmis.casesql import Body, compute_case_figures
from desktop.services.install.institution import local_institution
from reporting.cpmis.loader import load_catalogue
from tests.clts_helpers import rescued_child, rescued_from_jharkhand
from tests.conftest import TODAY

CAT = load_catalogue()
Q2 = Quarter(2026, 2)


def _figures(s, start: date, end: date) -> dict[str, dict[str, float]]:
    inst = local_institution(s)
    ids = [i for i in CAT.indicators.values() if i.function == "clts_count"]
    return compute_case_figures(
        s, CAT, start=start, end=end, bodies=[Body(inst.id, "CH")], indicators=ids
    )[inst.id]


def test_clts_indicators_are_the_reports_figures(inst_engine, actor) -> None:
    """Two children rescued in April-June (a boy from Gaya, a girl from Jharkhand), the
    boy's immediate relief paid: the CPMIS figures are the CLTS report's, by sex."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        _, case = rescued_child(s)
        save_household(s, case, {"head_name": "Sunil Manjhi", "ration_card": "none"}, today=TODAY)
        line = next(ln for ln in lines_of(s, case) if ln.line == "relief_3000")
        update_line(
            s,
            case,
            line,
            {"paid_on": "2026-06-05", "payment_ref": "CASH/1", "payment_mode": "cash"},
            today=TODAY,
        )
        rescued_from_jharkhand(s)
        rep = quarterly_report(records_from_db(s), Q2, policy=load_clts_policy(), area="x")
        q = _figures(s, Q2.start, Q2.end)
        months = [
            _figures(s, date(2026, 4, 1), date(2026, 4, 30)),
            _figures(s, date(2026, 5, 1), date(2026, 5, 31)),
            _figures(s, date(2026, 6, 1), date(2026, 6, 30)),
        ]
        before = _figures(s, date(2026, 1, 1), date(2026, 3, 31))
    assert q["cci.clts.rescued"] == {"boys": 1.0, "girls": 1.0, "transgender": 0.0, "total": 2.0}
    assert q["cci.clts.rescued"]["total"] == rep.rescued
    assert q["cci.clts.interstate"]["total"] == rep.interstate == 1
    assert q["cci.clts.interstate"]["girls"] == 1.0
    assert q["cci.clts.hazardous"]["total"] == rep.hazardous
    assert q["cci.clts.open_cases"]["total"] == rep.open_cases == 2
    paid = sum(f.paid_n for f in rep.lines.values())
    assert q["cci.clts.comp_paid"]["total"] == paid == 1
    relief = q["cci.clts.relief_paid"]
    assert relief == {"boys": 1.0, "girls": 0.0, "transgender": 0.0, "total": 1.0}
    assert q["cci.clts.cm_relief_paid"]["total"] == 0.0
    assert q["cci.clts.comp_paid_rs"]["total"] == sum(f.paid_rs for f in rep.lines.values()) > 0
    outstanding = sum(f.outstanding_n for f in rep.lines.values())
    assert q["cci.clts.comp_outstanding"]["total"] == outstanding > 0
    assert q["cci.clts.working_again"]["total"] == 0.0
    pending = q["cci.clts.entitlements_pending"]["total"]
    gaps = sum(e - r for r, e in rep.coverage.values())
    assert 0 < pending <= 2 and gaps > 0
    # flows add up over the months; the open cases are the last month's
    for ind in ("cci.clts.rescued", "cci.clts.comp_paid", "cci.clts.comp_paid_rs"):
        assert sum(m[ind]["total"] for m in months) == q[ind]["total"], ind
    assert months[-1]["cci.clts.open_cases"] == q["cci.clts.open_cases"]
    assert before["cci.clts.rescued"]["total"] == before["cci.clts.open_cases"]["total"] == 0.0
