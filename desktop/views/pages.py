"""The screens of the main window: which module and class each is, who may see it.

A CCI's computer has `PAGES`; a district office's (issue 17) has `DISTRICT_PAGES`. Each
screen's module is imported the first time it shows, so the window opens fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.enums import Role


@dataclass(frozen=True)
class PageSpec:
    """One screen reachable from the navigation: imported and built the first time it shows."""

    key: str
    title: str
    module: str
    cls: str
    roles: tuple[str, ...] = ()  # empty: everyone


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", "Dashboard", "desktop.views.overview.dashboard", "DashboardPage"),
    PageSpec("children", "Children", "desktop.views.children.page", "ChildrenPage"),
    PageSpec("review", "Review queue", "desktop.views.review.queue", "ReviewQueuePage"),
    PageSpec(
        "approvals",
        "Approvals",
        "desktop.views.admin.approvals_page",
        "ApprovalsPage",
        (Role.SUPERINTENDENT.value, Role.ADMINISTRATOR.value),
    ),
    PageSpec("adoption", "Adoption", "desktop.views.overview.adoption_board", "AdoptionBoardPage"),
    PageSpec("clts", "Child labour", "desktop.views.clts.cases_page", "CltsCasesPage"),
    PageSpec("print", "Print", "desktop.views.printing", "PrintPage"),
    PageSpec("cpmis", "CPMIS returns", "desktop.views.cpmis.cci_page", "CpmisPage"),
    PageSpec("sync", "Sync", "desktop.views.sync.page", "SyncPage"),
    PageSpec("settings", "Settings", "desktop.views.admin.settings_page", "SettingsPage"),
    PageSpec(
        "users",
        "Users",
        "desktop.views.admin.users_page",
        "UsersPage",
        (Role.SUPERINTENDENT.value, Role.ADMINISTRATOR.value),
    ),
    PageSpec(
        "audit",
        "Audit trail",
        "desktop.views.admin.audit_page",
        "AuditPage",
        (Role.SUPERINTENDENT.value, Role.ADMINISTRATOR.value),
    ),
    # Issue 20: children transferred here with their record, and those sent from here.
    PageSpec("transfers", "Transfers", "desktop.views.sync.transfers_page", "TransfersPage"),
)

# A district office's computer (issue 17): the district's screens, not a CCI's.
# Who sees which district screen (issue 17): the DCPO runs the office like its administrator,
# a protection officer follows up flags, data entry takes in bundles and types CPMIS returns.
_OFFICE_ADMIN = (Role.SUPERINTENDENT.value, Role.ADMINISTRATOR.value, Role.DCPO.value)
_OFFICE_REVIEW = (*_OFFICE_ADMIN, Role.PROTECTION_OFFICER.value, Role.DISTRICT_OFFICIAL.value)
_OFFICE_CPMIS = (*_OFFICE_ADMIN, Role.DATA_ENTRY.value, Role.DISTRICT_OFFICIAL.value)
DISTRICT_PAGES: tuple[PageSpec, ...] = (
    PageSpec("district", "CCIs of the district", "desktop.views.district.page", "DistrictPage"),
    PageSpec(
        "district_queue",
        "Review queue",
        "desktop.views.district.queue",
        "DistrictQueuePage",
        _OFFICE_REVIEW,
    ),
    PageSpec(
        "district_dashboard",
        "District dashboard",
        "desktop.views.district.dashboard",
        "DistrictDashboardScreen",
    ),
    PageSpec(
        "district_identity",
        "One child, two homes",
        "desktop.views.district.identity",
        "DistrictIdentityPage",
        _OFFICE_REVIEW,
    ),
    PageSpec(
        "district_cpmis",
        "CPMIS (district)",
        "desktop.views.cpmis.district",
        "DistrictCpmisScreen",
        _OFFICE_CPMIS,
    ),
    PageSpec(
        "users",
        "Users",
        "desktop.views.admin.users_page",
        "UsersPage",
        _OFFICE_ADMIN,
    ),
    PageSpec(
        "audit",
        "Audit trail",
        "desktop.views.admin.audit_page",
        "AuditPage",
        _OFFICE_ADMIN,
    ),
)
