"""Logging in (offline), changing a password, and locking the window when nobody uses it.

Wiring (main window / start-up):
    actor = login_or_default(engine, default=Actor(...))   # None: the user gave up
    lock = IdleLock(window, ctx)                           # locks after the idle setting
    window's "Lock" action -> lock_window(window, ctx)
`ctx.events.actor_changed` is emitted when someone else unlocks the window.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.actor import Actor
from desktop.views.app_context import AppContext

if TYPE_CHECKING:
    from sqlalchemy import Engine

# The login of the window's start shows before SQLAlchemy, the models and the services are
# imported (issue 22): they load this long after its first paint, while the person types,
# and a login given sooner waits for them. Nothing here imports them before that.
LOAD_AFTER_PAINT_MS = 15
ERROR_STYLE = "color: #b00020; font-weight: bold;"
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def needs_login(engine: Engine) -> bool:
    """Whether this install has user accounts (if not, nobody can log in or lock yet)."""
    from sqlalchemy.orm import Session

    from desktop.services.install.users import has_users

    with Session(engine) as s:
        return has_users(s)


class LoginDialog(QDialog):
    """User name and password, checked offline; `actor` is set once the login succeeds.

    Given no engine but `connect` (the window's start: `AppContext.engine`), the dialog
    shows first and calls `connect` just after its first paint (the ORM and the services
    load while the person types); a login given before that waits for it.
    """

    def __init__(
        self,
        engine: Engine | None,
        parent: QWidget | None = None,
        *,
        username: str = "",
        locked: bool = False,
        title: str | None = None,
        connect: Callable[[], Engine] | None = None,
    ) -> None:
        super().__init__(parent)
        if engine is None and connect is None:
            raise ValueError("a LoginDialog needs an engine or a way to connect")
        self._engine = engine
        self._connect = connect
        self._load_asked = engine is not None
        self.actor: Actor | None = None
        self.locked = locked
        self.title = title
        self.setMinimumWidth(420)
        col = QVBoxLayout(self)
        from desktop.views.i18n import current_language
        from desktop.views.start.language import language_box, switch_language

        self.language_box = language_box(current_language())
        self.language_box.setToolTip("Language / भाषा")
        self.language_box.currentIndexChanged.connect(
            lambda _i: switch_language(str(self.language_box.currentData()))
        )
        language_label = QLabel("Language / भाषा:")
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(language_label)
        top.addWidget(self.language_box)
        col.addLayout(top)
        for w in (language_label, self.language_box):  # the open window has it in Settings
            w.setVisible(not locked)
        self.heading = heading = QLabel()
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        heading.setWordWrap(True)
        col.addWidget(heading)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setVisible(locked)
        col.addWidget(self.hint)
        self.form = form = QFormLayout()
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label, self.password_label = QLabel(), QLabel()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        col.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        col.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.login_button = QPushButton()
        self.login_button.setDefault(True)
        buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.retranslate()
        (self.password if username else self.username).setFocus()

    @property
    def engine(self) -> Engine:
        """The database's engine; connects first (`connect`) if not yet."""
        if self._engine is None:
            assert self._connect is not None
            self._engine = self._connect()
        return self._engine

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """The first paint of a dialog without its engine yet asks for it just after."""
        super().paintEvent(event)
        if not self._load_asked:
            self._load_asked = True
            QTimer.singleShot(LOAD_AFTER_PAINT_MS, self, self._load)

    def _load(self) -> None:
        try:
            self.engine  # noqa: B018 - connects (the ORM and the services imported)
        except Exception:  # said at the login (`try_login` connects again)
            import logging

            logging.getLogger("desktop").exception("cannot load the database")

    def retranslate(self) -> None:
        """Every text in the window's language (chosen here or before)."""
        self.setWindowTitle(self.title or self.tr("CLMS Desktop – log in"))
        self.heading.setText(
            self.tr("The screen is locked. Log in to continue.")
            if self.locked
            else self.tr("Log in to CLMS Desktop")
        )
        self.hint.setText(self.tr("Someone else may log in here with their own user name."))
        self.username_label.setText(self.tr("User name"))
        self.password_label.setText(self.tr("Password"))
        self.login_button.setText(self.tr("Log in"))
        self.cancel_button.setText(self.tr("Quit CLMS") if self.locked else self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """The language was switched (here, or in the main window behind)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def try_login(self) -> None:
        """Check the user name and password; on success close with the Actor (waiting
        first for the ORM and the services if the start has not loaded them yet)."""
        name = self.username.text().strip()
        if not name or not self.password.text():
            self._fail(self.tr("Enter your user name and password."))
            return
        try:
            engine = self.engine  # the ORM and the services, if the start has not loaded them
        except Exception as exc:  # a database that cannot be read: said here, not lost
            import logging

            logging.getLogger("desktop").exception("cannot open the database")
            self._fail(str(exc))
            return
        from desktop.services.core.errors import ServiceError
        from desktop.services.install.users import login

        try:
            actor = login(engine, username=name, password=self.password.text())
        except ServiceError as exc:
            self.password.clear()
            self._fail(str(exc))
            return
        self.actor = actor
        if self._must_change(actor):
            dialog = ChangePasswordDialog(
                self.engine, actor.username, self, old=self.password.text(), first=True
            )
            if not dialog.exec():
                self.actor = None
                self.password.clear()
                self._fail(self.tr("Choose a new password to continue."))
                return
        self.accept()

    def _must_change(self, actor: Actor) -> bool:
        from sqlalchemy.orm import Session

        from desktop.services.install.users import must_change_password

        with Session(self.engine) as s:
            return must_change_password(s, actor.username)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.password.setFocus()


class ChangePasswordDialog(QDialog):
    """Old password, new password twice; the rules are told in plain words."""

    def __init__(
        self,
        engine: Engine,
        username: str,
        parent: QWidget | None = None,
        *,
        old: str = "",
        first: bool = False,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.username_ = username
        self.setWindowTitle(self.tr("Change password"))
        col = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Your password was reset. Choose your own new password.")
            if first
            else self.tr("Choose a new password for {0}.").format(username)
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        hint = QLabel(
            self.tr("At least 8 characters, letters mixed with numbers or signs, not your name.")
        )
        hint.setWordWrap(True)
        col.addWidget(hint)
        form = QFormLayout()
        self.old = QLineEdit(old)
        self.new = QLineEdit()
        self.again = QLineEdit()
        for name, w in (("old", self.old), ("new", self.new), ("again", self.again)):
            w.setObjectName(name)
            w.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Current password"), self.old)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("New password again"), self.again)
        col.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        col.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        (self.new if old else self.old).setFocus()

    def save(self) -> None:
        """Change the password, or say what is wrong (a wrong current password counts
        towards the lock, as at the login)."""
        from desktop.services.core.errors import ServiceError, ValidationError
        from desktop.services.install.users import LoginRefused, change_own_password

        if self.new.text() != self.again.text():
            self._fail(self.tr("The two new passwords are not the same."))
            return
        try:
            change_own_password(
                self.engine,
                username=self.username_,
                old_password=self.old.text(),
                new_password=self.new.text(),
            )
        except ValidationError as exc:
            self._fail(" ".join(exc.errors.values()))
            return
        except LoginRefused as exc:
            self.old.clear()
            self._fail(str(exc) if exc.locked else self.tr("The current password is not right."))
            return
        except ServiceError as exc:
            self._fail(str(exc))
            return
        self.accept()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


def login_or_default(
    engine: Engine, *, default: Actor, parent: QWidget | None = None
) -> Actor | None:
    """Ask for a login if the install has users; else act as `default` (first start).

    Returns None when the person closes the login window (the app should then quit).
    """
    if not needs_login(engine):
        return default
    dialog = LoginDialog(engine, parent)
    return dialog.actor if dialog.exec() else None


def login_then(
    engine: Engine, on_actor: Callable[[Actor], None], *, parent: QWidget | None = None
) -> LoginDialog:
    """Show the login window without blocking; call `on_actor` once someone logs in."""
    dialog = LoginDialog(engine, parent)
    dialog.accepted.connect(lambda: on_actor(dialog.actor) if dialog.actor else None)
    dialog.open()
    return dialog


class IdleLock(QObject):
    """Locks the window after N idle minutes: the case data is hidden until a new login.

    Watches key presses, clicks and mouse moves in the whole application (an event
    filter on the QApplication). The same or another user may unlock; a different
    user becomes `ctx.actor` and `ctx.events.actor_changed` is emitted.
    """

    def __init__(
        self,
        window: QWidget,
        ctx: AppContext,
        *,
        minutes: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.dialog: LoginDialog | None = None
        self._hidden: list[QWidget] = []
        self.clock = clock  # seconds; tests pass their own instead of waiting in real time
        self.last_activity = clock()
        self.idle_seconds = 0.0
        self.timer = QTimer(self)  # looks at the clock now and then; input only notes the time
        self.timer.timeout.connect(self.check)
        self.set_minutes(minutes if minutes is not None else self._configured_minutes())
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        _locks[window] = self

    def _configured_minutes(self) -> float:
        from sqlalchemy.orm import Session

        from desktop.services.install.users import idle_lock_minutes

        with Session(self.ctx.engine) as s:
            return float(idle_lock_minutes(s))

    def set_minutes(self, minutes: float) -> None:
        """Change the idle time (e.g. after the setting changed) and start counting again."""
        self.idle_seconds = minutes * 60
        self.last_activity = self.clock()
        # Look often enough to lock within a few seconds of the time, rarely enough to cost nothing.
        self.timer.setInterval(int(min(max(self.idle_seconds * 1000 / 10, 50), 5_000)))
        self.timer.start()

    def check(self) -> None:
        """Lock if nobody has touched the keyboard or mouse for the idle time."""
        if not self.locked and self.clock() - self.last_activity >= self.idle_seconds:
            self.lock()

    @property
    def locked(self) -> bool:
        """Whether the window is locked now."""
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        """Any input while unlocked starts the idle count again."""
        if event.type() in _ACTIVITY and not self.locked:
            self.last_activity = self.clock()
        return False

    def lock(self) -> None:
        """Hide the window's content and ask for a login (no-op without user accounts)."""
        if self.locked or not needs_login(self.ctx.engine):
            return
        self._hide_data()
        self.dialog = LoginDialog(
            self.ctx.engine,
            self.window,
            username=self.ctx.actor.username,
            locked=True,
            title=self.tr("CLMS Desktop – locked"),
        )
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.finished.connect(self._finished)
        self.dialog.open()

    def _hide_data(self) -> None:
        """Hide the window's content and that of any open form (forms keep their input).

        Other dialogs are not closed (that would end their exec() and lose what was
        typed); their contents are hidden instead and shown again after the login.
        """
        content = self._content()
        if content is not None and content.isVisible():
            content.hide()
            self._hidden.append(content)
        for top in QApplication.topLevelWidgets():
            if top is self.window or not isinstance(top, QDialog) or not top.isVisible():
                continue
            for child in top.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            ):
                if child.isVisible():
                    child.hide()
                    self._hidden.append(child)

    def _content(self) -> QWidget | None:
        central = getattr(self.window, "centralWidget", None)
        return central() if callable(central) else None

    def _finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None or result != QDialog.DialogCode.Accepted or dialog.actor is None:
            # Closing the lock window closes the program: the data must stay hidden.
            self.window.close()
            return
        for w in self._hidden:
            w.show()
        self._hidden.clear()
        changed = dialog.actor.username != self.ctx.actor.username
        self.ctx.actor = dialog.actor  # the same person gets their scope fresh from the DB
        if changed:
            self.ctx.events.actor_changed.emit()
        self.last_activity = self.clock()


_locks: weakref.WeakKeyDictionary[QWidget, IdleLock] = weakref.WeakKeyDictionary()


def lock_window(window: QWidget, ctx: AppContext) -> None:
    """Lock the window now (the "Lock" menu action); uses the window's IdleLock if any."""
    lock = _locks.get(window) or IdleLock(window, ctx)
    lock.lock()
