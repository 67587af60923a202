"""A real headless Chromium (Debian's `chromium` and `chromedriver`) driven by Selenium, for
the web pages' tests and screenshots. Never a downloaded browser: only the distribution's.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--ignore-certificate-errors",  # the test server's own CA
    "--hide-scrollbars",
)


def missing() -> str | None:
    """Why there is no browser to test with (None: chromium and chromedriver are here)."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            return f"{path} is not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    return None


@contextmanager
def chromium(
    *, width: int = 1366, height: int = 768, downloads: Path | None = None
) -> Iterator[Any]:
    """A Selenium driver over a fresh headless Chromium profile (removed afterwards)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = Path(tempfile.mkdtemp(prefix="clms-chromium-"))
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_argument(f"--window-size={width},{height}")
    if downloads is not None:
        opts.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False,
                "safebrowsing.enabled": False,
            },
        )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    try:
        if downloads is not None:
            driver.execute_cdp_cmd(
                "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
            )
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def log_in(driver: Any, url: str, username: str, password: str) -> None:
    """Type the name and password into the login page and press Log in."""
    from selenium.webdriver.common.by import By

    driver.get(url + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    button = driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button")
    button.click()
    # The click returns before the next page has come (the password check takes a moment,
    # more on a loaded machine): wait until the login page has been replaced. The old
    # button is then gone: Selenium says "stale element", or Chromium answers "node does
    # not belong to the document" mid-navigation (seen once in CI), which
    # `expected_conditions.staleness_of` lets through as an error.
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def replaced(_driver: Any) -> bool:
        try:
            button.is_enabled()
        except WebDriverException:
            return True
        return False

    WebDriverWait(driver, 30).until(replaced)


def full_page_png(driver: Any, path: Path, *, width: int) -> None:
    """A PNG of the whole page at this width (the window is grown to the page's height)."""
    driver.set_window_size(width, 768)  # lay the page out at this width first
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(int(height) + 20, 400), 8000))
    driver.save_screenshot(str(path))
