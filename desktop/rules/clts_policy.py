"""The CLTS policy file: departments, schemes, compensation lines and lists, as data.

`desktop/rules/policy/clts.toml` holds what a state decides (amounts, who pays, the legal
basis with a `verified` marker, who is eligible for which scheme and within how many
days, the follow-up schedule, helplines). It is loaded and checked once; every error
names the file, the line, the table entry and the key, e.g.
``clts.toml, line 412: entitlement[7].department: 'labur' is not a department``.
No database and no Qt here.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from desktop.rules.clts_expr import Expression, ExpressionError, parse_expression
from desktop.rules.policy import PolicyError

CLTS_POLICY = Path(__file__).parent / "policy" / "clts.toml"
PAYERS = ("state", "employer", "central")
SUBJECTS = ("child", "household", "case")
COUNTED_FROM = ("rescue", "final_order")
STATUS_FROM = ("prosecution", "school", "medical_exam")
_TABLES = (
    "department",
    "industry",
    "agency",
    "fir_section",
    "cwc_order",
    "deployed_by",
    "payment_mode",
    "prosecution_outcome",
    "compensation",
    "entitlement",
    "helpline",
    "cm_relief_refusal",
)


@dataclass(frozen=True)
class Named:
    """A coded entry of a list with its English and Hindi names."""

    code: str
    en: str
    hi: str
    clts_value: str = ""  # how CLTS as built writes it (registers brought from it)

    def label(self, lang: str = "en") -> str:
        """The name in `lang` ("en" or "hi")."""
        return self.hi if lang == "hi" else self.en


@dataclass(frozen=True)
class Department(Named):
    """A department: short name for the card, and the office that acts by default."""

    short_en: str = ""
    short_hi: str = ""
    office_en: str = ""
    office_hi: str = ""

    def short(self, lang: str = "en") -> str:
        """The short name in `lang`."""
        return (self.short_hi if lang == "hi" else self.short_en) or self.label(lang)

    def office(self, lang: str = "en") -> str:
        """The default responsible office in `lang`."""
        return self.office_hi if lang == "hi" else self.office_en


@dataclass(frozen=True)
class Industry(Named):
    """Where the child was found working, and whether it is hazardous by default."""

    hazardous: bool = False
    basis: str = ""
    verified: bool = False


@dataclass(frozen=True)
class FirSection(Named):
    """A section of an Act an FIR may cite."""

    act: str = ""
    section: str = ""
    verified: bool = False


@dataclass(frozen=True)
class CwcOrderKind(Named):
    """A kind of CWC order: does it release the card, is it a restoration to the family."""

    card: bool = True
    restoration: bool = False


@dataclass(frozen=True)
class Helpline(Named):
    """A helpline number printed on the card."""

    number: str = ""
    verified: bool = False


@dataclass(frozen=True)
class CompensationLine(Named):
    """One line of the compensation ledger: amount, payer, office, legal basis."""

    amount: int = 0
    payer: str = "state"
    office: str = ""
    basis: str = ""
    verified: bool = False
    applies: Expression | None = None
    rescued_from: date | None = None
    rescued_before: date | None = None

    def in_window(self, rescued_on: date) -> bool:
        """Whether a rescue on this date falls in the line's date window."""
        if self.rescued_from is not None and rescued_on < self.rescued_from:
            return False
        return self.rescued_before is None or rescued_on < self.rescued_before


@dataclass(frozen=True)
class Scheme(Named):
    """An entitlement: department, who is eligible, and the days to apply and receive."""

    department: str = ""
    subject: str = "child"
    eligibility: Expression | None = None
    compensation: tuple[str, ...] = ()
    status_from: str = ""
    counted_from: str = "final_order"
    apply_within_days: int = 0
    receive_within_days: int = 0
    days_verified: bool = False
    old_name: str = ""
    notes: str = ""


@dataclass(frozen=True)
class FollowUpSchedule:
    """Follow-up visits after restoration: months after it, and the legal basis."""

    due_months: tuple[int, ...]
    basis: str
    basis_hi: str
    verified: bool


