"""Correcting the child's own details from the profile: one form filled with what is
stored, a reason asked for a change of name, date of birth, Aadhaar or gender; only the
changed fields are sent, and the service checks and audits the correction."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.models.enums import Gender, Referral
from desktop.services.cases import edits
from desktop.services.cases.children import update_child
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.views.forms import FieldSpec, FormWidget
from desktop.views.profile.editing import KEEP, REMOVE, changed, text_of, with_defaults
from desktop.views.profile.tables import ProfileHost, choices


class ChildEditDialog(QDialog):
    """The child's own details in two columns (who the child is; the admission), a reason
    for corrections of identity, Save and Cancel. Stays open while a field is refused."""

    def __init__(self, host: ProfileHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setWindowTitle(self.tr("Correct the child's details"))
        self.saved = False
        self.initial = self._stored()
        v = self.initial
        on_record = v.get("aadhaar_masked")
        who = [
            FieldSpec("first_name", self.tr("First name *")),
            FieldSpec("last_name", self.tr("Last name")),
            FieldSpec("name_local", self.tr("Name in Hindi / local script")),
            FieldSpec("gender", self.tr("Gender *"), "choice", choices(Gender)),
            FieldSpec("dob", self.tr("Date of birth"), "date"),
            FieldSpec(
                "estimated_age",
                self.tr("Or: age in years (estimate)"),
                placeholder=self.tr("if the date is not known"),
            ),
            FieldSpec(
                "aadhaar",
                self.tr("New Aadhaar number"),
                placeholder=self.tr("only to change it"),
            ),
        ]
        if on_record:
            who.append(
                FieldSpec(
                    "aadhaar_keep",
                    self.tr("Aadhaar on record"),
                    "choice",
                    [
                        (self.tr("Keep {0}").format(on_record), KEEP),
                        (self.tr("Remove it (recorded by mistake)"), REMOVE),
                    ],
                )
            )
        admission = [
            FieldSpec("admission_date", self.tr("Admission date *"), "date"),
            FieldSpec("referral", self.tr("Brought by"), "choice", choices(Referral)),
            FieldSpec("admission_order_no", self.tr("Admission order number")),
            FieldSpec("produced_before_cwc_on", self.tr("Produced before the CWC on"), "date"),
            FieldSpec("medical_exam_on", self.tr("Medical examination on"), "date"),
            FieldSpec("identification_marks", self.tr("Identification marks")),
            FieldSpec("disability", self.tr("Disability")),
            FieldSpec("languages", self.tr("Languages")),
        ]
        texts = {k: text_of(val) for k, val in v.items()}
        texts["aadhaar"], texts["estimated_age"], texts["aadhaar_keep"] = "", "", KEEP
        self.texts = texts
        self.who = FormWidget(with_defaults(who, texts), self)
        self.admission = FormWidget(with_defaults(admission, texts), self)
        self.who.set_values({"gender": texts.get("gender"), "aadhaar_keep": KEEP})
        self.admission.set_values({"referral": texts.get("referral")})
        self.reason = FormWidget(
            [
                FieldSpec(
                    "reason",
                    self.tr("Reason for the correction"),
                    "multiline",
                    placeholder=self.tr(
                        "Needed when the name, date of birth, Aadhaar or gender changes. "
                        "For example: name as on the birth certificate"
                    ),
                )
            ],
            self,
        )
        self.reason.inputs["reason"].setFixedHeight(60)
        who_box, adm_box = QGroupBox(self.tr("Who the child is")), QGroupBox(self.tr("Admission"))
        QVBoxLayout(who_box).addWidget(self.who)
        QVBoxLayout(adm_box).addWidget(self.admission)
        columns = QHBoxLayout()
        columns.addWidget(who_box, 1)
        columns.addWidget(adm_box, 1)
        if v.get("dob_estimated"):
            hint = QLabel(self.tr("The date of birth on record is an estimate."))
            hint.setWordWrap(True)
        else:
            hint = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(lambda: self.try_save() and None)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=lambda: self.try_save() and None)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(hint)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.who.inputs["first_name"].setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Start in the first name: the first keys typed are never lost."""
        super().showEvent(event)
        self.who.inputs["first_name"].setFocus()

    def _stored(self) -> dict[str, Any]:
        return dict(self.host.read(lambda s, c: edits.current_values(s, c, "child", "")))

    def changes(self) -> dict[str, str]:
        """What the person changed, as the service takes it."""
        values = {**self.who.values(), **self.admission.values()}
        out = changed(values, self.texts)
        keep = out.pop("aadhaar_keep", KEEP)
        if not out.get("aadhaar") and keep == REMOVE:
            out["aadhaar"] = ""
        if out.get("estimated_age"):
            out.pop("dob", None)  # an estimate replaces the date
        return out

    def try_save(self) -> bool:
        """Save the correction; show what is wrong under the fields and stay open if refused."""
        changes = self.changes()
        if not changes:
            self.reject()
            return False
        reason = self.reason.values()["reason"].strip() or None
        today = self.host.ctx.today()
        for form in (self.who, self.admission, self.reason):
            form.clear_errors()
        try:
            self.host.write(lambda s, c: update_child(s, c, changes, reason=reason, today=today))
        except ValidationError as exc:
            self.who.show_errors(exc.errors, claim_all=False)
            self.admission.show_errors(exc.errors, claim_all=False)
            self.reason.show_errors(exc.errors)
            if "reason" in exc.errors:
                self.reason.inputs["reason"].setFocus()
            return False
        except ServiceError as exc:
            self.reason.show_general_error(str(exc))
            return False
        self.saved = True
        self.accept()
        return True
