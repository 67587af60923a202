"""The services' refusals in the window's language, as sentences that stand under a field.

The services say what is wrong in English fragments made to follow a field's name
("is required", "cannot be in the future"). Under a field the label is already beside
it, so the window shows a whole sentence instead ("Please fill this in."), in English or
Hindi; a message for no field of the form is shown after the field's name in words.
A message this table does not know is shown as the service wrote it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

translate = QCoreApplication.translate  # the name pyside6-lupdate looks for

# (what a service says, what the window shows). {0}, {1} are the parts that vary.
_SAID_SHOWN: tuple[tuple[str, str], ...] = (
    ("is required", QT_TRANSLATE_NOOP("Validation", "Please fill this in.")),
    (
        "is too long (at most {0} characters)",
        QT_TRANSLATE_NOOP("Validation", "Too long: at most {0} characters."),
    ),
    (
        "contains characters not used in names: {0}",
        QT_TRANSLATE_NOOP("Validation", "Has characters not used in names: {0}"),
    ),
    ("must contain letters", QT_TRANSLATE_NOOP("Validation", "Write it in letters.")),
    ("'{0}' is not one of: {1}", QT_TRANSLATE_NOOP("Validation", "Choose one from the list.")),
    (
        "'{0}' is not a date: write it DD-MM-YYYY, for example 23-11-2026",
        QT_TRANSLATE_NOOP(
            "Validation", "'{0}' is not a date: write it DD-MM-YYYY, for example 23-11-2026."
        ),
    ),
    ("'{0}' is not a real date", QT_TRANSLATE_NOOP("Validation", "'{0}' is not a real date.")),
    ("cannot be in the future", QT_TRANSLATE_NOOP("Validation", "Cannot be in the future.")),
    (
        "cannot be before the admission date ({0})",
        QT_TRANSLATE_NOOP("Validation", "Cannot be before the admission date ({0})."),
    ),
    (
        "cannot be before the admission date",
        QT_TRANSLATE_NOOP("Validation", "Cannot be before the admission date."),
    ),
    (
        "cannot be after the admission date",
        QT_TRANSLATE_NOOP("Validation", "Cannot be after the admission date."),
    ),
    (
        "give the date of birth or an estimated age",
        QT_TRANSLATE_NOOP("Validation", "Give the date of birth, or the age if it is not known."),
    ),
    (
        "the child would be over {0} at admission",
        QT_TRANSLATE_NOOP("Validation", "The child would be over {0} at admission."),
    ),
    (
        "'{0}' is not a number of years",
        QT_TRANSLATE_NOOP("Validation", "'{0}' is not a number of years."),
    ),
    (
        "must be between 0 and {0} years",
        QT_TRANSLATE_NOOP("Validation", "Must be between 0 and {0} years."),
    ),
    ("must be a number", QT_TRANSLATE_NOOP("Validation", "Must be a number.")),
    ("Aadhaar must be 12 digits", QT_TRANSLATE_NOOP("Validation", "Aadhaar has 12 digits.")),
    (
        "Aadhaar never starts with 0 or 1",
        QT_TRANSLATE_NOOP("Validation", "An Aadhaar number never starts with 0 or 1."),
    ),
    (
        "Aadhaar check digit is wrong: please re-check the number",
        QT_TRANSLATE_NOOP(
            "Validation", "The Aadhaar number's check digit is wrong: please check the number."
        ),
    ),
    (
        "a phone number has 10 digits (or 12 with the 91 prefix)",
        QT_TRANSLATE_NOOP("Validation", "A phone number has 10 digits (or 12 with 91 in front)."),
    ),
    (
        "choose how this person is related to the child",
        QT_TRANSLATE_NOOP("Validation", "Choose how this person is related to the child."),
    ),
    (
        "choose the guardian who visited, or type the visitor's name",
        QT_TRANSLATE_NOOP(
            "Validation", "Choose the guardian who visited, or type the visitor's name."
        ),
    ),
    ("choose the new category", QT_TRANSLATE_NOOP("Validation", "Choose the new category.")),
    (
        "the child is already in this category",
        QT_TRANSLATE_NOOP("Validation", "The child is already in this category."),
    ),
    (
        "choose how the child left care (e.g. restored, adopted)",
        QT_TRANSLATE_NOOP("Validation", "Choose how the child left care."),
    ),
    (
        "use transfer for a move to another CCI",
        QT_TRANSLATE_NOOP("Validation", "For a move to another CCI, record a transfer."),
    ),
    (
        "say why the document does not apply",
        QT_TRANSLATE_NOOP("Validation", "Say why the document does not apply."),
    ),
    (
        "cannot be before the order date",
        QT_TRANSLATE_NOOP("Validation", "Cannot be before the order date."),
    ),
    (
        "give the date asked for or the date submitted",
        QT_TRANSLATE_NOOP("Validation", "Give the date it was asked for or the date submitted."),
    ),
    (
        "cannot be before the date asked for",
        QT_TRANSLATE_NOOP("Validation", "Cannot be before the date it was asked for."),
    ),
    (
        "must be after the date the plan was prepared",
        QT_TRANSLATE_NOOP("Validation", "Must be after the date the plan was prepared."),
    ),
    (
        "cannot be before the previous stage ({0})",
        QT_TRANSLATE_NOOP("Validation", "Cannot be before the previous stage ({0})."),
    ),
    (
        "say why the child is withdrawn from the adoption process",
        QT_TRANSLATE_NOOP("Validation", "Say why the child is withdrawn from adoption."),
    ),
    (
        "is not the same as the password above",
        QT_TRANSLATE_NOOP("Validation", "Not the same as the password above."),
    ),
    (
        "institution number must be between 1 and 9999",
        QT_TRANSLATE_NOOP("Validation", "Must be between 1 and 9999."),
    ),
    (
        "capacity must be between 0 and 5000",
        QT_TRANSLATE_NOOP("Validation", "Must be between 0 and 5000."),
    ),
    (
        "is needed when the name, date of birth, Aadhaar or gender changes",
        QT_TRANSLATE_NOOP(
            "Validation", "Needed: the name, date of birth, Aadhaar or gender is being changed."
        ),
    ),
    (
        "is required for a document that was obtained",
        QT_TRANSLATE_NOOP("Validation", "Give the day the document was obtained."),
    ),
    (
        "is required for a verified document",
        QT_TRANSLATE_NOOP("Validation", "Give the day the document was verified."),
    ),
    (
        "cannot be before the day it was obtained ({0})",
        QT_TRANSLATE_NOOP("Validation", "Cannot be before the day it was obtained ({0})."),
    ),
    (
        "cannot be before the stage before it ({0})",
        QT_TRANSLATE_NOOP("Validation", "Cannot be before the stage before it ({0})."),
    ),
    (
        "cannot be after the stage after it ({0})",
        QT_TRANSLATE_NOOP("Validation", "Cannot be after the stage after it ({0})."),
    ),
    ("cannot be changed here", QT_TRANSLATE_NOOP("Validation", "Cannot be changed here.")),
    (
        "cannot be before the change before it ({0})",
        QT_TRANSLATE_NOOP("Validation", "Cannot be before the change before it ({0})."),
    ),
    (
        "cannot be after the change after it ({0})",
        QT_TRANSLATE_NOOP("Validation", "Cannot be after the change after it ({0})."),
    ),
    (
        "the child has not left care",
        QT_TRANSLATE_NOOP("Validation", "The child has not left care."),
    ),
    (
        "correct the transfer instead",
        QT_TRANSLATE_NOOP("Validation", "Correct the transfer instead."),
    ),
    (
        "the reason is required",
        QT_TRANSLATE_NOOP("Validation", "Please write the reason."),
    ),
    (
        "Use letters, numbers, dots or dashes, with no spaces.",
        QT_TRANSLATE_NOOP("Validation", "Use letters, numbers, dots or dashes, with no spaces."),
    ),
    (
        "The user name '{0}' is already taken.",
        QT_TRANSLATE_NOOP("Validation", "The user name '{0}' is already taken."),
    ),
    (
        "Enter the person's full name.",
        QT_TRANSLATE_NOOP("Validation", "Enter the person's full name."),
    ),
    (
        "The password must have at least {0} characters.",
        QT_TRANSLATE_NOOP("Validation", "The password must have at least {0} characters."),
    ),
    (
        "The password must not contain the user name.",
        QT_TRANSLATE_NOOP("Validation", "The password must not contain the user name."),
    ),
    (
        "The password repeats the same few characters; choose something less simple.",
        QT_TRANSLATE_NOOP(
            "Validation",
            "The password repeats the same few characters; choose something less simple.",
        ),
    ),
    (
        "Mix letters with numbers or signs (for example: asha2026 or kiran-home).",
        QT_TRANSLATE_NOOP(
            "Validation",
            "Mix letters with numbers or signs (for example: asha2026 or kiran-home).",
        ),
    ),
    (
        "This password is too common; choose another.",
        QT_TRANSLATE_NOOP("Validation", "This password is too common; choose another."),
    ),
)

# A stored field key in words, for a message shown away from its field.
_FIELDS: dict[str, str] = {
    "first_name": QT_TRANSLATE_NOOP("Fields", "First name"),
    "last_name": QT_TRANSLATE_NOOP("Fields", "Last name"),
    "name": QT_TRANSLATE_NOOP("Fields", "Name"),
    "name_local": QT_TRANSLATE_NOOP("Fields", "Name in Hindi / local script"),
    "gender": QT_TRANSLATE_NOOP("Fields", "Gender"),
    "dob": QT_TRANSLATE_NOOP("Fields", "Date of birth"),
    "estimated_age": QT_TRANSLATE_NOOP("Fields", "Age (estimate)"),
    "aadhaar": QT_TRANSLATE_NOOP("Fields", "Aadhaar number"),
    "admission_date": QT_TRANSLATE_NOOP("Fields", "Admission date"),
    "category_code": QT_TRANSLATE_NOOP("Fields", "Category"),
    "to_code": QT_TRANSLATE_NOOP("Fields", "Category"),
    "guardian": QT_TRANSLATE_NOOP("Fields", "Guardian"),
    "guardian_name": QT_TRANSLATE_NOOP("Fields", "Parent or guardian's name"),
    "guardian_relation": QT_TRANSLATE_NOOP("Fields", "Relation to the child"),
    "guardian_phone": QT_TRANSLATE_NOOP("Fields", "Guardian's phone"),
    "relation": QT_TRANSLATE_NOOP("Fields", "Relation"),
    "phone": QT_TRANSLATE_NOOP("Fields", "Phone"),
    "visit_date": QT_TRANSLATE_NOOP("Fields", "Date of the visit"),
    "visitor_name": QT_TRANSLATE_NOOP("Fields", "Visitor's name"),
    "mode": QT_TRANSLATE_NOOP("Fields", "How"),
    "reason": QT_TRANSLATE_NOOP("Fields", "Reason"),
    "note": QT_TRANSLATE_NOOP("Fields", "Note"),
    "on": QT_TRANSLATE_NOOP("Fields", "Date"),
    "status": QT_TRANSLATE_NOOP("Fields", "Status"),
    "file": QT_TRANSLATE_NOOP("Fields", "File"),
    "photo": QT_TRANSLATE_NOOP("Fields", "Photo"),
    "district": QT_TRANSLATE_NOOP("Fields", "District"),
    "state": QT_TRANSLATE_NOOP("Fields", "State"),
    "code": QT_TRANSLATE_NOOP("Fields", "Institution number in the district"),
    "capacity_boys": QT_TRANSLATE_NOOP("Fields", "Places for boys"),
    "capacity_girls": QT_TRANSLATE_NOOP("Fields", "Places for girls"),
    "username": QT_TRANSLATE_NOOP("Fields", "User name"),
    "full_name": QT_TRANSLATE_NOOP("Fields", "Full name"),
    "password": QT_TRANSLATE_NOOP("Fields", "Password"),
    "old_password": QT_TRANSLATE_NOOP("Fields", "Current password"),
    "new_password": QT_TRANSLATE_NOOP("Fields", "New password"),
    "role": QT_TRANSLATE_NOOP("Fields", "Role"),
    "districts": QT_TRANSLATE_NOOP("Fields", "Districts"),
    "minutes": QT_TRANSLATE_NOOP("Fields", "Minutes"),
    "active": QT_TRANSLATE_NOOP("Fields", "Account"),
    "type": QT_TRANSLATE_NOOP("Fields", "Type of institution"),
    "registration_no": QT_TRANSLATE_NOOP("Fields", "Registration number"),
    "life_status": QT_TRANSLATE_NOOP("Fields", "Alive?"),
    "address": QT_TRANSLATE_NOOP("Fields", "Address"),
    "notes": QT_TRANSLATE_NOOP("Fields", "Notes"),
    "visit": QT_TRANSLATE_NOOP("Fields", "Visit"),
    "doc_type": QT_TRANSLATE_NOOP("Fields", "Document"),
    "order_no": QT_TRANSLATE_NOOP("Fields", "Order number"),
    "order_date": QT_TRANSLATE_NOOP("Fields", "Order date"),
    "order_type": QT_TRANSLATE_NOOP("Fields", "Kind of order"),
    "order_ref": QT_TRANSLATE_NOOP("Fields", "CWC order number"),
    "summary": QT_TRANSLATE_NOOP("Fields", "Summary"),
    "next_review_on": QT_TRANSLATE_NOOP("Fields", "Next review on"),
    "requested_on": QT_TRANSLATE_NOOP("Fields", "Asked for on"),
    "completed_on": QT_TRANSLATE_NOOP("Fields", "Submitted on"),
    "officer": QT_TRANSLATE_NOOP("Fields", "Officer"),
    "prepared_on": QT_TRANSLATE_NOOP("Fields", "Prepared on"),
    "review_due_on": QT_TRANSLATE_NOOP("Fields", "Review due on"),
    "text": QT_TRANSLATE_NOOP("Fields", "Note"),
    "note_date": QT_TRANSLATE_NOOP("Fields", "Date"),
    "stage": QT_TRANSLATE_NOOP("Fields", "Stage"),
    "entered_on": QT_TRANSLATE_NOOP("Fields", "Date"),
    "effective_on": QT_TRANSLATE_NOOP("Fields", "From"),
    "exit_date": QT_TRANSLATE_NOOP("Fields", "Date of leaving"),
    "to_institution": QT_TRANSLATE_NOOP("Fields", "To which institution"),
    "transfer_date": QT_TRANSLATE_NOOP("Fields", "Date of transfer"),
    "referral": QT_TRANSLATE_NOOP("Fields", "Brought by"),
    "admission_order_no": QT_TRANSLATE_NOOP("Fields", "Admission order number"),
    "produced_before_cwc_on": QT_TRANSLATE_NOOP("Fields", "Produced before the CWC on"),
    "medical_exam_on": QT_TRANSLATE_NOOP("Fields", "Medical examination on"),
    "identification_marks": QT_TRANSLATE_NOOP("Fields", "Identification marks"),
    "disability": QT_TRANSLATE_NOOP("Fields", "Disability"),
    "languages": QT_TRANSLATE_NOOP("Fields", "Languages spoken"),
}


# Why the duplicate check thinks a child on record may be the same child.
_REASONS: tuple[tuple[str, str], ...] = (
    (
        "name sounds alike: {0} ({1}%)",
        QT_TRANSLATE_NOOP("Duplicates", "name sounds alike: {0} ({1}%)"),
    ),
    (
        "given name alike, surname differs: {0} ({1}%)",
        QT_TRANSLATE_NOOP("Duplicates", "given name alike, surname differs: {0} ({1}%)"),
    ),
    ("same date of birth ({0})", QT_TRANSLATE_NOOP("Duplicates", "same date of birth ({0})")),
    (
        "born {0} days apart (estimated)",
        QT_TRANSLATE_NOOP("Duplicates", "born {0} days apart (estimated)"),
    ),
    ("born {0} days apart", QT_TRANSLATE_NOOP("Duplicates", "born {0} days apart")),
    (
        "recorded with another gender ({0})",
        QT_TRANSLATE_NOOP("Duplicates", "recorded with another gender ({0})"),
    ),
    (
        "guardian name alike: {0} ({1}%)",
        QT_TRANSLATE_NOOP("Duplicates", "guardian name alike: {0} ({1}%)"),
    ),
    (
        "identification marks alike: {0} ({1}%)",
        QT_TRANSLATE_NOOP("Duplicates", "identification marks alike: {0} ({1}%)"),
    ),
    ("same languages: {0}", QT_TRANSLATE_NOOP("Duplicates", "same languages: {0}")),
    ("same Aadhaar number", QT_TRANSLATE_NOOP("Duplicates", "same Aadhaar number")),
    ("same photo", QT_TRANSLATE_NOOP("Duplicates", "same photo")),
    ("different Aadhaar numbers", QT_TRANSLATE_NOOP("Duplicates", "different Aadhaar numbers")),
)


def _compile(table: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for said, shown in table:
        parts = re.split(r"\{(\d)\}", said)
        rx = "".join(re.escape(p) if i % 2 == 0 else f"(?P<p{p}>.*?)" for i, p in enumerate(parts))
        out.append((re.compile(f"^{rx}$", re.DOTALL), shown))
    return tuple(out)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return _compile(_SAID_SHOWN)


@lru_cache(maxsize=1)
def _reason_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return _compile(_REASONS)


def _said(text: str, patterns: tuple[tuple[re.Pattern[str], str], ...], context: str) -> str | None:
    for rx, shown in patterns:
        m = rx.match(text.strip())
        if m:
            found = {int(k[1:]): v for k, v in m.groupdict().items()}
            return translate(context, shown).format(*(found[i] for i in sorted(found)))
    return None


def duplicate_reason(reason: str) -> str:
    """One reason of the duplicate check in the window's language."""
    return _said(reason, _reason_patterns(), "Duplicates") or reason


