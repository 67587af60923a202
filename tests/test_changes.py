"""The change log read for sync: every write appears once, in order, with UUID references."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop.models import Child, GuardianVisit
from desktop.services.cases.casework import add_guardian, delete_visit, log_visit
from desktop.services.cases.children import register_child, update_child
from desktop.services.core.context import unit_of_work
from sync_client.changes import pending_changes
from tests.conftest import TODAY
from tests.helpers import aadhaar, child_input


def test_changes_stream_in_sequence_with_uuid_references(inst_engine, actor):
    """Changes come in sequence order, once per record, with foreign keys as UUIDs."""
    with unit_of_work(inst_engine, actor) as s:
        child = register_child(s, child_input(aadhaar=aadhaar()), today=TODAY)
        g = add_guardian(s, child, name="Sunita Devi", relation="mother")
        log_visit(s, child, visit_date="2025-04-01", guardian=g, today=TODAY)
        changes = list(pending_changes(s))
        seqs = [c.seq for c in changes]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
        assert seqs[-1] == s.execute(text("SELECT last_seq FROM sync_counter")).scalar()
        visit = next(c for c in changes if c.type == "guardian_visit")
        assert visit.data["child_uuid"] == str(child.uuid)
        assert visit.data["guardian_uuid"] == str(g.uuid)
        assert "child_id" not in visit.data
        kid = next(c for c in changes if c.type == "child")
        assert kid.data["institution_uuid"] and kid.op == "upsert" and kid.version == 1


def test_only_changes_after_a_sequence_and_deletes_as_tombstones(inst_engine, actor):
    """After a mark, only later writes appear; an update shows once at its new version."""
    with unit_of_work(inst_engine, actor) as s:
        child = register_child(s, child_input(), today=TODAY)
        g = add_guardian(s, child, name="Sunita Devi", relation="mother")
        v = log_visit(s, child, visit_date="2025-04-01", guardian=g, today=TODAY)
        cid, vid = child.id, v.id
        mark = s.execute(text("SELECT last_seq FROM sync_counter")).scalar()
    with unit_of_work(inst_engine, actor) as s:
        child = s.get(Child, cid)
        update_child(s, child, {"first_name": "Preeti"}, reason="spelling", today=TODAY)
        update_child(s, child, {"last_name": "Devi"}, reason="spelling", today=TODAY)
        delete_visit(s, child, s.get(GuardianVisit, vid), reason="wrong child")
        later = list(pending_changes(s, after=mark))
        # (flags re-evaluated after each change travel too; this test is about case records)
        assert [(c.type, c.op, c.version) for c in later if c.type != "flag"] == [
            ("child", "upsert", 3),
            ("guardian_visit", "delete", 2),
        ]
        assert later[0].data["first_name"] == "Preeti" and later[0].base_version == 0


def test_credentials_never_leave_the_install(inst_engine, actor):
    """A user's name, role and scope are sent; the password hash and lockout state are not."""
    from desktop.services.install.users import LoginRefused, create_user, login

    password = "Kiran#2026shelter"
    with unit_of_work(inst_engine, actor) as s:
        create_user(
            s, username="meena", full_name="Meena Devi", role="caseworker", password=password
        )
    with pytest.raises(LoginRefused):
        login(inst_engine, username="meena", password="wrong-password-1")
    with unit_of_work(inst_engine, actor) as s:
        sent = [c for c in pending_changes(s, after=0) if c.type == "user_account"]
        stored_hash = s.execute(
            text("SELECT password_hash FROM user_account WHERE username = 'meena'")
        ).scalar()
    assert stored_hash and stored_hash.startswith("$argon2id$")
    [user] = [c for c in sent if c.data and c.data.get("username") == "meena"]
    assert user.data["full_name"] == "Meena Devi" and user.data["role"] == "caseworker"
    for column in ("password_hash", "failed_logins", "locked_until", "last_login_at"):
        assert column not in user.data
    assert stored_hash not in repr(sent)
