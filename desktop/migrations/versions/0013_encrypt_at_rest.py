"""Encryption at rest: attachment files sealed with the install's data key (issue 21)

Revision ID: 0013
Revises: 0009_edits_approvals (written on 0007; chained after main's head at the merge)
Create Date: 2026-11-24 10:00:00

By the time this runs, `desktop.db.open_database` has encrypted the database files
themselves (SQLCipher: `encrypt_existing`), since a database cannot be re-encrypted from
inside one of its own transactions. This revision seals what lies beside them: every
scan and photo in `attachments/` becomes an AES-256-GCM file under a keyed name
(`desktop.vault.files.seal_folder`), and leftovers of interrupted writes
are removed. It needs the data key and the data folder, which `desktop.db.upgrade`
hands over in the Alembic config; without a data folder (a database opened on its own)
there are no attachments to seal.

It also adds `login_throttle`: wrong logins under names that have no account, counted
and locked like an account's, so the login screen does not tell which names exist.
"""

from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

revision = "0013"
down_revision = "0009_edits_approvals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_login_throttle_last_at", "login_throttle", ["last_at"])
    from desktop.vault.files import seal_folder

    data_dir = context.config.attributes.get("data_dir")
    key = context.config.attributes.get("data_key")
    if data_dir is None:
        return
    if key is None:
        raise RuntimeError("sealing the attachments needs the install's data key")
    seal_folder(Path(data_dir) / "attachments", key)


def downgrade() -> None:
    # The database stays encrypted (an older release cannot open it either way), so the
    # attachments stay sealed too.
    op.drop_index("ix_login_throttle_last_at", "login_throttle")
    op.drop_table("login_throttle")
