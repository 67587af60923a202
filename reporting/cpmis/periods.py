"""Months and calendar quarters, as CPMIS and DevInfo name them.

A return is for a month ("2026-04"); a quarter is three calendar months, Jan-Mar, Apr-Jun,
Jul-Sep, Oct-Dec (CPMIS `QuarterlyAggregationJob`), named the DevInfo way
"2026.04-2026.06" (DevInfo reads a 15-character period as monthly periodicity; this is the
format CPMIS published its quarters in).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})\.(\d{2})-(\d{4})\.(\d{2})$")
_SHORT = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_DEVINFO_Q = re.compile(r"^Q([1-4])[.:](\d{4})$", re.IGNORECASE)


def check_month(month: str) -> str:
    """The month if it is "YYYY-MM" with a real month; ValueError naming it otherwise."""
    m = _MONTH.match(month)
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1900:
        raise ValueError(f"{month!r} is not a month (write it as YYYY-MM, e.g. 2026-04)")
    return month


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of a month."""
    check_month(month)
    y, m = int(month[:4]), int(month[5:])
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def month_of(day: date) -> str:
    """The month a day falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def next_month(month: str) -> str:
    """The month after."""
    y, m = int(month[:4]), int(month[5:])
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}"


def previous_month(month: str) -> str:
    """The month before."""
    y, m = int(month[:4]), int(month[5:])
    return f"{y - 1:04d}-12" if m == 1 else f"{y:04d}-{m - 1:02d}"


def quarter_of(month: str) -> str:
    """The quarter a month belongs to, e.g. "2026-05" -> "2026.04-2026.06"."""
    check_month(month)
    y, m = int(month[:4]), int(month[5:])
    first = 3 * ((m - 1) // 3) + 1
    return f"{y:04d}.{first:02d}-{y:04d}.{first + 2:02d}"


def parse_quarter(text: str) -> str:
    """A quarter as "2026.04-2026.06"; also takes "2026-Q2", "2026Q2", "Q2.2026", "Q2:2026"."""
    t = text.strip()
    m = _QUARTER.match(t)
    if m:
        y1, m1, y2, m2 = (int(x) for x in m.groups())
        if y1 == y2 and m1 in (1, 4, 7, 10) and m2 == m1 + 2:
            return t
        raise ValueError(f"{text!r} is not a calendar quarter (Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec)")
    m = _SHORT.match(t) or None
    if m:
        return quarter_of(f"{m.group(1)}-{3 * int(m.group(2)) - 2:02d}")
    m = _DEVINFO_Q.match(t)
    if m:
        return quarter_of(f"{m.group(2)}-{3 * int(m.group(1)) - 2:02d}")
    raise ValueError(f"{text!r} is not a quarter (write it as 2026-Q2 or 2026.04-2026.06)")


def quarter_months(quarter: str) -> list[str]:
    """The three months of a quarter, in order."""
    q = parse_quarter(quarter)
    y, first = int(q[:4]), int(q[5:7])
    return [f"{y:04d}-{first + i:02d}" for i in range(3)]


def quarter_bounds(quarter: str) -> tuple[date, date]:
    """First and last day of a quarter."""
    months = quarter_months(quarter)
    return month_bounds(months[0])[0], month_bounds(months[-1])[1]


def previous_quarter(quarter: str) -> str:
    """The quarter before."""
    return quarter_of(previous_month(quarter_months(quarter)[0]))


def quarters_back(quarter: str, n: int) -> list[str]:
    """The `n` quarters ending with this one, oldest first."""
    out = [parse_quarter(quarter)]
    while len(out) < n:
        out.insert(0, previous_quarter(out[0]))
    return out


def last_complete_quarter(today: date) -> str:
    """The newest quarter that has ended by `today`."""
    return previous_quarter(quarter_of(month_of(today)))


def quarter_name(quarter: str, lang: str = "en") -> str:
    """ "Apr-Jun 2026" (Hindi: "अप्रैल-जून 2026")."""
    months = quarter_months(quarter)
    a, b = int(months[0][5:]), int(months[2][5:])
    names = _HI_MONTHS if lang == "hi" else _EN_MONTHS
    return f"{names[a - 1]}-{names[b - 1]} {months[0][:4]}"


def month_name(month: str, lang: str = "en") -> str:
    """ "Apr 2026" (Hindi: "अप्रैल 2026")."""
    names = _HI_MONTHS if lang == "hi" else _EN_MONTHS
    return f"{names[int(month[5:]) - 1]} {month[:4]}"


_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HI_MONTHS = (
    "जनवरी",
    "फ़रवरी",
    "मार्च",
    "अप्रैल",
    "मई",
    "जून",
    "जुलाई",
    "अगस्त",
    "सितंबर",
    "अक्टूबर",
    "नवंबर",
    "दिसंबर",
)
