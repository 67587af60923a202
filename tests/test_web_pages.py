"""Central's pages by direct HTTP requests to the real server (TLS on 127.0.0.1), as two
officials of different districts and as state officials, on SQLite and PostgreSQL: every
page and every download keeps to the asker's area (STYLE.md 14), logins and forms are
guarded, child records are logged and never show Aadhaar, the pages are English and Hindi.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.officials import WebEvent
from central.projection import view_child, view_flag
from central.schema import open_engine
from tests.central_db import new_pg_database, pg_server  # noqa: F401 (fixture)
from tests.web_helpers import PASSWORDS, WebCentral, login, plain_session, prepare, web_central

ROOT = Path(__file__).resolve().parents[1]
GAYA, PATNA = 196, 212


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WebCentral]:
    """A filled central (6 CCIs in Patna and Gaya, 600 children) serving its pages."""
    folder = tmp_path_factory.mktemp(f"web-{request.param}")
    if request.param == "sqlite":
        db = f"sqlite:///{folder / 'central.sqlite'}"
    else:
        db = new_pg_database(request.getfixturevalue("pg_server"))
    filled = prepare(db)
    with web_central(folder, db, filled) as central:
        yield central


def _ccis(site: WebCentral, district: int) -> list[tuple[str, str]]:
    return [(u, n) for u, n, d in site.filled.ccis if d == district]


def _child_of(site: WebCentral, district: int) -> str:
    engine = open_engine(site.db)
    with Session(engine) as s:
        uuid = s.scalars(
            select(view_child.c.record_uuid).where(view_child.c.district_code == district).limit(1)
        ).one()
    engine.dispose()
    return str(uuid)


def _routes(site: WebCentral, district: int) -> list[str]:
    """Every page and download about one district (its page, a CCI, a child, the queue)."""
    cci = _ccis(site, district)[0][0]
    child = _child_of(site, district)
    return [
        f"/district/{district}",
        f"/district/{district}?download=all&format=xlsx",
        f"/district/{district}?download=ccis&format=csv",
        f"/cci/{cci}",
        f"/cci/{cci}?download=gender&format=csv",
        f"/cci/{cci}?download=all&format=xlsx",
        f"/child/{child}",
        f"/queue?district={district}",
        f"/queue?cci={cci}",
        f"/queue?cci={cci}&download=queue&format=csv",
    ]


def _text(r: requests.Response) -> str:
    if r.headers.get("content-type", "").startswith("application/vnd.openxml"):
        wb = load_workbook(io.BytesIO(r.content))
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
        )
    return r.content.decode("utf-8-sig")


def test_each_route_as_two_officials_of_different_districts(site: WebCentral) -> None:
    """Patna's official gets every Patna page and file and is refused every Gaya one (404,
    no Gaya name in the answer); Gaya's official the other way round."""
    for me, mine, other in (("patna1", PATNA, GAYA), ("gaya1", GAYA, PATNA)):
        s = site.session(me)
        other_names = [n for _u, n in _ccis(site, other)]
        for path in _routes(site, mine):
            r = s.get(site.url + path, timeout=60)
            assert r.status_code == 200, (me, path, r.status_code)
            body = _text(r)
            assert not any(n in body for n in other_names), (me, path)
        for path in _routes(site, other):
            r = s.get(site.url + path, timeout=60)
            if path.startswith("/queue?district"):
                assert r.status_code == 404, (me, path)
            else:
                assert r.status_code == 404, (me, path, r.status_code)
            assert not any(n in r.text for n in other_names), (me, path)
        home = s.get(site.url + "/", timeout=60)
        assert home.url.endswith(f"/district/{mine}")
        assert s.get(site.url + "/state", timeout=60).status_code == 404  # not a state official


