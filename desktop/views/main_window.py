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
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.models.enums import InstitutionType
from desktop.services.institution import local_institution_or_none
from desktop.services.listing import ChildRow, count_listed, list_children
from desktop.views.children_model import (
    ADMITTED,
    AGE,
    CODE,
    GENDER,
    NAME,
    NAME_LOCAL,
    STATUS,
    ChildrenTableModel,
)

APP_TITLE = "CLMS Desktop"
SEARCH_DELAY_MS = 300  # wait for a pause in typing before searching


def not_set_up_text(data_dir: Path) -> str:
    """What to tell the user when the data folder has no institution yet (rich text)."""
    where = html.escape(str(data_dir))
    types = ", ".join(t.value for t in InstitutionType)
    return (
        "<h2>This data folder is not set up yet</h2>"
        f"<p>No institution is recorded in <b>{where}</b>.</p>"
        "<p><b>To start using CLMS</b>, set it up once from a command prompt, "
        "with your institution's own details, then start CLMS Desktop again:</p>"
        f'<pre>clms --data-dir "{where}" init --name "NAME OF THE HOME" --type childrens-home '
        '--state 10 --district 212 --registration-no "REGISTRATION NUMBER"</pre>'
        f"<p><code>--type</code> is one of: {types}.<br>"
        "<code>--state</code> and <code>--district</code> are LGD codes "
        "(Bihar is 10, Patna is 212).</p>"
        "<p><b>To practise</b> with made-up children, use a separate practice folder, "
        "never the real one:</p>"
        '<pre>clms --data-dir practice init --name "Practice Home" --type childrens-home '
        "--state 10 --district 212 --registration-no PRACTICE\n"
        "clms --data-dir practice demo --children 200\n"
        "clms-desktop --data-dir practice</pre>"
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
        self.flags_label = QLabel()
        self.flags_label.setContentsMargins(0, 0, 16, 0)  # keep apart from the child count
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.flags_label)
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
        # Scroll rather than widen the window when the folder's path is long.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.message)
        self.setCentralWidget(scroll)

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
        # Fixed starting widths that fit a 1200-pixel window; Category takes what is left.
        widths = {CODE: 220, NAME: 170, NAME_LOCAL: 160, GENDER: 80, AGE: 50, ADMITTED: 105}
        for col, width in widths.items():
            t.setColumnWidth(col, width)
        t.setColumnWidth(STATUS, 95)

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

    def show_open_flags(self, n: int) -> None:
        """Show the number of open review flags (after a rules run)."""
        self.flags_label.setText(f"{n} open flag{'s' if n != 1 else ''}")

    def _update_count(self) -> None:
        if self.institution_name is None:
            self.count_label.clear()
            return
        text = self.search_box.text().strip()
        with Session(self.engine) as s:
            total = count_listed(s)
            shown = count_listed(s, text=text) if text else total
        noun = "child" if total == 1 else "children"
        if text:
            verb = "matches" if shown == 1 else "match"
            self.count_label.setText(f"{shown} of {total} {noun} {verb} “{text}”")
        else:
            self.count_label.setText(f"{total} {noun}")
