"""Issue 20 item 3: an absconded child registered again in another home reaches both homes'
own flag lists, in the next receipt from central on 127.0.0.1; once only; never from a
receipt that does not verify; the rules' run leaves the flag alone."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format.receipts import ReceiptError
from central.identity.absconded import check_absconded
from central.reports.area import Area
from central.schema import writer
from desktop.models import Child, Flag
from desktop.services.cases.casework import add_guardian, add_note
from desktop.services.cases.children import discharge, register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.flags.evaluate import evaluate_all
from desktop.services.flags.received import POSSIBLE_MATCH_ABSCONDED, shown_note
from desktop.services.flags.store import acknowledge_flag, list_flags
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import UploadSettings, institution_info, push
from tests.conftest import TODAY
from tests.helpers import aadhaar, child_input
from tests.sync_helpers import running_central
from tests.test_transfers import Home, _home

RULE = POSSIBLE_MATCH_ABSCONDED


def _push(home: Home, actor: Actor, url: str) -> None:
    with unit_of_work(home.engine, actor) as s:
        sync_outbox.build_bundles(s, signer=home.signer, attachments=home.store)
    push(home.engine, actor=actor, signer=home.signer, settings=UploadSettings(url=url))


def _register(home: Home, actor: Actor, admitted: str, **over: object) -> int:
    with unit_of_work(home.engine, actor) as s:
        child = register_child(
            s,
            child_input(first_name="Sunita", admission_date=admitted, **over),
            today=TODAY,
        )
        add_guardian(s, child, name="Ramesh Kumar", relation="father", today=TODAY)
        return child.id


def _touch(home: Home, actor: Actor, cid: int, text: str) -> None:
    """Something new to send, so the next sync makes a bundle (and gets a receipt)."""
    with unit_of_work(home.engine, actor) as s:
        add_note(s, s.get(Child, cid), text=text, today=TODAY)  # type: ignore[arg-type]


def _flags(home: Home) -> list[Flag]:
    with Session(home.engine, expire_on_commit=False) as s:
        return list(s.scalars(select(Flag).where(Flag.rule_id == RULE)))


def test_absconded_alert_reaches_both_homes_once(tmp_path: Path, actor: Actor) -> None:
    central_keys = key_files.generate_keys(role="central", name="Test State")
    a = _home(tmp_path, "Asha Kiran Home", 7, central_keys, actor)
    b = _home(tmp_path, "Bal Ashray Home", 8, central_keys, actor, district=213)
    with running_central(tmp_path, central_keys) as (server, rcv):
        for h in (a, b):
            with Session(h.engine) as s:
                rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        ca = _register(a, actor, "2025-03-01", aadhaar=aadhaar())
        with unit_of_work(a.engine, actor) as s:
            discharge(
                s,
                s.get(Child, ca),  # type: ignore[arg-type]
                status="absconded",
                exit_date="2026-06-01",
                reason="left the home at night",
                today=TODAY,
            )
        _push(a, actor, server.url)
        cb = _register(b, actor, "2026-07-10")
        _push(b, actor, server.url)
        with Session(writer(rcv.engine), expire_on_commit=False) as cs, cs.begin():
            (alert,) = check_absconded(cs, Area(10))
        assert (alert.missing_home, alert.found_home) == (a.uuid, b.uuid)
        assert _flags(a) == [] and _flags(b) == []  # not until their next receipt

        # A receipt that does not verify adds nothing.
        _touch(a, actor, ca, "Police informed; search goes on.")
        with unit_of_work(a.engine, actor) as s:
            (row,) = sync_outbox.build_bundles(s, signer=a.signer, attachments=a.store)
            raw = row.data
        genuine = rcv.receive(raw)
        assert b'"alerts"' in genuine and aadhaar().encode() not in genuine
        env = json.loads(genuine)
        env["receipt"]["alerts"][0]["score"] = 100.0
        env["receipt"]["alerts"][0]["other"]["code"] = "FAKE-1"
        with unit_of_work(a.engine, actor) as s, pytest.raises(ReceiptError):
            sync_outbox.acknowledge(s, receipt=json.dumps(env).encode())
        assert _flags(a) == []

        # The next sync of each home: exactly one flag each, worded with the evidence.
        push(a.engine, actor=actor, signer=a.signer, settings=UploadSettings(url=server.url))
        _touch(b, actor, cb, "Settling in.")
        _push(b, actor, server.url)
        (fa,) = _flags(a)
        (fb,) = _flags(b)
        assert (fa.child_id, fb.child_id) == (ca, cb) and fa.status == fb.status == "open"
        with unit_of_work(a.engine, actor) as s:
            code_a = s.get(Child, ca).code  # type: ignore[union-attr]
        with unit_of_work(b.engine, actor) as s:
            code_b = s.get(Child, cb).code  # type: ignore[union-attr]
            (row_b,) = [r for r in list_flags(s) if r.rule_id == RULE]
            (row_hi,) = [r for r in list_flags(s, lang="hi") if r.rule_id == RULE]
        assert row_b.rule == "Possible match with a missing child"
        assert code_a in row_b.explanation and "Asha Kiran Home" in row_b.explanation
        assert "01-06-2026" in row_b.explanation and "basis not verified" in row_b.explanation
        assert "name sounds alike" in row_b.explanation
        assert "लापता" in row_hi.explanation and code_a in row_hi.explanation
        assert aadhaar() not in (fb.note or "") and aadhaar()[-4:] not in (fb.note or "")
        with unit_of_work(a.engine, actor) as s:
            (row_a,) = [r for r in list_flags(s) if r.rule_id == RULE]
        assert code_b in row_a.explanation and "Bal Ashray Home" in row_a.explanation

        # A second sync (the same alert again in the receipt) adds none.
        for h, cid in ((a, ca), (b, cb)):
            _touch(h, actor, cid, "Another note.")
            _push(h, actor, server.url)
        assert [f.uuid for f in _flags(a)] == [fa.uuid]
        assert [f.uuid for f in _flags(b)] == [fb.uuid]

    # The rules' daily run does not resolve it as "no longer due"; a person's reason is
    # kept beside the evidence.
    for h in (a, b):
        with unit_of_work(h.engine, actor) as s:
            evaluate_all(s, as_of=date(2026, 11, 24))
    assert [f.status for f in _flags(a) + _flags(b)] == ["open", "open"]
    with unit_of_work(b.engine, actor) as s:
        f = s.get(Flag, fb.id)
        acknowledge_flag(s, f, note="Spoke to the DCPU; visit planned.")  # type: ignore[arg-type]
    with unit_of_work(b.engine, actor) as s:
        (row_b,) = [r for r in list_flags(s) if r.rule_id == RULE]
        assert code_a in row_b.explanation and row_b.status == "acknowledged"
        n = s.scalar(select(func.count()).select_from(Flag).where(Flag.rule_id == RULE))
        kept = s.get(Flag, fb.id)
        assert shown_note(RULE, kept.note) == "Spoke to the DCPU; visit planned."  # type: ignore[union-attr]
    assert n == 1


def test_the_district_office_carries_the_alert_to_both_homes(tmp_path: Path, actor: Actor) -> None:
    """Two homes of one district on USB sticks: the office's own check raises the alert and
    the receipts of each home's next bundle carry it home: one flag each, once."""
    from desktop.db import open_database
    from desktop.services.install.institution import setup_institution
    from sync_client.district import mode as district_office
    from sync_client.district.identity import absconded_alerts
    from sync_client.exchange.usb import export_outbox, import_receipts

    official = Actor("meera", "administrator", "Meera Jha")
    office_dir = tmp_path / "office"
    office_dir.mkdir()
    office = open_database(office_dir)
    with unit_of_work(office, official) as s:
        keys = district_office.setup_office(
            s,
            data_dir=office_dir,
            name="Patna DCPU",
            district_code=212,
            passphrase="office passphrase",
            state_code=10,
        ).keys
    key_files.write_public_key_file(tmp_path / "district.pub", keys.public())
    key_files.write_public_key_file(
        tmp_path / "central.pub", key_files.generate_keys(role="central", name="State").public()
    )
    view = district_office.open_view(office_dir)
    homes = []
    for name, code in (("Asha Kiran Home", 7), ("Bal Ashray Home", 8)):
        d = tmp_path / name.replace(" ", "_")
        d.mkdir()
        engine = open_database(d)
        with unit_of_work(engine, actor) as s:
            setup_institution(
                s,
                name=name,
                type="childrens-home",
                state=10,
                district=212,
                registration_no=f"BR/PAT/CH/{code:04d}",
                code=code,
            )
        with unit_of_work(engine, actor) as s:
            sync_outbox.create_own_keys(s, data_dir=d, name=name, passphrase="cci passphrase")
            sync_outbox.import_public_key(s, path=tmp_path / "central.pub")
            sync_outbox.import_public_key(s, path=tmp_path / "district.pub")
        homes.append((engine, d))
    stick = tmp_path / "stick"
    stick.mkdir()

    def trip() -> None:
        for engine, d in homes:
            with unit_of_work(engine, actor) as s:
                signer = sync_outbox.load_own_keys(s, data_dir=d, passphrase="cci passphrase")
                sync_outbox.build_next_bundle(s, signer=signer)
                export_outbox(s, folder=stick, institution=institution_info(s))
        with unit_of_work(office, official, rules=False) as s:
            district_office.import_folder(
                view=view,
                keys=keys,
                district_code=212,
                folder=stick,
                trust_new=lambda _p, _i: True,
                office=s,
            )
        for engine, _d in homes:
            with unit_of_work(engine, actor) as s:
                import_receipts(s, folder=stick, institution_uuid=str(institution_info(s)["uuid"]))

    (ea, _), (eb, _) = homes
    ids = []
    for engine, admitted in ((ea, "2025-03-01"), (eb, "2026-07-10")):
        with unit_of_work(engine, actor) as s:
            child = register_child(
                s, child_input(first_name="Sunita", admission_date=admitted), today=TODAY
            )
            add_guardian(s, child, name="Ramesh Kumar", relation="father", today=TODAY)
            ids.append(child.id)
    with unit_of_work(ea, actor) as s:
        discharge(
            s,
            s.get(Child, ids[0]),  # type: ignore[arg-type]
            status="absconded",
            exit_date="2026-06-01",
            reason="left the home at night",
            today=TODAY,
        )
    trip()
    with unit_of_work(office, official) as s:
        (alert,) = absconded_alerts(view, s, district=212, state=10)
    assert alert.found["code"] and alert.missing["home"] == "Asha Kiran Home"

    def flags(engine: object) -> list[str]:
        with Session(engine) as s:  # type: ignore[call-overload]
            return [str(f.uuid) for f in s.scalars(select(Flag).where(Flag.rule_id == RULE))]

    assert flags(ea) == [] and flags(eb) == []
    for (engine, _d), cid in zip(homes, ids, strict=True):
        with unit_of_work(engine, actor) as s:
            add_note(s, s.get(Child, cid), text="Next visit fixed.", today=TODAY)  # type: ignore[arg-type]
    trip()
    fa, fb = flags(ea), flags(eb)
    assert len(fa) == 1 and len(fb) == 1
    for (engine, _d), cid in zip(homes, ids, strict=True):
        with unit_of_work(engine, actor) as s:
            add_note(s, s.get(Child, cid), text="Another note.", today=TODAY)  # type: ignore[arg-type]
    trip()
    assert (flags(ea), flags(eb)) == (fa, fb)
