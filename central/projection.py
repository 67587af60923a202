"""Merged records projected into plain relational tables that can be asked questions.

`central_record` keeps each record as received (JSON); these `view_*` tables hold the
fields that questions above a CCI need (children in care by district, open flags by
level, category history, visits...), one row per live record, each tagged with its
owning institution and that institution's district and state (from its enrolment, not
from what the bundle says). A deleted record leaves its table. Central and the district
view fill them the same way, in the same transaction as the merge; `rebuild` refills
them from the stored bundles.

A new kind of record gets its projection by adding a table and an entry to PROJECTIONS
(CPMIS returns: `view_cpmis_return`, schema 4).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    String,
    Table,
    delete,
    insert,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from central.models import CentralBase, DistrictOffice, Enrolment, MergedRecord, PeerInstitution

Convert = Callable[[Any], Any]
Tags = Callable[[str], tuple[int | None, int | None]]  # owner uuid -> (state, district)


def _date(value: Any) -> date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and -(2**31) < value < 2**31:
        return value
    return None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


OPEN_STATUSES = frozenset({"open", "acknowledged", "escalated"})  # as the desktop's OPEN
SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}  # the queues' order


def _is_open(value: Any) -> bool:
    return value in OPEN_STATUSES


def _rank(value: Any) -> int:
    return SEVERITY_RANK.get(value, 9) if isinstance(value, str) else 9


def _figures(value: Any) -> dict[str, Any] | None:
    """A return's figures: {indicator: {subgroup: number}}, numbers only."""
    if not isinstance(value, dict):
        return None
    out: dict[str, Any] = {}
    for ind, row in value.items():
        if isinstance(ind, str) and isinstance(row, dict):
            nums = {
                str(sg): v
                for sg, v in row.items()
                if isinstance(v, int | float) and not isinstance(v, bool)
            }
            if nums:
                out[ind[:80]] = nums
    return out


def _text(n: int) -> Convert:
    def conv(value: Any) -> str | None:
        return value[:n] if isinstance(value, str) else None

    return conv


@dataclass(frozen=True)
class Field:
    """One projected column: its name, type, the record field it comes from, a converter."""

    column: str
    kind: TypeEngine[Any] | type[TypeEngine[Any]]
    source: str
    convert: Convert


def _f(column: str, kind: Any, convert: Convert, source: str | None = None) -> Field:
    return Field(column, kind, source or column, convert)


def _s(column: str, n: int, source: str | None = None) -> Field:
    return _f(column, String(n), _text(n), source)


def _table(name: str, fields: list[Field], *indexes: Index) -> Table:
    return Table(
        name,
        CentralBase.metadata,
        Column("record_uuid", String(64), primary_key=True),
        Column("institution_uuid", String(36), nullable=False, index=True),
        Column("state_code", Integer),
        Column("district_code", Integer),
        *(Column(f.column, f.kind) for f in fields),
        Column("bundle_id", String(36)),
        *indexes,
    )


CHILD_FIELDS = [
    _s("code", 40),
    _s("first_name", 100),
    _s("last_name", 100),
    _s("name_local", 200),
    _s("gender", 12),
    _f("dob", Date, _date),
    _f("dob_estimated", Boolean, _bool),
    _s("status", 20),
    _f("admission_date", Date, _date),
    _s("referral", 20),
    _f("exit_date", Date, _date),
    _f("category_code", Integer, _int),
    _s("aadhaar_last4", 4),
    _s("aadhaar_hmac", 64),
]
_CHILD_REF = _s("child_uuid", 64)
PROJECTIONS: dict[str, tuple[Table, list[Field]]] = {}


def _add(record_type: str, name: str, fields: list[Field], *indexes: Index) -> Table:
    table = _table(name, fields, *indexes)
    PROJECTIONS[record_type] = (table, fields)
    return table


