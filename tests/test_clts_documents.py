"""Child labour (CLTS) documents: the card (QR token verifies), the sheet, the quarterly report."""

from __future__ import annotations

import io
from datetime import date

import pytest
import zxingcpp
from openpyxl import load_workbook

from bundle_format.card_token import endorse_signer, verify_token
from bundle_format.keys import generate_keys, raw_public
from desktop.documents.clts_report import report_pdf, report_xlsx
from desktop.documents.fonts import FONT_DIR
from desktop.documents.printing import print_document
from desktop.rules.clts_policy import load_clts_policy
from desktop.services.clts.compensation import update_line
from desktop.services.clts.derive import lines_of
from desktop.services.clts.household import add_member, save_household
from desktop.services.clts.report import Quarter, quarterly_report, records_from_db
from desktop.services.clts.rescue import update_case
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.core.errors import NotAllowed
from sync_client.card_signer import signer_from_keys
from tests.clts_helpers import rescued_child
from tests.conftest import TODAY
from tests.pdf_tools import (
    contains_run,
    drawn_glyphs,
    harfbuzz_glyphs,
    hb_font,
    outline,
    pdf_text,
    render_page,
)


@pytest.fixture(scope="module")
def state_and_office():
    """The state's key and an office's key the state endorsed."""
    state = generate_keys(role="central", name="Bihar")
    office = generate_keys(role="institution", name="Asha Kiran")
    endorsed = endorse_signer(
        state.sign,
        signer_public=raw_public(office.sign.public_key()),
        district=212,
        valid_until=date(2027, 12, 31),
    )
    return state, office, endorsed


def _ready_case(s):
    kid, case = rescued_child(s, cwc_name="CWC Patna")
    save_household(
        s,
        case,
        {"head_name": "Sunil Manjhi", "area": "rural", "housing": "kutcha", "ration_card": "none"},
        today=TODAY,
    )
    add_member(
        s, case, {"name": "Sunil Manjhi", "relation": "father", "age_years": 41}, today=TODAY
    )
    update_case(
        s,
        case,
        {"final_order": "restored", "final_order_on": "2026-07-01", "restored_on": "2026-07-03"},
        today=TODAY,
    )
    line = next(ln for ln in lines_of(s, case) if ln.line == "relief_3000")
    update_line(
        s,
        case,
        line,
        {"paid_on": "2026-06-03", "payment_ref": "CASH/LS/114", "payment_mode": "cash"},
        today=TODAY,
    )
    return kid, case


def test_card_back_qr_is_a_token_the_state_key_verifies(inst_engine, actor, state_and_office):
    """The printed card's QR decodes to the case ID and a token genuine under the state's key."""
    state, office, endorsed = state_and_office
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kid, case = _ready_case(s)
        pdf = print_document(
            s,
            kind="card",
            child_ids=[kid.id],
            actor=actor,
            as_of=TODAY,
            signer=signer_from_keys(office, endorsed),
        )
        assert case.card_issued_on == TODAY
        clts_id, code = case.clts_id, kid.code
    found = zxingcpp.read_barcodes(
        render_page(pdf, 1, dpi=300), formats=zxingcpp.BarcodeFormat.QRCode
    )
    assert len(found) == 1 and found[0].text.startswith(f"CLTS1:{clts_id}:{code}:")
    check = verify_token(found[0].text, state_public=state.public().sign, on=TODAY)
    assert check.genuine, check.problem
    text = " ".join(pdf_text(pdf).split())
    assert clts_id in text and code in text and "Raju Manjhi" in text
    assert "Immediate relief package" in text and "1098 Childline" in text


def test_card_waits_for_the_cwc_final_order(inst_engine, actor):
    """Before the final order the child gets the ordinary ID card, not the CLTS card."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kid, case = rescued_child(s)
        pdf = print_document(s, kind="card", child_ids=[kid.id], actor=actor, as_of=TODAY)
        assert case.card_issued_on is None
        clts_id = case.clts_id
    text = " ".join(pdf_text(pdf).split())
    assert clts_id not in text and "Entitlement card" in text


def test_state_official_gets_the_plain_card(inst_engine, actor):
    """Someone not allowed CLTS details prints the ordinary card, with no case or scheme."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kid, case = _ready_case(s)
        clts_id, kid_id = case.clts_id, kid.id
    official = Actor("state", "state_official", "WCD")
    with unit_of_work(inst_engine, official, as_of=TODAY) as s:
        pdf = print_document(s, kind="card", child_ids=[kid_id], actor=official, as_of=TODAY)
    assert clts_id not in pdf_text(pdf)


