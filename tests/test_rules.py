"""The rule functions over hand-built facts: every deadline on both sides, and the policy file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest

from desktop.rules.engine import (
    RULES,
    RULES_BY_ID,
    Hit,
    add_months,
    add_working_days,
    check_policy,
    evaluate,
)
from desktop.rules.facts import Facts
from desktop.rules.policy import DEFAULT_POLICY, Policy, PolicyError, load_policy, parse_policy

POLICY = load_policy()
DAY = timedelta(days=1)
ADMITTED = date(2026, 1, 5)  # a Monday
DOB = date(2016, 4, 10)

# A case with everything recorded on time: no rule fires on it for the rest of 2026.
QUIET: dict[str, Any] = {
    "category_code": 9,
    "legal_class": "other",
    "category_set_on": ADMITTED,
    "produced_on": ADMITTED,
    "medical_on": ADMITTED,
    "sir_completed_on": date(2026, 1, 15),
    "icp_prepared_on": date(2026, 1, 25),
    "icp_review_due": date(2030, 1, 1),
    "last_order_on": date(2026, 3, 1),
    "next_review_on": date(2030, 1, 1),
    "final_order_on": date(2026, 3, 1),
}


def facts(as_of: date, **over: Any) -> Facts:
    """The quiet case as of a date, with some facts changed."""
    values: dict[str, Any] = {**QUIET, **over}
    return Facts(
        child_id=1,
        code="10-212-0007-2026-00001",
        as_of=as_of,
        status="in_care",
        dob=values.pop("dob", DOB),
        admission_date=values.pop("admission_date", ADMITTED),
        **values,
    )


def run(rule_id: str, f: Facts, policy: Policy = POLICY) -> Hit | None:
    """One rule's verdict on the facts under the policy."""
    return RULES_BY_ID[rule_id].fn(f, policy.rules[rule_id])


@dataclass(frozen=True)
class Deadline:
    """A rule's deadline: quiet up to and on `last_quiet`, a hit due on `due` the day after."""

    name: str
    rule: str
    last_quiet: date
    due: date
    keys: tuple[str, ...]  # facts (dates as dd/mm/yyyy) that both explanations must name
    over: dict[str, Any] = field(default_factory=dict)


