"""Name keys for the duplicate check: child_find_key (issue 22)

Revision ID: 0016_find_keys
Revises: 0015_compact_flags
Create Date: 2026-12-02 06:40:00

One row per child and phonetic key of the given name and of the surname, with gender,
the date of birth as a day number, whether it is estimated, the full name key and the
guardians' name keys, keyed (key, gender, dob_day):
the duplicate check reads one name's children of one gender born in a window from the
index alone, instead of every child of that gender born within a year (18k at 250k).
Kept by services/core/search_index.py beside the FTS index. The FTS index child_search
is rebuilt with Devanagari vowel signs and virama as token characters: unicode61 cut
"मिश्रा" into one-letter tokens, so a Devanagari search matched letters, not words.
"""

from alembic import op
from sqlalchemy import text

from desktop.services.core.search_index import (
    FIND_KEY_INDEX,
    FIND_KEY_SOURCE,
    FIND_KEY_TABLE,
    SEARCH_SOURCE,
    SEARCH_TABLE,
    find_key_rows,
    insert_find_keys,
    insert_search_rows,
)

revision = "0016_find_keys"
down_revision = "0015_compact_flags"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(FIND_KEY_TABLE)
    conn = op.get_bind()
    top = conn.execute(text("SELECT coalesce(max(id), 0) FROM child")).scalar_one()
    step = 20_000
    for lo in range(0, int(top) + 1, step):
        rows = conn.execute(
            text(FIND_KEY_SOURCE + " WHERE c.id > :lo AND c.id <= :hi"),
            {"lo": lo, "hi": lo + step},
        )
        insert_find_keys(conn, [k for r in rows for k in find_key_rows(*r)])
    op.execute(FIND_KEY_INDEX)
    # The search index again, with Devanagari words kept whole (see SEARCH_TABLE).
    op.execute("DROP TABLE child_search")
    op.execute(SEARCH_TABLE)
    for lo in range(0, int(top) + 1, step):
        rows = conn.execute(
            text(SEARCH_SOURCE + " WHERE c.id > :lo AND c.id <= :hi"),
            {"lo": lo, "hi": lo + step},
        )
        insert_search_rows(conn, list(rows))


def downgrade() -> None:
    op.execute("DROP TABLE child_find_key")  # the search index keeps Devanagari words whole
