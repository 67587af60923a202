"""Where this install keeps its private keys (the key types are `bundle_format.keys`).

Private keys go to the OS keyring through `keyring`; where
no usable keyring exists (a headless Linux box) they go to a passphrase-encrypted
PKCS8 file instead, and the result says so (`OwnKeys.warning`). A private key is never
written in plain text, and never logged.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from bundle_format.keys import (
    PRIVATE_FORMAT,
    OwnKeys,
    SyncKeyError,
    b64,
    raw_private,
    unb64,
)

log = logging.getLogger(__name__)

KEYRING_SERVICE = "clms-desktop"


@dataclass(frozen=True)
class StoredKeys:
    """Where a newly made private key went; `warning` is set when not in the OS keyring."""

    keys: OwnKeys
    storage: str  # "keyring" or "file"
    path: Path | None
    warning: str | None


def _private_json(keys: OwnKeys) -> dict[str, Any]:
    out: dict[str, Any] = {"role": keys.role, "name": keys.name}
    out["sign"] = b64(raw_private(keys.sign))
    if keys.enc is not None:
        out["enc"] = b64(raw_private(keys.enc))
    return out


def _from_private_json(data: dict[str, Any]) -> OwnKeys:
    enc = X25519PrivateKey.from_private_bytes(unb64(data["enc"])) if data.get("enc") else None
    return OwnKeys(
        role=str(data["role"]),
        name=str(data.get("name", "")),
        sign=Ed25519PrivateKey.from_private_bytes(unb64(data["sign"])),
        enc=enc,
    )


def keyring_usable() -> bool:
    """True if the OS keyring has a real backend (not the fail/null backends)."""
    kr = keyring.get_keyring()
    mod = type(kr).__module__
    if mod.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    try:
        return float(getattr(kr, "priority", 0)) > 0
    except Exception:  # a backend whose priority check itself fails is not usable
        return False


def save_private_file(path: Path, keys: OwnKeys, *, passphrase: str | None) -> None:
    """Write private keys as PKCS8 PEM; encrypted with the passphrase (BestAvailableEncryption).

    Without a passphrase the file is refused, except for a central server key file
    written on purpose with `passphrase=""` (then the caller must say so).
    """
    if passphrase is None:
        raise SyncKeyError("a passphrase is needed to protect the key file")
    enc_alg: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
        if passphrase
        else serialization.NoEncryption()
    )

    def pem(k: Ed25519PrivateKey | X25519PrivateKey) -> str:
        return k.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc_alg
        ).decode("ascii")

    body: dict[str, Any] = {
        "format": PRIVATE_FORMAT,
        "role": keys.role,
        "name": keys.name,
        "encrypted": bool(passphrase),
        "sign_pem": pem(keys.sign),
    }
    if keys.enc is not None:
        body["enc_pem"] = pem(keys.enc)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Create with owner-only permissions before any key byte is written.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(body, indent=2) + "\n")


def load_private_file(path: Path, *, passphrase: str | None) -> OwnKeys:
    """Read private keys written by `save_private_file`."""
    try:
        body = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SyncKeyError(f"cannot read the private key file {path}: {exc}") from exc
    if body.get("format") != PRIVATE_FORMAT:
        raise SyncKeyError(f"{path} is not a CLMS private key file")
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
    except (ValueError, TypeError) as exc:
        raise SyncKeyError("wrong passphrase, or the key file is damaged") from exc
    if not isinstance(sign, Ed25519PrivateKey) or not (
        enc is None or isinstance(enc, X25519PrivateKey)
    ):
        raise SyncKeyError("the key file holds keys of the wrong kind")
    return OwnKeys(role=str(body["role"]), name=str(body.get("name", "")), sign=sign, enc=enc)


def _keyring_user(role: str, sign_key_id: str) -> str:
    return f"{role}-key-{sign_key_id}"


def store_own_keys(keys: OwnKeys, *, key_dir: Path, passphrase: str | None) -> StoredKeys:
    """Put private keys in the OS keyring, or (no keyring) in an encrypted file under key_dir."""
    kid = keys.public().sign_key_id
    if keyring_usable():
        try:
            keyring.set_password(
                KEYRING_SERVICE, _keyring_user(keys.role, kid), json.dumps(_private_json(keys))
            )
            return StoredKeys(keys=keys, storage="keyring", path=None, warning=None)
        except keyring.errors.KeyringError as exc:
            log.warning("the OS keyring refused the key (%s); using a key file", type(exc).__name__)
    if not passphrase:
        raise SyncKeyError(
            "this computer has no usable keyring; a passphrase is needed to protect the key file"
        )
    path = Path(key_dir) / f"{keys.role}-{kid}.key"
    save_private_file(path, keys, passphrase=passphrase)
    warning = (
        "No OS keyring is available on this computer, so the private key was saved in a "
        f"passphrase-protected file: {path}. Keep the passphrase safe; it is needed to sync."
    )
    log.warning("%s", warning)
    return StoredKeys(keys=keys, storage="file", path=path, warning=warning)


def load_own_keys(
    *, role: str, sign_key_id: str, storage: str, key_dir: Path, passphrase: str | None
) -> OwnKeys:
    """Read this install's private keys back from where `store_own_keys` put them."""
    if storage == "keyring":
        try:
            secret = keyring.get_password(KEYRING_SERVICE, _keyring_user(role, sign_key_id))
        except keyring.errors.KeyringError as exc:
            raise SyncKeyError(
                "the private key is missing from the OS keyring (the keyring cannot be "
                f"reached: {type(exc).__name__})"
            ) from exc
        if secret is None:
            raise SyncKeyError("the private key is missing from the OS keyring")
        keys = _from_private_json(json.loads(secret))
    else:
        keys = load_private_file(Path(key_dir) / f"{role}-{sign_key_id}.key", passphrase=passphrase)
    if keys.public().sign_key_id != sign_key_id:
        raise SyncKeyError("the stored private key does not match this install's key id")
    return keys
