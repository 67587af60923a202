"""The registration form: inline errors, duplicates before saving, drafts, photo, Hindi names."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child
from desktop.services.cases.children import register_child
from desktop.services.cases.drafts import DraftStore
from desktop.services.cases.profile import attachment_store
from desktop.services.core.context import unit_of_work
from desktop.views.app_context import AppContext
from desktop.views.children.registration import RegistrationDialog
from tests.conftest import TODAY
from tests.helpers import child_input

pytestmark = pytest.mark.usefixtures("no_work_left_running")


def dialog(qtbot, ctx: AppContext) -> RegistrationDialog:
    """A shown registration form."""
    d = RegistrationDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    return d


def type_into(qtbot, d: RegistrationDialog, name: str, text: str) -> None:
    """Type `text` into the field `name` as a user would."""
    widget = d.child_form.inputs.get(name) or d.admission_form.inputs[name]
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:  # QTest cannot synthesise Devanagari keys; an input method inserts the text
        widget.insert(text)


def choose(d: RegistrationDialog, name: str, value: str) -> None:
    """Pick a choice by its value."""
    box = d.child_form.inputs.get(name) or d.admission_form.inputs[name]
    box.setCurrentIndex(box.findData(value))


def children(ctx: AppContext) -> list[Child]:
    """Every child on record."""
    with Session(ctx.engine, expire_on_commit=False) as s:
        return list(s.scalars(select(Child)))


def test_errors_show_under_their_fields_and_nothing_is_saved(qtbot, ctx) -> None:
    """Saving a form with a missing gender and an impossible age says so beside each field."""
    d = dialog(qtbot, ctx)
    type_into(qtbot, d, "first_name", "Meena")
    type_into(qtbot, d, "estimated_age", "35")
    assert d.save() is False
    assert d.child_form.errors["gender"].isVisible()
    assert d.child_form.errors["gender"].text() == "Please fill this in."
    assert "between 0 and 21" in d.child_form.errors["estimated_age"].text()
    assert not d.child_form.errors["first_name"].isVisible()
    assert children(ctx) == []
    # fixing a field clears its message as soon as it is right
    choose(d, "gender", "female")
    assert not d.child_form.errors["gender"].isVisible()


def test_a_good_form_registers_the_child_with_guardian_and_hindi_name(qtbot, ctx) -> None:
    """A valid form saves the child (estimated age, Devanagari name) and the guardian."""
    d = dialog(qtbot, ctx)
    type_into(qtbot, d, "first_name", "Meena")
    type_into(qtbot, d, "last_name", "Kumari")
    type_into(qtbot, d, "name_local", "मीना कुमारी")
    choose(d, "gender", "female")
    type_into(qtbot, d, "estimated_age", "9")
    choose(d, "category_code", "5")
    type_into(qtbot, d, "guardian_name", "Sunita Devi")
    choose(d, "guardian_relation", "mother")
    assert "Born about" in d.age_hint.text()
    with qtbot.waitSignal(ctx.events.child_changed) as blocker:
        assert d.save() is True
    (child,) = children(ctx)
    assert blocker.args == [child.id] and d.child_id == child.id
    assert (child.name_local, child.dob_estimated, child.category_code) == ("मीना कुमारी", True, 5)
    with Session(ctx.engine) as s:
        c = s.get(Child, child.id)
        assert [(g.name, g.relation) for g in c.guardians] == [("Sunita Devi", "mother")]
    assert not DraftStore(ctx.data_dir).exists(d.draft_name)


def test_guardian_without_relation_is_refused_inline(qtbot, ctx) -> None:
    """A guardian's name without a relation is pointed out before anything is written."""
    d = dialog(qtbot, ctx)
    type_into(qtbot, d, "first_name", "Meena")
    choose(d, "gender", "female")
    type_into(qtbot, d, "estimated_age", "9")
    type_into(qtbot, d, "guardian_name", "Sunita Devi")
    assert d.save() is False
    assert d.admission_form.errors["guardian_relation"].isVisible()
    assert children(ctx) == []


def test_possible_duplicates_are_shown_with_reasons_before_saving(
    qtbot, ctx, actor, monkeypatch
) -> None:
    """Typing a child already on record lists them with reasons; saving asks first."""
    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        existing = register_child(s, child_input(), today=TODAY).code  # Priya Kumari, 2016-04-10
    d = dialog(qtbot, ctx)
    type_into(qtbot, d, "first_name", "Priya")
    type_into(qtbot, d, "last_name", "Kumari")
    choose(d, "gender", "female")
    type_into(qtbot, d, "dob", "10-04-2016")
    qtbot.waitUntil(lambda: d.dup_list.count() > 0, timeout=5000)
    line = d.dup_list.item(0).text()
    assert existing in line and "same date of birth" in line
    asked = []

    def answer(button):
        def fake(*args, **kwargs):
            asked.append(args[2])
            return button

        return fake

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert d.save() is False and len(children(ctx)) == 1
    assert "may be this same child" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert d.save() is True and len(children(ctx)) == 2


