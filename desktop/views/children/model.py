"""The children list as a Qt table model: a thin adapter over pages of ChildRow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.core.first_page import ChildRow
from desktop.rules.dates import show_date

Loader = Callable[[int, int], list[ChildRow]]  # (offset, limit) -> rows
# Runs `work()` off the GUI thread and then `done(result)` on it (see ChildrenPage).
Runner = Callable[[Callable[[], list[ChildRow]], Callable[[list[ChildRow]], None]], None]
AnyIndex = QModelIndex | QPersistentModelIndex

CODE, NAME, NAME_LOCAL, GENDER, AGE, ADMITTED, STATUS, FLAGS, CATEGORY = range(9)
translate = QCoreApplication.translate  # the name pyside6-lupdate looks for


def headers() -> tuple[str, ...]:
    """Column titles in the window's language (read at each call: a language switch shows)."""
    return (
        translate("ChildrenTableModel", "Code"),
        translate("ChildrenTableModel", "Name"),
        translate("ChildrenTableModel", "Name (local script)"),
        translate("ChildrenTableModel", "Gender"),
        translate("ChildrenTableModel", "Age"),
        translate("ChildrenTableModel", "Admitted"),
        translate("ChildrenTableModel", "Status"),
        translate("ChildrenTableModel", "Flags"),
        translate("ChildrenTableModel", "Category"),
    )


