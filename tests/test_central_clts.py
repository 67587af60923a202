"""The quarterly CLTS report on central's pages: a real bundle from a CCI through central's
Receiver, then direct HTTP requests to the real server (TLS on 127.0.0.1) as officials of
the state and of two districts: the figures are the CCI's own report, a district official
sees only their district and another district's report is refused, the files hold the
page's tables, the page is English and Hindi."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from central.officials import add_official
from central.reports.area import Area
from central.reports.clts import clts_report, clts_words
from central.schema import open_engine, writer
from central.service import Receiver
from desktop.rules.clts_policy import load_clts_policy
from desktop.services.clts.report import Quarter, quarterly_report, records_from_db
from desktop.services.core.context import unit_of_work
from reporting.clts import Records, ReportWords
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import institution_info
from tests.central_process import central_process, init_keys
from tests.clts_helpers import rescued_child, rescued_from_jharkhand
from tests.conftest import TODAY
from tests.test_clts_district import _keys
from tests.tls import tls_files
from tests.web_helpers import login

Q2 = Quarter(2026, 2)
PATNA, GAYA = 212, 196
OFFICIALS = (
    ("state1", "state-pass-2026", "state_official", None),
    ("stateview", "state-view-2026", "state_viewer", None),
    ("patna1", "patna-pass-2026", "district_official", PATNA),
    ("gaya1", "gaya-pass-2026", "district_official", GAYA),
)


def test_centrals_words_are_the_desktops_clts_policy() -> None:
    """central/reports/clts_words.toml is the desktop policy's (tools/central_catalogue.py)."""
    assert clts_words() == ReportWords.of(load_clts_policy())


def _figures(rep: Any) -> dict[str, Any]:
    out = asdict(rep)
    for key in ("area", "source", "received_by"):
        out.pop(key)
    return out


@pytest.fixture
def site(inst_engine, actor, data_dir, tmp_path) -> Iterator[dict[str, Any]]:
    """A CCI of Patna with two rescued children (one from Jharkhand); its bundle received
    at central; officials; the real server."""
    keys_dir = tmp_path / "keys"
    central = init_keys(keys_dir)
    signer = _keys(inst_engine, actor, data_dir, central)
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        rescued_child(s)
        rescued_from_jharkhand(s)
        mine = records_from_db(s)
    with unit_of_work(inst_engine, actor) as s:
        bundle = sync_outbox.build_next_bundle(s, signer=signer)
        assert bundle is not None
        raw, inst = bundle.data, institution_info(s)
    db = f"sqlite:///{tmp_path / 'central.sqlite'}"
    rcv = Receiver(open_engine(db), central, aadhaar_secret=b"s" * 32)
    rcv.enrol(institution=inst, public=signer.public())
    rcv.receive(raw)
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
    cci = quarterly_report(mine, Q2, policy=load_clts_policy(), area="CCI")
    ca, cert, key = tls_files(tmp_path)
    extra = ["--certfile", str(cert), "--keyfile", str(key)]
    with central_process(keys_dir, db, extra=extra) as server:
        yield {"url": server.url, "ca": str(ca), "engine": rcv.engine, "cci": cci}
    rcv.engine.dispose()


def _as(site: dict[str, Any], username: str):
    password = next(p for u, p, _r, _d in OFFICIALS if u == username)
    return login(site["url"], username, password, verify=site["ca"])


def _csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_figures_at_central_are_the_ccis_report(site: dict[str, Any]) -> None:
    """Counted at central for the district and the state: exactly the CCI's report."""
    cci = site["cci"]
    assert cci.rescued == 2 and cci.interstate == 1
    with Session(site["engine"]) as s:
        for area in (Area(10), Area(10, PATNA)):
            assert _figures(clts_report(s, area, Q2, name="x")) == _figures(cci)
        assert clts_report(s, Area(10, GAYA), Q2, name="x").rescued == 0


def test_a_district_official_sees_only_their_district(site: dict[str, Any]) -> None:
    """Patna's official gets Patna's report; Gaya's is refused however it is asked; Gaya's
    official sees no Patna child; the state official sees both districts."""
    url, cci = site["url"], site["cci"]
    patna = _as(site, "patna1")
    r = patna.get(url + "/clts?quarter=2026-Q2", timeout=60)
    assert r.status_code == 200 and "Quarterly CLTS report" in r.text and "Patna" in r.text
    rows = _csv(
        patna.get(url + "/clts?quarter=2026-Q2&download=by_industry&format=csv", timeout=60).content
    )
    words = clts_words()
    want = {words.industries[k].en: n for k, n in cci.by_industry.items()}
    assert {row[0]: int(row[1]) for row in rows[1:] if row[0] != "Total"} == want
    for path in (
        "/clts?quarter=2026-Q2&district=196",
        "/clts?quarter=2026-Q2&district=196&download=all&format=xlsx",
        "/clts?quarter=2026-Q2&district=196&download=summary&format=csv",
    ):
        refused = patna.get(url + path, timeout=60)
        assert refused.status_code == 404 and "Not in your area" in refused.text, path
    gaya = _as(site, "gaya1")
    summary = _csv(
        gaya.get(url + "/clts?quarter=2026-Q2&download=summary&format=csv", timeout=60).content
    )
    assert dict(summary[1:])["Children rescued in the quarter"] == "0"
    assert gaya.get(url + "/clts?district=212", timeout=60).status_code == 404
    state = _as(site, "state1")
    for district, rescued in (("", "2"), ("212", "2"), ("196", "0")):
        got = state.get(
            url + f"/clts?quarter=2026-Q2&district={district}&download=summary&format=csv",
            timeout=60,
        )
        assert got.status_code == 200
        assert dict(_csv(got.content)[1:])["Children rescued in the quarter"] == rescued


def test_the_workbook_and_the_hindi_page(site: dict[str, Any]) -> None:
    """The Excel file holds every table of the page; a counts-only viewer may read it; the
    page in Hindi names the industries in Hindi."""
    url, cci = site["url"], site["cci"]
    viewer = _as(site, "stateview")
    r = viewer.get(url + "/clts?quarter=2026-Q2&download=all&format=xlsx", timeout=60)
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    text = "\n".join(
        " ".join(str(v) for v in row if v is not None)
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
    )
    assert "Children rescued in the quarter 2" in text and "Home in another state 1" in text
    assert "Entitlement coverage at the quarter's end" in text
    viewer.get(url + "/lang?to=hi&next=/clts", timeout=30)
    page = viewer.get(url + "/clts?quarter=2026-Q2", timeout=60).text
    words = clts_words()
    assert 'lang="hi"' in page and "त्रैमासिक बाल श्रम" in page
    assert all(words.industries[k].hi in page for k in cci.by_industry)


def test_every_clts_page_word_has_hindi() -> None:
    """Every title and column of the report's tables has central's Hindi."""
    import tomllib

    from central.reports.clts import COLUMNS, TITLES, summary_table

    root = Path(__file__).resolve().parents[1]
    hi = tomllib.loads((root / "central/web/i18n/hi.toml").read_text(encoding="utf-8"))
    empty = Records(children={}, cases=[], lines=[], entitlements=[], visits=[])
    rep = quarterly_report(empty, Q2, policy=clts_words(), area="x")
    used = {*TITLES.values(), *(c for cols in COLUMNS.values() for c in cols)}
    t = summary_table(rep)
    used |= {t.title, *t.columns, *(row[0] for row in t.rows)}
    assert not sorted(u for u in used if u not in hi)
