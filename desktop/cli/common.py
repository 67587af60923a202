"""What every `clms` command shares: the database it opens, who acts, exit codes, progress.

Who acts: before any user exists on the install (first set-up), the command line acts as
an administrator named by the computer's login, so `clms init`, `clms user add` and
imports work. Once users exist, every command needs `--user NAME` (or $CLMS_USER) and
that user's password, from $CLMS_PASSWORD or asked on the terminal; it then acts with
that user's role and area, like the app.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable

from sqlalchemy import Engine

from desktop.db import head_revision, open_database
from desktop.models.enums import Role
from desktop.paths import resolve_data_dir
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.services.install.users import has_users, login

EXIT_USAGE, EXIT_INVALID, EXIT_NOT_FOUND, EXIT_TAMPERED = 2, 3, 4, 5


def version_line() -> str:
    """What `--version` prints: the release and the database schema it brings."""
    from desktop.version import __version__

    return f"CLMS Desktop {__version__} (database schema {head_revision()})"


class VersionAction(argparse.Action):
    """`--version`: print `version_line()` and exit (read only when asked for)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(version_line())
        parser.exit()


def engine_of(args: argparse.Namespace) -> Engine:
    """The command's database, opened (and migrated) once per command."""
    engine: Engine | None = getattr(args, "engine_", None)
    if engine is None:
        engine = args.engine_ = open_database(resolve_data_dir(args.data_dir))
    return engine


def command_line_actor(args: argparse.Namespace, engine: Engine) -> Actor:
    """The Actor a `clms` command runs as (see the module docstring)."""
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        anyone = has_users(s)
    name = getattr(args, "user", None) or os.environ.get("CLMS_USER")
    if not anyone:
        return Actor(name or getpass.getuser(), Role.ADMINISTRATOR, "command line")
    if not name:
        raise ServiceError(
            "this install has users: say who you are with --user NAME "
            "(the password is read from CLMS_PASSWORD or asked)"
        )
    password = os.environ.get("CLMS_PASSWORD")
    if password is None:
        password = getpass.getpass(f"Password for {name}: ")
    return login(engine, username=name, password=password)


def actor_of(args: argparse.Namespace) -> Actor:
    """Who the command acts as, on its database."""
    return command_line_actor(args, engine_of(args))


def progress(label: str, *, quiet: bool = False, least: int = 1) -> Callable[[int, int], None]:
    """A progress line on stderr that rewrites itself (nothing with --quiet or < `least`)."""
    start = time.monotonic()

    def report(done: int, total: int) -> None:
        if quiet or total < least:
            return
        pct = 100 * done / total if total else 100
        rate = done / max(time.monotonic() - start, 1e-6)
        end = "\n" if done >= total else ""
        print(f"\r{label}: {done}/{total} ({pct:.0f}%, {rate:,.0f}/s)", end=end, file=sys.stderr)

    return report
