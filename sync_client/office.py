"""Is this install a district office? (see desktop.services.install.office)

Kept apart from `sync_client.district.mode` (which brings central's merge and reports, the
bundle format and HTTP) so that the window's start-up can ask without loading any of it.
"""

from __future__ import annotations

from desktop.services.install.office import (
    DISTRICT_SETTING,
    STATE_SETTING,
    office_district,
    office_state,
)

__all__ = ["DISTRICT_SETTING", "STATE_SETTING", "office_district", "office_state"]
