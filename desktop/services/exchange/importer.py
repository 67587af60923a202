"""Bulk import of children: a register (CSV or Excel) or full case records (JSON).

Every row goes through the same services as the forms, so an imported child is
validated, coded, audited and versioned exactly like one typed in. Each row runs
in its own SAVEPOINT inside one SAVEPOINT for the whole import: a refused row is
rolled back on its own, and the import as a whole is kept or rolled back at the
end (all-or-nothing unless `partial`; always rolled back on a dry run). The
caller owns the Session and its transaction: a kept import is committed when the
caller commits.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.models import Child
from desktop.services.cases.casework import add_guardian
from desktop.services.cases.children import ChildInput, register_child
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.services.core.permissions import Permission, require
from desktop.services.core.validation import clean_aadhaar
from desktop.services.exchange import import_records
from desktop.services.exchange.import_columns import (
    CHILD_FIELDS,
    cell_text,
    child_value,
    life_status_value,
    parent_name,
    plan_columns,
    relation_value,
)
from desktop.services.exchange.import_duplicates import (
    DuplicatePolicy,
    DuplicateRow,
    check_row,
    link,
    probe_of,
    shown_name,
)
from desktop.services.exchange.import_files import (
    MAX_CELL_CHARS,
    Unreadable,
    check_xlsx,
    long_values,
    read_json,
)
from desktop.services.exchange.import_files import read_csv as _read_csv

Progress = Callable[[int, int], None]
FieldErrors = list[tuple[str | None, str]]
Writer = Callable[[Session, date], tuple[Child | None, FieldErrors]]

SUFFIXES = (".csv", ".xlsx", ".json")
# Without these a register row can never pass, so a missing column is reported once.
NEEDED_COLUMNS = ("first_name", "gender", "admission_date")


@dataclass
class RowProblem:
    """One thing wrong with one row; row 1 is the header row, row 0 the file as a whole."""

    row: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = "file" if self.row == 0 else f"row {self.row}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


@dataclass
class ImportReport:
    """What an import found and did.

    `valid` rows passed every check; `imported` rows were kept in the session
    (0 on a dry run or when an all-or-nothing import was refused). `committed`
    says the import's writes were kept; the caller's commit makes them permanent.
    """

    total_rows: int
    imported: int
    problems: list[RowProblem]
    dry_run: bool
    committed: bool
    valid: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    notices: list[RowProblem] = field(default_factory=list)  # to check; they refuse nothing
    # Rows likely the same child as an existing one or an earlier row (import_duplicates).
    duplicates: list[DuplicateRow] = field(default_factory=list)
    skipped: int = 0  # likely duplicates left out (policy or the row's choice: skip)
    linked: int = 0  # likely duplicates merged into the child they match (link)

    @property
    def bad_rows(self) -> list[int]:
        """Numbers of the rows with at least one problem (the file itself left out)."""
        return sorted({p.row for p in self.problems if p.row > 0})

    def summary(self) -> str:
        """A plain report for the screen or the terminal, one line per problem."""
        bad = len(self.bad_rows)
        lines = [f"{self.total_rows} rows read: {self.valid} valid, {bad} with problems."]
        if self.dry_run:
            lines.append(
                f"Dry run: nothing was written; {self.valid} of {self.total_rows} rows "
                "passed every check."
            )
        elif self.committed:
            lines.append(f"Imported {self.imported} children.")
        if self.skipped or self.linked:
            lines.append(
                f"Likely duplicates: {self.skipped} skipped, {self.linked} linked to the child "
                "they match."
            )
            if self.problems:
                lines.append("The rows with problems below were left out.")
        else:
            lines.append(
                "Nothing was written: fix the rows below and import again "
                "(or import with 'partial' to keep the good rows)."
            )
        if self.duplicates:
            lines.append(
                f"{len(self.duplicates)} rows are likely the same child as another "
                "(choose for each: --duplicate-row N=skip|link|add, or --duplicates):"
            )
            lines.extend("  " + d.line(self.dry_run) for d in self.duplicates)
        if self.ignored_columns:
            lines.append("Columns not used: " + ", ".join(self.ignored_columns))
        lines.extend(str(p) for p in self.problems)
        if self.notices:
            lines.append("Check these values (the lines were not UTF-8 text):")
            lines.extend(str(p) for p in self.notices)
        return "\n".join(lines)


@dataclass
class _Row:
    """One row waiting to be written: its number, Aadhaar (for duplicates) and the writer."""

    row: int
    aadhaar: str | None
    write: Writer
    problems: list[RowProblem] = field(default_factory=list)
    # Who the row's child is (for the duplicate check): the registration and guardian names.
    identity: tuple[ChildInput, tuple[str | None, ...]] | None = None


def import_file(
    session: Session,
    path: Path,
    *,
    dry_run: bool = False,
    partial: bool = False,
    mapping: dict[str, str] | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    duplicates: DuplicatePolicy | None = None,
) -> ImportReport:
    """Import children from a .csv / .xlsx register or a .json file of full records.

    Every row is checked for a likely duplicate (`import_duplicates`); `duplicates` says
    what to do with one (default: add it, and list it in the report)."""
    require(session, Permission.IMPORT)
    today = today or date.today()
    path = Path(path)
    suffix = path.suffix.lower()
    ignored: list[str] = []
    notices: list[RowProblem] = []
    try:
        if suffix == ".json":
            rows, early = _json_rows(path)
        elif suffix in (".csv", ".xlsx"):
            legacy: set[int] = set()
            if suffix == ".csv":
                text = _read_csv(path)
                headers, cells = _split_header(text.records)
                legacy = text.cp1252_records
            else:
                headers, cells = _read_xlsx(path)
            rows, early, ignored, notices = _register_rows(headers, cells, mapping, legacy)
        else:
            raise Unreadable(
                f"cannot import '{path.suffix or path.name}' files; use {', '.join(SUFFIXES)}"
                + (" (save the workbook as .xlsx)" if suffix == ".xls" else "")
            )
    except Unreadable as exc:
        return ImportReport(0, 0, [RowProblem(0, None, str(exc))], dry_run, committed=False)
    if early:  # the file as a whole is wrong: no row is tried
        return ImportReport(
            len(rows), 0, early, dry_run, committed=False, ignored_columns=ignored, notices=notices
        )
    report = _run(
        session,
        rows,
        today=today,
        dry_run=dry_run,
        partial=partial,
        progress=progress,
        duplicates=duplicates or DuplicatePolicy(),
    )
    report.ignored_columns = ignored
    report.notices = notices
    return report


def _run(
    session: Session,
    rows: list[_Row],
    *,
    today: date,
    dry_run: bool,
    partial: bool,
    progress: Progress | None,
    duplicates: DuplicatePolicy | None = None,
) -> ImportReport:
    """Write every row in its own savepoint inside one savepoint for the import."""
    problems: list[RowProblem] = []
    dup_rows: list[DuplicateRow] = []
    row_of_child: dict[int, int] = {}  # children this import registered -> their rows
    skipped = linked = 0
    codes: list[str] = []
    first_row_of: dict[str, int] = {}
    total = len(rows)
    outer = session.begin_nested()
    child_ids: list[int] = []
    # Rules run once over the imported children at the end, not after every row.
    was_skipping = session.info.get("skip_flag_eval", False)
    session.info["skip_flag_eval"] = True
    try:
        for done, r in enumerate(rows, start=1):
            row_problems = list(r.problems)
            dup = None
            if r.aadhaar:
                if r.aadhaar in first_row_of:
                    dup = RowProblem(
                        r.row, "aadhaar", f"the same Aadhaar is on row {first_row_of[r.aadhaar]}"
                    )
                else:
                    first_row_of[r.aadhaar] = r.row
            found = None
            if not row_problems and dup is None and duplicates and duplicates.checks and r.identity:
                probe = probe_of(*r.identity, today)
                if probe is not None:
                    matches = check_row(
                        session, probe, row_of_child=row_of_child, min_score=duplicates.min_score
                    )
                    if matches:
                        action = duplicates.for_row(r.row)
                        found = DuplicateRow(r.row, shown_name(r.identity[0]), matches, action)
                        dup_rows.append(found)
            if found is not None and found.action == "skip":
                skipped += 1
            elif not row_problems:
                savepoint = session.begin_nested()
                try:
                    child, errors = r.write(session, today)
                    if child is not None and not errors and dup is None and found is not None:
                        if found.action == "link":
                            errors = _link(session, child, found, today)
                except BaseException:
                    savepoint.rollback()
                    raise
                if dup is not None:  # our message says where the first copy is
                    errors = [e for e in errors if e[0] != "aadhaar"]
                row_problems = [RowProblem(r.row, f, m) for f, m in errors]
                if row_problems or dup is not None or child is None:
                    savepoint.rollback()
                elif found is not None and found.linked_to is not None:
                    savepoint.commit()
                    linked += 1
                    child_ids.append(found.matches[0].child_id)
                else:
                    savepoint.commit()
                    codes.append(child.code)
                    child_ids.append(child.id)
                    row_of_child[child.id] = r.row
            if dup is not None:
                row_problems.insert(0, dup)
            problems.extend(row_problems)
            if progress is not None:
                progress(done, total)
        keep = not dry_run and (partial or not problems)
        if keep:
            outer.commit()
        else:
            outer.rollback()
    except BaseException:
        if outer.is_active:
            outer.rollback()
        raise
    finally:
        session.info["skip_flag_eval"] = was_skipping
    if keep and child_ids and not was_skipping:
        from desktop.services.flags.evaluate import evaluate_children

        evaluate_children(session, child_ids, as_of=session.info.get("as_of") or today)
    return ImportReport(
        total_rows=total,
        imported=len(codes) if keep else 0,
        problems=problems,
        dry_run=dry_run,
        committed=keep,
        valid=len(codes) + linked,
        codes=codes if keep else [],
        duplicates=dup_rows,
        skipped=skipped,
        linked=linked if keep else 0,
    )


def _link(session: Session, child: Child, found: DuplicateRow, today: date) -> FieldErrors:
    """Merge a row's new child into the child it matches (the row's `link` choice)."""
    try:
        target = link(session, child, found.matches[0], row=found.row, today=today)
    except ServiceError as exc:
        return [(None, f"could not link to {found.matches[0].code}: {m}") for _f, m in _errors(exc)]
    found.linked_to = target.code
    return []


# --- registers (CSV / Excel) --------------------------------------------------------


def _read_xlsx(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """Header and data rows of the first sheet of an Excel workbook."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_xlsx(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise Unreadable(f"not a readable Excel (.xlsx) file: {exc}") from None
    try:
        if not wb.worksheets:
            raise Unreadable("the workbook has no sheets")
        records = [list(r) for r in wb.worksheets[0].iter_rows(min_row=1, values_only=True)]
    finally:
        wb.close()
    return _split_header(records)


