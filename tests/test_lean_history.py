"""0023_lean_history: a document's past statuses only, and the search index without text."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop.models import Child, DocumentItem
from desktop.rules.policy import load_policy
from desktop.services.core.audit import audited
from desktop.services.core.context import Actor, unit_of_work
from desktop.services.flags.child_facts import load_facts

DATES = [date(2026, m, 15) for m in range(1, 8)] + [date(2026, 11, 23)]
SQL_HISTORY = (
    "SELECT h.status, h.status_on FROM document_status_history h "
    "JOIN document_item d ON d.id = h.item_id WHERE d.doc_type = :t ORDER BY h.id"
)


def _migrate(engine: Engine, step: str, rev: str) -> None:
    from alembic import command

    from desktop.db import _alembic_config

    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, step)(cfg, rev)


def _facts(engine: Engine) -> dict[date, list[object]]:
    """Every child's facts computed from the records (the exact query) on each date."""
    policy = load_policy()
    with Session(engine) as s:
        return {d: list(load_facts(s, as_of=d, policy=policy, exact=True)) for d in DATES}


def _missing(engine: Engine, child_id: int) -> list[int]:
    policy = load_policy()
    with Session(engine) as s:
        return [
            f.missing_docs
            for d in DATES
            for f in load_facts(s, as_of=d, policy=policy, child_ids=[child_id], exact=True)
        ]


def _change(engine: Engine, actor: Actor, child_id: int, doc: str, steps: list) -> None:  # type: ignore[type-arg]
    """Give the child a new document and then each (status, date) in turn, one commit
    each (the triggers see each change)."""
    with unit_of_work(engine, actor, rules=False) as s:
        with audited(s, "set_document_status", child=s.get(Child, child_id)):
            s.add(DocumentItem(child_id=child_id, doc_type=doc, status="required"))
    for status, on in steps:
        with (
            unit_of_work(engine, actor, rules=False) as s,
            audited(s, "set_document_status", child=s.get(Child, child_id)),
        ):
            item = s.scalars(
                select(DocumentItem).where(
                    DocumentItem.child_id == child_id, DocumentItem.doc_type == doc
                )
            ).one()
            item.status, item.status_on = status, on


def test_past_statuses_are_kept_and_read_the_same_after_the_migration(inst_engine, actor):
    """An item changed under the old triggers (a copy of each status written) and one
    under the new (the status left written): after 0023 only the past statuses are kept,
    and every child's facts on every date, between changes too, are what they were."""
    from desktop.services.demo.generate import generate_demo

    with unit_of_work(inst_engine, actor) as s:
        generate_demo(s, children=20, seed=3, as_of=date(2026, 11, 23))
    with Session(inst_engine) as s:
        kid = s.scalars(
            select(Child.id)
            .where(Child.status == "in_care", Child.admission_date < date(2026, 1, 1))
            .order_by(Child.id)
        ).first()
    assert kid is not None
    base = _missing(inst_engine, kid)
    assert len(base) == len(DATES)
    # At head: nothing written at insert, the status left at each change.
    _change(inst_engine, actor, kid, "test_a", [("obtained", date(2026, 3, 1)),
                                                 ("verified", date(2026, 5, 1))])  # fmt: skip
    with inst_engine.connect() as conn:
        assert conn.execute(text(SQL_HISTORY), {"t": "test_a"}).all() == [
            ("required", None),
            ("obtained", "2026-03-01"),
        ]
    at_head = _facts(inst_engine)

    _migrate(inst_engine, "downgrade", "0022_daily_rules")
    with inst_engine.connect() as conn:
        # as 0008 kept it: the current status again as the newest row
        assert conn.execute(text(SQL_HISTORY), {"t": "test_a"}).all() == [
            ("required", None),
            ("obtained", "2026-03-01"),
            ("verified", "2026-05-01"),
        ]
        items, with_rows = conn.execute(
            text(
                "SELECT count(*), (SELECT count(DISTINCT item_id) FROM document_status_history)"
                " FROM document_item"
            )
        ).one()
        assert items > 100 and with_rows == items
    assert _facts(inst_engine) == at_head
    # Under the old triggers: obtained, required again (lost), obtained again.
    steps = [
        ("obtained", date(2026, 2, 1)),
        ("required", date(2026, 4, 1)),
        ("obtained", date(2026, 6, 1)),
    ]
    _change(inst_engine, actor, kid, "test_b", steps)
    before = _facts(inst_engine)
    missing_before = _missing(inst_engine, kid)

    _migrate(inst_engine, "upgrade", "head")
    with inst_engine.connect() as conn:
        assert conn.execute(text(SQL_HISTORY), {"t": "test_b"}).all() == [
            ("required", None),
            ("obtained", "2026-02-01"),
            ("required", "2026-04-01"),
        ]
        # no item's newest history row copies the item
        copies = conn.execute(
            text(
                "SELECT count(*) FROM document_item d JOIN document_status_history h ON h.id ="
                " (SELECT max(id) FROM document_status_history WHERE item_id = d.id)"
                " WHERE h.status IS d.status AND h.status_on IS d.status_on"
            )
        ).scalar()
        assert copies == 0
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert _facts(inst_engine) == before
    got = _missing(inst_engine, kid)
    assert got == missing_before
    # test_b: required to 01/02, obtained, required from 01/04 to 01/06; test_a: required
    # to 01/03 (both dated statuses come from the history on the dates before them)
    extra = [2, 1, 0, 1, 1, 0, 0, 0]
    assert [g - b for g, b in zip(got, base, strict=True)] == extra


