"""The Children screen: search as you type, filters, a lazily fetched sortable table."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.core.enums import ChildStatus, Gender
from desktop.core.first_page import ChildRow, ListFilter, status_page
from desktop.rules.policy import load_policy
from desktop.views.app_context import AppContext
from desktop.views.children.model import (
    ADMITTED,
    AGE,
    CODE,
    FLAGS,
    GENDER,
    NAME,
    NAME_LOCAL,
    PAGE_SIZE,
    STATUS,
    ChildrenTableModel,
)
from desktop.views.ops import BackgroundOp

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 300  # wait for a pause in typing before searching

# (words, low, high); the words are translated where they are shown (`self.tr(words)`).
AGE_BANDS: list[tuple[str, int | None, int | None]] = [
    (QT_TRANSLATE_NOOP("ChildrenPage", "Any age"), None, None),
    (QT_TRANSLATE_NOOP("ChildrenPage", "0–5 years"), 0, 5),
    (QT_TRANSLATE_NOOP("ChildrenPage", "6–11 years"), 6, 11),
    (QT_TRANSLATE_NOOP("ChildrenPage", "12–14 years"), 12, 14),
    (QT_TRANSLATE_NOOP("ChildrenPage", "15–17 years"), 15, 17),
    (QT_TRANSLATE_NOOP("ChildrenPage", "18 and over"), 18, None),
]
STAYS: list[tuple[str, int | None, int | None]] = [
    (QT_TRANSLATE_NOOP("ChildrenPage", "Any length of stay"), None, None),
    (QT_TRANSLATE_NOOP("ChildrenPage", "Under 1 month"), None, 30),
    (QT_TRANSLATE_NOOP("ChildrenPage", "1 to 6 months"), 31, 182),
    (QT_TRANSLATE_NOOP("ChildrenPage", "6 months to 1 year"), 183, 365),
    (QT_TRANSLATE_NOOP("ChildrenPage", "1 to 2 years"), 366, 730),
    (QT_TRANSLATE_NOOP("ChildrenPage", "Over 2 years"), 731, None),
]
DEFAULT_STATUS = ChildStatus.IN_CARE.value  # the list opens on the children in care


class ChildTable(QTableView):
    """The children table; Enter opens the current child like a double-click."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter or Return opens the selected child."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class ChildrenPage(QWidget):
    """All children of the institution, narrowed by search and filters."""

    open_child = Signal(int)  # child id to show in the profile
    register_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sort_key, self.descending = "code", False
        self._count_generation = 0
        # Filling the boxes and setting the table's order would each read the list again
        # (two threads each): while building, only the last refresh below reads it.
        self._building = True
        self.model = ChildrenTableModel(
            lambda _offset, _limit: [],  # the refresh at the end of building gives the loader
            today=ctx.today,
            runner=self._run,
            parent=self,
        )
        self.model.sort_requested.connect(self._sort)

        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumHeight(36)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.search_box.returnPressed.connect(self.refresh)
        self.search_box.installEventFilter(self)  # Down goes into the results

        self.register_button = QPushButton()
        self.register_button.clicked.connect(self.register_requested.emit)

        self.count_label = QLabel()
        self._build_filters()
        self._build_table()

        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_current)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(lambda: self.print_selected("summary"))
        self.cards_button = QPushButton()
        self.cards_button.clicked.connect(lambda: self.print_selected("card"))

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.register_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.cards_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.addLayout(top)
        layout.addLayout(self.filter_grid)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.search_box, self.table)  # one Tab from search to results

        ctx.events.child_changed.connect(lambda _id: self.refresh())
        ctx.events.data_changed.connect(self.refresh)
        # the Flags column shows counts: a rules run changes them
        ctx.events.flags_changed.connect(lambda _n: self.refresh())
        self.retranslate()
        self._building = False
        self.refresh()

    # -- language -------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text of the screen in the window's language (also after a switch)."""
        self.search_box.setPlaceholderText(
            self.tr("Search by name (English or Hindi), child code or guardian's name…")
        )
        self.search_box.setToolTip(self.tr("Down or Tab: into the list"))
        self.register_button.setText(self.tr("Register a new child"))
        self.open_button.setText(self.tr("Open profile"))
        self.print_button.setText(self.tr("Print case summaries…"))
        self.print_button.setToolTip(self.tr("Print the selected children's case summaries"))
        self.cards_button.setText(self.tr("Print ID cards…"))
        self.cards_button.setToolTip(self.tr("Print ID cards for the selected children"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setToolTip(self.tr("Back to the children in care, with no other filter"))
        self._fill_filters()
        self.model.retranslate()
        if hasattr(self, "counted"):
            shown, total = self.counted
            self._show_count(shown, total, counted_for=self.counted_for)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Down in the search box moves into the results, on the first child."""
        if (
            watched is self.search_box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self.focus_results()
            return True
        return super().eventFilter(watched, event)

    def focus_results(self) -> None:
        """Put the cursor in the results, on the first child if none is chosen yet."""
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)

    # -- building -------------------------------------------------------------------------

    def _combo(self) -> QComboBox:
        box = QComboBox()
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(12)
        box.setMinimumHeight(32)
        box.currentIndexChanged.connect(lambda _i: self.refresh())
        return box

    def _filter_items(self) -> list[list[tuple[str, Any]]]:
        """Each filter's choices, in the order of `filter_boxes`, in the window's language."""
        from desktop.views.i18n import current_language
        from desktop.views.vocab import child_statuses, values

        lang = current_language()
        statuses, words = child_statuses(), values()
        return [
            [(self.tr("Any status"), None)]
            + [(statuses.get(s.value, s.value), s.value) for s in ChildStatus],
            [(self.tr("Any category"), None)]
            + [(f"{c.code} · {c.label(lang)}", c.code) for c in load_policy().categories.values()],
            [(self.tr("Any gender"), None)]
            + [(words.get(g.value, g.value), g.value) for g in Gender],
            [(self.tr(t), (lo, hi)) for t, lo, hi in AGE_BANDS],
            [
                (self.tr("With or without flags"), None),
                (self.tr("Only with open flags"), True),
                (self.tr("Only without open flags"), False),
            ],
            [(self.tr(t), (lo, hi)) for t, lo, hi in STAYS],
        ]

    def _fill_filters(self) -> None:
        """Put the choices in the boxes, keeping what is chosen (no reload for it)."""
        for box, items in zip(self.filter_boxes, self._filter_items(), strict=True):
            chosen = box.currentData() if box.count() else None
            box.blockSignals(True)
            box.clear()
            for text, value in items:
                box.addItem(text, value)
            box.setCurrentIndex(max(box.findData(chosen), 0))
            box.blockSignals(False)

    def _build_filters(self) -> None:
        self.status_filter = self._combo()
        self.category_filter = self._combo()
        self.gender_filter = self._combo()
        self.age_filter = self._combo()
        self.flags_filter = self._combo()
        self.stay_filter = self._combo()
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_filters)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self.filter_boxes = (
            self.status_filter,
            self.category_filter,
            self.gender_filter,
            self.age_filter,
            self.flags_filter,
            self.stay_filter,
        )
        for i, box in enumerate(self.filter_boxes):
            grid.addWidget(box, i // 4, i % 4)
        grid.addWidget(self.clear_button, 1, 3)
        for c in range(4):
            grid.setColumnStretch(c, 1)
        self.filter_grid = grid
        self._fill_filters()
        self.status_filter.setCurrentIndex(self.status_filter.findData(DEFAULT_STATUS))

    def _build_table(self) -> None:
        t = self.table = ChildTable()
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.verticalHeader().setVisible(False)
        t.setSortingEnabled(True)
        t.sortByColumn(CODE, Qt.SortOrder.AscendingOrder)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {CODE: 215, NAME: 170, NAME_LOCAL: 150, GENDER: 80, AGE: 55, ADMITTED: 110}
        for col, width in widths.items():
            t.setColumnWidth(col, width)
        t.setColumnWidth(STATUS, 95)
        t.setColumnWidth(FLAGS, 60)
        t.doubleClicked.connect(lambda index: self._open_row(index.row()))
        t.activated_row.connect(self._open_row)

    # -- state ----------------------------------------------------------------------------

    def current_filter(self) -> ListFilter:
        """The filter the boxes describe now."""
        age_lo, age_hi = self.age_filter.currentData() or (None, None)
        stay_lo, stay_hi = self.stay_filter.currentData() or (None, None)
        return ListFilter(
            text=self.search_box.text().strip() or None,
            status=self.status_filter.currentData(),
            category_code=self.category_filter.currentData(),
            gender=self.gender_filter.currentData(),
            age_min=age_lo,
            age_max=age_hi,
            open_flags=self.flags_filter.currentData(),
            stay_min_days=stay_lo,
            stay_max_days=stay_hi,
        )

    def selected_child_ids(self) -> list[int]:
        """Ids of the selected rows, in list order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r).id for r in rows]

    # -- behaviour ------------------------------------------------------------------------

    def _loader(self, f: ListFilter) -> Callable[[int, int], list[ChildRow]]:
        from desktop.services.find.listing import list_children

        session, today = self.ctx.reader(), self.ctx.today
        sort, desc = self.sort_key, self.descending

        def load(offset: int, limit: int) -> list[ChildRow]:
            with session() as s:
                return list_children(
                    s,
                    offset=offset,
                    limit=limit,
                    filters=f,
                    sort=sort,
                    descending=desc,
                    today=today(),
                )

        return load

    def _run(
        self, work: Callable[[], list[ChildRow]], done: Callable[[list[ChildRow]], None]
    ) -> None:
        """Read a page off the GUI thread: a filtered page over 250k children can take a while."""

        def arrived(rows: list[ChildRow]) -> None:
            if isValid(self):
                done(rows)

        BackgroundOp(self, lambda _progress: work()).success(arrived).run_in_background()

    def search(self, text: str) -> None:
        """Show only the children matching `text` (all of them when it is blank)."""
        if self.search_box.text() != text:
            self.search_box.setText(text)
        self.refresh()

    def apply_filter(self, filters: dict[str, Any]) -> None:
        """Show the children a dashboard bar counts: status, gender, category, an age
        band or a stay band (a band the boxes lack is added, named as on the dashboard)."""
        for box in self.filter_boxes:
            box.blockSignals(True)
            box.setCurrentIndex(0)
        self.search_box.blockSignals(True)
        self.search_box.clear()
        for box, key in (
            (self.status_filter, "status"),
            (self.gender_filter, "gender"),
            (self.category_filter, "category_code"),
        ):
            if filters.get(key) is not None:
                box.setCurrentIndex(max(box.findData(filters[key]), 0))
        for box, key in ((self.age_filter, "age"), (self.stay_filter, "stay")):
            band = filters.get(key)
            if band is None:
                continue
            i = box.findData(tuple(band))
            if i < 0:
                box.addItem(str(filters.get(f"{key}_words") or band), tuple(band))
                i = box.count() - 1
            box.setCurrentIndex(i)
        for box in self.filter_boxes:
            box.blockSignals(False)
        self.search_box.blockSignals(False)
        self.refresh()

    def clear_filters(self) -> None:
        """Back to the children in care: no other filter, search emptied."""
        for box in self.filter_boxes:
            box.blockSignals(True)
            box.setCurrentIndex(
                max(box.findData(DEFAULT_STATUS), 0) if box is self.status_filter else 0
            )
            box.blockSignals(False)
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Load the first page for the current search, filters and order; count in the back."""
        self._timer.stop()
        if self._building:
            return
        f = self.current_filter()
        if self._starting(f):
            self._show_start_page()
            return
        self.model.set_loader(self._loader(f))
        if self.model.canFetchMore():
            self.model.fetchMore()
        self._count(f)

    def _starting(self, f: ListFilter) -> bool:
        """Whether this is the window's first view, shown before the ORM is loaded."""
        return (
            not self.ctx.loaded
            and self.ctx.start_db is not None
            and f == ListFilter(status=DEFAULT_STATUS)
            and (self.sort_key, self.descending) == ("code", False)
        )

    def _show_start_page(self) -> None:
        """The first page read on the start's raw connection, on the spot (a few ms: the
        window paints with its rows); the count and the next pages once the ORM is loaded
        (`AppContext.load`, just after the first paint)."""
        assert self.ctx.start_db is not None
        rows = status_page(self.ctx.start_db, DEFAULT_STATUS, limit=PAGE_SIZE)
        self.model.start_with(rows)
        self.count_label.setText(self.tr("Counting…"))
        if not getattr(self, "_waits_for_load", False):
            self._waits_for_load = True
            self.ctx.events.loaded.connect(self._loaded)

    def _loaded(self) -> None:
        """The ORM is loaded: the list goes on from the page the start showed."""
        if not isValid(self):
            return
        f = self.current_filter()
        if f != ListFilter(status=DEFAULT_STATUS) or (self.sort_key, self.descending) != (
            "code",
            False,
        ):
            return  # changed meanwhile: the refresh asking for the engine (or due) reads it
        self.model.continue_with(self._loader(f))
        self._count(f)

    def _sort(self, key: str, descending: bool) -> None:
        if (key, descending) != (self.sort_key, self.descending):
            self.sort_key, self.descending = key, descending
            self.refresh()

    def _count(self, f: ListFilter) -> None:
        """Count matches off the GUI thread: a count over 250k children can take a while."""
        from desktop.services.find.listing import count_listed

        self._count_generation += 1
        generation = self._count_generation
        session, today = self.ctx.reader(), self.ctx.today()
        filtered = f != ListFilter()

        def work(_progress: Any) -> tuple[int, int]:
            with session() as s:
                total = count_listed(s, today=today)
                shown = count_listed(s, filters=f, today=today) if filtered else total
            return shown, total

        def done(result: tuple[int, int]) -> None:
            # a newer search may have started since, or the screen may be gone
            if isValid(self) and generation == self._count_generation:
                self._show_count(*result, counted_for=f)

        self.count_label.setText(self.tr("Counting…"))
        BackgroundOp(self, work).success(done).run_in_background()

    def _show_count(self, shown: int, total: int, *, counted_for: ListFilter) -> None:
        """Say how many children `counted_for` (the filter the count was made for) keeps."""
        filtered = counted_for != ListFilter()
        if counted_for == ListFilter(status=DEFAULT_STATUS):  # the first view
            if shown == 1:
                text = self.tr("1 child in care (of {0} on record)").format(total)
            else:
                text = self.tr("{0} children in care (of {1} on record)").format(shown, total)
        elif filtered:
            text = self.tr("Showing {0} of {1} children").format(shown, total)
        elif total == 1:
            text = self.tr("1 child")
        else:
            text = self.tr("{0} children").format(total)
        self.count_label.setText(text)
        self.counted = (shown, total)
        self.counted_for = counted_for

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_child.emit(self.model.row_at(row).id)

    def _open_current(self) -> None:
        ids = self.selected_child_ids()
        if ids:
            self.open_child.emit(ids[0])

    def print_selected(self, kind: str) -> None:
        """Hand the selection to the printing screen's helper (summary or card)."""
        from PySide6.QtWidgets import QMessageBox

        ids = self.selected_child_ids()
        if not ids:
            QMessageBox.information(
                self, self.tr("Print"), self.tr("First select one or more children in the list.")
            )
            return
        try:
            from desktop.views.printing import print_children
        except ImportError:
            log.info("printing is not installed yet")
            QMessageBox.information(
                self, self.tr("Print"), self.tr("Printing is not available in this version.")
            )
            return
        print_children(self, self.ctx, ids, kind)
