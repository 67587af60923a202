"""The data key in the window: the passphrase (computers without a keyring), the recovery
key shown once at set-up, and opening the data with the recovery key after a key loss.

The services are `desktop.db.open_database` / `recover_data` and `desktop.vault.store`;
these dialogs only ask and show.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)
from sqlalchemy import Engine

from desktop.services.core.context import Actor
from desktop.vault import store as vault
from desktop.vault.passwords import passphrase_problem

ERROR_STYLE = "color: #b00020; font-weight: bold;"


def _key_label(text: str) -> QLabel:
    label = QLabel(text)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 11) * 1.5)
    font.setWeight(QFont.Weight.Bold)
    label.setFont(font)
    label.setObjectName("recovery_key")
    label.setTextInteractionFlags(label.textInteractionFlags().TextSelectableByMouse)
    label.setStyleSheet("padding: 12px; border: 2px solid #444; background: #fffbe6;")
    return label


class PassphraseDialog(QDialog):
    """Asks the data passphrase; for a new one twice, with its rules checked."""

    def __init__(self, message: str, *, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.passphrase: str | None = None
        self.setWindowTitle(self.tr("CLMS Desktop – data passphrase"))
        self.setMinimumWidth(520)
        col = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This computer has no keyring, so the case data is protected by a passphrase. "
                "Choose one of at least 12 characters (a few words work well) and keep it "
                "safe: it is asked each time CLMS starts."
            )
            if new
            else self.tr("Enter the passphrase that protects the case data on this computer.")
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setObjectName("passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase"), self.first)
        self.again = QLineEdit()
        self.again.setObjectName("again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow(self.tr("Passphrase again"), self.again)
        col.addLayout(form)
        self.error = QLabel(message if not new and "not open" in message else "")
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        col.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.first.setFocus()

    def check(self) -> None:
        """Accept a passphrase that can be used (for a new one: typed twice, strong enough)."""
        text = self.first.text()
        if not text:
            self.error.setText(self.tr("Enter the passphrase."))
            return
        if self.new:
            if text != self.again.text():
                self.error.setText(self.tr("The two passphrases are not the same."))
                return
            problem = passphrase_problem(text)
            if problem:
                self.error.setText(problem)
                return
        self.passphrase = text
        self.accept()


class RecoverDialog(QDialog):
    """Opens the data with the recovery key when this computer has lost the data key."""

    def __init__(self, data_dir: Path, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("CLMS Desktop – recovery key"))
        self.setMinimumWidth(560)
        col = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The key that opens the case data is not on this computer (a new Windows "
                "profile, a repaired computer, or a lost passphrase). Type the recovery key "
                "that was printed when CLMS was set up (nine groups of four)."
            )
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        detail = QLabel(message)
        detail.setWordWrap(True)
        col.addWidget(detail)
        form = QFormLayout()
        self.key = QLineEdit()
        self.key.setObjectName("recovery")
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        form.addRow(self.tr("Recovery key"), self.key)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.needs_passphrase = not vault.keyring_usable()
        if self.needs_passphrase:
            form.addRow(self.tr("New data passphrase"), self.passphrase)
            form.addRow(self.tr("Passphrase again"), self.again)
        col.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        col.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.recover)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.key.setFocus()

    def recover(self) -> None:
        """Check the recovery key on the data, then keep the data key here again."""
        from desktop.db import recover_data

        pw = None
        if self.needs_passphrase:
            if self.passphrase.text() != self.again.text():
                self.error.setText(self.tr("The two passphrases are not the same."))
                return
            pw = self.passphrase.text()
        try:
            recover_data(self.data_dir, recovery_key=self.key.text(), passphrase=pw)
        except ValueError as exc:  # RecoveryKeyError, VaultError, NeedsPassphrase
            self.error.setText(str(exc))
            return
        self.accept()


class RecoveryKeyView(QWidget):
    """The recovery key in big letters, what it is for, and "I have written it down"."""

    def __init__(self, key_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        what = QLabel(
            self.tr(
                "This recovery key opens the case data if this computer ever loses its key "
                "(a new Windows profile, a repaired or new computer, a forgotten passphrase). "
                "It is shown only now. Write it down or print this page, and keep it in the "
                "office safe, not on this computer: anyone with it and a copy of the data "
                "folder can read the data."
            )
        )
        what.setWordWrap(True)
        col.addWidget(what)
        col.addWidget(_key_label(key_text))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(lambda: _print_key(self, key_text))
        col.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.written = QCheckBox(self.tr("I have written the recovery key down (or printed it)"))
        self.written.setObjectName("written")
        col.addWidget(self.written)
        col.addStretch(1)


def _print_key(parent: QWidget, key_text: str) -> None:
    """Print the recovery key on a page of its own (through the Qt print dialog)."""
    from PySide6.QtGui import QPainter, QTextDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return
    doc = QTextDocument()
    doc.setHtml(
        "<h2>CLMS Desktop – recovery key</h2>"
        f"<p style='font-family: monospace; font-size: 20pt'><b>{key_text}</b></p>"
        "<p>Keep this page in the office safe. It opens the case data of this install if "
        "its computer loses the data key.</p>"
    )
    painter = QPainter(printer)
    doc.drawContents(painter)
    painter.end()


class RecoveryKeyPage(QWizardPage):
    """The last page of the set-up: the recovery key, shown once."""

    def __init__(self, data_dir: Path, engine: Engine | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.engine = engine
        self.setTitle(self.tr("Your recovery key"))
        self.setSubTitle(self.tr("The case data on this computer is encrypted."))
        self.view: RecoveryKeyView | None = None
        self.col = QVBoxLayout(self)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        """Show the key (the data key is unlocked: the database is open)."""
        if self.view is None:
            self.view = RecoveryKeyView(vault.unlock(self.data_dir).recovery_key())
            self.view.written.toggled.connect(lambda _on: self.completeChanged.emit())
            self.col.addWidget(self.view)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        """Finish only once the key is written down."""
        return self.view is not None and self.view.written.isChecked()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Note that the key was shown: it is not shown again (and audit who saw it)."""
        vault.mark_recovery_shown(self.data_dir)
        actor = getattr(self.wizard(), "actor", None)
        if self.engine is not None and actor is not None:
            _audit_shown(self.engine, actor, "set-up")
        return True


