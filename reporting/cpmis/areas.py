"""DevInfo areas from LGD codes: state -> district -> body (institution, CWC, JJB).

Ids: the state "IND010" (LGD state code 10), a district "IND010212" (LGD district 212),
a CCI "IND010212_007" (its number in the district), a CWC or JJB "IND010212_CWC1". They are
the same wherever the values are made (CCI, district office, central), so the areas of an
exported spreadsheet fit the DevInfo database loaded with this area tree.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from reporting.data import DATA_DIR
from reporting.lgd import district_name, districts, states

PREFIX = "IND"
_AREA = re.compile(r"^IND(\d{3})(\d{3})?(?:_([A-Z0-9]{1,12}))?$")


@dataclass(frozen=True)
class Area:
    """An area values are kept for."""

    id: str
    name: str
    level: str  # state | district | institution | body
    parent: str | None
    name_local: str | None = None

    def label(self, lang: str = "en") -> str:
        """The name to print (the local name in Hindi documents when there is one)."""
        return self.name_local if lang == "hi" and self.name_local else self.name


def state_area(state: int) -> Area:
    """The state's area."""
    name = states().get(state)
    if name is None:
        raise ValueError(f"unknown LGD state code {state}")
    return Area(f"{PREFIX}{state:03d}", name, "state", None, _hindi()["states"].get(str(state)))


def district_area(state: int, district: int) -> Area:
    """A district's area (under its state)."""
    return Area(
        f"{PREFIX}{state:03d}{district:03d}",
        district_name(state, district),
        "district",
        state_area(state).id,
        _hindi()["districts"].get(str(state), {}).get(str(district)),
    )


def institution_area(state: int, district: int, code: int, name: str, local: str | None) -> Area:
    """A CCI's area (under its district), by its number in the district."""
    return Area(
        f"{district_area(state, district).id}_{code:03d}",
        name,
        "institution",
        district_area(state, district).id,
        local,
    )


def body_area(state: int, district: int, body_type: str, n: int, name: str) -> Area:
    """A CWC's or JJB's area (under its district): IND010212_CWC1."""
    return Area(
        f"{district_area(state, district).id}_{body_type.upper()}{n}",
        name,
        "body",
        district_area(state, district).id,
    )


def parse_area_id(area_id: str) -> tuple[int, int | None, str | None]:
    """(state, district or None, body part or None) of an area id; ValueError if malformed."""
    m = _AREA.match(area_id.strip())
    if not m:
        raise ValueError(
            f"{area_id!r} is not an area id of this system (IND + LGD state code, "
            "then district code, e.g. IND010212)"
        )
    state = int(m.group(1))
    district = int(m.group(2)) if m.group(2) else None
    if m.group(3) and district is None:
        raise ValueError(f"{area_id!r}: a body needs its district")
    if state not in states():
        raise ValueError(f"{area_id!r}: unknown LGD state code {state}")
    known = districts(state)
    if district is not None and known is not None and district not in known:
        raise ValueError(f"{area_id!r}: {district} is not a district of {states()[state]}")
    return state, district, m.group(3)


def area_from_id(area_id: str, name: str | None = None) -> Area:
    """The area an id stands for (names from LGD for states and districts)."""
    state, district, body = parse_area_id(area_id)
    if district is None:
        return state_area(state)
    if body is None:
        return district_area(state, district)
    parent = district_area(state, district).id
    level = "institution" if body.isdigit() else "body"
    return Area(area_id, name or area_id, level, parent)


def state_districts(state: int) -> list[Area]:
    """Every district of a state with a shipped district list, by name."""
    return sorted((district_area(state, d) for d in (districts(state) or {})), key=lambda a: a.name)


@cache
def _hindi() -> dict[str, dict[str, Any]]:
    """Hindi names of states and districts (reporting/data/cpmis/areas_hi.toml)."""
    raw = tomllib.loads((DATA_DIR / "cpmis" / "areas_hi.toml").read_text(encoding="utf-8"))
    return {"states": raw.get("states", {}), "districts": raw.get("districts", {})}
