"""`clms vault`: the data key that encrypts this install's data (docs/security.md)."""

from __future__ import annotations

import argparse
import getpass
import os
from typing import Any

from desktop.cli.common import actor_of, engine_of, print_recovery_key_once
from desktop.db import recover_data
from desktop.paths import resolve_data_dir
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from desktop.services.core.permissions import Permission, require
from desktop.services.install.institution import note_recovery_key_shown
from desktop.vault import store as vault

RECOVERY_ENV = "CLMS_RECOVERY_KEY"


def cmd_status(args: argparse.Namespace) -> int:
    """Where the data key is kept, and whether the recovery key was given out."""
    data_dir = resolve_data_dir(args.data_dir)
    info = vault.read_info(data_dir)
    if info is None:
        print(f"{data_dir}: no data key yet (the data folder is not in use)")
        return 0
    where = (
        "the OS keyring"
        if info.store == "keyring"
        else f"the passphrase-protected file {vault.key_file(data_dir)}"
    )
    print(f"Data key {info.key_id}, kept in {where}.")
    print("Database files: encrypted (SQLCipher); scans and photos: sealed (AES-256-GCM).")
    if info.recovery_shown:
        print(f"Recovery key shown at set-up ({info.recovery_shown}).")
    else:
        print("The recovery key has not been given out yet: `clms vault recovery-key`.")
    return 0


def cmd_recovery_key(args: argparse.Namespace) -> int:
    """Show the recovery key, once (a superintendent or administrator)."""
    engine = engine_of(args)
    actor = actor_of(args)
    with unit_of_work(engine, actor) as s:
        require(s, Permission.MANAGE_USERS)
    if not print_recovery_key_once(args):
        info = vault.read_info(resolve_data_dir(args.data_dir))
        raise ServiceError(
            "the recovery key was shown already"
            + (f" ({info.recovery_shown})" if info and info.recovery_shown else "")
            + "; it is shown only once"
        )
    with unit_of_work(engine, actor, rules=False) as s:
        note_recovery_key_shown(s, where="command line")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    """Open the data with the recovery key and keep its key on this computer again."""
    data_dir = resolve_data_dir(args.data_dir)
    text = os.environ.get(RECOVERY_ENV) or getpass.getpass("Recovery key: ")
    passphrase = None
    if not vault.keyring_usable():
        passphrase = os.environ.get(vault.PASSPHRASE_ENV) or _new_passphrase()
    key = recover_data(data_dir, recovery_key=text, passphrase=passphrase)
    print(f"The data key {key.key_id} is kept on this computer again; the data opens.")
    return 0


def _new_passphrase() -> str:
    first = getpass.getpass("New passphrase for the data on this computer: ")
    if getpass.getpass("Type it again: ") != first:
        raise ValueError("the two passphrases are not the same")
    return first


def cmd_passphrase(args: argparse.Namespace) -> int:
    """Change the passphrase that protects the data key (computers without a keyring)."""
    data_dir = resolve_data_dir(args.data_dir)
    old = os.environ.get(vault.PASSPHRASE_ENV) or getpass.getpass("Current passphrase: ")
    new = os.environ.get("CLMS_NEW_DATA_PASSPHRASE") or _new_passphrase()
    vault.change_passphrase(data_dir, old=old, new=new)
    print("The data passphrase is changed.")
    return 0


def add_commands(sub: Any) -> None:
    """Add this area's sub-commands to the `clms` parser."""
    v = sub.add_parser("vault", help="the key that encrypts the data").add_subparsers(
        dest="vault_command", required=True, metavar="ACTION"
    )
    s = v.add_parser("status", help="where the data key is kept")
    s.set_defaults(fn=cmd_status)
    s = v.add_parser("recovery-key", help="show the recovery key (once, at set-up)")
    s.set_defaults(fn=cmd_recovery_key)
    s = v.add_parser("recover", help=f"open the data with the recovery key (or ${RECOVERY_ENV})")
    s.set_defaults(fn=cmd_recover)
    s = v.add_parser("passphrase", help="change the data passphrase (no OS keyring)")
    s.set_defaults(fn=cmd_passphrase)
