"""Who visited, through the database: only a listed parent's or guardian's visit counts for
the no-visitation rules; the social worker's follow-up is a follow-up; what-if runs before a
change of category, a guardian's death or a document's status see the case as it was."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.cli.main import main
from desktop.models import Child
from desktop.rules.common import add_months
from desktop.services.cases.casework import (
    add_guardian,
    change_category,
    log_visit,
    set_document_status,
    set_guardian_life_status,
)
from desktop.services.core.context import unit_of_work
from desktop.services.core.errors import ValidationError
from desktop.services.exchange.exporter import export_json
from desktop.services.exchange.importer import import_file
from desktop.services.flags.child_facts import load_facts
from desktop.services.flags.store import explain
from tests.test_flags import ADMITTED, DAY, ON_TIME, POLICY, on_child, open_rules, register, run

YEAR_ON = add_months(ADMITTED, 12)  # the no-visitation period ends (2027-03-02)


def _with_mother(engine, actor) -> int:  # type: ignore[no-untyped-def]
    cid = register(engine, actor, **ON_TIME)  # category 9: both parents, living together
    with on_child(engine, actor, cid, ADMITTED, rules=False) as (s, child):
        add_guardian(s, child, name="Sita Devi", relation="mother", today=ADMITTED)
    return cid


def _facts(engine, cid: int, as_of: date):  # type: ignore[no-untyped-def]
    with unit_of_work(engine, None, rules=False) as s:
        [f] = load_facts(s, as_of=as_of, policy=POLICY, child_ids=[cid])
        return f


@pytest.mark.parametrize(
    ("role", "mode", "name"),
    [
        ("volunteer", "in_person", "Ramesh of the NGO"),
        ("relative", "in_person", "Mausi Kamla"),
        ("other", "phone", "Neighbour"),
        ("social_worker", "home_visit", None),
    ],
)
def test_a_visit_by_anyone_but_a_listed_guardian_does_not_reset_the_no_visitation_clock(
    inst_engine, actor, role: str, mode: str, name: str | None
):
    """A year without the mother's visit: recommended; a volunteer's, a relative's (not on
    the list) or the social worker's visit the day after leaves the recommendation open."""
    cid = _with_mother(inst_engine, actor)
    run(inst_engine, actor, YEAR_ON + DAY)
    assert "adoption_evaluation" in open_rules(inst_engine, cid)
    on = YEAR_ON + 2 * DAY
    with on_child(inst_engine, actor, cid, on) as (s, child):
        log_visit(
            s, child, visit_date=on, visitor_role=role, visitor_name=name, mode=mode, today=on
        )
    assert "adoption_evaluation" in open_rules(inst_engine, cid)
    f = _facts(inst_engine, cid, on)
    assert f.last_visit is None and f.last_followup == (on if role == "social_worker" else None)
    # the mother's own visit does reset it
    with on_child(inst_engine, actor, cid, on) as (s, child):
        log_visit(s, child, visit_date=on, guardian=child.guardians[0], today=on)
    assert "adoption_evaluation" not in open_rules(inst_engine, cid)


def test_the_social_workers_follow_up_clears_the_six_month_flag_not_the_12_month_ground(
    inst_engine, actor
):
    """After 13 months without a visit both flags are open; the social worker's home visit
    resolves the follow-up flag and leaves the recommendation for adoption evaluation."""
    cid = _with_mother(inst_engine, actor)
    on = YEAR_ON + 30 * DAY
    run(inst_engine, actor, on)
    assert {"no_visit_followup", "adoption_evaluation"} <= open_rules(inst_engine, cid)
    with on_child(inst_engine, actor, cid, on) as (s, child):
        log_visit(
            s,
            child,
            visit_date=on,
            visitor_role="social_worker",
            guardian=child.guardians[0],  # the mother, contacted at home
            mode="home_visit",
            notes="Mother says she cannot take the child back",
            today=on,
        )
    rules = open_rules(inst_engine, cid)
    assert "no_visit_followup" not in rules and "adoption_evaluation" in rules


