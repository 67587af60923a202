"""transfers between states: the receiving CCI's central in the directory (issue 20)

Revision ID: 0021_interstate
Revises: 0020_merge
Create Date: 2026-12-02 14:00:00

`institution_directory.central_enc_public`: for a CCI of another state (as this state's
central lists it from a peer central's signed directory), the X25519 key of the central
that will hold the packet for it; the packet is encrypted to it as well.
"""

from alembic import op

revision = "0021_interstate"
down_revision = "0020_merge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE institution_directory ADD COLUMN central_enc_public VARCHAR(64)")


def downgrade() -> None:
    with op.batch_alter_table("institution_directory") as batch:
        batch.drop_column("central_enc_public")
