"""Fuzz (issue 21): every service a form or an import reaches, with arbitrary text, dates,
numbers and sizes, either stores what it was given (read back identical, as the services
normalise it) or refuses with a ValidationError naming the field, writing nothing.

Examples per test: the "default" profile in `make test`; `--hypothesis-profile=long` (or
CLMS_FUZZ=long) for a long campaign. The total is printed at the end of the run.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields as dc_fields
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.models import CaseNote, Child, CwcOrder, DocumentItem, Guardian, GuardianVisit, User
from desktop.services.cases import casework
from desktop.services.cases.children import ChildInput, register_child, update_child
from desktop.services.core.context import SYSTEM
from desktop.services.core.validation import parse_date
from desktop.services.exchange.importer import import_file
from desktop.services.install.users import create_user
from tests.fuzz_support import (
    ANY_TEXT,
    ASHA,
    DATE_TEXT,
    NAME_TEXT,
    NUMBER_TEXT,
    TODAY,
    attempt,
    name_stored,
    text_stored,
)
from tests.helpers import aadhaar, child_input

CHILD_FIELDS = {f.name for f in dc_fields(ChildInput)}
GENDERS = st.sampled_from(["female", "male", "transgender", "F", "boy", ""]) | ANY_TEXT
AADHAAR = st.one_of(
    st.none(),
    st.integers(10**10, 10**11 - 1).map(lambda n: aadhaar(str(n))),
    st.from_regex(r"\A[\d -]{0,16}\Z"),
    ANY_TEXT,
)


@pytest.fixture
def child_id(inst_engine) -> int:
    """One registered child to write case work for."""
    with attempt_session(inst_engine) as s:
        return register_child(s, child_input(), today=TODAY).id


def attempt_session(engine):  # type: ignore[no-untyped-def]
    from desktop.services.core.context import unit_of_work

    return unit_of_work(engine, ASHA, as_of=TODAY)


def _same_date(stored: date | None, given_: Any) -> bool:
    try:
        return stored == parse_date(given_)
    except ValueError:
        return False


FUZZED_CHILD = {
    "first_name": NAME_TEXT | ANY_TEXT,
    "last_name": st.none() | NAME_TEXT | ANY_TEXT,
    "name_local": st.none() | NAME_TEXT | ANY_TEXT,
    "gender": GENDERS,
    "dob": DATE_TEXT,
    "estimated_age": NUMBER_TEXT,
    "identification_marks": st.none() | ANY_TEXT,
    "aadhaar": AADHAAR,
    "disability": st.none() | ANY_TEXT,
    "languages": st.none() | ANY_TEXT,
    "admission_date": DATE_TEXT,
    "referral": st.sampled_from(["childline", "police", "other", "parent"]) | ANY_TEXT,
    "admission_order_no": st.none() | ANY_TEXT,
    "produced_before_cwc_on": DATE_TEXT,
    "medical_exam_on": DATE_TEXT,
    "category_code": NUMBER_TEXT | st.integers(-5, 30),
}


@st.composite
def child_inputs(draw: Any) -> ChildInput:
    """A valid registration with one to four fields replaced by anything (so each field's
    own handling is reached, not only the first refusal)."""
    names = draw(st.lists(st.sampled_from(sorted(FUZZED_CHILD)), min_size=1, max_size=4))
    over = {n: draw(FUZZED_CHILD[n]) for n in names}
    if "estimated_age" in over:
        over.setdefault("dob", None)
    return child_input(**over)


@given(data=child_inputs())
def test_fuzz_register_child(inst_engine, data: ChildInput) -> None:
    """The registration form and register imports: any input is stored as given or refused."""

    def check(arg: Any) -> None:
        s, cid = arg
        c = s.get(Child, cid)
        assert c.first_name == name_stored(data.first_name)
        assert c.last_name == name_stored(data.last_name)
        assert c.name_local == name_stored(data.name_local)
        for f in ("identification_marks", "disability", "languages", "admission_order_no"):
            assert getattr(c, f) == text_stored(getattr(data, f)), f
        assert _same_date(c.admission_date, data.admission_date)
        if c.aadhaar is not None:
            assert c.aadhaar == "".join(ch for ch in str(data.aadhaar) if ch.isdigit())
        if not c.dob_estimated:
            assert _same_date(c.dob, data.dob)

    attempt(inst_engine, CHILD_FIELDS, lambda s: register_child(s, data, today=TODAY).id, check)


@given(
    field=st.sampled_from(sorted(CHILD_FIELDS - {"extra", "category_code"})),
    value=ANY_TEXT,
    reason=st.sampled_from(["Typing mistake at registration", None, ""]) | ANY_TEXT,
)
def test_fuzz_update_child(inst_engine, child_id: int, field: str, value: str, reason) -> None:
    """The edit form: one field changed to anything (with any reason) is stored or refused
    naming a field."""

    def check(s: Any) -> None:
        c = s.get(Child, child_id)
        if field in ("first_name", "last_name", "name_local"):
            assert getattr(c, field) == name_stored(value)
        elif field in ("identification_marks", "disability", "languages", "admission_order_no"):
            assert getattr(c, field) == text_stored(value)

    def call(s: Any) -> None:
        update_child(s, s.get(Child, child_id), {field: value}, reason=reason, today=TODAY)

    attempt(inst_engine, CHILD_FIELDS | {"reason"}, call, check)


@given(
    name=NAME_TEXT | ANY_TEXT,
    relation=st.sampled_from(["mother", "father", "grandparent"]) | ANY_TEXT,
    life=st.sampled_from(["alive", "deceased", "unknown"]) | ANY_TEXT,
    name_local=st.none() | ANY_TEXT,
    phone=st.none() | st.from_regex(r"\A\+?[\d -]{0,16}\Z") | ANY_TEXT,
    address=st.none() | ANY_TEXT,
)
def test_fuzz_add_guardian(inst_engine, child_id, name, relation, life, name_local, phone, address):
    """The guardian form: stored as given (name, address) or refused naming the field."""

    def call(s: Any) -> int:
        child = s.get(Child, child_id)
        return casework.add_guardian(
            s, child, name=name, relation=relation, life_status=life,
            name_local=name_local, phone=phone, address=address,
        ).id  # fmt: skip

    def check(arg: Any) -> None:
        s, gid = arg
        g = s.get(Guardian, gid)
        assert g.name == name_stored(name) and g.name_local == name_stored(name_local)
        assert g.address == text_stored(address)

    fields = {"name", "relation", "life_status", "name_local", "phone", "address"}
    attempt(inst_engine, fields, call, check)


@given(
    visit_date=DATE_TEXT,
    visitor=st.none() | NAME_TEXT | ANY_TEXT,
    role=st.sampled_from(["relative", "social_worker", "volunteer", "other"]) | ANY_TEXT,
    mode=st.sampled_from(["in_person", "phone", "home_visit"]) | ANY_TEXT,
    notes=st.none() | ANY_TEXT,
)
def test_fuzz_log_visit(inst_engine, child_id, visit_date, visitor, role, mode, notes):
    """The visit form: stored as given or refused naming the field."""

    def call(s: Any) -> int:
        v = casework.log_visit(
            s, s.get(Child, child_id), visit_date=visit_date, visitor_name=visitor,
            visitor_role=role, mode=mode, notes=notes, today=TODAY,
        )  # fmt: skip
        return v.id

    def check(arg: Any) -> None:
        s, vid = arg
        v = s.get(GuardianVisit, vid)
        assert _same_date(v.visit_date, visit_date) and v.notes == text_stored(notes)
        assert v.visitor_name == name_stored(visitor)

    fields = {"visit_date", "visitor_name", "visitor_role", "mode", "notes", "guardian"}
    attempt(inst_engine, fields, call, check)


CASE_WORK: dict[str, dict[str, Any]] = {
    "note": {"text": "Met the mother at the gate", "note_date": "2026-01-10"},
    "order": {
        "order_no": "CWC/12/2026",
        "order_date": "2026-01-10",
        "order_type": "interim_care",
        "summary": "Interim care at the home",
        "next_review_on": "2026-04-10",
    },
    "sir": {
        "requested_on": "2026-01-05",
        "completed_on": "2026-01-20",
        "officer": "Rita Sinha",
        "summary": "Family traced in Gaya",
    },
    "icp": {"prepared_on": "2026-01-10", "review_due_on": "2026-04-10", "summary": "School"},
    "category": {"to_code": 5, "reason": "CWC order", "order_ref": "CWC/1", "effective_on": None},
    "stage": {"stage": "recommended", "entered_on": "2026-01-10", "note": None},
    "document": {"doc_type": None, "status": "obtained", "on": "2026-01-10", "note": None},
    "exit": {
        "status": "restored",
        "exit_date": "2026-01-10",
        "reason": "Restored to the mother",
        "order_no": "CWC/9",
    },
}
CALLS: dict[str, Any] = {
    "note": casework.add_note,
    "order": casework.record_order,
    "sir": casework.record_sir,
    "icp": casework.record_icp,
    "category": casework.change_category,
    "stage": casework.move_adoption_stage,
    "document": casework.set_document_status,
}
FUZZ_VALUE = st.one_of(ANY_TEXT, DATE_TEXT, NUMBER_TEXT, st.integers(-3, 25))


@st.composite
def case_work(draw: Any) -> tuple[str, dict[str, Any]]:
    """One kind of case work, valid but for one or two arguments replaced by anything."""
    kind = draw(st.sampled_from(sorted(CASE_WORK)))
    kwargs = dict(CASE_WORK[kind])
    for name in draw(st.lists(st.sampled_from(sorted(kwargs)), min_size=1, max_size=2)):
        kwargs[name] = draw(FUZZ_VALUE)
    return kind, kwargs


@given(work=case_work())
def test_fuzz_case_work(inst_engine, child_id, work):
    """Notes, CWC orders, SIR, ICP, category changes, adoption stages, documents and exits
    with anything in one or two of their fields: stored as given or refused naming the field."""
    kind, kwargs = work

    def call(s: Any) -> Any:
        child = s.get(Child, child_id)
        args = dict(kwargs)
        if kind == "document" and args["doc_type"] is None:
            args["doc_type"] = s.scalars(
                select(DocumentItem.doc_type).where(DocumentItem.child_id == child_id)
            ).first()
        if kind == "exit":  # a child of its own: a closed case cannot be closed again
            from desktop.services.cases.children import discharge

            leaving = register_child(s, child_input(first_name="Sonu"), today=TODAY)
            discharge(s, leaving, today=TODAY, **args)
            return None
        made = CALLS[kind](s, child, today=TODAY, **args)
        return (kind, made.id) if kind in ("note", "order") else None

    def check(arg: Any) -> None:
        if not isinstance(arg, tuple):
            return
        s, (what, rid) = arg
        if what == "note":
            assert s.get(CaseNote, rid).text == text_stored(kwargs["text"])
        elif what == "order":
            o = s.get(CwcOrder, rid)
            assert o.order_no == text_stored(kwargs["order_no"])
            assert o.summary == text_stored(kwargs["summary"])
            assert _same_date(o.order_date, kwargs["order_date"])

    fields = {
        "text", "note_date", "order_no", "order_date", "order_type", "summary",
        "next_review_on", "requested_on", "completed_on", "officer", "prepared_on",
        "review_due_on", "to_code", "reason", "order_ref", "effective_on", "stage",
        "entered_on", "note", "doc_type", "status", "on", "exit_date",
    }  # fmt: skip
    attempt(inst_engine, fields, call, check)


@given(
    username=st.from_regex(r"\A[a-z][a-z0-9._-]{0,20}\Z") | ANY_TEXT,
    full_name=NAME_TEXT | ANY_TEXT,
    password=st.text(min_size=0, max_size=30) | ANY_TEXT,
    role=st.sampled_from(["caseworker", "superintendent", "district_official"]) | ANY_TEXT,
)
def test_fuzz_create_user(inst_engine, username, full_name, password, role):
    """The Users screen: any account details are stored or refused naming the field."""

    def call(s: Any) -> int:
        return create_user(
            s, username=username, full_name=full_name, role=role, password=password
        ).id

    def check(arg: Any) -> None:
        s, uid = arg
        u = s.get(User, uid)
        assert u.username == username.strip() and u.full_name == text_stored(full_name)

    fields = {"username", "full_name", "role", "password", "districts", "state"}
    attempt(inst_engine, fields, call, check, actor=SYSTEM)


COLUMNS = ["first_name", "gender", "dob", "admission_date", "aadhaar", "identification_marks"]


@given(
    rows=st.lists(
        st.tuples(NAME_TEXT | ANY_TEXT, GENDERS, DATE_TEXT, DATE_TEXT, AADHAAR, ANY_TEXT),
        min_size=1,
        max_size=4,
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]),
)
def test_fuzz_register_import(inst_engine, tmp_path_factory, rows, encoding):
    """A register file with anything in its cells, in any of the encodings offices save:
    the import reports problems by row and field, or stores the rows as read; never a
    crash, and an all-or-nothing import that is refused writes nothing."""
    from tests.fuzz_support import COUNTS, table_counts

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    path = Path(tmp_path_factory.mktemp("reg")) / "register.csv"
    try:
        path.write_bytes(buf.getvalue().encode(encoding))
    except UnicodeEncodeError:
        path.write_bytes(buf.getvalue().encode("utf-8", errors="surrogatepass"))
    before = table_counts(inst_engine)
    with attempt_session(inst_engine) as s:
        report = import_file(s, path, today=TODAY)
    COUNTS["examples"] += 1
    if report.committed:
        COUNTS["stored"] += 1
        with attempt_session(inst_engine) as s:
            for code in report.codes:
                assert s.scalars(select(Child).where(Child.code == code)).one()
    else:
        COUNTS["refused"] += 1
        assert report.problems and all(p.message for p in report.problems)
        assert {p.field for p in report.problems} <= set(COLUMNS) | {None, "dob"}
        assert table_counts(inst_engine) == before


@given(
    record=st.dictionaries(
        st.sampled_from(sorted(CHILD_FIELDS - {"extra"}) + ["guardians", "notes", "visits"]),
        st.one_of(ANY_TEXT, DATE_TEXT, st.integers(-(10**20), 10**20), st.floats(), st.booleans(),
                  st.lists(st.dictionaries(st.sampled_from(["name", "relation", "text",
                                                            "visit_date"]), ANY_TEXT,
                                           max_size=3), max_size=2)),
        max_size=10,
    )
)  # fmt: skip
def test_fuzz_json_import(inst_engine, tmp_path_factory, record):
    """A JSON records file with anything in a child's fields: refused by row and field, or
    stored; never a crash."""
    from tests.fuzz_support import COUNTS, table_counts

    path = Path(tmp_path_factory.mktemp("json")) / "records.json"
    doc = {"format": "clms-children", "version": 1, "children": [record]}
    path.write_text(json.dumps(doc, ensure_ascii=True))
    before = table_counts(inst_engine)
    with attempt_session(inst_engine) as s:
        report = import_file(s, path, today=TODAY)
    COUNTS["examples"] += 1
    COUNTS["stored" if report.committed else "refused"] += 1
    if not report.committed:
        assert report.problems and table_counts(inst_engine) == before
