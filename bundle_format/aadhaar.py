"""Aadhaar above the CCI: the last 4 digits in the open, the number sealed to central only.

A child record in a bundle never carries the Aadhaar number as such. It carries
`aadhaar_last4` (what a district or state official may see, as the window shows it
masked) and `aadhaar_sealed`: the 12 digits encrypted with HPKE to central's key alone,
bound to the record's uuid. A district office can open the bundle but not this field.
Central opens it, keeps only the last 4 digits and a keyed hash (HMAC-SHA256 with the
state's own secret, which never leaves central) for finding the same child in several
homes, and drops the number (see `keyed_hash`).
"""

from __future__ import annotations

import hashlib
import hmac
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from bundle_format.bundle import SUITE
from bundle_format.keys import OwnKeys, PublicKeys, b64, unb64

FIELD_LAST4 = "aadhaar_last4"
FIELD_SEALED = "aadhaar_sealed"
_DIGITS = re.compile(r"\d{12}")
_MAX_SEALED = 256  # an HPKE seal of 12 digits is 60 bytes; base64 of anything larger is refused


class AadhaarError(ValueError):
    """A sealed Aadhaar that cannot be opened, or is not 12 digits inside."""


def _info(record_uuid: str) -> bytes:
    return b"clms-aadhaar-v1|" + record_uuid.encode("ascii")


def last4(aadhaar: str | None) -> str | None:
    """The last 4 digits, or None when there is no number."""
    return aadhaar[-4:] if aadhaar else None


def seal(aadhaar: str, *, central: PublicKeys, record_uuid: str) -> str:
    """The 12 digits encrypted to central's key only, bound to this record (base64 text)."""
    if not _DIGITS.fullmatch(aadhaar):
        raise AadhaarError("an Aadhaar number has 12 digits")
    return b64(SUITE.encrypt(aadhaar.encode("ascii"), central.recipient(), info=_info(record_uuid)))


def open_sealed(sealed: str, *, keys: OwnKeys, record_uuid: str) -> str:
    """The 12 digits back, with central's private key; AadhaarError if not openable."""
    if keys.enc is None:
        raise AadhaarError("these keys cannot decrypt")
    return open_sealed_with(sealed, enc=keys.enc, record_uuid=record_uuid)


def open_sealed_with(sealed: str, *, enc: X25519PrivateKey, record_uuid: str) -> str:
    """The 12 digits back with an X25519 private key (central's, or a receiving CCI's
    transfer key for a number sealed to it in a transfer packet)."""
    if not isinstance(sealed, str) or len(sealed) > _MAX_SEALED:
        raise AadhaarError("the sealed Aadhaar is not a short text")
    try:
        digits = SUITE.decrypt(unb64(sealed), enc, info=_info(record_uuid)).decode("ascii")
    except (InvalidTag, ValueError, UnicodeDecodeError) as exc:
        raise AadhaarError("the sealed Aadhaar cannot be opened") from exc
    if not _DIGITS.fullmatch(digits):
        raise AadhaarError("the sealed Aadhaar does not hold 12 digits")
    return digits


def keyed_hash(aadhaar: str, *, secret: bytes) -> str:
    """HMAC-SHA256 of the 12 digits under the state's secret, as hex: equal numbers match,
    and without the secret the 10^12 possible numbers cannot be tried one by one."""
    if len(secret) < 32:
        raise AadhaarError("the state's matching secret must be at least 32 bytes")
    return hmac.new(secret, aadhaar.encode("ascii"), hashlib.sha256).hexdigest()
