"""An install's data key: one random secret, the keys derived from it, its recovery text.

The master secret is 20 random bytes (160 bits). Every key in use is derived from it with
HKDF-SHA256 under its own label, so one secret (and one recovery key on paper) covers
the SQLCipher database, the attachment files and their names on disk.

The recovery key is the master secret itself, written for people: 32 characters of
Crockford's base32 (no I, L, O, U) in groups of four, then one group of four check
characters that catch a typing mistake before anything is tried. With it and the
database file alone the data can always be opened again.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MASTER_BYTES = 20
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
_READ_AS = {"O": "0", "I": "1", "L": "1"}
GROUPS = 9  # 8 groups of the secret + 1 group of check characters


class RecoveryKeyError(ValueError):
    """A recovery key that cannot be right (wrong length, a character that is not used)."""


def _derive(master: bytes, label: str, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=label.encode()).derive(
        master
    )


@dataclass(frozen=True)
class DataKey:
    """The data key of one install, with the keys derived from it (kept in memory only)."""

    master: bytes = field(repr=False)

    @property
    def key_id(self) -> str:
        """A short public name of the key (16 hex digits): which key a file was made with."""
        return _derive(self.master, "clms-data-key-id-v1", 8).hex()

    @property
    def database_key(self) -> bytes:
        """The 256-bit raw key of the SQLCipher database files."""
        return _derive(self.master, "clms-sqlcipher-v1")

    @property
    def file_key(self) -> bytes:
        """The AES-256-GCM key of attachment files."""
        return _derive(self.master, "clms-attachments-v1")

    @property
    def name_key(self) -> bytes:
        """The HMAC key that names attachment files on disk (so names reveal no content)."""
        return _derive(self.master, "clms-attachment-names-v1")

    def file_name(self, sha256: str) -> str:
        """The name on disk of the attachment with this content hash."""
        return hmac.new(self.name_key, sha256.encode("ascii"), hashlib.sha256).hexdigest()

    def recovery_key(self) -> str:
        """The master secret as a recovery key to write on paper."""
        return format_recovery(self.master)


def new_data_key() -> DataKey:
    """A fresh random data key."""
    return DataKey(os.urandom(MASTER_BYTES))


def _to_base32(data: bytes) -> str:
    bits = int.from_bytes(data, "big")
    n = len(data) * 8 // 5
    return "".join(_ALPHABET[(bits >> (5 * (n - 1 - i))) & 31] for i in range(n))


def _check_chars(master: bytes) -> str:
    digest = hashlib.sha256(b"clms-recovery-check|" + master).digest()
    return _to_base32(digest[:5])[:4]


def format_recovery(master: bytes) -> str:
    """ "ABCD-EFGH-...": 8 groups of the secret and a group of check characters."""
    text = _to_base32(master) + _check_chars(master)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery(text: str) -> DataKey:
    """The data key from a typed recovery key (spaces, dashes and case do not matter)."""
    chars = [_READ_AS.get(c, c) for c in text.upper() if not c.isspace() and c != "-"]
    if len(chars) != GROUPS * 4:
        raise RecoveryKeyError(
            f"A recovery key has {GROUPS * 4} letters and digits ({GROUPS} groups of 4); "
            f"this one has {len(chars)}"
        )
    bad = sorted({c for c in chars if c not in _ALPHABET})
    if bad:
        raise RecoveryKeyError(f"A recovery key has no {', '.join(bad)}")
    bits = 0
    for c in chars[:32]:
        bits = (bits << 5) | _ALPHABET.index(c)
    master = bits.to_bytes(MASTER_BYTES, "big")
    if "".join(chars[32:]) != _check_chars(master):
        raise RecoveryKeyError("The recovery key has a typing mistake; check each group.")
    return DataKey(master)
