"""The policy file: guardian-status categories and document checklists, as data.

Loaded and validated once; errors name the key so a state editing its own file can
fix it. Thresholds and rule parameters join this file with the rules engine.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DEFAULT_POLICY = Path(__file__).parent / "policy" / "default.toml"
LEGAL_CLASSES = ("orphan", "abandoned", "surrendered", "unfit_guardian", "s38_3", "other")


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
    )


@cache
def load_policy(path: Path = DEFAULT_POLICY) -> Policy:
    """Load (once) and validate the policy file at `path`."""
    return parse_policy(path.read_text(encoding="utf-8"), source=str(path))
