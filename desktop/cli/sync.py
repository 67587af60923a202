"""`clms sync` commands: keys, bundles, upload to central, the USB path, receipts, status."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from bundle_format.keys import write_public_key_file
from bundle_format.receipts import ReceiptError
from desktop.cli.common import actor_of, engine_of
from desktop.documents.printing import attachment_store
from desktop.paths import resolve_data_dir
from desktop.services.core.context import unit_of_work
from desktop.services.install.institution import local_institution
from sync_client.district import mode as district
from sync_client.district.transfers import TransferFetch
from sync_client.exchange import outbox
from sync_client.exchange.keys import keyring_usable
from sync_client.exchange.upload import (
    UploadFailed,
    UploadRefused,
    UploadSettings,
    enrol,
    institution_info,
    push,
    save_settings,
    settings_from_db,
)
from sync_client.exchange.usb import export_outbox, import_receipt_file, import_receipts
from sync_client.practice import refuse_practice

PASS_ENV = "CLMS_KEY_PASSPHRASE"


def _passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str | None:
    """The key file passphrase: --passphrase-file, $CLMS_KEY_PASSPHRASE, or asked for."""
    if getattr(args, "passphrase_file", None):
        return Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
    if os.environ.get(PASS_ENV):
        return os.environ[PASS_ENV]
    if not sys.stdin.isatty():
        return None
    pw = getpass.getpass("Passphrase for the sync key file: ")
    if confirm and getpass.getpass("Type it again: ") != pw:
        raise ValueError("the two passphrases differ")
    return pw


def _ctx(args: argparse.Namespace) -> tuple[Any, Any, Path]:

    return engine_of(args), actor_of(args), resolve_data_dir(args.data_dir)


def _signer(args: argparse.Namespace, engine: Any, actor: Any, data_dir: Path) -> Any:

    with unit_of_work(engine, actor, rules=False) as s:
        row = outbox.own_key_row(s)
        needs = row is not None and row.storage == "file"
    with unit_of_work(engine, actor, rules=False) as s:
        return outbox.load_own_keys(
            s, data_dir=data_dir, passphrase=_passphrase(args) if needs else None
        )


def cmd_keys_init(args: argparse.Namespace) -> int:
    """Make this install's signing key (keyring, or a passphrase-protected file)."""

    engine, actor, data_dir = _ctx(args)
    pw = None if keyring_usable() else _passphrase(args, confirm=True)
    with unit_of_work(engine, actor, rules=False) as s:
        name = args.name or local_institution(s).name
        stored = outbox.create_own_keys(s, data_dir=data_dir, name=name, passphrase=pw)
    pub = stored.keys.public()
    if stored.storage == "keyring":
        print("The private key is stored in this computer's keyring.")
    else:
        print(f"NOTE: {stored.warning}")
    print(f"Key fingerprint: {pub.fingerprint}")
    return 0


def cmd_keys_show(args: argparse.Namespace) -> int:
    """Show this install's key and the imported keys, with fingerprints to check by phone."""

    engine, actor, _ = _ctx(args)
    with unit_of_work(engine, actor, rules=False) as s:
        mine = outbox.own_public(s)
        row = outbox.own_key_row(s)
        storage = row.storage if row is not None else None
        peers = outbox.peer_keys(s)
    if mine is None:
        print("This install has no sync key yet (clms sync keys init).")
    else:
        where = "OS keyring" if storage == "keyring" else "passphrase-protected key file"
        print(f"This CCI ({mine.name}): {mine.fingerprint}   [private key: {where}]")
        if args.export:
            write_public_key_file(Path(args.export), mine)
            print(f"Public key file written: {args.export}")
    for p in peers:
        print(f"{p.role.title()} ({p.name}): {p.fingerprint}")
    if not any(p.role == "central" for p in peers):
        print("No central key imported yet (clms sync keys import FILE).")
    return 0


