"""Mock training data and the `clms` command line, run for real on a data folder."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text

from desktop.cli.main import main
from desktop.db import open_database
from desktop.services.cases.codes import valid_code
from desktop.services.core.audit import verify_chain
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.demo.generate import generate_demo
from tests.conftest import TODAY

INIT = [
    "init",
    "--name",
    "Asha Kiran Children's Home",
    "--type",
    "childrens-home",
    "--state",
    "10",
    "--district",
    "212",
    "--registration-no",
    "BR/PAT/CH/0007",
]


def _fingerprint(engine) -> list[tuple]:
    with engine.connect() as c:
        return [
            tuple(r)
            for r in c.execute(
                text(
                    "SELECT c.code, c.first_name, c.name_local, c.dob, c.category_code, "
                    "(SELECT count(*) FROM guardian_visit v WHERE v.child_id = c.id) FROM child c "
                    "ORDER BY c.code"
                )
            )
        ]


def test_demo_is_deterministic_for_seed_and_date(tmp_path):
    """The same seed and as-of date give the same children, codes and visit counts (but
    record ids of their own: see test_hardening_sync)."""
    prints = []
    for run in ("a", "b"):
        d = tmp_path / run
        assert main(["-q", "--data-dir", str(d), *INIT]) == 0
        assert (
            main(
                [
                    "-q",
                    "--data-dir",
                    str(d),
                    "demo",
                    "--children",
                    "300",
                    "--seed",
                    "5",
                    "--as-of",
                    "2026-11-23",
                ]
            )
            == 0
        )
        prints.append(_fingerprint(open_database(d)))
    assert prints[0] == prints[1] and len(prints[0]) == 300


def test_demo_covers_the_variety_training_needs(inst_engine, actor):
    """Demo data spans all 20 categories, every document state, both scripts, ages and stays."""
    with unit_of_work(inst_engine, actor) as s:
        generate_demo(s, children=1200, seed=2, as_of=TODAY)
    with unit_of_work(inst_engine, actor) as s:
        q = lambda sql: s.execute(text(sql)).scalar()  # noqa: E731
        assert q("SELECT count(DISTINCT category_code) FROM child") == 20
        assert q("SELECT count(DISTINCT status) FROM document_item") == 4
        assert q("SELECT count(DISTINCT status) FROM child") >= 7
        assert q("SELECT count(*) FROM child WHERE name_local GLOB '*[क-ह]*'") > 900
        assert q("SELECT count(*) FROM child WHERE dob_estimated") > 200
        # children with no visits, rare visits and monthly visits all exist
        per_child = [
            r[0]
            for r in s.execute(
                text(
                    "SELECT count(v.id) FROM child c "
                    "LEFT JOIN guardian_visit v ON v.child_id = c.id "
                    "GROUP BY c.id"
                )
            )
        ]
        assert min(per_child) == 0 and max(per_child) >= 30
        stays = [
            r[0]
            for r in s.execute(
                text("SELECT julianday(:t) - julianday(admission_date) FROM child"),
                {"t": "2026-11-23"},
            )
        ]
        assert min(stays) < 60 and max(stays) > 8 * 365
        assert all(valid_code(c) for (c,) in s.execute(text("SELECT code FROM child")))
        assert verify_chain(s)[1] is None
        # every record took its own change sequence number (the demo's child-labour cases
        # are written through the services, so their updates took further numbers)
        tables = (
            "institution",
            "child",
            "guardian",
            "guardian_visit",
            "category_change",
            "document_item",
            "cwc_order",
            "social_investigation",
            "care_plan",
            "case_note",
            "adoption_stage",
            "clts_case",
            "clts_household",
            "clts_member",
            "clts_compensation",
            "clts_entitlement",
            "clts_follow_up",
            "tombstone",
        )
        seqs = [
            r[0]
            for t in tables
            for r in s.execute(text(f"SELECT change_seq FROM {t}"))  # noqa: S608
        ]
        assert len(seqs) == len(set(seqs)) and max(seqs) == q("SELECT last_seq FROM sync_counter")
        assert q("SELECT count(*) FROM clts_case") > 0
        assert q("SELECT count(*) FROM child_search") == 1200


def test_cli_init_demo_search_show(tmp_path, capsys):
    """The documented quick start works: init, demo, search a demo name, show the child."""
    d = str(tmp_path / "cci")
    assert main(["--data-dir", d, *INIT]) == 0
    assert "Patna, Bihar" in capsys.readouterr().out
    assert main(["-q", "--data-dir", d, "demo", "--children", "200"]) == 0
    capsys.readouterr()
    with unit_of_work(open_database(tmp_path / "cci"), Actor("t")) as s:
        name, code = s.execute(text("SELECT first_name, code FROM child LIMIT 1")).one()
    assert main(["--data-dir", d, "search", name]) == 0
    assert code in capsys.readouterr().out
    assert main(["--data-dir", d, "show", code]) == 0
    out = capsys.readouterr().out
    assert code in out and "Documents:" in out and "Category:" in out
    assert main(["--data-dir", d, "show", code, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["code"] == code
    assert main(["--data-dir", d, "show", "10-212-0001-2020-99999-0"]) == 4


def test_cli_data_dir_from_environment(tmp_path, monkeypatch, capsys):
    """CLMS_DATA_DIR is used when --data-dir is not given."""
    monkeypatch.setenv("CLMS_DATA_DIR", str(tmp_path / "env"))
    assert main(INIT) == 0
    assert (tmp_path / "env" / "clms.sqlite3").exists()
    assert str(tmp_path / "env") in capsys.readouterr().out


def test_cli_init_refuses_bad_area_and_type(tmp_path, capsys):
    """Set-up refuses an unknown district with a message naming it, and an unknown CCI type."""
    d = str(tmp_path / "x")
    bad = [*INIT[:-3], "999", "--registration-no", "R1"]
    assert main(["--data-dir", d, *bad]) == 3
    assert "district 999 is not a district of Bihar" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "--data-dir",
                d,
                "init",
                "--name",
                "X",
                "--type",
                "hostel",
                "--state",
                "10",
                "--district",
                "212",
                "--registration-no",
                "R",
            ]
        )
    assert exc.value.code == 2
    assert "invalid choice: 'hostel'" in capsys.readouterr().err


def test_cli_duplicates_command(tmp_path, capsys):
    """`clms duplicates` lists likely matches with their reasons."""
    d = str(tmp_path / "cci")
    main(["-q", "--data-dir", d, *INIT])
    main(["-q", "--data-dir", d, "demo", "--children", "100", "--as-of", "2026-11-23"])
    with unit_of_work(open_database(tmp_path / "cci"), Actor("t")) as s:
        first, local, gender, dob = s.execute(
            text(
                "SELECT first_name, name_local, gender, dob FROM child "
                "WHERE name_local IS NOT NULL LIMIT 1"
            )
        ).one()
    capsys.readouterr()
    dob = dob if isinstance(dob, date) else date.fromisoformat(dob)
    assert (
        main(
            [
                "--data-dir",
                d,
                "duplicates",
                "--first-name",
                local.split()[0],
                "--last-name",
                local.split()[1],
                "--gender",
                gender,
                "--dob",
                dob.isoformat(),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "name sounds alike" in out and first in out


def test_demo_refuses_a_folder_with_real_children(session, capsys):
    """Invented children are never mixed into a folder that already holds real cases."""
    import pytest

    from desktop.services.cases.children import register_child
    from desktop.services.core.errors import NotAllowed
    from tests.helpers import child_input

    register_child(session, child_input(), today=TODAY)
    with pytest.raises(NotAllowed, match="never mixed with real cases"):
        generate_demo(session, children=5, as_of=TODAY)


def test_demo_can_be_added_to_again_in_a_training_folder(session):
    """A training folder takes more demo children, with codes that continue the serials."""
    from desktop.services.demo.generate import is_training_folder

    generate_demo(session, children=20, seed=1, as_of=TODAY)
    assert is_training_folder(session)
    generate_demo(session, children=20, seed=2, as_of=TODAY)
    codes = [c for (c,) in session.execute(text("SELECT code FROM child"))]
    assert len(codes) == len(set(codes)) == 40
    # The same seed again (as `clms demo` twice with its default seed) adds other children.
    generate_demo(session, children=20, seed=1, as_of=TODAY)
    uuids = [u for (u,) in session.execute(text("SELECT uuid FROM child"))]
    assert len(uuids) == len(set(uuids)) == 60


def test_bulk_rows_read_back_like_orm_rows(session):
    """Rows the demo writes in bulk load through the ORM with the right Python types."""
    from datetime import datetime
    from uuid import UUID

    from sqlalchemy import select

    from desktop.models import AuditEvent, Child, GuardianVisit
    from desktop.services.cases.casework import log_visit

    generate_demo(session, children=10, seed=1, as_of=TODAY)
    session.expire_all()
    kid = session.scalars(select(Child)).first()
    assert isinstance(kid.uuid, UUID) and isinstance(kid.created_at, datetime)
    assert kid.created_at.tzinfo is None  # naive UTC, as SQLite's DateTime gave it
    # Stored lean (migration 0021_lean): 16 bytes of UUID, integer microseconds.
    stored = session.execute(
        text("SELECT typeof(uuid), length(uuid), typeof(created_at) FROM child LIMIT 1")
    ).one()
    assert tuple(stored) == ("blob", 16, "integer")
    assert isinstance(kid.dob, date) and isinstance(kid.dob_estimated, bool)
    ev = session.scalars(select(AuditEvent).where(AuditEvent.action == "demo_generate")).first()
    assert isinstance(ev.changes, list) and ev.changes[0]["type"] == "child"
    # and an ORM write on top of bulk rows works as for any other child
    v = log_visit(
        session,
        kid,
        visit_date=TODAY,
        visitor_role="relative",
        visitor_name="Geeta Devi",
        today=TODAY,
    )
    assert session.get(GuardianVisit, v.id).visit_date == TODAY and kid.version == 1


def test_demo_children_are_plausible(session):
    """No child in care is 18 or older, and boys never get a woman's surname."""
    generate_demo(session, children=800, seed=4, as_of=TODAY)
    q = lambda sql: session.execute(text(sql), {"t": TODAY.isoformat()}).scalar()  # noqa: E731
    assert (
        q(
            "SELECT count(*) FROM child WHERE status = 'in_care' "
            "AND julianday(:t) - julianday(dob) >= 18 * 365.25"
        )
        == 0
    )
    assert (
        q(
            "SELECT count(*) FROM child WHERE gender = 'male' "
            "AND last_name IN ('Kumari', 'Devi', 'Khatoon')"
        )
        == 0
    )
    assert q("SELECT count(*) FROM child WHERE exit_date < admission_date") == 0
    assert q("SELECT count(*) FROM child WHERE status = 'aged_out'") > 0


