"""First start: set up the institution and the superintendent, a district office and its
administrator, or open practice data instead. The pages are in `setup_pages.py`."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QWidget, QWizard
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.models.enums import InstitutionType, Role
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.install.institution import local_institution_or_none, setup_institution
from desktop.views.geometry import place_window
from desktop.views.start.setup_pages import (
    ACCOUNT,
    CHOICE,
    DEFAULT_DISTRICT,
    DEFAULT_STATE,
    INSTITUTION,
    OFFICE,
    PRACTICE,
    RECOVERY,
    SETUP_ACTOR,
    TRAINING_ACTOR,
    TRAINING_CHILDREN,
    AccountPage,
    ChoicePage,
    InstitutionPage,
    OfficePage,
    PracticePage,
    trial,
)
from desktop.views.start.vault_dialogs import RecoveryKeyPage

log = logging.getLogger(__name__)


class SetupWizard(QWizard):
    """The set-up assistant; afterwards `actor` is the new superintendent, or `training_dir`
    the practice folder to open instead."""

    # The page ids (setup_pages.py), as SetupWizard.CHOICE ... too.
    CHOICE, INSTITUTION, ACCOUNT = CHOICE, INSTITUTION, ACCOUNT
    PRACTICE, RECOVERY, OFFICE = PRACTICE, RECOVERY, OFFICE

    def __init__(
        self,
        engine: Engine,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        passphrase: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.data_dir = data_dir
        self.passphrase = passphrase  # the data passphrase given at start (no keyring)
        self.actor: Actor | None = None
        self.training_dir: Path | None = None
        self.setWindowTitle(self.tr("Setting up CLMS Desktop"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        place_window(self, QSize(820, 680), "setup_wizard")
        self.choice_page = ChoicePage()
        self.institution_page = InstitutionPage(self)
        self.account_page = AccountPage(self)
        self.practice_page = PracticePage(self)
        self.recovery_page = RecoveryKeyPage(data_dir, engine)
        self.office_page = OfficePage(self)
        self.setPage(self.CHOICE, self.choice_page)
        self.setPage(self.OFFICE, self.office_page)
        self.setPage(self.INSTITUTION, self.institution_page)
        self.setPage(self.ACCOUNT, self.account_page)
        self.setPage(self.PRACTICE, self.practice_page)
        self.setPage(self.RECOVERY, self.recovery_page)
        self.practice_page.setFinalPage(True)
        self.recovery_page.setFinalPage(True)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """A language chosen on the first page: every page speaks it at once."""
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("Setting up CLMS Desktop"))
            # Qt words its own buttons only when the assistant is made: word them again.
            translate = QCoreApplication.translate
            for button, text in (
                (QWizard.WizardButton.BackButton, translate("QWizard", "< &Back")),
                (QWizard.WizardButton.NextButton, translate("QWizard", "&Next >")),
                (QWizard.WizardButton.CommitButton, translate("QWizard", "Commit")),
                (QWizard.WizardButton.FinishButton, translate("QWizard", "&Finish")),
                (QWizard.WizardButton.CancelButton, translate("QWizard", "Cancel")),
                (QWizard.WizardButton.HelpButton, translate("QWizard", "&Help")),
            ):
                self.setButtonText(button, text)
            for page in (
                self.choice_page,
                self.institution_page,
                self.account_page,
                self.practice_page,
            ):
                page.retranslate()
        super().changeEvent(event)

    def finish_setup(
        self, *, institution: dict[str, Any], full_name: str, username: str, password: str
    ) -> Actor:
        """Create the institution and the superintendent in one transaction."""
        from desktop.services.install.users import actor_for, create_user

        with unit_of_work(self.engine, SETUP_ACTOR, rules=False) as s:
            if local_institution_or_none(s) is None:
                setup_institution(s, **institution)
            user = create_user(
                s,
                username=username,
                full_name=full_name,
                role=Role.SUPERINTENDENT.value,
                password=password,
            )
            s.flush()
            self.actor = actor_for(s, user)
        return self.actor

    def finish_office(
        self, *, office: dict[str, Any], full_name: str, username: str, password: str
    ) -> Actor:
        """Make the district office's key and its administrator in one transaction (the
        account is checked first, so a refused account leaves no key behind)."""
        from desktop.services.install.users import actor_for, create_user
        from sync_client.district import mode as district_office

        def account(s: Session) -> Any:
            return create_user(
                s,
                username=username,
                full_name=full_name,
                role=Role.ADMINISTRATOR.value,
                password=password,
            )

        trial(self.engine, SETUP_ACTOR, account)  # the account's own errors, nothing written
        with unit_of_work(self.engine, SETUP_ACTOR, rules=False) as s:
            if district_office.office_district(s) is None:
                district_office.setup_office(
                    s,
                    data_dir=self.data_dir,
                    name=office["name"],
                    district_code=office["district"],
                    passphrase=office["passphrase"],
                    state_code=office["state"],
                )
            user = account(s)
            s.flush()
            self.actor = actor_for(s, user)
        return self.actor

    def open_training(self, folder: Path) -> Path:
        """Make the practice folder (once) with a practice home and made-up children."""
        from desktop.db import open_database
        from desktop.services.demo.generate import generate_demo, is_training_folder

        engine = open_database(folder, passphrase=self.passphrase)
        try:
            with unit_of_work(engine, TRAINING_ACTOR, rules=False) as s:
                if local_institution_or_none(s) is None:
                    setup_institution(
                        s,
                        name="Practice Children's Home",
                        type=InstitutionType.CHILDRENS_HOME.value,
                        state=DEFAULT_STATE,
                        district=DEFAULT_DISTRICT,
                        registration_no="PRACTICE",
                    )
                if not is_training_folder(s):
                    generate_demo(s, children=TRAINING_CHILDREN, seed=1)
        finally:
            engine.dispose()
        self.training_dir = folder
        self.actor = TRAINING_ACTOR
        return folder
