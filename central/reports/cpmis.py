"""CPMIS at the state level: the CCIs' monthly returns that reached central in bundles
(`view_cpmis_return`), made into quarters and consolidated up to the district and the
state by the same code the district office uses (`reporting.cpmis`): counts add up,
percents and ratios are worked out again from the summed numerators and denominators.

Per body and month the newest version the district accepted counts (its status
"accepted" or "consolidated", as the CCI recorded the district's signed decision); a
month without one makes the quarter provisional. The CWCs' and JJBs' returns come from
their district office (`central.cpmis_intake`, owner `district:<code>`), as do its decisions
on the CCIs' returns, which win over the status the CCI recorded. Every query takes the
official's `Area`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import Enrolment, MergedRecord
from central.projection import view_cpmis_return
from central.reports.area import Area
from reporting.cpmis.areas import Area as CpmisArea
from reporting.cpmis.areas import body_area, district_area, institution_area, state_area
from reporting.cpmis.catalogue import Catalogue
from reporting.cpmis.consolidate import (
    ACCEPTED,
    AreaTable,
    BodyFigures,
    body_quarter,
    cci_quarter,
    consolidate,
)
from reporting.cpmis.loader import load_catalogue
from reporting.cpmis.periods import quarter_months
from reporting.cpmis.quarter import MonthReturn

DISTRICT_BODIES = ("cwc", "jjb")  # returns a district office sends itself


@cache
def cpmis_catalogue() -> Catalogue:
    """The default indicator catalogue (reporting/data/cpmis/catalogue.toml)."""
    return load_catalogue()


@dataclass(frozen=True)
class StateQuarter:
    """A quarter consolidated for an area: the tables of the area, of each district and of
    each CCI in it, and what went in."""

    quarter: str
    top: AreaTable  # the state's, or the district's
    districts: list[AreaTable]  # a state's page: each district
    bodies: list[AreaTable]  # each CCI
    returns_counted: int
    provisional: list[str]  # "<CCI>: months without an accepted return: ..."
    areas: dict[str, CpmisArea]


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


def _institutions(s: Session, area: Area) -> dict[str, tuple[int, int, str]]:
    """The CCIs enrolled in the area: uuid -> (state, district, name)."""
    enr = Enrolment.__table__
    rows = s.execute(
        select(enr.c.uuid, enr.c.state_code, enr.c.district_code, enr.c.name).where(
            area.where(enr), enr.c.state_code.is_not(None), enr.c.district_code.is_not(None)
        )
    )
    return {u: (int(st), int(d), n) for u, st, d, n in rows}


def _records(s: Session, uuids: list[str]) -> dict[str, dict[str, Any]]:
    """The CCIs' own institution records (their number in the district, type, names)."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(uuids), 500):
        for u, data in s.execute(
            select(MergedRecord.record_uuid, MergedRecord.data).where(
                MergedRecord.type == "institution",
                MergedRecord.record_uuid.in_(uuids[i : i + 500]),
                MergedRecord.deleted.is_(False),
            )
        ):
            out[u] = dict(data or {})
    return out


def _month_rows(mine: list[dict[str, Any]], months: list[str]) -> list[MonthReturn]:
    """Per month the newest accepted version (its figures) or, if none, the newest one."""
    out: list[MonthReturn] = []
    for m in months:
        of_month = [r for r in mine if r["month"] == m and r["status"] != "draft"]
        if not of_month:
            continue
        newest = max(of_month, key=lambda r: int(r["version_no"] or 0))
        ok = [r for r in of_month if r["status"] in ACCEPTED]
        use = max(ok, key=lambda r: int(r["version_no"] or 0)) if ok else None
        shown = use or newest
        out.append(
            MonthReturn(
                m,
                str(shown["status"]),
                dict(use["figures"] or {}) if use is not None else {},
                _when(shown["submitted_at"]),
            )
        )
    return out


def _apply_decisions(s: Session, rets: dict[str, list[dict[str, Any]]]) -> None:
    """The district office's own decisions (sent by it, `central.cpmis_intake`) override
    the status a CCI recorded from the notice: the office's word is the one that counts."""
    rows = [r for mine in rets.values() for r in mine]
    keys = [f"{r['record_uuid']}:v{r['version_no']}" for r in rows]
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for i in range(0, len(keys), 500):
        for owner, key, data in s.execute(
            select(
                MergedRecord.institution_uuid, MergedRecord.record_uuid, MergedRecord.data
            ).where(
                MergedRecord.type == "cpmis_decision",
                MergedRecord.record_uuid.in_(keys[i : i + 500]),
            )
        ):
            found[key] = (owner, dict(data or {}))
    for r, key in zip(rows, keys, strict=True):
        hit = found.get(key)
        if (
            hit is not None
            and hit[0] == f"district:{r['district_code']}"
            and hit[1].get("content_sha256") in (None, r["content_sha256"])
        ):
            r["status"] = str(hit[1]["decision"])


