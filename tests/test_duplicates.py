"""The duplicate check finds the same child under other spellings, scripts and estimates."""

from __future__ import annotations

from datetime import date

from desktop.services.cases.casework import add_guardian
from desktop.services.cases.children import register_child
from desktop.services.core.context import unit_of_work
from desktop.services.find.duplicates import Probe, find_duplicates
from tests.conftest import TODAY
from tests.demo_data import ASHA, demo_engine
from tests.helpers import aadhaar, child_input
from tests.near_duplicates import make_cases, measure


def test_same_child_in_devanagari_ranked_first_with_reasons(session):
    """The same child typed in Devanagari, with a guardian, comes first with its reasons."""
    a = register_child(session, child_input(), today=TODAY)
    add_guardian(session, a, name="Sunita Devi", relation="mother")
    register_child(
        session,
        child_input(first_name="Pooja", name_local="पूजा कुमारी", dob="2016-05-01"),
        today=TODAY,
    )
    got = find_duplicates(
        session,
        Probe(
            first_name="प्रिया",
            last_name="कुमारी",
            gender="female",
            dob=date(2016, 4, 12),
            guardian_names=("सुनीता देवी",),
        ),
    )
    assert got[0].code == a.code
    text = " | ".join(got[0].reasons)
    assert "name sounds alike" in text and "born 2 days apart" in text
    assert "guardian name alike" in text


def test_unrelated_child_is_not_flagged(session):
    """A different name, another gender and a distant birth date give no candidates."""
    register_child(session, child_input(), today=TODAY)
    got = find_duplicates(
        session, Probe(first_name="Ramesh", last_name="Yadav", gender="male", dob=date(2010, 1, 1))
    )
    assert got == []


def test_same_aadhaar_is_a_certain_match(session):
    """The same Aadhaar makes a candidate certain whatever the name."""
    a = register_child(session, child_input(aadhaar=aadhaar()), today=TODAY)
    got = find_duplicates(
        session, Probe(first_name="Guddi", gender="female", dob=date(2012, 1, 1), aadhaar=aadhaar())
    )
    assert got[0].code == a.code and got[0].score == 100.0
    assert got[0].reasons[0] == "same Aadhaar number"


def test_generated_near_duplicates_precision_and_recall(tmp_path):
    """Over generated near-duplicates of demo children, the original is found and ranked high."""
    engine = demo_engine(tmp_path / "demo", children=1500, seed=7, run_rules=False)
    with unit_of_work(engine, ASHA, rules=False) as session:
        cases = make_cases(session, n=120, seed=3)
        m = measure(session, cases)
    engine.dispose()
    assert m["recall_at_top"] >= 0.95, m
    assert m["top1_accuracy"] >= 0.6, m  # demo names repeat a lot: namesakes compete


def test_an_edited_name_is_found_by_its_new_spelling(session):
    """A corrected name is what the stored keys hold afterwards: the duplicate check, the
    children list and search find the child by the new name, no longer by the old."""
    from sqlalchemy import text

    from desktop.services.cases.children import update_child
    from desktop.services.core.names import name_key
    from desktop.services.find.listing import count_listed, list_children
    from desktop.services.find.search import search_children

    a = register_child(
        session, child_input(first_name="Meena", last_name="Kumari", name_local=None), today=TODAY
    )
    update_child(session, a, {"first_name": "Rukhsana"}, reason="name misspelt", today=TODAY)
    session.flush()
    probe = Probe(first_name="Rukhsaana", last_name="Kumari", gender="female", dob=a.dob)
    assert [c.code for c in find_duplicates(session, probe)] == [a.code]
    keys = session.execute(
        text("SELECT key FROM child_find_key WHERE child_id = :i ORDER BY key"), {"i": a.id}
    ).scalars()
    assert list(keys) == ["f:ruksan", "s:kumari"]
    add_guardian(session, a, name="Sunita Devi", relation="mother")
    session.flush()
    stored = session.execute(
        text("SELECT guardian_keys FROM child_find_key WHERE child_id = :i AND key = 'f:ruksan'"),
        {"i": a.id},
    ).scalar_one()
    assert stored == name_key("Sunita Devi")
    assert [r.code for r in list_children(session, offset=0, limit=10, text="rukh")] == [a.code]
    assert count_listed(session, text="rukh") == 1 and count_listed(session, text="meena") == 0
    assert [h.code for h in search_children(session, "Rukhsana")] == [a.code]


