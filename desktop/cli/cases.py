"""`clms` commands over the case records: set-up, demo data, import, export, search, show,
duplicates and review flags."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    EXIT_INVALID,
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    actor_of,
    engine_of,
    print_recovery_key_once,
    progress,
)
from desktop.cli.explain import explain_text
from desktop.models.enums import InstitutionType
from desktop.paths import resolve_data_dir
from desktop.rules.scan import default_workers
from desktop.services.cases.children import get_child
from desktop.services.cases.record import child_record, format_record
from desktop.services.core import lgd
from desktop.services.core.audit import record_access
from desktop.services.core.context import unit_of_work
from desktop.services.core.validation import parse_date
from desktop.services.demo.generate import generate_demo
from desktop.services.exchange.exporter import export_csv, export_json
from desktop.services.exchange.import_duplicates import (
    MIN_SCORE,
    DuplicatePolicy,
    parse_row_choices,
)
from desktop.services.exchange.importer import import_file
from desktop.services.find.duplicates import Probe, find_duplicates
from desktop.services.find.search import search_children
from desktop.services.flags.evaluate import evaluate_all
from desktop.services.flags.store import OPEN, explain, list_flags
from desktop.services.install.institution import note_recovery_key_shown, setup_institution


def cmd_init(args: argparse.Namespace) -> int:
    """Set up this install for an institution."""

    engine = engine_of(args)
    actor = actor_of(args)
    with unit_of_work(engine, actor) as s:
        inst, warning = setup_institution(
            s,
            name=args.name,
            type=args.type,
            state=args.state,
            district=args.district,
            registration_no=args.registration_no,
            code=args.institution_no,
            name_local=args.name_local,
            capacity_boys=args.capacity_boys,
            capacity_girls=args.capacity_girls,
        )
        district = lgd.district_name(inst.state_code, inst.district_code)
        print(f"Set up {inst.name} ({inst.type}), {district}, {lgd.states()[inst.state_code]}")
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Data folder: {resolve_data_dir(args.data_dir)}")
    if print_recovery_key_once(args):
        with unit_of_work(engine, actor, rules=False) as s:
            note_recovery_key_shown(s, where="set-up (clms init)")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Add invented training children."""

    engine = engine_of(args)
    as_of = parse_date(args.as_of) if args.as_of else None
    started = time.monotonic()
    with unit_of_work(engine, actor_of(args)) as s:
        result = generate_demo(
            s,
            children=args.children,
            seed=args.seed,
            as_of=as_of,
            progress=progress("children", quiet=args.quiet),
            cpmis_quarters=args.cpmis_quarters,
        )
    secs = time.monotonic() - started
    print(
        f"Added {result.children} demo children ({result.records} records) in {secs:.1f} s; "
        f"{result.clts_cases} of them rescued from child labour (CLTS cases)"
    )
    if result.cpmis_returns:
        print(
            f"Added {result.cpmis_returns} CPMIS monthly returns ({args.cpmis_quarters} quarters) "
            "and invented district figures for the state"
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import a register (CSV/XLSX) or full records (JSON)."""

    mapping = None
    if args.mapping:
        mapping = json.loads(Path(args.mapping).read_text(encoding="utf-8"))
    path = Path(args.file)
    if not path.exists():
        print(f"error: no such file: {path}", file=sys.stderr)
        return EXIT_NOT_FOUND
    try:
        policy = DuplicatePolicy(
            action=args.duplicates,
            rows=parse_row_choices(args.duplicate_row or []),
            min_score=args.duplicate_score,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    engine = engine_of(args)
    with unit_of_work(engine, actor_of(args)) as s:
        report = import_file(
            s,
            path,
            dry_run=args.dry_run,
            partial=args.partial,
            mapping=mapping,
            progress=progress("rows", quiet=args.quiet),
            duplicates=policy,
        )
    print(report.summary())
    return EXIT_INVALID if report.problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export all children as JSON full records or a CSV register."""

    engine = engine_of(args)
    out = Path(args.output) if args.output else None
    with unit_of_work(engine, actor_of(args)) as s:
        fn = export_json if args.format == "json" else export_csv
        if out is None:
            n = fn(s, sys.stdout)
        else:
            n = fn(s, out)
    print(f"Exported {n} children", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Find children by name (either script), code or guardian name."""

    engine = engine_of(args)
    with unit_of_work(engine, actor_of(args)) as s:
        hits = search_children(s, args.text, limit=args.limit)
    if args.json:
        print(json.dumps([h.__dict__ for h in hits], default=str, ensure_ascii=False, indent=1))
        return 0 if hits else EXIT_NOT_FOUND
    if not hits:
        print(f"No child matches '{args.text}'.")
        return EXIT_NOT_FOUND
    for h in hits:
        local = f"  {h.name_local}" if h.name_local else ""
        print(f"{h.code}  {h.name}{local}  ({h.gender}, born {h.dob:%d-%m-%Y}, {h.status})")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one child's whole record (Aadhaar masked)."""

    engine = engine_of(args)
    with unit_of_work(engine, actor_of(args)) as s:
        record = child_record(s, args.code, today=date.today())
        # Reading a whole record is audited like opening the profile in the window.
        record_access(s, action="viewed record", child=get_child(s, args.code), detail="clms show")
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=1, default=str))
    else:
        print(format_record(record))
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    """Check for possible duplicates before registering a child."""

    engine = engine_of(args)
    probe = Probe(
        first_name=args.first_name,
        last_name=args.last_name,
        name_local=args.name_local,
        gender=args.gender,
        dob=parse_date(args.dob) if args.dob else None,
        dob_estimated=args.estimated,
        guardian_names=tuple(args.guardian or ()),
    )
    with unit_of_work(engine, actor_of(args)) as s:
        found = [c for c in find_duplicates(s, probe) if c.status != "merged"]
    if not found:
        print("No likely duplicates.")
        return 0
    for c in found:
        print(f"{c.score:5.1f}  {c.code}  {c.name}  {c.name_local or ''}")
        for r in c.reasons:
            print(f"        - {r}")
    return 0


