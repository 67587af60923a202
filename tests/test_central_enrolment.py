"""Enrolment a person approves: no takeover by enrolling first, one-time codes, key
replacement logged with both fingerprints, and the CCI told plainly while it waits."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from central import enrolment
from central.models import AdminEvent, Enrolment, EnrolmentRequest
from central.schema import writer
from sync_client.exchange.upload import Uploader, UploadRefused, UploadSettings, enrol
from tests.sync_helpers import INSTITUTION, Chain, record, running_central


@pytest.fixture()
def keys() -> dict[str, key_files.OwnKeys]:
    return {
        "home": key_files.generate_keys(role="institution", name="Real Home"),
        "attacker": key_files.generate_keys(role="institution", name="Attacker"),
        "central": key_files.generate_keys(role="central", name="State"),
    }


def _requests(rcv) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with Session(rcv.engine) as s:
        return [(r.key_id, r.status) for r in s.scalars(select(EnrolmentRequest))]


def test_early_enrolment_cannot_take_over_a_home(tmp_path: Path, keys: dict) -> None:
    """An attacker who asks first with the home's uuid waits like anyone; the person who
    compares fingerprints approves the real home, and the attacker's key gets nothing."""
    with running_central(tmp_path, keys["central"]) as (server, rcv):
        settings = UploadSettings(url=server.url)
        first = enrol(settings, institution=INSTITUTION, signer=keys["attacker"])
        assert first.status == "pending" and not rcv.is_enrolled(INSTITUTION["uuid"])
        real = enrol(settings, institution=INSTITUTION, signer=keys["home"])
        assert real.status == "pending"
        # Until approval, nothing of the attacker's (or the home's) is taken.
        chain = Chain(keys["attacker"], [keys["central"].public()])
        with pytest.raises(UploadRefused) as waiting:
            Uploader(settings, signer=keys["attacker"]).upload(chain.next([record(1)]))
        assert waiting.value.pending and "fingerprint" in waiting.value.message
        home_fp = keys["home"].public().fingerprint
        with Session(writer(rcv.engine)) as s, s.begin():
            pending = {r.fingerprint: r.id for r in enrolment.pending_requests(s)}
            assert set(pending) == {home_fp, keys["attacker"].public().fingerprint}
            with pytest.raises(enrolment.EnrolError, match="do not approve"):
                enrolment.approve(
                    s, request_id=pending[home_fp], fingerprint_read="1234 5678", by="Asha"
                )
        with Session(writer(rcv.engine)) as s, s.begin():
            enrolment.approve(s, request_id=pending[home_fp], fingerprint_read=home_fp, by="Asha")
        with Session(rcv.engine) as s:
            enr = s.get(Enrolment, INSTITUTION["uuid"])
            assert enr is not None and enr.key_id == keys["home"].public().sign_key_id
        statuses = dict(_requests(rcv))
        assert statuses[keys["attacker"].public().sign_key_id] == "refused"
        # The attacker asking again is told the institution is taken; its uploads are refused.
        with pytest.raises(UploadRefused) as again:
            enrol(settings, institution=INSTITUTION, signer=keys["attacker"])
        assert again.value.code == "already-enrolled"
        with pytest.raises(UploadRefused) as refused:
            Uploader(settings, signer=keys["attacker"]).upload(chain.next([record(2)]))
        assert refused.value.code == "not-enrolled"
        assert enrol(settings, institution=INSTITUTION, signer=keys["home"]).enrolled
        home = Chain(keys["home"], [keys["central"].public()])
        Uploader(settings, signer=keys["home"]).upload(home.next([record(3)]))
        assert rcv.record_count() == 1


