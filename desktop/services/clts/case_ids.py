"""CLTS case IDs in the form Bihar's CLTS gives its children: STATE3_DIST5_YEAR_(100000+n).

CLTS as built (models/child_rescued_model.php) makes ``BIH_PATNA_2016_100123``: the first 3
letters of the state's name, the first 5 of the registering officer's district (cut, then
trimmed, so "Kaimur (Bhabua)" gives KAIMU), the year of the rescue, and 100000 plus a
running number of its one central database. Offices here work offline, so the running
number cannot be shared: ours is ``base + institution number x serial_block + serial``
(policy [case_id]; 100000 + 7 x 10000 + 12 = 170012 for the 12th case of the year at the
install whose institution number is 7). Two installs of a district never hand out the same
ID, and the ID still reads and sorts like CLTS's.

The case ID names one rescue. The child code (SS-DDD-IIII-YYYY-NNNNN-C, desktop.services.
cases.codes) names the child for life, with the same institution number IIII: a child
rescued twice has one child code and two case IDs. An ID brought from CLTS as built is
kept beside ours (`CltsCase.legacy_id`) and is found by search the same way.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import CltsCase
from desktop.rules.clts_policy import CltsPolicy
from desktop.services.core import lgd
from desktop.services.core.errors import NotAllowed

CASE_ID_RE = re.compile(r"^([A-Z]{3})_([A-Z0-9]{1,5})_(\d{4})_(\d{6,})$")


def _letters(name: str, n: int) -> str:
    cut = name.upper()[:n].strip()  # cut first, then trim: as CLTS does
    return re.sub(r"[^A-Z0-9]", "", cut)


def state_part(state: int) -> str:
    """The state's 3 letters: BIH for Bihar."""
    name = lgd.states().get(state)
    return _letters(name, 3) if name else f"S{state:02d}"[:3]


def district_part(state: int, district: int | None, name: str | None = None) -> str:
    """The district's (up to) 5 letters: PATNA, KAIMU; D0123 when its name is not known."""
    known = (lgd.districts(state) or {}).get(district) if district is not None else None
    text = known or name
    if text and _letters(text, 5):
        return _letters(text, 5)
    return f"D{(district or 0) % 10000:04d}"


def make_case_id(
    *, state: int, district: int, year: int, institution: int, serial: int, policy: CltsPolicy
) -> str:
    """The case ID for the `serial`-th case of `year` at the install of `institution`."""
    if not 1 <= serial < policy.serial_block:
        raise NotAllowed(
            f"case number {serial} of {year} is past the {policy.serial_block - 1} an install "
            "may give in a year (policy [case_id] serial_block)"
        )
    n = policy.id_base + institution * policy.serial_block + serial
    return f"{state_part(state)}_{district_part(state, district)}_{year:04d}_{n:06d}"


def valid_case_id(text: str) -> bool:
    """Whether text has the form of a CLTS child ID."""
    return bool(CASE_ID_RE.match(text.strip().upper()))


def next_case_id(
    session: Session, *, state: int, district: int, institution: int, year: int, policy: CltsPolicy
) -> str:
    """The next free case ID of this install for the year."""
    prefix = f"{state_part(state)}_{district_part(state, district)}_{year:04d}_"
    low = policy.id_base + institution * policy.serial_block
    top = 0
    for cid in session.scalars(select(CltsCase.clts_id).where(CltsCase.clts_id.like(prefix + "%"))):
        m = CASE_ID_RE.match(cid)
        if m:
            n = int(m[4]) - low
            if 0 < n < policy.serial_block:
                top = max(top, n)
    return make_case_id(
        state=state,
        district=district,
        year=year,
        institution=institution,
        serial=top + 1,
        policy=policy,
    )
