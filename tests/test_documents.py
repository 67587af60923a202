"""Printed documents: read back as PDFs (text, page sizes, QR codes, glyphs, no raw Aadhaar)."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image, ImageDraw
from pypdf import PdfReader
from sqlalchemy import Engine

from desktop.documents.card import CARD_H, CARD_W, COLS, ROWS, _cell, cards_pdf, crop_mark_lines
from desktop.documents.cwc_file import cwc_file_pdf
from desktop.documents.fonts import script_runs
from desktop.documents.printing import render
from desktop.documents.sheet import entitlement_sheet_pdf
from desktop.documents.summary import case_summaries_pdf, case_summary_pdf, without_basis
from desktop.models import Child
from desktop.rules.policy import load_policy
from desktop.services.cases import casework
from desktop.services.cases.children import register_child
from desktop.services.core.attachments import AttachmentStore
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import PermissionDenied
from desktop.services.flags.evaluate import evaluate_all
from desktop.services.flags.store import list_flags
from tests.helpers import aadhaar, child_input
from tests.pdf_tools import (
    FONT_DIR,
    contains_run,
    content_streams,
    drawn_glyphs,
    harfbuzz_glyphs,
    hb_font,
    outline,
    pdf_text,
    raw_streams,
    render_page,
)

TODAY = date(2026, 11, 23)
HINDI_NAME = "प्रिया क्षत्रिय"  # pre-base matra ि, conjuncts प्र, क्ष, त्र
AADHAAR = aadhaar("98761234567")
PT_PER_MM = 72 / 25.4


def _photo() -> bytes:
    im = Image.new("RGB", (240, 300), (205, 222, 240))
    ImageDraw.Draw(im).ellipse((60, 50, 180, 170), fill=(120, 90, 70))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def make_case(s: Any, store: AttachmentStore, **over: Any) -> Child:
    """A child with a whole case: guardian, an old visit, order, SIR, ICP, notes, photo."""
    fields = {
        "first_name": "Priya",
        "last_name": "Kshatriya",
        "name_local": HINDI_NAME,
        "aadhaar": AADHAAR,
        "category_code": 3,
        "admission_date": "2025-03-01",
        "produced_before_cwc_on": "2025-03-01",
        "medical_exam_on": "2025-03-02",
        "admission_order_no": "CWC/PAT/2025/114",
    }
    fields.update(over)
    child = register_child(s, child_input(**fields), today=TODAY)
    g = casework.add_guardian(
        s, child, name="Sunita Devi", name_local="सुनीता देवी", relation="mother"
    )
    casework.log_visit(s, child, visit_date="2025-03-10", guardian=g, today=TODAY)
    casework.record_order(
        s,
        child,
        order_no="CWC/PAT/2025/114",
        order_date="2025-03-01",
        order_type="admission",
        summary="Interim care at Asha Kiran",
        today=TODAY,
    )
    casework.record_sir(
        s,
        child,
        requested_on="2025-03-02",
        completed_on="2025-03-14",
        officer="R. Sinha",
        today=TODAY,
    )
    casework.record_icp(s, child, prepared_on="2025-03-25", review_due_on="2025-06-25", today=TODAY)
    casework.add_note(
        s,
        child,
        text="Settled well; attends the bridge class.",
        note_date="2026-10-01",
        today=TODAY,
    )
    casework.set_document_status(
        s, child, doc_type="admission_order", status="verified", on="2025-03-01", today=TODAY
    )
    casework.set_photo(s, child, data=_photo(), store=store)
    return child


@pytest.fixture
def store(data_dir: Path) -> AttachmentStore:
    """The data folder's attachment store."""
    return AttachmentStore.for_data_dir(data_dir)


