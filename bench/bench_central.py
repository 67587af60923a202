"""Central benchmark: the real server (`python -m central serve`) on 127.0.0.1.

Run: .venv/bin/python bench/bench_central.py [--records 250000] [--homes 10]
Prints one JSON object with the figures (and writes it to bench/out/central.json).

- Ingest: `--records` child-shaped records (each with its Aadhaar sealed to central, as
  the CCI's outbox sends it), from `--homes` institutions uploading at once, in bundles
  of 12,500, through signed HTTP requests: on SQLite with 1 worker (the baseline) and 2,
  and on PostgreSQL with 1 worker (the baseline) and with 4. The same bundles for every
  run, built before any clock starts. Besides the wall time, the CPU time the server's
  processes used (from /proc), and the machine's load average (it is shared).
- Small uploads: 50 institutions each sending 10 small bundles (5 records) at once, on
  PostgreSQL with 4 workers; baseline in the same run: one institution sending alone.
- Memory: the server's peak resident memory (VmHWM) idle, then after two compression
  bombs (a 256 KiB bundle that inflates to 256 MB; the most lines a header may declare).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bundle_format import bundle as bundles  # noqa: E402
from bundle_format import keys as key_files  # noqa: E402
from central.enrolment import enrol_direct  # noqa: E402
from central.models import MergedRecord  # noqa: E402
from central.projection import view_child  # noqa: E402
from central.schema import open_engine, writer  # noqa: E402
from sync_client.exchange.upload import Uploader, UploadRefused, UploadSettings  # noqa: E402
from tests.central_db import new_pg_database  # noqa: E402
from tests.central_process import central_process, init_keys  # noqa: E402
from tests.fuzz_bundles import signed_with_payload  # noqa: E402
from tests.sync_helpers import INSTITUTION, Chain, child_record, throwaway_postgres  # noqa: E402

PER_BUNDLE = 12_500


Home = tuple[dict[str, Any], key_files.OwnKeys]


def make_homes(n: int, first: int = 0) -> list[Home]:
    """n institutions with their keys."""
    out = []
    for i in range(first, first + n):
        inst = dict(INSTITUTION, uuid=f"5e1f0a9c-3b7d-4e2a-8c6f-{i:012d}", name=f"Home {i}")
        out.append((inst, key_files.generate_keys(role="institution", name=inst["name"])))
    return out


def enrol(db: str, homes_: list[Home]) -> None:
    """Enrol the institutions directly in central's database."""
    engine = open_engine(db)
    with Session(writer(engine)) as s, s.begin():
        for inst, keys in homes_:
            enrol_direct(s, institution=inst, public=keys.public(), how="admin", by="bench")
    engine.dispose()


def homes(db: str, n: int) -> list[Home]:
    """n new institutions enrolled in central's database."""
    made = make_homes(n)
    enrol(db, made)
    return made


def build(
    enrolled: list[tuple[dict[str, Any], key_files.OwnKeys]],
    central: key_files.PublicKeys,
    *,
    records: int,
    per_bundle: int,
    aadhaar: bool,
) -> list[list[bytes]]:
    """Each institution's bundles (records spread evenly), sealed Aadhaar in each child."""
    each = records // len(enrolled)
    plans = []
    for h, (inst, keys) in enumerate(enrolled):
        chain = Chain(keys, [central], institution=inst)
        raws = []
        for start in range(0, each, per_bundle):
            recs = []
            for i in range(start, min(each, start + per_bundle)):
                n = h * 10_000_000 + i
                number = f"{(n * 7919) % 10**12:012d}" if aadhaar else None
                rec = child_record(n, central=central, aadhaar_number=number)
                rec["data"]["institution_uuid"] = inst["uuid"]
                recs.append(rec)
            raws.append(chain.next(recs))
        plans.append(raws)
    return plans