DEADLINES = [
    Deadline(
        "production_cwc",
        "production_cwc",
        date(2026, 1, 6),
        date(2026, 1, 6),
        ("05-01-2026", "06-01-2026"),
        {"produced_on": None},
    ),
    Deadline(
        "medical_exam",
        "medical_exam",
        date(2026, 1, 6),
        date(2026, 1, 6),
        ("05-01-2026",),
        {"medical_on": None},
    ),
    Deadline(
        "sir_due-from-production",
        "sir_due",
        date(2026, 1, 23),
        date(2026, 1, 23),
        ("23-01-2026",),
        {"produced_on": date(2026, 1, 8), "sir_completed_on": None},
    ),
    Deadline(
        "sir_due-not-produced-from-admission",
        "sir_due",
        date(2026, 1, 20),
        date(2026, 1, 20),
        ("20-01-2026",),
        {"produced_on": None, "sir_completed_on": None},
    ),
    Deadline(
        "cwc_final_order",
        "cwc_final_order",
        date(2026, 5, 8),
        date(2026, 5, 8),
        ("08-01-2026", "08-05-2026"),
        {"produced_on": date(2026, 1, 8), "final_order_on": None},
    ),
    Deadline(
        "lfa_declaration-young-2-months",
        "lfa_declaration",
        date(2026, 3, 8),
        date(2026, 3, 8),
        ("08-01-2026", "08-03-2026"),
        {
            "legal_class": "orphan",
            "category_code": 1,
            "dob": date(2025, 6, 1),
            "produced_on": date(2026, 1, 8),
        },
    ),
    Deadline(
        "lfa_declaration-older-4-months",
        "lfa_declaration",
        date(2026, 5, 8),
        date(2026, 5, 8),
        ("08-01-2026", "08-05-2026"),
        {"legal_class": "abandoned", "category_code": 3, "produced_on": date(2026, 1, 8)},
    ),
    Deadline(
        "lfa_declaration-orphan-whose-relative-died-from-the-death",
        "lfa_declaration",
        date(2026, 7, 1),
        date(2026, 7, 1),
        ("08-01-2026", "01-07-2026"),
        {
            "legal_class": "orphan",
            "category_code": 2,
            "produced_on": date(2026, 1, 8),
            "guardians_living": 0,
            "guardian_died_on": date(2026, 3, 1),
        },
    ),
    Deadline(
        "surrender_reconsideration",
        "surrender_reconsideration",
        date(2026, 3, 12),
        date(2026, 3, 12),
        ("12-01-2026", "12-03-2026"),
        {"legal_class": "surrendered", "category_code": 5, "surrender_on": date(2026, 1, 12)},
    ),
    Deadline(
        "carings_registration-friday-lfa-due-wednesday",
        "carings_registration",
        date(2026, 1, 14),
        date(2026, 1, 14),
        ("09-01-2026", "14-01-2026"),
        {"lfa_on": date(2026, 1, 9)},
    ),
    Deadline(
        "missing_documents",
        "missing_documents",
        date(2026, 2, 9),
        date(2026, 2, 9),
        ("10-01-2026",),
        {"missing_docs": 3, "category_set_on": date(2026, 1, 10)},
    ),
    Deadline(
        "icp-no-plan",
        "icp",
        date(2026, 2, 4),
        date(2026, 2, 4),
        ("05-01-2026", "04-02-2026"),
        {"icp_prepared_on": None, "icp_review_due": None},
    ),
    Deadline(
        "icp-review-overdue",
        "icp",
        date(2026, 7, 1),
        date(2026, 7, 1),
        ("25-01-2026", "01-07-2026"),
        {"icp_review_due": date(2026, 7, 1)},
    ),
    Deadline(
        "cwc_review-next-review-date",
        "cwc_review",
        date(2026, 3, 2),
        date(2026, 3, 2),
        ("02-03-2026", "08-01-2026"),
        {"last_order_on": date(2026, 1, 8), "next_review_on": date(2026, 3, 2)},
    ),
    Deadline(
        "cwc_review-period-since-last-order",
        "cwc_review",
        date(2026, 5, 2),
        date(2026, 5, 2),
        ("02-05-2026", "01-02-2026"),
        {"last_order_on": date(2026, 2, 1), "next_review_on": None},
    ),
    Deadline(
        "cwc_review-no-order-since-admission",
        "cwc_review",
        date(2026, 4, 5),
        date(2026, 4, 5),
        ("05-04-2026",),
        {"last_order_on": None, "next_review_on": None},
    ),
    Deadline(
        "no_visit_followup-since-last-visit",
        "no_visit_followup",
        date(2026, 8, 1),
        date(2026, 8, 1),
        ("01-02-2026",),
        {"guardians_living": 1, "last_visit": date(2026, 2, 1)},
    ),
    Deadline(
        "no_visit_followup-no-visit-since-admission",
        "no_visit_followup",
        date(2026, 7, 5),
        date(2026, 7, 5),
        ("05-01-2026",),
        {"guardians_living": 1},
    ),
    Deadline(
        "no_visit_followup-since-the-social-workers-follow-up",
        "no_visit_followup",
        date(2026, 9, 1),
        date(2026, 9, 1),
        ("01-02-2026", "01-03-2026"),
        {"guardians_living": 1, "last_visit": date(2026, 2, 1), "last_followup": date(2026, 3, 1)},
    ),
    Deadline(
        "adoption_evaluation-surrender-reconsideration-over",
        "adoption_evaluation",
        date(2026, 3, 12),
        date(2026, 4, 11),
        ("12-01-2026", "12-03-2026"),
        {"legal_class": "surrendered", "category_code": 5, "surrender_on": date(2026, 1, 12)},
    ),
    Deadline(
        "adoption_evaluation-no-visit-for-12-months",
        "adoption_evaluation",
        date(2027, 2, 1),
        date(2027, 3, 3),
        ("01-02-2026", "01-02-2027"),
        {"guardians_living": 1, "last_visit": date(2026, 2, 1)},
    ),
    Deadline(
        "adoption_evaluation-no-visit-a-call-does-not-count",
        "adoption_evaluation",
        date(2027, 2, 1),
        date(2027, 3, 3),
        ("01-02-2026", "01-02-2027", "01-12-2026"),
        {"guardians_living": 1, "last_visit": date(2026, 2, 1), "last_call": date(2026, 12, 1)},
    ),
    Deadline(
        "after_care-warning-183-days-before-18",
        "after_care",
        date(2026, 9, 13),
        date(2027, 3, 15),
        ("15-03-2027",),
        {"dob": date(2009, 3, 15)},
    ),
    Deadline(
        "adoption_stage_stuck",
        "adoption_stage_stuck",
        date(2026, 4, 3),
        date(2026, 4, 3),
        ("02-02-2026", "03-04-2026"),
        {"stage": "presented_to_cwc", "stage_on": date(2026, 2, 2)},
    ),
    Deadline(
        "no_category",
        "no_category",
        date(2026, 1, 12),
        date(2026, 1, 12),
        ("05-01-2026",),
        {"category_code": None, "legal_class": None, "category_set_on": None},
    ),
]