def test_namesakes_among_many_the_true_child_is_in_the_top_five(session):
    """Sixty children of the same name and gender born over fifteen years: the respelt
    probe born a few weeks off finds the true child among the first five."""
    from datetime import timedelta

    start = date(2008, 1, 1)
    ids = []
    for i in range(60):
        dob = start + timedelta(days=i * 90)
        kid = register_child(
            session,
            child_input(first_name="Pooja", last_name="Kumari", dob=dob.isoformat()),
            today=TODAY,
        )
        ids.append((kid.id, dob))
    truth, dob = ids[37]
    got = find_duplicates(
        session,
        Probe(
            first_name="Puja", last_name="Kumaari", gender="female", dob=dob + timedelta(days=30)
        ),
        limit=5,
    )
    assert truth in [c.child_id for c in got]


def test_identification_marks_and_languages_order_namesakes(session):
    """Among namesakes of a guessed age, the one whose identification marks (worded
    otherwise) and languages agree comes first, with those reasons; without them typed,
    the one born closer to the guessed date does, as before."""
    closer = register_child(
        session,
        child_input(dob="2014-06-01", identification_marks="scar on left knee", languages="Hindi"),
        today=TODAY,
    )
    marked = register_child(
        session,
        child_input(
            dob="2014-01-20",
            identification_marks="mole on left cheek",
            languages="Hindi, Bhojpuri",
        ),
        today=TODAY,
    )
    plain = Probe(
        first_name="Priya",
        last_name="Kumari",
        gender="female",
        dob=date(2014, 6, 10),
        dob_estimated=True,
    )
    assert [c.code for c in find_duplicates(session, plain)][:2] == [closer.code, marked.code]
    described = Probe(
        **{
            **plain.__dict__,
            "identification_marks": "Mole, left cheek",
            "languages": "bhojpuri, hindi",
        }
    )
    got = find_duplicates(session, described)
    assert [c.code for c in got][:2] == [marked.code, closer.code]
    text = " | ".join(got[0].reasons)
    assert "identification marks alike: mole on left cheek" in text
    assert "same languages: Hindi, Bhojpuri" in text
    assert got[0].score <= 100.0
    assert not any("identification marks" in r for r in got[1].reasons)


def test_the_very_date_of_birth_outweighs_a_surname_left_out(session):
    """Typed without a surname, the child born on the very day typed comes before a
    namesake recorded without a surname born two days off (who matches the name a shade
    better); with an estimated age it does not."""
    same_day = register_child(session, child_input(dob="2012-03-01"), today=TODAY)
    no_surname = register_child(
        session, child_input(last_name=None, name_local=None, dob="2012-03-03"), today=TODAY
    )
    probe = Probe(first_name="Priya", gender="female", dob=date(2012, 3, 1))
    got = find_duplicates(session, probe)
    assert [c.code for c in got][:2] == [same_day.code, no_surname.code]
    assert "same date of birth (01-03-2012)" in got[0].reasons
    guessed = find_duplicates(session, Probe(**{**probe.__dict__, "dob_estimated": True}))
    assert [c.code for c in guessed][:2] == [no_surname.code, same_day.code]


def test_an_estimated_age_among_namesakes_is_ranked_by_the_guardian(session):
    """A guessed age is seldom within a year: among a dozen namesakes born near the guess,
    whose guardians bear other names, the child born 430 days from it whose guardian was
    typed comes first; without the guardian typed, the namesakes born nearer come first."""
    from datetime import timedelta

    guess = date(2014, 6, 1)
    others = ["Mahesh Yadav", "Sunil Paswan", "Mohan Ram", "Anil Kumar"]
    near = []
    for i in range(12):
        kid = register_child(
            session,
            child_input(dob=(guess + timedelta(days=10 * i - 60)).isoformat()),
            today=TODAY,
        )
        add_guardian(session, kid, name=others[i % 4], relation="father")
        near.append(kid.code)
    truth = register_child(
        session, child_input(dob=(guess - timedelta(days=430)).isoformat()), today=TODAY
    )
    add_guardian(session, truth, name="Ramesh Prasad", relation="father")
    probe = Probe(
        first_name="Priya",
        last_name="Kumari",
        gender="female",
        dob=guess,
        dob_estimated=True,
        guardian_names=("Ramesh Prasad",),
    )
    got = find_duplicates(session, probe, limit=5)
    assert got[0].code == truth.code
    assert "born 430 days apart (estimated)" in got[0].reasons
    unguided = find_duplicates(session, Probe(**{**probe.__dict__, "guardian_names": ()}))
    assert truth.code not in [c.code for c in unguided][:5]
    assert set([c.code for c in unguided][:5]) <= set(near)
