"""`clms`: the command-line front end over the same services as the desktop app.

Each area's commands live in their own module, which imports only `desktop.cli.common`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop.cli import backups, cases, clts, cpmis, printing, sync, users, vault
from desktop.cli.common import EXIT_INVALID, EXIT_NOT_FOUND, EXIT_USAGE
from desktop.core.about import VersionAction
from desktop.db import DatabaseTooNew, UpgradeFailed
from desktop.services.core.errors import ServiceError, ValidationError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `clms`."""
    p = argparse.ArgumentParser(prog="clms", description="CLMS Desktop command line")
    p.add_argument("--version", action=VersionAction)
    p.add_argument("--data-dir", help="data folder (default: $CLMS_DATA_DIR or the user folder)")
    p.add_argument(
        "--user", help="who is acting (needed once the install has users; or $CLMS_USER)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for area in (cases, printing, sync, users, vault, backups, clts, cpmis):
        area.add_commands(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run `clms` with these arguments; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.fn(args))
    except ValidationError as exc:
        print("error: the input was refused:", file=sys.stderr)
        for field, msg in exc.errors.items():
            print(f"  {field}: {msg}", file=sys.stderr)
        return EXIT_INVALID
    except (UpgradeFailed, DatabaseTooNew) as exc:  # in plain words, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND if exc.__class__.__name__ == "NotFound" else EXIT_USAGE
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    # The frozen clms.exe starts rule workers by running itself again (see desktop.__main__).
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