def test_every_rule_has_deadline_cases():
    """Each of the 15 child rules in RULES is checked on both sides of its deadline (the
    child-labour rules, scope "clts", in tests/test_clts_rules.py)."""
    child_rules = {r.id for r in RULES if r.scope == "child"}
    assert len(child_rules) == 15
    assert {c.rule for c in DEADLINES} == child_rules


def test_quiet_case_raises_nothing():
    """A case with every fact recorded on time raises no flag at all."""
    assert evaluate(facts(date(2026, 12, 31)), POLICY) == []


@pytest.mark.parametrize("case", DEADLINES, ids=lambda c: c.name)
def test_deadline_day_is_quiet_and_the_day_after_raises(case: Deadline):
    """Nothing on the deadline day; the day after, a hit with its due date, facts and basis."""
    p = POLICY.rules[case.rule]
    assert run(case.rule, facts(case.last_quiet, **case.over)) is None
    hit = run(case.rule, facts(case.last_quiet + DAY, **case.over))
    assert hit is not None
    assert hit.due == case.due
    en, hi = hit.texts()
    assert (hit.en, hit.hi) == (en, hi)
    for key in case.keys:
        assert key in en and key in hi
    assert p.basis_en in en and p.basis_hi in hi
    assert case.rule in [
        r.id for r, _ in evaluate(facts(case.last_quiet + DAY, **case.over), POLICY)
    ]


def test_explanations_do_not_change_from_day_to_day():
    """A flag's wording names dates, never "N days ago": the same text a month later."""
    over = {"produced_on": None}
    early = run("production_cwc", facts(date(2026, 1, 7), **over))
    late = run("production_cwc", facts(date(2026, 2, 7), **over))
    assert early is not None and late is not None
    assert early.texts() == late.texts()


# --- rules with several boundaries ------------------------------------------------------


@pytest.mark.parametrize(
    ("dob", "months", "due"),
    [
        (date(2024, 1, 10), 2, date(2026, 3, 8)),  # two days short of 2 years at production
        (date(2024, 1, 6), 4, date(2026, 5, 8)),  # two days past 2 years
        (date(2025, 12, 1), 2, date(2026, 3, 8)),  # a baby
        (date(2012, 5, 5), 4, date(2026, 5, 8)),
    ],
)
def test_lfa_declaration_period_depends_on_age_at_production(dob: date, months: int, due: date):
    """Two calendar months to declare a child up to 2 years old at production, four if older."""
    produced = date(2026, 1, 8)
    over = {"legal_class": "orphan", "category_code": 1, "dob": dob, "produced_on": produced}
    assert run("lfa_declaration", facts(due, **over)) is None
    hit = run("lfa_declaration", facts(due + DAY, **over))
    assert hit is not None and hit.due == due
    assert f"{months} months" in hit.en and f"{months} माह" in hit.hi


def test_lfa_declaration_second_birthday_same_period_whatever_the_leap_years():
    """Children produced on their 2nd birthday get the same two-month declaration period."""
    for dob, produced in (
        (date(2022, 1, 8), date(2024, 1, 8)),
        (date(2024, 1, 8), date(2026, 1, 8)),
    ):
        over = {"legal_class": "orphan", "category_code": 1, "dob": dob, "produced_on": produced}
        hit = run("lfa_declaration", facts(produced + timedelta(days=200), **over))
        assert hit is not None
        assert hit.due == add_months(produced, 2) == produced.replace(month=3)


