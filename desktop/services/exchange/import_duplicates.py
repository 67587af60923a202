"""Imports check duplicates (issue 20, item 5): each row against the home's children and
the file's earlier rows, by the registration check (`find.duplicates`: names in both
scripts through the phonetic key, date of birth, gender, guardians, Aadhaar), not only by
a repeated Aadhaar.

Each row is checked just before it is written, inside the import's savepoint, so a row
the file already gave is found like any child, and told apart as "row N". What happens to
a row that is likely the same child (score at least `min_score`) is the import's policy,
or the row's own choice:
- `add`: imported as a child of its own (the report lists it, to check);
- `skip`: not imported;
- `link`: imported, then merged into the child it matches (`cases.merge`: the row's
  guardians, visits... kept on that child; the row's record a tombstone pointing to it).
The policy `off` leaves the check out (every row added, none listed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from desktop.models import Child
from desktop.models.enums import ChildStatus, Gender
from desktop.services.cases.children import ChildInput
from desktop.services.find.duplicates import Candidate, Probe, find_duplicates

ACTIONS = ("add", "skip", "link")
POLICIES = (*ACTIONS, "off")  # off: no check at all (a register known to be clean)
MIN_SCORE = 75.0  # below this a match is not listed: the registration check's "maybe"
SHOWN = 3  # matches listed per row


@dataclass(frozen=True)
class Match:
    """A child the row may be: an existing child of the home, or an earlier row."""

    child_id: int
    code: str
    name: str
    score: float
    reasons: list[str]
    row: int | None = None  # the earlier row of the same file that registered this child

    def __str__(self) -> str:
        who = f"row {self.row} ({self.name})" if self.row else f"{self.code} {self.name}"
        why = "; ".join(self.reasons)
        return f"{who}: {self.score:.0f}%" + (f" ({why})" if why else "")


@dataclass
class DuplicateRow:
    """One row that is likely the same child as someone: the matches and what was done."""

    row: int
    name: str
    matches: list[Match]
    action: str  # add, skip, link
    linked_to: str | None = None  # the code of the child a linked row was merged into

    def line(self, dry_run: bool) -> str:
        """The report's line for this row."""
        did = {
            "add": "would be added as a new child" if dry_run else "added as a new child",
            "skip": "would be skipped" if dry_run else "skipped",
            "link": (
                f"would be linked to {self.linked_to or self.matches[0].code}"
                if dry_run
                else f"linked to {self.linked_to or self.matches[0].code}"
            ),
        }[self.action]
        best = self.matches[0]
        also = "".join(f"; also {m}" for m in self.matches[1:])
        return f"row {self.row}: {self.name} is likely {best}{also} - {did}"


@dataclass
class DuplicatePolicy:
    """What to do with likely duplicates: the policy, per-row choices, the score bar."""

    action: str = "add"
    rows: dict[int, str] = field(default_factory=dict)
    min_score: float = MIN_SCORE

    @property
    def checks(self) -> bool:
        """Whether rows are checked at all."""
        return self.action != "off"

    def for_row(self, row: int) -> str:
        """The action for one row (its own choice, else the policy)."""
        return self.rows.get(row, self.action)


def parse_row_choices(items: Iterable[str]) -> dict[int, str]:
    """`N=skip|link|add` items (the command line's `--duplicate-row`) as {row: action}."""
    out: dict[int, str] = {}
    for item in items:
        row, _, action = item.partition("=")
        action = action.strip().lower()
        if not row.strip().isdigit() or action not in ACTIONS:
            raise ValueError(f"'{item}': give a row number and skip, link or add (e.g. 5=skip)")
        out[int(row)] = action
    return out


def probe_of(data: ChildInput, guardians: Iterable[str | None], today: date) -> Probe | None:
    """What the duplicate check needs from a row (None: too little to compare)."""
    from desktop.services.core.validation import dob_from_estimated_age, parse_date

    if not (data.first_name or data.name_local):
        return None
    try:
        dob = parse_date(data.dob) if data.dob else None
        estimated = False
        if dob is None and data.estimated_age not in (None, ""):
            on = parse_date(data.admission_date) or today
            dob = dob_from_estimated_age(float(str(data.estimated_age).strip()), on)
            estimated = True
    except ValueError:
        dob, estimated = None, False
    gender = data.gender if data.gender in {g.value for g in Gender} else None
    return Probe(
        first_name=data.first_name,
        last_name=data.last_name,
        name_local=data.name_local,
        gender=gender,
        dob=dob,
        dob_estimated=estimated,
        guardian_names=tuple(g for g in guardians if g),
        aadhaar=None,  # a repeated Aadhaar is refused by the registration itself
        identification_marks=data.identification_marks or None,
        languages=data.languages or None,
    )


def shown_name(data: ChildInput) -> str:
    """The row's child as named in the report."""
    latin = " ".join(p for p in (data.first_name, data.last_name) if p)
    return latin or (data.name_local or "?")


def check_row(
    session: Session, probe: Probe, *, row_of_child: dict[int, int], min_score: float
) -> list[Match]:
    """The likely matches of one row, best first (merged-away records left out)."""
    found: list[Candidate] = find_duplicates(session, probe, limit=SHOWN + 2)
    out = []
    for c in found:
        if c.score < min_score or c.status == ChildStatus.MERGED.value:
            continue
        out.append(
            Match(c.child_id, c.code, c.name, c.score, c.reasons, row_of_child.get(c.child_id))
        )
    return out[:SHOWN]


def link(session: Session, child: Child, match: Match, *, row: int, today: date) -> Child:
    """Merge the row's new record into the child it matches; returns that child."""
    from desktop.services.cases.merge import merge_children, merge_rows

    target = session.get(Child, match.child_id)
    if target is None:  # pragma: no cover - the match came from this session
        raise LookupError(match.code)
    take = {r.field: r.default for r in merge_rows(target, child)}
    merge_children(
        session,
        target,
        child,
        take=take,
        reason=f"imported row {row} is the same child ({match.score:.0f}%)",
        today=today,
    )
    return target
