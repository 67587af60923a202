"""The first-start wizard: institution and superintendent, or a practice folder instead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QWizard
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db import open_database
from desktop.models import AuditEvent, Child, Institution, User
from desktop.services.demo.generate import is_training_folder
from desktop.services.install.users import login
from desktop.vault import store as vault
from desktop.views.start.setup_pages import TRAINING_CHILDREN, training_folder_for
from desktop.views.start.wizard import SetupWizard

GOOD = {"name": "Asha Kiran Children's Home", "registration_no": "BR/PAT/CH/0007"}


def make(qtbot, engine, data_dir: Path) -> SetupWizard:
    """A shown wizard over an empty data folder."""
    w = SetupWizard(engine, data_dir)
    qtbot.addWidget(w)
    w.show()
    return w


def press(qtbot, w: SetupWizard, which: QWizard.WizardButton) -> None:
    """Click one of the wizard's buttons."""
    qtbot.mouseClick(w.button(which), Qt.MouseButton.LeftButton)


def institutions(engine) -> int:
    """How many institutions are recorded."""
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(Institution)) or 0)


def test_missing_details_are_shown_on_the_institution_page(qtbot, engine, data_dir) -> None:
    """Next with no name or registration number stays on the page with both messages."""
    w = make(qtbot, engine, data_dir)
    press(qtbot, w, QWizard.WizardButton.NextButton)
    assert w.currentId() == SetupWizard.INSTITUTION
    press(qtbot, w, QWizard.WizardButton.NextButton)
    page = w.institution_page
    assert w.currentId() == SetupWizard.INSTITUTION
    assert page.form.errors["name"].text() == "Please fill this in."  # the label is beside it
    assert not page.form.errors["registration_no"].isHidden()
    assert institutions(engine) == 0  # the check wrote nothing


def test_district_list_follows_the_state(qtbot, engine, data_dir) -> None:
    """Bihar lists its districts by name; a state without a shipped list asks for the code."""
    w = make(qtbot, engine, data_dir)
    page = w.institution_page
    assert page.state.currentText() == "Bihar" and page.district.currentText() == "Patna"
    assert page.values()["district"] == 212
    other = next(
        i for i in range(page.state.count()) if page.state.itemData(i) != 10
    )  # only Bihar ships a district list
    page.state.setCurrentIndex(other)
    assert page.district.count() == 0 and not page.district_code.isHidden()
    page.district_code.setValue(345)
    assert page.values()["district"] == 345


def test_setup_creates_the_institution_and_a_superintendent_who_can_log_in(
    qtbot, engine, data_dir
) -> None:
    """Finishing writes the institution and the first user; the password then logs in."""
    w = make(qtbot, engine, data_dir)
    press(qtbot, w, QWizard.WizardButton.NextButton)
    w.institution_page.form.set_values(GOOD)
    w.institution_page.boys.setValue(40)
    press(qtbot, w, QWizard.WizardButton.NextButton)
    assert w.currentId() == SetupWizard.ACCOUNT
    account = w.account_page.form
    account.set_values(
        {"full_name": "Asha Kumari", "username": "asha", "password": "kiran-2026", "repeat": "x"}
    )
    press(qtbot, w, QWizard.WizardButton.NextButton)
    assert "Not the same" in account.errors["repeat"].text()
    account.set_values({"password": "asha", "repeat": "asha"})
    press(qtbot, w, QWizard.WizardButton.NextButton)
    assert not account.errors["password"].isHidden()  # the users service's own rule
    assert institutions(engine) == 0
    account.set_values({"password": "kiran-2026", "repeat": "kiran-2026"})
    press(qtbot, w, QWizard.WizardButton.NextButton)
    # Last, the recovery key: shown once, and Finish only once it is written down.
    assert w.currentId() == SetupWizard.RECOVERY
    shown = w.recovery_page.findChild(QLabel, "recovery_key").text()
    assert shown == vault.unlock(data_dir).recovery_key()
    assert not w.button(QWizard.WizardButton.FinishButton).isEnabled()
    box = w.recovery_page.view.written
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert vault.recovery_pending(data_dir)
    press(qtbot, w, QWizard.WizardButton.FinishButton)
    assert not vault.recovery_pending(data_dir)  # not offered again
    with Session(engine) as s:
        seen = s.scalars(select(AuditEvent).where(AuditEvent.action == "recovery_key_shown")).all()
        assert [e.actor for e in seen] == ["asha (Asha Kumari)"]
    assert w.result() == QWizard.DialogCode.Accepted
    with Session(engine) as s:
        inst = s.scalars(select(Institution)).one()
        user = s.scalars(select(User)).one()
        assert (inst.name, inst.state_code, inst.district_code, inst.capacity_boys) == (
            GOOD["name"],
            10,
            212,
            40,
        )
        assert (user.username, user.role) == ("asha", "superintendent")
    assert w.actor is not None and w.actor.username == "asha"
    assert login(engine, username="asha", password="kiran-2026").role == "superintendent"


def test_practice_makes_a_separate_training_folder(qtbot, engine, data_dir) -> None:
    """Choosing practice fills a separate folder with made-up children; the real one stays empty."""
    w = make(qtbot, engine, data_dir)
    w.choice_page.practice.setChecked(True)
    press(qtbot, w, QWizard.WizardButton.NextButton)
    assert w.currentId() == SetupWizard.PRACTICE
    press(qtbot, w, QWizard.WizardButton.FinishButton)
    assert w.training_dir == training_folder_for(data_dir) != data_dir
    assert institutions(engine) == 0
    practice = open_database(w.training_dir)
    try:
        with Session(practice) as s:
            assert is_training_folder(s)
            assert s.scalar(select(func.count()).select_from(Child)) == TRAINING_CHILDREN
        # a second practice start reopens the same folder without adding more children
        w2 = make(qtbot, engine, data_dir)
        w2.open_training(w.training_dir)
        with Session(practice) as s:
            assert s.scalar(select(func.count()).select_from(Child)) == TRAINING_CHILDREN
    finally:
        practice.dispose()
