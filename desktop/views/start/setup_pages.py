"""The pages of the set-up assistant (`wizard.SetupWizard`): the choice (a CCI, a district
office or practice data), the institution, the superintendent's account, the district office
and the practice folder; with the language choice the login screen shares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWizardPage,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.models.enums import InstitutionType, Role
from desktop.services.core import lgd
from desktop.services.core.context import Actor
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.services.install.institution import setup_institution
from desktop.vault import store as vault
from desktop.views.forms import ERROR_STYLE, FieldSpec, FormWidget
from desktop.views.messages import problem_text
from desktop.views.start.language import LANGUAGE_NAMES as LANGUAGE_NAMES
from desktop.views.start.language import language_box as language_box
from desktop.views.start.language import switch_language as switch_language

# The assistant's page ids (`SetupWizard.CHOICE`...).
CHOICE, INSTITUTION, ACCOUNT, PRACTICE, RECOVERY, OFFICE = range(6)
SETUP_ACTOR = Actor("setup", Role.SUPERINTENDENT.value, "first set-up")
TRAINING_ACTOR = Actor("trainee", Role.SUPERINTENDENT.value, "Practice user")
DEFAULT_STATE, DEFAULT_DISTRICT = 10, 212  # Bihar, Patna: the first state with a district list
TRAINING_CHILDREN = 200

# Type names are translated where they are shown (`self.tr(name)`).
CCI_TYPES = [
    (QT_TRANSLATE_NOOP("InstitutionPage", "Children's Home"), InstitutionType.CHILDRENS_HOME.value),
    (QT_TRANSLATE_NOOP("InstitutionPage", "Open Shelter"), InstitutionType.OPEN_SHELTER.value),
    (
        QT_TRANSLATE_NOOP("InstitutionPage", "Observation Home"),
        InstitutionType.OBSERVATION_HOME.value,
    ),
    (QT_TRANSLATE_NOOP("InstitutionPage", "Special Home"), InstitutionType.SPECIAL_HOME.value),
    (
        QT_TRANSLATE_NOOP("InstitutionPage", "Place of Safety"),
        InstitutionType.PLACE_OF_SAFETY.value,
    ),
    (
        QT_TRANSLATE_NOOP("InstitutionPage", "Specialised Adoption Agency (SAA)"),
        InstitutionType.SAA.value,
    ),
    (QT_TRANSLATE_NOOP("InstitutionPage", "Fit Facility"), InstitutionType.FIT_FACILITY.value),
    (
        QT_TRANSLATE_NOOP("InstitutionPage", "After-care Organisation"),
        InstitutionType.AFTER_CARE.value,
    ),
]


def training_folder_for(data_dir: Path) -> Path:
    """The practice folder beside the real one (never the real one itself)."""
    return data_dir.with_name(data_dir.name + "-training")


def trial(engine: Engine, actor: Actor, fn: Callable[[Session], Any]) -> None:
    """Run `fn` in a transaction that is always rolled back: the services' own checks, no write."""
    with Session(engine, info={"actor": actor, "skip_flag_eval": True, "as_of": None}) as s:
        tx = s.begin()
        try:
            fn(s)
        finally:
            tx.rollback()


class WizardHost(Protocol):
    """What the pages use of the assistant (`wizard.SetupWizard`)."""

    engine: Engine
    data_dir: Path
    choice_page: ChoicePage
    institution_page: InstitutionPage
    office_page: OfficePage

    def finish_setup(
        self, *, institution: dict[str, Any], full_name: str, username: str, password: str
    ) -> Actor: ...

    def finish_office(
        self, *, office: dict[str, Any], full_name: str, username: str, password: str
    ) -> Actor: ...

    def open_training(self, folder: Path) -> Path: ...


class ChoicePage(QWizardPage):
    """The language, then: real set-up, or practice with made-up children."""

    def __init__(self) -> None:
        super().__init__()
        from desktop.views.i18n import current_language

        self.language_label = QLabel("Language / भाषा:")
        self.language_box = language_box(current_language())
        self.language_box.currentIndexChanged.connect(
            lambda _i: switch_language(str(self.language_box.currentData()))
        )
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language_box)
        row.addStretch(1)
        self.real = QRadioButton()
        self.district = QRadioButton()
        self.practice = QRadioButton()
        self.real.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addSpacing(12)
        layout.addWidget(self.real)
        layout.addWidget(self.district)
        layout.addWidget(self.practice)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the window's language."""
        self.setTitle(self.tr("Welcome to CLMS Desktop"))
        self.setSubTitle(self.tr("This computer has no case records yet. What do you want to do?"))
        self.real.setText(self.tr("Set up this computer for my institution"))
        self.district.setText(
            self.tr(
                "Set up this computer for a district office (DCPU): see the CCIs of the district"
            )
        )
        self.practice.setText(
            self.tr("Practise first with made-up children (kept in a separate practice folder)")
        )

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        """Practice skips the institution and account pages; a district office has its own."""
        if self.practice.isChecked():
            return PRACTICE
        return OFFICE if self.district.isChecked() else INSTITUTION


