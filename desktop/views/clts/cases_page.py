"""The "Child labour" screen: rescued children (CLTS) with their gaps and money, the counts,
the quarterly report, and the register import. Thin over `desktop.services.clts`.

Case staff and DCPU officers see the list; everyone else sees only the counts.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.clts_report import report_pdf, report_xlsx
from desktop.rules.clts_policy import load_clts_policy
from desktop.services.clts.listing import CaseRow, case_counts, list_cases
from desktop.services.clts.register import import_register
from desktop.services.clts.report import Quarter, quarterly_report, records_from_db
from desktop.services.core import lgd
from desktop.services.core.context import unit_of_work
from desktop.services.core.permissions import Permission, has
from desktop.services.install.institution import local_institution
from desktop.views.app_context import AppContext
from desktop.views.forms import show_date, show_problem
from desktop.views.ops import BackgroundOp

LATE = QColor("#b00020")


def read_only_table() -> QTableWidget:
    """A table for showing rows: whole rows selected, no editing, columns fitted."""
    t = QTableWidget()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


def fill_table(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
    """Replace the table's contents."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


def recent_quarters(today: date, n: int = 8) -> list[Quarter]:
    """The last `n` quarters, the one just ended first (then this one, then older)."""
    q = Quarter.of(today)
    out = []
    for _ in range(n + 1):
        out.append(q)
        q = Quarter(q.year - 1, 4) if q.number == 1 else Quarter(q.year, q.number - 1)
    return [out[1], out[0], *out[2:n]]