@dataclass(frozen=True)
class CltsPolicy:
    """The validated CLTS policy."""

    id: str
    version: str
    state: int
    serial_block: int
    id_base: int
    max_age_years: int
    departments: dict[str, Department]
    industries: dict[str, Industry]
    agencies: dict[str, Named]
    fir_sections: dict[str, FirSection]
    cwc_orders: dict[str, CwcOrderKind]
    deployed_by: dict[str, Named]
    payment_modes: dict[str, Named]
    prosecution_outcomes: dict[str, Named]
    compensation: dict[str, CompensationLine]
    schemes: dict[str, Scheme]
    follow_up: FollowUpSchedule
    helplines: tuple[Helpline, ...]
    cm_relief_refusals: dict[str, Named]
    age_bands: tuple[int, ...] = (0, 10, 15)
    digest: str = field(default="", compare=False)

    @property
    def tag(self) -> str:
        """Policy id and version as stored on each ledger line and entitlement."""
        return f"{self.id}@{self.version}"

    def schemes_of(self, department: str) -> list[Scheme]:
        """The schemes of one department, in policy order."""
        return [s for s in self.schemes.values() if s.department == department]


class _Source:
    """The file's text, for line numbers in error messages."""

    def __init__(self, text: str, name: str) -> None:
        self.lines = text.splitlines()
        self.name = name

    def line(self, table: str | None, index: int | None, key: str | None) -> int | None:
        """1-based line of `[table]` / the index-th `[[table]]`, and of `key` inside it."""
        if table is None:
            return None
        seen = -1
        start = None
        for i, raw in enumerate(self.lines):
            s = raw.strip()
            if index is None and s == f"[{table}]":
                start = i
                break
            if index is not None and s == f"[[{table}]]":
                seen += 1
                if seen == index:
                    start = i
                    break
        if start is None:
            return None
        if key is None:
            return start + 1
        for j in range(start + 1, len(self.lines)):
            s = self.lines[j].strip()
            if s.startswith("["):
                break
            if s.split("=", 1)[0].strip() == key:
                return j + 1
        return start + 1

    def error(self, table: str | None, index: int | None, key: str | None, msg: str) -> PolicyError:
        n = self.line(table, index, key)
        where = f"{self.name}, line {n}" if n else self.name
        name = table or ""
        if index is not None:
            name += f"[{index}]"
        if key:
            name = f"{name}.{key}" if name else key
        return PolicyError(f"{where}: {name}: {msg}" if name else f"{where}: {msg}")


class _Entry:
    """One table entry being read, with errors that point at its keys."""

    def __init__(self, src: _Source, table: str, index: int | None, raw: Any) -> None:
        self.src, self.table, self.index = src, table, index
        if not isinstance(raw, dict):
            raise src.error(table, index, None, "must be a table")
        self.raw: dict[str, Any] = raw

    def fail(self, key: str | None, msg: str) -> PolicyError:
        return self.src.error(self.table, self.index, key, msg)

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        v = self.raw.get(key)
        if v is None:
            if required:
                raise self.fail(key, "is required")
            return default
        if not isinstance(v, str) or (required and not v.strip()):
            raise self.fail(key, f"must be text (got {v!r})")
        return v

    def flag(self, key: str, *, default: bool | None = None) -> bool:
        v = self.raw.get(key, default)
        if not isinstance(v, bool):
            raise self.fail(key, "must be true or false" if key in self.raw else "is required")
        return v

    def whole(self, key: str, *, default: int | None = None, least: int = 0) -> int:
        v = self.raw.get(key, default)
        if v is None:
            raise self.fail(key, "is required")
        if not isinstance(v, int) or isinstance(v, bool):
            raise self.fail(key, f"must be a whole number (got {v!r})")
        if v < least:
            raise self.fail(key, f"must be {least} or more (got {v})")
        return v

    def day(self, key: str) -> date | None:
        v = self.raw.get(key)
        if v is None:
            return None
        if not isinstance(v, date):
            raise self.fail(key, f"must be a date written 2016-07-11 without quotes (got {v!r})")
        return v

    def choice(self, key: str, choices: tuple[str, ...] | dict[str, Any], what: str) -> str:
        v = self.text(key)
        if v not in choices:
            raise self.fail(key, f"'{v}' is not {what} (known: {', '.join(choices)})")
        return v

    def named(self) -> tuple[str, str, str]:
        code = self.text("code")
        if not code.replace("_", "").isalnum() or code != code.lower():
            raise self.fail("code", f"'{code}' must be lower-case letters, digits and _")
        return code, self.text("en"), self.text("hi")


