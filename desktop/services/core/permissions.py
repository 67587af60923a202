"""Who may do what, and where: roles, permissions and area scopes, checked in the services.

Every write runs inside `audit.audited(session, ACTION, child=...)` and every read of a
full child record goes through `audit.record_access(...)`; both call `check_action`,
which looks the action up in `ACTIONS` (an unknown action is refused, so a new service
action cannot slip through unchecked: add it to `ACTIONS` or call `register_action`),
checks the actor's role has the permission, and that the child is inside the actor's
area. Work with no audited block (lists, bulk export, user management, sync settings)
calls `require(session, Permission.X)` itself.

`SYSTEM` (rule runs, imports from the command line before users exist, sync apply) may
do everything everywhere.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from desktop.models import Child, Flag, Institution
from desktop.models.enums import Role
from desktop.services.core.context import SYSTEM, Actor, actor_of
from desktop.services.core.errors import PermissionDenied


class Permission(StrEnum):
    """One kind of thing a role may do."""

    VIEW = "view"  # lists, search and a child's full record
    EDIT_CASE = "edit_case"  # register and update cases, visits, documents, notes...
    APPROVE = "approve"  # category changes and adoption recommendations/stages
    PRINT = "print"  # print or save one child's papers
    EXPORT = "export"  # export all children to a file
    IMPORT = "import"  # import registers or records
    FLAG_ACK = "flag_ack"  # acknowledge or escalate a review flag
    MANAGE_USERS = "manage_users"
    SYNC_SETTINGS = "sync_settings"
    SETUP = "setup"  # set up this install's institution
    VIEW_AUDIT = "view_audit"
    SEE_AADHAAR = "see_aadhaar"  # even masked, Aadhaar is only shown to these roles
    SEE_PHOTO = "see_photo"
    BACKUP = "backup"  # choose the backup folder, back up now, restore from a backup
    # Child labour (CLTS): who may read a rescued child's identifiable CLTS data (employer,
    # FIR, household, bank account). Case staff and DCPU officers; others get counts.
    SEE_CLTS = "see_clts"
    CPMIS_ENTER = "cpmis_enter"  # fill in a CPMIS monthly return (draft)
    CPMIS_SUBMIT = "cpmis_submit"  # submit (sign) a return, or make a correction of one
    CPMIS_REVIEW = "cpmis_review"  # accept or return a body's return; consolidate a quarter


_CCI_WORK = frozenset(
    {
        Permission.VIEW,
        Permission.EDIT_CASE,
        Permission.PRINT,
        Permission.FLAG_ACK,
        Permission.SEE_AADHAAR,
        Permission.SEE_PHOTO,
        Permission.SEE_CLTS,
        Permission.CPMIS_ENTER,
    }
)
_OVERSIGHT = frozenset(
    {Permission.VIEW, Permission.PRINT, Permission.FLAG_ACK, Permission.VIEW_AUDIT}
)
# The district office enters the CWC's and JJB's returns and reviews the CCIs' returns.
_CPMIS_DISTRICT = frozenset(
    {Permission.CPMIS_ENTER, Permission.CPMIS_SUBMIT, Permission.CPMIS_REVIEW}
)

_NOT_AT_AN_OFFICE = frozenset(
    {Permission.EDIT_CASE, Permission.APPROVE, Permission.SEE_AADHAAR, Permission.SEE_PHOTO}
)

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.CASEWORKER: _CCI_WORK,
    Role.SUPERINTENDENT: _CCI_WORK
    | {
        Permission.APPROVE,
        Permission.EXPORT,
        Permission.IMPORT,
        Permission.MANAGE_USERS,
        Permission.SYNC_SETTINGS,
        Permission.SETUP,
        Permission.VIEW_AUDIT,
        Permission.BACKUP,
        Permission.CPMIS_SUBMIT,
    },
    # District mode: read-only across the district's CCIs, plus flag follow-up (and CPMIS).
    Role.DISTRICT_OFFICIAL: _OVERSIGHT | _CPMIS_DISTRICT | {Permission.SEE_CLTS},  # DCPU officers
    Role.STATE_OFFICIAL: _OVERSIGHT | {Permission.CPMIS_REVIEW},
    # The install's technical owner (and the command line before any user exists).
    Role.ADMINISTRATOR: frozenset(Permission),
    # A district office's staff (issue 17). Nobody there changes a child's record (the
    # records are the CCIs'), and Aadhaar and photos are never shown above a CCI.
    Role.DCPO: frozenset(Permission) - _NOT_AT_AN_OFFICE,
    Role.PROTECTION_OFFICER: frozenset(
        {Permission.VIEW, Permission.PRINT, Permission.FLAG_ACK, Permission.SEE_CLTS}
    ),
    Role.DATA_ENTRY: frozenset({Permission.IMPORT, Permission.CPMIS_ENTER}),
}
OFFICE_ROLES = frozenset({Role.DCPO, Role.PROTECTION_OFFICER, Role.DATA_ENTRY})

# Every audited action (and every record_access action) and what it needs. None: anyone
# logged in (their own login bookkeeping). An action may carry a suffix after a space or
# colon ("acknowledge_flag R03", "delete_visit: wrong date", "printed case summary").
ACTIONS: dict[str, Permission | None] = {
    # children.py
    "register_child": Permission.EDIT_CASE,
    "update_child": Permission.EDIT_CASE,
    # Closing a case is the superintendent's decision; a caseworker asks (approvals.py).
    "discharge": Permission.APPROVE,
    "transfer": Permission.APPROVE,
    # sync_client/transfers/packets.py: taking in a child transferred from another CCI (issue 20)
    "admit_transfer": Permission.APPROVE,
    # merge.py: two records of one child become one (the superintendent's decision)
    "merge_child": Permission.APPROVE,
    "unmerge_child": Permission.APPROVE,  # undoing a merge (issue 20)
    # casework.py
    "add_guardian": Permission.EDIT_CASE,
    "set_guardian_life_status": Permission.EDIT_CASE,
    "log_visit": Permission.EDIT_CASE,
    "delete_visit": Permission.EDIT_CASE,
    "set_document_status": Permission.EDIT_CASE,
    "attach_scan": Permission.EDIT_CASE,
    "set_photo": Permission.EDIT_CASE,
    "record_order": Permission.EDIT_CASE,
    "record_sir": Permission.EDIT_CASE,
    "record_icp": Permission.EDIT_CASE,
    "add_note": Permission.EDIT_CASE,
    "change_category": Permission.APPROVE,
    "move_adoption_stage": Permission.APPROVE,
    # edits.py: corrections of records entered wrongly
    "update_guardian": Permission.EDIT_CASE,
    "update_visit": Permission.EDIT_CASE,
    "update_order": Permission.EDIT_CASE,
    "update_document": Permission.EDIT_CASE,
    "update_sir": Permission.EDIT_CASE,
    "update_icp": Permission.EDIT_CASE,
    "update_note": Permission.EDIT_CASE,
    "correct_adoption_stage": Permission.APPROVE,  # stage dates start legal clocks
    # corrections.py: decisions entered wrongly (the superintendent's, as the decisions)
    "correct_category_change": Permission.APPROVE,
    "correct_exit": Permission.APPROVE,
    "correct_transfer": Permission.APPROVE,
    # approvals.py: a caseworker asks, the superintendent approves or returns
    "request_approval": Permission.EDIT_CASE,  # "request_approval category_change"...
    "withdraw_request": Permission.EDIT_CASE,
    "approve_request": Permission.APPROVE,
    "return_request": Permission.APPROVE,
    # backup.py
    "backup_settings": Permission.BACKUP,
    "backup": Permission.BACKUP,
    "restore_backup": Permission.BACKUP,
    # flags.py
    "acknowledge_flag": Permission.FLAG_ACK,
    "escalate_flag": Permission.FLAG_ACK,
    "resolve_flag": Permission.EDIT_CASE,
    # institution.py
    "setup_institution": Permission.SETUP,
    "update_institution": Permission.SETUP,
    # users.py
    "create_user": Permission.MANAGE_USERS,
    "reset_password": Permission.MANAGE_USERS,
    "unlock_user": Permission.MANAGE_USERS,
    "activate_user": Permission.MANAGE_USERS,
    "deactivate_user": Permission.MANAGE_USERS,
    "change_password": None,
    "login": None,
    "login_failed": None,
    # reads of a full record (audit.record_access)
    "opened": Permission.VIEW,  # "opened profile"
    "viewed": Permission.VIEW,
    "printed": Permission.PRINT,  # "printed case summary", "printed form 17"...
    "saved": Permission.PRINT,  # "saved case summary as PDF"
    "exported": Permission.PRINT,  # one child's record to a file
    # exporter.py (bulk; each also needs require(EXPORT) before anything is written)
    "export_all": Permission.EXPORT,
    # sync settings and runs
    "sync_settings": Permission.SYNC_SETTINGS,
    "sync": Permission.SYNC_SETTINGS,
    # a district office (sync_client.district.mode)
    "district_import": Permission.IMPORT,  # CCI bundles taken in from a stick
    "district_child_view_refused": None,  # someone tried to open another district's child
}

_WHAT = {
    Permission.VIEW: "see children's records",
    Permission.EDIT_CASE: "change children's records",
    Permission.APPROVE: "approve category changes or adoption steps",
    Permission.PRINT: "print or save children's papers",
    Permission.EXPORT: "export all children",
    Permission.IMPORT: "import registers or CCI bundles",
    Permission.FLAG_ACK: "acknowledge or escalate review flags",
    Permission.MANAGE_USERS: "manage user accounts",
    Permission.SYNC_SETTINGS: "change sync settings",
    Permission.SETUP: "set up the institution",
    Permission.VIEW_AUDIT: "read the audit trail",
    Permission.SEE_AADHAAR: "see Aadhaar numbers",
    Permission.SEE_PHOTO: "see children's photos",
    Permission.BACKUP: "make or restore backups",
    Permission.SEE_CLTS: "see rescued children's child-labour case details (only the counts)",
    Permission.CPMIS_ENTER: "fill in CPMIS returns",
    Permission.CPMIS_SUBMIT: "submit or correct CPMIS returns",
    Permission.CPMIS_REVIEW: "accept, return or consolidate CPMIS returns",
}


def register_action(name: str, permission: Permission | None) -> None:
    """Declare a new audited action (for modules of other areas, at import time)."""
    ACTIONS[name] = permission


def action_permission(action: str) -> Permission | None:
    """The permission an action needs; PermissionDenied for an action nobody declared."""
    if action in ACTIONS:
        return ACTIONS[action]
    for sep in (" ", ":"):
        head = action.split(sep, 1)[0]
        if head in ACTIONS:
            return ACTIONS[head]
    raise PermissionDenied(
        f"The action '{action}' is not in the permission table "
        "(desktop.services.core.permissions.ACTIONS); it is refused until it is added there."
    )


def has(actor: Actor, permission: Permission) -> bool:
    """Whether the actor's role includes this permission."""
    return actor is SYSTEM or permission in ROLE_PERMISSIONS.get(actor.role, frozenset())


