"""central.reports: counts, bands, silent CCIs, the adoption pipeline, the queue and the
child record over the view tables, on SQLite and on PostgreSQL, against figures worked
out by hand for a small made-up district."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from central.models import Enrolment, MergedRecord
from central.projection import view_adoption_stage, view_child, view_flag
from central.reports.area import Area, OutOfArea
from central.reports.catalogue import catalogue
from central.reports.counts import age_cuts, area_report, stay_cuts
from central.reports.profile import child_record, children_page
from central.reports.queue import QueueFilter, queue, queue_count
from central.reports.tables import report_tables, to_csv, to_xlsx
from central.schema import open_engine, writer
from tests.central_db import db_url, new_pg_database, pg_server  # noqa: F401 (fixtures)

AS_OF = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
A, B, C = (f"aaaaaaaa-0000-4000-8000-00000000000{i}" for i in (1, 2, 3))  # A, B in 212; C in 196


def _kid(n: int, inst: str, district: int, **over: Any) -> dict[str, Any]:
    row = {
        "record_uuid": f"c{n:07d}-0000-4000-8000-000000000000",
        "institution_uuid": inst,
        "state_code": 10,
        "district_code": district,
        "code": f"BR-{district}-{n:04d}",
        "first_name": f"Child{n}",
        "last_name": "Kumari",
        "name_local": "बच्चा",
        "gender": "female",
        "dob": date(2016, 1, 1),
        "dob_estimated": False,
        "status": "in_care",
        "admission_date": date(2026, 1, 1),
        "referral": "police",
        "exit_date": None,
        "category_code": 1,
        "aadhaar_last4": "9731",
        "aadhaar_hmac": "ab" * 32,
        "bundle_id": None,
    }
    row.update(over)
    return row


def _flag(n: int, child: dict[str, Any], **over: Any) -> dict[str, Any]:
    row = {
        "record_uuid": f"f{n:07d}-0000-4000-8000-000000000000",
        "institution_uuid": child["institution_uuid"],
        "state_code": 10,
        "district_code": child["district_code"],
        "child_uuid": child["record_uuid"],
        "rule_id": "icp",
        "severity": "high",
        "status": "escalated",
        "level": 1,
        "raised_on": date(2026, 10, 1),
        "due_on": date(2026, 12, 1),
        "district_action": None,
        "district_action_on": None,
        "is_open": True,
        "severity_rank": 1,
        "bundle_id": None,
    }
    row.update(over)
    row["is_open"] = row["status"] in ("open", "acknowledged", "escalated")
    row["severity_rank"] = {"critical": 0, "high": 1, "medium": 2, "low": 3}[row["severity"]]
    return row


def _stage(i: int, kid: dict[str, Any], stage: str, on: date) -> dict[str, Any]:
    return {
        "record_uuid": f"s{i:07d}-0000-4000-8000-000000000000",
        "institution_uuid": kid["institution_uuid"],
        "state_code": 10,
        "district_code": kid["district_code"],
        "child_uuid": kid["record_uuid"],
        "stage": stage,
        "entered_on": on,
        "bundle_id": None,
    }


def _merged(row: dict[str, Any], kind: str, data: dict[str, Any]) -> dict[str, Any]:
    inst = row["institution_uuid"]
    return {
        "record_uuid": row["record_uuid"],
        "type": kind,
        "version": 1,
        "deleted": False,
        "data": data,
        "institution_uuid": inst,
        "owner_uuid": inst,
        "bundle_id": "b",
    }


@pytest.fixture
def engine(db_url: str):  # type: ignore[no-untyped-def]  # noqa: F811
    """Central's database with three CCIs (two in Patna 212, one in Gaya 196) and children."""
    eng = open_engine(db_url)
    enr = [
        (A, "Asha Kiran", 212, NOW - timedelta(days=3)),
        (B, "Navjeevan", 212, NOW - timedelta(days=31)),  # silent: more than 30 days
        (C, "Gaya Home", 196, None),  # never sent anything
    ]
    kids = [
        _kid(1, A, 212, dob=AS_OF - timedelta(days=365)),  # under 2
        _kid(2, A, 212, gender="male", dob=date(2008, 11, 24), category_code=5),  # 17 tomorrow
        _kid(3, A, 212, gender="male", dob=date(2008, 11, 23), admission_date=AS_OF),  # 18 today
        _kid(4, A, 212, status="restored"),
        _kid(
            5, B, 212, gender="transgender", category_code=None, admission_date=date(2021, 11, 23)
        ),
        _kid(6, C, 196),
    ]
    flags = [
        _flag(1, kids[0], due_on=date(2026, 11, 1)),  # past due, district
        _flag(2, kids[0], level=2, severity="critical", due_on=date(2026, 11, 20)),  # state
        _flag(3, kids[1], level=0, status="open", rule_id="sir_due"),  # CCI level
        _flag(4, kids[1], status="resolved"),  # closed: counts nowhere
        _flag(5, kids[4], level=2, due_on=date(2026, 11, 20), severity="low"),  # state, later
        _flag(6, kids[5], level=2),  # another district
    ]
    stages = [
        (kids[0], "recommended", AS_OF - timedelta(days=40)),  # limit 30: overdue
        (kids[0], "reviewed", AS_OF - timedelta(days=10)),  # the latest: in time
        (kids[1], "presented_to_cwc", AS_OF - timedelta(days=61)),  # limit 60: overdue
        (kids[3], "recommended", AS_OF - timedelta(days=5)),  # restored: not in the pipeline
        (kids[4], "adopted", AS_OF - timedelta(days=100)),  # adopted this year
    ]
    with writer(eng).begin() as c:
        c.execute(
            insert(Enrolment.__table__),
            [
                {"uuid": u, "name": n, "state_code": 10, "district_code": d, "sign_key": "k",
                 "key_id": u[-16:], "last_received_at": last}
                for u, n, d, last in enr
            ],
        )  # fmt: skip
        c.execute(insert(view_child), kids)
        c.execute(insert(view_flag), flags)
        c.execute(
            insert(view_adoption_stage),
            [_stage(i, k, st, on) for i, (k, st, on) in enumerate(stages)],
        )
        c.execute(
            insert(MergedRecord.__table__),
            [
                _merged(
                    kids[0], "child", {"identification_marks": "mole", "aadhaar_last4": "9731"}
                ),
                _merged(
                    flags[0], "flag", {"explanation_en": "ICP overdue", "explanation_hi": "योजना"}
                ),
            ],
        )
    yield eng
    eng.dispose()


