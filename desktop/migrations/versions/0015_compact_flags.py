"""compact flags: no stored wording; indexes for the daily run; flags in step with verdicts

Revision ID: 0015_compact_flags
Revises: 0012_cpmis
Create Date: 2026-12-02 06:30:00

Issue 22. A flag keeps what it is (child, rule, due date, state) and is worded when it is
shown (`desktop.services.flags.words`): the pre-rendered English and Hindi texts were
656 of the ~1,000 bytes a flag took, and wording every new flag was a quarter of the
first run. Existing flags keep everything else; their words now come from the rules.

Two small partial indexes let the daily run find, without reading every flag, the flags
that may rise a level by time (below the state level) and those whose quiet period after
a resolution by hand ends. `rule_verdict_key` counts the runs that stored verdicts
(`generation`) and records the run whose flags were brought in step with them
(`flags_generation`, `flags_day`): while they agree, a daily run compares with the flags
only the children it evaluated again (`desktop.services.flags.evaluate`).
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_compact_flags"
down_revision = "0012_cpmis"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite >= 3.35 drops a column in place (no table copy: the rows and indexes stay).
    op.execute("ALTER TABLE flag DROP COLUMN explanation_en")
    op.execute("ALTER TABLE flag DROP COLUMN explanation_hi")
    op.execute(
        "CREATE INDEX ix_flag_escalating ON flag (due_on) "
        "WHERE status != 'resolved' AND escalation_level < 2"
    )
    op.execute(
        "CREATE INDEX ix_flag_suppressed ON flag (suppressed_until) "
        "WHERE suppressed_until IS NOT NULL"
    )
    op.add_column(
        "rule_verdict_key",
        sa.Column("generation", sa.Integer(), nullable=False, server_default="0"),
    )
    op.add_column("rule_verdict_key", sa.Column("flags_generation", sa.Integer(), nullable=True))
    op.add_column("rule_verdict_key", sa.Column("flags_day", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE rule_verdict_key DROP COLUMN flags_day")
    op.execute("ALTER TABLE rule_verdict_key DROP COLUMN flags_generation")
    op.execute("ALTER TABLE rule_verdict_key DROP COLUMN generation")
    op.execute("DROP INDEX ix_flag_suppressed")
    op.execute("DROP INDEX ix_flag_escalating")
    # The words are not kept any more: an older release shows the rule's name until its
    # next run words the flags again.
    op.add_column("flag", sa.Column("explanation_en", sa.Text(), nullable=False, server_default=""))
    op.add_column("flag", sa.Column("explanation_hi", sa.Text(), nullable=False, server_default=""))
    op.execute("UPDATE flag SET explanation_en = rule_id, explanation_hi = rule_id")
