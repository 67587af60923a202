"""The district office's own CPMIS records reach central (issue 19 item 4): a CWC return
typed and accepted at the district office goes to the real central server on 127.0.0.1
when the office forwards, signed with the office's key; central's quarter for the state
and the district then has the CWC's figures, consolidated by the same code; sending again
keeps one version; another district's body, a return altered on the way and a CCI's key
are refused."""

from __future__ import annotations

import copy
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format.canonical import canonical
from central.enrolment import enrol_district
from central.models import MergedRecord
from central.projection import view_cpmis_return
from central.reports.area import Area
from central.reports.cpmis import state_quarter
from central.schema import writer
from desktop.db import open_database
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.bodies import district_bodies
from reporting.cpmis.loader import load_catalogue
from sync_client import cpmis as sync_cpmis
from sync_client.district import cpmis_central
from sync_client.district import mode as district_office
from sync_client.exchange.upload import Uploader, UploadSettings
from tests.cpmis_fixture import QUARTER, TODAY
from tests.sync_helpers import running_central

CAT = load_catalogue()
DCPU = Actor("dcpu", "district_official", "DCPU Patna", state=10, districts=(212,))
MONTHS = {  # new cases, end of month (boys, girls): the balance holds month to month
    "2026-07": ({"boys": 2, "girls": 1, "total": 3}, {"boys": 11, "girls": 6, "total": 17}),
    "2026-08": ({"boys": 1, "girls": 1, "total": 2}, {"boys": 12, "girls": 7, "total": 19}),
    "2026-09": ({"boys": 1, "girls": 0, "total": 1}, {"boys": 13, "girls": 7, "total": 20}),
}


def _office_with_cwc_quarter(tmp_path: Path):  # type: ignore[no-untyped-def]
    office_dir = tmp_path / "office"
    office = open_database(office_dir)
    with unit_of_work(office, DCPU) as s:
        stored = district_office.setup_office(
            s,
            data_dir=office_dir,
            name="Patna DCPU",
            district_code=212,
            passphrase="office passphrase",
            state_code=10,
        )
        signer = sync_cpmis.return_signer(stored.keys)
        cwc = district_bodies(s, state=10, district=212)[0]
        for i, (month, (new, end)) in enumerate(MONTHS.items()):
            ret = rt.start_return(s, CAT, cwc, month=month, today=TODAY)
            entries = {"cwc.new.total": new, "cwc.cases.end": end}
            if i == 0:
                entries["cwc.cases.start"] = {"boys": 10, "girls": 5, "total": 15}
                entries["cwc.disposed.total"] = {"boys": 1, "girls": 0, "total": 1}
            rt.save_entries(s, CAT, ret, entries=entries)
            rt.submit_return(s, CAT, ret, today=TODAY, signer=signer)
            rt.review_own(s, ret, decision="accepted")
    return office, office_dir, stored.keys


