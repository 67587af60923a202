"""Start the CLMS Desktop window: `python -m desktop [--data-dir FOLDER]`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from desktop.paths import ENV_VAR, resolve_data_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import Engine

    from desktop.core.actor import Actor
    from desktop.core.first_page import StartFacts
    from desktop.vault.secret import DataKey
    from desktop.vault.sqlite import Connection
    from desktop.views.app_context import AppContext
    from desktop.views.main_window import MainWindow

AFTER_SHOWN_MS = 300  # the rules run and the day's backup start this long after the window
# What the window's first paint needs, imported before PySide6 (whose import hook,
# `__feature__`, reads the source of every module imported after it): no SQLAlchemy.
LIGHT = (
    "desktop.core.dbfile",
    "desktop.core.first_page",
    "desktop.core.about",
    "desktop.rules.dates",
)
# The ORM, the models and the services (their write hooks): imported after the window's
# first paint when the start reads its first page raw (issue 22), else before the window.
DOMAIN = (
    "sqlalchemy.orm",
    "desktop.db",
    "desktop.models",
    "desktop.cli.common",
    "desktop.services.core.context",
    "desktop.services.install.institution",
    "desktop.services.install.users",
    "desktop.services.flags.store",
    "desktop.services.find.listing",
    "desktop.services.find.search",
    "desktop.services.cases.casework",
    "desktop.services.cases.approvals",
    "desktop.rules.dates",
    "sync_client.office",
)


def preload(argv: list[str] | None = None) -> None:
    """Import what the window's first paint needs (no Qt, no ORM) before PySide6.

    Given the window's arguments, first start unlocking the data folder's key in the
    background (`desktop.vault.store.unlock_early`): its scrypt, 0.3-0.4 s on a computer
    without a keyring, runs while these modules, PySide6 and the window load, and the
    database's opening waits for it (issue 22).
    """
    import importlib

    if argv is not None:
        _unlock_early(argv)
    for name in LIGHT:
        importlib.import_module(name)


def load_domain() -> None:
    """Import the ORM, the models and the services (`DOMAIN`)."""
    import importlib

    for name in DOMAIN:
        importlib.import_module(name)


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ValueError(message)  # the real parse (`_parse`) says it


def _unlock_early(argv: list[str]) -> None:
    """Start unlocking the key of the data folder `argv` names (or the default one)."""
    if {"-h", "--help", "--version"} & set(argv):
        return
    p = _QuietParser(add_help=False)
    p.add_argument("--data-dir")
    try:
        given, _ = p.parse_known_args(argv)
    except ValueError:
        return
    from desktop.vault.store import unlock_early

    unlock_early(resolve_data_dir(given.data_dir))


def _parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    from desktop.core.about import VersionAction

    p = argparse.ArgumentParser(
        prog="clms-desktop",
        description="CLMS Desktop window. Give a receipt (.receipt) or bundle (.clmsb) file "
        "to open it.",
    )
    p.add_argument("--version", action=VersionAction)
    p.add_argument(
        "--data-dir",
        help=f"folder holding the case database (default: ${ENV_VAR}, else the user data folder)",
    )
    p.add_argument(
        "--self-check",
        metavar="REPORT",
        help="open the window, run the rules in worker processes, open every screen, write a "
        "JSON report to REPORT ('-': the console) and close",
    )
    # Qt takes its own options (-platform, -style...); leave them to QApplication. Files to
    # open are told apart by their suffix (`-platform offscreen` is not a file).
    return p.parse_known_args(argv)


def _open(data_dir: Path, passphrase: str | None = None):  # type: ignore[no-untyped-def]
    """(engine, passphrase given) for the folder's database, or (None, None) after telling
    the user why it cannot open. Asks the data passphrase on a computer without a keyring,
    and the recovery key when this computer has lost the data key.

    The first start after an update backs the database up and updates it; if that fails,
    the database is put back as it was and the message says so in plain words.
    """
    from desktop.db import open_database
    from desktop.vault.store import KeyMissing, NeedsPassphrase
    from desktop.views.start.startup_errors import StartupMessages
    from desktop.views.start.vault_dialogs import PassphraseDialog, RecoverDialog

    try:
        while True:
            try:
                return open_database(data_dir, passphrase=passphrase), passphrase
            except NeedsPassphrase as exc:
                ask = PassphraseDialog(str(exc), new=exc.new)
                if not ask.exec():
                    return None, None
                passphrase = ask.passphrase
            except KeyMissing as exc:
                if not RecoverDialog(data_dir, str(exc)).exec():
                    return None, None
    except Exception as exc:  # whatever it is, say it in a window rather than vanish
        logging.exception("cannot open the database in %s", data_dir)
        StartupMessages().show(exc, data_dir)
        return None, None


def main(argv: list[str] | None = None) -> int:
    """Open the data folder's database and show the main window until it is closed."""
    argv = sys.argv[1:] if argv is None else argv
    if "--version" in argv and sys.stdout is None:  # the windowed Windows build: no console
        from PySide6.QtWidgets import QApplication, QMessageBox

        from desktop.core.about import version_line

        _app = QApplication.instance() or QApplication([sys.argv[0]])
        QMessageBox.information(None, "CLMS Desktop", version_line())
        return 0
    preload(argv)
    args, extra = _parse(argv)
    from desktop.views.start.open_file import split_files

    files, qt_args = split_files(extra)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("desktop").setLevel(logging.INFO)  # ours, e.g. "backed up before upgrade"

    from PySide6.QtWidgets import QApplication

    from desktop.core.actor import Actor
    from desktop.views.app_context import AppContext
    from desktop.views.main_window import MainWindow

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("CLMS Desktop")
    font = app.font()
    font.setPointSize(max(font.pointSize(), 12))  # big plain text for every screen
    app.setFont(font)
    from desktop.views.i18n import start_language

    language = start_language()  # English or Hindi, as last chosen in Settings

    data_dir = resolve_data_dir(args.data_dir)
    _clear_opened_files(data_dir)
    actor = Actor("superintendent", "superintendent", "")
    quick = None if args.self_check else _open_at_head(data_dir, actor)
    if quick is not None and quick[2].has_users:  # the login first, the ORM while one types
        return _login_start(app, data_dir, actor, language, quick, args, files)
    if quick is not None:  # the window first, then the ORM (after its first paint)
        ctx, window = _quick_window(data_dir, actor, language, *quick)
        ctx.events.loaded.connect(lambda: _after_start(window, ctx, args, files))
        try:
            return app.exec()
        finally:
            _close(ctx)
            _clear_opened_files(data_dir)
    load_domain()
    engine, passphrase = _open(data_dir)
    if engine is None:
        return 1
    from sqlalchemy.orm import Session

    from desktop.services.install.institution import local_institution_or_none
    from sync_client.office import office_district

    with Session(engine) as s:
        ready = local_institution_or_none(s) is not None
        if not ready:  # a district office has no institution
            ready = office_district(s) is not None
    if not ready:  # first run: the set-up assistant, or a training folder instead
        from desktop.views.start.wizard import SetupWizard

        wizard = SetupWizard(engine, data_dir, passphrase=passphrase)
        if not wizard.exec():
            engine.dispose()
            return 0
        if wizard.training_dir is not None:
            engine.dispose()
            data_dir = wizard.training_dir
            engine, passphrase = _open(data_dir, passphrase)
            if engine is None:
                return 1
        actor = wizard.actor or actor
    else:  # someone must log in once accounts exist
        from desktop.views.start.login import login_or_default

        logged_in = login_or_default(engine, default=actor)
        if logged_in is None:
            engine.dispose()
            return 0
        actor = logged_in
        from desktop.views.start.vault_dialogs import show_recovery_key_if_pending

        if not args.self_check:  # (a self-check never waits on a person)
            show_recovery_key_if_pending(data_dir, engine, actor)  # encrypted by an upgrade
    from desktop.views.i18n import current_language

    language = current_language()  # perhaps chosen in the set-up assistant or at login
    ctx = AppContext(engine=engine, data_dir=data_dir, actor=actor, language=language)
    window = MainWindow(ctx)
    window.show()
    _after_start(window, ctx, args, files)
    try:
        return app.exec()
    finally:
        engine.dispose()
        _clear_opened_files(data_dir)


