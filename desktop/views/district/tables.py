"""The district screens' tables: models over paged queries (issue 22), never one item per
cell. A model holds the rows fetched so far (a page at a time, as the table scrolls) and
words each cell when Qt asks; headers have fixed sizes, so nothing measures every row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from sync_client.district.lists import PAGE, CciSummary

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[int, int], Sequence[Any]]  # (offset, limit) -> rows
RED_BACK = "#fdecec"
RED_TEXT = "#b00020"


class PagedModel(QAbstractTableModel, Generic[T]):
    """Rows of a query fetched a page at a time (`fetchMore`), worded by `cells(row)`."""

    def __init__(
        self,
        headers: Callable[[], list[str]],
        cells: Callable[[T], tuple[str, ...]],
        *,
        tooltip_columns: frozenset[int] = frozenset(),
        centred: frozenset[int] = frozenset(),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = headers
        self._cells = cells
        self._tips = tooltip_columns
        self._centred = centred
        self.rows: list[T] = []
        self.total = 0
        self._fetch: Fetch | None = None

    def reset(self, total: int, fetch: Fetch | None) -> None:
        """Show a new query: `total` rows in all, read by `fetch(offset, limit)`."""
        self.beginResetModel()
        self.rows = []
        self.total = total if fetch is not None else 0
        self._fetch = fetch
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers())

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 (Qt name)
        return not parent.isValid() and self._fetch is not None and len(self.rows) < self.total

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 (Qt name)
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        got = list(self._fetch(len(self.rows), PAGE))
        if not got:
            self.total = len(self.rows)  # the data changed under us: stop asking
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(got) - 1)
        self.rows.extend(got)
        self.endInsertRows()

    def text(self, row: int, column: int) -> str:
        """The words of one cell (as shown)."""
        return self._cells(self.rows[row])[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in self._tips:
            return self.text(index.row(), index.column())  # long explanations are cut
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._centred:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(  # noqa: N802 (Qt name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            heads = self._headers()
            return heads[section] if 0 <= section < len(heads) else None
        return None

    def retranslate(self) -> None:
        """The headers and cells in the language just chosen."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rows:
            last = self.index(len(self.rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class CciModel(PagedModel[CciSummary]):
    """The CCIs of the district (a few hundred at most, all read by one grouped query);
    homes not heard from for more than the policy's period in red."""

    def __init__(
        self,
        headers: Callable[[], list[str]],
        cells: Callable[[CciSummary], tuple[str, ...]],
        silent_tip: Callable[[int], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(headers, cells, centred=frozenset(range(1, 7)), parent=parent)
        self.silent_after = 30
        self._silent_tip = silent_tip

    def show(self, rows: list[CciSummary], silent_after: int) -> None:
        """Show these CCIs."""
        self.silent_after = silent_after
        self.reset(len(rows), lambda off, n: rows[off : off + n])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < len(self.rows):
            silent = self.rows[index.row()].silent(self.silent_after)
            if silent and role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(RED_BACK))
            if silent and role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(RED_TEXT))
            if silent and role == Qt.ItemDataRole.ToolTipRole:
                return self._silent_tip(self.silent_after)
        return super().data(index, role)


def plain_table(model: QAbstractTableModel, *, stretch: int, widths: Sequence[int]) -> QTableView:
    """A read-only, row-selecting table over `model` with fixed header sizes (Qt never
    measures the rows to size a column): `widths` per column, `stretch` takes the rest."""
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(False)
    vertical = view.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 8)
    head = view.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for col, w in enumerate(widths):
        head.resizeSection(col, w)
    head.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view
