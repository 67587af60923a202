"""The paged children list behind the main window."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.models import Child
from desktop.services.cases.casework import add_guardian
from desktop.services.cases.children import ChildInput, register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.find.listing import ChildRow, count_listed, list_children
from desktop.services.find.search import fts_query
from tests.conftest import TODAY


def _register(session: Session, first: str, last: str | None = None, **kw: object) -> int:
    data = ChildInput(
        first_name=first,
        last_name=last,
        gender=kw.pop("gender", "female"),
        dob=kw.pop("dob", "2016-05-04"),
        admission_date="2025-01-10",
        **kw,
    )
    return register_child(session, data, today=TODAY).id


def test_pages_cover_every_child_once_in_code_order(session: Session) -> None:
    """Pages taken with offset/limit together list each child exactly once, by code."""
    for i in range(7):
        _register(session, "Child", "ABCDEFG"[i])
    pages = [list_children(session, offset=o, limit=3) for o in (0, 3, 6, 9)]
    assert [len(p) for p in pages] == [3, 3, 1, 0]
    codes = [r.code for p in pages for r in p]
    assert codes == sorted(codes) and len(set(codes)) == 7
    assert count_listed(session) == 7


def test_row_carries_display_values(session: Session) -> None:
    """A row has the joined name, local name, dates and the category's label."""
    _register(session, "Ravi", "Kumar", name_local="रवि कुमार", gender="male", category_code=3)
    (row,) = list_children(session, offset=0, limit=10)
    assert isinstance(row, ChildRow)
    assert (row.name, row.name_local, row.gender) == ("Ravi Kumar", "रवि कुमार", "male")
    assert row.dob == date(2016, 5, 4) and row.admission_date == date(2025, 1, 10)
    assert row.status == "in_care" and not row.dob_estimated
    assert row.category_code == 3 and row.category == "Abandoned, parents unknown"


def test_age_is_completed_years(session: Session) -> None:
    """Age counts a year only once the birthday has passed."""
    _register(session, "Meena", dob="2016-05-04")
    (row,) = list_children(session, offset=0, limit=1)
    assert row.age_on(date(2026, 5, 3)) == 9
    assert row.age_on(date(2026, 5, 4)) == 10


def test_text_matches_word_prefixes_in_any_order(session: Session) -> None:
    """Each typed word must start a word of the names; order and case do not matter."""
    _register(session, "Ravi", "Kumar")
    _register(session, "Ravina", "Devi")
    _register(session, "Sunil", "Kumar")

    def names(text: str) -> list[str]:
        return [r.name for r in list_children(session, offset=0, limit=10, text=text)]

    assert names("rav") == ["Ravi Kumar", "Ravina Devi"]
    assert names("KUM rav") == ["Ravi Kumar"]
    assert names("kumar") == ["Ravi Kumar", "Sunil Kumar"]
    assert names("umar") == []
    assert count_listed(session, text="rav") == 2


def test_text_finds_local_script_code_and_guardian(session: Session) -> None:
    """Search covers the Devanagari name, the child code and guardians' names."""
    first = _register(session, "Sita", name_local="सीता")
    second = _register(session, "Gita")
    child = session.get(Child, second)
    assert child is not None
    add_guardian(session, child, name="Ramesh Prasad", relation="father")
    session.flush()

    assert [r.id for r in list_children(session, offset=0, limit=5, text="सी")] == [first]
    assert [r.id for r in list_children(session, offset=0, limit=5, text="ramesh")] == [second]
    code = child.code
    assert [r.id for r in list_children(session, offset=0, limit=5, text=code)] == [second]


def test_text_with_quotes_or_operators_is_taken_literally(session: Session) -> None:
    """Quotes, brackets and FTS keywords in the box never raise a syntax error."""
    _register(session, "Asha")
    for text in ['"asha', "asha)", "NEAR(", "OR", "a AND", "*"]:
        list_children(session, offset=0, limit=5, text=text)
    assert [r.name for r in list_children(session, offset=0, limit=5, text='"asha')] == ["Asha"]


def test_blank_or_punctuation_text_lists_everyone(session: Session) -> None:
    """Nothing searchable typed (spaces, a lone dash) means no filter."""
    _register(session, "Asha")
    _register(session, "Bela")
    for text in (None, "", "   ", " - "):
        assert len(list_children(session, offset=0, limit=5, text=text)) == 2
    assert fts_query("  ") is None
    assert fts_query(" - ") is None


def test_list_search_is_transliteration_insensitive(session: Session) -> None:
    """The window's list finds a Devanagari-named child by another Latin spelling."""
    from desktop.services.cases.children import register_child
    from tests.conftest import TODAY
    from tests.helpers import child_input

    c = register_child(session, child_input(first_name="प्रिया", last_name=None), today=TODAY)
    for typed in ("Priyaa", "प्रिया", c.code.replace("-", "")):
        rows = list_children(session, offset=0, limit=5, text=typed)
        assert [r.code for r in rows] == [c.code], typed