def _nice(value: str) -> str:
    """A stored code in words (as `forms.nice`, which builds on this module)."""
    from desktop.views.vocab import word

    return word(value) or value.replace("_", " ").replace("-", " ").capitalize()


def sentence(text: str) -> str:
    """Capital first letter and a full stop (if it has no closing mark yet)."""
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?।)" else text + "."


def field_message(message: str) -> str:
    """A service's message about one field, as a sentence in the window's language."""
    return _said(message, _patterns(), "Validation") or sentence(message)


def field_name(key: str) -> str:
    """A field key (`visit_date`) in words in the window's language."""
    source = _FIELDS.get(key)
    if source is not None:
        return translate("Fields", source)
    return _nice(key)


def problem_text(errors: dict[str, str]) -> str:
    """Every field's problem on its own line, "Field: Sentence." (for a message box)."""
    return "\n".join(f"{field_name(k)}: {field_message(v)}" for k, v in errors.items())


# The lines of a child's timeline as the profile service writes them (English).
_TIMELINE: tuple[tuple[str, str], ...] = (
    ("Admitted", QT_TRANSLATE_NOOP("Timeline", "Admitted")),
    ("Category: {0} ({1})", QT_TRANSLATE_NOOP("Timeline", "Category: {0} ({1})")),
    ("Visit: {0} ({1})", QT_TRANSLATE_NOOP("Timeline", "Visit: {0} ({1})")),
    ("CWC order {0}: {1}", QT_TRANSLATE_NOOP("Timeline", "CWC order {0}: {1}")),
    (
        "Social investigation report asked for",
        QT_TRANSLATE_NOOP("Timeline", "Social investigation report asked for"),
    ),
    (
        "Social investigation report submitted",
        QT_TRANSLATE_NOOP("Timeline", "Social investigation report submitted"),
    ),
    (
        "Individual care plan prepared",
        QT_TRANSLATE_NOOP("Timeline", "Individual care plan prepared"),
    ),
    ("Note by {0}: {1}", QT_TRANSLATE_NOOP("Timeline", "Note by {0}: {1}")),
    ("Adoption stage: {0}", QT_TRANSLATE_NOOP("Timeline", "Adoption stage: {0}")),
    ("Transferred in: {0}", QT_TRANSLATE_NOOP("Timeline", "Transferred in: {0}")),
    ("Transferred out: {0}", QT_TRANSLATE_NOOP("Timeline", "Transferred out: {0}")),
    ("Left care: {0}", QT_TRANSLATE_NOOP("Timeline", "Left care: {0}")),
)


