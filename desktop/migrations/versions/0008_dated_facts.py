"""Dated facts for the rules (issue 15): guardians' deaths, document statuses with their
dates and history, who made each visit; child_facts keeps the facts the law needs

Revision ID: 0008_dated_facts
Revises: 0007
Create Date: 2026-12-01 12:00:00

- guardian.deceased_on: when a deceased guardian died (NULL: not known, taken as before
  the child's admission). A run as of an earlier date sees the guardian alive.
- document_item.status_on: the date of the item's current status; document_status_history
  keeps every status an item has had with its date, written by triggers on document_item
  (so every writer, raw bulk writes included, keeps it). A run as of an earlier date
  takes each item's status on that date.
- guardian_visit.visitor_role: guardian (a listed parent or guardian: guardian_id), relative,
  social_worker (a follow-up with the family), volunteer or other. Only a guardian's visit
  counts for the no-visitation rules; the social worker's contact is a follow-up. Old rows:
  a home visit was the social worker's; a row with a guardian was theirs; the rest "other".
- child_facts: last_visit now counts only a listed parent's or guardian's visit in person;
  new last_call (their phone or video calls), last_followup, guardian_died_on and
  restoration_first_on; latest_event_on also covers deaths and document statuses. Its
  triggers are made again from the definitions below, and every row recomputed.

The SQL here is a frozen copy (a migration must not change when the code does).
"""

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0008_dated_facts"
down_revision = "0013"
branch_labels = None
depends_on = None

NEW_COLUMNS = ("last_call", "last_followup", "guardian_died_on", "restoration_first_on")

NAMES = (
    "child_id, category_set_on, guardians_living, last_visit, sir_completed_on, "
    "icp_prepared_on, icp_review_due, icp_id, last_order_on, next_review_on, "
    "final_order_on, lfa_on, restoration_on, stage, stage_on, stage_id, missing_docs, "
    "latest_event_on, last_call, last_followup, guardian_died_on, restoration_first_on"
)

GUARDIAN_VISIT = "visitor_role = 'guardian' AND mode = 'in_person'"
GUARDIAN_CALL = "visitor_role = 'guardian' AND mode IN ('phone', 'video')"
FOLLOW_UP = "visitor_role = 'social_worker'"

# One child's row from its records; {where} selects the children.
RECOMPUTE = f"""
INSERT OR REPLACE INTO child_facts ({{names}})
SELECT c.id,
  (SELECT max(effective_on) FROM category_change WHERE child_id = c.id),
  (SELECT count(*) FROM guardian WHERE child_id = c.id AND life_status != 'deceased'),
  (SELECT max(visit_date) FROM guardian_visit WHERE child_id = c.id AND {GUARDIAN_VISIT}),
  (SELECT min(completed_on) FROM social_investigation WHERE child_id = c.id),
  (SELECT prepared_on FROM care_plan WHERE child_id = c.id
    ORDER BY prepared_on DESC, id DESC LIMIT 1),
  (SELECT review_due_on FROM care_plan WHERE child_id = c.id
    ORDER BY prepared_on DESC, id DESC LIMIT 1),
  (SELECT id FROM care_plan WHERE child_id = c.id ORDER BY prepared_on DESC, id DESC LIMIT 1),
  (SELECT max(order_date) FROM cwc_order WHERE child_id = c.id),
  (SELECT max(next_review_on) FROM cwc_order WHERE child_id = c.id),
  (SELECT min(order_date) FROM cwc_order WHERE child_id = c.id AND order_type = 'final'),
  (SELECT min(order_date) FROM cwc_order
    WHERE child_id = c.id AND order_type = 'lfa_declaration'),
  (SELECT max(order_date) FROM cwc_order WHERE child_id = c.id AND order_type = 'restoration'),
  (SELECT stage FROM adoption_stage WHERE child_id = c.id
    ORDER BY entered_on DESC, id DESC LIMIT 1),
  (SELECT entered_on FROM adoption_stage WHERE child_id = c.id
    ORDER BY entered_on DESC, id DESC LIMIT 1),
  (SELECT id FROM adoption_stage WHERE child_id = c.id
    ORDER BY entered_on DESC, id DESC LIMIT 1),
  (SELECT count(*) FROM document_item WHERE child_id = c.id AND status = 'required'),
  (SELECT max(d) FROM (
     SELECT max(effective_on) AS d FROM category_change WHERE child_id = c.id
     UNION ALL SELECT max(visit_date) FROM guardian_visit WHERE child_id = c.id
     UNION ALL SELECT max(completed_on) FROM social_investigation WHERE child_id = c.id
     UNION ALL SELECT max(prepared_on) FROM care_plan WHERE child_id = c.id
     UNION ALL SELECT max(order_date) FROM cwc_order WHERE child_id = c.id
     UNION ALL SELECT max(entered_on) FROM adoption_stage WHERE child_id = c.id
     UNION ALL SELECT max(deceased_on) FROM guardian
                WHERE child_id = c.id AND life_status = 'deceased'
     UNION ALL SELECT max(status_on) FROM document_item WHERE child_id = c.id)),
  (SELECT max(visit_date) FROM guardian_visit WHERE child_id = c.id AND {GUARDIAN_CALL}),
  (SELECT max(visit_date) FROM guardian_visit WHERE child_id = c.id AND {FOLLOW_UP}),
  (SELECT max(deceased_on) FROM guardian WHERE child_id = c.id AND life_status = 'deceased'),
  (SELECT min(order_date) FROM cwc_order WHERE child_id = c.id AND order_type = 'restoration')
FROM child c WHERE {{where}}
"""


