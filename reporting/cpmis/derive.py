"""Worked-out indicators: percents, ratios, sums, shortfalls and norms met, from other figures.

Percents and ratios keep their numerator and denominator, so that a district's percent is
recomputed from the district's summed numerators and denominators, never averaged from its
CCIs' percents. `body` functions (a norm met, a shortfall) are worked out per body and then
summed: a district's "toilets meet the norm" is the number of its CCIs that meet it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reporting.cpmis.catalogue import Catalogue, Indicator, Norm

Figures = dict[str, dict[str, float]]


@dataclass(frozen=True)
class Cell:
    """One figure, with the numerator and denominator it was worked out from (if any)."""

    value: float | None
    num: float | None = None
    den: float | None = None


Table = dict[str, dict[str, Cell]]


def _get(figs: Figures, ind: str, sg: str) -> float | None:
    v = figs.get(ind, {}).get(sg)
    return None if v is None else float(v)


def _sum(figs: Figures, ids: tuple[str, ...] | list[str], sgs: list[str]) -> float | None:
    """Sum over indicators and subgroups; None when none of them has a figure."""
    total, seen = 0.0, False
    for i in ids:
        for sg in sgs:
            v = _get(figs, i, sg)
            if v is not None:
                total += v
                seen = True
    return total if seen else None


def subgroups_of(cat: Catalogue, ind: Indicator, cci_type: str | None) -> tuple[str, ...]:
    """The subgroups to work an indicator out for: its set for a body's type, or at an area
    (cci_type None) every subgroup of any of its sets."""
    if cci_type is not None:
        return cat.members(ind, cci_type)
    out: dict[str, None] = dict.fromkeys(cat.sets[ind.subgroup_set].members)
    for sid in ind.subgroups_by_type.values():
        out.update(dict.fromkeys(cat.sets[sid].members))
    return tuple(out)


def norm_met(norm: Norm, num: float, den: float) -> bool:
    """Whether the figures meet the norm (see the norm's test in the catalogue)."""
    v = float(norm.value or 0)
    if norm.test == "at_most_per":  # e.g. toilets (num) for children (den): den / num <= v
        return den <= 0 or num * v >= den
    if norm.test == "at_least_per":  # e.g. dormitory area (num) per child (den) >= v
        return num >= v * den
    if norm.test == "at_least":
        return num >= v
    if norm.test == "composition":  # members (num) >= v and women (den) >= value2
        return num >= v and den >= float(norm.value2 or 0)
    raise AssertionError(norm.test)


def work_out(cat: Catalogue, ind: Indicator, figs: Figures, sg: str, *, months: int) -> Cell | None:
    """One worked-out figure of `ind` for subgroup `sg` (None: nothing to work it out from)."""
    p = ind.params
    fn = ind.function
    if fn == "sum_of":
        v = _sum(figs, p["ids"], [sg])
        return None if v is None else Cell(v)
    nums = p.get("numerator_subgroups") or [p.get("numerator_subgroup", sg)]
    num = _sum(figs, ind.numerator, list(nums))
    den = _sum(figs, ind.denominator, [p.get("denominator_subgroup", sg)])
    if num is None and den is None:
        return None
    if fn == "percent":
        if num is None or not den:
            return Cell(None, num, den)
        return Cell(100.0 * num / den, num, den)
    if fn == "ratio":
        if num is None or not den:
            return Cell(None, num, den)
        per = months if p.get("per_month") else 1
        return Cell(num / den / per, num, den)
    if num is None or den is None:
        return None
    if fn == "shortfall":
        return Cell(max(0.0, num - den), num, den)
    if fn == "norm_met":
        return Cell(1.0 if norm_met(cat.norms[p["norm"]], num, den) else 0.0, num, den)
    raise AssertionError(fn)


def add_worked_out(
    cat: Catalogue,
    figs: Figures,
    *,
    body: str,
    cci_type: str | None,
    months: int,
    kinds: tuple[str, ...],
) -> Table:
    """The figures as a table, with the worked-out indicators of these kinds added, in order
    (an input worked out before what uses it). `figs` is not changed."""
    work: Figures = {k: dict(v) for k, v in figs.items()}
    table: Table = {k: {sg: Cell(v) for sg, v in sgs.items()} for k, sgs in figs.items()}
    for ind_id in cat.derived_order:
        ind = cat.indicators[ind_id]
        if ind.kind not in kinds or not ind.applies(body, cci_type):
            continue
        row: dict[str, Cell] = {}
        for sg in subgroups_of(cat, ind, cci_type):
            cell = work_out(cat, ind, work, sg, months=months)
            if cell is not None:
                row[sg] = cell
        if row:
            table[ind_id] = row
            work[ind_id] = {sg: c.value for sg, c in row.items() if c.value is not None}
    return table


def body_table(
    cat: Catalogue, figs: Figures, *, body: str, cci_type: str | None, months: int
) -> Table:
    """A body's whole table: its base figures, its per-body and its derived indicators."""
    return add_worked_out(
        cat, figs, body=body, cci_type=cci_type, months=months, kinds=("body", "derived")
    )


def summable(cat: Catalogue, table: Table) -> Figures:
    """The figures of a body table that add up across bodies (all but the derived ones)."""
    out: Figures = {}
    for ind_id, row in table.items():
        ind = cat.indicators.get(ind_id)
        if ind is None or ind.kind == "derived":
            continue
        out[ind_id] = {sg: c.value for sg, c in row.items() if c.value is not None}
    return out


def plain(table: Table) -> Figures:
    """Just the values of a table (blank figures left out)."""
    return {
        k: {sg: c.value for sg, c in row.items() if c.value is not None} for k, row in table.items()
    }
