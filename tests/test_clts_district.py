"""Child labour (CLTS) at the district office: the cases arrive in bundles on a stick and
the quarterly report made from the district view is the CCI's own, and the card is signed
with the install's real sync key and its endorsement."""

from __future__ import annotations

import base64
import io
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bundle_format import keys as key_files
from bundle_format.card_token import endorse_signer, verify_token
from central.schema import open_engine
from central.service import Receiver
from desktop.cli.main import main as clms
from desktop.rules.clts_policy import load_clts_policy
from desktop.services.clts.compensation import update_line
from desktop.services.clts.derive import lines_of
from desktop.services.clts.household import save_household
from desktop.services.clts.report import Quarter, quarterly_report, records_from_db
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ServiceError
from sync_client.card_signer import card_signer, endorsement, install_endorsement
from sync_client.district import mode as district_office
from sync_client.district.clts import clts_records, state_clts_records
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import institution_info
from sync_client.exchange.usb import export_outbox
from tests.clts_helpers import rescued_child, rescued_from_jharkhand
from tests.conftest import TODAY

PASS = "Ashiana#2026-sync"


def _keys(engine, actor, data_dir: Path, central: key_files.OwnKeys) -> key_files.OwnKeys:
    with unit_of_work(engine, actor) as s:
        sync_outbox.create_own_keys(s, data_dir=data_dir, name="Test Home", passphrase=PASS)
        key_files.write_public_key_file(data_dir / "central.pub", central.public())
        sync_outbox.import_public_key(s, path=data_dir / "central.pub")
    with unit_of_work(engine, actor) as s:
        return sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase=PASS)


def test_district_report_from_bundles_equals_the_cci_report(inst_engine, actor, data_dir, tmp_path):
    """CLTS records travel on a stick; the district's quarterly figures match the CCI's."""
    central = key_files.generate_keys(role="central", name="Bihar")
    district = key_files.generate_keys(role="district", name="Patna DCPU")
    signer = _keys(inst_engine, actor, data_dir, central)
    key_files.write_public_key_file(data_dir / "district.pub", district.public())
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        sync_outbox.import_public_key(s, path=data_dir / "district.pub")
        _, case = rescued_child(s)
        save_household(s, case, {"head_name": "Sunil Manjhi", "ration_card": "none"}, today=TODAY)
        line = next(ln for ln in lines_of(s, case) if ln.line == "relief_3000")
        update_line(
            s,
            case,
            line,
            {"paid_on": "2026-06-05", "payment_ref": "CASH/1", "payment_mode": "cash"},
            today=TODAY,
        )
        rescued_from_jharkhand(s)
        mine = records_from_db(s)
    stick = tmp_path / "stick"
    stick.mkdir()
    with unit_of_work(inst_engine, actor) as s:
        sync_outbox.build_next_bundle(s, signer=signer)
        export_outbox(s, folder=stick, institution=institution_info(s))
    (tmp_path / "district").mkdir()
    view = district_office.open_view(tmp_path / "district")
    res = district_office.import_folder(
        view=view, keys=district, district_code=212, folder=stick, trust_new=lambda _p, _i: True
    )
    assert res.refused == [] and res.applied
    theirs = clts_records(view)
    assert theirs.source == "district" and theirs.received_by
    policy = load_clts_policy()
    q2 = Quarter(2026, 2)
    here = quarterly_report(mine, q2, policy=policy, area="CCI")
    there = quarterly_report(theirs, q2, policy=policy, area="District")
    assert there.rescued == here.rescued == 2
    assert there.by_industry == here.by_industry and there.other_state == {"Jharkhand": 1}
    assert there.by_age_gender == here.by_age_gender
    assert there.lines["relief_3000"].paid_rs == here.lines["relief_3000"].paid_rs == 3000
    assert there.coverage == here.coverage


