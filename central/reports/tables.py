"""Every figure as a plain table (title, columns, rows, a totals row), the one shape the
web pages render, and Excel (openpyxl) and CSV are written from: what a download holds
is exactly what the page shows.

Titles and column names are English source texts; the caller passes `tr` to put them in
the reader's language (central's catalogue on the web, Qt's on the desktop). Row labels
(district names, categories, rules, stages) come from the catalogue in `lang`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from central.reports.catalogue import Catalogue, catalogue
from central.reports.counts import AreaReport, Unit
from central.reports.queue import QueueRow

Tr = Callable[[str], str]


def _same(text: str) -> str:
    return text


@dataclass
class Table:
    """One table of figures: `key` names it in URLs and file names."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    total: list[Any] | None = None
    numeric: frozenset[int] = frozenset()  # columns holding numbers (right-aligned, summed)
    links: list[str | None] | None = None  # per row: where its first cell leads (web)
    marks: list[str | None] | None = None  # per row: "silent" (red) or None
    note: str = ""  # a sentence under the title, with {places} filled from note_args
    note_args: dict[str, Any] | None = None

    def with_total(self, label: str = "Total") -> Table:
        """This table with a totals row over its numeric columns."""
        total: list[Any] = [label] + [""] * (len(self.columns) - 1)
        for i in self.numeric:
            total[i] = sum(int(r[i] or 0) for r in self.rows if isinstance(r[i], int | None))
        self.total = total
        return self


def _days(u: Unit) -> Any:
    return u.days_since if u.days_since is not None else ""


def _when(value: datetime | None) -> date | str:
    return value.date() if value is not None else ""


def unit_table(
    report: AreaReport, *, lang: str, cat: Catalogue, link: Callable[[Unit], str | None]
) -> Table:
    """The area's districts (a state's page) or CCIs (a district's page)."""
    by_cci = report.area.district is not None
    name = "CCI" if by_cci else "District"
    cols = [name]
    if not by_cci:
        cols += ["CCIs", "CCIs not heard from"]
    cols += [
        "Last bundle",
        "Days since",
        "Children on record",
        "In care",
        "Girls",
        "Boys",
        "Other",
        "Open flags at CCI",
        "Open flags at district",
        "Open flags at state",
        "Past due",
        "Adoption stages overdue",
    ]
    rows = []
    for u in report.units:
        row: list[Any] = [u.name]
        if not by_cci:
            row += [u.ccis, u.silent]
        row += [
            _when(u.last_received),
            _days(u),
            u.children,
            u.in_care,
            u.girls,
            u.boys,
            u.other,
            *u.flags,
            u.overdue,
            u.adoption_overdue,
        ]
        rows.append(row)
    numeric = frozenset(
        i for i in range(1, len(cols)) if cols[i] not in ("Last bundle", "Days since")
    )
    t = Table(
        key="ccis" if by_cci else "districts",
        title="CCIs of the district" if by_cci else "Districts",
        columns=cols,
        rows=rows,
        numeric=numeric,
        links=[link(u) for u in report.units],
        marks=["silent" if u.is_silent else None for u in report.units],
        note="Red: not heard from for more than {days} days",
        note_args={"days": cat.silent_after_days},
    )
    return t.with_total()


def breakdown_tables(report: AreaReport, *, lang: str, cat: Catalogue) -> list[Table]:
    """Children in care by gender, age band, category and length of stay; all by status."""
    b = report.children

    def simple(key: str, title: str, first: str, items: Iterable[tuple[str, int]]) -> Table:
        return Table(
            key=key,
            title=title,
            columns=[first, "Children"],
            rows=[[label, n] for label, n in items],
            numeric=frozenset({1}),
        ).with_total()

    def band(kind: str, k: str) -> str:
        return (
            cat.word(kind, k, lang)
            if k != "unknown"
            else ("Not recorded" if lang == "en" else "दर्ज नहीं")
        )

    return [
        simple(
            "gender",
            "Children in care by gender",
            "Gender",
            [(cat.word("genders", k, lang), n) for k, n in b.by_gender.items()],
        ),
        simple(
            "age",
            "Children in care by age (years)",
            "Age band",
            [(band("age_bands", k), n) for k, n in b.by_age.items()],
        ),
        simple(
            "category",
            "Children in care by category",
            "Category",
            [
                ((f"{k}. " + cat.word("categories", k, lang)) if k is not None else "—", n)
                for k, n in b.by_category.items()
            ],
        ),
        simple(
            "stay",
            "Children in care by length of stay",
            "Length of stay",
            [(band("stay_bands", k), n) for k, n in b.by_stay.items()],
        ),
        simple(
            "status",
            "All children on record by status",
            "Status",
            [
                (cat.word("statuses", k, lang), n)
                for k, n in sorted(b.by_status.items(), key=lambda kv: -kv[1])
            ],
        ),
    ]


def flag_table(report: AreaReport, *, lang: str, cat: Catalogue) -> Table:
    """Open flags by rule and level, with how many are past due."""
    rows = []
    for rule, levels in report.flags.items():
        per = [levels.get(lv, (0, 0))[0] for lv in (0, 1, 2)]
        late = sum(v[1] for v in levels.values())
        rows.append([cat.word("rules", rule, lang), *per, sum(per), late])
    return Table(
        key="flags",
        title="Open flags by rule and level",
        columns=["Rule", "At CCI", "At district", "At state", "All open", "Past due"],
        rows=rows,
        numeric=frozenset({1, 2, 3, 4, 5}),
    ).with_total()