def _split_header(records: list[list[Any]]) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """The header (first non-blank row) and the non-blank rows after it, numbered from 1."""
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(cell_text(c) for c in r)]
    if not numbered:
        raise Unreadable("the file is empty")
    (_, header), data = numbered[0], numbered[1:]
    return header, data


def _register_rows(
    headers: list[Any],
    cells: list[tuple[int, list[Any]]],
    mapping: dict[str, str] | None,
    legacy: set[int] = frozenset(),  # type: ignore[assignment]
) -> tuple[list[_Row], list[RowProblem], list[str], list[RowProblem]]:
    """One pending row per register line, plus header problems, ignored columns, and a
    note for each value read as Windows-1252 (rows numbered as in `legacy`)."""
    names = ["" if h is None else str(h).strip() for h in headers]
    plan = plan_columns(names, mapping)
    have = set(plan.fields.values())
    early = [
        RowProblem(1, f, f"no column for this field (columns: {', '.join(n for n in names if n)})")
        for f in NEEDED_COLUMNS
        if f not in have
    ]
    if not have & {"dob", "estimated_age"}:
        early.append(RowProblem(1, "dob", "no column for the date of birth or the age"))
    rows: list[_Row] = []
    notices: list[RowProblem] = []
    for n, line in cells:
        values = {
            f: cell_text(line[col]) if col < len(line) else None for col, f in plan.fields.items()
        }
        too_long = [
            RowProblem(n, f, f"is longer than {MAX_CELL_CHARS:,} characters ({len(v):,})")
            for f, v in values.items()
            if v is not None and len(v) > MAX_CELL_CHARS
        ]
        if n in legacy:
            notices += [
                RowProblem(n, f, f"decoded as Windows-1252; check '{v[:60]}'")
                for f, v in values.items()
                if v is not None and not v.isascii()
            ]
        aadhaar = child_value("aadhaar", values.get("aadhaar"))
        rows.append(
            _Row(
                row=n,
                aadhaar=_aadhaar_key(aadhaar),
                write=_register_writer(values),
                problems=too_long,
                identity=_register_identity(values),
            )
        )
    return rows, early, plan.ignored, notices