def test_the_queue_of_a_district_official_holds_only_their_district(site: WebCentral) -> None:
    """A district official's queue (and its download) has only their district's flags."""
    s = site.session("patna1")
    r = s.get(site.url + "/queue?download=queue&format=csv", timeout=60)
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    district = rows[0].index("District")
    assert rows[1:] and {row[district] for row in rows[1:]} == {"Patna"}
    engine = open_engine(site.db)
    with Session(engine) as db:
        expected = db.scalar(
            select(func.count())
            .select_from(view_flag)
            .where(
                view_flag.c.district_code == PATNA,
                view_flag.c.is_open.is_(True),
                view_flag.c.level >= 1,
            )
        )
    engine.dispose()
    assert len(rows) - 1 == expected


def test_a_state_official_sees_every_district(site: WebCentral) -> None:
    """The state's page lists both districts with their children in care, as counted from
    the tables; the state queue holds only flags escalated to the state."""
    s = site.session("state1")
    page = s.get(site.url + "/state", timeout=60).text
    assert "Patna" in page and "Gaya" in page
    engine = open_engine(site.db)
    with Session(engine) as db:
        in_care = dict(
            db.execute(
                select(view_child.c.district_code, func.count())
                .where(view_child.c.status == "in_care")
                .group_by(view_child.c.district_code)
            ).all()
        )
        state_flags = db.scalar(
            select(func.count())
            .select_from(view_flag)
            .where(view_flag.c.is_open.is_(True), view_flag.c.level == 2)
        )
    engine.dispose()
    r = s.get(site.url + "/state?download=districts&format=csv", timeout=60)
    rows = {row[0]: row for row in csv.reader(io.StringIO(r.content.decode("utf-8-sig")))}
    col = rows["District"].index("In care")
    assert int(rows["Patna"][col]) == in_care[PATNA] and int(rows["Gaya"][col]) == in_care[GAYA]
    assert int(rows["Total"][col]) == sum(in_care.values())
    queue = s.get(site.url + "/queue", timeout=60).text
    assert f"{state_flags:,} flags." in queue or f"{state_flags} flags." in queue
    for u, _n in _ccis(site, GAYA) + _ccis(site, PATNA):
        assert s.get(site.url + f"/cci/{u}", timeout=60).status_code == 200


def test_viewers_get_counts_but_no_child_records(site: WebCentral) -> None:
    """A counts-only role sees the pages but a child's record is refused (403)."""
    for who, district in (("patnaview", PATNA), ("stateview", PATNA)):
        s = site.session(who)
        assert s.get(site.url + f"/district/{district}", timeout=60).status_code == 200
        r = s.get(site.url + f"/child/{_child_of(site, district)}", timeout=60)
        assert r.status_code == 403 and "counts only" in r.text
        assert "/child/" not in s.get(site.url + "/queue", timeout=60).text


def test_a_child_record_is_logged_and_shows_no_aadhaar(site: WebCentral) -> None:
    """Viewing a child's record writes who, which child and from where in central's log;
    the record's Aadhaar digits are nowhere on the page."""
    child = _child_of(site, PATNA)
    s = site.session("patna1")
    r = s.get(site.url + f"/child/{child}", timeout=60)
    assert r.status_code == 200 and "mole on the left cheek" in r.text
    assert "1234" not in r.text.replace("BR-", "")  # fill's aadhaar_last4 is 1234
    assert "aadhaar" not in r.text.lower()
    engine = open_engine(site.db)
    with Session(engine) as db:
        seen = db.scalars(
            select(WebEvent).where(WebEvent.action == "viewed_child", WebEvent.subject == child)
        ).all()
    engine.dispose()
    assert seen and seen[-1].username == "patna1" and seen[-1].client == "127.0.0.1"


def test_login_needs_the_form_token_and_the_right_password(site: WebCentral) -> None:
    """A login POST without the form's token is refused; a wrong password is refused with
    the same words as an unknown name; pages without a session lead to the login."""
    anon = plain_session(str(site.ca))
    r = anon.post(
        site.url + "/login",
        data={"username": "patna1", "password": PASSWORDS["patna1"]},
        allow_redirects=False,
        timeout=30,
    )
    assert r.status_code == 400 and "clms_session" not in r.cookies
    r = anon.get(site.url + "/district/212", allow_redirects=False, timeout=30)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    with pytest.raises(AssertionError):
        login(site.url, "patna1", "wrong password 1", verify=str(site.ca))
    with pytest.raises(AssertionError):
        login(site.url, "nobody-here", "wrong password 1", verify=str(site.ca))


