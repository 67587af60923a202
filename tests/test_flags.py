"""Review flags through the database: raised, escalated, resolved, acted on, listed, explained."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.models import Child, Flag
from desktop.rules.common import add_months
from desktop.rules.engine import RULES
from desktop.rules.policy import Policy, load_policy, parse_policy
from desktop.services.cases.casework import (
    add_guardian,
    change_category,
    log_visit,
    move_adoption_stage,
    record_order,
    record_sir,
)
from desktop.services.cases.children import discharge, register_child, update_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import NotAllowed, ValidationError
from desktop.services.flags.child_facts import load_facts
from desktop.services.flags.evaluate import (
    EvalSummary,
    escalation_level,
    evaluate_all,
    evaluate_children,
)
from desktop.services.flags.store import acknowledge_flag, explain, list_flags, resolve_flag
from desktop.services.flags.words import word_flag
from tests.helpers import child_input
from tests.test_rules import edit, state_policy

POLICY = load_policy()
DAY = timedelta(days=1)
ADMITTED = date(2026, 3, 2)  # a Monday
# Produced, examined and of an "other" category: only the later deadlines are open.
ON_TIME: dict[str, Any] = {
    "category_code": 9,
    "produced_before_cwc_on": ADMITTED,
    "medical_exam_on": ADMITTED,
}


def register(engine: Engine, actor: Actor, **over: Any) -> int:
    """Register a child (no rules run) admitted on ADMITTED unless told; its id."""
    over.setdefault("admission_date", ADMITTED)
    with unit_of_work(engine, actor, rules=False) as s:
        return register_child(s, child_input(**over), today=over["admission_date"]).id


def run(engine: Engine, actor: Actor, as_of: date, policy: Policy | None = None) -> EvalSummary:
    """A full evaluation as of the date, in its own unit of work."""
    with unit_of_work(engine, actor, rules=False) as s:
        return evaluate_all(s, as_of=as_of, policy=policy)


@contextmanager
def on_child(
    engine: Engine, actor: Actor, child_id: int, as_of: date, *, rules: bool = True
) -> Iterator[tuple[Session, Child]]:
    """A unit of work on one child whose changes are evaluated as of the date."""
    with unit_of_work(engine, actor, rules=rules, as_of=as_of) as s:
        child = s.get(Child, child_id)
        assert child is not None
        yield s, child


def flags(engine: Engine, child_id: int | None = None) -> list[dict[str, Any]]:
    """Every flag (oldest first) as plain column values."""
    with Session(engine) as s:
        q = select(Flag).order_by(Flag.id)
        if child_id is not None:
            q = q.where(Flag.child_id == child_id)
        out = []
        for f in s.scalars(q):
            row = {c.key: getattr(f, c.key) for c in Flag.__table__.columns}
            # Flags store no words: they are worded when shown (flags.words).
            row["explanation_en"], row["explanation_hi"] = word_flag(s, f)
            out.append(row)
        return out


def flag(engine: Engine, child_id: int, rule_id: str) -> dict[str, Any]:
    """The newest flag of a rule on a child."""
    return [f for f in flags(engine, child_id) if f["rule_id"] == rule_id][-1]


def open_rules(engine: Engine, child_id: int) -> set[str]:
    """Rules with an open, acknowledged or escalated flag on the child."""
    return {f["rule_id"] for f in flags(engine, child_id) if f["status"] != "resolved"}


# --- raising -----------------------------------------------------------------------------


def test_registered_child_gets_flags_from_evaluate_all(inst_engine, actor):
    """A new abandoned child, nothing recorded: flags fall due the day after the deadline."""
    cid = register(inst_engine, actor)  # category 3, abandoned
    first = run(inst_engine, actor, ADMITTED + DAY)
    assert first.children == 1
    assert dict(first.raised) == {"adoption_evaluation": 1}  # 24 hours not yet over
    second = run(inst_engine, actor, ADMITTED + 2 * DAY)
    assert dict(second.raised) == {"production_cwc": 1, "medical_exam": 1}
    f = flag(inst_engine, cid, "production_cwc")
    assert f["policy_version"] == f"default@{POLICY.version}"
    assert (f["severity"], f["status"], f["escalation_level"]) == ("critical", "open", 0)
    assert (f["raised_on"], f["due_on"]) == (ADMITTED + 2 * DAY, ADMITTED + DAY)
    assert "02-03-2026" in f["explanation_en"] and "02-03-2026" in f["explanation_hi"]
    assert POLICY.rules["production_cwc"].basis_en in f["explanation_en"]
    assert {x["policy_version"] for x in flags(inst_engine)} == {"default@2026.12.1"}


def test_on_change_hook_raises_flags_as_of_the_unit_of_work(inst_engine, actor):
    """Each change re-evaluates the child as of unit_of_work(as_of=...), not the clock."""
    with unit_of_work(inst_engine, actor, as_of=ADMITTED + DAY) as s:
        cid = register_child(
            s, child_input(admission_date=ADMITTED, category_code=9), today=ADMITTED + DAY
        ).id
    assert flags(inst_engine, cid) == []  # the deadline day: nothing yet
    with on_child(inst_engine, actor, cid, ADMITTED + 2 * DAY) as (s, child):
        add_guardian(s, child, name="Ramesh Paswan", relation="father")
    assert open_rules(inst_engine, cid) == {"production_cwc", "medical_exam"}
    assert flag(inst_engine, cid, "medical_exam")["raised_on"] == ADMITTED + 2 * DAY


# --- escalation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overdue", "days", "level"),
    [(0, 3, 0), (3, 3, 0), (4, 3, 1), (6, 3, 1), (7, 3, 2), (400, 3, 2), (-5, 3, 0), (50, 0, 0)],
)
def test_escalation_level_rises_each_period_past_due(overdue: int, days: int, level: int):
    """Level 0 up to the escalation period after the due date, then 1, then 2 after twice it."""
    due = date(2026, 3, 3)
    assert escalation_level(due, due + timedelta(days=overdue), days) == level


def test_open_flag_escalates_to_district_then_state(inst_engine, actor):
    """Production (3 escalation days): CCI at due+3, district at due+4, state after due+6."""
    cid = register(inst_engine, actor, category_code=9, medical_exam_on=ADMITTED)
    due = ADMITTED + DAY
    for as_of, level, status, label in [
        (due + 3 * DAY, 0, "open", "CCI"),
        (due + 4 * DAY, 1, "escalated", "district"),
        (due + 6 * DAY, 1, "escalated", "district"),
        (due + 7 * DAY, 2, "escalated", "state"),
    ]:
        summary = run(inst_engine, actor, as_of)
        f = flag(inst_engine, cid, "production_cwc")
        assert (f["escalation_level"], f["status"]) == (level, status), as_of
        with Session(inst_engine) as s:
            [row] = list_flags(s, rule_id="production_cwc")
        assert row.level == label
        if as_of in (due + 4 * DAY, due + 7 * DAY):
            assert dict(summary.escalated) == {"production_cwc": 1}
    assert len(flags(inst_engine, cid)) == 1  # the same flag all along


def test_flag_first_raised_long_overdue_starts_escalated(inst_engine, actor):
    """A flag first seen well past its due date is raised at the level it has reached."""
    cid = register(inst_engine, actor, category_code=9, medical_exam_on=ADMITTED)
    run(inst_engine, actor, ADMITTED + 30 * DAY)
    f = flag(inst_engine, cid, "production_cwc")
    assert (f["status"], f["escalation_level"]) == ("escalated", 2)


def test_flag_whose_due_date_moves_later_is_no_longer_escalated(inst_engine, actor):
    """Recording a later production date moves the SIR's due date; the flag is back at the CCI."""
    cid = register(inst_engine, actor, category_code=9, medical_exam_on=ADMITTED)
    as_of = ADMITTED + 31 * DAY  # SIR due 17/03 (from admission): 16 days overdue, level 1
    run(inst_engine, actor, as_of)
    assert flag(inst_engine, cid, "sir_due")["status"] == "escalated"
    with on_child(inst_engine, actor, cid, as_of, rules=False) as (s, child):
        record_order(
            s,
            child,
            order_no="CWC/PAT/88",
            order_date=ADMITTED + 8 * DAY,
            order_type="production",
            today=as_of,
        )
    run(inst_engine, actor, as_of)  # SIR now due 25/03: 8 days overdue, level 0
    f = flag(inst_engine, cid, "sir_due")
    assert (f["escalation_level"], f["status"]) == (0, "open")


