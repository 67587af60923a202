"""The CLTS report and the CPMIS quarter pages in a real headless Chromium against the real
server (TLS on 127.0.0.1), with a CCI's real bundle at central: the figures are on the
page, a district official asking for another district is refused, the pages fit 1366 px
and a phone's 390 px without widening, and read in Hindi. `CLMS_WEB_SHOTS=DIR` keeps the
PNGs taken on the way."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from central.officials import add_official
from central.schema import writer
from tests.browser import chromium, full_page_png, log_in, missing
from tests.central_process import central_process
from tests.cpmis_fixture import build_home
from tests.test_central_cpmis import OFFICIALS, SUPER, _to_central, rescues
from tests.tls import tls_files

WHY = missing()
if WHY and os.environ.get("CLMS_REQUIRE_BROWSER"):
    raise RuntimeError(f"CI needs the browser: {WHY}")
pytestmark = pytest.mark.skipif(WHY is not None, reason=WHY or "")


@pytest.fixture
def site(engine, data_dir: Path, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A Patna home's accepted CPMIS quarter and two rescued children at central."""
    build_home(engine, SUPER)
    db, rcv = _to_central(engine, data_dir, tmp_path, accept=3, more=rescues)
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
        yield {"url": server.url}


def _password(username: str) -> str:
    return next(p for u, p, _r, _d in OFFICIALS if u == username)


def _page_width(driver: Any) -> int:
    return int(driver.execute_script("return document.documentElement.scrollWidth"))


def test_report_pages_in_a_browser(site: dict[str, Any]) -> None:
    """State official: the CLTS report and the CPMIS quarter at 1366 and 390 px, English and
    Hindi; Patna's official is refused Gaya's report."""
    from selenium.webdriver.common.by import By

    url = site["url"]
    shots = Path(os.environ.get("CLMS_WEB_SHOTS") or tempfile.mkdtemp(prefix="clms-shots-"))
    shots.mkdir(parents=True, exist_ok=True)
    with chromium() as driver:
        log_in(driver, url, "state1", _password("state1"))
        driver.get(url + "/clts?quarter=2026-Q2")
        tiles = [li.text for li in driver.find_elements(By.CSS_SELECTOR, ".tiles li")]
        assert tiles[0].split()[0] == "2" and "Children rescued in the quarter" in tiles[0]
        assert tiles[1].split()[0] == "1"  # from Jharkhand
        industry = driver.find_element(By.CSS_SELECTOR, "#by_industry tbody").text
        assert "Brick kiln" in industry and "Domestic work" in industry
        for width, name in ((1366, "clts"), (390, "clts-phone")):
            full_page_png(driver, shots / f"{name}.png", width=width)
            assert _page_width(driver) <= width, name
        driver.get(url + "/cpmis?quarter=2026-Q3")
        key = driver.find_element(By.CSS_SELECTOR, "#key tbody").text
        assert "Children residing on the last day of the quarter 5" in key
        districts = driver.find_element(By.CSS_SELECTOR, "#districts tbody").text
        assert districts.startswith("Patna")
        for width, name in ((1366, "cpmis"), (390, "cpmis-phone")):
            full_page_png(driver, shots / f"{name}.png", width=width)
            assert _page_width(driver) <= width, name
        driver.set_window_size(1366, 768)
        driver.get(url + "/lang?to=hi&next=/cpmis%3Fquarter%3D2026-Q3")
        assert "मुख्य संकेतक" in driver.page_source, driver.page_source[:3000]
        full_page_png(driver, shots / "cpmis-hindi.png", width=1366)
        driver.get(url + "/clts?quarter=2026-Q2")
        assert "ईंट-भट्ठा" in driver.page_source and "अप्रैल-जून 2026" in driver.page_source
        summary = driver.find_element(By.CSS_SELECTOR, "#summary tbody").text
        assert "तिमाही में विमुक्त बच्चे 2" in summary and "Rescued" not in summary
        full_page_png(driver, shots / "clts-hindi.png", width=1366)
        driver.get(url + "/lang?to=en&next=/")
        driver.delete_all_cookies()
        log_in(driver, url, "patna1", _password("patna1"))
        driver.get(url + "/clts?quarter=2026-Q2&district=196")
        assert "outside your area" in driver.page_source
        driver.get(url + "/cpmis?quarter=2026-Q3")
        assert "CCIs of the district" in driver.page_source
        full_page_png(driver, shots / "cpmis-district.png", width=1366)
