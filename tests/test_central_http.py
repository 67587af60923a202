"""Central's web API on a real uvicorn server (127.0.0.1): the upload protocol with signed
requests, and the attacks of issue 14 (each refused, nothing stored)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format.receipts import verify_receipt
from bundle_format.request_auth import HEADER, sign_request
from central.models import Upload, UploadChunk
from central.schema import writer
from central.uploads import Limits
from tests.sync_helpers import (
    INSTITUTION,
    Chain,
    chunk_headers,
    create_headers,
    db_state,
    record,
    running_central,
    signed,
)


@pytest.fixture(scope="module")
def keys() -> dict[str, key_files.OwnKeys]:
    return {
        "institution": key_files.generate_keys(role="institution", name="Test Home"),
        "central": key_files.generate_keys(role="central", name="State"),
        "attacker": key_files.generate_keys(role="institution", name="Attacker"),
    }


OTHER = dict(INSTITUTION, uuid="6e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f", name="Other Home")


def _upload(keys: key_files.OwnKeys, url: str, raw: bytes) -> requests.Response:
    r = signed(keys, "POST", f"{url}/v1/uploads", headers=create_headers(raw))
    assert r.status_code in (200, 201), r.text
    loc = url + r.headers["Location"]
    r = signed(keys, "PATCH", loc, body=raw, headers=chunk_headers(raw, 0))
    assert r.status_code == 204, r.text
    return signed(keys, "POST", loc + "/complete")


def _uploads(rcv) -> int:  # type: ignore[no-untyped-def]
    with Session(rcv.engine) as s:
        return int(s.scalar(select(func.count()).select_from(UploadChunk)) or 0) + int(
            s.scalar(select(func.count()).select_from(Upload)) or 0
        )


def test_upload_protocol_with_signed_requests(tmp_path: Path, keys: dict) -> None:
    """Create, HEAD, PATCH (bad checksum 460, wrong offset 409), complete, complete again."""
    with running_central(tmp_path, keys["central"]) as (server, rcv):
        url = server.url
        rcv.enrol(institution=INSTITUTION, public=keys["institution"].public())
        me = keys["institution"]
        raw = Chain(me, [keys["central"].public()]).next([record(i) for i in range(50)])
        r = signed(me, "POST", f"{url}/v1/uploads", headers=create_headers(raw))
        assert r.status_code == 201
        loc = url + r.headers["Location"]
        assert signed(me, "HEAD", loc).headers["Upload-Offset"] == "0"
        r = signed(me, "PATCH", loc, body=raw[:100][::-1], headers=chunk_headers(raw[:100], 0))
        assert r.status_code == 460 and r.json()["code"] == "checksum-mismatch"
        r = signed(me, "PATCH", loc, body=raw[:100], headers=chunk_headers(raw[:100], 0))
        assert r.status_code == 204 and r.headers["Upload-Offset"] == "100"
        r = signed(me, "PATCH", loc, body=raw[:100], headers=chunk_headers(raw[:100], 0))
        assert r.status_code == 409 and r.headers["Upload-Offset"] == "100"
        r = signed(me, "POST", loc + "/complete")
        assert r.status_code == 409 and r.json()["code"] == "upload-incomplete"
        rest = raw[100:]
        assert signed(me, "PATCH", loc, body=rest, headers=chunk_headers(rest, 100)).ok
        r1 = signed(me, "POST", loc + "/complete")
        r2 = signed(me, "POST", loc + "/complete")
        assert r1.status_code == r2.status_code == 200 and r1.content == r2.content
        assert verify_receipt(r1.content, [keys["central"].public()])["counts"]["created"] == 50
        bid = create_headers(raw)["Bundle-Id"]
        assert signed(me, "GET", f"{url}/v1/receipts/{bid}").content == r1.content
        assert rcv.record_count() == 50
        with Session(rcv.engine) as s:  # chunks gone once applied, the row kept as done
            assert s.scalar(select(func.count()).select_from(UploadChunk)) == 0
            assert s.scalars(select(Upload.status)).all() == ["done"]


def test_unauthenticated_and_forged_requests_store_nothing(tmp_path: Path, keys: dict) -> None:
    """No signature, a stranger's key, a forged or replayed or stale signature: 401, no bytes."""
    with running_central(tmp_path, keys["central"]) as (server, rcv):
        url = server.url
        rcv.enrol(institution=INSTITUTION, public=keys["institution"].public())
        raw = Chain(keys["institution"], [keys["central"].public()]).next([record(1)])
        before = db_state(rcv.engine)
        r = requests.post(f"{url}/v1/uploads", headers=create_headers(raw), timeout=5)
        assert r.status_code == 401 and r.json()["code"] == "not-signed"
        r = signed(keys["attacker"], "POST", f"{url}/v1/uploads", headers=create_headers(raw))
        assert r.status_code == 401 and r.json()["code"] == "not-enrolled"
        # The signature covers the protocol headers: a changed length does not verify.
        hdrs = create_headers(raw)
        hdrs[HEADER] = sign_request(
            keys["institution"], method="POST", path="/v1/uploads", headers=hdrs
        )
        hdrs["Upload-Length"] = str(10**8)
        r = requests.post(f"{url}/v1/uploads", headers=hdrs, timeout=5)
        assert r.status_code == 401 and r.json()["code"] == "bad-request-signature"
        stale = create_headers(raw)
        stale[HEADER] = sign_request(
            keys["institution"],
            method="POST",
            path="/v1/uploads",
            headers=stale,
            now=time.time() - 3600,
        )
        r = requests.post(f"{url}/v1/uploads", headers=stale, timeout=5)
        assert r.status_code == 401 and r.json()["code"] == "clock-skew"
        assert "minutes behind" in r.json()["message"]
        assert db_state(rcv.engine) == before and _uploads(rcv) == 0
        # A captured request sent again is refused as a replay.
        good = create_headers(raw)
        good[HEADER] = sign_request(
            keys["institution"], method="POST", path="/v1/uploads", headers=good
        )
        assert requests.post(f"{url}/v1/uploads", headers=good, timeout=5).status_code == 201
        r = requests.post(f"{url}/v1/uploads", headers=good, timeout=5)
        assert r.status_code == 401 and r.json()["code"] == "replayed-request"