@pytest.fixture
def case(inst_engine: Engine, actor: Actor, store: AttachmentStore) -> tuple[int, str]:
    """(id, code) of the child with a whole case."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        c = make_case(s, store)
        return c.id, c.code


def _qr_codes(img: Image.Image) -> list[tuple[str, int]]:
    """Decoded QR texts with the x centre of each symbol."""
    found = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)
    out = []
    for b in found:
        p = b.position
        out.append((b.text, (p.top_left.x + p.bottom_right.x) // 2))
    return out


# -- fonts ----------------------------------------------------------------------------


def test_script_runs_split_latin_and_devanagari() -> None:
    """Mixed-script text is cut into runs so each is drawn with a font that has its glyphs."""
    runs = script_runs("CLMS 10-212 प्रिया (Priya) 12/03/2026 को")
    assert runs == [
        (False, "CLMS 10-212 "),
        (True, "प्रिया "),
        (False, "(Priya) 12/03/2026 "),
        (True, "को"),
    ]


def test_harfbuzz_reorders_the_test_name() -> None:
    """The test name needs shaping: HarfBuzz's glyphs differ from the characters' own glyphs."""
    path = FONT_DIR / "NotoSansDevanagari-Regular.ttf"
    font = hb_font(path)
    nominal = [font.get_nominal_glyph(ord(ch)) for ch in HINDI_NAME]
    shaped = harfbuzz_glyphs(HINDI_NAME, path)
    assert shaped != nominal
    assert len(shaped) < len(nominal)  # conjuncts become single glyphs


def test_fonts_ship_with_their_licence() -> None:
    """The Devanagari font and the SIL Open Font License travel with the package."""
    for name in ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", "OFL.txt"):
        assert (FONT_DIR / name).stat().st_size > 1000
    assert "SIL OPEN FONT LICENSE" in (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")


# -- cards ----------------------------------------------------------------------------


def test_single_card_is_cr80_front_and_back(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], store: AttachmentStore
) -> None:
    """One child prints as two pages of exactly 85.6 x 54 mm with name, code and Childline."""
    with unit_of_work(inst_engine, actor) as s:
        pdf = cards_pdf(s, child_ids=[case[0]], photos=store)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(85.6 * PT_PER_MM, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(54 * PT_PER_MM, abs=0.01)
    text = pdf_text(pdf)
    for expected in (
        "Priya Kshatriya",
        case[1],
        "Asha Kiran Children's Home",
        "Patna",
        "Childline 1098",
    ):
        assert expected in text
    assert len(reader.pages[0].images) == 1  # the photo


def test_card_qr_decodes_to_the_child_code_only(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], store: AttachmentStore
) -> None:
    """The QR code on the printed card back, rendered from the PDF, reads as the code alone."""
    with unit_of_work(inst_engine, actor) as s:
        pdf = cards_pdf(s, child_ids=[case[0]], photos=store)
    codes = _qr_codes(render_page(pdf, 1, dpi=200))
    assert [c for c, _ in codes] == [case[1]]


def test_card_sheet_has_crop_marks_and_mirrored_backs(
    inst_engine: Engine, actor: Actor, store: AttachmentStore
) -> None:
    """Ten cards make two A4 sheets (fronts, then mirrored backs) whose QR codes all decode."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kids = [
            register_child(
                s, child_input(first_name=f"Child {'ABCDEFGHIJ'[n]}", name_local=None), today=TODAY
            )
            for n in range(10)
        ]
        ids, codes = [k.id for k in kids], [k.code for k in kids]
        pdf = cards_pdf(s, child_ids=ids, photos=store)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 4  # 8 + 2 cards: two sheets, each front and back
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.2756, abs=0.01)
    back = _qr_codes(render_page(pdf, 1, dpi=150))
    assert sorted(c for c, _ in back) == sorted(codes[:8])
    width_px = 595.2756 / 72 * 150
    first = next(x for c, x in back if c == codes[0])
    assert first > width_px / 2  # the first card's back sits behind it on a duplex print
    assert sorted(c for c, _ in _qr_codes(render_page(pdf, 3, dpi=150))) == sorted(codes[8:])
    assert "Child A" in pdf_text(pdf)


