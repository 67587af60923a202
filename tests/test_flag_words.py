"""Flags store no words (migration 0015): they are worded when shown, by the same rule.

The review queue, the bundles sent to the district and central, and `explain` must all
say what the rule says about the child; a resolved flag is worded as of its last day
open; a flag the rule no longer finds gets the rule's name, due date and basis.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from desktop.models import Child, Flag
from desktop.rules.policy import load_policy
from desktop.services.cases.children import register_child
from desktop.services.core.context import unit_of_work
from desktop.services.flags.evaluate import evaluate_all
from desktop.services.flags.store import explain, list_flags, resolve_flag
from desktop.services.flags.words import FlagToWord, general_words, word_flags
from sync_client.changes import pending_changes
from tests.helpers import child_input

ADMITTED = date(2026, 3, 1)
AS_OF = ADMITTED + timedelta(days=40)
POLICY = load_policy()


def _child_with_flags(engine, actor) -> int:  # type: ignore[no-untyped-def]
    with unit_of_work(engine, actor, rules=False) as s:
        cid = register_child(s, child_input(admission_date=ADMITTED), today=ADMITTED).id
    with unit_of_work(engine, actor, rules=False) as s:
        evaluate_all(s, as_of=AS_OF)
    return cid


def test_the_queue_words_each_flag_as_its_rule_does(inst_engine, actor):
    cid = _child_with_flags(inst_engine, actor)
    with unit_of_work(inst_engine, actor, rules=False) as s:
        child = s.get(Child, cid)
        _, verdicts = explain(s, child, as_of=AS_OF)
        said = {v.rule.id: v.hit.texts() for v in verdicts if v.hit is not None}
        en = {r.rule_id: r.explanation for r in list_flags(s, child_id=cid, as_of=AS_OF)}
        hi = {r.rule_id: r.explanation for r in list_flags(s, child_id=cid, lang="hi", as_of=AS_OF)}
    assert len(en) >= 3 and set(en) == set(said)
    assert en == {rid: t[0] for rid, t in said.items()}
    assert hi == {rid: t[1] for rid, t in said.items()}
    assert "02-03-2026" in en["production_cwc"]  # names the dates, with the legal basis
    assert POLICY.rules["production_cwc"].basis_en in en["production_cwc"]


def test_bundles_carry_the_words_the_queue_shows(inst_engine, actor):
    """The district and central have no rules: a flag's record is worded when sent."""
    cid = _child_with_flags(inst_engine, actor)
    with unit_of_work(inst_engine, actor, rules=False) as s:
        shown = {
            r.rule_id: r.explanation
            for r in list_flags(s, child_id=cid)  # as of today, like the bundle
        }
        shown_hi = {r.rule_id: r.explanation for r in list_flags(s, child_id=cid, lang="hi")}
        sent = [c for c in pending_changes(s) if c.type == "flag"]
    assert sent and len(sent) == len(shown)
    for c in sent:
        assert c.data is not None
        assert c.data["explanation_en"] == shown[c.data["rule_id"]]
        assert c.data["explanation_hi"] == shown_hi[c.data["rule_id"]]
        assert c.data["explanation_en"] and "explanation_en" in c.data


def test_a_resolved_flag_is_worded_as_of_its_last_day_open(inst_engine, actor):
    cid = _child_with_flags(inst_engine, actor)
    with unit_of_work(inst_engine, actor, rules=False) as s:
        flag = s.scalars(
            select(Flag).where(Flag.child_id == cid, Flag.rule_id == "production_cwc")
        ).one()
        before = list_flags(s, child_id=cid, rule_id="production_cwc", as_of=AS_OF)[0]
        resolve_flag(s, flag, note="Produced; the order is on paper", on=AS_OF)
    with unit_of_work(inst_engine, actor, rules=False) as s:
        after = list_flags(
            s, child_id=cid, rule_id="production_cwc", statuses=("resolved",), as_of=AS_OF
        )[0]
    assert after.explanation == before.explanation


def test_a_flag_its_rule_no_longer_finds_says_the_rule_and_due_date(inst_engine, actor):
    cid = _child_with_flags(inst_engine, actor)
    with unit_of_work(inst_engine, actor, rules=False) as s:
        flag = s.scalars(
            select(Flag).where(Flag.child_id == cid, Flag.rule_id == "production_cwc")
        ).one()
        moved = FlagToWord(
            "x", cid, flag.rule_id, flag.due_on - timedelta(days=3), flag.raised_on
        )  # a due date the rule does not give on any day
        words = word_flags(s, [moved], as_of=AS_OF)["x"]
    assert words == general_words("production_cwc", moved.due_on, POLICY)
    assert "Produced before the CWC" in words[0] or "due by" in words[0]
    assert moved.due_on.strftime("%d-%m-%Y") in words[0]
