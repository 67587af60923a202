"""Invented CPMIS quarters for practice folders, so factsheets have trends to show.

For the folder's own CCI: a monthly return for every month of the last quarters, made the
way a real one is (figures counted from the invented children, the rest typed with
invented but consistent figures), submitted, accepted by the district, and each quarter
kept. For the state: invented figures of every district for the key indicators (and what
they are worked out from), consolidated to the state, so the district comparison chart and
the state's factsheet have something to show. All marked as demo data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from sqlalchemy.orm import Session

from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.bodies import active_catalogue, cci_body
from desktop.services.cpmis.report import save_body_quarter
from desktop.services.cpmis.store import save_table
from desktop.services.install.institution import local_institution
from reporting.cpmis.areas import state_area, state_districts
from reporting.cpmis.catalogue import Catalogue, Indicator, inputs_of
from reporting.cpmis.consolidate import BodyFigures, consolidate
from reporting.cpmis.derive import Figures, work_out
from reporting.cpmis.periods import (
    last_complete_quarter,
    quarter_months,
    quarters_back,
)
from reporting.cpmis.quarter import due_date

DEMO_SOURCE = "CLMS demo data (invented)"


def _split(rng: random.Random, n: int, parts: int) -> list[int]:
    """n split into `parts` whole numbers at random (they add up to n)."""
    if parts <= 0:
        return []
    w = [rng.random() + 0.2 for _ in range(parts)]
    s = sum(w)
    out = [int(n * x / s) for x in w]
    for i in rng.sample(range(parts), n - sum(out)):
        out[i] += 1
    return out


def consistent_row(
    cat: Catalogue, ind: Indicator, cci_type: str | None, total: int, rng: random.Random
) -> dict[str, float]:
    """Figures for every subgroup of an indicator that add up as its set says."""
    s = cat.sets[ind.set_for(cci_type)]
    row: dict[str, float] = {}
    for t, parts in s.sums:
        if t not in row:
            row[t] = float(total)
        if tuple(parts) == ("boys", "girls", "transgender"):  # about 1 in 100 transgender
            trans = 1 if rng.random() < row[t] / 100 else 0
            boys = round((row[t] - trans) * rng.uniform(0.45, 0.6))
            split = [boys, int(row[t]) - trans - boys, trans]
        else:
            split = _split(rng, int(row[t]), len(parts))
        for p, v in zip(parts, split, strict=True):
            row[p] = float(v)
    for m in s.members:
        if m not in row:
            row[m] = float(rng.randint(0, max(1, total // 3)))
    return row


def _entered(
    cat: Catalogue, ind: Indicator, cci_type: str | None, size: int, rng: random.Random
) -> dict[str, float]:
    """An invented entered figure for a home of `size` children."""
    if ind.entry == "institution_master":  # e.g. run by: this one CCI is one of them
        row = dict.fromkeys(cat.members(ind, cci_type), 0.0)
        row[rng.choice([m for m in row if m != "total"] or ["total"])] = 1.0
        if "total" in row:
            row["total"] = 1.0
        return row
    if ind.unit == "rupees":
        total = rng.randint(5, 50) * 1000
    elif "mattress" in ind.id:
        total = size + rng.randint(-3, 5)
    elif any(w in ind.id for w in ("toilets", "bathrooms", "urinals")):
        total = max(1, size // rng.randint(6, 12))
    elif ind.subgroup_set in ("total",) and ind.entry == "facility_profile":
        total = rng.randint(1, 6)
    else:
        total = rng.randint(0, max(1, size // 4))
    return consistent_row(cat, ind, cci_type, total, rng)


def demo_returns(
    session: Session,
    *,
    quarters: int,
    as_of: date,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Monthly returns of this folder's CCI for the last `quarters` quarters, submitted,
    accepted and kept per quarter; months that have a return already are left alone."""
    cat = active_catalogue(session)
    inst = local_institution(session)
    body = cci_body(cat, inst)
    rng = random.Random(f"cpmis/{seed}")
    span = quarters_back(last_complete_quarter(as_of), quarters)
    months = [m for q in span for m in quarter_months(q)]
    base: dict[str, dict[str, float]] = {}
    made = 0
    for n, month in enumerate(months, start=1):
        if rt.versions(session, body_code=body.code, month=month):
            continue
        ret = rt.start_return(session, cat, body, month=month, today=as_of)
        size = int(ret.figures.get("cci.stock.end", {}).get("total", 20))
        entries: dict[str, dict[str, float]] = {}
        for ind in cat.for_body("cci", body.cci_type):
            if ind.kind != "entered":
                continue
            if ind.id not in base or rng.random() < 0.15:  # figures drift now and then
                base[ind.id] = _entered(cat, ind, body.cci_type, size, rng)
            entries[ind.id] = base[ind.id]
        rt.save_entries(session, cat, ret, entries=entries)
        remarks = {
            f.key: "Checked (demo data)"
            for f in rt.check_return(session, cat, ret)
            if f.level == "question"
        }
        if remarks:
            rt.save_entries(session, cat, ret, entries={}, remarks=remarks)
        late = rng.random() < 0.2
        due = due_date(cat, month)
        when = datetime.combine(due + timedelta(days=4 if late else -2), datetime.min.time(), UTC)
        rt.submit_return(session, cat, ret, today=as_of, now=when + timedelta(hours=11))
        rt.apply_decision(
            session,
            return_uuid=str(ret.uuid),
            version_no=1,
            content_sha256=ret.content_sha256,
            decision="accepted",
            reason=None,
            decided_by="DCPU (demo)",
            decided_at=when + timedelta(days=3),
        )
        made += 1
        if progress:
            progress(n, len(months))
    for q in span:
        save_body_quarter(session, cat, body, q)
    return made


