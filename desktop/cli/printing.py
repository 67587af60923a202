"""`clms print`: printed documents (case summary, entitlement card and sheet, CWC file)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli.common import EXIT_USAGE, actor_of, engine_of, progress
from desktop.documents.printing import attachment_store, print_document
from desktop.paths import resolve_data_dir
from desktop.services.cases.children import get_child
from desktop.services.core.context import unit_of_work
from desktop.services.core.validation import parse_date
from sync_client.card_signer import card_signer
from sync_client.exchange.outbox import own_key_row


def cmd_print(args: argparse.Namespace) -> int:
    """Write one printed document (PDF) for the children named by their codes."""

    codes: list[str] = args.codes
    out = Path(args.output)
    if out.is_dir():
        print(f"error: {out} is a folder; give a file name ending in .pdf", file=sys.stderr)
        return EXIT_USAGE
    as_of = parse_date(args.as_of) if args.as_of else date.today()
    assert as_of is not None
    engine = engine_of(args)
    actor = actor_of(args)
    photos = attachment_store(resolve_data_dir(args.data_dir))
    started = time.monotonic()
    signer = None
    if args.kind == "card":
        with unit_of_work(engine, actor, rules=False) as s:
            signer = _card_signer(s, args)
    with unit_of_work(engine, actor, rules=False, as_of=as_of) as s:
        ids = [get_child(s, code).id for code in codes]
        pdf = print_document(
            s,
            kind=args.kind,
            child_ids=ids,
            lang=args.lang,
            actor=actor,
            as_of=as_of,
            photos=photos,
            sheet=True if getattr(args, "sheet", False) else None,
            progress=progress("children", quiet=args.quiet, least=2),
            target="saved as PDF",
            signer=signer,
        )
        # Write before the transaction commits: no audit event for a file never written.
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(pdf)
        tmp.replace(out)
    secs = time.monotonic() - started
    if not args.quiet:
        print(
            f"Wrote {out} ({len(pdf) // 1024} KB, {len(ids)} children, {secs:.1f} s)",
            file=sys.stderr,
        )
    return 0


def _card_signer(s: Any, args: argparse.Namespace) -> Any:
    """The install's signer for CLTS card tokens (None: no sync key, cards print unsigned)."""
    row = own_key_row(s, role="district") or own_key_row(s)
    if row is None:
        return None
    passphrase = None
    if row.storage == "file":
        passphrase = os.environ.get("CLMS_KEY_PASSPHRASE")
        if passphrase is None and sys.stdin.isatty():
            passphrase = getpass.getpass("Passphrase for the sync key file (signs the card): ")
    return card_signer(s, data_dir=resolve_data_dir(args.data_dir), passphrase=passphrase)


def add_commands(sub: Any) -> None:
    """Add `clms print ...` to the `clms` parser (`sub` from add_subparsers)."""
    p = sub.add_parser("print", help="write printed documents as PDF (summary, card, sheet...)")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="DOCUMENT")
    helps = {
        "summary": ("case summary (A4, several pages); several codes give one file", "CODE"),
        "card": (
            "entitlement card: one code = card-size front and back; several = A4 sheets",
            "CODE",
        ),
        "sheet": ("A4 entitlement sheet (department, scheme, status per entitlement)", "CODE"),
        "cwc-file": ("CWC submission file for an adoption-evaluation recommendation", "CODE"),
    }
    for kind, (text, meta) in helps.items():
        s = kinds.add_parser(kind, help=text, description=text)
        if kind == "cwc-file":
            s.add_argument("codes", nargs=1, metavar=meta, help="child code")
        else:
            s.add_argument("codes", nargs="+", metavar=meta, help="child code(s)")
        s.add_argument("-o", "--output", required=True, help="PDF file to write")
        s.add_argument("--lang", choices=["en", "hi"], default="en", help="English or Hindi")
        s.add_argument("--as-of", help="the date the document is as of (default: today)")
        if kind == "card":
            s.add_argument(
                "--sheet", action="store_true", help="A4 sheet with crop marks even for one card"
            )
        s.set_defaults(fn=cmd_print)