def test_sheet_lists_every_department_with_gaps_and_the_ledger(inst_engine, actor):
    """The A4 sheet has the ten departments, statuses, due days, the ledger and the signature."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kid, case = _ready_case(s)
        pdf = print_document(s, kind="sheet", child_ids=[kid.id], actor=actor, as_of=TODAY)
        clts_id = case.clts_id
    text = " ".join(pdf_text(pdf).split())
    for dept in load_clts_policy().departments.values():
        assert dept.en in text, dept.en
    assert "PM Awaas Yojana - Gramin (housing) (Indira Awaas Yojana (IAY))" in text
    assert "received 03-06-2026 CASH/LS/114" in text
    assert "Compensation and relief" in text and "Rs 53,000" in text
    assert "Assistant Director, District Child Protection Unit" in text
    assert "CWC Patna" in text and clts_id in text


def test_hindi_sheet_is_shaped_by_harfbuzz(inst_engine, actor):
    """The Hindi sheet draws the department names with the glyphs HarfBuzz gives."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        kid, _ = _ready_case(s)
        pdf = print_document(
            s, kind="sheet", child_ids=[kid.id], actor=actor, as_of=TODAY, lang="hi"
        )
    path = FONT_DIR / "NotoSansDevanagari-Bold.ttf"
    font = hb_font(path)
    drawn = drawn_glyphs(pdf, font_name="NotoSansDevanagari-Bold", page=0)
    word = "श्रम"  # of श्रम संसाधन विभाग: a conjunct that shapes to fewer glyphs than letters
    assert contains_run(drawn, [outline(font, g) for g in harfbuzz_glyphs(word, path)])
    assert not contains_run(
        drawn, [outline(font, font.get_nominal_glyph(ord(c)) or 0) for c in word]
    )


def test_quarterly_report_counts_rescues_money_and_coverage(inst_engine, actor):
    """The quarter's rescues by industry, age and origin, money in the quarter, coverage."""
    with unit_of_work(inst_engine, actor, as_of=TODAY) as s:
        _ready_case(s)
        _, other = rescued_child(
            s,
            child={"first_name": "Sonu", "gender": "female", "dob": "2017-02-01"},
            industry="domestic_work",
            origin_state="20",
            origin_district="",
            origin_district_name="Giridih",
            rescue_on="2026-05-20",
            produced_on="2026-05-21",
            fir_on="2026-05-20",
        )
        policy = load_clts_policy()
        rep = quarterly_report(
            records_from_db(s), Quarter(2026, 2), policy=policy, area="Test home"
        )
    assert rep.rescued == 2 and rep.by_industry == {"brick_kiln": 1, "domestic_work": 1}
    assert rep.by_age_gender["10-14"]["male"] == 1 and rep.by_age_gender["<10"]["female"] == 1
    assert rep.in_state == {"Gaya": 1} and rep.other_state == {"Jharkhand": 1}
    assert rep.lines["relief_3000"].paid_n == 1 and rep.lines["relief_3000"].paid_rs == 3000
    received, eligible = rep.coverage["labour"]
    assert received == 1 and eligible >= 4
    q3 = quarterly_report(
        records_from_db_safe(inst_engine, actor), Quarter(2026, 3), policy=policy, area="x"
    )
    assert q3.rescued == 0 and q3.open_cases == 2
    pdf = report_pdf(rep, policy=policy, lang="en", generated_by="asha")
    text = " ".join(pdf_text(pdf).split())
    assert "Quarterly CLTS report · Apr-Jun 2026" in text and "2026.04-2026.06" in text
    assert "Brick kiln / roof tiles" in text and "Jharkhand (other state)" in text
    wb = load_workbook(io.BytesIO(report_xlsx(rep, policy=policy)))
    assert wb.sheetnames == [
        "Summary",
        "Industry",
        "Age and gender",
        "Origin",
        "Compensation",
        "Entitlements",
    ]
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)}
    assert summary["Children rescued in the quarter"] == 2 and summary["From another state"] == 1


def records_from_db_safe(engine, actor):
    """The records in a fresh unit of work (after the first committed)."""
    with unit_of_work(engine, actor) as s:
        return records_from_db(s)


def test_quarters_parse_in_every_common_spelling():
    """2026-Q3, Q3 2026 and DevInfo's period are the same quarter; a bad one is refused."""
    assert Quarter.parse("2026-Q3") == Quarter.parse("q3 2026") == Quarter.parse("2026.07-2026.09")
    assert Quarter(2026, 3).end == date(2026, 9, 30) and Quarter.of(date(2026, 12, 31)).number == 4
    with pytest.raises(ValueError, match="not a quarter"):
        Quarter.parse("2026.07-2026.08")


def test_the_card_cannot_be_required_before_the_order(inst_engine, actor):
    """Asking for the CLTS card of a case without a final order says why it cannot be printed."""
    from desktop.services.clts.summary import require_card

    with unit_of_work(inst_engine, actor) as s:
        _, case = rescued_child(s)
        with pytest.raises(NotAllowed, match="after the CWC's final order"):
            require_card(case, load_clts_policy())
