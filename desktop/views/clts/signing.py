"""The card signer the window uses: the install's key when it needs no passphrase."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.services.core.errors import ServiceError
from sync_client.card_signer import card_signer
from sync_client.exchange.outbox import own_key_row


def card_signer_or_none(session: Session, data_dir: Path) -> Any:
    """The install's card signer when its key is in the OS keyring (no passphrase to ask)."""
    row = own_key_row(session, role="district") or own_key_row(session)
    if row is None or row.storage == "file":
        return None
    try:
        return card_signer(session, data_dir=data_dir, passphrase=None)
    except ServiceError:
        return None
