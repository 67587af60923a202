"""Central's catalogue: the words (English and Hindi) and periods its pages and reports use.

Read from `catalogue.toml` (generated from the desktop's policy by
tools/central_catalogue.py) and the LGD codes of `reporting/data/lgd.toml` (area names). A state
that ships its own desktop policy regenerates the catalogue with it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reporting.data import DATA_DIR

HERE = Path(__file__).resolve().parent
LGD_FILE = DATA_DIR / "lgd.toml"  # the LGD codes shared with the desktop (reporting/data)
LANGS = ("en", "hi")


@dataclass(frozen=True)
class Catalogue:
    """Words per kind (statuses, genders, stages, rules, categories...) and the periods."""

    words: dict[str, dict[str, dict[str, str]]]  # kind -> key -> lang -> text
    active_statuses: tuple[str, ...]
    silent_after_days: int
    stage_days: dict[str, int]
    age_bands: tuple[tuple[str, int], ...]  # (key, lowest age in years)
    stay_bands: tuple[tuple[str, int], ...]  # (key, shortest stay in days)
    states: dict[int, str]
    districts: dict[int, dict[int, str]]  # state -> district code -> name

    def word(self, kind: str, key: Any, lang: str = "en") -> str:
        """The word for a stored value (its key itself when the catalogue has none)."""
        entry = self.words.get(kind, {}).get(str(key))
        if entry is None:
            return "" if key is None else str(key)
        return entry.get(lang) or entry["en"]

    def keys(self, kind: str) -> list[str]:
        """The keys of one kind, in the catalogue's order."""
        return list(self.words.get(kind, {}))

    def district_name(self, code: int | None) -> str:
        """A district's name from the LGD list (its code when the list does not have it)."""
        if code is None:
            return "?"
        for names in self.districts.values():
            if code in names:
                return names[code]
        return f"District {code}"


@cache
def catalogue() -> Catalogue:
    """The catalogue (read once)."""
    raw = tomllib.loads((HERE / "catalogue.toml").read_text(encoding="utf-8"))
    lgd = tomllib.loads(LGD_FILE.read_text(encoding="utf-8"))
    kinds = (
        "statuses",
        "genders",
        "stages",
        "severities",
        "flag_statuses",
        "age_bands",
        "stay_bands",
        "levels",
        "rules",
        "categories",
    )
    words = {
        kind: {
            str(k): {lang: str(v[lang]) for lang in LANGS if lang in v}
            for k, v in raw[kind].items()
        }
        for kind in kinds
    }
    return Catalogue(
        words=words,
        active_statuses=tuple(raw["general"]["active_statuses"]),
        silent_after_days=int(raw["general"]["silent_after_days"]),
        stage_days={k: int(v["days"]) for k, v in raw["stages"].items() if "days" in v},
        age_bands=tuple((k, int(v["from"])) for k, v in raw["age_bands"].items()),
        stay_bands=tuple((k, int(v["from_days"])) for k, v in raw["stay_bands"].items()),
        states={int(k): str(v) for k, v in lgd.get("states", {}).items()},
        districts={
            int(s): {int(d): str(n) for d, n in names.items()}
            for s, names in lgd.get("districts", {}).items()
        },
    )
