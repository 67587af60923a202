"""Reading a catalogue file: parse the TOML and check every entry, naming key and line.

The checks refuse what would otherwise fail later or mislead: a duplicate id or GID, an
unknown function or parameter, a percent or ratio without a denominator, an entered percent
(percents are never added up: their numerator and denominator are), a reference to an
unknown indicator, subgroup, norm or CCI type, a count by a dimension its function cannot
count by, and a cycle between worked-out indicators.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from reporting.cpmis.catalogue import (
    DEFAULT_CATALOGUE,
    SEXES,
    Catalogue,
    CatalogueError,
    CciType,
    Check,
    Indicator,
    Norm,
    Subgroup,
    SubgroupSet,
    Unit,
    inputs_of,
)
from reporting.cpmis.functions import (
    LEGAL_CLASSES,
    NORM_TESTS,
)
from reporting.cpmis.indicator_checks import check_indicators
from reporting.cpmis.tomllines import Loader, check_unique, is_int, is_text

# The CCI types of the desktop's institution record (desktop.models.enums.InstitutionType;
# tests/test_cpmis_catalogue.py keeps the two equal).
INSTITUTION_TYPES = (
    "childrens-home",
    "open-shelter",
    "observation-home",
    "special-home",
    "place-of-safety",
    "saa",
    "fit-facility",
    "after-care",
)

_GID = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
_ID = re.compile(r"^[a-z][a-z0-9_.]{0,79}$")


def parse_catalogue(text: str, *, source: str = "<catalogue>") -> Catalogue:
    """Parse and validate catalogue TOML text."""
    ld = Loader(text, source)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{source}: {exc}") from None
    meta = raw.get("catalogue")
    if not isinstance(meta, dict):
        raise CatalogueError(f"{source}: the [catalogue] table is missing")
    for key in ("id", "version"):
        if not is_text(meta.get(key)):
            ld.in_table("catalogue", key, "is required")
    reporting = raw.get("reporting", {})
    due_day = reporting.get("due_day", 5)
    if not is_int(due_day) or not 1 <= due_day <= 28:
        ld.in_table("reporting", "due_day", "must be a day of the month, 1 to 28")
    checks_cfg = raw.get("checks", {})
    far_ratio = checks_cfg.get("far_ratio", 0.5)
    far_min = checks_cfg.get("far_min_change", 5)
    if not isinstance(far_ratio, int | float) or not 0 < far_ratio <= 1:
        ld.in_table("checks", "far_ratio", "must be a share between 0 and 1")
    if not isinstance(far_min, int | float) or far_min < 0:
        ld.in_table("checks", "far_min_change", "must be 0 or more")

    units = _units(ld, raw)
    age_bands = _bands(ld, raw, "age_bands", "below")
    stay_bands = _bands(ld, raw, "stay_bands", "below_days")
    subgroups = _subgroups(ld, raw, age_bands, stay_bands)
    sets = _sets(ld, raw, subgroups)
    norms = _norms(ld, raw)
    cci_types = _cci_types(ld, raw)
    indicators = check_indicators(ld, raw, units, subgroups, sets, norms, cci_types)
    checks = _checks(ld, raw, indicators, subgroups)
    order = _derived_order(ld, indicators)
    compare = raw.get("factsheet", {}).get("compare", [])
    for x in compare:
        if x not in indicators:
            ld.in_table("factsheet", "compare", f"unknown indicator {x!r}")
    return Catalogue(
        id=meta["id"],
        version=meta["version"],
        title_en=str(meta.get("title_en", meta["id"])),
        title_hi=str(meta.get("title_hi", meta.get("title_en", meta["id"]))),
        devinfo_source=str(meta.get("devinfo_source") or f"{meta['id']} (CLMS)"),
        due_day=int(due_day),
        far_ratio=float(far_ratio),
        far_min_change=float(far_min),
        units=units,
        subgroups=subgroups,
        sets=sets,
        norms=norms,
        checks=checks,
        age_bands=age_bands,
        stay_bands=stay_bands,
        cci_types=cci_types,
        indicators=indicators,
        derived_order=order,
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        source=source,
        factsheet_compare=tuple(compare),
    )


def _units(ld: Loader, raw: dict[str, Any]) -> dict[str, Unit]:
    entries = raw.get("unit", [])
    check_unique(ld, "unit", entries, set())
    return {u["id"]: Unit(u["id"], u["gid"].upper(), u["name_en"], u["name_hi"]) for u in entries}


def _bands(ld: Loader, raw: dict[str, Any], table: str, key: str) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for band, spec in raw.get(table, {}).items():
        if not isinstance(spec, dict) or set(spec) - {key}:
            ld.in_table(table, band, f"must be {{ {key} = N }} or {{}} (open at the top)")
        below = spec.get(key)
        if below is not None and (not is_int(below) or below <= 0):
            ld.in_table(table, band, f"{key} must be a whole number above 0")
        out[band] = below
    return out


def _subgroups(
    ld: Loader,
    raw: dict[str, Any],
    age_bands: dict[str, int | None],
    stay_bands: dict[str, int | None],
) -> dict[str, Subgroup]:
    entries = raw.get("subgroup", [])
    check_unique(ld, "subgroup", entries, set())
    out: dict[str, Subgroup] = {}
    for n, s in enumerate(entries):
        label = f"subgroup '{s['id']}'"
        dims = s.get("dimensions", {})
        if not isinstance(dims, dict) or not all(isinstance(v, str) for v in dims.values()):
            ld.in_entry("subgroup", n, label, "dimensions", "must be a table of texts")
        if "sex" in dims and dims["sex"] not in SEXES:
            ld.in_entry("subgroup", n, label, "dimensions", f"sex must be one of {SEXES}")
        if "age" in dims and dims["age"] not in age_bands:
            ld.in_entry(
                "subgroup", n, label, "dimensions", f"age band {dims['age']!r} not in [age_bands]"
            )
        if "stay" in dims and dims["stay"] not in stay_bands:
            ld.in_entry(
                "subgroup",
                n,
                label,
                "dimensions",
                f"stay band {dims['stay']!r} is not in [stay_bands]",
            )
        if "legal_class" in dims and dims["legal_class"] not in (*LEGAL_CLASSES, "unknown"):
            ld.in_entry("subgroup", n, label, "dimensions", "unknown legal class")
        out[s["id"]] = Subgroup(s["id"], s["gid"].upper(), s["name_en"], s["name_hi"], dict(dims))
    return out


def _sets(
    ld: Loader, raw: dict[str, Any], subgroups: dict[str, Subgroup]
) -> dict[str, SubgroupSet]:
    out: dict[str, SubgroupSet] = {}
    for name, spec in raw.get("subgroup_sets", {}).items():
        table = f"subgroup_sets.{name}"
        if not isinstance(spec, dict) or not isinstance(spec.get("members"), list):
            ld.in_table(table, "members", "a list of subgroup ids is required")
        members = spec["members"]
        for m in members:
            if m not in subgroups:
                ld.in_table(table, "members", f"unknown subgroup {m!r}")
        if len(set(members)) != len(members):
            ld.in_table(table, "members", "a subgroup appears twice")
        sums: list[tuple[str, tuple[str, ...]]] = []
        for item in spec.get("sums", []):
            ok = (
                isinstance(item, list)
                and len(item) == 2
                and isinstance(item[0], str)
                and isinstance(item[1], list)
            )
            if not ok:
                ld.in_table(table, "sums", 'each sum is ["total", ["part", ...]]')
            for x in [item[0], *item[1]]:
                if x not in members:
                    ld.in_table(table, "sums", f"{x!r} is not a member of the set")
            sums.append((item[0], tuple(item[1])))
        out[name] = SubgroupSet(name, tuple(members), tuple(sums))
    return out


def _norms(ld: Loader, raw: dict[str, Any]) -> dict[str, Norm]:
    entries = raw.get("norm", [])
    check_unique(ld, "norm", entries, set())
    out: dict[str, Norm] = {}
    for n, e in enumerate(entries):
        label = f"norm '{e['id']}'"
        if not is_text(e.get("source")):
            ld.in_entry("norm", n, label, "source", "the source (law, rule, citation) is required")
        if not isinstance(e.get("verified"), bool):
            ld.in_entry("norm", n, label, "verified", "must say true or false")
        test = e.get("test")
        if test is not None and test not in NORM_TESTS:
            ld.in_entry("norm", n, label, "test", f"must be one of {', '.join(NORM_TESTS)}")
        value = e.get("value")
        if test is not None and not isinstance(value, int | float):
            ld.in_entry("norm", n, label, "value", "a norm with a test needs a numeric value")
        if test == "composition" and not isinstance(e.get("value2"), int | float):
            ld.in_entry("norm", n, label, "value2", "a composition norm needs value2")
        out[e["id"]] = Norm(
            id=e["id"],
            gid=e["gid"].upper(),
            name_en=e["name_en"],
            name_hi=e["name_hi"],
            test=test,
            value=float(value) if isinstance(value, int | float) else None,
            value2=float(e["value2"]) if isinstance(e.get("value2"), int | float) else None,
            value_text=e.get("value_text"),
            unit_text=str(e.get("unit_text", "")),
            source=e["source"],
            verified=e["verified"],
        )
    return out


def _cci_types(ld: Loader, raw: dict[str, Any]) -> dict[str, CciType]:
    out: dict[str, CciType] = {}
    known = set(INSTITUTION_TYPES)
    for code, spec in raw.get("cci_types", {}).items():
        if not isinstance(spec, dict):
            ld.in_table("cci_types", code, "must be a table")
        if spec.get("institution_type") not in known:
            ld.in_table("cci_types", code, f"institution_type must be one of {sorted(known)}")
        if spec.get("protection") not in ("cncp", "ccl"):
            ld.in_table("cci_types", code, "protection must be cncp or ccl")
        out[code] = CciType(
            code,
            spec["institution_type"],
            spec["protection"],
            str(spec.get("name_en", code)),
            str(spec.get("name_hi", spec.get("name_en", code))),
        )
    return out


def _checks(
    ld: Loader,
    raw: dict[str, Any],
    indicators: dict[str, Indicator],
    subgroups: dict[str, Subgroup],
) -> tuple[Check, ...]:
    out: list[Check] = []
    for n, c in enumerate(raw.get("check", [])):
        label = f"check[{n}]"
        if c.get("kind") != "balance":
            ld.in_entry("check", n, label, "kind", "must be balance")
        for key in ("end", "start"):
            if c.get(key) not in indicators:
                ld.in_entry("check", n, label, key, f"unknown indicator {c.get(key)!r}")
        for key in ("plus", "minus"):
            for x in c.get(key, []):
                if x not in indicators:
                    ld.in_entry("check", n, label, key, f"unknown indicator {x!r}")
        for sg in c.get("subgroups", []):
            if sg not in subgroups:
                ld.in_entry("check", n, label, "subgroups", f"unknown subgroup {sg!r}")
        out.append(
            Check(
                id=str(c.get("id", f"check{n}")),
                kind="balance",
                end=c["end"],
                start=c["start"],
                plus=tuple(c.get("plus", [])),
                minus=tuple(c.get("minus", [])),
                subgroups=tuple(c.get("subgroups", ["total"])),
                name_en=str(c.get("name_en", "")),
                name_hi=str(c.get("name_hi", c.get("name_en", ""))),
            )
        )
    return tuple(out)


def _derived_order(ld: Loader, indicators: dict[str, Indicator]) -> tuple[str, ...]:
    """Body and derived indicators ordered so each comes after its inputs (cycles refused)."""
    order: list[str] = []
    state: dict[str, int] = {}
    pos = {k: n for n, k in enumerate(indicators)}

    def visit(k: str, path: tuple[str, ...]) -> None:
        if state.get(k) == 2:
            return
        if state.get(k) == 1:
            cycle = " -> ".join((*path, k))
            ld.in_entry("indicator", pos[k], f"indicator '{k}'", "function", f"cycle: {cycle}")
        state[k] = 1
        for x in inputs_of(indicators[k]):
            if indicators[x].kind in ("derived", "body"):
                visit(x, (*path, k))
        state[k] = 2
        order.append(k)

    for k, ind in indicators.items():
        if ind.kind in ("derived", "body"):
            visit(k, ())
    return tuple(order)


@cache
def load_catalogue(path: Path = DEFAULT_CATALOGUE) -> Catalogue:
    """Load (once per path) and validate the catalogue file at `path`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot be read ({exc.strerror})") from None
    return parse_catalogue(text, source=str(path))