def _open_at_head(data_dir: Path, actor: Actor) -> tuple[DataKey, Connection, StartFacts] | None:
    """The data key, a raw connection and the start's facts when the window can show
    before the ORM is imported: the database needs nothing first (`open_at_head`), it is
    a CCI's set up, and either someone must log in (`_login_start`) or no recovery key
    waits to be shown. None: the full start (`_open`, the set-up assistant), which says
    what went wrong."""
    from desktop.core.dbfile import open_at_head
    from desktop.core.first_page import start_facts
    from desktop.vault import store as vault

    try:
        opened = open_at_head(data_dir)
    except Exception:  # a passphrase to ask, a key to recover...: the full start does it
        return None
    if opened is None:
        return None
    key, con = opened
    try:
        facts = start_facts(con)
        # (with accounts, the key is shown after the login to whoever may see it)
        shows_key = (
            not facts.has_users
            and actor.role in ("superintendent", "administrator")
            and vault.recovery_pending(data_dir)
        )
    except Exception:
        con.close()
        return None
    if facts.institution_name is None or facts.office or shows_key:
        con.close()
        return None
    return key, con, facts


def _quick_window(
    data_dir: Path, actor: Actor, language: str, key: DataKey, con: Connection, facts: StartFacts
) -> tuple[AppContext, MainWindow]:
    """The main window shown on the start's raw connection; the ORM, the models and the
    services are imported, and the engine opened, just after its first paint
    (`AppContext.load`; a screen asking for the engine sooner waits for them)."""
    from desktop.views.main_window import MainWindow

    ctx = _start_context(data_dir, actor, language, key, con, facts)
    window = MainWindow(ctx)
    window.show()
    return ctx, window


