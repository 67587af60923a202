"""District office: the district review queue, the flags the CCIs' rules escalated to the
district (and on to the state), soonest due first, with the CCI each came from.

Read from the district view (central's tables, merged by central's code), through the same
query as central's web queue, so the office and the state see the same list. A table model
over the fetched page (never one item per cell); past-due flags in red.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from central.reports.area import OutOfArea
from central.reports.catalogue import catalogue
from central.reports.queue import QueueRow
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.views.app_context import AppContext
from desktop.views.district.child import ChildRecordDialog
from desktop.views.reason_dialog import ReasonDialog
from sync_client import reviews
from sync_client.district import mode as district_office

PAGE_ROWS = 500
_Index = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractTableModel):
    """The fetched queue rows as a table (the columns named in `headers`)."""

    def __init__(self, headers: list[str], levels: dict[int, str], today: date) -> None:
        super().__init__()
        self.headers = headers
        self.levels = levels
        self.today = today
        self.rows: list[QueueRow] = []
        self.pending: dict[str, Any] = {}  # the office's own reviews, by flag (sent or not)
        self.lang = "en"
        self.to_be_sent = "{0} on {1}"  # the page sets these words, translated
        self.sent = "District {0} on {1}"
        self.words_for_action: dict[str, str] = {}
        self.words = catalogue()  # central's words for rules and severities, English and Hindi

    def set_rows(self, rows: list[QueueRow], today: date, pending: dict[str, Any]) -> None:
        """Show these rows instead (with the office's own latest review of each)."""
        self.beginResetModel()
        self.rows, self.today, self.pending = rows, today, pending
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name
        """Rows fetched."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name
        """Columns named."""
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column names."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def text(self, r: QueueRow, col: int) -> str:
        """What one cell shows."""
        if col == 0:
            return r.due_on.strftime("%d-%m-%Y") if r.due_on else "–"
        if col == 1:
            return self.words.word("severities", r.severity, self.lang)
        if col == 2:
            return self.levels.get(r.level, str(r.level))
        if col == 3:
            return self.words.word("rules", r.rule_id, self.lang)
        if col == 4:
            return f"{r.child_name} ({r.child_code or '?'})"
        if col == 5:
            return r.institution
        mine = self.pending.get(r.flag_uuid)
        if mine is not None:
            day = mine.at.strftime("%d-%m-%Y")
            waiting = mine.sent_bundle_id is None
            return (self.to_be_sent if waiting else self.sent).format(
                self.words_for_action.get(mine.action, mine.action), day
            )
        if r.district_action and r.district_action_on:
            return self.sent.format(
                self.words_for_action.get(r.district_action, r.district_action),
                r.district_action_on.strftime("%d-%m-%Y"),
            )
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's text, and red for a flag past its due date."""
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(r, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and r.overdue(self.today):
            return QBrush(QColor("#fdecec"))
        if role == Qt.ItemDataRole.ForegroundRole and r.overdue(self.today):
            return QBrush(QColor("#b00020"))
        return None


class DistrictQueuePage(QWidget):
    """The district review queue, filterable by CCI and to past-due flags only."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = district_office.open_view(ctx.data_dir)
        self.ack_button = QPushButton()
        self.resolve_button = QPushButton()
        self.action_message = QLabel()
        self.action_message.setWordWrap(True)
        with Session(ctx.engine) as s:
            self.district = district_office.office_district(s)
            self.state = district_office.office_state(s)
        self.title = title = QLabel()
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        title.setFont(f)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.cci = QComboBox()
        self.overdue = QCheckBox()
        self.cci_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.cci_label)
        filters.addWidget(self.cci, 1)
        filters.addWidget(self.overdue)
        self.model = QueueModel([""] * 7, {}, date.today())
        self.retranslate()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        for col, width in enumerate((100, 90, 80, 250, 270, 240)):
            self.table.setColumnWidth(col, width)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.ack_button)
        actions.addWidget(self.resolve_button)
        actions.addWidget(self.action_message, 1)
        layout.addLayout(actions)
        self.table.doubleClicked.connect(lambda _i: self.open_child())
        self.ack_button.clicked.connect(lambda: self.review("acknowledged"))
        self.resolve_button.clicked.connect(lambda: self.review("resolved"))
        self._fill_ccis()
        self.cci.currentIndexChanged.connect(lambda _i: self.refresh())
        self.overdue.toggled.connect(lambda _b: self.refresh())
        ctx.events.data_changed.connect(self.refresh)
        ctx.events.language_changed.connect(lambda _lang: self.retranslate())
        self.refresh()

    def retranslate(self) -> None:
        """Every word of the screen in the language chosen (called again on a change)."""
        self.title.setText(self.tr("District review queue"))
        self.ack_button.setText(self.tr("Acknowledge…"))
        self.resolve_button.setText(self.tr("Resolve with a reason…"))
        self.overdue.setText(self.tr("Past due only"))
        self.cci_label.setText(self.tr("CCI:"))
        if self.cci.count():
            self.cci.setItemText(0, self.tr("Every CCI of the district"))
        self.model.levels = {0: self.tr("CCI"), 1: self.tr("District"), 2: self.tr("State")}
        self.model.headers = [
            self.tr("Due on"),
            self.tr("Severity"),
            self.tr("Level"),
            self.tr("Rule"),
            self.tr("Child"),
            self.tr("CCI"),
            self.tr("District action"),
        ]
        self.model.to_be_sent = self.tr("{0} on {1} (goes to the CCI with its next receipt)")
        self.model.sent = self.tr("District {0} on {1}")
        self.model.words_for_action = {
            "acknowledged": self.tr("acknowledged"),
            "resolved": self.tr("resolved"),
        }
        if hasattr(self, "table"):
            self.refresh()

    def _fill_ccis(self) -> None:
        self.cci.blockSignals(True)
        chosen = self.cci.currentData()
        self.cci.clear()
        self.cci.addItem(self.tr("Every CCI of the district"), None)
        for c in district_office.summary(self.view, district=self.district):
            self.cci.addItem(c.name, c.uuid)
        self.cci.setCurrentIndex(max(self.cci.findData(chosen), 0))
        self.cci.blockSignals(False)

    def refresh(self) -> None:
        """Read the queue again from the district view."""
        if self.district is None:
            self.summary.setText(self.tr("This computer is not set up as a district office."))
            self.model.set_rows([], date.today(), {})
            return
        today = date.today()
        rows, total, late = district_office.district_queue(
            self.view,
            district=self.district,
            state=self.state,
            as_of=today,
            institution=self.cci.currentData(),
            overdue_only=self.overdue.isChecked(),
            limit=PAGE_ROWS,
        )
        self.model.lang = self.ctx.language
        with Session(self.ctx.engine) as s:
            pending = reviews.latest_by_flag(s, [r.flag_uuid for r in rows])
            for r in pending.values():
                s.expunge(r)
        self.model.set_rows(rows, today, pending)
        text = self.tr("{0} flag(s) escalated to the district and above; {1} past due.").format(
            total, late
        )
        if total > len(rows):
            text += " " + self.tr("The first {0} are shown.").format(len(rows))
        self.summary.setText(text)

    def selected(self) -> QueueRow | None:
        """The flag chosen in the table (None: nothing chosen)."""
        idx = self.table.currentIndex()
        return self.model.rows[idx.row()] if idx.isValid() else None

    def review(self, action: str) -> None:
        """Acknowledge or resolve the chosen flag, with the official's reason; it goes back
        to the CCI in the receipt of its next bundle taken in."""
        row = self.selected()
        if row is None:
            self.action_message.setText(self.tr("Choose a flag in the list first."))
            return
        title = (
            self.tr("Acknowledge the flag")
            if action == "acknowledged"
            else self.tr("Resolve the flag")
        )
        reason = ReasonDialog.ask(
            self,
            title,
            self.tr("{0} at {1}: what has the district done or decided?").format(
                row.child_name or row.child_code or "?", row.institution
            ),
        )
        if reason is None:
            return
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                reviews.record_review(
                    s,
                    flag_uuid=row.flag_uuid,
                    institution_uuid=row.institution_uuid,
                    action=action,
                    reason=reason,
                )
        except ServiceError as exc:
            self.action_message.setText(str(exc))
            return
        self.action_message.setText(
            self.tr("Saved. It goes to {0} with the receipt of its next bundle.").format(
                row.institution
            )
        )
        self.refresh()

    def open_child(self) -> ChildRecordDialog | None:
        """Show the chosen flag's child, read only (the opening is audited)."""
        row = self.selected()
        if row is None or row.child_uuid is None or self.district is None:
            return None
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                record = district_office.office_child_record(
                    self.view,
                    s,
                    district=self.district,
                    state=self.state,
                    child_uuid=row.child_uuid,
                )
        except (ServiceError, OutOfArea) as exc:
            self.action_message.setText(str(exc))
            return None
        dialog = ChildRecordDialog(self.ctx, record, self)
        dialog.show()
        return dialog
