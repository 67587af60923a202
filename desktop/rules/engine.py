"""Review-flag and adoption-evaluation rules: plain functions over a child's facts.

Each rule takes the child's `Facts` and its `RulePolicy` (thresholds, legal basis) and
returns a `Hit` when the case needs attention, else None. A hit carries the date the
action was due, and an explanation in English and Hindi that names the facts and the
legal basis. The explanation is worded only when asked for (`Hit.texts()`): a run over
a quarter of a million children words only the flags that are new or changed. Texts
name dates, never "N days ago", so a flag's wording does not change from day to day.
Deadlines are "more than N days": on day N nothing is raised, on day N+1 the flag is.
A rule looks at the as-of date only through `f.after(day)` and `f.reached(day)`: the
facts then know for which dates every verdict stays the same, and a daily run reuses
the verdicts of children whose data and window have not changed (`desktop.rules.scan`).
The adoption evaluation, ground by ground, is in `desktop.rules.adoption`; what rules
share (Hit, calendar months, the legal conditions several rules ask) in
`desktop.rules.common`. A rule of another module joins by being listed in RULES.
No database and no Qt here.
"""

from __future__ import annotations

from datetime import timedelta

from desktop.rules import clts as clts_rules
from desktop.rules.adoption import adoption_evaluation
from desktop.rules.common import (
    Hit,
    Rule,
    RuleFn,
    add_months,
    add_working_days,
    class_holds,
    class_since,
    d,
    last_seen,
    restoring,
)
from desktop.rules.dates import add_years
from desktop.rules.facts import Facts
from desktop.rules.policy import Policy, RulePolicy

__all__ = [
    "ADOPTION_PIPELINE_DONE",
    "RULES",
    "RULES_BY_ID",
    "Hit",
    "Rule",
    "RuleFn",
    "add_months",
    "add_working_days",
    "add_years",
    "bind",
    "check_policy",
    "d",
    "evaluate",
]

ADOPTION_PIPELINE_DONE = ("registered_carings", "referred", "adopted")


def production_cwc(f: Facts, p: RulePolicy) -> Hit | None:
    """Not yet produced before the CWC, more than 24 hours after admission."""
    if f.produced_on is not None:
        return None
    due = f.admission_date + p.period("period_days")
    if not f.after(due):
        return None
    return Hit(
        due,
        p,
        lambda: (
            f"Not yet produced before the CWC: admitted on {d(f.admission_date)}, due by {d(due)}",
            f"अभी तक सीडब्ल्यूसी के समक्ष प्रस्तुत नहीं: प्रवेश {d(f.admission_date)} को, {d(due)} तक देय",
        ),
    )


def medical_exam(f: Facts, p: RulePolicy) -> Hit | None:
    """No medical examination recorded, more than 24 hours after admission."""
    if f.medical_on is not None:
        return None
    due = f.admission_date + p.period("period_days")
    if not f.after(due):
        return None
    return Hit(
        due,
        p,
        lambda: (
            f"No medical examination recorded since admission on {d(f.admission_date)}",
            f"प्रवेश ({d(f.admission_date)}) के बाद कोई चिकित्सा परीक्षण दर्ज नहीं",
        ),
    )


def sir_due(f: Facts, p: RulePolicy) -> Hit | None:
    """No Social Investigation Report submitted within 15 days of production."""
    if f.sir_completed_on is not None:
        return None
    due = f.production_base + p.period("period_days")
    if not f.after(due):
        return None
    return Hit(
        due,
        p,
        lambda: (
            f"Social Investigation Report not submitted: it was due on {d(due)}",
            f"सामाजिक जाँच रिपोर्ट जमा नहीं: {d(due)} तक देय थी",
        ),
    )


