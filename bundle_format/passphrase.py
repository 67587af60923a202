"""Secrets wrapped by a passphrase: scrypt, then AES-256-GCM; and what a passphrase must be.

Used for private key files where there is no OS keyring (`bundle_format.keys`) and for an
install's data key (`desktop.vault`). The KDF parameters are stored beside the wrapped
secret, so stronger defaults later still open older files.

Defaults: scrypt with N = 2^17, r = 8, p = 1 (128 MiB of memory, about 0.4 s on a
current PC core; the OWASP minimum for scrypt), a 16-byte random salt and a 32-byte key;
AES-256-GCM with a 12-byte random nonce and the caller's associated data (which binds the
wrapped secret to what it is for, e.g. the key id).
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KDF = "scrypt"
CIPHER = "aes-256-gcm"
MIN_LENGTH = 12
MIN_DISTINCT = 6
# Bounds a file's stored parameters must keep: an edited file can neither make the KDF
# trivially weak nor ask for more memory than an office PC has.
_MIN_LOG2_N, _MAX_LOG2_N = 10, 20
_MAX_R, _MAX_P = 16, 4


def b64(data: bytes) -> str:
    """Standard base64 text of bytes."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Bytes from standard base64 text (strict)."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, AttributeError) as exc:
        raise ValueError("not base64 text") from exc


class PassphraseError(ValueError):
    """A wrong passphrase, a damaged wrapped secret, or a passphrase too weak to use."""


@dataclass(frozen=True)
class ScryptParams:
    """scrypt's cost parameters (N = 2**log2_n)."""

    log2_n: int = 17
    r: int = 8
    p: int = 1


DEFAULT = ScryptParams()


def passphrase_problem(passphrase: str, *, common: Collection[str] = ()) -> str | None:
    """Why this passphrase is too weak to protect a key, in plain words, or None if fine.

    At least 12 characters, at least 6 different ones, not only digits, and not one of
    the `common` passwords (compared without case or spaces).
    """
    if len(passphrase) < MIN_LENGTH:
        return f"The passphrase must have at least {MIN_LENGTH} characters (a few words work well)."
    low = passphrase.casefold()
    if len(set(low)) < MIN_DISTINCT:
        return "The passphrase repeats the same few characters; choose something less simple."
    if low.replace(" ", "").isdigit():
        return "A passphrase of digits only is too easy to guess; use words."
    squeezed = "".join(low.split())
    if low in common or squeezed in common:
        return "This passphrase is too common; choose another."
    return None


def _kdf(passphrase: str, salt: bytes, params: ScryptParams) -> bytes:
    return Scrypt(salt=salt, length=32, n=1 << params.log2_n, r=params.r, p=params.p).derive(
        passphrase.encode("utf-8")
    )


def wrap(
    secret: bytes, passphrase: str, *, aad: bytes, params: ScryptParams = DEFAULT
) -> dict[str, Any]:
    """The secret encrypted under a key derived from the passphrase, as JSON-ready data."""
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _kdf(passphrase, salt, params)
    return {
        "kdf": KDF,
        "log2_n": params.log2_n,
        "r": params.r,
        "p": params.p,
        "salt": b64(salt),
        "cipher": CIPHER,
        "nonce": b64(nonce),
        "wrapped": b64(AESGCM(key).encrypt(nonce, secret, aad)),
    }


def stored_params(data: dict[str, Any]) -> ScryptParams:
    """The KDF parameters a wrapped secret was made with (checked to be sane)."""
    try:
        if data.get("kdf") != KDF or data.get("cipher") != CIPHER:
            raise PassphraseError("the key file uses an unknown protection")
        params = ScryptParams(int(data["log2_n"]), int(data["r"]), int(data["p"]))
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, PassphraseError):
            raise
        raise PassphraseError("the key file is damaged (its protection is incomplete)") from exc
    if not (
        _MIN_LOG2_N <= params.log2_n <= _MAX_LOG2_N
        and 1 <= params.r <= _MAX_R
        and 1 <= params.p <= _MAX_P
    ):
        raise PassphraseError("the key file asks for key-derivation settings out of range")
    return params


def unwrap(data: dict[str, Any], passphrase: str, *, aad: bytes) -> bytes:
    """The secret back; PassphraseError for a wrong passphrase or a damaged file."""
    params = stored_params(data)
    try:
        salt, nonce, wrapped = unb64(data["salt"]), unb64(data["nonce"]), unb64(data["wrapped"])
    except (KeyError, TypeError, ValueError) as exc:
        raise PassphraseError("the key file is damaged") from exc
    try:
        return AESGCM(_kdf(passphrase, salt, params)).decrypt(nonce, wrapped, aad)
    except (InvalidTag, ValueError) as exc:
        raise PassphraseError("wrong passphrase, or the key file is damaged") from exc
