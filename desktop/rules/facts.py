"""The facts about one child that the rules read (computed in bulk by the services)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop.rules.dates import completed_years

_DAY = timedelta(days=1)


@dataclass(slots=True)
class Facts:
    """What is known about one child's case on the as-of date. No database, no Qt."""

    child_id: int
    code: str
    as_of: date
    status: str
    dob: date
    admission_date: date
    category_code: int | None = None
    legal_class: str | None = None
    category_set_on: date | None = None
    produced_on: date | None = None
    medical_on: date | None = None
    guardians_living: int = 0  # parents/guardians alive (or not known dead) on the as-of date
    last_visit: date | None = None  # a listed parent's or guardian's visit in person
    sir_completed_on: date | None = None
    icp_prepared_on: date | None = None
    icp_review_due: date | None = None
    last_order_on: date | None = None
    next_review_on: date | None = None
    final_order_on: date | None = None
    lfa_on: date | None = None
    restoration_order_on: date | None = None
    surrender_on: date | None = None
    stage: str | None = None
    stage_on: date | None = None
    missing_docs: int = 0  # checklist items of the category still "required"
    last_call: date | None = None  # a listed parent's or guardian's phone or video call
    last_followup: date | None = None  # the social worker's follow-up with the family
    guardian_died_on: date | None = None  # the latest recorded death of a parent/guardian
    restoration_first_on: date | None = None  # the first restoration order
    # How far the as-of date may move with every rule's verdict unchanged: rules compare
    # it only through `after` and `reached`, which narrow this window (lo < as_of <= hi).
    lo: date = date.min
    hi: date = date.max

    def after(self, day: date) -> bool:
        """Is the as-of date later than `day`? The only way a rule may look at the date."""
        if self.as_of > day:
            if day > self.lo:
                self.lo = day
            return True
        if day < self.hi:
            self.hi = day
        return False

    def reached(self, day: date) -> bool:
        """Is the as-of date `day` or later?"""
        return self.after(day - _DAY)

    @property
    def age_years(self) -> int:
        """Age on the as-of date in whole years completed (as the window and paper show it)."""
        return completed_years(self.dob, self.as_of)

    @property
    def stay_days(self) -> int:
        """Days since admission."""
        return (self.as_of - self.admission_date).days

    @property
    def days_since_visit(self) -> int:
        """Days since the last visit in person of a listed parent or guardian (since
        admission if there was none)."""
        return (self.as_of - (self.last_visit or self.admission_date)).days

    @property
    def production_base(self) -> date:
        """The date the CWC clock runs from: first production, else admission."""
        return self.produced_on or self.admission_date

    @property
    def days_in_stage(self) -> int | None:
        """Days in the current adoption stage, if any."""
        return None if self.stage_on is None else (self.as_of - self.stage_on).days

    def as_dict(self) -> dict[str, object]:
        """The facts, with the derived ones, as JSON-ready values."""
        out: dict[str, object] = {}
        for name in self.__slots__:
            if name in ("lo", "hi"):
                continue
            v = getattr(self, name)
            out[name] = v.isoformat() if isinstance(v, date) else v
        out["age_years"] = self.age_years
        out["stay_days"] = self.stay_days
        out["days_since_visit"] = self.days_since_visit
        out["days_in_stage"] = self.days_in_stage
        return out
