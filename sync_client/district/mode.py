"""District mode: import CCI bundles from a USB folder, merge them into a read-only
district view, write receipts back to the stick, and forward the bundles to central.

The district office has its own keys (role "district": it decrypts bundles made for
it and signs its receipts). Its view is a separate database with central's tables,
merged by the same code as central (`central.merge`), so what the district sees is
exactly what central will see.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bundle_format.bundle import BundleError
from bundle_format.keys import (
    OwnKeys,
    PublicKeys,
    SyncKeyError,
    read_public_key_file,
)
from bundle_format.transfer import TransferError
from central.models import Enrolment, MergedRecord, ReceivedBundle
from central.reports.area import Area, OutOfArea
from central.reports.counts import area_report
from central.reports.profile import ChildRecord, child_record
from central.reports.queue import QueueFilter, QueueRow, queue, queue_count
from central.reports.tables import queue_table, report_tables, to_xlsx
from central.schema import writer
from central.service import EnrolError, Receiver
from central.transfers import (
    enrol_transfer_key,
    put_on_stick,
    take_from_stick,
)
from desktop.models import Setting
from desktop.services.core.audit import append_event
from desktop.services.core.permissions import Permission, check_action, require
from sync_client.district.lists import CciSummary, summary
from sync_client.district.transfers import (
    STATEMENT_SETTING,
    TransferFetch,
    fetch_transfers,
    senders_from_central,
)
from sync_client.district.view import VIEW_DB, open_view, scrub_record
from sync_client.exchange.keys import StoredKeys
from sync_client.exchange.outbox import create_own_keys
from sync_client.exchange.transfer_net import TRANSFER_KEY_FILE
from sync_client.exchange.upload import Uploader, UploadFailed, UploadRefused, UploadSettings
from sync_client.exchange.usb import (
    BUNDLE_SUFFIX,
    MAX_BUNDLE_FILE,
    MAX_INFO_FILE,
    RECEIPT_SUFFIX,
    TooLarge,
    bundles_dir,
    read_from_stick,
    receipts_dir,
    write_atomic,
)
from sync_client.office import DISTRICT_SETTING, STATE_SETTING, office_district, office_state
from sync_client.reviews import as_receipt_items, mark_sent, pending_for

OPEN_FLAG_STATUSES = ("open", "acknowledged", "escalated")  # as desktop.services.flags.store.OPEN
TrustNew = Callable[[PublicKeys, dict[str, Any]], bool]
__all__ = [
    "DISTRICT_SETTING",
    "STATE_SETTING",
    "VIEW_DB",
    "CciSummary",
    "office_district",
    "office_state",
    "open_view",
    "scrub_record",
    "summary",
]  # the lists moved to sync_client.district.lists


def setup_office(
    session: Session,
    *,
    data_dir: Path,
    name: str,
    district_code: int,
    passphrase: str | None,
    state_code: int | None = None,
) -> StoredKeys:
    """Make this district office's keys (decrypt + sign) and remember its district code
    (and its state's, when known: the district screens count within it)."""
    stored = create_own_keys(
        session, data_dir=data_dir, name=name, passphrase=passphrase, role="district"
    )
    session.add(Setting(key=DISTRICT_SETTING, value=str(district_code)))
    if state_code is not None:
        session.add(Setting(key=STATE_SETTING, value=str(state_code)))
    return stored


@dataclass(frozen=True)
class Refusal:
    """A file on the stick that was not taken in, and why (in plain words)."""

    file: str
    code: str
    message: str


@dataclass
class DistrictImport:
    """What one import from a stick did."""

    applied: list[tuple[str, int, dict[str, int]]] = field(default_factory=list)
    repeated: int = 0
    refused: list[Refusal] = field(default_factory=list)
    receipts_written: int = 0
    enrolled: list[str] = field(default_factory=list)
    reviews_sent: int = 0  # the office's reviews carried back in these receipts
    # Transfers between CCIs (issue 20): packets and acknowledgements taken from the stick,
    # and files written onto it for its CCIs.
    transfers_taken: int = 0
    transfers_written: int = 0


def _enrol_from_stick(
    rcv: Receiver,
    inst_dir: Path,
    district_code: int,
    trust_new: TrustNew | None,
    out: DistrictImport,
) -> bool:
    """Make sure the CCI of this stick folder is known; False (with a refusal) if not."""
    uuid = inst_dir.name
    if rcv.is_enrolled(uuid):
        return True
    try:
        info = _institution_file(inst_dir)
        pub = read_public_key_file(inst_dir / "institution.pub")
    except (OSError, ValueError, SyncKeyError, TooLarge) as exc:
        out.refused.append(
            Refusal(
                inst_dir.name,
                "unknown-institution",
                f"the CCI's key file on the stick cannot be read ({exc})",
            )
        )
        return False
    if info.get("district_code") != district_code:
        out.refused.append(
            Refusal(
                str(info.get("name") or uuid),
                "wrong-district",
                f"{info.get('name') or 'this CCI'} belongs to another district (district code "
                f"{info.get('district_code')}; this office is {district_code}): its bundles "
                "cannot be opened here",
            )
        )
        return False
    if str(info.get("uuid")) != uuid or pub.role != "institution":
        out.refused.append(Refusal(uuid, "bad-key-file", "the CCI's key file does not match"))
        return False
    if trust_new is None or not trust_new(pub, info):
        out.refused.append(
            Refusal(
                str(info.get("name") or uuid),
                "unknown-institution",
                f"{info.get('name') or 'this CCI'} is not enrolled at this office yet; check its "
                f"key fingerprint {pub.fingerprint} by phone, then import again and accept it",
            )
        )
        return False
    try:
        rcv.enrol(institution=info, public=pub, how="stick", by="district office")
    except EnrolError as exc:
        out.refused.append(Refusal(uuid, "key-conflict", str(exc)))
        return False
    out.enrolled.append(str(info.get("name") or uuid))
    return True


def _institution_file(inst_dir: Path) -> dict[str, Any]:
    """The CCI's institution.json from the stick (size-checked), its fields type-checked."""
    info = json.loads(read_from_stick(inst_dir / "institution.json", limit=MAX_INFO_FILE))
    if not isinstance(info, dict):
        raise ValueError("institution.json is not an object")
    for key, kind in (("uuid", str), ("name", str)):
        if not isinstance(info.get(key), kind):
            raise ValueError(f"institution.json has no {key}")
    for key in ("state_code", "district_code"):
        v = info.get(key)
        if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
            raise ValueError(f"institution.json's {key} is not a number")
    return info


def new_institutions(*, view: Engine, folder: Path) -> list[tuple[dict[str, Any], PublicKeys]]:
    """CCIs on the stick that this office has not enrolled yet (to ask about before import)."""
    out: list[tuple[dict[str, Any], PublicKeys]] = []
    root = bundles_dir(folder)
    if not root.is_dir():
        return out
    with Session(view) as s:
        known = set(s.scalars(select(Enrolment.uuid)))
    for inst_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        if inst_dir.name in known:
            continue
        try:
            info = _institution_file(inst_dir)
            pub = read_public_key_file(inst_dir / "institution.pub")
        except (OSError, ValueError, SyncKeyError):
            continue  # reported by import_folder with its reason
        out.append((info, pub))
    return out


def import_folder(
    *,
    view: Engine,
    keys: OwnKeys,
    district_code: int,
    folder: Path,
    trust_new: TrustNew | None = None,
    office: Session | None = None,
) -> DistrictImport:
    """Verify, decrypt and merge every CCI bundle on the stick; write receipts back to it.

    `trust_new(public_keys, institution_info)` decides whether to enrol a CCI seen for
    the first time (the office checks its fingerprint by phone); None refuses new CCIs.
    `office`: the office's own database session; the reviews of a CCI's flags not yet
    sent go into the receipt of that CCI's next new bundle (marked sent in `office`, which
    the caller commits after the receipts are on the stick).
    """
    if office is not None:  # a person at the office: their role must allow it
        require(office, Permission.IMPORT)
    # The receipts' directory: this district's CCIs, and the senders of the packets fetched
    # from central for them (so a CCI that syncs by stick can take those packets in).
    extra = tuple(senders_from_central(office)) if office is not None else ()
    rcv = Receiver(view, keys, district_code=district_code, extra_directory=extra)
    out = DistrictImport()
    root = bundles_dir(folder)
    if not root.is_dir():
        return out
    on_stick: list[str] = []
    for inst_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        if not _enrol_from_stick(rcv, inst_dir, district_code, trust_new, out):
            continue
        on_stick.append(inst_dir.name)
        _take_transfer_key(view, inst_dir, out, office)
        for path in sorted(inst_dir.glob("*" + BUNDLE_SUFFIX)):
            # A bad file is reported and skipped; the other homes' bundles go on in.
            try:
                raw = read_from_stick(path, limit=MAX_BUNDLE_FILE)
            except (OSError, TooLarge) as exc:
                why = exc.strerror if isinstance(exc, OSError) else str(exc)
                out.refused.append(Refusal(path.name, "unreadable", str(why)))
                continue
            try:
                before = _received(view, path)
                todo = [] if before or office is None else pending_for(office, inst_dir.name)
                receipt = rcv.receive(raw, reviews=as_receipt_items(todo) or None)
            except BundleError as exc:
                out.refused.append(Refusal(path.name, exc.code, exc.message))
                continue
            except OSError as exc:
                out.refused.append(Refusal(path.name, "unreadable", f"cannot read it: {exc}"))
                continue
            if before:
                out.repeated += 1
            else:
                body = json.loads(receipt)["receipt"]
                out.applied.append((inst_dir.name, int(body["seq"]), dict(body["counts"])))
                if office is not None and body.get("reviews"):
                    mark_sent(office, todo, str(body["bundle_id"]))
                    out.reviews_sent += len(todo)
            target = (
                receipts_dir(folder)
                / inst_dir.name
                / path.name.replace(BUNDLE_SUFFIX, RECEIPT_SUFFIX)
            )
            same = (
                target.exists()
                and target.stat().st_size == len(receipt)
                and read_from_stick(target, limit=len(receipt)) == receipt
            )
            if not same:
                write_atomic(target, receipt)
                out.receipts_written += 1
    _relay_transfers(view, folder, on_stick, out, office)
    if office is not None and (out.applied or out.refused or out.enrolled):
        append_event(  # in the office's audit trail, as an import at a CCI
            office,
            action="district_import",
            changes=[
                {
                    "type": "district_import",
                    "bundles": len(out.applied),
                    "refused": len(out.refused),
                    "enrolled": out.enrolled,
                }
            ],
            child_uuid=None,
        )
    return out


def _take_transfer_key(
    view: Engine, inst_dir: Path, out: DistrictImport, office: Session | None = None
) -> None:
    """The CCI's transfer key statement on the stick (signed with its enrolled key), if any;
    kept in `office` until `fetch_transfers` has handed it to central (so that a CCI online
    can address a child to this CCI, which syncs by stick)."""
    path = inst_dir / TRANSFER_KEY_FILE
    if not path.is_file():
        return
    try:
        statement = read_from_stick(path, limit=4096)
        with Session(writer(view)) as s, s.begin():
            enrol_transfer_key(s, institution_uuid=inst_dir.name, statement=statement)
    except (OSError, TooLarge, TransferError) as exc:
        out.refused.append(Refusal(path.name, "bad-transfer-key", str(exc)))
        return
    key = STATEMENT_SETTING + inst_dir.name
    if office is not None and len(statement) <= 2000 and statement.isascii():
        row = office.get(Setting, key) or Setting(key=key)
        if row.value != statement.decode("ascii"):
            row.value = statement.decode("ascii")
            office.add(row)
            office.flush()


def _relay_transfers(
    view: Engine,
    folder: Path,
    on_stick: list[str],
    out: DistrictImport,
    office: Session | None = None,
) -> None:
    """Take the transfer packets and acknowledgements the stick carries; write onto it what
    is addressed to its CCIs (issue 20). A packet for a CCI of `office`'s directory that
    the office does not serve by stick is kept to be handed on to central at the next
    forward (`fetch_transfers`)."""
    elsewhere = {d["uuid"]: d for d in senders_from_central(office)} if office else None
    with Session(writer(view)) as s, s.begin():
        packets_new, acks_new = take_from_stick(s, folder, elsewhere=elsewhere)
        out.transfers_taken += packets_new + acks_new
    with Session(view) as s:
        for uuid in on_stick:
            out.transfers_written += put_on_stick(s, folder, uuid)


def _received(view: Engine, path: Path) -> bool:
    bundle_id = path.stem.split("-", 1)[1] if "-" in path.stem else ""
    with Session(view) as s:
        return s.get(ReceivedBundle, bundle_id) is not None


def forward(
    *,
    view: Engine,
    settings: UploadSettings,
    signer: OwnKeys,
    office: Session | None = None,
    transfers: TransferFetch | None = None,
) -> tuple[int, str | None]:
    """Upload the bundles not yet forwarded to central, in order, signing the requests with
    the district office's key (enrolled at central); (count sent, problem). With `office`
    (the office's own database), its CWC/JJB returns and its decisions on the CCIs' returns
    follow the bundles (`sync_client.district.cpmis_central`), then the transfer packets for the
    CCIs of its sticks are fetched, and the packets its sticks brought for other CCIs handed
    on, with their acknowledgements fetched back (`fetch_transfers`, whose counts go into
    `transfers` if given)."""
    with Session(view) as s:  # the ids only: each bundle's bytes are read when sent
        todo = list(
            s.scalars(
                select(ReceivedBundle.bundle_id)
                .where(ReceivedBundle.forwarded.is_(False))
                .order_by(ReceivedBundle.institution_uuid, ReceivedBundle.seq)
            )
        )
    up = Uploader(settings, signer=signer)
    sent = 0
    for bundle_id in todo:
        with Session(view) as s:
            raw = s.scalar(select(ReceivedBundle.data).where(ReceivedBundle.bundle_id == bundle_id))
        if raw is None:
            continue
        try:
            receipt = up.upload(raw)
        except (UploadFailed, UploadRefused) as exc:
            return sent, str(exc)
        with Session(writer(view)) as s, s.begin():
            row = s.get(ReceivedBundle, bundle_id)
            assert row is not None
            row.forwarded = True
            row.central_receipt = receipt
        sent += 1
    if office is not None:
        problem = _forward_own_returns(office, up)[1]
        try:  # then the transfer packets for the CCIs that come by stick (issue 20)
            fetch_transfers(
                view=view, settings=settings, signer=signer, office=office, done=transfers
            )
        except (UploadFailed, OSError) as exc:
            problem = problem or f"the transfer packets could not be fetched: {exc}"
        return sent, problem or _exchange_decisions(view, office, up)
    return sent, None


def _exchange_decisions(view: Engine, office: Session, up: Uploader) -> str | None:
    """The office's decisions on pairs to central, central's back (issue 20)."""
    from sync_client.district.identity import ExchangeRefused, exchange_decisions

    try:
        exchange_decisions(view, office, up)
    except ExchangeRefused as exc:
        return f"the decisions on pairs were refused: {exc}"
    except OSError as exc:
        return f"the decisions on pairs could not be exchanged: {exc}"
    return None


def forward_own_returns(
    office: Session, *, settings: UploadSettings, signer: OwnKeys
) -> tuple[int, str | None]:
    """The office's own CWC/JJB returns and its decisions to central, signed with its key;
    (returns central holds now, problem)."""
    return _forward_own_returns(office, Uploader(settings, signer=signer))


def _forward_own_returns(office: Session, up: Uploader) -> tuple[int, str | None]:
    from sync_client.district.cpmis_central import send_own_returns

    district = office_district(office)
    if district is None:
        return 0, None
    try:
        done = send_own_returns(office, up, district_code=district)
    except UploadRefused as exc:
        return 0, f"the CWC/JJB returns were refused: {exc}"
    except OSError as exc:  # requests' connection errors are OSErrors
        return 0, f"the CWC/JJB returns could not be sent: {exc}"
    return done["stored"] + done["unchanged"], None


def children(view: Engine, *, institution_uuid: str) -> list[dict[str, Any]]:
    """The children of one CCI as last received (read-only plain data), by name."""
    with Session(view) as s:
        rows = s.scalars(
            select(MergedRecord.data).where(
                MergedRecord.institution_uuid == institution_uuid,
                MergedRecord.type == "child",
                MergedRecord.deleted.is_(False),
            )
        ).all()
    # A record merged into another of the same child (issue 20) is not a child of its own.
    kids = [dict(d) for d in rows if d and not d.get("merged_into_uuid")]
    return sorted(kids, key=lambda d: (str(d.get("first_name", "")), str(d.get("code", ""))))


def district_queue(
    view: Engine,
    *,
    district: int,
    state: int | None = None,
    as_of: date,
    institution: str | None = None,
    overdue_only: bool = False,
    limit: int = 500,
) -> tuple[list[QueueRow], int, int]:
    """The district review queue: open flags escalated to the district and above, of this
    district's CCIs (or one of them), soonest due first, as central's queue orders them;
    with the whole count (the rows stop at `limit`) and how many of those are past due."""
    area = Area(state, district)
    flt = QueueFilter(min_level=1, institution=institution, overdue_only=overdue_only)
    with Session(view) as s:
        rows = queue(s, area, flt, as_of=as_of, limit=limit)
        total = queue_count(s, area, flt, as_of=as_of)
        late = queue_count(s, area, replace(flt, overdue_only=True), as_of=as_of)
    return rows, total, late


def district_workbook(
    view: Engine, *, district: int, state: int | None, as_of: date, lang: str = "en"
) -> bytes:
    """Every table of the district's dashboard (the CCIs, children in care by gender, age,
    category and length of stay, flags by rule, the adoption pipeline, the CCIs not heard
    from) and the whole district review queue, as one Excel workbook: the same tables,
    counted by the same code, as central's district page."""
    area = Area(state, district)
    with Session(view) as s:
        report = area_report(s, area, as_of=as_of)
        flt = QueueFilter(min_level=1)
        rows = queue(s, area, flt, as_of=as_of, limit=queue_count(s, area, flt, as_of=as_of))
    tables = [*report_tables(report, lang=lang), queue_table(rows, as_of=as_of, lang=lang)]
    return to_xlsx(tables, heading=f"District {district}, {as_of.strftime('%d-%m-%Y')}")


def office_child_record(
    view: Engine, office: Session, *, district: int, state: int | None, child_uuid: str
) -> ChildRecord:
    """A child's read-only record from the district view, only of this district (OutOfArea
    otherwise); the opening is written to the office's audit trail (who, which child), and
    so is a refused one: committed at once, whatever the caller's session then does."""
    check_action(office, "district_child_view", None)
    try:
        with Session(view) as s:
            record = child_record(s, Area(state, district), child_uuid)
    except OutOfArea:
        _audit_refusal(office, child_uuid, district)
        raise
    append_event(
        office,
        action="district_child_view",
        changes=[{"type": "district_child_view", "child_uuid": child_uuid}],
        child_uuid=child_uuid,
    )
    return record


def _audit_refusal(office: Session, child_uuid: str, district: int) -> None:
    """Write "district_child_view_refused" in its own transaction (the caller's rolls back
    with the refusal)."""
    from desktop.services.core.context import actor_of, unit_of_work

    bind = office.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    with unit_of_work(engine, actor_of(office), rules=False) as s:
        append_event(
            s,
            action="district_child_view_refused",
            changes=[
                {
                    "type": "district_child_view_refused",
                    "child_uuid": child_uuid,
                    "why": f"not a child of district {district}",
                }
            ],
            child_uuid=child_uuid,
        )
