"""The reference central endpoint: enrolment, checks, merge outcomes, idempotency, HTTP."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from bundle_format import bundle as bundles
from bundle_format import keys as key_files
from bundle_format.receipts import ReceiptError, sign_receipt, verify_receipt
from central.models import MergedRecord
from central.schema import open_engine
from central.service import EnrolError, Receiver
from tests.sync_helpers import (
    INSTITUTION,
    Chain,
    record,
    throwaway_postgres,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def keys() -> dict[str, key_files.OwnKeys]:
    return {
        r: key_files.generate_keys(role=r, name=r.title())
        for r in ("institution", "central", "district")
    }


@pytest.fixture(scope="module")
def pg_server() -> Iterator[str]:
    """A real PostgreSQL server (throwaway cluster) for the central tests of this module."""
    with throwaway_postgres() as url:
        yield url


_db_count = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Central's database: a SQLite file, and the same models on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'c.sqlite'}"
        return
    server = request.getfixturevalue("pg_server")
    name = f"central_{os.getpid()}_{next(_db_count)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield server.replace("/postgres?", f"/{name}?")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture()
def rcv(db_url: str, keys: dict[str, key_files.OwnKeys]) -> Iterator[Receiver]:
    r = Receiver(open_engine(db_url), keys["central"])
    r.enrol(institution=INSTITUTION, public=keys["institution"].public())
    yield r
    r.engine.dispose()


@pytest.fixture()
def chain(keys: dict[str, key_files.OwnKeys]) -> Chain:
    return Chain(keys["institution"], [keys["central"].public(), keys["district"].public()])


def _records(r: Receiver) -> dict[str, tuple[int, object]]:
    with Session(r.engine) as s:
        return {m.record_uuid: (m.version, m.data) for m in s.scalars(select(MergedRecord))}


def _refusal(r: Receiver, raw: bytes) -> str:
    before = _records(r)
    with pytest.raises(bundles.BundleError) as exc:
        r.receive(raw)
    assert exc.value.message
    assert _records(r) == before  # nothing merged
    return exc.value.code


def test_merge_outcomes_by_version(rcv: Receiver, chain: Chain, keys: dict) -> None:
    """created, updated, unchanged, conflict and error each come out where they should."""
    first = verify_receipt(
        rcv.receive(chain.next([record(1), record(2), record(3)])), [keys["central"].public()]
    )
    assert first["counts"] == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "conflict": 0,
        "error": 0,
    }
    bad = dict(record(4), version=0)
    second = verify_receipt(
        rcv.receive(
            chain.next(
                [
                    record(1, version=2, base=1, name="Renamed"),  # updated
                    record(2),  # unchanged (same version, same data)
                    record(3, name="Other copy"),  # conflict: another copy of version 1
                    bad,  # error
                ]
            )
        ),
        [keys["central"].public()],
    )
    got = {o["record_uuid"][-1]: (o["outcome"], o.get("message", "")) for o in second["outcomes"]}
    assert got["1"][0] == "updated" and got["2"][0] == "unchanged"
    assert got["3"][0] == "conflict" and "another copy" in got["3"][1]
    assert got["4"] == ("error", "version numbers are not valid")
    stored = _records(rcv)
    assert stored[record(1)["record_uuid"]] == (2, {"full_name": "Renamed"})
    assert stored[record(3)["record_uuid"]] == (1, {"full_name": "Test Child 3"})


def test_same_bundle_twice_gives_the_same_receipt(rcv: Receiver, chain: Chain) -> None:
    """Idempotent: the same id and bytes are applied once and answered identically."""
    raw = chain.next([record(1), record(2)])
    a = rcv.receive(raw)
    b = rcv.receive(raw)
    assert a == b
    assert rcv.record_count() == 2


def test_same_id_other_bytes_is_refused(rcv: Receiver, chain: Chain, keys: dict) -> None:
    """A different bundle reusing an applied bundle id is refused with id-reused."""
    raw = chain.next([record(1)])
    rcv.receive(raw)
    bid = bundles.parse_bundle(raw).bundle_id
    other = bundles.build_bundle(
        records=[record(9)],
        institution=INSTITUTION,
        seq=2,
        prev_hash=chain.prev,
        created_at="x",
        signer=keys["institution"],
        recipients=[keys["central"].public()],
        bundle_id=bid,
    )
    assert _refusal(rcv, other) == "id-reused"


def test_replay_sequence_and_chain_are_checked(rcv: Receiver, chain: Chain) -> None:
    """An older seq is replayed, a gap is out-of-sequence, a wrong prev hash breaks the chain."""
    rcv.receive(chain.next([record(1)]))
    again = Chain(chain.inst, chain.recipients)  # a restored install rebuilding bundle 1
    assert _refusal(rcv, again.next([record(5)])) == "replayed"
    chain.next([record(2)])  # bundle 2 built but never delivered
    assert _refusal(rcv, chain.next([record(3)])) == "out-of-sequence"
    forged = Chain(chain.inst, chain.recipients, seq=1, prev="ab" * 32)
    assert _refusal(rcv, forged.next([record(4)])) == "broken-chain"


def test_tampered_and_foreign_bundles_merge_nothing(
    rcv: Receiver, chain: Chain, keys: dict
) -> None:
    """Bit flips, truncation, a wrong signer or an unknown CCI are refused; nothing merged."""
    raw = chain.next([record(1), record(2)], advance=False)
    flipped = bytearray(raw)
    flipped[-5] ^= 0x10
    assert _refusal(rcv, bytes(flipped)) == "bad-signature"
    assert _refusal(rcv, raw[:-40]) == "truncated"
    impostor = Chain(key_files.generate_keys(role="institution", name="x"), chain.recipients)
    assert _refusal(rcv, impostor.next([record(1)])) == "wrong-signer"
    stranger = Chain(
        chain.inst,
        chain.recipients,
        institution=dict(INSTITUTION, uuid="7e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f"),
    )
    assert _refusal(rcv, stranger.next([record(1)])) == "unknown-institution"
    not_for_us = Chain(chain.inst, [keys["district"].public()])
    assert _refusal(rcv, not_for_us.next([record(1)])) == "not-a-recipient"
    assert rcv.record_count() == 0
    rcv.receive(raw)  # the untouched bundle still goes in afterwards
    assert rcv.record_count() == 2


def test_district_passes_on_bundles_it_cannot_read(tmp_path: Path, keys: dict) -> None:
    """A bundle made before the CCI had the district key is checked and chained, not merged."""
    office = Receiver(
        open_engine(f"sqlite:///{tmp_path / 'd.sqlite'}"), keys["district"], district_code=212
    )
    office.enrol(institution=INSTITUTION, public=keys["institution"].public())
    chain = Chain(keys["institution"], [keys["central"].public()])
    first = verify_receipt(office.receive(chain.next([record(1)])), [keys["district"].public()])
    assert first["outcomes"] == [] and "passed on unread" in first["note"]
    assert office.record_count() == 0
    chain.recipients = [keys["central"].public(), keys["district"].public()]
    second = verify_receipt(office.receive(chain.next([record(2)])), [keys["district"].public()])
    assert second["counts"]["created"] == 1 and "note" not in second
    forged = Chain(
        key_files.generate_keys(role="institution", name="x"),
        chain.recipients,
        seq=2,
        prev=chain.prev,
    )
    with pytest.raises(bundles.BundleError) as exc:  # unreadable is no excuse for unsigned
        office.receive(forged.next([record(3)]))
    assert exc.value.code == "wrong-signer"


def test_district_refuses_another_districts_bundle(tmp_path: Path, keys: dict) -> None:
    """A district office refuses a bundle whose CCI is in another district, and says so."""
    office = Receiver(
        open_engine(f"sqlite:///{tmp_path / 'd.sqlite'}"), keys["district"], district_code=213
    )
    office.enrol(institution=INSTITUTION, public=keys["institution"].public())
    chain = Chain(keys["institution"], [keys["central"].public(), keys["district"].public()])
    with pytest.raises(bundles.BundleError) as exc:
        office.receive(chain.next([record(1)]))
    assert exc.value.code == "wrong-district"
    assert "another district" in exc.value.message and "212" in exc.value.message
    assert office.record_count() == 0


def test_enrolment_keeps_the_enrolled_key(rcv: Receiver, keys: dict) -> None:
    """Re-enrolling the same key is harmless; a different key for the CCI is refused."""
    assert rcv.enrol(institution=INSTITUTION, public=keys["institution"].public()) is False
    with pytest.raises(EnrolError):
        rcv.enrol(
            institution=INSTITUTION,
            public=key_files.generate_keys(role="institution", name="x").public(),
        )


def test_receipt_signature_is_checked(rcv: Receiver, chain: Chain, keys: dict) -> None:
    """A receipt verifies with central's key; altered or signed by another key it does not."""
    signed = rcv.receive(chain.next([record(1)]))
    assert verify_receipt(signed, [keys["central"].public()])["counts"]["created"] == 1
    with pytest.raises(ReceiptError):
        verify_receipt(signed, [keys["district"].public()])
    env = json.loads(signed)
    env["receipt"]["outcomes"][0]["outcome"] = "updated"
    env["receipt"]["counts"] = {
        "created": 0,
        "updated": 1,
        "unchanged": 0,
        "conflict": 0,
        "error": 0,
    }
    with pytest.raises(ReceiptError, match="signature"):
        verify_receipt(json.dumps(env).encode(), [keys["central"].public()])
    # A district may sign its own receipts, not receipts that claim to be central's.
    posing = sign_receipt(json.loads(signed)["receipt"], keys["district"])
    with pytest.raises(ReceiptError, match="another office"):
        verify_receipt(posing, [keys["central"].public(), keys["district"].public()])


