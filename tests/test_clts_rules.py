"""Child-labour (CLTS) rules: raised, explained, escalated and resolved like the review flags."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from desktop.models import Child, Flag
from desktop.rules.engine import RULES_BY_ID, check_policy
from desktop.rules.policy import DEFAULT_POLICY, PolicyError, parse_policy
from desktop.services.cases.children import discharge
from desktop.services.clts.compensation import update_line
from desktop.services.clts.derive import lines_of, visits_of
from desktop.services.clts.follow_ups import record_visit
from desktop.services.clts.rescue import get_case, update_case
from desktop.services.core.context import unit_of_work
from desktop.services.flags.evaluate import evaluate_all
from desktop.services.flags.words import word_flag
from tests.clts_helpers import rescued_child
from tests.conftest import TODAY


def _flags(s, child_id: int) -> dict[str, SimpleNamespace]:
    """The child's unresolved CLTS flags, as plain values that outlive the session."""
    rows = s.scalars(
        select(Flag).where(
            Flag.child_id == child_id, Flag.status != "resolved", Flag.rule_id.like("clts%")
        )
    )
    cols = ("due_on", "severity", "status", "escalation_level")
    out = {}
    for f in rows:
        en, hi = word_flag(s, f, as_of=TODAY)  # flags store no words: worded when shown
        out[f.rule_id] = SimpleNamespace(
            **{c: getattr(f, c) for c in cols}, explanation_en=en, explanation_hi=hi
        )
    return out


def test_money_deadlines_raise_flags_that_name_the_basis(inst_engine, actor):
    """Unpaid relief and CM-fund money, and no employer notice, raise flags with the basis."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kid, _ = rescued_child(s)
        kid_id = kid.id
    with unit_of_work(inst_engine, actor, rules=False) as s:
        evaluate_all(s, as_of=TODAY)
        flags = _flags(s, kid_id)
    assert {"clts_relief_unpaid", "clts_cm_relief_unpaid", "clts_employer_recovery"} <= set(flags)
    relief = flags["clts_relief_unpaid"]
    assert relief.due_on == date(2026, 6, 8) and relief.severity == "high"
    assert "Immediate relief not paid: BIH_PATNA_2026_170001" in relief.explanation_en
    assert "Bihar immediate relief package" in relief.explanation_en
    assert "तात्कालिक सहायता का भुगतान नहीं" in relief.explanation_hi
    # due 8 Jun, escalation 14 days: past 22 Jun it is the district's, past 6 Jul the state's
    assert relief.escalation_level == 2 and relief.status == "escalated"


def test_a_payment_resolves_its_flag_at_once(inst_engine, actor):
    """Recording the payment re-evaluates the child: the relief flag resolves itself."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kid, case = rescued_child(s)
        kid_id, case_id = kid.id, case.id
    with unit_of_work(inst_engine, actor, rules=False) as s:
        evaluate_all(s, as_of=TODAY)
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        case = get_case(s, case_id)
        line = next(ln for ln in lines_of(s, case) if ln.line == "relief_3000")
        update_line(
            s,
            case,
            line,
            {"paid_on": "2026-06-05", "payment_ref": "CASH/1", "payment_mode": "cash"},
            today=TODAY,
        )
    with unit_of_work(inst_engine, actor) as s:
        assert "clts_relief_unpaid" not in _flags(s, kid_id)
        done = s.scalars(select(Flag).where(Flag.rule_id == "clts_relief_unpaid")).one()
        assert done.status == "resolved" and done.note == "condition cleared"