def _register_identity(values: dict[str, str | None]) -> tuple[ChildInput, tuple[str | None, ...]]:
    """The row's child and guardian names, as the duplicate check reads them."""
    fields: dict[str, Any] = {f: child_value(f, values.get(f)) for f in CHILD_FIELDS}
    data = ChildInput(**fields)
    names = tuple(parent_name(values.get(f))[0] for f in ("father_name", "mother_name"))
    return data, (*names, parent_name(values.get("guardian_name"))[0])


def _aadhaar_key(value: str | None) -> str | None:
    try:
        return clean_aadhaar(value)
    except ValueError:
        return None  # the service reports the bad number


@dataclass
class _GuardianSpec:
    """An add_guardian call from a register row, and the column behind each argument."""

    kwargs: dict[str, Any]
    columns: dict[str, str]


def _guardians_of(values: dict[str, str | None]) -> tuple[list[_GuardianSpec], FieldErrors]:
    """Father, mother and the named guardian of a register row."""
    specs: list[_GuardianSpec] = []
    errors: FieldErrors = []
    for relation in ("father", "mother"):
        name, life = parent_name(values.get(f"{relation}_name"))
        if name:
            kwargs: dict[str, Any] = {"name": name, "relation": relation, "life_status": life}
            specs.append(_GuardianSpec(kwargs, {"name": f"{relation}_name"}))
    g = {k: values.get(f"guardian_{k}") for k in ("relation", "life_status", "name_local")}
    contact = {k: values.get(f"guardian_{k}") for k in ("phone", "address")}
    name, life = parent_name(values.get("guardian_name"))
    if name:
        kwargs = {
            "name": name,
            "relation": relation_value(g["relation"]),
            "life_status": life_status_value(g["life_status"])
            or ("deceased" if life == "deceased" else "alive"),
            "name_local": g["name_local"],
            **contact,
        }
        columns = {k: f"guardian_{k}" for k in kwargs}
        specs.append(_GuardianSpec(kwargs, columns))
    elif any(g.values()) or (any(contact.values()) and not specs):
        errors.append(("guardian_name", "is required when other guardian columns are filled"))
    elif any(contact.values()):
        # "Phone"/"Address" next to "Father's Name": the register means that parent.
        specs[0].kwargs.update(contact)
        specs[0].columns.update({k: f"guardian_{k}" for k in contact})
    return specs, errors


