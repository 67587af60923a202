"""The policy file: categories, document checklists and rule parameters, as data.

Loaded and validated once; errors name the key and its line so a state editing its
own file can fix it. The version of the policy is stored on every flag.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

DEFAULT_POLICY = Path(__file__).parent / "policy" / "default.toml"
LEGAL_CLASSES = ("orphan", "abandoned", "surrendered", "unfit_guardian", "s38_3", "other")
SEVERITIES = ("low", "medium", "high", "critical")
RULE_KEYS = frozenset({"severity", "escalation_days", "basis_en", "basis_hi", "verified"})
# The thresholds each rule of the engine reads: a missing one, or a misspelt extra one,
# is refused at load (a typo must not surface as a crash in the middle of a run).
RULE_PARAMS: dict[str, frozenset[str]] = {
    "production_cwc": frozenset({"period_days"}),
    "medical_exam": frozenset({"period_days"}),
    "sir_due": frozenset({"period_days"}),
    "cwc_final_order": frozenset({"period_days"}),
    "lfa_declaration": frozenset(
        {"young_child_years", "young_period_days", "older_period_days", "classes"}
    ),
    "surrender_reconsideration": frozenset({"period_days"}),
    "carings_registration": frozenset({"working_days"}),
    "missing_documents": frozenset({"period_days"}),
    "icp": frozenset({"prepare_within_days"}),
    "cwc_review": frozenset({"period_days"}),
    "no_visit_followup": frozenset({"period_days"}),
    "adoption_evaluation": frozenset(
        {"review_days", "no_visit_days", "recent_visit_days", "surrender_wait_days", "classes"}
    ),
    "after_care": frozenset({"warning_days", "adult_years"}),
    "adoption_stage_stuck": frozenset({"stage_days"}),
    "no_category": frozenset({"period_days"}),
}
ADOPTION_STAGES = frozenset(
    {
        "recommended",
        "reviewed",
        "presented_to_cwc",
        "inquiry",
        "declared_lfa",
        "csr_mer",
        "registered_carings",
        "referred",
    }
)


class PolicyError(ValueError):
    """The policy file is malformed; the message names the key at fault."""


@dataclass(frozen=True)
class Category:
    """One guardian-status category."""

    code: int
    legal_class: str
    en: str
    hi: str

    def label(self, lang: str = "en") -> str:
        """The category's name in `lang` ("en" or "hi")."""
        return self.hi if lang == "hi" else self.en


@dataclass(frozen=True)
class RulePolicy:
    """Parameters of one rule: severity, escalation period, legal basis, thresholds."""

    id: str
    severity: str
    escalation_days: int
    basis_en: str
    basis_hi: str
    verified: bool
    params: dict[str, Any]
    _periods: dict[str, timedelta] = field(default_factory=dict, init=False, repr=False)

    def days(self, key: str) -> int:
        """An integer parameter in days (validated at load)."""
        return int(self.params[key])

    def period(self, key: str) -> timedelta:
        """A parameter in days as a timedelta (made once, kept: rules run millions of times)."""
        return self._periods[key]

    def __post_init__(self) -> None:
        periods = {
            k: timedelta(days=v)
            for k, v in self.params.items()
            if k.endswith("_days") and isinstance(v, int)
        }
        self._periods.update(periods)