def cmd_keys_import(args: argparse.Namespace) -> int:
    """Import central's or the district's public key file."""

    engine, actor, _ = _ctx(args)
    with unit_of_work(engine, actor, rules=False) as s:
        pub = outbox.import_public_key(s, path=Path(args.file))
    print(f"Imported the {pub.role} key of {pub.name}.")
    print(f"Fingerprint: {pub.fingerprint}")
    print("Read this fingerprint out on the phone to the state/district office; it must match.")
    return 0


def _settings(args: argparse.Namespace, engine: Any, actor: Any) -> Any:

    ca = getattr(args, "ca_file", None)
    with unit_of_work(engine, actor, rules=False) as s:
        save_settings(
            s,
            url=getattr(args, "url", None),
            proxy=getattr(args, "proxy", None),
            ca_file=str(Path(ca).resolve()) if ca else None,
        )
        return settings_from_db(s)


PENDING_TEXT = (
    "Enrolment requested: the state office must approve this CCI's key before anything "
    "can be sent. Phone them and read out the key fingerprint {fp}; then run "
    "`clms sync enrol` again (or send) to check."
)


def cmd_enrol(args: argparse.Namespace) -> int:
    """Ask central to enrol this CCI's key (once, at set-up; again to see if approved)."""

    engine, actor, data_dir = _ctx(args)
    _not_practice(engine, actor)
    settings = _settings(args, engine, actor)
    with unit_of_work(engine, actor, rules=False) as s:
        info = institution_info(s)
    signer = _signer(args, engine, actor, data_dir)
    try:
        got = enrol(settings, institution=info, signer=signer, code=args.code)
    except (UploadFailed, UploadRefused) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if got.enrolled:
        print("Enrolled with central: bundles can be sent.")
    else:
        print(PENDING_TEXT.format(fp=got.fingerprint))
    return 0


def _not_practice(engine: Any, actor: Any) -> None:
    """Refuse a practice folder before anything else (no passphrase asked for nothing)."""
    with unit_of_work(engine, actor, rules=False) as s:
        refuse_practice(s)


def _bundle(args: argparse.Namespace, engine: Any, actor: Any, data_dir: Path) -> Any:

    _not_practice(engine, actor)
    signer = _signer(args, engine, actor, data_dir)
    with unit_of_work(engine, actor, rules=False) as s:
        made = outbox.build_bundles(s, signer=signer, attachments=attachment_store(data_dir))
        if not made:
            print("No new changes to bundle.")
        for b in made:
            print(
                f"Bundle {b.seq}: {b.record_count} changed records, {b.size:,} bytes "
                "(encrypted and signed), now in the outbox."
            )
    return signer


