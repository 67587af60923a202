"""The audit chain: each event carries the SHA-256 of the one before (checked wherever it lands).

An install writes its events (`desktop.services.core.audit`); they travel in bundles as
records of type `AUDIT_TYPE`, and central checks that each bundle's run continues the
last hash it accepted from that install (`verify_events`).
"""

from __future__ import annotations

import hashlib
from typing import Any

from bundle_format.canonical import canonical_json

GENESIS = "0" * 64
AUDIT_TYPE = "audit_event"
HASHED_FIELDS = ("uuid", "at", "actor", "action", "child_uuid", "changes")


def event_digest(prev_hash: str, fields: dict[str, Any]) -> str:
    """SHA-256 over the previous event's hash and this event's canonical fields."""
    h = hashlib.sha256(prev_hash.encode("ascii"))
    h.update(canonical_json(fields).encode("utf-8"))
    return h.hexdigest()


def verify_events(events: list[dict[str, Any]], *, prev_hash: str = GENESIS) -> str | None:
    """Check a run of plain-dict events (e.g. a received bundle) continuing from `prev_hash`.

    Returns the uuid of the first bad event, or None when the run is intact. Central
    passes the last hash it accepted from this install, so a bundle must continue it.
    """
    prev = prev_hash
    for e in events:
        fields = {k: e.get(k) for k in HASHED_FIELDS}
        if e.get("prev_hash") != prev or e.get("hash") != event_digest(prev, fields):
            return str(e.get("uuid"))
        prev = str(e["hash"])
    return None