def test_the_search_index_holds_no_text_and_still_finds_and_deletes(inst_engine, actor):
    """child_search is contentless: a search finds the child with its guardians' names,
    and a child's row goes by rowid."""
    from desktop.services.core.search_index import SEARCH_SOURCE, refresh, search_row
    from desktop.services.demo.generate import generate_demo
    from desktop.services.find.search import _keys, search_children

    with unit_of_work(inst_engine, actor) as s:
        generate_demo(s, children=30, seed=4, as_of=date(2026, 11, 23))
    with inst_engine.connect() as conn:
        sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'child_search'"))
        assert "content=''" in sql.scalar()
        assert conn.execute(text("SELECT count(*) FROM child_search")).scalar() == 30
        assert conn.execute(text("SELECT names FROM child_search LIMIT 1")).scalar() is None
        kid = conn.execute(
            text(
                "SELECT c.id, c.first_name, g.name FROM child c JOIN guardian g "
                "ON g.child_id = c.id ORDER BY c.id LIMIT 1"
            )
        ).one()
    with inst_engine.connect() as conn:  # the ranking's keys are those the index was given
        for r in conn.execute(text(SEARCH_SOURCE)):
            row = search_row(r[1], r[2], r[3], r[4], r[5])
            assert _keys((r[0], r[1], r[2], r[3], r[4], 0, 0, 0, r[5])) == row["keys"]
    with unit_of_work(inst_engine, actor) as s:
        hits = search_children(s, kid[1])
        assert kid[0] in [h.child_id for h in hits]
        [hit] = [h for h in hits if h.child_id == kid[0]]
        assert kid[2] in hit.guardians
        refresh(s.connection(), [kid[0]])  # delete and insert again by rowid
        assert kid[0] in [h.child_id for h in search_children(s, kid[1])]
        s.execute(text("DELETE FROM child_search WHERE rowid = :r"), {"r": kid[0]})
        assert kid[0] not in [h.child_id for h in search_children(s, kid[1])]


def test_the_audit_chain_is_stored_lean_and_reads_back_the_same(inst_engine, actor):
    """audit_event's digests are 32 bytes and child UUIDs 16 in the file; the code reads
    the same text as before the migration, down and up again, and the chain verifies."""
    from desktop.models import AuditEvent
    from desktop.services.cases.casework import set_document_status
    from desktop.services.core.audit_chain import check_chain, read_anchor
    from desktop.services.demo.generate import generate_demo

    with unit_of_work(inst_engine, actor) as s:
        generate_demo(s, children=10, seed=5, as_of=date(2026, 11, 23))

    def read() -> list[tuple[object, ...]]:
        with Session(inst_engine) as s:
            return [
                (e.id, e.child_uuid, e.prev_hash, e.hash)
                for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))
            ]

    def stored() -> set[tuple[object, ...]]:
        with inst_engine.connect() as conn:
            return set(
                conn.exec_driver_sql(
                    "SELECT typeof(hash), length(hash), typeof(prev_hash), typeof(child_uuid),"
                    " length(child_uuid) FROM audit_event"
                ).all()
            )

    lean = read()
    assert len(lean) > 10 and any(r[1] for r in lean)
    assert stored() == {("blob", 32, "blob", "blob", 16), ("blob", 32, "blob", "null", None)}
    _migrate(inst_engine, "downgrade", "0022_daily_rules")
    assert stored() == {("text", 64, "text", "text", 36), ("text", 64, "text", "null", None)}
    with inst_engine.connect() as conn:
        old = conn.exec_driver_sql(
            "SELECT id, child_uuid, prev_hash, hash FROM audit_event ORDER BY id"
        ).all()
    assert [tuple(r) for r in old] == lean
    _migrate(inst_engine, "upgrade", "head")
    assert read() == lean
    with unit_of_work(inst_engine, actor) as s:  # a new event chained on the stored hash
        kid = s.scalars(select(Child).order_by(Child.id)).first()
        assert kid is not None
        set_document_status(s, kid, doc_type="photo", status="obtained", on="2026-11-01")
        kid_uuid = str(kid.uuid)
    with Session(inst_engine) as s:
        report = check_chain(s)
        assert report.ok and report.checked == len(lean) + 1, report
        mine = s.scalars(select(AuditEvent).where(AuditEvent.child_uuid == kid_uuid)).all()
        assert len(mine) >= 2 and all(e.child_uuid == kid_uuid for e in mine)
        assert mine[-1].prev_hash == lean[-1][3]
        # the anchor kept outside the table is the newest event's id and hex digest
        assert read_anchor(s) == (mine[-1].id, mine[-1].hash)