def test_district_figures_match_the_hand_count(engine) -> None:  # type: ignore[no-untyped-def]
    """A district's page: in care by gender, age band (birthdays on the day), category and
    stay; its CCIs with flags by level, silence after 30 days; nothing of another district."""
    with Session(engine) as s:
        r = area_report(s, Area(10, 212), as_of=AS_OF, now=NOW)
    b = r.children
    assert (b.total, b.in_care) == (5, 4)
    assert b.by_status == {"in_care": 4, "restored": 1}
    assert b.by_gender == {"female": 1, "male": 2, "transgender": 1}
    assert b.by_age == {"0-1": 1, "2-5": 0, "6-11": 1, "12-14": 0, "15-17": 1, "18+": 1}
    assert b.by_category == {1: 2, 5: 1, None: 1}
    assert b.by_stay["<1m"] == 1 and b.by_stay["5y+"] == 1 and b.by_stay["6-12m"] == 2
    names = {u.name: u for u in r.units}
    assert set(names) == {"Asha Kiran", "Navjeevan"}
    asha, nav = names["Asha Kiran"], names["Navjeevan"]
    assert (asha.children, asha.in_care, asha.girls, asha.boys) == (4, 3, 1, 2)
    assert asha.flags == [1, 1, 1] and asha.overdue == 2 and not asha.is_silent
    assert nav.flags == [0, 0, 1] and nav.is_silent and nav.days_since == 31
    assert r.open_flags == [1, 1, 2]
    assert r.flags == {"icp": {1: (1, 1), 2: (2, 2)}, "sir_due": {0: (1, 0)}}
    assert r.adoption["reviewed"] == (1, 0) and r.adoption["presented_to_cwc"] == (1, 1)
    assert r.adoption["recommended"] == (0, 0) and r.adoption["adopted"] == (1, 0)
    assert [u.name for u in r.silent] == ["Navjeevan"]


def test_state_page_counts_by_district(engine) -> None:  # type: ignore[no-untyped-def]
    """A state's page: one row a district (CCIs, silent ones, in care, flags by level)."""
    with Session(engine) as s:
        r = area_report(s, Area(10), as_of=AS_OF, now=NOW)
    rows = {u.key: u for u in r.units}
    assert rows["212"].name == "Patna" and rows["196"].name == "Gaya"
    assert (rows["212"].ccis, rows["212"].silent, rows["212"].in_care) == (2, 1, 4)
    assert (rows["196"].ccis, rows["196"].silent, rows["196"].in_care) == (1, 1, 1)
    assert rows["196"].flags == [0, 0, 1] and r.open_flags == [1, 1, 3]
    assert sorted(u.name for u in r.silent) == ["Gaya Home", "Navjeevan"]


def test_bands_cut_on_the_birthday() -> None:
    """A child is in the next age band from their birthday on (as the desktop's dashboard)."""
    cuts = dict(age_cuts(AS_OF, catalogue()))
    assert cuts["15-17"] == date(2008, 11, 23)  # born after: still 17
    stays = dict(stay_cuts(AS_OF, catalogue()))
    assert stays["2-5y"] == date(2021, 11, 23)  # five calendar years