class RecoveryKeyDialog(QDialog):
    """The recovery key of an install encrypted by an upgrade, shown once to the
    superintendent after the login."""

    def __init__(
        self,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        engine: Engine | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.engine, self.actor = engine, actor
        self.setWindowTitle(self.tr("CLMS Desktop – recovery key"))
        self.setMinimumWidth(640)
        col = QVBoxLayout(self)
        head = QLabel(self.tr("The case data on this computer is now encrypted."))
        head.setStyleSheet("font-size: 14pt; font-weight: bold;")
        head.setWordWrap(True)
        col.addWidget(head)
        self.view = RecoveryKeyView(vault.unlock(data_dir).recovery_key())
        col.addWidget(self.view)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.view.written.toggled.connect(ok.setEnabled)
        self.buttons.accepted.connect(self._done)
        col.addWidget(self.buttons)

    def _done(self) -> None:
        vault.mark_recovery_shown(self.data_dir)
        if self.engine is not None and self.actor is not None:
            _audit_shown(self.engine, self.actor, "after the upgrade")
        self.accept()


def _audit_shown(engine: Engine, actor: Actor, where: str) -> None:
    from desktop.services.core.context import unit_of_work
    from desktop.services.install.institution import note_recovery_key_shown

    with unit_of_work(engine, actor, rules=False) as s:
        note_recovery_key_shown(s, where=where)


def show_recovery_key_if_pending(
    data_dir: Path, engine: Engine, actor: Actor, parent: QWidget | None = None
) -> bool:
    """After a login: a superintendent or administrator is shown a key never shown yet."""
    if actor.role not in ("superintendent", "administrator"):
        return False
    if not vault.recovery_pending(data_dir):
        return False
    RecoveryKeyDialog(data_dir, parent, engine=engine, actor=actor).exec()
    return True