def cwc_final_order(f: Facts, p: RulePolicy) -> Hit | None:
    """No order ending the CWC's inquiry within 4 months of first production."""
    ends = p.params["ends_inquiry"]
    if (
        (f.final_order_on is not None and "final" in ends)
        or (f.lfa_on is not None and "lfa_declaration" in ends)
        or (f.restoration_first_on is not None and "restoration" in ends)
    ):
        return None
    months = p.months("period_months")
    due = add_months(f.production_base, months)
    if not f.after(due):
        return None
    return Hit(
        due,
        p,
        lambda: (
            f"No order of the CWC ending the inquiry (a final order, restoration or a "
            f"declaration legally free for adoption): the inquiry began on "
            f"{d(f.production_base)} and was due to end within {months} months, by {d(due)}",
            f"सीडब्ल्यूसी का जाँच समाप्त करने वाला आदेश (अंतिम आदेश, पुनर्स्थापन या दत्तक "
            f"ग्रहण हेतु विधिक रूप से मुक्त घोषणा) नहीं: जाँच {d(f.production_base)} को शुरू "
            f"हुई, {months} माह में, {d(due)} तक समाप्त होनी थी",
        ),
    )


def lfa_declaration(f: Facts, p: RulePolicy) -> Hit | None:
    """An orphan having no one to take care, or an abandoned child, not declared legally
    free for adoption in time (not while restoration is in progress)."""
    cls = f.legal_class
    if cls is None or f.lfa_on is not None:
        return None
    law = p.law
    if not law.classes[cls].lfa_deadline or not class_holds(f, law) or restoring(f, law):
        return None
    base = f.production_base
    since = class_since(f, law)  # a relative's death can make an orphan one with no one
    if since > base and f.category_code in law.needs_no_guardian:
        base = since
    # "up to 2 years": produced no later than the 2nd birthday (calendar, not days/365.25)
    young = base <= add_years(f.dob, p.days("young_child_years"))
    months = p.months("young_period_months") if young else p.months("older_period_months")
    due = add_months(base, months)
    if not f.after(due):
        return None
    name = law.classes[cls]
    return Hit(
        due,
        p,
        lambda: (
            f"Not yet declared legally free for adoption: {name.en} child, produced on "
            f"{d(f.production_base)}; the declaration was due within {months} months, by "
            f"{d(due)}",
            f"दत्तक ग्रहण हेतु विधिक रूप से मुक्त घोषित नहीं: {name.hi} बच्चा, प्रस्तुति "
            f"{d(f.production_base)} को; घोषणा {months} माह में, {d(due)} तक देय थी",
        ),
    )


def surrender_reconsideration(f: Facts, p: RulePolicy) -> Hit | None:
    """The two months to reconsider a surrender have ended: bring the case to the CWC."""
    if f.legal_class != "surrendered" or f.surrender_on is None or f.lfa_on is not None:
        return None
    if restoring(f, p.law):  # the parents took the child back
        return None
    months = p.months("period_months")
    due = add_months(f.surrender_on, months)
    if not f.after(due):
        return None
    return Hit(
        due,
        p,
        lambda: (
            f"Surrendered on {d(f.surrender_on)}: the {months} months to reconsider ended on "
            f"{d(due)}; bring the case before the CWC for the declaration",
            f"{d(f.surrender_on)} को अभ्यर्पित: पुनर्विचार के {months} माह {d(due)} को समाप्त; "
            "घोषणा हेतु मामला सीडब्ल्यूसी के समक्ष लाएँ",
        ),
    )


def carings_registration(f: Facts, p: RulePolicy) -> Hit | None:
    """Declared legally free for adoption but not registered on CARINGS in time."""
    if f.lfa_on is None or f.stage in ADOPTION_PIPELINE_DONE:
        return None
    due = add_working_days(f.lfa_on, p.days("working_days"))
    if not f.after(due):
        return None
    return Hit(
        due,
        p,
        lambda: (
            f"Declared legally free for adoption on {d(f.lfa_on)} but not registered on CARINGS; "
            f"registration was due by {d(due)}",
            f"{d(f.lfa_on)} को विधिक रूप से मुक्त घोषित पर केयरिंग्स पर पंजीकृत नहीं; "
            f"पंजीकरण {d(due)} तक देय था",
        ),
    )


