"""Resumable upload: connections cut at random byte offsets resume and apply exactly once."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format.receipts import verify_receipt
from central.models import ReceivedBundle
from sync_client.exchange.upload import (
    Offline,
    Uploader,
    UploadFailed,
    UploadRefused,
    UploadSettings,
)
from tests.sync_helpers import INSTITUTION, Chain, CuttingProxy, record, running_central


@pytest.fixture(scope="module")
def keys() -> dict[str, key_files.OwnKeys]:
    return {r: key_files.generate_keys(role=r, name=r.title()) for r in ("institution", "central")}


def _budgets(seed: int) -> Iterator[int | None]:
    rng = random.Random(seed)
    while True:
        yield rng.randint(1, 9000)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cut_connections_resume_and_apply_once(tmp_path: Path, keys: dict, seed: int) -> None:
    """Uploads through a proxy that drops every connection at a random byte still finish once."""
    with running_central(tmp_path, keys["central"]) as (server, rcv):
        rcv.enrol(institution=INSTITUTION, public=keys["institution"].public())
        chain = Chain(keys["institution"], [keys["central"].public()])
        rng = random.Random(seed)  # incompressible names make a bundle of many chunks
        raw = chain.next([record(i, name=rng.randbytes(40).hex()) for i in range(400)])
        assert len(raw) > 20_000
        proxy = CuttingProxy(server.server_address[:2], _budgets(seed))
        sleeps: list[float] = []
        try:
            up = Uploader(
                UploadSettings(
                    url=proxy.url,
                    chunk_size=4096,
                    retries=60,
                    backoff=0.001,
                    max_backoff=0.002,
                    read_timeout=10,
                ),
                signer=keys["institution"],
                sleep=sleeps.append,
            )
            seen: list[int] = []
            receipt = up.upload(raw, progress=lambda d, t, _x: seen.append(d))
        finally:
            proxy.close()
        assert proxy.cuts >= 3 and sleeps  # the link really broke, more than once
        assert seen[-1] == len(raw)
        body = verify_receipt(receipt, [keys["central"].public()])
        assert body["counts"]["created"] == 400
        assert rcv.record_count() == 400
        with Session(rcv.engine) as s:
            assert s.scalar(select(func.count()).select_from(ReceivedBundle)) == 1
        # Sending it again (a client that lost the answer) changes nothing.
        again = Uploader(UploadSettings(url=server.url), signer=keys["institution"]).upload(raw)
        assert again == receipt and rcv.record_count() == 400


def test_gives_up_in_seconds_when_central_does_not_answer(tmp_path: Path, keys: dict) -> None:
    """Nothing listening: after a failure the quick probe finds nobody there either, twice,
    so the upload stops as Offline at once instead of retrying with ever longer waits."""
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    sleeps: list[float] = []
    up = Uploader(
        UploadSettings(url=f"http://127.0.0.1:{port}", retries=3, backoff=0.5, connect_timeout=1),
        signer=keys["institution"],
        sleep=sleeps.append,
    )
    raw = Chain(keys["institution"], [keys["central"].public()]).next([record(1)])
    with pytest.raises(Offline, match="cannot be reached") as exc:
        up.upload(raw)
    assert isinstance(exc.value, UploadFailed)  # callers that catch UploadFailed still do
    assert sleeps == [0.5]  # one wait, then the second unanswered probe ends it


def test_refusal_is_not_retried(tmp_path: Path, keys: dict) -> None:
    """A CCI central does not know is refused at once with central's code, not retried."""
    with running_central(tmp_path, keys["central"]) as (server, rcv):
        sleeps: list[float] = []
        up = Uploader(
            UploadSettings(url=server.url), signer=keys["institution"], sleep=sleeps.append
        )
        raw = Chain(keys["institution"], [keys["central"].public()]).next([record(1)])
        with pytest.raises(UploadRefused) as exc:
            up.upload(raw)
        assert exc.value.code == "not-enrolled" and "not enrolled" in exc.value.message
        assert sleeps == [] and rcv.record_count() == 0


def test_upload_through_a_proxy(
    tmp_path: Path, keys: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a proxy in the settings every request goes through it, and the upload completes."""
    from tests.sync_helpers import ForwardProxy

    for var in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(var, raising=False)
    proxy = ForwardProxy()
    try:
        with running_central(tmp_path, keys["central"]) as (server, rcv):
            settings = UploadSettings(url=server.url, proxy=proxy.url, chunk_size=1024)
            rcv.enrol(institution=INSTITUTION, public=keys["institution"].public())
            raw = Chain(keys["institution"], [keys["central"].public()]).next(
                [record(i, name=random.Random(i).randbytes(30).hex()) for i in range(40)]
            )
            receipt = Uploader(settings, signer=keys["institution"]).upload(raw)
            assert verify_receipt(receipt, [keys["central"].public()])["counts"]["created"] == 40
    finally:
        proxy.close()
    methods = [m for m, _ in proxy.seen]
    assert methods.count("PATCH") >= 3 and "HEAD" in methods
    assert all(url.startswith(server.url) for _, url in proxy.seen)
