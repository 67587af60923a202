"""The one way dates are written and ages counted, for the rules, the window, paper and exports.

Dates are shown and typed as DD-MM-YYYY (23-11-2026), the way Indian forms write them.
Age is the number of whole years completed (the JJ Act counts a child's age in years
completed): the n-th birthday is `add_years(dob, n)`, and a child born on 29 February has
birthdays on 28 February in other years. The rules decide "turns 18" on the same day.
"""

from __future__ import annotations

from datetime import date, datetime

DATE_FORMAT = "%d-%m-%Y"
DATE_HINT = "DD-MM-YYYY"

_LATER: dict[tuple[date, int], date] = {}  # a few thousand birthdays: each worked out once


def show_date(day: date | None, *, none: str = "-") -> str:
    """A date as DD-MM-YYYY (`none` when there is no date)."""
    return none if day is None else day.strftime(DATE_FORMAT)


def show_datetime(moment: datetime | None, *, none: str = "-") -> str:
    """A moment as DD-MM-YYYY HH:MM (in whatever time zone it carries)."""
    return none if moment is None else moment.strftime(DATE_FORMAT + " %H:%M")


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    key = (day, years)
    later = _LATER.get(key)
    if later is None:
        try:
            later = day.replace(year=day.year + years)
        except ValueError:
            later = day.replace(year=day.year + years, day=28)
        if len(_LATER) < 100_000:
            _LATER[key] = later
    return later


def completed_years(dob: date, on: date) -> int:
    """Age in whole years completed on `on` (0 before the first birthday)."""
    years = on.year - dob.year
    if years > 0 and add_years(dob, years) > on:
        years -= 1
    return max(years, 0)