def _when(cond: str, val: str, col: str) -> str:
    return f"CASE WHEN {cond} THEN {val} ELSE {col} END"


def _later(col: str, val: str) -> str:
    """`val` if it is later than `col` (NULLs never win)."""
    return _when(f"({val}) IS NOT NULL AND ({col} IS NULL OR ({val}) > {col})", val, col)


def _earlier(col: str, val: str) -> str:
    """`val` if it is earlier than `col` (NULLs never win)."""
    return _when(f"({val}) IS NOT NULL AND ({col} IS NULL OR ({val}) < {col})", val, col)


def _newest(date_col: str, id_col: str, new_date: str) -> str:
    """Whether the new record is the newest by (date, id)."""
    return (
        f"({date_col} IS NULL OR {new_date} > {date_col} "
        f"OR ({new_date} = {date_col} AND NEW.id > {id_col}))"
    )


def _only(cond: str, val: str) -> str:
    """`val` when `cond` holds for the new record, else NULL."""
    return f"CASE WHEN {cond} THEN {val} END"


def _new(cond: str) -> str:
    """`cond` over the new record's columns (visitor_role -> NEW.visitor_role, ...)."""
    for col in ("visitor_role", "mode"):
        cond = cond.replace(col, f"NEW.{col}")
    return cond


