"""Cross-home identity benchmark: the same child in two homes (issue 20).

Run: .venv/bin/python bench/bench_identity.py [--children 250000] [--homes 1000]
     [--quality-children 10000] [--quality-homes 50] [--twins 500] [--new 500]
Prints one JSON object (and writes bench/out/identity.json). Data under /tmp.

- Quality: `--quality-children` invented children in `--quality-homes` homes, `--twins`
  of them planted twins in another home (name respelt in Latin, or only in Devanagari,
  or respelt in both scripts, or without the surname; date of birth moved by up to 40
  days; the guardian kept half the time; or, the given name kept, another surname:
  `other_surname`). recall@5 (the twin's original among its 5 best
  candidates) and precision (planted pairs among the pairs proposed), at the cross-home
  threshold and at the registration check's, by kind of twin. Baselines in the same
  run: the search without the given-name block ("G", `matching.blocking.GIVEN_NAME` off:
  as before the block was added); exact phonetic keys only (the same key, the same
  gender), no fuzzy score.
- Speed: `--children` children in `--homes` homes (central's tables on SQLite), `--new`
  of them admitted today. Keying every child the first time; the whole state's search;
  the day's new registrations alone (incremental); each beside a baseline of the same
  run: a bare read of the same rows. Scaling: the in-memory search over a quarter, a
  half and all of the children (time and pairs compared), to see whether it is linear;
  and, for a quarter, the pairs the given-name block would add without its bound (the
  same district or a guardian alike) and with it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy.orm import Session  # noqa: E402

from central.identity.search import (  # noqa: E402
    _query,
    area_candidates,
    load,
    new_candidates,
    refresh_keys,
)
from central.projection import view_child  # noqa: E402
from central.reports.area import Area  # noqa: E402
from central.schema import open_engine, writer  # noqa: E402
from matching import blocking  # noqa: E402
from matching.score import CROSS_HOME, THRESHOLD  # noqa: E402
from tests.identity_fixture import ALL_VARIANTS, AS_OF, measure, plant  # noqa: E402

STATE = Area(10)
DISTRICTS = tuple(range(196, 234))  # 38 districts, as Bihar


def load_avg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


CPU: dict[str, float] = {}  # the CPU seconds of each timed step (the machine is shared)


def timed(fn: Any, name: str = "") -> tuple[Any, float]:
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    if name:
        CPU[name] = round(time.process_time() - c, 3)
    return out, round(time.perf_counter() - t, 3)


def bare_read(engine: Any, where: Any = None) -> int:
    """Baseline: the same rows (child + keys) read and turned into tuples, nothing else."""
    q = _query() if where is None else _query().where(where)
    with Session(engine) as s:
        return sum(1 for _ in s.execute(q))


def quality(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    db = folder / "quality.sqlite"
    for p in folder.glob("quality.sqlite*"):
        p.unlink()
    engine = open_engine(f"sqlite:///{db}")
    planted = plant(
        engine,
        children=args.quality_children,
        homes=args.quality_homes,
        twins=args.twins,
        seed=20,
        keep_rows=False,
        variants=ALL_VARIANTS,
    )
    out: dict[str, Any] = {
        "children": args.quality_children,
        "homes": args.quality_homes,
        "twins": len(planted.pairs),
    }
    for mode, label in (("off", "baseline_without_given_name_block"), ("bounded", "")):
        blocking.GIVEN_NAME = mode
        try:
            with Session(writer(engine)) as s, s.begin():
                found = area_candidates(s, STATE, threshold=THRESHOLD)
                keyed = {k.uuid: k for k in load(s, STATE)}
        finally:
            blocking.GIVEN_NAME = "bounded"
        into = out.setdefault(label, {}) if label else out
        for name, thr in (
            ("cross_home_threshold", CROSS_HOME),
            ("registration_threshold", THRESHOLD),
        ):
            m = measure([f for f in found if f.score >= thr], planted)
            into[name] = {"threshold": thr, **{k: round(v, 4) for k, v in m.items()}}
    # Baseline: exact phonetic keys (Latin or Devanagari spelling), same gender.
    hits = 0
    for orig, twin, _v in planted.pairs:
        a, b = keyed[orig], keyed[twin]
        keys_a, keys_b = {a.key, a.local_key} - {""}, {b.key, b.local_key} - {""}
        hits += bool(keys_a & keys_b) and a.person.gender == b.person.gender
    out["baseline_exact_key_recall"] = round(hits / len(planted.pairs), 4)
    engine.dispose()
    return out


def speed(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    db = folder / "state.sqlite"
    for p in folder.glob("state.sqlite*"):
        p.unlink()
    engine = open_engine(f"sqlite:///{db}")
    out: dict[str, Any] = {"children": args.children, "homes": args.homes, "new_today": args.new}
    _, out["fill_s"] = timed(
        lambda: plant(
            engine,
            children=args.children,
            homes=args.homes,
            twins=args.new,
            districts=DISTRICTS,
            seed=21,
            keep_rows=False,
            admitted_since=AS_OF,
        )
    )
    out["load_before"] = load_avg()

    def key_all() -> int:
        with Session(writer(engine)) as s, s.begin():
            return refresh_keys(s)

    n, out["keys_first_time_s"] = timed(key_all, "keys_first_time")
    out["keyed"] = n
    _, out["keys_nothing_new_s"] = timed(key_all, "keys_nothing_new")
    rows, out["baseline_bare_read_all_s"] = timed(
        lambda: bare_read(engine), "baseline_bare_read_all"
    )
    out["rows"] = rows

    def state_search() -> int:
        with Session(engine) as s:
            return len(area_candidates(s, STATE, refresh=False))

    out["state_pairs"], out["state_search_s"] = timed(state_search, "state_search")
    blocking.GIVEN_NAME = "off"  # baseline: the search as before the given-name block
    try:
        out["baseline_without_given_name_block_pairs"], out["baseline_state_search_s"] = timed(
            state_search, "baseline_state_search_without_given_name_block"
        )
    finally:
        blocking.GIVEN_NAME = "bounded"
    new_where = view_child.c.admission_date >= AS_OF
    out["new_rows"], out["baseline_bare_read_new_s"] = timed(
        lambda: bare_read(engine, new_where), "baseline_bare_read_new"
    )

    def incremental() -> int:
        with Session(writer(engine)) as s, s.begin():
            return len(new_candidates(s, STATE, since=AS_OF))

    out["new_pairs"], out["incremental_with_key_check_s"] = timed(
        incremental, "incremental_with_key_check"
    )

    def incremental_only() -> int:
        with Session(engine) as s:
            return len(new_candidates(s, STATE, since=AS_OF, refresh=False))

    _, out["incremental_search_s"] = timed(incremental_only, "incremental_search")

    with Session(engine) as s:
        everyone, out["load_keyed_s"] = timed(lambda: load(s, STATE))
    scaling = []
    for share in (0.25, 0.5, 1.0):
        part = everyone[: int(len(everyone) * share)]
        count = [0]
        original = blocking.score

        def counting(
            a: Any, b: Any, count: list[int] = count, original: Any = original, **kw: Any
        ) -> Any:
            count[0] += 1
            return original(a, b, **kw)

        blocking.score = counting  # type: ignore[assignment]
        try:
            got, secs = timed(lambda part=part: blocking.all_candidates(part, threshold=CROSS_HOME))
        finally:
            blocking.score = original  # type: ignore[assignment]
        scaling.append(
            {"children": len(part), "seconds": secs, "pairs_scored": count[0], "found": len(got)}
        )
    out["scaling_in_memory"] = scaling
    part = everyone[: len(everyone) // 4]
    given: dict[str, Any] = {"children": len(part)}
    for mode in ("off", "bounded", "unbounded"):
        blocking.GIVEN_NAME = mode
        try:
            index = blocking.Index(part)
            pairs, secs = timed(
                lambda index=index: len(
                    {
                        blocking.pair_id(p.uuid, o.uuid)
                        for p in part
                        for o in index.near(p)
                        if o.person.home != p.person.home
                    }
                )
            )
        finally:
            blocking.GIVEN_NAME = "bounded"
        given[mode] = {"pairs_met": pairs, "seconds": secs}
    out["given_name_block_quarter"] = given
    out["cpu_seconds"] = dict(CPU)
    out["load_after"] = load_avg()
    engine.dispose()
    return out


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--children", type=int, default=250_000)
    p.add_argument("--homes", type=int, default=1000)
    p.add_argument("--new", type=int, default=500)
    p.add_argument("--quality-children", type=int, default=10_000)
    p.add_argument("--quality-homes", type=int, default=50)
    p.add_argument("--twins", type=int, default=500)
    p.add_argument("--folder", type=Path, default=Path("/tmp/clms-bench-identity"))
    p.add_argument("--skip-speed", action="store_true")
    args = p.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"as_of": date.today().isoformat(), "cpus": os.cpu_count()}
    result["quality"] = quality(args, args.folder)
    print(json.dumps(result["quality"], indent=1), flush=True)
    if not args.skip_speed:
        result["speed"] = speed(args, args.folder)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    text = json.dumps(result, indent=1)
    print(text)
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "identity.json").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