def test_crop_marks_sit_on_every_cut_line_outside_the_cards() -> None:
    """Crop marks line up with each card edge and never run into a card."""
    lines = crop_mark_lines()
    xs = {round(_cell(c, 0)[0], 3) for c in range(COLS)} | {
        round(_cell(c, 0)[0] + CARD_W, 3) for c in range(COLS)
    }
    ys = {round(_cell(0, r)[1], 3) for r in range(ROWS)} | {
        round(_cell(0, r)[1] + CARD_H, 3) for r in range(ROWS)
    }
    assert {round(x1, 3) for x1, _, x2, _ in lines if x1 == x2} == xs
    assert {round(y1, 3) for _, y1, _, y2 in lines if y1 == y2} == ys
    cells = [(*_cell(c, r), CARD_W, CARD_H) for c in range(COLS) for r in range(ROWS)]
    for x1, y1, x2, y2 in lines:
        assert 0 < min(x1, x2) and max(x1, x2) < 595.28 and 0 < min(y1, y2) < 841.89
        for cx, cy, w, h in cells:
            overlaps_x = max(x1, x2) > cx + 0.01 and min(x1, x2) < cx + w - 0.01
            overlaps_y = max(y1, y2) > cy + 0.01 and min(y1, y2) < cy + h - 0.01
            assert not (overlaps_x and overlaps_y)


def test_hindi_card_glyphs_match_harfbuzz(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], store: AttachmentStore
) -> None:
    """The Devanagari name on the card is drawn with exactly the glyphs HarfBuzz shapes."""
    with unit_of_work(inst_engine, actor) as s:
        pdf = cards_pdf(s, child_ids=[case[0]], lang="hi", photos=store)
    path = FONT_DIR / "NotoSansDevanagari-Bold.ttf"
    font = hb_font(path)
    expected = [outline(font, g) for g in harfbuzz_glyphs(HINDI_NAME, path)]
    drawn = drawn_glyphs(pdf, font_name="NotoSansDevanagari-Bold", page=0)
    assert contains_run(drawn, expected)
    unshaped = [outline(font, font.get_nominal_glyph(ord(ch)) or 0) for ch in HINDI_NAME]
    assert not contains_run(drawn, unshaped)


def assert_no_raw_aadhaar(pdf: bytes, number: str = AADHAAR) -> None:
    """The unmasked Aadhaar is nowhere: not in the text, not in any (decompressed) stream."""
    spaced = f"{number[:4]} {number[4:8]} {number[8:]}"
    text = pdf_text(pdf)
    raw = raw_streams(pdf)
    # the search is meaningful: the child code, drawn as text, is readable in the streams
    assert re.search(rb"\d\d-\d\d\d-\d{4}-\d{4}-\d{5}-\d", content_streams(pdf))
    for form in (number, spaced):
        assert form not in text
        assert form.encode() not in raw
    # nor split by PDF string syntax into pieces of 8 or more of its digits
    assert not re.search(number[:8].encode(), raw)


def test_cards_never_carry_the_aadhaar(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], store: AttachmentStore
) -> None:
    """Neither card size nor language prints the Aadhaar number."""
    with unit_of_work(inst_engine, actor) as s:
        for lang in ("en", "hi"):
            assert_no_raw_aadhaar(cards_pdf(s, child_ids=[case[0]], lang=lang, photos=store))
            assert_no_raw_aadhaar(
                cards_pdf(s, child_ids=[case[0]], lang=lang, photos=store, sheet=True)
            )


