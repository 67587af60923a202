"""`--version`: the release and the database schema it brings (no ORM: the window's start
parses its arguments with it; re-exported by `desktop.cli.common`)."""

from __future__ import annotations

import argparse

from desktop.core.dbfile import head_revision

__all__ = ["VersionAction", "version_line"]


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
