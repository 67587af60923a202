"""Audit trail: tamper detection (edit, delete, reorder, truncate), bundles, lists, CLI."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from bundle_format.chain import GENESIS, verify_events
from desktop.cli.main import main as cli
from desktop.services.cases.casework import add_note
from desktop.services.cases.children import register_child
from desktop.services.core.audit_chain import (
    ANCHOR_KEY,
    audit_events_after,
    check_chain,
    list_events,
    read_anchor,
)
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.core.errors import PermissionDenied
from tests.conftest import TODAY
from tests.helpers import child_input

ASHA = Actor("asha", "superintendent", "Asha Kumari")
RAVI = Actor("ravi", "caseworker", "Ravi Kumar")


@pytest.fixture
def trail(inst_engine):
    """Institution set-up plus six more audited actions by two people (7 events)."""
    with unit_of_work(inst_engine, ASHA, rules=False) as s:
        a = register_child(s, child_input(first_name="Priya"), today=TODAY)
        b = register_child(s, child_input(first_name="Kavita"), today=TODAY)
    with unit_of_work(inst_engine, RAVI, rules=False) as s:
        for c in (a, b):
            add_note(s, s.merge(c), text="Settled in.", today=TODAY)
    with unit_of_work(inst_engine, ASHA, rules=False) as s:
        add_note(s, s.merge(a), text="Met the CWC.", today=TODAY)
        add_note(s, s.merge(b), text="School admission done.", today=TODAY)
    with unit_of_work(inst_engine, SYSTEM) as s:
        check = check_chain(s)
        assert check.ok and check.checked == 7, check
    return inst_engine


def _sql(engine, sql, **params):
    with engine.begin() as conn:
        conn.execute(text(sql), params)


def _check(engine):
    with unit_of_work(engine, SYSTEM) as s:
        return check_chain(s)


def test_intact_trail_and_anchor(trail):
    """An untouched trail checks out, and the anchor names its newest event."""
    with unit_of_work(trail, SYSTEM) as s:
        assert read_anchor(s)[0] == 7
        assert check_chain(s).ok


def test_edited_event_is_named(trail):
    """Changing who did an action breaks that event's hash; it is the one named."""
    _sql(trail, "UPDATE audit_event SET actor = 'someone else' WHERE id = 4")
    r = _check(trail)
    assert (r.ok, r.first_bad) == (False, 4) and "changed" in r.problem


def test_edited_changes_are_detected(trail):
    """Editing the before/after of an event is detected like any edit."""
    _sql(
        trail, "UPDATE audit_event SET changes = replace(changes, 'Settled', 'Unwell') WHERE id = 5"
    )
    assert _check(trail).first_bad == 5


def test_deleted_event_names_the_next(trail):
    """Deleting an event in the middle is detected at the event that followed it."""
    _sql(trail, "DELETE FROM audit_event WHERE id = 3")
    r = _check(trail)
    assert r.first_bad == 4 and "deleted" in r.problem


def test_deleted_first_event(trail):
    """Deleting the very first event is detected too (the chain starts from genesis)."""
    _sql(trail, "DELETE FROM audit_event WHERE id = 1")
    r = _check(trail)
    assert r.first_bad == 2 and "first" in r.problem


def test_reordered_events_are_named(trail):
    """Swapping two events' places is reported as out of order at the first moved one."""
    _sql(trail, "UPDATE audit_event SET id = -1 WHERE id = 3")
    _sql(trail, "UPDATE audit_event SET id = 3 WHERE id = 4")
    _sql(trail, "UPDATE audit_event SET id = 4 WHERE id = -1")
    r = _check(trail)
    assert r.first_bad == 3 and "out of order" in r.problem


def test_truncated_tail_is_detected_by_the_anchor(trail):
    """Cutting off the newest events leaves a valid-looking chain; the anchor catches it."""
    _sql(trail, "DELETE FROM audit_event WHERE id >= 6")
    r = _check(trail)
    assert r.first_bad == 7 and "cut off" in r.problem


def test_truncation_stays_detected_after_later_work(trail):
    """New actions after a cut do not move the anchor over the gap: the evidence stays."""
    _sql(trail, "DELETE FROM audit_event WHERE id >= 6")
    with unit_of_work(trail, ASHA, rules=False) as s:
        register_child(s, child_input(first_name="Anita"), today=TODAY)
    r = _check(trail)
    assert not r.ok and r.first_bad == 7