def cmd_flags(args: argparse.Namespace) -> int:
    """Evaluate the rules and list review flags, or explain every rule for one child."""

    engine = engine_of(args)
    as_of = parse_date(args.as_of) if args.as_of else date.today()
    assert as_of is not None
    # A date other than today is a "what if": computed, shown, and never stored.
    keep = args.as_of is None or as_of == date.today()
    with unit_of_work(engine, actor_of(args), rules=False, as_of=as_of) as s:
        if args.explain:
            child = get_child(s, args.explain)
            facts, verdicts = explain(s, child, as_of=as_of)
            out = explain_text(
                child.code, as_of, facts, verdicts, as_json=args.json, lang=args.lang
            )
            print(out)
            s.rollback()
            return 0

        # Several processes only when nothing is stored (what-if) or this session wrote nothing.
        summary = evaluate_all(s, as_of=as_of, workers=default_workers())
        child_id = get_child(s, args.child).id if args.child else None
        statuses = ("open", "acknowledged", "escalated", "resolved") if args.all else OPEN
        rows = list_flags(
            s, statuses=statuses, child_id=child_id, rule_id=args.rule, lang=args.lang
        )
        if args.json:
            print(json.dumps([r.__dict__ for r in rows], default=str, ensure_ascii=False, indent=1))
        else:
            for r in rows:
                print(
                    f"{r.due_on:%d-%m-%Y}  {r.severity:<8} {r.level:<8} {r.code}  "
                    f"{r.child_name}: {r.explanation}"
                )
            raised = sum(summary.raised.values())
            resolved = sum(summary.resolved.values())
            done = "resolved now" if keep else "resolved: a what-if run, nothing stored"
            print(
                f"{len(rows)} flags as of {as_of:%d-%m-%Y} ({summary.children} children in "
                f"care checked; {raised} raised, {resolved} {done})",
                file=sys.stderr,
            )
        if not keep:
            s.rollback()
    return 0


