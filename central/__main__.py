"""`python -m central`: the state's server.

    python -m central init-keys --dir KEYDIR --name "Bihar State"   (central.key, .pub, secret)
    python -m central serve [--host 127.0.0.1] [--port 8765] [--db URL] [--keys KEYDIR]
                            [--workers N] [--certfile F --keyfile F]
    python -m central enrolments list|approve|refuse|replace-key|issue-code|add-district
    python -m central enrol KEYFILE --uuid U --name N --state 10 --district 212
    python -m central rebuild | cleanup [--db URL] [--keys KEYDIR]
    python -m central users add NAME --role ROLE --state 10 [--district 212] --full-name "..."
    python -m central users list | password NAME | unlock NAME | disable NAME | enable NAME
    python -m central users log [--limit N] [--subject CHILD-UUID]
    python -m central identity candidates|decide|absconded|stays ...  (the same child in
                                          several homes; see central/identity/cli.py)
    python -m central peers add KEYFILE --state 20 --name N --url URL --fingerprint "..."
    python -m central peers list | remove --state 20 | refresh | forward
                                          (other states' centrals: transfers between states)

Officials' passwords are read from $CLMS_OFFICIAL_PASSWORD, else asked twice on the terminal.
    python -m central release sign --file SETUP.exe --release 0.2.0 --changes-en T --changes-hi T
    python -m central release show [FILE]       (checks the signature with KEYDIR/central.pub)

The private key file is protected with the passphrase in $CLMS_CENTRAL_PASSPHRASE; without
one, init-keys refuses unless --no-passphrase is given (then it says so, loudly).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import logging.config
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bundle_format.keys import (
    OwnKeys,
    SyncKeyError,
    generate_keys,
    load_private_file,
    read_public_key_file,
    save_private_file,
    write_public_key_file,
)
from bundle_format.releases import verify_manifest
from central import enrolment, officials, peers_cli
from central.identity import cli as identity_cli
from central.releases import MANIFEST_NAME, sign_release, write_manifest
from central.schema import SchemaError, open_engine, writer
from central.secrets import SECRET_FILE, load_aadhaar_secret, make_aadhaar_secret
from central.service import EnrolError, Receiver
from central.uploads import Limits, UploadStore

PASS_ENV = "CLMS_CENTRAL_PASSPHRASE"
OFFICIAL_PASS_ENV = "CLMS_OFFICIAL_PASSWORD"
DEFAULT_DB = "sqlite:///central.sqlite"


def _passphrase() -> str | None:
    return os.environ.get(PASS_ENV) or None


def _who(args: argparse.Namespace) -> str:
    return str(getattr(args, "by", None) or getpass.getuser())


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m central", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)

    def db(x: argparse.ArgumentParser) -> None:
        x.add_argument("--db", default=DEFAULT_DB, help="database URL (postgresql+psycopg://...)")
        x.add_argument("--keys", type=Path, default=Path("."), help="folder with central.key")

    k = sub.add_parser("init-keys", help="make central's keys and the Aadhaar matching secret")
    k.add_argument("--dir", type=Path, required=True)
    k.add_argument("--name", required=True)
    k.add_argument("--role", choices=["central", "district"], default="central")
    k.add_argument(
        "--no-passphrase",
        action="store_true",
        help="store the private key file WITHOUT encryption (not recommended)",
    )
    e = sub.add_parser("enrol", help="enrol an institution's public key file (administrator)")
    e.add_argument("keyfile", type=Path)
    e.add_argument("--uuid", required=True)
    e.add_argument("--name", required=True)
    e.add_argument("--state", type=int)
    e.add_argument("--district", type=int)
    e.add_argument("--by", help="who does this (default: the login name)")
    db(e)
    s = sub.add_parser("serve", help="listen for uploads")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--workers", type=int, default=1, help="worker processes (uvicorn)")
    s.add_argument("--certfile", help="TLS certificate (PEM); with --keyfile")
    s.add_argument("--keyfile", help="TLS private key (PEM)")
    s.add_argument(
        "--forwarded-allow-ips",
        default=None,
        help="behind a reverse proxy: the proxy's address, to trust its X-Forwarded-* headers",
    )
    s.add_argument("--max-bundle-mb", type=int, default=Limits.max_bundle // (1 << 20))
    s.add_argument("--quota-mb", type=int, default=Limits.pending_bytes // (1 << 20))
    s.add_argument("--open-uploads", type=int, default=Limits.open_uploads)
    s.add_argument(
        "--insecure-cookies",
        action="store_true",
        help="officials' login cookies without 'Secure' (a trial over plain http on one PC only)",
    )
    s.add_argument(
        "--release-manifest",
        type=Path,
        help=f"signed release manifest served at /v1/release (default: KEYDIR/{MANIFEST_NAME})",
    )
    s.add_argument(
        "--log-file",
        type=Path,
        help="write the log to this file (reopened when logrotate moves it) instead of stderr",
    )
    db(s)
    rel = sub.add_parser("release", help="publish a new version of CLMS Desktop to the installs")
    rs = rel.add_subparsers(dest="release_cmd", required=True)
    x = rs.add_parser("sign", help="sign the manifest of a release's installer")
    x.add_argument("--file", type=Path, required=True, help="the installer (setup.exe)")
    x.add_argument("--release", required=True, help="its version, e.g. 0.2.0")
    x.add_argument("--date", type=date.fromisoformat, default=date.today())
    x.add_argument("--changes-en", required=True, help="what changed, in English")
    x.add_argument("--changes-hi", required=True, help="what changed, in Hindi")
    x.add_argument("--keys", type=Path, default=Path("."), help="folder with central.key")
    x.add_argument("--out", type=Path, help=f"where to write it (default KEYDIR/{MANIFEST_NAME})")
    x = rs.add_parser("show", help="check a signed manifest and say what it announces")
    x.add_argument("file", type=Path, nargs="?")
    x.add_argument("--keys", type=Path, default=Path("."), help="folder with central.pub")
    en = sub.add_parser("enrolments", help="enrolment requests, codes, district offices, keys")
    es = en.add_subparsers(dest="ecmd", required=True)
    x = es.add_parser("list", help="pending requests (with --all: decided ones too)")
    x.add_argument("--all", action="store_true")
    db(x)
    x = es.add_parser("approve", help="approve a request after comparing the fingerprint")
    x.add_argument("request_id", type=int)
    x.add_argument("--fingerprint", required=True, help="as the CCI read it out by phone")
    x.add_argument("--by")
    db(x)
    x = es.add_parser("refuse", help="refuse a request")
    x.add_argument("request_id", type=int)
    x.add_argument("--reason", required=True)
    x.add_argument("--by")
    db(x)
    x = es.add_parser("replace-key", help="replace an enrolled CCI's lost key (logged)")
    x.add_argument("uuid")
    x.add_argument("keyfile", type=Path)
    x.add_argument("--fingerprint", required=True, help="of the new key, read out by phone")
    x.add_argument("--reason", required=True)
    x.add_argument("--by")
    db(x)
    x = es.add_parser("issue-code", help="a one-time enrolment code for one institution")
    x.add_argument("--uuid", required=True)
    x.add_argument("--name", required=True)
    x.add_argument("--state", type=int)
    x.add_argument("--district", type=int)
    x.add_argument("--days", type=int, default=enrolment.CODE_DAYS)
    x.add_argument("--by")
    db(x)
    x = es.add_parser("add-district", help="enrol a district office's public key file")
    x.add_argument("keyfile", type=Path)
    x.add_argument("--district", type=int, required=True)
    x.add_argument("--state", type=int)
    x.add_argument("--by")
    db(x)
    r = sub.add_parser("rebuild", help="merged records and tables again from stored bundles")
    db(r)
    c = sub.add_parser("cleanup", help="delete expired uploads now")
    db(c)
    u = sub.add_parser("users", help="accounts of the state and district officials (web pages)")
    us = u.add_subparsers(dest="ucmd", required=True)
    x = us.add_parser("add", help="make an official's account")
    x.add_argument("username")
    x.add_argument("--full-name", required=True)
    x.add_argument("--role", required=True, choices=sorted(officials.ROLES))
    x.add_argument("--state", type=int, required=True, help="LGD state code")
    x.add_argument("--district", type=int, help="LGD district code (district roles)")
    x.add_argument("--by")
    db(x)
    x = us.add_parser("list", help="every account")
    db(x)
    for name, what in (
        ("password", "set a new password (the account's sessions end)"),
        ("unlock", "lift a lockout after wrong passwords"),
        ("disable", "switch an account off (its sessions end)"),
        ("enable", "switch an account on again"),
    ):
        x = us.add_parser(name, help=what)
        x.add_argument("username")
        x.add_argument("--by")
        db(x)
    x = us.add_parser(
        "log", help="what officials did: logins, children's records viewed, downloads"
    )
    x.add_argument("--limit", type=int, default=50)
    x.add_argument("--subject", help="only events about this (a child's uuid, a user name)")
    db(x)
    identity_cli.add_parser(sub, db)
    peers_cli.add_parser(sub, db)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run a `python -m central` command; returns the exit status."""
    args = _parser().parse_args(argv)
    if getattr(args, "log_file", None):
        logging.config.dictConfig(log_config(args.log_file))
    else:
        logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    try:
        if args.cmd == "init-keys":
            return _init_keys(args)
        if args.cmd == "release":
            return _release(args)
        if args.cmd == "serve":
            return _serve(args)
        engine = open_engine(args.db)
        if args.cmd == "enrolments":
            return _enrolments(args, engine)
        if args.cmd == "users":
            return _users(args, engine)
        if args.cmd == "identity":
            return identity_cli.run(args, engine)
        if args.cmd == "peers":
            return peers_cli.run(args, engine, keys=lambda: _keys(args), who=_who(args))
        if args.cmd == "cleanup":
            print(f"{UploadStore(engine, Limits()).expire()} expired upload(s) deleted.")
            return 0
        keys = _keys(args)
        receiver = Receiver(engine, keys, aadhaar_secret=load_aadhaar_secret(args.keys))
        if args.cmd == "enrol":
            pub = read_public_key_file(args.keyfile)
            with Session(writer(engine)) as s, s.begin():
                new = enrolment.enrol_direct(
                    s,
                    institution={
                        "uuid": args.uuid,
                        "name": args.name,
                        "state_code": args.state,
                        "district_code": args.district,
                    },
                    public=pub,
                    how="admin",
                    by=_who(args),
                )
            print(
                ("Enrolled" if new else "Already enrolled") + f": {args.name}, key "
                f"fingerprint {pub.fingerprint}"
            )
            return 0
        from central.rebuild import rebuild

        done = rebuild(
            receiver,
            progress=lambda n, total: print(f"\r{n}/{total} bundles", end="", file=sys.stderr),
        )
        how = "replayed from the stored bundles" if done.replayed else "projected from records"
        print(f"\nRebuilt: {done.bundles} bundle(s), {done.records} record(s), {how}.")
        return 0
    except (
        SyncKeyError,
        EnrolError,
        SchemaError,
        ValueError,
        OSError,
        officials.AccountError,
        LookupError,
    ) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_config(path: Path) -> dict[str, Any]:
    """Logging to a file that logrotate may move (WatchedFileHandler reopens it), for the
    main process and, through uvicorn, each worker process."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": LOG_FORMAT}},
        "handlers": {
            "file": {
                "class": "logging.handlers.WatchedFileHandler",
                "filename": str(path),
                "encoding": "utf-8",
                "formatter": "plain",
            }
        },
        "root": {"handlers": ["file"], "level": "INFO"},
        "loggers": {"uvicorn": {"level": "WARNING"}, "uvicorn.access": {"level": "WARNING"}},
    }


def _release(args: argparse.Namespace) -> int:
    """`release sign` (with central's private key) or `release show` (with its public key)."""
    if args.release_cmd == "show":
        path = args.file or args.keys / MANIFEST_NAME
        rel = verify_manifest(path.read_bytes(), [read_public_key_file(args.keys / "central.pub")])
        print(f"CLMS Desktop {rel.release} of {rel.date.isoformat()}: {rel.download}")
        print(f"  {rel.size:,} bytes, SHA-256 {rel.sha256}")
        print(f"  en: {rel.changes['en']}\n  hi: {rel.changes['hi']}")
        return 0
    data = sign_release(
        keys=_keys(args),
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


def _keys(args: argparse.Namespace) -> OwnKeys:
    return load_private_file(args.keys / "central.key", passphrase=_passphrase())


def _init_keys(args: argparse.Namespace) -> int:
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
    if args.role == "central" and not (args.dir / SECRET_FILE).exists():
        make_aadhaar_secret(args.dir)
        print(f"Aadhaar matching secret: {args.dir / SECRET_FILE} (back it up with the key)")
    if pw is None:
        print(
            "WARNING: the private key file is NOT encrypted; keep it on a locked-down server only.",
            file=sys.stderr,
        )
    print(f"Public key file: {args.dir / (args.role + '.pub')}")
    print(f"Fingerprint (read this out to each CCI): {keys.public().fingerprint}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from central.web.app import (
        ENV_DB,
        ENV_INSECURE_COOKIES,
        ENV_KEYS,
        ENV_LIMITS,
        ENV_RELEASE,
        limits_to_env,
    )

    keys = _keys(args)  # fail here, once, on a wrong passphrase
    open_engine(args.db).dispose()  # tables made or upgraded before any worker starts
    if load_aadhaar_secret(args.keys) is None:
        print(f"NOTE: no {SECRET_FILE} in {args.keys}: no Aadhaar keyed hashes will be made")
    limits = Limits(
        max_bundle=args.max_bundle_mb << 20,
        pending_bytes=args.quota_mb << 20,
        open_uploads=args.open_uploads,
    )
    os.environ.update(
        {ENV_DB: args.db, ENV_KEYS: str(args.keys.resolve()), ENV_LIMITS: limits_to_env(limits)}
    )
    if args.insecure_cookies:
        os.environ[ENV_INSECURE_COOKIES] = "1"
        print("WARNING: login cookies without 'Secure': use this on one computer only", flush=True)
    else:
        os.environ.pop(ENV_INSECURE_COOKIES, None)
    if args.release_manifest:
        os.environ[ENV_RELEASE] = str(args.release_manifest.resolve())
    opts: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "factory": True,
        "workers": args.workers,
        "log_level": "warning",
        "access_log": False,
        "timeout_keep_alive": 30,
    }
    if args.certfile:
        opts.update(ssl_certfile=args.certfile, ssl_keyfile=args.keyfile)
    if args.forwarded_allow_ips:
        opts.update(proxy_headers=True, forwarded_allow_ips=args.forwarded_allow_ips)
    if args.log_file:  # each worker logs to the same file, reopened after a rotation
        opts.update(log_config=log_config(args.log_file.resolve()))
    config = uvicorn.Config("central.web.app:app_from_env", **opts)
    server = uvicorn.Server(config)
    sock = config.bind_socket()
    sock.listen(config.backlog)  # connections wait in the queue until a worker is up
    host, port = sock.getsockname()[:2]
    scheme = "https" if args.certfile else "http"
    listening = (
        f"central listening on {scheme}://{host}:{port} with {args.workers} worker(s) "
        f"(key fingerprint {keys.public().fingerprint})"
    )
    print(listening, flush=True)
    logging.getLogger("central").info("%s", listening)
    if args.workers > 1:
        import inspect

        from uvicorn.supervisors import Multiprocess

        # uvicorn before 0.36 takes the worker's target; later ones make their own.
        older = "target" in inspect.signature(Multiprocess).parameters
        extra: dict[str, Any] = {"target": server.run} if older else {}
        Multiprocess(config, sockets=[sock], **extra).run()
    else:
        server.run(sockets=[sock])
    return 0


def _enrolments(args: argparse.Namespace, engine: Any) -> int:
    with Session(writer(engine)) as s, s.begin():
        if args.ecmd == "list":
            reqs = enrolment.pending_requests(s, everything=args.all)
            if not reqs:
                print("No enrolment requests waiting." if not args.all else "No requests.")
            for r in reqs:
                print(
                    f"#{r.id}  {r.status:8}  {r.name}  (institution {r.institution_uuid}, "
                    f"district {r.district_code})  fingerprint {r.fingerprint}  asked "
                    f"{r.requested_at:%Y-%m-%d %H:%M}"
                )
            return 0
        if args.ecmd == "approve":
            enr = enrolment.approve(
                s, request_id=args.request_id, fingerprint_read=args.fingerprint, by=_who(args)
            )
            print(f"Approved: {enr.name} ({enr.uuid}) is enrolled.")
            return 0
        if args.ecmd == "refuse":
            enrolment.refuse(s, request_id=args.request_id, reason=args.reason, by=_who(args))
            print(f"Request #{args.request_id} refused.")
            return 0
        if args.ecmd == "replace-key":
            old, new = enrolment.replace_key(
                s,
                institution_uuid=args.uuid,
                public=read_public_key_file(args.keyfile),
                fingerprint_read=args.fingerprint,
                by=_who(args),
                reason=args.reason,
            )
            print(f"Key replaced: old fingerprint {old}, new fingerprint {new} (logged).")
            return 0
        if args.ecmd == "issue-code":
            code = enrolment.issue_code(
                s,
                institution_uuid=args.uuid,
                name=args.name,
                state_code=args.state,
                district_code=args.district,
                by=_who(args),
                days=args.days,
            )
            print(f"One-time enrolment code for {args.name}: {code} (valid {args.days} days)")
            return 0
        pub = read_public_key_file(args.keyfile)
        added = enrolment.enrol_district(
            s, district_code=args.district, state_code=args.state, public=pub, by=_who(args)
        )
        print(
            ("Enrolled" if added else "Already enrolled")
            + f": district office {pub.name} ({args.district}), fingerprint {pub.fingerprint}"
        )
        return 0


def _official_password(name: str) -> str:
    pw = os.environ.get(OFFICIAL_PASS_ENV)
    if pw:
        return pw
    pw = getpass.getpass(f"New password for {name}: ")
    if getpass.getpass("Type it again: ") != pw:
        raise ValueError("the two passwords differ")
    return pw


def _users(args: argparse.Namespace, engine: Any) -> int:
    with Session(writer(engine)) as s, s.begin():
        if args.ucmd == "add":
            o = officials.add_official(
                s,
                username=args.username,
                full_name=args.full_name,
                role=args.role,
                password=_official_password(args.username),
                state=args.state,
                district=args.district,
                by=_who(args),
            )
            area = f"district {o.district_code}" if o.district_code else f"state {o.state_code}"
            print(f"Official {o.username} ({o.role}, {area}) can now log in.")
            return 0
        if args.ucmd == "list":
            for o in officials.list_officials(s):
                area = f"district {o.district_code}" if o.district_code else f"state {o.state_code}"
                state = "active" if o.active else "switched off"
                print(f"{o.username:20} {o.role:18} {area:14} {state:12} {o.full_name}")
            return 0
        if args.ucmd == "log":
            for e in officials.events(s, limit=args.limit, subject=args.subject):
                print(f"{e.at:%Y-%m-%d %H:%M:%S}  {e.username:16} {e.action:14} {e.subject or ''}")
            return 0
        if args.ucmd == "password":
            officials.set_password(
                s, username=args.username, password=_official_password(args.username), by=_who(args)
            )
        elif args.ucmd == "unlock":
            officials.unlock(s, username=args.username, by=_who(args))
        else:
            officials.set_active(
                s, username=args.username, active=args.ucmd == "enable", by=_who(args)
            )
        print(f"{args.username}: done ({args.ucmd}).")
        return 0


if __name__ == "__main__":
    sys.exit(main())
