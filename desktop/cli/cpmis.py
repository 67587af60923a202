"""`clms cpmis`: quarterly CPMIS returns, consolidation, DevInfo spreadsheets and factsheets.

clms cpmis catalogue [--check FILE] [--use FILE]
clms cpmis return start|show|fill|submit|correct MONTH [--body CODE]
clms cpmis return enter MONTH INDICATOR SUBGROUP=VALUE ...  [--body CODE]
clms cpmis quarter QUARTER [--body CODE]
clms cpmis decisions FOLDER                  (a CCI: the district's decisions on the stick)
clms cpmis district returns|decide|notices|consolidate ...   (a district office)
clms cpmis export-des --quarter Q [--area ID] -o FILE
clms cpmis import-des FILE [--dry-run] [--partial]
clms cpmis factsheet --quarter Q [--area ID] -o FILE [--lang hi]
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli.common import EXIT_INVALID, actor_of, engine_of, progress
from desktop.documents.factsheet import factsheet_pdf
from desktop.models import Setting
from desktop.paths import resolve_data_dir
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import NotFound, ServiceError
from desktop.services.cpmis import returns as rt
from desktop.services.cpmis.bodies import (
    CATALOGUE_SETTING,
    BodyRef,
    active_catalogue,
    cci_body,
    district_bodies,
)
from desktop.services.cpmis.checks import Finding
from desktop.services.cpmis.devinfo import export_des, import_des
from desktop.services.cpmis.report import factsheet_data, save_body_quarter
from desktop.services.cpmis.review import decide
from desktop.services.install.institution import local_institution_or_none
from reporting.cpmis.catalogue import CatalogueError, describe
from reporting.cpmis.loader import load_catalogue
from reporting.cpmis.periods import parse_quarter
from sync_client import cpmis as sync_cpmis
from sync_client.district import mode as district_office
from sync_client.exchange import outbox

PASS_ENV = "CLMS_KEY_PASSPHRASE"


def _passphrase(args: argparse.Namespace) -> str | None:
    if getattr(args, "passphrase_file", None):
        return Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
    if os.environ.get(PASS_ENV):
        return os.environ[PASS_ENV]
    return getpass.getpass("Passphrase for the key file: ") if sys.stdin.isatty() else None


def _body(s: Any, args: argparse.Namespace) -> BodyRef:
    """The body a return command is about: --body, else this install's CCI."""
    cat = active_catalogue(s)
    inst = local_institution_or_none(s)
    if getattr(args, "body", None):
        if inst is not None and args.body in ("cci", f"cci:{inst.uuid}"):
            return cci_body(cat, inst)
        code = district_office.office_district(s)
        if code is None:
            raise ServiceError("CWC and JJB returns are typed at the district office")
        state = inst.state_code if inst is not None else int(args.state)
        for b in district_bodies(s, state=state, district=code):
            if b.code == args.body:
                return b
        raise NotFound(
            f"no body {args.body} here (the district's are: "
            f"{', '.join(b.code for b in district_bodies(s, state=state, district=code))})"
        )
    if inst is None:
        raise ServiceError("this install has no CCI: say which body with --body cwc:212:1")
    return cci_body(cat, inst)


def _remarks(args: argparse.Namespace) -> dict[str, str]:
    """--remark KEY=TEXT pairs (KEY as the check names it, e.g. cci.edu.any|total)."""
    out = {}
    for pair in args.remark or []:
        key, _, text = pair.partition("=")
        out[key.strip()] = text
    return out


def _print_findings(findings: list[Finding]) -> None:
    for f in findings:
        print(f"  {f.level}: {f.en}")


def cmd_catalogue(args: argparse.Namespace) -> int:
    """Check a catalogue file, choose it for this install, or describe the one in use."""
    if args.check or args.use:
        path = Path(args.check or args.use).resolve()
        try:
            cat = load_catalogue(path)
        except CatalogueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_INVALID
        print(f"{path}: {cat.label}, {len(cat.indicators)} indicators: the file is valid")
        if args.use:
            with unit_of_work(engine_of(args), actor_of(args)) as s:
                row = s.get(Setting, CATALOGUE_SETTING)
                if row is None:
                    s.add(Setting(key=CATALOGUE_SETTING, value=str(path)))
                else:
                    row.value = str(path)
            print("This install now uses it for new returns.")
        return 0
    with unit_of_work(engine_of(args), actor_of(args)) as s:
        cat = active_catalogue(s)
    print(f"{cat.label} ({cat.source}): {len(cat.indicators)} indicators")
    for k, n in sorted(describe(cat.indicators.values()).items()):
        print(f"  {k}: {n}")
    return 0