DEATH = "CASE WHEN NEW.life_status = 'deceased' THEN NEW.deceased_on END"
ICP_NEW = _newest("icp_prepared_on", "icp_id", "NEW.prepared_on")
STAGE_NEW = _newest("stage_on", "stage_id", "NEW.entered_on")
# Per source table: the event date expression (or None), the in-place update on insert,
# and the columns whose change means the row must be recomputed.
SOURCES: dict[str, tuple[str | None, str, str]] = {
    "category_change": (
        "NEW.effective_on",
        f"category_set_on = {_later('category_set_on', 'NEW.effective_on')}",
        "child_id, effective_on",
    ),
    "guardian": (
        DEATH,
        "guardians_living = guardians_living + "
        "(CASE WHEN NEW.life_status != 'deceased' THEN 1 ELSE 0 END), "
        f"guardian_died_on = {_later('guardian_died_on', DEATH)}",
        "child_id, life_status, deceased_on",
    ),
    "guardian_visit": (
        "NEW.visit_date",
        f"last_visit = {_later('last_visit', _only(_new(GUARDIAN_VISIT), 'NEW.visit_date'))}, "
        f"last_call = {_later('last_call', _only(_new(GUARDIAN_CALL), 'NEW.visit_date'))}, "
        f"last_followup = "
        f"{_later('last_followup', _only(_new(FOLLOW_UP), 'NEW.visit_date'))}",
        "child_id, visit_date, visitor_role, mode",
    ),
    "social_investigation": (
        "NEW.completed_on",
        f"sir_completed_on = {_earlier('sir_completed_on', 'NEW.completed_on')}",
        "child_id, completed_on",
    ),
    "care_plan": (
        "NEW.prepared_on",
        f"icp_prepared_on = {_when(ICP_NEW, 'NEW.prepared_on', 'icp_prepared_on')}, "
        f"icp_review_due = {_when(ICP_NEW, 'NEW.review_due_on', 'icp_review_due')}, "
        f"icp_id = {_when(ICP_NEW, 'NEW.id', 'icp_id')}",
        "child_id, prepared_on, review_due_on",
    ),
    "cwc_order": (
        "NEW.order_date",
        f"last_order_on = {_later('last_order_on', 'NEW.order_date')}, "
        f"next_review_on = {_later('next_review_on', 'NEW.next_review_on')}, "
        "final_order_on = "
        + _when(
            "NEW.order_type = 'final'",
            _earlier("final_order_on", "NEW.order_date"),
            "final_order_on",
        )
        + ", lfa_on = "
        + _when(
            "NEW.order_type = 'lfa_declaration'", _earlier("lfa_on", "NEW.order_date"), "lfa_on"
        )
        + ", restoration_on = "
        + _when(
            "NEW.order_type = 'restoration'",
            _later("restoration_on", "NEW.order_date"),
            "restoration_on",
        )
        + ", restoration_first_on = "
        + _when(
            "NEW.order_type = 'restoration'",
            _earlier("restoration_first_on", "NEW.order_date"),
            "restoration_first_on",
        ),
        "child_id, order_date, order_type, next_review_on",
    ),
    "adoption_stage": (
        "NEW.entered_on",
        f"stage = {_when(STAGE_NEW, 'NEW.stage', 'stage')}, "
        f"stage_on = {_when(STAGE_NEW, 'NEW.entered_on', 'stage_on')}, "
        f"stage_id = {_when(STAGE_NEW, 'NEW.id', 'stage_id')}",
        "child_id, entered_on, stage",
    ),
    "document_item": (
        "NEW.status_on",
        "missing_docs = missing_docs + (CASE WHEN NEW.status = 'required' THEN 1 ELSE 0 END)",
        "child_id, status, status_on",
    ),
}


def _recompute(x: str) -> str:
    return RECOMPUTE.format(names=NAMES, where=f"c.id IN ({x})")


def trigger_sql() -> list[str]:
    """CREATE TRIGGER statements that keep child_facts current."""
    out = [
        "CREATE TRIGGER child_facts_child_ins AFTER INSERT ON child BEGIN "
        "INSERT OR IGNORE INTO child_facts (child_id) VALUES (NEW.id); END",
        "CREATE TRIGGER child_facts_child_del AFTER DELETE ON child BEGIN "
        "DELETE FROM child_facts WHERE child_id = OLD.id; END",
    ]
    for table, (date_expr, on_insert, watched) in SOURCES.items():
        sets = on_insert
        if date_expr is not None:
            sets += f", latest_event_on = {_later('latest_event_on', date_expr)}"
        out.append(
            f"CREATE TRIGGER child_facts_{table}_ins AFTER INSERT ON {table} BEGIN "
            f"UPDATE child_facts SET {sets} WHERE child_id = NEW.child_id; END"
        )
        out.append(
            f"CREATE TRIGGER child_facts_{table}_upd AFTER UPDATE OF {watched} ON {table} BEGIN "
            f"{_recompute('OLD.child_id, NEW.child_id')}; END"
        )
        out.append(
            f"CREATE TRIGGER child_facts_{table}_del AFTER DELETE ON {table} BEGIN "
            f"{_recompute('OLD.child_id')}; END"
        )
    return out


def trigger_names() -> list[str]:
    """Names of the triggers made by trigger_sql()."""
    names = ["child_facts_child_ins", "child_facts_child_del"]
    for table in SOURCES:
        names += [f"child_facts_{table}_{k}" for k in ("ins", "upd", "del")]
    return names