@dataclass(frozen=True)
class Policy:
    """A validated policy: categories and document checklists."""

    id: str
    version: str
    categories: dict[int, Category]
    document_types: dict[str, dict[str, str]]
    documents_all: tuple[str, ...]
    documents_by_class: dict[str, tuple[str, ...]]
    over_age_years: int
    over_age_types: frozenset[str]
    rules: dict[str, RulePolicy] = field(default_factory=dict)
    active_statuses: tuple[str, ...] = ("in_care",)
    manual_resolution_days: int = 90
    photo_document: str | None = None  # the checklist line a child's photo fulfils
    digest: str = ""  # SHA-256 of the policy file's text: stored verdicts depend on all of it

    def rule(self, rule_id: str) -> RulePolicy:
        """The parameters of a rule, or PolicyError if the policy does not configure it."""
        try:
            return self.rules[rule_id]
        except KeyError:
            raise PolicyError(f"the policy has no [rules.{rule_id}] section") from None

    def codes_of_class(self, *classes: str) -> list[int]:
        """Category codes whose legal class is one of `classes`."""
        return sorted(c.code for c in self.categories.values() if c.legal_class in classes)

    def category(self, code: int) -> Category:
        """The category with this code, or PolicyError naming the known codes."""
        try:
            return self.categories[code]
        except KeyError:
            raise PolicyError(
                f"unknown category {code}; known: {min(self.categories)}-{max(self.categories)}"
            ) from None

    def required_documents(self, category_code: int | None, *, age_years: float) -> list[str]:
        """Document types required for a child of this category and age, in policy order."""
        wanted = list(self.documents_all)
        if category_code is not None:
            cls = self.category(category_code).legal_class
            wanted += self.documents_by_class.get(cls, ())
        out: list[str] = []
        for t in wanted:
            if t in self.over_age_types and age_years <= self.over_age_years:
                continue
            if t not in out:
                out.append(t)
        return out

    def document_label(self, doc_type: str, lang: str = "en") -> str:
        """Human name of a document type."""
        names = self.document_types.get(doc_type, {})
        return names.get(lang) or names.get("en") or doc_type


