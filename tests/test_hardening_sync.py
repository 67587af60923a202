"""Above the CCI (issue 21): Aadhaar leaves only as last 4 + sealed to central, the district
view keeps the last 4 only, practice folders never share ids, stick files are size-checked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bundle_format import aadhaar as aadhaar_format
from bundle_format import bundle as bundles
from bundle_format import keys as key_files
from central.models import MergedRecord
from desktop.db import connect_raw, open_database
from desktop.models import Child
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.demo.generate import generate_demo
from sync_client.district import mode as district_office
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import institution_info
from sync_client.exchange.usb import bundles_dir, export_outbox
from tests.conftest import TODAY, set_up_home
from tests.helpers import aadhaar, child_input

PASS = "test sync passphrase"
ASHA = Actor("asha", "superintendent", "Asha Kumari")


@pytest.fixture(scope="module")
def central_keys() -> key_files.OwnKeys:
    return key_files.generate_keys(role="central", name="Test State")


@pytest.fixture(scope="module")
def district_keys() -> key_files.OwnKeys:
    return key_files.generate_keys(role="district", name="Patna District Office")


def _sync_ready(engine, data_dir: Path, *peers: key_files.OwnKeys) -> key_files.OwnKeys:
    """This install's sync key, with the peers' public keys imported; returns the signer."""
    with unit_of_work(engine, ASHA) as s:
        sync_outbox.create_own_keys(s, data_dir=data_dir, name="Home", passphrase=PASS)
        for peer in peers:
            path = data_dir / f"{peer.role}.pub"
            key_files.write_public_key_file(path, peer.public())
            sync_outbox.import_public_key(s, path=path)
    with unit_of_work(engine, ASHA) as s:
        return sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase=PASS)


def _child_records(raw: bytes, keys: key_files.OwnKeys) -> list[dict]:
    return [r for r in bundles.open_bundle(bundles.parse_bundle(raw), keys) if r["type"] == "child"]


def test_bundle_carries_aadhaar_as_last4_and_sealed_to_central_only(
    inst_engine, data_dir, central_keys, district_keys
):
    """A child record in a bundle has no `aadhaar`: the last 4 digits, and the number sealed to
    central's key, which central opens and the district (which can open the bundle) cannot."""
    signer = _sync_ready(inst_engine, data_dir, central_keys, district_keys)
    number = aadhaar()
    with unit_of_work(inst_engine, ASHA) as s:
        register_child(s, child_input(aadhaar=number), today=TODAY)
        bundle = sync_outbox.build_next_bundle(s, signer=signer)
        assert bundle is not None
        raw = bundle.data
    for keys in (central_keys, district_keys):
        (rec,) = _child_records(raw, keys)
        assert "aadhaar" not in rec["data"]
        assert rec["data"][aadhaar_format.FIELD_LAST4] == number[-4:]
        sealed = rec["data"][aadhaar_format.FIELD_SEALED]
        assert number not in json.dumps({k: v for k, v in rec["data"].items() if v != sealed})
    assert (
        aadhaar_format.open_sealed(sealed, keys=central_keys, record_uuid=rec["record_uuid"])
        == number
    )
    with pytest.raises(aadhaar_format.AadhaarError):
        aadhaar_format.open_sealed(sealed, keys=district_keys, record_uuid=rec["record_uuid"])


def test_district_view_never_stores_the_number(
    inst_engine, data_dir, tmp_path, central_keys, district_keys
):
    """The district's view keeps a child's Aadhaar as its last 4 digits only: not the sealed
    value, not the number from a bundle of an older version, not one stored by an older view."""
    signer = _sync_ready(inst_engine, data_dir, central_keys, district_keys)
    number = aadhaar()
    with unit_of_work(inst_engine, ASHA) as s:
        register_child(s, child_input(aadhaar=number), today=TODAY)
        sync_outbox.build_next_bundle(s, signer=signer)
    stick = tmp_path / "stick"
    stick.mkdir()
    with unit_of_work(inst_engine, ASHA) as s:
        export_outbox(s, folder=stick, institution=institution_info(s))
        info = institution_info(s)
    # An older CCI version's bundle: the number in the open (inside the encryption).
    older = bundles.build_bundle(
        records=[
            {
                "record_uuid": "00000000-0000-4000-8000-000000000001",
                "type": "child",
                "op": "upsert",
                "version": 1,
                "base_version": 0,
                "data": {"first_name": "Guddi", "aadhaar": aadhaar("98769876987")},
            }
        ],
        institution=info,
        seq=2,
        prev_hash=bundles.parse_bundle(next(bundles_dir(stick).rglob("*.clmsb")).read_bytes()).hash,
        created_at="2026-11-23T10:00:00Z",
        signer=signer,
        recipients=[central_keys.public(), district_keys.public()],
    )
    inst_folder = bundles_dir(stick) / info["uuid"]
    (inst_folder / f"000002-{bundles.parse_bundle(older).bundle_id}.clmsb").write_bytes(older)
    office = tmp_path / "office"
    view = district_office.open_view(office)
    res = district_office.import_folder(
        view=view, keys=district_keys, district_code=212, folder=stick, trust_new=lambda *_: True
    )
    assert res.refused == [] and len(res.applied) == 2
    with Session(view) as s:
        kids = [r.data for r in s.scalars(select(MergedRecord).where(MergedRecord.type == "child"))]
    # The older bundle's number in the open is dropped unread (as central does).
    assert sorted(str(k.get(aadhaar_format.FIELD_LAST4)) for k in kids) == sorted(
        [number[-4:], "None"]
    )
    assert all("aadhaar" not in k and aadhaar_format.FIELD_SEALED not in k for k in kids)
    view.dispose()
    # Nothing in any table of the view holds 12 digits (read through the key: the file is
    # encrypted, so a plain search of it proves nothing).
    con = connect_raw(office / district_office.VIEW_DB)
    tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    dump = "\n".join(
        repr(row)
        for t in tables
        if t != "received_bundle"  # the bundles themselves, encrypted, kept to forward
        for row in con.execute(f'SELECT * FROM "{t}"')
    )
    con.close()
    for n in (number, aadhaar("98769876987")):
        assert n not in dump, "an Aadhaar number is stored in the district view"
    # A view written by an older version (the number stored, the file not marked as
    # scanned) is cleaned when it is opened.
    view = district_office.open_view(office)
    with Session(view) as s, s.begin():
        row = s.scalars(select(MergedRecord).where(MergedRecord.type == "child")).first()
        row.data = {**row.data, "aadhaar": number}
        s.execute(text("PRAGMA user_version = 0"))
    view.dispose()
    view = district_office.open_view(office)
    with Session(view) as s:
        assert all(
            "aadhaar" not in r.data
            for r in s.scalars(select(MergedRecord).where(MergedRecord.type == "child"))
        )
    view.dispose()


