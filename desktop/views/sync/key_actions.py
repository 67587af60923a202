"""The Sync screen's key and enrolment actions: the CA file, enrolment, this CCI's
signing key (made, unlocked once per window) and the offices' public keys.

A mixin of `SyncPage` (kept apart so each module stays short); it uses the page's `ctx`,
`state`, `message`, `url_edit`, `_signer`, `_set_busy`, `_failed`, `_pending_text` and
`refresh`. Its words are in the "SyncPage" translation context, as the page's own are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
)
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from desktop.services.core.context import unit_of_work
from desktop.views.ops import BackgroundOp
from sync_client.exchange import keys as key_store
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import (
    EnrolStatus,
    enrol,
    institution_info,
    save_settings,
    settings_from_db,
)


class SyncKeyActions:
    """Enrolment and the sync keys, for `SyncPage`."""

    def choose_ca_file(self) -> None:
        """Remember the state's own CA certificate, against which the server is checked."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("SyncPage", "State office certificate (CA) file"),
            str(Path.home()),
            QCoreApplication.translate("SyncPage", "Certificates (*.pem *.crt)"),
        )
        if not path:
            return
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            save_settings(s, ca_file=path)
        self.message.setText(
            QCoreApplication.translate(
                "SyncPage", "The state office's certificate will be checked against {file}."
            ).format(file=path)
        )

    def ask_enrolment(self) -> None:
        """Ask the state office to enrol this CCI's key (with a one-time code if given)."""
        url = self.url_edit.text().strip()
        if not url:
            self.message.setText(
                QCoreApplication.translate("SyncPage", "Type the state office's address first.")
            )
            return
        code, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("SyncPage", "Enrolment"),
            QCoreApplication.translate(
                "SyncPage",
                "If the district office gave you a one-time enrolment code, type it here. "
                "Otherwise leave it empty: the state office will approve by phone.",
            ),
        )
        if not ok:
            return
        signer = self.signer()
        if signer is None:
            return
        engine, actor = self.ctx.engine, self.ctx.actor

        def work(_progress: Any) -> EnrolStatus:
            with unit_of_work(engine, actor, rules=False) as s:
                save_settings(s, url=url)
                settings = settings_from_db(s)
                info = institution_info(s)
            return enrol(settings, institution=info, signer=signer, code=code.strip() or None)

        def done(got: EnrolStatus) -> None:
            self._set_busy(False)
            if got.enrolled:
                self.message.setText(
                    QCoreApplication.translate(
                        "SyncPage", "This CCI is enrolled with the state office: you can send now."
                    )
                )
            else:
                self.message.setText(self._pending_text())

        self._set_busy(True, QCoreApplication.translate("SyncPage", "Asking the state office…"))
        BackgroundOp(self, work).success(done).failure(self._failed).run_in_background()

    # -- keys --------------------------------------------------------------------------

    def _passphrase(self, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("SyncPage", "Sync key"),
            prompt,
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    def signer(self) -> key_files.OwnKeys | None:
        """This CCI's private key, unlocked (asks for the passphrase once per window)."""
        if self._signer is None:
            pw = None
            if self.state.own_storage == "file":
                pw = self._passphrase(
                    QCoreApplication.translate("SyncPage", "Passphrase of this CCI's sync key:")
                )
                if pw is None:
                    return None
            try:
                with Session(self.ctx.engine) as s:
                    self._signer = sync_outbox.load_own_keys(
                        s, data_dir=self.ctx.data_dir, passphrase=pw
                    )
            except (key_files.SyncKeyError, ValueError) as exc:
                self.message.setText(
                    QCoreApplication.translate(
                        "SyncPage", "The key could not be opened: {why}"
                    ).format(why=exc)
                )
                return None
            self.message.clear()  # an earlier "could not be opened" no longer holds
        return self._signer

    def setup_key(self) -> None:
        """Make this CCI's signing key (asks for a passphrase if there is no keyring)."""
        pw = None
        if not key_store.keyring_usable():
            pw = self._passphrase(
                QCoreApplication.translate(
                    "SyncPage",
                    "This computer has no key store, so the key will be kept in a file protected "
                    "by a passphrase. Choose a passphrase:",
                )
            )
            if (
                pw is None
                or self._passphrase(
                    QCoreApplication.translate("SyncPage", "Type the passphrase again:")
                )
                != pw
            ):
                self.message.setText(
                    QCoreApplication.translate(
                        "SyncPage", "The key was not made: the passphrases differ."
                    )
                )
                return
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            name = institution_info(s)["name"]
            stored = sync_outbox.create_own_keys(
                s, data_dir=self.ctx.data_dir, name=name, passphrase=pw
            )
        self._signer = stored.keys
        text = QCoreApplication.translate(
            "SyncPage", "This CCI's key is ready. Fingerprint: {fp}"
        ).format(fp=stored.keys.public().fingerprint)
        if stored.warning:
            text += "\n\n" + QCoreApplication.translate(
                "SyncPage",
                "No key store was found on this computer, so the key is kept in a "
                "passphrase-protected file. Keep the passphrase safe: it is needed to send.",
            )
        QMessageBox.information(self, QCoreApplication.translate("SyncPage", "Sync key"), text)
        self.refresh()

    def import_key(self) -> None:
        """Import the state or district office's public key file (fingerprint shown)."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("SyncPage", "Office key file"),
            str(Path.home()),
            QCoreApplication.translate("SyncPage", "Key files (*.pub)"),
        )
        if not path:
            return
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
                pub = sync_outbox.import_public_key(s, path=Path(path))
        except (key_files.SyncKeyError, ValueError) as exc:
            QMessageBox.warning(
                self, QCoreApplication.translate("SyncPage", "Office key file"), str(exc)
            )
            return
        office = (
            QCoreApplication.translate("SyncPage", "state office")
            if pub.role == "central"
            else QCoreApplication.translate("SyncPage", "district office")
        )
        QMessageBox.information(
            self,
            QCoreApplication.translate("SyncPage", "Office key file"),
            QCoreApplication.translate(
                "SyncPage",
                "The key of the {office} ({name}) was imported.\n\nFingerprint: {fp}\n\n"
                "Please phone the office and check that they read out the same fingerprint.",
            ).format(office=office, name=pub.name, fp=pub.fingerprint),
        )
        self.refresh()