view_child = _add(
    "child",
    "view_child",
    CHILD_FIELDS,
    Index("ix_view_child_area_status", "state_code", "district_code", "status"),
    Index("ix_view_child_aadhaar", "aadhaar_hmac"),
    Index("ix_view_child_code", "code"),
    Index("ix_view_child_institution", "institution_uuid", "status"),  # schema 3
)
view_guardian = _add(
    "guardian",
    "view_guardian",
    [_CHILD_REF, _s("name", 200), _s("relation", 20), _s("life_status", 10)],
    Index("ix_view_guardian_child", "child_uuid"),
)
view_visit = _add(
    "guardian_visit",
    "view_visit",
    [_CHILD_REF, _s("guardian_uuid", 64), _f("visit_date", Date, _date), _s("mode", 12)],
    Index("ix_view_visit_child", "child_uuid", "visit_date"),
)
view_category_change = _add(
    "category_change",
    "view_category_change",
    [
        _CHILD_REF,
        _f("from_code", Integer, _int),
        _f("to_code", Integer, _int),
        _f("effective_on", Date, _date),
        _s("order_ref", 80),
    ],
    Index("ix_view_category_child", "child_uuid", "effective_on"),
)
view_order = _add(
    "cwc_order",
    "view_order",
    [
        _CHILD_REF,
        _s("order_no", 80),
        _f("order_date", Date, _date),
        _s("order_type", 20),
        _f("next_review_on", Date, _date),
    ],
    Index("ix_view_order_child", "child_uuid", "order_date"),
)
view_flag = _add(
    "flag",
    "view_flag",
    [
        _CHILD_REF,
        _s("rule_id", 40),
        _s("severity", 10),
        _s("status", 14),
        _f("level", Integer, _int, "escalation_level"),  # 0 CCI, 1 district, 2 state
        _f("raised_on", Date, _date),
        _f("due_on", Date, _date),
        # What the district office did (schema 3): carried back to the CCI in a receipt,
        # written on its flag there, and so sent up again with the flag.
        _s("district_action", 14),
        _f("district_action_on", Date, _date, "district_action_at"),
        # For the queues' order straight from an index (schema 3): open or not, severity.
        _f("is_open", Boolean, _is_open, "status"),
        _f("severity_rank", Integer, _rank, "severity"),
    ],
    Index("ix_view_flag_open", "status", "level"),
    Index("ix_view_flag_area", "state_code", "district_code", "status", "level"),
    Index("ix_view_flag_child", "child_uuid"),
    # The review queues (schema 3): a page of a state's or a district's open flags at a
    # level, in the queue's order (due date, severity, id), read from the index alone.
    Index(
        "ix_view_flag_state_queue",
        "state_code",
        "is_open",
        "level",
        "due_on",
        "severity_rank",
        "record_uuid",
    ),
    Index(
        "ix_view_flag_district_queue",
        "district_code",
        "is_open",
        "level",
        "due_on",
        "severity_rank",
        "record_uuid",
    ),
    # A page of a queue (schema 5): the order columns straight after the area and the open
    # mark, then every column a queue is filtered by, so the page's flags are read from the
    # index in order and filtered there, never sorted (the two above serve the counts).
    Index(
        "ix_view_flag_state_order",
        "state_code",
        "is_open",
        "due_on",
        "severity_rank",
        "record_uuid",
        "level",
        "rule_id",
        "severity",
        "district_code",
    ),
    Index(
        "ix_view_flag_district_order",
        "district_code",
        "is_open",
        "due_on",
        "severity_rank",
        "record_uuid",
        "level",
        "rule_id",
        "severity",
        "state_code",
    ),
)
view_adoption_stage = _add(
    "adoption_stage",
    "view_adoption_stage",
    [_CHILD_REF, _s("stage", 24), _f("entered_on", Date, _date)],
    Index("ix_view_adoption_child", "child_uuid", "entered_on"),
)
# Transfers between CCIs (schema 6): a child's stays are read from these (central.transfers).
view_transfer = _add(
    "transfer",
    "view_transfer",
    [
        _CHILD_REF,
        _s("direction", 4),
        _f("transfer_date", Date, _date),
        _s("other_institution", 200),
        _s("other_institution_uuid", 36),
        _s("order_no", 80),
    ],
    Index("ix_view_transfer_child", "child_uuid", "transfer_date"),
)
view_institution = _add(
    "institution",
    "view_institution",
    [
        _s("name", 200),
        _s("type", 30),
        _s("registration_no", 80),
        _f("capacity_boys", Integer, _int),
        _f("capacity_girls", Integer, _int),
    ],
)
# A body's monthly CPMIS return (schema 4): every version, as the CCI last sent it (its
# status carries the district's decision it recorded from the notice); central's quarter
# pages take the newest accepted version of each body's month (`central.reports.cpmis`).
view_cpmis_return = _add(
    "cpmis_return",
    "view_cpmis_return",
    [
        _s("body_type", 4),
        _s("body_code", 80),
        _s("body_name", 200),
        _s("cci_type", 4),
        _s("month", 7),
        _f("version_no", Integer, _int),
        _s("status", 12),
        _s("submitted_at", 40),
        _s("content_sha256", 64),
        _f("figures", JSON, _figures),
    ],
    Index("ix_view_cpmis_return_area", "state_code", "district_code", "month"),
)
# Merges within a home (issue 20, schema 8): a child record merged into another record of
# the same child (its data names `merged_into_uuid`) leaves view_child; it is kept here,
# pointing at the kept record, under which its visits, orders... now arrive.
view_child_merged = Table(
    "view_child_merged",
    CentralBase.metadata,
    Column("record_uuid", String(64), primary_key=True),
    Column("institution_uuid", String(36), nullable=False, index=True),
    Column("state_code", Integer),
    Column("district_code", Integer),
    Column("code", String(40)),
    Column("merged_into_uuid", String(64), nullable=False, index=True),
    Column("bundle_id", String(36)),
)
MERGED_INTO = "merged_into_uuid"
CHUNK = 500


