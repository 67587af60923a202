"""The district office's CLTS records, from the bundles of its CCIs (the district view).

The view keeps each synced record as it was last received (`central.models.MergedRecord`,
type = table name, data = the columns with references as UUIDs), so the quarterly report
(`desktop.services.clts.report`) runs on the district's children exactly as it runs on a
CCI's own tables. Only what the CCIs have sent is there: a case changed at a CCI after
its last bundle is counted as it was then (the report says when the newest bundle came).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from central.models import MergedRecord, ReceivedBundle
from desktop.services.clts.report import Records

TYPES = ("child", "clts_case", "clts_compensation", "clts_entitlement", "clts_follow_up")


def clts_records(view: Engine) -> Records:
    """Every CCI's CLTS records in the district view, as plain dicts."""
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in TYPES}
    with Session(view) as s:
        for uuid, type_, data in s.execute(
            select(MergedRecord.record_uuid, MergedRecord.type, MergedRecord.data).where(
                MergedRecord.type.in_(TYPES), MergedRecord.deleted.is_(False)
            )
        ):
            if data:
                by_type[type_].append({**data, "uuid": uuid})
        newest = s.execute(select(func.max(ReceivedBundle.received_at))).scalar()
    wanted = {str(c.get("child_uuid")) for c in by_type["clts_case"]}
    children = {
        str(k["uuid"]): {"gender": k.get("gender"), "dob": k.get("dob")}
        for k in by_type["child"]
        if str(k["uuid"]) in wanted
    }
    return Records(
        children=children,
        cases=by_type["clts_case"],
        lines=by_type["clts_compensation"],
        entitlements=by_type["clts_entitlement"],
        visits=by_type["clts_follow_up"],
        source="district",
        received_by=newest.strftime("%d/%m/%Y %H:%M") if newest else None,
    )
