"""The quarterly CLTS report as a PDF with charts (reportlab) and as an Excel workbook.

Both are drawn from `desktop.services.clts.report.QuarterReport` (counts and rupees, no
child named). The Excel file has one sheet per table, with the quarter in DevInfo's form
("2026.07-2026.09") and the area on each sheet, so a DCPU can paste it into its returns.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from desktop.documents.clts_labels import ct, rupees
from desktop.documents.common import BAND, PageInfo, build_pdf, grid, para, styles
from desktop.documents.fonts import LATIN, register_fonts
from desktop.rules.clts_policy import CltsPolicy
from desktop.services.clts.report import QuarterReport, report_tables

CHART_W = 170 * mm
RUPEE_COLUMNS = {"rupees", "outstanding"}


def _source_line(rep: QuarterReport, lang: str) -> str:
    if rep.source in ("district", "state"):
        return ct(f"source_{rep.source}", lang, when=rep.received_by or "-")
    return ct("source_cci", lang)


def _bar_chart(labels: list[str], values: list[int], *, colour: Any = BAND) -> Drawing:
    """A horizontal bar chart of counts, one bar a label (Latin labels; numbers at the bars)."""
    n = max(len(values), 1)
    height = 14 + 13 * n
    d = Drawing(CHART_W, height)
    ch = HorizontalBarChart()
    ch.x, ch.y = 62 * mm, 6
    ch.width, ch.height = CHART_W - 72 * mm, height - 12
    ch.data = [list(reversed(values)) or [0]]
    ch.categoryAxis.categoryNames = list(reversed(labels)) or ["-"]
    ch.categoryAxis.labels.fontName = LATIN
    ch.categoryAxis.labels.fontSize = 7
    ch.categoryAxis.labels.boxAnchor = "e"
    ch.valueAxis.valueMin = 0
    ch.valueAxis.valueMax = max([*values, 1]) * 1.15
    ch.valueAxis.labels.fontName = LATIN
    ch.valueAxis.labels.fontSize = 7
    ch.valueAxis.visibleGrid = True
    ch.valueAxis.gridStrokeColor = colors.HexColor("#e5e7eb")
    ch.bars[0].fillColor = colour
    ch.bars[0].strokeColor = None
    ch.barLabelFormat = "%d"
    ch.barLabels.fontName = LATIN
    ch.barLabels.fontSize = 7
    ch.barLabels.boxAnchor = "w"
    ch.barLabels.dx = 3
    d.add(ch)
    return d


def _coverage_chart(names: list[str], pairs: list[tuple[int, int]]) -> Drawing:
    """Received / eligible per department as percentages."""
    pct = [(100 * r // e) if e else 0 for r, e in pairs]
    d = _bar_chart(names, pct, colour=colors.HexColor("#15803d"))
    d.add(
        String(
            CHART_W - 4, 2, "% received of eligible", fontName=LATIN, fontSize=6, textAnchor="end"
        )
    )
    return d


def _cells(header: list[str], rows: list[list[Any]]) -> list[list[str]]:
    out = []
    for row in rows:
        out.append(
            [
                rupees(v) if header[i] in RUPEE_COLUMNS and isinstance(v, int) else str(v)
                for i, v in enumerate(row)
            ]
        )
    return out


def report_pdf(rep: QuarterReport, *, policy: CltsPolicy, lang: str, generated_by: str) -> bytes:
    """The quarterly report (A4, English or Hindi) with its charts."""
    register_fonts()
    st = styles(lang)
    story: list[Any] = [
        para(f"{ct('report_title', lang)} · {rep.quarter.label}", st["h1"], bold=True),
        para(
            f"{ct('area', lang)}: {rep.area} · {ct('quarter', lang)}: {rep.quarter.period}",
            st["body"],
        ),
        para(_source_line(rep, lang), st["small"]),
        Spacer(1, 3 * mm),
        para(f"{ct('rescued', lang)}: {rep.rescued}", st["h2"], bold=True),
    ]
    if rep.rescued == 0:
        story.append(para(ct("no_cases", lang), st["body"]))
    tables = {key: (header, rows) for key, header, rows in report_tables(rep, policy, lang)}
    if rep.rescued:
        story.append(
            para(
                f"{ct('by_origin', lang)}: {ct('in_state', lang)} {sum(rep.in_state.values())} · "
                f"{ct('interstate', lang)} {rep.interstate}",
                st["body"],
            )
        )
    for key in ("by_industry", "by_age", "by_origin"):
        header, rows = tables[key]
        if not rows:
            continue
        block: list[Any] = [para(ct(key, lang), st["h2"], bold=True)]
        if key == "by_industry":
            # chart labels in Latin script (reportlab's chart labels are not shaped)
            block.append(
                _bar_chart(
                    [
                        policy.industries[k].en if k in policy.industries else k
                        for k, _ in rep.by_industry.most_common()
                    ],
                    [n for _, n in rep.by_industry.most_common()],
                )
            )
        widths = [170 * mm / len(header)] * len(header)
        if key != "by_age":
            widths = [120 * mm, 50 * mm]
        block.append(grid([[ct(h, lang) for h in header], *_cells(header, rows)], widths, st=st))
        story.append(KeepTogether(block))
    header, rows = tables["comp_title"]
    story.append(para(ct("comp_title", lang), st["h2"], bold=True))
    heads = [ct(h, lang) for h in header]
    heads[1] = f"{ct('ordered', lang)} ({ct('count', lang)})"
    heads[3] = f"{ct('paid', lang)} ({ct('count', lang)})"
    story.append(
        grid(
            [heads, *_cells(header, rows)] if rows else [heads],
            [62 * mm, 20 * mm, 24 * mm, 20 * mm, 22 * mm, 24 * mm],
            st=st,
        )
    )
    header, rows = tables["coverage"]
    block = [para(ct("coverage", lang), st["h2"], bold=True)]
    block.append(
        _coverage_chart(
            [policy.departments[k].short("en") for k in rep.coverage], list(rep.coverage.values())
        )
    )
    block.append(
        grid(
            [[ct(h, lang) for h in header], *_cells(header, rows)],
            [95 * mm, 25 * mm, 25 * mm, 25 * mm],
            st=st,
        )
    )
    story.append(KeepTogether(block))
    follow = [
        [ct("open_cases", lang), str(rep.open_cases)],
        [
            f"{ct('in_school', lang)} ({ct('status_known', lang)}: {rep.school_known})",
            str(rep.in_school),
        ],
        [ct("working_again", lang), str(rep.working_again)],
        [ct("visits_done", lang), str(rep.visits_done)],
        [ct("visits_missed", lang), str(rep.visits_missed)],
    ]
    story.append(
        KeepTogether(
            [
                para(ct("follow_title", lang), st["h2"], bold=True),
                grid(follow, [130 * mm, 40 * mm], header=False, st=st),
            ]
        )
    )
    info = PageInfo(
        title=f"{ct('report_title', lang)} · {rep.quarter.label}",
        institution=rep.area,
        lang=lang,
        generated_by=generated_by,
        generated_at=datetime.now(),
    )
    return build_pdf(story, info)


def report_xlsx(rep: QuarterReport, *, policy: CltsPolicy, lang: str = "en") -> bytes:
    """The quarterly report as an Excel workbook: a summary sheet and one sheet per table."""
    wb = Workbook()
    bold = Font(bold=True)
    shade = PatternFill("solid", fgColor="EEF2F7")
    ws = wb.active
    assert ws is not None
    ws.title = "Summary"
    summary = [
        (ct("report_title", lang), rep.quarter.label),
        (ct("area", lang), rep.area),
        (ct("quarter", lang), rep.quarter.period),
        ("Source", _source_line(rep, lang)),
        (ct("rescued", lang), rep.rescued),
        ("Hazardous work", rep.hazardous),
        ("Bonded", rep.bonded),
        ("Trafficked", rep.trafficked),
        ("From another state", rep.interstate),
        (ct("open_cases", lang), rep.open_cases),
        (ct("in_school", lang), rep.in_school),
        (ct("status_known", lang), rep.school_known),
        (ct("working_again", lang), rep.working_again),
        (ct("visits_done", lang), rep.visits_done),
        (ct("visits_missed", lang), rep.visits_missed),
    ]
    for label, value in summary:
        ws.append([label, value])
        ws.cell(ws.max_row, 1).font = bold
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 40
    names = {
        "by_industry": "Industry",
        "by_age": "Age and gender",
        "by_origin": "Origin",
        "comp_title": "Compensation",
        "coverage": "Entitlements",
    }
    for key, header, rows in report_tables(rep, policy, lang):
        sheet = wb.create_sheet(names[key])
        sheet.append([ct(key, lang), rep.quarter.period, rep.area])
        sheet.cell(1, 1).font = bold
        sheet.append([ct(h, lang) for h in header])
        for col in range(1, len(header) + 1):
            sheet.cell(2, col).font = bold
            sheet.cell(2, col).fill = shade
            sheet.cell(2, col).alignment = Alignment(wrap_text=True)
        for row in rows:
            sheet.append(row)
        sheet.column_dimensions["A"].width = 48
        for letter in "BCDEF":
            sheet.column_dimensions[letter].width = 16
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
