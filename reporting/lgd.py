"""LGD state and district codes, from the shipped data file."""

from __future__ import annotations

import tomllib
from functools import cache

from reporting.data import DATA_DIR

LGD_FILE = DATA_DIR / "lgd.toml"


@cache
def _data() -> dict[str, dict[str, object]]:
    return tomllib.loads(LGD_FILE.read_text(encoding="utf-8"))


def states() -> dict[int, str]:
    """LGD state code -> name."""
    return {int(k): str(v) for k, v in _data()["states"].items()}


def districts(state: int) -> dict[int, str] | None:
    """LGD district code -> name for a state, or None if no list is shipped for it."""
    table = _data().get("districts", {}).get(str(state))
    if table is None:
        return None
    assert isinstance(table, dict)
    return {int(k): str(v) for k, v in table.items()}


def check_area(state: int, district: int) -> str | None:
    """Validate a state/district pair; returns a warning, or raises ValueError."""
    if state not in states():
        raise ValueError(f"unknown LGD state code {state}")
    known = districts(state)
    if known is None:
        if not 1 <= district <= 9999:
            raise ValueError(f"district code {district} is out of range")
        return f"no district list is shipped for {states()[state]}; district {district} not checked"
    if district not in known:
        raise ValueError(
            f"district {district} is not a district of {states()[state]} "
            f"(known: {', '.join(f'{k} {v}' for k, v in sorted(known.items())[:5])}, ...)"
        )
    return None


def district_name(state: int, district: int) -> str:
    """The district's name, or its code when unknown."""
    return (districts(state) or {}).get(district, str(district))
