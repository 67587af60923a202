"""`clms` commands for backups (choose the folder, back up now, list, check, restore) and for
requests waiting for approval (list, approve, return, withdraw): the same services as
Settings → Backups and the Pending approvals screen."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.cli.common import EXIT_INVALID, actor_of, engine_of, progress
from desktop.core.dbfile import DB_FILENAME
from desktop.db import open_database
from desktop.paths import resolve_data_dir
from desktop.services.cases import approvals
from desktop.services.core import backup
from desktop.services.core.context import SYSTEM, unit_of_work
from desktop.services.core.permissions import Permission, require


def _when(at: datetime | None) -> str:
    """A time in the computer's local time, DD-MM-YYYY HH:MM (as the window shows it)."""
    if at is None:
        return "-"
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone().strftime("%d-%m-%Y %H:%M")


def _counts(info: backup.BackupInfo) -> str:
    c = info.counts
    return (
        f"{c.get('children', 0)} children ({c.get('in_care', 0)} in care), "
        f"{c.get('documents', 0)} documents, {len(info.attachments)} scans and photos"
    )


def cmd_backup_folder(args: argparse.Namespace) -> int:
    """Choose the backup folder (a USB drive) and how many copies to keep."""
    engine = engine_of(args)
    with unit_of_work(engine, actor_of(args), rules=False) as s:
        keep = args.keep if args.keep is not None else backup.backup_settings(s).keep
        backup.set_backup_settings(s, folder=args.folder, keep=keep)
        settings = backup.backup_settings(s)
    print(f"Backups go to {settings.folder or '(no folder)'}; the newest {settings.keep} are kept")
    return 0


def cmd_backup_now(args: argparse.Namespace) -> int:
    """Back the database and attachments up now (into the chosen folder or --folder)."""
    engine = engine_of(args)
    actor = actor_of(args)
    with unit_of_work(engine, actor, rules=False) as s:
        require(s, Permission.BACKUP)
        settings = backup.backup_settings(s)
    folder = Path(args.folder) if args.folder else settings.folder
    if folder is None:
        raise backup.BackupError(
            "no backup folder is chosen: give --folder, or `clms backup folder PATH`"
        )
    at = datetime.now(UTC)
    data_dir = resolve_data_dir(args.data_dir)
    try:
        info = backup.make_backup(
            data_dir,
            folder,
            keep=settings.keep,
            now=at,
            progress=progress("database pages", quiet=args.quiet, least=2),
        )
    except backup.BackupError as exc:
        with unit_of_work(engine, SYSTEM, rules=False) as s:
            backup.record_backup(s, info=None, error=str(exc), at=at)
        raise
    with unit_of_work(engine, actor, rules=False) as s:
        backup.record_backup(s, info=info, error=None, at=at)
    print(f"Backed up to {info.path}: {_counts(info)}")
    return 0


def cmd_backup_list(args: argparse.Namespace) -> int:
    """The backups in the chosen folder (or --folder), newest first."""
    folder = Path(args.folder) if args.folder else None
    if folder is None:
        with unit_of_work(engine_of(args), actor_of(args), rules=False) as s:
            folder = backup.backup_settings(s).folder
    if folder is None:
        raise backup.BackupError("no backup folder is chosen: give --folder")
    found = backup.list_backups(folder)
    if args.json:
        print(json.dumps([_info_json(i) for i in found], ensure_ascii=False, indent=1))
        return 0
    if not found:
        print(f"No backups in {folder}")
    for info in found:
        print(f"{info.path.name}  {_when(info.created_at)}  {info.institution}  {_counts(info)}")
    return 0


def _info_json(info: backup.BackupInfo) -> dict[str, Any]:
    return {
        "path": str(info.path),
        "created_at": info.created_at.isoformat() if info.created_at else None,
        "institution": info.institution,
        "registration_no": info.registration_no,
        "schema": info.schema,
        "counts": info.counts,
        "attachments": len(info.attachments),
        "problems": info.problems,
    }


def cmd_backup_check(args: argparse.Namespace) -> int:
    """Check one backup fully (its database, its hash, its scans) and say what it holds."""
    info = backup.inspect_backup(Path(args.backup))
    if args.json:
        print(json.dumps(_info_json(info), ensure_ascii=False, indent=1))
    else:
        print(f"{info.path.name}: made {_when(info.created_at)}, {info.institution}")
        print(f"  {_counts(info)}; schema {info.schema}")
        for p in info.problems:
            print(f"  problem: {p}")
        print("  can be restored" if info.ok else "  cannot be restored")
    return 0 if info.ok else EXIT_INVALID