def test_cards_are_signed_with_the_sync_key_and_its_endorsement(
    inst_engine, actor, data_dir, tmp_path
):
    """The install keeps the state's endorsement of its key; its tokens verify as genuine."""
    central = key_files.generate_keys(role="central", name="Bihar")
    _keys(inst_engine, actor, data_dir, central)
    with unit_of_work(inst_engine, actor) as s:
        assert card_signer(s, data_dir=data_dir, passphrase=PASS) is not None
        assert endorsement(s) is None
        mine = sync_outbox.own_public(s)
    assert mine is not None
    body = endorse_signer(
        central.sign, signer_public=mine.sign, district=212, valid_until=date(2027, 12, 31)
    )
    doc = json.dumps({"endorsement": base64.b64encode(body).decode()}).encode()
    other = key_files.generate_keys(role="central", name="Not Bihar")
    with unit_of_work(inst_engine, actor) as s:
        with pytest.raises(ServiceError, match="not signed by this state"):
            install_endorsement(s, doc, state_public=other.public().sign)
        said = install_endorsement(s, doc, state_public=central.public().sign)
        assert said.startswith("endorsement kept: district 212, valid until 31-12-2027")
    with unit_of_work(inst_engine, actor) as s:
        sign = card_signer(s, data_dir=data_dir, passphrase=PASS)
        assert sign is not None
        qr = sign("BIH_PATNA_2026_170001", "10-212-0007-2026-00001-4", TODAY)
    assert verify_token(qr, state_public=central.public().sign, on=TODAY).genuine


def test_state_report_from_centrals_database_equals_the_cci_report(
    inst_engine, actor, data_dir, tmp_path, capsys
):
    """Bundles received at central give the state (and the district) the CCI's figures;
    another district has none; a missing database is refused naming the option."""
    central = key_files.generate_keys(role="central", name="Bihar")
    signer = _keys(inst_engine, actor, data_dir, central)
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        rescued_child(s)
        rescued_from_jharkhand(s)
        mine = records_from_db(s)
    with unit_of_work(inst_engine, actor) as s:
        bundle = sync_outbox.build_next_bundle(s, signer=signer)
        assert bundle is not None
        raw, inst = bundle.data, institution_info(s)
    url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    rcv = Receiver(open_engine(url), central, aadhaar_secret=b"s" * 32)
    rcv.enrol(institution=inst, public=signer.public())
    rcv.receive(raw)
    rcv.engine.dispose()
    policy = load_clts_policy()
    q2 = Quarter(2026, 2)
    here = quarterly_report(mine, q2, policy=policy, area="CCI")
    state_records, state = state_clts_records(url)
    assert state == 10 and state_records.source == "state"
    there = quarterly_report(state_records, q2, policy=policy, area="Bihar")
    assert there.rescued == here.rescued == 2
    assert there.by_industry == here.by_industry and there.coverage == here.coverage
    for district, rescued in ((212, 2), (213, 0)):
        records = state_clts_records(url, district=district)[0]
        assert quarterly_report(records, q2, policy=policy, area="x").rescued == rescued
    out = tmp_path / "state.xlsx"
    assert (
        clms(["clts", "report", "--central-db", url, "--quarter", "2026-Q2", "-o", str(out)]) == 0
    )
    summary = {
        r[0]: r[1]
        for r in load_workbook(io.BytesIO(out.read_bytes()))["Summary"].iter_rows(values_only=True)
    }
    assert summary["Children rescued in the quarter"] == 2 and summary["From another state"] == 1
    assert "Bihar (all districts)" in str(summary.get("Area"))
    pdf = tmp_path / "patna.pdf"
    args = ["clts", "report", "--central-db", url, "--district", "212", "--quarter", "2026-Q2"]
    assert clms([*args, "-o", str(pdf)]) == 0 and pdf.read_bytes().startswith(b"%PDF")
    missing = f"sqlite:///{tmp_path / 'nowhere.sqlite'}"
    assert clms(["clts", "report", "--central-db", missing, "-o", str(out)]) != 0
    assert "--central-db: no such database file" in capsys.readouterr().err
    assert not (tmp_path / "nowhere.sqlite").exists()
