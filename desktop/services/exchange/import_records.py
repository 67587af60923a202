"""Full case records (the "clms-children" JSON format): schema check, replay through services.

A record is replayed in the order a caseworker would have typed it: register the
child, add guardians and their visits, change category, update documents, record
orders, SIR, ICP, notes and adoption stages, and finally close the case if it was
closed. Every step is a service call, so it is validated, audited and versioned.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache, partial
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match
from sqlalchemy.orm import Session

from desktop.data import DATA_DIR
from desktop.models import Child, Guardian
from desktop.services.cases import casework
from desktop.services.cases.children import ChildInput, discharge, register_child, transfer_out
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.services.core.validation import parse_date
from desktop.services.exchange.import_columns import CHILD_FIELDS, is_masked_aadhaar

FORMAT = "clms-children"
VERSION = 1
SCHEMA_PATH = DATA_DIR / "import-format.schema.json"

FieldErrors = list[tuple[str | None, str]]

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list [...]",
    "object": "an object {...}",
    "null": "null",
}


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the clms-children format."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def json_path(parts: list[str | int]) -> str:
    """A path inside a record as people read it: guardians[0].visits[2].visit_date."""
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def _explain(err: SchemaError) -> tuple[list[str | int], str]:
    """The path and a plain message for one schema error."""
    path: list[str | int] = list(err.absolute_path)
    inst = err.instance
    if err.validator == "anyOf" and err.context:
        return _explain(best_match(err.context))
    if err.validator == "required" and isinstance(inst, dict):
        missing = [p for p in err.validator_value if p not in inst]
        return path + missing[:1], "is required"
    if err.validator == "additionalProperties" and isinstance(inst, dict):
        known = err.schema.get("properties", {})
        extra = [k for k in inst if k not in known]
        return path + extra[:1], "is not a field of this format (check the spelling)"
    if err.validator == "type":
        vv = err.validator_value
        wanted = vv if isinstance(vv, list) else [vv]
        words = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in wanted if t != "null")
        return path, f"must be {words}, not {json.dumps(inst, ensure_ascii=False)[:40]}"
    if err.validator == "pattern":
        return path, f"must be a date written YYYY-MM-DD, not '{inst}'"
    if err.validator == "const":
        return path, f"must be {json.dumps(err.validator_value)}"
    return path, err.message


def schema_problems(doc: Any) -> Iterator[tuple[int, str | None, str]]:
    """Schema errors as (row, field, message): row = 1-based child, 0 for the file itself."""
    seen: set[tuple[int, str | None, str]] = set()
    for err in _validator().iter_errors(doc):
        path, message = _explain(err)
        if len(path) >= 2 and path[0] == "children" and isinstance(path[1], int):
            item = (path[1] + 1, json_path(path[2:]) or None, message)
        else:
            item = (0, json_path(path) or None, message)
        if item not in seen:
            seen.add(item)
            yield item


def _into(errors: FieldErrors, prefix: str, exc: ServiceError) -> None:
    if isinstance(exc, ValidationError):
        for k, v in exc.errors.items():
            errors.append((f"{prefix}.{k}" if prefix else k, v))
    else:
        errors.append((prefix or None, str(exc)))


def _step(errors: FieldErrors, prefix: str, fn: Callable[[], Any]) -> Any:
    """Run one service call; a refusal is noted under `prefix` and the replay goes on."""
    try:
        return fn()
    except ServiceError as exc:
        _into(errors, prefix, exc)
        return None


def child_input(rec: dict[str, Any]) -> ChildInput:
    """The registration part of a record, as the register form would give it."""
    values: dict[str, Any] = {f: rec.get(f) for f in CHILD_FIELDS}
    if is_masked_aadhaar(values["aadhaar"]):
        values["aadhaar"] = None  # exports carry the masked number only; never stored
    if rec.get("dob_estimated") and rec.get("dob") and rec.get("admission_date"):
        try:
            dob, adm = parse_date(rec["dob"]), parse_date(rec["admission_date"])
        except ValueError:
            pass  # the services will say what is wrong with the dates
        else:
            if dob and adm and values["estimated_age"] in (None, ""):
                # Keep the estimate an estimate: the same age on the same admission date.
                values["estimated_age"] = (adm - dob).days / 365.25
                values["dob"] = None
    if rec.get("category_history"):
        values["category_code"] = None  # the history replays the categories with their orders
    return ChildInput(**values)


def aadhaar_of(rec: dict[str, Any]) -> str | None:
    """The record's Aadhaar as written (None when masked or absent)."""
    value = rec.get("aadhaar")
    return None if not value or is_masked_aadhaar(value) else str(value)


Step = Callable[[Session, Child, dict[str, Any], date], object]


