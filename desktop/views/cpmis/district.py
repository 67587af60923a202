"""CPMIS at the district office: the CCIs' returns from the bundles (accept or send back), the
CWC's and JJB's returns typed here (with the figures the CCIs' records already know offered),
and the district's quarter (consolidate, factsheet, DevInfo spreadsheet in and out).

A screen of its own in a district office's window (`DistrictCpmisScreen`, in the
navigation beside the district page).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.services.cpmis.bodies import active_catalogue, district_bodies
from desktop.services.cpmis.devinfo import import_des
from desktop.services.cpmis.review import Received, decide, decisions, effective_status
from desktop.views.app_context import AppContext
from desktop.views.cpmis.cci_page import MonthList
from desktop.views.cpmis.quarter_view import (
    QuarterBar,
    figures_headers,
    figures_table,
    fill_table,
    signer_for,
)
from desktop.views.cpmis.return_form import ReturnForm
from desktop.views.reason_dialog import ReasonDialog
from reporting.cpmis.periods import month_name
from sync_client import cpmis as sync_cpmis
from sync_client.district import mode as district_office
from sync_client.exchange import outbox

STATE_CODE_DEFAULT = 10


class DistrictCpmisPage(QWidget):
    """The district office's CPMIS work."""

    def __init__(
        self,
        ctx: AppContext,
        view: Engine,
        district: int,
        parent: QWidget | None = None,
        state: int = STATE_CODE_DEFAULT,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.view, self.district, self.state = ctx, view, district, state
        self.received: list[Received] = []
        self.tabs = QTabWidget()
        self.tabs.addTab(self._received_tab(), "")
        self.tabs.addTab(self._bodies_tab(), "")
        self.tabs.addTab(self._quarter_tab(), "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.retranslate()
        self.refresh_received()

    def retranslate(self) -> None:
        """Fixed texts in the language chosen."""
        self.tabs.setTabText(0, self.tr("CCIs' returns"))
        self.tabs.setTabText(1, self.tr("CWC and JJB returns"))
        self.tabs.setTabText(2, self.tr("District quarter"))
        self.received_table.setHorizontalHeaderLabels(
            [
                self.tr("CCI"),
                self.tr("Month"),
                self.tr("Version"),
                self.tr("State here"),
                self.tr("Signature"),
                self.tr("Submitted"),
            ]
        )
        self.accept_button.setText(self.tr("Accept"))
        self.return_button.setText(self.tr("Send back…"))
        self.notices_button.setText(self.tr("Write the decisions to USB…"))
        self.body_label.setText(self.tr("Committee / Board:"))
        self.consolidate_button.setText(self.tr("Consolidate the quarter"))
        self.import_button.setText(self.tr("Import a DevInfo spreadsheet…"))
        figures_headers(self.quarter_table, self)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """The language changed."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh_received()
        super().changeEvent(event)

    # -- the CCIs' returns ---------------------------------------------------------------

    def _received_tab(self) -> QWidget:
        w = QWidget()
        self.received_table = QTableWidget(0, 6)
        t = self.received_table
        t.verticalHeader().setVisible(False)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.accept_button = QPushButton()
        self.return_button = QPushButton()
        self.notices_button = QPushButton()
        self.received_message = QLabel()
        self.received_message.setWordWrap(True)
        self.received_form = ReturnForm(self.ctx)
        buttons = QHBoxLayout()
        for b in (self.accept_button, self.return_button, self.notices_button):
            b.setMinimumHeight(32)
            buttons.addWidget(b)
        buttons.addWidget(self.received_message, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(t)
        split.addWidget(self.received_form)
        split.setSizes([180, 420])
        v = QVBoxLayout(w)
        v.addLayout(buttons)
        v.addWidget(split, 1)
        t.itemSelectionChanged.connect(self._show_received)
        self.accept_button.clicked.connect(lambda: self.decide_selected("accepted"))
        self.return_button.clicked.connect(lambda: self.decide_selected("returned"))
        self.notices_button.clicked.connect(self.write_notices)
        return w

    def refresh_received(self) -> None:
        """Read the returns received (every version) and this office's decisions."""
        self.received = sync_cpmis.received_returns(self.view, district_code=self.district)
        with Session(self.ctx.engine) as s:
            decided = decisions(s)
        t = self.received_table
        t.setRowCount(len(self.received))
        checks = {
            "valid": self.tr("valid"),
            "missing": self.tr("not signed"),
            "invalid": self.tr("does not verify"),
            "altered": self.tr("content changed"),
        }
        for r, rec in enumerate(self.received):
            values = (
                rec.body_name,
                month_name(rec.month, self.ctx.language),
                str(rec.version_no),
                effective_status(rec, decided),
                checks.get(rec.signature_check, ""),
                (rec.submitted_at or "")[:10],
            )
            for c, v in enumerate(values):
                t.setItem(r, c, QTableWidgetItem(v))
        if self.received and not t.selectedItems():
            t.selectRow(0)

    def _selected(self) -> Received | None:
        row = self.received_table.currentRow()
        return self.received[row] if 0 <= row < len(self.received) else None

    def _show_received(self) -> None:
        rec = self._selected()
        if rec is not None:
            self.received_form.show_received(rec.data)

    def decide_selected(self, decision: str, reason: str | None = None) -> None:
        """Accept the selected return, or send it back with a reason."""
        rec = self._selected()
        if rec is None:
            return
        if decision == "returned" and reason is None:
            reason = ReasonDialog.ask(
                self,
                self.tr("Send the return back"),
                self.tr("Why does the return go back to the CCI?"),
            )
            if not reason:
                return
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                decide(s, received=rec, decision=decision, reason=reason)
        except ServiceError as exc:
            self.received_message.setText(str(exc))
            return
        self.received_message.setText(
            self.tr("{cci}, {month}: {decision}").format(
                cci=rec.body_name, month=rec.month, decision=decision
            )
        )
        self.refresh_received()

    def _office_keys(self) -> key_files.OwnKeys | None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        with Session(self.ctx.engine) as s:
            row = outbox.own_key_row(s, role="district")
            storage = row.storage if row is not None else None
        pw = None
        if storage == "file":
            text, ok = QInputDialog.getText(
                self,
                self.tr("District key"),
                self.tr("Passphrase of the district key:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return None
            pw = text
        try:
            with Session(self.ctx.engine) as s:
                return outbox.load_own_keys(
                    s, data_dir=self.ctx.data_dir, passphrase=pw, role="district"
                )
        except (key_files.SyncKeyError, ValueError, ServiceError) as exc:
            self.received_message.setText(str(exc))
            return None

    def write_notices(self, folder: str | None = None) -> None:
        """Put the signed decisions on the stick for the CCIs."""
        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("Choose the USB stick"))
        if not folder:
            return
        keys = self._office_keys()
        if keys is None:
            return
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            n = sync_cpmis.write_notices(s, keys=keys, folder=Path(folder))
        self.received_message.setText(self.tr("{n} decision(s) written to the stick.").format(n=n))

    # -- the CWC's and JJB's returns -------------------------------------------------------

    def _bodies_tab(self) -> QWidget:
        w = QWidget()
        self.body_combo = QComboBox()
        with Session(self.ctx.engine) as s:
            self.bodies = district_bodies(s, state=self.state, district=self.district)
        for b in self.bodies:
            self.body_combo.addItem(b.name, b.code)
        self.body_form = ReturnForm(self.ctx)
        self.body_form.signer_factory = signer_for(self.ctx, self, "district")
        self.body_months = MonthList(self.ctx, self.body_form)
        top = QHBoxLayout()
        self.body_label = QLabel()
        top.addWidget(self.body_label)
        top.addWidget(self.body_combo, 1)
        h = QHBoxLayout()
        h.addWidget(self.body_months)
        h.addWidget(self.body_form, 1)
        v = QVBoxLayout(w)
        v.addLayout(top)
        v.addLayout(h, 1)
        self.body_combo.currentIndexChanged.connect(lambda _i: self._body_changed())
        self.body_form.changed.connect(self._offer)
        self._body_changed()
        return w

    def _body_changed(self) -> None:
        i = self.body_combo.currentIndex()
        self.body_months.set_body(self.bodies[i] if 0 <= i < len(self.bodies) else None)
        self._offer()

    def _offer(self) -> None:
        """Offer the CCIs' figures to the CWC's return of the month on show."""
        m = self.body_months.current_month()
        body = self.body_months.body
        if m is None or body is None or body.body_type != "cwc":
            self.body_form.offers = {}
            return
        with Session(self.ctx.engine) as s:
            cat = active_catalogue(s)
        self.body_form.offers = sync_cpmis.offers(self.view, cat, district=self.district, month=m)
        self.body_form.offer_button.setEnabled(
            self.body_form.editable and bool(self.body_form.offers)
        )

    # -- the district's quarter ------------------------------------------------------------

    def _quarter_tab(self) -> QWidget:
        w = QWidget()
        self.quarter_bar = QuarterBar(self.ctx)
        self.quarter_bar.area_id = f"IND{self.state:03d}{self.district:03d}"
        self.consolidate_button = QPushButton()
        self.import_button = QPushButton()
        self.quarter_message = QLabel()
        self.quarter_message.setWordWrap(True)
        self.quarter_table = figures_table(self)
        row = QHBoxLayout()
        row.addWidget(self.consolidate_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        v = QVBoxLayout(w)
        v.addWidget(self.quarter_bar)
        v.addLayout(row)
        v.addWidget(self.quarter_message)
        v.addWidget(self.quarter_table, 1)
        self.consolidate_button.clicked.connect(self.consolidate)
        self.import_button.clicked.connect(self.import_spreadsheet)
        return w

    def consolidate(self) -> None:
        """Consolidate the chosen quarter from the accepted returns and show the result."""
        q = self.quarter_bar.current()
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                cat = active_catalogue(s)
                dq = sync_cpmis.consolidate_district(
                    s, self.view, cat, quarter=q, state=self.state, district=self.district
                )
        except ServiceError as exc:
            self.quarter_message.setText(str(exc))
            return
        lines = [
            self.tr("{q}: {n} bodies, {r} returns consolidated.").format(
                q=q, n=dq.district.bodies, r=len(dq.inputs)
            )
        ]
        lines += [self.tr("Provisional: {p}").format(p=p) for p in dq.provisional]
        self.quarter_message.setText("\n".join(lines))
        fill_table(self.quarter_table, cat, dq.district.table, self.ctx.language, None)
        self.refresh_received()

    def import_spreadsheet(self, path: str | None = None) -> None:
        """Check a DevInfo spreadsheet (dry run), then import it when asked to."""
        path = (
            path
            or QFileDialog.getOpenFileName(
                self, self.tr("DevInfo spreadsheet"), "", "Excel (*.xlsx)"
            )[0]
        )
        if not path:
            return
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            rep = import_des(s, active_catalogue(s), path=Path(path), dry_run=True)
        if rep.problems or not rep.valid:
            self.quarter_message.setText(rep.summary())
            return
        answer = QMessageBox.question(
            self, self.tr("Import"), rep.summary() + "\n\n" + self.tr("Import these values?")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            rep = import_des(s, active_catalogue(s), path=Path(path))
        self.quarter_message.setText(rep.summary())


class DistrictCpmisScreen(QWidget):
    """The district office's CPMIS work as a screen of the main window (its navigation)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        with Session(ctx.engine) as s:
            district = district_office.office_district(s)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.title.setFont(f)
        layout.addWidget(self.title)
        self.page: DistrictCpmisPage | None = None
        if district is None:  # not a district office: nothing to show but why
            self.title.setText(self.tr("This install is not a district office."))
            return
        self.district = district
        self.page = DistrictCpmisPage(ctx, district_office.open_view(ctx.data_dir), district, self)
        layout.addWidget(self.page, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """The title in the language chosen."""
        self.title.setText(self.tr("CPMIS: district {d}").format(d=self.district))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """The language changed."""
        if event.type() == QEvent.Type.LanguageChange and self.page is not None:
            self.retranslate()
        super().changeEvent(event)
