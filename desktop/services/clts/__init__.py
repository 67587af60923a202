"""Child labour (CLTS): rescue cases, households, the compensation ledger, entitlements,
follow-ups, the card's token, the quarterly report and the register import.

Every write is an audited action on the child (so the review flags are evaluated again);
identifiable CLTS data is read only by roles with `Permission.SEE_CLTS` (`access.py`).
"""

from desktop.services.core.permissions import Permission, register_action

# The audited actions of this package and what each needs (see core.permissions).
for _action in (
    "clts_open_case",
    "clts_update_case",
    "clts_close_case",
    "clts_household",
    "clts_member",
    "clts_compensation",
    "clts_entitlement",
    "clts_follow_up",
    "clts_refresh",
    "clts_card_issued",
):
    register_action(_action, Permission.EDIT_CASE)