def test_python_m_central_serves_on_loopback(tmp_path: Path) -> None:
    """`python -m central init-keys` then `serve --port 0` listens on 127.0.0.1 by default."""
    env = dict(os.environ, CLMS_CENTRAL_PASSPHRASE="test passphrase")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "central",
            "init-keys",
            "--dir",
            str(tmp_path),
            "--name",
            "Test State",
        ],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    assert "ENCRYPTED" in (tmp_path / "central.key").read_text()
    secret = tmp_path / "aadhaar-secret.key"
    assert (secret.stat().st_mode & 0o077) == 0 and len(secret.read_text().strip()) == 44
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "central",
            "serve",
            "--port",
            "0",
            "--keys",
            str(tmp_path),
            "--db",
            f"sqlite:///{tmp_path / 'c.sqlite'}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        assert m, line
        key = requests.get(f"http://127.0.0.1:{m.group(1)}/v1/key", timeout=5).json()
        pub = key_files.read_public_key_file(tmp_path / "central.pub")
        assert key_files.parse_public(key) == pub and pub.fingerprint in line
    finally:
        proc.terminate()
        proc.wait(10)


def test_rebuild_and_cleanup_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m central rebuild` refills the records from the stored bundles; `cleanup`
    runs; both report what they did."""
    from central.__main__ import main as central_main

    monkeypatch.setenv("CLMS_CENTRAL_PASSPHRASE", "pw")
    assert central_main(["init-keys", "--dir", str(tmp_path), "--name", "State"]) == 0
    keys = key_files.load_private_file(tmp_path / "central.key", passphrase="pw")
    inst = key_files.generate_keys(role="institution", name="Home")
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    rcv = Receiver(open_engine(url), keys)
    rcv.enrol(institution=INSTITUTION, public=inst.public())
    chain = Chain(inst, [keys.public()])
    rcv.receive(chain.next([record(1), record(2)]))
    rcv.receive(chain.next([record(1, version=2, base=1, name="Renamed")]))
    before = _records(rcv)
    with rcv.engine.begin() as c:
        c.execute(text("DELETE FROM central_record"))
    assert rcv.record_count() == 0
    capsys.readouterr()
    assert central_main(["rebuild", "--db", url, "--keys", str(tmp_path)]) == 0
    assert "2 bundle(s), 2 record(s), replayed" in capsys.readouterr().out
    assert _records(rcv) == before
    assert central_main(["cleanup", "--db", url]) == 0
    assert "expired upload(s) deleted" in capsys.readouterr().out
    rcv.engine.dispose()
