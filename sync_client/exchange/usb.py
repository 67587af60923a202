"""The USB path: bundles out to a folder (a stick), receipts back in from it.

Layout on the stick (the district office's import reads the same layout):

    CLMS/bundles/<institution uuid>/<seq 000001>-<bundle id>.clmsb
    CLMS/bundles/<institution uuid>/institution.pub     (this CCI's public key file)
    CLMS/bundles/<institution uuid>/institution.json    (name, state and district codes)
    CLMS/receipts/<institution uuid>/<seq 000001>-<bundle id>.receipt

Bundles are already encrypted and signed, so the stick carries no readable case data.
Files are written to a temporary name, flushed and renamed: a stick pulled out half-way
leaves no half file under a real name.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from bundle_format.keys import write_public_key_file
from bundle_format.receipts import ReceiptError
from desktop.services.core.errors import ServiceError
from sync_client.exchange.outbox import Acknowledged, acknowledge, for_district, own_public
from sync_client.practice import refuse_practice

ROOT = "CLMS"
BUNDLE_SUFFIX = ".clmsb"
RECEIPT_SUFFIX = ".receipt"
# Every file read from a stick is size-checked before a byte is read: a stick can hold a
# file of any size (a 1 GiB file would otherwise be read whole into memory).
MAX_BUNDLE_FILE = 512 * 1024 * 1024  # far above central's upload limit (central/uploads.py)
MAX_RECEIPT_FILE = 1024 * 1024  # a signed receipt: a few KB for 20,000 records
MAX_INFO_FILE = 64 * 1024  # institution.json


class TooLarge(ServiceError):
    """A file on the stick is larger than any file of its kind can be."""


def read_from_stick(path: Path, *, limit: int) -> bytes:
    """The file's bytes, refused unread when it is larger than `limit`."""
    path = Path(path)
    size = path.stat().st_size
    if size > limit:
        raise TooLarge(
            f"{path.name} is {size:,} bytes, more than a file of its kind can be "
            f"({limit:,}): it is not read"
        )
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise TooLarge(f"{path.name} is larger than a file of its kind can be: it is not read")
    return data


def bundles_dir(folder: Path) -> Path:
    """Where bundles go on the stick."""
    return Path(folder) / ROOT / "bundles"


def receipts_dir(folder: Path) -> Path:
    """Where receipts go on the stick."""
    return Path(folder) / ROOT / "receipts"


def bundle_name(seq: int, bundle_id: str) -> str:
    """File name of a bundle on the stick (sorts in sequence order)."""
    return f"{seq:06d}-{bundle_id}{BUNDLE_SUFFIX}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes under a temporary name, flush to the device, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def export_outbox(session: Session, *, folder: Path, institution: dict[str, object]) -> list[Path]:
    """Copy every bundle the district has not acknowledged (and this CCI's public key file)
    to the folder, in order; also those already sent online (the district needs them all)."""
    refuse_practice(session)  # made-up children never go on a stick to the district
    pub = own_public(session)
    if pub is None:
        raise ServiceError("no sync key yet: run `clms sync keys init` first")
    if not Path(folder).is_dir():
        raise ServiceError(f"the folder {folder} does not exist (is the USB stick plugged in?)")
    target = bundles_dir(folder) / str(institution["uuid"])
    target.mkdir(parents=True, exist_ok=True)
    write_public_key_file(target / "institution.pub", pub)
    write_atomic(
        target / "institution.json",
        (json.dumps(institution, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
    )
    written = []
    now = datetime.now(UTC)
    for b in for_district(session):
        path = target / bundle_name(b.seq, b.bundle_id)
        same = (
            path.exists()
            and path.stat().st_size == len(b.data)
            and read_from_stick(path, limit=len(b.data)) == b.data
        )
        if not same:
            write_atomic(path, b.data)
        b.exported_at = now
        written.append(path)
    return written


@dataclass(frozen=True)
class ReceiptImport:
    """What importing receipts did: acknowledgements, and files that were refused (why)."""

    acknowledged: list[Acknowledged]
    refused: list[tuple[Path, str]]


def import_receipt_file(session: Session, *, path: Path) -> Acknowledged:
    """Acknowledge from one receipt file (verified first; refused if not trustworthy)."""
    try:
        data = read_from_stick(Path(path), limit=MAX_RECEIPT_FILE)
    except OSError as exc:
        raise ServiceError(f"cannot read {path}: {exc.strerror}") from exc
    return acknowledge(session, receipt=data)


def import_receipts(session: Session, *, folder: Path, institution_uuid: str) -> ReceiptImport:
    """Acknowledge from every receipt for this CCI in the folder's CLMS/receipts/ part."""
    acks: list[Acknowledged] = []
    refused: list[tuple[Path, str]] = []
    for path in sorted((receipts_dir(folder) / institution_uuid).glob("*" + RECEIPT_SUFFIX)):
        try:
            with session.begin_nested():
                acks.append(import_receipt_file(session, path=path))
        except (ReceiptError, ServiceError) as exc:
            refused.append((path, str(exc)))
    return ReceiptImport(acks, refused)