# --- resolution by the system ------------------------------------------------------------


def record_missing_facts(s: Session, child: Child, as_of: date) -> None:
    """Production order, medical examination and a submitted SIR."""
    record_order(
        s,
        child,
        order_no="CWC/PAT/17",
        order_date=ADMITTED + DAY,
        order_type="production",
        today=as_of,
    )
    update_child(s, child, {"medical_exam_on": ADMITTED + DAY}, today=as_of)
    record_sir(
        s,
        child,
        requested_on=ADMITTED + DAY,
        completed_on=as_of,
        officer="Sunita Devi",
        today=as_of,
    )


def test_recorded_facts_resolve_flags_on_the_next_evaluation(inst_engine, actor):
    """Production, medical exam and SIR recorded: the next run resolves the three flags."""
    cid = register(inst_engine, actor, category_code=9)
    as_of = ADMITTED + 18 * DAY
    run(inst_engine, actor, as_of)
    assert {"production_cwc", "medical_exam", "sir_due"} <= open_rules(inst_engine, cid)
    with on_child(inst_engine, actor, cid, as_of, rules=False) as (s, child):
        record_missing_facts(s, child, as_of)
    assert {"production_cwc", "medical_exam", "sir_due"} <= open_rules(inst_engine, cid)
    summary = run(inst_engine, actor, as_of + DAY)
    assert dict(summary.resolved) == {"production_cwc": 1, "medical_exam": 1, "sir_due": 1}
    for rule in ("production_cwc", "medical_exam", "sir_due"):
        f = flag(inst_engine, cid, rule)
        assert (f["status"], f["resolved_by"], f["note"]) == (
            "resolved",
            "system",
            "condition cleared",
        )
        assert f["resolved_on"] == as_of + DAY


