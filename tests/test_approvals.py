"""Approvals: a caseworker's category change, adoption step and exit wait as requests; the
superintendent approves (the change is made) or returns them; flags follow approved state."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.models import AdoptionStageEntry, ApprovalRequest, AuditEvent, Child, Flag
from desktop.services.cases import approvals, casework
from desktop.services.cases.children import discharge, register_child
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.core.errors import NotAllowed, PermissionDenied, ValidationError
from desktop.services.install.institution import local_institution
from tests.conftest import TODAY
from tests.helpers import child_input

RAVI = Actor("ravi", "caseworker", "Ravi Kumar")
ASHA = Actor("asha", "superintendent", "Asha Kumari")


@pytest.fixture
def child_id(inst_engine: Engine) -> int:
    """An abandoned child (category 3) admitted 01-03-2025, flags evaluated on TODAY."""
    with unit_of_work(inst_engine, SYSTEM, as_of=TODAY) as s:
        return register_child(s, child_input(), today=TODAY).id


def as_(engine: Engine, actor: Actor, fn: Any) -> Any:
    """Run fn(session, child) in one unit of work as `actor`, on TODAY."""
    with unit_of_work(engine, actor, as_of=TODAY) as s:
        inst = local_institution(s)
        scoped = Actor(actor.username, actor.role, actor.full_name, institution_id=inst.id)
        s.info["actor"] = scoped
        child = s.scalars(select(Child)).first()
        return fn(s, child)


def open_rules(engine: Engine) -> set[str]:
    """The rule ids of the open flags."""
    with Session(engine) as s:
        return set(s.scalars(select(Flag.rule_id).where(Flag.status != "resolved")))


def test_caseworker_cannot_change_category_directly_but_can_ask(inst_engine, child_id):
    """A caseworker's direct category change is refused; the request leaves the case as it was."""
    with pytest.raises(PermissionDenied):
        as_(
            inst_engine,
            RAVI,
            lambda s, c: casework.change_category(
                s, c, to_code=9, reason="parents traced", today=TODAY
            ),
        )
    req_id = as_(
        inst_engine,
        RAVI,
        lambda s, c: (
            approvals.request_category_change(
                s, c, to_code=9, reason="parents traced", order_ref="CWC/7", today=TODAY
            ).id
        ),
    )
    with Session(inst_engine) as s:
        req = s.get(ApprovalRequest, req_id)
        assert (
            req is not None and req.status == "pending" and req.requested_by == "ravi (Ravi Kumar)"
        )
        assert req.details["to_code"] == 9 and req.details["from_code"] == 3
        assert s.get(Child, child_id).category_code == 3
        assert approvals.count_pending(s) == 1


def test_request_is_checked_like_the_change(inst_engine, child_id):
    """A request with a missing reason or an unknown category names the field; none is kept."""
    with pytest.raises(ValidationError) as err:
        as_(
            inst_engine,
            RAVI,
            lambda s, c: approvals.request_category_change(
                s, c, to_code=99, reason="", today=TODAY
            ),
        )
    assert set(err.value.errors) == {"to_code", "reason"}
    with Session(inst_engine) as s:
        assert approvals.count_pending(s) == 0


def test_one_request_of_a_kind_waits_at_a_time(inst_engine, child_id):
    """A second category request while one waits is refused with who asked first."""

    def ask(s: Session, c: Child) -> None:
        approvals.request_category_change(s, c, to_code=9, reason="traced", today=TODAY)

    as_(inst_engine, RAVI, ask)
    with pytest.raises(ValidationError) as err:
        as_(inst_engine, RAVI, ask)
    assert "already waiting" in err.value.errors["request"]