def missing_documents(f: Facts, p: RulePolicy) -> Hit | None:
    """Documents required for the category still missing after the grace period."""
    if not f.missing_docs:
        return None
    start = max(f.admission_date, f.category_set_on or f.admission_date)
    due = start + p.period("period_days")
    if not f.after(due):
        return None
    n = f.missing_docs
    return Hit(
        due,
        p,
        lambda: (
            f"{n} document(s) required for the child's category still missing since {d(start)} "
            "(see the documents checklist)",
            f"बच्चे की श्रेणी के लिए आवश्यक {n} दस्तावेज़ {d(start)} से अब भी नहीं मिले (दस्तावेज़ सूची देखें)",
        ),
    )


def icp(f: Facts, p: RulePolicy) -> Hit | None:
    """No Individual Care Plan after the set period, or its review is overdue."""
    if f.icp_prepared_on is None:
        due = f.admission_date + p.period("prepare_within_days")
        if not f.after(due):
            return None
        return Hit(
            due,
            p,
            lambda: (
                f"No Individual Care Plan: admitted on {d(f.admission_date)}, the plan was due by "
                f"{d(due)}",
                f"व्यक्तिगत देखभाल योजना नहीं: प्रवेश {d(f.admission_date)} को, योजना {d(due)} तक देय थी",
            ),
        )
    if f.icp_review_due is not None and f.after(f.icp_review_due):
        return Hit(
            f.icp_review_due,
            p,
            lambda: (
                f"The Individual Care Plan of {d(f.icp_prepared_on)} was due for review on "
                f"{d(f.icp_review_due)}",
                f"{d(f.icp_prepared_on)} की व्यक्तिगत देखभाल योजना की समीक्षा {d(f.icp_review_due)} "
                "को देय थी",
            ),
        )
    return None


def cwc_review(f: Facts, p: RulePolicy) -> Hit | None:
    """The CWC review date has passed, or no order for longer than the review period."""
    if f.next_review_on is not None and (
        f.last_order_on is None or f.next_review_on >= f.last_order_on
    ):
        due = f.next_review_on
    else:
        due = (f.last_order_on or f.admission_date) + p.period("period_days")
    if not f.after(due):
        return None

    def words() -> tuple[str, str]:
        last = d(f.last_order_on) if f.last_order_on else "none"
        return (
            f"CWC review overdue since {d(due)} (last CWC order: {last})",
            f"सीडब्ल्यूसी समीक्षा {d(due)} से लंबित (अंतिम सीडब्ल्यूसी आदेश: {last})",
        )

    return Hit(due, p, words)


def no_visit_followup(f: Facts, p: RulePolicy) -> Hit | None:
    """No listed parent or guardian has visited for more than 6 months, and the social
    worker has not followed up with the family since: follow up."""
    if f.guardians_living == 0:
        return None
    months = p.months("period_months")
    seen = last_seen(f, p.params["calls_count"])
    followup = f.last_followup
    base = seen or f.admission_date
    if followup is not None and followup > base:
        base = followup
    due = add_months(base, months)
    if not f.after(due):
        return None

    def words() -> tuple[str, str]:
        if seen:
            since, since_hi = f"last visit on {d(seen)}", f"अंतिम मुलाक़ात {d(seen)} को"
        else:
            since = f"no visit since admission on {d(f.admission_date)}"
            since_hi = f"प्रवेश ({d(f.admission_date)}) के बाद कोई मुलाक़ात नहीं"
        if followup is not None:
            since += f"; last follow-up by the social worker on {d(followup)}"
            since_hi += f"; सामाजिक कार्यकर्ता का अंतिम अनुवर्तन {d(followup)} को"
        return (
            f"No parent or guardian has visited for more than {months} months ({since}). "
            "The social worker should contact the family",
            f"{months} माह से अधिक समय से कोई माता-पिता या अभिभावक मिलने नहीं आया ({since_hi})। "
            "सामाजिक कार्यकर्ता परिवार से संपर्क करें",
        )

    return Hit(due, p, words)


