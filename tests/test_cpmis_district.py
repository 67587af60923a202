"""CPMIS at the district office: returns arrive in bundles, are reviewed, decisions go back
on the stick, the quarter is consolidated exactly; and consolidation as a pure function."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from bundle_format import keys as key_files
from desktop.db import open_database
from desktop.models import CpmisConsolidation
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import NotAllowed
from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.bodies import cci_body
from desktop.services.cpmis.review import decide, decisions
from desktop.services.cpmis.store import read_table
from desktop.services.install.institution import local_institution
from reporting.cpmis.areas import district_area, institution_area, state_area
from reporting.cpmis.consolidate import BodyFigures, consolidate
from reporting.cpmis.loader import load_catalogue
from reporting.cpmis.periods import quarter_months
from sync_client import cpmis as sync_cpmis
from sync_client.district import mode as district_office
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import institution_info
from sync_client.exchange.usb import export_outbox
from tests.cpmis_fixture import QUARTER, TODAY, build_home

CAT = load_catalogue()
SUPER = Actor("asha", "superintendent", "Asha Kumari")
DCPU = Actor("dcpu", "district_official", "DCPU Patna", state=10, districts=(212,))
PW = "office passphrase"


def _office(tmp_path: Path) -> tuple[Engine, Path, key_files.OwnKeys]:
    office_dir = tmp_path / "office"
    office = open_database(office_dir)
    with unit_of_work(office, DCPU) as s:
        stored = district_office.setup_office(
            s, data_dir=office_dir, name="Patna DCPU", district_code=212, passphrase=PW
        )
    key_files.write_public_key_file(tmp_path / "district.pub", stored.keys.public())
    key_files.write_public_key_file(
        tmp_path / "central.pub", key_files.generate_keys(role="central", name="State").public()
    )
    return office, office_dir, stored.keys


def _submit_quarter(engine: Engine, data_dir: Path) -> None:
    """The home submits July, August and September, signed with its own key."""
    with unit_of_work(engine, SUPER) as s:
        keys = sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase="cci passphrase")
        body = cci_body(CAT, local_institution(s))
        for m in quarter_months(QUARTER):
            ret = rt.start_return(s, CAT, body, month=m, today=TODAY)
            rt.submit_return(s, CAT, ret, today=TODAY, signer=sync_cpmis.return_signer(keys))


def _to_stick(engine: Engine, data_dir: Path, stick: Path) -> None:
    with unit_of_work(engine, SUPER) as s:
        sync_outbox.build_next_bundle(
            s, signer=sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase="cci passphrase")
        )
        export_outbox(s, folder=stick, institution=institution_info(s))


def test_returns_travel_to_the_district_and_decisions_come_back(
    engine: Engine, data_dir: Path, tmp_path: Path
) -> None:
    """A CCI's signed returns reach the district in a bundle; the district accepts two and
    returns one with a reason; the signed decisions go back on the stick and the CCI records
    them; a notice changed on the way is refused."""
    build_home(engine, SUPER)
    office, _office_dir, office_keys = _office(tmp_path)
    with unit_of_work(engine, SUPER) as s:
        sync_outbox.create_own_keys(s, data_dir=data_dir, name="Home", passphrase="cci passphrase")
        sync_outbox.import_public_key(s, path=tmp_path / "central.pub")
        sync_outbox.import_public_key(s, path=tmp_path / "district.pub")
    _submit_quarter(engine, data_dir)
    stick = tmp_path / "stick"
    stick.mkdir()
    _to_stick(engine, data_dir, stick)
    view = district_office.open_view(_office_dir)
    res = district_office.import_folder(
        view=view,
        keys=office_keys,
        district_code=212,
        folder=stick,
        trust_new=lambda _p, _i: True,
    )
    assert len(res.applied) == 1 and not res.refused
    got = sync_cpmis.received_returns(view, district_code=212)
    assert [(r.month, r.signature_check, r.status) for r in got] == [
        ("2026-07", "valid", "submitted"),
        ("2026-08", "valid", "submitted"),
        ("2026-09", "valid", "submitted"),
    ]
    assert got[2].figures["cci.stock.end"]["total"] == 5.0
    with unit_of_work(office, DCPU) as s:
        decide(s, received=got[0], decision="accepted")
        decide(s, received=got[1], decision="accepted")
        decide(s, received=got[2], decision="returned", reason="education table left blank")
        with pytest.raises(NotAllowed):
            decide(s, received=got[2], decision="accepted")  # returned: needs a new version
        assert sync_cpmis.write_notices(s, keys=office_keys, folder=stick) == 3
    with unit_of_work(engine, SUPER) as s:
        inst_uuid = str(local_institution(s).uuid)
    # a notice altered on the stick is refused, the others are recorded
    files = sorted((stick / "CLMS" / "cpmis" / inst_uuid).glob("*.notice"))
    accepted = next(f for f in files if b'"decision":"accepted"' in f.read_bytes())
    bad = accepted.read_bytes().replace(b'"decision":"accepted"', b'"decision":"returned"')
    assert bad != accepted.read_bytes()
    accepted.with_name("zz-" + accepted.name).write_bytes(bad)
    with unit_of_work(engine, SUPER) as s:
        out = sync_cpmis.import_notices(s, folder=stick, institution_uuid=inst_uuid)
    assert sorted(out.applied) == [
        ("2026-07", 1, "accepted"),
        ("2026-08", 1, "accepted"),
        ("2026-09", 1, "returned"),
    ]
    assert len(out.refused) == 1 and "signature does not match" in out.refused[0][1]
    with unit_of_work(engine, SUPER) as s:
        again = sync_cpmis.import_notices(s, folder=stick, institution_uuid=inst_uuid)
        assert again.repeated == 3 and not again.applied
        body = cci_body(CAT, local_institution(s))
        sept = rt.latest(s, body_code=body.code, month="2026-09")
        assert sept is not None and sept.review_reason == "education table left blank"
    office.dispose()


def test_district_quarter_is_consolidated_from_the_bundles(
    engine: Engine, data_dir: Path, tmp_path: Path
) -> None:
    """With all three months accepted the district's quarter equals the home's own figures
    (one home), percents recomputed; it is recorded and the returns marked consolidated."""
    build_home(engine, SUPER)
    office, office_dir, office_keys = _office(tmp_path)
    with unit_of_work(engine, SUPER) as s:
        sync_outbox.create_own_keys(s, data_dir=data_dir, name="Home", passphrase="cci passphrase")
        sync_outbox.import_public_key(s, path=tmp_path / "central.pub")
        sync_outbox.import_public_key(s, path=tmp_path / "district.pub")
    _submit_quarter(engine, data_dir)
    stick = tmp_path / "stick"
    stick.mkdir()
    _to_stick(engine, data_dir, stick)
    view = district_office.open_view(office_dir)
    district_office.import_folder(
        view=view, keys=office_keys, district_code=212, folder=stick, trust_new=lambda _p, _i: True
    )
    with unit_of_work(office, DCPU) as s:
        for r in sync_cpmis.received_returns(view, district_code=212):
            decide(s, received=r, decision="accepted")
        dq = sync_cpmis.consolidate_district(s, view, CAT, quarter=QUARTER, state=10, district=212)
    t = dq.district.table
    assert t["cci.stock.start"]["total"].value == 6.0
    assert t["cci.stock.end"]["girls"].value == 4.0
    assert t["cci.adm.total"]["total"].value == 2.0  # July + August + September
    assert t["cci.rep.registered"]["total"].value == 1.0
    assert t["cci.rep.full_quarter"]["total"].value == 1.0
    sir = t["cci.tl.sir15.pct"]["total"]
    assert (sir.value, sir.num, sir.den) == (50.0, 1.0, 2.0)
    assert len(dq.inputs) == 3
    # the CWC's and JJB's returns were not typed yet: the quarter says so, the home is complete
    assert [p.split(":")[0] for p in dq.provisional] == [
        "Child Welfare Committee 1",
        "Juvenile Justice Board 1",
    ]
    with unit_of_work(office, DCPU) as s:
        stored = read_table(s, CAT, area_id="IND010212", period=QUARTER)
        assert stored["cci.stock.end"]["total"].value == 5.0
        rec = s.scalars(select(CpmisConsolidation)).one()
        assert rec.area_id == "IND010212" and len(rec.inputs) == 3
        assert {d.decision for d in decisions(s).values()} == {"consolidated"}
    office.dispose()


def _body(n: int, district: int, figs: dict) -> BodyFigures:  # type: ignore[type-arg]
    area = institution_area(10, district, n, f"Home {n}", None)
    return BodyFigures(area, "cci", "CH", figs)


def test_consolidation_adds_counts_and_recomputes_percents() -> None:
    """Three homes in two districts: counts add up exactly, percents come from the summed
    numerators and denominators (not the average of the homes' percents), norms met count
    the homes meeting them, and the state is the sum of its districts."""
    a = {
        "cci.stock.end": {"total": 10.0, "boys": 6.0, "girls": 4.0},
        "cci.tl.sir15.due": {"total": 1.0},
        "cci.tl.sir15.met": {"total": 1.0},
        "cci.fac.toilets": {"total": 2.0},
        "cci.rep.capacity": {"total": 25.0},
    }
    b = {
        "cci.stock.end": {"total": 30.0, "boys": 30.0, "girls": 0.0},
        "cci.tl.sir15.due": {"total": 9.0},
        "cci.tl.sir15.met": {"total": 0.0},
        "cci.fac.toilets": {"total": 3.0},
        "cci.rep.capacity": {"total": 25.0},
    }
    c = {
        "cci.stock.end": {"total": 7.0, "boys": 0.0, "girls": 7.0},
        "cci.tl.sir15.due": {"total": 0.0},
        "cci.tl.sir15.met": {"total": 0.0},
        "cci.fac.toilets": {"total": 1.0},
        "cci.rep.capacity": {"total": 10.0},
    }
    areas = {x.id: x for x in (state_area(10), district_area(10, 212), district_area(10, 188))}
    out = consolidate(CAT, [_body(1, 212, a), _body(2, 212, b), _body(3, 188, c)], areas=areas)
    patna, araria, bihar = out["IND010212"], out["IND010188"], out["IND010"]
    assert patna.table["cci.stock.end"]["total"].value == 40.0
    assert patna.table["cci.stock.end"]["boys"].value == 36.0
    assert bihar.table["cci.stock.end"]["total"].value == 47.0 and bihar.bodies == 3
    # home 1: 100 %, home 2: 0 %; Patna 1 of 10 = 10 %, not the 50 % their average would say
    pct = patna.table["cci.tl.sir15.pct"]["total"]
    assert (pct.value, pct.num, pct.den) == (10.0, 1.0, 10.0)
    assert araria.table["cci.tl.sir15.pct"]["total"].value is None  # nothing due: blank
    # toilets, 1 for every 7: home 1 (2 for 10) meets it, home 2 (3 for 30) does not, home 3 does
    assert out[_body(1, 212, a).area.id].table["cci.fac.toilets_norm_met"]["total"].value == 1.0
    assert patna.table["cci.fac.toilets_norm_met"]["total"].value == 1.0
    assert bihar.table["cci.fac.toilets_norm_met"]["total"].value == 2.0
    occ = bihar.table["cci.rep.occupancy_pct"]["total"]
    assert (occ.num, occ.den) == (47.0, 60.0) and occ.value == pytest.approx(78.333, abs=1e-3)