@pytest.mark.parametrize(
    ("rule", "change"),
    [
        (
            "production_cwc",
            lambda s, c, d: record_order(
                s, c, order_no="CWC/PAT/17", order_date=d, order_type="production", today=d
            ),
        ),
        ("medical_exam", lambda s, c, d: update_child(s, c, {"medical_exam_on": d}, today=d)),
        (
            "sir_due",
            lambda s, c, d: record_sir(s, c, requested_on=None, completed_on=d, today=d),
        ),
    ],
)
def test_on_change_hook_resolves_the_flag_at_once(inst_engine, actor, rule, change):
    """The change itself resolves the flag, dated by the unit of work's as-of date."""
    cid = register(inst_engine, actor, category_code=9)
    run(inst_engine, actor, ADMITTED + 18 * DAY)
    later = ADMITTED + 20 * DAY
    with on_child(inst_engine, actor, cid, later) as (s, child):
        change(s, child, later)
        still = s.scalars(select(Flag.status).where(Flag.rule_id == rule)).one()
        assert still == "resolved"  # within the same transaction, before any full run
    f = flag(inst_engine, cid, rule)
    assert (f["status"], f["resolved_by"], f["resolved_on"]) == ("resolved", "system", later)


def test_discharged_childs_open_flags_resolve_through_the_hook(inst_engine, actor):
    """Discharging a child closes every open flag as "child no longer in care"."""
    cid = register(inst_engine, actor)
    run(inst_engine, actor, ADMITTED + 20 * DAY)
    assert len(open_rules(inst_engine, cid)) >= 3
    exit_on = ADMITTED + 21 * DAY
    with on_child(inst_engine, actor, cid, exit_on) as (s, child):
        discharge(
            s,
            child,
            status="restored",
            exit_date=exit_on,
            reason="Restored to the mother",
            today=exit_on,
        )
    assert open_rules(inst_engine, cid) == set()
    for f in flags(inst_engine, cid):
        assert (f["resolved_by"], f["note"], f["resolved_on"]) == (
            "system",
            "child no longer in care",
            exit_on,
        )


def test_discharged_childs_open_flags_resolve_on_the_next_run(inst_engine, actor):
    """With no evaluation on the change, the next full run closes the discharged child's flags."""
    cid = register(inst_engine, actor)
    other = register(inst_engine, actor, first_name="Meena")
    run(inst_engine, actor, ADMITTED + 20 * DAY)
    exit_on = ADMITTED + 21 * DAY
    with on_child(inst_engine, actor, cid, exit_on, rules=False) as (s, child):
        discharge(
            s, child, status="adopted", exit_date=exit_on, reason="Adoption order", today=exit_on
        )
    assert open_rules(inst_engine, cid)
    summary = run(inst_engine, actor, exit_on)
    assert summary.children == 1
    assert open_rules(inst_engine, cid) == set()
    assert {f["note"] for f in flags(inst_engine, cid)} == {"child no longer in care"}
    assert open_rules(inst_engine, other)  # the child still in care keeps hers