def test_a_guardian_call_counts_only_when_the_policy_says_so(inst_engine, actor):
    """The mother's phone call is recorded as hers but is no visit under the default policy."""
    cid = _with_mother(inst_engine, actor)
    on = YEAR_ON + DAY
    with on_child(inst_engine, actor, cid, on) as (s, child):
        log_visit(s, child, visit_date=on, guardian=child.guardians[0], mode="phone", today=on)
    f = _facts(inst_engine, cid, on)
    assert (f.last_visit, f.last_call) == (None, on)
    assert "adoption_evaluation" in open_rules(inst_engine, cid)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"visitor_role": "guardian"}, "guardian"),  # a guardian's visit names the guardian
        ({"visitor_role": "volunteer"}, "visitor_name"),  # another visitor is named
        ({}, "visitor_role"),  # who visited must be said
        ({"visitor_role": "nephew", "visitor_name": "X"}, "visitor_role"),
        ({"guardian": 0, "mode": "home_visit"}, "mode"),  # a home visit is the social worker's
        ({"guardian": 0, "visitor_role": "relative", "visitor_name": "X"}, "guardian"),
    ],
)
def test_the_visit_log_is_unambiguous_about_who_visited(inst_engine, actor, kwargs, field):
    """A visit that does not say clearly who made it is refused, naming the field."""
    cid = _with_mother(inst_engine, actor)
    on = ADMITTED + 10 * DAY
    with pytest.raises(ValidationError) as err, on_child(inst_engine, actor, cid, on) as (s, c):
        if "guardian" in kwargs:
            kwargs = {**kwargs, "guardian": c.guardians[0]}
        log_visit(s, c, visit_date=on, today=on, **kwargs)
    assert field in err.value.errors


def test_a_deceased_guardian_cannot_visit_after_the_death(inst_engine, actor):
    """A visit dated after the guardian's recorded death is refused; one before it is not;
    and a death dated before a recorded visit is refused too."""
    cid = _with_mother(inst_engine, actor)
    died = ADMITTED + 40 * DAY
    with on_child(inst_engine, actor, cid, died + 10 * DAY, rules=False) as (s, c):
        g = c.guardians[0]
        log_visit(s, c, visit_date=ADMITTED + 20 * DAY, guardian=g, today=died)
        with pytest.raises(ValidationError) as err:
            set_guardian_life_status(
                s, c, g, life_status="deceased", deceased_on=ADMITTED + 10 * DAY, today=died
            )
        assert "deceased_on" in err.value.errors
        set_guardian_life_status(s, c, g, life_status="deceased", deceased_on=died, today=died)
        with pytest.raises(ValidationError) as err:
            log_visit(s, c, visit_date=died + 5 * DAY, guardian=g, today=died + 10 * DAY)
        assert "guardian" in err.value.errors
        with pytest.raises(ValidationError) as err:
            set_guardian_life_status(s, c, g, life_status="alive", deceased_on=died, today=died)
        assert "deceased_on" in err.value.errors


def test_what_if_before_a_category_change_sees_the_old_category(inst_engine, actor):
    """Category 9, then 13 (declared unfit) from 01/06/2026: a run for 31/05 sees 9 and no
    recommendation, one for 01/06 sees 13 and the unfit-guardian ground."""
    cid = _with_mother(inst_engine, actor)
    changed = date(2026, 6, 1)
    with on_child(inst_engine, actor, cid, changed, rules=False) as (s, c):
        log_visit(s, c, visit_date=changed - 5 * DAY, guardian=c.guardians[0], today=changed)
        change_category(
            s,
            c,
            to_code=13,
            reason="CWC found the mother unfit",
            effective_on=changed,
            order_ref="CWC/PAT/2026/77",
            today=changed + 20 * DAY,
        )
    before, on = _facts(inst_engine, cid, changed - DAY), _facts(inst_engine, cid, changed)
    assert (before.category_code, before.legal_class) == (9, "other")
    assert (on.category_code, on.legal_class) == (13, "unfit_guardian")
    with unit_of_work(inst_engine, actor, rules=False) as s:
        child = s.get(Child, cid)
        _, then = explain(s, child, as_of=changed - DAY)
        _, now = explain(s, child, as_of=changed)
    ae = {v.rule.id: v for v in then}["adoption_evaluation"]
    assert ae.hit is None and ae.facts["category_code"] == 9
    assert {v.rule.id: v for v in now}["adoption_evaluation"].hit is not None
    # A later change may not be dated before the current category's date.
    with (
        pytest.raises(ValidationError) as err,
        on_child(inst_engine, actor, cid, changed) as (
            s,
            c,
        ),
    ):
        change_category(s, c, to_code=1, reason="x", effective_on=changed - DAY, today=changed)
    assert "effective_on" in err.value.errors


def test_what_if_before_a_guardian_death_or_a_document_change_sees_the_old_state(
    inst_engine, actor
):
    """The mother died on 01/07/2026 and the SIR was obtained on 10/07: a run for 30/06 sees
    her alive and the SIR missing; runs from those dates on see the change."""
    cid = _with_mother(inst_engine, actor)
    died, obtained = date(2026, 7, 1), date(2026, 7, 10)
    with on_child(inst_engine, actor, cid, obtained, rules=False) as (s, c):
        set_guardian_life_status(
            s, c, c.guardians[0], life_status="deceased", deceased_on=died, today=obtained
        )
        set_document_status(s, c, doc_type="sir", status="obtained", on=obtained, today=obtained)
    before = _facts(inst_engine, cid, died - DAY)
    dead = _facts(inst_engine, cid, died)
    got = _facts(inst_engine, cid, obtained)
    assert (before.guardians_living, before.guardian_died_on) == (1, None)
    assert (dead.guardians_living, dead.guardian_died_on) == (0, died)
    assert before.missing_docs == dead.missing_docs == got.missing_docs + 1
    assert run(inst_engine, actor, obtained).children == 1  # the flags follow today's state


