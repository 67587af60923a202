"""Release manifests: the state's signed word that a new version of CLMS Desktop exists.

Central publishes one small JSON file per release (`python -m central release sign`): the
version, its date, the installer's file name and SHA-256, and what changed in English and
Hindi. It is signed with central's Ed25519 key, the same key whose public half every install
imported (and checked by phone) before its first sync; an install believes a manifest only
if that key's signature holds. The app tells people a newer version exists and how to check
the file they are given; it never downloads or installs anything by itself.

Signed form (canonical JSON, like receipts):

    {"manifest": {"format": "clms-release", "version": 1, "release": "0.2.0",
                  "date": "2026-12-01", "download": "clms-desktop-0.2.0-setup.exe",
                  "sha256": "<64 hex>", "size": 123456789,
                  "changes": {"en": "...", "hi": "..."}},
     "signer": "<central sign key id>", "signature": "<base64 Ed25519 over the manifest>"}
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cryptography.exceptions import InvalidSignature

from bundle_format.canonical import canonical
from bundle_format.keys import OwnKeys, PublicKeys, b64, unb64

FORMAT = "clms-release"
VERSION = 1
LANGUAGES = ("en", "hi")
_NAMES = {"en": "English", "hi": "Hindi"}
_RELEASE = re.compile(r"^\d{1,4}(\.\d{1,4}){1,3}$")  # 0.2.0, 1.10.3.1: numbers only
_DOWNLOAD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")  # a file name, never a path
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_CHANGES = 600  # characters per language: a summary (an install keeps it in a setting)


class ReleaseError(ValueError):
    """A manifest that is malformed or cannot be trusted, in plain words."""


@dataclass(frozen=True)
class Release:
    """One release as a manifest describes it."""

    release: str
    date: date
    download: str
    sha256: str
    size: int
    changes: dict[str, str]

    def changes_in(self, lang: str) -> str:
        """What changed, in `lang` (English if that language is missing)."""
        return self.changes.get(lang) or self.changes["en"]


def version_key(text: str) -> tuple[int, ...]:
    """A release number as numbers, for comparing ("0.10.0" is newer than "0.9.2")."""
    if not _RELEASE.match(text):
        raise ReleaseError(f"{text!r} is not a release number like 0.2.0")
    parts = tuple(int(p) for p in text.split("."))
    return parts + (0,) * (4 - len(parts))


def is_newer(candidate: str, current: str) -> bool:
    """Whether `candidate` is a later release than `current`."""
    return version_key(candidate) > version_key(current)


def make_manifest(
    *,
    release: str,
    on: date,
    download: str,
    sha256: str,
    size: int,
    changes: dict[str, str],
) -> dict[str, Any]:
    """The manifest body (unsigned), checked field by field."""
    body = {
        "format": FORMAT,
        "version": VERSION,
        "release": release,
        "date": on.isoformat(),
        "download": download,
        "sha256": sha256.lower(),
        "size": size,
        "changes": {lang: changes.get(lang, "").strip() for lang in LANGUAGES},
    }
    _check(body)
    return body


def _check(body: dict[str, Any]) -> Release:
    """The Release a manifest body describes; ReleaseError naming the first bad field."""
    if body.get("format") != FORMAT:
        raise ReleaseError("this is not a CLMS release manifest")
    if body.get("version") != VERSION:
        raise ReleaseError("this release manifest's format version is not supported")
    release = str(body.get("release", ""))
    version_key(release)
    try:
        on = date.fromisoformat(str(body.get("date", "")))
    except ValueError as exc:
        raise ReleaseError("date: not a date like 2026-12-01") from exc
    download = str(body.get("download", ""))
    if not _DOWNLOAD.match(download):
        raise ReleaseError("download: a plain file name is needed (no folders)")
    sha = str(body.get("sha256", ""))
    if not _SHA256.match(sha):
        raise ReleaseError("sha256: 64 hexadecimal digits are needed")
    size = body.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise ReleaseError("size: the installer's size in bytes is needed")
    changes = body.get("changes")
    if not isinstance(changes, dict) or set(changes) != set(LANGUAGES):
        raise ReleaseError("changes: what changed is needed in English (en) and Hindi (hi)")
    for lang in LANGUAGES:
        text = changes[lang]
        if not isinstance(text, str) or not text.strip():
            raise ReleaseError(f"changes.{lang}: say what changed in {_NAMES[lang]}")
        if len(text) > MAX_CHANGES:
            raise ReleaseError(f"changes.{lang}: longer than {MAX_CHANGES} characters")
    if not re.search("[\u0900-\u097f]", changes["hi"]):
        raise ReleaseError("changes.hi: the Hindi text has no Devanagari in it")
    return Release(release, on, download, sha, size, dict(changes))


def sign_manifest(body: dict[str, Any], keys: OwnKeys) -> bytes:
    """The signed manifest as bytes (canonical JSON), by central's key only."""
    if keys.role != "central":
        raise ReleaseError("release manifests are signed with central's key")
    _check(body)
    sig = keys.sign.sign(canonical(body))
    return canonical({"manifest": body, "signer": keys.public().sign_key_id, "signature": b64(sig)})


def verify_manifest(data: bytes, trusted: Sequence[PublicKeys]) -> Release:
    """The release a signed manifest describes, if a trusted central key signed it."""
    try:
        env = json.loads(data.decode("utf-8"))
        body = env["manifest"]
        signer = str(env["signer"])
        sig = unb64(str(env["signature"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ReleaseError("the release manifest is damaged or is not a CLMS manifest") from exc
    if not isinstance(body, dict):
        raise ReleaseError("the release manifest is damaged or is not a CLMS manifest")
    key = next((k for k in trusted if k.role == "central" and k.sign_key_id == signer), None)
    if key is None:
        raise ReleaseError(
            "the release manifest is not signed by the state office key this computer imported"
        )
    try:
        key.verifier().verify(sig, canonical(body))
    except InvalidSignature as exc:
        raise ReleaseError("the release manifest's signature does not match: ignored") from exc
    return _check(body)