# The English titles (their number is the column count).
HEADERS = (
    "Code",
    "Name",
    "Name (local script)",
    "Gender",
    "Age",
    "Admitted",
    "Status",
    "Flags",
    "Category",
)
# The listing service's sort key behind each column (the list is sorted in SQL, not in memory).
SORT_KEYS = (
    "code",
    "name",
    "name_local",
    "gender",
    "age",
    "admitted",
    "status",
    "flags",
    "category",
)
SEVERITY_COLOURS = {"critical": "#8b0000", "high": "#b00020", "medium": "#a65e00", "low": "#555"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value (date, int...) behind a cell
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole ChildRow

PAGE_SIZE = 200


def format_date(d: date) -> str:
    """A date the way Indian forms write it: 23-11-2026."""
    return show_date(d)


class ChildrenTableModel(QAbstractTableModel):
    """Children, fetched a page at a time from `loader` as the view scrolls."""

    sort_requested = Signal(str, bool)  # (listing sort key, descending): build a new loader
    page_loaded = Signal()  # a page fetched in the background has been added

    def __init__(
        self,
        loader: Loader,
        *,
        page_size: int = PAGE_SIZE,
        today: Callable[[], date] = date.today,
        runner: Runner | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._loader = loader
        self._runner = runner  # None: pages are read on the spot (tests, small lists)
        self._loading = False
        self._generation = 0
        self._page_size = page_size
        self._today = today
        self._rows: list[ChildRow] = []
        self._more = True
        self._words: dict[tuple[str, str], str] = {}  # (kind, code) -> words, this language

    def set_loader(self, loader: Loader) -> None:
        """Start again from the first page of another loader (e.g. a new search)."""
        self.beginResetModel()
        self._loader = loader
        self._words = {}  # also a new language: codes are looked up again
        self._rows = []
        self._more = True
        self._loading = False
        self._generation += 1  # a page still being read for the old loader is dropped
        self.endResetModel()

    def start_with(self, rows: list[ChildRow]) -> None:
        """Show `rows` as the first page, read before any loader could be made (the
        window's start, before the ORM is imported): no more pages until `continue_with`."""
        self.beginResetModel()
        self._rows = list(rows)
        self._words = {}
        self._more = False
        self._loading = False
        self._generation += 1
        self.endResetModel()

    def continue_with(self, loader: Loader) -> None:
        """Keep the rows shown; the next pages come from `loader` (after `start_with`)."""
        self._loader = loader
        self._more = len(self._rows) >= self._page_size

    def reload(self) -> None:
        """Forget the fetched rows; the view fetches them again."""
        self.set_loader(self._loader)

    def row_at(self, row: int) -> ChildRow:
        """The ChildRow shown on line `row`."""
        return self._rows[row]

    # -- Qt interface -------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows fetched so far."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The columns in HEADERS."""
        return 0 if parent.isValid() else len(HEADERS)

    @property
    def loading(self) -> bool:
        """Whether a page is being read in the background."""
        return self._loading

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        """True until a page comes back short (and not while one is being read)."""
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        """Append the next page from the loader (read in the background with a runner)."""
        if parent.isValid() or not self._more or self._loading:
            return
        offset, limit, loader = len(self._rows), self._page_size, self._loader
        if self._runner is None:
            self._append(loader(offset, limit))
            return
        self._loading = True
        generation = self._generation

        def arrived(page: list[ChildRow]) -> None:
            if generation != self._generation:
                return  # the list was reset (new search) while this page was read
            self._loading = False
            self._append(page)
            self.page_loaded.emit()

        self._runner(lambda: loader(offset, limit), arrived)

    def _append(self, page: list[ChildRow]) -> None:
        if len(page) < self._page_size:
            self._more = False
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the owner for rows in another order (a header click); sorting is done in SQL."""
        if 0 <= column < len(SORT_KEYS):
            self.sort_requested.emit(SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            titles = headers()
            return titles[section] if 0 <= section < len(titles) else None
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == FLAGS
        ):
            return translate(
                "ChildrenTableModel", "Open review flags (coloured by the most serious)"
            )
        return None

    def retranslate(self) -> None:
        """Show every title and word again in the language just chosen."""
        self._words = {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(HEADERS) - 1)
            )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, raw values for sorting, and tooltips (full text, date of birth)."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SORT_ROLE:
            return self._raw(r, col)
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == AGE:
                born = format_date(r.dob)
                if r.dob_estimated:
                    return translate("ChildrenTableModel", "Age estimated (born about {0})").format(
                        born
                    )
                return translate("ChildrenTableModel", "Born {0}").format(born)
            if col in (NAME, NAME_LOCAL, CATEGORY):
                return self._display(r, col) or None  # the full text of a cut-off cell
            if col == FLAGS and r.open_flags:
                worst = self._word("severity", r.worst_severity or "")
                return translate(
                    "ChildrenTableModel", "{0} open flag(s), the most serious: {1}"
                ).format(r.open_flags, worst)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (AGE, FLAGS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == FLAGS and r.worst_severity:
            return QBrush(QColor(SEVERITY_COLOURS.get(r.worst_severity, "#000")))
        return None

    def _word(self, kind: str, code: str) -> str:
        """A stored code in words in the window's language (looked up once per code)."""
        key = (kind, code)
        words = self._words.get(key)
        if words is None:
            from desktop.views import vocab
            from desktop.views.forms import nice
            from desktop.views.i18n import current_language

            if kind == "category":
                words = vocab.category_label(int(code), current_language())
            else:
                words = nice(code)
            self._words[key] = words
        return words

    def _display(self, r: ChildRow, col: int) -> str:
        if col == CODE:
            return r.code
        if col == NAME:
            return r.name
        if col == NAME_LOCAL:
            return r.name_local or ""
        if col == GENDER:
            return self._word("gender", r.gender)
        if col == AGE:
            age = str(r.age_on(self._today()))
            return f"~{age}" if r.dob_estimated else age
        if col == ADMITTED:
            return format_date(r.admission_date)
        if col == STATUS:
            return self._word("status", r.status)
        if col == FLAGS:
            return str(r.open_flags) if r.open_flags else ""
        if col == CATEGORY:
            if r.category_code is None:
                return ""
            return f"{r.category_code} · {self._word('category', str(r.category_code))}"
        return ""

    def _raw(self, r: ChildRow, col: int) -> Any:
        return (
            r.code,
            r.name,
            r.name_local or "",
            r.gender,
            r.age_on(self._today()),
            r.admission_date.isoformat(),
            r.status,
            r.open_flags,
            r.category_code if r.category_code is not None else -1,
        )[col]