def test_restored_child_is_followed_up_and_found_working_again(inst_engine, actor):
    """A child restored (no longer in care) keeps CLTS flags: missed visits, working again."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kid, case = rescued_child(s)
        update_case(
            s,
            case,
            {
                "final_order": "restored",
                "final_order_on": "2026-07-01",
                "restored_on": "2026-07-03",
            },
            today=TODAY,
        )
        discharge(
            s,
            kid,
            status="restored",
            exit_date="2026-07-03",
            reason="restored by the CWC",
            today=TODAY,
        )
        kid_id, case_id = kid.id, case.id
    with unit_of_work(inst_engine, actor, rules=False) as s:
        evaluate_all(s, as_of=TODAY)
        assert s.get(Child, kid_id).status == "restored"
        flags = _flags(s, kid_id)
    assert "clts_follow_up_overdue" in flags
    assert (
        "visit 1 after the restoration of 03-07-2026 was due on 03-08-2026"
        in flags["clts_follow_up_overdue"].explanation_en
    )
    assert "no_visit_followup" not in flags  # the child rules leave a restored child alone
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        case = get_case(s, case_id)
        record_visit(
            s,
            case,
            visits_of(s, case)[0],
            {
                "done_on": "2026-08-05",
                "mode": "home_visit",
                "officer": "Meena (DCPU)",
                "working_again": "yes",
                "findings": "working at a tea stall",
            },
            today=TODAY,
        )
    with unit_of_work(inst_engine, actor) as s:
        flags = _flags(s, kid_id)
    working = flags["clts_working_again"]
    assert working.severity == "critical" and "working at a tea stall" in working.explanation_en


def test_interstate_restoration_waits_for_the_home_district(inst_engine, actor):
    """Restored to Jharkhand with no confirmation after 30 days: flagged until confirmed."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kid, case = rescued_child(
            s, origin_state="20", origin_district="", origin_district_name="Giridih"
        )
        update_case(
            s,
            case,
            {
                "final_order": "restored",
                "final_order_on": "2026-07-01",
                "restored_on": "2026-07-03",
            },
            today=TODAY,
        )
        kid_id, case_id = kid.id, case.id
    with unit_of_work(inst_engine, actor, rules=False) as s:
        evaluate_all(s, as_of=TODAY)
        assert _flags(s, kid_id)["clts_interstate_unconfirmed"].due_on == date(2026, 8, 2)
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        update_case(
            s,
            get_case(s, case_id),
            {"home_confirmed_on": "2026-07-20", "home_confirmed_by": "DCPU Giridih"},
            today=TODAY,
        )
    with unit_of_work(inst_engine, actor) as s:
        assert "clts_interstate_unconfirmed" not in _flags(s, kid_id)


def test_schemes_not_applied_for_are_listed_by_name(inst_engine, actor):
    """Eligible schemes past their day to apply are named in one flag (ledger ones left out)."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kid, case = rescued_child(s)
        update_case(
            s, case, {"final_order": "restored", "final_order_on": "2026-07-01"}, today=TODAY
        )
        kid_id = kid.id
    with unit_of_work(inst_engine, actor, rules=False) as s:
        evaluate_all(s, as_of=TODAY)
        flag = _flags(s, kid_id)["clts_entitlement_not_applied"]
    assert "Prosecution of the employer" in flag.explanation_en
    assert "CM Relief Fund" not in flag.explanation_en  # money has its own flags
    assert "clts_card_not_issued" in _flags_of(inst_engine, actor, kid_id)


def _flags_of(engine, actor, kid_id):
    with unit_of_work(engine, actor) as s:
        return set(_flags(s, kid_id))


def test_nothing_is_due_on_the_day_of_the_rescue(inst_engine, actor):
    """On the rescue day no deadline has passed: no CLTS flag."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kid, _ = rescued_child(
            s,
            rescue_on=TODAY.isoformat(),
            produced_on=TODAY.isoformat(),
            fir_on=TODAY.isoformat(),
            child={"admission_date": TODAY.isoformat()},
        )
        kid_id = kid.id
    with unit_of_work(inst_engine, actor, rules=False) as s:
        evaluate_all(s, as_of=TODAY)
        assert _flags(s, kid_id) == {}
        evaluate_all(s, as_of=TODAY + timedelta(days=8))
        assert "clts_relief_unpaid" in _flags(s, kid_id)


def test_every_clts_rule_must_be_configured_in_the_policy():
    """A policy file without a CLTS rule's section is refused, naming the section."""
    text = DEFAULT_POLICY.read_text(encoding="utf-8")
    start = text.index("[rules.clts_working_again]")
    end = text.index("[rules.clts_interstate_unconfirmed]")
    with pytest.raises(PolicyError, match=r"\[rules.clts_working_again\]"):
        check_policy(parse_policy(text[:start] + text[end:]))
    assert RULES_BY_ID["clts_working_again"].scope == "clts"
