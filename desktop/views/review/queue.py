"""The review queue: every open flag, the most urgent or the most serious first, or child by
child; acknowledge, resolve, open the child. Rows say when a flag was acknowledged."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.rules.dates import show_date
from desktop.rules.engine import RULES
from desktop.services.core.errors import ServiceError
from desktop.services.flags.received import shown_note
from desktop.services.flags.review import count_flags, flag_by_id, queue_cutoff, queue_summary
from desktop.services.flags.store import FlagRow, list_flags
from desktop.views import vocab
from desktop.views.app_context import AppContext
from desktop.views.geometry import remember_splitter
from desktop.views.ops import BackgroundOp
from desktop.views.refresh import RefreshOnChange
from desktop.views.review.flag_actions import act_on_flag

SHOW_AT_MOST = 2000  # a page of the queue; "Show more" reads the next 2000
DUE, SEVERITY, CHILD, RULE, LEVEL, STATUS = range(6)
SEVERITY_COLOURS = {"critical": "#b00020", "high": "#c25400", "medium": "#7a6400", "low": "#555"}
LEVEL_NAMES = ("CCI", "district", "state")


@dataclass(frozen=True)
class Loaded:
    """What one background load found."""

    rows: list[FlagRow]
    total: int
    by_severity: dict[str, int]
    children: int


class FlagsModel(QAbstractTableModel):
    """Thin adapter over `FlagRow`s in the queue's order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FlagRow] = []
        self.today = None
        self.grouped = False  # by child: the child is named on the first of their rows only
        self.words = (vocab.severities(), vocab.levels(), vocab.flag_statuses())

    def set_rows(self, rows: list[FlagRow], today: Any, *, grouped: bool = False) -> None:
        """Show these flags instead (words for codes are looked up once, not per cell)."""
        self.beginResetModel()
        self.rows, self.today, self.grouped = rows, today, grouped
        self.words = (vocab.severities(), vocab.levels(), vocab.flag_statuses())
        self.endResetModel()

    def status_text(self, r: FlagRow) -> str:
        """The flag's status in words; an acknowledged flag says so even while escalated."""
        statuses = self.words[2]
        text = statuses.get(r.status, r.status)
        if r.acknowledged_on is not None and r.status != "acknowledged":
            text += " · " + statuses.get("acknowledged", "acknowledged").lower()
        return text

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            self.tr("Due"),
            self.tr("Severity"),
            self.tr("Child"),
            self.tr("What needs doing"),
            self.tr("Level"),
            self.tr("Status"),
        ][section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == DUE:
                return show_date(r.due_on)
            severities, levels, statuses = self.words
            if col == SEVERITY:
                return severities.get(r.severity, r.severity)
            if col == CHILD:
                row = index.row()
                if self.grouped and row > 0 and self.rows[row - 1].child_id == r.child_id:
                    return ""  # the same child as the row above: named once per group
                return f"{r.child_name}  ({r.code})"
            if col == RULE:
                return r.rule
            if col == LEVEL:
                i = LEVEL_NAMES.index(r.level) if r.level in LEVEL_NAMES else 0
                return levels[i]
            if col == STATUS:
                return self.status_text(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.child_name} ({r.code}): {r.explanation}"
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == SEVERITY:
                return QBrush(QColor(SEVERITY_COLOURS.get(r.severity, "#000")))
            if col == DUE and self.today is not None and r.due_on < self.today:
                return QBrush(QColor("#b00020"))  # past its due date
        if role == Qt.ItemDataRole.FontRole and (
            (col == SEVERITY and r.severity == "critical") or (col == CHILD and self.grouped)
        ):
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


class ReviewQueuePage(QWidget):
    """Open flags, filters by rule and escalation level, and what to do about each."""

    open_child = Signal(int)
    loaded = Signal()  # the table shows fresh data (tests wait for it)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.total = 0
        self.by_severity: dict[str, int] = {}
        self.children = 0
        self.show_at_most = SHOW_AT_MOST
        self._generation = 0  # only the latest load may fill the table
        self.title = QLabel()
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.title.setFont(f)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rule_label, self.level_label, self.order_label = QLabel(), QLabel(), QLabel()
        self.rule_box, self.level_box, self.order_box = QComboBox(), QComboBox(), QComboBox()
        self.rule_box.setMinimumContentsLength(14)
        for box in (self.rule_box, self.level_box, self.order_box):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.order_box.setMinimumContentsLength(12)
        self.level_box.setMinimumContentsLength(7)
        self.reload_button = QPushButton()
        self.more_button = QPushButton()
        filters = QHBoxLayout()  # the boxes share the width: full names on a wide screen
        for w, stretch in (
            (self.order_label, 0),
            (self.order_box, 3),
            (self.rule_label, 0),
            (self.rule_box, 4),
            (self.level_label, 0),
            (self.level_box, 1),
        ):
            filters.addWidget(w, stretch)
        filters.addSpacing(12)
        filters.addWidget(self.reload_button)

        self.model = FlagsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(40)  # measure the first rows, not all 2000
        header.setSectionResizeMode(RULE, QHeaderView.ResizeMode.Stretch)

        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The whole explanation is always there to read: it scrolls rather than being cut.
        self.detail_area = QScrollArea()
        self.detail_area.setWidgetResizable(True)
        self.detail_area.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_area.setWidget(self.detail)
        self.detail_area.setMinimumHeight(96)
        self.open_button, self.ack_button, self.resolve_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ack_button)
        buttons.addWidget(self.resolve_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail_area, 1)
        lower_layout.addLayout(buttons)
        split = self.splitter = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([300, 180])
        split.setChildrenCollapsible(False)
        remember_splitter(split, "review_queue")

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(split, 1)

        self.retranslate()
        self.rule_box.currentIndexChanged.connect(self._filters_changed)
        self.level_box.currentIndexChanged.connect(self._filters_changed)
        self.order_box.currentIndexChanged.connect(self._filters_changed)
        self.reload_button.clicked.connect(self.reload)
        self.more_button.clicked.connect(self.show_more)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.table.activated.connect(lambda _i: self.open_current())
        self.open_button.clicked.connect(self.open_current)
        self.ack_button.clicked.connect(self.acknowledge_current)
        self.resolve_button.clicked.connect(self.resolve_current)
        self.refresh = RefreshOnChange(
            self,
            self.reload,
            (ctx.events.flags_changed, ctx.events.data_changed, ctx.events.child_changed),
            delay_ms=30,
        )
        self._show_current()

    # -- language -------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language (also after a language switch)."""
        self.title.setText(self.tr("Review queue"))
        self.rule_label.setText(self.tr("Rule:"))
        self.level_label.setText(self.tr("Level:"))
        self.order_label.setText(self.tr("Order:"))
        self.reload_button.setText(self.tr("Reload"))
        self.more_button.setText(self.tr("Show {0} more").format(SHOW_AT_MOST))
        self.open_button.setText(self.tr("Open the child's record"))
        self.ack_button.setText(self.tr("Acknowledge…"))
        self.resolve_button.setText(self.tr("Resolve…"))
        self.ack_button.setToolTip(self.tr("Say you have seen it and what you are doing about it"))
        self.resolve_button.setToolTip(self.tr("Close the flag because the work is done"))
        for box, items in (
            (self.rule_box, [(r.id, vocab.rule_title(r.id, self.ctx.language)) for r in RULES]),
            (self.level_box, list(enumerate(vocab.levels()))),
        ):
            was = box.currentIndex()
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("All rules") if box is self.rule_box else self.tr("All levels"))
            for key, text in items:
                box.addItem(text, key)
            box.setCurrentIndex(max(was, 0))
            box.blockSignals(False)
        was = self.order_box.currentIndex()
        self.order_box.blockSignals(True)
        self.order_box.clear()
        self.order_box.addItem(self.tr("Most urgent first (due date)"), "due")
        self.order_box.addItem(self.tr("Most serious first (severity)"), "severity")
        self.order_box.addItem(self.tr("Child by child"), "child")
        self.order_box.setCurrentIndex(max(was, 0))
        self.order_box.blockSignals(False)
        self._show_summary()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.reload()  # rule titles and explanations come from the data in that language
        super().changeEvent(event)

    # -- loading --------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh.shown()

    def filters(self) -> tuple[str | None, int | None]:
        """The chosen rule id and escalation level (None: all)."""
        return self.rule_box.currentData(), self.level_box.currentData()

    def order(self) -> str:
        """The chosen order: "due", "severity" or "child"."""
        return str(self.order_box.currentData() or "due")

    def set_rule(self, rule_id: str | None) -> None:
        """Show the flags of one rule (None: all), e.g. from a dashboard bar."""
        self.rule_box.setCurrentIndex(max(self.rule_box.findData(rule_id), 0))

    def _filters_changed(self) -> None:
        self.show_at_most = SHOW_AT_MOST  # a new question starts again from its first page
        self.reload()

    def show_more(self) -> None:
        """Read the next 2000 flags as well."""
        self.show_at_most += SHOW_AT_MOST
        self.reload()

    def reload(self) -> None:
        """Load the flags again with the current filters, off the GUI thread."""
        self.refresh.stale = False
        rule_id, level = self.filters()
        order, n = self.order(), self.show_at_most
        session, lang = self.ctx.reader(), self.ctx.language

        def work(_progress: Any) -> Loaded:
            with session() as s:
                cut = queue_cutoff(s, n=n, rule_id=rule_id, level=level) if order == "due" else None
                rows = list_flags(
                    s,
                    rule_id=rule_id,
                    level=level,
                    lang=lang,
                    limit=n,
                    due_on_or_before=cut,
                    order=order,
                )
                by_severity, children = queue_summary(s, rule_id=rule_id, level=level)
                total = count_flags(s, rule_id=rule_id, level=level)
                return Loaded(rows, total, by_severity, children)

        self._generation += 1
        mine = self._generation

        def done(result: Loaded) -> None:
            if mine == self._generation:  # a later filter change wins over a slow load
                self._loaded(result)

        BackgroundOp(self, work).success(done).failure(self._failed).run_in_background()

    def _loaded(self, result: Loaded) -> None:
        current = self.current_flag()
        self.model.set_rows(result.rows, self.ctx.today(), grouped=self.order() == "child")
        self.total = result.total
        self.by_severity, self.children = result.by_severity, result.children
        self.more_button.setVisible(len(result.rows) < result.total)
        self._show_summary()
        if result.rows:
            ids = [r.id for r in result.rows]
            self.table.selectRow(ids.index(current.id) if current and current.id in ids else 0)
        self._show_current()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("The flags could not be loaded: {0}").format(exc))

    def _show_summary(self) -> None:
        shown = len(self.model.rows)
        if self.total == 0:
            self.summary.setText(self.tr("Nothing needs review. Well done."))
            return
        severities = vocab.severities()
        parts = [
            f"{self.by_severity[k]} {severities[k].lower()}"
            for k in severities
            if self.by_severity.get(k)
        ]
        text = self.tr("{0} flags of {1} children need attention ({2}).").format(
            self.total, self.children, ", ".join(parts)
        )
        if shown < self.total:
            text += " " + self.tr("The first {0} are shown.").format(shown)
        self.summary.setText(text)

    # -- acting on a flag -----------------------------------------------------------------

    def current_flag(self) -> FlagRow | None:
        """The flag selected in the table."""
        i = self.table.currentIndex()
        return self.model.rows[i.row()] if i.isValid() and i.row() < len(self.model.rows) else None

    def _show_current(self, *_args: object) -> None:
        r = self.current_flag()
        for b in (self.open_button, self.ack_button, self.resolve_button):
            b.setEnabled(r is not None)
        if r is None:
            self.detail.setText("")
            return
        self.ack_button.setEnabled(r.status in ("open", "escalated") and r.acknowledged_on is None)
        when = self.tr("Raised on {0}, due on {1}.").format(
            show_date(r.raised_on), show_date(r.due_on)
        )
        text = (
            f"<b>{html.escape(r.child_name)}</b> ({html.escape(r.code)}) — "
            f"<b>{html.escape(r.rule)}</b><br>{html.escape(r.explanation)}<br>" + html.escape(when)
        )
        seen = self._acknowledgement(r.id)
        if seen:
            text += "<br><i>" + html.escape(seen) + "</i>"
        district = self._district_action(r.id)
        if district:
            text += "<br><b>" + html.escape(district) + "</b>"
        self.detail.setText(text)

    def _district_action(self, flag_id: int) -> str | None:
        """What the district office did, as its last receipt said (issue 17)."""
        try:
            with Session(self.ctx.engine) as s:
                f = flag_by_id(s, flag_id)
                if f.district_action is None or f.district_action_at is None:
                    return None
                words = {
                    "acknowledged": self.tr("District acknowledged on {0} ({1}): {2}"),
                    "resolved": self.tr("District resolved on {0} ({1}): {2}"),
                }
                return words.get(f.district_action, words["acknowledged"]).format(
                    f.district_action_at.strftime("%d/%m/%Y"),
                    f.district_action_by or "?",
                    f.district_action_reason or "",
                )
        except ServiceError:
            return None

    def _acknowledgement(self, flag_id: int) -> str | None:
        """Who acknowledged the flag, when, and what they said (one row by key: instant)."""
        try:
            with Session(self.ctx.engine) as s:
                f = flag_by_id(s, flag_id)
                if f.acknowledged_on is None:
                    return None
                return self.tr("Acknowledged by {0} on {1}: {2}").format(
                    f.acknowledged_by or "?",
                    show_date(f.acknowledged_on),
                    shown_note(f.rule_id, f.note),
                )
        except ServiceError:
            return None

    def open_current(self) -> None:
        """Ask the main window to open the selected flag's child."""
        r = self.current_flag()
        if r is None:
            return
        self.open_child.emit(r.child_id)

    def acknowledge_current(self) -> None:
        """Record that the flag is seen and what is being done, with a reason."""
        self._act("acknowledge")

    def resolve_current(self) -> None:
        """Close the flag by hand, with the reason."""
        self._act("resolve")

    def _act(self, action: str) -> None:
        r = self.current_flag()
        if r is None:
            return
        act_on_flag(self, self.ctx, r.id, action, f"{r.child_name} ({r.code}): {r.rule}")
