"""Child labour (CLTS): the register import (dry run, refusals by row and column), export,
the `clms clts` commands, and the demo's rescued children."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text

from bundle_format.card_token import endorse_signer, make_token
from bundle_format.keys import generate_keys, raw_public, write_public_key_file
from desktop.cli.main import main
from desktop.models import CltsCase, CltsCompensation, CltsMember
from desktop.services.clts.register import COLUMNS, export_register, import_register
from desktop.services.core.context import unit_of_work
from tests.clts_register_sample import CSV, HEADERS, XLSX, rows
from tests.conftest import TODAY


def test_sample_register_is_the_generated_one():
    """The committed sample register holds exactly what its generator makes (mock data)."""
    wb = load_workbook(XLSX, read_only=True)
    got = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    assert got[0] == HEADERS
    assert [[("" if c is None else c) for c in r] for r in got[1:]] == rows()
    with CSV.open(encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f))[1:] == [[str(c) for c in r] for r in rows()]


@pytest.mark.parametrize("sample", [XLSX, CSV], ids=["xlsx", "csv"])
def test_dry_run_checks_every_row_and_writes_nothing(session, sample):
    """A dry run of the sample passes all 12 rows and leaves the database as it was."""
    before = session.execute(text("SELECT last_seq FROM sync_counter")).scalar()
    report = import_register(session, sample, dry_run=True, today=TODAY)
    assert (report.total_rows, report.valid, report.problems, report.committed) == (
        12,
        12,
        [],
        False,
    )
    assert session.scalar(select(func.count()).select_from(CltsCase)) == 0
    assert session.execute(text("SELECT last_seq FROM sync_counter")).scalar() == before


def test_import_keeps_clts_ids_households_and_money(session):
    """Imported rows become children with cases, legacy CLTS IDs, parents and payments."""
    report = import_register(session, XLSX, today=TODAY)
    assert report.committed and report.imported == 12
    cases = list(session.scalars(select(CltsCase).order_by(CltsCase.legacy_id)))
    assert [c.legacy_id for c in cases][:2] == ["BIH_PATNA_2025_100200", "BIH_PATNA_2025_100201"]
    assert all(c.clts_id.startswith("BIH_PATNA_2025_17") for c in cases)
    assert cases[0].agencies and cases[0].final_order == "institutional"
    assert cases[1].final_order == "restored" and cases[1].restored_on is not None
    late = session.scalars(select(CltsMember).where(CltsMember.alive.is_(False))).all()
    assert len(late) == 1 and late[0].relation == "father"  # "Late ..." in the register
    paid = session.scalars(
        select(CltsCompensation).where(CltsCompensation.paid_on.is_not(None))
    ).all()
    assert paid and all(p.line == "relief_3000" and p.payment_mode == "cash" for p in paid)
    interstate = [c for c in cases if c.origin_state == 20]
    assert interstate and all(c.origin_district_name == "Giridih" for c in interstate)
    again = import_register(session, XLSX, today=TODAY)  # the same register a second time
    assert again.imported == 0 and len(again.bad_rows) == 12
    assert "BIH_PATNA_2025_100200 is already recorded here" in again.summary()


def _bad_copy(tmp_path: Path) -> Path:
    data = rows()
    data[0][6] = "2027-01-01"  # rescue in the future
    data[1][36] = "2024-01-01"  # CM relief ordered before the rescue
    data[5][12] = "coal mine"  # not an industry
    data[7][1] = ""  # no name
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADERS)
        w.writerows(data)
    return path


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_kept(session, tmp_path):
    """All or nothing: four bad rows are reported by their column and no row is written."""
    report = import_register(session, _bad_copy(tmp_path), today=TODAY)
    assert not report.committed and report.imported == 0 and report.bad_rows == [2, 3, 7, 9]
    said = report.summary()
    assert "row 2: rescue_on: cannot be in the future" in said
    assert "row 3: cm_relief_ordered_on: cannot be before the rescue date" in said
    assert "row 7: industry: 'coal mine' is not an industry" in said
    assert "row 9: first_name: is required" in said
    assert session.scalar(select(func.count()).select_from(CltsCase)) == 0


def test_partial_import_keeps_the_good_rows(session, tmp_path):
    """With partial, the eight good rows go in and the four bad ones are left out."""
    report = import_register(session, _bad_copy(tmp_path), partial=True, today=TODAY)
    assert report.committed and report.imported == 8
    assert session.scalar(select(func.count()).select_from(CltsCase)) == 8


def test_a_file_without_the_needed_columns_is_refused_at_once(session, tmp_path):
    """A register with no rescue date or industry column is refused before any row is tried."""
    path = tmp_path / "thin.csv"
    path.write_text("Name of the Child,Sex,Date of Birth\nRaju,M,2014-01-01\n", encoding="utf-8")
    report = import_register(session, path, today=TODAY)
    assert {p.field for p in report.problems} == {"rescue_on", "industry", "agencies"}
    assert report.total_rows == 1 and not report.committed


def test_export_then_import_elsewhere_round_trips(inst_engine, actor, tmp_path, engine_factory):
    """An exported register imports into another install with the same cases and money."""
    with unit_of_work(inst_engine, actor) as s:
        import_register(s, XLSX, today=TODAY)
    out = tmp_path / "register.xlsx"
    with unit_of_work(inst_engine, actor) as s:
        assert export_register(s, out) == 12
    header = next(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert list(header) == list(COLUMNS)
    other = engine_factory()
    with unit_of_work(other, actor) as s:
        report = import_register(s, out, today=TODAY)
        assert report.committed and report.imported == 12, report.summary()
        legacy = sorted(s.scalars(select(CltsCase.legacy_id)))
        paid = s.scalar(select(func.sum(CltsCompensation.paid_amount)))
    assert legacy[0] == "BIH_PATNA_2025_100200" and paid == 3000 * 8


@pytest.fixture
def engine_factory(tmp_path, actor):
    """Fresh set-up installs (another CCI: institution 8) for round trips."""
    from desktop.db import open_database
    from desktop.services.install.institution import setup_institution

    made = []

    def make():
        eng = open_database(tmp_path / f"other{len(made)}")
        with unit_of_work(eng, actor) as s:
            setup_institution(
                s,
                name="Another Home",
                type="childrens-home",
                state=10,
                district=212,
                registration_no="BR/PAT/CH/0008",
                code=8,
            )
        made.append(eng)
        return eng

    yield make
    for e in made:
        e.dispose()


def test_cli_import_dry_run_report_and_token(tmp_path, capsys):
    """`clms clts import --dry-run`, `report`, `list --counts`, `verify-token` end to end."""
    d = str(tmp_path / "d")
    assert (
        main(
            [
                "--data-dir",
                d,
                "init",
                "--name",
                "Asha Kiran",
                "--type",
                "childrens-home",
                "--state",
                "10",
                "--district",
                "212",
                "--registration-no",
                "BR/1",
            ]
        )
        == 0
    )
    assert main(["--data-dir", d, "clts", "import", str(XLSX), "--dry-run"]) == 0
    assert "12 of 12 rows passed every check" in capsys.readouterr().out
    assert main(["--data-dir", d, "clts", "import", str(XLSX)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "clts", "list", "--counts"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["cases"] == 12 and counts["interstate"] == 3
    pdf = tmp_path / "q.pdf"
    assert main(["--data-dir", d, "clts", "report", "--quarter", "2025-Q1", "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    state = generate_keys(role="central", name="Bihar")
    office = generate_keys(role="institution", name="x")
    write_public_key_file(tmp_path / "state.pub", state.public())
    endorsed = endorse_signer(
        state.sign,
        signer_public=raw_public(office.sign.public_key()),
        district=212,
        valid_until=date(2027, 1, 1),
    )
    token = make_token(
        office.sign,
        case_id="BIH_PATNA_2025_110001",
        child_code="10-212-0001-2025-00001-3",
        issued=date(2026, 1, 5),
        endorsement=endorsed,
    )
    capsys.readouterr()
    assert (
        main(
            [
                "--data-dir",
                d,
                "clts",
                "verify-token",
                token,
                "--state-key",
                str(tmp_path / "state.pub"),
                "--on",
                "2026-02-01",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.startswith("GENUINE: card of BIH_PATNA_2025_110001")
    forged = token.replace("110001", "110002")
    assert (
        main(
            [
                "--data-dir",
                d,
                "clts",
                "verify-token",
                forged,
                "--state-key",
                str(tmp_path / "state.pub"),
            ]
        )
        == 3
    )
    assert "NOT VERIFIED" in capsys.readouterr().out


def test_demo_makes_rescued_children_at_every_stage(tmp_path):
    """`clms demo` adds rescue cases with households, money at each stage and visits."""
    from tests.demo_data import demo_engine

    eng = demo_engine(tmp_path, children=400, seed=5, run_rules=False)
    with eng.connect() as c:
        q = lambda sql: c.execute(text(sql)).scalar()  # noqa: E731
        assert q("SELECT count(*) FROM clts_case") == 20  # 5% of the demo children
        assert q("SELECT count(*) FROM clts_household") >= 12
        assert q("SELECT count(*) FROM clts_compensation WHERE paid_on IS NOT NULL") > 0
        assert (
            q(
                "SELECT count(*) FROM clts_compensation "
                "WHERE ordered_on IS NOT NULL AND paid_on IS NULL"
            )
            > 0
        )
        assert q("SELECT count(*) FROM clts_entitlement WHERE status = 'received'") > 0
        assert q("SELECT count(*) FROM clts_entitlement WHERE status = 'applied'") > 0
        assert q("SELECT count(*) FROM clts_follow_up WHERE done_on IS NOT NULL") > 0
        assert q("SELECT count(*) FROM clts_case WHERE origin_state != 10") > 0
    eng.dispose()
