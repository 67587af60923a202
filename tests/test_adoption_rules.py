"""Adoption evaluation over hand-built facts: each ground on its own law, what excludes
them, and the rules that must agree with it (s.38(1) deadline, follow-up, final order)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from desktop.rules.adoption import GROUNDS, review
from desktop.rules.engine import RULES_BY_ID
from desktop.rules.policy import DEFAULT_POLICY, parse_policy
from tests.test_rule_verdicts import _random_facts
from tests.test_rules import POLICY, facts, run

AS_OF = date(2027, 3, 1)
RECENT = AS_OF - timedelta(days=10)
P = POLICY.rules["adoption_evaluation"]

# For each ground, facts that meet it (and no other ground) on AS_OF, with the category
# given on 10/02/2026; a living parent or guardian last visited on 01/09/2026.
SEEN = date(2026, 9, 1)
GROUND_CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "orphan, no guardian": ("orphan", {"category_code": 1, "legal_class": "orphan"}),
    "orphan whose known relative died": (
        "orphan",
        {
            "category_code": 2,
            "legal_class": "orphan",
            "guardians_living": 0,
            "guardian_died_on": date(2026, 6, 1),
        },
    ),
    "abandoned, parents unknown": ("abandoned", {"category_code": 3, "legal_class": "abandoned"}),
    "abandoned, parents untraceable (life status unknown)": (
        "abandoned",
        {"category_code": 4, "legal_class": "abandoned", "guardians_living": 1, "last_visit": SEEN},
    ),
    "surrendered, two months over": (
        "surrendered",
        {
            "category_code": 5,
            "legal_class": "surrendered",
            "surrender_on": date(2026, 11, 1),
            "guardians_living": 1,
            "last_visit": SEEN,
        },
    ),
    "parent declared unfit by the CWC": (
        "unfit_guardian",
        {
            "category_code": 13,
            "legal_class": "unfit_guardian",
            "guardians_living": 1,
            "last_visit": SEEN,
        },
    ),
    "family refuses to take the child back": (
        "unfit_guardian",
        {
            "category_code": 19,
            "legal_class": "unfit_guardian",
            "guardians_living": 2,
            "last_visit": SEEN,
        },
    ),
    "parent with intellectual disability (s.38(3))": (
        "s38_3",
        {"category_code": 14, "legal_class": "s38_3", "guardians_living": 1, "last_visit": SEEN},
    ),
    "unwanted child of a victim of sexual assault (s.38(3))": (
        "s38_3",
        {"category_code": 17, "legal_class": "s38_3"},
    ),
    "no visitation for 12 months": (
        "no_visitation",
        {"guardians_living": 2, "last_visit": date(2025, 12, 1)},
    ),
}
SET_ON = {"category_set_on": date(2026, 2, 10)}


def _facts(over: dict[str, Any], day: date = AS_OF):  # type: ignore[no-untyped-def]
    return facts(day, **{**SET_ON, **over})


def _statuses(f) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {g.id: g.status for g in review(f, P).grounds}


@pytest.mark.parametrize("case", sorted(GROUND_CASES))
def test_each_ground_alone_recommends_the_child(case: str):
    """Each ground by itself recommends the child, and the review marks only it as met."""
    ground, over = GROUND_CASES[case]
    f = _facts(over)
    hit = run("adoption_evaluation", f)
    assert hit is not None
    statuses = _statuses(_facts(over))
    assert [g for g, st in statuses.items() if st == "met"] == [ground]
    name = P.params["no_visit_en"] if ground == "no_visitation" else POLICY.law.classes[ground].en
    assert name in hit.en
    en, hi = CITATIONS[ground]
    assert f"{name}: " in hit.en and en in hit.en and hi in hit.hi


# The law each ground stands on (the sources), as the flag must cite it.
CITATIONS = {
    "orphan": ("JJ Act 2015, s.2(42) and s.38(1)", "धारा 2(42) व 38(1)"),
    "abandoned": ("JJ Act 2015, s.2(1) and s.38(1)", "धारा 2(1) व 38(1)"),
    "surrendered": ("JJ Act 2015, s.35(3) and s.38(2)", "धारा 35(3) व 38(2)"),
    "unfit_guardian": ("s.2(14)(v)", "धारा 2(14)(v)"),
    "s38_3": ("JJ Act 2015, s.38(3)", "धारा 38(3)"),
    "no_visitation": ("Supreme Court order of 20 Nov 2023", "सर्वोच्च न्यायालय आदेश 20 नवंबर 2023"),
}


def test_every_ground_cites_its_own_law():
    """Each ground's basis in the policy names its own section (not the shared s.38 of the
    rule), and the grounds whose wording is not confirmed are marked unverified."""
    for gid in GROUNDS:
        en, hi = CITATIONS[gid]
        if gid == "no_visitation":
            basis = (P.params["no_visit_basis_en"], P.params["no_visit_basis_hi"])
            verified = P.params["no_visit_verified"]
        else:
            cls = POLICY.law.classes[gid]
            basis, verified = (cls.basis_en, cls.basis_hi), cls.verified
        assert en in basis[0] and hi in basis[1], gid
        assert verified is (gid not in ("no_visitation", "unfit_guardian")), gid


@pytest.mark.parametrize("case", sorted(GROUND_CASES))
def test_a_recent_guardian_visit_cancels_only_the_no_visitation_ground(case: str):
    """A parent's visit ten days ago: every ground still recommends the child (a CWC finding
    of unfitness, an orphan's or a surrender's status are not undone by visits), except
    no visitation itself."""
    ground, over = GROUND_CASES[case]
    visited = {**over, "last_visit": RECENT}
    if over.get("category_code") != 2:  # the relative who visited has since died
        visited["guardians_living"] = max(1, over.get("guardians_living", 0))
    hit = run("adoption_evaluation", _facts(visited))
    if ground == "no_visitation":
        assert hit is None
        assert _statuses(_facts(visited))["no_visitation"] == "not_met"
    else:
        assert hit is not None
        assert _statuses(_facts(visited))[ground] == "met"


def _assert_restoration_excludes(ground: str, restoring: dict[str, Any]) -> None:
    assert run("adoption_evaluation", _facts(restoring)) is None
    r = review(_facts(restoring), P)
    assert [x.id for x in r.exclusions] == ["restoration"]
    g = next(g for g in r.grounds if g.id == ground)
    assert g.status == "excluded" and "restoration to the family in progress" in g.excluded_en
    assert "पुनर्स्थापन" in g.excluded_hi


@pytest.mark.parametrize("case", sorted(GROUND_CASES))
def test_no_ground_counts_while_a_restoration_order_stands(case: str):
    """A restoration order after the category was set: the child is not recommended
    whatever the ground, and the review says why."""
    ground, over = GROUND_CASES[case]
    _assert_restoration_excludes(ground, {**over, "restoration_order_on": date(2026, 12, 1)})


def test_no_visitation_does_not_count_in_the_restoration_category():
    """Category 20 (family traced, restoration pending): parents not visiting for a year
    is no ground while the restoration is in progress."""
    ground, over = GROUND_CASES["no visitation for 12 months"]
    assert run("adoption_evaluation", _facts(over)) is not None
    _assert_restoration_excludes(ground, {**over, "category_code": 20, "legal_class": "other"})


def test_a_change_of_category_after_the_restoration_order_ends_the_restoration():
    """The family refused (category 19 after the order): restoration is no longer in
    progress and the child is recommended again."""
    over = {
        "category_code": 19,
        "legal_class": "unfit_guardian",
        "guardians_living": 2,
        "restoration_order_on": date(2026, 1, 20),
    }
    assert run("adoption_evaluation", _facts(over)) is not None
    assert (
        run("adoption_evaluation", _facts({**over, "category_set_on": date(2026, 1, 19)})) is None
    )


def test_a_non_guardian_visit_is_no_visit_at_all_for_the_rules():
    """A volunteer's or the social worker's visit never becomes `last_visit` (the facts
    count only a listed guardian's visits: see test_visits.py); a phone call does not count
    by default, and does when the policy says calls count."""
    over = {"guardians_living": 1, "last_visit": date(2025, 12, 1), "last_call": RECENT}
    assert run("adoption_evaluation", _facts(over)) is not None
    assert run("no_visit_followup", _facts(over)) is not None
    text = DEFAULT_POLICY.read_text(encoding="utf-8").replace(
        "calls_count = false", "calls_count = true"
    )
    calls = parse_policy(text)
    assert run("adoption_evaluation", _facts(over), calls) is None
    assert run("no_visit_followup", _facts(over), calls) is None


def test_a_social_workers_follow_up_clears_the_follow_up_flag_but_not_the_12_month_ground():
    """The social worker contacted the family last month: the 6-month follow-up rule is
    satisfied, while the parents' 15 months without a visit remain a ground."""
    over = {"guardians_living": 1, "last_visit": date(2025, 12, 1)}
    assert run("no_visit_followup", _facts(over)) is not None
    followed = {**over, "last_followup": date(2027, 2, 1)}
    assert run("no_visit_followup", _facts(followed)) is None
    hit = run("adoption_evaluation", _facts(followed))
    assert hit is not None and "01-12-2025" in hit.en
    # six months after the follow-up, the follow-up is due again
    later = date(2027, 8, 2)
    assert run("no_visit_followup", _facts(followed, later)) is not None


def test_an_orphan_whose_relative_visits_is_neither_recommended_nor_awaiting_a_declaration():
    """Category 2 with the relative alive and visiting: no recommendation and no 'LFA
    overdue' (the two rules agree); once the relative has died, both apply."""
    over = {
        "category_code": 2,
        "legal_class": "orphan",
        "guardians_living": 1,
        "last_visit": RECENT,
        "produced_on": date(2026, 1, 8),
    }
    assert run("adoption_evaluation", _facts(over)) is None
    assert run("lfa_declaration", _facts(over)) is None
    g = next(g for g in review(_facts(over), P).grounds if g.id == "orphan")
    assert g.status == "not_met" and "no living parent or guardian" in g.why_en
    died = {**over, "guardians_living": 0, "guardian_died_on": date(2026, 9, 1)}
    hit = run("adoption_evaluation", _facts(died))
    assert hit is not None and hit.due == date(2026, 10, 1)
    lfa = run("lfa_declaration", _facts(died))
    assert lfa is not None and lfa.due == date(2027, 1, 1)  # four months from the death
    # not visiting for 12 months is the ground while the relative lives; still no s.38(1)
    away = {**over, "last_visit": date(2025, 11, 1)}
    assert run("adoption_evaluation", _facts(away)) is not None
    assert run("lfa_declaration", _facts(away)) is None


def test_restoration_silences_the_declaration_deadline_too():
    """An abandoned child whose family was traced and is being restored is not overdue for
    an s.38(1) declaration."""
    over = {"category_code": 3, "legal_class": "abandoned", "produced_on": date(2026, 1, 8)}
    assert run("lfa_declaration", _facts(over)) is not None
    assert run("lfa_declaration", _facts({**over, "restoration_order_on": AS_OF})) is None


@pytest.mark.parametrize(
    ("over", "ends"),
    [
        ({"final_order_on": date(2026, 3, 1)}, True),
        ({"lfa_on": date(2026, 3, 1)}, True),
        ({"restoration_first_on": date(2026, 3, 1)}, True),
        ({}, False),
    ],
)
def test_an_lfa_declaration_or_a_restoration_ends_the_inquiry(over: dict[str, Any], ends: bool):
    """s.37(1): a declaration legally free for adoption or a restoration order concludes the
    inquiry as a final order does (the list is policy data)."""
    f = facts(AS_OF, **{"produced_on": date(2026, 1, 8), "final_order_on": None, **over})
    assert (run("cwc_final_order", f) is None) is ends
    only_final = parse_policy(
        DEFAULT_POLICY.read_text(encoding="utf-8").replace(
            'ends_inquiry = ["final", "lfa_declaration", "restoration"]', 'ends_inquiry = ["final"]'
        )
    )
    still = run("cwc_final_order", f, only_final) is None
    assert still is ("final_order_on" in over)


@pytest.mark.parametrize(
    ("over", "exclusion"),
    [
        ({"stage": "inquiry", "stage_on": date(2026, 5, 1)}, "in_process"),
        ({"lfa_on": date(2026, 5, 1)}, "declared"),
        ({"dob": date(2009, 2, 28)}, "adult"),
    ],
)
def test_other_exclusions_keep_every_ground_out(over: dict[str, Any], exclusion: str):
    """In the adoption process, already declared legally free, or 18: not recommended, and
    the review names the exclusion."""
    base = {**GROUND_CASES["orphan, no guardian"][1], **over}
    assert run("adoption_evaluation", _facts(base)) is None
    r = review(_facts(base), P)
    assert [x.id for x in r.exclusions] == [exclusion]
    assert _statuses(_facts(base))["orphan"] == "excluded"


def test_review_agrees_with_the_rule_on_random_children():
    """On 3,000 random children: the rule fires exactly when some ground is met, its due
    date is the earliest ground's date plus the review period, and its words name exactly
    the grounds met, each with its legal basis."""
    rng = random.Random(15)
    names = {
        g: P.params["no_visit_en"] if g == "no_visitation" else POLICY.law.classes[g].en
        for g in GROUNDS
    }
    fired = 0
    for _ in range(3000):
        base = _random_facts(rng)
        f = replace(base, as_of=base.admission_date + timedelta(days=rng.randint(0, 2500)))
        hit = RULES_BY_ID["adoption_evaluation"].fn(replace(f), P)
        r = review(replace(f), P)
        met = [g for g in r.grounds if g.status == "met"]
        assert (hit is not None) == bool(met), (f, r)
        if hit is not None:
            fired += 1
            assert hit.due == min(g.since for g in met if g.since) + timedelta(days=30)
            for g in r.grounds:
                assert (f"{names[g.id]}: " in hit.en) == (g.status == "met")
            assert all(g.basis_en in hit.en for g in met)
        assert all(g.status != "excluded" for g in r.grounds) or r.exclusions
    assert fired > 150


def test_a_basis_not_verified_is_said_so_in_both_languages():
    """Rules (and grounds) whose basis the policy marks unverified say so in the text."""
    icp = run("icp", facts(date(2026, 3, 1), icp_prepared_on=None, icp_review_due=None))
    assert icp is not None and not POLICY.rules["icp"].verified
    assert "basis not verified" in icp.en and "आधार सत्यापित नहीं" in icp.hi
    produced = run("production_cwc", facts(date(2026, 3, 1), produced_on=None))
    assert produced is not None and "not verified" not in produced.en
    hit = run("adoption_evaluation", _facts(GROUND_CASES["no visitation for 12 months"][1]))
    assert hit is not None
    assert "12 months are a policy default; basis not verified)" in hit.en
    assert "आधार सत्यापित नहीं" in hit.hi
    orphan = run("adoption_evaluation", _facts(GROUND_CASES["orphan, no guardian"][1]))
    assert orphan is not None and "not verified" not in orphan.en


def test_the_review_speaks_hindi():
    """Every ground's reason and every exclusion have a Hindi wording with the same dates."""
    over = {**GROUND_CASES["surrendered, two months over"][1], "restoration_order_on": RECENT}
    r = review(_facts(over), P)
    g = next(g for g in r.grounds if g.id == "surrendered")
    assert "01-11-2026" in g.why_hi and "01-01-2027" in g.why_hi and "अभ्यर्पित" in g.why_hi
    assert r.exclusions[0].hi.startswith("परिवार में पुनर्स्थापन जारी")
    assert all(x.hi and x.hi != x.en for x in r.grounds for x in [x])