def test_every_change_is_on_disk_at_once(qtbot, ctx) -> None:
    """Each keystroke is already in the draft file: a power cut mid-form loses nothing."""
    d = dialog(qtbot, ctx)
    type_into(qtbot, d, "first_name", "Ravi")
    type_into(qtbot, d, "name_local", "रवि")
    found = DraftStore(ctx.data_dir).load(d.draft_name)
    assert found is not None
    assert found[0]["first_name"] == "Ravi" and found[0]["name_local"] == "रवि"


def test_closing_keeps_the_draft_and_next_time_offers_it(qtbot, ctx, monkeypatch) -> None:
    """A closed form comes back when the user says Yes, and is forgotten when they say No."""
    d = dialog(qtbot, ctx)
    type_into(qtbot, d, "first_name", "Ravi")
    type_into(qtbot, d, "identification_marks", "mole on the left cheek")
    d.reject()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    again = dialog(qtbot, ctx)
    assert again.values()["first_name"] == "Ravi"
    assert again.values()["identification_marks"] == "mole on the left cheek"
    again.reject()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    third = dialog(qtbot, ctx)
    assert third.values()["first_name"] == ""
    assert not DraftStore(ctx.data_dir).exists(third.draft_name)


def test_photo_is_scaled_and_stored_by_hash(qtbot, ctx, tmp_path: Path) -> None:
    """A big photo is scaled to 600 px and kept under its SHA-256 in the data folder."""
    big = QImage(2400, 1800, QImage.Format.Format_RGB32)
    big.fill(QColor("teal"))
    src = tmp_path / "photo.png"
    assert big.save(str(src))
    d = dialog(qtbot, ctx)
    assert d.load_photo(str(src))
    scaled = QImage.fromData(d.photo)
    assert (scaled.width(), scaled.height()) == (600, 450)
    type_into(qtbot, d, "first_name", "Asha")
    choose(d, "gender", "female")
    type_into(qtbot, d, "estimated_age", "7")
    assert d.save()
    (child,) = children(ctx)
    assert child.photo_hash == hashlib.sha256(d.photo).hexdigest()
    assert attachment_store(ctx.data_dir).get(child.photo_hash) == d.photo


def test_not_a_picture_is_refused_with_a_message(qtbot, ctx, tmp_path: Path) -> None:
    """A file that is not an image leaves no photo and says why."""
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    d = dialog(qtbot, ctx)
    assert d.load_photo(str(bad)) is False
    assert d.photo is None and "not a picture" in d.photo_error.text()


def test_enter_in_a_field_saves(qtbot, ctx) -> None:
    """Return in the last name field presses the default Save button."""
    d = dialog(qtbot, ctx)
    type_into(qtbot, d, "first_name", "Asha")
    choose(d, "gender", "female")
    type_into(qtbot, d, "estimated_age", "7")
    qtbot.keyClick(d.child_form.inputs["estimated_age"], Qt.Key.Key_Return)
    assert len(children(ctx)) == 1


def test_save_checks_duplicates_again_only_if_typed_since(qtbot, ctx, actor, monkeypatch) -> None:
    """Saving reuses the background check when nothing changed since, else checks first."""
    from desktop.views.children import registration

    with unit_of_work(ctx.engine, actor, as_of=TODAY) as s:
        register_child(s, child_input(), today=TODAY)  # Priya Kumari, 2016-04-10
    calls = []
    real = registration.find_duplicates

    def counted(session, probe, **kw):
        calls.append(probe)
        return real(session, probe, **kw)

    monkeypatch.setattr(registration, "find_duplicates", counted)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    d = dialog(qtbot, ctx)
    type_into(qtbot, d, "first_name", "Asha")
    choose(d, "gender", "female")
    type_into(qtbot, d, "dob", "10-04-2016")
    qtbot.waitUntil(lambda: d.checked_probe == d.probe(), timeout=5000)
    before = len(calls)
    assert d.save() is True and len(calls) == before  # no second look: nothing changed
    # typed and saved at once (before the background check ran): checked first, then asked
    d2 = dialog(qtbot, ctx)
    d2.child_form.set_values({"first_name": "Priya", "last_name": "Kumari", "dob": "10-04-2016"})
    choose(d2, "gender", "female")
    assert d2.save() is False  # the question was answered No
    assert calls[-1] == d2.probe() and d2.candidates
