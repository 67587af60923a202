"""Is this install a district office? Its district and state codes, read from the settings.

Kept apart from `sync_client.district` (which brings central's merge and reports, the
bundle format and HTTP) so that the window's start-up can ask without loading any of it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.models import Setting

DISTRICT_SETTING = "sync.district_code"
STATE_SETTING = "sync.district_state_code"


def office_state(session: Session) -> int | None:
    """The state code of this district office (None: not recorded)."""
    row = session.get(Setting, STATE_SETTING)
    return int(row.value) if row is not None and row.value else None


def office_district(session: Session) -> int | None:
    """The district code of this office (None: this install is not a district office)."""
    row = session.get(Setting, DISTRICT_SETTING)
    return int(row.value) if row is not None and row.value else None
