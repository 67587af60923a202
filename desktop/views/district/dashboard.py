"""District office: the CCI dashboard's charts over the children the district's CCIs sent,
for one CCI or the whole district ("All CCIs"), with every table saved as Excel.

The figures are counted off the GUI thread by `sync_client.district.dashboard` (central's
report code over the district view, this district only); the charts are the CCI
dashboard's own (`DashboardPage` given the figures to draw).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.services.cases.dashboard import Dashboard
from desktop.views.app_context import AppContext
from desktop.views.overview.dashboard import DashboardPage
from sync_client.district import mode as district_office
from sync_client.district.dashboard import (
    DistrictDashboard,
    dashboard_workbook,
    district_dashboard,
)


class DistrictDashboardScreen(QWidget):
    """The district's dashboard: a CCI chooser, the charts, and the Excel file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = district_office.open_view(ctx.data_dir)
        with Session(ctx.engine) as s:
            self.district = district_office.office_district(s)
            self.state = district_office.office_state(s)
        self.board: DistrictDashboard | None = None
        self.wanted: str | None = None  # the chosen CCI, for the counting thread to read
        self.cci_label = QLabel()
        self.cci = QComboBox()
        self.cci.setMinimumContentsLength(24)
        self.cci.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.excel_button = QPushButton()
        self.excel_button.setMinimumHeight(32)
        self.message = QLabel()
        self.message.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.cci_label)
        bar.addWidget(self.cci, 1)
        bar.addWidget(self.excel_button)
        self.charts = DashboardPage(ctx, count=self._count)
        inner = self.charts.layout()
        assert isinstance(inner, QVBoxLayout)
        inner.insertLayout(1, bar)  # under the dashboard's title, above its figures
        inner.insertWidget(2, self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.charts, 1)
        self.cci.currentIndexChanged.connect(self._chosen)
        self.excel_button.clicked.connect(self.save_excel)
        self.charts.loaded.connect(self._fill_chooser)
        ctx.events.language_changed.connect(lambda _lang: self.retranslate())
        self.retranslate()

    # -- figures --------------------------------------------------------------------------

    def _count(self) -> Dashboard:
        """(Off the GUI thread.) Count the district and its CCIs; the chosen one's figures."""
        if self.district is None:
            raise ValueError("this computer is not set up as a district office")
        board = district_dashboard(
            self.view, state=self.state, district=self.district, as_of=self.ctx.today()
        )
        self.board = board
        return board.of(self.wanted if self.wanted in board.by_cci else None)

    def chosen(self) -> str | None:
        """The chosen CCI's uuid (None: all CCIs, the district's total)."""
        data = self.cci.currentData()
        return str(data) if data else None

    def _fill_chooser(self) -> None:
        board = self.board
        if board is None:
            return
        keep = self.chosen()
        self.cci.blockSignals(True)
        self.cci.clear()
        self.cci.addItem(self.tr("All CCIs"), None)
        for uuid, name in board.ccis:
            self.cci.addItem(name, uuid)
        at = self.cci.findData(keep) if keep else 0
        self.cci.setCurrentIndex(max(at, 0))
        self.cci.blockSignals(False)

    def _chosen(self, _index: int) -> None:
        """Another CCI chosen: its figures, counted already, drawn at once."""
        if self.board is None:
            return
        uuid = self.wanted = self.chosen()
        self.charts.data = self.board.of(uuid if uuid in self.board.by_cci else None)
        self.charts.retranslate()

    # -- Excel ----------------------------------------------------------------------------

    def save_excel(self) -> None:
        """Save every table of the chosen CCI (or of the district) as one Excel file."""
        if self.district is None:
            return
        today = self.ctx.today()
        uuid = self.chosen()
        stem = f"district-{self.district}" + (f"-{self.cci.currentText()}" if uuid else "")
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save every table (Excel)"),
            f"{safe}-dashboard-{today.isoformat()}.xlsx",
            "Excel (*.xlsx)",
        )
        if not path:
            return
        where = self.cci.currentText() if uuid else f"District {self.district}"
        data = dashboard_workbook(
            self.view,
            state=self.state,
            district=self.district,
            institution=uuid,
            as_of=today,
            lang=self.ctx.language,
            heading=f"{where}, {today.strftime('%d-%m-%Y')}",
        )
        target = Path(path)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)  # never a half-written file under the chosen name
        self.message.setText(self.tr("Saved {0}.").format(target))

    # -- language -------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text of this screen in the current language (the charts word their own)."""
        self.cci_label.setText(self.tr("CCI:"))
        self.excel_button.setText(self.tr("Save every table (Excel)…"))
        if self.cci.count():
            self.cci.setItemText(0, self.tr("All CCIs"))
        else:
            self.cci.addItem(self.tr("All CCIs"), None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
