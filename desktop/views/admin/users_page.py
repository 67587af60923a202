"""Managing who can log in: add users, reset forgotten passwords, unlock, switch off; idle lock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.enums import Role
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.views.app_context import AppContext
from desktop.views.forms import add_save_shortcut
from desktop.views.messages import problem_text

ERROR_STYLE = "color: #b00020; font-weight: bold;"
# Translated where shown: `translate("UsersPage", ROLE_NAMES[role])`.
ROLE_NAMES = {
    Role.CASEWORKER: QT_TRANSLATE_NOOP("UsersPage", "Caseworker"),
    Role.SUPERINTENDENT: QT_TRANSLATE_NOOP("UsersPage", "Superintendent"),
    Role.DISTRICT_OFFICIAL: QT_TRANSLATE_NOOP("UsersPage", "District official"),
    Role.STATE_OFFICIAL: QT_TRANSLATE_NOOP("UsersPage", "State official"),
    Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("UsersPage", "Administrator"),
    Role.DCPO: QT_TRANSLATE_NOOP("UsersPage", "District Child Protection Officer"),
    Role.PROTECTION_OFFICER: QT_TRANSLATE_NOOP("UsersPage", "Protection officer"),
    Role.DATA_ENTRY: QT_TRANSLATE_NOOP("UsersPage", "Data entry"),
}
# The roles offered at a district office (issue 17) and at a CCI.
OFFICE_CHOICES = (Role.DCPO, Role.PROTECTION_OFFICER, Role.DATA_ENTRY, Role.ADMINISTRATOR)
CCI_CHOICES = tuple(r for r in ROLE_NAMES if r not in OFFICE_CHOICES or r == Role.ADMINISTRATOR)
PASSWORD_HINT = QT_TRANSLATE_NOOP(
    "UsersPage", "At least 8 characters, letters mixed with numbers or signs, not the user name."
)
translate = QCoreApplication.translate  # the name pyside6-lupdate looks for


class _Form(QDialog):
    """A small dialog whose Save runs `save(values)`; errors are shown, the dialog stays."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.col = QVBoxLayout(self)
        self.form = QFormLayout()
        self.col.addLayout(self.form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.col.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        add_save_shortcut(self, self._save)

    def finish(self) -> None:
        """Add the buttons under the fields (call once the fields are in)."""
        self.col.addWidget(self.buttons)

    def password_pair(self) -> tuple[QLineEdit, QLineEdit]:
        """Password and its repeat, with the rules told beside them."""
        pw, again = QLineEdit(), QLineEdit()
        pw.setObjectName("password")
        again.setObjectName("again")
        for w in (pw, again):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("Password"), pw)
        self.form.addRow(self.tr("Password again"), again)
        hint = QLabel(translate("UsersPage", PASSWORD_HINT))
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        return pw, again

    def save(self) -> None:
        """Do the work; raise ServiceError to keep the dialog open with the message."""
        raise NotImplementedError

    def _save(self) -> None:
        try:
            self.save()
        except ValidationError as exc:
            self.error.setText(problem_text(exc.errors))
            self.error.show()
            return
        except ServiceError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class AddUserDialog(_Form):
    """Add a person who may log in, with their role (and districts for a district official)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add a user"), parent)
        self.ctx = ctx
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        from sqlalchemy.orm import Session

        from desktop.services.install.office import office_district

        with Session(ctx.engine) as s:
            at_office = office_district(s) is not None
        for role in OFFICE_CHOICES if at_office else CCI_CHOICES:
            self.role.addItem(translate("UsersPage", ROLE_NAMES[role]), role.value)
        self.role.setCurrentIndex(0)
        self.districts = QLineEdit()
        self.districts.setObjectName("districts")
        self.districts.setPlaceholderText(self.tr("LGD codes, e.g. 212, 213"))
        self.form.addRow(self.tr("User name"), self.username)
        self.form.addRow(self.tr("Full name"), self.full_name)
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow(self.tr("Districts"), self.districts)
        self.password, self.again = self.password_pair()
        self.finish()
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self) -> None:
        # Only a district official is limited to districts; CCI staff get the home's own.
        self.districts.setEnabled(self.role.currentData() == Role.DISTRICT_OFFICIAL.value)

    def save(self) -> None:
        """Create the account."""
        from desktop.services.install.users import create_user

        if self.password.text() != self.again.text():
            raise ValidationError({"password": self.tr("The two passwords are not the same.")})
        try:
            codes = [int(p) for p in self.districts.text().replace(" ", "").split(",") if p]
        except ValueError:
            raise ValidationError(
                {"districts": self.tr("Districts are LGD numbers, separated by commas.")}
            ) from None
        with unit_of_work(self.ctx.engine, self.ctx.actor) as s:
            create_user(
                s,
                username=self.username.text(),
                full_name=self.full_name.text(),
                role=str(self.role.currentData()),
                password=self.password.text(),
                districts=codes,
            )


class ResetPasswordDialog(_Form):
    """Give a user who forgot their password a new one; they choose their own at next login."""

    def __init__(self, ctx: AppContext, username: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New password for {0}").format(username), parent)
        self.ctx = ctx
        self.username = username
        intro = QLabel(
            self.tr("Tell {0} this password; they must choose their own when they log in.").format(
                username
            )
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.password, self.again = self.password_pair()
        self.finish()

    def save(self) -> None:
        """Reset the password (and lift any lockout)."""
        from desktop.services.install.users import reset_password

        if self.password.text() != self.again.text():
            raise ValidationError({"password": self.tr("The two passwords are not the same.")})
        with unit_of_work(self.ctx.engine, self.ctx.actor) as s:
            reset_password(s, username=self.username, new_password=self.password.text())


class UsersPage(QWidget):
    """Everyone who can log in here; a superintendent adds staff and resets passwords."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("UsersPage", "User name"),
        QT_TRANSLATE_NOOP("UsersPage", "Full name"),
        QT_TRANSLATE_NOOP("UsersPage", "Role"),
        QT_TRANSLATE_NOOP("UsersPage", "Status"),
        QT_TRANSLATE_NOOP("UsersPage", "Last login"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[dict[str, Any]] = []
        col = QVBoxLayout(self)
        title = QLabel(self.tr("Users"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        col.addWidget(title)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for i in range(len(self.COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        col.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a user…"))
        self.reset_button = QPushButton(self.tr("New password…"))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.active_button = QPushButton(self.tr("Switch off"))
        self.mine_button = QPushButton(self.tr("Change my password…"))
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock)
        self.active_button.clicked.connect(self.toggle_active)
        self.mine_button.clicked.connect(self.change_mine)
        for b in (self.add_button, self.reset_button, self.unlock_button, self.active_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.mine_button)
        col.addLayout(buttons)

        idle = QHBoxLayout()
        idle.addWidget(QLabel(self.tr("Lock the screen after")))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setSuffix(self.tr(" minutes without use"))
        self.idle_save = QPushButton(self.tr("Save"))
        self.idle_save.clicked.connect(self.save_idle)
        idle.addWidget(self.idle_minutes)
        idle.addWidget(self.idle_save)
        idle.addStretch(1)
        col.addLayout(idle)
        self.message = QLabel()
        self.message.setWordWrap(True)
        col.addWidget(self.message)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        """Read the users again."""
        from desktop.services.install.users import idle_lock_minutes, list_users

        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            self.idle_minutes.setValue(idle_lock_minutes(s))
            self.users = [
                {
                    "username": u.username,
                    "full_name": u.full_name,
                    "role": u.role,
                    "active": u.active,
                    "failed": u.failed_logins or 0,
                    "locked": u.locked_until is not None,
                    "last": u.last_login_at.strftime("%d-%m-%Y %H:%M") if u.last_login_at else "",
                }
                for u in list_users(s)
            ]
        self.table.setRowCount(len(self.users))
        for r, u in enumerate(self.users):
            status = self.tr("Active") if u["active"] else self.tr("Switched off")
            if u["locked"]:
                status = self.tr("Locked after {0} wrong passwords").format(u["failed"])
            elif u["failed"]:
                status += self.tr(", {0} wrong passwords typed").format(u["failed"])
            values = (
                u["username"],
                u["full_name"],
                translate("UsersPage", ROLE_NAMES.get(Role(u["role"]), u["role"])),
                status,
                u["last"] or self.tr("never"),
            )
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self._update_buttons()

    def selected(self) -> dict[str, Any] | None:
        """The user of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.users[rows[0].row()] if rows else None

    def select(self, username: str) -> None:
        """Select a user's row (for keyboard users and tests)."""
        for r, u in enumerate(self.users):
            if u["username"] == username:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        u = self.selected()
        for b in (self.reset_button, self.unlock_button, self.active_button):
            b.setEnabled(u is not None)
        if u is not None:
            self.active_button.setText(
                self.tr("Switch off") if u["active"] else self.tr("Switch on")
            )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def add_user(self) -> None:
        """Open the add-user dialog."""
        if AddUserDialog(self.ctx, self).exec():
            self._say(self.tr("User added."))
            self.refresh()

    def reset_password(self) -> None:
        """Give the selected user a new password."""
        u = self.selected()
        if u and ResetPasswordDialog(self.ctx, u["username"], self).exec():
            self._say(self.tr("New password set for {0}.").format(u["username"]))
            self.refresh()

    def _run(self, fn: Any, done: str) -> None:
        try:
            with unit_of_work(self.ctx.engine, self.ctx.actor) as s:
                fn(s)
        except ValidationError as exc:
            self._say(" ".join(exc.errors.values()), error=True)
            return
        except ServiceError as exc:
            self._say(str(exc), error=True)
            return
        self._say(done)
        self.refresh()

    def unlock(self) -> None:
        """Let the selected user try again at once."""
        from desktop.services.install.users import unlock_user

        u = self.selected()
        if u:
            name = u["username"]
            self._run(
                lambda s: unlock_user(s, username=name), self.tr("{0} can log in.").format(name)
            )

    def toggle_active(self) -> None:
        """Switch the selected account off (after asking) or on again."""
        from desktop.services.install.users import set_active

        u = self.selected()
        if not u:
            return
        name, on = u["username"], not u["active"]
        if not on:
            sure = QMessageBox.question(
                self,
                self.tr("Switch off"),
                self.tr("{0} will no longer be able to log in. Continue?").format(name),
            )
            if sure != QMessageBox.StandardButton.Yes:
                return
        self._run(lambda s: set_active(s, username=name, active=on), self.tr("Saved."))

    def change_mine(self) -> None:
        """Change the logged-in user's own password."""
        from desktop.views.start.login import ChangePasswordDialog

        if ChangePasswordDialog(self.ctx.engine, self.ctx.actor.username, self).exec():
            self._say(self.tr("Your password is changed."))

    def save_idle(self) -> None:
        """Store the idle time before the screen locks (applies at the next start)."""
        from desktop.services.install.users import set_idle_lock_minutes

        minutes = self.idle_minutes.value()
        self._run(
            lambda s: set_idle_lock_minutes(s, minutes=minutes),
            self.tr("The screen will lock after {0} minutes without use.").format(minutes),
        )