# --- people acting on flags --------------------------------------------------------------


def test_acknowledge_records_who_and_why_and_keeps_the_flag_open(inst_engine, actor):
    """An acknowledged flag names who saw it and why, stays in the queue and still escalates."""
    cid = register(inst_engine, actor, category_code=9, medical_exam_on=ADMITTED)
    run(inst_engine, actor, ADMITTED + 2 * DAY)
    fid = flag(inst_engine, cid, "production_cwc")["id"]
    seen = ADMITTED + 3 * DAY
    with unit_of_work(inst_engine, actor, as_of=seen) as s:
        acknowledge_flag(s, s.get(Flag, fid), note="Hearing fixed with the CWC on 6 March", on=seen)
    f = flag(inst_engine, cid, "production_cwc")
    assert (f["status"], f["acknowledged_on"], f["acknowledged_by"]) == (
        "acknowledged",
        seen,
        "asha (Asha Kumari)",
    )
    assert f["note"] == "Hearing fixed with the CWC on 6 March"
    with Session(inst_engine) as s:
        assert [r.status for r in list_flags(s, child_id=cid)] == ["acknowledged"]
    run(inst_engine, actor, ADMITTED + 4 * DAY)  # due + 3: still at the CCI
    assert flag(inst_engine, cid, "production_cwc")["status"] == "acknowledged"
    run(inst_engine, actor, ADMITTED + 5 * DAY)  # due + 4: escalates all the same
    f = flag(inst_engine, cid, "production_cwc")
    assert (f["status"], f["escalation_level"], f["acknowledged_by"]) == (
        "escalated",
        1,
        "asha (Asha Kumari)",
    )


def test_escalating_by_hand_raises_the_level_and_the_daily_run_keeps_it(inst_engine, actor):
    """A flag sent up by hand names who and why; later runs never bring it back down."""
    from desktop.models import AuditEvent
    from desktop.services.flags.store import escalate_flag

    cid = register(inst_engine, actor, category_code=9, medical_exam_on=ADMITTED)
    run(inst_engine, actor, ADMITTED + 2 * DAY)
    fid = flag(inst_engine, cid, "production_cwc")["id"]
    assert flag(inst_engine, cid, "production_cwc")["escalation_level"] == 0
    with unit_of_work(inst_engine, actor, as_of=ADMITTED + 2 * DAY) as s:
        escalate_flag(s, s.get(Flag, fid), note="Child not produced; CWC not sitting this week")
        ev = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert ev.action == "escalate_flag production_cwc"
    f = flag(inst_engine, cid, "production_cwc")
    assert (f["status"], f["escalation_level"], f["escalated_by"], f["note"]) == (
        "escalated",
        1,
        "asha (Asha Kumari)",
        "Child not produced; CWC not sitting this week",
    )
    run(inst_engine, actor, ADMITTED + 3 * DAY)  # by time alone it would be at the CCI
    assert flag(inst_engine, cid, "production_cwc")["escalation_level"] == 1
    later = ADMITTED + 3 * DAY
    with unit_of_work(inst_engine, actor, as_of=later) as s, pytest.raises(ValidationError):
        escalate_flag(s, s.get(Flag, fid), note="  ")
    with unit_of_work(inst_engine, actor, as_of=later) as s:
        escalate_flag(s, s.get(Flag, fid), note="No reply from the district in a week")
    assert flag(inst_engine, cid, "production_cwc")["escalation_level"] == 2
    with (
        unit_of_work(inst_engine, actor, as_of=later) as s,
        pytest.raises(NotAllowed, match="state"),
    ):
        escalate_flag(s, s.get(Flag, fid), note="again")
    # The condition clears: the flag resolves as usual, whatever its level.
    with on_child(inst_engine, actor, cid, ADMITTED + 4 * DAY) as (s, child):
        record_order(
            s,
            child,
            order_no="CWC/1",
            order_date=ADMITTED + 4 * DAY,
            order_type="production",
            today=ADMITTED + 4 * DAY,
        )
    assert flag(inst_engine, cid, "production_cwc")["status"] == "resolved"


