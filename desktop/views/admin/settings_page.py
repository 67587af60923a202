"""Settings: the window's language, the idle-lock time, where the data is kept, and updates."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.version import __version__
from desktop.views import i18n
from desktop.views.admin.backup_views import BackupBox
from desktop.views.app_context import AppContext
from sync_client import updates

# Each language named in its own script, so anyone can find theirs.
LANGUAGE_NAMES = {"en": "English", "hi": "हिन्दी (Hindi)"}
IDLE_RANGE = (1, 240)  # what desktop.services.install.users accepts


class SettingsPage(QWidget):
    """Choices that belong to this computer; each one is kept as soon as it is made."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = QLabel()
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.title.setFont(f)

        self.language_box = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(self.language_box.findData(ctx.language))
        self.language_label = QLabel()
        self.language_help = QLabel()
        self.language_help.setWordWrap(True)

        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(*IDLE_RANGE)
        self.idle_spin.setValue(self._stored_idle_minutes())
        self.idle_label = QLabel()
        self.idle_help = QLabel()
        self.idle_help.setWordWrap(True)

        # A long path scrolls inside its box instead of widening the screen.
        self.folder = QLineEdit(str(ctx.data_dir))
        self.folder.setReadOnly(True)
        self.folder.setToolTip(str(ctx.data_dir))
        self.folder.setStyleSheet("font-family: monospace;")
        self.folder_button = QPushButton()
        self.folder_label = QLabel()
        self.folder_help = QLabel()
        self.folder_help.setWordWrap(True)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_button)

        self.display_group, self.security_group, self.data_group = (
            QGroupBox(),
            QGroupBox(),
            QGroupBox(),
        )
        # What this computer runs, and a newer version if central announced one.
        self.updates_group = QGroupBox()
        self.update_text = QLabel()
        self.update_text.setWordWrap(True)
        self.update_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.updates_group).addWidget(self.update_text)
        for group, label, field, help_ in (
            (self.display_group, self.language_label, self.language_box, self.language_help),
            (self.security_group, self.idle_label, self.idle_spin, self.idle_help),
        ):
            form = QFormLayout(group)
            # Small choices stay small: a full-width box for "10 minutes" looks broken.
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            form.addRow(label, field)
            form.addRow(help_)
        data = QVBoxLayout(self.data_group)  # a long path needs the whole width
        data.addWidget(self.folder_label)
        data.addLayout(folder_row)
        data.addWidget(self.folder_help)
        self.language_box.setMinimumWidth(220)
        self.idle_spin.setMinimumWidth(140)
        self.saved = QLabel()
        self.saved.setStyleSheet("color: #2e7d32;")

        column = QWidget()
        column.setMaximumWidth(900)  # lines of help text stay readable on a wide screen
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.title)
        self.backup_box = BackupBox(ctx)
        self.backup_box.restored.connect(self._restored)
        for w in (
            self.display_group,
            self.security_group,
            self.data_group,
            self.backup_box,
            self.updates_group,
            self.saved,
        ):
            inner.addWidget(w)
        inner.addStretch(1)
        # Long help and update texts scroll on a 1366x768 screen. The scroll area itself is
        # kept narrow (not only the column in it): wrapped labels then get their height
        # worked out at the width they are shown at.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(column)
        scroll.setMaximumWidth(column.maximumWidth() + 24)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addStretch(0)
        self.retranslate()
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        # One audited change when the arrows stop, not one per click.
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.setInterval(800)
        self._idle_timer.timeout.connect(lambda: self._idle_changed(self.idle_spin.value()))
        self.idle_spin.valueChanged.connect(lambda _v: self._idle_timer.start())
        self.folder_button.clicked.connect(self.open_folder)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.title.setText(self.tr("Settings"))
        self.display_group.setTitle(self.tr("Language"))
        self.language_label.setText(self.tr("Language of the screens:"))
        self.language_help.setText(
            self.tr(
                "Changes every screen at once and is remembered the next time CLMS starts. "
                "Names and notes you typed stay as they were written."
            )
        )
        self.security_group.setTitle(self.tr("Locking the screen"))
        self.idle_label.setText(self.tr("Lock after this many minutes without use:"))
        self.idle_spin.setSuffix(" " + self.tr("minutes"))
        self.idle_help.setText(
            self.tr(
                "Children's records are private: when nobody uses the computer for this "
                "long, CLMS asks for the password again."
            )
        )
        self.data_group.setTitle(self.tr("Where the data is kept"))
        self.folder_label.setText(self.tr("Data folder:"))
        self.folder_button.setText(self.tr("Open the folder"))
        self.folder_help.setText(
            self.tr(
                "The case database, scanned documents and automatic backups are in this "
                "folder. Copy the whole folder to keep a backup."
            )
        )
        if hasattr(self, "backup_box"):
            self.backup_box.retranslate()
        self.updates_group.setTitle(self.tr("Updates"))
        self.show_updates()
        box = self.language_box
        box.blockSignals(True)
        box.setCurrentIndex(box.findData(self.ctx.language))
        box.blockSignals(False)

    def show_updates(self) -> None:
        """This version, and a newer one if the state office announced it (signature checked)."""
        if self.ctx.engine is None:
            return
        with Session(self.ctx.engine) as s:
            newer = updates.newer_release(s, current=__version__)
            checked = updates.last_checked(s)
        lines = [self.tr("This computer has CLMS Desktop {0}.").format(__version__)]
        if newer is not None:
            lines += [
                "",
                self.tr("A newer version is available: {version} of {date}.").format(
                    version=newer.release, date=newer.date.strftime("%d-%m-%Y")
                ),
                self.tr("What changed:") + " " + newer.changes_in(self.ctx.language),
                "",
                self.tr(
                    "To update, get the installer {file} from your district office and run "
                    "it; the records stay as they are, and a copy is made before the update. "
                    "Its SHA-256 (to check the file) is:"
                ).format(file=newer.download),
                newer.sha256,
            ]
        elif checked is not None:
            lines.append(
                self.tr(
                    "No newer version was announced when the state office was last asked, on {0}."
                ).format(checked.astimezone().strftime("%d-%m-%Y %H:%M"))
            )
        else:
            lines.append(
                self.tr("CLMS asks the state office about new versions each time it sends data.")
            )
        lines += ["", self.tr("CLMS never downloads or installs anything by itself.")]
        self.update_text.setText("\n".join(lines))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        """A send on the Sync screen may have brought news of a newer version."""
        super().showEvent(event)
        self.show_updates()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _language_chosen(self) -> None:
        lang = self.language_box.currentData()
        if lang and lang != self.ctx.language:
            i18n.set_language(self.ctx, lang)
            self.saved.setText(
                self.tr("Saved. The screens are now in English.")
                if lang == "en"
                else self.tr("Saved. The screens are now in Hindi.")
            )

    def _stored_idle_minutes(self) -> int:
        from desktop.services.install.users import DEFAULT_IDLE_MINUTES, idle_lock_minutes

        if self.ctx.engine is None:  # no database open (yet)
            return DEFAULT_IDLE_MINUTES
        with Session(self.ctx.engine) as s:
            return idle_lock_minutes(s)

    def _idle_changed(self, minutes: int) -> None:
        """Keep the idle time in the install's settings (the same one the Users screen sets)."""
        from desktop.services.install.users import set_idle_lock_minutes

        self._idle_timer.stop()
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                set_idle_lock_minutes(s, minutes=minutes)
        except ValidationError as exc:
            self.saved.setText("\n".join(exc.errors.values()))
            return
        except ServiceError as exc:  # e.g. a caseworker may not change it
            self.saved.setText(str(exc))
            self.idle_spin.blockSignals(True)
            self.idle_spin.setValue(self._stored_idle_minutes())
            self.idle_spin.blockSignals(False)
            return
        self.saved.setText(self.tr("Saved. It applies from the next start of CLMS."))

    def _restored(self) -> None:
        """A backup was made ready: the window closes, the next start opens the restored data."""
        QMessageBox.information(
            self,
            self.tr("Restore from backup"),
            self.tr(
                "The backup is ready. CLMS closes now; when you start it again it opens the "
                "restored data. The data it replaces is kept in the data folder's backups."
            ),
        )
        self.window().close()

    def open_folder(self) -> None:
        """Show the data folder in the file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.data_dir)))