def test_pages_sorted_by_name_never_repeat_or_skip(session: Session) -> None:
    """With repeated names, pages sorted by name still list every child once (id breaks ties)."""
    from desktop.services.find.listing import ListFilter

    for _ in range(5):
        _register(session, "Asha", "Devi")
    for _ in range(3):
        _register(session, "Bela")
    pages = [list_children(session, offset=o, limit=3, sort="name") for o in (0, 3, 6)]
    ids = [r.id for p in pages for r in p]
    assert len(ids) == len(set(ids)) == 8
    assert [r.name for p in pages for r in p] == ["Asha Devi"] * 5 + ["Bela"] * 3
    desc = list_children(session, offset=0, limit=10, sort="name", descending=True)
    assert [r.name for r in desc] == ["Bela"] * 3 + ["Asha Devi"] * 5
    assert count_listed(session, filters=ListFilter(text="asha"), today=TODAY) == 5


def test_dated_filters_keep_code_order(session: Session) -> None:
    """Age and length-of-stay filters (read by a table scan) still give pages in code order."""
    from desktop.services.find.listing import ListFilter

    for i, year in enumerate((2022, 2018, 2010, 2019, 2012)):
        _register(session, f"Child{'ABCDE'[i]}", dob=f"{year}-01-01")
    f = ListFilter(age_min=8, stay_min_days=30)  # 8 exactly (born 2018-01-01) is kept
    rows = list_children(session, offset=0, limit=10, filters=f, today=TODAY)
    assert [r.code for r in rows] == sorted(r.code for r in rows)
    assert sorted(r.dob.year for r in rows) == [2010, 2012, 2018]
    assert count_listed(session, filters=f, today=TODAY) == 3


def test_the_count_after_a_page_follows_every_change(inst_engine: Engine, actor: Actor) -> None:
    """The count reuses the matches its page read only while nothing has changed since:
    not after a write of another connection, nor after one of its own transaction."""
    from sqlalchemy import text as sql_text

    with unit_of_work(inst_engine, actor) as s:
        _register(s, "Ravi", "Kumar")
    with Session(inst_engine) as reader:
        assert [r.name for r in list_children(reader, offset=0, limit=10, text="rav")] == [
            "Ravi Kumar"
        ]
        assert count_listed(reader, text="rav") == 1
        reader.commit()  # the next transaction sees what others commit
        with unit_of_work(inst_engine, actor) as w:  # another connection writes
            _register(w, "Ravina", "Devi")
        assert count_listed(reader, text="rav") == 2
        assert len(list_children(reader, offset=0, limit=10, text="rav")) == 2
        # a write in the reader's own transaction, then one undone
        reader.execute(
            sql_text("DELETE FROM child_search WHERE rowid = (SELECT max(rowid) FROM child_search)")
        )
        assert count_listed(reader, text="rav") == 1
        reader.rollback()
        assert count_listed(reader, text="rav") == 2
        assert len(list_children(reader, offset=0, limit=10, text="rav")) == 2
        assert count_listed(reader, text="rav") == 2


@pytest.mark.parametrize("walk", [False, True])
def test_a_typed_text_lists_what_the_general_query_lists(
    session: Session, monkeypatch: pytest.MonkeyPatch, walk: bool
) -> None:
    """A text alone in code order (a keystroke) runs as plain SQL on the driver's cursor;
    its pages, row for row (names, dates, flags), are those of the general statement
    (a no-op age filter sends a page there), in both directions, from any offset: with
    the matches looked up, and (`walk`, as when thousands match) the code index walked."""
    from desktop.models import Flag
    from desktop.services.core.audit import audited
    from desktop.services.find import listing
    from desktop.services.find.listing import ListFilter

    if walk:
        monkeypatch.setattr(listing, "_match_ids", lambda *a, **k: None)

    names = [("Ravi", "Kumar"), ("Ravina", None), ("रवि", None), ("Sunil", "Kumar")]
    ids = [
        _register(session, first, last, dob=f"{2010 + i % 7}-0{1 + i % 9}-1{i % 10}")
        for i in range(40)
        for first, last in [names[i % 4]]
    ]
    with audited(session, "escalate_flag (test flags)"):
        for n, cid in enumerate(ids[::3]):
            for severity in ("low", "critical", "high")[: 1 + n % 3]:
                session.add(
                    Flag(
                        child_id=cid,
                        rule_id=f"r{severity}",
                        policy_version="test",
                        severity=severity,
                        raised_on=TODAY,
                        due_on=TODAY,
                        status="open" if n % 4 else "resolved",
                    )
                )
    session.flush()
    code = list_children(session, offset=0, limit=1)[0].code
    for text in ("rav", "kumar", "ravi", "रवि", "", code, code.replace("-", "")[:6], "zz"):
        for descending in (False, True):
            for offset, limit in ((0, 200), (0, 7), (5, 9), (38, 10)):
                fast = list_children(
                    session, offset=offset, limit=limit, text=text, descending=descending
                )
                general = list_children(
                    session,
                    offset=offset,
                    limit=limit,
                    filters=ListFilter(text=text, age_max=150),
                    descending=descending,
                    today=TODAY,
                )
                assert fast == general, (text, descending, offset)
    every = list_children(session, offset=0, limit=200, text="")
    assert len(every) == 40 and isinstance(every[0].dob, date)
    assert any(r.open_flags > 1 and r.worst_severity == "critical" for r in every)
    assert len(list_children(session, offset=0, limit=200, text="ravi")) == 30  # Ravi, Ravina, रवि