def _register_writer(values: dict[str, str | None]) -> Writer:
    """The writer for one register row: register the child, then add its guardians."""

    def write(session: Session, today: date) -> tuple[Child | None, FieldErrors]:
        specs, errors = _guardians_of(values)
        fields: dict[str, Any] = {f: child_value(f, values.get(f)) for f in CHILD_FIELDS}
        data = ChildInput(**fields)
        try:
            child = register_child(session, data, today=today)
        except ServiceError as exc:
            return None, _errors(exc) + errors
        for spec in specs:
            try:
                add_guardian(session, child, **spec.kwargs)
            except ServiceError as exc:
                errors += [(spec.columns.get(f or "", f), m) for f, m in _errors(exc)]
        return child, errors

    return write


def _errors(exc: ServiceError) -> FieldErrors:
    if isinstance(exc, ValidationError):
        return [(f, m) for f, m in exc.errors.items()]
    return [(None, str(exc))]


# --- full records (JSON) ----------------------------------------------------------


def _json_rows(path: Path) -> tuple[list[_Row], list[RowProblem]]:
    """One pending row per child of a clms-children file, with its schema problems."""
    doc = read_json(path)
    by_row: dict[int, list[RowProblem]] = {}
    for row, f, message in import_records.schema_problems(doc):
        by_row.setdefault(row, []).append(RowProblem(row, f, message))
    for where, size in long_values(doc):
        if len(where) >= 2 and where[0] == "children" and isinstance(where[1], int):
            row, name = where[1] + 1, import_records.json_path(where[2:]) or None
        else:
            row, name = 0, import_records.json_path(where) or None
        message = f"is longer than {MAX_CELL_CHARS:,} characters ({size:,})"
        by_row.setdefault(row, []).append(RowProblem(row, name, message))
    if 0 in by_row:
        children = doc.get("children") if isinstance(doc, dict) else None
        count = len(children) if isinstance(children, list) else 0
        return [_Row(i, None, _never) for i in range(1, count + 1)], by_row[0]
    rows = []
    for i, rec in enumerate(doc["children"], start=1):
        writer = _record_writer(rec)
        aadhaar = import_records.aadhaar_of(rec) if isinstance(rec, dict) else None
        identity = None
        if isinstance(rec, dict):
            gs = rec.get("guardians")  # anything but a list is refused by the row's writer
            gs = gs if isinstance(gs, list) else []
            names = tuple(g.get("name") for g in gs if isinstance(g, dict))
            identity = (import_records.child_input(rec), names)
        rows.append(_Row(i, _aadhaar_key(aadhaar), writer, by_row.get(i, []), identity))
    return rows, []