def after_care(f: Facts, p: RulePolicy) -> Hit | None:
    """The child turns 18 within the warning period: an after-care plan is needed."""
    adult = p.days("adult_years")
    birthday = add_years(f.dob, adult)
    warn = birthday - p.period("warning_days")
    if not f.after(warn):
        return None
    return Hit(
        birthday,
        p,
        lambda: (
            f"Turns {adult} on {d(birthday)}: prepare the after-care plan",
            f"{d(birthday)} को {adult} वर्ष का/की होगा/होगी: पश्चात्‌वर्ती देखरेख योजना बनाएँ",
        ),
    )


def adoption_stage_stuck(f: Facts, p: RulePolicy) -> Hit | None:
    """The child has been in one adoption stage longer than that stage's limit."""
    limits: dict[str, int] = p.params["stage_days"]
    if f.stage is None or f.stage_on is None or f.stage not in limits:
        return None
    due = f.stage_on + timedelta(days=limits[f.stage])
    if not f.after(due):
        return None
    stage, limit = f.stage.replace("_", " "), limits[f.stage]
    return Hit(
        due,
        p,
        lambda: (
            f"In the adoption stage '{stage}' since {d(f.stage_on)}; the limit of "
            f"{limit} days ended on {d(due)}",
            f"दत्तक ग्रहण चरण '{stage}' में {d(f.stage_on)} से; {limit} दिन की सीमा {d(due)} को समाप्त",
        ),
    )