def adoption_table(report: AreaReport, *, lang: str, cat: Catalogue) -> Table:
    """The adoption pipeline: children in each stage and how many are past its limit."""
    rows = []
    for stage, (n, late) in report.adoption.items():
        limit = cat.stage_days.get(stage)
        rows.append([cat.word("stages", stage, lang), limit if limit is not None else "", n, late])
    return Table(
        key="adoption",
        title="Adoption pipeline by stage",
        columns=["Stage", "Time limit (days)", "Children", "Overdue"],
        rows=rows,
        numeric=frozenset({2, 3}),
    ).with_total()


def silent_table(
    report: AreaReport, *, lang: str, cat: Catalogue, link: Callable[[Unit], str | None]
) -> Table:
    """CCIs not heard from within the policy's period."""
    return Table(
        key="silent",
        title="CCIs not heard from",
        columns=["CCI", "District", "Last bundle", "Days since"],
        rows=[
            [u.name, cat.district_name(u.district), _when(u.last_received) or "never", _days(u)]
            for u in report.silent
        ],
        links=[link(u) for u in report.silent],
        marks=["silent"] * len(report.silent),
        note="No bundle for more than {days} days",
        note_args={"days": cat.silent_after_days},
    )


def report_tables(
    report: AreaReport,
    *,
    lang: str = "en",
    cat: Catalogue | None = None,
    link: Callable[[Unit], str | None] = lambda _u: None,
    silent_link: Callable[[Unit], str | None] = lambda _u: None,
) -> list[Table]:
    """Every table of an area's page, in the page's order."""
    cat = cat or catalogue()
    out = []
    if report.area.institution is None:
        out.append(unit_table(report, lang=lang, cat=cat, link=link))
    out += breakdown_tables(report, lang=lang, cat=cat)
    out += [flag_table(report, lang=lang, cat=cat), adoption_table(report, lang=lang, cat=cat)]
    if report.area.institution is None:
        out.append(silent_table(report, lang=lang, cat=cat, link=silent_link))
    return out


def queue_table(
    rows: Sequence[QueueRow], *, as_of: date, lang: str = "en", cat: Catalogue | None = None
) -> Table:
    """Review queue rows as a table (the page's rows, or every row for a download)."""
    cat = cat or catalogue()
    return Table(
        key="queue",
        title="Review queue",
        columns=[
            "Due on",
            "Past due",
            "Severity",
            "Level",
            "Rule",
            "Child code",
            "Child",
            "CCI",
            "District",
            "Status",
            "District action",
        ],
        rows=[
            [
                r.due_on or "",
                ("हाँ" if lang == "hi" else "yes") if r.overdue(as_of) else "",
                cat.word("severities", r.severity, lang),
                cat.word("levels", r.level, lang),
                cat.word("rules", r.rule_id, lang),
                r.child_code or "",
                r.child_name,
                r.institution,
                cat.district_name(r.district),
                cat.word("flag_statuses", r.status, lang),
                action_text(r.district_action, r.district_action_on, lang=lang, cat=cat),
            ]
            for r in rows
        ],
        marks=["silent" if r.overdue(as_of) else None for r in rows],
    )


def action_text(action: str | None, on: date | None, *, lang: str, cat: Catalogue) -> str:
    """What the district did to a flag, e.g. "Acknowledged 2026-11-20" ('' if nothing)."""
    if not action:
        return ""
    return f"{cat.word('flag_statuses', action, lang)} {on.isoformat() if on else ''}".strip()


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_xlsx(tables: Sequence[Table], *, tr: Tr = _same, heading: str = "") -> bytes:
    """An Excel workbook, one sheet a table: title, column names, rows, the totals row.

    Written with openpyxl's write-only mode (rows streamed, not held as cell objects).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    used: set[str] = set()
    for t in tables:
        name = "".join(ch for ch in tr(t.title) if ch not in "[]:*?/\\")[:31] or t.key
        while name in used:
            name = name[:28] + f"~{len(used)}"
        used.add(name)
        ws = wb.create_sheet(title=name)
        title = WriteOnlyCell(ws, value=tr(t.title) + (f" — {heading}" if heading else ""))
        title.font = bold
        ws.append([title])
        ws.append([])
        head = []
        for c in t.columns:
            cell = WriteOnlyCell(ws, value=tr(c))
            cell.font = bold
            head.append(cell)
        ws.append(head)
        for r in t.rows:
            ws.append([_cell(v) for v in r])
        if t.total is not None:
            cells = []
            for v in t.total:
                cell = WriteOnlyCell(ws, value=tr(v) if isinstance(v, str) and v else _cell(v))
                cell.font = bold
                cells.append(cell)
            ws.append(cells)
    if not tables:
        wb.create_sheet(title="Empty")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_csv(table: Table, *, tr: Tr = _same) -> bytes:
    """One table as CSV (UTF-8 with a byte-order mark, so Excel reads Devanagari)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([tr(c) for c in table.columns])
    for r in table.rows:
        w.writerow([_cell(v) for v in r])
    if table.total is not None:
        w.writerow([tr(v) if isinstance(v, str) and v else _cell(v) for v in table.total])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


__all__ = ["Table", "action_text", "queue_table", "report_tables", "to_csv", "to_xlsx"]
