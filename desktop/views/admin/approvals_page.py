"""Pending approvals: what caseworkers asked for (category changes, adoption steps, exits and
transfers), oldest first; the superintendent approves or returns each with a reason."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.cases.approvals import (
    RequestRow,
    approve_request,
    pending_requests,
    request_by_id,
    return_request,
)
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.services.core.permissions import Permission, has
from desktop.views.admin.approval_words import details_words, kind_words, when_words
from desktop.views.app_context import AppContext
from desktop.views.forms import show_problem
from desktop.views.reason_dialog import ReasonDialog
from desktop.views.refresh import RefreshOnChange


class ApprovalsPage(QWidget):
    """The superintendent's list of requests waiting for a decision."""

    open_child = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[RequestRow] = []
        self.title = QLabel()
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.title.setFont(f)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        self.table.setColumnCount(5)
        for i in (0, 2, 4):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        # The child's name over the code: as wide as the longer line, so neither wraps.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Wrapped details: the rows' heights follow the widths the columns get.
        header.sectionResized.connect(lambda *_a: self.table.resizeRowsToContents())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.approve_button = QPushButton()
        self.return_button = QPushButton()
        self.open_button = QPushButton()
        self.approve_button.clicked.connect(lambda: self.approve_selected() and None)
        self.return_button.clicked.connect(lambda: self.return_selected() and None)
        self.open_button.clicked.connect(self.open_selected)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)  # takes the table's room when nothing waits
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()
        e = ctx.events
        self.refresh = RefreshOnChange(
            self, self.reload, [e.child_changed, e.data_changed, e.actor_changed]
        )
        self.reload()

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.title.setText(self.tr("Pending approvals"))
        self.intro.setText(
            self.tr(
                "Caseworkers ask for these changes; the case changes only when you approve. "
                "Return a request with the reason if it is not right yet. Enter opens the "
                "child's profile."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Asked on"),
                self.tr("Child"),
                self.tr("What"),
                self.tr("Details"),
                self.tr("Asked by"),
            ]
        )
        self.empty.setText(self.tr("Nothing is waiting for approval."))
        self.approve_button.setText(self.tr("&Approve"))
        self.return_button.setText(self.tr("&Return with a reason…"))
        self.open_button.setText(self.tr("&Open the child's profile"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.reload()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.refresh.shown()
        super().showEvent(event)
        # Columns sized while hidden (a language switch on another screen): the wrapped
        # rows take their heights again once the widths are final.
        QTimer.singleShot(0, self.table.resizeRowsToContents)

    def reload(self) -> None:
        """Read the waiting requests again."""
        self.refresh.stale = False
        try:
            with self.ctx.reader()() as s:
                self.rows = pending_requests(s)
        except ServiceError as exc:
            self.rows = []
            self.message.setText(str(exc))
        lang = self.ctx.language
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            cells = (
                when_words(row.requested_at),
                f"{row.child_name}\n{row.child_code}",
                kind_words(row.kind),
                details_words(row.kind, row.details, lang),
                row.requested_by,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        fm = self.table.fontMetrics()
        lines = [line for row in self.rows for line in (row.child_name, row.child_code)]
        lines.append(self.table.horizontalHeaderItem(1).text())
        self.table.setColumnWidth(1, max(fm.horizontalAdvance(t) for t in lines) + 24)
        self.table.resizeRowsToContents()
        QTimer.singleShot(0, self.table.resizeRowsToContents)  # once the widths are final
        self.table.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows)
        if self.rows and self.table.currentRow() < 0:
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        may = has(self.ctx.actor, Permission.APPROVE)
        self.approve_button.setEnabled(chosen and may)
        self.return_button.setEnabled(chosen and may)
        self.open_button.setEnabled(chosen)

    def selected(self) -> RequestRow | None:
        """The request on the selected line, if any."""
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _decide(self, row: RequestRow, fn: object, done: str) -> bool:
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, as_of=self.ctx.today()) as s:
                fn(s, request_by_id(s, row.id))  # type: ignore[operator]
        except ServiceError as exc:
            show_problem(self, exc)
            return False
        self.message.setText(done)
        self.ctx.events.child_changed.emit(row.child_id)
        self.reload()
        return True

    def approve_selected(self) -> bool:
        """Approve the selected request: the change is made now."""
        row = self.selected()
        if row is None:
            return False
        lang = self.ctx.language
        question = self.tr("Approve for {0}?").format(row.child_name) + "\n\n"
        question += f"{kind_words(row.kind)}: {details_words(row.kind, row.details, lang)}"
        answer = QMessageBox.question(
            self,
            self.tr("Approve"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        today = self.ctx.today()
        return self._decide(
            row,
            lambda s, req: approve_request(s, req, today=today),
            self.tr("Approved: {0} for {1}.").format(kind_words(row.kind), row.child_name),
        )

    def return_selected(self) -> bool:
        """Return the selected request to the caseworker with the reason."""
        row = self.selected()
        if row is None:
            return False
        reason = ReasonDialog.ask(
            self,
            self.tr("Return the request"),
            self.tr("Why is it returned? The caseworker sees this reason on the child's profile."),
        )
        if not reason:
            return False
        return self._decide(
            row,
            lambda s, req: return_request(s, req, reason=reason),
            self.tr("Returned: {0} for {1}.").format(kind_words(row.kind), row.child_name),
        )

    def open_selected(self) -> None:
        """Show the selected request's child."""
        row = self.selected()
        if row is not None:
            self.open_child.emit(row.child_id)
