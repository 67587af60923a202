"""Bulk import: registers (CSV, Excel) and full records (JSON), all through the services."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from desktop.models import (
    AdoptionStageEntry,
    CarePlan,
    CaseNote,
    CategoryChange,
    Child,
    CwcOrder,
    DocumentItem,
    Guardian,
    GuardianVisit,
    SocialInvestigation,
)
from desktop.services.cases.children import get_child
from desktop.services.cases.codes import valid_code
from desktop.services.core.audit import verify_chain
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import ValidationError
from desktop.services.exchange.import_records import SCHEMA_PATH
from desktop.services.exchange.importer import RowProblem, import_file
from tests.conftest import TODAY
from tests.helpers import aadhaar, counts

SYLLABLES = ("ka", "ri", "mo", "sa", "ne", "lu", "vi", "ta", "po", "de")
DOCS = Path(__file__).resolve().parent.parent / "docs"
FIELDS = ["first_name", "last_name", "gender", "dob", "admission_date", "aadhaar", "category_code"]


def fake_name(n: int) -> str:
    """An invented name built from syllables (never a real person's)."""
    return (SYLLABLES[n % 10] + SYLLABLES[(n // 10) % 10] + SYLLABLES[(n * 7) % 10]).title()


def good_row(n: int) -> dict[str, Any]:
    """A valid register row with our field names."""
    return {
        "first_name": fake_name(n),
        "last_name": fake_name(n + 3),
        "gender": "female" if n % 2 else "male",
        "dob": f"201{n % 8}-0{1 + n % 9}-1{n % 9}",
        "admission_date": "2025-06-01",
        "aadhaar": aadhaar(f"{2 + n % 8}{n:010d}"),
        "category_code": str(1 + n % 9),
    }


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    """A CSV file as a spreadsheet would save it."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def ten_rows_three_bad(tmp_path: Path) -> Path:
    """Ten children; rows 4, 7 and 9 are bad (future DOB, wrong check digit, no first name)."""
    rows = [good_row(n) for n in range(10)]
    rows[2]["dob"] = "2027-01-01"  # row 4
    rows[5]["aadhaar"] = rows[5]["aadhaar"][:-1] + str((int(rows[5]["aadhaar"][-1]) + 1) % 10)
    rows[7]["first_name"] = ""  # row 9
    return write_csv(tmp_path / "register.csv", FIELDS, [[r[f] for f in FIELDS] for r in rows])


def test_dry_run_names_exactly_the_bad_rows_and_writes_nothing(session: Session, tmp_path: Path):
    """A dry run reports each bad row by its spreadsheet number and leaves no trace in the DB."""
    path = ten_rows_three_bad(tmp_path)
    before = counts(session)
    report = import_file(session, path, dry_run=True, today=TODAY)
    assert report.bad_rows == [4, 7, 9]
    assert [(p.row, p.field) for p in report.problems] == [
        (4, "dob"),
        (7, "aadhaar"),
        (9, "first_name"),
    ]
    assert "check digit" in report.problems[1].message
    assert (report.total_rows, report.valid, report.imported) == (10, 7, 0)
    assert report.dry_run and not report.committed and report.codes == []
    assert counts(session) == before


def test_dry_run_of_a_good_file_still_writes_nothing(session: Session, tmp_path: Path):
    """Even when every row is valid, a dry run rolls everything back."""
    rows = [good_row(n) for n in range(4)]
    path = write_csv(tmp_path / "r.csv", FIELDS, [[r[f] for f in FIELDS] for r in rows])
    before = counts(session)
    report = import_file(session, path, dry_run=True, today=TODAY)
    assert report.valid == 4 and report.problems == [] and not report.committed
    assert counts(session) == before


def test_all_or_nothing_writes_nothing_when_any_row_is_bad(
    inst_engine: Engine, actor: Actor, tmp_path: Path
):
    """By default one bad row stops the whole import: nothing reaches the database."""
    path = ten_rows_three_bad(tmp_path)
    with unit_of_work(inst_engine, actor) as s:
        before = counts(s)
        report = import_file(s, path, today=TODAY)
        assert report.bad_rows == [4, 7, 9]
        assert not report.committed and report.imported == 0
    with unit_of_work(inst_engine, actor) as s:
        assert counts(s) == before


def test_partial_keeps_the_good_rows(inst_engine: Engine, actor: Actor, tmp_path: Path):
    """With partial, the seven good rows are imported and the three bad ones reported."""
    path = ten_rows_three_bad(tmp_path)
    with unit_of_work(inst_engine, actor) as s:
        report = import_file(s, path, partial=True, today=TODAY)
        assert report.committed and report.imported == 7 and report.bad_rows == [4, 7, 9]
    with unit_of_work(inst_engine, actor) as s:
        assert verify_chain(s)[1] is None  # rolled-back rows leave no gap in the audit chain
        names = set(s.scalars(select(Child.first_name)))
        assert len(names) == 7
        assert fake_name(2) not in names and fake_name(0) in names


def test_good_csv_imports_and_children_get_codes(session: Session, tmp_path: Path):
    """A clean register imports every row; each child gets a valid code and an audit event."""
    rows = [good_row(n) for n in range(5)]
    path = write_csv(tmp_path / "r.csv", FIELDS, [[r[f] for f in FIELDS] for r in rows])
    before = counts(session)
    report = import_file(session, path, today=TODAY)
    assert report.committed and report.imported == 5 and report.problems == []
    assert len(report.codes) == 5 and all(valid_code(c) for c in report.codes)
    after = counts(session)
    assert after["child"] == before["child"] + 5
    assert after["audit"] == before["audit"] + 5
    child = get_child(session, report.codes[1])
    assert child.first_name == fake_name(1) and child.aadhaar == rows[1]["aadhaar"]
    assert child.category_code == 2


def test_xlsx_register_imports(session: Session, tmp_path: Path):
    """An Excel register (dates as date cells, Aadhaar and category as numbers) imports."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "Sex", "DOB", "Admission Date", "Aadhaar No", "Category", "Mother's Name"])
    ws.append([fake_name(11), "F", datetime(2014, 5, 6), date(2025, 2, 1), 0, 4, fake_name(12)])
    ws.append([None] * 7)  # a blank line between entries
    ws.append([fake_name(13), "M", "2013-07-08", "01/03/2025", None, 9.0, None])
    ws["E2"] = int(aadhaar("34567891234"))
    path = tmp_path / "register.xlsx"
    wb.save(path)
    report = import_file(session, path, today=TODAY)
    assert report.problems == [] and report.imported == 2
    first = get_child(session, report.codes[0])
    assert (first.gender, first.dob, first.admission_date) == (
        "female",
        date(2014, 5, 6),
        date(2025, 2, 1),
    )
    assert first.aadhaar == aadhaar("34567891234") and first.category_code == 4
    assert [(g.name, g.relation) for g in first.guardians] == [(fake_name(12), "mother")]
    second = get_child(session, report.codes[1])
    assert second.admission_date == date(2025, 3, 1) and second.category_code == 9


def test_header_aliases_work(session: Session, tmp_path: Path):
    """Common register headings map to our fields, whatever their case and punctuation."""
    header = [
        "FIRST NAME",
        "Surname",
        "Sex",
        "Date of Birth",
        "Admission Date",
        "Category",
        "Father's Name",
        "Mother's  Name",
        "Aadhaar No.",
        "Remarks",
    ]
    row = [
        fake_name(21),
        fake_name(22),
        "Boy",
        "15/08/2012",
        "2025-01-10",
        "Category 6",
        "Late " + fake_name(23),
        fake_name(24),
        "XXXX-XXXX-1234",
        "likes drawing",
    ]
    path = write_csv(tmp_path / "r.csv", header, [row])
    report = import_file(session, path, today=TODAY)
    assert report.problems == [] and report.ignored_columns == ["Remarks"]
    child = get_child(session, report.codes[0])
    assert (child.first_name, child.last_name, child.gender) == (
        fake_name(21),
        fake_name(22),
        "male",
    )
    assert child.dob == date(2012, 8, 15) and child.category_code == 6
    assert child.aadhaar is None  # a masked number is dropped, not refused
    assert [(g.name, g.relation, g.life_status) for g in child.guardians] == [
        (fake_name(23), "father", "deceased"),
        (fake_name(24), "mother", "unknown"),
    ]


def test_guardian_columns_add_a_guardian_with_column_names_in_problems(
    session: Session, tmp_path: Path
):
    """guardian_* columns add one guardian; its problems name the guardian column."""
    header = [
        "first_name",
        "gender",
        "age",
        "admission_date",
        "Guardian Name",
        "Relation",
        "Mobile",
    ]
    rows = [
        [
            fake_name(31),
            "f",
            "about 9 years",
            "2025-04-04",
            fake_name(32),
            "Grandmother",
            "98765 43210",
        ],
        [fake_name(33), "m", "7", "2025-04-04", fake_name(34), "uncle", "12345"],
    ]
    path = write_csv(tmp_path / "r.csv", header, rows)
    report = import_file(session, path, partial=True, today=TODAY)
    assert [(p.row, p.field) for p in report.problems] == [(3, "guardian_phone")]
    child = get_child(session, report.codes[0])
    assert child.dob_estimated
    g = child.guardians[0]
    assert (g.name, g.relation, g.phone, g.life_status) == (
        fake_name(32),
        "grandparent",
        "98765 43210",
        "alive",
    )


def test_custom_mapping_overrides_headers(session: Session, tmp_path: Path):
    """A caller's mapping from file headers to fields wins over the built-in aliases."""
    header = ["Bachche Ka Naam", "Ling", "Janm Tithi", "Pravesh", "Name", "Phone"]
    row = [fake_name(41), "F", "2015-01-02", "2025-05-05", "not the child", "x"]
    path = write_csv(tmp_path / "r.csv", header, [row])
    mapping = {
        "bachche ka naam": "first_name",
        "LING": "gender",
        "Janm Tithi": "dob",
        "Pravesh": "admission_date",
        "Name": "",  # "" leaves a column out
        "Phone": "",
    }
    report = import_file(session, path, mapping=mapping, today=TODAY)
    assert report.problems == [] and report.ignored_columns == ["Name", "Phone"]
    assert get_child(session, report.codes[0]).first_name == fake_name(41)


def test_mapping_to_an_unknown_field_is_refused(session: Session, tmp_path: Path):
    """A mapping naming a field we do not have is a caller error, reported before any row."""
    path = write_csv(tmp_path / "r.csv", FIELDS, [])
    with pytest.raises(ValidationError) as exc:
        import_file(session, path, mapping={"x": "favourite_colour"}, today=TODAY)
    assert "favourite_colour" in exc.value.errors["mapping"]


def test_missing_column_is_reported_once_on_the_header_row(session: Session, tmp_path: Path):
    """A register without an admission date column gets one problem on row 1, not one per row."""
    path = write_csv(
        tmp_path / "r.csv",
        ["first_name", "gender", "dob"],
        [[fake_name(n), "m", "2015-01-01"] for n in range(3)],
    )
    report = import_file(session, path, today=TODAY)
    assert [(p.row, p.field) for p in report.problems] == [(1, "admission_date")]
    assert report.total_rows == 3 and not report.committed


def test_duplicate_aadhaar_in_file_is_reported_on_the_later_row(session: Session, tmp_path: Path):
    """The same Aadhaar twice in one file is a problem on the second row, naming the first."""
    rows = [good_row(n) for n in range(3)]
    rows[2]["aadhaar"] = rows[0]["aadhaar"]
    path = write_csv(tmp_path / "r.csv", FIELDS, [[r[f] for f in FIELDS] for r in rows])
    for dry in (True, False):
        report = import_file(session, path, dry_run=dry, partial=True, today=TODAY)
        assert report.problems == [RowProblem(4, "aadhaar", "the same Aadhaar is on row 2")]
    assert session.scalar(select(func.count()).select_from(Child)) == 2


def test_blank_rows_are_skipped_and_numbering_follows_the_sheet(session: Session, tmp_path: Path):
    """Blank lines are not rows to import, but the row numbers still match the spreadsheet."""
    bad = good_row(2) | {"dob": "2030-01-01"}
    rows = [[good_row(1)[f] for f in FIELDS], [""] * 7, ["NA"] * 7, [bad[f] for f in FIELDS]]
    path = write_csv(tmp_path / "r.csv", FIELDS, rows)
    report = import_file(session, path, dry_run=True, today=TODAY)
    assert report.total_rows == 2
    assert [str(p) for p in report.problems] == ["row 5: dob: cannot be in the future"]


def test_today_is_the_reference_for_date_checks(session: Session, tmp_path: Path):
    """Dates are checked against the given `today`, not the computer's clock."""
    row = good_row(1) | {"admission_date": "2025-06-01"}
    path = write_csv(tmp_path / "r.csv", FIELDS, [[row[f] for f in FIELDS]])
    report = import_file(session, path, dry_run=True, today=date(2025, 5, 1))
    assert [(p.field, p.message) for p in report.problems] == [
        ("admission_date", "cannot be in the future")
    ]


def test_progress_is_reported_for_every_row(session: Session, tmp_path: Path):
    """The progress callback sees (done, total) for every row, ending at total."""
    rows = [good_row(n) for n in range(4)]
    path = write_csv(tmp_path / "r.csv", FIELDS, [[r[f] for f in FIELDS] for r in rows])
    seen: list[tuple[int, int]] = []
    import_file(session, path, dry_run=True, today=TODAY, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_summary_has_one_line_per_problem(session: Session, tmp_path: Path):
    """The printed summary says what happened and lists each problem as 'row N: field: ...'."""
    report = import_file(session, ten_rows_three_bad(tmp_path), today=TODAY)
    text = report.summary()
    assert text.splitlines()[0] == "10 rows read: 7 valid, 3 with problems."
    assert "Nothing was written" in text
    assert "row 4: dob: cannot be in the future" in text.splitlines()


def test_unsupported_or_broken_files_are_file_problems(session: Session, tmp_path: Path):
    """A file of the wrong kind or unreadable content is one problem about the file, not a crash."""
    odd = tmp_path / "register.xls"
    odd.write_bytes(b"\xd0\xcf\x11\xe0")
    broken = tmp_path / "register.xlsx"
    broken.write_bytes(b"not a zip")
    bad_json = tmp_path / "children.json"
    bad_json.write_text('{"format": "clms-children",', encoding="utf-8")
    for path, words in ((odd, "save the workbook as .xlsx"), (broken, "Excel"), (bad_json, "JSON")):
        report = import_file(session, path, today=TODAY)
        assert len(report.problems) == 1 and report.problems[0].row == 0
        assert words in report.problems[0].message and not report.committed
        assert str(report.problems[0]).startswith("file: ")


# --- JSON full records --------------------------------------------------------------


def full_record(n: int) -> dict[str, Any]:
    """A child with guardians, visits, category history, documents, orders and more."""
    return {
        "first_name": fake_name(n),
        "last_name": fake_name(n + 1),
        "name_local": "प्रिया",
        "gender": "female",
        "dob": "2015-02-03",
        "admission_date": "2025-01-15",
        "referral": "childline",
        "aadhaar": aadhaar(f"{2 + n % 8}{n:010d}"),
        "guardians": [
            {
                "name": fake_name(n + 2),
                "relation": "mother",
                "life_status": "alive",
                "phone": "9876543210",
                "address": "Ward 4, Danapur",
                "visits": [
                    {"visit_date": "2025-03-01", "mode": "in_person", "notes": "brought clothes"},
                    {"visit_date": "2025-05-01", "mode": "phone"},
                ],
            },
            {"name": fake_name(n + 3), "relation": "father", "life_status": "deceased"},
        ],
        "visits": [
            {
                "visit_date": "2025-04-01",
                "visitor_role": "relative",
                "visitor_name": fake_name(n + 4),
            }
        ],
        "category_history": [
            {"to_code": 4, "effective_on": "2025-01-15", "reason": "category at admission"},
            {
                "to_code": 6,
                "effective_on": "2025-06-01",
                "reason": "mother traced",
                "order_ref": "CWC/PAT/2025/88",
            },
        ],
        "documents": [
            {"doc_type": "photo", "status": "obtained", "on": "2025-01-20"},
            {
                "doc_type": "age_proof",
                "status": "verified",
                "on": "2025-03-10",
                "obtained_on": "2025-02-10",
            },
        ],
        "orders": [
            {
                "order_no": "CWC/PAT/2025/12",
                "order_date": "2025-01-16",
                "order_type": "interim_care",
                "next_review_on": "2025-07-16",
            }
        ],
        "sir": [
            {"requested_on": "2025-01-16", "completed_on": "2025-02-20", "officer": "Meena Rao"}
        ],
        "icp": [{"prepared_on": "2025-02-01", "review_due_on": "2025-08-01"}],
        "notes": [{"note_date": "2025-02-02", "text": "settling in well"}],
        "adoption_stages": [],
    }


def write_json(path: Path, children: list[Any], **top: Any) -> Path:
    """A clms-children file."""
    doc = {"format": "clms-children", "version": 1, "children": children} | top
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_json_full_record_creates_the_whole_case(session: Session, tmp_path: Path):
    """A JSON record creates guardians, visits, category history, documents, orders, SIR, ICP."""
    path = write_json(tmp_path / "c.json", [full_record(50)])
    report = import_file(session, path, today=TODAY)
    assert report.problems == [] and report.imported == 1
    child = get_child(session, report.codes[0])
    assert child.category_code == 6 and child.aadhaar == full_record(50)["aadhaar"]
    assert [(g.relation, g.life_status) for g in child.guardians] == [
        ("mother", "alive"),
        ("father", "deceased"),
    ]

    def rows(model: Any) -> list[Any]:
        return list(session.scalars(select(model).where(model.child_id == child.id)))

    visits = sorted(rows(GuardianVisit), key=lambda v: v.visit_date)
    mother = child.guardians[0]
    assert [(v.visit_date, v.guardian_id, v.mode) for v in visits] == [
        (date(2025, 3, 1), mother.id, "in_person"),
        (date(2025, 4, 1), None, "in_person"),
        (date(2025, 5, 1), mother.id, "phone"),
    ]
    history = sorted(rows(CategoryChange), key=lambda c: c.id)
    assert [(c.from_code, c.to_code, c.order_ref) for c in history] == [
        (None, 4, None),
        (4, 6, "CWC/PAT/2025/88"),
    ]
    docs = {d.doc_type: d for d in rows(DocumentItem)}
    assert (docs["photo"].status, docs["photo"].obtained_on) == ("obtained", date(2025, 1, 20))
    age = docs["age_proof"]
    assert (age.status, age.obtained_on, age.verified_on) == (
        "verified",
        date(2025, 2, 10),
        date(2025, 3, 10),
    )
    assert [(o.order_no, o.next_review_on) for o in rows(CwcOrder)] == [
        ("CWC/PAT/2025/12", date(2025, 7, 16))
    ]
    assert [s.completed_on for s in rows(SocialInvestigation)] == [date(2025, 2, 20)]
    assert [p.review_due_on for p in rows(CarePlan)] == [date(2025, 8, 1)]
    assert [n.text for n in rows(CaseNote)] == ["settling in well"]
    assert rows(AdoptionStageEntry) == []
    assert session.scalar(select(func.count()).select_from(Guardian)) == 2


def test_json_schema_violation_names_the_child_and_path(session: Session, tmp_path: Path):
    """A record breaking the schema is reported with its 1-based position and the path inside it."""
    bad = full_record(61)
    del bad["guardians"][1]["relation"]
    bad["guardians"][0]["visits"][1]["visit_date"] = "01/05/2025"
    bad["favourite_colour"] = "blue"
    path = write_json(tmp_path / "c.json", [full_record(60), bad])
    before = counts(session)
    report = import_file(session, path, today=TODAY)
    got = {(p.row, p.field): p.message for p in report.problems}
    assert got == {
        (2, "guardians[1].relation"): "is required",
        (2, "guardians[0].visits[1].visit_date"): (
            "must be a date written YYYY-MM-DD, not '01/05/2025'"
        ),
        (2, "favourite_colour"): "is not a field of this format (check the spelling)",
    }
    assert report.valid == 1 and not report.committed and counts(session) == before


def test_json_with_the_wrong_format_tag_is_a_file_problem(session: Session, tmp_path: Path):
    """A JSON file that is not a clms-children file is refused as a whole."""
    path = write_json(tmp_path / "c.json", [full_record(70)], format="something-else")
    report = import_file(session, path, today=TODAY)
    assert [(p.row, p.field) for p in report.problems] == [(0, "format")]
    assert report.total_rows == 1 and report.valid == 0


def test_json_service_refusals_carry_the_path(session: Session, tmp_path: Path):
    """When a service refuses part of a record, the problem names where in the record it is."""
    rec = full_record(80)
    rec["guardians"][0]["visits"][0]["visit_date"] = "2024-12-01"  # before admission
    rec["orders"][0]["order_type"] = "birthday"
    rec["aadhaar"] = "XXXX-XXXX-4321"  # masked: dropped, not refused
    path = write_json(tmp_path / "c.json", [rec])
    report = import_file(session, path, dry_run=True, today=TODAY)
    fields = [p.field for p in report.problems]
    assert fields == ["guardians[0].visits[0].visit_date", "orders[0].order_type"]
    assert "before the admission date" in report.problems[0].message


def test_schema_in_docs_is_the_one_the_importer_uses():
    """docs/import-format.schema.json is the same schema the application validates with."""
    docs = DOCS / "import-format.schema.json"
    assert json.loads(docs.read_text(encoding="utf-8")) == json.loads(
        SCHEMA_PATH.read_text(encoding="utf-8")
    )


def doc_example(lang: str) -> str:
    """The first ```lang block of docs/import-format.md."""
    text = (DOCS / "import-format.md").read_text(encoding="utf-8")
    return text.split(f"```{lang}\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize("lang", ["csv", "json"])
def test_examples_in_the_docs_import(session: Session, tmp_path: Path, lang: str):
    """The CSV and JSON examples in docs/import-format.md import without a problem."""
    path = tmp_path / f"example.{lang}"
    path.write_text(doc_example(lang), encoding="utf-8")
    report = import_file(session, path, dry_run=True, today=TODAY)
    assert report.problems == []
    assert report.valid == (2 if lang == "csv" else 1)
