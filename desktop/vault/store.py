"""Where an install's data key is kept, and unlocking it.

The key file `keys/data-key.json` in the data folder says which key the data was made
with (`key_id`) and where the key itself is:

- `"keyring"`: in the OS keyring (Windows Credential Manager, macOS Keychain, the Secret
  Service on a Linux desktop) under service "clms-desktop", user "data-key-<key id>".
  Opening the data needs nothing from the user.
- `"passphrase"`: where no usable keyring exists (a Linux box without a desktop session),
  wrapped in the key file itself by a passphrase (scrypt N=2^17, r=8, p=1, then
  AES-256-GCM: `bundle_format.passphrase`). The passphrase is asked when the data is
  opened (or read from $CLMS_DATA_PASSPHRASE by the command line).

Either way the recovery key (the data key written for people, `DataKey.recovery_key`)
opens the data again when the keyring entry, the key file or the passphrase is lost:
`recover` puts the key back where this computer keeps keys.

Unlocked keys stay in this process's memory, by key id, until it ends.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bundle_format.passphrase import DEFAULT, PassphraseError, ScryptParams, unwrap, wrap
from desktop.vault.passwords import passphrase_problem
from desktop.vault.secret import DataKey, new_data_key, parse_recovery

log = logging.getLogger(__name__)

KEY_FILE = "data-key.json"
FORMAT = "clms-data-key-1"
KEYRING_SERVICE = "clms-desktop"
PASSPHRASE_ENV = "CLMS_DATA_PASSPHRASE"
# The KDF cost of new key files (stored in each file; see bundle_format.passphrase).
SCRYPT = DEFAULT

_unlocked: dict[str, DataKey] = {}
_lock = threading.Lock()
# Unlocks started ahead of need (`unlock_early`), by key file; `unlock` waits for them.
_early: dict[str, threading.Thread] = {}


class VaultError(ValueError):
    """The data key cannot be had, in plain words (what is missing and what to do)."""


class NeedsPassphrase(VaultError):
    """The data key is kept under a passphrase (or must be, for a new install): ask for it."""

    def __init__(self, message: str, *, new: bool) -> None:
        super().__init__(message)
        self.new = new


class KeyMissing(VaultError):
    """The key is not where this computer keeps it: only the recovery key can open the data."""


@dataclass(frozen=True)
class KeyInfo:
    """What the key file says (no secret)."""

    key_id: str
    store: str  # "keyring" or "passphrase"
    recovery_shown: str | None  # when the recovery key was shown at set-up (UTC), if it was


def keys_folder(data_dir: Path) -> Path:
    """The folder of key files in the data folder (also the sync key files)."""
    return Path(data_dir) / "keys"


def key_file(data_dir: Path) -> Path:
    """The data key file of this data folder."""
    return keys_folder(data_dir) / KEY_FILE


def private_dir(path: Path) -> Path:
    """Make the folder (and its parents) if needed, and make it owner-only (0700 on Unix).

    On Windows the permissions come from the folder's ACL: a data folder in the user's
    profile (the default) is readable by that user, SYSTEM and administrators only.
    """
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    if os.name != "nt":
        try:
            os.chmod(path, 0o700)
        except PermissionError:
            log.warning("cannot make %s owner-only (not its owner)", path)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write a file owner-only (0600), through a temporary name, flushed to disk."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def keyring_usable() -> bool:
    """True if the OS keyring has a real backend (not the fail/null backends)."""
    try:
        import keyring
    except ImportError:
        return False
    kr = keyring.get_keyring()
    if type(kr).__module__.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    try:
        return float(getattr(kr, "priority", 0)) > 0
    except Exception:  # a backend whose priority check itself fails is not usable
        return False


def _keyring_user(key_id: str) -> str:
    return f"data-key-{key_id}"


def _aad(key_id: str) -> bytes:
    return f"{FORMAT}|{key_id}".encode("ascii")


def read_info(data_dir: Path) -> KeyInfo | None:
    """What the data folder's key file says, or None when there is none."""
    path = key_file(data_dir)
    if not path.exists():
        return None
    body = _read(path)
    return KeyInfo(str(body["key_id"]), str(body["store"]), body.get("recovery_shown"))