# -- case summary, entitlement sheet, CWC file -------------------------------------------


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_case_summary_has_every_section_and_numbered_pages(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], store: AttachmentStore
) -> None:
    """The English summary carries identity, history, visits, orders, flags and page n of m."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        evaluate_all(s, as_of=TODAY)
        pdf = case_summary_pdf(
            s, child_id=case[0], lang="en", actor=actor, as_of=TODAY, photos=store
        )
    n = _pages(pdf)
    assert 2 <= n <= 6
    text = pdf_text(pdf)
    for expected in (
        "Case summary",
        "Asha Kiran Children's Home, Patna",
        case[1],
        "Priya Kshatriya",
        "XXXX-XXXX-" + AADHAAR[-4:],  # masked Aadhaar
        "3. Abandoned",
        "Sunita Devi",
        "Visits: 1 in all, 0 in the last 12 months; last visit 10-03-2025",
        "CWC/PAT/2025/114",
        "submitted 14-03-2025",
        "review due 25-06-2025",
        "Recommended for adoption evaluation",  # an open flag's explanation
        "JJ Act 2015, s.38",  # its legal basis
        "Settled well",
        "CONFIDENTIAL",
        "asha (Asha Kumari)",
        f"Page 1 of {n}",
        f"Page {n} of {n}",
    ):
        assert expected in text, expected
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1  # the photo
    assert_no_raw_aadhaar(pdf)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_summary_flag_reasons_leave_the_basis_to_its_column(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], lang: str
) -> None:
    """The stored explanation ends with the legal basis; in the summary's flags table the
    reason stops before it (the basis has its own column), in English and Hindi."""
    policy = load_policy()
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        evaluate_all(s, as_of=TODAY)
        flags = list_flags(s, child_id=case[0], lang=lang)
    assert flags
    for f in flags:
        rp = policy.rules[f.rule_id]
        basis = rp.basis_hi if lang == "hi" else rp.basis_en
        assert basis in f.explanation
        reason = without_basis(f.explanation, basis, lang)
        assert basis not in reason and reason.endswith("।" if lang == "hi" else ".")
        assert f.explanation.startswith(reason[:-1])
    assert without_basis("No match (other).", "JJ Act", "en") == "No match (other)."


def test_hindi_summary_shapes_the_name_and_keeps_latin_data(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], store: AttachmentStore
) -> None:
    """In Hindi the labels change, Latin data stays, and the Devanagari name is shaped."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        pdf = case_summary_pdf(
            s, child_id=case[0], lang="hi", actor=actor, as_of=TODAY, photos=store
        )
    text = pdf_text(pdf)
    assert "Priya Kshatriya" in text and case[1] in text and "CONFIDENTIAL" not in text
    path = FONT_DIR / "NotoSansDevanagari-Regular.ttf"
    font = hb_font(path)
    drawn = drawn_glyphs(pdf, font_name="NotoSansDevanagari-Regular", page=0)
    for word in HINDI_NAME.split():  # Paragraph lays out word by word
        assert contains_run(drawn, [outline(font, g) for g in harfbuzz_glyphs(word, path)])
    label = "प्रकरण सारांश"  # the Hindi title, bold
    bold = FONT_DIR / "NotoSansDevanagari-Bold.ttf"
    drawn_bold = drawn_glyphs(pdf, font_name="NotoSansDevanagari-Bold", page=0)
    bfont = hb_font(bold)
    for word in label.split():
        assert contains_run(drawn_bold, [outline(bfont, g) for g in harfbuzz_glyphs(word, bold)])
    assert_no_raw_aadhaar(pdf)


def test_batch_summaries_number_pages_per_child(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], store: AttachmentStore
) -> None:
    """Several summaries in one file: each child's pages count from 1 again."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        other = register_child(s, child_input(first_name="Ravi", gender="male"), today=TODAY)
        one = case_summary_pdf(s, child_id=case[0], actor=actor, as_of=TODAY, photos=store)
        both = case_summaries_pdf(
            s, child_ids=[case[0], other.id], actor=actor, as_of=TODAY, photos=store
        )
    n = _pages(one)
    text = pdf_text(both)
    assert _pages(both) > n
    assert text.count("Page 1 of") == 2
    assert f"Page {n} of {n}" in text and "Ravi" in text
    assert "Visits: none recorded since admission" in " ".join(text.split())  # Ravi


def test_entitlement_sheet_derives_what_the_record_holds(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], store: AttachmentStore
) -> None:
    """Aadhaar on record shows obtained, the medical exam done with its date, the rest blank."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        pdf = entitlement_sheet_pdf(s, child_ids=[case[0]], actor=actor, photos=store)
        hi = entitlement_sheet_pdf(s, child_ids=[case[0]], lang="hi", actor=actor)
    assert _pages(pdf) == 1
    text = pdf_text(pdf)
    for expected in (
        "Entitlement sheet",
        "School enrolment",
        "Health check",
        "Aadhaar enrolment",
        "Bank account",
        "Sponsorship",
        "Department",
        "Reference no.",
        case[1],
    ):
        assert expected in text, expected
    # cells come out one per line, row by row
    assert re.search(r"Aadhaar enrolment\s+UIDAI \(Aadhaar\)\s+Aadhaar enrolment\s+Obtained", text)
    assert re.search(r"Health check\s+Health\s+Medical examination[^/]*?\s+Done\s+02-03-2025", text)
    assert re.search(r"Bank account\s+Bank / Finance\s+Savings account[^/]*?Not recorded", text)
    assert text.count("Not recorded") >= 3
    assert_no_raw_aadhaar(pdf)
    assert_no_raw_aadhaar(hi)