HISTORY = """CREATE TABLE document_status_history (
    id INTEGER NOT NULL PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES document_item (id) ON DELETE CASCADE,
    child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    status VARCHAR(16) NOT NULL,
    status_on DATE
)"""
HISTORY_ROW = (
    "INSERT INTO document_status_history (item_id, child_id, status, status_on) "
    "VALUES (NEW.id, NEW.child_id, NEW.status, NEW.status_on)"
)
HISTORY_TRIGGERS = {
    "document_status_history_ins": f"AFTER INSERT ON document_item BEGIN {HISTORY_ROW}; END",
    "document_status_history_upd": "AFTER UPDATE OF status, status_on ON document_item "
    "WHEN NEW.status IS NOT OLD.status OR NEW.status_on IS NOT OLD.status_on "
    f"BEGIN {HISTORY_ROW}; END",
    # Also with foreign keys off (raw deletes): an item's history goes with it.
    "document_status_history_del": "AFTER DELETE ON document_item BEGIN "
    "DELETE FROM document_status_history WHERE item_id = OLD.id; END",
}


def _migration_0006():  # type: ignore[no-untyped-def]
    path = Path(__file__).with_name("0006_child_facts.py")
    spec = importlib.util.spec_from_file_location("clms_migration_0006", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): the tables keep their triggers and indexes.
    op.add_column("guardian", sa.Column("deceased_on", sa.Date(), nullable=True))
    op.add_column(
        "guardian_visit",
        sa.Column("visitor_role", sa.String(length=16), server_default="guardian", nullable=False),
    )
    op.add_column("document_item", sa.Column("status_on", sa.Date(), nullable=True))
    op.execute(
        "UPDATE guardian_visit SET visitor_role = CASE WHEN mode = 'home_visit' "
        "THEN 'social_worker' WHEN guardian_id IS NOT NULL THEN 'guardian' ELSE 'other' END"
    )
    op.execute(
        "UPDATE document_item SET status_on = CASE status WHEN 'verified' THEN verified_on "
        "WHEN 'obtained' THEN obtained_on END"
    )
    op.execute(HISTORY)
    op.execute(
        "CREATE INDEX ix_document_status_history_item ON document_status_history "
        "(item_id, status_on)"
    )
    # What the records tell of the past: required from the start, obtained (for an item
    # verified later), and the status now from its date.
    op.execute(
        "INSERT INTO document_status_history (item_id, child_id, status, status_on) "
        "SELECT id, child_id, 'required', NULL FROM document_item WHERE status_on IS NOT NULL"
    )
    op.execute(
        "INSERT INTO document_status_history (item_id, child_id, status, status_on) "
        "SELECT id, child_id, 'obtained', obtained_on FROM document_item "
        "WHERE status = 'verified' AND obtained_on < verified_on"
    )
    op.execute(
        "INSERT INTO document_status_history (item_id, child_id, status, status_on) "
        "SELECT id, child_id, status, status_on FROM document_item"
    )
    for name, body in HISTORY_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    for name in _migration_0006().trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for col in NEW_COLUMNS:
        op.execute(f"ALTER TABLE child_facts ADD COLUMN {col} DATE")
    op.execute(RECOMPUTE.format(names=NAMES, where="1"))
    for stmt in trigger_sql():
        op.execute(stmt)
    op.execute("DELETE FROM rule_verdict")  # the facts mean more now: evaluate afresh


def downgrade() -> None:
    old = _migration_0006()
    for name in trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in HISTORY_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE document_status_history")
    for col in NEW_COLUMNS:
        op.execute(f"ALTER TABLE child_facts DROP COLUMN {col}")
    op.drop_column("document_item", "status_on")
    op.drop_column("guardian_visit", "visitor_role")
    op.drop_column("guardian", "deceased_on")
    op.execute(old.RECOMPUTE.format(names=old.NAMES, where="1"))
    for stmt in old.trigger_sql():
        op.execute(stmt)
    op.execute("DELETE FROM rule_verdict")
