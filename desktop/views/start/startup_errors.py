"""What the window says when the data folder's database cannot be opened at start-up.

Above all after an update: the first start of a new version backs the database up and
updates it (desktop/db.py `upgrade`); if that fails the database is put back as it was,
and the person at the PC is told so in plain words, in the language of the screens, with
where the copy is and what to do next.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from desktop.db import DatabaseTooNew, UpgradeFailed
from desktop.version import __version__


class StartupMessages(QObject):
    """The words (self.tr: they are translated like every screen's)."""

    def text_for(self, exc: BaseException, data_dir: Path) -> str:
        """The message for an error raised while opening the database in `data_dir`."""
        if isinstance(exc, UpgradeFailed) and exc.restored:
            return self.tr(
                "CLMS Desktop {version} could not update the case records to work with "
                "this new version.\n\nNothing was lost: the records were put back exactly as "
                "they were before the update. A copy made before the update is kept here:\n"
                "{backup}\n\nYou can install the earlier version of CLMS Desktop again and go "
                "on working with it. Please tell your district's CLMS support what happened "
                "and give them this message:\n{reason}"
            ).format(version=__version__, backup=exc.backup, reason=_reason(exc.cause))
        if isinstance(exc, UpgradeFailed):
            return self.tr(
                "CLMS Desktop {version} could not update the case records, and could not "
                "put them back by itself either.\n\nDo not enter records on this computer "
                "now. The copy made just before the update is safe here:\n{backup}\n\nCall "
                "your district's CLMS support: they will put that copy back. Give them this "
                "message:\n{reason}"
            ).format(version=__version__, backup=exc.backup, reason=_reason(exc.cause))
        if isinstance(exc, DatabaseTooNew):
            return self.tr(
                "These case records were last opened with a newer version of CLMS Desktop "
                "than this one ({version}). Nothing was changed.\n\nInstall the newer "
                "version again to open them."
            ).format(version=__version__)
        return self.tr(
            "The case database in\n{folder}\ncould not be opened:\n\n{reason}\n\nCopies made "
            "before any update are in the 'backups' folder beside it."
        ).format(folder=data_dir, reason=_reason(exc))

    def show(self, exc: BaseException, data_dir: Path) -> str:
        """Show the message in a window (the app then closes); returns its text."""
        text = self.text_for(exc, data_dir)
        QMessageBox.critical(None, self.tr("CLMS Desktop"), text)
        return text


def _reason(exc: BaseException) -> str:
    """The technical cause on one line (for support, not for the reader to act on)."""
    return f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