@pytest.mark.parametrize(
    ("day", "months", "want"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 10, 31), 4, date(2027, 2, 28)),
        (date(2026, 11, 30), 2, date(2027, 1, 30)),
        (date(2026, 12, 15), 12, date(2027, 12, 15)),
    ],
)
def test_calendar_months_end_on_the_last_day_of_a_shorter_month(day, months, want):
    """A month later than 31 January is the last day of February (leap years too)."""
    assert add_months(day, months) == want


@pytest.mark.parametrize("code", [5, 9, 13, 14, 17, 19, 20, None])
def test_lfa_declaration_only_for_the_classes_in_the_policy(code: int | None):
    """Only orphan and abandoned children are due a declaration under s.38(1)."""
    cls = None if code is None else POLICY.category(code).legal_class
    assert cls is None or not POLICY.law.classes[cls].lfa_deadline
    f = facts(date(2027, 1, 1), category_code=code, legal_class=cls, produced_on=date(2026, 1, 8))
    assert run("lfa_declaration", f) is None


def test_lfa_declaration_silenced_by_the_declaration():
    """Once the CWC declares the child legally free, the declaration rule is quiet."""
    f = facts(date(2027, 1, 1), legal_class="orphan", category_code=1, lfa_on=date(2026, 2, 1))
    assert run("lfa_declaration", f) is None


def test_icp_plan_without_a_review_date_is_never_overdue():
    """An ICP with no review date recorded raises nothing later on."""
    assert run("icp", facts(date(2029, 1, 1), icp_review_due=None)) is None


def test_cwc_review_falls_back_to_the_period_when_the_review_date_predates_the_last_order():
    """A review date older than the latest order is spent: the period runs from that order."""
    over = {"last_order_on": date(2026, 3, 1), "next_review_on": date(2026, 2, 15)}
    due = date(2026, 3, 1) + timedelta(days=90)
    assert run("cwc_review", facts(due, **over)) is None
    hit = run("cwc_review", facts(due + DAY, **over))
    assert hit is not None and hit.due == due


def test_add_working_days_skips_the_weekend():
    """Three working days after a Friday is the next Wednesday; after a Monday, Thursday."""
    assert add_working_days(date(2026, 1, 9), 3) == date(2026, 1, 14)
    assert add_working_days(date(2026, 1, 5), 3) == date(2026, 1, 8)
    assert add_working_days(date(2026, 1, 10), 3) == date(2026, 1, 14)  # a Saturday


@pytest.mark.parametrize("stage", ["registered_carings", "referred", "adopted"])
def test_carings_registration_done_once_registered(stage: str):
    """A declared child registered on CARINGS (or further) needs no registration flag."""
    f = facts(date(2026, 6, 1), lfa_on=date(2026, 1, 9), stage=stage, stage_on=date(2026, 1, 12))
    assert run("carings_registration", f) is None


def test_after_care_due_on_the_18th_birthday_of_a_29_february_child():
    """A child born on 29 February turns 18 on 28 February of a common year."""
    over = {"dob": date(2008, 2, 29)}
    warn = date(2026, 2, 28) - timedelta(days=183)
    assert run("after_care", facts(warn, **over)) is None
    hit = run("after_care", facts(warn + DAY, **over))
    assert hit is not None and hit.due == date(2026, 2, 28)


@pytest.mark.parametrize("stage", sorted(POLICY.rules["adoption_stage_stuck"].params["stage_days"]))
def test_adoption_stage_stuck_uses_each_stages_limit(stage: str):
    """Each adoption stage has its own limit: quiet on its last day, a hit the day after."""
    limit = POLICY.rules["adoption_stage_stuck"].params["stage_days"][stage]
    entered = date(2026, 2, 2)
    due = entered + timedelta(days=limit)
    over = {"stage": stage, "stage_on": entered}
    assert run("adoption_stage_stuck", facts(due, **over)) is None
    hit = run("adoption_stage_stuck", facts(due + DAY, **over))
    assert hit is not None and hit.due == due
    assert f"{limit} days" in hit.en and "02-02-2026" in hit.hi


@pytest.mark.parametrize("stage", ["adopted", "withdrawn"])
def test_adoption_stage_stuck_not_for_closed_stages(stage: str):
    """Adopted or withdrawn children are not stuck in a stage."""
    f = facts(date(2028, 1, 1), stage=stage, stage_on=date(2026, 2, 2))
    assert run("adoption_stage_stuck", f) is None


def test_no_visit_followup_not_without_a_living_guardian():
    """With no living guardian there is nobody to follow up."""
    f = facts(date(2028, 1, 1), guardians_living=0, last_visit=date(2026, 2, 1))
    assert run("no_visit_followup", f) is None