class InstitutionPage(QWizardPage):
    """The institution's details with LGD state and district lists."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.wiz = wizard
        self.form = FormWidget(self._fields())
        self.state = QComboBox()
        for code, name in sorted(lgd.states().items(), key=lambda kv: kv[1]):
            self.state.addItem(name, code)
        self.district = QComboBox()
        self.district_code = QSpinBox()  # for states without a shipped district list
        self.district_code.setRange(1, 9999)
        self.code = QSpinBox()
        self.code.setRange(1, 9999)
        self.boys, self.girls = QSpinBox(), QSpinBox()
        for box in (self.boys, self.girls):
            box.setRange(0, 5000)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.state.currentIndexChanged.connect(self._fill_districts)
        self.state.setCurrentIndex(max(self.state.findData(DEFAULT_STATE), 0))

        grid = self.form.layout()  # the same column as the fields above: labels line up
        assert isinstance(grid, QFormLayout)
        self.row_labels: dict[str, QLabel] = {}
        for key, widget in (
            ("state", self.state),
            ("district", self.district),
            ("district_code", self.district_code),
            ("code", self.code),
            ("boys", self.boys),
            ("girls", self.girls),
        ):
            self.row_labels[key] = QLabel()
            grid.insertRow(grid.rowCount() - 1, self.row_labels[key], widget)  # above errors
        self._fill_districts()
        self.district.setCurrentIndex(max(self.district.findData(DEFAULT_DISTRICT), 0))
        # A message about the whole page goes as soon as anything is changed again.
        self.form.changed.connect(self.error.clear)
        for box in (self.state, self.district):
            box.currentIndexChanged.connect(lambda _i: self.error.clear())
        for spin in (self.district_code, self.code, self.boys, self.girls):
            spin.valueChanged.connect(lambda _v: self.error.clear())
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        self.retranslate()

    def _fields(self) -> list[FieldSpec]:
        return [
            FieldSpec("name", self.tr("Name of the institution *")),
            FieldSpec("name_local", self.tr("Name in Hindi / local script")),
            FieldSpec(
                "type",
                self.tr("Type of institution *"),
                "choice",
                [(self.tr(name), value) for name, value in CCI_TYPES],
            ),
            FieldSpec("registration_no", self.tr("Registration number *")),
        ]

    def retranslate(self) -> None:
        """Every text in the window's language (what was typed stays)."""
        self.setTitle(self.tr("Your institution"))
        self.setSubTitle(self.tr("As written on the registration certificate. * is needed."))
        self.form.relabel(self._fields())
        for key, text in (
            ("state", self.tr("State *")),
            ("district", self.tr("District *")),
            ("district_code", self.tr("District LGD code *")),
            ("code", self.tr("Institution number in the district")),
            ("boys", self.tr("Places for boys")),
            ("girls", self.tr("Places for girls")),
        ):
            self.row_labels[key].setText(text)
        self.code.setToolTip(self.tr("The number of your institution within the district"))

    def _fill_districts(self) -> None:
        self.district.clear()
        known = lgd.districts(self.state.currentData()) or {}
        for code, name in sorted(known.items(), key=lambda kv: kv[1]):
            self.district.addItem(name, code)
        # no shipped list for this state: the LGD code is typed instead
        self.district.setVisible(bool(known))
        self.district_code.setVisible(not known)
        labels = getattr(self, "row_labels", {})
        if labels:
            labels["district"].setVisible(bool(known))
            labels["district_code"].setVisible(not known)

    def values(self) -> dict[str, Any]:
        """What `setup_institution` takes."""
        v = self.form.values()
        district = self.district.currentData() if self.district.count() else None
        return {
            "name": v["name"],
            "name_local": v["name_local"] or None,
            "type": v["type"],
            "registration_no": v["registration_no"],
            "state": int(self.state.currentData()),
            "district": int(district if district is not None else self.district_code.value()),
            "code": self.code.value(),
            "capacity_boys": self.boys.value(),
            "capacity_girls": self.girls.value(),
        }

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Check with the set-up service itself (in a transaction rolled back at once)."""
        self.error.clear()
        try:
            trial(self.wiz.engine, SETUP_ACTOR, lambda s: setup_institution(s, **self.values()))
        except ValidationError as exc:
            self.form.show_errors(exc.errors, claim_all=False)
            other = {k: m for k, m in exc.errors.items() if k not in self.form.inputs}
            self.error.setText(problem_text(other))
            return False
        except ServiceError as exc:
            self.error.setText(str(exc))
            return False
        self.form.clear_errors()
        return True


class AccountPage(QWizardPage):
    """The superintendent's own account (the first user)."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.wiz = wizard
        self.form = FormWidget(self._fields())
        for name in ("password", "repeat"):
            edit = self.form.inputs[name]
            assert isinstance(edit, QLineEdit)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.retranslate()

    def _fields(self) -> list[FieldSpec]:
        return [
            FieldSpec("full_name", self.tr("Your full name *")),
            FieldSpec("username", self.tr("User name for logging in *")),
            FieldSpec("password", self.tr("Password *")),
            FieldSpec("repeat", self.tr("Password again *")),
        ]

    def retranslate(self) -> None:
        """Every text in the window's language (what was typed stays)."""
        self.setTitle(self.tr("Your account"))
        self.setSubTitle(
            self.tr(
                "The superintendent logs in with this name and password, and can then add "
                "the caseworkers. Keep the password secret; at least 8 letters and numbers."
            )
        )
        self.form.relabel(self._fields())

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        """Then the recovery key, unless it was shown already."""
        return RECOVERY if vault.recovery_pending(self.wiz.data_dir) else -1

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        """Say whose account this is: the home's superintendent or the office's administrator."""
        if self.wiz.choice_page.district.isChecked():
            self.setSubTitle(
                self.tr(
                    "The district office's administrator logs in with this name and password, "
                    "and can then add the office's staff. Keep the password secret; at least "
                    "8 letters and numbers."
                )
            )

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Check the account with the users service, then set everything up in one go."""
        v = self.form.values()
        if v["password"] != v["repeat"]:
            self.form.show_errors({"repeat": "is not the same as the password above"})
            return False
        if self.wiz.choice_page.district.isChecked():
            return self.form.attempt(
                lambda: self.wiz.finish_office(
                    office=self.wiz.office_page.values(),
                    full_name=v["full_name"],
                    username=v["username"],
                    password=v["password"],
                )
            )
        return self.form.attempt(
            lambda: self.wiz.finish_setup(
                institution=self.wiz.institution_page.values(),
                full_name=v["full_name"],
                username=v["username"],
                password=v["password"],
            )
        )


class OfficePage(QWizardPage):
    """A district office: its name, state and district (LGD), and its key's passphrase."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Your district office"))
        self.setSubTitle(
            self.tr(
                "The office gets its own key: the CCIs of the district seal their bundles to "
                "it, and it signs their receipts. * is needed."
            )
        )
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.state = QComboBox()
        for code, name in sorted(lgd.states().items(), key=lambda kv: kv[1]):
            if lgd.districts(code):
                self.state.addItem(name, code)
        self.district = QComboBox()
        self.state.currentIndexChanged.connect(self._fill_districts)
        self.state.setCurrentIndex(max(self.state.findData(DEFAULT_STATE), 0))
        self._fill_districts()
        self.district.setCurrentIndex(max(self.district.findData(DEFAULT_DISTRICT), 0))
        self.passphrase, self.repeat = QLineEdit(), QLineEdit()
        for edit in (self.passphrase, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Name of the office *"), self.name)
        form.addRow(self.tr("State *"), self.state)
        form.addRow(self.tr("District *"), self.district)
        form.addRow(self.tr("Passphrase for the office's key *"), self.passphrase)
        form.addRow(self.tr("Passphrase again *"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Write the passphrase down and keep it locked away: without it nobody can "
                "read the bundles the CCIs send. At least 8 characters."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _fill_districts(self) -> None:
        self.district.clear()
        for code, name in sorted(
            (lgd.districts(self.state.currentData()) or {}).items(), key=lambda kv: kv[1]
        ):
            self.district.addItem(name, code)

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        """Then the administrator's account."""
        return ACCOUNT

    def values(self) -> dict[str, Any]:
        """What the office's set-up takes."""
        return {
            "name": self.name.text().strip(),
            "state": int(self.state.currentData()),
            "district": int(self.district.currentData()),
            "passphrase": self.passphrase.text(),
        }

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Every field named when it is missing or wrong."""
        v = self.values()
        problems = []
        if not v["name"]:
            problems.append(self.tr("Name of the office: please fill this in."))
        if len(v["passphrase"]) < 8:
            problems.append(self.tr("Passphrase: at least 8 characters."))
        elif v["passphrase"] != self.repeat.text():
            problems.append(self.tr("Passphrase again: is not the same as the passphrase above."))
        self.error.setText("\n".join(problems))
        return not problems


class PracticePage(QWizardPage):
    """Where the practice folder goes and how many made-up children it gets."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.wiz = wizard
        self.folder = training_folder_for(wizard.data_dir)
        self.where = where = QLabel()
        where.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the window's language."""
        self.setTitle(self.tr("Practice with made-up children"))
        self.setSubTitle(
            self.tr(
                "A practice home with {0} made-up children is made in a separate folder. "
                "Nothing you do there touches real records. Start CLMS again and choose "
                "'Set up' when you are ready for real work."
            ).format(TRAINING_CHILDREN)
        )
        self.where.setText(self.tr("Practice folder: {0}").format(self.folder))

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        """The last page of its branch."""
        return -1

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Make (or reopen) the practice folder."""
        try:
            self.wiz.open_training(self.folder)
        except (ServiceError, OSError) as exc:
            self.error.setText(str(exc))
            return False
        return True
