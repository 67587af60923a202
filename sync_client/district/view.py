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
from desktop.db import DISTRICT_VIEW_FILENAME, unlock_data
from desktop.vault import sqlite as cipher

VIEW_DB = DISTRICT_VIEW_FILENAME
# As bundle_format.aadhaar's (a test checks): that module brings the bundle cryptography.
FIELD_LAST4, FIELD_SEALED = "aadhaar_last4", "aadhaar_sealed"


def open_view(data_dir: Path) -> Engine:
    """The district view's database in the data folder (created if new), encrypted with
    the install's data key like the case database, and holding no Aadhaar number.

    The folder's data key is unlocked (or made, for a new folder) as for the database.
    """
    path = Path(data_dir) / VIEW_DB
    key = unlock_data(Path(data_dir))
    if cipher.is_plain_sqlite(path):  # made before encryption at rest
        cipher.encrypt_plain_file(path, key.database_key)
    cipher.private_file(path)
    raw_key = key.database_key

    def connect() -> Any:
        con = cipher.connect(path, raw_key, timeout=30.0, check_same_thread=False)
        # 32 MB of decrypted pages, as the case database (the default 2,000 pages left the
        # merge's index lookups re-reading and decrypting pages once the view grew).
        con.execute("PRAGMA cache_size=-32000")
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