def add_commands(sub: Any) -> None:
    """Add the case commands to the `clms` parser (`sub` from add_subparsers)."""
    s = sub.add_parser("init", help="set up this install for an institution")
    s.add_argument("--name", required=True)
    s.add_argument("--name-local", help="the name in Hindi or the local script")
    s.add_argument("--type", required=True, choices=[t.value for t in InstitutionType])
    s.add_argument("--state", required=True, type=int, help="LGD state code (Bihar = 10)")
    s.add_argument("--district", required=True, type=int, help="LGD district code (Patna = 212)")
    s.add_argument("--registration-no", required=True, help="JJ Act registration number")
    s.add_argument(
        "--institution-no", type=int, default=1, help="number of the CCI in the district"
    )
    s.add_argument("--capacity-boys", type=int, default=0)
    s.add_argument("--capacity-girls", type=int, default=0)
    s.set_defaults(fn=cmd_init)

    s = sub.add_parser("demo", help="add invented training children")
    s.add_argument("--children", type=int, required=True)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--as-of", help="the 'today' of the demo data (default: today)")
    s.add_argument(
        "--cpmis-quarters",
        type=int,
        default=8,
        help="past quarters of CPMIS returns to invent (default 8; 0 for none)",
    )
    s.set_defaults(fn=cmd_demo)

    s = sub.add_parser("import", help="import a CSV/XLSX register or JSON full records")
    s.add_argument("file")
    s.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    s.add_argument("--partial", action="store_true", help="keep the good rows if some are bad")
    s.add_argument("--mapping", help="JSON file mapping column headers to field names")
    s.add_argument(
        "--duplicates",
        choices=["add", "skip", "link", "off"],
        default="add",
        help="a row likely the same child as an existing one or an earlier row: add it "
        "anyway (default; listed in the report), skip it, or link it (merge it into that "
        "child, keeping its guardians and history); off: no check",
    )
    s.add_argument(
        "--duplicate-row",
        action="append",
        metavar="N=skip|link|add",
        help="the choice for one row (repeatable), over --duplicates",
    )
    s.add_argument(
        "--duplicate-score",
        type=float,
        default=MIN_SCORE,
        help=f"the score from which a row counts as a likely duplicate (default {MIN_SCORE:.0f})",
    )
    s.set_defaults(fn=cmd_import)

    s = sub.add_parser("export", help="export all children")
    s.add_argument("--format", choices=["json", "csv"], default="json")
    s.add_argument("-o", "--output", help="file to write (default: standard output)")
    s.set_defaults(fn=cmd_export)

    s = sub.add_parser("search", help="find children by name, code or guardian")
    s.add_argument("text")
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_search)

    s = sub.add_parser("show", help="print one child's record")
    s.add_argument("code")
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_show)

    s = sub.add_parser("flags", help="evaluate the rules and list review flags")
    s.add_argument("--as-of", help="evaluate as of this date (not stored unless today)")
    s.add_argument("--child", help="only this child's flags (code)")
    s.add_argument("--rule", help="only this rule's flags (rule id)")
    s.add_argument("--all", action="store_true", help="include resolved flags")
    s.add_argument(
        "--explain",
        metavar="CODE",
        help="every rule's verdict for one child, and each ground of the adoption evaluation",
    )
    s.add_argument("--lang", choices=["en", "hi"], default="en")
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_flags)

    s = sub.add_parser("duplicates", help="look for a child before registering them")
    s.add_argument("--first-name", required=True)
    s.add_argument("--last-name")
    s.add_argument("--name-local")
    s.add_argument("--gender", choices=["female", "male", "transgender"])
    s.add_argument("--dob", help="date of birth (YYYY-MM-DD)")
    s.add_argument("--estimated", action="store_true", help="the date of birth is estimated")
    s.add_argument("--guardian", action="append", help="a guardian's name (repeatable)")
    s.set_defaults(fn=cmd_duplicates)
    add_merge_command(sub)


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge two records of one child: KEEP stays, GONE becomes a pointer to it."""
    from desktop.services.cases.merge import merge_children, merge_rows, parse_choices

    engine = engine_of(args)
    if args.undo:
        return _undo_merge(args)
    if not (args.keep and args.gone):
        print("Give the codes of both records: clms merge KEEP GONE (or --undo GONE)")
        return 2
    take = parse_choices(args.field or [])
    with unit_of_work(engine, actor_of(args)) as s:
        keep, gone = get_child(s, args.keep), get_child(s, args.gone)
        rows = merge_rows(keep, gone)
        chosen = {r.field: take.get(r.field, r.default) for r in rows}
        print(f"{'':24}{'KEEP ' + keep.code:<34}{'GONE ' + gone.code}")
        for r in rows:
            mark = "" if r.same else ("  <- gone" if chosen[r.field] == "gone" else "  <- keep")
            print(f"{r.label:<24}{r.keep_text[:32]:<34}{r.gone_text[:32]}{mark}")
        if args.dry_run:
            print("Dry run: Nothing was written.")
            s.rollback()
            return 0
        result = merge_children(s, keep, gone, take=chosen, reason=args.reason, today=date.today())
    print(result.summary())
    return 0


def _undo_merge(args: argparse.Namespace) -> int:
    """`clms merge --undo GONE --reason TEXT`: GONE is a child of its own again."""
    from desktop.services.cases.merge import undo_merge

    with unit_of_work(engine_of(args), actor_of(args)) as s:
        gone = get_child(s, args.undo)
        if args.dry_run:
            print(f"Dry run: would undo the merge of {gone.code}. Nothing was written.")
            return 0
        result = undo_merge(s, gone, reason=args.reason, today=date.today())
    print(result.summary())
    return 0


def add_merge_command(sub: Any) -> None:
    """`clms merge KEEP GONE --field name=gone ... --reason TEXT`, or
    `clms merge --undo GONE --reason TEXT`."""
    s = sub.add_parser(
        "merge",
        help="merge two records of the same child in this home (superintendent)",
        description="KEEP stays; GONE's history moves to it and GONE then points to KEEP. "
        "Each field keeps KEEP's value unless KEEP's is empty or --field FIELD=gone says "
        "otherwise (fields: name, first_name, last_name, name_local, gender, dob, aadhaar, "
        "photo, identification_marks, disability, languages, admission_date, referral, "
        "admission_order_no, produced_before_cwc_on, medical_exam_on).",
    )
    s.add_argument("keep", nargs="?", help="code of the record to keep")
    s.add_argument("gone", nargs="?", help="code of the record merged into it")
    s.add_argument(
        "--undo",
        metavar="GONE",
        help="undo the merge of this merged-away record: it is a child of its own again "
        "and the records that came from it move back (needs --reason)",
    )
    s.add_argument("--field", action="append", metavar="FIELD=keep|gone")
    s.add_argument("--reason", help="why these are the same child (needed to merge), or why undone")
    s.add_argument("--dry-run", action="store_true", help="show both records, write nothing")
    s.set_defaults(fn=cmd_merge)