def state_quarter(
    s: Session, area: Area, quarter: str, cat: Catalogue | None = None
) -> StateQuarter:
    """The quarter of every CCI in the area, consolidated to its districts and state."""
    cat = cat or cpmis_catalogue()
    months = quarter_months(quarter)
    v = view_cpmis_return.c
    rets: dict[str, list[dict[str, Any]]] = defaultdict(list)
    own: dict[str, list[dict[str, Any]]] = defaultdict(list)  # a district's CWCs, JJBs
    for row in s.execute(
        select(view_cpmis_return).where(
            area.where(view_cpmis_return),
            v.month.in_(months),
            v.body_type.in_(("cci", *DISTRICT_BODIES)),
        )
    ).mappings():
        if row["body_type"] == "cci":
            rets[str(row["institution_uuid"])].append(dict(row))
        elif str(row["institution_uuid"]) == f"district:{row['district_code']}":
            own[str(row["body_code"])].append(dict(row))
    _apply_decisions(s, rets)
    insts = _institutions(s, area)
    records = _records(s, sorted(set(insts) | set(rets)))
    areas: dict[str, CpmisArea] = {}
    bodies: list[BodyFigures] = []
    provisional: list[str] = []
    counted = 0
    for inst_uuid in sorted(set(insts) | set(rets)):
        mine = rets.get(inst_uuid, [])
        if inst_uuid in insts:
            state, district, name = insts[inst_uuid]
        else:  # a return tagged with the area but no enrolment left: skip it
            continue
        rec = records.get(inst_uuid, {})
        s_area, d_area = state_area(state), district_area(state, district)
        areas[s_area.id], areas[d_area.id] = s_area, d_area
        b_area = institution_area(
            state,
            district,
            int(rec.get("code") or 0),
            str(rec.get("name") or name),
            rec.get("name_local"),
        )
        areas[b_area.id] = b_area
        cci_type = next((str(r["cci_type"]) for r in mine if r.get("cci_type")), None)
        if cci_type is None and rec.get("type"):
            try:
                cci_type = cat.cci_type_of(str(rec["type"]))
            except KeyError:
                cci_type = None
        month_rows = _month_rows(mine, months)
        counted += sum(1 for r in month_rows if r.status in ACCEPTED)
        bf = cci_quarter(cat, b_area, cci_type=cci_type, quarter=quarter, months=month_rows)
        if bf.footnote:
            provisional.append(f"{b_area.name}: {bf.footnote}")
        bodies.append(bf)
    for code, mine in sorted(own.items()):
        first = mine[0]
        state, district = int(first["state_code"]), int(first["district_code"])
        kind, n = str(first["body_type"]), int(code.rsplit(":", 1)[1])
        s_area, d_area = state_area(state), district_area(state, district)
        areas[s_area.id], areas[d_area.id] = s_area, d_area
        newest = max(mine, key=lambda r: (str(r["month"]), int(r["version_no"] or 0)))
        b_area = body_area(state, district, kind, n, str(newest["body_name"] or code))
        areas[b_area.id] = b_area
        month_rows = _month_rows(mine, months)
        counted += sum(1 for r in month_rows if r.status in ACCEPTED)
        bf = body_quarter(cat, b_area, body_type=kind, quarter=quarter, months=month_rows)
        if bf.footnote:
            provisional.append(f"{b_area.name}: {bf.footnote}")
        bodies.append(bf)
    if area.state is not None:
        top_area = (
            district_area(area.state, area.district)
            if area.district is not None
            else state_area(area.state)
        )
        areas.setdefault(top_area.id, top_area)
        if top_area.parent is not None:
            areas.setdefault(top_area.parent, state_area(area.state))
    else:
        raise ValueError("an area for CPMIS needs its state")
    tables = consolidate(cat, bodies, areas=areas)
    empty = AreaTable(top_area, {}, 0)
    top = tables.get(top_area.id, empty)
    districts = sorted(
        (t for t in tables.values() if t.area.level == "district" and t.area.id != top_area.id),
        key=lambda t: t.area.name,
    )
    ccis = sorted(
        (t for t in tables.values() if t.area.level == "institution"), key=lambda t: t.area.name
    )
    return StateQuarter(quarter, top, districts, ccis, counted, provisional, areas)