def test_acknowledge_needs_a_reason_and_an_unresolved_flag(inst_engine, actor):
    """No reason is refused; a resolved flag cannot be acknowledged or resolved again."""
    cid = register(inst_engine, actor, category_code=9, medical_exam_on=ADMITTED)
    run(inst_engine, actor, ADMITTED + 2 * DAY)
    fid = flag(inst_engine, cid, "production_cwc")["id"]
    on = ADMITTED + 2 * DAY
    with unit_of_work(inst_engine, actor, as_of=on) as s:
        with pytest.raises(ValidationError):
            acknowledge_flag(s, s.get(Flag, fid), note="   ", on=on)
        with pytest.raises(ValidationError):
            resolve_flag(s, s.get(Flag, fid), note="", on=on)
        resolve_flag(s, s.get(Flag, fid), note="Produced; the order is on the way", on=on)
        with pytest.raises(NotAllowed):
            acknowledge_flag(s, s.get(Flag, fid), note="Seen", on=on)
        with pytest.raises(NotAllowed):
            resolve_flag(s, s.get(Flag, fid), note="Again", on=on)


def test_resolved_by_hand_stays_quiet_for_the_manual_resolution_days(inst_engine, actor):
    """Closed by hand: who and why kept; not raised again for 90 days, raised on day 91."""
    cid = register(inst_engine, actor, category_code=9, medical_exam_on=ADMITTED)
    run(inst_engine, actor, ADMITTED + 2 * DAY)
    fid = flag(inst_engine, cid, "production_cwc")["id"]
    closed = ADMITTED + 3 * DAY
    with unit_of_work(inst_engine, actor, as_of=closed) as s:
        resolve_flag(s, s.get(Flag, fid), note="Produced on 3 March; order awaited", on=closed)
    f = flag(inst_engine, cid, "production_cwc")
    assert (f["status"], f["resolved_by"], f["resolved_on"]) == (
        "resolved",
        "asha (Asha Kumari)",
        closed,
    )
    assert f["note"] == "Produced on 3 March; order awaited"
    assert f["suppressed_until"] == closed + timedelta(days=POLICY.manual_resolution_days)
    for as_of in (closed, closed + DAY, closed + 90 * DAY):
        assert "production_cwc" not in run(inst_engine, actor, as_of).raised
        assert [x["id"] for x in flags(inst_engine, cid) if x["rule_id"] == "production_cwc"] == [
            fid
        ]
    assert run(inst_engine, actor, closed + 91 * DAY).raised["production_cwc"] == 1
    again = flag(inst_engine, cid, "production_cwc")
    assert again["id"] != fid and again["status"] == "escalated"
    assert flags(inst_engine, cid)[0]["status"] == "resolved"  # the hand-closed one stays


def test_resolved_by_hand_is_not_reraised_by_the_next_change(inst_engine, actor):
    """A change to the child within the quiet period does not bring the closed flag back."""
    cid = register(inst_engine, actor, category_code=9, medical_exam_on=ADMITTED)
    run(inst_engine, actor, ADMITTED + 2 * DAY)
    fid = flag(inst_engine, cid, "production_cwc")["id"]
    on = ADMITTED + 3 * DAY
    with on_child(inst_engine, actor, cid, on) as (s, child):
        resolve_flag(s, s.get(Flag, fid), note="Produced; order awaited", on=on)
        add_guardian(s, child, name="Sita Devi", relation="mother")
    assert "production_cwc" not in open_rules(inst_engine, cid)


# --- determinism -------------------------------------------------------------------------


def test_evaluating_twice_for_the_same_date_changes_nothing(inst_engine, actor):
    """A second run for the same as-of date raises, resolves, escalates and updates nothing."""
    a = register(inst_engine, actor)
    register(inst_engine, actor, first_name="Meena", category_code=9)
    as_of = ADMITTED + 40 * DAY
    first = run(inst_engine, actor, as_of)
    assert sum(first.raised.values()) > 0
    before = flags(inst_engine)
    second = run(inst_engine, actor, as_of)
    assert (second.raised, second.resolved, second.escalated, second.updated) == ({}, {}, {}, 0)
    assert flags(inst_engine) == before
    with unit_of_work(inst_engine, actor, rules=False) as s:
        again = evaluate_children(s, [a], as_of=as_of)
    assert (again.raised, again.resolved, again.escalated, again.updated) == ({}, {}, {}, 0)
    assert flags(inst_engine) == before


