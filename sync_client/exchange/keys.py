"""Where this install keeps its private keys (the key types are `bundle_format.keys`).

Private keys go to the OS keyring through `keyring`; where no usable keyring exists (a
headless Linux box) they go to a file wrapped by a passphrase (scrypt + AES-256-GCM,
`bundle_format.passphrase`; a weak or common passphrase is refused) instead, and the
result says so (`OwnKeys.warning`). A file of the older kind (PKCS8, PBKDF2 with 2,048
rounds) still opens, and is saved again in the current kind when it is. A private key
is never written in plain text, and never logged.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from bundle_format.keys import (
    OwnKeys,
    SyncKeyError,
    from_private_json,
    private_json,
    read_private_file,
    save_private_file,
)
from desktop.vault.passwords import common_passwords

log = logging.getLogger(__name__)

KEYRING_SERVICE = "clms-desktop"


@dataclass(frozen=True)
class StoredKeys:
    """Where a newly made private key went; `warning` is set when not in the OS keyring."""

    keys: OwnKeys
    storage: str  # "keyring" or "file"
    path: Path | None
    warning: str | None


# `keyring` is imported where it is used: loading it (its backends' entry points) costs
# a tenth of a second, and most users of this module (the window's sync line) never need it.


def keyring_usable() -> bool:
    """True if the OS keyring has a real backend (not the fail/null backends)."""
    import keyring

    kr = keyring.get_keyring()
    mod = type(kr).__module__
    if mod.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    try:
        return float(getattr(kr, "priority", 0)) > 0
    except Exception:  # a backend whose priority check itself fails is not usable
        return False


def _keyring_user(role: str, sign_key_id: str) -> str:
    return f"{role}-key-{sign_key_id}"


def store_own_keys(keys: OwnKeys, *, key_dir: Path, passphrase: str | None) -> StoredKeys:
    """Put private keys in the OS keyring, or (no keyring) in an encrypted file under key_dir."""
    import keyring.errors

    kid = keys.public().sign_key_id
    if keyring_usable():
        try:
            keyring.set_password(
                KEYRING_SERVICE, _keyring_user(keys.role, kid), json.dumps(private_json(keys))
            )
            return StoredKeys(keys=keys, storage="keyring", path=None, warning=None)
        except keyring.errors.KeyringError as exc:
            log.warning("the OS keyring refused the key (%s); using a key file", type(exc).__name__)
    if not passphrase:
        raise SyncKeyError(
            "this computer has no usable keyring; a passphrase is needed to protect the key file"
        )
    path = Path(key_dir) / f"{keys.role}-{kid}.key"
    save_private_file(path, keys, passphrase=passphrase, common=common_passwords())
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
        import keyring.errors

        try:
            secret = keyring.get_password(KEYRING_SERVICE, _keyring_user(role, sign_key_id))
        except keyring.errors.KeyringError as exc:
            raise SyncKeyError(
                "the private key is missing from the OS keyring (the keyring cannot be "
                f"reached: {type(exc).__name__})"
            ) from exc
        if secret is None:
            raise SyncKeyError("the private key is missing from the OS keyring")
        keys = from_private_json(json.loads(secret))
    else:
        path = Path(key_dir) / f"{role}-{sign_key_id}.key"
        loaded = read_private_file(path, passphrase=passphrase)
        keys = loaded.keys
        if loaded.outdated and passphrase:
            # The older PKCS8 file: saved again with scrypt under the same passphrase.
            save_private_file(path, keys, passphrase=passphrase, check_strength=False)
            log.info("key file %s saved again in the current format", path.name)
    if keys.public().sign_key_id != sign_key_id:
        raise SyncKeyError("the stored private key does not match this install's key id")
    return keys
