"""The CLTS register: one row a rescued child, with the household and compensation columns.

Import reads a .csv or .xlsx register (from CLTS as built, a district's own sheet, or our
export) with the children's import's machinery: every row through the same services as
the forms, each in its own savepoint, a dry run that writes nothing, all-or-nothing unless
partial, and a report naming the row and the column of every problem. A row whose
`child_code` is on this install opens the case on that child; otherwise the child is
registered too (referred by the labour department, category 20 unless given). A CLTS ID
already recorded here (ours or one brought from CLTS as built) is refused, so importing
the same register twice adds nothing.

Export writes the same columns, so a register goes out and comes back unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Child, CltsCase, CltsHousehold
from desktop.rules.clts_policy import CltsPolicy, load_clts_policy
from desktop.services.cases.children import ChildInput, get_child, register_child
from desktop.services.clts.compensation import update_line
from desktop.services.clts.derive import lines_of
from desktop.services.clts.facts import members_of
from desktop.services.clts.household import add_member, save_household
from desktop.services.clts.rescue import open_case, refresh_once, update_case
from desktop.services.core.errors import NotFound, ServiceError, ValidationError
from desktop.services.core.permissions import Permission, require
from desktop.services.exchange.import_columns import cell_text, child_value, header_key, parent_name
from desktop.services.exchange.importer import (
    FieldErrors,
    ImportReport,
    PendingRow,
    Progress,
    RowProblem,
    read_register,
    run_rows,
)

CHILD_COLUMNS = (
    "child_code",
    "first_name",
    "last_name",
    "name_local",
    "gender",
    "dob",
    "estimated_age",
    "admission_date",
    "category_code",
)
# The case's own fields, by the names of `rescue.validate_case` (column = field).
CASE_COLUMNS = (
    "clts_id",
    "rescue_on",
    "rescue_district",
    "rescue_block",
    "rescue_village",
    "rescue_place",
    "agencies",
    "establishment",
    "employer_name",
    "employer_address",
    "industry",
    "industry_other",
    "hazardous",
    "bonded",
    "trafficked",
    "wage_per_month",
    "wages_due",
    "fir_no",
    "fir_on",
    "fir_police_station",
    "fir_sections",
    "origin_state",
    "origin_district",
    "origin_district_name",
    "origin_block",
    "origin_village",
    "cwc_name",
    "produced_on",
    "final_order",
    "final_order_on",
    "final_order_no",
    "restored_on",
    "bank_account_no",
    "bank_ifsc",
    "bank_name",
    "bank_aadhaar_linked",
    "bank_aadhaar_last4",
    "school_type",
    "enrolled_on",
)
# household_* columns feed the household's fields of the same name (head -> head_name).
HOUSEHOLD_COLUMNS = (
    "household_head",
    "father_name",
    "mother_name",
    "household_area",
    "household_social_category",
    "household_bpl",
    "household_ration_card",
    "household_ration_card_no",
    "household_job_card",
    "household_job_card_no",
    "household_landless",
    "household_land_decimal",
    "household_homestead_land",
    "household_housing",
    "household_village",
    "household_panchayat",
    "household_block",
    "household_police_station",
    "household_pin",
)
# What happened to the money: <line>_ordered_on / _order_ref / _paid_on / _paid_amount /
# _payment_ref / _payment_mode for these lines ("relief" is the case's relief package).
MONEY_LINES = ("relief", "cm_relief", "employer_recovery", "state_contribution")
MONEY_PARTS = ("ordered_on", "order_ref", "paid_on", "paid_amount", "payment_ref", "payment_mode")
MONEY_COLUMNS = tuple(f"{line}_{part}" for line in MONEY_LINES for part in MONEY_PARTS)
COLUMNS = CHILD_COLUMNS + CASE_COLUMNS + HOUSEHOLD_COLUMNS + MONEY_COLUMNS
NEEDED = ("rescue_on", "industry", "agencies")
# CLTS as built's labels for some columns (compared without case or punctuation).
ALIASES = {
    "child_id": "clts_id",
    "clts_child_id": "clts_id",
    "name_of_the_child": "first_name",
    "child_name": "first_name",
    "sex": "gender",
    "date_of_birth": "dob",
    "age": "estimated_age",
    "date_time_of_rescue": "rescue_on",
    "date_of_rescue": "rescue_on",
    "rescued_by": "agencies",
    "work_involved_in": "industry",
    "employer_address": "employer_address",
    "fir_number": "fir_no",
    "date_of_fir": "fir_on",
    "name_of_police_station": "fir_police_station",
    "date_of_production_before_cwc": "produced_on",
    "type_of_final_order": "final_order",
    "date_of_final_order": "final_order_on",
    "fathers_name": "father_name",
    "mothers_name": "mother_name",
    "bank_account_no": "bank_account_no",
    "ifsc_code": "bank_ifsc",
}
_HH_FIELD = {
    c: c.removeprefix("household_") for c in HOUSEHOLD_COLUMNS if c.startswith("household_")
}
_HH_FIELD["household_head"] = "head_name"
_BACK = {v: k for k, v in _HH_FIELD.items()}  # household field -> its column
Writer = Callable[[Session, date], tuple[Child | None, FieldErrors]]


def _plan(headers: list[Any]) -> tuple[dict[int, str], list[str]]:
    by_col: dict[int, str] = {}
    taken: set[str] = set()
    ignored: list[str] = []
    for col, h in enumerate(headers):
        text = "" if h is None else str(h).strip()
        key = header_key(text)
        field = key if key in COLUMNS else ALIASES.get(key)
        if field and field not in taken:
            by_col[col] = field
            taken.add(field)
        elif text:
            ignored.append(text)
    return by_col, ignored


def _errors(exc: ServiceError, rename: dict[str, str] | None = None) -> FieldErrors:
    if isinstance(exc, ValidationError):
        return [((rename or {}).get(f, f), m) for f, m in exc.errors.items()]
    return [(None, str(exc))]


def _child(
    session: Session, v: dict[str, str | None], today: date
) -> tuple[Child | None, FieldErrors]:
    code = v.get("child_code")
    if code:
        try:
            return get_child(session, code), []
        except NotFound:
            pass  # a register from another install: the child is registered here
    rescued = v.get("produced_on") or v.get("rescue_on")
    data = ChildInput(
        first_name=v.get("first_name"),
        last_name=v.get("last_name"),
        name_local=v.get("name_local"),
        gender=child_value("gender", v.get("gender")),
        dob=child_value("dob", v.get("dob")),
        estimated_age=child_value("estimated_age", v.get("estimated_age")),
        admission_date=v.get("admission_date") or rescued,
        referral="labour_dept",
        category_code=child_value("category_code", v.get("category_code")) or 20,
    )
    try:
        return register_child(session, data, today=today), []
    except ServiceError as exc:
        return None, _errors(exc)


def _writer(values: dict[str, str | None], policy: CltsPolicy) -> Writer:
    def write(session: Session, today: date) -> tuple[Child | None, FieldErrors]:
        legacy = (values.get("clts_id") or "").strip().upper()
        if legacy:
            known = session.scalars(
                select(CltsCase.clts_id).where(
                    (CltsCase.legacy_id == legacy) | (CltsCase.clts_id == legacy)
                )
            ).first()
            if known:
                return None, [("clts_id", f"{legacy} is already recorded here (case {known})")]
        child, errors = _child(session, values, today)
        if child is None:
            return None, errors
        case_data = {
            f: values.get(f) for f in CASE_COLUMNS if f != "clts_id" and values.get(f) is not None
        }
        if values.get("clts_id"):
            case_data["legacy_id"] = values["clts_id"]
        later: dict[str, Any] = {
            k: case_data.pop(k)
            for k in ("final_order", "final_order_on", "final_order_no", "restored_on")
            if k in case_data
        }
        try:
            case = open_case(session, child, case_data, today=today, policy=policy)
        except ServiceError as exc:
            return None, errors + _errors(exc, {"legacy_id": "clts_id"})
        with refresh_once(session, case, today=today, policy=policy):
            errors += _household(session, case, values, today, policy)
            if later:
                try:
                    update_case(session, case, later, today=today, policy=policy)
                except ServiceError as exc:
                    errors += _errors(exc)
        errors += _money(session, case, values, today, policy)
        return child, errors

    return write


def _household(
    session: Session, case: CltsCase, v: dict[str, str | None], today: date, policy: CltsPolicy
) -> FieldErrors:
    data = {f: v[c] for c, f in _HH_FIELD.items() if v.get(c) is not None}
    father, father_life = parent_name(v.get("father_name"))
    mother, mother_life = parent_name(v.get("mother_name"))
    if not data and not father and not mother:
        return []
    data.setdefault("head_name", father or mother or "")
    try:
        save_household(session, case, data, today=today, policy=policy)
    except ServiceError as exc:
        return _errors(exc, _BACK)
    errors: FieldErrors = []
    for relation, name, life, column in (
        ("father", father, father_life, "father_name"),
        ("mother", mother, mother_life, "mother_name"),
    ):
        if name:
            try:
                add_member(
                    session,
                    case,
                    {"name": name, "relation": relation, "alive": life != "deceased"},
                    today=today,
                    policy=policy,
                )
            except ServiceError as exc:
                errors += [(column, m) for _f, m in _errors(exc)]
    return errors


def _money(
    session: Session, case: CltsCase, v: dict[str, str | None], today: date, policy: CltsPolicy
) -> FieldErrors:
    errors: FieldErrors = []
    lines = {ln.line: ln for ln in lines_of(session, case)}
    relief = next((c for c in lines if c.startswith("relief_")), None)
    for name in MONEY_LINES:
        changes = {p: v[f"{name}_{p}"] for p in MONEY_PARTS if v.get(f"{name}_{p}") is not None}
        if not changes:
            continue
        code = relief if name == "relief" else name
        line = lines.get(code or "")
        if line is None:
            errors.append(
                (
                    f"{name}_{next(iter(changes))}",
                    f"the case has no '{name}' line to record money on",
                )
            )
            continue
        try:
            update_line(session, case, line, changes, today=today, policy=policy)
        except ServiceError as exc:
            errors += [(f"{name}_{f}" if f in MONEY_PARTS else f, m) for f, m in _errors(exc)]
    return errors


def import_register(
    session: Session,
    path: Path,
    *,
    dry_run: bool = False,
    partial: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    policy: CltsPolicy | None = None,
) -> ImportReport:
    """Import rescued children from a CLTS register (.csv / .xlsx), with the dry-run report."""
    require(session, Permission.IMPORT)
    today = today or date.today()
    policy = policy or load_clts_policy()
    try:
        headers, cells = read_register(Path(path))
    except ValueError as exc:
        return ImportReport(0, 0, [RowProblem(0, None, str(exc))], dry_run, committed=False)
    plan, ignored = _plan(headers)
    have = set(plan.values())
    early = [RowProblem(1, f, "no column for this field") for f in NEEDED if f not in have]
    if "child_code" not in have:
        for f in ("first_name", "gender"):
            if f not in have:
                early.append(RowProblem(1, f, "no column for this field (or give child_code)"))
        if not have & {"dob", "estimated_age"}:
            early.append(RowProblem(1, "dob", "no column for the date of birth or the age"))
    if early:
        return ImportReport(len(cells), 0, early, dry_run, committed=False, ignored_columns=ignored)
    rows = []
    for n, line in cells:
        values = {f: cell_text(line[col]) if col < len(line) else None for col, f in plan.items()}
        rows.append(PendingRow(row=n, aadhaar=None, write=_writer(values, policy)))
    report = run_rows(
        session, rows, today=today, dry_run=dry_run, partial=partial, progress=progress
    )
    report.ignored_columns = ignored
    return report


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "@"):
        return "'" + value  # never a formula when the file is opened in a spreadsheet
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def register_rows(session: Session) -> list[list[Any]]:
    """Every case as a register row (the actor must be allowed CLTS details)."""
    require(session, Permission.SEE_CLTS)
    from desktop.services.core.permissions import scope_filter

    out = []
    q = (
        select(CltsCase, Child)
        .join(Child, Child.id == CltsCase.child_id)
        .where(scope_filter(session))
    )
    for case, child in session.execute(q.order_by(CltsCase.rescue_on, CltsCase.id)):
        row: dict[str, Any] = {
            "child_code": child.code,
            "first_name": child.first_name,
            "last_name": child.last_name,
            "name_local": child.name_local,
            "gender": child.gender,
            "dob": child.dob,
            "admission_date": child.admission_date,
            "category_code": child.category_code,
        }
        for f in CASE_COLUMNS:
            row[f] = getattr(case, "legacy_id" if f == "clts_id" else f)
        row["clts_id"] = case.legacy_id or case.clts_id
        hh = session.get(CltsHousehold, case.household_id) if case.household_id else None
        if hh is not None:
            for column, field in _HH_FIELD.items():
                row[column] = getattr(hh, field)
            for m in members_of(session, hh.id):
                if m.relation in ("father", "mother") and not row.get(f"{m.relation}_name"):
                    row[f"{m.relation}_name"] = m.name if m.alive else f"Late {m.name}"
        for ln in lines_of(session, case):
            name = "relief" if ln.line.startswith("relief_") else ln.line
            if name in MONEY_LINES:
                for p in MONEY_PARTS:
                    row[f"{name}_{p}"] = getattr(ln, p)
        out.append([_cell(row.get(c)) for c in COLUMNS])
    return out


def export_register(session: Session, path: Path) -> int:
    """Write every case as a CLTS register (.xlsx or .csv); returns how many rows."""
    require(session, Permission.EXPORT)
    rows = register_rows(session)
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    if path.suffix.lower() == ".csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(COLUMNS)
        w.writerows(rows)
        tmp.write_text(buf.getvalue(), encoding="utf-8-sig")
    elif path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "CLTS register"
        ws.append(list(COLUMNS))
        for r in rows:
            ws.append(r)
        wb.save(tmp)
    else:
        raise ValueError("write the register as .xlsx or .csv")
    tmp.replace(path)
    return len(rows)
