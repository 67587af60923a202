"""daily rules run: the children to evaluate again kept by triggers, not found by a scan

Revision ID: 0022_daily_rules
Revises: 0021_interstate
Create Date: 2026-12-02 14:40:00

Issue 22. A daily run over 250,000 children evaluated again the children whose stored
verdicts do not hold, found by reading every active child against `rule_verdict`
(three times), and compared the flags of every child out of care. Now:

- `rule_verdict_stale` lists the children whose facts changed since the last whole run:
  the triggers that delete a child's verdicts (0007) also list it there, in the same
  transaction as the change; a whole run empties it and lists again only the children
  it evaluated without storing verdicts (records dated after the run's date).
- Two indexes on `rule_verdict` find the verdicts whose window has ended or not begun.
- `rule_verdict_key.flags_seq` is the change sequence number when the flags were last
  brought in step: flags written since (by hand, by sync) are compared on the next run.
- `ix_flag_escalating` (0015) is by rule, then due day: the run reads, for each rule,
  only the flags whose due day crossed one of its thresholds since the last run.

The children to evaluate on a day are then the listed ones and those whose window has
ended: index lookups, not a scan. Until the first whole run after this upgrade every
flag is compared (`flags_seq` is empty), and children without verdicts are listed.
"""

from alembic import op

revision = "0022_daily_rules"
down_revision = "0021_lean"
branch_labels = None
depends_on = None

_LIST = "INSERT OR IGNORE INTO rule_verdict_stale (child_id) VALUES ({})"

# The triggers of 0007, each now also listing the child as one to evaluate again.
TRIGGERS = {
    "rule_verdict_facts_ins": "AFTER INSERT ON child_facts BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = NEW.child_id; "
    f"{_LIST.format('NEW.child_id')}; END",
    "rule_verdict_facts_upd": "AFTER UPDATE ON child_facts BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = NEW.child_id; "
    f"{_LIST.format('NEW.child_id')}; END",
    "rule_verdict_facts_del": "AFTER DELETE ON child_facts BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = OLD.child_id; "
    "DELETE FROM rule_verdict_stale WHERE child_id = OLD.child_id; END",
    "rule_verdict_child_upd": "AFTER UPDATE OF status, dob, admission_date, category_code, "
    "produced_before_cwc_on, medical_exam_on ON child BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = OLD.id; "
    f"{_LIST.format('OLD.id')}; END",
}

# As they were (0007), for the downgrade.
OLD_TRIGGERS = {
    "rule_verdict_facts_ins": "AFTER INSERT ON child_facts BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = NEW.child_id; END",
    "rule_verdict_facts_upd": "AFTER UPDATE ON child_facts BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = NEW.child_id; END",
    "rule_verdict_facts_del": "AFTER DELETE ON child_facts BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = OLD.child_id; END",
    "rule_verdict_child_upd": "AFTER UPDATE OF status, dob, admission_date, category_code, "
    "produced_before_cwc_on, medical_exam_on ON child BEGIN "
    "DELETE FROM rule_verdict WHERE child_id = OLD.id; END",
}


def upgrade() -> None:
    op.execute("CREATE TABLE rule_verdict_stale (child_id INTEGER NOT NULL PRIMARY KEY)")
    op.execute("CREATE INDEX ix_rule_verdict_until ON rule_verdict (valid_until)")
    op.execute("CREATE INDEX ix_rule_verdict_after ON rule_verdict (valid_after)")
    op.execute("ALTER TABLE rule_verdict_key ADD COLUMN flags_seq INTEGER")
    op.execute("DROP INDEX IF EXISTS ix_flag_escalating")
    op.execute(
        "CREATE INDEX ix_flag_escalating ON flag (rule_id, due_on) "
        "WHERE status != 'resolved' AND escalation_level < 2"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {body}")
    # Every child without stored verdicts is one to evaluate (those out of care too:
    # their flags are compared once).
    op.execute(
        "INSERT INTO rule_verdict_stale (child_id) SELECT id FROM child "
        "WHERE id NOT IN (SELECT child_id FROM rule_verdict)"
    )


def downgrade() -> None:
    for name, body in OLD_TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("DROP INDEX IF EXISTS ix_flag_escalating")
    op.execute(
        "CREATE INDEX ix_flag_escalating ON flag (due_on) "
        "WHERE status != 'resolved' AND escalation_level < 2"
    )
    op.execute("ALTER TABLE rule_verdict_key DROP COLUMN flags_seq")
    op.execute("DROP INDEX ix_rule_verdict_after")
    op.execute("DROP INDEX ix_rule_verdict_until")
    op.execute("DROP TABLE rule_verdict_stale")
