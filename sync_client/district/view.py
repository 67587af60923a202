"""The district view's database: opened (made if new) in the office's data folder,
encrypted with the install's data key, holding no Aadhaar number.

Light on purpose (no merge, no HTTP, no bundle format): the district screens open it at
start-up; `sync_client.district.mode` brings the rest when bundles are taken in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, or_, select, text
from sqlalchemy.orm import Session

from central.models import MergedRecord
from central.schema import open_engine, writer
from desktop.core.dbfile import DISTRICT_VIEW_FILENAME, unlock_data
from desktop.vault import sqlite as cipher

VIEW_DB = DISTRICT_VIEW_FILENAME
# As bundle_format.aadhaar's (a test checks): that module brings the bundle cryptography.
FIELD_LAST4, FIELD_SEALED = "aadhaar_last4", "aadhaar_sealed"


# SQLite's page cache a connection of the view keeps (KB of decrypted pages). The merge's
# index lookups want 32 MB (the default 2,000 KB left them re-reading and decrypting pages
# once the view grew); a screen reading pages of lists wants little, and with 32 MB its
# process grew with the district (+8 MB from 5k to 25k children, up to 32 MB a connection):
# issue 22's bounded memory.
MERGE_CACHE_KB = 32_000
READ_CACHE_KB = 4_000


def open_view(data_dir: Path, *, cache_kb: int = MERGE_CACHE_KB) -> Engine:
    """The district view's database in the data folder (created if new), encrypted with
    the install's data key like the case database, and holding no Aadhaar number.

    The folder's data key is unlocked (or made, for a new folder) as for the database.
    `cache_kb`: each connection's page cache; screens that only list pass READ_CACHE_KB
    and open a MERGE_CACHE_KB engine for an import.
    """
    path = Path(data_dir) / VIEW_DB
    key = unlock_data(Path(data_dir))
    if cipher.is_plain_sqlite(path):  # made before encryption at rest
        cipher.encrypt_plain_file(path, key.database_key)
    cipher.private_file(path)
    raw_key = key.database_key

    def connect() -> Any:
        con = cipher.connect(path, raw_key, timeout=30.0, check_same_thread=False)
        con.execute(f"PRAGMA cache_size=-{int(cache_kb)}")
        return con

    engine = open_engine(f"sqlite:///{path}", creator=connect, module=cipher.dbapi)
    _scrub_stored(engine)
    return engine


def scrub_record(record: dict[str, Any]) -> dict[str, Any]:
    """A record as a district office may keep it: a child's Aadhaar only as its last 4
    digits (never the number, never the value sealed to central)."""
    data = record.get("data")
    if record.get("type") != "child" or not isinstance(data, dict):
        return record
    if FIELD_SEALED not in data and "aadhaar" not in data:
        return record
    data = dict(data)
    number = data.pop("aadhaar", None)
    data.pop(FIELD_SEALED, None)
    if number and not data.get(FIELD_LAST4):
        data[FIELD_LAST4] = str(number)[-4:]
    return {**record, "data": data}


SCRUBBED = 1  # a bit of the view file's user_version: the scan below was made


def _scrub_stored(view: Engine) -> None:
    """Drop the Aadhaar numbers that bundles of older versions put in the view: once per
    file (marked in its user_version), not a scan of every child at each opening (7 s at
    250k children, issue 22); since then the receiver never stores a number here."""
    with Session(writer(view)) as s, s.begin():
        marks = int(s.execute(text("PRAGMA user_version")).scalar() or 0)
        if marks & SCRUBBED:
            return
        rows = s.scalars(
            select(MergedRecord).where(
                MergedRecord.type == "child",
                or_(
                    func.json_extract(MergedRecord.data, "$.aadhaar").is_not(None),
                    func.json_extract(MergedRecord.data, f"$.{FIELD_SEALED}").is_not(None),
                ),
            )
        ).all()
        for row in rows:
            row.data = scrub_record({"type": "child", "data": row.data})["data"]
        s.execute(text(f"PRAGMA user_version = {marks | SCRUBBED}"))