def test_one_time_code_enrols_at_once_and_only_once(tmp_path: Path, keys: dict) -> None:
    """The code issued for an institution enrols it right away; a wrong code, a code for
    another institution, or the same code again does not."""
    with running_central(tmp_path, keys["central"]) as (server, rcv):
        settings = UploadSettings(url=server.url)
        with Session(writer(rcv.engine)) as s, s.begin():
            code = enrolment.issue_code(
                s,
                institution_uuid=INSTITUTION["uuid"],
                name="Real Home",
                state_code=10,
                district_code=212,
                by="Patna DCPU",
            )
        other = dict(INSTITUTION, uuid="6e1f0a9c-3b7d-4e2a-8c6f-2d4b6a8c0e1f")
        with pytest.raises(UploadRefused) as wrong_home:
            enrol(settings, institution=other, signer=keys["attacker"], code=code)
        assert wrong_home.value.code == "bad-enrolment-code"
        with pytest.raises(UploadRefused) as wrong:
            enrol(settings, institution=INSTITUTION, signer=keys["attacker"], code="AAAA-BBBB-CCCC")
        assert wrong.value.code == "bad-enrolment-code"
        got = enrol(settings, institution=INSTITUTION, signer=keys["home"], code=code.lower())
        assert got.enrolled
        with pytest.raises(UploadRefused) as reused:
            enrol(settings, institution=INSTITUTION, signer=keys["attacker"], code=code)
        assert reused.value.code == "already-enrolled"
        with Session(rcv.engine) as s:
            enr = s.get(Enrolment, INSTITUTION["uuid"])
            assert enr is not None and enr.how == "code" and enr.district_code == 212
            assert enr.key_id == keys["home"].public().sign_key_id


def test_replacing_a_lost_key_is_logged_with_both_fingerprints(tmp_path: Path, keys: dict) -> None:
    """Only an administrator replaces a key; old and new fingerprints are in the log, and the
    CCI's chain goes on with the new key."""
    with running_central(tmp_path, keys["central"]) as (server, rcv):
        rcv.enrol(institution=INSTITUTION, public=keys["home"].public())
        settings = UploadSettings(url=server.url)
        chain = Chain(keys["home"], [keys["central"].public()])
        Uploader(settings, signer=keys["home"]).upload(chain.next([record(1)]))
        new = key_files.generate_keys(role="institution", name="Real Home (new PC)")
        with pytest.raises(UploadRefused):  # asking with the new key does not replace it
            enrol(settings, institution=INSTITUTION, signer=new)
        with Session(writer(rcv.engine)) as s, s.begin():
            old_fp, new_fp = enrolment.replace_key(
                s,
                institution_uuid=INSTITUTION["uuid"],
                public=new.public(),
                fingerprint_read=new.public().fingerprint,
                by="State admin",
                reason="PC stolen",
            )
        with Session(rcv.engine) as s:
            ev = s.scalars(select(AdminEvent).where(AdminEvent.action == "replace-key")).one()
            assert ev.details["old_fingerprint"] == old_fp == keys["home"].public().fingerprint
            assert ev.details["new_fingerprint"] == new_fp and ev.actor == "State admin"
        chain.inst = new
        Uploader(settings, signer=new).upload(chain.next([record(2)]))
        with pytest.raises(UploadRefused):
            old = Chain(keys["home"], [keys["central"].public()], seq=chain.seq, prev=chain.prev)
            Uploader(settings, signer=keys["home"]).upload(old.next([record(3)]))
        assert rcv.record_count() == 2


def test_enrolment_request_must_be_signed_by_its_key(tmp_path: Path, keys: dict) -> None:
    """A request naming one key but signed by another is refused and stores nothing."""
    import json

    from tests.sync_helpers import signed

    with running_central(tmp_path, keys["central"]) as (server, rcv):
        body = json.dumps(
            {"institution": INSTITUTION, "key": keys["home"].public().to_json()}
        ).encode()
        r = signed(keys["attacker"], "POST", f"{server.url}/v1/enrol", body=body)
        assert r.status_code == 401 and r.json()["code"] == "bad-request-signature"
        r = signed(keys["home"], "POST", f"{server.url}/v1/enrol", body=b"[" * 10_000)
        assert r.status_code == 400 and r.json()["code"] == "bad-enrolment"
        assert _requests(rcv) == []
