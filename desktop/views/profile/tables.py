"""What the profile's tabs share: the page they sit on (as a Protocol) and table helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem
from sqlalchemy.orm import Session

from desktop.models import Child
from desktop.views.app_context import AppContext
from desktop.views.forms import nice


class ProfileHost(Protocol):
    """What a tab needs from the profile page: the app context and a way to write."""

    ctx: AppContext

    def write(self, fn: Callable[[Session, Child], Any]) -> Any:
        """Run one change to the child; raises the service's refusal."""
        ...

    def try_write(self, fn: Callable[[Session, Child], Any]) -> bool:
        """`write`, showing a refusal to the user; True when done."""
        ...

    def read(self, fn: Callable[[Session, Child], Any]) -> Any:
        """Read something about the child (no write) as the user logged in."""
        ...


def selected_row(table: QTableWidget) -> int | None:
    """The row selected in a table, or None when there is none."""
    row = table.currentRow()
    return row if 0 <= row < table.rowCount() else None


def fill_table(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
    """Replace a read-only table's contents."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


def read_only_table() -> QTableWidget:
    """A table for showing rows: whole-row selection, no editing, last column stretched."""
    t = QTableWidget()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


def choices(enum: type, *, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """An enum's values as (words, value) pairs for a choice field."""
    return [(nice(e.value), e.value) for e in enum if e.value not in skip]  # type: ignore[attr-defined]
