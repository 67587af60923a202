"""Register columns for the importer: header aliases and the spelling of common cell values.

A register kept in Excel by a CCI rarely uses our field names: "Date of Birth", "Sex",
"Father's Name". This module turns headers into fields and cells into the text the
services accept ("M" -> "male", "Late Ram Prasad" -> a deceased father). It never
decides whether a value is valid: the services do, so a form and an import agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from desktop.services.cases.children import ChildInput

CHILD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ChildInput) if f.name != "extra")
GUARDIAN_FIELDS: tuple[str, ...] = (
    "guardian_name",
    "guardian_relation",
    "guardian_phone",
    "guardian_name_local",
    "guardian_life_status",
    "guardian_address",
)
PARENT_FIELDS: tuple[str, ...] = ("father_name", "mother_name")
ALL_FIELDS: tuple[str, ...] = CHILD_FIELDS + GUARDIAN_FIELDS + PARENT_FIELDS

# Header spellings seen in CCI registers, compared after `header_key` (case, spaces,
# punctuation ignored). Our own field names always match too.
ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": (
        "first name",
        "firstname",
        "given name",
        "name",
        "child name",
        "childs name",
        "name of child",
        "name of the child",
    ),
    "last_name": ("last name", "lastname", "surname", "family name"),
    "name_local": ("name in hindi", "hindi name", "name hindi", "local name", "नाम"),
    "gender": ("sex", "gender", "m f", "लिंग"),
    "dob": ("date of birth", "birth date", "birthdate", "dob", "d o b", "जन्म तिथि"),
    "estimated_age": ("age", "estimated age", "approx age", "approximate age", "age years", "आयु"),
    "identification_marks": (
        "identification marks",
        "identification mark",
        "id marks",
        "marks of identification",
    ),
    "aadhaar": (
        "aadhaar",
        "aadhar",
        "aadhaar no",
        "aadhar no",
        "aadhaar number",
        "aadhar number",
        "aadhaar card no",
        "aadhar card no",
        "uid",
        "uid no",
    ),
    "disability": ("disability", "disabilities", "special needs", "divyang"),
    "languages": ("language", "languages", "languages spoken", "mother tongue"),
    "admission_date": (
        "admission date",
        "date of admission",
        "doa",
        "admitted on",
        "date admitted",
        "प्रवेश तिथि",
    ),
    "referral": ("referral", "referred by", "brought by", "source of referral"),
    "admission_order_no": (
        "admission order no",
        "admission order number",
        "cwc order no",
        "cwc order number",
        "order no",
    ),
    "produced_before_cwc_on": (
        "produced before cwc on",
        "date of production before cwc",
        "cwc production date",
        "production date",
    ),
    "medical_exam_on": (
        "medical exam date",
        "medical examination date",
        "date of medical examination",
        "medical exam on",
    ),
    "category_code": ("category", "category code", "category no", "cat"),
    "guardian_name": ("guardian name", "guardian", "name of guardian", "parent guardian name"),
    "guardian_relation": (
        "relation",
        "relationship",
        "guardian relation",
        "relation with child",
        "relationship to child",
    ),
    "guardian_phone": (
        "guardian phone",
        "guardian mobile",
        "phone",
        "phone no",
        "mobile",
        "mobile no",
        "contact number",
        "contact no",
    ),
    "guardian_name_local": ("guardian name in hindi", "guardian name local"),
    "guardian_life_status": ("guardian life status", "life status"),
    "guardian_address": ("guardian address", "address", "home address", "पता"),
    "father_name": ("fathers name", "father name", "father", "name of father", "पिता का नाम"),
    "mother_name": ("mothers name", "mother name", "mother", "name of mother", "माता का नाम"),
}

# Cells that mean "nothing written here" in registers.
BLANK_TOKENS = frozenset({"-", "--", "na", "n/a", "n.a.", "nil", "none", "null", "not known"})
UNKNOWN_NAMES = BLANK_TOKENS | {"unknown", "not traceable", "untraceable"}

GENDER_WORDS = {
    "m": "male",
    "b": "male",
    "boy": "male",
    "male": "male",
    "f": "female",
    "g": "female",
    "girl": "female",
    "female": "female",
    "t": "transgender",
    "tg": "transgender",
    "transgender": "transgender",
}
RELATION_WORDS = {
    "grandfather": "grandparent",
    "grandmother": "grandparent",
    "grand father": "grandparent",
    "grand mother": "grandparent",
    "nana": "grandparent",
    "nani": "grandparent",
    "dada": "grandparent",
    "dadi": "grandparent",
    "brother": "sibling",
    "sister": "sibling",
    "guardian": "legal_guardian",
    "step mother": "stepmother",
    "step father": "stepfather",
}
LIFE_WORDS = {"dead": "deceased", "late": "deceased", "expired": "deceased", "living": "alive"}
_MASKED_AADHAAR = re.compile(r"^[Xx*]{4}[\s-]?[Xx*]{4}[\s-]?\d{4}$")
_AGE = re.compile(
    r"^(?:about|approx\.?|approximately|~)?\s*(\d+(?:\.\d+)?)\s*(?:years?|yrs?\.?|y)?$", re.I
)
_CATEGORY = re.compile(r"^(?:cat(?:egory)?\.?\s*(?:no\.?)?\s*)?(\d+)\b", re.I)
_LATE = re.compile(r"^(?:late|lt\.?|(?:स्व|स्वर्गीय)\.?)\s+(.+)$", re.I)


def header_key(header: str) -> str:
    """A header compared without case, spaces or punctuation ("Father's Name" -> "fathers_name")."""
    text = unicodedata.normalize("NFC", header).casefold().replace("'", "").replace("’", "")
    out = [ch if unicodedata.category(ch)[0] in "LMN" else " " for ch in text]
    return "_".join("".join(out).split())


_ALIAS_INDEX: dict[str, str] = {}
for _field, _names in ALIASES.items():
    for _name in _names:
        _ALIAS_INDEX.setdefault(header_key(_name), _field)


@dataclass
class ColumnPlan:
    """Which field each column of the file feeds, and which columns are left out."""

    fields: dict[int, str]
    ignored: list[str]


def plan_columns(headers: list[str], mapping: dict[str, str] | None) -> ColumnPlan:
    """Match headers to fields: the caller's mapping first, then our names, then aliases.

    When two columns would feed one field, the first column (in that order of
    preference, then left to right) wins and the other is ignored.
    """
    wanted = {header_key(k): v for k, v in (mapping or {}).items()}
    bad = sorted({v for v in wanted.values() if v and v not in ALL_FIELDS})
    if bad:
        from desktop.services.core.errors import ValidationError

        raise ValidationError(
            {"mapping": f"unknown field(s) {', '.join(bad)}; known: {', '.join(ALL_FIELDS)}"}
        )
    candidates: list[tuple[int, int, str]] = []  # (preference, column, field)
    for col, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        if key in wanted:
            if wanted[key]:
                candidates.append((0, col, wanted[key]))
        elif key in ALL_FIELDS:
            candidates.append((1, col, key))
        elif key in _ALIAS_INDEX:
            candidates.append((2, col, _ALIAS_INDEX[key]))
    taken: dict[str, int] = {}
    for _pref, col, field in sorted(candidates):
        taken.setdefault(field, col)
    by_col = {col: field for field, col in taken.items()}
    ignored = [h for col, h in enumerate(headers) if header_key(h) and col not in by_col]
    return ColumnPlan(fields=dict(sorted(by_col.items())), ignored=ignored)


def cell_text(value: Any) -> str | None:
    """A cell (from csv or openpyxl) as trimmed text; dates as YYYY-MM-DD; None if blank."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores Aadhaar, phones and codes as floats
    text = str(value).strip()
    if not text or text.casefold() in BLANK_TOKENS:
        return None
    return text


