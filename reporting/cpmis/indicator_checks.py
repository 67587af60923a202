"""Checks of the [[indicator]] entries of a catalogue (each error names key and line)."""

from __future__ import annotations

from typing import Any

from reporting.cpmis.catalogue import (
    BODIES,
    ENTRIES,
    QUARTER_RULES,
    UNITS_NEEDING_DENOMINATOR,
    CatalogueError,
    CciType,
    Indicator,
    Norm,
    Subgroup,
    SubgroupSet,
    Unit,
)
from reporting.cpmis.functions import (
    FUNCTIONS,
    LEGAL_CLASSES,
    OFFERS,
    REFERRALS,
    STATUSES,
    ParamKind,
)
from reporting.cpmis.tomllines import Loader, check_unique, is_int, is_text


def _check_param(value: Any, kind: ParamKind) -> str | None:
    """Why a parameter value does not fit its kind (None if it does)."""
    if isinstance(kind, tuple):
        return None if value in kind else f"must be one of {', '.join(kind)} (got {value!r})"
    if kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "int":
        return None if is_int(value) and value >= 0 else "must be a whole number, 0 or more"
    if kind == "str":
        return None if is_text(value) else "must be a text"
    if kind == "list[str]":
        ok = isinstance(value, list) and all(is_text(v) for v in value)
        return None if ok else "must be a list of texts"
    if kind == "list[int]":
        ok = isinstance(value, list) and all(is_int(v) for v in value)
        return None if ok else "must be a list of whole numbers"
    if kind == "map":
        ok = isinstance(value, dict) and all(
            isinstance(v, list) and all(is_text(x) for x in v) for v in value.values()
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


def check_indicators(
    ld: Loader,
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
    check_unique(ld, "indicator", entries, set())
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
            if not is_text(e.get(key)):
                bad(key, "is required")
        if e.get("unit") not in units:
            bad("unit", f"unknown unit {e.get('unit')!r} (known: {', '.join(units)})")
        decimals = e.get("decimals", 0)
        if not is_int(decimals) or not 0 <= decimals <= 6:
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
