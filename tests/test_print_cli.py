"""`clms print`: each document to a file, in English or Hindi, recorded in the audit trail."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, select

from desktop.cli.main import main
from desktop.models import AuditEvent
from desktop.services.cases.children import register_child
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.audit import verify_chain
from desktop.services.core.context import Actor, unit_of_work
from tests.helpers import child_input
from tests.pdf_tools import pdf_text
from tests.test_documents import TODAY, assert_no_raw_aadhaar, make_case


@pytest.fixture
def codes(inst_engine: Engine, actor: Actor, data_dir: Path) -> list[str]:
    """Codes of one child with a whole case and nine more children."""
    store = AttachmentStore.for_data_dir(data_dir)
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        first = make_case(s, store)
        rest = [
            register_child(
                s, child_input(first_name=f"Kid {chr(65 + n)}", name_local=None), today=TODAY
            )
            for n in range(9)
        ]
        return [first.code] + [c.code for c in rest]


def _run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "--user", "meena", "print", *args])


def _events(engine: Engine) -> list[AuditEvent]:
    with unit_of_work(engine, Actor("t")) as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action.like("printed%"))).all()
        s.expunge_all()
        return list(rows)


def test_print_summary_in_hindi_records_who_printed(
    inst_engine: Engine, data_dir: Path, codes: list[str], tmp_path: Path
) -> None:
    """A Hindi case summary is written and the print is one chained audit event."""
    out = tmp_path / "summary.pdf"
    rc = _run(
        data_dir, "summary", codes[0], "-o", str(out), "--lang", "hi", "--as-of", TODAY.isoformat()
    )
    assert rc == 0
    pdf = out.read_bytes()
    assert codes[0] in pdf_text(pdf) and "Priya Kshatriya" in pdf_text(pdf)
    assert_no_raw_aadhaar(pdf)
    events = _events(inst_engine)
    assert [(e.action, e.actor) for e in events] == [
        ("printed case summary", "meena (command line)")
    ]
    assert events[0].changes[0]["detail"].startswith("lang=hi")
    with unit_of_work(inst_engine, Actor("t")) as s:
        assert verify_chain(s)[1] is None


def test_print_one_card_and_a_sheet_of_many(
    inst_engine: Engine,
    data_dir: Path,
    codes: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One code gives card-size front and back; ten give A4 sheets, with progress on stderr."""
    one = tmp_path / "one.pdf"
    assert _run(data_dir, "card", codes[0], "-o", str(one)) == 0
    pages = PdfReader(io.BytesIO(one.read_bytes())).pages
    assert len(pages) == 2 and float(pages[0].mediabox.width) == pytest.approx(242.65, abs=0.01)
    capsys.readouterr()
    many = tmp_path / "many.pdf"
    assert _run(data_dir, "card", *codes, "-o", str(many)) == 0
    pages = PdfReader(io.BytesIO(many.read_bytes())).pages
    assert len(pages) == 4 and float(pages[0].mediabox.height) == pytest.approx(841.89, abs=0.01)
    assert "children: 10/10" in capsys.readouterr().err
    sheet = tmp_path / "sheet1.pdf"
    assert _run(data_dir, "card", codes[1], "--sheet", "-o", str(sheet)) == 0
    assert len(PdfReader(io.BytesIO(sheet.read_bytes())).pages) == 2  # fronts + backs, A4
    events = _events(inst_engine)
    assert len(events) == 1 + 10 + 1  # one event per child printed
    assert {e.action for e in events} == {"printed entitlement card"}


def test_print_sheet_and_cwc_file(
    inst_engine: Engine, data_dir: Path, codes: list[str], tmp_path: Path
) -> None:
    """The entitlement sheet and the CWC file are written and recorded under their names."""
    sheet, cwc = tmp_path / "ent.pdf", tmp_path / "cwc.pdf"
    assert _run(data_dir, "sheet", codes[0], "-o", str(sheet)) == 0
    assert _run(data_dir, "cwc-file", codes[0], "-o", str(cwc), "--as-of", "2026-11-23") == 0
    assert "Entitlement sheet" in pdf_text(sheet.read_bytes())
    assert "Child Welfare Committee" in pdf_text(cwc.read_bytes())
    assert [e.action for e in _events(inst_engine)] == [
        "printed entitlement sheet",
        "printed CWC submission file",
    ]


def test_print_unknown_code_writes_nothing(
    inst_engine: Engine,
    data_dir: Path,
    codes: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An unknown code fails with exit 4 in plain words, writes no file and records no print."""
    out = tmp_path / "x.pdf"
    assert _run(data_dir, "summary", codes[0], "99-999-9999-2025-00001-1", "-o", str(out)) == 4
    assert "no child with code" in capsys.readouterr().err
    assert not out.exists()
    assert _events(inst_engine) == []


def test_print_cwc_file_takes_one_code(data_dir: Path, codes: list[str], tmp_path: Path) -> None:
    """The CWC file is for one child: two codes are a usage error."""
    with pytest.raises(SystemExit) as exc:
        _run(data_dir, "cwc-file", codes[0], codes[1], "-o", str(tmp_path / "c.pdf"))
    assert exc.value.code == 2