def cmd_bundle(args: argparse.Namespace) -> int:
    """Put every change not yet bundled into a new bundle in the outbox."""
    engine, actor, data_dir = _ctx(args)
    _bundle(args, engine, actor, data_dir)
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    """Bundle new changes, upload the outbox to central, acknowledge from the receipts."""

    engine, actor, data_dir = _ctx(args)
    settings = _settings(args, engine, actor)
    signer = _bundle(args, engine, actor, data_dir)

    def progress(done: int, total: int, text: str) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{text}: {done:,}/{total:,} bytes", end=end, file=sys.stderr)

    try:
        results = push(engine, actor=actor, settings=settings, signer=signer, progress=progress)
    except UploadRefused as exc:
        if exc.pending:
            print(f"Not sent yet: {exc.message}", file=sys.stderr)
        else:
            print(f"error: {exc}", file=sys.stderr)
        return 1
    except (UploadFailed, ReceiptError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not results:
        print("The outbox is empty: nothing to send.")
    for r in results:
        c = r.ack.counts
        print(
            f"Bundle {r.seq} received by {r.ack.receiver}: {c['created']} new, "
            f"{c['updated']} updated, {c['unchanged']} unchanged, {c['conflict']} conflicts, "
            f"{c['error']} errors."
        )
    _say_if_newer(engine, actor, settings)
    return 0


def _say_if_newer(engine: Any, actor: Any, settings: Any) -> None:
    """Having reached central: ask whether a newer version is out (never downloads it)."""
    from bundle_format.releases import ReleaseError
    from desktop.version import __version__
    from sync_client.updates import check_for_update

    try:
        rel = check_for_update(engine, actor=actor, settings=settings, current=__version__)
    except (UploadFailed, ReleaseError) as exc:  # the data went; the notice can wait
        print(f"note: could not ask central about new versions: {exc}", file=sys.stderr)
        return
    if rel is not None:
        print(
            f"A newer version of CLMS Desktop is available: {rel.release} "
            f"({rel.date.isoformat()}). Installer: {rel.download}, SHA-256 {rel.sha256}."
        )
        print(f"What changed: {rel.changes_in('en')}")


def cmd_export_usb(args: argparse.Namespace) -> int:
    """Bundle new changes and copy the whole outbox to a folder (a USB stick)."""

    engine, actor, data_dir = _ctx(args)
    _bundle(args, engine, actor, data_dir)
    with unit_of_work(engine, actor, rules=False) as s:
        paths = export_outbox(s, folder=Path(args.folder), institution=institution_info(s))
    print(
        f"{len(paths)} bundle(s) copied to {args.folder}. Take the stick to the district "
        "office; bring back the receipts."
    )
    return 0


def cmd_import_receipt(args: argparse.Namespace) -> int:
    """Acknowledge from a receipt file, or from every receipt in a USB folder."""

    engine, actor, _ = _ctx(args)
    path = Path(args.path)
    with unit_of_work(engine, actor, rules=False) as s:
        if path.is_dir():
            res = import_receipts(s, folder=path, institution_uuid=institution_info(s)["uuid"])
            acks, refused = res.acknowledged, res.refused
        else:
            acks, refused = [import_receipt_file(s, path=path)], []
    for a in acks:
        note = " (already done)" if a.already else ""
        print(
            f"Bundle {a.bundle_seq}: receipt from {a.receiver} verified, "
            f"{a.acknowledged} records acknowledged{note}."
        )
    for p, why in refused:
        print(f"Refused {p.name}: {why}", file=sys.stderr)
    if not acks and not refused:
        print("No receipts found.")
    return 1 if refused else 0


def cmd_status(args: argparse.Namespace) -> int:
    """What is waiting to be sent, and what the last receipt said."""

    engine, actor, _ = _ctx(args)
    with unit_of_work(engine, actor, rules=False) as s:
        box = outbox.outbox(s)
        print(f"Changes not yet bundled: {outbox.pending_count(s)}")
        print(f"Outbox: {len(box)} bundle(s), {sum(b.size for b in box):,} bytes")
        print(f"Records not yet acknowledged by central: {outbox.unacknowledged_count(s)}")
        last = outbox.last_receipt(s)
        if last is not None and last.receipt_counts:
            c = last.receipt_counts
            print(
                f"Last receipt (bundle {last.seq}, from {last.receiver}): {c['created']} new, "
                f"{c['updated']} updated, {c['unchanged']} unchanged, {c['conflict']} "
                f"conflicts, {c['error']} errors"
            )
        else:
            print("No receipt yet.")
    return 0


def _office(args: argparse.Namespace) -> tuple[Any, Any, Path, Any, int]:
    """The district office's engine, actor, data folder, unlocked keys and district code."""

    engine, actor, data_dir = _ctx(args)
    with unit_of_work(engine, actor, rules=False) as s:
        code = district.office_district(s)
        row = outbox.own_key_row(s, role="district")
        needs = row is not None and row.storage == "file"
    if code is None or row is None:
        raise ValueError("this install is not a district office: run `clms sync district init`")
    with unit_of_work(engine, actor, rules=False) as s:
        keys = outbox.load_own_keys(
            s, data_dir=data_dir, role="district", passphrase=_passphrase(args) if needs else None
        )
    return engine, actor, data_dir, keys, code


def cmd_district_init(args: argparse.Namespace) -> int:
    """Make this district office's keys and write the public key file for its CCIs."""

    engine, actor, data_dir = _ctx(args)
    pw = None if keyring_usable() else _passphrase(args, confirm=True)
    with unit_of_work(engine, actor, rules=False) as s:
        stored = district.setup_office(
            s, data_dir=data_dir, name=args.name, district_code=args.district, passphrase=pw
        )
    if stored.warning:
        print(f"NOTE: {stored.warning}")
    write_public_key_file(Path(args.export), stored.keys.public())
    print(f"District office key made. Give {args.export} to each CCI of district {args.district}.")
    print(f"Fingerprint (read it out when a CCI phones): {stored.keys.public().fingerprint}")
    return 0


def cmd_district_import(args: argparse.Namespace) -> int:
    """Take in the CCI bundles from a USB folder and write the receipts back to it."""

    _engine, _actor, data_dir, keys, code = _office(args)

    def trust(pub: Any, info: dict[str, Any]) -> bool:
        if args.accept_new:
            print(f"Enrolling {info.get('name')} with key fingerprint {pub.fingerprint}")
        return bool(args.accept_new)

    engine, actor = _engine, _actor
    with unit_of_work(engine, actor, rules=False) as office:  # reviews go back in receipts
        res = district.import_folder(
            view=district.open_view(data_dir),
            keys=keys,
            district_code=code,
            folder=Path(args.folder),
            trust_new=trust,
            office=office,
        )
    if res.reviews_sent:
        print(f"{res.reviews_sent} district review(s) sent back in the receipts.")
    for uuid, seq, counts in res.applied:
        print(
            f"CCI {uuid[:8]} bundle {seq}: {counts['created']} new, {counts['updated']} "
            f"updated, {counts['conflict']} conflicts, {counts['error']} errors"
        )
    if res.repeated:
        print(f"{res.repeated} bundle(s) had been taken in before (receipts written again).")
    for r in res.refused:
        print(f"Refused {r.file}: {r.message}", file=sys.stderr)
    print(f"{res.receipts_written} receipt(s) written to the stick.")
    return 1 if res.refused else 0


def cmd_district_forward(args: argparse.Namespace) -> int:
    """Send the bundles taken in from CCIs on to central (when online)."""

    engine, actor, data_dir, keys, _code = _office(args)
    settings = _settings(args, engine, actor)
    moved = TransferFetch()
    with unit_of_work(engine, actor, rules=False) as office:  # its CWC/JJB returns follow
        sent, problem = district.forward(
            view=district.open_view(data_dir),
            settings=UploadSettings(
                url=settings.url, proxy=settings.proxy, ca_file=settings.ca_file
            ),
            signer=keys,
            office=office,
            transfers=moved,
        )
    print(f"{sent} bundle(s) forwarded to central.")
    if moved.packets or moved.handed_on or moved.acks_received:
        print(
            f"Transfers: {moved.packets} packet(s) fetched for the CCIs' sticks, "
            f"{moved.handed_on} from the sticks handed on to central, "
            f"{moved.acks_received} acknowledgement(s) fetched for the senders' sticks."
        )
    for why in moved.refused:
        print(f"Transfer refused: {why}", file=sys.stderr)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    return 0


def cmd_district_show(args: argparse.Namespace) -> int:
    """The district view: each CCI with its children, children in care and open flags."""

    _engine, _actor, data_dir = _ctx(args)
    rows = district.summary(district.open_view(data_dir))
    if not rows:
        print("No CCI bundles taken in yet.")
    for r in rows:
        print(
            f"{r.name}: {r.children} children ({r.in_care} in care), {r.open_flags} open "
            f"flags, {r.bundles} bundle(s), last {r.last_received or '-'}"
        )
    return 0


def add_commands(sub: Any) -> None:
    """Add this area's sub-commands to the `clms` parser (`sub` from add_subparsers)."""
    sync = sub.add_parser("sync", help="send changes to central (internet or USB)")
    ss = sync.add_subparsers(dest="sync_cmd", required=True)

    def pw(p: argparse.ArgumentParser) -> None:
        p.add_argument("--passphrase-file", help=f"file with the key passphrase (or ${PASS_ENV})")

    keys = ss.add_parser("keys", help="this install's key and the central/district keys")
    ks = keys.add_subparsers(dest="keys_cmd", required=True)
    p = ks.add_parser("init", help="make this install's signing key (once)")
    p.add_argument("--name", help="name shown with the key (default: the institution's)")
    pw(p)
    p.set_defaults(fn=cmd_keys_init)
    p = ks.add_parser("show", help="fingerprints of all keys")
    p.add_argument("--export", metavar="FILE", help="also write this CCI's public key file")
    p.set_defaults(fn=cmd_keys_show)
    p = ks.add_parser("import", help="import central's or the district's public key file")
    p.add_argument("file")
    p.set_defaults(fn=cmd_keys_import)

    def ca(p: argparse.ArgumentParser) -> None:
        p.add_argument("--ca-file", help="the state's CA certificate (PEM) for https (remembered)")

    p = ss.add_parser("enrol", help="ask central to enrol this CCI's key (again: check)")
    p.add_argument("--url", help="central address, e.g. https://clms.example.gov.in")
    p.add_argument("--proxy", help="proxy, e.g. http://proxy:3128")
    p.add_argument("--code", help="one-time enrolment code from the district office, if any")
    ca(p)
    pw(p)
    p.set_defaults(fn=cmd_enrol)
    p = ss.add_parser("bundle", help="put new changes into the outbox")
    pw(p)
    p.set_defaults(fn=cmd_bundle)
    p = ss.add_parser("push", help="bundle and upload to central")
    p.add_argument("--url", help="central address (remembered)")
    p.add_argument("--proxy", help="proxy (remembered)")
    ca(p)
    pw(p)
    p.set_defaults(fn=cmd_push)
    p = ss.add_parser("export-usb", help="bundle and copy the outbox to a folder / USB stick")
    p.add_argument("folder")
    pw(p)
    p.set_defaults(fn=cmd_export_usb)
    p = ss.add_parser("import-receipt", help="acknowledge from a receipt file or a USB folder")
    p.add_argument("path")
    p.set_defaults(fn=cmd_import_receipt)
    p = ss.add_parser("status", help="outbox and last receipt")
    p.set_defaults(fn=cmd_status)

    dist = ss.add_parser("district", help="district office: take in CCI bundles from USB")
    ds = dist.add_subparsers(dest="district_cmd", required=True)
    p = ds.add_parser("init", help="make this district office's keys (once)")
    p.add_argument("--district", type=int, required=True, help="LGD district code")
    p.add_argument("--name", required=True, help="e.g. 'Patna District Child Protection Unit'")
    p.add_argument("--export", required=True, metavar="FILE", help="public key file for CCIs")
    pw(p)
    p.set_defaults(fn=cmd_district_init)
    p = ds.add_parser("import", help="take in bundles from a USB folder, write receipts back")
    p.add_argument("folder")
    p.add_argument(
        "--accept-new",
        action="store_true",
        help="enrol CCIs seen for the first time (check their fingerprints first)",
    )
    pw(p)
    p.set_defaults(fn=cmd_district_import)
    p = ds.add_parser("forward", help="send the collected bundles on to central")
    p.add_argument("--url")
    p.add_argument("--proxy")
    ca(p)
    pw(p)
    p.set_defaults(fn=cmd_district_forward)
    p = ds.add_parser("show", help="the district view, per CCI")
    p.set_defaults(fn=cmd_district_show)
