"""The quarterly factsheet: key figures, trends and the district comparison, in English and
in Hindi with Devanagari shaped."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from desktop.documents.factsheet import factsheet_pdf
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.cpmis.report import factsheet_data
from desktop.services.cpmis.store import save_table
from reporting.cpmis.areas import district_area, institution_area, state_area
from reporting.cpmis.consolidate import BodyFigures, consolidate
from reporting.cpmis.loader import load_catalogue
from tests.pdf_tools import (
    FONT_DIR,
    contains_run,
    drawn_glyphs,
    harfbuzz_glyphs,
    hb_font,
    outline,
    pdf_text,
)

CAT = load_catalogue()
SUPER = Actor("asha", "superintendent", "Asha Kumari")
QUARTERS = ["2026.01-2026.03", "2026.04-2026.06", "2026.07-2026.09"]


def _home(n: int, district: int, k: int) -> BodyFigures:
    """A home's quarter: 20 + k children, SIRs 3 of 4 due (k adds more met)."""
    end = 20.0 + k
    figs = {
        "cci.stock.end": {"total": end, "boys": end - 8, "girls": 8.0, "transgender": 0.0},
        "cci.adm.total": {"total": 4.0 + k},
        "cci.tl.sir15.due": {"total": 4.0},
        "cci.tl.sir15.met": {"total": min(4.0, 2.0 + k)},
        "cci.tl.final4m.due": {"total": 5.0},
        "cci.tl.final4m.met": {"total": float(n % 5)},
        "cci.rep.capacity": {"total": 30.0},
    }
    return BodyFigures(institution_area(10, district, n, f"Home {n}", None), "cci", "CH", figs)


@pytest.fixture
def stored(engine: Engine) -> Engine:
    """Three quarters of three districts (Patna with two homes) kept as consolidated."""
    areas = {a.id: a for a in (state_area(10), *(district_area(10, d) for d in (212, 188, 196)))}
    with unit_of_work(engine, SUPER) as s:
        for k, q in enumerate(QUARTERS):
            bodies = [_home(1, 212, k), _home(2, 212, k), _home(3, 188, k), _home(4, 196, 0)]
            for t in consolidate(CAT, bodies, areas=areas).values():
                save_table(s, CAT, area=t.area, period=q, table=t.table, origin="consolidated")
    return engine


def test_factsheet_shows_key_figures_trends_and_districts(stored: Engine) -> None:
    """The district's factsheet has its figures against last quarter, the trends and every
    district compared, with percents given as numerator of denominator."""
    with unit_of_work(stored, SUPER) as s:
        data = factsheet_data(s, CAT, area_id="IND010212", quarter=QUARTERS[-1])
    assert [k.indicator_id for k in data.keys][:2] == ["cci.rep.occupancy_pct", "cci.adm.total"]
    sir = next(k for k in data.keys if k.indicator_id == "cci.tl.sir15.pct")
    assert (sir.value, sir.num, sir.den, sir.previous) == (100.0, 8.0, 8.0, 75.0)
    assert any(t.indicator_id == "cci.stock.end" for t in data.trends)
    stock = next(t for t in data.trends if t.indicator_id == "cci.stock.end")
    assert [v for _q, v in stock.points][-3:] == [40.0, 42.0, 44.0]
    comp = data.comparison
    assert comp is not None and comp.indicator_id == "cci.tl.final4m.pct"  # the catalogue's choice
    # final orders in time: Gaya 4 of 5, Araria 3 of 5, Patna (1 + 2) of 10
    assert [(b[1], b[2]) for b in comp.bars] == [("Gaya", 80.0), ("Araria", 60.0), ("Patna", 30.0)]
    assert comp.highlight == "IND010212"
    pdf = factsheet_pdf(data, made_by="Asha Kumari")
    text = pdf_text(pdf)
    for expected in (
        "CPMIS quarterly factsheet",
        "Patna (District)",
        "Jul-Sep 2026",
        "100.0 %",
        "8 of 8",
        "Trends over the last quarters",
        "Districts compared",
        "Araria",
        "Gaya",
        "Page 2 of 2",
    ):
        assert expected in text, expected


def test_hindi_factsheet_is_shaped(stored: Engine) -> None:
    """In Hindi the headings and the districts' names are drawn with the glyphs HarfBuzz shapes
    (conjuncts and matras in place), not letter by letter."""
    with unit_of_work(stored, SUPER) as s:
        data = factsheet_data(s, CAT, area_id="IND010212", quarter=QUARTERS[-1], lang="hi")
    pdf = factsheet_pdf(data, made_by="आशा")
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    for font_file, font_name, word in (
        ("NotoSansDevanagari-Bold.ttf", "NotoSansDevanagari-Bold", "मुख्य संकेतक"),
        ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Regular", "अररिया"),  # in the chart
        ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Regular", "जुलाई-सितंबर"),  # the band
    ):
        path = FONT_DIR / font_file
        font = hb_font(path)
        drawn = [g for p in range(pages) for g in drawn_glyphs(pdf, font_name=font_name, page=p)]
        shaped = [outline(font, g) for g in harfbuzz_glyphs(word, path)]
        assert contains_run(drawn, shaped), word
        letters = [outline(font, font.get_nominal_glyph(ord(ch)) or 0) for ch in word]
        assert letters == shaped or not contains_run(drawn, letters), word


def test_an_institution_is_compared_with_the_homes_of_its_district(stored: Engine) -> None:
    """A home's factsheet compares it with the other homes of its district."""
    with unit_of_work(stored, SUPER) as s:
        data = factsheet_data(s, CAT, area_id="IND010212_002", quarter=QUARTERS[-1])
    assert data.comparison is not None and data.comparison.level == "institution"
    assert {b[0] for b in data.comparison.bars} == {"IND010212_001", "IND010212_002"}
    assert data.by_sex == {"boys": 14.0, "girls": 8.0, "transgender": 0.0}
