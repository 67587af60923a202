"""Where and how a computer uploads to central: the saved address, proxy and CA file.

Apart from `sync_client.exchange.upload` so that a screen showing the saved address (the
district page, the sync status) reads it without loading HTTP (requests, urllib3): issue
22's bounded memory. `upload` says these names too.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.models import Setting
from desktop.services.core.errors import ServiceError

URL_SETTING = "sync.central_url"
PROXY_SETTING = "sync.proxy"
CA_SETTING = "sync.ca_file"


@dataclass(frozen=True)
class UploadSettings:
    """Where and how to upload: central URL, proxy, chunk size, timeouts and retries."""

    url: str
    proxy: str | None = None
    ca_file: str | None = None  # the state's own CA certificate (PEM) for https
    chunk_size: int = 256 * 1024
    connect_timeout: float = 5.0  # a link that takes longer to connect is as good as none
    read_timeout: float = 30.0
    retries: int = 8  # failures in a row without progress before giving up
    backoff: float = 1.0
    max_backoff: float = 60.0
    probe_timeout: float = 4.0  # the quick "is central there?" before sending
    offline_after: int = 2  # probes in a row with no answer: offline, stop retrying


def settings_from_db(session: Session, *, url: str | None = None) -> UploadSettings:
    """Upload settings from the install's settings (central URL and proxy)."""

    def get(key: str) -> str | None:
        row = session.get(Setting, key)
        return row.value if row is not None and row.value else None

    target = url or get(URL_SETTING)
    if not target:
        raise ServiceError("no central address set: use `clms sync push --url URL` once")
    return UploadSettings(url=target.rstrip("/"), proxy=get(PROXY_SETTING), ca_file=get(CA_SETTING))


def save_settings(
    session: Session,
    *,
    url: str | None = None,
    proxy: str | None = None,
    ca_file: str | None = None,
) -> None:
    """Remember the central URL, proxy and/or CA file for next time."""
    for key, value in ((URL_SETTING, url), (PROXY_SETTING, proxy), (CA_SETTING, ca_file)):
        if value is None:
            continue
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value
