"""Eligibility expressions of the CLTS policy: a small, checked language over case facts.

An expression such as ``child.age >= 6 and child.age <= 14 and not child.enrolled`` is
parsed once when the policy is loaded (Python's own parser, then only the node kinds
listed here are accepted) and every fact name and every quoted value it compares a fact
with is checked against the vocabulary below, so a typo in a state's file is an error at
load time, not a wrong answer later.

Evaluation is three-valued: a fact that is not recorded yet is unknown (None), and so is
anything that depends on it (``not unknown`` is unknown; ``unknown and false`` is false;
``unknown or true`` is true). An entitlement whose eligibility is unknown is "to be
assessed", never guessed. No database and no Qt here.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Facts = Mapping[str, Any]
Value = Any  # bool, number, text, or None for "not recorded"
_Fn = Callable[[Facts], Value]

NUMBER = "number"
FLAG = "flag"

# The closed vocabularies of facts that hold a code (forms and imports use them too).
HOUSING = ("pucca", "semi_pucca", "kutcha", "homeless")
RATION_CARD = ("none", "aay", "phh", "other_state")
AREA = ("rural", "urban")
SOCIAL_CATEGORY = ("sc", "st", "obc", "ebc", "general", "other")
SCHOOL_TYPE = ("govt", "private", "nclp", "none")
SEX = ("female", "male", "transgender")

# Every fact an expression may read: its kind (NUMBER, FLAG, or the tuple of its codes).
# "child.cwc_order" holds a CWC order code of the policy; its codes are checked there.
FACTS: dict[str, str | tuple[str, ...]] = {
    "child.age": NUMBER,
    "child.sex": SEX,
    "child.enrolled": FLAG,
    "child.school_type": SCHOOL_TYPE,
    "child.category": SOCIAL_CATEGORY,
    "child.minority": FLAG,
    "child.disability": FLAG,
    "child.orphan": FLAG,
    "child.single_parent": FLAG,
    "child.within_state": FLAG,
    "child.cwc_order": (),
    "child.hazardous_work": FLAG,
    "child.bonded": FLAG,
    "child.trafficked": FLAG,
    "child.has_bank_account": FLAG,
    "household.area": AREA,
    "household.housing": HOUSING,
    "household.ration_card": RATION_CARD,
    "household.has_job_card": FLAG,
    "household.adult_members": NUMBER,
    "household.landless": FLAG,
    "household.homestead_land": FLAG,
    "household.bpl": FLAG,
    "household.pmjay_card": FLAG,
    "household.shg_member": FLAG,
    "household.elderly_members": NUMBER,
    "household.widow_members": NUMBER,
    "household.disabled_members": NUMBER,
    "household.migrated": FLAG,
    "case.employer_fined": FLAG,
    "case.physically_verified": FLAG,
}


class ExpressionError(ValueError):
    """An expression uses something the language does not have; the message says what."""


@dataclass(frozen=True)
class Expression:
    """A parsed, checked expression: its text, the facts it reads, and how to evaluate it."""

    text: str
    facts: frozenset[str]
    _fn: _Fn

    def __call__(self, facts: Facts) -> bool | None:
        """True, False, or None when it depends on a fact not recorded yet."""
        v = self._fn(facts)
        return None if v is None else bool(v)


def _and(parts: list[_Fn]) -> _Fn:
    def fn(f: Facts) -> Value:
        unknown = False
        for p in parts:
            v = p(f)
            if v is None:
                unknown = True
            elif not v:
                return False
        return None if unknown else True

    return fn


def _or(parts: list[_Fn]) -> _Fn:
    def fn(f: Facts) -> Value:
        unknown = False
        for p in parts:
            v = p(f)
            if v is None:
                unknown = True
            elif v:
                return True
        return None if unknown else False

    return fn


def _not(part: _Fn) -> _Fn:
    def fn(f: Facts) -> Value:
        v = part(f)
        return None if v is None else not v

    return fn


_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: lambda a, b: bool(a == b),
    ast.NotEq: lambda a, b: bool(a != b),
    ast.Lt: lambda a, b: bool(a < b),
    ast.LtE: lambda a, b: bool(a <= b),
    ast.Gt: lambda a, b: bool(a > b),
    ast.GtE: lambda a, b: bool(a >= b),
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


def _compare(left: _Fn, ops: list[Callable[[Any, Any], bool]], rights: list[_Fn]) -> _Fn:
    def fn(f: Facts) -> Value:
        a = left(f)
        for op, r in zip(ops, rights, strict=True):
            b = r(f)
            if a is None or b is None:
                return None
            if not op(a, b):
                return False
            a = b
        return True

    return fn


def _reader(name: str) -> _Fn:
    def fn(f: Facts) -> Value:
        return f.get(name)

    return fn


class _Checker:
    """Turns an AST into closures, checking every node against the language."""

    def __init__(self, text: str, codes: Mapping[str, tuple[str, ...]]) -> None:
        self.text = text
        self.codes = codes
        self.used: set[str] = set()

    def fail(self, node: ast.AST, msg: str) -> ExpressionError:
        col = getattr(node, "col_offset", 0)
        return ExpressionError(f"{msg} (at '{self.text[col : col + 30]}')")

    def fact_name(self, node: ast.AST) -> str | None:
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("child", "household", "case")
        ):
            return f"{node.value.id}.{node.attr}"
        return None

    def kind(self, name: str) -> str | tuple[str, ...]:
        kind = FACTS[name]
        return self.codes.get(name, kind) if kind == () else kind

    def node(self, n: ast.AST) -> _Fn:
        if isinstance(n, ast.BoolOp):
            parts = [self.node(v) for v in n.values]
            return _and(parts) if isinstance(n.op, ast.And) else _or(parts)
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.Not):
            return _not(self.node(n.operand))
        if isinstance(n, ast.Compare):
            return self.compare(n)
        if isinstance(n, ast.Name) and n.id in ("true", "false"):
            value = n.id == "true"
            return lambda _f: value
        name = self.fact_name(n)
        if name is not None:
            if name not in FACTS:
                known = ", ".join(k for k in FACTS if k.startswith(name.split(".")[0] + "."))
                raise self.fail(n, f"'{name}' is not a fact (known: {known})")
            if self.kind(name) != FLAG:
                raise self.fail(n, f"'{name}' is not yes/no: compare it with a value")
            self.used.add(name)
            return _reader(name)
        raise self.fail(n, f"'{ast.unparse(n)}' is not allowed in an eligibility rule")

    def operand(self, n: ast.AST, other: str | None) -> tuple[_Fn, str | None]:
        """A side of a comparison and the fact it names (None for a literal)."""
        name = self.fact_name(n)
        if name is not None:
            if name not in FACTS:
                raise self.fail(n, f"'{name}' is not a fact")
            self.used.add(name)
            return _reader(name), name
        if isinstance(n, ast.Constant) and isinstance(n.value, int | float | str):
            if isinstance(n.value, bool):
                raise self.fail(n, "write true or false in lower case")
            self.check_literal(n, n.value, other)
            value = n.value
            return (lambda _f: value), None
        if isinstance(n, ast.List | ast.Tuple):
            items = []
            for e in n.elts:
                if not isinstance(e, ast.Constant) or not isinstance(e.value, int | float | str):
                    raise self.fail(e, "a list may hold only numbers or quoted values")
                self.check_literal(e, e.value, other)
                items.append(e.value)
            frozen = tuple(items)
            return (lambda _f: frozen), None
        if isinstance(n, ast.Name) and n.id in ("true", "false"):
            value = n.id == "true"
            return (lambda _f: value), None
        raise self.fail(n, f"'{ast.unparse(n)}' cannot be compared")

    def check_literal(self, n: ast.AST, value: object, fact: str | None) -> None:
        if fact is None:
            return
        kind = self.kind(fact)
        if kind == NUMBER and not isinstance(value, int | float):
            raise self.fail(n, f"{fact} is a number, not {value!r}")
        if isinstance(kind, tuple) and value not in kind:
            raise self.fail(n, f"{value!r} is not a value of {fact} (values: {', '.join(kind)})")

    def compare(self, n: ast.Compare) -> _Fn:
        sides = [n.left, *n.comparators]
        facts = [self.fact_name(s) for s in sides]
        named = next((f for f in facts if f is not None), None)
        if named is None:
            raise self.fail(n, "a comparison must name a fact")
        left, _ = self.operand(n.left, named)
        rights = [self.operand(s, named)[0] for s in n.comparators]
        ops = []
        for op in n.ops:
            fn = _COMPARE.get(type(op))
            if fn is None:
                raise self.fail(n, "use == != < <= > >= in or not in")
            ops.append(fn)
        return _compare(left, ops, rights)


def parse_expression(
    text: str, *, codes: Mapping[str, tuple[str, ...]] | None = None
) -> Expression:
    """Parse and check an expression; ExpressionError says what is wrong and where.

    `codes` gives the values of facts whose codes come from the policy (child.cwc_order).
    """
    source = " ".join(text.split())
    if not source:
        raise ExpressionError("the rule is empty (write true for 'always')")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"cannot be read: {exc.msg}") from None
    checker = _Checker(source, codes or {})
    fn = checker.node(tree.body)
    return Expression(source, frozenset(checker.used), fn)
