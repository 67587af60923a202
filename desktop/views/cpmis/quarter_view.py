"""A quarter's figures as a table (key indicators first), with the factsheet and the DevInfo
spreadsheet a click away; and the signer that asks for the key's passphrase when needed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from desktop.documents.factsheet import factsheet_pdf
from desktop.services.core.context import unit_of_work
from desktop.services.cpmis.bodies import active_catalogue
from desktop.services.cpmis.devinfo import export_des
from desktop.services.cpmis.report import factsheet_data
from desktop.services.cpmis.returns import Signer
from desktop.views.app_context import AppContext
from desktop.views.ops import BackgroundOp
from reporting.cpmis.catalogue import Catalogue
from reporting.cpmis.derive import Table
from reporting.cpmis.periods import last_complete_quarter, quarter_name, quarters_back
from sync_client import cpmis as sync_cpmis
from sync_client.exchange import outbox


def signer_for(ctx: AppContext, parent: QWidget, role: str) -> Callable[[], Signer | None]:
    """A function giving this install's return signer (asks for the passphrase if the key is
    in a file); None when the install has no key yet."""

    def make() -> Signer | None:
        with Session(ctx.engine) as s:
            row = outbox.own_key_row(s, role=role)
            storage = row.storage if row is not None else None
        if row is None:
            return None
        pw = None
        if storage == "file":
            text, ok = QInputDialog.getText(
                parent,
                parent.tr("Sign the return"),
                parent.tr("Passphrase of this computer's sync key (it signs the return):"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return None
            pw = text
        try:
            with Session(ctx.engine) as s:
                keys = outbox.load_own_keys(s, data_dir=ctx.data_dir, passphrase=pw, role=role)
        except (key_files.SyncKeyError, ValueError):
            return None
        return sync_cpmis.return_signer(keys)

    return make


def fill_table(
    table: QTableWidget, cat: Catalogue, data: Table, lang: str, body: str | None
) -> None:
    """Rows: indicators with a total figure (key ones first); value, and "n of d" for percents."""
    rows = []
    for ind in cat.indicators.values():
        if body is not None and ind.body != body:
            continue
        cell = data.get(ind.id, {}).get("total")
        if cell is None or cell.value is None:
            continue
        basis = ""
        if ind.unit in ("percent", "ratio") and cell.den:
            basis = f"{cell.num:g} / {cell.den:g}"
        rows.append(
            (
                not ind.key,
                ind.klass(lang),
                ind.name(lang),
                f"{cell.value:,.{ind.decimals}f}" + (" %" if ind.unit == "percent" else ""),
                basis,
                ind.key,
            )
        )
    rows.sort(key=lambda r: (r[0],))
    table.setRowCount(len(rows))
    for r, (_, klass, name, value, basis, key) in enumerate(rows):
        for c, text in enumerate((klass, name, value, basis)):
            item = QTableWidgetItem(text)
            if c >= 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if key:
                f = item.font()
                f.setBold(True)
                item.setFont(f)
                item.setBackground(QBrush(QColor("#eef2f7")))
            table.setItem(r, c, item)


def figures_table(parent: QWidget) -> QTableWidget:
    """The read-only table of a quarter's figures."""
    t = QTableWidget(0, 4, parent)
    figures_headers(t, parent)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    h = t.horizontalHeader()
    h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    h.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
    return t


def figures_headers(t: QTableWidget, parent: QWidget) -> None:
    """The column headings of a figures table, in the language chosen."""
    t.setHorizontalHeaderLabels(
        [parent.tr("Sub-sector"), parent.tr("Indicator"), parent.tr("Figure"), parent.tr("of")]
    )


class QuarterBar(QWidget):
    """A quarter chooser with Factsheet and DevInfo buttons for one area."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.area_id: str | None = None
        self.quarter = QComboBox()
        for q in reversed(quarters_back(last_complete_quarter(ctx.today()), 8)):
            self.quarter.addItem(quarter_name(q, ctx.language), q)
        self.label = QLabel()
        self.factsheet_button = QPushButton()
        self.des_button = QPushButton()
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.quarter)
        row.addWidget(self.factsheet_button)
        row.addWidget(self.des_button)
        row.addWidget(self.message, 1)
        self.factsheet_button.clicked.connect(self.make_factsheet)
        self.des_button.clicked.connect(self.make_des)
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts and the quarters' names in the language chosen."""
        self.label.setText(self.tr("Quarter:"))
        self.factsheet_button.setText(self.tr("Factsheet PDF…"))
        self.des_button.setText(self.tr("DevInfo spreadsheet…"))
        for i in range(self.quarter.count()):
            self.quarter.setItemText(
                i, quarter_name(str(self.quarter.itemData(i)), self.ctx.language)
            )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """The language changed."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current(self) -> str:
        """The quarter chosen ("2026.07-2026.09")."""
        return str(self.quarter.currentData())

    def make_factsheet(self) -> None:
        """Save the area's factsheet of the chosen quarter as a PDF (made in the background)."""
        if self.area_id is None:
            return
        q, lang, area = self.current(), self.ctx.language, self.area_id
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the factsheet"), f"factsheet-{area}-{q}-{lang}.pdf", "PDF (*.pdf)"
        )
        if not path:
            return
        engine, actor = self.ctx.engine, self.ctx.actor

        def work(_p: object) -> str:
            with unit_of_work(engine, actor, rules=False) as s:
                data = factsheet_data(s, active_catalogue(s), area_id=area, quarter=q, lang=lang)
            Path(path).write_bytes(factsheet_pdf(data, made_by=actor.label))
            return path

        BackgroundOp(self, work).success(
            lambda p: self.message.setText(self.tr("Factsheet saved: {p}").format(p=p))
        ).failure(lambda e: self.message.setText(str(e))).run_in_background()

    def make_des(self) -> None:
        """Save the DevInfo Data Entry Spreadsheet of the chosen quarter for this area."""
        if self.area_id is None:
            return
        q, area = self.current(), self.area_id
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the DevInfo spreadsheet"),
            f"devinfo-{area}-{q}.xlsx",
            "Excel (*.xlsx)",
        )
        if not path:
            return
        engine, actor, lang = self.ctx.engine, self.ctx.actor, self.ctx.language

        def work(_p: object) -> int:
            with unit_of_work(engine, actor, rules=False) as s:
                res = export_des(
                    s, active_catalogue(s), path=Path(path), periods=[q], area_id=area, lang=lang
                )
            return res.rows

        BackgroundOp(self, work).success(
            lambda n: self.message.setText(self.tr("{n} values written to {p}").format(n=n, p=path))
        ).failure(lambda e: self.message.setText(str(e))).run_in_background()
