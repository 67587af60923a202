"""The quarterly CPMIS factsheet of an area (state, district or institution), A4, English or
Hindi: key figures, the key indicators against the last quarter, trends over the last
quarters and a comparison of districts (reportlab graphics), with the notes that say how
the figures were made. Devanagari is shaped (HarfBuzz) like every other document.
"""

from __future__ import annotations

import io
import math
from datetime import datetime
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desktop.documents.common import BAND, INK, RULE, SHADE, para, styles
from desktop.documents.fonts import draw_lines, draw_text, register_fonts, text_width
from desktop.services.cpmis.report import Comparison, FactsheetData, KeyFigure, Trend
from reporting.cpmis.periods import quarter_months, quarter_name

LIGHT = colors.HexColor("#93c5fd")
MARK = colors.HexColor("#c2410c")
GOOD = colors.HexColor("#15803d")
BAD = colors.HexColor("#b91c1c")
MARGIN = 16 * mm

_L: dict[str, tuple[str, str]] = {
    "title": ("CPMIS quarterly factsheet", "सीपीएमआईएस त्रैमासिक तथ्य-पत्र"),
    "state": ("State", "राज्य"),
    "district": ("District", "ज़िला"),
    "institution": ("Child Care Institution", "बाल देखरेख संस्थान"),
    "body": ("Committee / Board", "समिति / बोर्ड"),
    "quarter": ("Quarter", "तिमाही"),
    "key": ("Key indicators", "मुख्य संकेतक"),
    "indicator": ("Indicator", "संकेतक"),
    "this": ("This quarter", "यह तिमाही"),
    "last": ("Last quarter", "पिछली तिमाही"),
    "change": ("Change", "परिवर्तन"),
    "basis": ("How made", "आधार"),
    "counted": ("case records", "प्रकरण अभिलेख"),
    "entered": ("returns", "प्रतिवेदन"),
    "of": ("{n} of {d}", "{d} में से {n}"),
    "trends": ("Trends over the last quarters", "पिछली तिमाहियों का रुझान"),
    "compare": ("Districts compared: {name}", "ज़िलों की तुलना: {name}"),
    "compare_inst": (
        "Institutions of the district compared: {name}",
        "ज़िले के संस्थानों की तुलना: {name}",
    ),
    "no_compare": (
        "Figures of other districts are not in this computer: import the state's DevInfo "
        "spreadsheet to compare.",
        "अन्य ज़िलों के आँकड़े इस कंप्यूटर में नहीं हैं: तुलना के लिए राज्य की डेवइन्फो स्प्रेडशीट आयात करें।",
    ),
    "no_trend": (
        "Not enough past quarters to show a trend yet.",
        "रुझान दिखाने के लिए अभी पर्याप्त पिछली तिमाहियाँ नहीं हैं।",
    ),
    "no_data": (
        "No figures are stored for this area and quarter.",
        "इस क्षेत्र और तिमाही के कोई आँकड़े संग्रहीत नहीं हैं।",
    ),
    "children_end": ("Children in CCIs on the last day", "अंतिम दिन संस्थानों में बच्चे"),
    "boys": ("boys", "बालक"),
    "girls": ("girls", "बालिकाएँ"),
    "transgender": ("transgender", "ट्रांसजेंडर"),
    "notes": ("Notes", "टिप्पणियाँ"),
    "note_basis": (
        "Percents are worked out from the numerators and denominators added up for the area, "
        'never averaged. "Case records": counted from the institutions\' case records as of '
        'the quarter\'s last day; "returns": typed in the monthly returns. Change: against the '
        "last quarter (green better, red worse).",
        'प्रतिशत क्षेत्र के जोड़े गए अंश और हर से निकाले गए हैं, औसत से नहीं। "प्रकरण '
        'अभिलेख": तिमाही के अंतिम दिन तक संस्थानों के प्रकरण अभिलेखों से गिने गए; '
        '"प्रतिवेदन": मासिक प्रतिवेदनों में दर्ज। परिवर्तन: पिछली तिमाही की तुलना में '
        "(हरा बेहतर, लाल ख़राब)।",
    ),
    "source": ("Source: {src}. Catalogue {cat}.", "स्रोत: {src}। सूची {cat}।"),
    "generated": ("Made {at} by {by}", "{at} को {by} द्वारा बनाया गया"),
    "page_of": ("Page {n} of {total}", "पृष्ठ {n} / {total}"),
}


