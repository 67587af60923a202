"""One line about sync for the status bar and the Sync screen:
"offline · 12 changes waiting · last sent 20-11-2026 09:30".

Whether central answers is found out by a quick probe (`sync_client.exchange.upload.probe`, a few
seconds at most) in the background: now and then while the window is open, and by every
send. The figures (changes not yet acknowledged, the last receipt) are counted in the
background too; nothing here waits on the network or a big count on the GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from shiboken6 import isValid
from sqlalchemy.orm import Session

from desktop.models import Setting
from desktop.rules.dates import show_datetime
from desktop.views.app_context import AppContext
from desktop.views.ops import BackgroundOp

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # the name pyside6-lupdate looks for

CHECK_EVERY_MS = 5 * 60 * 1000  # how often the window asks central whether it is there
FIRST_CHECK_MS = 3000  # the first time: soon after the window opens, not while it draws


@dataclass(frozen=True)
class SyncFigures:
    """What the sync line says besides online or offline."""

    waiting: int  # records changed here that central has not acknowledged yet
    last_sent: datetime | None  # when the last receipt came (UTC)
    url: str  # central's address, "" if none is set
    practice: bool  # a practice folder never sends
    proxy: str | None = None


def read_figures(session: Session) -> SyncFigures:
    """The figures from the database (a few counts)."""
    from desktop.services.install.institution import is_training_folder
    from sync_client.exchange import outbox
    from sync_client.exchange.settings import PROXY_SETTING, URL_SETTING

    row = session.get(Setting, URL_SETTING)
    proxy = session.get(Setting, PROXY_SETTING)
    last = outbox.last_receipt(session)
    return SyncFigures(
        waiting=outbox.unacknowledged_count(session),
        last_sent=last.acknowledged_at if last is not None else None,
        url=row.value if row is not None and row.value else "",
        practice=is_training_folder(session),
        proxy=proxy.value if proxy is not None and proxy.value else None,
    )


def status_text(figures: SyncFigures | None, online: bool | None) -> str:
    """The line, in the window's language."""
    if figures is None:
        return translate("SyncStatus", "Sync: counting…")
    if figures.practice:
        return translate("SyncStatus", "Practice folder: never sent to the district or state")
    if not figures.url:
        where = translate("SyncStatus", "no state office address yet")
    elif online is None:
        where = translate("SyncStatus", "not checked yet")
    elif online:
        where = translate("SyncStatus", "online")
    else:
        where = translate("SyncStatus", "offline")
    n = figures.waiting
    if n == 0:
        waiting = translate("SyncStatus", "nothing waiting")
    elif n == 1:
        waiting = translate("SyncStatus", "1 change waiting")
    else:
        waiting = translate("SyncStatus", "{0} changes waiting").format(f"{n:,}")
    if figures.last_sent is None:
        sent = translate("SyncStatus", "never sent")
    else:
        when = figures.last_sent
        when = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone()
        sent = translate("SyncStatus", "last sent {0}").format(show_datetime(when))
    return " · ".join((where, waiting, sent))


class SyncWatcher(QObject):
    """Keeps the sync line current for the main window's status bar."""

    changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: SyncFigures | None = None
        self._generation = 0
        self._checking = False
        self._recount = QTimer(self)  # a burst of saves is counted once
        self._recount.setSingleShot(True)
        self._recount.setInterval(400)
        self._recount.timeout.connect(self.refresh)
        self._check = QTimer(self)
        self._check.setInterval(CHECK_EVERY_MS)
        self._check.timeout.connect(self.check_connection)
        ctx.events.child_changed.connect(lambda _id: self._recount.start())
        ctx.events.data_changed.connect(self._recount.start)
        ctx.events.connection_checked.connect(lambda _ok: self._recount.start())
        ctx.events.language_changed.connect(lambda _lang: self._show())

    def start(self) -> None:
        """Count now, ask central soon and then every few minutes."""
        self.refresh()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check_connection)
        self._check.start()

    def text(self) -> str:
        """The line as it stands."""
        return status_text(self.figures, self.ctx.online)

    def _show(self) -> None:
        self.changed.emit(self.text())

    def refresh(self) -> None:
        """Count the waiting changes and read the last receipt, off the GUI thread."""
        session = self.ctx.reader()
        self._generation += 1
        mine = self._generation

        def work(_progress: Any) -> SyncFigures:
            with session() as s:
                return read_figures(s)

        def done(figures: SyncFigures) -> None:
            if isValid(self) and mine == self._generation:
                self.figures = figures
                self._show()

        def failed(exc: BaseException) -> None:  # an older schema, a locked file: say nothing
            log.warning("sync figures unavailable: %s", exc)

        BackgroundOp(None, work).success(done).failure(failed).run_in_background()

    def check_connection(self) -> None:
        """Ask central whether it is there (a few seconds at most), off the GUI thread."""
        f = self.figures
        if self._checking or f is None or not f.url or f.practice:
            return
        from sync_client.exchange.upload import Offline, UploadSettings, probe

        settings = UploadSettings(url=f.url.rstrip("/"), proxy=f.proxy)
        self._checking = True

        def work(_progress: Any) -> bool:
            try:
                probe(settings)
            except Offline:
                return False
            return True

        def done(ok: bool) -> None:
            self._checking = False
            if isValid(self):
                self.ctx.online = ok
                self.ctx.events.connection_checked.emit(ok)

        def failed(exc: BaseException) -> None:
            self._checking = False
            log.warning("could not ask central: %s", exc)

        BackgroundOp(None, work).success(done).failure(failed).run_in_background()