def test_the_lists_fts_query_matches_what_the_ranked_one_matches(session: Session) -> None:
    """The list's FTS query (a word that is its own key as one phrase over every column)
    matches exactly the children `clms search`'s does, names, keys, guardians and codes."""
    from sqlalchemy import text as sql_text

    kids = [
        _register(session, "Ram", "Kumar"),
        _register(session, "Raam", "Kumari", name_local="राम कुमारी"),
        _register(session, "Golu", name_local="गोलू"),
        _register(session, "Amit", "Mandal"),
    ]
    child = session.get(Child, kids[3])
    assert child is not None
    add_guardian(session, child, name="Ramesh Kumar", relation="father")
    session.flush()
    typed = ["ram", "kumar", "ram kumar", "raam", "राम", "gulu", "golu", "amit ram", "kum"]
    typed += [child.code, child.code[-7:], "ra", "k"]
    for t in typed:
        ranked, listed = fts_query(t), fts_query(t, ranked=False)
        assert ranked is not None and listed is not None

        def ids(q: str) -> set[int]:
            sql = sql_text("SELECT rowid FROM child_search WHERE child_search MATCH :q")
            return set(session.execute(sql, {"q": q}).scalars())

        assert ids(listed) == ids(ranked), t
    assert fts_query("kumar", ranked=False) == '("kumar"*)'
    assert len(list_children(session, offset=0, limit=9, text="ram")) == 3


def test_a_pages_flags_are_read_by_child_not_by_every_open_flag(session: Session) -> None:
    """The page's open flags are looked up child by child in the index of open flags, from
    its entries alone. Left to choose, SQLite read every open flag of the install through
    the status index for each keystroke: 204 ms a page at 50k children with their flags
    stored, not 1.4 ms; through the (child, rule) index it looked up every flag's row."""
    from desktop.services.find.listing import _PAGE_FLAGS_SQL

    raw = session.connection().connection.driver_connection
    assert raw is not None
    plan = " / ".join(
        str(row[-1]) for row in raw.execute("EXPLAIN QUERY PLAN " + _PAGE_FLAGS_SQL, ("[1, 2]",))
    )
    assert "COVERING INDEX ix_flag_child_open (child_id=?)" in plan, plan
    assert "ix_flag_status_due" not in plan, plan


def test_a_pages_open_flags_are_each_childs_open_flags(session: Session) -> None:
    """A page's flag counts and worst severities, read from the index of open flags, are
    what each child's flags say (the rules' own from registration, and some added):
    open, acknowledged and escalated ones counted, resolved ones not, the most serious
    severity shown."""
    from sqlalchemy import func, select

    from desktop.core.first_page import SEVERITY_RANK
    from desktop.models import Flag
    from desktop.services.core.audit import audited
    from desktop.services.find.listing import open_flags_of

    ids = [_register(session, "Ravi", "Kumar" + "abcdefghijkl"[i]) for i in range(12)]
    statuses = ("open", "acknowledged", "escalated", "resolved")
    severities = ("low", "medium", "high", "critical")
    with audited(session, "escalate_flag (test flags)"):
        for n, cid in enumerate(ids):
            for k in range(n % 5):
                session.add(
                    Flag(
                        child_id=cid,
                        rule_id=f"r{k}",
                        policy_version="test",
                        severity=severities[(n + k) % 4],
                        raised_on=TODAY,
                        due_on=TODAY,
                        status=statuses[(n * 3 + k) % 4],
                    )
                )
    session.flush()
    want: dict[int, tuple[int, str | None]] = {}
    for cid, severity, status in session.execute(select(Flag.child_id, Flag.severity, Flag.status)):
        if status == "resolved":
            continue
        n, worst = want.get(cid, (0, None))
        if worst is None or SEVERITY_RANK[severity] < SEVERITY_RANK[worst]:
            worst = severity
        want[cid] = (n + 1, worst)
    resolved = session.scalar(select(func.count()).where(Flag.status == "resolved"))
    assert resolved and any(n > 1 for n, _ in want.values())  # both cases are there
    assert open_flags_of(session, ids) == want
    page = {
        r.id: (r.open_flags, r.worst_severity)
        for r in list_children(session, offset=0, limit=50, text="ravi")
    }
    assert page == {cid: want.get(cid, (0, None)) for cid in ids}