def lbl(key: str, lang: str, **kw: object) -> str:
    """A factsheet label in `lang`."""
    en, hi = _L[key]
    return (hi if lang == "hi" else en).format(**kw)


def fmt(value: float | None, decimals: int, unit: str) -> str:
    """A figure as printed ("–" when there is none)."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return f"{text} %" if unit == "percent" else text


def short_quarter(q: str) -> str:
    """ "07-09/26": the same in both languages (no month names to shape in a chart)."""
    months = quarter_months(q)
    return f"{months[0][5:]}-{months[2][5:]}/{months[0][2:4]}"


def _ticks(vmax: float) -> int:
    """How many steps the value axis is cut into, so that each step is a round number."""
    for n in (4, 5):
        step = vmax / n
        mant = step / 10 ** math.floor(math.log10(step))
        if any(abs(mant - m) < 1e-9 for m in (1, 2, 2.5, 5)):
            return n
    return 4


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    exp = float(10.0 ** math.floor(math.log10(v)))
    for step in (1, 2, 2.5, 5, 10):
        if v <= step * exp:
            return step * exp
    return 10 * exp


class Chart(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """Shapes drawn by reportlab graphics, then text drawn shaped on top (Devanagari)."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.drawing = Drawing(width, height)
        self.labels: list[tuple[float, float, str, float, str, bool, Any]] = []

    def text(
        self,
        x: float,
        y: float,
        s: str,
        *,
        size: float = 6.5,
        align: str = "left",
        bold: bool = False,
        color: Any = INK,
    ) -> None:
        """A label to draw at (x, y) over the shapes."""
        self.labels.append((x, y, s, size, align, bold, color))

    def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
        """The chart's fixed size."""
        return self.width, self.height

    def draw(self) -> None:
        """Shapes first, then each label shaped in its script's font."""
        renderPDF.draw(self.drawing, self.canv, 0, 0)
        for x, y, s, size, align, bold, color in self.labels:
            self.canv.setFillColor(color)
            draw_text(self.canv, x, y, s, size=size, align=align, bold=bold)