def test_cookies_are_secure_httponly_samesite(site: WebCentral) -> None:
    """The session cookie is Secure, HttpOnly and SameSite; pages are not cached or framed."""
    s = plain_session(str(site.ca))
    r = s.get(site.url + "/login", timeout=30)
    csrf = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)  # type: ignore[union-attr]
    r = s.post(
        site.url + "/login",
        data={"csrf": csrf, "username": "gaya1", "password": PASSWORDS["gaya1"]},
        allow_redirects=False,
        timeout=30,
    )
    cookie = r.headers["set-cookie"]
    assert "clms_session=" in cookie and "Secure" in cookie and "HttpOnly" in cookie
    assert "SameSite=lax" in cookie.replace("Lax", "lax")
    page = s.get(site.url + "/", timeout=30)
    assert page.headers["cache-control"] == "no-store" and page.headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_logout_needs_the_session_token(site: WebCentral) -> None:
    """Logging out with a wrong token keeps the session; with the page's token ends it."""
    s = site.session("gaya1")
    page = s.get(site.url + "/queue", timeout=30).text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert s.post(site.url + "/logout", data={"csrf": "x"}, timeout=30).status_code == 400
    assert s.get(site.url + "/queue", allow_redirects=False, timeout=30).status_code == 200
    s.post(site.url + "/logout", data={"csrf": token}, timeout=30)
    assert s.get(site.url + "/queue", allow_redirects=False, timeout=30).status_code == 303


def test_hindi_pages_and_every_asset_from_central(site: WebCentral) -> None:
    """With Hindi chosen the page is in Hindi; it loads only central's own files (no CDN),
    and the Devanagari font is the project's own."""
    s = site.session("state1")
    s.get(site.url + "/lang?to=hi&next=/state", timeout=30)
    page = s.get(site.url + "/state", timeout=30).text
    assert 'lang="hi"' in page and "देखरेख में बच्चे" in page and "ज़िले" in page
    links = re.findall(r'(?:href|src)="([^"]+)"', page)
    assert links and all(
        link.startswith(("/", "?")) and not link.startswith("//") for link in links
    )
    css = s.get(site.url + "/static/style.css", timeout=30).text
    fonts = re.findall(r'url\("([^"]+)"\)', css)
    assert fonts and all(f.startswith("/static/") for f in fonts)
    font = s.get(site.url + fonts[0], timeout=30).content
    assert font == (ROOT / "desktop/documents/fonts/NotoSansDevanagari-Regular.ttf").read_bytes()


def test_every_page_word_has_hindi() -> None:
    """Each t("...") in the templates and each table title and column has a Hindi text."""
    from datetime import date

    from central.reports.tables import queue_table, report_tables

    as_of = date(2026, 11, 23)
    hi = tomllib.loads((ROOT / "central/web/i18n/hi.toml").read_text(encoding="utf-8"))
    used: set[str] = set()
    for tpl in (ROOT / "central/web/templates").glob("*.html"):
        used |= set(re.findall(r'\bt\("([^"]+)"', tpl.read_text(encoding="utf-8")))
    from central.reports.area import Area
    from central.reports.counts import AreaReport, Breakdown

    empty = Breakdown(0, 0, {}, {}, {}, {}, {})
    for area in (Area(10), Area(10, 212)):
        report = AreaReport(area, as_of, empty, [], {}, {}, [])
        for t in [*report_tables(report), queue_table([], as_of=as_of)]:
            used |= {t.title, *t.columns, *([t.note] if t.note else [])}
    # Keys made in the templates from a stored value: each value's key is there too.
    made = {u for u in used if u.startswith(("District ", "one "))}
    used -= made
    used |= {f"District {a} on {{day}}" for a in ("acknowledged", "resolved")}
    used |= {f"one {g}" for g in ("female", "male", "transgender")}
    missing = sorted(u for u in used if u not in hi)
    assert not missing, missing