def cmd_return(args: argparse.Namespace) -> int:
    """Start, show, recount, fill in, submit or correct a monthly return."""
    engine, actor = engine_of(args), actor_of(args)
    today = date.today()
    with unit_of_work(engine, actor) as s:
        cat = active_catalogue(s)
        body = _body(s, args)
        if args.action == "start":
            ret = rt.start_return(s, cat, body, month=args.month, today=today)
            print(f"Started the {args.month} return of {body.name} (version {ret.version_no}).")
            return 0
        ret_or_none = rt.latest(s, body_code=body.code, month=args.month)
        if ret_or_none is None:
            raise NotFound(f"no {args.month} return of {body.name}: start it first")
        ret = ret_or_none
        if args.action == "fill":
            rt.fill_computed(s, cat, ret, today=today)
            print("Counted again from the case records.")
        elif args.action == "enter":
            row: dict[str, Any] = {}
            for pair in args.values:
                sg, _, v = pair.partition("=")
                row[sg] = v
            entries = {args.indicator: row} if args.indicator else {}
            rt.save_entries(s, cat, ret, entries=entries, remarks=_remarks(args))
            print("Saved.")
        elif args.action == "submit":
            signer = None
            key = outbox.own_key_row(s, role="institution") or outbox.own_key_row(
                s, role="district"
            )
            if key is not None:
                keys = outbox.load_own_keys(
                    s,
                    data_dir=resolve_data_dir(args.data_dir),
                    role=key.role,
                    passphrase=_passphrase(args) if key.storage == "file" else None,
                )
                signer = sync_cpmis.return_signer(keys)
            if args.remark:
                rt.save_entries(s, cat, ret, entries={}, remarks=_remarks(args))
            notes = rt.submit_return(s, cat, ret, today=today, signer=signer)
            print(
                f"Submitted the {ret.month} return (version {ret.version_no})"
                + (", signed" if signer else ", not signed (no key on this install)")
                + "."
            )
            _print_findings(notes)
        elif args.action == "correct":
            new = rt.correct_return(s, ret, reason=args.reason or "")
            print(f"Version {new.version_no} opened as a correction.")
        else:
            print(f"{body.name}, {ret.month}, version {ret.version_no}: {ret.status}")
            if ret.review_reason:
                print(f"  the district says: {ret.review_reason}")
            for ind in cat.for_body(body.body_type, body.cci_type):
                shown = ret.figures.get(ind.id)
                if shown:
                    origin = ret.origins.get(ind.id, "")
                    values = ", ".join(f"{k}={v:g}" for k, v in shown.items())
                    print(f"  {ind.id} [{origin}]: {values}")
            _print_findings(rt.check_return(s, cat, ret))
    return 0


def cmd_quarter(args: argparse.Namespace) -> int:
    """Make a body's quarter from its returns, keep it, and print its key figures."""
    q = parse_quarter(args.quarter)
    with unit_of_work(engine_of(args), actor_of(args)) as s:
        cat = active_catalogue(s)
        body = _body(s, args)
        table = save_body_quarter(s, cat, body, q)
    print(f"{body.name}, {q}:")
    for ind in cat.indicators.values():
        cell = table.get(ind.id, {}).get("total")
        if ind.key and cell is not None and cell.value is not None:
            extra = f" ({cell.num:g} of {cell.den:g})" if ind.unit == "percent" and cell.den else ""
            print(f"  {ind.name_en}: {cell.value:.{ind.decimals}f}{extra}")
    return 0