def test_truncation_with_the_anchor_removed_is_only_a_warning(trail):
    """The documented limit: with the anchor deleted too, only a warning remains."""
    _sql(trail, "DELETE FROM audit_event WHERE id >= 6")
    _sql(trail, "DELETE FROM setting WHERE key = :k", k=ANCHOR_KEY)
    with unit_of_work(trail, SYSTEM) as s:
        r = check_chain(s)
        assert r.ok and "cannot be detected" in r.warning
        s.rollback()


def test_anchor_follows_every_commit(trail):
    """Each committed action moves the anchor to the newest event in the same transaction."""
    with unit_of_work(trail, ASHA, rules=False) as s:
        register_child(s, child_input(first_name="Anita"), today=TODAY)
    with unit_of_work(trail, SYSTEM) as s:
        assert read_anchor(s)[0] == 8
    with pytest.raises(RuntimeError), unit_of_work(trail, ASHA, rules=False) as s:
        register_child(s, child_input(first_name="Sita"), today=TODAY)
        raise RuntimeError("power cut")
    with unit_of_work(trail, SYSTEM) as s:
        assert read_anchor(s)[0] == 8 and check_chain(s).ok


def test_bundle_events_verify_on_plain_dicts(trail):
    """Events after an id travel as dicts; central verifies them from the last hash it kept."""
    with unit_of_work(trail, SYSTEM) as s:
        first = audit_events_after(s, after_id=0, limit=3)
        rest = audit_events_after(s, after_id=first[-1]["id"])
    assert [e["id"] for e in first + rest] == list(range(1, 8))
    assert verify_events(first) is None
    assert verify_events(rest, prev_hash=first[-1]["hash"]) is None
    # A bundle that does not continue from what central holds is refused at its first event.
    assert verify_events(rest, prev_hash=GENESIS) == rest[0]["uuid"]
    edited = [dict(e) for e in rest]
    edited[2]["action"] = "update_child"
    assert verify_events(edited, prev_hash=first[-1]["hash"]) == rest[2]["uuid"]
    dropped = rest[:1] + rest[2:]
    assert verify_events(dropped, prev_hash=first[-1]["hash"]) == rest[2]["uuid"]


def test_list_events_filters(trail):
    """The audit list filters by user, child and date, newest first."""
    with unit_of_work(trail, ASHA) as s:
        by_ravi = list_events(s, user="ravi")
        assert [e.action for e in by_ravi] == ["add_note", "add_note"]
        assert all(e.actor.startswith("ravi (") for e in by_ravi)
        code = s.execute(text("SELECT code FROM child WHERE first_name='Priya'")).scalar()
        priya = list_events(s, child_code=code)
        assert [e.action for e in priya] == ["add_note", "add_note", "register_child"]
        assert len(list_events(s, since=date.today())) == 7
        assert list_events(s, until=date(2020, 1, 1)) == []


def test_caseworker_cannot_read_the_audit_list(trail):
    """Only roles with audit access may list events."""
    with unit_of_work(trail, RAVI) as s, pytest.raises(PermissionDenied):
        list_events(s)


def test_cli_verify_exit_codes(trail, data_dir, capsys):
    """`clms audit verify` exits 0 when intact and 5 when tampered, naming the event."""
    assert cli(["--data-dir", str(data_dir), "audit", "verify"]) == 0
    assert "7 audit events" in capsys.readouterr().out
    _sql(trail, "UPDATE audit_event SET action = 'add_note' WHERE id = 2")
    assert cli(["--data-dir", str(data_dir), "audit", "verify"]) == 5
    err = capsys.readouterr().err
    assert "TAMPERED: event #2 was changed" in err and "#2" in err


def test_cli_audit_list(trail, data_dir, capsys):
    """`clms audit list --user` prints that user's events."""
    assert cli(["--data-dir", str(data_dir), "audit", "list", "--user", "ravi"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and all("ravi (Ravi Kumar): add_note" in line for line in out)


def test_clms_show_is_audited(trail, data_dir, capsys):
    """Reading a whole record with `clms show` leaves a "viewed record" event."""
    with unit_of_work(trail, SYSTEM) as s:
        code = s.execute(text("SELECT code FROM child LIMIT 1")).scalar()
    assert cli(["--data-dir", str(data_dir), "show", code]) == 0
    with unit_of_work(trail, ASHA) as s:
        last = list_events(s, limit=1)[0]
        assert (last.action, last.changes[0]["detail"]) == ("viewed record", "clms show")
