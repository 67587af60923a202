"""Checks of a monthly return before it is submitted.

Errors stop a submission: a balance that does not hold (children on the last day = first
day + admitted - exited), subgroups that do not add up to their total (boys + girls +
transgender = total; boys of each age band = boys). Questions need a remark from the person
submitting: a figure far from the same month of the last quarter. Blank entered figures are
counted and reported once ("not reported"), not refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from reporting.cpmis.catalogue import Catalogue
from reporting.cpmis.derive import Figures

TOLERANCE = 1e-6


@dataclass(frozen=True)
class Finding:
    """One thing a check found: level "error" (must be fixed) or "question" (needs a remark)."""

    level: str
    key: str  # "indicator|subgroup" or a check id: where remarks are kept
    indicator: str | None
    subgroup: str | None
    en: str
    hi: str

    def text(self, lang: str = "en") -> str:
        """The finding in `lang`."""
        return self.hi if lang == "hi" else self.en


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def balance_findings(cat: Catalogue, body: str, figs: Figures) -> list[Finding]:
    """end = start + plus - minus for each check of this body's indicators."""
    out = []
    for c in cat.checks:
        if cat.indicators[c.end].body != body:
            continue
        for sg in c.subgroups:
            parts = [figs.get(c.start, {}).get(sg)]
            parts += [figs.get(i, {}).get(sg) for i in c.plus]
            parts += [-(figs.get(i, {}).get(sg) or 0) for i in c.minus]
            end = figs.get(c.end, {}).get(sg)
            if end is None or any(p is None for p in parts[: 1 + len(c.plus)]):
                continue
            expected = sum(float(p or 0) for p in parts)
            if abs(expected - float(end)) > TOLERANCE:
                ind = cat.indicators[c.end]
                sgn = cat.subgroups[sg]
                out.append(
                    Finding(
                        "error",
                        f"{c.id}|{sg}",
                        c.end,
                        sg,
                        f"{c.name_en} does not hold for {sgn.name_en}: expected "
                        f"{_fmt(expected)}, the return says {_fmt(float(end))} "
                        f"({ind.name_en})",
                        f"{c.name_hi} {sgn.name_hi} के लिए सही नहीं: अपेक्षित {_fmt(expected)}, "
                        f"प्रतिवेदन में {_fmt(float(end))} ({ind.name_hi})",
                    )
                )
    return out


def sum_findings(cat: Catalogue, body: str, cci_type: str | None, figs: Figures) -> list[Finding]:
    """Subgroups that do not add up to their total, for every base indicator."""
    out = []
    for ind in cat.for_body(body, cci_type):
        if not ind.is_base:
            continue
        row = figs.get(ind.id)
        if not row:
            continue
        for total, parts in cat.sets[ind.set_for(cci_type)].sums:
            if total not in row or not any(p in row for p in parts):
                continue
            s = sum(float(row.get(p) or 0) for p in parts)
            if abs(s - float(row[total])) > TOLERANCE:
                names = " + ".join(cat.subgroups[p].name_en for p in parts if p in row)
                names_hi = " + ".join(cat.subgroups[p].name_hi for p in parts if p in row)
                out.append(
                    Finding(
                        "error",
                        f"{ind.id}|{total}",
                        ind.id,
                        total,
                        f"{ind.name_en}: {names} = {_fmt(s)}, but "
                        f"{cat.subgroups[total].name_en} is {_fmt(float(row[total]))}",
                        f"{ind.name_hi}: {names_hi} = {_fmt(s)}, परंतु "
                        f"{cat.subgroups[total].name_hi} {_fmt(float(row[total]))} है",
                    )
                )
    return out


def far_findings(
    cat: Catalogue, body: str, cci_type: str | None, figs: Figures, last: Figures | None
) -> list[Finding]:
    """Totals far from the same month of the last quarter (questions, not errors)."""
    if not last:
        return []
    out = []
    for ind in cat.for_body(body, cci_type):
        # only typed figures: a count from the case records is fixed in the records
        if ind.kind != "entered" or ind.unit != "number":
            continue
        now = figs.get(ind.id, {}).get("total")
        then = last.get(ind.id, {}).get("total")
        if now is None or then is None:
            continue
        change = abs(float(now) - float(then))
        if change >= cat.far_min_change and change >= cat.far_ratio * max(
            abs(float(now)), abs(float(then))
        ):
            out.append(
                Finding(
                    "question",
                    f"{ind.id}|total",
                    ind.id,
                    "total",
                    f"{ind.name_en}: {_fmt(float(now))}, the same month of the last quarter "
                    f"{_fmt(float(then))}. Is this right? Say why in a remark.",
                    f"{ind.name_hi}: {_fmt(float(now))}, पिछली तिमाही के इसी माह "
                    f"{_fmt(float(then))}। क्या यह सही है? टिप्पणी में कारण लिखें।",
                )
            )
    return out


def blank_findings(cat: Catalogue, body: str, cci_type: str | None, figs: Figures) -> list[Finding]:
    """One note on how many entered figures are blank (they are sent as not reported)."""
    blank = 0
    for ind in cat.for_body(body, cci_type):
        if ind.kind != "entered":
            continue
        row = figs.get(ind.id, {})
        blank += sum(1 for sg in cat.members(ind, cci_type) if row.get(sg) is None)
    if not blank:
        return []
    return [
        Finding(
            "note",
            "blank",
            None,
            None,
            f"{blank} entered figure(s) are blank: they will be sent as not reported "
            "(type 0 where the answer is none).",
            f"{blank} दर्ज किए जाने वाले आँकड़े खाली हैं: वे 'सूचित नहीं' भेजे जाएँगे (जहाँ उत्तर शून्य है वहाँ 0 लिखें)।",
        )
    ]


def check_figures(
    cat: Catalogue,
    *,
    body: str,
    cci_type: str | None,
    figs: Figures,
    last_quarter: Figures | None,
) -> list[Finding]:
    """Every finding on a return's figures: errors, then questions, then notes."""
    return (
        balance_findings(cat, body, figs)
        + sum_findings(cat, body, cci_type, figs)
        + far_findings(cat, body, cci_type, figs, last_quarter)
        + blank_findings(cat, body, cci_type, figs)
    )