def test_flags_follow_the_approved_state_only(inst_engine, child_id):
    """The LFA deadline flag of an abandoned child stays while a change to 'both parents'
    waits, and resolves once the superintendent approves it."""
    assert "lfa_declaration" in open_rules(inst_engine)
    req_id = as_(
        inst_engine,
        RAVI,
        lambda s, c: (
            approvals.request_category_change(
                s, c, to_code=9, reason="both parents traced", today=TODAY
            ).id
        ),
    )
    assert "lfa_declaration" in open_rules(inst_engine)
    as_(
        inst_engine,
        ASHA,
        lambda s, c: approvals.approve_request(s, approvals.request_by_id(s, req_id), today=TODAY),
    )
    assert "lfa_declaration" not in open_rules(inst_engine)
    with Session(inst_engine) as s:
        c = s.get(Child, child_id)
        assert c.category_code == 9
        req = s.get(ApprovalRequest, req_id)
        assert (req.status, req.decided_by) == ("approved", "asha (Asha Kumari)")
        ev = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "approve_request category_change")
        ).one()
        types = {ch["type"] for ch in ev.changes}
        assert {"approval_request", "category_change", "child"} <= types
        change = next(ch for ch in ev.changes if ch["type"] == "category_change")
        assert change["after"]["changed_by"] == "ravi (Ravi Kumar); approved by asha (Asha Kumari)"


def test_returned_request_changes_nothing_and_keeps_the_reason(inst_engine, child_id):
    """Returning needs a reason; the case stays, the request says why, both are audited."""
    req_id = as_(
        inst_engine,
        RAVI,
        lambda s, c: approvals.request_adoption_stage(s, c, stage="recommended", today=TODAY).id,
    )
    with pytest.raises(ValidationError) as err:
        as_(
            inst_engine,
            ASHA,
            lambda s, c: approvals.return_request(
                s, approvals.request_by_id(s, req_id), reason=" "
            ),
        )
    assert list(err.value.errors) == ["reason"]
    as_(
        inst_engine,
        ASHA,
        lambda s, c: approvals.return_request(
            s, approvals.request_by_id(s, req_id), reason="SIR not yet submitted"
        ),
    )
    with Session(inst_engine, info={"actor": RAVI}) as s:
        assert s.scalars(select(AdoptionStageEntry)).first() is None
        req = s.get(ApprovalRequest, req_id)
        assert (req.status, req.decision_note) == ("returned", "SIR not yet submitted")
        rows = approvals.requests_for_child(s, child_id)
        assert [(r.kind, r.status) for r in rows] == [("adoption_stage", "returned")]
        actions = set(s.scalars(select(AuditEvent.action)))
        assert {"request_approval adoption_stage", "return_request adoption_stage"} <= actions
    with pytest.raises(NotAllowed):
        as_(
            inst_engine,
            ASHA,
            lambda s, c: approvals.approve_request(s, approvals.request_by_id(s, req_id)),
        )


def test_caseworker_cannot_approve_or_return(inst_engine, child_id):
    """Approving and returning are the superintendent's; a caseworker is refused both."""
    req_id = as_(
        inst_engine,
        RAVI,
        lambda s, c: (
            approvals.request_exit(
                s, c, status="restored", exit_date=TODAY, reason="restored to mother", today=TODAY
            ).id
        ),
    )
    for fn in (
        lambda s, c: approvals.approve_request(s, approvals.request_by_id(s, req_id), today=TODAY),
        lambda s, c: approvals.return_request(s, approvals.request_by_id(s, req_id), reason="no"),
    ):
        with pytest.raises(PermissionDenied):
            as_(inst_engine, RAVI, fn)