def test_flag_of_a_rule_this_version_no_longer_has_is_resolved(inst_engine, actor):
    """A flag left by a rule that was since removed resolves on the next full run."""
    cid = register(inst_engine, actor)
    as_of = ADMITTED + 40 * DAY
    run(inst_engine, actor, as_of)
    with inst_engine.begin() as con:
        con.exec_driver_sql(
            "INSERT INTO flag (uuid, child_id, rule_id, policy_version, severity, raised_on, "
            "due_on, status, escalation_level, version, "
            "change_seq, synced_version, created_at, updated_at, manual_level) "
            "SELECT randomblob(16), child_id, 'retired_rule', policy_version, "
            "severity, raised_on, due_on, 'open', 0, 1, 0, 0, created_at, "
            "updated_at, 0 FROM flag WHERE child_id = ? LIMIT 1",
            (cid,),
        )
        # As after an upgrade that retired the rule: the rules' key is another one.
        con.exec_driver_sql("DELETE FROM rule_verdict_key")
    summary = run(inst_engine, actor, as_of)
    assert summary.resolved == {"retired_rule": 1}
    retired = flag(inst_engine, cid, "retired_rule")
    assert (retired["status"], retired["note"]) == ("resolved", "condition cleared")
    assert sum(summary.raised.values()) == summary.updated == 0


# --- the review queue --------------------------------------------------------------------


def test_list_flags_orders_by_due_date_then_severity_and_filters(inst_engine, actor):
    """Earliest due first; on the same due date critical before high; rule and level filters."""
    a = register(inst_engine, actor, category_code=9, produced_before_cwc_on=ADMITTED)
    b = register(inst_engine, actor, first_name="Meena", category_code=9, medical_exam_on=ADMITTED)
    c = register(
        inst_engine,
        actor,
        first_name="Kavita",
        category_code=9,
        medical_exam_on=ADMITTED - 10 * DAY,
        admission_date=ADMITTED - 10 * DAY,
    )
    run(inst_engine, actor, ADMITTED + 2 * DAY)
    with Session(inst_engine) as s:
        rows = list_flags(s)
        assert [(r.child_name, r.rule_id, r.severity, r.level) for r in rows] == [
            ("Kavita Kumari", "production_cwc", "critical", "state"),
            ("Meena Kumari", "production_cwc", "critical", "CCI"),
            ("Priya Kumari", "medical_exam", "high", "CCI"),
        ]
        assert [r.due_on for r in rows] == [ADMITTED - 9 * DAY, ADMITTED + DAY, ADMITTED + DAY]
        assert [r.code for r in list_flags(s, rule_id="medical_exam")] == [s.get(Child, a).code]
        assert [r.child_name for r in list_flags(s, level=2)] == ["Kavita Kumari"]
        assert [r.child_name for r in list_flags(s, level=0)] == ["Meena Kumari", "Priya Kumari"]
        assert list_flags(s, level=1) == []
        assert [r.child_name for r in list_flags(s, child_id=b)] == ["Meena Kumari"]
        hi = list_flags(s, child_id=c, lang="hi")[0]
        assert hi.rule == "सीडब्ल्यूसी के समक्ष प्रस्तुति" and "प्रवेश" in hi.explanation
        assert all(r.policy_version == "default@2026.12.1" for r in rows)


def test_list_flags_limit_keeps_the_queue_order(inst_engine, actor):
    """The first N flags of the queue are the first N of the whole queue."""
    register(inst_engine, actor, category_code=9, produced_before_cwc_on=ADMITTED)
    register(inst_engine, actor, first_name="Meena", category_code=9, medical_exam_on=ADMITTED)
    run(inst_engine, actor, ADMITTED + 2 * DAY)
    with Session(inst_engine) as s:
        assert list_flags(s, limit=1) == list_flags(s)[:1]


def test_list_flags_shows_resolved_only_when_asked(inst_engine, actor):
    """The queue holds open flags; resolved ones are listed by asking for that status."""
    cid = register(inst_engine, actor, category_code=9, medical_exam_on=ADMITTED)
    run(inst_engine, actor, ADMITTED + 2 * DAY)
    with on_child(inst_engine, actor, cid, ADMITTED + 3 * DAY) as (s, child):
        record_order(
            s,
            child,
            order_no="CWC/PAT/3",
            order_date=ADMITTED + DAY,
            order_type="production",
            today=ADMITTED + 3 * DAY,
        )
    with Session(inst_engine) as s:
        assert list_flags(s) == []
        [row] = list_flags(s, statuses=("resolved",))
        assert (row.rule_id, row.status) == ("production_cwc", "resolved")


# --- explain -----------------------------------------------------------------------------


