"""CPMIS at central: a CCI's signed monthly returns reach central in a real bundle, are
kept (`view_cpmis_return`), made into the quarter and consolidated to the district and the
state by the district office's code (the figures are those the district's consolidation
gives, tests/test_cpmis_district.py); the quarter page by direct HTTP requests to the real
server keeps to the official's area, and its DevInfo spreadsheet has the values where
DevInfo reads them. A schema 3 database gets the returns' table when opened."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from central.models import SchemaVersion
from central.officials import add_official
from central.projection import view_cpmis_return
from central.reports.area import Area
from central.reports.clts import clts_report
from central.reports.cpmis import cpmis_catalogue, state_quarter
from central.schema import SCHEMA, open_engine, writer
from central.service import Receiver
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.bodies import cci_body
from desktop.services.install.institution import local_institution
from reporting.clts import Quarter
from reporting.cpmis.periods import quarter_months
from sync_client import cpmis as sync_cpmis
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import institution_info
from tests.central_db import new_pg_database, pg_server  # noqa: F401 (fixture)
from tests.central_process import central_process, init_keys
from tests.clts_helpers import rescued_child, rescued_from_jharkhand
from tests.cpmis_fixture import QUARTER, TODAY, build_home
from tests.tls import tls_files
from tests.web_helpers import login

SUPER = Actor("asha", "superintendent", "Asha Kumari")
PATNA, GAYA = 212, 196
OFFICIALS = (
    ("state1", "state-pass-2026", "state_official", None),
    ("patna1", "patna-pass-2026", "district_official", PATNA),
    ("gaya1", "gaya-pass-2026", "district_official", GAYA),
)


def _to_central(
    engine, data_dir: Path, tmp_path: Path, *, accept: int, more: Any = None, db: str = ""
) -> tuple[str, Any]:
    """The home submits July-September; the district's decision on the first `accept`
    months is recorded at the home (as from its notices); `more(session)` adds other
    records; one bundle to central."""
    keys_dir = tmp_path / "keys"
    central = init_keys(keys_dir)
    key_files.write_public_key_file(tmp_path / "central.pub", central.public())
    cat = cpmis_catalogue()
    with unit_of_work(engine, SUPER) as s:
        sync_outbox.create_own_keys(s, data_dir=data_dir, name="Home", passphrase="cci passphrase")
        sync_outbox.import_public_key(s, path=tmp_path / "central.pub")
    with unit_of_work(engine, SUPER) as s:
        keys = sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase="cci passphrase")
        body = cci_body(cat, local_institution(s))
        for i, m in enumerate(quarter_months(QUARTER)):
            ret = rt.start_return(s, cat, body, month=m, today=TODAY)
            rt.submit_return(s, cat, ret, today=TODAY, signer=sync_cpmis.return_signer(keys))
            if i < accept:
                rt.apply_decision(
                    s,
                    return_uuid=str(ret.uuid),
                    version_no=ret.version_no,
                    content_sha256=ret.content_sha256,
                    decision="accepted",
                    reason=None,
                    decided_by="DCPU Patna",
                    decided_at=datetime(2026, 10, 20, tzinfo=UTC),
                )
    if more is not None:
        with unit_of_work(engine, SUPER, as_of=TODAY) as s:
            more(s)
    with unit_of_work(engine, SUPER) as s:
        signer = sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase="cci passphrase")
        bundle = sync_outbox.build_next_bundle(s, signer=signer)
        assert bundle is not None
        raw, inst = bundle.data, institution_info(s)
    db = db or f"sqlite:///{tmp_path / 'central.sqlite'}"
    rcv = Receiver(open_engine(db), central, aadhaar_secret=b"s" * 32)
    rcv.enrol(institution=inst, public=signer.public())
    rcv.receive(raw)
    return db, rcv


def test_the_state_quarter_is_the_districts_consolidation(
    engine, data_dir: Path, tmp_path: Path
) -> None:
    """All three months accepted: Patna's and the state's quarter are the home's figures
    (the same values the district office's consolidation gives), percents with their
    numerator and denominator; Gaya has nothing; Patna's official cannot ask for Gaya."""
    build_home(engine, SUPER)
    db, rcv = _to_central(engine, data_dir, tmp_path, accept=3)
    with Session(rcv.engine) as s:
        assert s.scalar(select(func.count()).select_from(view_cpmis_return)) == 3
        for area in (Area(10, PATNA), Area(10)):
            sq = state_quarter(s, area, QUARTER)
            t = sq.top.table
            assert t["cci.stock.start"]["total"].value == 6.0
            assert t["cci.stock.end"]["girls"].value == 4.0
            assert t["cci.stock.end"]["total"].value == 5.0
            assert t["cci.adm.total"]["total"].value == 2.0
            assert t["cci.rep.registered"]["total"].value == 1.0
            assert t["cci.rep.full_quarter"]["total"].value == 1.0
            sir = t["cci.tl.sir15.pct"]["total"]
            assert (sir.value, sir.num, sir.den) == (50.0, 1.0, 2.0)
            assert sq.returns_counted == 3 and sq.provisional == []
        assert [d.area.id for d in state_quarter(s, Area(10), QUARTER).districts] == ["IND010212"]
        gaya = state_quarter(s, Area(10, GAYA), QUARTER)
        assert gaya.bodies == [] and gaya.top.table == {}
    rcv.engine.dispose()


def rescues(s: Any) -> None:
    """Two children rescued in April-June: a boy from Gaya, a girl from Jharkhand."""
    rescued_child(s)
    rescued_from_jharkhand(s)


def test_the_quarter_and_the_clts_report_on_postgresql(
    engine, data_dir: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The same bundle into central on PostgreSQL: the same quarter, the same CLTS report."""
    build_home(engine, SUPER)
    pg = new_pg_database(request.getfixturevalue("pg_server"))
    db, rcv = _to_central(engine, data_dir, tmp_path, accept=3, more=rescues, db=pg)
    assert db.startswith("postgresql")
    with Session(rcv.engine) as s:
        t = state_quarter(s, Area(10), QUARTER).top.table
        assert t["cci.stock.end"]["total"].value == 5.0
        sir = t["cci.tl.sir15.pct"]["total"]
        assert (sir.value, sir.num, sir.den) == (50.0, 1.0, 2.0)
        rep = clts_report(s, Area(10, PATNA), Quarter(2026, 2), name="Patna")
        assert rep.rescued == 2 and rep.interstate == 1
        assert clts_report(s, Area(10, GAYA), Quarter(2026, 2), name="Gaya").rescued == 0
    rcv.engine.dispose()


def test_a_month_not_accepted_leaves_the_quarter_provisional(
    engine, data_dir: Path, tmp_path: Path
) -> None:
    """September still waits for the district: it does not count, and the quarter says so."""
    build_home(engine, SUPER)
    _db, rcv = _to_central(engine, data_dir, tmp_path, accept=2)
    with Session(rcv.engine) as s:
        sq = state_quarter(s, Area(10), QUARTER)
    assert sq.returns_counted == 2
    assert len(sq.provisional) == 1 and "2026-09" in sq.provisional[0]
    assert sq.top.table["cci.rep.full_quarter"]["total"].value == 0.0
    rcv.engine.dispose()


def test_a_schema_3_database_gets_its_returns_projected(
    engine, data_dir: Path, tmp_path: Path
) -> None:
    """Opened by this central, a schema 3 database (returns merged, no table for them) gets
    the table filled from the merged records and is numbered 4."""
    build_home(engine, SUPER)
    db, rcv = _to_central(engine, data_dir, tmp_path, accept=3)
    with Session(writer(rcv.engine)) as s, s.begin():
        s.execute(delete(view_cpmis_return))
        s.execute(update(SchemaVersion).values(version=3))
    rcv.engine.dispose()
    again = open_engine(db)
    with Session(again) as s:
        assert s.get(SchemaVersion, "central").version == SCHEMA >= 4  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(view_cpmis_return)) == 3
    again.dispose()


@pytest.fixture
def site(engine, data_dir: Path, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The home's accepted quarter at central, officials of the state, Patna and Gaya, and
    the real server."""
    build_home(engine, SUPER)
    db, rcv = _to_central(engine, data_dir, tmp_path, accept=3)
    with Session(writer(rcv.engine)) as s, s.begin():
        for username, password, role, district in OFFICIALS:
            add_official(
                s,
                username=username,
                full_name=username,
                role=role,
                password=password,
                state=10,
                district=district,
                by="test",
            )
    rcv.engine.dispose()
    ca, cert, key = tls_files(tmp_path)
    extra = ["--certfile", str(cert), "--keyfile", str(key)]
    with central_process(tmp_path / "keys", db, extra=extra) as server:
        yield {"url": server.url, "ca": str(ca)}


def _as(site: dict[str, Any], username: str):
    password = next(p for u, p, _r, _d in OFFICIALS if u == username)
    return login(site["url"], username, password, verify=site["ca"])


def _csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _key(session: Any, url: str, more: str = "") -> list[list[str]]:
    got = session.get(url + f"/cpmis?quarter=2026-Q3&download=key&format=csv{more}", timeout=60)
    assert got.status_code == 200
    return _csv(got.content)


def test_the_quarter_page_keeps_to_the_officials_area(site: dict[str, Any]) -> None:
    """Patna's official sees Patna's quarter and is refused Gaya's; Gaya's official sees no
    Patna figure; the state official sees the districts side by side; the DevInfo file has
    the values where DevInfo reads them."""
    url = site["url"]
    patna = _as(site, "patna1")
    page = patna.get(url + "/cpmis?quarter=2026-Q3", timeout=60)
    assert (
        page.status_code == 200 and "CPMIS quarter" in page.text and "Key indicators" in page.text
    )
    rows = _csv(
        patna.get(url + "/cpmis?quarter=2026-Q3&download=key&format=csv", timeout=60).content
    )
    by_name = {r[0]: r[1:] for r in rows[1:]}
    sir = next(v for k, v in by_name.items() if "Social Investigation Report" in k)
    assert sir == ["50", "1", "2"]
    assert by_name["Children residing on the last day of the quarter"][0] == "5"
    for path in (
        "/cpmis?quarter=2026-Q3&district=196",
        "/cpmis?quarter=2026-Q3&district=196&download=des",
        "/cpmis?quarter=2026-Q3&district=196&download=key&format=csv",
    ):
        refused = patna.get(url + path, timeout=60)
        assert refused.status_code == 404 and "Not in your area" in refused.text, path
    gaya = _as(site, "gaya1")
    rows = _csv(
        gaya.get(url + "/cpmis?quarter=2026-Q3&download=key&format=csv", timeout=60).content
    )
    assert all(r[1] == "" for r in rows[1:])
    assert gaya.get(url + "/cpmis?quarter=2026-Q3&district=212", timeout=60).status_code == 404
    state = _as(site, "state1")
    rows = _csv(
        state.get(url + "/cpmis?quarter=2026-Q3&download=districts&format=csv", timeout=60).content
    )
    assert [r[0] for r in rows[1:]] == ["Patna"] and rows[1][3] == "5"
    des = state.get(url + "/cpmis?quarter=2026-Q3&download=des", timeout=60)
    assert des.status_code == 200
    wb = load_workbook(io.BytesIO(des.content))
    cat = cpmis_catalogue()
    ind = cat.indicators["cci.stock.end"]
    sheet = next(ws for ws in wb.worksheets if ws["L5"].value == ind.gid)
    assert sheet["B5"].value == ind.name_en and sheet["A9"].value == "Time"
    got = {
        (r[1], r[4]): r[3] for r in sheet.iter_rows(min_row=11, values_only=True) if r[0] == QUARTER
    }
    assert got[("IND010", "Total")] == got[("IND010212", "Total")] == "5"
    state.get(url + "/lang?to=hi&next=/cpmis", timeout=30)
    hindi = state.get(url + "/cpmis?quarter=2026-Q3", timeout=60).text
    assert 'lang="hi"' in hindi and "मुख्य संकेतक" in hindi
