"""Save PNGs of central's web pages from a real headless Chromium (Debian's chromium).

    make web-screenshots
    python tools/web_screenshots.py --out web-screenshots --children 3000

Fills a fresh SQLite database with invented CCIs and children (Patna and Gaya), starts
`python -m central serve` with TLS on 127.0.0.1, logs in as a state official and as a
district official and saves each page at 1366x768 (the whole page) and at a phone's
width (390 px), in English and in Hindi.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    """Build the data, start central, save the pictures; prints what it saved."""
    from selenium.webdriver.common.by import By

    from tests.browser import chromium, full_page_png, log_in, missing
    from tests.web_helpers import PASSWORDS, prepare, web_central

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--children", type=int, default=3000)
    p.add_argument("--out", type=Path, default=ROOT / "web-screenshots")
    args = p.parse_args()
    why = missing()
    if why:
        print(f"cannot take web screenshots: {why}", file=sys.stderr)
        return 1
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    work = Path(tempfile.mkdtemp(prefix="clms-web-shots-"))
    db = f"sqlite:///{work / 'central.sqlite'}"
    filled = prepare(db, children=args.children, ccis=6)
    saved: list[str] = []
    with web_central(work, db, filled) as central, chromium() as driver:

        def shot(name: str, width: int = 1366) -> None:
            path = out / f"{len(saved) + 1:02d}-{name}.png"
            full_page_png(driver, path, width=width)
            saved.append(path.name)
            driver.set_window_size(1366, 768)

        driver.get(central.url + "/login")
        shot("login")
        log_in(driver, central.url, "state1", PASSWORDS["state1"])
        shot("state")
        shot("state-phone", width=390)
        driver.get(central.url + "/district/212")
        shot("district-patna")
        cci = driver.find_element(By.CSS_SELECTOR, "#ccis tbody th a").get_attribute("href")
        driver.get(cci)
        shot("cci")
        child = driver.find_element(By.CSS_SELECTOR, "#children tbody th a").get_attribute("href")
        driver.get(child)
        shot("child")
        driver.get(central.url + "/queue")
        shot("state-queue")
        shot("state-queue-phone", width=390)
        for page in ("clts", "cpmis", "identity"):  # issues 18, 19 and 20
            driver.get(central.url + "/" + page)
            shot("state-" + page)
        driver.get(central.url + "/cpmis")
        shot("state-cpmis-phone", width=390)
        driver.get(central.url + "/lang?to=hi&next=/state")
        shot("state-hindi")
        driver.get(central.url + "/queue")
        shot("state-queue-hindi")
        driver.get(child)
        shot("child-hindi")
        for page in ("clts", "cpmis", "identity"):
            driver.get(central.url + "/" + page)
            shot("state-" + page + "-hindi")
        driver.get(central.url + "/lang?to=en&next=/")
        driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
        log_in(driver, central.url, "patna1", PASSWORDS["patna1"])
        shot("district-official-home")
        driver.get(central.url + "/queue")
        shot("district-queue")
        driver.get(central.url + "/identity")
        shot("district-identity")
        driver.get(central.url + "/district/196")
        shot("district-official-other-district")
        assert re.search("outside your area", driver.page_source)
    print(f"{len(saved)} pictures in {out}:")
    for name in saved:
        print("  " + name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
