"""What every `clms` command shares: the database it opens, who acts, exit codes, progress.

Who acts: before any user exists on the install (first set-up), the command line acts as
an administrator named by the computer's login, so `clms init`, `clms user add` and
imports work. Once users exist, every command needs `--user NAME` (or $CLMS_USER) and
that user's password, from $CLMS_PASSWORD or asked on the terminal; it then acts with
that user's role and area, like the app. After a password reset, nothing runs until the
user has chosen their own password (`clms user passwd NAME`), as in the window.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable

from sqlalchemy import Engine

from desktop.core.about import VersionAction, version_line  # noqa: F401  (re-exported)
from desktop.db import open_database
from desktop.models.enums import Role
from desktop.paths import resolve_data_dir
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.services.install.users import has_users, login, must_change_password
from desktop.vault import store as vault

EXIT_USAGE, EXIT_INVALID, EXIT_NOT_FOUND, EXIT_TAMPERED = 2, 3, 4, 5


def engine_of(args: argparse.Namespace) -> Engine:
    """The command's database, opened (and migrated) once per command.

    Without an OS keyring the data passphrase comes from $CLMS_DATA_PASSPHRASE, or is
    asked on the terminal (twice, with its rules, when a new install chooses one).
    """
    engine: Engine | None = getattr(args, "engine_", None)
    if engine is None:
        data_dir = resolve_data_dir(args.data_dir)
        passphrase = None
        for _ in range(3):
            try:
                engine = args.engine_ = open_database(data_dir, passphrase=passphrase)
                break
            except vault.NeedsPassphrase as exc:
                if not sys.stdin.isatty():
                    raise ServiceError(
                        f"{exc} (set ${vault.PASSPHRASE_ENV} to give it without a terminal)"
                    ) from None
                print(exc, file=sys.stderr)
                passphrase = getpass.getpass("Data passphrase: ")
                if exc.new and getpass.getpass("Type it again: ") != passphrase:
                    print("The two passphrases are not the same.", file=sys.stderr)
                    passphrase = None
            except vault.KeyMissing as exc:
                raise ServiceError(f"{exc} Use `clms vault recover`.") from None
        if engine is None:
            raise ServiceError("the data passphrase was not given")
    return engine


def recovery_notice(key_text: str) -> str:
    """What is printed with the recovery key (once, at set-up)."""
    return (
        "RECOVERY KEY (shown only this once: write it down or print it, and keep it in the "
        "office safe):\n\n"
        f"    {key_text}\n\n"
        "It opens the case data if this computer loses its key (a new Windows profile, a "
        "repaired or new PC, a forgotten passphrase). Anyone holding it and a copy of the "
        "data folder can read the data: do not keep it on this computer."
    )


def print_recovery_key_once(args: argparse.Namespace) -> bool:
    """Print the recovery key if it was never shown (set-up); True if it was printed."""
    data_dir = resolve_data_dir(args.data_dir)
    engine_of(args)  # the key is unlocked with the database
    if not vault.recovery_pending(data_dir):
        return False
    print(recovery_notice(vault.unlock(data_dir).recovery_key()))
    vault.mark_recovery_shown(data_dir)
    return True


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
    actor = login(engine, username=name, password=password)
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        reset = must_change_password(s, actor.username)
    if reset:
        raise ServiceError(
            f"the password of {actor.username} was reset: choose your own first with "
            f"`clms user passwd {actor.username}` (it asks the password you were given)"
        )
    return actor


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
