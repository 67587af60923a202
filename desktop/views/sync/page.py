"""The Sync screen: what is waiting, the outbox, sending to the state office, the USB path.

All network and crypto work runs through BackgroundOp; the worker opens its own Session
and never touches a widget. Sending first asks central whether it is there (a few
seconds), so with no internet the screen says "offline" at once; while sending, the
rest of the window stays usable and Stop ends it (what was sent is kept and goes on
from there next time). A practice folder never sends. The private key, once unlocked
with its passphrase, is kept in memory for this window only (never the passphrase,
never on disk).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format.receipts import OUTCOMES
from bundle_format.releases import ReleaseError
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import NotAllowed
from desktop.version import __version__
from desktop.views.app_context import AppContext
from desktop.views.ops import BackgroundOp, Cancelled
from desktop.views.sync.key_actions import SyncKeyActions
from desktop.views.sync.state import SyncState, read_state
from desktop.views.sync.status import SyncFigures, status_text
from desktop.views.sync.usb_actions import SyncUsbActions
from sync_client import updates
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange import transfer_net
from sync_client.exchange.upload import (
    Offline,
    UploadFailed,
    UploadRefused,
    UploadStopped,
    push,
    save_settings,
    settings_from_db,
)

log = logging.getLogger(__name__)


def _size(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n >= 1024 else f"{n} bytes"


class SyncPage(SyncKeyActions, SyncUsbActions, QWidget):
    """Send this CCI's changes to the state office, over the internet or on a USB stick."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._signer: key_files.OwnKeys | None = None
        self._busy = False
        self._op: BackgroundOp | None = None
        self.state = SyncState()

        title = QLabel(self.tr("Send data to the state office"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        title.setFont(f)
        self.status_line = QLabel()  # offline · 12 changes waiting · last sent ...
        sf = self.status_line.font()
        sf.setPointSizeF(sf.pointSizeF() * 1.1)
        sf.setBold(True)
        self.status_line.setFont(sf)
        self.status_line.setWordWrap(True)
        # Shown only when central has announced a newer version (never downloaded here).
        self.update_label = QLabel()
        self.update_label.setWordWrap(True)
        self.update_label.setStyleSheet(
            "QLabel { background: #fff4d6; border: 1px solid #e0b84c; padding: 8px; }"
        )
        self.update_label.setVisible(False)

        self.status_group = QGroupBox(self.tr("Status"))
        form = QFormLayout(self.status_group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # fits a 1024 screen
        self.waiting_label = QLabel()
        self.outbox_label = QLabel()
        self.unacked_label = QLabel()
        self.key_label = QLabel()
        self.central_label = QLabel()
        self.district_label = QLabel()
        for lab in (self.key_label, self.central_label, self.district_label):
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lab.setWordWrap(True)  # a fingerprint wraps rather than widen the screen
        form.addRow(self.tr("New changes (not yet packed):"), self.waiting_label)
        form.addRow(self.tr("Outbox:"), self.outbox_label)
        form.addRow(self.tr("Records not yet accepted:"), self.unacked_label)
        form.addRow(self.tr("This CCI's key:"), self.key_label)
        form.addRow(self.tr("State office key:"), self.central_label)
        form.addRow(self.tr("District office key:"), self.district_label)

        self.receipt_group = QGroupBox(self.tr("Last receipt"))
        grid = QGridLayout(self.receipt_group)
        names = {
            "created": self.tr("New"),
            "updated": self.tr("Updated"),
            "unchanged": self.tr("Unchanged"),
            "conflict": self.tr("Conflicts"),
            "error": self.tr("Errors"),
        }
        self.count_labels: dict[str, QLabel] = {}
        for col, key in enumerate(OUTCOMES):
            num = QLabel("–")
            nf = num.font()
            nf.setPointSizeF(nf.pointSizeF() * 1.6)
            nf.setBold(True)
            num.setFont(nf)
            num.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cap = QLabel(names[key])
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(num, 0, col)
            grid.addWidget(cap, 1, col)
            self.count_labels[key] = num
        self.receipt_note = QLabel()
        self.receipt_note.setWordWrap(True)
        grid.addWidget(self.receipt_note, 2, 0, 1, len(OUTCOMES))

        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://…")
        url_row = QHBoxLayout()
        url_row.addWidget(QLabel(self.tr("State office address:")))
        url_row.addWidget(self.url_edit, 1)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Bundle"),
                self.tr("Records"),
                self.tr("Size"),
                self.tr("Made on"),
                self.tr("Status"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(180)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.send_button = QPushButton(self.tr("Send now"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(
            self.tr("Stop sending; what was sent is kept and goes on from there next time")
        )
        self.stop_button.hide()
        self.usb_button = QPushButton(self.tr("Export for USB…"))
        self.receipts_button = QPushButton(self.tr("Import receipts from USB…"))
        self.setup_button = QPushButton(self.tr("Set up this CCI's key…"))
        self.import_key_button = QPushButton(self.tr("Import office key file…"))
        self.enrol_button = QPushButton(self.tr("Ask the state office to enrol this CCI…"))
        self.ca_button = QPushButton(self.tr("State office certificate (CA) file…"))
        self.send_button.setDefault(True)
        buttons = QHBoxLayout()
        for b in (self.send_button, self.stop_button, self.usb_button, self.receipts_button):
            b.setMinimumHeight(36)
            buttons.addWidget(b)
        buttons.addStretch(1)
        key_buttons = QGridLayout()  # two rows of two: four long names do not fit a 1024 screen
        key_buttons.addWidget(self.setup_button, 0, 0)
        key_buttons.addWidget(self.import_key_button, 0, 1)
        key_buttons.addWidget(self.enrol_button, 1, 0)
        key_buttons.addWidget(self.ca_button, 1, 1)
        key_buttons.setColumnStretch(2, 1)

        # The page scrolls rather than push the window past a 768-pixel-high screen (the
        # outbox table takes what height is left).
        body = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)
        layout.addWidget(title)
        layout.addWidget(self.status_line)
        layout.addWidget(self.update_label)
        top = QHBoxLayout()
        top.addWidget(self.status_group, 3)
        top.addWidget(self.receipt_group, 2)
        layout.addLayout(top)
        layout.addLayout(url_row)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Outbox (sent in this order):")))
        layout.addWidget(self.table)
        layout.addLayout(key_buttons)
        layout.addStretch(1)

        self.send_button.clicked.connect(self.send_now)
        self.stop_button.clicked.connect(self.stop)
        ctx.events.connection_checked.connect(lambda _ok: self._show_status_line())
        self.usb_button.clicked.connect(self.export_usb)
        self.receipts_button.clicked.connect(self.import_usb_receipts)
        self.setup_button.clicked.connect(self.setup_key)
        self.import_key_button.clicked.connect(self.import_key)
        self.enrol_button.clicked.connect(self.ask_enrolment)
        self.ca_button.clicked.connect(self.choose_ca_file)
        self.refresh()

    # -- showing -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        """Fresh figures each time the screen is opened (cases change on other screens)."""
        super().showEvent(event)
        if not self._busy:
            self.refresh()

    def refresh(self) -> None:
        """Read the figures again and show them."""
        with Session(self.ctx.engine) as s:
            st = read_state(s)
        self.state = st
        self.waiting_label.setText(str(st.waiting))
        total = sum(b[2] for b in st.outbox)
        self.outbox_label.setText(
            self.tr("{n} bundle(s), {size}").format(n=len(st.outbox), size=_size(total))
        )
        self.unacked_label.setText(str(st.unacknowledged))
        if st.own is None:
            self.key_label.setText(self.tr("not set up yet"))
        else:
            where = (
                self.tr("in this computer's keyring")
                if st.own_storage == "keyring"
                else self.tr("in a passphrase-protected file")
            )
            self.key_label.setText(f"{st.own.fingerprint}  ({where})")
        self.central_label.setText(
            st.central.fingerprint if st.central else self.tr("not imported yet")
        )
        self.district_label.setText(
            st.district.fingerprint if st.district else self.tr("not imported (optional)")
        )
        if st.url and not self.url_edit.text():
            self.url_edit.setText(st.url)
        self.update_label.setVisible(st.newer is not None)
        if st.newer is not None:
            self.update_label.setText(
                self.tr(
                    "A newer version of CLMS Desktop is available: {new} (this computer has "
                    "{old}). Settings says what changed and how to install it."
                ).format(new=st.newer.release, old=__version__)
            )
        for key, lab in self.count_labels.items():
            lab.setText(str(st.last_counts[key]) if st.last_counts else "–")
        if st.last_counts:
            who = (
                self.tr("state office") if st.last_from == "central" else self.tr("district office")
            )
            note = self.tr("From the {who}, {when}.").format(who=who, when=st.last_when)
            if st.last_counts["conflict"] or st.last_counts["error"]:
                note += " " + self.tr(
                    "Some records were not accepted; they will go again after the next change."
                )
            self.receipt_note.setText(note)
        else:
            self.receipt_note.setText(self.tr("Nothing has been acknowledged yet."))
        self.table.setRowCount(len(st.outbox))
        for r, (seq, n, size, made, status) in enumerate(st.outbox):
            for c, v in enumerate(
                (
                    str(seq),
                    str(n),
                    _size(size),
                    made,
                    self.tr("copied to USB") if status != "waiting" else self.tr("waiting"),
                )
            ):
                self.table.setItem(r, c, QTableWidgetItem(v))
        ready = st.own is not None and st.central is not None and not st.practice
        for b in (self.send_button, self.usb_button):
            b.setEnabled(ready and not self._busy)
        self.receipts_button.setEnabled(st.own is not None and not self._busy)
        self.enrol_button.setEnabled(ready and not self._busy)
        self.setup_button.setVisible(st.own is None)
        self._show_status_line()
        if st.practice:
            self.message.setText(self.practice_text())
        elif not ready and not self._busy:
            self.message.setText(
                self.tr(
                    "Before sending: set up this CCI's key and import the state office's key file."
                )
            )

    def practice_text(self) -> str:
        """Why a practice folder cannot send."""
        return self.tr(
            "This is a practice folder with made-up children. It never sends anything to the "
            "district or the state, over the internet or on a USB stick. Open the real data "
            "folder to sync."
        )

    def _show_status_line(self) -> None:
        st = self.state
        figures = SyncFigures(
            waiting=st.unacknowledged,
            last_sent=st.last_at,
            url=self.url_edit.text().strip() or st.url,
            practice=st.practice,
        )
        self.status_line.setText(status_text(figures, self.ctx.online))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        """While sending or copying, only this screen's own buttons wait (Stop shows);
        every other screen of the window stays usable."""
        self._busy = busy
        for b in (
            self.send_button,
            self.usb_button,
            self.receipts_button,
            self.import_key_button,
            self.setup_button,
            self.enrol_button,
        ):
            b.setEnabled(not busy)
        self.stop_button.setVisible(busy)
        self.stop_button.setEnabled(busy)
        if text:
            self.message.setText(text)
        if not busy:
            self._op = None
            self.refresh()

    def stop(self) -> None:
        """Stop the send (or copy) under way; it stops at its next step, in a moment."""
        if self._op is not None:
            self._op.cancel()
            self.stop_button.setEnabled(False)
            self.message.setText(self.tr("Stopping…"))

    def _connection(self, ok: bool) -> None:
        self.ctx.online = ok
        self.ctx.events.connection_checked.emit(ok)

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setValue(int(100 * done / total) if total else 0)
        if text and not total:
            self.message.setText(text)
        elif text:
            self.message.setText(
                self.tr("{text}: {done} of {total}").format(
                    text=text, done=_size(done), total=_size(total)
                )
            )

    def _pending_text(self) -> str:
        fp = self.state.own.fingerprint if self.state.own is not None else ""
        return self.tr(
            "Waiting for the state office to approve this CCI. Nothing can be sent until "
            "they do. Phone them and read out this CCI's key fingerprint: {fp}"
        ).format(fp=fp)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.progress.setValue(0)
        if isinstance(exc, UploadRefused) and exc.pending:
            self.message.setText(self._pending_text())
        elif isinstance(exc, Offline):
            self._connection(False)
            self.message.setText(
                self.tr(
                    "Offline: the state office could not be reached (no internet connection, or "
                    "the address is wrong). Nothing was lost: the changes wait and go next time, "
                    "or take them to the district office on a USB stick."
                )
            )
        elif isinstance(exc, (UploadStopped, Cancelled)):
            self.message.setText(
                self.tr("Stopped. What was sent is kept; sending goes on from there next time.")
            )
        elif isinstance(exc, NotAllowed) and self.state.practice:
            self.message.setText(self.practice_text())
        else:
            self.message.setText(self.tr("It did not work: {why}").format(why=exc))

    # -- sending -----------------------------------------------------------------------

    def send_now(self) -> None:
        """Bundle new changes and send the whole outbox to the state office."""
        url = self.url_edit.text().strip()
        if self.state.practice:
            self.message.setText(self.practice_text())
            return
        if not url:
            self.message.setText(self.tr("Type the state office's address first."))
            return
        signer = self.signer()
        if signer is None:
            return
        engine, actor, data_dir = self.ctx.engine, self.ctx.actor, self.ctx.data_dir
        ops: list[BackgroundOp] = []  # the operation, for the worker to see Stop
        asking = self.tr("Asking the state office whether it can be reached…")

        def work(progress: Any) -> list[Any]:
            from desktop.documents.printing import attachment_store

            store = attachment_store(data_dir)
            # Packets of transfers recorded since the last sync first: their hand-overs go
            # up with this bundle (issue 20).
            transfer_net.prepare(engine, actor=actor, signer=signer, store=store)
            with unit_of_work(engine, actor, rules=False) as s:
                save_settings(s, url=url)
                sync_outbox.build_bundles(s, signer=signer, attachments=store)
                settings = settings_from_db(s)
            progress(0, 0, asking)
            results = push(
                engine,
                actor=actor,
                settings=settings,
                signer=signer,
                progress=progress,
                should_stop=lambda: bool(ops) and ops[0].cancelled,
            )
            # Transfers: the packets out, the packets for this CCI, the acknowledgements.
            try:
                transfer_net.sync_transfers(engine, actor=actor, signer=signer, settings=settings)
            except UploadFailed as exc:  # the bundles went; transfers go on next time
                log.warning("transfers were not exchanged with central: %s", exc)
            try:  # central was reached: is a newer version out? (shown by refresh)
                updates.check_for_update(
                    engine, actor=actor, settings=settings, current=__version__
                )
            except (UploadFailed, ReleaseError) as exc:  # the data went; the notice can wait
                log.info("could not ask central about new versions: %s", exc)
            return results

        def done(results: list[Any]) -> None:
            self.progress.setValue(100)
            self._connection(True)
            self._set_busy(False)
            if results:
                self.message.setText(
                    self.tr("Sent {n} bundle(s); the receipts were checked.").format(n=len(results))
                )
            else:
                self.message.setText(self.tr("Nothing new to send."))

        self._set_busy(True, self.tr("Sending…"))
        self.progress.setValue(0)
        op = BackgroundOp(self, work).on_progress(self._on_progress).success(done)
        ops.append(op)
        self._op = op.failure(self._failed).run_in_background()
