"""Keeping a screen's data current without reading the database more than needed."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QWidget


class RefreshOnChange(QObject):
    """A change marks the screen's data stale; a shown screen reloads once per burst.

    Several events of one change (child_changed, flags_changed...) arrive together: the
    short timer folds them into one reload. A hidden screen only remembers it is stale
    and reloads when it is next shown (`shown()`, called from the page's showEvent).
    The page's `reload` sets `stale = False` when it starts loading.
    """

    def __init__(
        self,
        page: QWidget,
        reload: Callable[[], None],
        signals: Iterable[SignalInstance],
        *,
        delay_ms: int = 30,
    ) -> None:
        super().__init__(page)
        self.page = page
        self.reload = reload
        self.stale = True
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(reload)
        for sig in signals:
            sig.connect(self.changed)

    def changed(self, *_args: object) -> None:
        """Something this screen shows may have changed."""
        self.stale = True
        if self.page.isVisible():
            self.timer.start()

    def shown(self) -> None:
        """The screen became visible: reload if anything changed meanwhile."""
        if self.stale:
            self.reload()
