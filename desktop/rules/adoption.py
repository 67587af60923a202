"""Adoption evaluation: each ground on its own law, and what excludes them all.

The grounds (CARA and the Supreme Court list them apart) are: the legal class of the
child's category when the policy counts it as a ground by itself (orphan, abandoned,
unfit guardian, s.38(3)); surrendered, once the two months to reconsider are over
(s.35(3)); and no visitation: no listed parent or guardian has visited for the policy's
period. A recent visit matters for the no-visitation ground only: a CWC finding that a
visiting parent is unfit is not undone by the visits. Every ground is excluded while the
child is in the adoption process, once declared legally free, while restoration to the
family is in progress, and from the 18th birthday.

`adoption_evaluation` is the rule (it reads the date only through `f.after` and
`f.reached`); `review` gives every ground's verdict with its facts, for `--explain`.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from datetime import date

from desktop.rules.common import (
    NOT_VERIFIED,
    Hit,
    add_months,
    class_holds,
    class_since,
    d,
    last_seen,
    restoring,
)
from desktop.rules.dates import add_years
from desktop.rules.facts import Facts
from desktop.rules.policy import RulePolicy

CLASS_GROUNDS = ("orphan", "abandoned", "unfit_guardian", "s38_3")
GROUNDS = ("orphan", "abandoned", "surrendered", "unfit_guardian", "s38_3", "no_visitation")


def class_ground(f: Facts, p: RulePolicy) -> date | None:
    """From when the category's legal class is a ground by itself (None: it is not)."""
    cls = f.legal_class
    if cls is None or cls == "surrendered":
        return None
    law = p.law
    if not law.classes[cls].adoption_ground or not class_holds(f, law):
        return None
    return class_since(f, law)


def surrender_ground(f: Facts, p: RulePolicy) -> date | None:
    """From when a surrendered child's parents' time to reconsider is over (None: not yet)."""
    if f.legal_class != "surrendered" or f.surrender_on is None:
        return None
    law = p.law
    if not law.classes["surrendered"].adoption_ground or not class_holds(f, law):
        return None
    end = add_months(f.surrender_on, p.months("surrender_wait_months"))
    return end if f.after(end) else None


def no_visit_end(f: Facts, p: RulePolicy) -> date:
    """The day the no-visitation period ends, counted from the last counted visit."""
    base = last_seen(f, p.params["calls_count"]) or f.admission_date
    return add_months(base, p.months("no_visit_months"))


def no_visit_ground(f: Facts, p: RulePolicy) -> date | None:
    """From when no listed parent or guardian has visited for the policy's period."""
    if f.guardians_living == 0:
        return None
    end = no_visit_end(f, p)
    return end if f.after(end) else None


def exclusion(f: Facts, p: RulePolicy) -> str | None:
    """What keeps every ground from counting, if anything (its id)."""
    if f.stage is not None and f.stage != "withdrawn":
        return "in_process"
    if f.lfa_on is not None:
        return "declared"
    if restoring(f, p.law):
        return "restoration"
    if f.reached(add_years(f.dob, p.days("adult_years"))):  # on the birthday: an adult
        return "adult"
    return None


def adoption_evaluation(f: Facts, p: RulePolicy) -> Hit | None:
    """Recommend the child for adoption evaluation: any ground met and no exclusion."""
    if exclusion(f, p) is not None:
        return None
    first = surrender_ground(f, p) if f.legal_class == "surrendered" else class_ground(f, p)
    no_visit = no_visit_ground(f, p)
    if no_visit is not None and (first is None or no_visit < first):
        first = no_visit
    if first is None:
        return None

    def words() -> tuple[str, str]:
        met = [g for g in review(copy(f), p).grounds if g.status == "met"]
        return (
            "Recommended for adoption evaluation: "
            + "; ".join(g.line("en") for g in met)
            + ". The superintendent should review the case and present it to the CWC",
            "दत्तक ग्रहण मूल्यांकन हेतु अनुशंसित: "
            + "; ".join(g.line("hi") for g in met)
            + "। अधीक्षक मामले की समीक्षा कर सीडब्ल्यूसी के समक्ष रखें",
        )

    return Hit(first + p.period("review_days"), p, words)


# ---- Every ground's verdict, for --explain and the flag's wording ---------------------


