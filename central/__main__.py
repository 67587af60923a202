"""`python -m central`: the reference receiving endpoint.

    python -m central init-keys --dir KEYDIR --name "Bihar State"   (writes central.key, .pub)
    python -m central enrol KEYFILE --uuid U --name N --state 10 --district 212 [--db URL]
    python -m central serve [--host 127.0.0.1] [--port 8765] [--db URL] [--keys KEYDIR]
    python -m central release sign --file SETUP.exe --release 0.2.0 --changes-en T --changes-hi T
    python -m central release show [FILE]       (checks the signature with KEYDIR/central.pub)

The private key file is protected with the passphrase in $CLMS_CENTRAL_PASSPHRASE; without
one, init-keys refuses unless --no-passphrase is given (then it says so, loudly).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from bundle_format.keys import (
    SyncKeyError,
    generate_keys,
    load_private_file,
    read_public_key_file,
    save_private_file,
    write_public_key_file,
)
from bundle_format.releases import ReleaseError, verify_manifest
from central.models import open_engine
from central.releases import MANIFEST_NAME, sign_release, write_manifest
from central.server import CentralServer
from central.service import EnrolError, Receiver

PASS_ENV = "CLMS_CENTRAL_PASSPHRASE"
DEFAULT_DB = "sqlite:///central.sqlite"


def _passphrase() -> str | None:
    return os.environ.get(PASS_ENV) or None


def main(argv: list[str] | None = None) -> int:
    """Run a `python -m central` command; returns the exit status."""
    p = argparse.ArgumentParser(prog="python -m central", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    k = sub.add_parser("init-keys", help="make central's signing and encryption keys")
    k.add_argument("--dir", type=Path, required=True)
    k.add_argument("--name", required=True)
    k.add_argument("--role", choices=["central", "district"], default="central")
    k.add_argument(
        "--no-passphrase",
        action="store_true",
        help="store the private key file WITHOUT encryption (not recommended)",
    )
    e = sub.add_parser("enrol", help="enrol an institution's public key file")
    e.add_argument("keyfile", type=Path)
    e.add_argument("--uuid", required=True)
    e.add_argument("--name", required=True)
    e.add_argument("--state", type=int)
    e.add_argument("--district", type=int)
    e.add_argument("--db", default=DEFAULT_DB)
    e.add_argument("--keys", type=Path, default=Path("."))
    s = sub.add_parser("serve", help="listen for uploads")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--db", default=DEFAULT_DB)
    s.add_argument("--keys", type=Path, default=Path("."), help="folder with central.key")
    s.add_argument("--enrol-token", default=os.environ.get("CLMS_ENROL_TOKEN"))
    s.add_argument(
        "--log-file",
        type=Path,
        help="write the log to this file (reopened when logrotate moves it) instead of stderr",
    )
    s.add_argument(
        "--release-manifest",
        type=Path,
        help=f"signed release manifest to serve (default: KEYDIR/{MANIFEST_NAME})",
    )
    r = sub.add_parser("release", help="publish a new version of CLMS Desktop to the installs")
    rs = r.add_subparsers(dest="release_cmd", required=True)
    rsign = rs.add_parser("sign", help="sign the manifest of a release's installer")
    rsign.add_argument("--file", type=Path, required=True, help="the installer (setup.exe)")
    rsign.add_argument("--release", required=True, help="its version, e.g. 0.2.0")
    rsign.add_argument("--date", type=date.fromisoformat, default=date.today())
    rsign.add_argument("--changes-en", required=True, help="what changed, in English")
    rsign.add_argument("--changes-hi", required=True, help="what changed, in Hindi")
    rsign.add_argument("--keys", type=Path, default=Path("."), help="folder with central.key")
    rsign.add_argument(
        "--out", type=Path, help=f"where to write it (default KEYDIR/{MANIFEST_NAME})"
    )
    rshow = rs.add_parser("show", help="check a signed manifest and say what it announces")
    rshow.add_argument("file", type=Path, nargs="?")
    rshow.add_argument("--keys", type=Path, default=Path("."), help="folder with central.pub")
    args = p.parse_args(argv)
    log_format = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    if getattr(args, "log_file", None):
        from logging.handlers import WatchedFileHandler

        handler: logging.Handler = WatchedFileHandler(args.log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter(log_format))
        logging.basicConfig(level=logging.INFO, handlers=[handler])
    else:
        logging.basicConfig(level=logging.INFO, format=log_format)
    try:
        if args.cmd == "init-keys":
            pw = _passphrase()
            if pw is None and not args.no_passphrase:
                print(
                    f"Set {PASS_ENV} to protect the private key (or pass --no-passphrase).",
                    file=sys.stderr,
                )
                return 2
            keys = generate_keys(role=args.role, name=args.name)
            save_private_file(args.dir / f"{args.role}.key", keys, passphrase=pw or "")
            write_public_key_file(args.dir / f"{args.role}.pub", keys.public())
            if pw is None:
                print(
                    "WARNING: the private key file is NOT encrypted; keep it on a locked-down "
                    "server only.",
                    file=sys.stderr,
                )
            print(f"Public key file: {args.dir / (args.role + '.pub')}")
            print(f"Fingerprint (read this out to each CCI): {keys.public().fingerprint}")
            return 0
        if args.cmd == "release" and args.release_cmd == "show":
            path = args.file or args.keys / MANIFEST_NAME
            rel = verify_manifest(
                path.read_bytes(), [read_public_key_file(args.keys / "central.pub")]
            )
            print(f"CLMS Desktop {rel.release} of {rel.date.isoformat()}: {rel.download}")
            print(f"  {rel.size:,} bytes, SHA-256 {rel.sha256}")
            print(f"  en: {rel.changes['en']}\n  hi: {rel.changes['hi']}")
            return 0
        keys = load_private_file(args.keys / "central.key", passphrase=_passphrase())
        if args.cmd == "release":
            data = sign_release(
                keys=keys,
                installer=args.file,
                release=args.release,
                on=args.date,
                changes={"en": args.changes_en, "hi": args.changes_hi},
            )
            out = args.out or args.keys / MANIFEST_NAME
            write_manifest(out, data)
            print(f"Signed the manifest of {args.release} ({args.file.name}): {out}")
            print("Installs see it the next time they send data (GET /v1/release).")
            return 0
        receiver = Receiver(open_engine(args.db), keys)
        if args.cmd == "enrol":
            pub = read_public_key_file(args.keyfile)
            new = receiver.enrol(
                institution={
                    "uuid": args.uuid,
                    "name": args.name,
                    "state_code": args.state,
                    "district_code": args.district,
                },
                public=pub,
            )
            print(
                ("Enrolled" if new else "Already enrolled") + f": {args.name}, key "
                f"fingerprint {pub.fingerprint}"
            )
            return 0
        server = CentralServer(
            (args.host, args.port),
            receiver,
            enrol_token=args.enrol_token,
            release_manifest=args.release_manifest or args.keys / MANIFEST_NAME,
        )
        fp = keys.public().fingerprint
        listening = f"central listening on {server.url} (key fingerprint {fp})"
        print(listening, flush=True)
        logging.getLogger("central").info("%s", listening)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        return 0
    except (SyncKeyError, EnrolError, ReleaseError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
