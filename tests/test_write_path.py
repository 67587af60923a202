"""Every write: version, change sequence, tombstone and hash-chained audit, atomically.

Rule re-evaluation after each change is switched off here (rules=False): these tests
count records, sequence numbers and audit events of the write path alone.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError

from desktop.models import AuditEvent, Child, Guardian, Tombstone
from desktop.services.cases.casework import add_guardian, delete_visit, log_visit
from desktop.services.cases.children import register_child, update_child
from desktop.services.core.audit import audited, verify_chain
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import ServiceError
from tests.conftest import TODAY
from tests.helpers import aadhaar, child_input, counts


def test_register_writes_version_sequence_and_one_audit_event(inst_engine: Engine, actor: Actor):
    """A registration gives each record version 1, fresh sequence numbers, and one audit event."""
    with unit_of_work(inst_engine, actor, rules=False) as s:
        before = counts(s)
        child = register_child(s, child_input(), today=TODAY)
        after = counts(s)
        assert child.version == 1
        assert child.change_seq > before["seq"]
        assert after["audit"] == before["audit"] + 1
        ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert ev.action == "register_child"
        assert ev.actor == actor.label
        assert ev.child_uuid == str(child.uuid)
        types = {c["type"] for c in ev.changes}
        assert {"child", "category_change", "document_item"} <= types
        # the sequence moved by exactly the number of records written
        assert after["seq"] - before["seq"] == len(ev.changes)


def test_update_bumps_version_and_audits_before_after(inst_engine: Engine, actor: Actor):
    """An update raises the version, takes a new sequence number and records before/after."""
    with unit_of_work(inst_engine, actor, rules=False) as s:
        child = register_child(s, child_input(), today=TODAY)
        seq1, cid = child.change_seq, child.id
    with unit_of_work(inst_engine, actor, rules=False) as s:
        child = s.get(Child, cid)
        update_child(s, child, {"first_name": "Preeti"}, reason="spelling", today=TODAY)
        assert child.version == 2 and child.change_seq > seq1
        ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        change = next(c for c in ev.changes if c["type"] == "child")
        assert change["before"]["first_name"] == "Priya"
        assert change["after"]["first_name"] == "Preeti"


def test_delete_leaves_tombstone(inst_engine: Engine, actor: Actor):
    """Deleting a record leaves a tombstone with the next version and a sequence number."""
    with unit_of_work(inst_engine, actor, rules=False) as s:
        child = register_child(s, child_input(), today=TODAY)
        g = add_guardian(s, child, name="Sunita Devi", relation="mother")
        v = log_visit(s, child, visit_date="2025-04-01", guardian=g, today=TODAY)
        vid, vuuid, cid = v.id, v.uuid, child.id
    with unit_of_work(inst_engine, actor, rules=False) as s:
        child = s.get(Child, cid)
        from desktop.models import GuardianVisit

        delete_visit(s, child, s.get(GuardianVisit, vid), reason="entered twice by mistake")
    with unit_of_work(inst_engine, actor, rules=False) as s:
        t = s.scalars(select(Tombstone)).one()
        assert t.record_uuid == vuuid and t.record_type == "guardian_visit" and t.version == 2
        assert t.change_seq == s.execute(text("SELECT last_seq FROM sync_counter")).scalar()
        ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert ev.changes[0]["op"] == "delete"


def test_failure_mid_action_leaves_nothing(inst_engine: Engine, actor: Actor):
    """An error after records were flushed rolls back records, audit and sequence together."""
    with unit_of_work(inst_engine, actor, rules=False) as s:
        before = counts(s)
    with pytest.raises(RuntimeError), unit_of_work(inst_engine, actor, rules=False) as s:
        child = register_child(s, child_input(), today=TODAY)
        add_guardian(s, child, name="Sunita Devi", relation="mother")
        assert counts(s)["audit"] == before["audit"] + 2  # written, not yet committed
        raise RuntimeError("power cut simulated before commit")
    with unit_of_work(inst_engine, actor, rules=False) as s:
        assert counts(s) == before


def test_database_error_mid_write_leaves_neither_audit_nor_change(
    inst_engine: Engine, actor: Actor
):
    """A constraint failure inside an action writes neither the records nor the audit event."""
    with unit_of_work(inst_engine, actor, rules=False) as s:
        before = counts(s)
    with pytest.raises(IntegrityError), unit_of_work(inst_engine, actor, rules=False) as s:
        with audited(s, "add_guardian"):  # a declared action (see permissions)
            s.add(Guardian(child_id=999_999, name="Nobody", relation="other"))  # no such child
    with unit_of_work(inst_engine, actor, rules=False) as s:
        assert counts(s) == before


def test_write_outside_audited_action_is_refused(inst_engine: Engine, actor: Actor):
    """A tracked record cannot reach the database without an audited action."""
    with (
        pytest.raises(ServiceError, match="outside an audited"),
        unit_of_work(inst_engine, actor, rules=False) as s,
    ):
        s.add(Guardian(child_id=1, name="Sneaky", relation="other"))
        s.flush()


def test_aadhaar_never_in_audit_trail_unmasked(inst_engine: Engine, actor: Actor):
    """The audit trail stores Aadhaar only as XXXX-XXXX-1234."""
    number = aadhaar()
    with unit_of_work(inst_engine, actor, rules=False) as s:
        child = register_child(s, child_input(aadhaar=number), today=TODAY)
        update_child(s, child, {"aadhaar": aadhaar("98765432101")}, reason="card seen", today=TODAY)
    with unit_of_work(inst_engine, actor, rules=False) as s:
        dump = " ".join(str(r[0]) for r in s.execute(text("SELECT changes FROM audit_event")))
        assert number not in dump
        assert f"XXXX-XXXX-{number[-4:]}" in dump


def test_audit_chain_verifies_and_detects_an_edit(inst_engine: Engine, actor: Actor):
    """The hash chain verifies, and an edited event is named as the first bad one."""
    with unit_of_work(inst_engine, actor, rules=False) as s:
        child = register_child(s, child_input(), today=TODAY)
        add_guardian(s, child, name="Sunita Devi", relation="mother")
        add_guardian(s, child, name="Ramesh Yadav", relation="father")
    with unit_of_work(inst_engine, actor, rules=False) as s:
        n, bad = verify_chain(s)
        assert bad is None and n == 4
        s.execute(text("UPDATE audit_event SET actor = 'someone else' WHERE id = 3"))
    with unit_of_work(inst_engine, actor, rules=False) as s:
        assert verify_chain(s)[1] == 3


def test_change_sequence_is_strictly_increasing_across_transactions(
    inst_engine: Engine, actor: Actor
):
    """Sequence numbers are never reused, even after a rolled-back transaction."""
    seqs = []
    for i in range(3):
        with unit_of_work(inst_engine, actor, rules=False) as s:
            seqs.append(
                register_child(s, child_input(first_name=f"Ravi{'a' * i}"), today=TODAY).change_seq
            )
    assert seqs == sorted(seqs) and len(set(seqs)) == 3


def test_reading_a_full_record_is_chained_into_the_audit_trail(inst_engine: Engine, actor: Actor):
    """record_access adds one event naming the child and the action; the chain stays valid."""
    from desktop.services.core.audit import record_access

    with unit_of_work(inst_engine, actor, rules=False) as s:
        child_id = register_child(s, child_input(), today=TODAY).id
    with unit_of_work(inst_engine, actor, rules=False) as s:
        child = s.get(Child, child_id)
        before = counts(s)
        record_access(s, action="printed case summary", child=child, detail="lang=hi")
        ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert counts(s)["audit"] == before["audit"] + 1
        assert counts(s)["seq"] == before["seq"]  # a read changes no record
        assert (ev.action, ev.child_uuid, ev.actor) == (
            "printed case summary",
            str(child.uuid),
            actor.label,
        )
        assert ev.changes == [{"read": "child", "detail": "lang=hi"}]
        assert verify_chain(s)[1] is None