def send_all(
    url: str, enrolled: list[tuple[dict[str, Any], key_files.OwnKeys]], plans: list[list[bytes]]
) -> float:
    """Every institution uploads its bundles in order, all at once; seconds taken."""
    errors: list[BaseException] = []

    def run(keys: key_files.OwnKeys, raws: list[bytes]) -> None:
        up = Uploader(
            UploadSettings(url=url, chunk_size=1 << 20, read_timeout=600, backoff=0.2),
            signer=keys,
        )
        try:
            for raw in raws:
                up.upload(raw)
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(keys, raws))
        for (_inst, keys), raws in zip(enrolled, plans, strict=True)
    ]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"uploads failed: {errors[:3]}")
    return took


def wait_idle(central: Any, timeout: float = 60.0) -> None:
    """Until the server's processes stop using CPU (all workers up and waiting)."""
    end = time.monotonic() + timeout
    last = central.cpu_seconds()
    quiet = 0
    while quiet < 3 and time.monotonic() < end:
        time.sleep(0.3)
        now = central.cpu_seconds()
        quiet = quiet + 1 if now - last < 0.03 else 0
        last = now


def ingest(
    keys_dir: Path, db: str, *, workers: int, enrolled: list[Home], plans: list[list[bytes]]
) -> dict[str, Any]:
    """One ingest run of prepared bundles on a fresh database; its figures."""
    records = sum(bundles.parse_bundle(r).header["counts"]["records"] for p in plans for r in p)
    with central_process(keys_dir, db, workers=workers) as central:
        enrol(db, enrolled)
        wait_idle(central)  # every worker started (imports done) before the clock starts
        cpu0 = central.cpu_seconds()
        took = send_all(central.url, enrolled, plans)
        cpu = central.cpu_seconds() - cpu0
    engine = open_engine(db)
    with Session(engine) as s:
        merged = int(s.scalar(select(func.count()).select_from(MergedRecord)) or 0)
        projected = int(s.scalar(select(func.count()).select_from(view_child)) or 0)
        hashed = int(
            s.scalar(
                select(func.count())
                .select_from(view_child)
                .where(view_child.c.aadhaar_hmac.isnot(None))
            )
            or 0
        )
    engine.dispose()
    assert merged == projected == hashed == records, (merged, projected, hashed)
    return {
        "workers": workers,
        "records": records,
        "institutions": len(enrolled),
        "bundles": sum(len(p) for p in plans),
        "bytes": sum(len(r) for p in plans for r in p),
        "ingest_s": round(took, 1),
        "records_per_s": round(records / took),
        "server_cpu_s": round(cpu, 1),
    }


def small_uploads(folder: Path, db: str, *, n_homes: int, each: int) -> dict[str, Any]:
    """50 institutions sending small bundles at once, against one sending alone."""
    (folder / "keys").mkdir(parents=True, exist_ok=True)
    with central_process(folder / "keys", db, workers=4) as central:
        enrolled = homes(db, n_homes + 1)
        wait_idle(central)
        plans = build(
            enrolled,
            central.keys.public(),
            records=5 * each * (n_homes + 1),
            per_bundle=5,
            aadhaar=False,
        )
        alone = send_all(central.url, enrolled[:1], plans[:1])
        together = send_all(central.url, enrolled[1:], plans[1:])
    return {
        "institutions": n_homes,
        "bundles_each": each,
        "uploads_per_s": round(n_homes * each / together, 1),
        "baseline_one_institution_uploads_per_s": round(each / alone, 1),
    }