def merged_into(record_type: str, data: dict[str, Any] | None) -> str | None:
    """The kept record a merged-away child record points to (None: not merged)."""
    if record_type != "child" or not isinstance(data, dict):
        return None
    target = data.get(MERGED_INTO)
    return target[:64] if isinstance(target, str) and target else None


@dataclass(frozen=True)
class Change:
    """A merged record to reflect in the projection (data None: deleted)."""

    type: str
    record_uuid: str
    data: dict[str, Any] | None
    owner_uuid: str
    bundle_id: str
    new: bool = False  # created just now: no projected row to replace


def project(session: Session, changes: Iterable[Change], tags: Tags) -> None:
    """Bring the projection up to date for these merged records (one batch of a merge)."""
    by_type: dict[str, list[Change]] = defaultdict(list)
    for c in changes:
        if c.type in PROJECTIONS:
            by_type[c.type].append(c)
    for record_type, items in by_type.items():
        table, fields = PROJECTIONS[record_type]
        latest = {c.record_uuid: c for c in items}  # a record twice in a batch: the last
        uuids = [u for u, c in latest.items() if not c.new]
        for i in range(0, len(uuids), CHUNK):
            session.execute(delete(table).where(table.c.record_uuid.in_(uuids[i : i + CHUNK])))
            if record_type == "child":
                m = view_child_merged.c.record_uuid
                session.execute(delete(view_child_merged).where(m.in_(uuids[i : i + CHUNK])))
        rows = []
        merged = []
        for c in latest.values():
            if c.data is None:
                continue
            state, district = tags(c.owner_uuid)
            target = merged_into(record_type, c.data)
            if target is not None:
                merged.append(_merged_row(c, target, state, district))
                continue
            row: dict[str, Any] = {
                "record_uuid": c.record_uuid,
                "institution_uuid": c.owner_uuid,
                "state_code": state,
                "district_code": district,
                "bundle_id": c.bundle_id,
            }
            for f in fields:
                row[f.column] = f.convert(c.data.get(f.source))
            rows.append(row)
        if rows:
            session.connection().execute(insert(table), rows)
        if merged:
            session.connection().execute(insert(view_child_merged), merged)


def _merged_row(c: Change, target: str, state: int | None, district: int | None) -> dict[str, Any]:
    data = c.data or {}
    return {
        "record_uuid": c.record_uuid,
        "institution_uuid": c.owner_uuid,
        "state_code": state,
        "district_code": district,
        "code": _text(40)(data.get("code")),
        "merged_into_uuid": target,
        "bundle_id": c.bundle_id,
    }


def clear(session: Session) -> None:
    """Empty every projection table (before a rebuild)."""
    for table, _fields in PROJECTIONS.values():
        session.execute(delete(table))
    session.execute(delete(view_child_merged))


class Tagger:
    """An owner's (state, district) codes from its enrolment, or a district office's
    (`district:<code>`, its own CPMIS returns) from its registration (cached for one batch)."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.cache: dict[str, tuple[int | None, int | None]] = {}

    def __call__(self, owner: str) -> tuple[int | None, int | None]:
        if owner not in self.cache and owner.startswith("district:"):
            office = self.s.get(DistrictOffice, int(owner.split(":", 1)[1]))
            self.cache[owner] = (
                (office.state_code, office.district_code) if office else (None, None)
            )
        if owner not in self.cache:
            enr = self.s.get(Enrolment, owner)
            if enr is not None:
                self.cache[owner] = (enr.state_code, enr.district_code)
            else:  # a CCI of another state (a child transferred there): counted there
                peer = self.s.get(PeerInstitution, owner)
                self.cache[owner] = (peer.state_code, peer.district_code) if peer else (None, None)
        return self.cache[owner]


def reproject(session: Session, types: Iterable[str] | None = None) -> int:
    """Fill the projection from the merged records (no plain Aadhaar kept); returns rows.
    `types`: only these kinds of record (their tables emptied first), e.g. a new table."""
    q = select(MergedRecord).where(MergedRecord.deleted.is_(False)).order_by(MergedRecord.id)
    if types is None:
        clear(session)
    else:
        kinds = [t for t in types if t in PROJECTIONS]
        for t in kinds:
            session.execute(delete(PROJECTIONS[t][0]))
        q = q.where(MergedRecord.type.in_(kinds))
    tags = Tagger(session)
    n = 0
    batch: list[Change] = []
    for m in session.scalars(q).yield_per(2000):
        if m.type == "child" and m.data and "aadhaar" in m.data:
            m.data = {k: v for k, v in m.data.items() if k != "aadhaar"}
        owner = m.owner_uuid or m.institution_uuid
        batch.append(Change(m.type, m.record_uuid, m.data, owner, m.bundle_id))
        if len(batch) >= 2000:
            project(session, batch, tags)
            n += len(batch)
            batch = []
    project(session, batch, tags)
    return n + len(batch)
