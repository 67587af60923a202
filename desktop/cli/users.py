"""`clms` commands for users, passwords and the audit trail."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from desktop.cli.common import EXIT_TAMPERED, command_line_actor, engine_of
from desktop.models import AuditEvent
from desktop.models.enums import Role
from desktop.services.core.audit_chain import check_chain, describe, list_events
from desktop.services.core.context import unit_of_work
from desktop.services.core.permissions import Permission, require
from desktop.services.core.validation import parse_date
from desktop.services.install.users import (
    change_own_password,
    create_user,
    list_users,
    reset_password,
    unlock_user,
)


def _new_password(args: argparse.Namespace, prompt: str) -> str:
    """A new password from $CLMS_NEW_PASSWORD, or asked twice on the terminal."""
    env = os.environ.get("CLMS_NEW_PASSWORD")
    if env is not None:
        return env
    first = getpass.getpass(f"{prompt}: ")
    if getpass.getpass("Type it again: ") != first:
        raise ValueError("the two passwords are not the same")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    """Add a user (the first one may be added before anyone can log in)."""

    engine = engine_of(args)
    actor = command_line_actor(args, engine)
    password = _new_password(args, f"Password for {args.username}")
    with unit_of_work(engine, actor) as s:
        u = create_user(
            s,
            username=args.username,
            full_name=args.full_name,
            role=args.role,
            password=password,
            districts=args.district or (),
            state=args.state,
        )
        print(f"Added {u.username} ({u.full_name}), {u.role.replace('_', ' ')}")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    """List the users of this install."""

    engine = engine_of(args)
    with unit_of_work(engine, command_line_actor(args, engine)) as s:
        require(s, Permission.MANAGE_USERS)
        for u in list_users(s):
            state = "active" if u.active else "switched off"
            if u.locked_until is not None:
                state += f", locked until {u.locked_until:%d-%m-%Y %H:%M} UTC"
            area = f" districts {u.districts}" if u.districts else ""
            last = f"{u.last_login_at:%d-%m-%Y %H:%M}" if u.last_login_at else "never"
            print(
                f"{u.username:<16} {u.role:<18} {u.full_name:<24} {state}{area}; last login {last}"
            )
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    """Change your own password (the current one is checked like a login: counted, locked
    after too many wrong ones, audited)."""

    engine = engine_of(args)
    name = args.username or getattr(args, "user", None) or os.environ.get("CLMS_USER")
    if not name:
        raise ValueError("say whose password: clms --user NAME user passwd")
    old = os.environ.get("CLMS_PASSWORD")
    if old is None:
        old = getpass.getpass("Current password: ")
    new = _new_password(args, "New password")
    change_own_password(engine, username=name, old_password=old, new_password=new)
    print(f"Password changed for {name}.")
    return 0


def cmd_user_reset(args: argparse.Namespace) -> int:
    """Set a new password for someone who forgot theirs (superintendent or administrator)."""

    engine = engine_of(args)
    actor = command_line_actor(args, engine)
    new = _new_password(args, f"New password for {args.username}")
    with unit_of_work(engine, actor) as s:
        reset_password(s, username=args.username, new_password=new)
    print(f"Password reset for {args.username}; they choose their own at the next login.")
    return 0


def cmd_user_unlock(args: argparse.Namespace) -> int:
    """Lift a lockout after too many wrong passwords."""

    engine = engine_of(args)
    with unit_of_work(engine, command_line_actor(args, engine)) as s:
        unlock_user(s, username=args.username)
    print(f"{args.username} can log in again.")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    """Check the audit trail for edited, deleted, reordered or cut-off events."""

    engine = engine_of(args)
    with unit_of_work(engine, command_line_actor(args, engine)) as s:
        require(s, Permission.VIEW_AUDIT)
        result = check_chain(s)
        bad = s.get(AuditEvent, result.first_bad) if result.first_bad else None
        if result.ok:
            print(f"OK: {result.checked} audit events, the chain is intact.")
            if result.warning:
                print(f"warning: {result.warning}", file=sys.stderr)
            return 0
        print(f"TAMPERED: {result.problem}.", file=sys.stderr)
        if bad is not None:
            print(
                f"  first bad event: #{bad.id} {bad.at[:19]} {bad.actor}: {bad.action}",
                file=sys.stderr,
            )
        print(f"  ({result.checked} events read)", file=sys.stderr)
    return EXIT_TAMPERED


def cmd_audit_list(args: argparse.Namespace) -> int:
    """List audit events, newest first."""

    engine = engine_of(args)
    with unit_of_work(engine, command_line_actor(args, engine)) as s:
        events = list_events(
            s,
            user=args.by,
            child_code=args.child,
            since=parse_date(args.since) if args.since else None,
            until=parse_date(args.until) if args.until else None,
            action=args.action,
            limit=args.limit,
        )
        for ev in events:
            print(f"#{ev.id:<6} {ev.at[:19].replace('T', ' ')}  {ev.actor}: {ev.action}")
            if args.verbose:
                print(f"         {describe(ev)}")
        print(f"{len(events)} events", file=sys.stderr)
    return 0


def add_commands(sub: Any) -> None:
    """Add this area's sub-commands to the `clms` parser (`sub` from add_subparsers)."""
    u = sub.add_parser("user", help="users and passwords").add_subparsers(
        dest="user_command", required=True, metavar="ACTION"
    )
    s = u.add_parser("add", help="add a user (password from CLMS_NEW_PASSWORD or asked)")
    s.add_argument("username")
    s.add_argument("--full-name", required=True)
    s.add_argument("--role", required=True, choices=[r.value for r in Role])
    s.add_argument("--district", type=int, action="append", help="LGD district code (repeat)")
    s.add_argument("--state", type=int, help="LGD state code of an official")
    s.set_defaults(fn=cmd_user_add)
    s = u.add_parser("list", help="list users")
    s.set_defaults(fn=cmd_user_list)
    s = u.add_parser("passwd", help="change your own password")
    s.add_argument("username", nargs="?")
    s.set_defaults(fn=cmd_user_passwd)
    s = u.add_parser("reset", help="set a new password for a user")
    s.add_argument("username")
    s.set_defaults(fn=cmd_user_reset)
    s = u.add_parser("unlock", help="lift a lockout")
    s.add_argument("username")
    s.set_defaults(fn=cmd_user_unlock)

    a = sub.add_parser("audit", help="the audit trail").add_subparsers(
        dest="audit_command", required=True, metavar="ACTION"
    )
    s = a.add_parser("verify", help="detect edited, deleted, reordered or cut-off events")
    s.set_defaults(fn=cmd_audit_verify)
    s = a.add_parser("list", help="list events, newest first")
    s.add_argument("--by", "--user", dest="by", metavar="USER", help="only this user's actions")
    s.add_argument("--child", metavar="CODE", help="only this child's events")
    s.add_argument("--since", help="from this date (YYYY-MM-DD)")
    s.add_argument("--until", help="up to this date (YYYY-MM-DD)")
    s.add_argument("--action", help="only actions starting with this")
    s.add_argument("--limit", type=int, default=200)
    s.add_argument("-v", "--verbose", action="store_true", help="what each event changed")
    s.set_defaults(fn=cmd_audit_list)
