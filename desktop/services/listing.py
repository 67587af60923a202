"""Pages of the children list, for the main window and anything else that scrolls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVarTuple

from sqlalchemy import Select, column, func, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from desktop.models import Child
from desktop.rules.policy import Policy, PolicyError, load_policy
from desktop.services.search import fts_query

Row = TypeVarTuple("Row")


@dataclass(frozen=True)
class ChildRow:
    """One line of the children list (plain values, safe to hand to any thread)."""

    id: int
    code: str
    name: str
    name_local: str | None
    gender: str
    dob: date
    dob_estimated: bool
    admission_date: date
    status: str
    category_code: int | None
    category: str | None

    def age_on(self, day: date) -> int:
        """Completed years of age on `day`."""
        years = day.year - self.dob.year
        if (day.month, day.day) < (self.dob.month, self.dob.day):
            years -= 1
        return max(years, 0)


def _filtered(stmt: Select[*Row], text: str | None) -> Select[*Row]:
    q = fts_query(text or "")  # the same matching as `clms search`: both scripts, codes
    if q is None:
        return stmt  # nothing searchable typed (blank, or only punctuation): no filter
    matches = (
        sql_text("SELECT rowid FROM child_search WHERE child_search MATCH :q")
        .bindparams(q=q)
        .columns(column("rowid"))
    )
    return stmt.where(Child.id.in_(matches))


def _category(policy: Policy, code: int | None) -> str | None:
    if code is None:
        return None
    try:
        return policy.category(code).label()
    except PolicyError:
        return f"category {code}"  # a code the current policy file no longer has: still show it


def list_children(
    session: Session,
    *,
    offset: int,
    limit: int,
    text: str | None = None,
    policy: Policy | None = None,
) -> list[ChildRow]:
    """Children ordered by code, `limit` rows from `offset`.

    `text` keeps the children whose code, names or guardians' names have a word
    starting with each of its words.
    """
    policy = policy or load_policy()
    stmt = select(
        Child.id,
        Child.code,
        Child.first_name,
        Child.last_name,
        Child.name_local,
        Child.gender,
        Child.dob,
        Child.dob_estimated,
        Child.admission_date,
        Child.status,
        Child.category_code,
    )
    stmt = _filtered(stmt, text).order_by(Child.code, Child.id).offset(offset).limit(limit)
    return [
        ChildRow(
            id=r.id,
            code=r.code,
            name=" ".join(p for p in (r.first_name, r.last_name) if p),
            name_local=r.name_local,
            gender=r.gender,
            dob=r.dob,
            dob_estimated=r.dob_estimated,
            admission_date=r.admission_date,
            status=r.status,
            category_code=r.category_code,
            category=_category(policy, r.category_code),
        )
        for r in session.execute(stmt)
    ]


def count_listed(session: Session, *, text: str | None = None) -> int:
    """How many children `list_children` gives for this `text`, over all pages."""
    stmt = _filtered(select(func.count()).select_from(Child), text)
    return int(session.execute(stmt).scalar_one())