def test_explain_shows_each_ground_in_english_and_hindi(inst_engine, actor, data_dir, capsys):
    """`clms flags --explain`: met / not met / excluded by, with the facts, in both languages;
    the JSON gives every ground's status."""
    cid = _with_mother(inst_engine, actor)
    with unit_of_work(inst_engine, actor, rules=False) as s:
        code = s.get(Child, cid).code
    d, as_of = str(data_dir), (YEAR_ON + DAY).isoformat()
    assert main(["--data-dir", d, "flags", "--as-of", as_of, "--explain", code]) == 0
    en = capsys.readouterr().out
    assert "grounds for adoption evaluation:" in en
    assert "- no visitation: met" in en and "- orphan: not met" in en
    assert "facts: guardians_living=1, last_visit=-" in en and "basis not verified" in en
    assert (
        main(["--data-dir", d, "flags", "--as-of", as_of, "--explain", code, "--lang", "hi"]) == 0
    )
    hi = capsys.readouterr().out
    assert "दत्तक ग्रहण मूल्यांकन के आधार:" in hi and "मुलाक़ात नहीं: आधार बनता है" in hi
    assert "अनाथ: आधार नहीं बनता" in hi and "आधार सत्यापित नहीं" in hi
    with on_child(inst_engine, actor, cid, YEAR_ON) as (s, c):
        from desktop.services.cases.casework import record_order

        record_order(
            s, c, order_no="CWC/R/1", order_date=YEAR_ON, order_type="restoration", today=YEAR_ON
        )
    assert main(["--data-dir", d, "flags", "--as-of", as_of, "--explain", code, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    ae = next(r for r in out["rules"] if r["rule"] == "adoption_evaluation")
    assert ae["fires"] is False and [x["id"] for x in ae["exclusions"]] == ["restoration"]
    statuses = {g["ground"]: g["status"] for g in ae["grounds"]}
    assert statuses["no_visitation"] == "excluded" and statuses["orphan"] == "not_met"
    nv = next(g for g in ae["grounds"] if g["ground"] == "no_visitation")
    assert nv["excluded_by"].startswith("restoration to the family in progress")
    assert nv["basis_verified"] is False


def test_import_says_who_visited_and_export_keeps_it(session, tmp_path: Path):
    """A visit under a guardian is theirs; a top-level visit must say who made it (a home
    visit is the social worker's); the export writes roles and dates of death back."""
    rec = {
        "first_name": "Kamori",
        "gender": "female",
        "dob": "2015-02-03",
        "admission_date": "2025-01-15",
        "category_code": 9,
        "guardians": [
            {
                "name": "Sanelu Devi",
                "relation": "mother",
                "visits": [
                    {"visit_date": "2025-03-01"},
                    {"visit_date": "2025-04-01", "visitor_role": "social_worker", "mode": "phone"},
                ],
            },
            {
                "name": "Poderi Lal",
                "relation": "father",
                "life_status": "deceased",
                "deceased_on": "2025-02-01",
            },
        ],
        "visits": [
            {"visit_date": "2025-05-01", "mode": "home_visit"},
            {"visit_date": "2025-06-01", "visitor_role": "volunteer", "visitor_name": "Ravi"},
        ],
    }
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"format": "clms-children", "version": 1, "children": [rec]}))
    report = import_file(session, path, today=date(2026, 11, 23))
    assert report.problems == [] and report.imported == 1
    out = tmp_path / "out.json"
    export_json(session, out)
    [child] = json.loads(out.read_text(encoding="utf-8"))["children"]
    mother, father = child["guardians"]
    assert [v["visitor_role"] for v in mother["visits"]] == ["guardian", "social_worker"]
    assert father["deceased_on"] == "2025-02-01"
    assert sorted(v["visitor_role"] for v in child["visits"]) == ["social_worker", "volunteer"]
    bad = {
        **rec,
        "first_name": "Ravita",
        "guardians": [],
        "visits": [{"visit_date": "2025-05-01", "visitor_name": "X"}],
    }
    path.write_text(json.dumps({"format": "clms-children", "version": 1, "children": [bad]}))
    report = import_file(session, path, today=date(2026, 11, 23))
    assert [p.field for p in report.problems] == ["visits[0].visitor_role"]