def test_surrender_reconsideration_quiet_once_declared():
    """After the declaration the surrender rule has nothing more to ask."""
    over = {"legal_class": "surrendered", "category_code": 5, "surrender_on": date(2026, 1, 12)}
    assert run("surrender_reconsideration", facts(date(2026, 6, 1), **over)) is not None
    f = facts(date(2026, 6, 1), lfa_on=date(2026, 3, 20), **over)
    assert run("surrender_reconsideration", f) is None


# --- the policy file -------------------------------------------------------------------

TEXT = DEFAULT_POLICY.read_text(encoding="utf-8")


def edit(section: str, key: str, line: str | None, text: str = TEXT) -> tuple[str, int]:
    """The policy text with `key` in [section] replaced by `line` (None: removed); its line."""
    lines = text.splitlines()
    start = lines.index(f"[{section}]")
    i = next(j for j in range(start + 1, len(lines)) if lines[j].split("=")[0].strip() == key)
    if line is None:
        del lines[i]
    else:
        lines[i] = line
    return "\n".join(lines) + "\n", i + 1


def section_line(section: str) -> int:
    """1-based line of a [section] header in the default policy."""
    return TEXT.splitlines().index(f"[{section}]") + 1


def test_default_policy_configures_every_rule():
    """The shipped policy parses and has a section for every rule."""
    check_policy(POLICY)
    assert set(POLICY.rules) == set(RULES_BY_ID)
    assert (POLICY.id, POLICY.manual_resolution_days) == ("default", 90)


@pytest.mark.parametrize(
    ("section", "key", "line", "name"),
    [
        ("rules.sir_due", "severity", 'severity = "urgent"', "rules.sir_due.severity"),
        ("rules.sir_due", "period_days", "period_days = -5", "rules.sir_due.period_days"),
        ("rules.icp", "escalation_days", 'escalation_days = "30"', "rules.icp.escalation_days"),
        ("rules.after_care", "adult_years", "adult_years = 17.5", "rules.after_care.adult_years"),
        (
            "rules.cwc_final_order",
            "ends_inquiry",
            'ends_inquiry = ["final", "closure"]',
            "rules.cwc_final_order.ends_inquiry",
        ),
        (
            "rules.no_visit_followup",
            "calls_count",
            'calls_count = "no"',
            "rules.no_visit_followup.calls_count",
        ),
        (
            "rules.adoption_evaluation",
            "no_visit_months",
            "no_visit_months = 12.5",
            "rules.adoption_evaluation.no_visit_months",
        ),
        (
            "legal_classes.orphan",
            "lfa_deadline",
            'lfa_deadline = "yes"',
            "legal_classes.orphan.lfa_deadline",
        ),
        (
            "legal_classes.abandoned",
            "basis_en",
            'basis_en = ""',
            "legal_classes.abandoned.basis_en",
        ),
        ("restoration", "categories", "categories = [20, 99]", "restoration.categories"),
        (
            "restoration",
            "order_types",
            'order_types = ["release"]',
            "restoration.order_types",
        ),
        (
            "rules.adoption_stage_stuck.stage_days",
            "inquiry",
            "inquiry = -1",
            "rules.adoption_stage_stuck.stage_days.inquiry",
        ),
        ("rules.sir_due", "basis_en", 'basis_en = "  "', "rules.sir_due.basis_en"),
    ],
)
def test_policy_error_names_the_key_and_its_line(section, key, line, name):
    """A bad value is refused with the file, the full key and the line to fix."""
    text, n = edit(section, key, line)
    with pytest.raises(PolicyError) as err:
        parse_policy(text, source="bihar.toml")
    msg = str(err.value)
    assert msg.startswith(f"bihar.toml, line {n}: {name}:")


def test_policy_error_for_a_category_class_holds_value():
    """A category's class_holds must be one of the known ways, named in the error."""
    bad = TEXT.replace('class_holds = "without_living_guardian"', 'class_holds = "sometimes"')
    with pytest.raises(PolicyError, match=r"categories\[1\]\.class_holds: 'sometimes'"):
        parse_policy(bad, source="bihar.toml")