def test_the_cwc_return_reaches_centrals_state_quarter(tmp_path: Path) -> None:
    office, office_dir, keys = _office_with_cwc_quarter(tmp_path)
    central_keys = key_files.generate_keys(role="central", name="Test State")
    view = district_office.open_view(office_dir)  # no CCI bundles taken in: only its own
    (tmp_path / "central").mkdir()
    with running_central(tmp_path / "central", central_keys) as (server, rcv):
        with Session(writer(rcv.engine)) as cs, cs.begin():
            enrol_district(cs, district_code=212, state_code=10, public=keys.public(), by="t")
        fwd = UploadSettings(url=server.url)
        with unit_of_work(office, DCPU, rules=False) as s:
            assert district_office.forward(view=view, settings=fwd, signer=keys, office=s) == (
                0,
                None,
            )
        with Session(rcv.engine) as cs:
            rows = cs.execute(
                select(
                    view_cpmis_return.c.body_type,
                    view_cpmis_return.c.month,
                    view_cpmis_return.c.status,
                    view_cpmis_return.c.state_code,
                    view_cpmis_return.c.district_code,
                ).order_by(view_cpmis_return.c.month)
            ).all()
            assert [tuple(r) for r in rows] == [("cwc", m, "accepted", 10, 212) for m in MONTHS]
            for area in (Area(10), Area(10, 212)):
                sq = state_quarter(cs, area, QUARTER)
                t = sq.top.table
                assert t["cwc.new.total"]["total"].value == 6.0  # 3 + 2 + 1
                assert t["cwc.new.total"]["girls"].value == 2.0
                assert t["cwc.cases.end"]["total"].value == 20.0  # September's
                assert sq.returns_counted == 3 and sq.provisional == []
            state = state_quarter(cs, Area(10), QUARTER)
            assert [d.area.id for d in state.districts] == ["IND010212"]
            assert state.districts[0].table["cwc.new.total"]["total"].value == 6.0
            assert state_quarter(cs, Area(10, 196), QUARTER).top.table == {}
            versions = sorted(cs.scalars(select(MergedRecord.version)).all())
        # sending again stores nothing new: one version of each return
        up = Uploader(fwd, signer=keys)
        with unit_of_work(office, DCPU, rules=False) as s:
            again = cpmis_central.send_own_returns(s, up, district_code=212)
            assert again == {"stored": 0, "unchanged": 3, "decisions": 0}
            assert district_office.forward(view=view, settings=fwd, signer=keys, office=s) == (
                0,
                None,
            )
            body = cpmis_central.payload(s, district_code=212)
        with Session(rcv.engine) as cs:
            assert sorted(cs.scalars(select(MergedRecord.version)).all()) == versions == [1, 1, 1]
            assert cs.scalar(select(func.count()).select_from(view_cpmis_return)) == 3
        # another district's body is refused, and nothing of the request is kept
        foreign = copy.deepcopy(body)
        other = foreign["returns"][0]
        other.update(uuid="0" * 8 + "-0000-4000-8000-" + "0" * 12, body_code="cwc:196:1")
        other.update(district_code=196, body_name="Gaya CWC")
        r = up._send("POST", cpmis_central.PATH, body=canonical(foreign))
        assert r.status_code == 403 and r.json()["code"] == "wrong-district"
        # nor a decision about a CCI of another district
        gaya = key_files.generate_keys(role="institution", name="Gaya Home")
        gaya_uuid = "2" * 8 + "-2222-4222-8222-" + "2" * 12
        rcv.enrol(
            institution={
                "uuid": gaya_uuid,
                "name": "Gaya Home",
                "state_code": 10,
                "district_code": 196,
            },
            public=gaya.public(),
        )
        decision = {
            "return_uuid": "3" * 8 + "-3333-4333-8333-" + "3" * 12,
            "version_no": 1,
            "content_sha256": None,
            "decision": "accepted",
            "institution_uuid": gaya_uuid,
            "district_code": 196,
        }
        r = up._send("POST", cpmis_central.PATH, body=canonical({**body, "decisions": [decision]}))
        assert r.status_code == 403 and r.json()["code"] == "wrong-district"
        # a figure changed after the office signed: refused
        altered = copy.deepcopy(body)
        altered["returns"][0]["figures"]["cwc.new.total"]["total"] = 30.0
        r = up._send("POST", cpmis_central.PATH, body=canonical(altered))
        assert r.status_code == 422 and r.json()["code"] == "bad-signature"
        # a CCI's key (not a district office) cannot send them
        cci = key_files.generate_keys(role="institution", name="Home")
        inst = {"uuid": "1" * 8 + "-1111-4111-8111-" + "1" * 12, "name": "Home"}
        rcv.enrol(institution={**inst, "state_code": 10, "district_code": 212}, public=cci.public())
        r = Uploader(fwd, signer=cci)._send("POST", cpmis_central.PATH, body=canonical(body))
        assert r.status_code == 403 and r.json()["code"] == "not-a-district-office"
        with Session(rcv.engine) as cs:
            assert cs.scalar(select(func.count()).select_from(view_cpmis_return)) == 3
            assert cs.scalar(select(func.count()).select_from(MergedRecord)) == 3
    office.dispose()


