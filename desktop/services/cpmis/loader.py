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

from desktop.models.enums import InstitutionType
from desktop.services.cpmis.catalogue import (
    BODIES,
    DEFAULT_CATALOGUE,
    ENTRIES,
    QUARTER_RULES,
    SEXES,
    UNITS_NEEDING_DENOMINATOR,
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
from desktop.services.cpmis.functions import (
    FUNCTIONS,
    LEGAL_CLASSES,
    NORM_TESTS,
    OFFERS,
    REFERRALS,
    STATUSES,
    ParamKind,
)

_GID = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
_ID = re.compile(r"^[a-z][a-z0-9_.]{0,79}$")


# -- locating errors ---------------------------------------------------------------------


class _Lines:
    """Finds the line of a table, an array-of-tables entry, or a key inside them."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.arrays: dict[str, list[int]] = {}
        self.tables: dict[str, int] = {}
        for i, line in enumerate(self.lines):
            s = line.strip()
            m = re.match(r"^\[\[\s*([A-Za-z0-9_.]+)\s*\]\]", s)
            if m:
                self.arrays.setdefault(m.group(1), []).append(i)
                continue
            m = re.match(r"^\[\s*([A-Za-z0-9_.\"-]+)\s*\]", s)
            if m:
                self.tables[m.group(1).replace('"', "")] = i

    def _key_in(self, start: int, key: str | None) -> int:
        if key is None:
            return start + 1
        for j in range(start + 1, len(self.lines)):
            s = self.lines[j].strip()
            if s.startswith("["):
                break
            if s.split("=", 1)[0].strip().strip('"') == key:
                return j + 1
        return start + 1

    def entry(self, array: str, index: int, key: str | None = None) -> int | None:
        """Line of key `key` of entry `index` of `[[array]]` (of the entry if no key)."""
        starts = self.arrays.get(array, [])
        if index >= len(starts):
            return None
        return self._key_in(starts[index], key)

    def table(self, name: str, key: str | None = None) -> int | None:
        """Line of `[name]` or of a key in it."""
        if name not in self.tables:
            return None
        return self._key_in(self.tables[name], key)


class _Loader:
    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.lines = _Lines(text)

    def fail(self, where: str, msg: str, line: int | None) -> CatalogueError:
        place = f"{self.source}, line {line}" if line else self.source
        return CatalogueError(f"{place}: {where}: {msg}")

    def in_entry(self, array: str, index: int, label: str, key: str | None, msg: str) -> None:
        name = f"{label}.{key}" if key else label
        raise self.fail(name, msg, self.lines.entry(array, index, key))

    def in_table(self, table: str, key: str | None, msg: str) -> None:
        name = f"{table}.{key}" if key else table
        raise self.fail(name, msg, self.lines.table(table, key))


def _text(x: Any) -> bool:
    return isinstance(x, str) and bool(x.strip())


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _check_param(value: Any, kind: ParamKind) -> str | None:
    """Why a parameter value does not fit its kind (None if it does)."""
    if isinstance(kind, tuple):
        return None if value in kind else f"must be one of {', '.join(kind)} (got {value!r})"
    if kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "int":
        return None if _is_int(value) and value >= 0 else "must be a whole number, 0 or more"
    if kind == "str":
        return None if _text(value) else "must be a text"
    if kind == "list[str]":
        ok = isinstance(value, list) and all(_text(v) for v in value)
        return None if ok else "must be a list of texts"
    if kind == "list[int]":
        ok = isinstance(value, list) and all(_is_int(v) for v in value)
        return None if ok else "must be a list of whole numbers"
    if kind == "map":
        ok = isinstance(value, dict) and all(
            isinstance(v, list) and all(_text(x) for x in v) for v in value.values()
        )
        return None if ok else "must be a table of lists of texts"
    raise AssertionError(kind)


def _param_values_known(name: str, value: Any) -> str | None:
    """Values a parameter names that the case records cannot mean."""
    if name == "legal_classes":
        bad = [v for v in value if v not in LEGAL_CLASSES]
        known = ", ".join(LEGAL_CLASSES)
        return f"unknown legal class {bad[0]!r} (known: {known})" if bad else None
    if name == "statuses":
        bad = [v for v in value if v not in STATUSES]
        return f"unknown exit status {bad[0]!r} (known: {', '.join(STATUSES)})" if bad else None
    if name == "referral_map":
        bad = [r for rs in value.values() for r in rs if r not in REFERRALS]
        return f"unknown referral {bad[0]!r} (known: {', '.join(REFERRALS)})" if bad else None
    return None


def parse_catalogue(text: str, *, source: str = "<catalogue>") -> Catalogue:
    """Parse and validate catalogue TOML text."""
    ld = _Loader(text, source)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{source}: {exc}") from None
    meta = raw.get("catalogue")
    if not isinstance(meta, dict):
        raise CatalogueError(f"{source}: the [catalogue] table is missing")
    for key in ("id", "version"):
        if not _text(meta.get(key)):
            ld.in_table("catalogue", key, "is required")
    reporting = raw.get("reporting", {})
    due_day = reporting.get("due_day", 5)
    if not _is_int(due_day) or not 1 <= due_day <= 28:
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
    indicators = _indicators(ld, raw, units, subgroups, sets, norms, cci_types)
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


def _unique(ld: _Loader, array: str, entries: list[Any], seen_gids: set[str]) -> None:
    ids: dict[str, int] = {}
    for n, e in enumerate(entries):
        label = f"{array}[{n}]"
        if not isinstance(e, dict):
            ld.in_entry(array, n, label, None, "must be a table")
        if not isinstance(e.get("id"), str) or not _ID.match(e["id"]):
            ld.in_entry(array, n, label, "id", "is required: lower-case letters, digits, _ and .")
        if e["id"] in ids:
            first = ld.lines.entry(array, ids[e["id"]], "id")
            ld.in_entry(
                array, n, f"{array} '{e['id']}'", "id", f"duplicate id (first used at line {first})"
            )
        ids[e["id"]] = n
        g = e.get("gid")
        if not isinstance(g, str) or not _GID.match(g):
            ld.in_entry(array, n, f"{array} '{e['id']}'", "gid", "must be a GUID (DevInfo GID)")
        if g.upper() in seen_gids:
            ld.in_entry(array, n, f"{array} '{e['id']}'", "gid", "this GID is used twice")
        seen_gids.add(g.upper())
        for key in ("name_en", "name_hi"):
            if not _text(e.get(key)):
                ld.in_entry(array, n, f"{array} '{e['id']}'", key, "a name is required")


def _units(ld: _Loader, raw: dict[str, Any]) -> dict[str, Unit]:
    entries = raw.get("unit", [])
    _unique(ld, "unit", entries, set())
    return {u["id"]: Unit(u["id"], u["gid"].upper(), u["name_en"], u["name_hi"]) for u in entries}


def _bands(ld: _Loader, raw: dict[str, Any], table: str, key: str) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for band, spec in raw.get(table, {}).items():
        if not isinstance(spec, dict) or set(spec) - {key}:
            ld.in_table(table, band, f"must be {{ {key} = N }} or {{}} (open at the top)")
        below = spec.get(key)
        if below is not None and (not _is_int(below) or below <= 0):
            ld.in_table(table, band, f"{key} must be a whole number above 0")
        out[band] = below
    return out


def _subgroups(
    ld: _Loader,
    raw: dict[str, Any],
    age_bands: dict[str, int | None],
    stay_bands: dict[str, int | None],
) -> dict[str, Subgroup]:
    entries = raw.get("subgroup", [])
    _unique(ld, "subgroup", entries, set())
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
    ld: _Loader, raw: dict[str, Any], subgroups: dict[str, Subgroup]
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


def _norms(ld: _Loader, raw: dict[str, Any]) -> dict[str, Norm]:
    entries = raw.get("norm", [])
    _unique(ld, "norm", entries, set())
    out: dict[str, Norm] = {}
    for n, e in enumerate(entries):
        label = f"norm '{e['id']}'"
        if not _text(e.get("source")):
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


def _cci_types(ld: _Loader, raw: dict[str, Any]) -> dict[str, CciType]:
    out: dict[str, CciType] = {}
    known = {t.value for t in InstitutionType}
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


_INDICATOR_KEYS = frozenset(
    {
        "id",
        "gid",
        "body",
        "sector",
        "sector_hi",
        "class",
        "class_hi",
        "subclass",
        "name_en",
        "name_hi",
        "unit",
        "decimals",
        "subgroups",
        "subgroups_by_type",
        "quarter_rule",
        "source",
        "function",
        "params",
        "numerator",
        "denominator",
        "entry",
        "offer",
        "carry_from",
        "norm",
        "applies_to",
        "key",
        "high_is_good",
        "in_cpmis_2020",
        "extension",
        "form_ref",
        "also_refs",
        "notes",
    }
)


def _set_dims(s: SubgroupSet, subgroups: dict[str, Subgroup]) -> set[str]:
    return {d for m in s.members for d in subgroups[m].dims}


def _indicators(
    ld: _Loader,
    raw: dict[str, Any],
    units: dict[str, Unit],
    subgroups: dict[str, Subgroup],
    sets: dict[str, SubgroupSet],
    norms: dict[str, Norm],
    cci_types: dict[str, CciType],
) -> dict[str, Indicator]:
    entries = raw.get("indicator", [])
    if not entries:
        raise CatalogueError(f"{ld.source}: the catalogue has no [[indicator]] entries")
    _unique(ld, "indicator", entries, set())
    ids = {e["id"]: n for n, e in enumerate(entries)}
    out: dict[str, Indicator] = {}
    for n, e in enumerate(entries):
        label = f"indicator '{e['id']}'"

        def bad(key: str | None, msg: str, n: int = n, label: str = label) -> None:
            ld.in_entry("indicator", n, label, key, msg)

        for key in e:
            if key not in _INDICATOR_KEYS:
                bad(key, "is not a key of an indicator")
        if e.get("body") not in BODIES:
            bad("body", f"must be one of {', '.join(BODIES)}")
        for key in ("sector", "sector_hi", "class", "class_hi"):
            if not _text(e.get(key)):
                bad(key, "is required")
        if e.get("unit") not in units:
            bad("unit", f"unknown unit {e.get('unit')!r} (known: {', '.join(units)})")
        decimals = e.get("decimals", 0)
        if not _is_int(decimals) or not 0 <= decimals <= 6:
            bad("decimals", "must be a whole number from 0 to 6")
        set_id = e.get("subgroups")
        if set_id not in sets:
            bad("subgroups", f"unknown subgroup set {set_id!r}")
        by_type = e.get("subgroups_by_type", {})
        for code, sid in by_type.items():
            if code not in cci_types:
                bad("subgroups_by_type", f"{code!r} is not a CCI type of [cci_types]")
            if sid not in sets:
                bad("subgroups_by_type", f"unknown subgroup set {sid!r}")
        applies = e.get("applies_to", [])
        for code in applies:
            if code not in cci_types:
                bad("applies_to", f"{code!r} is not a CCI type of [cci_types]")
        rule = e.get("quarter_rule")
        if rule not in QUARTER_RULES:
            bad("quarter_rule", f"must be one of {', '.join(QUARTER_RULES)}")
        src = e.get("source")
        if src not in ("computed", "entered"):
            bad("source", "must be computed or entered")
        fn = e.get("function")
        params = e.get("params", {})
        if not isinstance(params, dict):
            bad("params", "must be a table")
        num, den = e.get("numerator", []), e.get("denominator", [])
        for key, ref in (("numerator", num), ("denominator", den)):
            if not isinstance(ref, list) or not all(isinstance(x, str) for x in ref):
                bad(key, "must be a list of indicator ids")
            for x in ref:
                if x not in ids:
                    bad(key, f"unknown indicator {x!r}")
                elif entries[ids[x]].get("body") != e.get("body"):
                    bad(key, f"{x!r} is an indicator of another body")
        if src == "entered":
            if fn is not None:
                bad("function", "an entered indicator names no function (source = computed?)")
            if e.get("unit") in UNITS_NEEDING_DENOMINATOR:
                bad(
                    "unit",
                    f"an entered {e['unit']} cannot be added up: enter its numerator and "
                    "denominator as two indicators and compute this one from them",
                )
            if e.get("entry", "monthly_return") not in ENTRIES:
                bad("entry", f"must be one of {', '.join(ENTRIES)}")
            if rule == "recompute":
                bad(
                    "quarter_rule",
                    "recompute is for computed indicators; an entered one is "
                    "first_month, last_month, sum, mean or latest",
                )
        else:
            if fn is None:
                bad("function", "a computed indicator needs the name of its function")
            if fn not in FUNCTIONS:
                bad("function", f"unknown function {fn!r} (known: {', '.join(sorted(FUNCTIONS))})")
            spec = FUNCTIONS[fn]
            for p, value in params.items():
                if p not in spec.params:
                    known = ", ".join(sorted(spec.params)) or "none"
                    bad("params", f"{fn} takes no parameter {p!r} (it takes: {known})")
                why = _check_param(value, spec.params[p]) or _param_values_known(p, value)
                if why:
                    bad("params", f"{p} {why}")
            for p in spec.required:
                if p not in params:
                    bad("params", f"{fn} needs the parameter {p!r}")
            for need in spec.needs:
                if not (num if need == "numerator" else den):
                    bad(need, f"{fn} needs a {need} (a list of indicator ids)")
            if spec.kind in ("derived", "body") and rule != "recompute":
                bad("quarter_rule", f"{fn} is worked out again for the quarter: use recompute")
            if spec.kind in ("case", "returns") and rule == "recompute":
                bad("quarter_rule", "a count for the months is first_month, last_month or sum")
            if spec.kind == "case" and set_id in sets:
                allowed = spec.dims
                for sid in {set_id, *by_type.values()}:
                    dims = _set_dims(sets[sid], subgroups)
                    if not dims <= allowed:
                        extra = ", ".join(sorted(dims - allowed))
                        bad("subgroups", f"{fn} cannot count by {extra} (set {sid!r})")
                if "brought_by" in _set_dims(sets[set_id], subgroups):
                    mapping = params.get("referral_map")
                    if not mapping:
                        bad("params", f"{fn} by who brought the child needs referral_map")
                    for sg in mapping:
                        if sg not in sets[set_id].members:
                            bad("params", f"referral_map names {sg!r}, not in the set")
            if fn == "norm_met":
                nid = params.get("norm")
                if nid not in norms or norms[nid].test is None:
                    bad("params", f"norm {nid!r} is not a [[norm]] with a test")
            if fn == "sum_of":
                for x in params.get("ids", []):
                    if x not in ids:
                        bad("params", f"sum_of names an unknown indicator {x!r}")
            if fn == "deadline_due" or fn == "deadline_met":
                windows = [
                    k
                    for k in ("within_days", "within_months", "within_working_days")
                    if k in params
                ]
                if len(windows) != 1:
                    bad(
                        "params",
                        "a deadline needs one of within_days, within_months, within_working_days",
                    )
                if ("young_years" in params) != ("young_within_months" in params):
                    bad("params", "young_years and young_within_months go together")
            if fn == "event_count" and params.get("event") == "admission":
                bad("params", "count admissions with the admissions function")
            for sg_key in ("numerator_subgroup", "denominator_subgroup"):
                if sg_key in params and params[sg_key] not in subgroups:
                    bad("params", f"{sg_key} {params[sg_key]!r} is not a subgroup")
            for sg in params.get("numerator_subgroups", []):
                if sg not in subgroups:
                    bad("params", f"numerator_subgroups names {sg!r}, not a subgroup")
        if e.get("unit") in UNITS_NEEDING_DENOMINATOR and src == "computed" and not den:
            bad("denominator", f"a {e['unit']} needs a denominator")
        if e.get("norm") is not None and e["norm"] not in norms:
            bad("norm", f"unknown norm {e['norm']!r}")
        carry = e.get("carry_from")
        if carry is not None:
            if src != "entered" or carry not in ids:
                bad("carry_from", "an entered indicator carries a known indicator's last figure")
            elif entries[ids[carry]].get("subgroups") != set_id:
                bad("carry_from", f"{carry!r} is counted by another subgroup set")
        if e.get("offer") is not None and e["offer"] not in OFFERS:
            bad("offer", f"must be one of {', '.join(OFFERS)}")
        for key in ("key", "extension", "in_cpmis_2020"):
            if key in e and not isinstance(e[key], bool):
                bad(key, "must be true or false")
        out[e["id"]] = Indicator(
            id=e["id"],
            gid=e["gid"].upper(),
            body=e["body"],
            sector_en=e["sector"],
            sector_hi=e["sector_hi"],
            class_en=e["class"],
            class_hi=e["class_hi"],
            name_en=e["name_en"],
            name_hi=e["name_hi"],
            unit=e["unit"],
            decimals=decimals,
            subgroup_set=set_id,
            quarter_rule=rule,
            source=src,
            function=fn,
            params=dict(params),
            numerator=tuple(num),
            denominator=tuple(den),
            subgroups_by_type=dict(by_type),
            subclass=e.get("subclass"),
            entry=e.get("entry") if src == "entered" else None,
            offer=e.get("offer"),
            carry_from=carry,
            norm=e.get("norm"),
            applies_to=tuple(applies),
            key=bool(e.get("key", False)),
            high_is_good=e.get("high_is_good"),
            extension=bool(e.get("extension", False)),
            in_cpmis_2020=bool(e.get("in_cpmis_2020", False)),
            form_ref=e.get("form_ref"),
            also_refs=tuple(e.get("also_refs", [])),
            notes=str(e.get("notes", "")),
        )
    return out


def _checks(
    ld: _Loader,
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


def _derived_order(ld: _Loader, indicators: dict[str, Indicator]) -> tuple[str, ...]:
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
