"""A body's quarter from its monthly returns, as CPMIS makes it.

Each base indicator has a quarter rule (CPMIS `QuarterlyAggregateRule`): opening stocks
come from the first month, closing stocks and "till date" counts from the last month,
flows are summed over the three months, averages are day-weighted; facility figures are
the latest ones. Worked-out indicators (the "total in the month" rows, percents, ratios)
are worked out again from the quarter's figures, never summed or averaged. The reporting
indicators (months submitted, on time, all three months accepted) come from the log of
returns. A quarter with a month missing is provisional; its footnote says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reporting.cpmis.catalogue import Catalogue
from reporting.cpmis.derive import Figures
from reporting.cpmis.periods import month_bounds, next_month, quarter_months


@dataclass(frozen=True)
class MonthReturn:
    """What the quarter needs of one month's current return."""

    month: str
    status: str
    figures: Figures
    submitted_at: datetime | None = None


@dataclass(frozen=True)
class BodyQuarter:
    """One body's figures for a quarter (base and reporting figures; nothing worked out)."""

    figures: Figures
    months_missing: tuple[str, ...]

    @property
    def provisional(self) -> bool:
        """Whether a month of the quarter has no return."""
        return bool(self.months_missing)


COUNTED = ("submitted", "accepted", "consolidated")


def due_date(cat: Catalogue, month: str) -> date:
    """The day a month's return is due: the catalogue's due day of the next month."""
    first, _ = month_bounds(next_month(month))
    return first.replace(day=cat.due_day)


def _days(month: str) -> int:
    a, b = month_bounds(month)
    return (b - a).days + 1


def quarter_figures(
    cat: Catalogue,
    *,
    body: str,
    cci_type: str | None,
    quarter: str,
    returns: list[MonthReturn],
    counted: tuple[str, ...] = COUNTED,
) -> BodyQuarter:
    """The body's quarter from the current return of each month (those in `counted` states)."""
    months = quarter_months(quarter)
    by_month = {r.month: r for r in returns if r.month in months and r.status in counted}
    have = [m for m in months if m in by_month]
    out: Figures = {}
    for ind in cat.for_body(body, cci_type):
        if ind.kind not in ("entered", "case"):
            continue
        rule = ind.quarter_rule
        if rule == "first_month":
            use = [months[0]] if months[0] in by_month else []
        elif rule in ("last_month", "latest"):
            use = [have[-1]] if have else []
        else:
            use = have
        rows = [by_month[m].figures.get(ind.id) for m in use]
        rows_m = [(m, r) for m, r in zip(use, rows, strict=True) if r]
        if not rows_m:
            continue
        sgs: dict[str, float] = {}
        if rule == "mean":
            days = sum(_days(m) for m, _ in rows_m)
            for m, r in rows_m:
                for sg, v in r.items():
                    sgs[sg] = sgs.get(sg, 0.0) + float(v) * _days(m) / days
        else:
            for _, r in rows_m:
                for sg, v in r.items():
                    sgs[sg] = sgs.get(sg, 0.0) + float(v)
        out[ind.id] = sgs
    out.update(
        reporting_figures(cat, body=body, cci_type=cci_type, quarter=quarter, returns=returns)
    )
    return BodyQuarter(out, tuple(m for m in months if m not in by_month))


def reporting_figures(
    cat: Catalogue, *, body: str, cci_type: str | None, quarter: str, returns: list[MonthReturn]
) -> Figures:
    """The reporting indicators (return_count) of a body for a quarter, from its returns."""
    months = quarter_months(quarter)
    current = {r.month: r for r in returns if r.month in months}
    out: Figures = {}
    for ind in cat.for_body(body, cci_type):
        if ind.function != "return_count":
            continue
        p = ind.params
        if p.get("due"):
            n = float(len(months))
        else:
            wanted = p.get("status", list(COUNTED))
            ok = [
                r
                for r in current.values()
                if r.status in wanted or (r.status == "consolidated" and "accepted" in wanted)
            ]
            if p.get("on_time"):
                ok = [
                    r
                    for r in ok
                    if r.submitted_at is not None
                    and r.submitted_at.date() <= due_date(cat, r.month)
                ]
            n = float(len(ok))
            if "months_required" in p:
                n = 1.0 if n >= int(p["months_required"]) else 0.0
        out[ind.id] = {"total": n}
    return out
