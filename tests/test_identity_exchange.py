"""Officers' decisions on pairs travel between the district office and central (issue 20):
a decision at the district reaches central with the office's next forward (signed with the
office's key), one at central reaches the district in central's signed answer, so a pair
decided in one place is not proposed in the other; when the two disagree the latest
decision holds and both stay in the log. Through a real central on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format.canonical import canonical
from central.enrolment import enrol_district
from central.identity.decisions import decide, stays
from central.identity.search import area_candidates
from central.identity_tables import IdentityDecision, IdentityDecisionLog, IdentityLink
from central.reports.area import Area
from central.schema import SCHEMA, open_engine, writer
from desktop.db import open_database
from desktop.models import AuditEvent
from desktop.services.core.context import Actor, unit_of_work
from sync_client.district import identity as office_identity
from sync_client.district import mode as district_office
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import Uploader, UploadSettings
from tests.identity_fixture import plant
from tests.sync_helpers import running_central

DCPU = Actor("dcpu", "district_official", "DCPU Patna", state=10, districts=(212,))


def _open(engine, pair) -> bool:  # type: ignore[no-untyped-def]
    """Whether a pair is still proposed (open) at this office."""
    with Session(writer(engine)) as s, s.begin():
        shown = {frozenset((f.a.uuid, f.b.uuid)) for f in area_candidates(s, Area(10, 212))}
    return frozenset((pair.a.uuid, pair.b.uuid)) in shown


def test_decisions_travel_both_ways_and_the_latest_holds(tmp_path: Path) -> None:
    office_dir = tmp_path / "office"
    office = open_database(office_dir)
    with unit_of_work(office, DCPU) as s:
        stored = district_office.setup_office(
            s,
            data_dir=office_dir,
            name="Patna DCPU",
            district_code=212,
            passphrase="office passphrase",
            state_code=10,
        )
    keys = stored.keys
    view = district_office.open_view(office_dir)
    central_keys = key_files.generate_keys(role="central", name="Test State")
    key_files.write_public_key_file(tmp_path / "central.pub", central_keys.public())
    with unit_of_work(office, DCPU) as s:
        sync_outbox.import_public_key(s, path=tmp_path / "central.pub")
    # The same homes and children at the district and at central (as if forwarded).
    planted = plant(view, children=900, homes=6, twins=80, districts=(212, 212, 196), seed=9)
    (tmp_path / "central").mkdir()
    with running_central(tmp_path / "central", central_keys) as (server, rcv):
        plant(rcv.engine, children=900, homes=6, twins=80, districts=(212, 212, 196), seed=9)
        with Session(writer(rcv.engine)) as cs, cs.begin():
            enrol_district(cs, district_code=212, state_code=10, public=keys.public(), by="t")
        with unit_of_work(office, DCPU) as s:
            found = office_identity.candidates(view, s, district=212, state=10)
        assert len(found) >= 4, found
        p1, p2, p3, p4 = found[:4]
        # At the district: p1 the same child, p2 not. At central: p3 the same child.
        with unit_of_work(office, DCPU) as s:
            office_identity.decide_pair(view, s, p1, decision="confirmed", district=212)
            office_identity.decide_pair(view, s, p2, decision="dismissed", district=212)
        with Session(writer(rcv.engine)) as cs, cs.begin():
            decide(cs, p3.a.uuid, p3.b.uuid, decision="confirmed", by="state-officer")
        assert _open(rcv.engine, p1) and _open(rcv.engine, p2) and _open(view, p3)
        fwd = UploadSettings(url=server.url)
        with unit_of_work(office, DCPU, rules=False) as s:
            assert district_office.forward(view=view, settings=fwd, signer=keys, office=s) == (
                0,
                None,
            )
        # Central follows the district; the district follows central.
        assert not _open(rcv.engine, p1) and not _open(rcv.engine, p2)
        assert not _open(view, p3) and _open(view, p4) and _open(rcv.engine, p4)
        with Session(rcv.engine) as cs:
            held = {
                (d.uuid_a, d.uuid_b): (d.decision, d.origin, d.decided_by)
                for d in cs.scalars(select(IdentityDecision))
            }
            assert {r["record_uuid"] for r in stays(cs, p1.a.uuid)} == {p1.a.uuid, p1.b.uuid}
        key1 = tuple(sorted((p1.a.uuid, p1.b.uuid)))
        assert held[key1] == ("confirmed", "district:212", "dcpu (DCPU Patna)")
        with Session(view) as vs:
            assert {r["record_uuid"] for r in stays(vs, p3.a.uuid)} == {p3.a.uuid, p3.b.uuid}
        with Session(office) as s:
            got = s.scalars(
                select(AuditEvent).where(AuditEvent.action == "district_identity_received")
            ).one()
            assert got.changes[0]["by"] == "state-officer"
        # Conflicts: central confirms p2 after the district dismissed it (central's holds
        # at the district too); the district dismisses p3 after central confirmed it (the
        # district's holds at central: unlinked there).
        with Session(writer(rcv.engine)) as cs, cs.begin():
            decide(cs, p2.a.uuid, p2.b.uuid, decision="confirmed", by="state-officer")
        with unit_of_work(office, DCPU) as s:
            office_identity.decide_pair(view, s, p3, decision="dismissed", district=212)
        with unit_of_work(office, DCPU, rules=False) as s:
            assert (
                district_office.forward(view=view, settings=fwd, signer=keys, office=s)[1] is None
            )
        for engine in (rcv.engine, view):
            with Session(engine) as es:
                held = {
                    frozenset((d.uuid_a, d.uuid_b)): d.decision
                    for d in es.scalars(select(IdentityDecision))
                }
                assert held[frozenset((p2.a.uuid, p2.b.uuid))] == "confirmed"
                assert held[frozenset((p3.a.uuid, p3.b.uuid))] == "dismissed"
                assert es.get(IdentityLink, p3.a.uuid) is None  # unlinked
                assert es.get(IdentityLink, p2.a.uuid) is not None
                log = es.scalars(
                    select(IdentityDecisionLog).where(
                        IdentityDecisionLog.uuid_a == min(p3.a.uuid, p3.b.uuid)
                    )
                ).all()
                assert sorted((x.decision, x.outcome) for x in log) == [
                    ("confirmed", "superseded"),
                    ("dismissed", "applied"),
                ]
        # A decision older than the one held is logged, not applied.
        up = Uploader(fwd, signer=keys)
        old = (datetime.now(UTC) - timedelta(days=30)).isoformat()
        line = {
            "uuid_a": p4.a.uuid,
            "uuid_b": p4.b.uuid,
            "decision": "confirmed",
            "decided_by": "dcpu",
            "at": old,
        }
        with Session(writer(rcv.engine)) as cs, cs.begin():
            decide(cs, p4.a.uuid, p4.b.uuid, decision="dismissed", by="state-officer")
        body = {"format": "clms-identity-decisions", "since": 0, "decisions": [line]}
        r = up._send("POST", "/v1/identity/decisions", body=canonical(body))
        assert r.status_code == 200, r.text
        assert r.json()["answer"]["counts"]["superseded"] == 1
        # Two children of another district: the whole request is refused.
        other = [u for u, r in planted.rows.items() if r["district_code"] == 196][:2]
        body["decisions"] = [line, {**line, "uuid_a": other[0], "uuid_b": other[1]}]
        r = up._send("POST", "/v1/identity/decisions", body=canonical(body))
        assert r.status_code == 403 and r.json()["code"] == "wrong-district"
        # A CCI's key cannot send them.
        cci = key_files.generate_keys(role="institution", name="A Home")
        inst = {"uuid": "1f0e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f", "name": "A Home"}
        rcv.enrol(institution={**inst, "state_code": 10, "district_code": 212}, public=cci.public())
        r = Uploader(fwd, signer=cci)._send("POST", "/v1/identity/decisions", body=canonical(body))
        assert r.status_code == 403 and r.json()["code"] == "not-a-district-office"
        # An answer signed by another key than central's is not trusted.
        forged = key_files.generate_keys(role="central", name="Not the State")
        from central.identity.exchange import sign_answer

        fake = sign_answer({"format": "clms-identity-decisions-answer", "decisions": []}, forged)
        with Session(office) as s, pytest.raises(office_identity.ExchangeRefused):
            office_identity._opened(fake, s)
    view.dispose()


def test_schema_8_database_gets_the_decision_log(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    engine = open_engine(url)
    with writer(engine).begin() as c:
        c.execute(text("DROP TABLE identity_decision_log"))
        c.execute(text("ALTER TABLE identity_decision DROP COLUMN origin"))
        c.execute(
            text(
                "INSERT INTO identity_decision (uuid_a, uuid_b, decision, reasons, decided_by, "
                "decided_at) VALUES ('a', 'b', 'dismissed', '[]', 'x', '2026-11-01 10:00:00')"
            )
        )
        c.execute(text("UPDATE central_schema SET version = 8"))
    engine.dispose()
    engine = open_engine(url)
    with Session(engine) as s:
        (row,) = s.scalars(select(IdentityDecision)).all()
        assert row.origin == "central"
        (line,) = s.scalars(select(IdentityDecisionLog)).all()
        assert (line.decision, line.at, line.outcome) == (
            "dismissed",
            "2026-11-01T10:00:00.000000Z",
            "applied",
        )
        assert s.execute(text("SELECT version FROM central_schema")).scalar() == SCHEMA
    engine.dispose()


def test_a_dismissal_after_a_confirmation_splits_only_that_link(tmp_path: Path) -> None:
    """Three records linked by two confirmed pairs (a-b, b-c): a later dismissal of a-b
    leaves b and c one child and a on its own; a dismissal made earlier than the
    confirmation it meets is logged only."""
    engine = open_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    planted = plant(engine, children=60, homes=3, twins=0, seed=4)
    a, b, c = planted.children[:3]
    t0 = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)
    with Session(writer(engine)) as s, s.begin():
        assert decide(s, a, b, decision="confirmed", by="x", at=t0) == "applied"
        assert decide(s, b, c, decision="confirmed", by="x", at=t0) == "applied"
        assert {r["record_uuid"] for r in stays(s, c)} == {a, b, c}
        early = t0 - timedelta(hours=1)
        assert decide(s, a, b, decision="dismissed", by="y", at=early) == "superseded"
        assert decide(s, a, b, decision="dismissed", by="y", at=early) == "unchanged"
        assert {r["record_uuid"] for r in stays(s, c)} == {a, b, c}
        later = t0 + timedelta(hours=1)
        assert decide(s, a, b, decision="dismissed", by="y", at=later) == "applied"
        assert {r["record_uuid"] for r in stays(s, c)} == {b, c}
        assert [r["record_uuid"] for r in stays(s, a)] == [a]
        # At the same moment as the confirmation held, a dismissal holds.
        assert decide(s, b, c, decision="dismissed", by="z", at=t0) == "applied"
        assert s.get(IdentityLink, b) is None and s.get(IdentityLink, c) is None
    engine.dispose()
