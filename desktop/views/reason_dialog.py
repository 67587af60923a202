"""A small dialog that asks why (acknowledging or resolving a flag); OK needs a reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.views.forms import add_save_shortcut


class ReasonDialog(QDialog):
    """Asks for a reason in plain words; OK stays off until something is typed."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("For example: SIR submitted to the CWC on 20/11/2026"))
        self.text.setMinimumHeight(90)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok.setEnabled(False)
        self.text.textChanged.connect(self._changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self.text.setTabChangesFocus(True)
        add_save_shortcut(self, self._save_if_ready)

    def _save_if_ready(self) -> None:
        """Ctrl+Enter: save when a reason is there (as the Save button would)."""
        if self.ok.isEnabled():
            self.accept()

    def _changed(self) -> None:
        self.ok.setEnabled(bool(self.reason()))

    def reason(self) -> str:
        """What was typed, without surrounding spaces."""
        return self.text.toPlainText().strip()

    @staticmethod
    def ask(parent: QWidget | None, title: str, prompt: str) -> str | None:
        """Show the dialog; the reason, or None if cancelled (tests replace this)."""
        dlg = ReasonDialog(title, prompt, parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return dlg.reason() or None