def test_the_districts_decisions_reach_central_and_survive_a_rebuild(
    engine, data_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A CCI's returns reach central in its bundle, forwarded by the district, as
    "submitted" (the CCI has not seen the notices yet); the district's decisions go with the
    forward, so central's quarter counts the CCI's accepted months beside the CWC's; a
    rebuild from the stored bundles keeps the district's own records."""
    from central.rebuild import rebuild
    from desktop.services.cpmis.review import decide
    from sync_client.exchange import outbox as sync_outbox
    from tests.cpmis_fixture import build_home
    from tests.test_cpmis_district import SUPER, _submit_quarter, _to_stick

    build_home(engine, SUPER)
    office, office_dir, keys = _office_with_cwc_quarter(tmp_path)
    key_files.write_public_key_file(tmp_path / "district.pub", keys.public())
    central_keys = key_files.generate_keys(role="central", name="Test State")
    key_files.write_public_key_file(tmp_path / "central.pub", central_keys.public())
    with unit_of_work(engine, SUPER) as s:
        stored = sync_outbox.create_own_keys(
            s, data_dir=data_dir, name="Home", passphrase="cci passphrase"
        )
        sync_outbox.import_public_key(s, path=tmp_path / "central.pub")
        sync_outbox.import_public_key(s, path=tmp_path / "district.pub")
    _submit_quarter(engine, data_dir)
    stick = tmp_path / "stick"
    stick.mkdir()
    _to_stick(engine, data_dir, stick)
    view = district_office.open_view(office_dir)
    district_office.import_folder(
        view=view, keys=keys, district_code=212, folder=stick, trust_new=lambda _p, _i: True
    )
    with unit_of_work(office, DCPU) as s:
        for r in sync_cpmis.received_returns(view, district_code=212):
            decide(s, received=r, decision="accepted")
    from sync_client.exchange.upload import institution_info

    with unit_of_work(engine, SUPER) as s:
        info = institution_info(s)
    (tmp_path / "central").mkdir()
    with running_central(tmp_path / "central", central_keys) as (server, rcv):
        rcv.enrol(institution=info, public=stored.keys.public())
        with Session(writer(rcv.engine)) as cs, cs.begin():
            enrol_district(cs, district_code=212, state_code=10, public=keys.public(), by="t")
        with unit_of_work(office, DCPU, rules=False) as s:
            out = district_office.forward(
                view=view, settings=UploadSettings(url=server.url), signer=keys, office=s
            )
        assert out == (1, None)

        def quarter() -> tuple[int, float, float]:
            with Session(rcv.engine) as cs:
                sq = state_quarter(cs, Area(10), QUARTER)
                t = sq.top.table
                return (
                    sq.returns_counted,
                    t["cci.stock.end"]["total"].value,
                    t["cwc.new.total"]["total"].value,
                )

        with Session(rcv.engine) as cs:  # as the CCI sent them: not decided yet
            statuses = cs.scalars(
                select(view_cpmis_return.c.status).where(view_cpmis_return.c.body_type == "cci")
            ).all()
            assert sorted(statuses) == ["submitted"] * 3
        assert quarter() == (6, 5.0, 6.0)  # 3 CCI months accepted by the district + 3 CWC
        _page_has_the_cwc(tmp_path, rcv)
        rebuild(rcv)
        assert quarter() == (6, 5.0, 6.0)
    office.dispose()


def _page_has_the_cwc(tmp_path: Path, rcv) -> None:  # type: ignore[no-untyped-def]
    """The state official's /cpmis page lists the CWC's key indicators beside the CCIs'."""

    from central.officials import add_official
    from tests.sync_helpers import serve_receiver
    from tests.tls import tls_files

    with Session(writer(rcv.engine)) as cs, cs.begin():
        add_official(
            cs,
            username="state1",
            full_name="State Official",
            role="state_official",
            password="state-pass-2026",
            state=10,
            district=None,
            by="test",
        )
    ca, cert, key = tls_files(tmp_path)  # the pages' cookies need HTTPS
    with serve_receiver(rcv, ssl={"certfile": str(cert), "keyfile": str(key)}) as served:
        _check_page(served.url, str(ca))


def _check_page(url: str, ca: str) -> None:
    import csv
    import io
    import os

    from tests.web_helpers import login

    web = login(url, "state1", "state-pass-2026", verify=ca)
    page = web.get(url + "/cpmis?quarter=2026-Q3", timeout=60)
    assert page.status_code == 200 and "Key indicators" in page.text
    if os.environ.get("CLMS_SAVE_PAGE"):  # to look at it in a browser
        Path(os.environ["CLMS_SAVE_PAGE"]).write_text(page.text, encoding="utf-8")
    got = web.get(url + "/cpmis?quarter=2026-Q3&download=key&format=csv", timeout=60)
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    by_id = {r[0]: r[1] for r in rows[1:]}
    cat = load_catalogue()
    assert by_id[cat.indicators["cwc.new.total"].name("en")] == "6"
    assert by_id[cat.indicators["cci.stock.end"].name("en")] == "5"


def test_the_forward_button_sends_the_cwc_returns(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The Forward button of the district page sends the office's CWC returns too."""
    import os

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QInputDialog

    from desktop.views.app_context import AppContext
    from desktop.views.district.page import DistrictPage

    office, office_dir, keys = _office_with_cwc_quarter(tmp_path)
    central_keys = key_files.generate_keys(role="central", name="Test State")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("office passphrase", True))
    (tmp_path / "central").mkdir()
    with running_central(tmp_path / "central", central_keys) as (server, rcv):
        with Session(writer(rcv.engine)) as cs, cs.begin():
            enrol_district(cs, district_code=212, state_code=10, public=keys.public(), by="t")
        clerk = Actor("asha", "superintendent", "Asha Kumari")  # as tests/test_district_page.py
        w = DistrictPage(AppContext(office, office_dir, clerk))  # forwarding: import right
        qtbot.addWidget(w)
        w.url_edit.setText(server.url)
        qtbot.mouseClick(w.forward_button, Qt.MouseButton.LeftButton)
        w.refresh()  # as when the screen is shown
        assert w.forward_button.isEnabled()
        qtbot.waitUntil(
            lambda: "forwarded" in w.message.text() or "not work" in w.message.text(), timeout=20000
        )
        assert w.message.text() == (
            "0 bundle(s) forwarded to the state office. "
            "The state office has the 3 CWC/JJB return(s)."
        )
        with Session(rcv.engine) as cs:
            assert cs.scalar(select(func.count()).select_from(view_cpmis_return)) == 3
        if os.environ.get("CLMS_SAVE_PAGE"):
            w.resize(1366, 768)
            w.show()
            w.grab().save(os.environ["CLMS_SAVE_PAGE"] + ".png")
    office.dispose()
