"""Files handed to the window (double-clicked, dropped on the icon): receipts and bundles.

The Windows installer associates `.receipt` and `.clmsb` files with CLMS Desktop, so a
superintendent can double-click a receipt the district office put on the USB stick: it is
checked and, if its signature holds, acknowledged, as "Import receipts from USB" does. A
bundle is encrypted for the district and state offices only; opening one says what it is
(from its signed header, never decrypted here) and where it has to go.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.views.app_context import AppContext

# As sync_client.exchange.usb's (a test checks): sync and cryptography load only when a file opens.
BUNDLE_SUFFIX, RECEIPT_SUFFIX = ".clmsb", ".receipt"
SUFFIXES = (BUNDLE_SUFFIX, RECEIPT_SUFFIX)


def split_files(args: list[str]) -> tuple[list[Path], list[str]]:
    """The receipt and bundle files among the arguments, and the rest (Qt's own options)."""
    files = [Path(a) for a in args if not a.startswith("-") and a.lower().endswith(SUFFIXES)]
    rest = [a for a in args if not (not a.startswith("-") and a.lower().endswith(SUFFIXES))]
    return files, rest


class FileOpener(QObject):
    """Opens one file in the window and tells the user, in plain words, what came of it."""

    def __init__(self, window: QWidget, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx

    def open(self, path: Path) -> str:
        """Act on the file and show the outcome in a message box; returns the message."""
        if path.suffix.lower() == RECEIPT_SUFFIX:
            ok, text = self._receipt(path)
        elif path.suffix.lower() == BUNDLE_SUFFIX:
            ok, text = self._bundle(path)
        else:
            ok, text = (
                False,
                self.tr("CLMS Desktop cannot open this kind of file: {0}").format(path.name),
            )
        box = QMessageBox.information if ok else QMessageBox.warning
        box(self.window, self.tr("Open a file"), text)
        return text

    def _receipt(self, path: Path) -> tuple[bool, str]:
        from bundle_format.receipts import ReceiptError
        from desktop.services.core.context import unit_of_work
        from desktop.services.core.errors import ServiceError
        from sync_client.exchange.usb import import_receipt_file

        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                ack = import_receipt_file(s, path=path)
        except (ReceiptError, ServiceError) as exc:
            return False, self.tr("This receipt was not accepted: {0}").format(exc)
        show = getattr(self.window, "show_page", None)
        if callable(show):  # the Sync screen shows the new figures
            page = show("sync")
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()
        if ack.already:
            return True, self.tr("This receipt (bundle {0}) had been accepted before.").format(
                ack.bundle_seq
            )
        return True, self.tr(
            "The receipt for bundle {0} was checked and accepted: {1} record(s) are now "
            "counted as received by the {2}."
        ).format(ack.bundle_seq, ack.acknowledged, self._office(ack.receiver))

    def _bundle(self, path: Path) -> tuple[bool, str]:
        from bundle_format.bundle import BundleError, parse_bundle

        try:
            bundle = parse_bundle(path.read_bytes())
        except OSError as exc:
            return False, self.tr("The file could not be read: {0}").format(exc.strerror)
        except BundleError as exc:
            return False, self.tr("This is not a CLMS bundle, or it is damaged: {0}").format(
                exc.message
            )
        h = bundle.header
        counts = h.get("counts", {})
        return True, self.tr(
            "This is sync bundle number {0} of {1}, made on {2}, with {3} record(s).\n\n"
            "It is locked (encrypted) for the district office and the state office: it cannot "
            "be read on this computer. Take the USB stick to the district office, or send it "
            "from the Sync screen."
        ).format(
            bundle.seq,
            bundle.institution.get("name", ""),
            str(h.get("created_at", ""))[:10],
            counts.get("records", 0),
        )

    def _office(self, role: str) -> str:
        return self.tr("state office") if role == "central" else self.tr("district office")