def test_cwc_file_letter_facts_and_checklist(
    inst_engine: Engine, actor: Actor, case: tuple[int, str]
) -> None:
    """The CWC file: cover letter with the recommendation, its legal basis, facts, checklist."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        pdf = cwc_file_pdf(s, child_id=case[0], actor=actor, as_of=TODAY)
        hi = cwc_file_pdf(s, child_id=case[0], lang="hi", actor=actor, as_of=TODAY)
    text = " ".join(pdf_text(pdf).split())  # words, whatever the line breaks
    for expected in (
        "Child Welfare Committee, Patna",
        "Subject: Recommendation to evaluate Priya Kshatriya",
        "no visitation: a parent or guardian last visited on 10-03-2025",
        "JJ Act 2015, s.38",
        "Facts behind the recommendation",
        "Last guardian visit",
        "Documents checklist",
        "Admission order of the CWC",
        "Required: missing",
        "Superintendent (signature and seal)",
    ):
        assert expected in text, expected
    assert _pages(pdf) >= 2
    assert "सेवा में" in pdf_text(hi) or _pages(hi) >= 2
    assert_no_raw_aadhaar(pdf)
    assert_no_raw_aadhaar(hi)


def test_cwc_file_says_when_the_rules_do_not_recommend(
    inst_engine: Engine, actor: Actor, store: AttachmentStore
) -> None:
    """A child whose guardian visits recently is not recommended, and the letter says so."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        child = make_case(s, store, category_code=9, aadhaar=aadhaar("52312312312"))
        casework.log_visit(
            s, child, visit_date="2026-11-01", guardian=child.guardians[0], today=TODAY
        )
        pdf = cwc_file_pdf(s, child_id=child.id, actor=actor, as_of=TODAY)
    text = " ".join(pdf_text(pdf).split())
    assert "do not recommend this child" in text
    assert "meet the grounds" not in text and "for the Committee's direction" in text


# -- who may print what ---------------------------------------------------------------


def test_district_official_prints_without_photo_or_aadhaar(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], store: AttachmentStore
) -> None:
    """A district official may print, but photos and even the masked Aadhaar are left out."""
    official = Actor("dpo", "district_official", "District officer", state=10, districts=(212,))
    with unit_of_work(inst_engine, official) as s:
        card = render(
            s, kind="card", child_ids=[case[0]], actor=official, as_of=TODAY, photos=store
        )
        summary = render(
            s, kind="summary", child_ids=[case[0]], actor=official, as_of=TODAY, photos=store
        )
    assert len(PdfReader(io.BytesIO(card)).pages[0].images) == 0
    assert "Photo" in pdf_text(card)  # the empty box says what belongs there
    text = pdf_text(summary)
    assert "Priya Kshatriya" in text and "XXXX-XXXX" not in text
    assert len(PdfReader(io.BytesIO(summary)).pages[0].images) == 0


def test_children_outside_the_area_are_refused(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], store: AttachmentStore
) -> None:
    """An official of another district cannot print this institution's children."""
    other = Actor("dpo2", "district_official", "Other district", state=10, districts=(213,))
    with unit_of_work(inst_engine, other) as s:
        for kind in ("card", "sheet", "summary", "cwc-file"):
            with pytest.raises(PermissionDenied):
                render(s, kind=kind, child_ids=[case[0]], actor=other, as_of=TODAY)


