"""District office benchmark (issues 22 and 17): importing a district's CCI bundles from a
USB stick, opening the "CCIs of the district" screen, and the office window's cold start,
each in a fresh process with its peak RSS, beside a baseline measured in the same run.

Run: .venv/bin/python bench/bench_district.py [--children 5000 50000] [--per-cci 300]
     [--startup-ccis 5 --startup-children 1500] (under xvfb-run for a real X server)
     (--startup-ccis 0: no office start-up step; --view-only N: the screen alone over N)

For each size: `children / per-cci` CCIs (district 212), each with its own keys, enrolled
at the office on the first import (as after the phone check of the fingerprint), each
sending one bundle of its children, one guardian and one open flag a child, written to a
stick folder as a CCI's `clms sync export` does. Then, each in its own process:
Each reports its whole time (`seconds`: imports, the data key's and the office key's scrypt
included) and its phase alone (`phase_s`, `phase_peak_rss_mb`: after the keys are open).
Each process opens its keys first, one after the other, before the big imports (as the
window's start unlocks the data key first): each scrypt (128 MiB, N=2^17, for a moment)
then sits on a ~20 MB process, so the whole-process peak (`peak_rss_mb`; `keys_peak_rss_mb`
up to the keys) is base + 128 MiB, not everything loaded + 128 MiB:
- baseline "bare read": read every bundle file, verify and decrypt it and decode every
  record (what the import cannot avoid), peak RSS;
- the import (`sync_client.district.mode.import_folder`: checks, merge into the district view,
  receipts written back to the stick), seconds and peak RSS;
- the screen (`DistrictPage` built, shown and painted, the first CCI's children and flags
  listed), seconds and peak RSS; baseline: a bare QTableView over a model of as many rows
  as the district has children.
Start-up (issue 17): an office with `--startup-ccis` homes and `--startup-children`
children, cold start of the window through `desktop.__main__.main` to shown, against a bare
QMainWindow, interleaved (bench_startup's method). Prints JSON (bench/out/district.json).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CLMS_DATA_PASSPHRASE", "invented data for measuring only")
KEY_PW = "district office key passphrase"

from bench.bench_startup import BARE, CLMS, start_env, start_once  # noqa: E402

RSS = """
import json, sys, time
def _kb(field):
    return int(open("/proc/self/status").read().split(field + ":")[1].split()[0])
def start_phase():
    # From here on: the peak of this phase only (the keys' scrypt, 128 MB, is before).
    global PHASE, BEFORE, START
    BEFORE = _kb("VmHWM")
    open("/proc/self/clear_refs", "w").write("5")  # resets VmHWM (Linux >= 4.0)
    START = _kb("VmRSS")
    PHASE = time.perf_counter()
def report(**figures):
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking parent.
    figures["phase_s"] = round(time.perf_counter() - PHASE, 2)
    figures["phase_peak_rss_mb"] = round(_kb("VmHWM") / 1024, 1)
    figures["phase_start_rss_mb"] = round(START / 1024, 1)  # imports done, keys open
    figures["phase_growth_mb"] = round((_kb("VmHWM") - START) / 1024, 1)
    figures["peak_rss_mb"] = round(max(BEFORE, _kb("VmHWM")) / 1024, 1)  # whole process
    if "KEYS_OPEN" in globals():  # the peak up to the keys' scrypt: base + 128 MiB
        figures["keys_peak_rss_mb"] = KEYS_OPEN
    figures["before_phase_peak_rss_mb"] = round(BEFORE / 1024, 1)  # scrypt and imports
    print("RESULT " + json.dumps(figures), flush=True)
"""
# The start of the steps that read a stick (office, stick, key passphrase in argv).
KEYS_FIRST = (
    RSS
    + """
