"""`python -m central identity ...`: the same child across homes, at the state's server.

python -m central identity candidates --state 10 [--district 212] [--since 2026-11-23]
                                      [--limit 50] [--json]
python -m central identity decide UUID_A UUID_B --confirm|--dismiss [--by NAME]
python -m central identity absconded --state 10 [--district 212] [--json]
python -m central identity stays UUID
"""

from __future__ import annotations

import argparse
import getpass
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from central.identity.absconded import alerts, check_absconded
from central.identity.decisions import decide, stays
from central.identity.search import area_candidates, as_json, new_candidates
from central.reports.area import Area
from central.schema import writer


def add_parser(sub: Any, db: Callable[[argparse.ArgumentParser], None]) -> None:
    """The `identity` command and its subcommands."""
    p = sub.add_parser("identity", help="the same child in several homes; absconded found again")
    ids = p.add_subparsers(dest="icmd", required=True)
    x = ids.add_parser("candidates", help="records of two homes that may be the same child")
    x.add_argument("--state", type=int, required=True)
    x.add_argument("--district", type=int)
    x.add_argument("--since", type=date.fromisoformat, help="only children admitted since")
    x.add_argument("--limit", type=int, default=50)
    x.add_argument("--json", action="store_true")
    db(x)
    x = ids.add_parser("decide", help="confirm (one child, linked stays) or dismiss a pair")
    x.add_argument("uuid_a")
    x.add_argument("uuid_b")
    how = x.add_mutually_exclusive_group(required=True)
    how.add_argument("--confirm", action="store_true")
    how.add_argument("--dismiss", action="store_true")
    x.add_argument("--by")
    x.add_argument("--note")
    db(x)
    x = ids.add_parser("absconded", help="absconded or missing children registered again")
    x.add_argument("--state", type=int, required=True)
    x.add_argument("--district", type=int)
    x.add_argument("--json", action="store_true")
    db(x)
    x = ids.add_parser("stays", help="the stays of the child a record belongs to")
    x.add_argument("uuid")
    db(x)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Run one `identity` subcommand; the exit status."""
    area = Area(args.state, args.district) if hasattr(args, "state") else Area()
    with Session(writer(engine), expire_on_commit=False) as s, s.begin():
        if args.icmd == "candidates":
            if args.since is not None:
                found = new_candidates(s, area, since=args.since, limit=args.limit)
            else:
                found = area_candidates(s, area, limit=args.limit)
            if args.json:
                print(as_json(found))
                return 0
            for f in found:
                print(
                    f"{f.score:5.1f}  {f.a.code} ({f.home_a})  ~  {f.b.code} ({f.home_b})\n"
                    f"       {f.a.uuid} {f.b.uuid}\n       " + "; ".join(f.reasons)
                )
            print(f"{len(found)} pair(s).")
            return 0
        if args.icmd == "decide":
            decision = "confirmed" if args.confirm else "dismissed"
            by = args.by or getpass.getuser()
            decide(s, args.uuid_a, args.uuid_b, decision=decision, by=by, note=args.note)
            print(f"{decision.capitalize()} by {by}.")
            return 0
        if args.icmd == "absconded":
            new = check_absconded(s, area)
            rows = alerts(s, area)
            if args.json:
                out = [
                    {"id": a.id, "score": a.score, "reasons": a.reasons, **a.evidence} for a in rows
                ]
                print(json.dumps(out, ensure_ascii=False, indent=1))
                return 0
            for a in rows:
                m, f = a.evidence["missing"], a.evidence["found"]
                print(
                    f"#{a.id} {a.score:5.1f}  {m['code']} left {m['home']} on {m['left']}  ~  "
                    f"{f['code']} admitted at {f['home']} on {f['admitted']}\n       "
                    + "; ".join(a.reasons)
                )
            print(f"{len(rows)} open alert(s), {len(new)} new.")
            return 0
        for r in stays(s, args.uuid):
            print(f"{r['admitted'] or '?':10}  {r['left'] or '':10}  {r['code']}  {r['home']}")
        return 0