def test_receipt_only_to_the_sender(tmp_path: Path, keys: dict) -> None:
    """Another CCI gets no receipt (GET, or completing a 1-byte upload reusing the id)."""
    with running_central(tmp_path, keys["central"]) as (server, rcv):
        url = server.url
        rcv.enrol(institution=INSTITUTION, public=keys["institution"].public())
        rcv.enrol(institution=OTHER, public=keys["attacker"].public())
        raw = Chain(keys["institution"], [keys["central"].public()]).next([record(1)])
        assert _upload(keys["institution"], url, raw).status_code == 200
        bid = create_headers(raw)["Bundle-Id"]
        r = signed(keys["attacker"], "GET", f"{url}/v1/receipts/{bid}")
        assert r.status_code == 404 and record(1)["record_uuid"] not in r.text
        # The attacker claims the same bundle id with 1 byte: no receipt comes back.
        fake = {"Upload-Length": "1", "Bundle-Id": bid, "Bundle-Sha256": "ab" * 32}
        r = signed(keys["attacker"], "POST", f"{url}/v1/uploads", headers=fake)
        loc = url + r.headers["Location"]
        signed(keys["attacker"], "PATCH", loc, body=b"x", headers=chunk_headers(b"x", 0))
        r = signed(keys["attacker"], "POST", loc + "/complete")
        assert r.status_code == 422 and "receipt" not in r.text
        assert record(1)["record_uuid"] not in r.text
        # Even the whole bundle's bytes, sent by another CCI, are refused.
        r = _upload(keys["attacker"], url, raw)
        assert r.status_code == 422 and r.json()["code"] == "wrong-sender"
        assert _uploads(rcv) == 1  # only the sender's completed upload row is left


