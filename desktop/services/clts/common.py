"""Input checks the CLTS services share: rupees, yes/no, policy codes, dates on a case."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from desktop.services.core.validation import Collector, parse_date

_YES = {"yes", "y", "true", "1", "haan", "हाँ", "हां"}
_NO = {"no", "n", "false", "0", "nahin", "नहीं"}
IFSC_RE = re.compile(r"^[A-Z]{4}0[A-Z0-9]{6}$")


def parse_rupees(value: object, *, required: bool = False) -> int | None:
    """Whole rupees from 3000, "3,000", "Rs 3000" or "₹3,000"; ValueError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValueError("is required")
        return None
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not an amount of rupees")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        if value != int(value):
            raise ValueError(f"'{value}' is not a whole number of rupees")
        n = int(value)
    else:
        s = str(value).strip().lower().replace("rs.", "").replace("rs", "").replace("₹", "")
        s = s.replace(",", "").replace(" ", "").removesuffix("/-")
        if s.endswith(".00"):
            s = s[:-3]
        if not s.isdigit():
            raise ValueError(f"'{value}' is not a number of rupees")
        n = int(s)
    if n < 0:
        raise ValueError("cannot be less than 0")
    if n > 100_000_000:
        raise ValueError(f"{n:,} rupees is more than any CLTS line")
    return n


def parse_whole(value: object, *, low: int, high: int, unit: str = "") -> int | None:
    """A whole number between low and high (blank: None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a whole number") from None
    if not low <= n <= high:
        raise ValueError(f"must be between {low} and {high}{' ' + unit if unit else ''}")
    return n


def parse_flag(value: object, *, required: bool = False) -> bool | None:
    """Yes or no (also true/false, 1/0, हाँ/नहीं); blank is "not recorded" (None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValueError("say yes or no")
        return None
    if isinstance(value, bool):
        return value
    s = str(value).strip().lower()
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise ValueError(f"'{value}' is not yes or no")


def parse_code(
    value: object, choices: Mapping[str, Any] | Iterable[str], *, what: str, required: bool = True
) -> str | None:
    """One of the policy's codes (case-insensitive, spaces as _), or ValueError listing them."""
    known = list(choices)
    if value is None or not str(value).strip():
        if required:
            raise ValueError("is required")
        return None
    v = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    if v in known:
        return v
    if isinstance(choices, Mapping):
        # A register from CLTS as built, or one typed in words: "Restored to family",
        # "LEO/LS/LRD", "Domestic work" are the policy's own spellings of its codes.
        said = " ".join(str(value).split()).casefold()
        for code, item in choices.items():
            names = (
                getattr(item, "clts_value", ""),
                getattr(item, "en", ""),
                getattr(item, "hi", ""),
            )
            if any(n and n.casefold() == said for n in names):
                return str(code)
    raise ValueError(f"'{value}' is not {what} (choose from: {', '.join(known)})")


def parse_codes(
    value: object, choices: Mapping[str, Any] | Iterable[str], *, what: str
) -> list[str]:
    """A list of codes, from a list or from text separated by commas or semicolons."""
    if value is None or value == "":
        return []
    items = value if isinstance(value, list | tuple) else re.split(r"[;,]", str(value))
    out: list[str] = []
    for item in items:
        if str(item).strip():
            code = parse_code(item, choices, what=what)
            if code is not None and code not in out:
                out.append(code)
    return out


def case_date(
    c: Collector,
    field: str,
    value: object,
    *,
    today: date,
    not_before: tuple[str, date | None] | None = None,
    required: bool = False,
) -> date | None:
    """A date: readable, not in the future, and (if given) not before another date."""
    d: date | None = c.check(field, parse_date, value, required=required)
    if d is None:
        return None
    if d > today:
        c.fail(field, "cannot be in the future")
    elif not_before is not None and not_before[1] is not None and d < not_before[1]:
        c.fail(field, f"cannot be before the {not_before[0]} ({not_before[1]:%d-%m-%Y})")
    return d


def clean_ifsc(value: object) -> str | None:
    """An IFSC code (11 characters, the 5th a zero), upper-cased."""
    if value is None or not str(value).strip():
        return None
    s = str(value).strip().upper().replace(" ", "")
    if not IFSC_RE.match(s):
        raise ValueError(f"'{value}' is not an IFSC code (4 letters, 0, then 6 letters or digits)")
    return s


def clean_account(value: object) -> str | None:
    """A bank account number: 9 to 18 digits (spaces and dashes dropped)."""
    if value is None or not str(value).strip():
        return None
    s = re.sub(r"[\s-]", "", str(value))
    if not s.isdigit() or not 9 <= len(s) <= 18:
        raise ValueError("a bank account number has 9 to 18 digits")
    return s


def mask_account(value: str | None) -> str | None:
    """An account number as it is shown: only the last 4 digits."""
    if not value:
        return value
    return "X" * max(len(value) - 4, 0) + value[-4:]


def clean_last4(value: object) -> str | None:
    """The last 4 digits of an Aadhaar number (never the whole number)."""
    if value is None or not str(value).strip():
        return None
    s = str(value).strip()
    if len(s) > 4:
        raise ValueError("give only the last 4 digits of the Aadhaar number, never all 12")
    if not (s.isdigit() and len(s) == 4):
        raise ValueError("must be 4 digits")
    return s