def cmd_decisions(args: argparse.Namespace) -> int:
    """A CCI reads the district's signed decisions on its returns from the stick."""
    with unit_of_work(engine_of(args), actor_of(args)) as s:
        inst = local_institution_or_none(s)
        if inst is None:
            raise ServiceError("this install has no CCI")
        out = sync_cpmis.import_notices(
            s, folder=Path(args.folder), institution_uuid=str(inst.uuid)
        )
    for month, version, status in out.applied:
        print(f"{month} (version {version}): {status}")
    print(f"{len(out.applied)} decision(s) recorded, {out.repeated} already known.")
    for name, why in out.refused:
        print(f"not taken: {name}: {why}", file=sys.stderr)
    return EXIT_INVALID if out.refused else 0


def _office(args: argparse.Namespace) -> tuple[Any, Any, Path, int]:
    engine, actor = engine_of(args), actor_of(args)
    data_dir = resolve_data_dir(args.data_dir)
    with unit_of_work(engine, actor) as s:
        code = district_office.office_district(s)
    if code is None:
        raise ServiceError("this install is not a district office: run `clms sync district init`")
    return engine, actor, data_dir, code


def cmd_district(args: argparse.Namespace) -> int:
    """The district office: received returns, decisions, notices to the stick, consolidation."""
    engine, actor, data_dir, code = _office(args)
    view = district_office.open_view(data_dir)
    received = sync_cpmis.received_returns(view, district_code=code)
    if args.district_cmd == "returns":
        with unit_of_work(engine, actor) as s:
            from desktop.services.cpmis.review import decisions, effective_status

            decided = decisions(s)
            for r in received:
                print(
                    f"{r.uuid}  {r.body_name}  {r.month} v{r.version_no}  "
                    f"{effective_status(r, decided)}  signature {r.signature_check}"
                )
        return 0
    if args.district_cmd == "decide":
        hit = [r for r in received if r.uuid == args.uuid]
        if not hit:
            raise NotFound(f"no return {args.uuid} among those received")
        with unit_of_work(engine, actor) as s:
            decide(s, received=hit[-1], decision=args.decision, reason=args.reason)
        print(f"{hit[-1].body_name} {hit[-1].month}: {args.decision}")
        return 0
    if args.district_cmd == "notices":
        with unit_of_work(engine, actor) as s:
            row = outbox.own_key_row(s, role="district")
            keys = outbox.load_own_keys(
                s,
                data_dir=data_dir,
                role="district",
                passphrase=_passphrase(args) if row is not None and row.storage == "file" else None,
            )
            n = sync_cpmis.write_notices(s, keys=keys, folder=Path(args.folder))
        print(f"{n} decision(s) written to {args.folder} for the CCIs.")
        return 0
    q = parse_quarter(args.quarter)
    with unit_of_work(engine, actor) as s:
        cat = active_catalogue(s)
        dq = sync_cpmis.consolidate_district(
            s, view, cat, quarter=q, state=args.state, district=code
        )
    print(
        f"Consolidated {q} for district {code}: {dq.district.bodies} bodies, "
        f"{len(dq.inputs)} returns."
    )
    for p in dq.provisional:
        print(f"  provisional: {p}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write a DevInfo Data Entry Spreadsheet of stored quarters."""
    with unit_of_work(engine_of(args), actor_of(args)) as s:
        cat = active_catalogue(s)
        res = export_des(
            s,
            cat,
            path=Path(args.output),
            periods=args.quarter,
            area_id=args.area,
            lang=args.lang,
            progress=progress("indicators", quiet=args.quiet),
        )
    print(f"Wrote {res.rows} values on {res.sheets} sheet(s) to {res.path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Read a DevInfo Data Entry Spreadsheet (or analysed sheets in its layout)."""
    with unit_of_work(engine_of(args), actor_of(args)) as s:
        cat = active_catalogue(s)
        rep = import_des(
            s,
            cat,
            path=Path(args.file),
            dry_run=args.dry_run,
            partial=args.partial,
            progress=progress("sheets", quiet=args.quiet),
        )
    print(rep.summary())
    return EXIT_INVALID if rep.problems else 0


def cmd_factsheet(args: argparse.Namespace) -> int:
    """Make the quarterly factsheet PDF of an area."""
    q = parse_quarter(args.quarter)
    actor = actor_of(args)  # asked once, before the transaction (a login writes)
    with unit_of_work(engine_of(args), actor) as s:
        cat = active_catalogue(s)
        area = args.area
        if area is None:
            inst = local_institution_or_none(s)
            if inst is None:
                raise ServiceError("say which area with --area (e.g. IND010212)")
            area = cci_body(cat, inst).area.id
        data = factsheet_data(s, cat, area_id=area, quarter=q, lang=args.lang)
        by = actor.label
    Path(args.output).write_bytes(factsheet_pdf(data, made_by=by))
    print(f"Factsheet of {data.area.name} for {q} written to {args.output}")
    return 0


def add_commands(sub: Any) -> None:
    """Register `clms cpmis ...`."""
    c = sub.add_parser("cpmis", help="CPMIS quarterly returns, DevInfo spreadsheets, factsheets")
    cs = c.add_subparsers(dest="cpmis_cmd", required=True)
    p = cs.add_parser("catalogue", help="the indicator catalogue in use, or check a state's file")
    p.add_argument("--check", help="check a catalogue file (errors name the key and line)")
    p.add_argument("--use", help="check a catalogue file and use it for new returns")
    p.set_defaults(fn=cmd_catalogue)
    p = cs.add_parser("return", help="a monthly return: start, show, fill, enter, submit, correct")
    p.add_argument("action", choices=["start", "show", "fill", "enter", "submit", "correct"])
    p.add_argument("month", help="YYYY-MM")
    p.add_argument("indicator", nargs="?", help="enter: the indicator id")
    p.add_argument("values", nargs="*", help="enter: SUBGROUP=VALUE ...")
    p.add_argument("--body", help="cwc:DISTRICT:N or jjb:DISTRICT:N at a district office")
    p.add_argument("--state", type=int, default=10, help="LGD state code of a district office")
    p.add_argument("--reason", help="correct: why the return is corrected")
    p.add_argument("--passphrase-file", help="submit: the key file's passphrase")
    p.add_argument(
        "--remark", action="append", help="KEY=TEXT: answer a question of the checks (repeat)"
    )
    p.set_defaults(fn=cmd_return)
    p = cs.add_parser("quarter", help="make and keep a body's quarter from its returns")
    p.add_argument("quarter", help="2026-Q3 or 2026.07-2026.09")
    p.add_argument("--body")
    p.add_argument("--state", type=int, default=10)
    p.set_defaults(fn=cmd_quarter)
    p = cs.add_parser("decisions", help="a CCI: read the district's decisions from the USB stick")
    p.add_argument("folder")
    p.set_defaults(fn=cmd_decisions)
    p = cs.add_parser("district", help="a district office: review and consolidate")
    ds = p.add_subparsers(dest="district_cmd", required=True)
    d = ds.add_parser("returns", help="the CCIs' returns received, with their state")
    d.set_defaults(fn=cmd_district)
    d = ds.add_parser("decide", help="accept or return a CCI's return")
    d.add_argument("uuid")
    d.add_argument("decision", choices=["accepted", "returned"])
    d.add_argument("--reason")
    d.set_defaults(fn=cmd_district)
    d = ds.add_parser("notices", help="write the decisions to the USB stick for the CCIs")
    d.add_argument("folder")
    d.add_argument("--passphrase-file")
    d.set_defaults(fn=cmd_district)
    d = ds.add_parser("consolidate", help="consolidate the district's quarter")
    d.add_argument("quarter")
    d.add_argument("--state", type=int, default=10)
    d.set_defaults(fn=cmd_district)
    p = cs.add_parser("export-des", help="write a DevInfo Data Entry Spreadsheet")
    p.add_argument("--quarter", action="append", required=True, help="repeat for several")
    p.add_argument("--area", help="an area id (e.g. IND010212) and everything under it")
    p.add_argument("--lang", choices=["en", "hi"], default="en")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(fn=cmd_export)
    p = cs.add_parser("import-des", help="read a DevInfo Data Entry Spreadsheet")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    p.add_argument("--partial", action="store_true", help="keep the good rows")
    p.set_defaults(fn=cmd_import)
    p = cs.add_parser("factsheet", help="the quarterly factsheet PDF of an area")
    p.add_argument("--quarter", required=True)
    p.add_argument("--area", help="area id (default: this install's CCI)")
    p.add_argument("--lang", choices=["en", "hi"], default="en")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(fn=cmd_factsheet)