def can_see(actor: Actor, field: str) -> bool:
    """Whether a sensitive field ("aadhaar", "photo") may be shown to this actor at all."""
    perm = {"aadhaar": Permission.SEE_AADHAAR, "photo": Permission.SEE_PHOTO}.get(field)
    return True if perm is None else has(actor, perm)


def _role_name(actor: Actor) -> str:
    return actor.role.replace("_", " ")


def require(session: Session, permission: Permission) -> Actor:
    """The session's actor, if their role has this permission; else PermissionDenied."""
    actor = actor_of(session)
    if not has(actor, permission):
        raise PermissionDenied(
            f"A {_role_name(actor)} cannot {_WHAT[permission]}. "
            "Ask your superintendent if you need this."
        )
    return actor


def in_scope(actor: Actor, inst: Institution) -> bool:
    """Whether an institution is inside the actor's area."""
    if actor.institution_id is not None and inst.id != actor.institution_id:
        return False
    if actor.state is not None and inst.state_code != actor.state:
        return False
    return not actor.districts or inst.district_code in actor.districts


def check_child(session: Session, child: Child) -> None:
    """Refuse a child outside the actor's area (another institution or district)."""
    actor = actor_of(session)
    if actor is SYSTEM or child.institution_id is None:
        return
    inst = session.get(Institution, child.institution_id)
    if inst is not None and not in_scope(actor, inst):
        raise PermissionDenied(
            f"Child {child.code or ''} belongs to {inst.name}, outside your area."
        )