def test_queues_in_order_and_inside_the_area(engine) -> None:  # type: ignore[no-untyped-def]
    """The state queue holds flags at state level, by due date then severity; the district
    queue from district level up, only its own district."""
    with Session(engine) as s:
        state = queue(s, Area(10), QueueFilter(min_level=2), as_of=AS_OF)
        district = queue(s, Area(10, 212), QueueFilter(min_level=1), as_of=AS_OF)
        assert queue_count(s, Area(10), QueueFilter(min_level=2), as_of=AS_OF) == 3
        late = queue(s, Area(10, 212), QueueFilter(min_level=1, overdue_only=True), as_of=AS_OF)
    assert [r.flag_uuid[:8] for r in state] == ["f0000002", "f0000005", "f0000006"]
    assert [r.severity for r in state[:2]] == ["critical", "low"]  # same due day: severity
    assert {r.district for r in district} == {212} and len(district) == 3
    assert [r.flag_uuid[:8] for r in late] == ["f0000001", "f0000002", "f0000005"]
    assert district[0].child_name == "Child1 Kumari" and district[0].institution == "Asha Kiran"


def test_drill_down_stays_inside_the_area(engine) -> None:  # type: ignore[no-untyped-def]
    """A district's area cannot be narrowed to another district or its CCIs or children."""
    patna = Area(10, 212)
    with Session(engine) as s:
        with pytest.raises(OutOfArea):
            patna.district_area(196)
        with pytest.raises(OutOfArea):
            patna.institution_area(s, C)
        with pytest.raises(OutOfArea):
            child_record(s, patna, "c0000006-0000-4000-8000-000000000000")
        assert Area(10).institution_area(s, C) == Area(10, 196, C)
        assert [k["code"] for k in children_page(s, patna.institution_area(s, B))] == [
            "BR-212-0005"
        ]


def test_child_record_never_has_aadhaar(engine) -> None:  # type: ignore[no-untyped-def]
    """The read-only record has the extra fields and flag explanations, and no trace of the
    Aadhaar digits or hash held in the tables."""
    with Session(engine) as s:
        rec = child_record(s, Area(10, 212), "c0000001-0000-4000-8000-000000000000")
    assert rec.extra == {"identification_marks": "mole"}
    assert rec.flags[0]["explanation_en"] == "ICP overdue"
    assert "9731" not in repr(rec) and "abab" not in repr(rec)


def test_tables_totals_and_files(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every table has its totals; the Excel workbook and the CSV hold the same figures."""
    import csv
    import io

    from openpyxl import load_workbook

    with Session(engine) as s:
        r = area_report(s, Area(10, 212), as_of=AS_OF, now=NOW)
    tables = report_tables(r, lang="en")
    ccis = tables[0]
    assert ccis.key == "ccis" and ccis.total is not None
    in_care = ccis.columns.index("In care")
    assert ccis.total[in_care] == 4
    path = tmp_path / "t.xlsx"
    path.write_bytes(to_xlsx(tables))
    wb = load_workbook(path)
    assert len(wb.sheetnames) == len(tables)
    sheet = wb[wb.sheetnames[0]]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][in_care] == "In care" and rows[-1][0] == "Total" and rows[-1][in_care] == 4
    got = list(csv.reader(io.StringIO(to_csv(ccis).decode("utf-8-sig"))))
    assert got[-1][in_care] == "4" and got[0][0] == "CCI"
    hindi = report_tables(r, lang="hi")
    assert any("अनाथ" in str(row[0]) for t in hindi if t.key == "category" for row in t.rows)


def test_a_schema_2_database_is_upgraded_to_3_and_its_queue_answers(tmp_path: Path) -> None:
    """A database of issue 14's central (schema 2) opens as schema 3: the flags get their
    open mark and severity order, the CCI its last-heard time, the queue indexes exist, and
    the review queues answer from the upgraded tables."""
    import shutil

    from sqlalchemy import inspect, select

    from central.models import SchemaVersion
    from central.schema import SCHEMA

    path = tmp_path / "v2.sqlite3"
    shutil.copy(Path(__file__).parent / "data" / "central-schema-2.sqlite3", path)
    engine = open_engine(f"sqlite:///{path}")
    inst = "5e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f"
    with Session(engine) as s:
        assert s.get(SchemaVersion, "central").version == SCHEMA >= 3  # type: ignore[union-attr]
        enr = s.get(Enrolment, inst)
        assert enr is not None and enr.last_received_at is not None
        rows = s.execute(
            select(view_flag.c.status, view_flag.c.is_open, view_flag.c.severity_rank).order_by(
                view_flag.c.status
            )
        ).all()
        assert [tuple(r) for r in rows] == [
            ("escalated", True, 1),
            ("open", True, 3),
            ("resolved", False, 2),
        ]
        state = queue(s, Area(10), QueueFilter(min_level=2), as_of=AS_OF)
        district = queue(s, Area(10, 212), QueueFilter(min_level=1), as_of=AS_OF)
        assert [(r.status, r.level) for r in state] == [("escalated", 2)]
        assert [(r.status, r.level) for r in district] == [("escalated", 2)]
        assert queue(s, Area(10, 196), QueueFilter(min_level=1), as_of=AS_OF) == []
    with engine.connect() as c:
        names = {i["name"] for t in ("view_flag", "view_child") for i in inspect(c).get_indexes(t)}
    assert {"ix_view_flag_state_queue", "ix_view_flag_district_queue"} <= names
    engine.dispose()
