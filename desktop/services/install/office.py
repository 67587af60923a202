"""Is this install a district office? Its district and state codes, kept in the settings by
the office's set-up (`sync_client.district.mode.setup_office`).

Light on purpose: the window's start-up and the login ask it without loading sync.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.core.first_page import DISTRICT_SETTING
from desktop.models import Setting

__all__ = ["DISTRICT_SETTING", "STATE_SETTING", "office_district", "office_state"]

STATE_SETTING = "sync.district_state_code"


def office_state(session: Session) -> int | None:
    """The state code of this district office (None: not recorded)."""
    row = session.get(Setting, STATE_SETTING)
    return int(row.value) if row is not None and row.value else None


def office_district(session: Session) -> int | None:
    """The district code of this office (None: this install is not a district office)."""
    row = session.get(Setting, DISTRICT_SETTING)
    return int(row.value) if row is not None and row.value else None
