"""Backups in the window: the daily backup in the background, the Backups box of Settings
(folder, copies kept, Back up now), and Restore from backup with a preview of each backup."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import OutboxBundle
from desktop.services.core import backup
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.services.core.permissions import Permission, has
from desktop.views.admin.approval_words import when_words
from desktop.views.app_context import AppContext
from desktop.views.forms import show_date
from desktop.views.ops import BackgroundOp

log = logging.getLogger(__name__)
_one_at_a_time = threading.Lock()  # a daily backup and "Back up now" never overlap
CHECK_EVERY_MS = 30 * 60 * 1000
FIRST_CHECK_MS = 90 * 1000  # after start-up's own work (rules run) has had its turn


def start_backup(
    ctx: AppContext,
    parent: QWidget | None,
    *,
    actor: Actor,
    on_done: Callable[[backup.BackupInfo], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    progress: str | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> BackgroundOp | None:
    """Back up now in the background (None if a backup is already running); the outcome is
    kept in the settings either way (shown in Settings)."""
    if not _one_at_a_time.acquire(blocking=False):
        return None
    engine, data_dir = ctx.engine, ctx.data_dir

    def work(report: Callable[..., None]) -> backup.BackupInfo:
        try:
            with Session(engine) as s:
                settings = backup.backup_settings(s)
            if settings.folder is None:
                raise backup.BackupError("Choose a backup folder first (Settings, Backups).")
            at = now()
            try:
                info = backup.make_backup(
                    data_dir,
                    settings.folder,
                    keep=settings.keep,
                    progress=lambda d, t: report(d, t),
                    now=at,
                )
            except Exception as exc:
                with unit_of_work(engine, SYSTEM, rules=False) as s:
                    backup.record_backup(s, info=None, error=str(exc), at=at)
                raise
            with unit_of_work(engine, actor, rules=False) as s:
                backup.record_backup(s, info=info, error=None, at=at)
            return info
        finally:
            _one_at_a_time.release()

    op = BackgroundOp(parent, work)
    if on_done is not None:
        op.success(on_done)
    if on_error is not None:
        op.failure(on_error)
    if progress is not None:
        op.with_progress(progress)
    return op.run_in_background()


def finish_restore(ctx: AppContext, window: QWidget) -> bool:
    """On the first start after a restore: record it in the audit trail and say so."""
    with unit_of_work(ctx.engine, SYSTEM, rules=False) as s:
        note = backup.finish_restore(s, ctx.data_dir)
    if note is None:
        return False
    bar = getattr(window, "statusBar", None)
    if callable(bar):
        text = QCoreApplication.translate("BackupRunner", "The data was restored from a backup.")
        bar().showMessage(text, 60_000)
    return True


class BackupRunner(QObject):
    """Makes the day's backup while the window is open: looks every half hour whether one
    is due (a folder is chosen and none was made today, or the last one failed)."""

    finished = Signal(str)  # "" when a backup was made, else why not

    def __init__(
        self,
        ctx: AppContext,
        window: QWidget,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        first_check_ms: int = FIRST_CHECK_MS,
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.now = now
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(first_check_ms, self.check)

    def due(self) -> bool:
        """Whether a backup should be made now."""
        with Session(self.ctx.engine) as s:
            settings = backup.backup_settings(s)
        return backup.backup_due(settings, now=self.now())

    def check(self) -> BackgroundOp | None:
        """Start the day's backup if it is due (the system makes it, whoever is logged in)."""
        try:
            if not self.due():
                return None
        except Exception:  # a settings read must never take the window down
            log.exception("backup settings unreadable")
            return None
        return start_backup(
            self.ctx,
            self.window,
            actor=SYSTEM,
            on_done=lambda _info: self.finished.emit(""),
            on_error=self._failed,
            now=self.now,
        )

    def _failed(self, exc: BaseException) -> None:
        log.warning("daily backup not made: %s", exc)
        bar = getattr(self.window, "statusBar", None)
        if callable(bar):
            bar().showMessage(self.tr("Backup not made: {0}").format(exc), 60_000)
        self.finished.emit(str(exc))