def _read(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > 64 * 1024:
            raise VaultError(f"{path} is too large to be a data key file")
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        if isinstance(exc, VaultError):
            raise
        raise VaultError(f"the data key file {path} cannot be read: {exc}") from exc
    if (
        not isinstance(body, dict)
        or body.get("format") != FORMAT
        or body.get("store") not in ("keyring", "passphrase")
        or not isinstance(body.get("key_id"), str)
    ):
        raise VaultError(f"{path} is not a CLMS data key file")
    return body


def _write(data_dir: Path, body: dict[str, Any]) -> None:
    private_dir(keys_folder(data_dir))
    write_private(key_file(data_dir), (json.dumps(body, indent=2) + "\n").encode("utf-8"))


def _passphrase(given: str | None) -> str | None:
    if given is not None:
        return given
    env = os.environ.get(PASSPHRASE_ENV)
    return env if env else None


def _remember(key: DataKey) -> DataKey:
    with _lock:
        _unlocked[key.key_id] = key
    return key


def _store(
    data_dir: Path, key: DataKey, *, passphrase: str | None, recovery_shown: str | None
) -> str:
    """Put the key where this computer keeps keys; write the key file. Returns the store."""
    body: dict[str, Any] = {"format": FORMAT, "key_id": key.key_id}
    if recovery_shown:
        body["recovery_shown"] = recovery_shown
    if keyring_usable():
        import keyring
        import keyring.errors

        try:
            keyring.set_password(
                KEYRING_SERVICE,
                _keyring_user(key.key_id),
                base64.b64encode(key.master).decode("ascii"),
            )
            body["store"] = "keyring"
            _write(data_dir, body)
            return "keyring"
        except keyring.errors.KeyringError as exc:
            log.warning("the OS keyring refused the data key (%s)", type(exc).__name__)
    pw = _passphrase(passphrase)
    if pw is None:
        raise NeedsPassphrase(
            "This computer has no usable keyring, so the case data is protected by a "
            "passphrase: choose one (at least 12 characters; a few words work well).",
            new=True,
        )
    problem = passphrase_problem(pw)
    if problem:
        raise NeedsPassphrase(problem, new=True)
    body["store"] = "passphrase"
    body["passphrase"] = wrap(key.master, pw, aad=_aad(key.key_id), params=SCRYPT)
    _write(data_dir, body)
    return "passphrase"


def create(data_dir: Path, *, passphrase: str | None = None) -> DataKey:
    """A new data key for a new (or not yet encrypted) install, kept and remembered."""
    if key_file(data_dir).exists():
        raise VaultError(f"{key_file(data_dir)} exists already: this install has its data key")
    key = new_data_key()
    _store(data_dir, key, passphrase=passphrase, recovery_shown=None)
    log.info("made a new data key %s for %s", key.key_id, data_dir)
    return _remember(key)


def unlock_early(data_dir: Path) -> None:
    """Start unlocking the data key of `data_dir` in a background thread, with what
    `unlock` would use unasked ($CLMS_DATA_PASSPHRASE, the OS keyring), so that its
    scrypt (about 0.4 s; it releases the GIL) runs while the window's modules import.

    Nothing is raised or said here: a later `unlock` of the folder waits for this one and
    then takes the key from memory, or, if it failed (no passphrase, a wrong one, a
    missing key), fails again itself with the usual error. A folder without a key file
    (a new install) is left alone.
    """
    path = key_file(data_dir)
    name = os.path.abspath(path)
    if not path.exists():
        return

    def work() -> None:
        try:
            _unlock(data_dir, passphrase=None)
        except Exception:  # said by the unlock that waits for this one
            log.debug("unlocking %s ahead of need failed", path, exc_info=True)

    thread = threading.Thread(target=work, name="clms-unlock-early", daemon=True)
    with _lock:
        if name in _early:
            return
        _early[name] = thread
    thread.start()


def _wait_early(data_dir: Path) -> None:
    """Wait for an `unlock_early` of this folder, if one was started."""
    with _lock:
        thread = _early.pop(os.path.abspath(key_file(data_dir)), None)
    if thread is not None:
        thread.join()


def unlock(data_dir: Path, *, passphrase: str | None = None) -> DataKey:
    """The data key of this data folder, from memory, the OS keyring or the passphrase.

    Raises NeedsPassphrase (ask and call again), KeyMissing (only the recovery key can
    help: `recover`) or VaultError.
    """
    _wait_early(data_dir)
    return _unlock(data_dir, passphrase=passphrase)


def _unlock(data_dir: Path, *, passphrase: str | None) -> DataKey:
    path = key_file(data_dir)
    if not path.exists():
        raise KeyMissing(
            f"The data key file {path} is missing. Enter the recovery key that was printed "
            "when this install was set up."
        )
    body = _read(path)
    key_id = str(body["key_id"])
    with _lock:
        known = _unlocked.get(key_id)
    if known is not None:
        return known
    if body["store"] == "keyring":
        return _remember(_from_keyring(key_id))
    pw = _passphrase(passphrase)
    if pw is None:
        raise NeedsPassphrase("Enter the passphrase that protects the case data.", new=False)
    try:
        master = unwrap(body["passphrase"], pw, aad=_aad(key_id))
    except (PassphraseError, KeyError, TypeError) as exc:
        raise NeedsPassphrase(
            "That passphrase does not open the case data; try again.", new=False
        ) from exc
    key = DataKey(master)
    if key.key_id != key_id:
        raise VaultError("the data key file is damaged (the key does not match its id)")
    return _remember(key)


def _from_keyring(key_id: str) -> DataKey:
    import keyring
    import keyring.errors

    try:
        secret = keyring.get_password(KEYRING_SERVICE, _keyring_user(key_id))
    except keyring.errors.KeyringError as exc:
        raise KeyMissing(
            f"The OS keyring cannot be reached ({type(exc).__name__}). Enter the recovery key "
            "that was printed when this install was set up."
        ) from exc
    if secret is None:
        raise KeyMissing(
            "The data key is not in this computer's keyring (a new Windows profile or "
            "computer?). Enter the recovery key that was printed when this install was set up."
        )
    try:
        key = DataKey(base64.b64decode(secret, validate=True))
    except (binascii.Error, ValueError) as exc:
        raise KeyMissing("the data key in the keyring is damaged; enter the recovery key") from exc
    if key.key_id != key_id:
        raise KeyMissing("the keyring holds another data key; enter the recovery key")
    return key


def recover(data_dir: Path, *, recovery_key: str, passphrase: str | None = None) -> DataKey:
    """Open the data with the recovery key and keep the key on this computer again.

    The caller checks that the key opens the database (`desktop.db` does) before use.
    """
    key = parse_recovery(recovery_key)
    known = read_info(data_dir) if key_file(data_dir).exists() else None
    if known is not None and known.key_id != key.key_id:
        raise VaultError("this recovery key belongs to another install's data")
    shown = known.recovery_shown if known is not None else _now()
    _store(data_dir, key, passphrase=passphrase, recovery_shown=shown)
    log.info("data key %s restored from its recovery key for %s", key.key_id, data_dir)
    return _remember(key)


def change_passphrase(data_dir: Path, *, old: str, new: str) -> None:
    """Wrap the data key under a new passphrase (passphrase-kept keys only)."""
    body = _read(key_file(data_dir))
    if body["store"] != "passphrase":
        raise VaultError("this install keeps its data key in the OS keyring, not a passphrase")
    key = unlock(data_dir, passphrase=old)
    try:
        unwrap(body["passphrase"], old, aad=_aad(key.key_id))
    except PassphraseError as exc:
        raise VaultError("the current passphrase is not right") from exc
    problem = passphrase_problem(new)
    if problem:
        raise VaultError(problem)
    body["passphrase"] = wrap(key.master, new, aad=_aad(key.key_id), params=SCRYPT)
    _write(data_dir, body)


def recovery_pending(data_dir: Path) -> bool:
    """Whether this install's recovery key has not been shown to anyone yet."""
    info = read_info(data_dir)
    return info is not None and not info.recovery_shown


def mark_recovery_shown(data_dir: Path) -> None:
    """Note that the recovery key was shown (and written down): it is not offered again."""
    body = _read(key_file(data_dir))
    body["recovery_shown"] = _now()
    _write(data_dir, body)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def forget_all() -> None:
    """Drop every unlocked key from this process's memory (after any early unlock ends)."""
    with _lock:
        pending = list(_early.values())
        _early.clear()
    for thread in pending:
        thread.join()
    with _lock:
        _unlocked.clear()


def scrypt_params() -> ScryptParams:
    """The KDF cost new key files are made with."""
    return SCRYPT
