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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bundle_format.bundle import BundleError
from bundle_format.keys import OwnKeys, PublicKeys, SyncKeyError, read_public_key_file
from central.models import Enrolment, MergedRecord, ReceivedBundle
from central.projection import view_child, view_flag
from central.schema import open_engine
from central.service import EnrolError, Receiver
from desktop.models import Setting
from sync_client.keys import StoredKeys
from sync_client.outbox import create_own_keys
from sync_client.upload import Uploader, UploadFailed, UploadRefused, UploadSettings
from sync_client.usb import BUNDLE_SUFFIX, RECEIPT_SUFFIX, bundles_dir, receipts_dir, write_atomic

VIEW_DB = "district-view.sqlite"
MAX_STICK_BUNDLE = 256 * 1024 * 1024
DISTRICT_SETTING = "sync.district_code"
OPEN_FLAG_STATUSES = ("open", "acknowledged", "escalated")  # as desktop.services.flags.store.OPEN
TrustNew = Callable[[PublicKeys, dict[str, Any]], bool]


def setup_office(
    session: Session, *, data_dir: Path, name: str, district_code: int, passphrase: str | None
) -> StoredKeys:
    """Make this district office's keys (decrypt + sign) and remember its district code."""
    stored = create_own_keys(
        session, data_dir=data_dir, name=name, passphrase=passphrase, role="district"
    )
    session.add(Setting(key=DISTRICT_SETTING, value=str(district_code)))
    return stored


def office_district(session: Session) -> int | None:
    """The district code of this office (None: this install is not a district office)."""
    row = session.get(Setting, DISTRICT_SETTING)
    return int(row.value) if row is not None and row.value else None


def open_view(data_dir: Path) -> Engine:
    """The district view's database in the data folder (created if new)."""
    return open_engine(f"sqlite:///{Path(data_dir) / VIEW_DB}")


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
    except (OSError, ValueError, SyncKeyError) as exc:
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
    """The CCI's institution.json from the stick, its fields type-checked."""
    raw = (inst_dir / "institution.json").read_bytes()
    if len(raw) > 64 * 1024:
        raise ValueError("institution.json is too large")
    info = json.loads(raw.decode("utf-8"))
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
) -> DistrictImport:
    """Verify, decrypt and merge every CCI bundle on the stick; write receipts back to it.

    `trust_new(public_keys, institution_info)` decides whether to enrol a CCI seen for
    the first time (the office checks its fingerprint by phone); None refuses new CCIs.
    """
    rcv = Receiver(view, keys, district_code=district_code)
    out = DistrictImport()
    root = bundles_dir(folder)
    if not root.is_dir():
        return out
    for inst_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        if not _enrol_from_stick(rcv, inst_dir, district_code, trust_new, out):
            continue
        for path in sorted(inst_dir.glob("*" + BUNDLE_SUFFIX)):
            # A bad file is reported and skipped; the other homes' bundles go on in.
            try:
                if path.stat().st_size > MAX_STICK_BUNDLE:
                    raise BundleError("too-large", "this file is too large to be a bundle")
                raw = path.read_bytes()
                before = _received(view, path)
                receipt = rcv.receive(raw)
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
            target = (
                receipts_dir(folder)
                / inst_dir.name
                / path.name.replace(BUNDLE_SUFFIX, RECEIPT_SUFFIX)
            )
            if not (target.exists() and target.read_bytes() == receipt):
                write_atomic(target, receipt)
                out.receipts_written += 1
    return out


def _received(view: Engine, path: Path) -> bool:
    bundle_id = path.stem.split("-", 1)[1] if "-" in path.stem else ""
    with Session(view) as s:
        return s.get(ReceivedBundle, bundle_id) is not None


def forward(*, view: Engine, settings: UploadSettings, signer: OwnKeys) -> tuple[int, str | None]:
    """Upload the bundles not yet forwarded to central, in order, signing the requests with
    the district office's key (enrolled at central); (count sent, problem)."""
    with Session(view) as s:
        todo = [
            (b.bundle_id, b.data)
            for b in s.scalars(
                select(ReceivedBundle)
                .where(ReceivedBundle.forwarded.is_(False))
                .order_by(ReceivedBundle.institution_uuid, ReceivedBundle.seq)
            )
        ]
    up = Uploader(settings, signer=signer)
    sent = 0
    for bundle_id, raw in todo:
        if raw is None:
            continue
        try:
            receipt = up.upload(raw)
        except (UploadFailed, UploadRefused) as exc:
            return sent, str(exc)
        with Session(view) as s, s.begin():
            row = s.get(ReceivedBundle, bundle_id)
            assert row is not None
            row.forwarded = True
            row.central_receipt = receipt
        sent += 1
    return sent, None


@dataclass(frozen=True)
class CciSummary:
    """One CCI in the district view: counts for the per-CCI dashboard."""

    uuid: str
    name: str
    children: int
    in_care: int
    open_flags: int
    bundles: int
    last_received: str | None


def summary(view: Engine) -> list[CciSummary]:
    """Per-CCI counts from the district view's tables (children, in care, open flags)."""
    out = []
    with Session(view) as s:
        for enr in s.scalars(select(Enrolment).order_by(Enrolment.name)):
            mine = view_child.c.institution_uuid == enr.uuid
            kids = s.execute(select(func.count()).select_from(view_child).where(mine)).scalar()
            in_care = s.execute(
                select(func.count()).where(mine, view_child.c.status == "in_care")
            ).scalar()
            flags = s.execute(
                select(func.count()).where(
                    view_flag.c.institution_uuid == enr.uuid,
                    view_flag.c.status.in_(OPEN_FLAG_STATUSES),
                )
            ).scalar()
            last = s.scalars(
                select(ReceivedBundle.received_at)
                .where(ReceivedBundle.institution_uuid == enr.uuid)
                .order_by(ReceivedBundle.seq.desc())
            ).first()
            out.append(
                CciSummary(
                    uuid=enr.uuid,
                    name=enr.name,
                    children=int(kids or 0),
                    in_care=int(in_care or 0),
                    open_flags=int(flags or 0),
                    bundles=enr.last_seq,
                    last_received=last.strftime("%Y-%m-%d %H:%M") if last else None,
                )
            )
    return out


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
    kids = [dict(d) for d in rows if d]
    return sorted(kids, key=lambda d: (str(d.get("first_name", "")), str(d.get("code", ""))))


def open_flags(view: Engine, *, institution_uuid: str) -> list[dict[str, Any]]:
    """Open review flags of one CCI as last received, soonest due first, with the child's
    code and name (read-only plain data)."""
    with Session(view) as s:
        rows = s.execute(
            select(MergedRecord.record_uuid, MergedRecord.type, MergedRecord.data).where(
                MergedRecord.institution_uuid == institution_uuid,
                MergedRecord.type.in_(("child", "flag")),
                MergedRecord.deleted.is_(False),
            )
        ).all()
    kids = {u: d for u, t, d in rows if t == "child" and d}
    out = []
    for _u, t, d in rows:
        if t != "flag" or not d or d.get("status") not in OPEN_FLAG_STATUSES:
            continue
        kid = kids.get(str(d.get("child_uuid")), {})
        name = " ".join(str(kid.get(p) or "") for p in ("first_name", "last_name")).strip()
        out.append({**d, "child_code": kid.get("code"), "child_name": name})
    return sorted(out, key=lambda f: (str(f.get("due_on", "")), str(f.get("rule_id", ""))))