class ReportDialog(QDialog):
    """Which quarter, which format, and (at a district office) which records."""

    def __init__(self, parent: QWidget, today: date, *, district_office: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Quarterly CLTS report"))
        self.quarter = QComboBox()
        for q in recent_quarters(today):
            self.quarter.addItem(f"{q.label} ({q.period})", f"{q.year}-Q{q.number}")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("PDF with charts"), "pdf")
        self.kind.addItem(self.tr("Excel workbook"), "xlsx")
        self.source = QComboBox()
        self.source.addItem(self.tr("This install's children"), "db")
        if district_office:
            self.source.addItem(self.tr("The district's CCIs (from their bundles)"), "view")
        form = QFormLayout()
        form.addRow(self.tr("Quarter"), self.quarter)
        form.addRow(self.tr("Format"), self.kind)
        form.addRow(self.tr("Records"), self.source)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Make the report…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class CltsCasesPage(QWidget):
    """Rescue cases of the actor's area: gaps, money, next visit; counts for other roles."""

    open_child_tab = Signal(int, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[CaseRow] = []
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search: CLTS ID, child code, name, employer"))
        self.search_box.returnPressed.connect(self.refresh)
        self.status = QComboBox()
        self.status.addItem(self.tr("Open cases"), "open")
        self.status.addItem(self.tr("Closed cases"), "closed")
        self.status.addItem(self.tr("All cases"), "")
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.gaps_only = QCheckBox(self.tr("Only with gaps"))
        self.gaps_only.toggled.connect(lambda _on: self.refresh())
        self.report_button = QPushButton(self.tr("Quarterly report…"))
        self.report_button.clicked.connect(self.make_report)
        self.import_button = QPushButton(self.tr("Import a CLTS register…"))
        self.import_button.clicked.connect(self.choose_register)
        self.table = read_only_table()
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_row(row))
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        bar = QHBoxLayout()
        bar.addWidget(self.search_box, 2)
        bar.addWidget(self.status)
        bar.addWidget(self.gaps_only)
        bar.addStretch(1)
        bar.addWidget(self.report_button)
        bar.addWidget(self.import_button)
        self.hint = QLabel(self.tr("Double-click a child (or press Enter) to open the case."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.filler = QWidget()  # takes the table's room when only the counts are shown
        layout.addWidget(self.filler, 1)
        ctx.events.child_changed.connect(lambda _id: self.refresh())
        ctx.events.data_changed.connect(self.refresh)
        ctx.events.actor_changed.connect(self.refresh)
        self.refresh()

    def detail_allowed(self) -> bool:
        """Whether the person logged in may see the children (else only counts)."""
        return has(self.ctx.actor, Permission.SEE_CLTS)

    def refresh(self) -> None:
        """Read the counts and (if allowed) the list again."""
        today = self.ctx.today()
        allowed = self.detail_allowed()
        self.title.setText(self.tr("Rescued from child labour (CLTS)"))
        for w in (self.search_box, self.status, self.gaps_only, self.table, self.hint):
            w.setVisible(allowed)
        self.filler.setVisible(not allowed)
        self.import_button.setVisible(allowed and has(self.ctx.actor, Permission.IMPORT))
        policy = load_clts_policy()
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            c = case_counts(s, today=today)
            self.rows = (
                list_cases(
                    s,
                    today=today,
                    status=self.status.currentData() or None,
                    search=self.search_box.text(),
                    only_gaps=self.gaps_only.isChecked(),
                )
                if allowed
                else []
            )
        lang = self.ctx.language
        top = ", ".join(
            f"{policy.industries[k].label(lang) if k in policy.industries else k} {n}"
            for k, n in c.by_industry.most_common(5)
        )
        self.counts.setText(
            html.escape(
                self.tr(
                    "{0} cases ({1} open, {2} closed) · {3} from another state · "
                    "{4} with gaps, {5} entitlements past their day · paid Rs {6:,} of Rs {7:,}"
                ).format(
                    c.cases,
                    c.open,
                    c.closed,
                    c.interstate,
                    c.with_gaps,
                    c.overdue_entitlements,
                    c.paid_rupees,
                    c.due_rupees,
                )
            )
            + "<br>"
            + html.escape(self.tr("Most common work: {0}").format(top or "–"))
            + (
                ""
                if allowed
                else "<br><i>"
                + html.escape(
                    self.tr(
                        "Only the counts are shown: the children's details are for case staff "
                        "and DCPU officers."
                    )
                )
                + "</i>"
            )
        )
        if not allowed:
            return
        fill_table(
            self.table,
            [
                self.tr("CLTS ID"),
                self.tr("Child code"),
                self.tr("Name"),
                self.tr("Rescued"),
                self.tr("Work"),
                self.tr("Final order"),
                self.tr("Gaps"),
                self.tr("Late"),
                self.tr("Paid / due"),
                self.tr("Next visit"),
            ],
            [
                [
                    r.clts_id,
                    r.child_code,
                    r.name + (f" / {r.name_local}" if r.name_local else ""),
                    show_date(r.rescue_on),
                    policy.industries[r.industry].label(lang)
                    if r.industry in policy.industries
                    else r.industry,
                    policy.cwc_orders[r.final_order].label(lang)
                    if r.final_order in policy.cwc_orders
                    else "–",
                    str(r.gaps),
                    str(r.overdue),
                    f"Rs {r.paid_rupees:,} / {r.due_rupees:,}",
                    show_date(r.next_visit),
                ]
                for r in self.rows
            ],
        )
        header = self.table.horizontalHeader()
        for col, width in ((2, 210), (4, 160), (5, 120)):  # long names and work: elided
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        for i, r in enumerate(self.rows):
            if r.overdue or (r.next_visit and r.next_visit < today):
                for col in (7, 9):
                    item = self.table.item(i, col)
                    if item is not None:
                        item.setForeground(QBrush(LATE))

    def open_row(self, row: int) -> None:
        """Open the child's profile at the child-labour tab."""
        if 0 <= row < len(self.rows):
            self.open_child_tab.emit(self.rows[row].child_id, "clts")

    # -- report and import ------------------------------------------------------------

    def make_report(self) -> bool:
        """Ask for the quarter and format, then save the report."""
        from sync_client.district import mode as district_mode

        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            office = district_mode.office_district(s)
        dialog = ReportDialog(self, self.ctx.today(), district_office=office is not None)
        if not dialog.exec():
            return False
        kind = dialog.kind.currentData()
        quarter = Quarter.parse(dialog.quarter.currentData())
        suffix = "pdf" if kind == "pdf" else "xlsx"
        name = f"clts-report-{quarter.year}-Q{quarter.number}.{suffix}"
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), name, f"*.{suffix}"
        )
        if not path:
            return False
        return self.write_report(quarter, Path(path), kind, dialog.source.currentData())

    def write_report(self, quarter: Quarter, path: Path, kind: str, source: str = "db") -> bool:
        """Make and write the report (in the foreground: it reads counts only)."""
        policy = load_clts_policy()
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                inst = local_institution(s)
                if source == "view":
                    from sync_client.district import mode as district_mode
                    from sync_client.district.clts import clts_records

                    code = district_mode.office_district(s) or inst.district_code
                    records = clts_records(district_mode.open_view(self.ctx.data_dir))
                    area = f"{lgd.district_name(inst.state_code, code)} (DCPU)"
                else:
                    records = records_from_db(s)
                    area = f"{inst.name}, {lgd.district_name(inst.state_code, inst.district_code)}"
            rep = quarterly_report(records, quarter, policy=policy, area=area)
            lang = self.ctx.language
            data = (
                report_pdf(rep, policy=policy, lang=lang, generated_by=self.ctx.actor.label)
                if kind == "pdf"
                else report_xlsx(rep, policy=policy, lang=lang)
            )
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)
        except (OSError, ValueError) as exc:
            show_problem(self, exc)
            return False
        return True

    def choose_register(self) -> None:
        """Pick a register, check it (dry run) in the background, then offer to import it."""
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("Import a CLTS register"), "", self.tr("Registers (*.xlsx *.csv)")
        )
        if path:
            self.import_register(Path(path), dry_run=True)

    def import_register(self, path: Path, *, dry_run: bool, ask: bool = True) -> None:
        """Run the import off the GUI thread; a clean dry run offers the real import."""
        ctx = self.ctx

        def work(progress: Any) -> Any:
            with unit_of_work(ctx.engine, ctx.actor, as_of=ctx.today()) as s:
                return import_register(
                    s,
                    path,
                    dry_run=dry_run,
                    today=ctx.today(),
                    progress=lambda d, t: progress(d, t),
                )

        def done(report: Any) -> None:
            self.last_report = report
            if dry_run and report.valid and not report.problems and ask:
                box = QMessageBox(self)
                box.setWindowTitle(self.tr("CLTS register checked"))
                box.setText(report.summary())
                go = box.addButton(self.tr("Import now"), QMessageBox.ButtonRole.AcceptRole)
                box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
                box.exec()
                if box.clickedButton() is go:
                    self.import_register(path, dry_run=False, ask=ask)
                return
            if ask:
                QMessageBox.information(self, self.tr("CLTS register"), report.summary())
            if not dry_run:
                ctx.events.data_changed.emit()

        label = self.tr("Checking the register") if dry_run else self.tr("Importing the register")
        BackgroundOp(self, work).success(done).with_progress(label).run_in_background()