def _entries(raw: dict[str, Any], src: _Source, table: str) -> list[_Entry]:
    items = raw.get(table)
    if not isinstance(items, list) or not items:
        raise src.error(None, None, None, f"at least one [[{table}]] entry is required")
    return [_Entry(src, table, i, item) for i, item in enumerate(items)]


def _unique(entries: list[tuple[_Entry, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for e, obj in entries:
        if obj.code in out:
            raise e.fail("code", f"'{obj.code}' appears twice")
        out[obj.code] = obj
    return out


def _expression(e: _Entry, key: str, codes: dict[str, tuple[str, ...]]) -> Expression:
    try:
        return parse_expression(e.text(key), codes=codes)
    except ExpressionError as exc:
        raise e.fail(key, str(exc)) from None


def parse_clts_policy(text: str, *, source: str = "<clts policy>") -> CltsPolicy:
    """Parse and check CLTS policy TOML text; PolicyError names the line and key at fault."""
    src = _Source(text, source)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{source}: {exc}") from None
    for key in raw:
        if key not in (*_TABLES, "policy", "case_id", "rescue", "follow_up", "report"):
            raise src.error(key, None, None, "is not a section of the CLTS policy")
    meta = _Entry(src, "policy", None, raw.get("policy"))
    ids = _Entry(src, "case_id", None, raw.get("case_id", {"serial_block": 10000, "base": 0}))
    rescue = _Entry(src, "rescue", None, raw.get("rescue", {"max_age_years": 18}))

    def simple(table: str) -> dict[str, Named]:
        return _unique(
            [
                (e, Named(*e.named(), clts_value=e.text("clts_value", required=False)))
                for e in _entries(raw, src, table)
            ]
        )

    departments = _unique(
        [
            (
                e,
                Department(
                    *e.named(),
                    short_en=e.text("short_en"),
                    short_hi=e.text("short_hi"),
                    office_en=e.text("office_en"),
                    office_hi=e.text("office_hi"),
                ),
            )
            for e in _entries(raw, src, "department")
        ]
    )
    industries = _unique(
        [
            (
                e,
                Industry(
                    *e.named(),
                    clts_value=e.text("clts_value", required=False),
                    hazardous=e.flag("hazardous"),
                    basis=e.text("basis", required=False),
                    verified=e.flag("verified", default=False),
                ),
            )
            for e in _entries(raw, src, "industry")
        ]
    )
    fir = _unique(
        [
            (
                e,
                FirSection(
                    *e.named(),
                    clts_value=e.text("clts_value", required=False),
                    act=e.text("act"),
                    section=e.text("section"),
                    verified=e.flag("verified", default=False),
                ),
            )
            for e in _entries(raw, src, "fir_section")
        ]
    )
    orders = _unique(
        [
            (
                e,
                CwcOrderKind(
                    *e.named(),
                    card=e.flag("card"),
                    restoration=e.flag("restoration", default=False),
                    clts_value=e.text("clts_value", required=False),
                ),
            )
            for e in _entries(raw, src, "cwc_order")
        ]
    )
    codes = {"child.cwc_order": tuple(orders)}
    comp: list[tuple[_Entry, CompensationLine]] = []
    for e in _entries(raw, src, "compensation"):
        line = CompensationLine(
            *e.named(),
            amount=e.whole("amount", least=1),
            payer=e.choice("payer", PAYERS, "a payer"),
            office=e.text("office"),
            basis=e.text("basis"),
            verified=e.flag("verified"),
            applies=_expression(e, "applies", codes),
            rescued_from=e.day("rescued_from"),
            rescued_before=e.day("rescued_before"),
        )
        if line.rescued_from and line.rescued_before and line.rescued_from >= line.rescued_before:
            raise e.fail("rescued_before", "must be later than rescued_from")
        comp.append((e, line))
    compensation = _unique(comp)
    schemes: list[tuple[_Entry, Scheme]] = []
    for e in _entries(raw, src, "entitlement"):
        links = e.raw.get("compensation", [])
        if not isinstance(links, list) or not all(isinstance(x, str) for x in links):
            raise e.fail("compensation", "must be a list of compensation codes")
        for link in links:
            if link not in compensation:
                raise e.fail(
                    "compensation",
                    f"'{link}' is not a compensation line (known: {', '.join(compensation)})",
                )
        if links and "status_from" in e.raw:
            raise e.fail("status_from", "a scheme takes its status from compensation or from this")
        apply_days = e.whole("apply_within_days")
        receive_days = e.whole("receive_within_days")
        if receive_days < apply_days:
            raise e.fail("receive_within_days", "cannot be less than apply_within_days")
        schemes.append(
            (
                e,
                Scheme(
                    *e.named(),
                    department=e.choice("department", departments, "a department"),
                    subject=e.choice("subject", SUBJECTS, "a subject"),
                    eligibility=_expression(e, "eligibility", codes),
                    compensation=tuple(links),
                    status_from=(
                        e.choice("status_from", STATUS_FROM, "a part of the record")
                        if "status_from" in e.raw
                        else ""
                    ),
                    counted_from=e.choice("counted_from", COUNTED_FROM, "a starting point"),
                    apply_within_days=apply_days,
                    receive_within_days=receive_days,
                    days_verified=e.flag("days_verified", default=False),
                    old_name=e.text("old_name", required=False),
                    notes=e.text("notes", required=False),
                ),
            )
        )
    fu = _Entry(src, "follow_up", None, raw.get("follow_up"))
    months = fu.raw.get("due_months")
    if (
        not isinstance(months, list)
        or not months
        or not all(isinstance(m, int) and not isinstance(m, bool) and m > 0 for m in months)
        or sorted(set(months)) != months
    ):
        raise fu.fail("due_months", "must be a rising list of whole months, e.g. [1, 2, 3, 6]")
    report = _Entry(src, "report", None, raw.get("report", {"age_bands": [0, 10, 15]}))
    bands = report.raw.get("age_bands")
    if (
        not isinstance(bands, list)
        or not bands
        or bands[0] != 0
        or not all(isinstance(b, int) and not isinstance(b, bool) for b in bands)
        or sorted(set(bands)) != bands
    ):
        raise report.fail(
            "age_bands", "must be a rising list of ages starting at 0, e.g. [0, 10, 15]"
        )
    helplines = [
        Helpline(*e.named(), number=e.text("number"), verified=e.flag("verified", default=False))
        for e in _entries(raw, src, "helpline")
    ]
    state = meta.whole("state", least=1)
    return CltsPolicy(
        id=meta.text("id"),
        version=meta.text("version"),
        state=state,
        serial_block=ids.whole("serial_block", default=10000, least=100),
        id_base=ids.whole("base", default=0),
        max_age_years=rescue.whole("max_age_years", least=1),
        departments=departments,
        industries=industries,
        agencies=simple("agency"),
        fir_sections=fir,
        cwc_orders=orders,
        deployed_by=simple("deployed_by"),
        payment_modes=simple("payment_mode"),
        prosecution_outcomes=simple("prosecution_outcome"),
        compensation=compensation,
        schemes=_unique(schemes),
        follow_up=FollowUpSchedule(
            due_months=tuple(months),
            basis=fu.text("basis"),
            basis_hi=fu.text("basis_hi"),
            verified=fu.flag("verified"),
        ),
        helplines=tuple(helplines),
        cm_relief_refusals=simple("cm_relief_refusal"),
        age_bands=tuple(bands),
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


@cache
def load_clts_policy(path: Path = CLTS_POLICY) -> CltsPolicy:
    """Load (once) and check the CLTS policy file at `path`."""
    return parse_clts_policy(path.read_text(encoding="utf-8"), source=path.name)
