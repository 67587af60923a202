"""Imports never corrupt (issue 21): strict decoding, byte-order marks, size and depth limits."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from desktop.models import Child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.exchange import import_files
from desktop.services.exchange.importer import import_file
from tests.conftest import TODAY
from tests.helpers import counts

ASHA = Actor("asha", "superintendent", "Asha Kumari")
HEADER = "first_name,gender,dob,admission_date,category_code\r\n"


def _row(name: str, n: int) -> str:
    return f"{name},female,2015-0{1 + n}-10,2025-06-01,3\r\n"


def _import(engine, path: Path, **kw):  # type: ignore[no-untyped-def]
    with unit_of_work(engine, ASHA) as s:
        return import_file(s, path, today=TODAY, **kw)


def _names(engine) -> list[str]:  # type: ignore[no-untyped-def]
    with unit_of_work(engine, ASHA) as s:
        return sorted(s.scalars(select(Child.first_name)))


def test_one_stray_latin1_byte_spoils_only_its_own_line(inst_engine, tmp_path):
    """A UTF-8 register with one Windows-1252 byte keeps every UTF-8 name as typed ("Júlia",
    not "JÃºlia") and reads only that line as Windows-1252, with a note to check it."""
    path = tmp_path / "register.csv"
    body = (HEADER + _row("Júlia", 1) + _row("Zoë", 2)).encode("utf-8")
    body += _row("Nandini", 3).replace("Nandini", "Nand\xeeni").encode("cp1252")  # one byte 0xEE
    path.write_bytes(body)
    report = _import(inst_engine, path)
    assert report.committed and report.imported == 3
    assert _names(inst_engine) == ["Júlia", "Nandîni", "Zoë"]
    assert [str(n) for n in report.notices] == [
        "row 4: first_name: decoded as Windows-1252; check 'Nandîni'"
    ]
    assert "row 4: first_name: decoded as Windows-1252" in report.summary()


def test_a_windows_1252_file_is_read_as_such_and_said(inst_engine, tmp_path):
    """A register saved by Excel as Windows-1252 is read as that, each accented value noted."""
    path = tmp_path / "register.csv"
    path.write_bytes((HEADER + _row("Zoë", 1) + _row("Asha", 2)).encode("cp1252"))
    report = _import(inst_engine, path)
    assert report.committed and _names(inst_engine) == ["Asha", "Zoë"]
    assert [n.row for n in report.notices] == [2]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_byte_order_mark_says_the_encoding(inst_engine, tmp_path, codec):
    """UTF-16 and UTF-32 with their byte-order mark (Excel's "Unicode text", tab separated)
    import like UTF-8; the mark is not taken for part of the first header."""
    path = tmp_path / "register.csv"
    text = (HEADER + _row("प्रिया", 1)).replace(",", "\t")
    bom = {"utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    path.write_bytes(bom + text.encode(codec))
    report = _import(inst_engine, path)
    assert report.committed and report.imported == 1, report.summary()
    assert _names(inst_engine) == ["प्रिया"] and report.notices == []


def test_utf16_without_its_mark_is_refused_with_what_to_do(inst_engine, tmp_path):
    """UTF-16 text without a byte-order mark is refused saying so, not "no column for the date
    of birth"; nothing is written."""
    path = tmp_path / "register.csv"
    path.write_bytes((HEADER + _row("Asha", 1)).encode("utf-16-le"))
    with unit_of_work(inst_engine, ASHA) as s:
        before = counts(s)
    report = _import(inst_engine, path)
    assert not report.committed
    (problem,) = report.problems
    assert problem.row == 0 and "UTF-16" in problem.message and "CSV UTF-8" in problem.message
    assert "date of birth" not in report.summary()
    with unit_of_work(inst_engine, ASHA) as s:
        assert counts(s) == before


def test_deeply_nested_json_is_refused_not_a_crash(inst_engine, tmp_path, capsys, data_dir):
    """JSON nested 100,000 deep is refused with a plain message (it raised RecursionError
    through `clms import`)."""
    from desktop.cli.main import main

    path = tmp_path / "records.json"
    path.write_text('{"format": "clms-children", "children": [' + "[" * 100_000 + "]" * 100_000)
    report = _import(inst_engine, path)
    assert not report.committed and "too deeply" in report.problems[0].message
    shallow_enough = tmp_path / "deep.json"
    shallow_enough.write_text(json.dumps({"format": "clms-children", "x": [[[[[[[[[[1]]]]]]]]]]}))
    assert import_files.depth(json.loads(shallow_enough.read_text())) == 11
    assert main(["--data-dir", str(data_dir), "import", str(path), "--dry-run"]) == 3
    assert "too deeply" in capsys.readouterr().out


def test_files_and_cells_over_the_limits(inst_engine, tmp_path, monkeypatch):
    """A file over the size limit is refused before it is read; a cell over the length limit
    is a problem on its row naming the field; a workbook that unpacks too large is refused."""
    big = tmp_path / "big.csv"
    with open(big, "wb") as fh:
        fh.write(HEADER.encode())
        fh.truncate(import_files.MAX_FILE_BYTES + 1)
    report = _import(inst_engine, big)
    assert "too large to import" in report.problems[0].message
    long = tmp_path / "long.csv"
    long.write_text(
        "first_name,gender,dob,admission_date,category_code,identification_marks\n"
        "Asha,female,2015-01-10,2025-06-01,3," + "x" * (import_files.MAX_CELL_CHARS + 1) + "\n"
    )
    report = _import(inst_engine, long)
    assert [(p.row, p.field) for p in report.problems] == [(2, "identification_marks")]
    assert "longer than 10,000 characters" in report.problems[0].message
    records = tmp_path / "records.json"
    child = {"first_name": "Asha", "gender": "female", "dob": "2015-01-10"}
    child |= {"admission_date": "2025-06-01", "referral": "childline", "category_code": 3}
    child["notes"] = [{"text": "y" * (import_files.MAX_CELL_CHARS + 5)}]
    records.write_text(json.dumps({"format": "clms-children", "version": 1, "children": [child]}))
    report = _import(inst_engine, records)
    assert any(p.row == 1 and p.field == "notes[0].text" for p in report.problems)
    wb = Workbook()
    ws = wb.active
    ws.append(["first_name", "gender", "dob", "admission_date"])
    for i in range(3000):
        ws.append([f"Name{i}", "female", "2015-01-10", "2025-06-01"])
    book = tmp_path / "register.xlsx"
    wb.save(book)
    monkeypatch.setattr(import_files, "MAX_XLSX_UNPACKED", 100_000)
    report = _import(inst_engine, book)
    assert "unpacks to" in report.problems[0].message and report.imported == 0
