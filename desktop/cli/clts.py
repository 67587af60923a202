"""`clms clts`: child labour (CLTS): cases, the quarterly report, the register, card tokens."""

from __future__ import annotations

import argparse
import base64
import getpass
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bundle_format.card_token import TokenError, endorse_signer, verify_token
from bundle_format.keys import load_private_file, read_public_key_file
from desktop.cli.common import EXIT_INVALID, EXIT_USAGE, actor_of, engine_of, progress
from desktop.documents.clts_report import report_pdf, report_xlsx
from desktop.paths import resolve_data_dir
from desktop.rules.clts_policy import CltsPolicy, load_clts_policy
from desktop.services.clts.listing import case_counts, list_cases
from desktop.services.clts.register import export_register, import_register
from desktop.services.clts.report import Quarter, QuarterReport, quarterly_report, records_from_db
from desktop.services.clts.rescue import case_by_clts_id
from desktop.services.clts.summary import case_view, plain_case
from desktop.services.core import lgd
from desktop.services.core.context import unit_of_work
from desktop.services.core.validation import parse_date
from desktop.services.install.institution import local_institution
from sync_client.card_signer import install_endorsement
from sync_client.district import mode as district_mode
from sync_client.district.clts import clts_records, state_clts_records

PASS_ENV = "CLMS_KEY_PASSPHRASE"


def key_passphrase(args: argparse.Namespace) -> str | None:
    """A key file's passphrase: --passphrase-file, $CLMS_KEY_PASSPHRASE, or asked for."""
    if getattr(args, "passphrase_file", None):
        return Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
    if os.environ.get(PASS_ENV):
        return os.environ[PASS_ENV]
    if not sys.stdin.isatty():
        return None
    return getpass.getpass("Passphrase for the key file: ")