def bomb_memory(folder: Path) -> dict[str, Any]:
    """Peak server memory idle and after two compression bombs (1 worker, SQLite)."""
    db = f"sqlite:///{folder / 'bomb.sqlite'}"
    (folder / "keys").mkdir(parents=True, exist_ok=True)
    with central_process(folder / "keys", db, workers=1) as central:
        ((inst, keys),) = homes(db, 1)
        settings = UploadSettings(url=central.url)
        good = bundles.parse_bundle(
            Chain(keys, [central.keys.public()], institution=inst).next([child_record(1)])
        )
        idle = central.rss_peak_kb()
        line = json.dumps(child_record(1), separators=(",", ":")).encode() + b"\n"
        most = bundles.MAX_LINES
        bombs = [
            (zlib.compress(b"0" * (256 << 20), 9), 1),
            (zlib.compress(line * 400_000, 9), most),
        ]
        sizes = []
        for compressed, n in bombs:
            raw = signed_with_payload(
                plain=None,
                compressed=compressed,
                counts={"records": n, "upserts": n, "deletes": 0, "attachments": 0},
                base=good.header,
                signer=keys,
                recipients=[central.keys.public()],
            )
            sizes.append(len(raw))
            try:
                Uploader(settings, signer=keys).upload(raw)
                raise RuntimeError("a bomb was accepted")
            except UploadRefused as exc:
                assert exc.code == "bad-payload"
        peak = central.rss_peak_kb()
    return {
        "bomb_bundle_bytes": sizes,
        "idle_peak_rss_mb": round(idle / 1024, 1),
        "after_bombs_peak_rss_mb": round(peak / 1024, 1),
    }


def load() -> str:
    """The machine's load average (1, 5, 15 minutes): the bench shares 2 cores."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    """Run the benchmarks; print and save the figures."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--records", type=int, default=250_000)
    p.add_argument("--homes", type=int, default=10)
    p.add_argument("--skip-pg", action="store_true")
    p.add_argument(
        "--runs",
        default="sqlite:1,sqlite:2,postgresql:1,postgresql:4",
        help="which ingest runs, as database:workers (default: all four)",
    )
    p.add_argument("--no-extras", action="store_true", help="only the ingest runs")
    args, _unknown = p.parse_known_args()  # run_all.py may pass --children
    out: dict[str, Any] = {"cpus": os.cpu_count(), "load_before": load()}
    with tempfile.TemporaryDirectory(prefix="clms-bench-central-") as tmp:
        base = Path(tmp)
        keys_dir = base / "keys"
        keys_dir.mkdir()
        central_keys = init_keys(keys_dir)
        enrolled = make_homes(args.homes)
        t0 = time.perf_counter()
        plans = build(
            enrolled,
            central_keys.public(),
            records=args.records,
            per_bundle=PER_BUNDLE,
            aadhaar=True,
        )
        out["build_s"] = round(time.perf_counter() - t0, 1)
        wanted = [(k, int(w)) for k, w in (r.split(":") for r in args.runs.split(","))]
        if args.skip_pg:
            wanted = [(k, w) for k, w in wanted if k != "postgresql"]
        need_pg = any(k == "postgresql" for k, _w in wanted) or not args.no_extras
        pg = throwaway_postgres() if need_pg and not args.skip_pg else None
        server = pg.__enter__() if pg is not None else None
        try:
            runs: list[tuple[str, int, Any]] = [(k, w, server) for k, w in wanted]
            for n, (kind, workers, srv) in enumerate(runs):
                db = (
                    new_pg_database(srv)
                    if kind == "postgresql"
                    else f"sqlite:///{base / f'ingest{n}.sqlite'}"
                )
                name = f"ingest_{kind}_{workers}_workers"
                out[name] = {
                    **ingest(keys_dir, db, workers=workers, enrolled=enrolled, plans=plans),
                    "load": load(),
                }
                print(json.dumps({name: out[name]}), flush=True)
            if "ingest_postgresql_4_workers" in out and "ingest_postgresql_1_workers" in out:
                one = out["ingest_postgresql_1_workers"]["ingest_s"]
                four = out["ingest_postgresql_4_workers"]["ingest_s"]
                out["postgresql_4_vs_1_speedup"] = round(one / four, 2)
            if server is not None and not args.no_extras:
                out["small_uploads_postgresql_4_workers"] = small_uploads(
                    base / "small", new_pg_database(server), n_homes=50, each=10
                )
        finally:
            if pg is not None:
                pg.__exit__(None, None, None)
        if not args.no_extras:
            out["bomb"] = bomb_memory(base / "bomb")
    out["load_after"] = load()
    text = json.dumps(out, indent=2)
    print(text)
    target = Path(__file__).parent / "out"
    target.mkdir(exist_ok=True)
    (target / "central.json").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