def test_policy_without_a_legal_class_section_is_refused():
    """Every legal class must say what it means for the rules."""
    lines = TEXT.splitlines()
    start = lines.index("[legal_classes.s38_3]")
    end = next(j for j in range(start + 1, len(lines)) if lines[j].startswith("["))
    with pytest.raises(PolicyError, match=r"missing section \[legal_classes\.s38_3\]"):
        parse_policy("\n".join(lines[:start] + lines[end:]), source="bihar.toml")


def test_policy_error_for_a_bad_severity_lists_the_choices():
    """The severity error says which values are allowed."""
    text, _ = edit("rules.medical_exam", "severity", 'severity = "urgent"')
    with pytest.raises(PolicyError, match="low, medium, high, critical"):
        parse_policy(text, source="bihar.toml")


@pytest.mark.parametrize("key", ["basis_en", "basis_hi"])
def test_policy_error_for_a_missing_basis_names_the_key_and_section_line(key: str):
    """Without its legal basis a rule is refused, pointing at the rule's section."""
    text, _ = edit("rules.cwc_review", key, None)
    with pytest.raises(PolicyError) as err:
        parse_policy(text, source="bihar.toml")
    n = section_line("rules.cwc_review")
    assert str(err.value) == (
        f"bihar.toml, line {n}: rules.cwc_review.{key}: the legal basis text is required"
    )


def test_policy_error_for_toml_syntax_names_the_line():
    """A TOML syntax error is reported with the file and the line."""
    text, n = edit("rules.sir_due", "period_days", "period_days = = 15")
    with pytest.raises(PolicyError) as err:
        parse_policy(text, source="bihar.toml")
    assert str(err.value).startswith("bihar.toml: ")
    assert f"line {n}" in str(err.value)


def test_policy_without_a_rule_section_is_refused_before_a_run():
    """A policy that leaves out a rule's section is refused, naming the section."""
    lines = TEXT.splitlines()
    start = lines.index("[rules.icp]")
    end = next(j for j in range(start + 1, len(lines)) if lines[j].startswith("["))
    policy = parse_policy("\n".join(lines[:start] + lines[end:]), source="bihar.toml")
    with pytest.raises(PolicyError, match=r"\[rules\.icp\]"):
        check_policy(policy)
    with pytest.raises(PolicyError, match=r"\[rules\.icp\]"):
        evaluate(facts(date(2026, 2, 1)), policy)


def test_policy_missing_threshold_is_refused_at_load():
    """A rule without its threshold is refused when the file is loaded, naming the key."""
    text, n = edit("rules.sir_due", "period_days", "period_day = 15")
    with pytest.raises(PolicyError, match=r"rules\.sir_due\.period_days"):
        parse_policy(text, source="bihar.toml")


def test_policy_unknown_setting_and_stage_are_refused_with_their_line():
    """A misspelt extra setting, or an unknown stage name, is named with its line."""
    text, n = edit("rules.sir_due", "escalation_days", "escalation_days = 15\nperiod_dayz = 3")
    with pytest.raises(PolicyError, match=r"rules\.sir_due\.period_dayz: is not a setting"):
        parse_policy(text, source="bihar.toml")
    text, _ = edit("rules.adoption_stage_stuck.stage_days", "inquiry", "inquiri = 60")
    with pytest.raises(PolicyError, match=r"stage_days\.inquiri: is not an adoption stage"):
        parse_policy(text, source="bihar.toml")


def state_policy() -> Policy:
    """A state's own policy: the SIR is due within 30 days instead of 15."""
    text, _ = edit("rules.sir_due", "period_days", "period_days = 30")
    text, _ = edit("policy", "id", 'id = "bihar"', text)
    text, _ = edit("policy", "version", 'version = "2026.2"', text)
    return parse_policy(text, source="bihar.toml")


def test_state_policy_threshold_changes_the_outcome():
    """With a 30-day SIR period the flag falls due 15 days later than by default."""
    state = state_policy()
    over = {"produced_on": date(2026, 1, 8), "sir_completed_on": None}
    assert run("sir_due", facts(date(2026, 1, 24), **over)) is not None
    assert run("sir_due", facts(date(2026, 1, 24), **over), state) is None
    assert run("sir_due", facts(date(2026, 2, 7), **over), state) is None
    hit = run("sir_due", facts(date(2026, 2, 8), **over), state)
    assert hit is not None and hit.due == date(2026, 2, 7)
    assert "07-02-2026" in hit.en and "07-02-2026" in hit.hi