def cmd_list(args: argparse.Namespace) -> int:
    """Rescue cases (names: case staff and DCPU only), or the counts."""
    today = date.today()
    with unit_of_work(engine_of(args), actor_of(args), rules=False) as s:
        if args.counts:
            c = case_counts(s, today=today)
            out = {
                "cases": c.cases,
                "open": c.open,
                "closed": c.closed,
                "interstate": c.interstate,
                "with_gaps": c.with_gaps,
                "overdue_entitlements": c.overdue_entitlements,
                "due_rupees": c.due_rupees,
                "paid_rupees": c.paid_rupees,
                "by_industry": dict(c.by_industry.most_common()),
            }
            print(json.dumps(out, indent=2, ensure_ascii=False))
            return 0
        rows = list_cases(
            s,
            today=today,
            status=None if args.all else "open",
            search=args.search,
            only_gaps=args.gaps,
        )
        for r in rows:
            print(
                f"{r.clts_id}  {r.child_code}  {r.name:<24}  {r.rescue_on:%d-%m-%Y}  "
                f"{r.industry:<18}  gaps {r.gaps:>2} (late {r.overdue:>2})  "
                f"paid Rs {r.paid_rupees:,} of {r.due_rupees:,}"
            )
        print(f"{len(rows)} case(s)", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """One case as JSON (bank account and Aadhaar masked)."""
    policy = load_clts_policy()
    with unit_of_work(engine_of(args), actor_of(args), rules=False) as s:
        case = case_by_clts_id(s, args.case_id)
        view = case_view(s, case, today=date.today(), policy=policy)
        print(json.dumps(plain_case(view, policy), indent=2, ensure_ascii=False, default=str))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """The quarterly report as PDF or Excel: this install's children, or the district view."""
    quarter = Quarter.parse(args.quarter) if args.quarter else Quarter.of(date.today())
    out = Path(args.output)
    if out.suffix.lower() not in (".pdf", ".xlsx"):
        print("error: write the report as .pdf or .xlsx", file=sys.stderr)
        return EXIT_USAGE
    policy = load_clts_policy()
    if args.central_db:
        return _state_report(args, quarter, out, policy)
    if args.district is not None:
        print("error: --district goes with --central-db", file=sys.stderr)
        return EXIT_USAGE
    engine = engine_of(args)
    actor = actor_of(args)
    data_dir = resolve_data_dir(args.data_dir)
    with unit_of_work(engine, actor, rules=False) as s:
        inst = local_institution(s)
        if args.district_view:
            code = district_mode.office_district(s)
            if code is None:
                print("error: this install is not a district office", file=sys.stderr)
                return EXIT_USAGE
            records = clts_records(district_mode.open_view(data_dir))
            area = f"{lgd.district_name(inst.state_code, code)} district (DCPU)"
        else:
            records = records_from_db(s)
            area = f"{inst.name}, {lgd.district_name(inst.state_code, inst.district_code)}"
    rep = quarterly_report(records, quarter, policy=policy, area=area)
    _write_report(rep, out, policy=policy, lang=args.lang, by=actor.label)
    return 0


def _write_report(rep: QuarterReport, out: Path, *, policy: CltsPolicy, lang: str, by: str) -> None:
    data = (
        report_pdf(rep, policy=policy, lang=lang, generated_by=by)
        if out.suffix.lower() == ".pdf"
        else report_xlsx(rep, policy=policy, lang=lang)
    )
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    print(f"Wrote {out}: {rep.rescued} children rescued in {rep.quarter.label}", file=sys.stderr)


def _state_report(args: argparse.Namespace, quarter: Quarter, out: Path, policy: CltsPolicy) -> int:
    """(state office) The report from central's database: the state, or one district.
    Counts only, so it needs no install here and no CLMS user."""
    try:
        records, state = state_clts_records(args.central_db, district=args.district)
    except FileNotFoundError as exc:
        print(f"error: --central-db: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SQLAlchemyError as exc:
        print(
            f"error: --central-db: cannot read central's database ({type(exc).__name__})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    state_name = lgd.states().get(state, "State") if state is not None else "State"
    if args.district is not None:
        name = (
            lgd.district_name(state, args.district)
            if state is not None
            else f"district {args.district}"
        )
        area = f"{name} district, {state_name}"
    else:
        area = f"{state_name} (all districts)"
    rep = quarterly_report(records, quarter, policy=policy, area=area)
    who = getattr(args, "user", None) or os.environ.get("CLMS_USER") or "state office"
    _write_report(rep, out, policy=policy, lang=args.lang, by=who)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a CLTS register (CSV/XLSX); --dry-run checks every row and writes nothing."""
    with unit_of_work(engine_of(args), actor_of(args)) as s:
        report = import_register(
            s,
            Path(args.file),
            dry_run=args.dry_run,
            partial=args.partial,
            progress=progress("rows", quiet=args.quiet, least=50),
        )
        print(report.summary())
    return 0 if report.committed or (args.dry_run and not report.problems) else EXIT_INVALID


def cmd_export(args: argparse.Namespace) -> int:
    """Write the CLTS register of this install's cases."""
    with unit_of_work(engine_of(args), actor_of(args), rules=False) as s:
        n = export_register(s, Path(args.output))
    print(f"Wrote {args.output}: {n} case(s)", file=sys.stderr)
    return 0


def _qr_from_image(path: Path) -> str:
    import zxingcpp  # a test-time dependency: reading a photo of a card is optional
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(path))
    if not found:
        raise ValueError(f"no QR code found in {path}")
    return str(next((b.text for b in found if b.text.startswith("CLTS1:")), found[0].text))


def cmd_verify_token(args: argparse.Namespace) -> int:
    """Check a card's QR text offline against the state's public key file."""
    state = read_public_key_file(Path(args.state_key))
    text = _qr_from_image(Path(args.image)) if args.image else args.token
    if not text:
        print("error: give the QR text or --image", file=sys.stderr)
        return EXIT_USAGE
    on = parse_date(args.on) if args.on else date.today()
    try:
        check = verify_token(text, state_public=state.sign, on=on)
    except TokenError as exc:
        print(f"NOT VERIFIED: {exc}")
        return EXIT_INVALID
    print(check.summary())
    return 0 if check.genuine else EXIT_INVALID


def cmd_endorse(args: argparse.Namespace) -> int:
    """(State office) endorse an office's signing key with the state's private key file."""
    state = load_private_file(Path(args.state_key_file), passphrase=key_passphrase(args))
    office = read_public_key_file(Path(args.public_key))
    until = parse_date(args.valid_until, required=True)
    assert until is not None
    body = endorse_signer(
        state.sign, signer_public=office.sign, district=args.district, valid_until=until
    )
    doc = {
        "format": "clts-endorsement-1",
        "office": office.name,
        "key_id": office.sign_key_id,
        "district": args.district,
        "valid_until": until.isoformat(),
        "endorsement": base64.b64encode(body).decode(),
    }
    Path(args.output).write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {args.output} for {office.name} ({office.fingerprint})", file=sys.stderr)
    return 0


def cmd_endorsement(args: argparse.Namespace) -> int:
    """(At the office) keep the state's endorsement of this install's card-signing key."""
    state = read_public_key_file(Path(args.state_key))
    with unit_of_work(engine_of(args), actor_of(args), rules=False) as s:
        print(install_endorsement(s, Path(args.file).read_bytes(), state_public=state.sign))
    return 0


def add_commands(sub: Any) -> None:
    """Add `clms clts ...` to the `clms` parser."""
    p = sub.add_parser("clts", help="child labour (CLTS): cases, report, register, card tokens")
    cmds = p.add_subparsers(dest="clts_command", required=True, metavar="COMMAND")
    s = cmds.add_parser("list", help="rescue cases (open ones; --all for every case)")
    s.add_argument("--all", action="store_true", help="closed cases too")
    s.add_argument("--gaps", action="store_true", help="only cases with entitlement gaps")
    s.add_argument("--search", help="case ID, child code, name or employer")
    s.add_argument("--counts", action="store_true", help="numbers only (any role)")
    s.set_defaults(fn=cmd_list)
    s = cmds.add_parser("show", help="one case as JSON")
    s.add_argument("case_id", help="CLTS case ID (ours or one from CLTS as built)")
    s.set_defaults(fn=cmd_show)
    s = cmds.add_parser("report", help="the quarterly CLTS report (PDF with charts, or Excel)")
    s.add_argument("--quarter", help="e.g. 2026-Q3 (default: this quarter)")
    s.add_argument("-o", "--output", required=True, help="report.pdf or report.xlsx")
    s.add_argument("--lang", choices=["en", "hi"], default="en")
    s.add_argument(
        "--district-view", action="store_true", help="(district office) from the CCIs' bundles"
    )
    s.add_argument(
        "--central-db",
        metavar="URL",
        help="(state office) from central's database, e.g. sqlite:///central.sqlite or "
        "postgresql+psycopg://user@host/clms (read only; counts only)",
    )
    s.add_argument(
        "--district", type=int, metavar="LGD", help="with --central-db: one district's report"
    )
    s.set_defaults(fn=cmd_report)
    s = cmds.add_parser("import", help="import a CLTS register (.csv / .xlsx)")
    s.add_argument("file")
    s.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    s.add_argument("--partial", action="store_true", help="keep the good rows")
    s.set_defaults(fn=cmd_import)
    s = cmds.add_parser("export", help="write the CLTS register (.xlsx / .csv)")
    s.add_argument("-o", "--output", required=True)
    s.set_defaults(fn=cmd_export)
    s = cmds.add_parser("verify-token", help="check an entitlement card's QR code offline")
    s.add_argument("token", nargs="?", help="the QR text (CLTS1:...)")
    s.add_argument("--image", help="a photo or scan of the card's back instead")
    s.add_argument("--state-key", required=True, help="the state's public key file")
    s.add_argument("--on", help="the date of the check (default: today)")
    s.set_defaults(fn=cmd_verify_token)
    s = cmds.add_parser("endorse", help="(state office) endorse an office's card-signing key")
    s.add_argument("--state-key-file", required=True, help="the state's private key file")
    s.add_argument("--passphrase-file")
    s.add_argument("--public-key", required=True, help="the office's public key file")
    s.add_argument("--district", type=int, required=True, help="LGD district code")
    s.add_argument("--valid-until", required=True, help="last day the endorsement holds")
    s.add_argument("-o", "--output", required=True)
    s.set_defaults(fn=cmd_endorse)
    s = cmds.add_parser("endorsement", help="keep the state's endorsement of this install's key")
    s.add_argument("file")
    s.add_argument("--state-key", required=True, help="the state's public key file")
    s.set_defaults(fn=cmd_endorsement)