@lru_cache(maxsize=1)
def _timeline_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return _compile(_TIMELINE)


def timeline_text(text: str, lang: str) -> str:
    """One line of the profile's timeline in the window's language: its frame translated,
    stored codes (a visit's mode, an order's kind, a stage) and category names in words,
    what people wrote (names, reasons, notes) as written."""
    from desktop.rules.policy import load_policy

    nice = _nice
    categories = {c.en: c.label(lang) for c in load_policy().categories.values()}
    visit = re.fullmatch(r"Visit: (.*?)(?: \(([a-z_]+)\))? \(([a-z_ ]+)\)", text.strip())
    if visit:  # "Visit: Geeta Devi (mother) (in person)": the relation and the mode in words
        who, relation, mode = visit.groups()
        if relation:
            who = f"{who} ({nice(relation)})"
        return translate("Timeline", "Visit: {0} ({1})").format(who, nice(mode.replace(" ", "_")))
    for rx, shown in _timeline_patterns():
        m = rx.match(text.strip())
        if not m:
            continue
        parts = [m.group(f"p{i}") for i in range(len(m.groupdict()))]
        source = next(said for said, s in _TIMELINE if s == shown)
        if source.startswith("CWC order"):
            parts[1] = nice(parts[1].replace(" ", "_"))
        elif source.startswith("Adoption stage"):
            parts[0] = nice(parts[0].replace(" ", "_"))
        elif source.startswith("Category"):
            parts[0] = categories.get(parts[0], parts[0])
        return translate("Timeline", shown).format(*parts)
    return text
