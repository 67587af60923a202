"""The CPMIS indicator catalogue: indicators, subgroups, units and norms, as data.

Loaded from a TOML file (the default ships in `reporting/data/cpmis/catalogue.toml`; a state
may ship its own with the same keys) and validated once by `loader.py`: an error names the
key and its line, so the person editing the file can fix it. Values are stored with the
catalogue's id, version and the SHA-256 of its text, so a figure can always be traced to the
definitions it was computed under.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from reporting.cpmis.functions import FUNCTIONS
from reporting.data import DATA_DIR

DEFAULT_CATALOGUE = DATA_DIR / "cpmis" / "catalogue.toml"
BODIES = ("cci", "cwc", "jjb")
UNITS_NEEDING_DENOMINATOR = ("percent", "ratio")
QUARTER_RULES = ("first_month", "last_month", "sum", "mean", "latest", "recompute")
ENTRIES = ("monthly_return", "facility_profile", "institution_master")
DIMENSIONS = (
    "sex",
    "age",
    "stay",
    "legal_class",
    "protection",
    "brought_by",
    "rule",
)
SEXES = ("male", "female", "transgender")


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the key at fault and its line."""


@dataclass(frozen=True)
class Unit:
    """A unit of measure (DevInfo unit)."""

    id: str
    gid: str
    name_en: str
    name_hi: str

    def name(self, lang: str = "en") -> str:
        """The unit's name in `lang`."""
        return self.name_hi if lang == "hi" else self.name_en


@dataclass(frozen=True)
class Subgroup:
    """A subgroup (DevInfo subgroup value): e.g. girls aged 7-11, or stay of 1-2 months."""

    id: str
    gid: str
    name_en: str
    name_hi: str
    dims: dict[str, str]

    def name(self, lang: str = "en") -> str:
        """The subgroup's name in `lang`."""
        return self.name_hi if lang == "hi" else self.name_en


@dataclass(frozen=True)
class SubgroupSet:
    """The subgroups an indicator is counted by, and which of them add up to which."""

    id: str
    members: tuple[str, ...]
    sums: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Norm:
    """A standard from the law or the rules (value, test, citation, verified marker)."""

    id: str
    gid: str
    name_en: str
    name_hi: str
    test: str | None
    value: float | None
    value2: float | None
    value_text: str | None
    unit_text: str
    source: str
    verified: bool


@dataclass(frozen=True)
class Check:
    """A check of a return: end = start + plus - minus, subgroup by subgroup."""

    id: str
    kind: str
    end: str
    start: str
    plus: tuple[str, ...]
    minus: tuple[str, ...]
    subgroups: tuple[str, ...]
    name_en: str
    name_hi: str


@dataclass(frozen=True)
class CciType:
    """A CCI type code of the catalogue (CH, OS, OH...) and what it stands for."""

    code: str
    institution_type: str
    protection: str  # cncp | ccl
    name_en: str
    name_hi: str


