"""Canonical JSON: the one byte form that is hashed and signed (bundles, receipts, audit)."""

from __future__ import annotations

import json
import uuid as uuid_mod
from datetime import date, datetime
from typing import Any


def json_default(value: Any) -> Any:
    """JSON for dates, datetimes and UUIDs, as in audit events and exports."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid_mod.UUID):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 as is, no NaN; dates and UUIDs as ISO text."""
    return json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=json_default,
    )


def canonical(value: Any) -> bytes:
    """`canonical_json` as UTF-8 bytes."""
    return canonical_json(value).encode("utf-8")
