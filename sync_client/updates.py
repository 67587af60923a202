"""Is a newer CLMS Desktop out? Asked of central each time the install reaches it.

After a send, the install fetches central's signed release manifest (GET /v1/release),
checks its signature with the central key it imported (`bundle_format.releases`) and keeps
it in its settings, so Settings and the Sync screen can say "a newer version is available"
later, offline too. Nothing is ever downloaded or installed: the manifest only names the
installer file, its SHA-256 and what changed, and people install it when they choose.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import requests
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bundle_format.releases import Release, ReleaseError, is_newer, verify_manifest
from desktop.models import Setting
from desktop.services.core.context import Actor, unit_of_work
from sync_client.exchange.outbox import peer_keys
from sync_client.exchange.upload import UploadFailed, UploadSettings

log = logging.getLogger(__name__)
MANIFEST_SETTING = "updates.release_manifest"
CHECKED_SETTING = "updates.checked_at"
MAX_MANIFEST = 16 * 1024


def fetch_manifest(settings: UploadSettings) -> bytes | None:
    """Central's signed release manifest; None when it has published none (404)."""
    http = requests.Session()
    if settings.proxy:
        http.proxies = {"http": settings.proxy, "https": settings.proxy}
    try:
        r = http.get(
            settings.url + "/v1/release",
            verify=settings.ca_file or True,  # the state's CA file, as for uploads
            timeout=(settings.connect_timeout, settings.read_timeout),
        )
    except requests.exceptions.SSLError as exc:
        raise UploadFailed(
            f"the state server's certificate could not be verified ({type(exc).__name__})"
        ) from exc
    except requests.RequestException as exc:
        raise UploadFailed(f"could not reach central ({type(exc).__name__})") from exc
    if r.status_code == 404:
        return None
    if r.status_code != 200 or len(r.content) > MAX_MANIFEST:
        raise UploadFailed(f"central's release manifest could not be read (HTTP {r.status_code})")
    return r.content


def _get(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row is not None and row.value else None


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def remember_manifest(session: Session, data: bytes | None, *, now: datetime) -> Release | None:
    """Check a manifest against the imported central key and keep it; the release it names.

    A manifest that does not verify is not kept (the last good one stays); ReleaseError.
    """
    _put(session, CHECKED_SETTING, now.astimezone(UTC).isoformat(timespec="seconds"))
    if data is None:
        return None
    release = verify_manifest(data, peer_keys(session))
    _put(session, MANIFEST_SETTING, data.decode("utf-8"))
    return release


def known_release(session: Session) -> Release | None:
    """The release named by the kept manifest, checked again (None: none kept, or no longer
    trusted, e.g. after central's key was replaced)."""
    text = _get(session, MANIFEST_SETTING)
    if text is None:
        return None
    try:
        return verify_manifest(text.encode("utf-8"), peer_keys(session))
    except ReleaseError:
        log.warning("the kept release manifest no longer verifies; ignored")
        return None


def newer_release(session: Session, *, current: str) -> Release | None:
    """The kept release if it is newer than `current` (this install's version)."""
    release = known_release(session)
    return release if release is not None and is_newer(release.release, current) else None


def last_checked(session: Session) -> datetime | None:
    """When central was last asked (UTC), or None."""
    text = _get(session, CHECKED_SETTING)
    return datetime.fromisoformat(text) if text else None


def check_for_update(
    engine: Engine, *, actor: Actor, settings: UploadSettings, current: str
) -> Release | None:
    """Ask central now; the newer release it announces, if any (kept for the screens).

    Network trouble raises UploadFailed; a manifest that does not verify raises ReleaseError
    (and is not kept). Never downloads the installer.
    """
    data = fetch_manifest(settings)
    with unit_of_work(engine, actor, rules=False) as s:
        remember_manifest(s, data, now=datetime.now(UTC))
        return newer_release(s, current=current)
