"""Human-readable child codes: SS-DDD-IIII-YYYY-NNNNN-C.

State (LGD), district (LGD), institution number within the district, admission year,
serial within the institution and year, and a Verhoeff check digit over all the digits,
which catches any single mistyped digit and any swap of two neighbouring digits.
"""

from __future__ import annotations

import re

from desktop.services.core.validation import verhoeff_check_digit, verhoeff_valid

CODE_RE = re.compile(r"^(\d{2})-(\d{3})-(\d{4})-(\d{4})-(\d{5,})-(\d)$")


def make_code(*, state: int, district: int, institution: int, year: int, serial: int) -> str:
    """The child code with its check digit."""
    body = f"{state:02d}-{district:03d}-{institution:04d}-{year:04d}-{serial:05d}"
    return f"{body}-{verhoeff_check_digit(body.replace('-', ''))}"


def valid_code(code: str) -> bool:
    """Whether the code is well formed and its check digit is right."""
    m = CODE_RE.match(code.strip())
    return bool(m) and verhoeff_valid(code.strip().replace("-", ""))


def normalise_code(text: str) -> str | None:
    """A code typed with spaces, dots or no dashes, in canonical form (None if not a code)."""
    digits = re.sub(r"\D", "", text)
    if len(digits) < 19:
        return None
    code = f"{digits[:2]}-{digits[2:5]}-{digits[5:9]}-{digits[9:13]}-{digits[13:-1]}-{digits[-1]}"
    return code if valid_code(code) else None