def test_hindi_documents_use_the_institutions_hindi_name(engine: Engine, actor: Actor) -> None:
    """A Hindi card and summary head carry the institution's Hindi name when it has one."""
    from desktop.services.install.institution import setup_institution

    with unit_of_work(engine, actor, as_of=TODAY) as s:
        setup_institution(
            s,
            name="Asha Kiran Children's Home",
            name_local="आशा किरण बाल गृह",
            type="childrens-home",
            state=10,
            district=212,
            registration_no="BR/PAT/CH/0007",
        )
        child = register_child(s, child_input(), today=TODAY)
        hi_card = cards_pdf(s, child_ids=[child.id], lang="hi")
        en_card = cards_pdf(s, child_ids=[child.id], lang="en")
        hi_sheet = entitlement_sheet_pdf(s, child_ids=[child.id], lang="hi", actor=actor)
    assert "Asha Kiran" in pdf_text(en_card) and "Asha Kiran" not in pdf_text(hi_card)
    assert "Asha Kiran" not in pdf_text(hi_sheet)
    path = FONT_DIR / "NotoSansDevanagari-Bold.ttf"
    font = hb_font(path)
    drawn = drawn_glyphs(hi_card, font_name="NotoSansDevanagari-Bold", page=0)
    assert contains_run(drawn, [outline(font, g) for g in harfbuzz_glyphs("आशा किरण बाल गृह", path)])


def test_the_aadhaar_check_finds_a_number_in_compressed_streams() -> None:
    """The Aadhaar check can fail: a number drawn in a compressed page stream is caught."""
    from reportlab.pdfgen.canvas import Canvas

    from desktop.documents.fonts import draw_text

    buf = io.BytesIO()
    c = Canvas(buf, pageCompression=1)
    draw_text(c, 50, 700, "Child code: 10-212-0007-2025-00001-7", size=10)
    c.setFillColorRGB(1, 1, 1)  # white on white: invisible, still in the file
    draw_text(c, 50, 680, AADHAAR, size=10)
    c.save()
    assert AADHAAR.encode() not in buf.getvalue()  # compressed: a plain search misses it
    with pytest.raises(AssertionError):
        assert_no_raw_aadhaar(buf.getvalue())


def test_other_modules_entitlements_replace_the_generic_lines(
    inst_engine: Engine, actor: Actor, case: tuple[int, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A registered source's lines (as the child-labour module's) replace the generic ones;
    a child it has nothing for keeps the generic lines."""
    from desktop.services.cases import entitlements

    monkeypatch.setattr(entitlements, "_sources", [])

    @entitlements.entitlement_source
    def clts(session: Any, child: Child) -> list[entitlements.Entitlement]:
        if child.id != case[0]:
            return []
        return [
            entitlements.Entitlement(
                "CMRF relief Rs 25,000",
                "Labour",
                "Chief Minister's Relief Fund",
                "applied",
                on=date(2026, 10, 2),
                reference="LAB/PAT/2026/77",
            )
        ]

    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        pdf = entitlement_sheet_pdf(s, child_ids=[case[0]], actor=actor)
        assert [e.status for e in entitlements.child_entitlements(s, s.get(Child, case[0]))] == [
            "applied"
        ]
        other = register_child(s, child_input(first_name="Sonu"), today=TODAY)
        plain = entitlements.child_entitlements(s, other)
    text = " ".join(pdf_text(pdf).split())
    assert "CMRF relief Rs 25,000 Labour Chief Minister's Relief Fund Applied 02-10-2026" in text
    assert "LAB/PAT/2026/77" in text and "School enrolment" not in text
    assert "school" in {e.key for e in plain}  # the generic lines for a child with none


def test_long_names_wrap_before_they_shrink() -> None:
    """A long name takes two lines at a readable size instead of one line of tiny type."""
    from desktop.documents.fonts import fit_lines, text_width

    room = (85.6 - 32) * PT_PER_MM
    for name in (
        "Venkatalakshmi Annapurna Chandrashekharan Subramanyam",
        "वेंकटलक्ष्मी अन्नपूर्णा चंद्रशेखरन सुब्रमण्यम",
    ):
        size, lines = fit_lines(name, size=10, max_width=room, max_lines=2, min_size=7, bold=True)
        assert len(lines) == 2 and size >= 7
        assert all(text_width(ln, size, bold=True) <= room for ln in lines)
        assert " ".join(lines) == name
    size, lines = fit_lines("Priya Kshatriya", size=10, max_width=room, bold=True)
    assert (size, lines) == (10, ["Priya Kshatriya"])
