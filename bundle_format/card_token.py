"""The entitlement card's token: a short signed text in the card's QR code that a
department office checks offline with nothing but the state's public key.

Who signs. The office that prints the card (a CCI, or the DCPU at the district office)
signs with its own Ed25519 signing key, the one that signs its sync bundles: no new key
to keep, and it never leaves the install. The state vouches for that key once, when the
office is enrolled: central signs an *endorsement* (the office's public key, its district
and a last valid day) with the state's key, and the office keeps it. The QR carries the
token, the signer's public key and the endorsement, so a verifier needs only the state's
public key (the key file every install already holds), no list of offices and no network.

QR text: ``CLTS1:<case id>:<child code>:<token>``; the token is base32 (upper case, no
padding: QR alphanumeric mode) of

    version (1) | flags (1: bit 0 endorsed) | issued day (2, days since 2000-01-01)
    | signer public key (32) | signature (64)
    [ | district (2) | valid until (2, days since 2000-01-01) | state signature (64) ]

The signature covers ``clts-card-v1|case id|child code|issued (ISO)``; the endorsement's
covers ``clts-signer-v1|`` + signer key + district + valid until. A card printed before
the office holds an endorsement carries a token that verifies as signed but not endorsed.
"""

from __future__ import annotations

import base64
import struct
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from bundle_format.keys import key_id, raw_public

PREFIX = "CLTS1"
VERSION = 1
EPOCH = date(2000, 1, 1)
ENDORSEMENT_LEN = 2 + 2 + 64
Signer = Callable[[str, str, date], str]  # (case id, child code, issued) -> the QR text


class TokenError(ValueError):
    """A token that cannot be read (not one of ours, damaged, cut short)."""


def _day(d: date) -> int:
    n = (d - EPOCH).days
    if not 0 <= n < 65536:
        raise TokenError(f"date {d} is outside the token's range")
    return n


def _card_message(case_id: str, child_code: str, issued: date) -> bytes:
    return f"clts-card-v1|{case_id}|{child_code}|{issued.isoformat()}".encode()


def _signer_message(signer: bytes, district: int, valid_until: date) -> bytes:
    return b"clts-signer-v1|" + signer + struct.pack(">HH", district, _day(valid_until))


def endorse_signer(
    state_key: Ed25519PrivateKey, *, signer_public: bytes, district: int, valid_until: date
) -> bytes:
    """The state's endorsement of an office's signing key (68 bytes, kept by the office)."""
    if len(signer_public) != 32:
        raise TokenError("a signing key has 32 bytes")
    if not 0 < district < 65536:
        raise TokenError(f"district code {district} is out of range")
    sig = state_key.sign(_signer_message(signer_public, district, valid_until))
    return struct.pack(">HH", district, _day(valid_until)) + sig


def check_endorsement(
    endorsement: bytes, *, signer_public: bytes, state_public: bytes
) -> tuple[int, date]:
    """(district, valid until) of an endorsement of this key by this state; TokenError if not."""
    if len(endorsement) != ENDORSEMENT_LEN:
        raise TokenError("the endorsement is damaged (wrong length)")
    district, until_n = struct.unpack(">HH", endorsement[:4])
    valid_until = EPOCH + timedelta(days=until_n)
    try:
        Ed25519PublicKey.from_public_bytes(state_public).verify(
            endorsement[4:], _signer_message(signer_public, district, valid_until)
        )
    except (InvalidSignature, ValueError):
        raise TokenError(
            "the endorsement is not for this key, or not signed by this state"
        ) from None
    return district, valid_until


def make_token(
    signer: Ed25519PrivateKey,
    *,
    case_id: str,
    child_code: str,
    issued: date,
    endorsement: bytes | None = None,
) -> str:
    """The QR text of a card: prefix, case ID, child code and the signed token."""
    for name, value in (("case id", case_id), ("child code", child_code)):
        if not value or ":" in value:
            raise TokenError(f"the {name} must be given and hold no ':'")
    if endorsement is not None and len(endorsement) != ENDORSEMENT_LEN:
        raise TokenError("the endorsement is damaged (wrong length)")
    pub = raw_public(signer.public_key())
    sig = signer.sign(_card_message(case_id, child_code, issued))
    body = struct.pack(">BBH", VERSION, 1 if endorsement else 0, _day(issued)) + pub + sig
    if endorsement:
        body += endorsement
    token = base64.b32encode(body).decode("ascii").rstrip("=")
    return f"{PREFIX}:{case_id}:{child_code}:{token}"


