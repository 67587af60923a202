"""Full-text search over names (both scripts), codes and guardians; code check digits."""

from __future__ import annotations

import itertools

from desktop.services.cases.casework import add_guardian
from desktop.services.cases.children import register_child, update_child
from desktop.services.cases.codes import make_code, normalise_code, valid_code
from desktop.services.core.validation import verhoeff_check_digit, verhoeff_valid
from desktop.services.find.search import search_children
from tests.conftest import TODAY
from tests.helpers import child_input


def _setup(session):
    a = register_child(session, child_input(), today=TODAY)
    b = register_child(
        session,
        child_input(first_name="Ramesh", last_name="Yadav", name_local="रमेश यादव", gender="male"),
        today=TODAY,
    )
    c = register_child(
        session,
        child_input(first_name="Shabnam", last_name="Khatoon", name_local=None),
        today=TODAY,
    )
    add_guardian(session, c, name="Md. Kalam Ansari", relation="father")
    return a, b, c


def test_search_latin_devanagari_and_transliteration(session):
    """A child is found by Latin name, Devanagari name, and another spelling of either."""
    a, b, c = _setup(session)
    assert search_children(session, "Priya")[0].code == a.code
    assert search_children(session, "प्रिया")[0].code == a.code
    assert search_children(session, "priyaa kumaari")[0].code == a.code
    assert search_children(session, "रमेश")[0].code == b.code
    assert search_children(session, "Shabnam Khatun")[0].code == c.code
    assert search_children(session, "शबनम")[0].code == c.code  # typed in Devanagari only
    assert search_children(session, "xyzzy") == []


def test_search_by_code_and_guardian(session):
    """Codes match with or without dashes (as prefixes); guardians' names find the child."""
    a, b, c = _setup(session)
    assert [h.code for h in search_children(session, a.code)] == [a.code]
    assert [h.code for h in search_children(session, a.code.replace("-", ""))] == [a.code]
    assert {h.code for h in search_children(session, "10-212-0007")} == {a.code, b.code, c.code}
    assert [h.code for h in search_children(session, "Kalam")] == [c.code]


def test_search_follows_edits(session):
    """After a name change the old name no longer finds the child and the new one does."""
    a, _, _ = _setup(session)
    update_child(
        session,
        a,
        {"first_name": "Anjali", "name_local": "अंजलि कुमारी"},
        reason="name on the birth record",
        today=TODAY,
    )
    assert all(h.code != a.code for h in search_children(session, "प्रिया"))
    assert search_children(session, "Anjali")[0].code == a.code


def test_search_prefix_as_you_type(session):
    """Partial words match, so search works while the user is still typing."""
    a, b, _ = _setup(session)
    assert search_children(session, "Ram")[0].code == b.code
    assert a.code in [h.code for h in search_children(session, "Pri")]


def test_verhoeff_known_vector():
    """The Verhoeff check digit of 236 is 3 (the published example)."""
    assert verhoeff_check_digit("236") == "3" and verhoeff_valid("2363")
    assert not verhoeff_valid("2364")


def test_code_check_digit_catches_typos_and_swaps():
    """Every single-digit typo and every swap of neighbouring digits makes the code invalid."""
    code = make_code(state=10, district=212, institution=7, year=2025, serial=4213)
    assert valid_code(code)
    digits = [i for i, ch in enumerate(code) if ch.isdigit()]
    for i, d in itertools.product(digits, "0123456789"):
        if code[i] != d:
            assert not valid_code(code[:i] + d + code[i + 1 :]), (i, d)
    for i, j in zip(digits, digits[1:], strict=False):
        if j == i + 1 and code[i] != code[j]:
            swapped = code[:i] + code[j] + code[i] + code[j + 1 :]
            assert not valid_code(swapped)
    assert normalise_code(code.replace("-", " ")) == code
    assert normalise_code("12345") is None


def test_devanagari_words_are_indexed_whole(session):
    """The search index keeps a Devanagari word one token (vowel signs and virama are part
    of it): "मिश्रा" is a word there, its letters are not, and a typed Devanagari prefix
    matches the start of a word."""
    from sqlalchemy import text

    from desktop.services.find.listing import list_children

    kid = register_child(
        session,
        child_input(first_name="Rani", last_name="Mishra", name_local="रानी मिश्रा"),
        today=TODAY,
    )
    register_child(
        session,
        child_input(first_name="Ramesh", last_name="Sharma", name_local="रमेश शर्मा"),
        today=TODAY,
    )
    session.flush()

    def n(q: str) -> int:
        sql = "SELECT count(*) FROM child_search WHERE child_search MATCH :q"
        return int(session.execute(text(sql), {"q": q}).scalar_one())

    assert n('names : "मिश्रा"') == 1 and n('names : "श"') == 0 and n('names : "र"') == 0
    assert [r.code for r in list_children(session, offset=0, limit=10, text="मिश्")] == [kid.code]
    assert [h.code for h in search_children(session, "रानी मिश्रा")] == [kid.code]