def _start_context(
    data_dir: Path, actor: Actor, language: str, key: DataKey, con: Connection, facts: StartFacts
) -> AppContext:
    """The context of a start on its raw connection: the engine (and the ORM, the models
    and the services) at its first use (`AppContext.load`)."""
    from desktop.core.dbfile import DB_FILENAME
    from desktop.views.app_context import AppContext

    def connect() -> Engine:
        load_domain()
        from desktop.db import make_engine

        return make_engine(data_dir / DB_FILENAME, key=key)

    ctx = AppContext(None, data_dir, actor, language=language, connect=connect, start_db=con)
    ctx.start_facts = facts
    return ctx


def _login_start(
    app: QApplication,
    data_dir: Path,
    actor: Actor,
    language: str,
    quick: tuple[DataKey, Connection, StartFacts],
    args: argparse.Namespace,
    files: list[Path],
) -> int:
    """The start of an install with user accounts: the login dialog shows before the ORM,
    the models and the services are imported; they load just after its first paint (while
    the person types) and the login, checked by `services.install.users.login` as ever,
    waits for them if given sooner. Then the main window, on the engine already open."""
    from desktop.views.main_window import MainWindow
    from desktop.views.start.login import LoginDialog

    ctx = _start_context(data_dir, actor, language, *quick)

    def connect() -> Engine:  # the ORM loaded and warmed (as the full start's reads before
        engine = ctx.engine  # its login did): the login's own reads pay no first-use costs
        from sqlalchemy.orm import Session, configure_mappers

        from desktop.services.install.users import has_users

        configure_mappers()
        with Session(engine) as s:
            has_users(s)
        return engine

    try:
        dialog = LoginDialog(None, connect=connect)
        if not dialog.exec() or dialog.actor is None:
            return 0
        ctx.actor = dialog.actor
        from desktop.views.i18n import current_language
        from desktop.views.start.vault_dialogs import show_recovery_key_if_pending

        ctx.language = current_language()  # perhaps chosen at the login
        show_recovery_key_if_pending(data_dir, ctx.engine, ctx.actor)  # encrypted by an upgrade
        window = MainWindow(ctx)
        window.show()
        _after_start(window, ctx, args, files)
        return app.exec()
    finally:
        _close(ctx)
        _clear_opened_files(data_dir)


def _close(ctx: AppContext) -> None:
    """Close the start's engine, or its raw connection if the ORM was never loaded."""
    if ctx.loaded:
        ctx.engine.dispose()
    elif ctx.start_db is not None:  # closed before the ORM was loaded
        ctx.start_db.close()


def _after_start(
    window: MainWindow, ctx: AppContext, args: argparse.Namespace, files: list[Path]
) -> None:
    """What follows the window's showing: the idle lock, the day's backup, the rules run,
    a self-check, files given to open."""
    from desktop.views.start.login import IdleLock

    IdleLock(window, ctx)  # lock after the idle minutes set in Settings
    runner = None
    from PySide6.QtCore import QTimer

    if window.institution_name is not None:

        def after_shown() -> None:
            from desktop.views.admin.backup_views import BackupRunner, finish_restore

            finish_restore(ctx, window)  # the first start after a restore: audited, said
            BackupRunner(ctx, window)  # the day's backup, to the folder chosen in Settings

        QTimer.singleShot(AFTER_SHOWN_MS, after_shown)
    if window.institution_name is not None and window.office_name is None:
        from desktop.views.review.rule_runs import RuleRunner  # a district office has no rules run

        runner = RuleRunner(ctx.engine, parent=window)
        runner.finished.connect(ctx.events.flags_changed.emit)
    if args.self_check:
        from desktop.views.start.self_check import SelfCheck

        SelfCheck(window, ctx, runner, args.self_check).start()
    if runner is not None:  # once the window is up: the start-up is not slowed by the rules
        QTimer.singleShot(AFTER_SHOWN_MS, runner.start)
    if files and window.institution_name is not None:
        from desktop.views.start.open_file import FileOpener

        opener = FileOpener(window, ctx)
        QTimer.singleShot(0, lambda: [opener.open(f) for f in files])


def _clear_opened_files(data_dir: Path) -> None:
    """Empty the private folder of scans and papers opened in the computer's viewer."""
    from desktop.vault.viewing import clear_opened

    clear_opened(data_dir)


if __name__ == "__main__":
    # A frozen (PyInstaller) Windows build starts rule workers by running this executable
    # again; freeze_support turns such a start into the worker instead of a second window.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
