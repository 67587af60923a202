"""`clms` commands for sync bundles, keys, receipts and the district's USB import."""

from __future__ import annotations

from typing import Any


def add_commands(sub: Any) -> None:
    """Add this area's sub-commands to the `clms` parser (`sub` from add_subparsers)."""
    del sub  # filled in by the issue that builds this area

