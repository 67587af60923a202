"""What every rules module shares: a rule's finding, calendar arithmetic, and the legal
conditions several rules ask about (does the category's class hold, is restoration in
progress, when did a parent or guardian last visit).

Rules in other modules (`adoption.py`, and later CLTS's) build on this; stored verdicts
depend on its code as on the rules' own (`desktop.rules.scan.verdict_key`). No database,
no Qt.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from desktop.rules.dates import show_date
from desktop.rules.facts import Facts
from desktop.rules.policy import Law, RulePolicy

NOT_VERIFIED = ("basis not verified", "आधार सत्यापित नहीं")


class Hit(NamedTuple):
    """A rule's finding: when action was due, and (worded on demand) why.

    A tuple, made cheaply: a run over 250,000 children makes close to a million.
    """

    due: date
    policy: RulePolicy
    words: Callable[[], tuple[str, str]]

    def texts(self) -> tuple[str, str]:
        """The explanation in English and Hindi, naming the facts and the legal basis
        (and saying so when the policy marks the basis as not verified)."""
        en, hi = self.words()
        p = self.policy
        if p.verified:
            return f"{en} ({p.basis_en}).", f"{hi} ({p.basis_hi})।"
        return (
            f"{en} ({p.basis_en}; {NOT_VERIFIED[0]}).",
            f"{hi} ({p.basis_hi}; {NOT_VERIFIED[1]})।",
        )

    @property
    def en(self) -> str:
        """The explanation in English."""
        return self.texts()[0]

    @property
    def hi(self) -> str:
        """The explanation in Hindi."""
        return self.texts()[1]


RuleFn = Callable[[Facts, RulePolicy], Hit | None]


@dataclass(frozen=True)
class Rule:
    """A rule: its id, its function, and the facts it reads (shown by --explain)."""

    id: str
    fn: RuleFn
    uses: tuple[str, ...]
    en: str
    hi: str
    scope: str = "child"  # "clts": over a child's rescue case (desktop.rules.clts)


def d(x: date | None) -> str:
    """A date as people in India write it, DD-MM-YYYY ("-" when unknown)."""
    return show_date(x)


_MONTHS: dict[tuple[date, int], date] = {}


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` calendar months later, or the month's last day
    when it has no such day (31 January + 1 month = 28 or 29 February). The Act's "two
    months" and "four months" are calendar months (General Clauses Act 1897, s.3(35))."""
    key = (day, months)
    later = _MONTHS.get(key)
    if later is None:
        m = day.month - 1 + months
        year, month = day.year + m // 12, m % 12 + 1
        later = date(year, month, min(day.day, monthrange(year, month)[1]))
        if len(_MONTHS) < 200_000:
            _MONTHS[key] = later
    return later


def add_working_days(start: date, n: int) -> date:
    """`n` working days (Monday to Friday) after `start`."""
    day = start
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def class_holds(f: Facts, law: Law) -> bool:
    """Does the legal class of the child's category hold on the as-of date? A category
    marked "without_living_guardian" (an orphan whose relative is known) holds only while
    no living parent or guardian is recorded."""
    return f.category_code not in law.needs_no_guardian or f.guardians_living == 0


def class_since(f: Facts, law: Law) -> date:
    """From when the class holds: the category's date, or the latest guardian's death for a
    category that holds only without a living guardian."""
    since = f.category_set_on or f.admission_date
    died = f.guardian_died_on
    if died is not None and died > since and f.category_code in law.needs_no_guardian:
        return died
    return since


def restoring(f: Facts, law: Law) -> bool:
    """Is restoration to the family in progress on the as-of date? The category is one of
    the policy's restoration categories, or a restoration order is on record and no change
    of category came after it."""
    r = law.restoration
    if f.category_code in r.categories:
        return True
    order = f.restoration_order_on
    return (
        order is not None
        and "restoration" in r.order_types
        and order >= (f.category_set_on or f.admission_date)
    )


def last_seen(f: Facts, calls_count: bool) -> date | None:
    """The last visit of a listed parent or guardian (or their call, if calls count)."""
    seen = f.last_visit
    if calls_count and f.last_call is not None and (seen is None or f.last_call > seen):
        return f.last_call
    return seen