def _codes(html: str) -> list[str]:
    """The child codes of a queue page's rows, in the page's order."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<a href="/child/[^"]+">([^<]+)</a>', body)


def _queue_codes_by_page(s: requests.Session, url: str) -> list[str]:
    """Every page of a queue, read one after another: the rows' child codes."""
    first = s.get(url, timeout=60).text
    pages = int(re.search(r"Page 1 of (\d+)", first).group(1))  # type: ignore[union-attr]
    codes = _codes(first)
    for n in range(2, pages + 1):
        codes += _codes(s.get(f"{url}{'&' if '?' in url else '?'}page={n}", timeout=60).text)
    return codes


@pytest.mark.parametrize(
    ("who", "query"),
    [
        ("state1", ""),
        ("state1", "?district=196&severity=high"),
        ("state1", "?overdue=1"),
        ("patna1", ""),
        ("patna1", "?rule=icp"),
    ],
)
def test_queue_pages_read_in_order_are_the_whole_queue_of_the_area(
    site: WebCentral, who: str, query: str
) -> None:
    """The queue's pages (each read from the order index, then joined), one after another,
    are exactly its download in the same order: no flag twice, none missed, every one in
    the asker's area and filter; the page count says how many the database holds."""
    s = site.session(who)
    url = site.url + "/queue" + query
    codes = _queue_codes_by_page(s, url)
    r = s.get(url + ("&" if query else "?") + "download=queue&format=csv", timeout=60)
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    head = rows[0]
    assert codes == [row[head.index("Child code")] for row in rows[1:]] and codes
    f = view_flag.c
    conds = [f.is_open.is_(True), f.level >= (2 if who == "state1" else 1)]
    if who == "patna1":
        conds.append(f.district_code == PATNA)
        assert {row[head.index("District")] for row in rows[1:]} == {"Patna"}
    if "district=196" in query:
        conds += [f.district_code == GAYA, f.severity == "high"]
    if "rule=icp" in query:
        conds.append(f.rule_id == "icp")
    if "overdue" not in query:
        engine = open_engine(site.db)
        with Session(engine) as db:
            expected = db.scalar(select(func.count()).select_from(view_flag).where(*conds))
        engine.dispose()
        assert len(codes) == expected
        assert f"{expected:,} flags." in s.get(url, timeout=60).text
    else:
        assert all(row[head.index("Past due")] == "yes" for row in rows[1:])


def test_a_queue_count_follows_new_data_at_once(site: WebCentral) -> None:
    """A queue's count is kept between requests only while no new data has reached the
    area: a flag closed by a newer bundle leaves the count on the very next request."""
    from datetime import UTC, datetime

    from central.models import Enrolment
    from central.schema import writer

    s = site.session("gaya1")
    before = int(
        re.search(r"([\d,]+) flags\.", s.get(site.url + "/queue", timeout=60).text)  # type: ignore[union-attr]
        .group(1)
        .replace(",", "")
    )
    engine = open_engine(site.db)
    f, enr = view_flag.c, Enrolment.__table__
    with Session(writer(engine)) as db, db.begin():
        uuid, inst = db.execute(
            select(f.record_uuid, f.institution_uuid)
            .where(f.district_code == GAYA, f.is_open.is_(True), f.level >= 1)
            .limit(1)
        ).one()
        last = db.scalar(select(enr.c.last_received_at).where(enr.c.uuid == inst))
        db.execute(view_flag.update().where(f.record_uuid == uuid).values(is_open=False))
        db.execute(
            enr.update().where(enr.c.uuid == inst).values(last_received_at=datetime.now(UTC))
        )
    try:
        assert f"{before - 1:,} flags." in s.get(site.url + "/queue", timeout=60).text
    finally:  # as it was (the stamp moves back: counted again)
        with Session(writer(engine)) as db, db.begin():
            db.execute(view_flag.update().where(f.record_uuid == uuid).values(is_open=True))
            db.execute(enr.update().where(enr.c.uuid == inst).values(last_received_at=last))
        engine.dispose()
    assert f"{before:,} flags." in s.get(site.url + "/queue", timeout=60).text
