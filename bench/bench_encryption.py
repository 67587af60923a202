"""What encryption at rest costs: the same work on a plain SQLite file and on SQLCipher.

Run: .venv/bin/python bench/bench_encryption.py [--children 2000]
Both databases get the same schema (the migrations) and the same work through the same
services, in the same run: N children registered one unit of work each (as the form
saves), N visits logged, 200 name searches, the children list (first page and count)
20 times, and the whole child table read. Prints JSON (also bench/out/encryption.json).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# No OS keyring on a build box: the invented data is kept under this passphrase.
os.environ.setdefault("CLMS_DATA_PASSPHRASE", "invented data for measuring only")

from alembic import command  # noqa: E402
from sqlalchemy import Engine, create_engine, event, text  # noqa: E402

from desktop import db  # noqa: E402
from desktop.services.cases.casework import log_visit  # noqa: E402
from desktop.services.cases.children import ChildInput, register_child  # noqa: E402
from desktop.services.core.context import Actor, unit_of_work  # noqa: E402
from desktop.services.find.listing import ListFilter, count_listed, list_children  # noqa: E402
from desktop.services.find.search import search_children  # noqa: E402
from desktop.services.install.institution import setup_institution  # noqa: E402

ASHA = Actor("asha", "superintendent", "Asha Kumari")
NAMES = ("Priya", "Meena", "Ravi", "Sunita", "Kiran", "Asha", "Guddi", "Raju", "Pinky", "Sonu")


def plain_engine(folder: Path) -> Engine:
    """The baseline: the same pragmas and transactions, no encryption (the old engine)."""
    path = folder / db.DB_FILENAME
    engine = create_engine(f"sqlite:///{path}")  # plain SQLite: the baseline
    event.listen(engine, "connect", db._on_connect)

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get(db.BEGIN_OPTION, '')}")
        conn.info["changes_at_begin"] = conn.connection.driver_connection.total_changes

    cfg = db._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return engine


def work(engine: Engine, n: int) -> dict[str, float]:
    """The timed work; seconds per part."""
    out: dict[str, float] = {}
    with unit_of_work(engine, ASHA) as s:
        setup_institution(
            s, name="Bench Home", type="childrens-home", state=10, district=212,
            registration_no="BENCH", code=7,
        )  # fmt: skip
    t = time.perf_counter()
    ids = []
    for i in range(n):
        with unit_of_work(engine, ASHA, rules=False) as s:
            data = ChildInput(
                first_name=NAMES[i % 10], last_name="Kumari", gender="female",
                dob="2015-04-10", admission_date="2025-03-01", referral="childline",
                category_code=3, identification_marks=f"mole on the left hand {i}",
            )  # fmt: skip
            ids.append(register_child(s, data).id)
    out["register_children"] = time.perf_counter() - t
    t = time.perf_counter()
    for cid in ids:
        with unit_of_work(engine, ASHA, rules=False) as s:
            from desktop.models import Child

            log_visit(s, s.get(Child, cid), visit_date="2025-06-01", visitor_name="Sita Devi")
    out["log_visits"] = time.perf_counter() - t
    t = time.perf_counter()
    with unit_of_work(engine, ASHA, rules=False) as s:
        for i in range(200):
            search_children(s, NAMES[i % 10])
    out["search_200"] = time.perf_counter() - t
    t = time.perf_counter()
    with unit_of_work(engine, ASHA, rules=False) as s:
        for _ in range(20):
            count_listed(s, filters=ListFilter(), today=None)
            list_children(s, offset=0, limit=100, filters=ListFilter(), today=None)
    out["list_20"] = time.perf_counter() - t
    t = time.perf_counter()
    with engine.connect() as c:
        rows = c.execute(text("SELECT * FROM child")).fetchall()
    out["read_all_children"] = time.perf_counter() - t
    assert len(rows) == n
    return out


def main() -> None:
    """Measure both and print the figures."""
    p = argparse.ArgumentParser()
    p.add_argument("--children", type=int, default=2000)
    args, _ = p.parse_known_args()
    n = min(args.children, 5000)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "plain").mkdir()
        plain = plain_engine(base / "plain")
        t_plain = work(plain, n)
        plain.dispose()
        enc = db.open_database(base / "encrypted")
        t_enc = work(enc, n)
        enc.dispose()
        size = {
            "plain_bytes": (base / "plain" / db.DB_FILENAME).stat().st_size,
            "encrypted_bytes": (base / "encrypted" / db.DB_FILENAME).stat().st_size,
        }
    result = {
        "children": n,
        "seconds_plain": {k: round(v, 3) for k, v in t_plain.items()},
        "seconds_sqlcipher": {k: round(v, 3) for k, v in t_enc.items()},
        "ratio": {k: round(t_enc[k] / t_plain[k], 2) for k in t_plain},
        **size,
    }
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "encryption.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