def test_disk_fill_is_refused_by_quota_and_expiry(tmp_path: Path, keys: dict) -> None:
    """Open uploads and pending bytes are capped per CCI; idle uploads expire, chunks too."""
    limits = Limits(open_uploads=3, pending_bytes=64 * 1024, idle_hours=1.0)
    with running_central(tmp_path, keys["central"], limits=limits) as (server, rcv):
        url = server.url
        rcv.enrol(institution=INSTITUTION, public=keys["institution"].public())
        me = keys["institution"]
        codes = []
        for i in range(5):
            hdr = {
                "Upload-Length": str(20 * 1024),
                "Bundle-Id": f"00000000-0000-4000-8000-{i:012d}",
                "Bundle-Sha256": "ab" * 32,
            }
            codes.append(signed(me, "POST", f"{url}/v1/uploads", headers=hdr).status_code)
        assert codes == [201, 201, 201, 429, 429]
        hdr = {"Upload-Length": str(100 * 1024**2), "Bundle-Id": hdr["Bundle-Id"]}
        r = signed(me, "POST", f"{url}/v1/uploads", headers={**hdr, "Bundle-Sha256": "ab" * 32})
        assert r.status_code == 413 and r.json()["retry"] is False
        hdr = {"Upload-Length": "100", "Bundle-Id": hdr["Bundle-Id"], "Bundle-Sha256": "cd" * 32}
        r = signed(me, "POST", f"{url}/v1/uploads", headers=hdr)
        assert r.status_code == 429 and r.json()["code"] == "quota"
        # A chunk larger than allowed is refused before it is stored.
        with Session(rcv.engine) as s:
            first = s.scalars(select(Upload.upload_id)).first()
        big = b"z" * (limits.max_chunk + 1)
        r = signed(
            me, "PATCH", f"{url}/v1/uploads/{first}", body=big, headers=chunk_headers(big, 0)
        )
        assert r.status_code == 413
        part = b"y" * 1000
        r = signed(
            me, "PATCH", f"{url}/v1/uploads/{first}", body=part, headers=chunk_headers(part, 0)
        )
        assert r.status_code == 204
        # Two hours later nobody came back: the uploads and their chunks are gone.
        with Session(writer(rcv.engine)) as s, s.begin():
            for up in s.scalars(select(Upload)):
                up.touched_at = up.touched_at.replace(year=2000)
        ok = create_headers(Chain(me, [keys["central"].public()]).next([record(1)]))
        assert signed(me, "POST", f"{url}/v1/uploads", headers=ok).status_code == 201
        assert _uploads(rcv) == 1


def test_refused_upload_is_deleted(tmp_path: Path, keys: dict) -> None:
    """A bundle that is refused leaves no upload and no chunk behind."""
    with running_central(tmp_path, keys["central"]) as (server, rcv):
        rcv.enrol(institution=INSTITUTION, public=keys["institution"].public())
        chain = Chain(keys["institution"], [keys["central"].public()], seq=4)
        r = _upload(keys["institution"], server.url, chain.next([record(1)]))
        assert r.status_code == 422 and r.json()["code"] == "out-of-sequence"
        assert _uploads(rcv) == 0 and rcv.record_count() == 0


def test_nested_and_mistyped_headers_are_refused_not_crashed(tmp_path: Path, keys: dict) -> None:
    """A deeply nested header, a payload length that is text, an institution that is a list:
    a 422 with a code and a message, and the server answers the next request as usual."""
    import json
    import struct

    from bundle_format import bundle as bundles
    from bundle_format.canonical import canonical

    with running_central(tmp_path, keys["central"]) as (server, rcv):
        rcv.enrol(institution=INSTITUTION, public=keys["institution"].public())
        good = Chain(keys["institution"], [keys["central"].public()]).next(
            [record(1)], advance=False
        )
        b = bundles.parse_bundle(good)

        def with_header(h: object, raw_header: bytes | None = None) -> bytes:
            hb = raw_header if raw_header is not None else canonical(h)
            return bundles.MAGIC + struct.pack(">I", len(hb)) + hb + b.signature + b.ciphertext

        header = json.loads(b.header_bytes)
        nested = b"[" * 30_000 + b"]" * 30_000
        cases = {
            "nested": with_header(None, nested),
            "length-text": with_header({**header, "payload": {**header["payload"], "length": "9"}}),
            "payload-list": with_header({**header, "payload": [1, 2]}),
            "institution-list": with_header({**header, "institution": ["x"]}),
            "seq-text": with_header({**header, "seq": "1"}),
            "counts-float": with_header({**header, "counts": {**header["counts"], "records": 1.5}}),
        }
        for name, raw in cases.items():
            r = _upload(keys["institution"], server.url, raw)
            body = r.json()
            assert r.status_code == 422, name
            assert body["code"] in ("bad-header", "bad-version") and body["message"], name
        assert _upload(keys["institution"], server.url, good).status_code == 200
        assert rcv.record_count() == 1
