"""rule_verdict: each child's rule verdicts and the as-of dates they hold for (issue 3)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 14:10:00

A whole-database run of the rules as of a date reuses a child's stored verdicts when
nothing the rules read has changed and the date lies inside the window the verdicts
were found to hold for (`valid_after` < day <= `valid_until`, as date ordinals).
Triggers delete a child's row in the same transaction as any change to its facts
(child_facts, itself kept by triggers) or to the child columns the rules read; the
whole table is cleared when the policy or the rules change (`rule_verdict_key`).
`rules` and `dues` hold the hits: rule numbers (int8) and due dates (int32 ordinals).
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The child columns the facts read (the rest come from child_facts).
CHILD_COLUMNS = (
    "status, dob, admission_date, category_code, produced_before_cwc_on, medical_exam_on"
)

TRIGGERS = {
    "rule_verdict_facts_ins": "AFTER INSERT ON child_facts BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = NEW.child_id; END",
    # "= NEW.child_id", not "IN (OLD..., NEW...)": this fires for every record inserted
    # (the insert updates child_facts), and the IN list costs 8 times as much. The id of
    # a child_facts or child row never changes.
    "rule_verdict_facts_upd": "AFTER UPDATE ON child_facts BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = NEW.child_id; END",
    "rule_verdict_facts_del": "AFTER DELETE ON child_facts BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = OLD.child_id; END",
    "rule_verdict_child_upd": f"AFTER UPDATE OF {CHILD_COLUMNS} ON child BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = OLD.id; END",
}


def upgrade() -> None:
    op.execute(
        """CREATE TABLE rule_verdict (
            child_id INTEGER NOT NULL PRIMARY KEY REFERENCES child (id) ON DELETE CASCADE,
            valid_after INTEGER NOT NULL,
            valid_until INTEGER NOT NULL,
            rules BLOB NOT NULL,
            dues BLOB NOT NULL
        )"""
    )
    op.execute(
        "CREATE TABLE rule_verdict_key (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), "
        "key TEXT NOT NULL)"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE rule_verdict_key")
    op.execute("DROP TABLE rule_verdict")