def is_masked_aadhaar(value: str | None) -> bool:
    """Whether the value is an Aadhaar as we print it (XXXX-XXXX-1234), not a number to store."""
    return bool(value) and bool(_MASKED_AADHAAR.match(str(value).strip()))


def child_value(field: str, value: str | None) -> str | None:
    """Register spellings turned into what the services accept, for a child field."""
    if value is None:
        return None
    if field == "gender":
        return GENDER_WORDS.get(value.casefold().strip(" ."), value)
    if field == "aadhaar" and is_masked_aadhaar(value):
        return None  # a masked number cannot be stored; the child is imported without it
    if field == "estimated_age":
        m = _AGE.match(value.strip())
        return m[1] if m else value
    if field == "category_code":
        m = _CATEGORY.match(value.strip())
        return m[1] if m else value
    if field == "dob" and value.casefold() in UNKNOWN_NAMES:
        return None
    return value


def relation_value(value: str | None) -> str | None:
    """A relation as the services spell it ("Grandmother" -> "grandparent")."""
    if value is None:
        return None
    return RELATION_WORDS.get(" ".join(value.casefold().split()), value)


def life_status_value(value: str | None) -> str | None:
    """A life status as the services spell it ("Dead" -> "deceased")."""
    if value is None:
        return None
    return LIFE_WORDS.get(value.casefold().strip(), value)


def parent_name(value: str | None) -> tuple[str | None, str]:
    """A father's or mother's cell as (name or None, life status): "Late X" is deceased."""
    if value is None or value.casefold().strip() in UNKNOWN_NAMES:
        return None, "unknown"
    m = _LATE.match(value.strip())
    if m:
        return m[1].strip(), "deceased"
    return value, "unknown"
