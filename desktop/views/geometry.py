"""Windows that fit the screen they open on, and come back where the user left them.

Office PCs have 1366x768 or 1024x768 screens with a taskbar: a window opens at its
preferred size shrunk to the screen's free area (less the title bar and borders the
system draws around it), centred. Its size and position, and the positions of the
splitters inside it, are remembered in QSettings (this computer's preferences, see
`prefs`) and restored next time, as long as they still fit the screen.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.views import prefs

# The title bar and borders the system draws around a window (Windows 10: about 31 px
# of title bar and 8 px borders); a window's own size must leave room for them.
FRAME = QSize(16, 40)


def available_area(widget: QWidget | None = None) -> QRect:
    """The free part of the screen (without the taskbar) where `widget` shows."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fitted_size(preferred: QSize, area: QRect) -> QSize:
    """`preferred`, made smaller where the area (less the window frame) is smaller."""
    return QSize(
        min(preferred.width(), area.width() - FRAME.width()),
        min(preferred.height(), area.height() - FRAME.height()),
    )


def place_window(
    window: QWidget, preferred: QSize, key: str | None = None, *, area: QRect | None = None
) -> None:
    """Give `window` its remembered geometry (if it fits), else `preferred` fitted, centred.

    With a `key` the geometry is remembered when the window closes or hides.
    """
    window.setProperty("preferred_size", preferred)  # for the tests of small screens
    area = area if area is not None else available_area(window.parentWidget() or window)
    if key is not None:
        window.installEventFilter(_Keeper(window, key))
        if _restore(window, key, area):
            return
    size = fitted_size(preferred, area)
    window.resize(size)
    window.move(
        area.x() + max((area.width() - size.width()) // 2, 0),
        area.y() + max((area.height() - size.height() - FRAME.height() // 2) // 2, 0),
    )


def _restore(window: QWidget, key: str, area: QRect) -> bool:
    saved = prefs.app_settings().value(f"windows/{key}/geometry")
    if not isinstance(saved, QByteArray) or saved.isEmpty():
        return False
    if not window.restoreGeometry(saved):
        return False
    if window.isMaximized():
        return True
    g = window.geometry()
    if g.width() + FRAME.width() > area.width() or g.height() + FRAME.height() > area.height():
        return False  # saved on a bigger screen: start afresh at the default size
    frame = g.adjusted(0, 0, FRAME.width(), FRAME.height())
    if not area.contains(frame):  # a screen no longer there: the same size, back in view
        window.move(
            min(max(g.x(), area.x()), area.right() - frame.width()),
            min(max(g.y(), area.y()), area.bottom() - frame.height()),
        )
    return True


def save_geometry(window: QWidget, key: str) -> None:
    """Remember the window's size and position now."""
    s = prefs.app_settings()
    s.setValue(f"windows/{key}/geometry", window.saveGeometry())
    s.sync()


class _Keeper(QObject):
    """Saves a window's geometry when it closes or hides."""

    def __init__(self, window: QWidget, key: str) -> None:
        super().__init__(window)
        self.key = key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        closing = event.type() in (QEvent.Type.Close, QEvent.Type.Hide)
        if closing and isinstance(watched, QWidget) and watched.isWindow():
            save_geometry(watched, self.key)
        return False


def remember_splitter(splitter: QSplitter, key: str) -> None:
    """Restore the splitter's positions from last time and keep them as the user drags."""
    saved = prefs.app_settings().value(f"splitters/{key}")
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        splitter.restoreState(saved)

    def moved(_pos: int, _index: int) -> None:
        s = prefs.app_settings()
        s.setValue(f"splitters/{key}", splitter.saveState())

    splitter.splitterMoved.connect(moved)


class WrappedRows(QStyledItemDelegate):
    """Rows of a list that wrap long words onto more lines inside the list's width.

    A list with `setWordWrap(True)` wraps at the full width of its viewport, and a style
    sheet's item padding is then added on top, so the row comes out wider than the list and
    its end is cut ("One child, two hon"). This delegate wraps at the width left after the
    padding (`padding`, both sides together).
    """

    @classmethod
    def install(cls, view: QAbstractItemView, padding: int) -> None:
        """Make `view`'s long rows wrap inside its width, never cut or elided."""
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setItemDelegate(cls(view, padding))

    def __init__(self, view: QAbstractItemView, padding: int) -> None:
        super().__init__(view)
        self._view = view
        self._padding = padding

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        narrowed = QStyleOptionViewItem(option)
        width = self._view.viewport().width() - self._padding
        narrowed.rect = QRect(0, 0, max(width, 1), 10_000)
        return super().sizeHint(narrowed, index)