def _never(session: Session, today: date) -> tuple[Child | None, FieldErrors]:
    raise AssertionError("rows of a refused file are never written")


def _record_writer(rec: dict[str, Any]) -> Writer:
    def write(session: Session, today: date) -> tuple[Child | None, FieldErrors]:
        return import_records.replay(session, rec, today=today)

    return write


# --- for other registers (the child-labour register, desktop.services.clts.register) -----

PendingRow = _Row


def read_register(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """Header and numbered data rows of a .csv or .xlsx register; ValueError if unreadable."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(
            f"cannot import '{Path(path).suffix or Path(path).name}' files; use .csv or .xlsx"
            + (" (save the workbook as .xlsx)" if suffix == ".xls" else "")
        )
    try:
        if suffix == ".csv":
            return _split_header(_read_csv(path).records)
        return _read_xlsx(path)
    except Unreadable as exc:
        raise ValueError(str(exc)) from None


def run_rows(
    session: Session,
    rows: list[_Row],
    *,
    today: date,
    dry_run: bool,
    partial: bool,
    progress: Progress | None = None,
) -> ImportReport:
    """Write pending rows as the children's import does (savepoints, dry run, all or nothing)."""
    return _run(session, rows, today=today, dry_run=dry_run, partial=partial, progress=progress)