def test_explain_gives_every_rules_verdict_with_the_facts_it_used(inst_engine, actor):
    """All 15 rules answer for the child, each with its facts; the hits are the open flags."""
    cid = register(inst_engine, actor)
    as_of = ADMITTED + 40 * DAY
    run(inst_engine, actor, as_of)
    with Session(inst_engine) as s:
        child = s.get(Child, cid)
        facts, verdicts = explain(s, child, as_of=as_of)
    assert facts is not None and facts.child_id == cid and facts.as_of == as_of
    assert [v.rule.id for v in verdicts] == [r.id for r in RULES]
    for v in verdicts:
        assert set(v.facts) == set(v.rule.uses)
    by_id = {v.rule.id: v for v in verdicts}
    assert by_id["production_cwc"].facts == {"admission_date": "2026-03-02", "produced_on": None}
    assert by_id["adoption_evaluation"].facts["legal_class"] == "abandoned"
    assert by_id["no_visit_followup"].facts == {
        "guardians_living": 0,
        "last_visit": None,
        "last_call": None,
        "last_followup": None,
        "days_since_visit": 40,
    }
    assert {v.rule.id for v in verdicts if v.hit is not None} == open_rules(inst_engine, cid)
    hit = by_id["production_cwc"].hit
    assert hit is not None and hit.due == ADMITTED + DAY
    assert by_id["after_care"].hit is None


def test_explain_for_a_child_no_longer_in_care_has_no_verdicts(inst_engine, actor):
    """A discharged child is not checked, so there is nothing to explain."""
    cid = register(inst_engine, actor)
    exit_on = ADMITTED + 5 * DAY
    with on_child(inst_engine, actor, cid, exit_on, rules=False) as (s, child):
        discharge(s, child, status="restored", exit_date=exit_on, reason="Restored", today=exit_on)
    with Session(inst_engine) as s:
        assert explain(s, s.get(Child, cid), as_of=exit_on) == (None, [])


# --- facts from the case record ----------------------------------------------------------


def test_no_visit_followup_counts_living_guardians_and_visits(inst_engine, actor):
    """A living guardian unseen for 6+ months is followed up, a deceased one not; a visit clears."""
    alive = register(inst_engine, actor, **ON_TIME)
    dead = register(inst_engine, actor, first_name="Meena", **ON_TIME)
    with on_child(inst_engine, actor, alive, ADMITTED, rules=False) as (s, child):
        add_guardian(s, child, name="Sita Devi", relation="mother")
    with on_child(inst_engine, actor, dead, ADMITTED, rules=False) as (s, child):
        add_guardian(s, child, name="Mohan Ram", relation="father", life_status="deceased")
    six_months = add_months(ADMITTED, 6)
    assert "no_visit_followup" not in run(inst_engine, actor, six_months).raised
    run(inst_engine, actor, six_months + DAY)
    assert "no_visit_followup" in open_rules(inst_engine, alive)
    assert "no_visit_followup" not in open_rules(inst_engine, dead)
    visit = six_months + 2 * DAY
    with on_child(inst_engine, actor, alive, visit) as (s, child):
        log_visit(s, child, visit_date=visit, guardian=child.guardians[0], today=visit)
    assert "no_visit_followup" not in open_rules(inst_engine, alive)


def test_facts_ignore_records_dated_after_the_as_of_date(inst_engine, actor):
    """A visit or order dated after the as-of date does not count in that day's facts."""
    cid = register(inst_engine, actor, **ON_TIME)
    later = ADMITTED + 10 * DAY
    with on_child(inst_engine, actor, cid, later, rules=False) as (s, child):
        g = add_guardian(s, child, name="Sita Devi", relation="mother")
        log_visit(s, child, visit_date=later, guardian=g, today=later)
        record_order(
            s, child, order_no="CWC/PAT/9", order_date=later, order_type="final", today=later
        )
    with Session(inst_engine) as s:
        [before] = load_facts(s, as_of=later - DAY, policy=POLICY, child_ids=[cid])
        [on] = load_facts(s, as_of=later, policy=POLICY, child_ids=[cid])
    assert (before.last_visit, before.final_order_on, before.guardians_living) == (None, None, 1)
    assert (on.last_visit, on.final_order_on) == (later, later)