@lru_cache(maxsize=16)
def _wanted(cat: Catalogue, body: str) -> list[Indicator]:
    """The key indicators of a body and everything they are worked out from."""
    out: dict[str, Indicator] = {}

    def take(i: Indicator) -> None:
        if i.id in out:
            return
        out[i.id] = i
        for x in inputs_of(i):
            take(cat.indicators[x])

    for i in cat.for_body(body):
        if i.key:
            take(i)
    for c in cat.checks:
        for x in (c.start, c.end, *c.plus, *c.minus):
            if cat.indicators[x].body == body:
                take(cat.indicators[x])
    return [i for i in out.values() if i.is_base or i.kind == "returns"]


# The population of a district's CCIs hangs together: last day = first day + in - out.
_FLOWS = ("cci.adm.total", "cci.exit.total")


def _cci_population(cat: Catalogue, rng: random.Random, size: int, figs: Figures) -> None:
    start = rng.randint(int(size * 0.8), size)
    adm = round(start * rng.uniform(0.05, 0.25))
    ex = round((start + adm) * rng.uniform(0.05, 0.25))
    for ind_id, n in (
        ("cci.stock.start", start),
        ("cci.adm.total", adm),
        ("cci.exit.total", ex),
        ("cci.stock.end", start + adm - ex),
        ("cci.exit.restored", round(ex * rng.uniform(0.4, 0.7))),
    ):
        figs[ind_id] = consistent_row(cat, cat.indicators[ind_id], None, n, rng)
    figs["cci.rep.capacity"] = {"total": float(int((start + adm - ex) * rng.uniform(1.0, 1.4)) + 5)}