def test_exit_and_transfer_requests_close_the_case_only_when_approved(inst_engine, child_id):
    """An exit request leaves the child in care; a transfer cannot wait beside it; approval
    closes the case."""
    req_id = as_(
        inst_engine,
        RAVI,
        lambda s, c: (
            approvals.request_exit(
                s, c, status="restored", exit_date=TODAY, reason="restored to mother", today=TODAY
            ).id
        ),
    )
    with pytest.raises(ValidationError) as err:
        as_(
            inst_engine,
            RAVI,
            lambda s, c: approvals.request_transfer(
                s, c, to_institution="Gaya home", transfer_date=TODAY, order_no="T/1", today=TODAY
            ),
        )
    assert "leaving care" in err.value.errors["request"]
    with Session(inst_engine) as s:
        assert s.get(Child, child_id).status == "in_care"
    as_(
        inst_engine,
        ASHA,
        lambda s, c: approvals.approve_request(s, approvals.request_by_id(s, req_id), today=TODAY),
    )
    with Session(inst_engine) as s:
        c = s.get(Child, child_id)
        assert (c.status, c.exit_reason) == ("restored", "restored to mother")


def test_approval_checks_again_and_reports_a_case_that_moved_on(inst_engine, child_id):
    """A request that no longer fits (the child left care meanwhile) is refused at approval
    with the reason, and stays pending to be returned."""
    req_id = as_(
        inst_engine,
        RAVI,
        lambda s, c: (
            approvals.request_transfer(
                s, c, to_institution="Gaya home", transfer_date=TODAY, order_no="T/1", today=TODAY
            ).id
        ),
    )
    as_(
        inst_engine,
        ASHA,
        lambda s, c: discharge(
            s, c, status="absconded", exit_date=TODAY, reason="ran away", today=TODAY
        ),
    )
    with pytest.raises(NotAllowed, match="already left care"):
        as_(
            inst_engine,
            ASHA,
            lambda s, c: approvals.approve_request(
                s, approvals.request_by_id(s, req_id), today=TODAY
            ),
        )
    with Session(inst_engine) as s:
        assert s.get(ApprovalRequest, req_id).status == "pending"


def test_withdrawn_request_is_no_longer_pending(inst_engine, child_id):
    """A caseworker can take back a request asked by mistake."""
    req_id = as_(
        inst_engine,
        RAVI,
        lambda s, c: approvals.request_adoption_stage(s, c, stage="recommended", today=TODAY).id,
    )
    as_(
        inst_engine,
        RAVI,
        lambda s, c: approvals.withdraw_request(
            s, approvals.request_by_id(s, req_id), reason="wrong child"
        ),
    )
    with Session(inst_engine) as s:
        assert approvals.count_pending(s) == 0
        assert s.get(ApprovalRequest, req_id).status == "withdrawn"


def test_pending_list_shows_what_and_who(inst_engine, child_id):
    """The pending list names the child, the kind and who asked, oldest first."""
    as_(
        inst_engine,
        RAVI,
        lambda s, c: approvals.request_category_change(
            s, c, to_code=9, reason="traced", today=TODAY
        ),
    )
    as_(
        inst_engine,
        RAVI,
        lambda s, c: approvals.request_adoption_stage(s, c, stage="recommended", today=TODAY),
    )
    with Session(inst_engine, info={"actor": ASHA}) as s:
        rows = approvals.pending_requests(s)
    assert [r.kind for r in rows] == ["category_change", "adoption_stage"]
    assert {r.child_name for r in rows} == {"Priya Kumari"}
    assert {r.requested_by for r in rows} == {"ravi (Ravi Kumar)"}


def test_a_database_of_the_first_release_takes_requests_after_upgrading(tmp_path):
    """schema-0001 upgrades through 0009_edits_approvals; its children can be asked about."""
    import shutil
    from pathlib import Path

    from desktop.db import DB_FILENAME, current_revision, head_revision, open_database

    d = tmp_path / "old"
    d.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "schema-0001.sqlite3", d / DB_FILENAME)
    engine = open_database(d)
    try:
        assert current_revision(engine) == head_revision()  # through 0009_edits_approvals
        with unit_of_work(engine, RAVI, as_of=TODAY) as s:
            child = s.scalars(select(Child).where(Child.status == "in_care")).first()
            approvals.request_adoption_stage(s, child, stage="recommended", today=TODAY)
        with Session(engine) as s:
            assert approvals.count_pending(s) == 1
    finally:
        engine.dispose()
