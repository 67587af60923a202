"""The area a question may read: a state, a district, one CCI; and checks that a drill-down
stays inside the area of the person asking.

Every query in `central.reports` takes an `Area` and adds its conditions (`where`) on the
state, district and institution columns every `view_*` table carries, so a district
official's request can never count another district's children, whatever the URL says.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, true
from sqlalchemy.orm import Session

from central.models import Enrolment


class OutOfArea(Exception):
    """The thing asked for is outside the asker's area (or does not exist)."""


@dataclass(frozen=True)
class Area:
    """A state, a district of it, or one CCI (None: not limited at that level)."""

    state: int | None = None
    district: int | None = None
    institution: str | None = None

    def where(self, table: Any) -> ColumnElement[bool]:
        """The conditions keeping a view table's rows (or central_institution's) inside."""
        c = table.c
        conds: list[ColumnElement[bool]] = []
        if self.state is not None:
            conds.append(c.state_code == self.state)
        if self.district is not None:
            conds.append(c.district_code == self.district)
        if self.institution is not None:
            key = c.institution_uuid if "institution_uuid" in c else c.uuid
            conds.append(key == self.institution)
        return and_(true(), *conds)

    @property
    def level(self) -> str:
        """ "cci", "district", "state" or "all": what one row of a breakdown table is below."""
        if self.institution is not None:
            return "cci"
        if self.district is not None:
            return "district"
        return "state" if self.state is not None else "all"

    def contains(self, other: Area) -> bool:
        """Whether every row of `other` is inside this area."""
        return all(
            mine is None or mine == theirs
            for mine, theirs in (
                (self.state, other.state),
                (self.district, other.district),
                (self.institution, other.institution),
            )
        )

    def district_area(self, district: int) -> Area:
        """This area narrowed to one district; OutOfArea if the district is not in it."""
        if self.district is not None and self.district != district:
            raise OutOfArea("This district is outside your area.")
        return replace(self, district=district)

    def institution_area(self, session: Session, uuid: str) -> Area:
        """This area narrowed to one enrolled CCI; OutOfArea if it is not in the area."""
        enr = session.get(Enrolment, uuid)
        if enr is None:
            raise OutOfArea("There is no such CCI.")
        inner = Area(enr.state_code, enr.district_code, uuid)
        if not self.contains(inner):
            raise OutOfArea("This CCI is outside your area.")
        return replace(self, district=enr.district_code, institution=uuid)