def _district_figures(
    cat: Catalogue, rng: random.Random, size: int, skill: float, homes: int
) -> dict[str, Figures]:
    """Invented figures of one district's bodies for a quarter (by body type)."""
    out: dict[str, Figures] = {}
    for body in ("cci", "cwc", "jjb"):
        figs: Figures = {}
        if body == "cci":
            _cci_population(cat, rng, size, figs)
        stock = {"cci": size, "cwc": size // 2 + 5, "jjb": size // 3 + 3}[body]
        for ind in _wanted(cat, body):
            if ind.id in figs or ind.id.endswith(".met"):
                continue  # drawn above, or after its ".due"
            if ind.function == "return_count":
                p = ind.params
                n = 3.0 * homes if p.get("due") else float(rng.randint(2 * homes, 3 * homes))
                if "months_required" in p:
                    n = float(homes - (1 if rng.random() < 0.3 else 0))
                figs[ind.id] = {"total": n}
            elif ind.function == "body_count":
                figs[ind.id] = {"total": float(homes)}
            else:
                # flows are a share of the stock; stocks are about its size
                scale = stock // 5 + 1 if ind.quarter_rule == "sum" else stock
                figs[ind.id] = consistent_row(cat, ind, None, rng.randint(scale // 3, scale), rng)
        for ind in _wanted(cat, body):
            if ind.id.endswith(".met"):
                due = figs.get(ind.id[: -len(".met")] + ".due", {})
                figs[ind.id] = {
                    sg: float(round(v * min(1.0, skill + rng.uniform(-0.1, 0.1))))
                    for sg, v in due.items()
                }
        _keep_percents_below_100(cat, body, figs, rng)
        out[body] = figs
    return out


def _keep_percents_below_100(cat: Catalogue, body: str, figs: Figures, rng: random.Random) -> None:
    """Invented numerators never above their denominators (a percent above 100 is absurd):
    the numerator is drawn again below it (or, if it cannot be, the denominator above it)."""
    for ind in _percents(cat, body):
        cell = work_out(cat, ind, figs, "total", months=3)
        if cell is None or cell.num is None or cell.den is None or cell.num <= cell.den:
            continue
        num = cat.indicators[ind.numerator[0]]
        if len(ind.numerator) == 1 and num.is_base and "numerator_subgroups" not in ind.params:
            figs[num.id] = consistent_row(
                cat, num, None, int(cell.den * rng.uniform(0.3, 0.95)), rng
            )
            continue
        den = cat.indicators[ind.denominator[0]]
        if den.is_base and den.id not in ("cci.stock.end", "cci.stock.start"):
            figs[den.id] = consistent_row(
                cat, den, None, int(cell.num * rng.uniform(1.1, 2)) + 1, rng
            )


@lru_cache(maxsize=16)
def _percents(cat: Catalogue, body: str) -> list[Indicator]:
    return [i for i in cat.for_body(body) if i.function == "percent" and len(i.denominator) == 1]


def demo_state(session: Session, *, quarters: int, as_of: date, state: int, seed: int = 1) -> int:
    """Invented district figures of the state's key indicators, consolidated to the state;
    returns the values stored."""
    cat = active_catalogue(session)
    rng = random.Random(f"cpmis-state/{seed}")
    span = quarters_back(last_complete_quarter(as_of), quarters)
    s_area = state_area(state)
    districts = state_districts(state)
    profile = {
        d.id: (rng.randint(40, 400), rng.uniform(0.35, 0.9), rng.randint(2, 9)) for d in districts
    }
    stored = 0
    for k, q in enumerate(span):
        bodies = []
        for d in districts:
            size, skill, homes = profile[d.id]
            drift = 1 + 0.04 * k  # districts get a little better each quarter
            # The same draws each quarter (a district's own seed), scaled a little: smooth trends.
            own = random.Random(f"cpmis-state/{seed}/{d.id}")
            grown = int(size * (1 + 0.02 * k) * rng.uniform(0.93, 1.07))
            figs = _district_figures(cat, own, grown, min(0.98, skill * drift), homes)
            for body, f in figs.items():
                bodies.append(BodyFigures(d, body, None, f))
        tables = consolidate(cat, bodies, areas={s_area.id: s_area})
        for t in tables.values():
            stored += save_table(
                session,
                cat,
                area=t.area,
                period=q,
                table=t.table,
                origin="demo",
                source=DEMO_SOURCE,
            )
    return stored