def check_action(session: Session, action: str, child: Child | None) -> None:
    """The check `audited` and `record_access` make before an action runs."""
    actor = actor_of(session)
    if actor is SYSTEM:
        return
    permission = action_permission(action)
    if permission is not None:
        require(session, permission)
    if child is not None:
        check_child(session, child)


def scoped_institution_ids(session: Session) -> list[int] | None:
    """The institutions the actor may see, or None when nothing limits them."""
    actor = session.info.get("actor")
    if not isinstance(actor, Actor) or actor is SYSTEM:
        return None
    if actor.institution_id is None and actor.state is None and not actor.districts:
        return None
    return [inst.id for inst in session.scalars(select(Institution)) if in_scope(actor, inst)]


def scope_sql(session: Session, column: str = "institution_id") -> str:
    """An SQL condition keeping the actor's area ("" when it holds every institution here).

    For counts written in SQL: on a CCI's own database nothing is added, so they stay
    index-only; in a district database a CCI's staff count only their own children.
    """
    ids = area_institution_ids(session)
    if ids is None:
        return ""
    return f"{column} IN ({', '.join(str(int(i)) for i in ids) or 'NULL'})"


def area_institution_ids(session: Session) -> list[int] | None:
    """The institutions of the actor's area, or None when that is every one in this database
    (a CCI's own database): then nothing needs adding to a query."""
    ids = scoped_institution_ids(session)
    if ids is None or set(session.scalars(select(Institution.id))) <= set(ids):
        return None
    return ids


def flag_scope(session: Session) -> ColumnElement[bool]:
    """A WHERE condition on Flag keeping only the flags of children in the actor's area."""
    ids = area_institution_ids(session)
    if ids is None:
        return true()
    return Flag.child_id.in_(select(Child.id).where(Child.institution_id.in_(ids)))


def scope_filter(session: Session) -> ColumnElement[bool]:
    """A WHERE condition on Child keeping only the children in the actor's area (for lists)."""
    ids = scoped_institution_ids(session)
    return true() if ids is None else Child.institution_id.in_(ids)