def replay(
    session: Session, rec: dict[str, Any], *, today: date
) -> tuple[Child | None, FieldErrors]:
    """Write one schema-valid record through the services; returns the child and refusals."""
    errors: FieldErrors = []
    try:
        child = register_child(session, child_input(rec), today=today)
    except ServiceError as exc:
        _into(errors, "", exc)
        return None, errors
    for gi, g in enumerate(rec.get("guardians") or []):
        guardian = _step(errors, f"guardians[{gi}]", partial(_guardian, session, child, g, today))
        if guardian is not None:  # a refused guardian's visits have no one to belong to
            for vi, v in enumerate(g.get("visits") or []):
                step = partial(_visit, session, child, v, today, guardian)
                _step(errors, f"guardians[{gi}].visits[{vi}]", step)
    for key, fn in STEPS:
        for i, item in enumerate(rec.get(key) or []):
            _step(errors, f"{key}[{i}]", partial(fn, session, child, item, today))
    if rec.get("exit"):
        _step(errors, "exit", partial(_close, session, child, rec["exit"], today))
    return child, errors


def _guardian(session: Session, child: Child, g: dict[str, Any], today: date) -> Guardian:
    return casework.add_guardian(
        session,
        child,
        name=g["name"],
        relation=g["relation"],
        life_status=g.get("life_status") or "alive",
        deceased_on=g.get("deceased_on"),
        name_local=g.get("name_local"),
        phone=g.get("phone"),
        address=g.get("address"),
    )


def _visit(
    session: Session,
    child: Child,
    v: dict[str, Any],
    today: date,
    guardian: Guardian | None = None,
) -> object:
    role = v.get("visitor_role")
    mode = v.get("mode") or "in_person"
    if role is None and (guardian is not None or mode == "home_visit"):
        # Under a guardian: that guardian's visit; a home visit is the social worker's.
        role = "social_worker" if mode == "home_visit" else "guardian"
    return casework.log_visit(
        session,
        child,
        visit_date=v["visit_date"],
        guardian=guardian,
        visitor_role=role,
        visitor_name=v.get("visitor_name"),
        mode=mode,
        notes=v.get("notes"),
        today=today,
    )


def _category(session: Session, child: Child, ch: dict[str, Any], today: date) -> object:
    return casework.change_category(
        session,
        child,
        to_code=ch["to_code"],
        reason=ch["reason"],
        order_ref=ch.get("order_ref"),
        effective_on=ch.get("effective_on"),
        today=today,
    )


def _order(session: Session, child: Child, o: dict[str, Any], today: date) -> object:
    return casework.record_order(
        session,
        child,
        order_no=o["order_no"],
        order_date=o["order_date"],
        order_type=o["order_type"],
        summary=o.get("summary"),
        next_review_on=o.get("next_review_on"),
        today=today,
    )


def _sir(session: Session, child: Child, s: dict[str, Any], today: date) -> object:
    return casework.record_sir(
        session,
        child,
        requested_on=s.get("requested_on"),
        completed_on=s.get("completed_on"),
        officer=s.get("officer"),
        summary=s.get("summary"),
        today=today,
    )


def _icp(session: Session, child: Child, p: dict[str, Any], today: date) -> object:
    return casework.record_icp(
        session,
        child,
        prepared_on=p["prepared_on"],
        review_due_on=p.get("review_due_on"),
        summary=p.get("summary"),
        today=today,
    )


def _note(session: Session, child: Child, n: dict[str, Any], today: date) -> object:
    return casework.add_note(
        session, child, text=n["text"], note_date=n.get("note_date"), today=today
    )


def _stage(session: Session, child: Child, a: dict[str, Any], today: date) -> object:
    return casework.move_adoption_stage(
        session,
        child,
        stage=a["stage"],
        entered_on=a.get("entered_on"),
        note=a.get("note"),
        today=today,
    )


def _document(session: Session, child: Child, d: dict[str, Any], today: date) -> None:
    if d.get("status") == "verified" and d.get("obtained_on"):
        # Two steps keep both dates: obtained first, verified later.
        casework.set_document_status(
            session,
            child,
            doc_type=d["doc_type"],
            status="obtained",
            on=d["obtained_on"],
            today=today,
        )
    casework.set_document_status(
        session,
        child,
        doc_type=d["doc_type"],
        status=d.get("status") or "",
        on=d.get("on"),
        note=d.get("note"),
        today=today,
    )


def _close(session: Session, child: Child, ex: dict[str, Any], today: date) -> None:
    if str(ex.get("status") or "").strip().lower() == "transferred":
        transfer_out(
            session,
            child,
            to_institution=ex.get("to_institution") or "",
            transfer_date=ex.get("date") or "",
            order_no=ex.get("order_no"),
            reason=ex.get("reason"),
            today=today,
        )
    else:
        discharge(
            session,
            child,
            status=ex.get("status") or "",
            exit_date=ex.get("date") or "",
            reason=ex.get("reason") or "",
            order_no=ex.get("order_no"),
            today=today,
        )


# After the guardians, in the order a case is written: the category decides the
# checklist before the documents are marked, and the case is closed last.
STEPS: tuple[tuple[str, Step], ...] = (
    ("visits", _visit),
    ("category_history", _category),
    ("documents", _document),
    ("orders", _order),
    ("sir", _sir),
    ("icp", _icp),
    ("notes", _note),
    ("adoption_stages", _stage),
)
