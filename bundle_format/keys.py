"""Keys of the bundle format: who signs and who can decrypt, as public key files.

An institution has one Ed25519 signing key (it signs bundles). Central and a district
office each have an Ed25519 key (they sign receipts) and an X25519 key (bundles are
encrypted to it with HPKE). Public keys travel as small JSON key files
(`write_public_key_file`); their fingerprint (`fingerprint`) is short and grouped so it
can be read out over the phone. Where private keys are kept is the holder's business
(`sync_client.exchange.keys` for an install: the OS keyring or a passphrase-protected file).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from bundle_format.passphrase import PassphraseError, passphrase_problem, unwrap, wrap

PUBLIC_FORMAT = "clms-public-key-1"
PRIVATE_FORMAT = "clms-private-key-2"
OLD_PRIVATE_FORMAT = "clms-private-key-1"  # PKCS8 PEM, PBKDF2 with 2,048 rounds: read only
MAX_KEY_FILE = 64 * 1024  # a key file is a few hundred bytes; read nothing larger
ROLES = ("institution", "district", "central")


class SyncKeyError(ValueError):
    """A key problem told in plain words (missing key, wrong passphrase, bad key file)."""


def b64(data: bytes) -> str:
    """Standard base64 text of bytes."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Bytes from standard base64 text (strict)."""
    return base64.b64decode(text.encode("ascii"), validate=True)


def raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    """The 32 raw bytes of a public key."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    """The 32 raw bytes of a private key (kept in memory only)."""
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def key_id(public: bytes) -> str:
    """A key's id: the first 16 hex digits of SHA-256 over its raw public bytes."""
    return hashlib.sha256(public).hexdigest()[:16]


def fingerprint(sign_public: bytes, enc_public: bytes | None = None) -> str:
    """Five groups of four characters (80 bits), e.g. "3F7A 91C2 0B4E 77D1 A0C3"."""
    h = hashlib.sha256(b"clms-fp-1" + sign_public + (enc_public or b"")).hexdigest()[:20].upper()
    return " ".join(h[i : i + 4] for i in range(0, 20, 4))


@dataclass(frozen=True)
class PublicKeys:
    """Somebody's public keys as read from a key file (enc is None for an institution)."""

    role: str
    name: str
    sign: bytes
    enc: bytes | None

    @property
    def sign_key_id(self) -> str:
        """Id of the signing key (named in bundle headers and receipts)."""
        return key_id(self.sign)

    @property
    def enc_key_id(self) -> str | None:
        """Id of the encryption key (named as a bundle recipient)."""
        return key_id(self.enc) if self.enc is not None else None

    @property
    def fingerprint(self) -> str:
        """The grouped fingerprint to read out over the phone."""
        return fingerprint(self.sign, self.enc)

    def verifier(self) -> Ed25519PublicKey:
        """The Ed25519 public key object."""
        return Ed25519PublicKey.from_public_bytes(self.sign)

    def recipient(self) -> X25519PublicKey:
        """The X25519 public key object bundles are encrypted to."""
        if self.enc is None:
            raise SyncKeyError(f"the {self.role} key file has no encryption key")
        return X25519PublicKey.from_public_bytes(self.enc)

    def to_json(self) -> dict[str, Any]:
        """The key file's content."""
        out: dict[str, Any] = {
            "format": PUBLIC_FORMAT,
            "role": self.role,
            "name": self.name,
            "sign_key": b64(self.sign),
        }
        if self.enc is not None:
            out["enc_key"] = b64(self.enc)
        return out


@dataclass(frozen=True)
class OwnKeys:
    """This install's own private keys (enc only for district and central)."""

    role: str
    name: str
    sign: Ed25519PrivateKey
    enc: X25519PrivateKey | None

    def public(self) -> PublicKeys:
        """The public half, as it goes into a key file."""
        return PublicKeys(
            role=self.role,
            name=self.name,
            sign=raw_public(self.sign.public_key()),
            enc=raw_public(self.enc.public_key()) if self.enc is not None else None,
        )


def generate_keys(*, role: str, name: str) -> OwnKeys:
    """Fresh keys for a role: institutions sign only; district and central also decrypt."""
    if role not in ROLES:
        raise SyncKeyError(f"unknown key role {role!r}")
    enc = X25519PrivateKey.generate() if role != "institution" else None
    return OwnKeys(role=role, name=name, sign=Ed25519PrivateKey.generate(), enc=enc)


def parse_public(data: dict[str, Any]) -> PublicKeys:
    """Public keys from a key file's JSON, checked."""
    try:
        if data.get("format") != PUBLIC_FORMAT:
            raise SyncKeyError("this is not a CLMS public key file")
        role = str(data["role"])
        if role not in ROLES:
            raise SyncKeyError(f"unknown key role {role!r}")
        sign = unb64(str(data["sign_key"]))
        enc = unb64(str(data["enc_key"])) if data.get("enc_key") else None
        if len(sign) != 32 or (enc is not None and len(enc) != 32):
            raise SyncKeyError("the key file holds a key of the wrong length")
        Ed25519PublicKey.from_public_bytes(sign)
        return PublicKeys(role=role, name=str(data.get("name", "")), sign=sign, enc=enc)
    except SyncKeyError:
        raise
    except (KeyError, ValueError, TypeError) as exc:
        raise SyncKeyError(f"the key file is damaged or incomplete ({exc})") from exc


def _check_size(path: Path) -> None:
    """Refuse a "key file" too large to be one before reading it (it may come on a stick)."""
    try:
        size = Path(path).stat().st_size
    except OSError as exc:
        raise SyncKeyError(f"cannot read the key file {path}: {exc.strerror}") from exc
    if size > MAX_KEY_FILE:
        raise SyncKeyError(f"{path} is too large to be a CLMS key file ({size:,} bytes)")


