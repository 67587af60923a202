"""Transfers between CCIs (issue 20): children transferred here waiting to be admitted,
and the transfers sent from here with their acknowledgements.

Incoming packets arrive with "Send now" on the Sync screen (from central) or from the
district office's USB stick ("Take in transfers from a USB stick…" here). Admitting a
child takes in the whole record under the same child code, with a new stay here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format.transfer import TransferError
from desktop.models import TransferPacket
from desktop.rules.transfers_policy import load_transfers_policy
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.services.core.permissions import Permission, has
from desktop.views.app_context import AppContext
from desktop.views.forms import show_date
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange import transfer_net
from sync_client.transfers import admit as transfer_admit
from sync_client.transfers import packets as transfers


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    t.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    return t


class TransfersPage(QWidget):
    """Incoming transfers (admit the child) and the transfers sent from here."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._signer: key_files.OwnKeys | None = None
        self.incoming_ids: list[int] = []
        title = QLabel(self.tr("Transfers between CCIs"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        title.setFont(f)
        intro = QLabel(
            self.tr(
                "A child transferred here by order of the CWC comes with the whole record: "
                "the history, visits, orders, documents and scans, photo and Aadhaar. "
                "Admitting the child keeps the same child code (the child's id for life) "
                "and starts a new stay here."
            )
        )
        intro.setWordWrap(True)
        self.incoming_box = QGroupBox(self.tr("Incoming transfers"))
        self.incoming = _table(
            [
                self.tr("Child"),
                self.tr("Child code"),
                self.tr("From"),
                self.tr("Transfer date"),
                self.tr("CWC order"),
                self.tr("Status"),
            ]
        )
        self.admit_button = QPushButton(self.tr("&Admit the child"))
        self.stick_button = QPushButton(self.tr("Take in transfers from a &USB stick…"))
        row = QHBoxLayout()
        row.addWidget(self.admit_button)
        row.addWidget(self.stick_button)
        row.addStretch(1)
        icol = QVBoxLayout(self.incoming_box)
        icol.addWidget(self.incoming)
        icol.addLayout(row)
        self.outgoing_box = QGroupBox(self.tr("Transfers sent from here"))
        self.outgoing = _table(
            [
                self.tr("Child"),
                self.tr("Child code"),
                self.tr("To"),
                self.tr("Transfer date"),
                self.tr("Status"),
            ]
        )
        self.policy_note = QLabel()
        self.policy_note.setWordWrap(True)
        ocol = QVBoxLayout(self.outgoing_box)
        ocol.addWidget(self.outgoing)
        ocol.addWidget(self.policy_note)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.incoming_box, 3)
        layout.addWidget(self.outgoing_box, 2)
        layout.addWidget(self.message)
        self.admit_button.clicked.connect(self.admit_selected)
        self.stick_button.clicked.connect(self.take_from_stick)
        self.incoming.itemSelectionChanged.connect(self._selection)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        """Fresh lists each time the screen is opened (a sync may have brought packets)."""
        super().showEvent(event)
        self.refresh()

    def _status(self, r: TransferPacket, overdue: set[int]) -> str:
        words = {
            "waiting": self.tr("waiting to be admitted")
            if r.direction == "in"
            else self.tr("waiting to be sent"),
            "admitted": self.tr("admitted"),
            "refused": self.tr("refused"),
            "sent": self.tr("sent, not yet acknowledged"),
            "acknowledged": self.tr("acknowledged by the receiving CCI"),
        }
        text = words.get(r.status, r.status)
        if r.id in overdue:
            text = self.tr("NOT ACKNOWLEDGED after {n} days").format(n=self.policy.ack_days)
        return text

    def refresh(self) -> None:
        """Read both lists again."""
        self.policy = load_transfers_policy()
        with Session(self.ctx.engine) as s:
            ins = transfers.incoming(s)
            outs = transfers.outgoing(s)
            late = {
                r.id
                for r in transfers.overdue(s, today=self.ctx.today(), days=self.policy.ack_days)
            }
            self.incoming_ids = [r.id for r in ins]
            self._fill(
                self.incoming,
                [
                    (
                        r.child_name,
                        r.child_code,
                        r.from_name,
                        show_date(r.transfer_date),
                        r.order_no or "",
                        self._status(r, late),
                    )
                    for r in ins
                ],
            )
            self._fill(
                self.outgoing,
                [
                    (
                        r.child_name,
                        r.child_code,
                        r.to_name,
                        show_date(r.transfer_date),
                        self._status(r, late),
                    )
                    for r in outs
                ],
                late_rows={i for i, r in enumerate(outs) if r.id in late},
            )
        basis = self.policy.basis_in(self.ctx.language)
        if not self.policy.verified:
            basis += " " + self.tr("(not verified: a default to re-check)")
        self.policy_note.setText(
            self.tr(
                "A transfer not acknowledged within {n} days of its date is flagged. Basis: {b}"
            ).format(n=self.policy.ack_days, b=basis)
        )
        self._selection()

    @staticmethod
    def _fill(
        table: QTableWidget, rows: list[tuple[str, ...]], late_rows: set[int] | None = None
    ) -> None:
        table.setRowCount(len(rows))
        for i, values in enumerate(rows):
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                if late_rows and i in late_rows:
                    item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(i, j, item)

    def _selected(self) -> TransferPacket | None:
        rows = self.incoming.selectionModel().selectedRows()
        if not rows:
            return None
        with Session(self.ctx.engine) as s:
            return s.get(TransferPacket, self.incoming_ids[rows[0].row()])

    def _selection(self) -> None:
        row = self._selected()
        may = has(self.ctx.actor, Permission.APPROVE)
        self.admit_button.setEnabled(bool(row and row.status == "waiting" and may))
        if not may:
            self.admit_button.setToolTip(self.tr("Only the superintendent admits a child"))

    def signer(self) -> key_files.OwnKeys | None:
        """This CCI's signing key, for the acknowledgement (asks for its passphrase once)."""
        if self._signer is None:
            with Session(self.ctx.engine) as s:
                row = sync_outbox.own_key_row(s)
            if row is None:
                self.message.setText(self.tr("Set up this CCI's key on the Sync screen first."))
                return None
            pw = None
            if row.storage == "file":
                text, ok = QInputDialog.getText(
                    self,
                    self.tr("Sync key"),
                    self.tr("Passphrase of this CCI's sync key:"),
                    QLineEdit.EchoMode.Password,
                )
                if not ok or not text:
                    return None
                pw = text
            try:
                with Session(self.ctx.engine) as s:
                    self._signer = sync_outbox.load_own_keys(
                        s, data_dir=self.ctx.data_dir, passphrase=pw
                    )
            except (key_files.SyncKeyError, ServiceError) as exc:
                self.message.setText(self.tr("The key could not be opened: {why}").format(why=exc))
                return None
        return self._signer

    def admit_selected(self) -> None:
        """Admit the selected child (after a confirmation)."""
        row = self._selected()
        if row is None or row.status != "waiting":
            return
        answer = QMessageBox.question(
            self,
            self.tr("Admit the child?"),
            self.tr(
                "Admit {name} ({code}) from {home}? The whole record is taken in and a new "
                "stay starts here on {date}."
            ).format(
                name=row.child_name,
                code=row.child_code,
                home=row.from_name,
                date=show_date(row.transfer_date),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        signer = self.signer()
        if signer is None:
            return
        from desktop.documents.printing import attachment_store

        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor) as s:
                done = transfer_admit.admit(
                    s,
                    s.get(TransferPacket, row.id),  # type: ignore[arg-type]
                    signer=signer,
                    store=attachment_store(self.ctx.data_dir),
                    today=self.ctx.today(),
                )
                code = done.child.code
        except (TransferError, ServiceError) as exc:
            self.message.setText(
                self.tr("The child was not admitted; nothing was changed: {why}").format(
                    why=getattr(exc, "message", str(exc))
                )
            )
            return
        self.message.setText(
            self.tr(
                "Admitted under the child code {code}. The acknowledgement goes back to the "
                "sending CCI with the next sync."
            ).format(code=code)
        )
        self.refresh()

    def take_from_stick(self) -> None:
        """Take in packets and acknowledgements the district office put on the stick."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB stick"))
        if not folder:
            return
        got = transfer_net.from_stick(self.ctx.engine, actor=self.ctx.actor, root=Path(folder))
        text = self.tr("{n} transfer(s) and {a} acknowledgement(s) taken in.").format(
            n=got.received, a=got.acks_received
        )
        for why in got.refused:
            text += "\n" + self.tr("Not taken in: {why}").format(why=why)
        self.message.setText(text)
        self.refresh()
