"""The functions a catalogue may name, with the parameters each takes (checked when loaded).

Kinds:
- `case`: counted from this install's case records for a period (`casesql.py`);
- `returns`: counted from the log of monthly returns (`quarter.py`);
- `body`: worked out per body (CCI, CWC, JJB) from its other values, then summed upwards
  (a norm met by a CCI counts 1; a district's figure is the number of its CCIs meeting it);
- `derived`: worked out again at every level (body, district, state) from the numerators and
  denominators summed at that level, never averaged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Parameter kinds: "bool", "int", "str", "list[str]", "list[int]", "map" (str -> list[str]),
# or a tuple of the strings allowed.
ParamKind = str | tuple[str, ...]

EVENTS = (
    "admission",
    "cwc_production",
    "medical_exam",
    "sir_completed",
    "icp_prepared",
    "cwc_final_order",
    "lfa_declared",
    "carings_registered",
)
LEGAL_CLASSES = ("orphan", "abandoned", "surrendered", "unfit_guardian", "s38_3", "other")
STATUSES = ("restored", "transferred", "adopted", "foster", "aged_out", "absconded", "deceased")
REFERRALS = (
    "police",
    "childline",
    "cwc",
    "parent",
    "relative",
    "ngo",
    "self",
    "transfer",
    "labour_dept",
    "other",
)
# What `clts_count` counts from the child-labour (CLTS) records of the CCI's children.
CLTS_COUNTS = (
    "rescued",  # rescued in the period (rescue date)
    "interstate",  # of those, children whose home is in another state
    "hazardous",  # of those, rescued from a hazardous occupation or process
    "open_cases",  # CLTS cases open on the last day
    "entitlements_pending",  # open cases with a scheme eligible but not received by the day
    "cards_issued",  # entitlement cards issued in the period
    "working_again",  # follow-up visits in the period that found the child working again
    "compensation_ordered",  # compensation lines ordered in the period
    "compensation_paid",  # compensation lines paid in the period
    "compensation_paid_rs",  # rupees paid in the period
    "compensation_outstanding",  # lines due on the last day: not paid, not refused
)
NORM_TESTS = ("at_most_per", "at_least_per", "at_least", "composition")
OFFERS = ("produced", "lfa_declared", "final_orders", "resident_end")

_FILTERS: dict[str, ParamKind] = {
    "lfa": "bool",
    "has_icp": "bool",
    "categories": "list[int]",
    "legal_classes": "list[str]",
}
_DEADLINE: dict[str, ParamKind] = {
    "start": EVENTS,
    "end": EVENTS,
    "within_days": "int",
    "within_months": "int",
    "within_working_days": "int",
    "young_years": "int",
    "young_within_months": "int",
    "legal_classes": "list[str]",
}


@dataclass(frozen=True)
class FunctionSpec:
    """One function a catalogue indicator may name."""

    name: str
    kind: str  # case | returns | body | derived
    params: dict[str, ParamKind] = field(default_factory=dict)
    required: tuple[str, ...] = ()  # parameters that must be given
    needs: tuple[str, ...] = ()  # "numerator", "denominator" (lists of indicator ids)
    dims: frozenset[str] = frozenset()  # subgroup dimensions it can count by
    doc: str = ""


FUNCTIONS: dict[str, FunctionSpec] = {
    f.name: f
    for f in (
        FunctionSpec(
            "census_at",
            "case",
            {"at": ("start", "end"), **_FILTERS},
            ("at",),
            dims=frozenset({"sex", "age", "legal_class", "protection"}),
            doc="children residing in the CCI on the first (start) or last (end) day",
        ),
        FunctionSpec(
            "admissions",
            "case",
            {"on_order": "bool", "referral_map": "map"},
            dims=frozenset({"sex", "age", "brought_by"}),
            doc="children admitted in the period (age on the day of admission)",
        ),
        FunctionSpec(
            "exits",
            "case",
            {"statuses": "list[str]"},
            dims=frozenset({"sex", "age"}),
            doc="children who left in the period, by the status they left with",
        ),
        FunctionSpec(
            "stay_bands",
            "case",
            {"at": ("start", "end"), "population": ("admitted", "exited"), **_FILTERS},
            dims=frozenset({"stay"}),
            doc="children by length of stay (residents on a day, or those admitted / exited)",
        ),
        FunctionSpec(
            "event_count",
            "case",
            {"event": EVENTS, "cumulative": "bool"},
            ("event",),
            dims=frozenset({"sex"}),
            doc="children whose first such event falls in the period (or by its end: cumulative)",
        ),
        FunctionSpec(
            "deadline_due",
            "case",
            dict(_DEADLINE),
            ("start", "end"),
            dims=frozenset({"sex"}),
            doc="children whose deadline (start event + allowed time) fell in the period",
        ),
        FunctionSpec(
            "deadline_met",
            "case",
            dict(_DEADLINE),
            ("start", "end"),
            dims=frozenset({"sex"}),
            doc="of those due, the children whose end event came in time",
        ),
        FunctionSpec(
            "open_flags",
            "case",
            dims=frozenset({"rule"}),
            doc="review flags raised by the last day and not resolved by it, by rule",
        ),
        FunctionSpec(
            "capacity",
            "case",
            dims=frozenset({"sex"}),
            doc="sanctioned capacity from the institution record",
        ),
        FunctionSpec("body_count", "case", doc="1 for each body that reports"),
        FunctionSpec(
            "clts_count",
            "case",
            {"what": CLTS_COUNTS, "lines": "list[str]"},
            ("what",),
            dims=frozenset({"sex"}),
            doc="child labour (CLTS): rescues, open cases, schemes pending, cards, children "
            "found working again, compensation ordered / paid / outstanding (`lines`: only "
            "these compensation lines of the CLTS policy)",
        ),
        FunctionSpec(
            "return_count",
            "returns",
            {"status": "list[str]", "months_required": "int", "on_time": "bool", "due": "bool"},
            doc="monthly returns of the quarter (in a state, on time, all three months)",
        ),
        FunctionSpec(
            "sum_of",
            "derived",
            {"ids": "list[str]"},
            ("ids",),
            doc="sum of other indicators, subgroup by subgroup",
        ),
        FunctionSpec(
            "percent",
            "derived",
            {
                "numerator_subgroup": "str",
                "numerator_subgroups": "list[str]",
                "denominator_subgroup": "str",
            },
            needs=("numerator", "denominator"),
            doc="100 x numerator / denominator (each summed first; blank when it is 0)",
        ),
        FunctionSpec(
            "ratio",
            "derived",
            {"per_month": "bool", "numerator_subgroup": "str", "denominator_subgroup": "str"},
            needs=("numerator", "denominator"),
            doc="numerator / denominator (per month of the period with per_month)",
        ),
        FunctionSpec(
            "shortfall",
            "body",
            needs=("numerator", "denominator"),
            doc="how far the numerator exceeds the denominator (0 if it does not), per body",
        ),
        FunctionSpec(
            "norm_met",
            "body",
            {"norm": "str"},
            ("norm",),
            needs=("numerator", "denominator"),
            doc="1 if the body meets the norm, else 0; summed upwards",
        ),
    )
}
