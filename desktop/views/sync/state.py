"""What the Sync screen shows, read from the database in one go."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format.receipts import OUTCOMES
from bundle_format.releases import Release
from desktop.rules.dates import show_datetime
from desktop.version import __version__
from sync_client import updates
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.settings import URL_SETTING


@dataclass
class SyncState:
    """Everything the screen shows, read in one go."""

    own: key_files.PublicKeys | None = None
    own_storage: str | None = None
    central: key_files.PublicKeys | None = None
    district: key_files.PublicKeys | None = None
    url: str = ""
    waiting: int = 0
    unacknowledged: int = 0
    outbox: list[tuple[int, int, int, str, str]] = field(default_factory=list)
    last_counts: dict[str, int] | None = None
    last_from: str = ""
    last_when: str = ""
    last_at: Any = None  # when the last receipt came (UTC)
    practice: bool = False  # a practice folder never sends
    newer: Release | None = None  # a newer version central announced (signature checked)


def read_state(session: Session) -> SyncState:
    """The screen's figures from the database (quick: counts and the outbox list)."""
    st = SyncState()
    st.own = sync_outbox.own_public(session)
    row = sync_outbox.own_key_row(session)
    st.own_storage = row.storage if row is not None else None
    for p in sync_outbox.peer_keys(session):
        if p.role == "central":
            st.central = p
        elif p.role == "district":
            st.district = p
    from desktop.models import Setting

    url = session.get(Setting, URL_SETTING)
    st.url = url.value if url is not None else ""
    if st.own is not None:
        st.waiting = sync_outbox.pending_count(session)
    st.unacknowledged = sync_outbox.unacknowledged_count(session)
    from desktop.services.install.institution import is_training_folder

    st.practice = is_training_folder(session)
    st.outbox = [
        (
            b.seq,
            b.record_count,
            b.size,
            local_time(b.created_at),
            "copied to USB" if b.exported_at else "waiting",
        )
        for b in sync_outbox.outbox(session)
    ]
    last = sync_outbox.last_receipt(session)
    if last is not None and last.receipt_counts:
        st.last_counts = {k: int(last.receipt_counts.get(k, 0)) for k in OUTCOMES}
        st.last_from = last.receiver or ""
        st.last_when = local_time(last.acknowledged_at) if last.acknowledged_at else ""
    if last is not None:
        st.last_at = last.acknowledged_at
    st.newer = updates.newer_release(session, current=__version__)
    return st


def local_time(when: Any) -> str:
    """A stored UTC time as local time for people ("23-11-2026 17:13")."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return show_datetime(when.astimezone())