def no_category(f: Facts, p: RulePolicy) -> Hit | None:
    """No guardian-status category recorded after the set period."""
    if f.category_code is not None:
        return None
    due = f.admission_date + p.period("period_days")
    if not f.after(due):
        return None
    return Hit(
        due,
        p,
        lambda: (
            f"No guardian-status category recorded since admission on {d(f.admission_date)}",
            f"प्रवेश ({d(f.admission_date)}) के बाद कोई अभिभावक-स्थिति श्रेणी दर्ज नहीं",
        ),
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "production_cwc",
        production_cwc,
        ("admission_date", "produced_on"),
        "Production before the CWC",
        "सीडब्ल्यूसी के समक्ष प्रस्तुति",
    ),
    Rule(
        "medical_exam",
        medical_exam,
        ("admission_date", "medical_on"),
        "Medical examination",
        "चिकित्सा परीक्षण",
    ),
    Rule(
        "sir_due",
        sir_due,
        ("produced_on", "admission_date", "sir_completed_on"),
        "Social Investigation Report",
        "सामाजिक जाँच रिपोर्ट",
    ),
    Rule(
        "cwc_final_order",
        cwc_final_order,
        ("produced_on", "admission_date", "final_order_on", "lfa_on", "restoration_first_on"),
        "Final order of the CWC",
        "सीडब्ल्यूसी का अंतिम आदेश",
    ),
    Rule(
        "lfa_declaration",
        lfa_declaration,
        (
            "category_code",
            "legal_class",
            "guardians_living",
            "guardian_died_on",
            "produced_on",
            "admission_date",
            "dob",
            "lfa_on",
            "restoration_order_on",
        ),
        "Declaration legally free for adoption",
        "विधिक रूप से मुक्त घोषणा",
    ),
    Rule(
        "surrender_reconsideration",
        surrender_reconsideration,
        ("legal_class", "surrender_on", "lfa_on", "restoration_order_on"),
        "End of surrender reconsideration",
        "अभ्यर्पण पुनर्विचार की समाप्ति",
    ),
    Rule(
        "carings_registration",
        carings_registration,
        ("lfa_on", "stage"),
        "Registration on CARINGS",
        "केयरिंग्स पर पंजीकरण",
    ),
    Rule(
        "missing_documents",
        missing_documents,
        ("missing_docs", "admission_date", "category_set_on"),
        "Missing documents",
        "अनुपलब्ध दस्तावेज़",
    ),
    Rule(
        "icp",
        icp,
        ("admission_date", "icp_prepared_on", "icp_review_due"),
        "Individual Care Plan",
        "व्यक्तिगत देखभाल योजना",
    ),
    Rule(
        "cwc_review",
        cwc_review,
        ("last_order_on", "next_review_on", "admission_date"),
        "CWC review",
        "सीडब्ल्यूसी समीक्षा",
    ),
    Rule(
        "no_visit_followup",
        no_visit_followup,
        ("guardians_living", "last_visit", "last_call", "last_followup", "days_since_visit"),
        "Guardian not visiting: follow up",
        "अभिभावक मिलने नहीं आ रहे: संपर्क करें",
    ),
    Rule(
        "adoption_evaluation",
        adoption_evaluation,
        (
            "category_code",
            "legal_class",
            "category_set_on",
            "surrender_on",
            "guardians_living",
            "guardian_died_on",
            "last_visit",
            "last_call",
            "days_since_visit",
            "restoration_order_on",
            "lfa_on",
            "stage",
            "age_years",
        ),
        "Recommended for adoption evaluation",
        "दत्तक ग्रहण मूल्यांकन हेतु अनुशंसा",
    ),
    Rule(
        "after_care",
        after_care,
        ("dob", "age_years"),
        "After-care plan at 18",
        "18 वर्ष पर पश्चात्‌वर्ती देखरेख",
    ),
    Rule(
        "adoption_stage_stuck",
        adoption_stage_stuck,
        ("stage", "stage_on", "days_in_stage"),
        "Adoption stage past its limit",
        "दत्तक ग्रहण चरण समय-सीमा से अधिक",
    ),
    Rule(
        "no_category",
        no_category,
        ("category_code", "admission_date"),
        "No category",
        "कोई श्रेणी नहीं",
    ),
)


def _clts_rule(spec: clts_rules.Spec) -> Rule:
    """A child-labour rule in the engine's terms: its finding becomes a Hit."""

    def fn(f: Facts, p: RulePolicy) -> Hit | None:
        found = spec.fn(f, p)
        return None if found is None else Hit(found[0], p, found[1])

    fn.__name__ = fn.__qualname__ = spec.fn.__name__
    fn.__module__ = spec.fn.__module__  # its module is hashed into the verdict key
    return Rule(spec.id, fn, spec.uses, spec.en, spec.hi, scope="clts")


# The child-labour rules come after the others: a child rule's number in RULES is also
# its number in `bind(policy)`, the list the bulk scan runs.
RULES = RULES + tuple(_clts_rule(s) for s in clts_rules.SPECS)
RULES_BY_ID = {r.id: r for r in RULES}


def check_policy(policy: Policy) -> None:
    """Every rule must be configured in the policy (raises PolicyError naming the first)."""
    for r in RULES:
        policy.rule(r.id)


def bind(policy: Policy, scope: str = "child") -> list[tuple[Rule, RuleFn, RulePolicy]]:
    """Each rule of a scope with its function and parameters, looked up once for a run."""
    check_policy(policy)
    return [(r, r.fn, policy.rules[r.id]) for r in RULES if r.scope == scope]


def evaluate(
    facts: Facts, policy: Policy, bound: list[tuple[Rule, RuleFn, RulePolicy]] | None = None
) -> list[tuple[Rule, Hit]]:
    """Every rule that fires for this child, with its finding."""
    out = []
    for r, fn, params in bound or bind(policy):
        hit = fn(facts, params)
        if hit is not None:
            out.append((r, hit))
    return out
