"""`python -m central rebuild`: the merged records and their projection made again from
the stored bundles (still encrypted, as received), in the order they were received.

Run it with the server stopped. Enrolments, chain positions, receipts and audit copies
are kept as they are; only `central_record`, `central_conflict` and the `view_*` tables
are refilled. A database whose bundles were not all kept (a schema 1 central kept none)
is re-projected from its merged records instead (`reproject`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Rebuilt", "rebuild", "reproject"]

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bundle_format.bundle import iter_bundle, parse_bundle
from bundle_format.chain import AUDIT_TYPE
from central.merge import merge_records
from central.models import Conflict, MergedRecord, ReceivedBundle, TransferRelay
from central.projection import Tagger, clear, project, reproject
from central.schema import writer
from central.service import Receiver, _Known

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Rebuilt:
    """What a rebuild did."""

    bundles: int
    records: int
    replayed: bool


def rebuild(receiver: Receiver, *, progress: Progress | None = None) -> Rebuilt:
    """Merge every stored bundle again, in arrival order, into fresh records and projection."""
    engine = receiver.engine
    with Session(engine) as s:
        total = int(s.scalar(select(func.count()).select_from(ReceivedBundle)) or 0)
        missing = int(
            s.scalar(
                select(func.count())
                .select_from(ReceivedBundle)
                .where(ReceivedBundle.data.is_(None))
            )
            or 0
        )
    if missing:
        with Session(writer(engine)) as s, s.begin():
            n = reproject(s)
        return Rebuilt(total, n, replayed=False)
    with Session(writer(engine)) as s, s.begin():
        # A district office's own CPMIS records (`central.cpmis_intake`) are in no bundle.
        s.execute(delete(MergedRecord).where(MergedRecord.institution_uuid.not_like("district:%")))
        s.execute(delete(Conflict))
        clear(s)
        order = (
            s.execute(
                select(ReceivedBundle.bundle_id).order_by(
                    ReceivedBundle.received_at, ReceivedBundle.institution_uuid, ReceivedBundle.seq
                )
            )
            .scalars()
            .all()
        )
        # Packets forwarded by a peer state's central took over records (central.peers):
        # taken over again at their place among the bundles.
        forwarded = list(
            s.execute(
                select(TransferRelay.received_at, TransferRelay.packet_id)
                .where(TransferRelay.from_peer_state.is_not(None))
                .order_by(TransferRelay.received_at)
            ).all()
        )
    readable = receiver.keys.public().enc_key_id
    for done, bundle_id in enumerate(order, 1):
        with Session(writer(engine)) as s, s.begin():
            rb = s.get(ReceivedBundle, bundle_id)
            assert rb is not None and rb.data is not None
            while forwarded and forwarded[0].received_at <= rb.received_at:
                _take_over_again(s, forwarded.pop(0).packet_id, receiver)
            bundle = parse_bundle(rb.data)
            if any(r.get("key_id") == readable for r in bundle.header["recipients"]):
                records = (
                    receiver.safe_aadhaar(r) if r["type"] == "child" and r["data"] else r
                    for r in iter_bundle(bundle, receiver.keys)
                    if r["type"] != AUDIT_TYPE
                )
                merge_records(
                    s,
                    records=records,
                    institution_uuid=rb.institution_uuid,
                    bundle_id=bundle_id,
                    known=_Known(s).__call__,
                    on_batch=lambda changes, s=s: project(s, changes, Tagger(s)),  # type: ignore[misc]
                )
        if progress:
            progress(done, len(order))
    with Session(writer(engine)) as s, s.begin():  # the district offices' kept returns too
        for row in forwarded:
            _take_over_again(s, row.packet_id, receiver)
        reproject(s, ["cpmis_return"])
    with Session(engine) as s:
        n = int(s.scalar(select(func.count()).select_from(MergedRecord)) or 0)
    return Rebuilt(len(order), n, replayed=True)


def _take_over_again(s: Session, packet_id: str, receiver: Receiver) -> None:
    from bundle_format.transfer import parse_packet
    from central.peers import take_over

    relay = s.get(TransferRelay, packet_id)
    if relay is not None:
        take_over(
            s,
            parse_packet(relay.data),
            sender=relay.from_uuid,
            receiver=relay.to_uuid,
            keys=receiver.keys,
        )
