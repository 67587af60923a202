"""Imports check duplicates (issue 20, item 5): the same child twice under two spellings."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from desktop.models import Child, Guardian
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.exchange.import_duplicates import DuplicatePolicy
from desktop.services.exchange.importer import import_file
from tests.conftest import TODAY
from tests.helpers import child_input

HEADER = "first_name,last_name,name_local,gender,dob,admission_date,referral,father_name"
ROWS = [
    "Sunil,Manjhi,,male,2013-02-11,2025-05-02,cwc,Bhola Manjhi",
    "Priya,Kumari,प्रिया कुमारी,female,2016-04-10,2025-06-01,police,Ramesh Kumar",
    "Meena,Paswan,,female,2014-09-30,2025-06-03,cwc,Mohan Paswan",
    # row 5: row 3's girl again, respelt, her birth date two days off
    "Pria,Kumaari,,female,2016-04-12,2025-06-20,childline,Ramesh Kumaar",
    # row 6: a child the home already has (registered as "Ravi Kumar"), respelt
    "Rabi,Kumar,रवि कुमार,male,2015-07-01,2025-06-21,cwc,",
]


def _register(tmp_path: Path) -> Path:
    path = tmp_path / "register.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def _existing(engine: Engine, actor: Actor) -> str:
    with unit_of_work(engine, actor) as s:
        ravi = register_child(
            s,
            child_input(
                first_name="Ravi",
                last_name="Kumar",
                name_local="रवि कुमार",
                gender="male",
                dob="2015-07-03",
                admission_date="2024-01-05",
            ),
            today=TODAY,
        )
        return ravi.code


def _count(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.execute(select(func.count()).select_from(Child)).scalar() or 0)


def test_dry_run_lists_likely_duplicates_with_scores(
    inst_engine: Engine, actor: Actor, tmp_path: Path
) -> None:
    ravi = _existing(inst_engine, actor)
    with unit_of_work(inst_engine, actor) as s:
        report = import_file(s, _register(tmp_path), dry_run=True, today=TODAY)
    assert report.problems == [] and report.valid == 5
    by_row = {d.row: d for d in report.duplicates}
    assert sorted(by_row) == [5, 6]
    pria = by_row[5]
    assert pria.matches[0].row == 3 and pria.matches[0].score >= 80  # another row of the file
    assert any("name sounds alike" in r for r in pria.matches[0].reasons)
    assert by_row[6].matches[0].code == ravi and by_row[6].matches[0].row is None
    text = report.summary()
    assert "row 5: Pria Kumaari is likely row 3 (Priya Kumari)" in text
    assert f"row 6: Rabi Kumar is likely {ravi} Ravi Kumar" in text
    assert "would be added" in text and "%" in text
    assert _count(inst_engine) == 1  # a dry run writes nothing


def test_skip_and_link_policies(inst_engine: Engine, actor: Actor, tmp_path: Path) -> None:
    ravi = _existing(inst_engine, actor)
    path = _register(tmp_path)
    with unit_of_work(inst_engine, actor) as s:
        report = import_file(
            s, path, today=TODAY, duplicates=DuplicatePolicy(action="skip", rows={5: "link"})
        )
    assert report.committed and report.problems == []
    assert (report.imported, report.skipped, report.linked) == (3, 1, 1)
    assert [d.action for d in report.duplicates] == ["link", "skip"]
    with Session(inst_engine) as s:
        live = s.scalars(select(Child).where(Child.status != "merged")).all()
        assert sorted(c.first_name for c in live) == ["Meena", "Priya", "Ravi", "Sunil"]
        priya = next(c for c in live if c.first_name == "Priya")
        # The linked row's guardian is on the child it matched; its record points there.
        names = s.scalars(select(Guardian.name).where(Guardian.child_id == priya.id)).all()
        assert sorted(names) == ["Ramesh Kumaar", "Ramesh Kumar"]
        (tomb,) = s.scalars(select(Child).where(Child.status == "merged")).all()
        assert tomb.merged_into_id == priya.id and tomb.first_name == "Pria"
        assert [c.code for c in live if c.first_name == "Ravi"] == [ravi]


def test_command_line_dry_run_and_policy(
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    tmp_path: Path,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    from desktop.cli.main import main

    _existing(inst_engine, actor)
    inst_engine.dispose()
    path = _register(tmp_path)
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 rows are likely the same child as another" in out and "row 5: Pria" in out
    assert main([*base, "import", str(path), "--duplicate-row", "x=skip"]) == 2
    assert main([*base, "import", str(path), "--duplicates", "skip"]) == 0
    out = capsys.readouterr().out
    assert "Imported 3 children" in out and "2 skipped" in out
    assert _count(inst_engine) == 4


def test_full_records_are_checked_too_and_off_checks_nothing(
    inst_engine: Engine, actor: Actor, tmp_path: Path
) -> None:
    """Records exported from this home and imported again: each is its own duplicate."""
    from desktop.services.exchange.exporter import export_json

    ravi = _existing(inst_engine, actor)
    out = tmp_path / "records.json"
    with unit_of_work(inst_engine, actor) as s:
        assert export_json(s, out) == 1
        report = import_file(s, out, dry_run=True, today=TODAY)
    assert report.problems == []
    (dup,) = report.duplicates
    assert dup.row == 1 and dup.matches[0].code == ravi and dup.matches[0].score >= 95
    with unit_of_work(inst_engine, actor) as s:
        quiet = import_file(s, out, dry_run=True, today=TODAY, duplicates=DuplicatePolicy("off"))
    assert quiet.duplicates == [] and quiet.valid == 1
