"""Shared pieces of the sync tests: keys, a chain of bundles, a central on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from central.models import open_engine
from central.server import CentralServer, serve_in_thread
from central.service import Receiver
from sync_client import bundle as B
from sync_client import keys as K

INSTITUTION = {"uuid": "5e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f", "name": "Test Home",
               "state_code": 10, "district_code": 212}


def record(i: int, *, version: int = 1, base: int = 0, op: str = "upsert",
           name: str | None = None) -> dict[str, Any]:
    """One synthetic child record change."""
    return {"record_uuid": f"00000000-0000-4000-8000-{i:012d}", "type": "child", "op": op,
            "version": version, "base_version": base,
            "data": None if op == "delete" else {"full_name": name or f"Test Child {i}"}}


@dataclass
class Chain:
    """An institution's bundle chain (seq and prev hash advance as bundles are built)."""

    inst: K.OwnKeys
    recipients: list[K.PublicKeys]
    institution: dict[str, Any] = field(default_factory=lambda: dict(INSTITUTION))
    seq: int = 0
    prev: str = B.GENESIS

    def next(self, records: list[dict[str, Any]], *, advance: bool = True) -> bytes:
        """Build the next bundle of the chain."""
        raw = B.build_bundle(records=records, institution=self.institution, seq=self.seq + 1,
                             prev_hash=self.prev, created_at="2026-11-23T10:00:00Z",
                             signer=self.inst, recipients=self.recipients)
        if advance:
            self.seq += 1
            self.prev = B.parse_bundle(raw).hash
        return raw


@contextmanager
def running_central(tmp: Path, central: K.OwnKeys) -> Iterator[tuple[CentralServer, Receiver]]:
    """A real central HTTP server on 127.0.0.1 (ephemeral port), stopped afterwards."""
    rcv = Receiver(open_engine(f"sqlite:///{tmp / 'central.sqlite'}"), central)
    server, thread = serve_in_thread(rcv)
    try:
        yield server, rcv
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        rcv.engine.dispose()
