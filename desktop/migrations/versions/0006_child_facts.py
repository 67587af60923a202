"""child_facts: each child's case facts for the rules, kept current by triggers (issue 3);
flags escalated by hand (manual_level, escalated_by)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 11:30:00

The rules need, per child, the newest visit, order, stage, care plan... Computing them
with correlated subqueries over 7 million rows takes seconds at 250,000 children; this
table holds them ready, one row per child, and triggers on the source tables keep it
current in the same transaction as the write (also for raw bulk writes). An insert
updates the row in place (cheap, so demo data and imports stay fast); an update of a
relevant column or a delete recomputes the child's row from its records.

`latest_event_on` is the newest dated event of the child (visit, order, category
change, SIR, care plan, stage). A run "as of" a date before it cannot use the row, so
`desktop/services/flags/child_facts.py` computes those children exactly from their records.

The SQL here is a frozen copy (a migration must not change when the code does).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = """
    child_id INTEGER NOT NULL PRIMARY KEY REFERENCES child (id) ON DELETE CASCADE,
    category_set_on DATE,
    guardians_living INTEGER NOT NULL DEFAULT 0,
    last_visit DATE,
    sir_completed_on DATE,
    icp_prepared_on DATE,
    icp_review_due DATE,
    icp_id INTEGER,
    last_order_on DATE,
    next_review_on DATE,
    final_order_on DATE,
    lfa_on DATE,
    restoration_on DATE,
    stage VARCHAR(30),
    stage_on DATE,
    stage_id INTEGER,
    missing_docs INTEGER NOT NULL DEFAULT 0,
    latest_event_on DATE
"""

NAMES = (
    "child_id, category_set_on, guardians_living, last_visit, sir_completed_on, "
    "icp_prepared_on, icp_review_due, icp_id, last_order_on, next_review_on, "
    "final_order_on, lfa_on, restoration_on, stage, stage_on, stage_id, missing_docs, "
    "latest_event_on"
)


# One child's row from its records; {x} is the child id expression.
RECOMPUTE = """
INSERT OR REPLACE INTO child_facts ({names})
SELECT c.id,
  (SELECT max(effective_on) FROM category_change WHERE child_id = c.id),
  (SELECT count(*) FROM guardian WHERE child_id = c.id AND life_status != 'deceased'),
  (SELECT max(visit_date) FROM guardian_visit WHERE child_id = c.id),
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
     UNION ALL SELECT max(entered_on) FROM adoption_stage WHERE child_id = c.id))
FROM child c WHERE {where}
"""


def _later(col: str, val: str) -> str:
    """`val` if it is later than `col` (NULLs never win)."""
    return _when(f"{val} IS NOT NULL AND ({col} IS NULL OR {val} > {col})", val, col)


def _earlier(col: str, val: str) -> str:
    """`val` if it is earlier than `col` (NULLs never win)."""
    return _when(f"{val} IS NOT NULL AND ({col} IS NULL OR {val} < {col})", val, col)


def _newest(date_col: str, id_col: str, new_date: str) -> str:
    """Whether the new record is the newest by (date, id)."""
    return (
        f"({date_col} IS NULL OR {new_date} > {date_col} "
        f"OR ({new_date} = {date_col} AND NEW.id > {id_col}))"
    )


def _when(cond: str, val: str, col: str) -> str:
    return f"CASE WHEN {cond} THEN {val} ELSE {col} END"


# Per source table: the event date column (or None), the in-place update on insert, and
# the columns whose change means the row must be recomputed.
ICP_NEW = _newest("icp_prepared_on", "icp_id", "NEW.prepared_on")
STAGE_NEW = _newest("stage_on", "stage_id", "NEW.entered_on")
SOURCES: dict[str, tuple[str | None, str, str]] = {
    "category_change": (
        "effective_on",
        f"category_set_on = {_later('category_set_on', 'NEW.effective_on')}",
        "child_id, effective_on",
    ),
    "guardian": (
        None,
        "guardians_living = guardians_living + "
        "(CASE WHEN NEW.life_status != 'deceased' THEN 1 ELSE 0 END)",
        "child_id, life_status",
    ),
    "guardian_visit": (
        "visit_date",
        f"last_visit = {_later('last_visit', 'NEW.visit_date')}",
        "child_id, visit_date",
    ),
    "social_investigation": (
        "completed_on",
        f"sir_completed_on = {_earlier('sir_completed_on', 'NEW.completed_on')}",
        "child_id, completed_on",
    ),
    "care_plan": (
        "prepared_on",
        f"icp_prepared_on = {_when(ICP_NEW, 'NEW.prepared_on', 'icp_prepared_on')}, "
        f"icp_review_due = {_when(ICP_NEW, 'NEW.review_due_on', 'icp_review_due')}, "
        f"icp_id = {_when(ICP_NEW, 'NEW.id', 'icp_id')}",
        "child_id, prepared_on, review_due_on",
    ),
    "cwc_order": (
        "order_date",
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
        ),
        "child_id, order_date, order_type, next_review_on",
    ),
    "adoption_stage": (
        "entered_on",
        f"stage = {_when(STAGE_NEW, 'NEW.stage', 'stage')}, "
        f"stage_on = {_when(STAGE_NEW, 'NEW.entered_on', 'stage_on')}, "
        f"stage_id = {_when(STAGE_NEW, 'NEW.id', 'stage_id')}",
        "child_id, entered_on, stage",
    ),
    "document_item": (
        None,
        "missing_docs = missing_docs + (CASE WHEN NEW.status = 'required' THEN 1 ELSE 0 END)",
        "child_id, status",
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
    for table, (date_col, on_insert, watched) in SOURCES.items():
        sets = on_insert
        if date_col is not None:
            sets += f", latest_event_on = {_later('latest_event_on', 'NEW.' + date_col)}"
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


def upgrade() -> None:
    with op.batch_alter_table("flag") as batch:
        batch.add_column(
            sa.Column("manual_level", sa.Integer(), server_default="0", nullable=False)
        )
        batch.add_column(sa.Column("escalated_by", sa.String(length=100), nullable=True))
    op.execute(f"CREATE TABLE child_facts ({COLUMNS})")
    op.execute("CREATE INDEX ix_child_facts_latest_event_on ON child_facts (latest_event_on)")
    op.execute(RECOMPUTE.format(names=NAMES, where="1"))
    for stmt in trigger_sql():
        op.execute(stmt)


def downgrade() -> None:
    for name in trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE child_facts")
    with op.batch_alter_table("flag") as batch:
        batch.drop_column("escalated_by")
        batch.drop_column("manual_level")
