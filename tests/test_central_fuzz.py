"""Fuzzing both receivers (central and the district office) with mutated bundles: none is
accepted, none crashes (every refusal a BundleError with a code and a message), and none
changes the database. The bulk runs in process; a sample goes through the real server."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bundle_format import bundle as bundles
from bundle_format import keys as key_files
from central.models import Upload
from central.schema import open_engine
from central.service import Receiver
from tests.fuzz_bundles import mutants
from tests.sync_helpers import (
    INSTITUTION,
    Chain,
    child_record,
    chunk_headers,
    create_headers,
    db_state,
    running_central,
    signed,
)

N = 5000  # mutated bundles per receiver
HTTP_SAMPLE = 120


@pytest.fixture(scope="module")
def keys() -> dict[str, key_files.OwnKeys]:
    return {
        "home": key_files.generate_keys(role="institution", name="Home"),
        "central": key_files.generate_keys(role="central", name="State"),
        "district": key_files.generate_keys(role="district", name="Patna"),
    }


def _ready(rcv: Receiver, keys: dict) -> tuple[Chain, bytes]:
    """The receiver with the home enrolled and bundle 1 applied; the good bundle 2."""
    rcv.enrol(institution=INSTITUTION, public=keys["home"].public())
    chain = Chain(keys["home"], [keys["central"].public(), keys["district"].public()])
    rcv.receive(chain.next([child_record(i) for i in range(3)]))
    return chain, chain.next([child_record(7), child_record(8)], advance=False)


def _campaign(rcv: Receiver, keys: dict, good: bytes) -> Counter[str]:
    before = db_state(rcv.engine)
    codes: Counter[str] = Counter()
    recipients = [keys["central"].public(), keys["district"].public()]
    for family, raw in mutants(good, signer=keys["home"], recipients=recipients, n=N):
        try:
            rcv.receive(raw)
        except bundles.BundleError as exc:
            assert exc.code and exc.message, family
            codes[exc.code] += 1
        else:
            raise AssertionError(f"a mutated bundle ({family}) was accepted")
        # Anything but BundleError (a crash) fails the test by itself.
    assert db_state(rcv.engine) == before  # every refusal rolled back, nothing kept
    assert sum(codes.values()) == N
    return codes


@pytest.mark.parametrize("office", ["central", "district"])
def test_fuzz_5000_mutated_bundles_none_accepted_none_crashed(
    tmp_path: Path, keys: dict, office: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """5,000 mutated bundles per receiver: 0 accepted, 0 crashes, 0 database changes; the
    good bundle still goes in afterwards."""
    district = 212 if office == "district" else None
    rcv = Receiver(
        open_engine(f"sqlite:///{tmp_path / 'r.sqlite'}"),
        keys[office],
        district_code=district,
        aadhaar_secret=None if district else b"s" * 32,
    )
    _chain, good = _ready(rcv, keys)
    started = time.perf_counter()
    codes = _campaign(rcv, keys, good)
    took = time.perf_counter() - started
    with capsys.disabled():
        print(
            f"\n{office}: {N} mutated bundles, 0 accepted, 0 crashes in {took:.1f} s: {dict(codes)}"
        )
    assert {"bad-signature", "bad-header", "bad-payload"} <= set(codes)
    assert rcv.record_count() == 3
    rcv.receive(good)
    assert rcv.record_count() == 5
    rcv.engine.dispose()


def test_fuzz_sample_through_the_real_server(tmp_path: Path, keys: dict) -> None:
    """A sample of the mutants uploaded over HTTP: each a 422 with a code, the upload deleted,
    the records untouched, and the server answering throughout."""
    with running_central(tmp_path, keys["central"]) as (server, rcv):
        _chain, good = _ready(rcv, keys)
        before = db_state(rcv.engine)
        recipients = [keys["central"].public(), keys["district"].public()]
        codes: Counter[str] = Counter()
        for _family, raw in mutants(
            good, signer=keys["home"], recipients=recipients, n=HTTP_SAMPLE, seed=99
        ):
            r = signed(
                keys["home"], "POST", f"{server.url}/v1/uploads", headers=create_headers(raw)
            )
            loc = server.url + r.headers["Location"]
            r = signed(keys["home"], "PATCH", loc, body=raw, headers=chunk_headers(raw, 0))
            assert r.status_code == 204
            r = signed(keys["home"], "POST", loc + "/complete")
            assert r.status_code == 422 and r.json()["message"], r.text
            codes[r.json()["code"]] += 1
        assert sum(codes.values()) == HTTP_SAMPLE and "bad-payload" in codes
        assert db_state(rcv.engine) == before
        with Session(rcv.engine) as s:
            assert s.scalar(select(func.count()).select_from(Upload)) == 0


def test_bad_files_on_a_stick_are_skipped_the_rest_taken_in(tmp_path: Path, keys: dict) -> None:
    """At the district office, damaged files on the stick are reported one by one and the
    good bundles of every home are still taken in."""
    from sync_client.district import mode as district_office
    from sync_client.exchange.usb import bundle_name, bundles_dir

    stick = tmp_path / "stick"
    chain = Chain(keys["home"], [keys["central"].public(), keys["district"].public()])
    good1 = chain.next([child_record(1)])
    good2 = chain.next([child_record(2)], advance=False)
    folder = bundles_dir(stick) / INSTITUTION["uuid"]
    folder.mkdir(parents=True)
    key_files.write_public_key_file(folder / "institution.pub", keys["home"].public())
    import json

    (folder / "institution.json").write_text(json.dumps(INSTITUTION))
    (folder / bundle_name(1, "a")).write_bytes(good1)
    recipients = [keys["central"].public(), keys["district"].public()]
    bad = list(mutants(good2, signer=keys["home"], recipients=recipients, n=20, seed=5))
    for i, (_f, raw) in enumerate(bad):
        (folder / bundle_name(2, f"bad{i:02d}")).write_bytes(raw)
    (folder / bundle_name(3, "zz")).write_bytes(good2)  # after the bad ones, in name order
    # A second home whose institution.json is damaged: reported, not a crash.
    other = bundles_dir(stick) / "6e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f"
    other.mkdir()
    (other / "institution.json").write_text('{"uuid": [1], "name": 5}')
    (tmp_path / "office").mkdir()
    view = district_office.open_view(tmp_path / "office")
    res = district_office.import_folder(
        view=view,
        keys=keys["district"],
        district_code=212,
        folder=stick,
        trust_new=lambda *_: True,
    )
    assert [seq for _u, seq, _c in res.applied] == [1, 2]
    assert len(res.refused) == 21 and all(r.code and r.message for r in res.refused)
    assert [r.code for r in res.refused if r.file == other.name] == ["unknown-institution"]
