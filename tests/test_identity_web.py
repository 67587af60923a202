"""Central's page for the same child in two homes, through the real server (TLS on
127.0.0.1): a district official sees their district's planted pairs with reasons (in
Hindi too), confirms one (logged, linked), a viewer may not decide, another district's
official may not decide on this district's children."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.identity.decisions import stays
from central.identity_tables import IdentityDecision
from central.officials import WebEvent, add_official
from central.schema import open_engine, writer
from tests.central_fill import Filled
from tests.identity_fixture import plant
from tests.web_helpers import OFFICIALS, PASSWORDS, web_central


def test_the_district_official_confirms_a_pair_on_the_page(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    engine = open_engine(db)
    planted = plant(engine, children=400, homes=4, twins=10, districts=(212, 196), seed=6)
    with Session(writer(engine)) as s, s.begin():
        for username, name, role, district in OFFICIALS:
            add_official(
                s,
                username=username,
                full_name=name,
                role=role,
                password=PASSWORDS[username],
                state=10,
                district=district,
                by="test",
            )
    patna = [
        (o, t)
        for o, t, _v in planted.pairs
        if planted.rows[o]["district_code"] == planted.rows[t]["district_code"] == 212
    ]
    assert patna
    orig, twin = patna[0]
    with web_central(tmp_path, db, Filled()) as site:
        s = site.session("patna1")
        r = s.get(site.url + "/identity", timeout=120)
        assert r.status_code == 200, r.text[:500]
        assert planted.rows[orig]["code"] in r.text and planted.rows[twin]["code"] in r.text
        assert "name sounds alike" in r.text
        csrf = re.search(r'name="csrf" value="([^"]+)"', r.text)
        assert csrf is not None
        s.cookies.set("clms_lang", "hi")
        hi = s.get(site.url + "/identity", timeout=120).text
        assert "दूसरे गृहों में वही बच्चा" in hi and "नाम मिलता-जुलता" in hi
        form = {"csrf": csrf.group(1), "a": orig, "b": twin, "decision": "confirmed"}
        r = s.post(site.url + "/identity/decide", data=form, allow_redirects=False, timeout=60)
        assert r.status_code == 303 and "done=confirmed" in r.headers["location"]
        after = s.get(site.url + "/identity", timeout=120).text
        assert planted.rows[orig]["code"] not in after or planted.rows[twin]["code"] not in after
        bad = s.post(
            site.url + "/identity/decide", data={**form, "csrf": "x"}, allow_redirects=False
        )
        assert bad.status_code == 400
        viewer = site.session("patnaview")
        page = viewer.get(site.url + "/identity", timeout=120).text
        vcsrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert vcsrf is not None and 'value="confirmed"' not in page
        r = viewer.post(
            site.url + "/identity/decide",
            data={**form, "csrf": vcsrf.group(1), "decision": "dismissed"},
            allow_redirects=False,
        )
        assert r.status_code == 403
        gaya = site.session("gaya1")
        gpage = gaya.get(site.url + "/identity", timeout=120).text
        gcsrf = re.search(r'name="csrf" value="([^"]+)"', gpage)
        assert gcsrf is not None
        r = gaya.post(
            site.url + "/identity/decide",
            data={**form, "csrf": gcsrf.group(1), "decision": "dismissed"},
            allow_redirects=False,
        )
        assert r.status_code == 404
    with Session(engine) as s:
        rows = s.scalars(select(IdentityDecision)).all()
        assert [(d.decision, d.decided_by) for d in rows] == [("confirmed", "patna1")]
        assert {x["record_uuid"] for x in stays(s, orig)} == {orig, twin}
        logged = s.scalars(select(WebEvent).where(WebEvent.action == "identity_confirmed")).all()
        assert [e.username for e in logged] == ["patna1"]
    engine.dispose()
