"""Central's pages for tests and tools: a filled database, officials of two districts and
of the state, and the real server (`python -m central serve`) with TLS on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy.orm import Session

from central.officials import add_official
from central.schema import open_engine, writer
from tests.central_fill import Filled, fill
from tests.central_process import central_process
from tests.tls import tls_files

AS_OF = datetime.now(UTC).date()  # the server counts as of its own today
PASSWORDS = {
    "state1": "state-pass-2026",
    "stateview": "state-view-2026",
    "patna1": "patna-pass-2026",
    "patnaview": "patna-view-2026",
    "gaya1": "gaya-pass-2026",
}
OFFICIALS = (
    ("state1", "Asha Sinha", "state_official", None),
    ("stateview", "Vikram Rao", "state_viewer", None),
    ("patna1", "Ravi Kumar", "district_official", 212),
    ("patnaview", "Sunita Devi", "district_viewer", 212),
    ("gaya1", "Meera Jha", "district_official", 196),
)
CCI_NAMES = [
    "Asha Kiran Children's Home",
    "Gaya Balika Griha",
    "Navjeevan Open Shelter",
    "Gaya Shishu Sadan",
    "Patna Balgriha for Boys",
    "Bodh Gaya Children's Home",
]


@dataclass
class WebCentral:
    """A running central with pages: its address, the CA file to trust, what was filled."""

    url: str
    ca: Path
    db: str
    filled: Filled

    def session(self, username: str) -> requests.Session:
        """A requests session logged in as this official (through the login form)."""
        return login(self.url, username, PASSWORDS[username], verify=str(self.ca))


def plain_session(verify: str) -> requests.Session:
    """A requests session trusting only this CA file (the environment's CA bundle and
    proxy settings would otherwise win over `verify`)."""
    s = requests.Session()
    s.trust_env = False
    s.verify = verify
    return s


def login(url: str, username: str, password: str, *, verify: str) -> requests.Session:
    """Log in through the form (CSRF token and cookie, as a browser does)."""
    s = plain_session(verify)
    r = s.get(url + "/login", timeout=30)
    csrf = re.search(r'name="csrf" value="([^"]+)"', r.text)
    assert csrf is not None, r.text[:500]
    r = s.post(
        url + "/login",
        data={"csrf": csrf.group(1), "username": username, "password": password, "next": "/"},
        allow_redirects=False,
        timeout=60,
    )
    assert r.status_code == 303, (r.status_code, r.text[:500])
    return s


def prepare(db: str, *, children: int = 600, ccis: int = 6, records: bool = True) -> Filled:
    """Fill central's tables (CCIs in Patna 212 and Gaya 196) and make the officials."""
    engine = open_engine(db)
    try:
        filled = fill(
            engine,
            children=children,
            ccis=ccis,
            districts=(212, 196),
            records=records,
            names=CCI_NAMES,
            as_of=AS_OF,
            silent_share=0.2,
        )
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
    finally:
        engine.dispose()
    return filled


@contextmanager
def web_central(folder: Path, db: str, filled: Filled, *, workers: int = 1) -> Iterator[WebCentral]:
    """The real server over a prepared database, with TLS (a test CA) on 127.0.0.1."""
    ca, cert, key = tls_files(folder)
    keys = folder / "keys"
    keys.mkdir(exist_ok=True)
    extra = ["--certfile", str(cert), "--keyfile", str(key)]
    with central_process(keys, db, workers=workers, extra=extra) as central:
        yield WebCentral(central.url, ca, db, filled)