@dataclass(frozen=True)
class Ground:
    """One ground's verdict on one child: met, not met, or excluded (by what), and why."""

    id: str
    en: str
    hi: str
    status: str  # "met", "not_met" or "excluded"
    why_en: str
    why_hi: str
    basis_en: str
    basis_hi: str
    verified: bool
    facts: dict[str, object]
    since: date | None = None  # from when it is met (were it not excluded)
    excluded_en: str = ""  # what excludes it (status "excluded")
    excluded_hi: str = ""

    def line(self, lang: str) -> str:
        """ "name: why (basis)" in one language, saying when the basis is not verified."""
        name, why, basis = (
            (self.hi, self.why_hi, self.basis_hi)
            if lang == "hi"
            else (self.en, self.why_en, self.basis_en)
        )
        mark = "" if self.verified else f"; {NOT_VERIFIED[lang == 'hi']}"
        return f"{name}: {why} ({basis}{mark})"


@dataclass(frozen=True)
class Exclusion:
    """Something that keeps every ground from counting, in words."""

    id: str
    en: str
    hi: str


@dataclass(frozen=True)
class Review:
    """The adoption evaluation of one child: the exclusions that apply and every ground."""

    exclusions: list[Exclusion]
    grounds: list[Ground]


def _exclusions(f: Facts, p: RulePolicy) -> list[Exclusion]:
    law, out = p.law, []
    if f.stage is not None and f.stage != "withdrawn":
        stage = f.stage.replace("_", " ")
        out.append(
            Exclusion(
                "in_process",
                f"already in the adoption process (stage '{stage}' since {d(f.stage_on)})",
                f"पहले से दत्तक ग्रहण प्रक्रिया में (चरण '{stage}', {d(f.stage_on)} से)",
            )
        )
    if f.lfa_on is not None:
        out.append(
            Exclusion(
                "declared",
                f"already declared legally free for adoption on {d(f.lfa_on)}",
                f"{d(f.lfa_on)} को दत्तक ग्रहण हेतु विधिक रूप से मुक्त घोषित हो चुका",
            )
        )
    if restoring(f, law):
        r = law.restoration
        mark = "" if r.verified else f"; {NOT_VERIFIED[0]}"
        mark_hi = "" if r.verified else f"; {NOT_VERIFIED[1]}"
        if f.category_code in r.categories:
            what = f"category {f.category_code} since {d(f.category_set_on)}"
            what_hi = f"श्रेणी {f.category_code}, {d(f.category_set_on)} से"
        else:
            what = f"restoration order of {d(f.restoration_order_on)}"
            what_hi = f"{d(f.restoration_order_on)} का पुनर्स्थापन आदेश"
        out.append(
            Exclusion(
                "restoration",
                f"restoration to the family in progress ({what}; {r.basis_en}{mark})",
                f"परिवार में पुनर्स्थापन जारी ({what_hi}; {r.basis_hi}{mark_hi})",
            )
        )
    adult = p.days("adult_years")
    birthday = add_years(f.dob, adult)
    if f.reached(birthday):
        out.append(
            Exclusion(
                "adult",
                f"turned {adult} on {d(birthday)}",
                f"{d(birthday)} को {adult} वर्ष का/की हुआ/हुई",
            )
        )
    return out


def _category(f: Facts, p: RulePolicy) -> tuple[str, str]:
    if f.category_code is None:
        return "no category recorded", "कोई श्रेणी दर्ज नहीं"
    cat = p.law.categories.get(f.category_code)
    if cat is None:
        return f"category {f.category_code}", f"श्रेणी {f.category_code}"
    return f"category {cat.code} ({cat.en})", f"श्रेणी {cat.code} ({cat.hi})"


