"""Documents benchmark: 1,000 entitlement cards (A4 sheets) and 100 case summaries.

Run: .venv/bin/python bench/bench_documents.py [--children 1000] [--summaries 100]
Makes a demo folder in a temporary directory (each child gets its own invented photo),
then times the card sheets (in Hindi) and the case summaries through
`desktop.documents.printing.render`, as the app and `clms print` make them.
Goal: 1,000 cards in 10 s or less.
Prints JSON.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# No OS keyring on a build box: the invented data is kept under this passphrase.
os.environ.setdefault("CLMS_DATA_PASSPHRASE", "invented data for measuring only")

from PIL import Image, ImageDraw  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desktop.cli.main import main as clms  # noqa: E402
from desktop.db import open_database  # noqa: E402
from desktop.documents.printing import attachment_store, render  # noqa: E402
from desktop.models import Child  # noqa: E402
from desktop.services.cases.casework import set_photo  # noqa: E402
from desktop.services.core.context import Actor, unit_of_work  # noqa: E402

AS_OF = date(2026, 11, 23)
ACTOR = Actor("bench", "superintendent", "Benchmark")


def _photo(n: int) -> bytes:
    """An invented passport-style picture, different for every child."""
    im = Image.new("RGB", (180, 225), ((n * 37) % 255, (n * 91) % 255, 200))
    d = ImageDraw.Draw(im)
    d.ellipse((50, 30, 130, 120), fill=(120 + n % 60, 90, 70))
    d.rectangle((30, 140, 150, 225), fill=(40, (n * 13) % 255, 140))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def main() -> None:
    """Make the demo folder, run the benchmark, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--children", type=int, default=1000, help="cards to print")
    ap.add_argument("--summaries", type=int, default=100, help="case summaries to print")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        init = [
            "init",
            "--name",
            "Bench Children's Home",
            "--type",
            "childrens-home",
            "--state",
            "10",
            "--district",
            "212",
            "--registration-no",
            "BR/PAT/CH/0099",
        ]
        clms(["-q", "--data-dir", str(d), *init])
        clms(
            [
                "-q",
                "--data-dir",
                str(d),
                "demo",
                "--children",
                str(args.children),
                "--as-of",
                AS_OF.isoformat(),
            ]
        )
        engine = open_database(d)
        store = attachment_store(d)
        with unit_of_work(engine, ACTOR, rules=False) as s:
            kids = list(s.scalars(select(Child).order_by(Child.id).limit(args.children)))
            for n, c in enumerate(kids):
                set_photo(s, c, data=_photo(n), store=store)
            ids = [c.id for c in kids]
        with unit_of_work(engine, ACTOR, rules=False) as s:
            t0, c0 = time.perf_counter(), time.process_time()
            cards = render(
                s,
                kind="card",
                child_ids=ids,
                lang="hi",
                actor=ACTOR,
                as_of=AS_OF,
                photos=store,
                sheet=True,
            )
            t_cards = time.perf_counter() - t0
            cpu_cards = time.process_time() - c0
        with unit_of_work(engine, ACTOR, rules=False) as s:
            some = ids[: args.summaries]
            t0 = time.perf_counter()
            summaries = render(
                s, kind="summary", child_ids=some, lang="en", actor=ACTOR, as_of=AS_OF, photos=store
            )
            t_sum = time.perf_counter() - t0
        (Path(tmp) / "cards.pdf").write_bytes(cards)
        print(
            json.dumps(
                {
                    "cards": len(ids),
                    "cards_seconds": round(t_cards, 2),
                    "cards_cpu_seconds": round(cpu_cards, 2),  # less affected by a busy machine
                    "cards_per_second": round(len(ids) / t_cards, 1),
                    "cards_goal_met": len(ids) < 1000 or t_cards <= 10.0,
                    "cards_pdf_mb": round(len(cards) / 1e6, 1),
                    "summaries": len(some),
                    "summaries_seconds": round(t_sum, 2),
                    "summary_ms_each": round(1000 * t_sum / max(len(some), 1), 1),
                    "summaries_pdf_mb": round(len(summaries) / 1e6, 1),
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
