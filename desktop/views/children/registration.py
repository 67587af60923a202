"""Registering a child: checked as you go, possible duplicates shown, a draft kept always."""

from __future__ import annotations

import base64
import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid
from sqlalchemy.orm import Session

from desktop.rules.dates import completed_years
from desktop.services.cases.casework import add_guardian, set_photo
from desktop.services.cases.children import ChildInput, register_child, validate_child
from desktop.services.cases.drafts import DraftStore
from desktop.services.cases.profile import attachment_store
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.services.core.validation import dob_from_estimated_age, parse_date
from desktop.services.find.duplicates import Candidate, Probe, find_duplicates
from desktop.views.app_context import AppContext
from desktop.views.children.registration_fields import admission_fields, child_fields, scaled_jpeg
from desktop.views.forms import ERROR_STYLE, FormWidget, add_save_shortcut, nice, show_date
from desktop.views.geometry import place_window
from desktop.views.messages import duplicate_reason
from desktop.views.ops import BackgroundOp

log = logging.getLogger(__name__)

AUTOSAVE_MS = 3000  # and after every change
DUPLICATE_DELAY_MS = 600
OPEN_EXISTING = 2  # the dialog's result when the user chose to open a child on record


class RegistrationDialog(QDialog):
    """The registration form; `child_id` is set once the child is saved."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.child_id: int | None = None
        self.existing_child_id: int | None = None  # "Open that record" on a possible duplicate
        self._focused_once = False
        self.photo: bytes | None = None
        self.candidates: list[Candidate] = []
        self.checked_probe: Probe | None = None  # what `candidates` were found for
        self._tried = False  # after the first Save, errors update as the user types
        self._dup_generation = 0
        self.drafts = DraftStore(ctx.data_dir)
        self.draft_name = f"registration-{ctx.actor.username}"
        self.setWindowTitle(self.tr("Register a new child"))

        today = ctx.today()
        self.child_form = FormWidget(child_fields(today))
        self.admission_form = FormWidget(admission_fields(today))
        self.age_hint = QLabel()
        self.age_hint.setWordWrap(True)
        self._build(today)
        self._restore_draft()

        for form in (self.child_form, self.admission_form):
            form.changed.connect(self._on_change)
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_draft_now)
        self.autosave.start()
        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(DUPLICATE_DELAY_MS)
        self._dup_timer.timeout.connect(self.check_duplicates)
        self._update_age_hint()
        add_save_shortcut(self, lambda: self.save() and None)
        place_window(self, QSize(1200, 860), "registration")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """The cursor starts in First name, so the first keystrokes are never lost."""
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            self.child_form.inputs["first_name"].setFocus()

    # -- building -------------------------------------------------------------------------

    def _build(self, today: date) -> None:
        intro = QLabel(
            self.tr(
                "Fields marked * are needed. Give the date of birth, or the age if it is "
                "not known. What you type is kept as a draft until you save."
            )
        )
        intro.setWordWrap(True)

        left = QGroupBox(self.tr("The child"))
        lcol = QVBoxLayout(left)
        lcol.addWidget(self.child_form)
        lcol.addWidget(self.age_hint)

        self.photo_label = QLabel(self.tr("No photo"))
        self.photo_label.setFixedSize(150, 180)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setStyleSheet("border: 1px solid #999; background: #f4f4f4;")
        self.photo_button = QPushButton(self.tr("Choose a photo…"))
        self.photo_button.clicked.connect(self.choose_photo)
        self.photo_error = QLabel()
        self.photo_error.setWordWrap(True)
        self.photo_error.setStyleSheet(ERROR_STYLE)
        photo_buttons = QVBoxLayout()
        photo_buttons.addWidget(self.photo_button)
        photo_buttons.addWidget(self.photo_error)
        photo_buttons.addStretch(1)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_label)
        photo_row.addLayout(photo_buttons, 1)

        right = QGroupBox(self.tr("Admission"))
        rcol = QVBoxLayout(right)
        rcol.addWidget(self.admission_form)
        rcol.addLayout(photo_row)
        rcol.addStretch(1)

        columns = QHBoxLayout()
        columns.addWidget(left, 1)
        columns.addWidget(right, 1)

        # Outside the scrolling part, just above Save: a possible duplicate is always in view.
        self.dup_box = dup_box = QGroupBox(self.tr("Is this child already registered?"))
        dcol = QVBoxLayout(dup_box)
        dcol.setContentsMargins(8, 4, 8, 4)
        self.dup_status = QLabel(self.tr("Type the name and age to check for the same child."))
        self.dup_status.setWordWrap(True)
        self.open_existing_button = QPushButton(self.tr("Open that record"))
        self.open_existing_button.setToolTip(
            self.tr("Close this form (what you typed is kept as a draft) and open the child")
        )
        self.open_existing_button.clicked.connect(self.open_existing)
        self.open_existing_button.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.dup_status, 1)
        status_row.addWidget(self.open_existing_button)
        self.dup_list = QListWidget()
        self.dup_list.setMaximumHeight(96)
        self.dup_list.setWordWrap(True)
        self.dup_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        # long reasons wrap instead of widening the whole form
        self.dup_list.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.dup_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dup_list.hide()
        dcol.addLayout(status_row)
        dcol.addWidget(self.dup_list)

        body = QWidget()
        bl = QVBoxLayout(body)
        bl.addWidget(intro)
        bl.addLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)

        self.save_button = QPushButton(self.tr("Save and open the profile"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save() and None)  # slots return nothing
        self.cancel_button = QPushButton(self.tr("Close (keep the draft)"))
        self.cancel_button.clicked.connect(self.reject)
        self.discard_button = QPushButton(self.tr("Clear the form"))
        self.discard_button.clicked.connect(self.clear_form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(dup_box)
        layout.addLayout(buttons)

    # -- values ---------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """Every field as typed."""
        return {**self.child_form.values(), **self.admission_form.values()}

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the form (from a draft)."""
        self.child_form.set_values(values)
        self.admission_form.set_values(values)

    def child_input(self) -> ChildInput:
        """The form as the registration service takes it."""
        v = self.values()
        return ChildInput(
            first_name=v["first_name"],
            last_name=v["last_name"],
            name_local=v["name_local"],
            gender=v["gender"] or None,
            dob=v["dob"] or None,
            estimated_age=v["estimated_age"] or None,
            identification_marks=v["identification_marks"],
            aadhaar=v["aadhaar"] or None,
            disability=v["disability"],
            languages=v["languages"],
            admission_date=v["admission_date"],
            referral=v["referral"] or "other",
            admission_order_no=v["admission_order_no"],
            produced_before_cwc_on=v["produced_before_cwc_on"] or None,
            medical_exam_on=v["medical_exam_on"] or None,
            category_code=v["category_code"] or None,
        )

    # -- drafts ---------------------------------------------------------------------------

    def save_draft_now(self) -> None:
        """Write the draft (also called by the main window when it closes)."""
        if self.child_id is not None:
            return
        values: dict[str, Any] = dict(self.values())
        if not any(str(v).strip() for k, v in values.items() if k not in _DEFAULTS):
            return  # nothing typed yet: no draft to offer next time
        if self.photo is not None:
            values["photo_base64"] = base64.b64encode(self.photo).decode("ascii")
        try:
            self.drafts.save(self.draft_name, values)
        except OSError:
            log.exception("could not keep the registration draft")

    def _restore_draft(self) -> None:
        found = self.drafts.load(self.draft_name)
        if found is None:
            return
        values, saved = found
        name = " ".join(str(values.get(k) or "") for k in ("first_name", "last_name")).strip()
        answer = QMessageBox.question(
            self,
            self.tr("Continue where you stopped?"),
            self.tr(
                "A registration form you were filling in was kept ({0}, {1}).\n\nContinue with it?"
            ).format(name or self.tr("no name yet"), saved.strftime("%d-%m-%Y %H:%M")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.set_values(values)
            photo = values.get("photo_base64")
            if photo:
                self._set_photo_bytes(base64.b64decode(photo))
        else:
            self.drafts.discard(self.draft_name)

    def clear_form(self) -> None:
        """Empty every field and forget the draft."""
        today = self.ctx.today()
        empty = {s.name: s.default for s in child_fields(today) + admission_fields(today)}
        self.set_values(empty)
        self.photo = None
        self.photo_label.setPixmap(QPixmap())
        self.photo_label.setText(self.tr("No photo"))
        self.child_form.clear_errors()
        self.admission_form.clear_errors()
        self._tried = False
        self.drafts.discard(self.draft_name)

    # -- as the user types ----------------------------------------------------------------

    def _on_change(self) -> None:
        self.save_draft_now()
        self._update_age_hint()
        self._dup_timer.start()
        if self._tried:
            self.validate(focus=False)  # never move the cursor while someone is typing

    def _update_age_hint(self) -> None:
        v = self.values()
        today = self.ctx.today()
        try:
            admitted = parse_date(v["admission_date"]) or today
            dob = parse_date(v["dob"])
            if dob is None and v["estimated_age"].strip():
                dob = dob_from_estimated_age(float(v["estimated_age"]), admitted)
                hindi = self.ctx.language == "hi"
                locale = QLocale(QLocale.Language.Hindi if hindi else QLocale.Language.English)
                month = locale.standaloneMonthName(dob.month)
                text = self.tr("Born about {0}.").format(f"{month} {dob.year}")
            elif dob is not None:
                text = self.tr("{0} years old today.").format(completed_years(dob, today))
            else:
                text = ""
        except ValueError:
            text = ""
        self.age_hint.setText(text)

    def validate(self, *, focus: bool = True) -> bool:
        """Check the form as the service will; show each problem under its field.

        `focus` puts the cursor in the first field at fault (after Save only).
        """
        errors: dict[str, str] = {}
        try:
            validate_child(self.child_input(), today=self.ctx.today())
        except ValidationError as exc:
            errors.update(exc.errors)
        v = self.values()
        if v["guardian_name"].strip() and not v["guardian_relation"]:
            errors["guardian_relation"] = "choose how this person is related to the child"
        self.show_errors(errors, focus=focus)
        return not errors

    def show_errors(self, errors: dict[str, str], *, focus: bool = True) -> None:
        """Each message under its field, in whichever column the field is; with `focus`
        the cursor goes to the first field at fault (the left column first)."""
        left = {k: m for k, m in errors.items() if k not in _ADMISSION_KEYS}
        self.child_form.show_errors(left, claim_all=True, focus=focus)
        self.admission_form.show_errors(errors, claim_all=False, focus=focus and not left)

    def probe(self) -> Probe | None:
        """What the duplicate check looks for, or None while too little is typed."""
        v = self.values()
        if not (v["first_name"].strip() or v["name_local"].strip()):
            return None
        try:
            dob = parse_date(v["dob"])
            estimated = False
            if dob is None and v["estimated_age"].strip():
                admitted = parse_date(v["admission_date"]) or self.ctx.today()
                dob, estimated = dob_from_estimated_age(float(v["estimated_age"]), admitted), True
        except ValueError:
            dob, estimated = None, False
        return Probe(
            first_name=v["first_name"].strip() or None,
            last_name=v["last_name"].strip() or None,
            name_local=v["name_local"].strip() or None,
            gender=v["gender"] or None,
            dob=dob,
            dob_estimated=estimated,
            guardian_names=(v["guardian_name"],) if v["guardian_name"].strip() else (),
            aadhaar="".join(ch for ch in v["aadhaar"] if ch.isdigit()) or None,
            identification_marks=v["identification_marks"].strip() or None,
            languages=v["languages"].strip() or None,
        )

    def check_duplicates(self) -> None:
        """Look for the same child already on record, off the GUI thread."""
        probe = self.probe()
        self._dup_generation += 1
        generation = self._dup_generation
        if probe is None:
            self.show_candidates([])
            return
        session = self.ctx.reader()

        def work(_progress: object) -> list[Candidate]:
            with session() as s:
                # A record merged into another is not a child of its own (issue 20).
                return [c for c in find_duplicates(s, probe) if c.status != "merged"]

        def done(found: list[Candidate]) -> None:
            if isValid(self) and generation == self._dup_generation:
                self.show_candidates(found, probe)

        BackgroundOp(self, work).success(done).run_in_background()

    def show_candidates(self, found: list[Candidate], probe: Probe | None = None) -> None:
        """List the children who may be the same one (for `probe`), with the reasons."""
        self.candidates = found
        self.checked_probe = probe
        self.dup_list.clear()
        if not found:
            self.dup_status.setText(self.tr("No child on record looks like this one."))
            self.dup_status.setStyleSheet("")
            self.dup_list.hide()
            self.open_existing_button.hide()
            return
        self.dup_status.setText(
            self.tr("Please check: {0} child(ren) on record may be the same child.").format(
                len(found)
            )
        )
        self.dup_status.setStyleSheet(ERROR_STYLE)
        for c in found:
            local = f" / {c.name_local}" if c.name_local else ""
            born = self.tr("born {0}").format(show_date(c.dob))
            self.dup_list.addItem(
                f"{c.code}  {c.name}{local}, {nice(c.gender)}, {born}, {nice(c.status)} — "
                + "; ".join(duplicate_reason(r) for r in c.reasons)
            )
        self.dup_list.setCurrentRow(0)
        self.dup_list.show()
        self.open_existing_button.show()

    def open_existing(self) -> None:
        """Close the form (keeping the draft) and have the selected child's record opened."""
        if not self.candidates:
            return
        row = max(self.dup_list.currentRow(), 0)
        self.existing_child_id = self.candidates[min(row, len(self.candidates) - 1)].child_id
        self.save_draft_now()
        self.autosave.stop()
        self.done(OPEN_EXISTING)

    # -- photo ----------------------------------------------------------------------------

    def choose_photo(self) -> None:
        """Pick a photo file; it is scaled down and shown."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the child's photo"), "", self.tr("Images (*.jpg *.jpeg *.png)")
        )
        if path:
            self.load_photo(path)

    def load_photo(self, path: str) -> bool:
        """Read, scale (longest side 600 px) and keep a photo as JPEG bytes."""
        data = scaled_jpeg(path)
        if data is None:
            self.photo_error.setText(self.tr("This file is not a picture CLMS can read."))
            return False
        self._set_photo_bytes(data)
        self.save_draft_now()
        return True

    def _set_photo_bytes(self, data: bytes) -> None:
        self.photo = data
        self.photo_error.clear()
        pix = QPixmap()
        pix.loadFromData(data)
        self.photo_label.setPixmap(
            pix.scaled(
                self.photo_label.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        """Register the child (after a last duplicate check); True when saved."""
        self._tried = True
        if not self.validate(focus=True):
            return False
        probe = self.probe()
        if probe is not None and probe != self.checked_probe:
            # typed since the last check in the background (rare): check now before saving
            self._dup_timer.stop()
            self._dup_generation += 1
            with Session(self.ctx.engine) as s:
                self.show_candidates(find_duplicates(s, probe), probe)
        if self.candidates:
            answer = QMessageBox.question(
                self,
                self.tr("Possibly already registered"),
                self.tr(
                    "{0} child(ren) on record may be this same child (see the list at the "
                    "bottom of the form).\n\nRegister as a new child anyway?"
                ).format(len(self.candidates)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        v = self.values()
        today = self.ctx.today()
        try:
            with unit_of_work_for(self.ctx) as s:
                child = register_child(s, self.child_input(), today=today)
                if v["guardian_name"].strip():
                    try:
                        add_guardian(
                            s,
                            child,
                            name=v["guardian_name"],
                            relation=v["guardian_relation"],
                            phone=v["guardian_phone"] or None,
                        )
                    except ValidationError as exc:
                        raise ValidationError(
                            {f"guardian_{k}": m for k, m in exc.errors.items()}
                        ) from None
                if self.photo is not None:
                    store = attachment_store(self.ctx.data_dir)
                    set_photo(s, child, data=self.photo, store=store, today=today)
                s.flush()
                child_id = child.id
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except ServiceError as exc:
            self.child_form.show_general_error(str(exc))
            return False
        self.child_id = child_id
        self.drafts.discard(self.draft_name)
        self.ctx.events.child_changed.emit(child_id)
        self.accept()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Keep the draft when the window is closed."""
        self.save_draft_now()
        super().closeEvent(event)

    def reject(self) -> None:
        """Close, keeping what was typed as a draft."""
        self.save_draft_now()
        self.autosave.stop()
        super().reject()


def unit_of_work_for(ctx: AppContext):  # type: ignore[no-untyped-def]
    """One transaction as the logged-in user, rules evaluated for the app's date."""
    from desktop.services.core.context import unit_of_work

    return unit_of_work(ctx.engine, ctx.actor, as_of=ctx.today())


_ADMISSION_KEYS = {s.name for s in admission_fields(date.today())} | {"guardian"}
_DEFAULTS = {"admission_date", "referral"}  # filled in before anyone types