def _need(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in table:
        raise PolicyError(f"{where}: missing key '{key}'")
    value = table[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise PolicyError(f"{where}.{key}: expected {kind.__name__}, got {value!r}")
    return value


def _line_of(text: str, section: str, key: str | None = None) -> int | None:
    """1-based line of `[section]` (and of `key = ` inside it) in the TOML text."""
    lines = text.splitlines()
    start = None
    for i, line in enumerate(lines):
        if line.strip() == f"[{section}]":
            start = i
            break
    if start is None:
        return None
    if key is None:
        return start + 1
    for j in range(start + 1, len(lines)):
        s = lines[j].strip()
        if s.startswith("["):
            break
        if s.split("=", 1)[0].strip() == key:
            return j + 1
    return start + 1


def _parse_rules(raw: dict[str, Any], text: str, source: str) -> dict[str, RulePolicy]:
    rules: dict[str, RulePolicy] = {}
    for rid, table in raw.get("rules", {}).items():
        section = f"rules.{rid}"

        def fail(key: str | None, msg: str, section: str = section) -> PolicyError:
            line = _line_of(text, section, key)
            where = f"{source}, line {line}" if line else source
            name = f"{section}.{key}" if key else section
            return PolicyError(f"{where}: {name}: {msg}")

        if not isinstance(table, dict):
            raise fail(None, "must be a table")
        sev = table.get("severity")
        if sev not in SEVERITIES:
            raise fail("severity", f"must be one of {', '.join(SEVERITIES)} (got {sev!r})")
        for key in ("basis_en", "basis_hi"):
            if not isinstance(table.get(key), str) or not table[key].strip():
                raise fail(key, "the legal basis text is required")
        params = {k: v for k, v in table.items() if k not in RULE_KEYS}
        if "escalation_days" not in table:
            raise fail("escalation_days", "is required")
        wanted = RULE_PARAMS.get(rid)
        if wanted is not None:
            for key in sorted(wanted - params.keys()):
                raise fail(key, "is required for this rule")
            for key in sorted(params.keys() - wanted):
                raise fail(
                    key, f"is not a setting of this rule (it reads: {', '.join(sorted(wanted))})"
                )
        if rid == "adoption_stage_stuck" and isinstance(params.get("stage_days"), dict):
            for stage in params["stage_days"]:
                if stage not in ADOPTION_STAGES:
                    raise fail(stage, "is not an adoption stage", f"{section}.stage_days")
        for key, value in [("escalation_days", table.get("escalation_days")), *params.items()]:
            if isinstance(value, dict):
                for k2, v2 in value.items():
                    if not isinstance(v2, int) or isinstance(v2, bool) or v2 < 0:
                        raise fail(k2, "must be a whole number of days", f"{section}.{key}")
            elif key.endswith(("_days", "_years")) and (
                not isinstance(value, int) or isinstance(value, bool) or value < 0
            ):
                raise fail(key, f"must be a whole number of {key.rsplit('_', 1)[1]}, 0 or more")
        for key in ("classes",):
            for cls in params.get(key, []):
                if cls not in LEGAL_CLASSES:
                    raise fail(key, f"'{cls}' is not a legal class ({', '.join(LEGAL_CLASSES)})")
        rules[rid] = RulePolicy(
            id=rid,
            severity=sev,
            escalation_days=table["escalation_days"],
            basis_en=table["basis_en"],
            basis_hi=table["basis_hi"],
            verified=bool(table.get("verified", False)),
            params=params,
        )
    return rules


def parse_policy(text: str, *, source: str = "<policy>") -> Policy:
    """Parse and validate policy TOML text."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{source}: {exc}") from None
    meta = _need(raw, "policy", dict, source)
    doc_types = _need(raw, "document_types", dict, source)
    for name, names in doc_types.items():
        if not isinstance(names, dict) or "en" not in names:
            raise PolicyError(f"{source}: document_types.{name} needs an 'en' name")
    docs = _need(raw, "documents", dict, source)

    def known(types: list[Any], where: str) -> tuple[str, ...]:
        for t in types:
            if t not in doc_types:
                raise PolicyError(f"{source}: {where}: unknown document type '{t}'")
        return tuple(types)

    documents_all = known(_need(docs, "all", list, f"{source}: documents"), "documents.all")
    by_class_raw = _need(docs, "by_class", dict, f"{source}: documents")
    by_class: dict[str, tuple[str, ...]] = {}
    for cls, types in by_class_raw.items():
        if cls not in LEGAL_CLASSES:
            raise PolicyError(f"{source}: documents.by_class.{cls}: unknown legal class")
        by_class[cls] = known(types, f"documents.by_class.{cls}")
    over = docs.get("over_age", {"years": 200, "types": []})
    photo = docs.get("photo")
    if photo is not None:
        if not isinstance(photo, str):
            raise PolicyError(f"{source}: documents.photo: expected a document type name")
        known([photo], "documents.photo")
    categories: dict[int, Category] = {}
    for i, c in enumerate(_need(raw, "categories", list, source)):
        where = f"{source}: categories[{i}]"
        code = _need(c, "code", int, where)
        legal_class = _need(c, "legal_class", str, where)
        if legal_class not in LEGAL_CLASSES:
            raise PolicyError(f"{where}.legal_class: '{legal_class}' is not one of {LEGAL_CLASSES}")
        if code in categories:
            raise PolicyError(f"{where}.code: {code} appears twice")
        categories[code] = Category(
            code, legal_class, _need(c, "en", str, where), _need(c, "hi", str, where)
        )
    if not categories:
        raise PolicyError(f"{source}: no categories")
    return Policy(
        id=_need(meta, "id", str, f"{source}: policy"),
        version=_need(meta, "version", str, f"{source}: policy"),
        categories=categories,
        document_types=doc_types,
        documents_all=documents_all,
        documents_by_class=by_class,
        over_age_years=int(over["years"]),
        over_age_types=frozenset(known(over["types"], "documents.over_age.types")),
        rules=_parse_rules(raw, text, source),
        active_statuses=tuple(raw.get("general", {}).get("active_statuses", ["in_care"])),
        manual_resolution_days=int(raw.get("general", {}).get("manual_resolution_days", 90)),
        photo_document=photo,
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


@cache
def load_policy(path: Path = DEFAULT_POLICY) -> Policy:
    """Load (once) and validate the policy file at `path`."""
    return parse_policy(path.read_text(encoding="utf-8"), source=str(path))