def cmd_backup_restore(args: argparse.Namespace) -> int:
    """Restore a backup: into an empty data folder at once (a new computer), else made ready
    to replace the database the next time CLMS starts."""
    data_dir = resolve_data_dir(args.data_dir)
    path = Path(args.backup)
    if not (data_dir / DB_FILENAME).exists():
        backup.restore_backup(path, data_dir, requested_by="command line")
        engine = open_database(data_dir)
        with unit_of_work(engine, SYSTEM, rules=False) as s:
            backup.finish_restore(s, data_dir)
        print(f"Restored {path.name} into {data_dir}")
        return 0
    engine = engine_of(args)
    actor = actor_of(args)
    with unit_of_work(engine, actor, rules=False) as s:
        require(s, Permission.BACKUP)
    info = backup.inspect_backup(path)
    backup.restore_backup(path, data_dir, requested_by=actor.label)
    with unit_of_work(engine, actor, rules=False) as s:
        backup.record_restore_requested(s, info)
    print(
        f"{path.name} is ready: it replaces the database the next time CLMS starts "
        "(the database it replaces is kept in the data folder's backups)"
    )
    return 0


def _request_line(r: approvals.RequestRow) -> str:
    details = "; ".join(f"{k}: {v}" for k, v in r.details.items() if v not in (None, ""))
    return (
        f"#{r.id}  {_when(r.requested_at)}  {r.child_code} {r.child_name}  "
        f"{r.kind.replace('_', ' ')}  ({details})  asked by {r.requested_by}"
    )


def cmd_approvals_list(args: argparse.Namespace) -> int:
    """Requests waiting for a decision, oldest first."""
    with unit_of_work(engine_of(args), actor_of(args), rules=False) as s:
        rows = approvals.pending_requests(s)
    if args.json:
        out = [
            {
                "id": r.id,
                "child_code": r.child_code,
                "kind": r.kind,
                "details": r.details,
                "requested_by": r.requested_by,
                "requested_at": r.requested_at.isoformat(),
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=1, default=str))
        return 0
    if not rows:
        print("Nothing is waiting for approval")
    for r in rows:
        print(_request_line(r))
    return 0


def cmd_approvals_decide(args: argparse.Namespace) -> int:
    """Approve, return (with a reason) or withdraw one request."""
    with unit_of_work(engine_of(args), actor_of(args)) as s:
        req = approvals.request_by_id(s, args.id)
        if args.approvals_command == "approve":
            approvals.approve_request(s, req, note=args.note)
            done = "Approved"
        elif args.approvals_command == "return":
            approvals.return_request(s, req, reason=args.reason)
            done = "Returned"
        else:
            approvals.withdraw_request(s, req, reason=args.reason)
            done = "Withdrew"
        print(f"{done} request #{req.id} ({req.kind.replace('_', ' ')})")
    return 0


def add_commands(sub: Any) -> None:
    """Add this area's sub-commands to the `clms` parser (`sub` from add_subparsers)."""
    b = sub.add_parser("backup", help="backups of the database and scans").add_subparsers(
        dest="backup_command", required=True, metavar="ACTION"
    )
    s = b.add_parser("folder", help="choose the backup folder (a USB drive)")
    s.add_argument("folder", help="the folder; '' for none")
    s.add_argument("--keep", type=int, help="how many backups to keep there")
    s.set_defaults(fn=cmd_backup_folder)
    s = b.add_parser("now", help="back up now")
    s.add_argument("--folder", help="this folder instead of the chosen one")
    s.set_defaults(fn=cmd_backup_now)
    s = b.add_parser("list", help="the backups in the folder, newest first")
    s.add_argument("--folder", help="this folder instead of the chosen one")
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_backup_list)
    s = b.add_parser("check", help="check one backup and say what it holds")
    s.add_argument("backup", help="a CLMS-backup-… folder")
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_backup_check)
    s = b.add_parser("restore", help="restore a backup (at once into an empty data folder)")
    s.add_argument("backup", help="a CLMS-backup-… folder")
    s.set_defaults(fn=cmd_backup_restore)

    a = sub.add_parser("approvals", help="requests waiting for approval").add_subparsers(
        dest="approvals_command", required=True, metavar="ACTION"
    )
    s = a.add_parser("list", help="requests waiting, oldest first")
    s.add_argument("--json", action="store_true")
    s.set_defaults(fn=cmd_approvals_list)
    s = a.add_parser("approve", help="approve a request: the change is made")
    s.add_argument("id", type=int)
    s.add_argument("--note", help="a note kept with the decision")
    s.set_defaults(fn=cmd_approvals_decide)
    s = a.add_parser("return", help="return a request with the reason")
    s.add_argument("id", type=int)
    s.add_argument("--reason", required=True)
    s.set_defaults(fn=cmd_approvals_decide)
    s = a.add_parser("withdraw", help="take back your own request")
    s.add_argument("id", type=int)
    s.add_argument("--reason")
    s.set_defaults(fn=cmd_approvals_decide)
