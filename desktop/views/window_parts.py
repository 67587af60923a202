"""Parts of the main window kept apart (`desktop.views.main_window`): the words for a
folder not set up, the district office's name, the screens' shortcuts."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.enums import InstitutionType

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def page_shortcut(i: int) -> str | None:
    """Ctrl+1 ... Ctrl+9 for the first nine screens, Ctrl+0 for the tenth."""
    if i < 9:
        return f"Ctrl+{i + 1}"
    return "Ctrl+0" if i == 9 else None


def not_set_up_text(data_dir: Path) -> str:
    """What to tell the user when the data folder has no institution yet (rich text)."""
    where = html.escape(str(data_dir))
    types = ", ".join(t.value for t in InstitutionType)
    return (
        "<h2>This data folder is not set up yet</h2>"
        f"<p>No institution is recorded in <b>{where}</b>.</p>"
        "<p><b>To start using CLMS</b>, close this window and start CLMS Desktop again: "
        "the set-up assistant asks for your institution's details. "
        "Or set it up from a command prompt:</p>"
        f'<pre>clms --data-dir "{where}" init --name "NAME OF THE HOME" --type childrens-home '
        '--state 10 --district 212 --registration-no "REGISTRATION NUMBER"</pre>'
        f"<p><code>--type</code> is one of: {types}.<br>"
        "<code>--state</code> and <code>--district</code> are LGD codes "
        "(Bihar is 10, Patna is 212).</p>"
        "<p><b>To practise</b> with made-up children, use a separate practice folder, "
        "never the real one:</p>"
        '<pre>clms --data-dir practice init --name "Practice Home" --type childrens-home '
        "--state 10 --district 212 --registration-no PRACTICE\n"
        "clms --data-dir practice demo --children 200\n"
        "clms-desktop --data-dir practice</pre>"
    )


def office_name(session: Session) -> str | None:
    """The district office's name when this computer is one (None: it is not)."""
    from sync_client.office import office_district

    if office_district(session) is None:
        return None
    from sync_client.exchange import outbox as sync_outbox

    row = sync_outbox.own_key_row(session, role="district")
    return row.name if row is not None else "District office"
