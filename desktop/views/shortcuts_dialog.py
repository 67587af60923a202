"""Help → Keyboard shortcuts: every key the window answers to, in the window's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.views.geometry import place_window

translate = QCoreApplication.translate  # the name pyside6-lupdate looks for


def shortcut_rows() -> list[tuple[str, str]]:
    """(keys, what they do), in the order a new user meets them."""

    return [
        ("Ctrl+N", translate("ShortcutsDialog", "Register a new child")),
        ("Ctrl+F", translate("ShortcutsDialog", "Find a child: the cursor goes to the search box")),
        (
            translate("ShortcutsDialog", "Down (in the search box)"),
            translate("ShortcutsDialog", "Move into the list of children"),
        ),
        (
            translate("ShortcutsDialog", "Enter (in the list)"),
            translate("ShortcutsDialog", "Open the child's profile"),
        ),
        ("Esc, Alt+Left", translate("ShortcutsDialog", "Back from a profile to the list")),
        (
            "Ctrl+1 … Ctrl+9",
            translate("ShortcutsDialog", "Go to a screen (in the order of the list on the left)"),
        ),
        (
            "Tab, Shift+Tab",
            translate("ShortcutsDialog", "Next or previous field (also out of a box for notes)"),
        ),
        (
            translate("ShortcutsDialog", "Enter (in Log a visit or call)"),
            translate("ShortcutsDialog", "Log the visit"),
        ),
        ("Ctrl+Enter", translate("ShortcutsDialog", "Save the form you are filling in")),
        (
            translate("ShortcutsDialog", "Enter (in a form)"),
            translate("ShortcutsDialog", "Save a form without notes boxes"),
        ),
        (
            translate("ShortcutsDialog", "F4 (in a date box)"),
            translate("ShortcutsDialog", "Pick the date from a calendar"),
        ),
        (
            translate("ShortcutsDialog", "Esc (in a form)"),
            translate("ShortcutsDialog", "Close it; registration keeps what you typed as a draft"),
        ),
        ("F5", translate("ShortcutsDialog", "Read everything again from the database")),
        ("Ctrl+L", translate("ShortcutsDialog", "Lock the screen")),
        ("Ctrl+Q", translate("ShortcutsDialog", "Quit CLMS Desktop")),
        ("F1", translate("ShortcutsDialog", "This list of keys")),
    ]


class ShortcutsDialog(QDialog):
    """A table of the keys and what they do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        intro = QLabel(self.tr("Everything in CLMS Desktop can be done with the keyboard:"))
        intro.setWordWrap(True)
        rows = shortcut_rows()
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for r, (keys, what) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        place_window(self, QSize(760, 620), "shortcuts")