def read_public_key_file(path: Path) -> PublicKeys:
    """Public keys from a key file (central's or a district's, given on a stick or by email)."""
    _check_size(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SyncKeyError(f"cannot read the key file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise SyncKeyError("this is not a CLMS public key file")
    return parse_public(data)


def write_public_key_file(path: Path, keys: PublicKeys) -> None:
    """Write a public key file (safe to email or copy)."""
    Path(path).write_text(json.dumps(keys.to_json(), indent=2) + "\n", encoding="utf-8")


def private_json(keys: OwnKeys) -> dict[str, Any]:
    """Private keys as JSON-ready data (only ever stored encrypted or in the OS keyring)."""
    out: dict[str, Any] = {"role": keys.role, "name": keys.name}
    out["sign"] = b64(raw_private(keys.sign))
    if keys.enc is not None:
        out["enc"] = b64(raw_private(keys.enc))
    return out


def from_private_json(data: dict[str, Any]) -> OwnKeys:
    """Private keys back from `private_json`."""
    enc = X25519PrivateKey.from_private_bytes(unb64(data["enc"])) if data.get("enc") else None
    return OwnKeys(
        role=str(data["role"]),
        name=str(data.get("name", "")),
        sign=Ed25519PrivateKey.from_private_bytes(unb64(data["sign"])),
        enc=enc,
    )


def save_private_file(
    path: Path,
    keys: OwnKeys,
    *,
    passphrase: str | None,
    common: Collection[str] = (),
    check_strength: bool = True,
) -> None:
    """Write private keys to a file, wrapped by the passphrase (scrypt + AES-256-GCM, see
    `bundle_format.passphrase`); a weak passphrase is refused (`passphrase_problem`, with
    the `common` passwords the caller knows).

    Without a passphrase the file is refused, except for a central server key file
    written on purpose with `passphrase=""` (then the caller must say so).
    `check_strength=False` only re-saves an older file under the passphrase it already had.
    """
    if passphrase is None:
        raise SyncKeyError("a passphrase is needed to protect the key file")
    if passphrase and check_strength:
        problem = passphrase_problem(passphrase, common=common)
        if problem:
            raise SyncKeyError(problem)
    secret = json.dumps(private_json(keys), sort_keys=True).encode("utf-8")
    body: dict[str, Any] = {
        "format": PRIVATE_FORMAT,
        "role": keys.role,
        "name": keys.name,
        "encrypted": bool(passphrase),
    }
    if passphrase:
        body["protection"] = wrap(secret, passphrase, aad=_private_aad(keys.role))
    else:
        body["private"] = private_json(keys)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Create with owner-only permissions before any key byte is written, under a temporary
    # name first: a power cut leaves the old file or the new one, never half of either.
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(body, indent=2) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _private_aad(role: str) -> bytes:
    return b"clms-private-key-2|" + role.encode("ascii")


@dataclass(frozen=True)
class LoadedKeys:
    """Private keys read from a file; `outdated` when the file is of the older PKCS8 kind
    (PBKDF2 with 2,048 rounds), which the caller should save again in the current format."""

    keys: OwnKeys
    outdated: bool


def load_private_file(path: Path, *, passphrase: str | None) -> OwnKeys:
    """Read private keys written by `save_private_file` (either format)."""
    return read_private_file(path, passphrase=passphrase).keys


def read_private_file(path: Path, *, passphrase: str | None) -> LoadedKeys:
    """Read private keys, saying whether the file is of the older format."""
    _check_size(path)
    try:
        body = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SyncKeyError(f"cannot read the private key file {path}: {exc}") from exc
    if not isinstance(body, dict):
        raise SyncKeyError(f"{path} is not a CLMS private key file")
    if body.get("format") == OLD_PRIVATE_FORMAT:
        return LoadedKeys(_load_pkcs8(body, passphrase), outdated=True)
    if body.get("format") != PRIVATE_FORMAT:
        raise SyncKeyError(f"{path} is not a CLMS private key file")
    try:
        if not body.get("encrypted"):
            data = body["private"]
        else:
            if not passphrase:
                raise SyncKeyError("the key file is protected: give its passphrase")
            try:
                secret = unwrap(body["protection"], passphrase, aad=_private_aad(body["role"]))
            except PassphraseError as exc:
                raise SyncKeyError(str(exc)) from exc
            data = json.loads(secret)
        keys = from_private_json(data)
    except SyncKeyError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise SyncKeyError("the key file is damaged or incomplete") from exc
    return LoadedKeys(keys, outdated=False)


def _load_pkcs8(body: dict[str, Any], passphrase: str | None) -> OwnKeys:
    """Keys from a file of the first format (PKCS8 PEM, BestAvailableEncryption)."""
    pw = passphrase.encode("utf-8") if (passphrase and body.get("encrypted")) else None
    if body.get("encrypted") and not passphrase:
        raise SyncKeyError("the key file is protected: give its passphrase")
    try:
        sign = serialization.load_pem_private_key(body["sign_pem"].encode("ascii"), password=pw)
        enc = (
            serialization.load_pem_private_key(body["enc_pem"].encode("ascii"), password=pw)
            if body.get("enc_pem")
            else None
        )
    except (ValueError, TypeError, KeyError) as exc:
        raise SyncKeyError("wrong passphrase, or the key file is damaged") from exc
    if not isinstance(sign, Ed25519PrivateKey) or not (
        enc is None or isinstance(enc, X25519PrivateKey)
    ):
        raise SyncKeyError("the key file holds keys of the wrong kind")
    return OwnKeys(role=str(body["role"]), name=str(body.get("name", "")), sign=sign, enc=enc)