class BackupBox(QGroupBox):
    """Settings → Backups: where the daily backup goes, how many are kept, back up now,
    restore. Only the superintendent may change them; others see how the last one went."""

    restored = Signal()  # a backup was made ready: the window should close

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.folder = QLabel()
        self.folder.setWordWrap(True)
        self.folder.setStyleSheet("font-family: monospace;")
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_folder)
        self.keep = QSpinBox()
        self.keep.setRange(*backup.KEEP_RANGE)
        self.keep.setMinimumWidth(120)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.now_button = QPushButton()
        self.now_button.clicked.connect(lambda: self.back_up_now() and None)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(lambda: self.restore() and None)
        self.folder_label, self.keep_label = QLabel(), QLabel()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.keep_label, self.keep)
        buttons = QHBoxLayout()
        buttons.addWidget(self.now_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        col = QVBoxLayout(self)
        col.addWidget(self.folder_label)
        col.addLayout(folder_row)
        col.addLayout(form)
        col.addWidget(self.status)
        col.addLayout(buttons)
        col.addWidget(self.help)
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(800)
        self._keep_timer.timeout.connect(lambda: self.save(self._folder_value(), self.keep.value()))
        self.keep.valueChanged.connect(lambda _v: self._keep_timer.start())
        ctx.events.actor_changed.connect(self.reload)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.setTitle(self.tr("Backups"))
        self.folder_label.setText(self.tr("Backup folder (a USB drive is best):"))
        self.choose_button.setText(self.tr("Choose the folder…"))
        self.keep_label.setText(self.tr("Copies to keep:"))
        self.keep.setSuffix(" " + self.tr("copies"))
        self.now_button.setText(self.tr("Back up now"))
        self.restore_button.setText(self.tr("Restore from backup…"))
        self.reload()

    def settings(self) -> backup.BackupSettings:
        """The backup settings as stored."""
        with Session(self.ctx.engine) as s:
            return backup.backup_settings(s)

    def _folder_value(self) -> Path | None:
        return self.settings().folder

    def reload(self) -> None:
        """Show the stored settings and how the last backup went."""
        got = self.settings()
        self.folder.setText(str(got.folder) if got.folder else self.tr("not chosen yet"))
        self.keep.blockSignals(True)
        self.keep.setValue(got.keep)
        self.keep.blockSignals(False)
        if got.last_at is None:
            text = self.tr("No backup has been made yet.")
        elif got.last_error:
            text = self.tr("The last backup failed on {0}: {1}").format(
                when_words(got.last_at), got.last_error
            )
        else:
            text = self.tr("Last backup: {0}, in {1}").format(
                when_words(got.last_at), got.last_path or ""
            )
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;" if got.last_error else "color: #2e7d32;")
        may = has(self.ctx.actor, Permission.BACKUP)
        for w in (self.choose_button, self.keep, self.now_button, self.restore_button):
            w.setEnabled(may)
        self.help.setText(
            self.tr(
                "Every day CLMS copies the case database and the scanned documents into this "
                "folder while you work; the oldest copies are removed when there are more "
                "than this many. Keep the USB drive plugged in, or plug it in once a day."
            )
            if may
            else self.tr("Only the superintendent can change the backups or restore one.")
        )

    def save(self, folder: Path | str | None, keep: int) -> bool:
        """Keep the folder and the number of copies; a refusal is shown in the status line."""
        self._keep_timer.stop()
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                backup.set_backup_settings(s, folder=folder, keep=keep)
        except ValidationError as exc:
            self.reload()
            self.status.setText(" ".join(exc.errors.values()))
            self.status.setStyleSheet("color: #b00020;")
            return False
        except ServiceError as exc:
            self.reload()
            self.status.setText(str(exc))
            self.status.setStyleSheet("color: #b00020;")
            return False
        self.reload()
        return True

    def choose_folder(self) -> None:
        """Pick the backup folder (a USB drive)."""
        start = str(self._folder_value() or Path.home())
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the backup folder"), start)
        if path:
            self.save(path, self.keep.value())

    def back_up_now(self) -> BackgroundOp | None:
        """Make a backup now, with progress; the status line says how it went."""

        def done(info: backup.BackupInfo) -> None:
            self.reload()
            self.status.setText(self.tr("Backup made: {0}").format(info.path))

        def failed(exc: BaseException) -> None:
            self.reload()
            self.status.setText(self.tr("Backup not made: {0}").format(exc))
            self.status.setStyleSheet("color: #b00020;")

        op = start_backup(
            self.ctx,
            self,
            actor=self.ctx.actor,
            on_done=done,
            on_error=failed,
            progress=self.tr("Backing up"),
        )
        if op is None:
            self.status.setText(self.tr("A backup is being made already."))
        return op

    def restore_dialog(self) -> RestoreDialog:
        """The Restore from backup dialog (not yet shown)."""
        return RestoreDialog(self.ctx, self._folder_value(), self)

    def restore(self) -> bool:
        """Choose a backup, look at what it holds, and make it ready to restore."""
        dialog = self.restore_dialog()
        if dialog.exec() and dialog.made_ready:
            self.restored.emit()
            return True
        return False


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


class RestoreDialog(QDialog):
    """The backups in a folder, newest first; the selected one's contents, checked; and
    Restore, which makes it ready to replace the database when CLMS starts again."""

    def __init__(self, ctx: AppContext, folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.made_ready = False
        self.infos: list[backup.BackupInfo] = []
        self.setWindowTitle(self.tr("Restore from backup"))
        self.setMinimumWidth(720)
        self.folder = QLineEdit(str(folder or ""))
        self.folder.setReadOnly(True)
        self.other_button = QPushButton(self.tr("Another folder…"))
        self.other_button.clicked.connect(self.choose_folder)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Made on"), self.tr("Institution"), self.tr("Children"), self.tr("Size")]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for i in (0, 2, 3):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(200)
        self.table.itemSelectionChanged.connect(self.show_selected)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(150)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(
            self.tr("Restore this backup…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(lambda: self.restore_selected() and None)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Backups in:")))
        row.addWidget(self.folder, 1)
        row.addWidget(self.other_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(self.preview)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self.load()

    def choose_folder(self) -> None:
        """Look for backups in another folder (another USB drive)."""
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Where are the backups?"), self.folder.text() or str(Path.home())
        )
        if path:
            self.folder.setText(path)
            self.load()

    def load(self) -> None:
        """List the backups of the folder, newest first."""
        folder = Path(self.folder.text()) if self.folder.text() else None
        self.infos = backup.list_backups(folder) if folder else []
        self.table.setRowCount(len(self.infos))
        for r, info in enumerate(self.infos):
            cells = (
                when_words(info.created_at),
                info.institution or "–",
                str(info.counts.get("children", "–")),
                _size(info.size),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if self.infos:
            self.table.selectRow(0)
        else:
            self.preview.setText(self.tr("No CLMS backups in this folder."))
            self.warning.clear()
        self.restore_button.setEnabled(bool(self.infos))

    def selected(self) -> backup.BackupInfo | None:
        """The backup on the selected line, checked in full."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.infos):
            return None
        return backup.inspect_backup(self.infos[row].path)

    def _bundles_sent_here(self) -> int:
        with Session(self.ctx.engine) as s:
            return int(s.scalar(select(func.max(OutboxBundle.seq))) or 0)

    def show_selected(self) -> None:
        """What the selected backup holds, and what restoring it would lose."""
        try:
            info = self.selected()
        except ServiceError as exc:
            self.preview.setText(str(exc))
            self.restore_button.setEnabled(False)
            return
        if info is None:
            return
        c = info.counts
        lines = [
            self.tr("Made on {0}").format(when_words(info.created_at)),
            self.tr("Institution: {0} ({1})").format(
                info.institution or "–", info.registration_no or "–"
            ),
            self.tr("Children: {0} ({1} in care)").format(
                c.get("children", 0), c.get("in_care", 0)
            ),
            self.tr("Guardians: {0} · Visits: {1} · Documents: {2} · CWC orders: {3}").format(
                c.get("guardians", 0), c.get("visits", 0), c.get("documents", 0), c.get("orders", 0)
            ),
            self.tr("Scans and photos: {0} · Users: {1} · Audit events: {2}").format(
                len(info.attachments), c.get("users", 0), c.get("audit_events", 0)
            ),
        ]
        self.preview.setText("\n".join(lines))
        warnings = list(info.problems)
        if info.ok:
            warnings.append(
                self.tr(
                    "Everything entered after {0} is replaced by this backup (today's data "
                    "is kept in the data folder's backups)."
                ).format(show_date(info.created_at.date()) if info.created_at else "–")
            )
            sent = self._bundles_sent_here()
            if sent > info.last_bundle_seq:
                warnings.append(
                    self.tr(
                        "Changes were sent to the state after this backup was made: tell the "
                        "district office before the next sync."
                    )
                )
        self.warning.setText("\n".join(warnings))
        self.restore_button.setEnabled(info.ok and has(self.ctx.actor, Permission.BACKUP))

    def restore_selected(self) -> bool:
        """After a yes, make the selected backup ready to replace the database."""
        info = self.selected()
        if info is None or not info.ok:
            return False
        answer = QMessageBox.warning(
            self,
            self.tr("Restore from backup"),
            self.tr(
                "Replace the case data with the backup made on {0}? CLMS then closes; "
                "start it again to work with the restored data."
            ).format(when_words(info.created_at)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            backup.restore_backup(info.path, self.ctx.data_dir, requested_by=self.ctx.actor.label)
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                backup.record_restore_requested(s, info)
        except (ServiceError, OSError) as exc:
            self.warning.setText(str(exc))
            return False
        self.made_ready = True
        self.accept()
        return True


__all__ = ["BackupBox", "BackupRunner", "RestoreDialog", "finish_restore", "start_backup"]
