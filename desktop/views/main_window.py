"""The main window: the institution's children, a search box, where the data lives."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.services.institution import local_institution_or_none
from desktop.services.listing import ChildRow, count_listed, list_children
from desktop.views.children_model import (
    ADMITTED,
    AGE,
    CODE,
    GENDER,
    STATUS,
    ChildrenTableModel,
)

APP_TITLE = "CLMS Desktop"
SEARCH_DELAY_MS = 300  # wait for a pause in typing before searching


def not_set_up_text(data_dir: Path) -> str:
    """What to tell the user when the data folder has no institution yet (rich text)."""
    where = html.escape(str(data_dir))
    return (
        "<h2>This data folder is not set up yet</h2>"
        f"<p>No institution is recorded in <b>{where}</b>.</p>"
        "<p>Set it up from a command prompt, with your institution's details:</p>"
        f'<pre>clms --data-dir "{where}" init --name "Your Children\'s Home" '
        "--type childrens-home --state 10 --district 212 --registration-no BR/PAT/CH/0007</pre>"
        "<p>or, to try the program, fill it with made-up demo children:</p>"
        f'<pre>clms --data-dir "{where}" demo --children 200</pre>'
        "<p>Then start CLMS Desktop again.</p>"
    )


class MainWindow(QMainWindow):
    """Lists the children of this install's institution, with a search box."""

    def __init__(
        self,
        engine: Engine,
        data_dir: Path,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.data_dir = data_dir
        with Session(engine) as s:
            inst = local_institution_or_none(s)
            self.institution_name = inst.name if inst is not None else None
        self.setWindowTitle(
            f"{APP_TITLE} — {self.institution_name}"
            if self.institution_name
            else f"{APP_TITLE} — not set up"
        )
        self.resize(1200, 720)

        self.location_label = QLabel(f"Data: {data_dir}")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel()
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)

        self._add_menu()
        self.model = ChildrenTableModel(self._loader(""), today=today, parent=self)
        self.search_box = QLineEdit()
        self.table = QTableView()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)

        if self.institution_name is None:
            self._build_not_set_up()
        else:
            self._build_list()
        self._update_count()

    # -- building -------------------------------------------------------------------

    def _add_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        reload_action = QAction("&Reload list", self)
        reload_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        reload_action.triggered.connect(self.reload)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(reload_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

    def _build_not_set_up(self) -> None:
        self.message = QLabel(not_set_up_text(self.data_dir))
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setContentsMargins(24, 24, 24, 24)
        self.setCentralWidget(self.message)

    def _build_list(self) -> None:
        self.search_box.setPlaceholderText("Search by name, child code or guardian's name…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self._apply_search)

        t = self.table
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.verticalHeader().setVisible(False)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {CODE: 230, GENDER: 90, AGE: 60, ADMITTED: 110, STATUS: 110}
        for col in range(self.model.columnCount()):
            t.setColumnWidth(col, widths.get(col, 200))

        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(12, 12, 12, 6)
        layout.addWidget(self.search_box)
        layout.addWidget(t)
        self.setCentralWidget(box)
        self.search_box.setFocus()

    # -- behaviour ------------------------------------------------------------------

    def _loader(self, text: str) -> Callable[[int, int], list[ChildRow]]:
        engine = self.engine

        def load(offset: int, limit: int) -> list[ChildRow]:
            with Session(engine) as s:
                return list_children(s, offset=offset, limit=limit, text=text or None)

        return load

    def search(self, text: str) -> None:
        """Show only the children matching `text` (all of them when it is blank)."""
        self._search_timer.stop()
        if self.search_box.text() != text:
            self.search_box.blockSignals(True)
            self.search_box.setText(text)
            self.search_box.blockSignals(False)
        self.model.set_loader(self._loader(text.strip()))
        if self.model.canFetchMore():
            self.model.fetchMore()
        self._update_count()

    def _apply_search(self) -> None:
        self.search(self.search_box.text())

    def reload(self) -> None:
        """Read the list again from the database (after changes made elsewhere)."""
        self.search(self.search_box.text())

    def _update_count(self) -> None:
        text = self.search_box.text().strip()
        with Session(self.engine) as s:
            total = count_listed(s)
            shown = count_listed(s, text=text) if text else total
        noun = "child" if total == 1 else "children"
        if text:
            self.count_label.setText(f"{shown} of {total} {noun} match “{text}”")
        else:
            self.count_label.setText(f"{total} {noun}")
