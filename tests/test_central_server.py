"""The real `python -m central serve` process: several workers, PostgreSQL and SQLite, TLS,
and memory under a compression bomb (measured from /proc)."""

from __future__ import annotations

import threading
import zlib
from pathlib import Path

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from bundle_format import bundle as bundles
from bundle_format import keys as key_files
from bundle_format.receipts import verify_receipt
from central.enrolment import enrol_direct
from central.models import Enrolment, MergedRecord, ReceivedBundle
from central.schema import open_engine, writer
from sync_client.exchange.upload import Uploader, UploadFailed, UploadRefused, UploadSettings
from tests.central_db import new_pg_database, pg_server  # noqa: F401 (fixture)
from tests.central_process import central_process
from tests.fuzz_bundles import signed_with_payload
from tests.sync_helpers import INSTITUTION, Chain, child_record
from tests.tls import tls_files

HOMES = 20
BUNDLES = 3


def _enrol(db: str, n: int) -> list[tuple[dict, key_files.OwnKeys]]:
    homes = []
    engine = open_engine(db)
    with Session(writer(engine)) as s, s.begin():
        for i in range(n):
            inst = dict(INSTITUTION, uuid=f"5e1f0a9c-3b7d-4e2a-8c6f-{i:012d}", name=f"Home {i}")
            keys = key_files.generate_keys(role="institution", name=inst["name"])
            enrol_direct(s, institution=inst, public=keys.public(), how="admin", by="test")
            homes.append((inst, keys))
    engine.dispose()
    return homes


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_twenty_homes_at_once_through_two_workers(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    """20 homes upload at the same time, each bundle by two racing clients, through a server
    with 2 worker processes: every bundle applied exactly once, each home's in order."""
    if backend == "postgresql":
        db = new_pg_database(request.getfixturevalue("pg_server"))
    else:
        db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    (tmp_path / "keys").mkdir()
    with central_process(tmp_path / "keys", db, workers=2) as central:
        homes = _enrol(db, HOMES)
        recipients = [central.keys.public()]
        plans = []
        for inst, keys in homes:
            chain = Chain(keys, recipients, institution=inst)
            me = int(inst["uuid"][-12:])
            raws = [
                chain.next(
                    [
                        child_record(1000 * me, version=n + 1, base=n, first_name=f"v{n + 1}"),
                        child_record(1000 * me + n + 1),
                    ]
                )
                for n in range(BUNDLES)
            ]
            plans.append((keys, raws))
        receipts: dict[tuple[int, int], list[bytes]] = {}
        errors: list[BaseException] = []
        lock = threading.Lock()

        def send(h: int, keys: key_files.OwnKeys, raws: list[bytes]) -> None:
            up = Uploader(UploadSettings(url=central.url, backoff=0.05), signer=keys)
            try:
                for n, raw in enumerate(raws):
                    got = up.upload(raw)
                    with lock:
                        receipts.setdefault((h, n), []).append(got)
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [
            threading.Thread(target=send, args=(h, keys, raws))
            for h, (keys, raws) in enumerate(plans)
            for _racer in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(240)
        assert errors == []
        assert len(receipts) == HOMES * BUNDLES
        for pair in receipts.values():
            assert len(pair) == 2 and pair[0] == pair[1]  # the racer got the same receipt
            verify_receipt(pair[0], [central.keys.public()])
    engine = open_engine(db)
    with Session(engine) as s:
        assert len(s.scalars(select(ReceivedBundle)).all()) == HOMES * BUNDLES
        assert {e.last_seq for e in s.scalars(select(Enrolment))} == {BUNDLES}
        for inst, _keys in homes:
            seqs = s.scalars(
                select(ReceivedBundle.seq)
                .where(ReceivedBundle.institution_uuid == inst["uuid"])
                .order_by(ReceivedBundle.received_at)
            ).all()
            assert seqs == list(range(1, BUNDLES + 1))
        firsts = s.scalars(select(MergedRecord).where(MergedRecord.version == BUNDLES)).all()
        assert len(firsts) == HOMES and {m.data["first_name"] for m in firsts} == {f"v{BUNDLES}"}
        assert len(s.scalars(select(MergedRecord)).all()) == HOMES * (BUNDLES + 1)
    engine.dispose()


def test_compression_bomb_keeps_server_memory_small(tmp_path: Path) -> None:
    """Bombs from an enrolled key (a 256 KiB bundle that would inflate to 256 MB; the most
    lines a header may declare, all valid records) are refused with the server's peak
    memory measured under 200 MB."""
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    (tmp_path / "keys").mkdir()
    with central_process(tmp_path / "keys", db, workers=1) as central:
        ((inst, keys),) = _enrol(db, 1)
        settings = UploadSettings(url=central.url)
        requests.get(f"{central.url}/v1/health", timeout=5)
        base_peak = central.rss_peak_kb()
        good = bundles.parse_bundle(
            Chain(keys, [central.keys.public()], institution=inst).next([child_record(1)])
        )
        zeros = zlib.compress(b"0" * (256 << 20), 9)
        line = (
            b'{"base_version":0,"data":{"first_name":"Bomb"},"op":"upsert",'
            b'"record_uuid":"00000000-0000-4000-8000-000000000001","type":"child","version":1}\n'
        )
        lines = zlib.compress(line * 500_000, 9)
        most = bundles.MAX_LINES
        for compressed, counts in (
            (zeros, {"records": 1, "upserts": 1, "deletes": 0, "attachments": 0}),
            (lines, {"records": most, "upserts": most, "deletes": 0, "attachments": 0}),
        ):
            raw = signed_with_payload(
                plain=None,
                compressed=compressed,
                counts=counts,
                base=good.header,
                signer=keys,
                recipients=[central.keys.public()],
            )
            assert len(raw) < 1 << 20
            with pytest.raises(UploadRefused) as refused:
                Uploader(settings, signer=keys).upload(raw)
            assert refused.value.code == "bad-payload"
        peak = central.rss_peak_kb()
        print(f"\nserver peak RSS: {base_peak / 1024:.0f} MB before, {peak / 1024:.0f} MB after")
        assert peak < 200 * 1024
        assert requests.get(f"{central.url}/v1/health", timeout=5).json() == {"ok": True}


def test_tls_with_the_states_own_ca(tmp_path: Path) -> None:
    """`serve --certfile/--keyfile`: the client with the state's CA file sends; without it,
    the certificate is refused with a plain message and nothing is sent."""
    ca, cert, key = tls_files(tmp_path)
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    (tmp_path / "keys").mkdir()
    extra = ["--certfile", str(cert), "--keyfile", str(key)]
    with central_process(tmp_path / "keys", db, extra=extra) as central:
        assert central.url.startswith("https://")
        ((inst, keys),) = _enrol(db, 1)
        raw = Chain(keys, [central.keys.public()], institution=inst).next([child_record(1)])
        with pytest.raises(UploadFailed, match="certificate could not be verified"):
            Uploader(UploadSettings(url=central.url), signer=keys).upload(raw)
        got = Uploader(UploadSettings(url=central.url, ca_file=str(ca)), signer=keys).upload(raw)
        assert verify_receipt(got, [central.keys.public()])["counts"]["created"] == 1
