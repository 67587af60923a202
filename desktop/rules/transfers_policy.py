"""The transfers policy (desktop/rules/policy/transfers.toml): how long a sending CCI waits
for the receiving CCI's acknowledgement, with its basis and `verified` marker."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TRANSFERS_POLICY = Path(__file__).parent / "policy" / "transfers.toml"


@dataclass(frozen=True)
class TransfersPolicy:
    """Days to wait for an acknowledgement, and why (basis; verified or a default)."""

    ack_days: int
    basis: str
    verified: bool
    basis_hi: str = ""

    def basis_in(self, lang: str) -> str:
        """The basis in the window's language (English when there is no Hindi text)."""
        return self.basis_hi if lang == "hi" and self.basis_hi else self.basis


@cache
def load_transfers_policy(path: Path = TRANSFERS_POLICY) -> TransfersPolicy:
    """Read and check the file: an error names the key."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    ack = data.get("acknowledgement")
    if not isinstance(ack, dict):
        raise ValueError(f"{path}: [acknowledgement] is missing")
    days, basis, verified = ack.get("days"), ack.get("basis"), ack.get("verified")
    if type(days) is not int or not 1 <= days <= 365:
        raise ValueError(f"{path}: acknowledgement.days must be a whole number of days, 1-365")
    if not isinstance(basis, str) or not basis:
        raise ValueError(f"{path}: acknowledgement.basis is needed")
    if not isinstance(verified, bool):
        raise ValueError(f"{path}: acknowledgement.verified must be true or false")
    basis_hi = ack.get("basis_hi", "")
    if not isinstance(basis_hi, str):
        raise ValueError(f"{path}: acknowledgement.basis_hi must be text")
    return TransfersPolicy(ack_days=days, basis=basis, verified=verified, basis_hi=basis_hi)
