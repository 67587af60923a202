"""The registration form's fields and its photo helper (kept apart to keep files small)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QImage

from desktop.models.enums import Gender, Referral, Relation
from desktop.rules.policy import load_policy
from desktop.views.forms import FieldSpec, nice, show_date

PHOTO_MAX_PX = 600


def _choices(enum: Any, first: tuple[str, str] | None = None) -> list[tuple[str, str]]:
    out = [first] if first else []
    return out + [(nice(e.value), e.value) for e in enum]


def child_fields(today: date) -> list[FieldSpec]:
    """The left column: who the child is.

    Labels are written as QCoreApplication.translate("RegistrationDialog", "...") so
    pyside6-lupdate (tools/hindi.py) finds them though they are built outside the dialog.
    """
    return [
        FieldSpec("first_name", QCoreApplication.translate("RegistrationDialog", "First name *")),
        FieldSpec("last_name", QCoreApplication.translate("RegistrationDialog", "Last name")),
        FieldSpec(
            "name_local",
            QCoreApplication.translate("RegistrationDialog", "Name in Hindi / local script"),
            placeholder="जैसे: प्रिया कुमारी",
        ),
        FieldSpec(
            "gender",
            QCoreApplication.translate("RegistrationDialog", "Gender *"),
            "choice",
            _choices(Gender, (QCoreApplication.translate("RegistrationDialog", "– choose –"), "")),
        ),
        FieldSpec(
            "dob",
            QCoreApplication.translate("RegistrationDialog", "Date of birth"),
            "date",
            placeholder=QCoreApplication.translate("RegistrationDialog", "DD-MM-YYYY, if known"),
        ),
        FieldSpec(
            "estimated_age",
            QCoreApplication.translate("RegistrationDialog", "Or: age in years (estimate)"),
            placeholder=QCoreApplication.translate("RegistrationDialog", "for example 9"),
        ),
        FieldSpec(
            "identification_marks",
            QCoreApplication.translate("RegistrationDialog", "Identification marks"),
            "multiline",
        ),
        FieldSpec(
            "aadhaar",
            QCoreApplication.translate("RegistrationDialog", "Aadhaar number"),
            placeholder=QCoreApplication.translate(
                "RegistrationDialog", "12 digits, if the child has one"
            ),
        ),
        FieldSpec(
            "disability", QCoreApplication.translate("RegistrationDialog", "Disability, if any")
        ),
        FieldSpec(
            "languages", QCoreApplication.translate("RegistrationDialog", "Languages spoken")
        ),
    ]


def admission_fields(today: date) -> list[FieldSpec]:
    """The right column: how the child came, the category, a parent or guardian."""
    policy = load_policy()
    from desktop.views.i18n import current_language

    lang = current_language()
    categories = [(QCoreApplication.translate("RegistrationDialog", "– not decided yet –"), "")]
    categories += [(f"{c.code} · {c.label(lang)}", str(c.code)) for c in policy.categories.values()]
    return [
        FieldSpec(
            "admission_date",
            QCoreApplication.translate("RegistrationDialog", "Admission date *"),
            "date",
            default=show_date(today),
        ),
        FieldSpec(
            "referral",
            QCoreApplication.translate("RegistrationDialog", "Brought by"),
            "choice",
            _choices(Referral),
            default="other",
        ),
        FieldSpec(
            "admission_order_no",
            QCoreApplication.translate("RegistrationDialog", "Admission order number"),
        ),
        FieldSpec(
            "produced_before_cwc_on",
            QCoreApplication.translate("RegistrationDialog", "Produced before the CWC on"),
            "date",
        ),
        FieldSpec(
            "medical_exam_on",
            QCoreApplication.translate("RegistrationDialog", "Medical examination on"),
            "date",
        ),
        FieldSpec(
            "category_code",
            QCoreApplication.translate("RegistrationDialog", "Category"),
            "choice",
            categories,
        ),
        FieldSpec(
            "guardian_name",
            QCoreApplication.translate("RegistrationDialog", "Parent or guardian's name"),
            aliases=("guardian",),
        ),
        FieldSpec(
            "guardian_relation",
            QCoreApplication.translate("RegistrationDialog", "Relation to the child"),
            "choice",
            _choices(
                Relation, (QCoreApplication.translate("RegistrationDialog", "– choose –"), "")
            ),
        ),
        FieldSpec(
            "guardian_phone", QCoreApplication.translate("RegistrationDialog", "Guardian's phone")
        ),
    ]


def scaled_jpeg(path: str) -> bytes | None:
    """The picture at `path` as JPEG bytes, longest side at most 600 px; None if unreadable."""
    image = QImage(path)
    if image.isNull():
        return None
    if max(image.width(), image.height()) > PHOTO_MAX_PX:
        image = image.scaled(
            PHOTO_MAX_PX,
            PHOTO_MAX_PX,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    buffer.close()
    return bytes(data.data())
