"""Input checks shared by the services, the importer and the forms."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum

# Verhoeff tables (dihedral group D5), as used by UIDAI for the Aadhaar check digit.
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def verhoeff_check_digit(digits: str) -> str:
    """The Verhoeff check digit to append to `digits`."""
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[(i + 1) % 8][int(ch)]]
    return str(_INV[c])


def verhoeff_valid(digits: str) -> bool:
    """Whether `digits` (check digit last) passes the Verhoeff check."""
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[i % 8][int(ch)]]
    return c == 0


def clean_aadhaar(value: str | None) -> str | None:
    """Aadhaar without spaces or dashes, or ValueError saying what is wrong with it."""
    if value is None or not value.strip():
        return None
    digits = re.sub(r"[\s-]", "", value)
    if not digits.isdigit() or len(digits) != 12:
        raise ValueError("Aadhaar must be 12 digits")
    if digits[0] in "01":
        raise ValueError("Aadhaar never starts with 0 or 1")
    if not verhoeff_valid(digits):
        raise ValueError("Aadhaar check digit is wrong: please re-check the number")
    return digits


_LINE_CONTROLS = frozenset("\t\n\r")


def not_text(value: str) -> str | None:
    """Why a string is not text that can be kept, or None: a lone surrogate (a broken
    character, e.g. from a damaged file) or a control character other than tab and
    line breaks (NUL, bell, escape...)."""
    for ch in value:
        cat = unicodedata.category(ch)
        if cat == "Cs":
            return "contains a broken character (not valid Unicode text)"
        if cat == "Cc" and ch not in _LINE_CONTROLS:
            return f"contains a control character (U+{ord(ch):04X}) that is not text"
    return None


def _is_name_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LM" or ch in " .'-"


def clean_name(value: str | None, *, required: bool, max_len: int = 100) -> str | None:
    """A person's name in Latin or Devanagari (or another script), trimmed, or ValueError."""
    if value is not None and not isinstance(value, str):
        raise ValueError("must be text")
    if value is None or not value.strip():
        if required:
            raise ValueError("is required")
        return None
    problem = not_text(value)
    if problem:
        raise ValueError(problem)
    v = " ".join(unicodedata.normalize("NFC", value).split())
    if len(v) > max_len:
        raise ValueError(f"is too long (at most {max_len} characters)")
    bad = sorted({ch for ch in v if not _is_name_char(ch)})
    if bad:
        raise ValueError(f"contains characters not used in names: {' '.join(bad)}")
    if not any(unicodedata.category(ch)[0] == "L" for ch in v):
        raise ValueError("must contain letters")
    return v


def clean_text(value: str | None, *, required: bool = False, max_len: int = 2000) -> str | None:
    """Free text, trimmed, with a length limit."""
    if value is not None and not isinstance(value, str):
        raise ValueError("must be text")
    if value is None or not value.strip():
        if required:
            raise ValueError("is required")
        return None
    problem = not_text(value)
    if problem:
        raise ValueError(problem)
    v = unicodedata.normalize("NFC", value.strip())
    if len(v) > max_len:
        raise ValueError(f"is too long (at most {max_len} characters)")
    return v


def clean_choice(value: str | None, choices: type[StrEnum], *, required: bool = True) -> str | None:
    """One of an enum's values (case-insensitive; '-' and '_' alike), or ValueError listing them."""
    if value is None or not str(value).strip():
        if required:
            raise ValueError("is required")
        return None
    v = str(value).strip().lower().replace(" ", "_")
    for c in choices:
        if v in (c.value, c.value.replace("-", "_"), c.value.replace("_", "-")):
            return c.value
    raise ValueError(f"'{value}' is not one of: {', '.join(c.value for c in choices)}")


def parse_date(value: str | date | None, *, required: bool = False) -> date | None:
    """A date from YYYY-MM-DD or DD-MM-YYYY / DD/MM/YYYY text, or ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValueError("is required")
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"'{value}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)")
    s = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s)
        if not m:
            raise ValueError(
                f"'{value}' is not a date: write it DD-MM-YYYY, for example 23-11-2026"
            )
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"'{value}' is not a real date") from None


def age_on(dob: date, on: date) -> float:
    """Age in years (fractional) on a date."""
    return (on - dob).days / 365.25


def dob_from_estimated_age(age_years: float, on: date) -> date:
    """A date of birth for a child estimated to be `age_years` old on `on`."""
    from datetime import timedelta

    return on - timedelta(days=round(age_years * 365.25))


class Collector:
    """Collects field errors so one submit reports every problem at once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def check(self, field: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Call fn; on ValueError record its message under `field` and return None."""
        try:
            return fn(*args, **kwargs)
        except ValueError as exc:
            self.errors[field] = str(exc)
            return None

    def fail(self, field: str, message: str) -> None:
        """Record an error for `field` (the first one wins)."""
        self.errors.setdefault(field, message)

    def raise_if_any(self) -> None:
        """Raise ValidationError if anything was recorded."""
        if self.errors:
            from desktop.services.core.errors import ValidationError

            raise ValidationError(self.errors)