@dataclass(frozen=True)
class TokenCheck:
    """What checking a card's QR text found."""

    genuine: bool  # signed by a key the state endorsed for this date, and not altered
    signed: bool  # the signature over case ID, child code and date is good
    endorsed: bool  # the state's endorsement of the signing key is good
    case_id: str
    child_code: str
    issued: date | None
    signer_key_id: str
    district: int | None
    valid_until: date | None
    problem: str | None

    def summary(self) -> str:
        """One line for a person at a department office."""
        if self.genuine:
            return (
                f"GENUINE: card of {self.case_id} (child code {self.child_code}), issued "
                f"{self.issued:%d/%m/%Y} by an office of district {self.district} endorsed by "
                f"the state until {self.valid_until:%d/%m/%Y}"
            )
        return f"NOT VERIFIED: {self.problem}"


def _unb32(text: str) -> bytes:
    pad = "=" * (-len(text) % 8)
    try:
        return base64.b32decode(text.upper() + pad)
    except (ValueError, TypeError) as exc:
        raise TokenError(f"the token is not readable ({exc})") from None


def read_token(qr_text: str) -> tuple[str, str, bytes]:
    """(case id, child code, token bytes) from a card's QR text; TokenError if not ours."""
    parts = qr_text.strip().split(":")
    if len(parts) != 4 or parts[0] != PREFIX:
        raise TokenError("this is not the QR code of a CLTS entitlement card")
    body = _unb32(parts[3])
    if len(body) < 4 + 32 + 64 or body[0] != VERSION:
        raise TokenError("the token is cut short or of an unknown version")
    return parts[1], parts[2], body


def verify_token(qr_text: str, *, state_public: bytes, on: date | None = None) -> TokenCheck:
    """Check a card's QR text against the state's public signing key, as of `on`."""
    case_id, child_code, body = read_token(qr_text)
    _v, flags, issued_n = struct.unpack(">BBH", body[:4])
    issued = EPOCH + timedelta(days=issued_n)
    pub, sig = body[4:36], body[36:100]
    rest = body[100:]
    signed = True
    try:
        Ed25519PublicKey.from_public_bytes(pub).verify(
            sig, _card_message(case_id, child_code, issued)
        )
    except (InvalidSignature, ValueError):
        signed = False
    district = valid_until = None
    endorsed = False
    problem = None if signed else "the signature does not match: the card's text was altered"
    if flags & 1:
        if len(rest) != ENDORSEMENT_LEN:
            raise TokenError("the endorsement in the token is cut short")
        district, until_n = struct.unpack(">HH", rest[:4])
        valid_until = EPOCH + timedelta(days=until_n)
        try:
            Ed25519PublicKey.from_public_bytes(state_public).verify(
                rest[4:], _signer_message(pub, district, valid_until)
            )
            endorsed = True
        except (InvalidSignature, ValueError):
            problem = problem or "the office's key is not endorsed by this state's key"
    else:
        problem = problem or "the card was printed before the office's key was endorsed"
    day = on or issued
    if endorsed and signed and valid_until is not None and issued > valid_until:
        problem = f"issued {issued:%d/%m/%Y}, after the endorsement ended ({valid_until:%d/%m/%Y})"
    if signed and day < issued:
        problem = problem or f"issued on {issued:%d/%m/%Y}, a date still to come"
    genuine = signed and endorsed and problem is None
    return TokenCheck(
        genuine=genuine,
        signed=signed,
        endorsed=endorsed,
        case_id=case_id,
        child_code=child_code,
        issued=issued,
        signer_key_id=key_id(pub),
        district=district,
        valid_until=valid_until,
        problem=problem,
    )
