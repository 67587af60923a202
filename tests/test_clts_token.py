"""The entitlement card's signed token: genuine with the state's key, refused when altered."""

from __future__ import annotations

from datetime import date

import pytest

from bundle_format.card_token import (
    TokenError,
    endorse_signer,
    make_token,
    read_token,
    verify_token,
)
from bundle_format.keys import generate_keys, raw_public

CASE, CODE = "BIH_PATNA_2026_170001", "10-212-0007-2026-00001-4"


@pytest.fixture(scope="module")
def keys():
    """A state (central) key and an office's key, endorsed by the state until the end of 2027."""
    state = generate_keys(role="central", name="Bihar")
    office = generate_keys(role="institution", name="Asha Kiran")
    endorsement = endorse_signer(
        state.sign,
        signer_public=raw_public(office.sign.public_key()),
        district=212,
        valid_until=date(2027, 12, 31),
    )
    return state, office, endorsement


def test_a_card_token_verifies_with_the_state_key_alone(keys):
    """The QR text checks out offline with only the state's public key."""
    state, office, endorsement = keys
    qr = make_token(
        office.sign,
        case_id=CASE,
        child_code=CODE,
        issued=date(2026, 11, 23),
        endorsement=endorsement,
    )
    assert qr.startswith(f"CLTS1:{CASE}:{CODE}:") and len(qr) < 330
    check = verify_token(qr, state_public=state.public().sign, on=date(2026, 11, 24))
    assert check.genuine and check.signed and check.endorsed, check.problem
    assert (check.case_id, check.district, check.valid_until) == (CASE, 212, date(2027, 12, 31))
    assert check.signer_key_id == office.public().sign_key_id
    assert check.summary().startswith("GENUINE: card of BIH_PATNA_2026_170001")


def test_an_altered_card_or_another_state_is_not_genuine(keys):
    """Another case ID on the same token, or another state's key, fails the check."""
    state, office, endorsement = keys
    qr = make_token(
        office.sign,
        case_id=CASE,
        child_code=CODE,
        issued=date(2026, 11, 23),
        endorsement=endorsement,
    )
    forged = qr.replace(CASE, "BIH_PATNA_2026_170002")
    check = verify_token(forged, state_public=state.public().sign)
    assert not check.genuine and not check.signed and "altered" in (check.problem or "")
    other = generate_keys(role="central", name="Other state")
    check = verify_token(qr, state_public=other.public().sign)
    assert not check.genuine and check.signed and not check.endorsed


def test_an_unendorsed_office_signs_but_is_not_vouched_for(keys):
    """Before its endorsement arrives the token is signed, and says it is not endorsed."""
    state, office, _ = keys
    qr = make_token(office.sign, case_id=CASE, child_code=CODE, issued=date(2026, 11, 23))
    check = verify_token(qr, state_public=state.public().sign)
    assert check.signed and not check.genuine and "endorsed" in (check.problem or "")


def test_a_card_issued_after_the_endorsement_ended_is_refused(keys):
    """An endorsement has a last day; cards issued after it are not genuine."""
    state, office, endorsement = keys
    qr = make_token(
        office.sign, case_id=CASE, child_code=CODE, issued=date(2028, 1, 2), endorsement=endorsement
    )
    check = verify_token(qr, state_public=state.public().sign, on=date(2028, 1, 3))
    assert not check.genuine and "after the endorsement ended" in (check.problem or "")


def test_text_that_is_not_a_card_token_is_refused_in_words():
    """Another QR code, or a token cut short, says so instead of crashing."""
    with pytest.raises(TokenError, match="not the QR code of a CLTS"):
        read_token("10-212-0007-2026-00001-4")
    with pytest.raises(TokenError, match="cut short"):
        read_token(f"CLTS1:{CASE}:{CODE}:AEBAG")