def _class_verdict(f: Facts, p: RulePolicy, name: str) -> tuple[date | None, str, str]:
    law = p.law
    cat_en, cat_hi = _category(f, p)
    if f.legal_class != name:
        return None, f"{cat_en} is not of this class", f"{cat_hi} इस वर्ग की नहीं"
    if not law.classes[name].adoption_ground:
        return None, "the policy does not count this class", "नीति इस वर्ग को आधार नहीं मानती"
    if not class_holds(f, law):
        n = f.guardians_living
        return (
            None,
            f"{cat_en} counts only while no living parent or guardian is recorded; "
            f"{n} recorded (their visits decide: see no visitation)",
            f"{cat_hi} तभी मान्य जब कोई जीवित माता-पिता या अभिभावक दर्ज न हो; {n} दर्ज "
            "(उनकी मुलाक़ातें निर्णायक: 'मुलाक़ात नहीं' देखें)",
        )
    if name == "surrendered":
        if f.surrender_on is None:
            return None, "no date of surrender recorded", "अभ्यर्पण की तिथि दर्ज नहीं"
        months = p.months("surrender_wait_months")
        end = add_months(f.surrender_on, months)
        if not f.after(end):
            return (
                None,
                f"surrendered on {d(f.surrender_on)}; the {months} months to reconsider run "
                f"until {d(end)}",
                f"{d(f.surrender_on)} को अभ्यर्पित; पुनर्विचार के {months} माह {d(end)} तक",
            )
        return (
            end,
            f"surrendered on {d(f.surrender_on)}; the {months} months to reconsider ended on "
            f"{d(end)}",
            f"{d(f.surrender_on)} को अभ्यर्पित; पुनर्विचार के {months} माह {d(end)} को समाप्त",
        )
    since = class_since(f, law)
    if f.category_code in law.needs_no_guardian and f.guardian_died_on == since:
        return (
            since,
            f"{cat_en}, no living parent or guardian since {d(since)}",
            f"{cat_hi}, {d(since)} से कोई जीवित माता-पिता या अभिभावक नहीं",
        )
    return since, f"{cat_en} since {d(since)}", f"{cat_hi}, {d(since)} से"


def _no_visit_verdict(f: Facts, p: RulePolicy) -> tuple[date | None, str, str]:
    months = p.months("no_visit_months")
    calls = p.params["calls_count"]
    if f.guardians_living == 0:
        return (
            None,
            "no living parent or guardian is recorded",
            "कोई जीवित माता-पिता या अभिभावक दर्ज नहीं",
        )
    seen = last_seen(f, calls)
    end = no_visit_end(f, p)
    if seen is None:
        since = f"no parent or guardian has visited since admission on {d(f.admission_date)}"
        since_hi = f"प्रवेश ({d(f.admission_date)}) के बाद कोई माता-पिता या अभिभावक मिलने नहीं आया"
    else:
        since = f"a parent or guardian last visited on {d(seen)}"
        since_hi = f"माता-पिता या अभिभावक अंतिम बार {d(seen)} को मिलने आए"
    if not calls and f.last_call is not None and (seen is None or f.last_call > seen):
        since += f" (a call on {d(f.last_call)} does not count)"
        since_hi += f" ({d(f.last_call)} की कॉल नहीं गिनी जाती)"
    if not f.after(end):
        return (
            None,
            f"{since}; the {months} months run until {d(end)}",
            f"{since_hi}; {months} माह {d(end)} तक",
        )
    return (
        end,
        f"{since}: more than {months} months (since {d(end)})",
        f"{since_hi}: {months} माह से अधिक ({d(end)} से)",
    )


_FACTS = {
    "class": ("category_code", "legal_class", "category_set_on", "guardians_living"),
    "surrendered": ("category_code", "legal_class", "surrender_on"),
    "no_visitation": ("guardians_living", "last_visit", "last_call", "admission_date"),
}


def review(f: Facts, p: RulePolicy) -> Review:
    """Every ground's verdict (met, not met, or excluded by what) with the facts it used."""
    law = p.law
    exclusions = _exclusions(f, p)
    excluded_en = "; ".join(x.en for x in exclusions)
    excluded_hi = "; ".join(x.hi for x in exclusions)
    values = f.as_dict()
    grounds = []
    for gid in GROUNDS:
        if gid == "no_visitation":
            since, why, why_hi = _no_visit_verdict(f, p)
            en, hi = p.params["no_visit_en"], p.params["no_visit_hi"]
            basis = (p.params["no_visit_basis_en"], p.params["no_visit_basis_hi"])
            verified = bool(p.params["no_visit_verified"])
            used = _FACTS["no_visitation"]
        else:
            since, why, why_hi = _class_verdict(f, p, gid)
            cls = law.classes[gid]
            en, hi, basis, verified = cls.en, cls.hi, (cls.basis_en, cls.basis_hi), cls.verified
            used = _FACTS["surrendered" if gid == "surrendered" else "class"]
            if gid == "orphan" and f.category_code in law.needs_no_guardian:
                used = (*used, "guardian_died_on")
        status = "not_met" if since is None else ("excluded" if exclusions else "met")
        grounds.append(
            Ground(
                gid,
                en,
                hi,
                status,
                why,
                why_hi,
                basis[0],
                basis[1],
                verified,
                {k: values.get(k) for k in used},
                since,
                excluded_en if status == "excluded" else "",
                excluded_hi if status == "excluded" else "",
            )
        )
    return Review(exclusions, grounds)
