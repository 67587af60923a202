"""Central's pages in a real headless Chromium (Debian's `chromium` and `chromedriver`,
driven by Selenium) against the real server with TLS on 127.0.0.1: a district official
sees only their district, a state official drills down state → district → CCI → child,
and an Excel file downloaded by the browser opens with openpyxl with the page's totals.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.browser import chromium, log_in, missing
from tests.web_helpers import PASSWORDS, WebCentral, prepare, web_central

WHY = missing()
if WHY and os.environ.get("CLMS_REQUIRE_BROWSER"):
    raise RuntimeError(f"CI needs the browser: {WHY}")
pytestmark = pytest.mark.skipif(WHY is not None, reason=WHY or "")

GAYA, PATNA = 196, 212


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCentral]:
    """A filled central (6 CCIs in Patna and Gaya, 600 children) serving its pages."""
    folder = tmp_path_factory.mktemp("web-browser")
    db = f"sqlite:///{folder / 'central.sqlite'}"
    filled = prepare(db)
    with web_central(folder, db, filled) as central:
        yield central


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The browser's download folder."""
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[Any]:
    """One headless Chromium at 1366x768 for the module (each test logs in afresh)."""
    with chromium(downloads=downloads) as driver:
        yield driver


def _by() -> Any:
    from selenium.webdriver.common.by import By

    return By


def _fresh(driver: Any, site: WebCentral, username: str) -> None:
    """Forget the last official's cookies, then log in through the form."""
    driver.get(site.url + "/login")
    driver.delete_all_cookies()
    log_in(driver, site.url, username, PASSWORDS[username])


def _names(site: WebCentral, district: int) -> set[str]:
    return {n for _, n, d in site.filled.ccis if d == district}


def _row_cells(driver: Any, selector: str) -> list[list[str]]:
    """The text of each cell of each row matched (header cell first)."""
    By = _by()
    return [
        [c.text.strip() for c in row.find_elements(By.CSS_SELECTOR, "th, td")]
        for row in driver.find_elements(By.CSS_SELECTOR, selector)
    ]


def _num(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text) or 0)


def test_a_district_official_sees_only_their_district(site: WebCentral, browser: Any) -> None:
    """After logging in, a Patna official lands on Patna's page listing Patna's CCIs only;
    the queue lists only Patna's homes; Gaya's page, typed into the address bar, is refused."""
    By = _by()
    _fresh(browser, site, "patna1")
    assert browser.current_url.endswith(f"/district/{PATNA}")
    listed = {
        r[0].replace("not heard from", "").strip() for r in _row_cells(browser, "#ccis tbody tr")
    }
    assert listed == _names(site, PATNA)
    page = browser.page_source
    assert not any(name in page for name in _names(site, GAYA))
    browser.get(site.url + "/queue")
    homes = {r[5] for r in _row_cells(browser, "table.queue tbody tr") if len(r) > 5}
    assert homes and homes <= _names(site, PATNA)
    browser.get(site.url + f"/district/{GAYA}")
    assert "outside your area" in browser.find_element(By.TAG_NAME, "main").text
    assert not any(name in browser.page_source for name in _names(site, GAYA))


def test_a_state_official_drills_down_to_a_child(site: WebCentral, browser: Any) -> None:
    """A state official clicks a district on the state page, a CCI on the district page and
    a child on the CCI page; each page's heading and crumbs follow, and the district's
    children in care on the state page equal the sum of its CCIs' on the district page."""
    By = _by()
    _fresh(browser, site, "state1")
    assert browser.current_url.endswith("/state")
    rows = {r[0]: r for r in _row_cells(browser, "#districts tbody tr")}
    assert set(rows) == {"Patna", "Gaya"}
    heads = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#districts thead th")]
    col = heads.index("In care")
    in_care_patna = _num(rows["Patna"][col])
    browser.find_element(By.LINK_TEXT, "Patna").click()
    assert browser.current_url.endswith(f"/district/{PATNA}")
    assert "Patna" in browser.find_element(By.TAG_NAME, "h1").text
    ccis = _row_cells(browser, "#ccis tbody tr")
    heads = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#ccis thead th")]
    assert sum(_num(r[heads.index("In care")]) for r in ccis) == in_care_patna
    link = browser.find_element(By.CSS_SELECTOR, "#ccis tbody th a")
    name = link.text
    link.click()
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    crumbs = browser.find_element(By.CSS_SELECTOR, "nav.crumbs").text
    assert "Patna" in crumbs and name in crumbs
    child = browser.find_element(By.CSS_SELECTOR, "#children tbody th a")
    code = child.text
    child.click()
    main = browser.find_element(By.TAG_NAME, "main").text
    assert code in main and "Patna" in main
    assert not re.search(r"\b\d{4}\s?\d{4}\s?\d{4}\b", main)  # never a whole Aadhaar number


def _wait_for(folder: Path, pattern: str, timeout: float = 30) -> Path:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = [p for p in folder.glob(pattern) if not p.name.endswith(".crdownload")]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {pattern} in {folder}: {sorted(os.listdir(folder))}")


def test_an_excel_download_opens_and_its_totals_match_the_page(
    site: WebCentral, browser: Any, downloads: Path
) -> None:
    """The state page's districts table, downloaded as Excel by clicking its link, opens
    with openpyxl; its rows and its totals row carry the numbers the page shows."""
    By = _by()
    _fresh(browser, site, "state1")
    for old in downloads.iterdir():
        old.unlink()
    page_rows = _row_cells(browser, "#districts tbody tr")
    page_total = _row_cells(browser, "#districts tfoot tr")[0]
    browser.find_element(By.CSS_SELECTOR, "#districts p.dl a[href*='format=xlsx']").click()
    path = _wait_for(downloads, "*.xlsx")
    wb = load_workbook(path, read_only=True)
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    body = rows[3:-1]  # title, blank, column names ... totals
    assert len(body) == len(page_rows)
    for sheet_row, shown in zip(body, page_rows, strict=True):
        assert sheet_row[0] == shown[0]
        for value, text in zip(sheet_row[1:], shown[1:], strict=False):
            if isinstance(value, int):
                assert value == _num(text), (sheet_row, shown)
    total = rows[-1]
    numbers = [v for v in total[1:] if isinstance(v, int)]
    assert numbers, total
    shown_numbers = [
        _num(t) for t, v in zip(page_total[1:], total[1:], strict=False) if isinstance(v, int)
    ]
    assert numbers == shown_numbers
    assert sum(int(r[1]) for r in body if isinstance(r[1], int)) == total[1]


def test_the_wide_tables_fit_a_1366_screen(site: WebCentral, browser: Any) -> None:
    """The state's Districts table and a district's CCIs table (14 columns) fit inside their
    card at 1366 px: the headings wrap rather than make the table scroll sideways."""
    _fresh(browser, site, "state1")
    browser.set_window_size(1366, 768)
    overflow = (
        "const s = document.querySelector(arguments[0]); return s.scrollWidth - s.clientWidth;"
    )
    for path, table in (("/state", "#districts"), (f"/district/{PATNA}", "#ccis")):
        browser.get(site.url + path)
        assert browser.execute_script(overflow, f"{table} .scroll") <= 0, path
