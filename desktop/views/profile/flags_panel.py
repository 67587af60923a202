"""A child's open review flags on the profile, each explained, to acknowledge or resolve there."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.dates import show_date
from desktop.services.flags.store import FlagRow
from desktop.views import vocab
from desktop.views.profile.tables import ProfileHost, fill_table, read_only_table
from desktop.views.review.flag_actions import act_on_flag

SEVERITY_COLOURS = {"critical": "#8b0000", "high": "#b00020", "medium": "#a65e00", "low": "#555"}


class FlagsPanel(QWidget):
    """The open flags: a line each, the chosen one explained, Acknowledge and Resolve."""

    def __init__(self, page: ProfileHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.rows: list[FlagRow] = []
        self.heading = QLabel()
        f = self.heading.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.heading.setFont(f)
        self.table: QTableWidget = read_only_table()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ack_button = QPushButton(self.tr("Acknowledge…"))
        self.ack_button.setToolTip(self.tr("Say you have seen it and what you are doing about it"))
        self.resolve_button = QPushButton(self.tr("Resolve…"))
        self.resolve_button.setToolTip(self.tr("Close the flag because the work is done"))
        self.ack_button.clicked.connect(lambda: self._act("acknowledge"))
        self.resolve_button.clicked.connect(lambda: self._act("resolve"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ack_button)
        buttons.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._show_current)

    def show_flags(self, flags: list[FlagRow]) -> None:
        """Show these open flags (the most urgent first), keeping the chosen one."""
        chosen = self.current()
        self.rows = list(flags)
        severities, statuses = vocab.severities(), vocab.flag_statuses()
        self.heading.setText(
            self.tr("Open flags ({0})").format(len(flags)) if flags else self.tr("No open flags")
        )
        fill_table(
            self.table,
            [self.tr("Due"), self.tr("Severity"), self.tr("What needs doing"), self.tr("Status")],
            [
                [
                    show_date(r.due_on),
                    severities.get(r.severity, r.severity),
                    r.rule,
                    statuses.get(r.status, r.status)
                    + (
                        " · " + statuses["acknowledged"].lower()
                        if r.acknowledged_on is not None and r.status != "acknowledged"
                        else ""
                    ),
                ]
                for r in flags
            ],
        )
        for i, r in enumerate(flags):
            item = self.table.item(i, 1)
            if item is not None:
                item.setForeground(QColor(SEVERITY_COLOURS.get(r.severity, "#333")))
        self.table.setVisible(bool(flags))
        # every flag in view without a scroll bar of its own (the tab scrolls as a whole)
        rows = min(len(flags), 10)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(
            header + rows * self.table.verticalHeader().defaultSectionSize() + 6
        )
        ids = [r.id for r in flags]
        if flags:
            self.table.selectRow(ids.index(chosen.id) if chosen and chosen.id in ids else 0)
        self._show_current()

    def current(self) -> FlagRow | None:
        """The flag chosen in the table."""
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _show_current(self) -> None:
        r = self.current()
        for b in (self.ack_button, self.resolve_button):
            b.setVisible(bool(self.rows))
            b.setEnabled(r is not None)
        if r is None:
            self.detail.setText("")
            return
        self.ack_button.setEnabled(r.acknowledged_on is None and r.status != "resolved")
        text = f"<b>{html.escape(r.rule)}</b><br>{html.escape(r.explanation)}"
        if r.acknowledged_on is not None:
            seen = self.tr("Acknowledged by {0} on {1}.").format(
                r.acknowledged_by or "?", show_date(r.acknowledged_on)
            )
            text += f"<br><i>{html.escape(seen)}</i>"
        self.detail.setText(text)

    def text(self) -> str:
        """Everything the panel says, as plain text (the heading, each flag, the detail)."""
        lines = [self.heading.text()]
        for r in self.rows:
            lines.append(f"{r.rule}: {r.explanation}")
        return "\n".join(lines)

    def _act(self, action: str) -> bool:
        r = self.current()
        if r is None:
            return False
        return act_on_flag(
            self, self.page.ctx, r.id, action, f"{r.child_name} ({r.code}): {r.rule}"
        )