from pathlib import Path
t = time.perf_counter()
office = Path(sys.argv[1]); stick = Path(sys.argv[2])
# The keys first, one after the other, before the big imports: each scrypt (128 MiB for a
# moment) then sits on a small process, not on everything loaded after (issue 22).
from desktop.vault.store import unlock
unlock(office)  # the data key (kept in memory for open_database)
from sync_client.exchange.keys import load_own_keys
key_path = next((office / "keys").glob("district-*.key"))
keys = load_own_keys(role="district", sign_key_id=key_path.stem.split("-", 1)[1],
                     storage="file", key_dir=office / "keys", passphrase=sys.argv[3])
KEYS_OPEN = round(_kb("VmHWM") / 1024, 1)
"""
)
BARE_READ = (
    KEYS_FIRST
    + """
from bundle_format.bundle import iter_bundle, parse_bundle
from desktop.db import open_database
engine = open_database(office)
records = 0
start_phase()
for path in sorted(stick.glob("CLMS/bundles/*/*.clmsb")):
    bundle = parse_bundle(path.read_bytes())
    for rec in iter_bundle(bundle, keys):
        records += 1
report(seconds=round(time.perf_counter() - t, 2), records=records)
"""
)
IMPORT = (
    KEYS_FIRST
    + """
from sqlalchemy.orm import Session
from desktop.db import open_database
from desktop.services.core.context import Actor, unit_of_work
from sync_client.district import mode as district
engine = open_database(office)
actor = Actor("bench", "administrator", "Bench")
with Session(engine) as s:
    code = district.office_district(s)
view = district.open_view(office)
start_phase()
with unit_of_work(engine, actor, rules=False) as s:
    res = district.import_folder(
        view=view, keys=keys, district_code=code, folder=stick,
        trust_new=lambda _pub, _info: True, office=s,
    )
assert not res.refused, res.refused[:3]
report(seconds=round(time.perf_counter() - t, 2), bundles=len(res.applied),
       receipts=res.receipts_written)
"""
)
SCREEN = (
    RSS
    + """
from pathlib import Path
t = time.perf_counter()
office = Path(sys.argv[1])
from desktop.vault.store import unlock
unlock(office)  # the data key's scrypt first, before the big imports (kept in memory)
KEYS_OPEN = round(_kb("VmHWM") / 1024, 1)
from PySide6.QtWidgets import QApplication
app = QApplication.instance() or QApplication([sys.argv[0]])
from desktop.db import open_database
from desktop.services.core.context import Actor
from desktop.views.app_context import AppContext
from desktop.views.district.page import DistrictPage
from sync_client.district.view import open_view  # the page's own (not the merge's module)
engine = open_database(office)
open_view(office).dispose()
start_phase()
page = DistrictPage(AppContext(engine, office, Actor("bench", "administrator", "Bench")))
page.resize(1366, 768)
page.show()
for _ in range(5):
    app.processEvents()
page.grab()
report(seconds=round(time.perf_counter() - t, 2), ccis=page.cci_model.rowCount(),
       children_rows=page.children_model.rowCount(), children_total=page.children_model.total)
"""
)
BARE_TABLE = (
    RSS
    + """
t = time.perf_counter()
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView
app = QApplication.instance() or QApplication([sys.argv[0]])
n = int(sys.argv[1])
start_phase()
class M(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()): return 0 if parent.isValid() else n
    def columnCount(self, parent=QModelIndex()): return 5
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return f"{index.row()}:{index.column()}" if role == Qt.ItemDataRole.DisplayRole else None
v = QTableView(); m = M(); v.setModel(m)
v.resize(1366, 768)
v.show()
for _ in range(5):
    app.processEvents()