def trend_chart(t: Trend, width: float, height: float, lang: str) -> Chart:
    """A line over the quarters, with the values and quarter labels."""
    ch = Chart(width, height)
    d = ch.drawing
    left, bottom, top = 30.0, 16.0, 26.0
    pw, ph = width - left - 20, height - bottom - top
    vals = [v for _, v in t.points if v is not None]
    vmax = _nice_max(max(vals) if vals else 1.0)
    steps = _ticks(vmax)
    for k in range(steps + 1):
        y = bottom + ph * k / steps
        d.add(Line(left, y, left + pw, y, strokeColor=RULE, strokeWidth=0.3))
        ch.text(
            left - 3,
            y - 2,
            fmt(vmax * k / steps, 1 if vmax / steps < 1 else 0, ""),
            size=5.5,
            align="right",
        )
    n = len(t.points)
    xs = [left + (pw * i / (n - 1) if n > 1 else pw / 2) for i in range(n)]
    run: list[float] = []
    for i, (q, v) in enumerate(t.points):
        if i % max(1, n // 8) == 0 or i == n - 1:
            ch.text(xs[i], bottom - 9, short_quarter(q), size=5.5, align="center")
        if v is None:
            if len(run) >= 4:
                d.add(PolyLine(run, strokeColor=BAND, strokeWidth=1.3))
            run = []
            continue
        y = bottom + ph * v / vmax
        run += [xs[i], y]
        d.add(Circle(xs[i], y, 1.8, fillColor=BAND, strokeColor=BAND))
    if len(run) >= 4:
        d.add(PolyLine(run, strokeColor=BAND, strokeWidth=1.3))
    last = next(
        ((xs[i], v) for i, (_, v) in reversed(list(enumerate(t.points))) if v is not None), None
    )
    if last is not None:
        ch.text(
            last[0],
            bottom + ph * last[1] / vmax + 4,
            fmt(last[1], t.decimals, t.unit),
            size=6,
            align="right",
            bold=True,
        )
    d.add(Rect(0, 0, width, height, strokeColor=RULE, strokeWidth=0.4, fillColor=None))
    return ch


class TrendBox(Flowable):  # type: ignore[misc]
    """A trend chart with its title wrapped above it."""

    def __init__(self, chart: Chart, title: str) -> None:
        super().__init__()
        self.chart, self.title = chart, title
        self.width, self.height = chart.width, chart.height

    def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
        """The chart's size."""
        return self.width, self.height

    def draw(self) -> None:
        """Chart, then its title in its top band."""
        self.chart.canv = self.canv
        self.chart.draw()
        self.canv.setFillColor(INK)
        draw_lines(
            self.canv,
            4,
            self.height - 9,
            self.title,
            size=7,
            max_width=self.width - 8,
            max_lines=2,
            bold=True,
        )


def comparison_chart(c: Comparison, width: float, lang: str) -> Chart:
    """Horizontal bars, one an area, biggest first; this area's bar marked."""
    row = 8.2
    name_w = min(110.0, max(text_width(n, 6.5) for _, n, _ in c.bars) + 6)
    height = row * len(c.bars) + 18
    ch = Chart(width, height)
    d = ch.drawing
    bw = width - name_w - 40
    vmax = _nice_max(max(v for _, _, v in c.bars))
    top = height - 6
    steps = _ticks(vmax)
    for k in range(steps + 1):
        x = name_w + bw * k / steps
        d.add(Line(x, 10, x, top, strokeColor=RULE, strokeWidth=0.3))
        label = fmt(vmax * k / steps, 1 if vmax / steps < 1 else 0, "")
        ch.text(x, 2, label, size=5.5, align="center")
    for i, (area_id, name, v) in enumerate(c.bars):
        y = top - (i + 1) * row
        mine = area_id == c.highlight
        d.add(
            Rect(
                name_w,
                y + 1.5,
                bw * v / vmax,
                row - 3,
                strokeColor=None,
                fillColor=MARK if mine else LIGHT,
            )
        )
        ch.text(name_w - 4, y + 2.6, name, size=6.5, align="right", bold=mine)
        ch.text(name_w + bw * v / vmax + 3, y + 2.6, fmt(v, c.decimals, c.unit), size=6, bold=mine)
    return ch


def _tiles(data: FactsheetData, width: float, lang: str) -> Table | None:
    """Up to four big figures across the page."""
    keys = {k.indicator_id: k for k in data.keys}
    order = [
        "cci.stock.end",
        "cci.adm.total",
        "cci.exit.restored",
        "cci.rep.full_quarter_pct",
        "cwc.new.total",
        "jjb.new.cicl",
    ]
    chosen = [keys[k] for k in order if k in keys][:4] or data.keys[:4]
    if not chosen:
        return None
    st = styles(lang)
    cells = []
    for k in chosen:
        big = para(fmt(k.value, k.decimals, k.unit), st["h1"], bold=True)
        parts = [big, para(k.name, st["small"])]
        if k.indicator_id == "cci.stock.end" and data.by_sex:
            split = ", ".join(
                f"{lbl(s, lang)} {int(data.by_sex[s])}"
                for s in ("boys", "girls", "transgender")
                if s in data.by_sex
            )
            parts.append(para(split, st["small"]))
        cells.append(parts)
    w = width / len(cells)
    t = Table([cells], colWidths=[w] * len(cells))
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return t


def _change(k: KeyFigure) -> str:
    if k.value is None or k.previous is None:
        return "–"
    diff = k.value - k.previous
    if abs(diff) < 10 ** -(k.decimals + 1):
        return "="
    sign = "+" if diff > 0 else "-"
    return f"{sign}{fmt(abs(diff), k.decimals, '')}"


def _key_table(data: FactsheetData, width: float, lang: str) -> Table:
    st = styles(lang)
    rows: list[list[Any]] = [
        [
            lbl("indicator", lang),
            lbl("this", lang),
            lbl("last", lang),
            lbl("change", lang),
            lbl("basis", lang),
        ]
    ]
    colors_for: list[tuple[int, Any]] = []
    for n, k in enumerate(data.keys, start=1):
        this = fmt(k.value, k.decimals, k.unit)
        if k.unit == "percent" and k.num is not None and k.den:
            this += "\n" + lbl("of", lang, n=fmt(k.num, 0, ""), d=fmt(k.den, 0, ""))
        ch = _change(k)
        if k.high_is_good is not None and ch[:1] in "+-":
            good = (ch[:1] == "+") == bool(k.high_is_good)
            colors_for.append((n, GOOD if good else BAD))
        rows.append(
            [
                k.name,
                this,
                fmt(k.previous, k.decimals, k.unit),
                ch,
                lbl("counted" if k.counted else "entered", lang),
            ]
        )
    body = [
        [para(c, st["cell"], bold=(i == 0)) if isinstance(c, str) else c for c in r]
        for i, r in enumerate(rows)
    ]
    for n, color in colors_for:
        body[n][3] = para(rows[n][3], st["cellb"].clone("chg", textColor=color))
    widths = [width * f for f in (0.46, 0.15, 0.13, 0.11, 0.15)]
    t = Table(body, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return t


def factsheet_story(data: FactsheetData, width: float) -> list[Any]:
    """The flowables of a factsheet."""
    lang = data.lang
    st = styles(lang)
    story: list[Any] = [
        para(lbl("title", lang), st["h2"], bold=True),
        para(f"{data.area.label(lang)} ({lbl(data.area.level, lang)})", st["h1"], bold=True),
        para(
            f"{lbl('quarter', lang)}: {quarter_name(data.quarter, lang)} ({data.quarter})",
            st["body"],
        ),
        Spacer(1, 4 * mm),
    ]
    tiles = _tiles(data, width, lang)
    if tiles is None:
        story.append(para(lbl("no_data", lang), st["body"]))
        return story
    story += [
        tiles,
        Spacer(1, 4 * mm),
        para(lbl("key", lang), st["h2"], bold=True),
        _key_table(data, width, lang),
        Spacer(1, 2 * mm),
        CondPageBreak(60 * mm),
    ]
    story.append(para(lbl("trends", lang), st["h2"], bold=True))
    if data.trends:
        boxes = []
        cw, chh = (width - 6 * mm) / 2, 44 * mm
        for t in data.trends:
            boxes.append(TrendBox(trend_chart(t, cw, chh, lang), t.name))
        cells = [
            boxes[i : i + 2] + [""] * (2 - len(boxes[i : i + 2])) for i in range(0, len(boxes), 2)
        ]
        g = Table(cells, colWidths=[cw + 3 * mm] * 2)
        g.setStyle(
            TableStyle(
                [("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm)]
            )
        )
        story.append(g)
    else:
        story.append(para(lbl("no_trend", lang), st["body"]))
    c = data.comparison
    if c is not None:
        key = "compare_inst" if c.level == "institution" else "compare"
        story.append(
            KeepTogether(
                [
                    para(lbl(key, lang, name=c.name), st["h2"], bold=True),
                    comparison_chart(c, width, lang),
                ]
            )
        )
    else:
        story.append(para(lbl("no_compare", lang), st["small"]))
    notes = [
        lbl("note_basis", lang),
        *data.footnotes,
        lbl("source", lang, src=data.source, cat=data.catalogue),
    ]
    story.append(
        KeepTogether(
            [para(lbl("notes", lang), st["h2"], bold=True), *[para(n, st["small"]) for n in notes]]
        )
    )
    return story


def factsheet_pdf(data: FactsheetData, *, made_by: str, made_at: datetime | None = None) -> bytes:
    """The factsheet as PDF bytes (A4, page numbers, made by and when)."""
    register_fonts()
    when: datetime = made_at or datetime.now()
    buf = io.BytesIO()
    w, h = A4
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{lbl('title', data.lang)}: {data.area.name} {data.quarter}",
        author=made_by,
        creator="CLMS Desktop",
    )
    lang = data.lang

    class Numbered(Canvas):  # type: ignore[misc]
        """Keeps the pages to the end so each can say how many there are."""

        def __init__(self, *a: Any, **k: Any) -> None:
            super().__init__(*a, **k)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for n, state in enumerate(self._saved, start=1):
                self.__dict__.update(state)
                self.setFillColor(BAND)
                self.rect(0, h - 8 * mm, w, 8 * mm, stroke=0, fill=1)
                self.setFillColor(colors.white)
                draw_text(
                    self,
                    MARGIN,
                    h - 5.5 * mm,
                    f"{lbl('title', lang)} · {data.area.label(lang)}"
                    f" · {quarter_name(data.quarter, lang)}",
                    size=8,
                    bold=True,
                    max_width=w - 2 * MARGIN,
                )
                self.setFillColor(INK)
                self.setStrokeColor(RULE)
                self.line(MARGIN, 13 * mm, w - MARGIN, 13 * mm)
                draw_text(
                    self,
                    MARGIN,
                    9 * mm,
                    lbl("generated", lang, at=when.strftime("%d-%m-%Y %H:%M"), by=made_by),
                    size=7,
                    max_width=120 * mm,
                )
                draw_text(
                    self,
                    w - MARGIN,
                    9 * mm,
                    lbl("page_of", lang, n=n, total=total),
                    size=7,
                    align="right",
                )
                super().showPage()
            super().save()

    doc.build(factsheet_story(data, w - 2 * MARGIN), canvasmaker=Numbered)
    return buf.getvalue()
