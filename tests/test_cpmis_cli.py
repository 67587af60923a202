"""`clms cpmis` on a real data folder: a state's catalogue checked, a demo's quarters, a
return shown, the factsheet and DevInfo spreadsheet written and read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli.main import main
from reporting.cpmis.catalogue import DEFAULT_CATALOGUE


def test_a_bad_state_catalogue_is_refused_with_its_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`clms cpmis catalogue --check` says which key on which line is wrong, exit code 3."""
    bad = tmp_path / "state.toml"
    bad.write_text(
        DEFAULT_CATALOGUE.read_text(encoding="utf-8").replace(
            'function = "exits"', 'function = "departures"', 1
        ),
        encoding="utf-8",
    )
    assert main(["--data-dir", str(tmp_path / "d"), "cpmis", "catalogue", "--check", str(bad)]) == 3
    err = capsys.readouterr().err
    assert "line" in err and "unknown function 'departures'" in err
    good = main(
        ["--data-dir", str(tmp_path / "d"), "cpmis", "catalogue", "--check", str(DEFAULT_CATALOGUE)]
    )
    assert good == 0 and "the file is valid" in capsys.readouterr().out


@pytest.mark.slow
def test_demo_quarters_factsheet_and_spreadsheet(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A practice folder with demo quarters: a return shown, the quarter made, a Hindi
    factsheet written, a DevInfo spreadsheet exported and its dry-run import passing."""
    d = str(tmp_path / "d")
    assert (
        main(
            [
                "-q",
                "--data-dir",
                d,
                "init",
                "--name",
                "Practice Home",
                "--type",
                "childrens-home",
                "--state",
                "10",
                "--district",
                "212",
                "--registration-no",
                "P1",
                "--capacity-boys",
                "60",
                "--capacity-girls",
                "60",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "-q",
                "--data-dir",
                d,
                "demo",
                "--children",
                "120",
                "--as-of",
                "2026-11-23",
                "--cpmis-quarters",
                "2",
            ]
        )
        == 0
    )
    assert "Added 6 CPMIS monthly returns" in capsys.readouterr().out
    assert main(["--data-dir", d, "cpmis", "return", "show", "2026-09"]) == 0
    out = capsys.readouterr().out
    assert "version 1: accepted" in out and "cci.stock.end [computed]" in out
    assert main(["--data-dir", d, "cpmis", "quarter", "2026-Q3"]) == 0
    assert "Children residing on the last day of the quarter" in capsys.readouterr().out
    pdf = tmp_path / "f.pdf"
    assert (
        main(
            [
                "--data-dir",
                d,
                "cpmis",
                "factsheet",
                "--quarter",
                "2026-Q3",
                "--lang",
                "hi",
                "-o",
                str(pdf),
            ]
        )
        == 0
    )
    assert pdf.read_bytes()[:4] == b"%PDF"
    xlsx = tmp_path / "des.xlsx"
    assert (
        main(
            [
                "-q",
                "--data-dir",
                d,
                "cpmis",
                "export-des",
                "--quarter",
                "2026-Q3",
                "--area",
                "IND010212",
                "-o",
                str(xlsx),
            ]
        )
        == 0
    )
    assert main(["-q", "--data-dir", d, "cpmis", "import-des", str(xlsx), "--dry-run"]) == 0
    assert "Dry run: nothing was written" in capsys.readouterr().out