def test_cli_flags_list_explain_and_what_if(tmp_path, capsys):
    """`clms flags` raises and lists flags; --explain shows every rule; --as-of stores nothing."""
    d = str(tmp_path / "cci")
    main(["-q", "--data-dir", d, *INIT])
    main(["-q", "--data-dir", d, "demo", "--children", "60", "--as-of", "2026-11-23"])
    capsys.readouterr()
    assert main(["--data-dir", d, "flags", "--as-of", "2026-06-01"]) == 0
    assert "a what-if run, nothing stored" in capsys.readouterr().err
    assert main(["--data-dir", d, "flags", "--as-of", "2030-01-01", "--json"]) == 0
    future = json.loads(capsys.readouterr().out)
    assert future and all(f["raised_on"] == "2030-01-01" for f in future)
    with open_database(tmp_path / "cci").connect() as c:
        assert c.execute(text("SELECT count(*) FROM flag")).scalar() == 0  # what-if: not kept
    assert main(["--data-dir", d, "flags", "--json"]) == 0
    today = json.loads(capsys.readouterr().out)
    with open_database(tmp_path / "cci").connect() as c:
        assert c.execute(text("SELECT count(*) FROM flag")).scalar() == len(today) > 0
    code = today[0]["code"]
    assert main(["--data-dir", d, "flags", "--explain", code, "--json"]) == 0
    explained = json.loads(capsys.readouterr().out)
    from desktop.rules.engine import RULES

    assert len(explained["rules"]) == len(RULES)  # 15 child rules and the 9 child-labour ones
    fired = {r["rule"] for r in explained["rules"] if r["fires"]}
    assert today[0]["rule_id"] in fired
    assert main(["--data-dir", d, "flags", "--child", code, "--lang", "hi"]) == 0
    out, err = capsys.readouterr()
    assert "resolved now" in err and "what-if" not in err
    assert code in out and any("\u0900" <= ch <= "\u097f" for ch in out)