@dataclass(frozen=True)
class Indicator:
    """One indicator: what it counts, by which subgroups, and where its figure comes from."""

    id: str
    gid: str
    body: str
    sector_en: str
    sector_hi: str
    class_en: str
    class_hi: str
    name_en: str
    name_hi: str
    unit: str
    decimals: int
    subgroup_set: str
    quarter_rule: str
    source: str  # computed | entered
    function: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    subgroups_by_type: dict[str, str] = field(default_factory=dict)
    subclass: str | None = None
    entry: str | None = None
    offer: str | None = None  # a figure the district view can offer (CWC returns)
    carry_from: str | None = None  # this month's opening figure = last month's of that one
    norm: str | None = None
    applies_to: tuple[str, ...] = ()
    key: bool = False
    high_is_good: bool | None = None
    extension: bool = False
    in_cpmis_2020: bool = False
    form_ref: dict[str, Any] | None = None
    also_refs: tuple[dict[str, Any], ...] = ()
    notes: str = ""

    @property
    def kind(self) -> str:
        """entered, or the kind of its function: case, returns, body, derived."""
        if self.function is None:
            return "entered"
        return FUNCTIONS[self.function].kind

    @property
    def is_base(self) -> bool:
        """Whether a monthly return carries this figure (entered or counted from cases)."""
        return self.kind in ("entered", "case")

    def name(self, lang: str = "en") -> str:
        """The indicator's name in `lang`."""
        return self.name_hi if lang == "hi" else self.name_en

    def sector(self, lang: str = "en") -> str:
        """The sector (body) name in `lang`."""
        return self.sector_hi if lang == "hi" else self.sector_en

    def klass(self, lang: str = "en") -> str:
        """The class (sub-sector) name in `lang`."""
        return self.class_hi if lang == "hi" else self.class_en

    def set_for(self, cci_type: str | None) -> str:
        """The subgroup set for a CCI of this type (the indicator's own set by default)."""
        if cci_type is not None and cci_type in self.subgroups_by_type:
            return self.subgroups_by_type[cci_type]
        return self.subgroup_set

    def applies(self, body: str, cci_type: str | None = None) -> bool:
        """Whether a body of this kind (and CCI type) reports this indicator."""
        if self.body != body:
            return False
        return (
            body != "cci"
            or cci_type is None
            or not self.applies_to
            or (cci_type in self.applies_to)
        )


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: loaded once
class Catalogue:
    """A validated catalogue."""

    id: str
    version: str
    title_en: str
    title_hi: str
    devinfo_source: str
    due_day: int
    far_ratio: float
    far_min_change: float
    units: dict[str, Unit]
    subgroups: dict[str, Subgroup]
    sets: dict[str, SubgroupSet]
    norms: dict[str, Norm]
    checks: tuple[Check, ...]
    age_bands: dict[str, int | None]
    stay_bands: dict[str, int | None]
    cci_types: dict[str, CciType]
    indicators: dict[str, Indicator]
    derived_order: tuple[str, ...]  # body and derived indicators, each after its inputs
    digest: str
    factsheet_compare: tuple[str, ...] = ()  # what the comparison chart prefers to show
    source: str = ""

    def indicator(self, ind_id: str) -> Indicator:
        """The indicator with this id (KeyError naming it if unknown)."""
        try:
            return self.indicators[ind_id]
        except KeyError:
            raise KeyError(f"the catalogue {self.id} has no indicator {ind_id!r}") from None

    def for_body(self, body: str, cci_type: str | None = None) -> list[Indicator]:
        """The indicators a body of this kind reports, in catalogue order."""
        return [i for i in self.indicators.values() if i.applies(body, cci_type)]

    def members(self, ind: Indicator, cci_type: str | None = None) -> tuple[str, ...]:
        """The subgroups of an indicator for a CCI of this type."""
        return self.sets[ind.set_for(cci_type)].members

    def cci_type_of(self, institution_type: str) -> str:
        """The catalogue's CCI type code for an institution type ("childrens-home" -> "CH")."""
        for t in self.cci_types.values():
            if t.institution_type == institution_type:
                return t.code
        raise KeyError(f"no CCI type of the catalogue stands for {institution_type!r}")

    @property
    def label(self) -> str:
        """ "cpmis-bihar 2026.12.1"."""
        return f"{self.id} {self.version}"


def make_gid(namespace: str, kind: str, item_id: str) -> str:
    """The GID rule of the default catalogue: uuid5(namespace, "<kind>:<id>"), upper case."""
    return str(uuid.uuid5(uuid.UUID(namespace), f"{kind}:{item_id}")).upper()


def inputs_of(ind: Indicator) -> tuple[str, ...]:
    """The indicators a body/derived indicator is worked out from."""
    ids = list(ind.numerator) + list(ind.denominator)
    if ind.function == "sum_of":
        ids += list(ind.params.get("ids", []))
    return tuple(dict.fromkeys(ids))


def describe(indicators: Iterable[Indicator]) -> dict[str, int]:
    """How many indicators of each body and source (for reports and docs)."""
    out: dict[str, int] = {}
    for i in indicators:
        out[f"{i.body}.{i.kind}"] = out.get(f"{i.body}.{i.kind}", 0) + 1
    return out