def _practice_folder(folder: Path, *peers: key_files.OwnKeys) -> tuple[object, dict]:
    engine = open_database(folder)
    set_up_home(engine, ASHA)
    with unit_of_work(engine, ASHA, rules=False) as s:
        generate_demo(s, children=25, seed=1, as_of=TODAY)
    _sync_ready(engine, folder, *peers)
    with unit_of_work(engine, ASHA) as s:
        info = institution_info(s)
    return engine, info


def test_two_practice_folders_from_one_seed_share_no_record_id(
    tmp_path, central_keys, district_keys
):
    """Practice folders made with the same seed share no record id (the seed picks only the
    invented people; they did share every id), and neither sends anything above the CCI."""
    from desktop.services.core.errors import NotAllowed

    stick = tmp_path / "stick"
    stick.mkdir()
    ids = []
    for name in ("one", "two"):
        engine, info = _practice_folder(tmp_path / name, central_keys, district_keys)
        with unit_of_work(engine, ASHA) as s:
            ids.append({str(u) for u in s.scalars(select(Child.uuid))})
        with pytest.raises(NotAllowed), unit_of_work(engine, ASHA) as s:
            export_outbox(s, folder=stick, institution=info)
        engine.dispose()
    assert len(ids[0]) == len(ids[1]) == 25 and not ids[0] & ids[1]
    assert not list(stick.rglob("*.clmsb"))


def test_stick_files_are_size_checked_before_reading(tmp_path, district_keys):
    """A file on the stick larger than any bundle can be is refused unread (a 1 GiB sparse
    file used to be read whole into memory), and so is an oversized institution.json."""
    import tracemalloc

    from sync_client.exchange.usb import MAX_BUNDLE_FILE

    stick = tmp_path / "stick"
    folder = bundles_dir(stick) / "5e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f"
    folder.mkdir(parents=True)
    huge = folder / "000001-x.clmsb"
    with open(huge, "wb") as fh:
        fh.truncate(MAX_BUNDLE_FILE + 1)  # sparse: no disk used
    (folder / "institution.json").write_text(json.dumps({"uuid": folder.name, "name": "Home"}))
    keys = key_files.generate_keys(role="institution", name="Home")
    key_files.write_public_key_file(folder / "institution.pub", keys.public())
    view = district_office.open_view(tmp_path / "office")
    tracemalloc.start()
    res = district_office.import_folder(
        view=view, keys=district_keys, district_code=212, folder=stick, trust_new=lambda *_: True
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert [r.code for r in res.refused] == ["wrong-district"]  # its info has no district
    (folder / "institution.json").write_text(
        json.dumps({"uuid": folder.name, "name": "Home", "district_code": 212})
    )
    tracemalloc.start()
    res = district_office.import_folder(
        view=view, keys=district_keys, district_code=212, folder=stick, trust_new=lambda *_: True
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert [(r.file, r.code) for r in res.refused] == [(huge.name, "unreadable")]
    assert "more than a file of its kind" in res.refused[0].message
    view.dispose()
    with open(folder / "institution.json", "ab") as fh:
        fh.truncate(10 * 1024 * 1024)
    other = district_office.open_view(tmp_path / "other-office")
    res = district_office.import_folder(
        view=other, keys=district_keys, district_code=212, folder=stick, trust_new=lambda *_: True
    )
    assert res.refused[0].code == "unknown-institution" and "not read" in res.refused[0].message
    other.dispose()
    assert os.path.getsize(huge) == MAX_BUNDLE_FILE + 1
