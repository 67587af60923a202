"""The adoption board: one lane per pipeline stage, days in stage, overdue marked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services.flags.adoption_board import LANES, Card, adoption_board
from desktop.views import vocab
from desktop.views.app_context import AppContext
from desktop.views.ops import BackgroundOp
from desktop.views.refresh import RefreshOnChange

OVERDUE_TEXT = QColor("#b00020")
OVERDUE_BACK = QColor("#fde7e9")


class CardsModel(QAbstractListModel):
    """Thin adapter over one lane's cards."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: list[Card] = []
        self.hindi = False  # names in Devanagari where recorded

    def set_cards(self, cards: list[Card]) -> None:
        """Show these cards instead."""
        self.beginResetModel()
        self.cards = cards
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        c = self.cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            days = self.tr("Days in this stage: {0}").format(c.days_in_stage)
            # Always four lines: every card the same height keeps thousands of them fast.
            if c.overdue:
                last = self.tr("Days past the limit: {0}").format(c.days_over)
            elif c.deadline is not None:
                last = self.tr("Time limit ends on {0}.").format(c.deadline.strftime("%d-%m-%Y"))
            else:
                last = self.tr("In this stage since {0}.").format(c.entered_on.strftime("%d-%m-%Y"))
            name = (c.name_local or c.name) if self.hindi else c.name
            return f"{name}\n{c.code}\n{days}\n{last}"
        if role == Qt.ItemDataRole.ToolTipRole:
            since = self.tr("In this stage since {0}.").format(c.entered_on.strftime("%d-%m-%Y"))
            if c.deadline is None:
                return since
            return (
                since
                + " "
                + self.tr("Time limit ends on {0}.").format(c.deadline.strftime("%d-%m-%Y"))
            )
        if role == Qt.ItemDataRole.ForegroundRole and c.overdue:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole and c.overdue:
            return QBrush(OVERDUE_BACK)
        if role == Qt.ItemDataRole.UserRole:
            return c.child_id
        return None


class Lane(QFrame):
    """One stage: its name, how many children, the time limit, and the cards."""

    def __init__(self, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setWordWrap(True)
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.model = CardsModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSpacing(3)
        self.view.setUniformItemSizes(True)  # 2,000+ cards a lane at state scale
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Wide enough for a whole child code and the longest line of a card.
        fm = self.view.fontMetrics()
        widest = max(
            fm.horizontalAdvance(t)
            for t in ("10-212-0007-2026-00000-0", "Days past the limit: 9999")
        )
        self.setFixedWidth(widest + 56)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addWidget(self.view, 1)


class AdoptionBoardPage(QWidget):
    """Children by adoption stage, longest waiting first in each lane."""

    open_child = Signal(int)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.board: dict[str, list[Card]] = {lane: [] for lane in LANES}
        self.title = QLabel()
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.title.setFont(f)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.reload_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.reload_button)
        self.lanes = {stage: Lane(stage) for stage in LANES}
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        for lane in self.lanes.values():
            row_layout.addWidget(lane)
            lane.view.doubleClicked.connect(self._open)
            lane.view.activated.connect(self._open)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.reload_button.clicked.connect(self.reload)
        self.refresh = RefreshOnChange(
            self, self.reload, (ctx.events.data_changed, ctx.events.child_changed), delay_ms=30
        )
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.title.setText(self.tr("Adoption"))
        self.reload_button.setText(self.tr("Reload"))
        names = vocab.stages()
        for stage, lane in self.lanes.items():
            cards = self.board.get(stage, [])
            lane.title.setText(f"{names.get(stage, stage)}  ({len(cards)})")
            limit = next((c.limit_days for c in cards if c.limit_days is not None), None)
            late = sum(1 for c in cards if c.overdue)
            bits = []
            if limit is not None:
                bits.append(self.tr("Time limit: {0} days").format(limit))
            if late:
                bits.append(self.tr("Past the limit: {0}").format(late))
            lane.info.setText("\n".join(bits))
            lane.info.setStyleSheet("color: #b00020;" if late else "")
        total = sum(len(v) for v in self.board.values())
        late = sum(1 for v in self.board.values() for c in v if c.overdue)
        self.summary.setText(
            self.tr("Children in the adoption process or adopted in the last year: {0}.").format(
                total
            )
            + " "
            + self.tr("Past their stage's time limit (shown in red): {0}.").format(late)
            + " "
            + self.tr("Double-click a child to open the record.")
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            for lane in self.lanes.values():
                lane.model.hindi = self.ctx.language == "hi"
                lane.model.layoutChanged.emit()  # card texts are made on demand
        super().changeEvent(event)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh.shown()

    def reload(self) -> None:
        """Load the board again, off the GUI thread."""
        self.refresh.stale = False
        session, today = self.ctx.reader(), self.ctx.today()

        def work(_progress: Any) -> dict[str, list[Card]]:
            with session() as s:
                return adoption_board(s, as_of=today)

        BackgroundOp(self, work).success(self._loaded).run_in_background()

    def _loaded(self, board: dict[str, list[Card]]) -> None:
        self.board = board
        for stage, lane in self.lanes.items():
            lane.model.hindi = self.ctx.language == "hi"
            lane.model.set_cards(board.get(stage, []))
        self.retranslate()
        self.loaded.emit()

    def _open(self, index: QModelIndex) -> None:
        child_id = index.data(Qt.ItemDataRole.UserRole)
        if child_id is not None:
            self.open_child.emit(int(child_id))