v.grab()
report(seconds=round(time.perf_counter() - t, 2), rows=n)
"""
)


def run(code: str, *args: str) -> dict[str, Any]:
    """Run a measuring script in a fresh Python; its RESULT figures."""
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=3600,
    )
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"no result:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return dict(json.loads(line[len("RESULT ") :]))


def make_office(folder: Path, name: str = "Patna DCPU") -> Any:
    """A district office data folder (district 212 of state 10); its public keys."""
    from desktop.db import open_database
    from desktop.services.core.context import Actor, unit_of_work
    from sync_client.district import mode as district

    engine = open_database(folder)
    with unit_of_work(engine, Actor("bench", "administrator", "Bench"), rules=False) as s:
        stored = district.setup_office(
            s, data_dir=folder, name=name, district_code=212, passphrase=KEY_PW, state_code=10
        )
    engine.dispose()
    from desktop.vault import store as vault

    vault.mark_recovery_shown(folder)  # as after the first start (the window would ask)
    return stored.keys.public()


def make_stick(
    stick: Path, office_public: Any, *, children: int, per_cci: int, offset: int = 0
) -> int:
    """Bundles of `children` children over CCIs of `per_cci` on a stick folder; bytes."""
    from bundle_format import bundle as bundles
    from bundle_format import keys as key_files
    from sync_client.exchange.usb import bundle_name
    from tests.sync_helpers import Chain, child_record

    central = key_files.generate_keys(role="central", name="State").public()
    size = 0
    n_ccis = max(1, children // per_cci)
    for h in range(offset // per_cci, offset // per_cci + n_ccis):
        inst = {
            "uuid": f"5e1f0a9c-3b7d-4e2a-8c6f-{h:012d}",
            "name": f"Patna Children's Home {h + 1:04d}",
            "state_code": 10,
            "district_code": 212,
        }
        keys = key_files.generate_keys(role="institution", name=inst["name"])
        folder = stick / "CLMS" / "bundles" / inst["uuid"]
        folder.mkdir(parents=True)
        (folder / "institution.json").write_text(json.dumps(inst), encoding="utf-8")
        key_files.write_public_key_file(folder / "institution.pub", keys.public())
        first = h * per_cci
        last = offset + children if h == offset // per_cci + n_ccis - 1 else first + per_cci
        recs: list[dict[str, Any]] = []
        for i in range(first, last):
            kid = child_record(i, central=None)
            kid["data"]["institution_uuid"] = inst["uuid"]
            kid["data"]["first_name"] = f"Child{i % 977}"
            recs.append(kid)
            recs.append(
                {
                    "record_uuid": f"00000000-0000-4000-9000-{i:012d}",
                    "type": "guardian",
                    "op": "upsert",
                    "version": 1,
                    "base_version": 0,
                    "data": {
                        "child_uuid": kid["record_uuid"],
                        "name": f"Guardian {i}",
                        "relation": "mother",
                        "life_status": "alive",
                    },
                }
            )
            recs.append(
                {
                    "record_uuid": f"00000000-0000-4000-a000-{i:012d}",
                    "type": "flag",
                    "op": "upsert",
                    "version": 1,
                    "base_version": 0,
                    "data": {
                        "child_uuid": kid["record_uuid"],
                        "rule_id": "production_cwc",
                        "severity": "high",
                        "status": "escalated" if i % 3 == 0 else "open",
                        "escalation_level": 1 if i % 3 == 0 else 0,
                        "raised_on": "2026-10-01",
                        "due_on": f"2026-11-{1 + i % 28:02d}",
                        "explanation_en": "Produce the child before the CWC within 24 hours "
                        "(JJ Act 2015, s. 31).",
                    },
                }
            )
        chain = Chain(keys, [office_public, central], institution=inst)
        raw = chain.next(recs)
        bundle_id = bundles.parse_bundle(raw).bundle_id
        (folder / bundle_name(1, bundle_id)).write_bytes(raw)
        size += len(raw)
    return size


def district_size(children: int, per_cci: int) -> dict[str, Any]:
    """Import and screen figures for one district size, with their baselines."""
    work = Path(tempfile.mkdtemp(prefix=f"clms-bench-district-{children}-"))
    office, stick = work / "office", work / "stick"
    t = time.perf_counter()
    pub = make_office(office)
    size = make_stick(stick, pub, children=children, per_cci=per_cci)
    made = time.perf_counter() - t
    bare = run(BARE_READ, str(office), str(stick), KEY_PW)
    imported = run(IMPORT, str(office), str(stick), KEY_PW)
    screen = run(SCREEN, str(office))
    table = run(BARE_TABLE, str(children))
    return {
        "children": children,
        "ccis": max(1, children // per_cci),
        "stick_mb": round(size / 2**20, 1),
        "made_s": round(made, 1),
        "bare_read": bare,
        "import": imported,
        "import_ratio": round(imported["seconds"] / max(bare["seconds"], 0.01), 2),
        "screen": screen,
        "bare_table": table,
        "view_db_mb": round((office / "district-view.sqlite").stat().st_size / 2**20, 1)
        if (office / "district-view.sqlite").exists()
        else None,
        "work": str(work),
    }


def view_size(children: int, per_cci: int) -> dict[str, Any]:
    """The screen alone over a district view of `children` (written straight into the
    view's tables by tests/central_fill.py, as an import would leave them: far quicker
    than importing a quarter of a million children), against the bare table."""
    from datetime import date

    from sync_client.district import mode as district
    from tests.central_fill import fill

    work = Path(tempfile.mkdtemp(prefix=f"clms-bench-district-view-{children}-"))
    office = work / "office"
    t = time.perf_counter()
    make_office(office)
    view = district.open_view(office)
    fill(view, children=children, ccis=max(1, children // per_cci), districts=(212,),
         as_of=date.today(), records=True)  # fmt: skip
    view.dispose()
    made = time.perf_counter() - t
    return {
        "children": children,
        "ccis": max(1, children // per_cci),
        "made_s": round(made, 1),
        "screen": run(SCREEN, str(office)),
        "bare_table": run(BARE_TABLE, str(children)),
        "view_db_mb": round((office / "district-view.sqlite").stat().st_size / 2**20, 1),
        "work": str(work),
    }


def office_startup(ccis: int, children: int, repeat: int) -> dict[str, Any]:
    """Cold start of a district office's window with `ccis` homes and `children` children
    imported, against a bare QMainWindow, interleaved (medians)."""
    work = Path(tempfile.mkdtemp(prefix="clms-bench-office-start-"))
    office, stick = work / "office", work / "stick"
    pub = make_office(office)
    make_stick(stick, pub, children=children, per_cci=max(1, children // ccis))
    run(IMPORT, str(office), str(stick), KEY_PW)
    env = start_env(work / "config")
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    start_once(CLMS, [str(office)], env)  # the first start: not counted
    clms, bare = [], []
    for _ in range(repeat):
        bare.append(start_once(BARE, [], env))
        clms.append(start_once(CLMS, [str(office)], env))
    return {
        "ccis": ccis,
        "children": children,
        "repeat": repeat,
        "office_median_s": round(statistics.median(clms), 3),
        "bare_median_s": round(statistics.median(bare), 3),
        "ratio": round(statistics.median(clms) / statistics.median(bare), 2),
        "office_s": [round(x, 3) for x in clms],
        "bare_s": [round(x, 3) for x in bare],
    }


def main() -> None:
    """Run the benchmark and print its figures."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--children", type=int, nargs="+", default=[5000])
    p.add_argument("--per-cci", type=int, default=300)
    p.add_argument("--startup-ccis", type=int, default=5)
    p.add_argument("--startup-children", type=int, default=1500)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--no-startup", action="store_true")
    p.add_argument(
        "--view-only", type=int, nargs="*", default=[], help="screen alone over N children"
    )
    args = p.parse_args()
    result: dict[str, Any] = {"load_before": os.getloadavg()}
    for n in args.children if not args.view_only else []:
        result[f"district_{n}"] = district_size(n, args.per_cci)
        print(json.dumps(result[f"district_{n}"], indent=1), flush=True)
    for n in args.view_only:
        result[f"view_{n}"] = view_size(n, args.per_cci)
        print(json.dumps(result[f"view_{n}"], indent=1), flush=True)
    if not args.no_startup and args.startup_ccis > 0:  # --startup-ccis 0: no start-up step
        result["office_startup"] = office_startup(
            args.startup_ccis, args.startup_children, args.repeat
        )
    result["load_after"] = os.getloadavg()
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "district.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