def test_surrender_date_comes_from_the_category_change(inst_engine, actor):
    """A child moved to "surrendered": adoption evaluation the day after the two months to
    reconsider, not on their last day."""
    cid = register(inst_engine, actor, **ON_TIME)
    surrendered = ADMITTED + 5 * DAY
    with on_child(inst_engine, actor, cid, surrendered, rules=False) as (s, child):
        change_category(
            s,
            child,
            to_code=5,
            reason="Deed of surrender executed",
            effective_on=surrendered,
            today=surrendered,
        )
    ended = add_months(surrendered, 2)
    assert "adoption_evaluation" not in run(inst_engine, actor, ended).raised
    summary = run(inst_engine, actor, ended + DAY)
    assert summary.raised["adoption_evaluation"] == summary.raised["surrender_reconsideration"] == 1
    text = flag(inst_engine, cid, "adoption_evaluation")["explanation_en"]
    assert "07-03-2026" in text and "07-05-2026" in text


def test_entering_the_adoption_pipeline_resolves_the_recommendation(inst_engine, actor):
    """Moving an abandoned child to "recommended" clears the recommendation; 30 days on, stuck."""
    cid = register(inst_engine, actor, category_code=3)
    run(inst_engine, actor, ADMITTED + DAY)
    assert "adoption_evaluation" in open_rules(inst_engine, cid)
    moved = ADMITTED + 2 * DAY
    with on_child(inst_engine, actor, cid, moved) as (s, child):
        move_adoption_stage(s, child, stage="recommended", entered_on=moved, today=moved)
    assert flag(inst_engine, cid, "adoption_evaluation")["status"] == "resolved"
    assert "adoption_stage_stuck" not in run(inst_engine, actor, moved + 30 * DAY).raised
    run(inst_engine, actor, moved + 31 * DAY)
    assert flag(inst_engine, cid, "adoption_stage_stuck")["due_on"] == moved + 30 * DAY


# --- a state's own policy ----------------------------------------------------------------


def test_state_policy_changes_the_outcome_and_the_stored_policy_version(inst_engine, actor):
    """Under a 30-day SIR period the 16th-day flag clears; a later one carries the state version."""
    state = state_policy()
    cid = register(inst_engine, actor, **ON_TIME)
    as_of = ADMITTED + 16 * DAY
    assert run(inst_engine, actor, as_of).raised["sir_due"] == 1  # default: 15 days
    assert run(inst_engine, actor, as_of, state).resolved["sir_due"] == 1
    assert "sir_due" not in run(inst_engine, actor, ADMITTED + 30 * DAY, state).raised
    assert run(inst_engine, actor, ADMITTED + 31 * DAY, state).raised["sir_due"] == 1
    f = flag(inst_engine, cid, "sir_due")
    assert (f["policy_version"], f["due_on"]) == ("bihar@2026.2", ADMITTED + 30 * DAY)


def test_flag_recomputed_under_a_new_policy_carries_its_version(inst_engine, actor):
    """An open flag whose due date a new policy recomputed names that policy's version."""
    cid = register(inst_engine, actor, **ON_TIME)
    run(inst_engine, actor, ADMITTED + 40 * DAY)
    run(inst_engine, actor, ADMITTED + 41 * DAY, state_policy())
    f = flag(inst_engine, cid, "sir_due")
    assert f["due_on"] == ADMITTED + 30 * DAY  # recomputed under the state's 30 days
    assert f["policy_version"] == "bihar@2026.2"


def test_state_policy_from_text_is_used_for_the_flag_severity(inst_engine, actor):
    """A state that rates the SIR critical gets critical SIR flags."""
    text, _ = edit("rules.sir_due", "severity", 'severity = "critical"')
    policy = parse_policy(text, source="bihar.toml")
    cid = register(inst_engine, actor, **ON_TIME)
    run(inst_engine, actor, ADMITTED + 16 * DAY, policy)
    assert flag(inst_engine, cid, "sir_due")["severity"] == "critical"


def test_flag_object_in_the_session_is_fresh_after_the_hook(inst_engine, actor):
    """A Flag loaded before a change is read again after the rules hook rewrote it."""
    from desktop.models import Flag

    cid = register(inst_engine, actor, category_code=9, medical_exam_on=ADMITTED)
    run(inst_engine, actor, ADMITTED + 40 * DAY)
    with on_child(inst_engine, actor, cid, ADMITTED + 40 * DAY) as (s, child):
        f = s.scalars(
            select(Flag).where(Flag.child_id == cid, Flag.rule_id == "production_cwc")
        ).one()
        assert f.status != "resolved"
        record_order(
            s,
            child,
            order_no="CWC/9",
            order_date=ADMITTED,
            order_type="production",
            today=ADMITTED + 40 * DAY,
        )
        assert f.status == "resolved" and f.resolved_by == "system"
