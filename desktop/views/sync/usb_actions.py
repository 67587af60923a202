"""The Sync screen's USB actions: the outbox copied to a stick, receipts read back.

A mixin of `SyncPage` (kept apart so each module stays short); it uses the page's `ctx`,
`state`, `message`, `progress`, `_op`, `signer`, `_set_busy`, `_failed`, `practice_text`
and `refresh`. Its words are in the "SyncPage" translation context, as the page's own are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
)

from desktop.services.core.context import unit_of_work
from desktop.views.ops import BackgroundOp
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange import transfer_net
from sync_client.exchange.upload import (
    institution_info,
)
from sync_client.exchange.usb import export_outbox, import_receipts


class SyncUsbActions:
    """The USB path, for `SyncPage`."""

    def export_usb(self) -> None:
        """Bundle new changes and copy the outbox to a folder (the USB stick)."""
        if self.state.practice:
            self.message.setText(self.practice_text())
            return
        folder = QFileDialog.getExistingDirectory(
            self, QCoreApplication.translate("SyncPage", "Choose the USB stick")
        )
        if not folder:
            return
        signer = self.signer()
        if signer is None:
            return
        engine, actor, data_dir = self.ctx.engine, self.ctx.actor, self.ctx.data_dir

        def work(progress: Any) -> int:
            from desktop.documents.printing import attachment_store

            progress(0, 2, "")
            store = attachment_store(data_dir)
            transfer_net.prepare(engine, actor=actor, signer=signer, store=store)
            with unit_of_work(engine, actor, rules=False) as s:
                sync_outbox.build_bundles(s, signer=signer, attachments=store)
            progress(1, 2, "")
            with unit_of_work(engine, actor, rules=False) as s:
                n = len(export_outbox(s, folder=Path(folder), institution=institution_info(s)))
            # Transfer packets and acknowledgements go on the stick too (issue 20).
            transfer_net.to_stick(engine, actor=actor, root=Path(folder), signer=signer)
            progress(2, 2, "")
            return n

        def done(n: int) -> None:
            self._set_busy(False)
            self.progress.setValue(100)
            self.message.setText(
                QCoreApplication.translate(
                    "SyncPage",
                    "{n} bundle(s) copied to {folder}. Take the stick to the district office and "
                    "bring back the receipts.",
                ).format(n=n, folder=folder)
            )

        self._set_busy(True, QCoreApplication.translate("SyncPage", "Copying to the USB stick…"))
        self._op = (
            BackgroundOp(self, work)
            .on_progress(lambda d, t, _x: self.progress.setValue(int(100 * d / t) if t else 0))
            .success(done)
            .failure(self._failed)
            .run_in_background()
        )

    def import_usb_receipts(self) -> None:
        """Acknowledge from the receipts the district office put on the stick."""
        folder = QFileDialog.getExistingDirectory(
            self, QCoreApplication.translate("SyncPage", "Choose the USB stick")
        )
        if not folder:
            return
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            res = import_receipts(
                s, folder=Path(folder), institution_uuid=institution_info(s)["uuid"]
            )
        text = QCoreApplication.translate(
            "SyncPage", "{n} receipt(s) checked and accepted."
        ).format(n=len(res.acknowledged))
        got = transfer_net.from_stick(self.ctx.engine, actor=self.ctx.actor, root=Path(folder))
        if got.received or got.acks_received:
            text += "\n" + QCoreApplication.translate(
                "SyncPage", "{n} transfer(s) and {a} acknowledgement(s) taken in (see Transfers)."
            ).format(n=got.received, a=got.acks_received)
        for why in got.refused:
            text += "\n" + QCoreApplication.translate("SyncPage", "Not taken in: {why}").format(
                why=why
            )
        for path, why in res.refused:
            text += "\n" + QCoreApplication.translate(
                "SyncPage", "Not accepted: {file}: {why}"
            ).format(file=path.name, why=why)
        self.message.setText(text)
        self.refresh()
